package logistic

import (
	"math"
	"testing"
)

// TestFit checks the fitted probabilities on data whose log-odds are known
// to rise with the first feature and not depend on the second.
func TestFit(t *testing.T) {
	var x [][]float64
	var y []bool
	for i := range 400 {
		a := float64(i%20) / 19 // 0..1
		b := float64((i*7)%13) / 12
		x = append(x, []float64{a, b})
		// The label is 1 for three in four rows when a > 0.5, for one in
		// four otherwise, whatever b.
		y = append(y, (a > 0.5) == (i%4 != 0))
	}
	m := Fit(x, y, 1)
	prob := func(f []float64) float64 {
		z := m.Base
		for i, w := range m.Weights {
			z += w * (f[i] - m.Mean[i]) / m.Scale[i]
		}
		return 1 / (1 + math.Exp(-z))
	}
	tests := []struct {
		name     string
		f        []float64
		min, max float64
	}{
		{"low first feature", []float64{0, 0.5}, 0.05, 0.35},
		{"high first feature", []float64{1, 0.5}, 0.65, 0.95},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if p := prob(tc.f); p < tc.min || p > tc.max {
				t.Errorf("probability %.3f, want between %.2f and %.2f", p, tc.min, tc.max)
			}
		})
	}
	if math.Abs(m.Weights[1]) > math.Abs(m.Weights[0])/4 {
		t.Errorf("weights %v: the second feature carries no signal", m.Weights)
	}
}
