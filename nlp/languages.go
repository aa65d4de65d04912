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
			switch lang {
			case "ar":
				// Arabic words are looked up folded too (see
				// isArabicStop).
				set[foldArabicLetters(w)] = struct{}{}
			case "tr":
				// A Turkish word in capitals lower-cases its I to i
				// outside Turkish rules ("ALTINDA" to "altinda"), so
				// each stop word is listed with its dotless ı as i too.
				set[strings.ReplaceAll(w, "ı", "i")] = struct{}{}
			}
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
	if _, stop := set[lower]; stop {
		return true
	}
	if lang == "ar" {
		return isArabicStop(set, lower)
	}
	return false
}

// isArabicStop reports whether an Arabic word is a stop word once its
// letter variants are written one way, or once the conjunction wa- or
// fa- joined to its front is set apart: writers drop the hamza of "إلى"
// and "أن" at will ("الى", "ان"), and "and he said" is one written word
// ("وقال"), so the list's forms alone let function words through as
// terms. The conjunction is set apart only here, for stop words: on
// content words it lowered the tuning half (see shedArabicPrefix).
func isArabicStop(set map[string]struct{}, lower string) bool {
	f := foldArabicLetters(lower)
	if _, stop := set[f]; stop {
		return true
	}
	for _, p := range []string{"و", "ف"} {
		if rest, ok := strings.CutPrefix(f, p); ok && utf8.RuneCountInString(rest) >= 2 {
			if _, stop := set[rest]; stop {
				return true
			}
		}
	}
	return false
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
// teh marbuta as heh, alef maksura as yeh, hamza on waw or yeh as bare
// hamza, so the Egyptian "مسئول" and the standard "مسؤول" are one word,
// and the Persian forms of yeh and kaf that keyboards give as the Arabic
// letters), as search engines do: writers differ on them, and the stemmer does not
// join them. The article is then shed (shedArabicPrefix) and a relative
// adjective's feminine ending written as its masculine (foldNisba).
func foldArabic(w string) string {
	return foldNisba(shedArabicPrefix(foldArabicLetters(w)))
}

// foldArabicLetters is foldArabic's letter folding alone, without the
// article and the nisba ending.
func foldArabicLetters(w string) string {
	if !strings.ContainsFunc(w, arabicVariant) {
		return w
	}
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
		case r == 'ؤ' || r == 'ئ':
			r = 'ء'
		case r == 'ی':
			r = 'ي'
		case r == 'ک':
			r = 'ك'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// arabicVariant reports whether foldArabicLetters changes or drops r.
func arabicVariant(r rune) bool {
	switch r {
	case 'أ', 'إ', 'آ', 'ة', 'ى', 'ؤ', 'ئ', 'ی', 'ک', 0x0640, 0x0670:
		return true
	}
	return r >= 0x064B && r <= 0x0652
}

// arabicNisba are the endings of a relative adjective read as its
// masculine singular (see lang/arabic-nisba.txt), longest first.
var arabicNisba = dataLines(langFiles, "lang/arabic-nisba.txt")

// foldNisba writes a folded relative adjective's feminine, plural and
// adverbial endings (lang/arabic-nisba.txt) as its masculine -i (ي): the
// adjective agrees with its noun, so "Libyan", "military" and "Egyptian"
// are one word whichever gender and number the sentence gives them
// (ليبية, ليبيين and ليبي; عسكرية and عسكري), and the country's name
// meets its adjective (ليبيا and ليبي). Three letters must remain before
// the ending, so short words ending so (فيه "in it", مليون "million",
// عليا "upper") stay whole.
func foldNisba(w string) string {
	for _, e := range arabicNisba {
		if rest, ok := strings.CutSuffix(w, e); ok && utf8.RuneCountInString(rest) >= 3 {
			return rest + "ي"
		}
	}
	return w
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
// join unrelated words). Tried again with the hamza and nisba folding:
// a bare "wa" left the tuning half at 0.783, a bare "bi-" and "li-" with
// four letters left lowered it to 0.720 (they begin many words).
func shedArabicPrefix(w string) string {
	for _, p := range arabicPrefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= 2 {
			return rest
		}
	}
	return w
}
