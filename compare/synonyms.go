package compare

import (
	_ "embed"
	"strings"

	"github.com/storyfold/storyfold/nlp"
)

//go:embed claim_synonyms.txt
var synonymData string

// synonyms maps the stem of each word of claim_synonyms.txt to the stem of
// its line's first word.
var synonyms = func() map[string]string {
	st := nlp.NewStemmer()
	m := map[string]string{}
	for _, line := range dataLines(synonymData) {
		words := strings.Fields(line)
		head := st.Stem([]byte(words[0]))
		for _, w := range words[1:] {
			if s := st.Stem([]byte(w)); s != head {
				m[s] = head
			}
		}
	}
	return m
}()
