package compare_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/storyfold/storyfold/compare"
)

func TestParseClaimModel(t *testing.T) {
	valid := func(mutate func(m *compare.ClaimModel)) string {
		n := len(compare.ClaimFeatureNames)
		m := compare.ClaimModel{Features: compare.ClaimFeatureNames[:], Weights: make([]float64, n),
			Mean: make([]float64, n), Scale: make([]float64, n), Threshold: 0.5}
		for i := range m.Scale {
			m.Scale[i] = 1
		}
		m.Weights[0] = 2
		if mutate != nil {
			mutate(&m)
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	tests := []struct {
		name, data string
		model      bool
		err        string
	}{
		{"empty", "", false, ""},
		{"no model", "{}\n", false, ""},
		{"valid", valid(nil), true, ""},
		{"broken", "{", false, "claim model"},
		{"other features", valid(func(m *compare.ClaimModel) { m.Features = append([]string{"x"}, m.Features[1:]...) }), false, `feature 0 is "x"`},
		{"too few weights", valid(func(m *compare.ClaimModel) { m.Weights = m.Weights[:3] }), false, "features"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := compare.ParseClaimModel([]byte(tc.data))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (m != nil) != tc.model {
				t.Fatalf("model %v, want %v", m != nil, tc.model)
			}
			if m == nil {
				return
			}
			f := make([]float64, len(compare.ClaimFeatureNames))
			low := m.Prob(f)
			f[0] = 1
			if high := m.Prob(f); high <= low || low != 0.5 {
				t.Errorf("probabilities %v then %v: want 0.5, then higher with more overlap", low, high)
			}
		})
	}
}
