package nlp

import (
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

// Analyzer turns text into the stemmed content terms the grouping and
// comparison stages count. It reuses its buffers between calls and is not
// safe for concurrent use: give each worker its own.
type Analyzer struct {
	stems *Stemmer
	toks  []Token
	buf   []byte
	// lang is the language of the text being read ("" for English), and
	// byLang the stemmers of the languages met, each with its cache.
	lang   string
	byLang map[string]*Stemmer
	// keys caches the NameKey of names as written.
	keys map[string]string
}

// NewAnalyzer returns an analyzer of English with an empty stem cache.
func NewAnalyzer() *Analyzer {
	s := NewStemmer()
	return &Analyzer{stems: s, byLang: map[string]*Stemmer{"": s}, keys: map[string]string{}}
}

// SetLanguage sets the language of the texts read next, by ISO 639-1
// code: its stop words and stemmer. English is "en" or "", and so is any
// language storyfold has no lists for.
func (a *Analyzer) SetLanguage(lang string) {
	if lang == "en" || !HasLanguage(lang) {
		lang = ""
	}
	if lang == a.lang {
		return
	}
	s, ok := a.byLang[lang]
	if !ok {
		s = NewStemmerFor(lang)
		a.byLang[lang] = s
	}
	a.lang, a.stems = lang, s
}

// Term is one content word of a text: its stem, and whether it is part of a
// name (a capitalised word that is not merely opening its sentence).
type Term struct {
	Stem string
	Name bool
	// Key is a name's key within its language: the NameKey of its stem,
	// which the name's plural and case forms share (German "Merkels" and
	// "Merkel", Polish "Tuska" and "Tusk" cut alike); "" for words that
	// are no name.
	Key string
	// Cross is the name's key across languages: the NameKey of the name
	// as written, which its spellings in other languages share (Selenskyj,
	// Zelensky, Зеленский), where each language's stemmer would cut it its
	// own way (Bieber is "bieb" in German, Höcke "hock"). In English it is
	// Key: the English stemmer cuts names little (Sanders "sander", Kelly
	// "kelli"), and the key folds what it cuts alike.
	Cross string
	// Base is the word before its stem was cut, for the languages cut
	// short (see Stemmer.Base), "" in every other language.
	Base string
}

// Terms calls fn for every content word of the given sentences of text, in
// order. Stop words, one-letter words and bare numbers are skipped. The stem
// strings are shared with the analyzer's cache and may be kept.
func (a *Analyzer) Terms(text string, sentences []storyfold.Span, fn func(Term)) {
	for _, s := range sentences {
		a.toks = Tokenize(a.toks[:0], text[s.Start:s.End])
		a.sentenceTerms(text[s.Start:s.End], fn)
	}
}

// TermsTokens is Terms given the whole text's tokens (Tokenize of text,
// as an article carries them), so that the sentences are not tokenised
// again (see SentenceTokens). The tokens are only read.
func (a *Analyzer) TermsTokens(text string, toks []Token, sentences []storyfold.Span, fn func(Term)) {
	for _, s := range sentences {
		a.toks = SentenceTokens(a.toks[:0], toks, text, s)
		a.sentenceTerms(text[s.Start:s.End], fn)
	}
}

// TextTerms is Terms over a text taken as one sentence, such as a title.
func (a *Analyzer) TextTerms(text string, fn func(Term)) {
	a.toks = Tokenize(a.toks[:0], text)
	a.sentenceTerms(text, fn)
}

func (a *Analyzer) sentenceTerms(sent string, fn func(Term)) {
	first := true
	shout := a.lang != "" && a.shouting(sent)
	for i, t := range a.toks {
		if t.Kind != Word {
			if t.Kind == Number {
				first = false
			}
			continue
		}
		w := trimWord(a.lang, t.Text(sent))
		a.buf = Lower(a.buf[:0], w)
		opener := first
		first = false
		if len(a.buf) < 2 || a.isStop(a.buf) {
			continue
		}
		name := IsCapitalized(w) && !(shout && isUpperWord(w))
		if name && opener {
			// A capital at the start of a sentence says nothing, unless the
			// next word is capitalised too (a name of several words).
			name = i+1 < len(a.toks) && a.toks[i+1].Kind == Word && IsCapitalized(a.toks[i+1].Text(sent))
		}
		t := Term{Stem: a.stems.Stem(trimAbbrevDot(a.buf)), Name: name}
		t.Base = a.stems.Base(trimAbbrevDot(a.buf))
		if name {
			// Two keys: the stem's within the language, so a name's case
			// and plural forms meet, and the written form's across
			// languages (see Term). English keeps one, its stem's.
			t.Key = a.nameKey(t.Stem)
			t.Cross = t.Key
			if a.lang != "" {
				t.Cross = a.nameKey(string(trimAbbrevDot(a.buf)))
			}
		}
		fn(t)
	}
}

// trimAbbrevDot drops the final dot of an abbreviation (u.s. -> u.s) so the
// forms with and without it share a term.
func trimAbbrevDot(b []byte) []byte {
	if n := len(b); n > 1 && b[n-1] == '.' {
		return b[:n-1]
	}
	return b
}

// isStop reports whether a lower-case word is a stop word of the language
// being read.
func (a *Analyzer) isStop(lower []byte) bool {
	if a.lang == "" {
		return IsStopWord(string(lower))
	}
	return IsStopWordIn(a.lang, string(lower))
}

// nameKey returns the NameKey of a stem, cached.
func (a *Analyzer) nameKey(stem string) string {
	if k, ok := a.keys[stem]; ok {
		return k
	}
	if len(a.keys) >= maxStemCache {
		clear(a.keys)
	}
	k := NameKey(stem)
	// A final -s (a plural or a genitive: Democrats, Merkels) and then a
	// final -e are dropped, alike in every language, so a name keys the
	// same from the English stemmer's cut ("berni", "sander") and from
	// another language's written word ("bernie", "sanders"): keys are
	// for matching, not for showing.
	for _, c := range []byte{'s', 'e'} {
		if n := len(k); n > 4 && k[n-1] == c {
			k = k[:n-1]
		}
	}
	a.keys[stem] = k
	return k
}

// shouting reports whether a sentence is written in capitals: most of its
// words (three at least) are all capitals, as agency headlines are in
// Turkish news ("İSTANBUL'DA UTANDIRAN GÖRÜNTÜ"). Its words in capitals
// are then no evidence of a name, and counting them as names would weigh
// every word of the headline as one. English keeps its rule: this is
// read outside English only.
func (a *Analyzer) shouting(sent string) bool {
	words, upper := 0, 0
	for _, t := range a.toks {
		if t.Kind != Word {
			continue
		}
		w := t.Text(sent)
		if utf8.RuneCountInString(w) < 2 {
			continue
		}
		words++
		if isUpperWord(w) {
			upper++
		}
	}
	return words >= 3 && upper*4 >= words*3
}

// isUpperWord reports whether a word has no lower-case letter and at
// least one upper-case one.
func isUpperWord(w string) bool {
	up := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			up = true
		}
	}
	return up
}
