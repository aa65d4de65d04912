package compare_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFrameCases runs the case files of testdata/frames: real excerpts of
// several articles, each opened by a line "-- ID --", and a "-- want --"
// section listing the facts of two articles or more that the story's
// account makes of them, each with its wordings. Claim frames align the wordings that share
// little but who did what to whom, and where. -update rewrites the want
// sections.
func TestFrameCases(t *testing.T) {
	files, err := filepath.Glob("testdata/frames/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			head, sections := splitCase(string(data))
			var raw [][3]string
			for _, s := range sections {
				if s[0] != "want" {
					raw = append(raw, [3]string{s[0], "Outlet " + s[0], strings.TrimSpace(s[1])})
				}
			}
			st := story(t, raw...)
			var b strings.Builder
			for _, f := range st.Facts {
				fmt.Fprintf(&b, "fact of %s\n", strings.Join(f.Articles, " "))
				for _, v := range f.Variants {
					fmt.Fprintf(&b, "  %s: %s\n", v.Article, v.Text)
				}
			}
			got := b.String()
			want := ""
			for _, s := range sections {
				if s[0] == "want" {
					want = s[1]
				}
			}
			if *update {
				var out strings.Builder
				out.WriteString(head)
				for _, s := range sections {
					if s[0] != "want" {
						fmt.Fprintf(&out, "-- %s --\n%s", s[0], s[1])
					}
				}
				fmt.Fprintf(&out, "-- want --\n%s", got)
				if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != want {
				t.Errorf("facts:\n%s\nwant:\n%s(run with -update to rewrite)", got, want)
			}
		})
	}
}

// splitCase splits a case file into its comment and its sections, each a
// name and its text.
func splitCase(data string) (string, [][2]string) {
	var sections [][2]string
	head := ""
	for i, part := range strings.Split("\n"+data, "\n-- ") {
		if i == 0 {
			head = strings.TrimPrefix(part, "\n") + "\n"
			continue
		}
		name, text, _ := strings.Cut(part, " --\n")
		if !strings.HasSuffix(text, "\n") && text != "" {
			text += "\n"
		}
		sections = append(sections, [2]string{name, text})
	}
	return head, sections
}
