package cluster

import (
	"math"
	"testing"
)

// TestIDFPerLanguage checks that a word is as rare as the articles of
// its own language make it: a word two Turkish articles of two give
// weighs as a word in every article does, however many English
// articles the index holds, one spelling in two languages is two terms,
// and a name across languages is still weighed over all articles.
func TestIDFPerLanguage(t *testing.T) {
	ix := New(DefaultOptions())
	feats := func(lang string, terms ...string) Features {
		f := Features{Day: NoDay, Lang: lang}
		for _, term := range terms {
			f.Terms = append(f.Terms, TermCount{Term: term, Count: 1})
		}
		return f
	}
	var all []Features
	for range 40 {
		all = append(all, feats("en", "council", CrossPrefix+"erdogan"))
	}
	all = append(all,
		feats("tr", "korona", "vaka", CrossPrefix+"erdogan"),
		feats("tr", "korona", "meclis"),
		feats("es", "korona"),
		feats("", "council"))
	for i := range all {
		ix.CountTerms(&all[i])
	}
	want := func(n, df int) float32 {
		return float32(max(minIDF, math.Log(float64(n+idfPrior)/float64(df+1))))
	}
	for _, tc := range []struct {
		name, term, lang string
		want             float32
	}{
		{"Turkish word over Turkish articles", "korona", "tr", want(2, 2)},
		{"the same spelling in Spanish", "korona", "es", want(1, 1)},
		{"English word over English and unknown articles", "council", "en", want(41, 41)},
		{"unknown language shares English's words", "council", "", want(41, 41)},
		{"name across languages over all articles", CrossPrefix + "erdogan", "tr", want(44, 41)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, ok := ix.lookup(tc.term, tc.lang)
			if !ok {
				t.Fatalf("%q of %q not in the vocabulary", tc.term, tc.lang)
			}
			if got := ix.idf(id); math.Abs(float64(got-tc.want)) > 1e-6 {
				t.Errorf("idf %v, want %v", got, tc.want)
			}
		})
	}
	tr, _ := ix.lookup("korona", "tr")
	es, _ := ix.lookup("korona", "es")
	if tr == es {
		t.Error("korona in Turkish and in Spanish share a term")
	}
}
