// Package evaluate scores storyfold against gold data: story grouping with
// BCubed and pairwise precision and recall, and text extraction with the
// shingle metric of the article-extraction benchmark.
package evaluate

// ClusterScores are the standard scores of a clustering against gold
// clusters.
type ClusterScores struct {
	BCubedP, BCubedR, BCubedF      float64
	PairP, PairR, PairF            float64
	Items, GoldClusters, Predicted int
}

// Clusters scores predicted cluster labels against gold labels, item by
// item (the two slices are parallel). BCubed averages, over items, the share
// of an item's predicted cluster that shares its gold cluster (precision)
// and the share of its gold cluster found in its predicted cluster (recall);
// pairwise scores count item pairs put together.
func Clusters(gold, pred []string) ClusterScores {
	n := len(gold)
	s := ClusterScores{Items: n}
	if n == 0 || len(pred) != n {
		return s
	}
	goldSize := map[string]int{}
	predSize := map[string]int{}
	both := map[[2]string]int{}
	for i := range gold {
		goldSize[gold[i]]++
		predSize[pred[i]]++
		both[[2]string{gold[i], pred[i]}]++
	}
	s.GoldClusters, s.Predicted = len(goldSize), len(predSize)
	for i := range gold {
		c := float64(both[[2]string{gold[i], pred[i]}])
		s.BCubedP += c / float64(predSize[pred[i]])
		s.BCubedR += c / float64(goldSize[gold[i]])
	}
	s.BCubedP /= float64(n)
	s.BCubedR /= float64(n)
	s.BCubedF = f1(s.BCubedP, s.BCubedR)

	pairs := func(k int) float64 { return float64(k) * float64(k-1) / 2 }
	var tp, predPairs, goldPairs float64
	for _, c := range both {
		tp += pairs(c)
	}
	for _, c := range predSize {
		predPairs += pairs(c)
	}
	for _, c := range goldSize {
		goldPairs += pairs(c)
	}
	s.PairP, s.PairR = 1, 1
	if predPairs > 0 {
		s.PairP = tp / predPairs
	}
	if goldPairs > 0 {
		s.PairR = tp / goldPairs
	}
	s.PairF = f1(s.PairP, s.PairR)
	return s
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
