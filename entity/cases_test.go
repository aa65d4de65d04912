package entity

import (
	"fmt"
	"strings"
	"testing"

	"github.com/storyfold/storyfold/internal/casefile"
	"github.com/storyfold/storyfold/nlp"
)

// TestCases runs the case files under testdata/cases: each gives an
// article's text (paragraphs separated by blank lines) and the mentions
// wanted, one a line: the words of the text, the name, the type and the
// role before the name. Add a case by adding a file; write its "want" with
// -update and check it by reading.
func TestCases(t *testing.T) {
	casefile.Run(t, "testdata/cases", func(t *testing.T, f *casefile.File) []casefile.Section {
		text, ok := f.Get("text")
		if !ok {
			t.Fatal("no text section")
		}
		sentences := nlp.Sentences(nil, text, 0, len(text))
		var b strings.Builder
		for _, m := range NewFinder().Find(text, sentences) {
			fmt.Fprintf(&b, "%s | %s | %s", text[m.Span.Start:m.Span.End], m.Name, m.Type)
			if m.Role != "" {
				fmt.Fprintf(&b, " | %s", m.Role)
			}
			b.WriteByte('\n')
		}
		return []casefile.Section{{Name: "want", Data: b.String()}}
	})
}
