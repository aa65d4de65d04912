package paraphrase

import "github.com/storyfold/storyfold/nlp/wordnet"

// wnWord is a word's WordNet entry; 0 is a word WordNet does not know.
type wnWord = wordnet.Word

// wnLookup returns the WordNet entry of a lower-case word.
func wnLookup(lower string) wnWord { return wordnet.Lookup(lower) }

// wnCompare returns how close two WordNet entries are, in [0,1], and
// whether they are antonyms. It asks in a fixed order, so that the score
// stays symmetric whatever the relation's direction (hypernym, hyponym).
func wnCompare(a, b wnWord) (float64, bool) {
	if a > b {
		a, b = b, a
	}
	return wordnet.Compare(a, b)
}
