package cluster

import (
	"fmt"
	"testing"
)

// TestParseScales checks the reading of data/threshold-scale.txt: the
// embedded file, and the lines it must reject (a language twice, a factor
// outside (0, 1], a malformed line).
func TestParseScales(t *testing.T) {
	if _, err := parseScales("threshold scales", thresholdScaleData); err != nil {
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
			if _, err := parseScales("test", tc.text); (err == nil) != tc.ok {
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

// TestParseNameWeights checks the embedded data/name-weight.txt with the
// reader data/threshold-scale.txt uses, which rejects a language listed
// twice and a weight outside (0, 1] (see TestParseScales).
func TestParseNameWeights(t *testing.T) {
	if _, err := parseScales("name weights", nameWeightData); err != nil {
		t.Fatalf("data/name-weight.txt: %v", err)
	}
	if _, err := parseScales("name weights", "tr 0.25\ntr 0.5\n"); err == nil {
		t.Error("a language listed twice was accepted")
	}
}

// TestNameWeight checks, on the openings (lightly shortened) of two real
// Turkish reports of two statements by one party leader (SemEval-2022
// pairs, tuning half, rated "very dissimilar"), that a Turkish name's own term counts at the
// language's weight beside its word, that English names still count in
// full, and that the two reports resemble each other less for it: they
// were one story on the leader's name alone.
func TestNameWeight(t *testing.T) {
	const (
		tr1 = "CHP Kılıçdaroğlu'ndan partiye 'başörtüsü' eleştirisi: Bizim hatalarımızdan birisi. CHP Genel Başkanı Kemal Kılıçdaroğlu, geçmişte partinin başörtüsü konusunda hata yaptığını söyledi. Kadının başörtüsü sorunu, Türkiye'nin bir numaralı problemini yaptı. Vatandaş işsiz, iş istiyor, çiftçinin durumu ortada, başka bir sorunumuz var."
		tr2 = "Kılıçdaroğlu'ndan Erdoğan'a: Derdi benim. İdlib'teki saldırıyı takiben Cumhuriyet Halk Partisi Genel Başkanı Kemal Kılıçdaroğlu, grup toplantısında Erdoğan'ın eleştirisine cevap verdi. Kemal Kılıçdaroğlu, Erdoğan'ın açıklamalarını hatırlattı. Kimsenin zarar görmesini istemiyoruz, dedi."
		en  = "Kemal Kilicdaroglu, the leader of the CHP, criticised his party. Kemal Kilicdaroglu said the headscarf issue had been a mistake."
	)
	e := NewExtractor()
	features := func(lang, text string) Features {
		a := article(lang, "", text, 0)
		a.Language = lang
		return e.Extract(&a)
	}
	// ratio is the count of the name term over the count of the word
	// term of the same key: the name is read from the same mentions.
	ratio := func(f Features, word, name string) float32 {
		var w, n float32
		for _, tc := range f.Terms {
			switch tc.Term {
			case word:
				w = tc.Count
			case NamePrefix + name:
				n = tc.Count
			}
		}
		if w == 0 || n == 0 {
			t.Fatalf("terms %q (%v) and name %q (%v) not both found in %v", word, w, name, n, f.Terms)
		}
		return n / w
	}
	t.Run("tr", func(t *testing.T) {
		if got, want := ratio(features("tr", tr1), "kemal", "kemal"), nameWeight("tr"); got != want || want >= 1 {
			t.Errorf("Turkish name counted %v of its word, want %v (below 1)", got, want)
		}
	})
	t.Run("en", func(t *testing.T) {
		if got := ratio(features("en", en), "kemal", "kemal"); got != 1 {
			t.Errorf("English name counted %v of its word, want 1", got)
		}
	})
	t.Run("two events", func(t *testing.T) {
		sim := func() float64 {
			ix := Batch([]Item{{ID: "a", Hash: "a", Features: features("tr", tr1)},
				{ID: "b", Hash: "b", Features: features("tr", tr2)}}, DefaultOptions())
			return cosine(ix.vectors(0).words, ix.vectors(1).words)
		}
		weighted := sim()
		saved := nameWeights
		nameWeights = map[string]float64{}
		full := sim()
		nameWeights = saved
		if weighted >= full {
			t.Errorf("similarity %.3f with names weighted, %.3f in full: want lower", weighted, full)
		}
	})
}
