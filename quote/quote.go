// Package quote finds who said what in an article: direct quotes in straight
// or curly quotation marks (partial ones inside a sentence, and quotes that
// run over several sentences or paragraphs), reported speech without marks
// when an explicit cue attributes it ("There is no betrayal there, said
// Hegseth"), and the speaker of each, from the cue before or after the
// quote, with "he" and "she" resolved to the person last named.
//
// Every pass is a left-to-right scan: time is linear in the text, whatever
// its quotation marks.
package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// maxQuote bounds a quote's length: past it an opening mark is taken to
// have lost its closing one.
const maxQuote = 4000

// Finder finds quotes. It reuses buffers and is not safe for concurrent
// use: give each worker its own.
type Finder struct {
	toks  []nlp.Token
	names []namePos // people the current text names
}

// NewFinder returns a finder.
func NewFinder() *Finder { return &Finder{} }

// Find returns the quotes of an article's cleaned text, in text order.
// Sentences and paragraphs are the article's spans, entities its entities
// with their mentions: speakers are resolved against the people named.
func (f *Finder) Find(text string, sentences []storyfold.Span, paragraphs []storyfold.Paragraph, entities []storyfold.Entity) []storyfold.Quotation {
	f.names = people(entities, sentences)
	marked := markedSpans(text, paragraphs)
	var out []storyfold.Quotation
	var speakers []string // full names of earlier speakers
	si := 0
	mi := 0
	for _, sent := range sentences {
		// Quotes that open in this sentence.
		found := false
		for mi < len(marked) && marked[mi].Start < sent.End {
			m := marked[mi]
			mi++
			if m.Start < sent.Start {
				continue
			}
			found = true
			q := storyfold.Quotation{Text: text[m.Start:m.End], Span: m, Marked: true}
			q.Speaker, q.Cue = f.speaker(text, sentences, si, m)
			q.Speaker = f.resolve(text, q.Speaker, m.Start, speakers)
			if q.Speaker != "" {
				speakers = append(speakers, q.Speaker)
			}
			out = append(out, q)
		}
		if !found && !containsMark(text[sent.Start:sent.End]) {
			if q, ok := f.reported(text, sent); ok {
				q.Speaker = f.resolve(text, q.Speaker, q.Span.Start, speakers)
				if q.Speaker != "" {
					speakers = append(speakers, q.Speaker)
					out = append(out, q)
				}
			}
		}
		si++
	}
	return out
}

func isOpen(r rune) bool  { return r == '“' || r == '„' || r == '«' }
func isClose(r rune) bool { return r == '”' || r == '»' }

func containsMark(s string) bool { return strings.ContainsAny(s, "\"“”„«»") }

// markedSpans returns the spans inside quotation marks. Curly marks pair
// as they open and close; a straight mark opens after a space or a bracket
// and closes otherwise. A quote still open at the end of a paragraph goes on
// when the next paragraph opens with a mark (the newswire convention for a
// quote over several paragraphs); otherwise it is dropped as unbalanced.
func markedSpans(text string, paragraphs []storyfold.Paragraph) []storyfold.Span {
	var out []storyfold.Span
	open := -1 // byte offset after the opening mark, -1 when none is open
	depth := 0
	for pi, p := range paragraphs {
		if open >= 0 {
			// Carried over from the paragraph before: it goes on only if this
			// one opens with a mark.
			r, _ := utf8.DecodeRuneInString(text[p.Start:p.End])
			if !(isOpen(r) || r == '"') {
				open, depth = -1, 0
			}
		}
		for i := p.Start; i < p.End; {
			r, size := utf8.DecodeRuneInString(text[i:p.End])
			switch {
			case isOpen(r):
				if open < 0 {
					open, depth = i+size, 1
				} else if i != p.Start || pi == 0 {
					depth++ // a quote inside a quote
				}
			case isClose(r):
				if open >= 0 {
					if depth--; depth <= 0 {
						if i > open {
							out = append(out, trimSpan(text, open, i))
						}
						open, depth = -1, 0
					}
				}
			case r == '"':
				prev, _ := utf8.DecodeLastRuneInString(text[p.Start:i])
				opening := i == p.Start || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/", prev)
				switch {
				case open < 0 && opening:
					open, depth = i+size, 1
				case open >= 0 && i == p.Start:
					// The reopening mark of a quote over paragraphs.
				case open >= 0:
					if i > open {
						out = append(out, trimSpan(text, open, i))
					}
					open, depth = -1, 0
				}
			}
			if open >= 0 && i-open > maxQuote {
				open, depth = -1, 0
			}
			i += size
		}
	}
	// Drop empty and whitespace-only spans.
	k := 0
	for _, s := range out {
		if s.End > s.Start {
			out[k] = s
			k++
		}
	}
	return out[:k]
}

// trimSpan returns [start, end) without surrounding spaces.
func trimSpan(text string, start, end int) storyfold.Span {
	for start < end && text[start] == ' ' {
		start++
	}
	for end > start && text[end-1] == ' ' {
		end--
	}
	return storyfold.Span{Start: start, End: end}
}
