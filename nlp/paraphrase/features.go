package paraphrase

import (
	"math"

	"github.com/storyfold/storyfold/internal/sorted"
)

// FeatureNames names the features Features computes, in order. Every
// feature is symmetric in its two sentences (a minimum, maximum, sum or
// mean of the two directions), so the score is too.
var FeatureNames = [NumFeatures]string{
	"content_min", "content_max",
	"idf_min", "idf_max",
	"uni_min", "uni_max",
	"bi_min", "bi_max",
	"tri_min", "tri_max",
	"lcs_min", "lcs_max",
	"wn_mean", "wn_min",
	"len_logratio", "len_log",
	"num_unmatched", "num_both",
	"fig_unmatched", "fig_both",
	"name_unmatched", "name_max",
	"date_mismatch", "neg_mismatch", "antonyms",
	"miss_idf_sum", "miss_idf_max",
	"char_min", "char_max",
	"quad_min", "quad_max",
	"miss_min", "miss_max",
	"lcsub_min",
	"cbi_min", "cbi_max",
	"unexpl_min", "unexpl_max",
	"bleu_min", "bleu_max",
	"num_only", "fig_only",
	"gap_min", "gap_max", "gaps_sum",
	"low_min", "low_max",
}

// NumFeatures is the number of features.
const NumFeatures = 47

// Features writes the features of the pair (a, b) into f, which must hold
// NumFeatures values.
func Features(f []float64, a, b *Sentence) {
	_ = f[NumFeatures-1]
	// Content words: count and idf-weighted overlap, WordNet alignment.
	common, commonIDF := 0, 0.0
	i, j := 0, 0
	for i < len(a.content) && j < len(b.content) {
		x, y := a.content[i].stem, b.content[j].stem
		switch {
		case x < y:
			i++
		case x > y:
			j++
		default:
			common++
			commonIDF += float64(a.content[i].idf)
			i++
			j++
		}
	}
	f[0], f[1] = minMax(ratio(common, len(a.content)), ratio(common, len(b.content)))
	f[2], f[3] = minMax(fratio(commonIDF, a.idfSum), fratio(commonIDF, b.idfSum))
	f[4], f[5] = minMax(ratio(sorted.Shared(a.uni, b.uni), len(a.uni)), ratio(sorted.Shared(a.uni, b.uni), len(b.uni)))
	f[6], f[7] = a.bi.ratios(&b.bi)
	f[8], f[9] = a.tri.ratios(&b.tri)
	l := lcs(a.seq, b.seq)
	f[10], f[11] = minMax(ratio(l, len(a.seq)), ratio(l, len(b.seq)))

	wa, wb, missA, missB, ant := align(a, b)
	f[12] = (wa + wb) / 2
	f[13] = math.Min(wa, wb)
	na, nb := float64(max(a.words, 1)), float64(max(b.words, 1))
	f[14] = math.Log(max(na, nb) / min(na, nb))
	f[15] = math.Log(na + nb)

	// Numbers, figures, names and dates in one and not the other.
	nu := unmatched(a.numbers, b.numbers) + unmatched(b.numbers, a.numbers)
	f[16] = float64(nu)
	f[17] = b2f(len(a.numbers) > 0 && len(b.numbers) > 0)
	f[18] = float64(figuresUnmatched(a.figures, b.figures) + figuresUnmatched(b.figures, a.figures))
	f[19] = b2f(len(a.figures) > 0 && len(b.figures) > 0)
	ma, mb := namesUnmatched(a, b), namesUnmatched(b, a)
	f[20] = float64(ma + mb)
	f[21] = float64(max(ma, mb))
	f[22] = b2f(len(a.days) > 0 && len(b.days) > 0 && sorted.Shared(a.days, b.days) == 0)
	f[23] = b2f((a.neg > 0) != (b.neg > 0))
	f[24] = float64(ant)
	f[25] = missA + missB
	f[26] = math.Max(missA, missB)
	f[27], f[28] = a.chars.ratios(&b.chars)
	f[29], f[30] = a.quad.ratios(&b.quad)
	f[31], f[32] = minMax(float64(len(a.content)-common), float64(len(b.content)-common))
	f[33] = ratio(lcsub(a.seq, b.seq), min(len(a.seq), len(b.seq)))
	f[34], f[35] = a.cbi.ratios(&b.cbi)
	f[36], f[37] = minMax((1-wa)*a.idfSum, (1-wb)*b.idfSum)
	f[38], f[39] = minMax(bleu(f[4], f[6], f[8], f[29]), bleu(f[5], f[7], f[9], f[30]))
	f[40] = b2f((len(a.numbers) == 0) != (len(b.numbers) == 0))
	f[41] = b2f((len(a.figures) == 0) != (len(b.figures) == 0))
	ga, na2 := gaps(a.seq, b.uni)
	gb, nb2 := gaps(b.seq, a.uni)
	f[42], f[43] = minMax(float64(ga), float64(gb))
	f[44] = float64(na2 + nb2)
	lo := sorted.Shared(a.lows, b.lows)
	f[45], f[46] = minMax(ratio(lo, len(a.lows)), ratio(lo, len(b.lows)))
}

// gaps returns the longest run of words of seq that the other sentence,
// given by its sorted words other, lacks, and the number of such runs: a
// clause one sentence adds shows as a long run.
func gaps(seq, other []uint64) (longest, runs int) {
	run := 0
	for _, h := range seq {
		if contains(other, h) {
			run = 0
			continue
		}
		if run == 0 {
			runs++
		}
		run++
		longest = max(longest, run)
	}
	return longest, runs
}

// bleu is the geometric mean of four n-gram precisions, each smoothed so
// that a sentence too short for 4-grams still gets a score (Lin and Och's
// BLEU+1).
func bleu(p1, p2, p3, p4 float64) float64 {
	const e = 0.05
	return math.Pow((p1+e)*(p2+e)*(p3+e)*(p4+e), 0.25)
}

// align is Mihalcea et al.'s (2006) directional similarity, both ways at
// once: each content word of one sentence is matched to its closest word in
// the other (1 for the same stem, else WordNet similarity), weighted by its
// idf. Words with a same-stem partner are matched already; WordNet is asked
// only about pairs of words that both lack one, which is where restatement
// happens and keeps the cost down. It also returns the idf of each side's
// words left without any match, and the antonym pairs among those words.
func align(a, b *Sentence) (simA, simB, missA, missB float64, antonyms int) {
	var ua, ub [48]int16 // unmatched content words
	var bestA, bestB [48]float64
	na, nb := 0, 0
	totalA, totalB := 0.0, 0.0
	i, j := 0, 0
	for i < len(a.content) || j < len(b.content) {
		switch {
		case j == len(b.content) || (i < len(a.content) && a.content[i].stem < b.content[j].stem):
			if na < len(ua) {
				ua[na] = int16(i)
				na++
			} else {
				missA += float64(a.content[i].idf)
			}
			i++
		case i == len(a.content) || b.content[j].stem < a.content[i].stem:
			if nb < len(ub) {
				ub[nb] = int16(j)
				nb++
			} else {
				missB += float64(b.content[j].idf)
			}
			j++
		default:
			totalA += float64(a.content[i].idf)
			totalB += float64(b.content[j].idf)
			i++
			j++
		}
	}
	for x := range na {
		w := a.content[ua[x]].wn
		if w == 0 {
			continue
		}
		for y := range nb {
			v := b.content[ub[y]].wn
			if v == 0 {
				continue
			}
			sim, ant := wnCompare(w, v)
			bestA[x] = max(bestA[x], sim)
			bestB[y] = max(bestB[y], sim)
			if ant {
				antonyms++
			}
		}
	}
	for x := range na {
		idf := float64(a.content[ua[x]].idf)
		totalA += bestA[x] * idf
		if bestA[x] == 0 {
			missA += idf
		}
	}
	for y := range nb {
		idf := float64(b.content[ub[y]].idf)
		totalB += bestB[y] * idf
		if bestB[y] == 0 {
			missB += idf
		}
	}
	simA, simB = 1, 1
	if a.idfSum > 0 {
		simA = totalA / a.idfSum
	}
	if b.idfSum > 0 {
		simB = totalB / b.idfSum
	}
	return simA, simB, missA, missB, antonyms
}

// unmatched counts the elements of sorted a missing from sorted b.
func unmatched(a, b []uint64) int {
	return len(a) - sorted.Shared(a, b)
}

// figuresUnmatched counts a's figures that b states nowhere, allowing the
// rounding two outlets apply (1.23 billion, 1.2 billion).
func figuresUnmatched(a, b []figure) int {
	n := 0
	for _, x := range a {
		found := false
		for _, y := range b {
			if x.kind == y.kind && closeTo(x.value, y.value) {
				found = true
				break
			}
		}
		if !found {
			n++
		}
	}
	return n
}

// closeTo reports whether two figures agree within rounding.
func closeTo(x, y float64) bool {
	d := math.Abs(x - y)
	return d <= 0.02*math.Max(math.Abs(x), math.Abs(y))
}

// namesUnmatched counts a's names that b mentions neither as a name nor as
// a word.
func namesUnmatched(a, b *Sentence) int {
	n := 0
	for _, h := range a.names {
		if !contains(b.names, h) && !contains(b.lows, h) {
			n++
		}
	}
	return n
}

// contains reports whether sorted s holds x.
func contains(s []uint64, x uint64) bool {
	lo, hi := 0, len(s)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(s) && s[lo] == x
}

// lcsub returns the length of the longest common contiguous run of a and
// b.
func lcsub(a, b []uint64) int {
	best := 0
	for d := -len(b) + 1; d < len(a); d++ {
		run := 0
		for i := max(d, 0); i < len(a) && i-d < len(b); i++ {
			if a[i] == b[i-d] {
				run++
				best = max(best, run)
			} else {
				run = 0
			}
		}
	}
	return best
}

// lcs returns the length of the longest common subsequence of a and b.
func lcs(a, b []uint64) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	var stack [128]int32
	var row []int32
	if len(b)+1 <= len(stack) {
		row = stack[:len(b)+1]
	} else {
		row = make([]int32, len(b)+1)
	}
	for _, x := range a {
		prev := int32(0) // row[j-1] of the previous row
		for j, y := range b {
			cur := row[j+1]
			if x == y {
				row[j+1] = prev + 1
			} else if row[j] > cur {
				row[j+1] = row[j]
			}
			prev = cur
		}
	}
	return int(row[len(b)])
}

func minMax(x, y float64) (float64, float64) {
	if x < y {
		return x, y
	}
	return y, x
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

func fratio(n, d float64) float64 {
	if d == 0 {
		return 1
	}
	return n / d
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
