package entity

import "testing"

// TestEnglishLists checks the English evidence lists: not empty, sorted,
// no entry twice, and no noun in both noun lists (a noun for works is no
// employer).
func TestEnglishLists(t *testing.T) {
	checkLists(t, []namedList{
		{"work-nouns", enWorkNounsData},
		{"employer-nouns", enEmployerNounsData},
		{"for-heads", enForHeadsData},
		{"newspaper-words", enNewspaperWordsData},
	})
	for w := range enWorkNouns {
		if enEmployerNouns[w] {
			t.Errorf("%q is in both lists", w)
		}
	}
}
