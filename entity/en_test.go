package entity

import "testing"

// TestEnglishLists checks the English evidence lists: not empty, sorted,
// no entry twice, and no noun in both (a noun for works is no employer).
func TestEnglishLists(t *testing.T) {
	for _, l := range []struct{ name, data string }{
		{"work-nouns", enWorkNounsData},
		{"employer-nouns", enEmployerNounsData},
		{"for-heads", enForHeadsData},
		{"newspaper-words", enNewspaperWordsData},
	} {
		t.Run(l.name, func(t *testing.T) {
			entries := lines(l.data)
			if len(entries) == 0 {
				t.Fatal("empty list")
			}
			checkEvidenceList(t, entries)
		})
	}
	for w := range enWorkNouns {
		if enEmployerNouns[w] {
			t.Errorf("%q is in both lists", w)
		}
	}
}
