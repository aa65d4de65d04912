package compare

import (
	"strings"
	"testing"
)

// TestMeasured pins the noun read as what a figure measures, on sentences
// from BASIL and the example story; "|" marks where the figure ends.
func TestMeasured(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"earned $139 million| in adjusted gross income from 2007 to 2014.", "income"},
		{"have paid $43 million| in federal taxes since 2007.", "taxes"},
		{"donated over 10 percent| of their income to charity.", "income"},
		{"The 90|-minute call between Trump and Putin resulted in invitations.", "call"},
		{"lasted almost 90 minutes|, with the Kremlin noting both leaders' agreement.", ""},
		{"five weeks| in advance of his election", "advance"},
		{"two weeks| before the Israeli elections", ""},
		{"earned nearly $20 million| between 2011 and 2014 for advising companies.", ""},
		{"a tax rate of 31.55 percent|.", ""},
		{"in connection with his use of $450,000| in campaign money to pay for living expenses", "campaign"},
		{"charges that he spent $750,000| in campaign cash on personal items.", "campaign"},
		{"raised $2 million| in cash.", ""},
	} {
		t.Run(tc.text, func(t *testing.T) {
			at := strings.Index(tc.text, "|")
			text := tc.text[:at] + tc.text[at+1:]
			if got := measured(text, at, len(text)); got != tc.want {
				t.Errorf("measured = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMeasureDataIsClean rejects a word listed twice.
func TestMeasureDataIsClean(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range dataLines(measureData) {
		_, w, _ := strings.Cut(l, " ")
		if seen[w] {
			t.Errorf("%q listed twice", w)
		}
		seen[w] = true
	}
}
