package quote

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

// markedSpansByRune is markedSpans as it was before it skipped runs of
// ASCII: every rune is decoded and tested.
func markedSpansByRune(text string, paragraphs []storyfold.Paragraph) []storyfold.Span {
	var out []storyfold.Span
	open := -1      // byte offset after the opening mark, -1 when none is open
	var opener rune // the mark that opened it
	depth := 0
	inner := -1 // where a quote opened inside the open one
	var pendingInner storyfold.Span
	for pi, p := range paragraphs {
		if open >= 0 {
			// Carried over from the paragraph before: it goes on only if this
			// one opens with a mark.
			r, _ := utf8.DecodeRuneInString(text[p.Start:p.End])
			if !(isOpen(r) || r == '"') && !closesFirst(text[p.Start:p.End]) {
				if pendingInner.End > pendingInner.Start {
					out = append(out, pendingInner)
				}
				open, depth = -1, 0
			} else if prev := text[open:paragraphs[pi-1].End]; depth == 1 && lostClose(prev) > 0 {
				// "“I am proud of ..., he wrote." then "“Our troops
				// ...”": a paragraph that ends on an attribution closed
				// its quote, though the mark is missing, and the mark
				// opening this one starts a new quote.
				out = append(out, trimSpan(text, open, open+lostClose(prev)))
				open, depth = -1, 0
			}
		}
		pendingInner, inner = storyfold.Span{}, -1
		for i := p.Start; i < p.End; {
			r, size := utf8.DecodeRuneInString(text[i:p.End])
			switch {
			case open >= 0 && depth == 1 && closesLow(opener, r) || open < 0 && opensReversed(text[i:p.End]):
				// „…“ and »…« (lang.go): German's closing marks are
				// others' opening ones.
				if open >= 0 {
					out = append(out, trimSpan(text, open, i))
					open, depth = -1, 0
				} else {
					open, depth, opener = i+size, 1, r
				}
			case isOpen(r):
				if open < 0 {
					open, depth, opener = i+size, 1, r
				} else if i != p.Start || pi == 0 {
					depth++ // a quote inside a quote
					inner = i + size
				}
			case isClose(r) || open >= 0 && opener == '“' && doubledApostrophe(text[i:p.End]):
				if open >= 0 {
					if depth--; depth <= 0 {
						if i > open {
							out = append(out, trimSpan(text, open, i))
						}
						// The outer quote closed: an inner one kept
						// in case it would not is not a quote of its
						// own (it lies inside this one).
						open, depth = -1, 0
						pendingInner, inner = storyfold.Span{}, -1
					} else if depth == 1 && inner > 0 {
						// Either a quote inside a quote or, as often, an
						// opening mark that lost its closing one before a
						// new quote ("had “presented me ... again. He
						// added: “My starting point ...”"). Keep the inner
						// one in case the outer never closes.
						pendingInner = trimSpan(text, inner, i)
					}
				}
			case r == '"':
				prev, _ := utf8.DecodeLastRuneInString(text[p.Start:i])
				opening := i == p.Start || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/", prev)
				switch {
				case open < 0 && opening:
					open, depth, opener = i+size, 1, r
				case open >= 0 && i == p.Start:
					// The reopening mark of a quote over paragraphs.
				case open >= 0 && opening && opensWord(text[i+size:p.End]) && lostClose(text[open:i]) > 0:
					// '"He's made ... verify, Graham said. "He's getting
					// ...': a mark that opens a word after an attribution
					// opens the next quote, and the one before lost its
					// closing mark at the attribution's comma.
					out = append(out, trimSpan(text, open, open+lostClose(text[open:i])))
					open, depth, opener = i+size, 1, r
					pendingInner, inner = storyfold.Span{}, -1
				case open >= 0:
					if i > open {
						out = append(out, trimSpan(text, open, i))
					}
					open, depth = -1, 0
					pendingInner, inner = storyfold.Span{}, -1
				}
			}
			if open >= 0 && i-open > maxQuote {
				open, depth = -1, 0
			}
			i += size
		}
	}
	if open >= 0 && pendingInner.End > pendingInner.Start {
		out = append(out, pendingInner)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
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

// TestMarkedSpansSkip holds markedSpans to markedSpansByRune on texts
// made of marks, letters and spaces in random order, over one and over
// several paragraphs, some past maxQuote.
func TestMarkedSpansSkip(t *testing.T) {
	pieces := []string{"\"", "“", "”", "„", "«", "»", "’’", "’", "'", " ", "a", "He said", ", ", ". ", "Über", "—", "(", "\n",
		strings.Repeat("word ", maxQuote/5+1)}
	rng := rand.New(rand.NewPCG(3, 4))
	found := 0
	for n := range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		paras := []storyfold.Paragraph{{Start: 0, End: len(text)}}
		if n%2 == 1 {
			paras = paras[:0]
			from := 0
			for i := range len(text) {
				if text[i] == '\n' {
					paras = append(paras, storyfold.Paragraph{Start: from, End: i})
					from = i + 1
				}
			}
			paras = append(paras, storyfold.Paragraph{Start: from, End: len(text)})
		}
		got, want := markedSpans(text, paras), markedSpansByRune(text, paras)
		if !slices.Equal(got, want) {
			t.Fatalf("markedSpans(%q) = %v, want %v", text, got, want)
		}
		found += len(want)
	}
	if found < 1000 {
		t.Fatalf("only %d spans found: the texts test too little", found)
	}
}
