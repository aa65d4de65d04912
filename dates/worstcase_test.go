package dates

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
)

// weekdayRun is one sentence of n weekdays and no punctuation: each
// weekday reads the words before it for the sentence's tense.
func weekdayRun(n int) string {
	days := []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString("the council met ")
		b.WriteString(days[i%len(days)])
		b.WriteByte(' ')
	}
	return b.String()
}

// TestTenseLinear counts the tokens tense reads over a sentence of many
// weekdays: at most a few per token of the sentence, where reading back to
// the sentence's start for each weekday reads n²/2.
func TestTenseLinear(t *testing.T) {
	ref := storyfold.Date{Time: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)}
	for _, n := range []int{1000, 8000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			text := weekdayRun(n)
			f := NewFinder()
			found := f.Find(text, []storyfold.Span{{Start: 0, End: len(text)}}, ref)
			if len(found) != n {
				t.Fatalf("%d dates found, want %d", len(found), n)
			}
			if tokens := 4 * n; f.tenseReads > 2*tokens {
				t.Errorf("tense read %d tokens for a sentence of %d", f.tenseReads, tokens)
			}
		})
	}
}

// TestLanguageScanLinear reads one German sentence of n weekdays, dates,
// dates in figures and month names without a stop: the scan looks words up
// a bounded number of times per token, however long the sentence.
func TestLanguageScanLinear(t *testing.T) {
	ref := storyfold.Date{Time: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)}
	for _, n := range []int{1000, 8000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var b strings.Builder
			for i := 0; i < n; i++ {
				b.WriteString("am Montag den 5. März 2020 und 29.01.2020 im Mai Kasım'da ")
			}
			text := b.String()
			f := NewFinder()
			f.SetLanguage("de")
			found := f.Find(text, []storyfold.Span{{Start: 0, End: len(text)}}, ref)
			if len(found) != 4*n {
				t.Fatalf("%d dates found, want %d", len(found), 4*n)
			}
			if tokens := 16 * n; f.langReads > 4*tokens {
				t.Errorf("the scan looked words up %d times for a sentence of %d tokens", f.langReads, tokens)
			}
		})
	}
}
