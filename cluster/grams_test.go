package cluster

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestParseWordGrams checks the reading of data/word-grams.txt: the
// embedded file, and the lines it must reject (a language twice, a length
// or a weight out of range, a malformed line).
func TestParseWordGrams(t *testing.T) {
	if _, err := parseWordGrams(wordGramData); err != nil {
		t.Fatalf("data/word-grams.txt: %v", err)
	}
	for _, tc := range []struct {
		name, text string
		ok         bool
	}{
		{"valid", "# comment\npl 4 0.5\n\ntr 3 1\n", true},
		{"duplicate", "pl 4 0.5\npl 3 0.5\n", false},
		{"length one", "pl 1 0.5\n", false},
		{"length nine", "pl 9 0.5\n", false},
		{"zero weight", "pl 4 0\n", false},
		{"weight above one", "pl 4 1.5\n", false},
		{"no weight", "pl 4\n", false},
		{"not a number", "pl four 0.5\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := parseWordGrams(tc.text); (err == nil) != tc.ok {
				t.Errorf("parseWordGrams(%q) error %v, want ok %v", tc.text, err, tc.ok)
			}
		})
	}
}

// TestWordGrams checks that a Polish word counts by its 4-grams beside
// its five-letter cut, so two case forms whose change falls inside the
// cut (papież, papieża; the cut is "papie" for both, their grams meet
// past it too) share grams, weighted below the word, and that articles
// of a language not listed (German, English) get no grams.
func TestWordGrams(t *testing.T) {
	e := NewExtractor()
	grams := func(lang, text string) map[string]float32 {
		a := article(lang, "", text, 0)
		a.Language = lang
		f := e.Extract(&a)
		m := map[string]float32{}
		for _, tc := range f.Terms {
			if strings.HasPrefix(tc.Term, GramPrefix) {
				m[strings.TrimPrefix(tc.Term, GramPrefix)] = tc.Count
			}
		}
		return m
	}
	t.Run("pl", func(t *testing.T) {
		a := grams("pl", "Mocne słowa papieża Franciszka o przemocy wobec kobiet.")
		b := grams("pl", "Papież Franciszek przeprosił, że stracił cierpliwość.")
		for _, g := range []string{"papi", "apie", "pież", "fran", "ranc", "anci", "ncis", "cisz"} {
			if a[g] == 0 || b[g] == 0 {
				t.Errorf("gram %q counted %v and %v, want both above 0", g, a[g], b[g])
			}
		}
		if c := a["papi"]; c <= 0 || c >= leadWeight {
			t.Errorf("gram weight %v, want below the word's %v", c, leadWeight)
		}
		for g := range a {
			if n := utf8.RuneCountInString(g); n != 4 {
				t.Errorf("gram %q of %d letters, want 4", g, n)
			}
		}
	})
	for _, tc := range []struct{ lang, text string }{
		{"de", "Papst Franziskus entschuldigte sich für seine Ungeduld."},
		{"en", "Pope Francis apologised for losing his patience."},
		{"tr", "Papa Franciskus sabrını kaybettiği için özür diledi."},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			if g := grams(tc.lang, tc.text); len(g) != 0 {
				t.Errorf("grams %v in a language not listed", g)
			}
		})
	}
}
