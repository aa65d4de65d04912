package quote

import (
	"fmt"
	"strings"
	"testing"

	"github.com/storyfold/storyfold/internal/casefile"
)

// TestCases runs the case files under testdata/cases: each gives a text
// and the statements wanted in text order, one a line: the kind, the
// speaker, the cue and the words. They pin scenes with several speakers
// and reported speech. Add a case by adding a file; write its "want" with
// -update and check it by reading.
func TestCases(t *testing.T) {
	casefile.Run(t, "testdata/cases", func(t *testing.T, f *casefile.File) []casefile.Section {
		text, ok := f.Get("text")
		if !ok {
			t.Fatal("no text section")
		}
		var b strings.Builder
		for _, q := range find(strings.TrimSpace(text)) {
			kind := string(q.Kind)
			if q.Scare {
				kind = "scare"
			}
			fmt.Fprintf(&b, "%s | %s | %s | %s\n", kind, q.Speaker, q.Cue, q.Text)
		}
		return []casefile.Section{{Name: "want", Data: b.String()}}
	})
}
