package quote

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// markedSpansByRune is markedSpans with every rune decoded and tested,
// as it was before it skipped runs of ASCII.
func markedSpansByRune(text string, paragraphs []storyfold.Paragraph) []storyfold.Span {
	skipASCII = false
	defer func() { skipASCII = true }()
	return markedSpans(text, paragraphs)
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
