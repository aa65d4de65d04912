package dates

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/casefile"
	"github.com/storyfold/storyfold/nlp"
)

// TestCases runs the case files under testdata/cases: each gives a text
// and the article's date (section "date", 2006-01-02, or none), its
// language (section "lang", ISO 639-1; none reads English), and the
// date mentions wanted, one a line: the words, the granularity, the day
// meant and "relative" when it was worked out from the article's date.
// Add a case by adding a file; write its "want" with -update and check it
// by reading.
func TestCases(t *testing.T) {
	casefile.Run(t, "testdata/cases", func(t *testing.T, f *casefile.File) []casefile.Section {
		text, ok := f.Get("text")
		if !ok {
			t.Fatal("no text section")
		}
		var ref storyfold.Date
		if d, ok := f.Get("date"); ok && strings.TrimSpace(d) != "" {
			day, err := time.Parse("2006-01-02", strings.TrimSpace(d))
			if err != nil {
				t.Fatal(err)
			}
			ref = storyfold.Date{Time: day}
		}
		finder := NewFinder()
		if lang, ok := f.Get("lang"); ok {
			finder.SetLanguage(strings.TrimSpace(lang))
		}
		var b strings.Builder
		for _, m := range finder.Find(text, nlp.Sentences(nil, text, 0, len(text)), ref) {
			day := "unknown"
			if m.Date.Known() {
				day = m.Date.Format("2006-01-02")
			}
			fmt.Fprintf(&b, "%s | %s | %s", m.Text, m.Granularity, day)
			if m.Relative {
				b.WriteString(" | relative")
			}
			b.WriteByte('\n')
		}
		return []casefile.Section{{Name: "want", Data: b.String()}}
	})
}
