// Package logistic fits a logistic regression with a ridge penalty by
// Newton's method, for the models storyfold fits on labelled pairs (the
// same-claim scorer, the claim model), so both fit the same way.
package logistic

import "math"

// Model is a fitted regression: the log-odds are Base plus each weight
// times its feature standardised by Mean and Scale.
type Model struct {
	Base                 float64
	Weights, Mean, Scale []float64
}

// Fit fits x's rows labelled y, features standardised to mean 0 and
// deviation 1, with the weights (not the intercept) penalised by l2.
func Fit(x [][]float64, y []bool, l2 float64) Model {
	var m Model
	d := 0
	if len(x) > 0 {
		d = len(x[0])
	}
	n := len(y)
	m.Mean, m.Scale = make([]float64, d), make([]float64, d)
	for j := range d {
		for i := range n {
			m.Mean[j] += x[i][j]
		}
		m.Mean[j] /= float64(n)
		for i := range n {
			m.Scale[j] += (x[i][j] - m.Mean[j]) * (x[i][j] - m.Mean[j])
		}
		m.Scale[j] = math.Sqrt(m.Scale[j] / float64(n))
		if m.Scale[j] < 1e-9 {
			m.Scale[j] = 1
		}
	}
	// w[0] is the intercept.
	w := make([]float64, d+1)
	row := make([]float64, d+1)
	for range 30 {
		grad := make([]float64, d+1)
		hess := make([][]float64, d+1)
		for j := range hess {
			hess[j] = make([]float64, d+1)
		}
		for i := range n {
			row[0] = 1
			for j := range d {
				row[j+1] = (x[i][j] - m.Mean[j]) / m.Scale[j]
			}
			zz := 0.0
			for j, v := range row {
				zz += w[j] * v
			}
			p := 1 / (1 + math.Exp(-zz))
			t := 0.0
			if y[i] {
				t = 1
			}
			for j, v := range row {
				grad[j] += (p - t) * v
				for k := j; k < len(row); k++ {
					hess[j][k] += p * (1 - p) * v * row[k]
				}
			}
		}
		for j := 1; j <= d; j++ {
			grad[j] += l2 * w[j]
			hess[j][j] += l2
		}
		for j := range hess {
			for k := 0; k < j; k++ {
				hess[j][k] = hess[k][j]
			}
		}
		step := solve(hess, grad)
		change := 0.0
		for j := range w {
			w[j] -= step[j]
			change = math.Max(change, math.Abs(step[j]))
		}
		if change < 1e-8 {
			break
		}
	}
	m.Base = w[0]
	m.Weights = w[1:]
	return m
}

// solve solves a x = b by Gaussian elimination with partial pivoting; it
// overwrites a and b.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		if a[c][c] == 0 {
			continue
		}
		for r := c + 1; r < n; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k < n; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	out := make([]float64, n)
	for c := n - 1; c >= 0; c-- {
		s := b[c]
		for k := c + 1; k < n; k++ {
			s -= a[c][k] * out[k]
		}
		if a[c][c] != 0 {
			out[c] = s / a[c][c]
		}
	}
	return out
}
