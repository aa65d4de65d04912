package evaluate

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestSemEvalArticles reads the one annotated line of a tiny made-up pairs
// file the way eval quotes does: the article is the pair's side, in the
// pair's language, prepared and scored like any other; references that
// name no article are said in the error and left out.
func TestSemEvalArticles(t *testing.T) {
	f, err := os.Open("testdata/quotes-semeval.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type annotated struct {
		ID     string      `json:"id"`
		Source string      `json:"source"`
		Line   int         `json:"line"`
		Side   int         `json:"side"`
		Quotes []GoldQuote `json:"quotes"`
	}
	var golds []annotated
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var g annotated
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		if g.Source != SemEvalSource {
			t.Fatalf("source %q, want %q", g.Source, SemEvalSource)
		}
		golds = append(golds, g)
	}
	if len(golds) != 1 {
		t.Fatalf("%d annotated lines, want 1", len(golds))
	}
	tests := []struct {
		name    string
		refs    []SemEvalRef
		ids     []string
		lang    string
		wantErr string
	}{
		{"the annotated side", []SemEvalRef{{golds[0].Line, golds[0].Side, golds[0].ID}}, []string{"9000000001"}, "en", ""},
		{"side 2 in its own language", []SemEvalRef{{1, 2, "semeval-9000000002"}}, []string{"semeval-9000000002"}, "de", ""},
		{"an id that is not the side's", []SemEvalRef{{1, 2, "9000000001"}, {2, 1, "9000000003"}}, []string{"9000000003"}, "en", "is article 9000000002"},
		{"no side 3", []SemEvalRef{{1, 3, "9000000001"}}, nil, "", "want 1 or 2"},
		{"a line past the end", []SemEvalRef{{7, 1, "9000000001"}}, nil, "", "no line 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pairs, err := os.Open("testdata/quotes-semeval-pairs.jsonl")
			if err != nil {
				t.Fatal(err)
			}
			defer pairs.Close()
			got, err := SemEvalArticles(pairs, tt.refs)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			var ids []string
			for _, a := range got {
				ids = append(ids, a.ID)
				if a.Language != tt.lang {
					t.Errorf("%s: language %q, want %q", a.ID, a.Language, tt.lang)
				}
			}
			if strings.Join(ids, " ") != strings.Join(tt.ids, " ") {
				t.Errorf("articles %v, want %v", ids, tt.ids)
			}
		})
	}
	t.Run("scored like the others", func(t *testing.T) {
		pairs, err := os.Open("testdata/quotes-semeval-pairs.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		defer pairs.Close()
		got, err := SemEvalArticles(pairs, []SemEvalRef{{golds[0].Line, golds[0].Side, golds[0].ID}})
		if err != nil || len(got) != 1 {
			t.Fatalf("%d articles, error %v", len(got), err)
		}
		var gold []GoldQuote
		for _, q := range golds[0].Quotes {
			if !q.Reported() {
				gold = append(gold, q)
			}
		}
		var found []storyfold.Quotation
		for _, q := range got[0].Quotes {
			if q.Marked {
				found = append(found, q)
			}
		}
		var s QuoteScores
		ScoreQuotes(&s, gold, found)
		if s.Gold != 2 || s.Matched != 2 || s.SpeakerAccuracy != 1 {
			t.Errorf("scores %+v, want both quotes matched to Ellen Marsh", s)
		}
	})
}
