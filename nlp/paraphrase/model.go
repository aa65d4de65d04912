package paraphrase

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
)

// modelJSON is the fitted model; internal/fit writes it.
//
//go:embed model.json
var modelJSON []byte

// defaultModel is the model Score uses; modelErr says why the embedded
// model is unusable, which only a model file older than the features can
// make it (the tests catch that). Failing at first use rather than at
// start-up lets internal/fit refit a stale model.
var defaultModel, modelErr = ParseModel(modelJSON)

// Model turns a pair's features into the probability that the pair states
// the same claim. It is either a gradient-boosted ensemble of small
// regression trees (Kind "gbdt") or a logistic regression ("logistic").
type Model struct {
	Kind     string   `json:"kind"`
	Features []string `json:"features"`
	// Threshold is the probability from which a pair counts as the same
	// claim.
	Threshold float64 `json:"threshold"`
	// Base is the ensemble's starting log-odds, or the regression's
	// intercept.
	Base float64 `json:"base"`
	// Trees of a "gbdt" model.
	Trees []Tree `json:"trees,omitempty"`
	// Weights of a "logistic" model, one per feature, applied to the
	// features standardised by Mean and Scale.
	Weights []float64 `json:"weights,omitempty"`
	Mean    []float64 `json:"mean,omitempty"`
	Scale   []float64 `json:"scale,omitempty"`
	// flat is Trees laid out for speed, see compile.
	flat flatTrees
	// Fit records how the model was fitted and its cross-validated
	// figures, for the reader; Score does not use it.
	Fit json.RawMessage `json:"fit,omitempty"`
}

// Tree is one regression tree stored as parallel arrays of nodes; node 0 is
// the root. A node with Feature -1 is a leaf worth Value; any other goes to
// Left when the feature is below Split, else to Right.
type Tree struct {
	Feature []int8    `json:"feature"`
	Split   []float64 `json:"split"`
	Left    []int16   `json:"left"`
	Right   []int16   `json:"right"`
	Value   []float64 `json:"value"`
}

// ParseModel reads a model written by internal/fit and checks that its
// features are the ones this package computes.
func ParseModel(data []byte) (*Model, error) {
	var m Model
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("paraphrase model: %w", err)
	}
	if len(m.Features) != NumFeatures {
		return nil, fmt.Errorf("paraphrase model: %d features, want %d", len(m.Features), NumFeatures)
	}
	for i, name := range m.Features {
		if name != FeatureNames[i] {
			return nil, fmt.Errorf("paraphrase model: feature %d is %q, want %q", i, name, FeatureNames[i])
		}
	}
	switch m.Kind {
	case "gbdt", "blend":
		for ti, t := range m.Trees {
			n := len(t.Feature)
			if n == 0 || len(t.Split) != n || len(t.Left) != n || len(t.Right) != n || len(t.Value) != n {
				return nil, fmt.Errorf("paraphrase model: tree %d is malformed", ti)
			}
			for k := range n {
				if f := int(t.Feature[k]); f >= NumFeatures || f < -1 {
					return nil, fmt.Errorf("paraphrase model: tree %d uses feature %d", ti, f)
				}
				if t.Feature[k] >= 0 && (int(t.Left[k]) <= k || int(t.Right[k]) <= k || int(t.Left[k]) >= n || int(t.Right[k]) >= n) {
					return nil, fmt.Errorf("paraphrase model: tree %d node %d points outside the tree", ti, k)
				}
			}
		}
	}
	if m.Kind == "logistic" || m.Kind == "blend" {
		if len(m.Weights) != NumFeatures || len(m.Mean) != NumFeatures || len(m.Scale) != NumFeatures {
			return nil, fmt.Errorf("paraphrase model: logistic weights for %d features, want %d", len(m.Weights), NumFeatures)
		}
	}
	switch m.Kind {
	case "gbdt", "logistic", "blend":
	default:
		return nil, fmt.Errorf("paraphrase model: unknown kind %q", m.Kind)
	}
	m.flat = compile(m.Trees)
	return &m, nil
}

// flatTrees holds every tree as a complete binary tree of one depth in
// implicit (heap) order: node k's children are 2k+1 and 2k+2, so walking a
// tree is a few array reads and no pointer chasing. A leaf above the full
// depth becomes an internal node splitting at +Inf, which always goes left,
// with its value copied down.
type flatTrees struct {
	depth   int
	feature []int32   // per tree, 2^depth-1 internal nodes
	split   []float64 // likewise
	leaf    []float64 // per tree, 2^depth leaves
}

// compile lays trees out as flatTrees.
func compile(trees []Tree) flatTrees {
	var ft flatTrees
	var depthOf func(t *Tree, k int) int
	depthOf = func(t *Tree, k int) int {
		if t.Feature[k] < 0 {
			return 0
		}
		return 1 + max(depthOf(t, int(t.Left[k])), depthOf(t, int(t.Right[k])))
	}
	for i := range trees {
		ft.depth = max(ft.depth, depthOf(&trees[i], 0))
	}
	inner, leaves := 1<<ft.depth-1, 1<<ft.depth
	ft.feature = make([]int32, inner*len(trees))
	ft.split = make([]float64, inner*len(trees))
	ft.leaf = make([]float64, leaves*len(trees))
	for i := range trees {
		t := &trees[i]
		var fill func(k, pos, d int)
		fill = func(k, pos, d int) {
			if d == ft.depth {
				ft.leaf[i*leaves+pos-inner] = t.Value[k]
				return
			}
			at := i*inner + pos
			if t.Feature[k] < 0 {
				ft.feature[at], ft.split[at] = 0, math.Inf(1)
				fill(k, 2*pos+1, d+1)
				fill(k, 2*pos+2, d+1)
				return
			}
			ft.feature[at], ft.split[at] = int32(t.Feature[k]), t.Split[k]
			fill(int(t.Left[k]), 2*pos+1, d+1)
			fill(int(t.Right[k]), 2*pos+2, d+1)
		}
		fill(0, 0, 0)
	}
	return ft
}

// sum returns the trees' summed values for the features f.
func (ft *flatTrees) sum(f []float64) float64 {
	inner, leaves := 1<<ft.depth-1, 1<<ft.depth
	z := 0.0
	for t, base := 0, 0; base < len(ft.feature) || (inner == 0 && t < len(ft.leaf)); t, base = t+1, base+inner {
		feature, split := ft.feature[base:base+inner], ft.split[base:base+inner]
		k := 0
		for range ft.depth {
			// Branch-free: which way a pair goes is unpredictable.
			right := 0
			if f[feature[k]] >= split[k] {
				right = 1
			}
			k = 2*k + 1 + right
		}
		z += ft.leaf[t*leaves+k-inner]
	}
	return z
}

// Predict returns the model's probability for the features f.
func (m *Model) Predict(f []float64) float64 { return m.predict(f) }

func (m *Model) predict(f []float64) float64 {
	z := m.logit(f)
	return sigmoid(z)
}

// logit returns the model's log-odds for the features f.
func (m *Model) logit(f []float64) float64 {
	z := m.Base
	for i, w := range m.Weights {
		z += w * (f[i] - m.Mean[i]) / m.Scale[i]
	}
	z += m.flat.sum(f)
	return z
}
