package nlp

import (
	"slices"
	"strings"
	"testing"
)

// TestLangFiles rejects a repeated entry or an upper-case one in the
// word lists of lang/, and an unsorted list where order does not matter
// (the Arabic prefixes and the Polish endings are tried longest first, so
// they are not sorted).
func TestLangFiles(t *testing.T) {
	entries, err := langFiles.ReadDir("lang")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			lines := dataLines(langFiles, "lang/"+e.Name())
			if len(lines) == 0 {
				t.Fatal("empty")
			}
			seen := map[string]bool{}
			for _, l := range lines {
				if seen[l] {
					t.Errorf("%q twice", l)
				}
				seen[l] = true
				if strings.ToLower(l) != l {
					t.Errorf("%q is not lower case", l)
				}
			}
			if e.Name() != "arabic-prefix.txt" && e.Name() != "arabic-nisba.txt" && e.Name() != "polish-ending.txt" && !slices.IsSorted(lines) {
				t.Error("not sorted")
			}
		})
	}
}

// TestTrimWord checks the part of a word each language compares: French
// and Italian drop an elided article, Turkish the case ending after a
// proper noun's apostrophe; other words and languages are left alone.
func TestTrimWord(t *testing.T) {
	for _, tc := range []struct{ lang, word, want string }{
		{"fr", "l'ASEAN", "ASEAN"},
		{"fr", "d’Oise", "Oise"},
		{"fr", "qu'il", "il"},
		{"fr", "aujourd'hui", "aujourd'hui"},
		{"it", "dell'Unione", "Unione"},
		{"tr", "Ordu'da", "Ordu"},
		{"tr", "Kılıçdaroğlu’ndan", "Kılıçdaroğlu"},
		{"tr", "İSTANBUL'DA", "İSTANBUL"},
		{"en", "don't", "don't"},
		{"", "l'ASEAN", "l'ASEAN"},
		{"de", "l'ASEAN", "l'ASEAN"},
		{"fr", "l'", "l'"},
	} {
		t.Run(tc.lang+"/"+tc.word, func(t *testing.T) {
			if got := trimWord(tc.lang, tc.word); got != tc.want {
				t.Errorf("trimWord(%q, %q) = %q, want %q", tc.lang, tc.word, got, tc.want)
			}
		})
	}
	a := NewAnalyzer()
	a.SetLanguage("fr")
	var names []string
	a.TextTerms("Le sommet de l'ASEAN s'est tenu à Hanoï", func(t Term) {
		if t.Name {
			names = append(names, t.Cross)
		}
	})
	if !slices.Contains(names, "asean") {
		t.Errorf("l'ASEAN gave names %q, want asean", names)
	}
}

// TestNameKeysAcrossLanguages checks that a name keys alike whether the
// English stemmer cut it or another language's article wrote it whole.
func TestNameKeysAcrossLanguages(t *testing.T) {
	a := NewAnalyzer()
	keys := func(lang, text string) []string {
		a.SetLanguage(lang)
		var out []string
		a.TextTerms(text, func(t Term) {
			if t.Name {
				out = append(out, t.Cross)
			}
		})
		return out
	}
	en := keys("en", "Then Bernie Sanders met Justin Bieber and R. Kelly in Davos")
	de := keys("de", "Dann trafen Bernie Sanders und Justin Bieber sowie R. Kelly in Davos")
	for _, k := range de {
		if !slices.Contains(en, k) {
			t.Errorf("German key %q not among the English keys %q", k, en)
		}
	}
	if len(de) < 6 {
		t.Errorf("German keys %q, want the six names", de)
	}
}

// TestNameKeysWithinLanguage checks that a German name's case forms
// share their key within the language ("Europäischen", "Europäische"),
// while their keys across languages stay the written forms.
func TestNameKeysWithinLanguage(t *testing.T) {
	a := NewAnalyzer()
	a.SetLanguage("de")
	within := map[string]string{}
	a.TextTerms("Gipfel der Europäischen Union in Brüssel, wo die Europäische Zentralbank sprach", func(t Term) {
		if t.Name {
			within[t.Cross] = t.Key
		}
	})
	k1, ok1 := within["europaishen"]
	k2, ok2 := within["europaish"]
	if !ok1 || !ok2 {
		t.Fatalf("keys across languages %q, want the written forms europaishen and europaish", within)
	}
	if k1 != k2 {
		t.Errorf("keys within German %q and %q, want one key for both case forms", k1, k2)
	}
}
