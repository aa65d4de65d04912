package nlp

import (
	"embed"
	"strings"
)

// The rules of the languages beyond English that are word lists, as data
// files: elided words, Arabic prefixes, abbreviations and month names.
//
//go:embed lang/*.txt
var langFiles embed.FS

// elisions maps a language to the elided words its texts glue to the next
// word with an apostrophe (see lang/elision.txt).
var elisions = func() map[string]map[string]bool {
	m := map[string]map[string]bool{}
	for _, l := range dataLines(langFiles, "lang/elision.txt") {
		lang, word, ok := strings.Cut(l, " ")
		if !ok {
			panic("lang/elision.txt: a line without a language: " + l)
		}
		if m[lang] == nil {
			m[lang] = map[string]bool{}
		}
		m[lang][word] = true
	}
	return m
}()

// apostropheAt returns the byte offset and length of the first apostrophe
// of w (straight or typographic), or -1.
func apostropheAt(w string) (int, int) {
	if i := strings.IndexByte(w, '\''); i >= 0 {
		if j := strings.Index(w[:i], "’"); j >= 0 {
			return j, len("’")
		}
		return i, 1
	}
	if j := strings.Index(w, "’"); j >= 0 {
		return j, len("’")
	}
	return -1, 0
}

// trimWord returns the part of a word that carries its meaning in the
// given language: French and Italian drop an elided article or pronoun
// (l'ASEAN -> ASEAN, dell'Unione -> Unione), and Turkish drops the case
// ending a proper noun takes after an apostrophe (Ordu'da -> Ordu,
// Kılıçdaroğlu'ndan -> Kılıçdaroğlu), which its stemmer does not know to
// remove. The result keeps the word's capital, so it can still be a name.
func trimWord(lang, w string) string {
	if lang == "" {
		return w
	}
	i, n := apostropheAt(w)
	if i <= 0 || i+n >= len(w) {
		return w
	}
	if lang == "tr" {
		return w[:i]
	}
	if set := elisions[lang]; set != nil && i <= len("quoiqu") && set[strings.ToLower(w[:i])] {
		return w[i+n:]
	}
	return w
}
