package evaluate

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestExtractionArticles reads the one annotated line of a tiny made-up
// ground-truth file the way eval quotes does: the article is the page's
// body, with its outlet from the URL, prepared and scored like any other;
// ids the file does not hold, or holds with no body, are said in the error
// and left out.
func TestExtractionArticles(t *testing.T) {
	data, err := os.ReadFile("testdata/quotes-extraction.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		ID     string      `json:"id"`
		Source string      `json:"source"`
		Quotes []GoldQuote `json:"quotes"`
	}
	if err := json.Unmarshal(data, &gold); err != nil {
		t.Fatal(err)
	}
	if gold.Source != ExtractionSource {
		t.Fatalf("source %q, want %q", gold.Source, ExtractionSource)
	}
	read := func(t *testing.T, ids []string) ([]storyfold.Article, error) {
		t.Helper()
		f, err := os.Open("testdata/quotes-extraction-truth.json")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		return ExtractionArticles(f, ids)
	}
	tests := []struct {
		name    string
		ids     []string
		want    []string
		wantErr string
	}{
		{"the annotated page", []string{gold.ID}, []string{"tiny-page-1"}, ""},
		{"a page with no body", []string{"tiny-page-2", gold.ID}, []string{"tiny-page-1"}, "no body"},
		{"a page not in the file", []string{"tiny-page-9"}, nil, "not in the extraction ground truth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := read(t, tt.ids)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			var ids []string
			for _, a := range got {
				ids = append(ids, a.ID)
				if a.Source != "example-news.test" || a.Language != "en" {
					t.Errorf("%s: source %q, language %q, want example-news.test, en", a.ID, a.Source, a.Language)
				}
			}
			if strings.Join(ids, " ") != strings.Join(tt.want, " ") {
				t.Errorf("articles %v, want %v", ids, tt.want)
			}
		})
	}
	t.Run("scored like the others", func(t *testing.T) {
		got, err := read(t, []string{gold.ID})
		if err != nil || len(got) != 1 {
			t.Fatalf("%d articles, error %v", len(got), err)
		}
		var want []GoldQuote
		for _, q := range gold.Quotes {
			if !q.Reported() {
				want = append(want, q)
			}
		}
		var found []storyfold.Quotation
		for _, q := range got[0].Quotes {
			if q.Marked {
				found = append(found, q)
			}
		}
		var s QuoteScores
		ScoreQuotes(&s, want, found)
		if s.Gold != 2 || s.Matched != 2 || s.SpeakerAccuracy != 1 {
			t.Errorf("scores %+v, want both quotes matched to Ellen Marsh", s)
		}
	})
}
