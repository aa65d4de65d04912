package nlp

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestListFiles rejects a list of data/ that is not sorted
// (case-insensitively), repeats an entry, or writes a name list entry
// without its capital.
func TestListFiles(t *testing.T) {
	entries, err := listFiles.ReadDir("data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			lines := dataLines(listFiles, "data/"+e.Name())
			if len(lines) == 0 {
				t.Fatal("empty")
			}
			keys := make([]string, len(lines))
			for i, l := range lines {
				keys[i] = strings.ToLower(l)
				if r, _ := utf8.DecodeRuneInString(l); unicode.IsLetter(r) && !unicode.IsUpper(r) {
					t.Errorf("%q: names and words of titles are written with their capital", l)
				}
			}
			if !slices.IsSorted(keys) {
				t.Error("not sorted")
			}
			for i := 1; i < len(keys); i++ {
				if keys[i] == keys[i-1] {
					t.Errorf("%q twice", lines[i])
				}
			}
		})
	}
}

// TestNameListsDoNotOverlap rejects a given name listed as a man's and a
// woman's, or as either and unisex: a name is in one list only.
func TestNameListsDoNotOverlap(t *testing.T) {
	lists := map[string]map[string]bool{"male-names": maleNames, "female-names": femaleNames, "unisex-names": unisexNames}
	for a, la := range lists {
		for b, lb := range lists {
			if a >= b {
				continue
			}
			for w := range la {
				if lb[w] {
					t.Errorf("%q in %s and %s", w, a, b)
				}
			}
		}
	}
}
