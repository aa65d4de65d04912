package compare

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp/paraphrase"
)

// ClaimFeatureNames names what the claim model reads of a pair of units,
// in order: the story's weighted overlap and what it shares, the
// same-claim scorer's probability, and where the two stand.
var ClaimFeatureNames = [numClaimFeatures]string{
	"dice", "contain", "shared_weight", "words", "names", "figure", "enough",
	"paraphrase", "quote", "unmatched_names", "position_gap", "both_open",
	"same_subject", "same_speaker", "other_speaker", "other_day",
}

const numClaimFeatures = 16

// claimFeatures writes the features of a pair of units into f, which must
// hold len(ClaimFeatureNames) values.
func claimFeatures(f []float64, a, b *unit) {
	claimFeaturesOf(f, a, b, compareUnits(a, b))
}

// claimFeaturesOf is claimFeatures given the units' overlap m.
func claimFeaturesOf(f []float64, a, b *unit, m overlap) {
	shared := m.dice * (a.weight + b.weight) / 2
	f[0] = m.dice
	f[1] = 0
	if lighter := min(a.weight, b.weight); lighter > 0 {
		f[1] = shared / lighter
	}
	f[2] = math.Log1p(shared)
	f[3] = float64(min(m.words, 10))
	f[4] = float64(min(m.names, 10))
	f[5] = b2f(m.figure)
	f[6] = b2f(enoughShared(m))
	f[7] = paraphrase.Score(a.claimOf(), b.claimOf())
	f[8] = b2f(a.quote != 0 && a.quote == b.quote)
	na, nb := 0, 0
	for _, t := range a.terms {
		if !t.said {
			na++
		}
	}
	for _, t := range b.terms {
		if !t.said {
			nb++
		}
	}
	f[9] = float64(min(na+nb-2*m.names, 10))
	f[10] = math.Abs(a.pos - b.pos)
	f[11] = b2f(a.opens && b.opens)
	// Who the claim is about and who makes it: the first name outside
	// quotes stands for the sentence's subject.
	f[12] = b2f(len(a.entities) > 0 && len(b.entities) > 0 && a.entities[0] == b.entities[0])
	same, other := false, false
	for _, x := range a.speakers {
		for _, y := range b.speakers {
			same = same || x == y
			other = other || x != y
		}
	}
	f[13], f[14] = b2f(same), b2f(other && !same)
	// Days both give, none of them the same: another event.
	if len(a.dates) > 0 && len(b.dates) > 0 {
		f[15] = 1
		for _, d := range a.dates {
			for _, e := range b.dates {
				if d.Date.Equal(e.Date.Time) {
					f[15] = 0
				}
			}
		}
	}
}

func b2f(v bool) float64 {
	if v {
		return 1
	}
	return 0
}

// ClaimModel is a logistic regression over the claim features, fitted on
// hand-annotated stories by compare/internal/fitclaims; Threshold is the
// probability from which a pair the rules leave apart states one claim.
type ClaimModel struct {
	Features  []string        `json:"features"`
	Base      float64         `json:"base"`
	Weights   []float64       `json:"weights"`
	Mean      []float64       `json:"mean"`
	Scale     []float64       `json:"scale"`
	Threshold float64         `json:"threshold"`
	Fit       json.RawMessage `json:"fit,omitempty"`
}

// Prob returns the model's probability that a pair with features f
// states one claim.
func (m *ClaimModel) Prob(f []float64) float64 {
	z := m.Base
	for i, w := range m.Weights {
		z += w * (f[i] - m.Mean[i]) / m.Scale[i]
	}
	return 1 / (1 + math.Exp(-z))
}

//go:embed claim_model.json
var claimModelJSON []byte

// claimModel is the embedded model, nil when the file holds none.
var claimModel = func() *ClaimModel {
	m, err := ParseClaimModel(claimModelJSON)
	if err != nil {
		panic(err)
	}
	return m
}()

// ParseClaimModel reads a model written by compare/internal/fitclaims and
// checks that it reads the features this package computes; an empty file
// is no model.
func ParseClaimModel(data []byte) (*ClaimModel, error) {
	if len(data) == 0 || string(data) == "{}\n" || string(data) == "{}" {
		return nil, nil
	}
	var m ClaimModel
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("claim model: %w", err)
	}
	if len(m.Features) != len(ClaimFeatureNames) || len(m.Weights) != len(m.Features) ||
		len(m.Mean) != len(m.Features) || len(m.Scale) != len(m.Features) {
		return nil, fmt.Errorf("claim model: %d features, want %d", len(m.Features), len(ClaimFeatureNames))
	}
	for i, n := range m.Features {
		if n != ClaimFeatureNames[i] {
			return nil, fmt.Errorf("claim model: feature %d is %q, want %q", i, n, ClaimFeatureNames[i])
		}
	}
	return &m, nil
}

// PairSample is a candidate pair of a story's sentences (clauses name the
// sentence they stand in) with what the claim model reads of it, and
// whether the rules without the model join it.
type PairSample struct {
	A, B     storyfold.SentenceRef
	Features []float64
	Rules    bool
}

// CandidatePairs returns the candidate pairs of a story's articles, in the
// story's order and prepared as Reconcile prepares them, for fitting the
// claim model: the story's entities and quote groups must be set.
func CandidatePairs(st *storyfold.Story, members []*storyfold.Article) []PairSample {
	members, units, r := readStory(st, members)
	markQuotes(units, members, st.Quotes)
	var out []PairSample
	scan(units, r.df, func(i, j int32) {
		a, b := &units[i], &units[j]
		f := make([]float64, numClaimFeatures)
		claimFeatures(f, a, b)
		_, rules := sameClaimByRules(a, b)
		out = append(out, PairSample{
			A:        storyfold.SentenceRef{Article: members[a.article].ID, Sentence: members[a.article].Sentences[a.sent]},
			B:        storyfold.SentenceRef{Article: members[b.article].ID, Sentence: members[b.article].Sentences[b.sent]},
			Features: f, Rules: rules})
	})
	r.release()
	return out
}
