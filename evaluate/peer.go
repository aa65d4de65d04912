package evaluate

import (
	"math"
	"strings"
	"unicode"
)

// CharGrams is the length of the character n-grams the TF-IDF peer
// compares: long enough to carry a word's stem, short enough to match
// inflected forms and names written in different alphabets' spellings.
const CharGrams = 4

// TFIDFPeer groups texts the way a plain single-pass clusterer does, as a
// peer to measure storyfold's grouping against: each text is a TF-IDF
// vector of its lower-cased character n-grams, and joins the first earlier
// group whose first text it resembles at cosine threshold or more, else
// starts a group. It returns each text's group, numbered from 0.
func TFIDFPeer(texts []string, threshold float64) []int {
	grams := make([]map[string]float64, len(texts))
	df := map[string]int{}
	for i, t := range texts {
		grams[i] = charGrams(t)
		for g := range grams[i] {
			df[g]++
		}
	}
	n := float64(len(texts))
	vecs := make([]map[string]float64, len(texts))
	for i, m := range grams {
		v := make(map[string]float64, len(m))
		var norm float64
		for g, tf := range m {
			w := (1 + math.Log(tf)) * math.Log((1+n)/(1+float64(df[g])))
			v[g] = w
			norm += w * w
		}
		if norm > 0 {
			norm = math.Sqrt(norm)
			for g := range v {
				v[g] /= norm
			}
		}
		vecs[i] = v
	}
	group := make([]int, len(texts))
	var seeds []int
	for i := range texts {
		group[i] = -1
		for gi, s := range seeds {
			if cosine(vecs[i], vecs[s]) >= threshold {
				group[i] = gi
				break
			}
		}
		if group[i] < 0 {
			group[i] = len(seeds)
			seeds = append(seeds, i)
		}
	}
	return group
}

// charGrams counts a text's character n-grams, over its letters and
// digits lower-cased, runs of other characters read as one space.
func charGrams(text string) map[string]float64 {
	var rs []rune
	space := true
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, unicode.ToLower(r))
			space = false
		} else if !space {
			rs = append(rs, ' ')
			space = true
		}
	}
	out := map[string]float64{}
	for i := 0; i+CharGrams <= len(rs); i++ {
		out[string(rs[i:i+CharGrams])]++
	}
	return out
}

func cosine(a, b map[string]float64) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	var dot float64
	for g, w := range a {
		dot += w * b[g]
	}
	return dot
}

// PairScores are the precision, recall and F1 of "same story" over
// labelled article pairs.
type PairScores struct {
	Pairs, Same, Predicted, Right int
	P, R, F1                      float64
}

// Add counts one pair: whether it is the same story (gold) and whether it
// was put in one story (pred).
func (s *PairScores) Add(gold, pred bool) {
	s.Pairs++
	if gold {
		s.Same++
	}
	if pred {
		s.Predicted++
		if gold {
			s.Right++
		}
	}
	s.P, s.R = fraction(s.Right, s.Predicted), fraction(s.Right, s.Same)
	s.F1 = f1(s.P, s.R)
}

// LanguagePair names a pair of languages the way the SemEval file does,
// "de-en", with the two codes in the file's order.
func LanguagePair(a, b string) string { return strings.ToLower(a) + "-" + strings.ToLower(b) }
