package nlp

import (
	"github.com/storyfold/storyfold"
)

// Analyzer turns text into the stemmed content terms the grouping and
// comparison stages count. It reuses its buffers between calls and is not
// safe for concurrent use: give each worker its own.
type Analyzer struct {
	stems *Stemmer
	toks  []Token
	buf   []byte
}

// NewAnalyzer returns an analyzer with an empty stem cache.
func NewAnalyzer() *Analyzer {
	return &Analyzer{stems: NewStemmer()}
}

// Term is one content word of a text: its stem, and whether it is part of a
// name (a capitalised word that is not merely opening its sentence).
type Term struct {
	Stem string
	Name bool
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

// TextTerms is Terms over a text taken as one sentence, such as a title.
func (a *Analyzer) TextTerms(text string, fn func(Term)) {
	a.toks = Tokenize(a.toks[:0], text)
	a.sentenceTerms(text, fn)
}

func (a *Analyzer) sentenceTerms(sent string, fn func(Term)) {
	first := true
	for i, t := range a.toks {
		if t.Kind != Word {
			if t.Kind == Number {
				first = false
			}
			continue
		}
		w := t.Text(sent)
		a.buf = Lower(a.buf[:0], w)
		opener := first
		first = false
		if len(a.buf) < 2 || IsStopWord(string(a.buf)) {
			continue
		}
		name := IsCapitalized(w)
		if name && opener {
			// A capital at the start of a sentence says nothing, unless the
			// next word is capitalised too (a name of several words).
			name = i+1 < len(a.toks) && a.toks[i+1].Kind == Word && IsCapitalized(a.toks[i+1].Text(sent))
		}
		fn(Term{Stem: a.stems.Stem(trimAbbrevDot(a.buf)), Name: name})
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
