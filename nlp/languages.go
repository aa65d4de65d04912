package nlp

import (
	"embed"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
)

// The stop word lists of the languages beyond English, one file a
// language, written by nlp/internal/stopgen.
//
//go:embed stopwords/*.txt
var stopwordFiles embed.FS

var (
	stopOnce  sync.Once
	langStops map[string]map[string]struct{}
)

// loadStops reads every language's list once.
func loadStops() {
	langStops = map[string]map[string]struct{}{}
	entries, err := stopwordFiles.ReadDir("stopwords")
	if err != nil {
		panic(err) // the files are embedded: this cannot fail
	}
	for _, e := range entries {
		lang, ok := strings.CutSuffix(e.Name(), ".txt")
		if !ok {
			continue
		}
		set := map[string]struct{}{}
		for _, w := range dataLines(stopwordFiles, "stopwords/"+e.Name()) {
			set[w] = struct{}{}
		}
		langStops[lang] = set
	}
}

// IsStopWordIn reports whether a lower-case word is a stop word of the
// language with the given ISO 639-1 code: English's for "en" and for a
// language without a list.
func IsStopWordIn(lang, lower string) bool {
	if lang == "" || lang == "en" {
		return IsStopWord(lower)
	}
	stopOnce.Do(loadStops)
	set, ok := langStops[lang]
	if !ok {
		return IsStopWord(lower)
	}
	_, stop := set[lower]
	return stop
}

// HasLanguage reports whether storyfold has a language's stop words,
// beyond English (and its stemmer; Polish words are cut to their first
// letters instead, see truncateTo).
func HasLanguage(lang string) bool {
	stopOnce.Do(loadStops)
	_, ok := langStops[lang]
	return ok
}

// snowballStemmers are the Snowball stemmers of the languages beyond
// English that have one. Polish has none and is cut short, and so is
// Turkish, whose stemmer did worse (see truncateTo); Arabic is only
// folded (see Stemmer.Stem): its Snowball stemmer's prefixes and
// suffixes joined more unrelated words than they helped.
var snowballStemmers = map[string]func(*snowballstem.Env) bool{
	"de": german.Stem,
	"es": spanish.Stem,
	"fr": french.Stem,
	"it": italian.Stem,
	"nl": dutch.Stem,
	"pt": portuguese.Stem,
	"ru": russian.Stem,
}

// foldArabic removes an Arabic word's diacritics and tatweel and writes
// the letter variants one way (alef with hamza or madda as bare alef,
// teh marbuta as heh, alef maksura as yeh), as search engines do: writers
// differ on them, and the stemmer does not join them.
func foldArabic(w string) string {
	var b strings.Builder
	for _, r := range w {
		switch {
		case r >= 0x064B && r <= 0x0652, r == 0x0640, r == 0x0670:
			continue
		case r == 'أ' || r == 'إ' || r == 'آ':
			r = 'ا'
		case r == 'ة':
			r = 'ه'
		case r == 'ى':
			r = 'ي'
		}
		b.WriteRune(r)
	}
	return shedArabicPrefix(b.String())
}

// arabicPrefixes are the prefixes an Arabic word sheds (see
// lang/arabic-prefix.txt), longest first.
var arabicPrefixes = dataLines(langFiles, "lang/arabic-prefix.txt")

// shedArabicPrefix removes the definite article, with the conjunction or
// preposition joined to it, from a folded Arabic word: "the ministry",
// "and the ministry" and "by the ministry" are one term. Two letters at
// least must remain. A bare leading "wa" (and) and the light stemmers'
// suffixes were tried as well, on the tuning half of the SemEval Arabic
// pairs: the article alone 0.600 same-story F1, with "wa" 0.571, with
// "wa" and one suffix 0.571, with every suffix 0.545 (28 pairs, so one
// pair is 0.03: the article alone is kept as the rule least likely to
// join unrelated words).
func shedArabicPrefix(w string) string {
	for _, p := range arabicPrefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 2 {
			return rest
		}
	}
	return w
}
