package quantity

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/storyfold/storyfold/internal/casefile"
)

// TestCases runs the case files under testdata/cases: each gives a text
// and the figures wanted, one a line: the words, the kind, the value (and
// the range's upper end), the unit, "approx" for a hedged figure, and the
// figure as the reports write it. Add a case by adding a file; write its
// "want" with -update and check it by reading.
func TestCases(t *testing.T) {
	casefile.Run(t, "testdata/cases", func(t *testing.T, f *casefile.File) []casefile.Section {
		text, ok := f.Get("text")
		if !ok {
			t.Fatal("no text section")
		}
		var b strings.Builder
		for _, q := range NewFinder().Find(nil, text, 0) {
			value := strconv.FormatFloat(q.Value, 'g', -1, 64)
			if q.Max != 0 {
				value += "-" + strconv.FormatFloat(q.Max, 'g', -1, 64)
			}
			fmt.Fprintf(&b, "%s | %s | %s | %s", q.Text, q.Kind, value, q.Unit)
			if q.Approx {
				b.WriteString(" | approx")
			}
			fmt.Fprintf(&b, " | %s\n", Written(q))
		}
		return []casefile.Section{{Name: "want", Data: b.String()}}
	})
}
