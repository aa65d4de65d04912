package wordnet

import (
	"strings"
	"testing"
)

// benchSentences are two made-up news sentences that say the same thing in
// other words, the workload of a same-claim scorer.
var benchSentences = [2]string{
	"officials said the two countries agreed to resume negotiations next week after the talks collapsed in march over border disputes and rising prices",
	"the governments will restart talks in the coming days, negotiators announced, months after discussions broke down amid quarrels about the frontier and higher costs",
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(embedded)))
	for b.Loop() {
		if _, err := decode(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	Load()
	words := strings.Fields(benchSentences[0] + " " + benchSentences[1])
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, w := range words {
			Lookup(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

func benchPairs() (xs, ys []Word) {
	for _, w := range strings.Fields(benchSentences[0]) {
		xs = append(xs, Lookup(strings.Trim(w, ",")))
	}
	for _, w := range strings.Fields(benchSentences[1]) {
		ys = append(ys, Lookup(strings.Trim(w, ",")))
	}
	return xs, ys
}

func BenchmarkRelated(b *testing.B) {
	xs, ys := benchPairs()
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, x := range xs {
			for _, y := range ys {
				if Related(x, y) != None {
					n++
				}
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)*len(ys)), "ns/pair")
}

func BenchmarkSimilarityAndAntonyms(b *testing.B) {
	xs, ys := benchPairs()
	b.ReportAllocs()
	b.ResetTimer()
	s := 0.0
	for b.Loop() {
		for _, x := range xs {
			for _, y := range ys {
				s += Similarity(x, y)
				if Antonyms(x, y) {
					s--
				}
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)*len(ys)), "ns/pair")
}

func BenchmarkCompare(b *testing.B) {
	xs, ys := benchPairs()
	b.ReportAllocs()
	b.ResetTimer()
	s := 0.0
	for b.Loop() {
		for _, x := range xs {
			for _, y := range ys {
				sim, ant := Compare(x, y)
				s += sim
				if ant {
					s--
				}
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)*len(ys)), "ns/pair")
}

// BenchmarkSentencePair is the scorer's per-pair budget: look up both
// sentences' words and compare every pair.
func BenchmarkSentencePair(b *testing.B) {
	Load()
	w0 := strings.Fields(strings.ReplaceAll(benchSentences[0], ",", ""))
	w1 := strings.Fields(strings.ReplaceAll(benchSentences[1], ",", ""))
	var xs, ys []Word
	b.ReportAllocs()
	for b.Loop() {
		xs, ys = xs[:0], ys[:0]
		for _, w := range w0 {
			xs = append(xs, Lookup(w))
		}
		for _, w := range w1 {
			ys = append(ys, Lookup(w))
		}
		for _, x := range xs {
			for _, y := range ys {
				Similarity(x, y)
			}
		}
	}
}
