package evaluate

import (
	"unicode"
	"unicode/utf8"
)

// ExtractionScores are the article-extraction benchmark's scores over a set
// of pages.
type ExtractionScores struct {
	Precision, Recall, F1, Accuracy float64
	Pages                           int
}

// Page is the score of one page: its normalised shingle counts.
type Page struct {
	TP, FP, FN float64
	Exact      bool
}

// ScorePage compares an extracted text with the true text the way the
// benchmark does: tokens are runs of word characters, shingles are runs of 4
// tokens counted as a multiset, and TP, FP and FN are divided by their sum
// so that every page weighs the same.
func ScorePage(truth, predicted string) Page {
	tt, pt := wordTokens(truth), wordTokens(predicted)
	ts, ps := shingles(tt), shingles(pt)
	var tp, fp, fn float64
	for sh, c := range ps {
		m := min(c, ts[sh])
		tp += float64(m)
		fp += float64(c - m)
	}
	for sh, c := range ts {
		if p := ps[sh]; c > p {
			fn += float64(c - p)
		}
	}
	if sum := tp + fp + fn; sum > 0 {
		tp, fp, fn = tp/sum, fp/sum, fn/sum
	}
	return Page{TP: tp, FP: fp, FN: fn, Exact: equalTokens(tt, pt)}
}

// Extraction averages page scores: precision over pages with something
// extracted, recall over pages with something true, F1 of the two averages,
// accuracy as the share of exact pages.
func Extraction(pages []Page) ExtractionScores {
	s := ExtractionScores{Pages: len(pages)}
	var np, nr, exact int
	for _, p := range pages {
		if p.TP+p.FP > 0 {
			np++
			s.Precision += pageRatio(p.TP, p.FP, p.FN)
		}
		if p.TP+p.FN > 0 {
			nr++
			s.Recall += pageRatio(p.TP, p.FN, p.FP)
		}
		if p.Exact {
			exact++
		}
	}
	if np > 0 {
		s.Precision /= float64(np)
	}
	if nr > 0 {
		s.Recall /= float64(nr)
	}
	s.F1 = f1(s.Precision, s.Recall)
	if len(pages) > 0 {
		s.Accuracy = float64(exact) / float64(len(pages))
	}
	return s
}

// pageRatio is tp/(tp+miss), 1 when nothing is wrong and 0 when nothing is
// right.
func pageRatio(tp, miss, other float64) float64 {
	if miss == 0 && other == 0 {
		return 1
	}
	if tp == 0 {
		return 0
	}
	return tp / (tp + miss)
}

// wordTokens splits text into maximal runs of Unicode word characters
// (letters, digits, underscore), case kept.
func wordTokens(s string) []string {
	var out []string
	start := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		word := r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
		if word && start < 0 {
			start = i
		} else if !word && start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// shingles counts the runs of 4 tokens; a shorter text is one shingle of all
// its tokens, an empty one has none.
func shingles(tokens []string) map[string]int {
	m := make(map[string]int)
	if len(tokens) == 0 {
		return m
	}
	if len(tokens) < 4 {
		m[join(tokens)]++
		return m
	}
	for i := 0; i+4 <= len(tokens); i++ {
		m[join(tokens[i:i+4])]++
	}
	return m
}

func join(ts []string) string {
	n := len(ts)
	for _, t := range ts {
		n += len(t)
	}
	b := make([]byte, 0, n)
	for i, t := range ts {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, t...)
	}
	return string(b)
}

func equalTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
