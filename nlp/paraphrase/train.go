package paraphrase

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/storyfold/storyfold/internal/logistic"
)

// FitOptions are the settings of a model fit.
type FitOptions struct {
	// Kind is "gbdt", "logistic" or "blend", the mean of the two fits'
	// log-odds.
	Kind string `json:"kind"`
	// Trees, Depth, Rate, MinLeaf, Subsample and L2 shape a "gbdt" fit:
	// the number of trees, their depth, the shrinkage of each tree, the
	// fewest pairs in a leaf, the share of pairs each tree sees and the
	// leaf values' ridge penalty. L2 is the weights' penalty of a
	// "logistic" fit.
	Trees     int     `json:"trees,omitempty"`
	Depth     int     `json:"depth,omitempty"`
	Rate      float64 `json:"rate,omitempty"`
	MinLeaf   int     `json:"min_leaf,omitempty"`
	Subsample float64 `json:"subsample,omitempty"`
	L2        float64 `json:"l2"`
	// Seed fixes the subsampling, so a fit is deterministic.
	Seed uint64 `json:"seed"`
}

// DefaultFitOptions are the settings the shipped model was fitted with.
func DefaultFitOptions() FitOptions {
	return FitOptions{Kind: "blend", Trees: 150, Depth: 3, Rate: 0.1, MinLeaf: 20, Subsample: 0.8, L2: 1, Seed: 1}
}

// PairFeatures prepares both sentences of each pair and returns their
// features.
func PairFeatures(pairs []Pair) [][]float64 {
	p := NewPreparer()
	var a, b Sentence
	out := make([][]float64, len(pairs))
	for i, pr := range pairs {
		p.Prepare(&a, pr.Text1, nil)
		p.Prepare(&b, pr.Text2, nil)
		f := make([]float64, NumFeatures)
		Features(f, &a, &b)
		out[i] = f
	}
	return out
}

// Fit fits a model on the features x of pairs labelled y. The threshold is
// 0.5: the models give calibrated probabilities, and 0.5 maximises their
// expected accuracy.
func Fit(x [][]float64, y []bool, opt FitOptions) (*Model, error) {
	m := &Model{Kind: opt.Kind, Features: FeatureNames[:], Threshold: 0.5}
	switch opt.Kind {
	case "gbdt":
		fitGBDT(m, x, y, opt)
	case "logistic":
		fitLogistic(m, x, y, opt)
	case "blend":
		fitGBDT(m, x, y, opt)
		base := m.Base
		fitLogistic(m, x, y, opt)
		m.Base = (base + m.Base) / 2
		for i := range m.Weights {
			m.Weights[i] /= 2
		}
		for _, t := range m.Trees {
			for k := range t.Value {
				t.Value[k] /= 2
			}
		}
	default:
		return nil, fmt.Errorf("fit: unknown model kind %q", opt.Kind)
	}
	m.flat = compile(m.Trees)
	return m, nil
}

// Metrics are a classifier's figures on labelled pairs.
type Metrics struct {
	Pairs     int     `json:"pairs"`
	Accuracy  float64 `json:"accuracy"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Evaluate scores predictions against labels.
func Evaluate(pred, y []bool) Metrics {
	var tp, fp, fn, ok int
	for i := range y {
		switch {
		case pred[i] && y[i]:
			tp++
		case pred[i]:
			fp++
		case y[i]:
			fn++
		}
		if pred[i] == y[i] {
			ok++
		}
	}
	m := Metrics{Pairs: len(y)}
	if len(y) > 0 {
		m.Accuracy = float64(ok) / float64(len(y))
	}
	if tp+fp > 0 {
		m.Precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		m.Recall = float64(tp) / float64(tp+fn)
	}
	if m.Precision+m.Recall > 0 {
		m.F1 = 2 * m.Precision * m.Recall / (m.Precision + m.Recall)
	}
	return m
}

// CVResult is a cross-validation's figures: each fold's and their mean and
// standard deviation.
type CVResult struct {
	Folds       []Metrics  `json:"folds"`
	Accuracy    float64    `json:"accuracy"`
	AccuracySD  float64    `json:"accuracy_sd"`
	F1          float64    `json:"f1"`
	F1SD        float64    `json:"f1_sd"`
	Precision   float64    `json:"precision"`
	Recall      float64    `json:"recall"`
	FoldSeed    uint64     `json:"fold_seed"`
	FitSettings FitOptions `json:"fit_settings"`
}

// CrossValidate fits on all folds but one and tests on that one, for each
// of k folds made by a shuffle seeded with seed, so every pair is scored by
// a model that never saw it.
func CrossValidate(x [][]float64, y []bool, k int, seed uint64, opt FitOptions) (CVResult, error) {
	res := CVResult{FoldSeed: seed, FitSettings: opt}
	if k < 2 || k > len(y) {
		return res, fmt.Errorf("cross-validate: %d folds for %d pairs", k, len(y))
	}
	order := make([]int, len(y))
	for i := range order {
		order[i] = i
	}
	r := rand.New(rand.NewPCG(seed, 0x70617261))
	r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for f := range k {
		var trX, teX [][]float64
		var trY, teY []bool
		for pos, i := range order {
			if pos%k == f {
				teX, teY = append(teX, x[i]), append(teY, y[i])
			} else {
				trX, trY = append(trX, x[i]), append(trY, y[i])
			}
		}
		m, err := Fit(trX, trY, opt)
		if err != nil {
			return res, err
		}
		pred := make([]bool, len(teY))
		for i, fx := range teX {
			pred[i] = m.predict(fx) >= m.Threshold
		}
		res.Folds = append(res.Folds, Evaluate(pred, teY))
	}
	var accs, f1s []float64
	for _, m := range res.Folds {
		accs, f1s = append(accs, m.Accuracy), append(f1s, m.F1)
		res.Precision += m.Precision / float64(k)
		res.Recall += m.Recall / float64(k)
	}
	res.Accuracy, res.AccuracySD = meanSD(accs)
	res.F1, res.F1SD = meanSD(f1s)
	return res, nil
}

func meanSD(v []float64) (float64, float64) {
	mean := 0.0
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	ss := 0.0
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	if len(v) < 2 {
		return mean, 0
	}
	return mean, math.Sqrt(ss / float64(len(v)-1))
}

// SetFitRecord stores how m was fitted, and its cross-validated figures, in
// the model file for its reader.
func (m *Model) SetFitRecord(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("fit record: %w", err)
	}
	m.Fit = b
	return nil
}

// fitGBDT fits gradient-boosted regression trees on the logistic loss
// (Friedman 2001), with Newton leaf values as XGBoost computes them.
func fitGBDT(m *Model, x [][]float64, y []bool, opt FitOptions) {
	n := len(y)
	pos := 0
	for _, v := range y {
		if v {
			pos++
		}
	}
	prior := (float64(pos) + 1) / (float64(n) + 2)
	m.Base = math.Log(prior / (1 - prior))
	// Each feature's pairs in ascending order of value, sorted once.
	sorted := make([][]int32, NumFeatures)
	for f := range NumFeatures {
		idx := make([]int32, n)
		for i := range idx {
			idx[i] = int32(i)
		}
		slices.SortStableFunc(idx, func(a, b int32) int {
			va, vb := x[a][f], x[b][f]
			switch {
			case va < vb:
				return -1
			case va > vb:
				return 1
			}
			return 0
		})
		sorted[f] = idx
	}
	z := make([]float64, n)
	for i := range z {
		z[i] = m.Base
	}
	g, h := make([]float64, n), make([]float64, n)
	node := make([]int32, n) // each pair's node in the tree being grown; -1 left out
	r := rand.New(rand.NewPCG(opt.Seed, 0x67626474))
	for range opt.Trees {
		for i := range n {
			p := sigmoid(z[i])
			t := 0.0
			if y[i] {
				t = 1
			}
			g[i], h[i] = p-t, p*(1-p)
			node[i] = 0
			if opt.Subsample > 0 && opt.Subsample < 1 && r.Float64() >= opt.Subsample {
				node[i] = -1
			}
		}
		t := growTree(x, g, h, node, sorted, opt)
		m.Trees = append(m.Trees, t)
		for i := range n {
			k := 0
			for t.Feature[k] >= 0 {
				if x[i][t.Feature[k]] < t.Split[k] {
					k = int(t.Left[k])
				} else {
					k = int(t.Right[k])
				}
			}
			z[i] += t.Value[k]
		}
	}
}

// split is the best split found for one node.
type split struct {
	gain    float64
	feature int
	value   float64
}

// growTree grows one tree level by level. node holds each pair's node (-1
// for pairs this tree does not see) and is overwritten.
func growTree(x [][]float64, g, h []float64, node []int32, sorted [][]int32, opt FitOptions) Tree {
	var t Tree
	addLeaf := func() int {
		t.Feature = append(t.Feature, -1)
		t.Split = append(t.Split, 0)
		t.Left = append(t.Left, 0)
		t.Right = append(t.Right, 0)
		t.Value = append(t.Value, 0)
		return len(t.Feature) - 1
	}
	addLeaf()
	level := []int{0}
	lambda := opt.L2
	for depth := 0; depth < opt.Depth && len(level) > 0; depth++ {
		// Totals per node of this level.
		slot := make([]int, len(t.Feature))
		for k := range slot {
			slot[k] = -1
		}
		for s, k := range level {
			slot[k] = s
		}
		G, H, C := make([]float64, len(level)), make([]float64, len(level)), make([]int, len(level))
		for i, k := range node {
			if k < 0 {
				continue
			}
			if s := slot[k]; s >= 0 {
				G[s] += g[i]
				H[s] += h[i]
				C[s]++
			}
		}
		best := make([]split, len(level))
		gl, hl, cl := make([]float64, len(level)), make([]float64, len(level)), make([]int, len(level))
		last := make([]float64, len(level))
		for f := range NumFeatures {
			clear(gl)
			clear(hl)
			clear(cl)
			for _, i := range sorted[f] {
				k := node[i]
				if k < 0 {
					continue
				}
				s := slot[k]
				if s < 0 {
					continue
				}
				v := x[i][f]
				if cl[s] >= opt.MinLeaf && C[s]-cl[s] >= opt.MinLeaf && v > last[s] {
					gr, hr := G[s]-gl[s], H[s]-hl[s]
					gain := gl[s]*gl[s]/(hl[s]+lambda) + gr*gr/(hr+lambda) - G[s]*G[s]/(H[s]+lambda)
					if gain > best[s].gain {
						best[s] = split{gain: gain, feature: f, value: (last[s] + v) / 2}
					}
				}
				gl[s] += g[i]
				hl[s] += h[i]
				cl[s]++
				last[s] = v
			}
		}
		var next []int
		for s, k := range level {
			if best[s].gain <= 1e-9 {
				t.Value[k] = -opt.Rate * G[s] / (H[s] + lambda)
				continue
			}
			l, r := addLeaf(), addLeaf()
			t.Feature[k] = int8(best[s].feature)
			t.Split[k] = best[s].value
			t.Left[k], t.Right[k] = int16(l), int16(r)
			next = append(next, l, r)
		}
		for i, k := range node {
			if k < 0 || t.Feature[k] < 0 {
				continue
			}
			if x[i][t.Feature[k]] < t.Split[k] {
				node[i] = int32(t.Left[k])
			} else {
				node[i] = int32(t.Right[k])
			}
		}
		level = next
	}
	// The last level's nodes are leaves.
	if len(level) > 0 {
		G, H := map[int]float64{}, map[int]float64{}
		for i, k := range node {
			if k >= 0 {
				G[int(k)] += g[i]
				H[int(k)] += h[i]
			}
		}
		for _, k := range level {
			t.Value[k] = -opt.Rate * G[k] / (H[k] + lambda)
		}
	}
	return t
}

// fitLogistic fits an L2-penalised logistic regression on standardised
// features by Newton's method.
func fitLogistic(m *Model, x [][]float64, y []bool, opt FitOptions) {
	r := logistic.Fit(x, y, opt.L2)
	m.Base, m.Weights, m.Mean, m.Scale = r.Base, r.Weights, r.Mean, r.Scale
}
