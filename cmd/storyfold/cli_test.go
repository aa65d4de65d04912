package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUsageErrors checks that a mistake on the command line is said in
// one line naming it, with exit status 2, not the whole usage (issue 16,
// point 5).
func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"threshold above 1", []string{"analyze", "--threshold", "2", "examples/ukraine-talks"}, "-threshold: must be between 0 and 1"},
		{"threshold below 0", []string{"ingest", "--db", "x.db", "--threshold=-0.1", "examples/ukraine-talks"}, "-threshold: must be between 0 and 1"},
		{"negative window", []string{"analyze", "--window", "-3", "examples/ukraine-talks"}, "-window: must be 0 or more days"},
		{"serve without --db", []string{"serve"}, "storyfold serve: --db FILE|URL is required"},
		{"ingest without --db", []string{"ingest", "examples/ukraine-talks"}, "storyfold ingest: --db FILE|URL (or --queue nats://HOST:PORT) is required"},
		{"ingest without input", []string{"ingest", "--db", "x.db"}, "a PATH, a URL or --urls FILE is required"},
		{"stories without --db", []string{"stories"}, "storyfold stories: --db FILE|URL is required"},
		{"watch without feeds", []string{"watch", "--db", "x.db"}, "--feeds FILE is required"},
		{"analyze without input", []string{"analyze"}, "storyfold analyze: a PATH"},
		{"unknown flag", []string{"analyze", "--bogus"}, "flag provided but not defined: -bogus"},
		{"bad format", []string{"analyze", "--format", "xml", "examples/ukraine-talks"}, "storyfold analyze:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := run(t, tc.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			lines := strings.Split(strings.TrimSpace(errOut), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], tc.want) || !strings.Contains(lines[0], " -h'") {
				t.Errorf("stderr %q, want one line with %q and a pointer to -h", errOut, tc.want)
			}
		})
	}
	// -h still prints the flags.
	if _, errOut, _ := run(t, "serve", "-h"); !strings.Contains(errOut, "Flags:") || !strings.Contains(errOut, "-outlets") {
		t.Errorf("serve -h:\n%s", errOut)
	}
}

// TestProgressLines checks that --progress, with stderr not a terminal,
// gives a line per stage, grouping and storing included, with counts in
// the right number; and that no flag gives none.
func TestProgressLines(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"analyze", []string{"analyze", "--progress", "examples/ukraine-talks"}, []string{"storyfold: reading: 5 files in ", "storyfold: cleaning: 5 articles in ", "storyfold: grouping: 5 articles in ", "storyfold: reconciling: 1 story in "}},
		{"ingest", []string{"ingest", "--progress", "--db", db, "examples/ukraine-talks"}, []string{"storyfold: cleaning: 5 articles in ", "storyfold: storing: 5 articles in ", "1 story updated"}},
		{"no flag", []string{"analyze", "examples/ukraine-talks"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := run(t, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if tc.want == nil && strings.Contains(errOut, " in ") {
				t.Errorf("progress lines without --progress:\n%s", errOut)
			}
		})
	}
}

// TestOutletsFlag checks that --outlets attaches the list's facts to the
// articles of the outlets it names, and that a bad list is refused with
// its line.
func TestOutletsFlag(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("domain,kind\nexample.com,tabloid\n"), 0o644)
	out, errOut, code := run(t, "analyze", "--format", "json", "--outlets", "examples/ukraine-talks-outlets.csv", "examples/ukraine-talks")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var an struct {
		Articles []struct {
			ID         string `json:"id"`
			OutletInfo *struct {
				Name     string `json:"name"`
				Language string `json:"language"`
			} `json:"outlet_info"`
		} `json:"articles"`
	}
	if err := json.Unmarshal([]byte(out), &an); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, a := range an.Articles {
		if a.OutletInfo != nil {
			found++
			if a.ID != "002_2f982ed942a4fc52" || a.OutletInfo.Name != "Today's Esquire" || a.OutletInfo.Language != "en" {
				t.Errorf("%s: outlet_info %+v", a.ID, *a.OutletInfo)
			}
		}
	}
	if found != 1 {
		t.Errorf("%d articles with outlet facts, want 1 (the one article naming its outlet)", found)
	}
	_, errOut, code = run(t, "analyze", "--outlets", bad, "examples/ukraine-talks")
	if code != 1 || !strings.Contains(errOut, `line 2: kind "tabloid"`) {
		t.Errorf("bad list: exit %d, stderr %q", code, errOut)
	}
}

// TestContractFieldsPresent decodes the example's JSON and checks that the
// contract's fields are there even when empty (issue 16, point 5: byline,
// meta and a variant's diff vanished when empty).
func TestContractFieldsPresent(t *testing.T) {
	out, errOut, code := run(t, "analyze", "--format", "json", "examples/ukraine-talks")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var an struct {
		Articles []map[string]json.RawMessage `json:"articles"`
		Stories  []struct {
			Quotes []struct {
				Variants []map[string]json.RawMessage `json:"variants"`
			} `json:"quotes"`
			Facts []map[string]json.RawMessage `json:"facts"`
		} `json:"stories"`
	}
	if err := json.Unmarshal([]byte(out), &an); err != nil {
		t.Fatal(err)
	}
	has := func(what string, o map[string]json.RawMessage, keys ...string) {
		for _, k := range keys {
			v, ok := o[k]
			if !ok {
				t.Errorf("%s lacks %q", what, k)
			} else if string(v) == "null" && k != "outlet_info" && k != "date" && k != "first" && k != "last" { // null: unknown
				t.Errorf("%s: %q is null", what, k)
			}
		}
	}
	for _, a := range an.Articles {
		has("article", a, "id", "url", "source", "title", "byline", "date", "dateline", "language", "text", "meta", "origin", "agencies", "hash", "outlet_info")
	}
	variants := 0
	for _, s := range an.Stories {
		for _, q := range s.Quotes {
			for _, v := range q.Variants {
				variants++
				has("quote variant", v, "article", "text", "diff")
			}
		}
		for _, f := range s.Facts {
			has("fact", f, "omitted_by", "quantities")
		}
	}
	if variants == 0 {
		t.Error("the example has no quote variant to check")
	}
	var stories struct {
		Stories []map[string]json.RawMessage `json:"stories"`
	}
	if err := json.Unmarshal([]byte(out), &stories); err != nil {
		t.Fatal(err)
	}
	for _, s := range stories.Stories {
		has("story", s, "id", "headline", "articles", "sources", "first", "last", "summary", "facts", "quotes", "entities",
			"conflicts", "families", "exclusive", "timeline", "independent_sources", "outlets")
	}
}
