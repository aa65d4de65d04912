package nlp

import (
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// languagePrefix is how much text language detection reads: trigram
// profiles settle well within a few hundred characters, and reading more
// only costs time.
const languagePrefix = 600

// Language returns the ISO 639-1 code of the language text is written in, or
// "" when the text is too short or too mixed to tell.
func Language(text string) string {
	if len(text) > languagePrefix {
		cut := languagePrefix
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	if isEnglish(text) {
		return "en"
	}
	info := whatlanggo.Detect(text)
	if info.Lang < 0 || (info.Confidence < 0.2 && utf8.RuneCountInString(text) < 40) {
		return ""
	}
	return info.Lang.Iso6391()
}

// englishShare is the share of English function words from which a text is
// English without asking the trigram detector: running English prose has
// a quarter or more of them, other languages written in Latin script under
// 5% (a German "was", a French "on").
const englishShare = 0.15

// isEnglish is a fast path for the language most input is in: it counts the
// English function words among the first words of the text.
func isEnglish(text string) bool {
	var toks [160]Token
	ts := Tokenize(toks[:0], text)
	var buf [64]byte
	words, function := 0, 0
	for _, t := range ts {
		if t.Kind != Word {
			continue
		}
		w := t.Text(text)
		if len(w) > len(buf) {
			continue
		}
		words++
		if _, ok := englishFunctionWords[string(Lower(buf[:0], w))]; ok {
			function++
		}
	}
	return words >= 20 && float64(function) >= englishShare*float64(words)
}

// englishFunctionWords are frequent English words that are rare as words in
// other languages written in Latin script ("a", "in", "die" are left out).
var englishFunctionWords = setOf("the", "of", "and", "to", "is", "was", "that", "for", "with", "as", "on", "by", "at", "from",
	"his", "her", "their", "it", "he", "she", "they", "we", "this", "which", "who", "has", "have", "had", "be", "been", "are",
	"were", "not", "but", "or", "an", "its", "will", "would", "said", "after", "about", "into", "than", "also", "there", "more")
