package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyfold/storyfold/internal/casefile"
)

// TestGoldenExample pins what `analyze examples/ukraine-talks` prints in
// each format, so that any change to the output is a diff to read in
// review. After a change meant to alter the output, rewrite the files with
// `go test ./cmd/storyfold -run Golden -update` and read the diff.
func TestGoldenExample(t *testing.T) {
	for _, tc := range []struct {
		format, file string
	}{
		{"json", "ukraine-talks.json"},
		{"text", "ukraine-talks.txt"},
		{"md", "ukraine-talks.md"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			out, errOut, code := run(t, "analyze", "--format", tc.format, "examples/ukraine-talks")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			path := filepath.Join("testdata", "golden", tc.file)
			if *casefile.Update {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if out != string(want) {
				t.Errorf("analyze --format %s differs from %s at line %d (run with -update and read the diff)", tc.format, path, firstDiffLine(out, string(want)))
			}
		})
	}
}

// firstDiffLine returns the first line, from 1, where two texts differ.
func firstDiffLine(a, b string) int {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}

// TestREADMESample checks that the sample report the README shows is what
// `analyze examples/ukraine-talks` prints: each of its lines is a line of
// the output, in order, and consecutive unless a line "..." stands
// between them for the lines left out.
func TestREADMESample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "The report (shortened")
	if !ok {
		t.Fatal("the README has no sample report")
	}
	_, rest, _ = strings.Cut(rest, "```\n")
	sample, _, ok := strings.Cut(rest, "```")
	if !ok || strings.TrimSpace(sample) == "" {
		t.Fatal("the README's sample report is not in a code block")
	}
	out, errOut, code := run(t, "analyze", "examples/ukraine-talks")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(out, "\n")
	at, gap := 0, false
	for n, want := range strings.Split(strings.TrimSuffix(sample, "\n"), "\n") {
		want = strings.TrimRight(want, " ")
		if strings.TrimSpace(want) == "..." {
			gap = true
			continue
		}
		found := -1
		for i := at; i < len(lines) && (gap || i == at); i++ {
			if strings.TrimRight(lines[i], " ") == want {
				found = i
				break
			}
		}
		if found < 0 {
			next := ""
			if at < len(lines) {
				next = lines[at]
			}
			t.Fatalf("README sample line %d is not what analyze prints there:\nREADME:  %q\nanalyze: %q\n(copy the output into the README, shortening it with lines \"...\")", n+1, want, next)
		}
		at, gap = found+1, false
	}
}
