package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// storyKeys writes each story as its ID, headline, independent sources
// and sorted articles, one a line, sorted: what must not depend on the
// command that grouped the articles.
func storyKeys(t *testing.T, js string) []string {
	t.Helper()
	var an storyfold.Analysis
	if err := json.Unmarshal([]byte(js), &an); err != nil {
		t.Fatalf("decode: %v", err)
	}
	keys := make([]string, 0, len(an.Stories))
	for _, s := range an.Stories {
		ids := append([]string(nil), s.Articles...)
		sort.Strings(ids)
		keys = append(keys, fmt.Sprintf("%s %q %d [%s]", s.ID, s.Headline, s.IndependentSources, strings.Join(ids, " ")))
	}
	sort.Strings(keys)
	return keys
}

// TestOneGrouping checks that analyze, which holds its input, and ingest,
// which stores it batch by batch, give the same stories (issue 16, point
// 6: BASIL gave 109 stories through analyze and 113 through ingest).
func TestOneGrouping(t *testing.T) {
	inputs := []struct{ name, path string }{
		{"example", "examples/ukraine-talks"},
	}
	if p := sharedPath("data/basil/articles.jsonl"); p != "" {
		inputs = append(inputs, struct{ name, path string }{"BASIL", p})
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			an, errOut, code := run(t, "analyze", "--no-progress", "--format", "json", in.path)
			if code != 0 {
				t.Fatalf("analyze: exit %d: %s", code, errOut)
			}
			db := filepath.Join(t.TempDir(), "s.db")
			if _, errOut, code := run(t, "ingest", "--no-progress", "--db", db, in.path); code != 0 {
				t.Fatalf("ingest: exit %d: %s", code, errOut)
			}
			st, errOut, code := run(t, "stories", "--db", db, "--format", "json")
			if code != 0 {
				t.Fatalf("stories: exit %d: %s", code, errOut)
			}
			a, b := storyKeys(t, an), storyKeys(t, st)
			if len(a) == 0 {
				t.Fatal("analyze gave no story")
			}
			if strings.Join(a, "\n") != strings.Join(b, "\n") {
				t.Errorf("analyze gives %d stories, ingest %d; they differ:\nanalyze:\n%s\ningest:\n%s", len(a), len(b), strings.Join(a, "\n"), strings.Join(b, "\n"))
			}
		})
	}
}
