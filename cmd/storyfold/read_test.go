package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/ingest"
)

// TestMaxSizeFlag checks that a --max-size of 0 or less is a usage error
// (exit 2, with a message), not the default in silence, in every command
// that reads.
func TestMaxSizeFlag(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, tt := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"analyze zero", []string{"analyze", "--max-size", "0", "examples/ukraine-talks"}, 2, "-max-size: must be positive"},
		{"analyze negative", []string{"analyze", "--max-size=-1", "examples/ukraine-talks"}, 2, "-max-size: must be positive"},
		{"extract zero", []string{"extract", "--max-size", "0", "README.md"}, 2, "-max-size: must be positive"},
		{"ingest negative", []string{"ingest", "--db", db, "--max-size", "-100", "examples/ukraine-talks"}, 2, "-max-size: must be positive"},
		{"not a number", []string{"analyze", "--max-size", "10MB", "examples/ukraine-talks"}, 2, "not a whole number of bytes"},
		{"positive", []string{"extract", "--max-size", "1000000", "README.md"}, 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := run(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, firstLine(errOut), tt.code, tt.msg)
			}
		})
	}
}

func TestPositiveSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1", 1, true}, {" 2048 ", 2048, true}, {"0", 0, false}, {"-1", 0, false}, {"1e6", 0, false}, {"", 0, false},
	} {
		t.Run(tt.in, func(t *testing.T) {
			var s positiveSize
			err := s.Set(tt.in)
			if (err == nil) != tt.ok || tt.ok && int64(s) != tt.want {
				t.Errorf("Set(%q) = %d, %v; want %d, ok %v", tt.in, s, err, tt.want, tt.ok)
			}
		})
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func TestProblemShape(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"bad JSON: invalid character 'o' looking for beginning of object key string at byte 2", "bad JSON: invalid character 'x' looking for beginning of object key string at byte 17", true},
		{`element 3: field "text" is a number, not a string; skipped`, `element 12: field "text" is a number, not a string; skipped`, true},
		{`cannot read date "yesterday"; left unknown`, `cannot read date "2025-13-45"; left unknown`, true},
		{"line longer than the 10.0 MB limit (--max-size)", "bad JSON: unexpected end of JSON input", false},
		{`field "text" is a number`, `field "title" is a number`, true}, // quoted parts name content, and may
	} {
		t.Run(tt.a, func(t *testing.T) {
			if got := problemShape(tt.a) == problemShape(tt.b); got != tt.same {
				t.Errorf("%q and %q: same kind %v, want %v (%q, %q)", tt.a, tt.b, got, tt.same, problemShape(tt.a), problemShape(tt.b))
			}
		})
	}
}

// TestMessagesFold checks that repeated problems are folded (issue 14,
// finding 3: a gzip of bad lines wrote one line per line, 13.7 GB): the
// first few of each kind in a file are printed with their line, and the
// rest counted in one line per kind.
func TestMessagesFold(t *testing.T) {
	type report struct {
		path string
		line int
		msg  string
		warn bool
	}
	bad := func(path string, n int, msg func(i int) string) []report {
		var out []report
		for i := 1; i <= n; i++ {
			out = append(out, report{path, i, msg(i), false})
		}
		return out
	}
	jsonErr := func(i int) string { return fmt.Sprintf("bad JSON: invalid character 'o' at byte %d", i%7) }
	for _, tt := range []struct {
		name    string
		reports []report
		lines   int
		want    []string
	}{
		{"few", bad("a.jsonl", 3, jsonErr), 3, []string{"a.jsonl:3: bad JSON"}},
		{"many of one kind", bad("a.jsonl", 100000, jsonErr), shownPerKind + 1,
			[]string{"a.jsonl:5: bad JSON", `storyfold: a.jsonl: 99,995 more lines like "line 1: bad JSON: invalid character 'o' at byte 1"`}},
		{"two files", append(bad("a.jsonl", 10, jsonErr), bad("b.jsonl", 10, jsonErr)...), 2 * (shownPerKind + 1),
			[]string{"a.jsonl: 5 more lines like", "b.jsonl: 5 more lines like"}},
		{"two kinds", append(bad("a.jsonl", 10, jsonErr), bad("a.jsonl", 10, func(int) string { return "no \"text\" or \"html\" field" })...), 2 * (shownPerKind + 1),
			[]string{`a.jsonl: 5 more lines like "line 1: no \"text\" or \"html\" field"`}},
		{"every line its own kind", bad("a.jsonl", 1000, func(i int) string { return strings.Repeat("x", i%100+1) }), kindsPerFile*(shownPerKind+1) + shownPerKind + 1,
			[]string{"a.jsonl: 835 more lines of other kinds, the first"}},
		{"warnings apart", []report{{"a.txt", 0, "not valid UTF-8; read as Windows-1252", true}, {"a.txt", 0, "not valid UTF-8; read as Windows-1252", false}}, 2,
			[]string{"storyfold: warning: a.txt: not valid UTF-8", "storyfold: a.txt: not valid UTF-8"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			m := &messages{out: &out}
			for _, r := range tt.reports {
				m.problem(&ingest.Problem{Path: r.path, Line: r.line, Msg: r.msg, Warning: r.warn})
			}
			m.flush()
			text := out.String()
			if n := strings.Count(text, "\n"); n != tt.lines {
				t.Errorf("%d lines, want %d:\n%s", n, tt.lines, text)
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("output lacks %q:\n%s", w, text)
				}
			}
			if m.errors+m.warnings != len(tt.reports) {
				t.Errorf("counted %d problems, want %d", m.errors+m.warnings, len(tt.reports))
			}
		})
	}
}

// TestOriginProblem checks that a problem named by an article's origin
// ("path:line") is reported by its file and line, so it folds with the
// file's other problems.
func TestOriginProblem(t *testing.T) {
	var out strings.Builder
	m := &messages{out: &out}
	for i := 1; i <= 10; i++ {
		m.originProblem(fmt.Sprintf("dir/a.jsonl:%d", i), "no article text left after cleaning", false)
	}
	m.originProblem("feed.xml, item 3", "no article text left after cleaning", false)
	m.flush()
	if !strings.Contains(out.String(), `dir/a.jsonl: 5 more lines like "line 1: no article text left after cleaning"`) || !strings.Contains(out.String(), "feed.xml, item 3: no article") {
		t.Errorf("output:\n%s", out.String())
	}
}

// writeJSONL writes n short articles, ids from first, to a JSON Lines file.
func writeJSONL(t *testing.T, path string, first, n int) {
	t.Helper()
	var b strings.Builder
	for i := first; i < first+n; i++ {
		fmt.Fprintf(&b, `{"id":"a%d","source":"s%d","title":"Title %d","text":"Article %d says the council met on day %d."}`+"\n", i, i%7, i, i, i)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReadBatches checks that input is handed on in bounded batches, in
// the order of the files and of their lines whatever the scheduling, and
// that a failing batch stops the reading.
func TestReadBatches(t *testing.T) {
	dir := t.TempDir()
	writeJSONL(t, filepath.Join(dir, "1.jsonl"), 0, 700)
	writeJSONL(t, filepath.Join(dir, "2.jsonl"), 700, 3)
	writeJSONL(t, filepath.Join(dir, "3.jsonl"), 703, 497)
	for _, tt := range []struct {
		name   string
		limits batchLimits
		sizes  string
		failAt int
	}{
		{"articles", ingestBatch, "500,500,200", 0},
		{"bytes", batchLimits{bytes: 40000}, "761,439", 0},
		{"unbounded", batchLimits{}, "1200", 0},
		{"stop on failure", batchLimits{articles: 100}, "100,100", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var sizes []string
			next := 0
			errStop := errors.New("stop")
			err := readBatches(context.Background(), []string{dir}, readOptions{fetch: fetchFlags{noFetch: true}}, tt.limits, &progress{}, &messages{out: io.Discard}, func(b []storyfold.Article) error {
				sizes = append(sizes, strconv.Itoa(len(b)))
				for _, a := range b {
					if a.ID != fmt.Sprintf("a%d", next) {
						t.Fatalf("article %s where a%d should be", a.ID, next)
					}
					next++
				}
				if len(sizes) == tt.failAt {
					return errStop
				}
				return nil
			})
			if got := strings.Join(sizes, ","); got != tt.sizes {
				t.Errorf("batches %s, want %s", got, tt.sizes)
			}
			if (tt.failAt > 0) != errors.Is(err, errStop) || tt.failAt == 0 && err != nil {
				t.Errorf("error %v", err)
			}
		})
	}
}

// TestFolder checks that content is folded across batches: the same
// content or URL is read once, and an ID taken by other content renamed.
func TestFolder(t *testing.T) {
	f := newFolder()
	m := &messages{out: io.Discard}
	one := f.fold([]storyfold.Article{{ID: "a", Hash: "h1"}, {ID: "b", Hash: "h2", URL: "https://x.example/1"}}, m)
	two := f.fold([]storyfold.Article{{ID: "c", Hash: "h1"}, {ID: "d", Hash: "h3", URL: "https://x.example/1"}, {ID: "a", Hash: "h4"}, {ID: "e", Hash: "h5"}}, m)
	var ids []string
	for _, a := range append(one, two...) {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, ","); got != "a,b,a-2,e" || f.same != 2 {
		t.Errorf("kept %s, %d folded; want a,b,a-2,e and 2", got, f.same)
	}
}

// TestFolderFresh checks that an article read twice word for word is
// dropped before it is prepared, whatever its ID and URL, and that the
// same text from another outlet or under another title is kept.
func TestFolderFresh(t *testing.T) {
	f := newFolder()
	m := &messages{out: io.Discard}
	raw := []storyfold.Article{
		{ID: "a", Source: "Planet", Title: "T", Text: "Body."},
		{ID: "b", Source: "planet", Title: "T", Text: "Body.", URL: "https://x.example/b"},
		{ID: "c", Source: "Other", Title: "T", Text: "Body."},
		{ID: "d", Source: "Planet", Title: "T2", Text: "Body."},
	}
	first := f.fresh(raw, m)
	again := f.fresh([]storyfold.Article{{ID: "e", Source: "Planet", Title: "T", Text: "Body."}}, m)
	var ids []string
	for _, a := range append(first, again...) {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, ","); got != "a,c,d" || f.same != 2 {
		t.Errorf("kept %s, %d folded; want a,c,d and 2", got, f.same)
	}
}
