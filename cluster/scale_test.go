package cluster

import (
	"fmt"
	"testing"
)

// TestParseScales checks the reading of data/threshold-scale.txt: the
// embedded file, and the lines it must reject (a language twice, a factor
// outside (0, 1], a malformed line).
func TestParseScales(t *testing.T) {
	if _, err := parseScales(thresholdScaleData); err != nil {
		t.Fatalf("data/threshold-scale.txt: %v", err)
	}
	for _, tc := range []struct {
		name, text string
		ok         bool
	}{
		{"valid", "# comment\nde 0.7\n\npl 0.6\n", true},
		{"duplicate", "de 0.7\nde 0.8\n", false},
		{"zero", "de 0\n", false},
		{"above one", "de 1.2\n", false},
		{"no factor", "de\n", false},
		{"not a number", "de x\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := parseScales(tc.text); (err == nil) != tc.ok {
				t.Errorf("parseScales(%q) error %v, want ok %v", tc.text, err, tc.ok)
			}
		})
	}
}

// TestThresholdScale checks that English, an unknown language and a
// language not listed keep the thresholds as they are.
func TestThresholdScale(t *testing.T) {
	for _, tc := range []struct {
		lang string
		one  bool
	}{{"en", true}, {"", true}, {"es", true}, {"xx", true}, {"de", false}, {"pl", false}} {
		t.Run(tc.lang, func(t *testing.T) {
			if got := thresholdScale(tc.lang); (got == 1) != tc.one || got <= 0 || got > 1 {
				t.Errorf("thresholdScale(%q) = %v", tc.lang, got)
			}
		})
	}
}

// TestTermLimits checks that an English article keeps its 40 heaviest
// terms, as it always did, and an article of another language 80.
func TestTermLimits(t *testing.T) {
	for _, tc := range []struct {
		lang string
		want int
	}{{"en", docTerms}, {"", docTerms}, {"de", docTermsIntl}, {"ar", docTermsIntl}} {
		t.Run("lang="+tc.lang, func(t *testing.T) {
			f := Features{Day: NoDay, Lang: tc.lang}
			for i := range 200 {
				f.Terms = append(f.Terms, TermCount{Term: fmt.Sprintf("w%03d", i), Count: float32(1 + i%7)})
			}
			ix := New(DefaultOptions())
			ix.Add("a", "a", f, false)
			if got := len(ix.docs[0].terms); got != tc.want {
				t.Errorf("%d terms kept, want %d", got, tc.want)
			}
			if got := len(ix.stories[0].centroid); got > termLimits(tc.lang).story {
				t.Errorf("story keeps %d terms, more than %d", got, termLimits(tc.lang).story)
			}
		})
	}
}
