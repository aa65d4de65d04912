package nlp

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/kljensen/snowball/english"
)

// stopWords are the English function words that carry no topic. The list is
// the Snowball project's English stop list plus the contracted forms news
// text uses, and reporting verbs so common in news that they say nothing
// about which story an article belongs to.
var stopWords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range dataLines(stopwordFiles, "stopwords/en.txt") {
		m[w] = struct{}{}
	}
	return m
}()

// IsStopWord reports whether a lower-case word is a stop word.
func IsStopWord(lower string) bool {
	_, ok := stopWords[lower]
	return ok
}

// maxStemCache bounds a Stemmer's memory; a news vocabulary reaches it only
// over very long runs, and then the cache simply starts again.
const maxStemCache = 1 << 18

// sharedStems memoises English stems for every Stemmer of the process, up
// to maxStemCache words: a Stemmer's own cache starts cold in each story
// that builds one (and a pooled one is dropped by the collector), while a
// Snowball stem costs about a microsecond and a shared look-up a few
// dozen nanoseconds. A stem depends on the word alone, so sharing changes
// no result.
//
// A map under a read-write lock rather than a sync.Map: a look-up with a
// string key then allocates nothing, where a sync.Map boxes the key.
var sharedStems = struct {
	sync.RWMutex
	m map[string]string
}{m: map[string]string{}}

// sharedStem is stem through sharedStems.
func sharedStem(w string) string {
	sharedStems.RLock()
	st, ok := sharedStems.m[w]
	sharedStems.RUnlock()
	if ok {
		return st
	}
	st = stem(w)
	sharedStems.Lock()
	if len(sharedStems.m) < maxStemCache {
		sharedStems.m[w] = st
	}
	sharedStems.Unlock()
	return st
}

// Stemmer maps lower-case English words to their Snowball (Porter2) stems.
// Stemming costs far more than a map look-up and news reuses its words, so
// each Stemmer keeps a cache; it is not safe for concurrent use (give each
// worker its own).
type Stemmer struct {
	cache map[string]string
	// lang is the language stemmed ("" for English); stem is its
	// Snowball stemmer and env the stemmer's reused state, nil for
	// English and for a language without one.
	lang string
	stem func(*snowballstem.Env) bool
	env  *snowballstem.Env
	// bases maps a word of a language cut short (see truncateTo) to the
	// word before the cut (see Base); nil for the other languages.
	bases map[string]string
}

// NewStemmer returns an empty stemmer of English.
func NewStemmer() *Stemmer {
	return &Stemmer{cache: make(map[string]string, 4096)}
}

// NewStemmerFor returns an empty stemmer of the language with the given
// ISO 639-1 code: its Snowball stemmer where it has one, English's for
// "en" or "", truncation for Polish and Turkish (see truncateTo), and
// lower case alone for the others.
func NewStemmerFor(lang string) *Stemmer {
	if lang == "en" {
		lang = ""
	}
	s := &Stemmer{cache: make(map[string]string, 4096), lang: lang}
	if f, ok := snowballStemmers[lang]; ok {
		s.stem, s.env = f, snowballstem.NewEnv("")
	}
	if truncateTo[lang] > 0 {
		s.bases = make(map[string]string, 4096)
	}
	return s
}

// Base returns, for a language cut short (Polish, Turkish: see
// truncateTo), the lower-case word as it was read before the cut to its
// first letters: Polish with one case ending shed, Turkish with
// dotless ı written i. It is "" for any other language, and for a word
// not yet stemmed. The grouping counts parts of it beside the cut stem
// (see cluster's word grams): a cut at a fixed length keeps a word's
// start only, where its other letters tell inflected forms of one word
// apart from words that merely begin alike.
func (s *Stemmer) Base(lower []byte) string {
	if s.bases == nil {
		return ""
	}
	return s.bases[string(lower)]
}

// Language returns the ISO 639-1 code of the language the stemmer
// stems, "en" for English.
func (s *Stemmer) Language() string {
	if s.lang == "" {
		return "en"
	}
	return s.lang
}

// Stem returns the stem of a lower-case word. The word may be a reused
// buffer: the cache look-up does not allocate, and a stored key is copied.
func (s *Stemmer) Stem(lower []byte) string {
	if st, ok := s.cache[string(lower)]; ok {
		return st
	}
	w := string(lower)
	var st string
	switch {
	case s.lang == "":
		st = sharedStem(w)
	case s.lang == "ar":
		st = foldArabic(w)
	case truncateTo[s.lang] > 0:
		base := w
		switch s.lang {
		case "tr":
			// Dotted and dotless i are one letter in a stem: a capital
			// I lower-cased outside Turkish rules gives i for ı.
			base = strings.ReplaceAll(w, "ı", "i")
		case "pl":
			base = shedPolishEnding(w)
		}
		st = truncate(base, truncateTo[s.lang])
		if len(s.bases) >= maxStemCache {
			clear(s.bases)
		}
		s.bases[w] = base
	case s.stem != nil:
		s.env.SetCurrent(w)
		s.stem(s.env)
		st = s.env.Current()
	default:
		st = w
	}
	if len(s.cache) >= maxStemCache {
		clear(s.cache)
	}
	s.cache[w] = st
	return st
}

// isASCIIWord reports whether w is made of ASCII letters only (with an
// apostrophe): the Snowball English stemmer is meant for nothing else.
func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !('a' <= c && c <= 'z') && c != '\'' {
			return false
		}
	}
	return true
}

// stem returns the Snowball stem of one lower-case word: the stemmer is
// meant for English words only, so others are their own stems.
func stem(lower string) string {
	if len(lower) > 2 && isASCIIWord(lower) {
		return english.Stem(lower, true)
	}
	return lower
}

// truncateTo is, for the languages stemmed by truncation, how many
// letters of a word make its stem. Polish has no Snowball stemmer and
// inflects heavily (Warszawa, Warszawy, Warszawie), so its words are cut
// to their first five letters, as information retrieval does for
// languages without a stemmer. Five was chosen on half of the SemEval
// Polish pairs among 5, 6 and whole words (same-story F1 0.421, 0.500 and
// 0.571 for 5) and checked on the other half: 0.609 as whole words, 0.769
// cut to five letters (names keyed as written; 0.692 keyed by their cut
// stems).
//
// Turkish is cut to its first six letters too, rather than stemmed by
// its Snowball stemmer: an agglutinative word keeps its root at its
// start, and the stemmer, which knows noun endings only and only some of
// them, splits forms of one word (belediyesi "belediyes" but
// belediyeler "belediye", kişi "kiş" but kişiye "kişi", verbs whole)
// and joins others (yardım "yar"). Chosen on the tuning half of the
// SemEval Turkish pairs: same-story F1 0.762 with the stemmer, 0.791 cut
// to five letters, 0.810 to six, 0.762 to seven.
var truncateTo = map[string]int{"pl": 5, "tr": 6}

// truncate returns the first n letters of w.
func truncate(w string, n int) string {
	for k := range w {
		if n == 0 {
			return w[:k]
		}
		n--
	}
	return w
}

// polishEndings are the case endings a short Polish word sheds (see
// lang/polish-ending.txt), longest first.
var polishEndings = dataLines(langFiles, "lang/polish-ending.txt")

// shedPolishEnding drops one case ending from a Polish word when three
// letters remain: truncation to five letters takes the ending off a long
// word but not off a short one, so the cases of a short name (Duda,
// Dudy, Dudą; Tusk, Tuska) were terms apart. Neutral on the tuning half
// of the SemEval Polish pairs (same-story F1 0.774 before and after), it
// raised the mean cosine of the pairs rated one story (0.314 to 0.326)
// and left the others' (0.069 to 0.071).
func shedPolishEnding(w string) string {
	for _, e := range polishEndings {
		if rest, ok := strings.CutSuffix(w, e); ok && utf8.RuneCountInString(rest) >= 3 {
			return rest
		}
	}
	return w
}
