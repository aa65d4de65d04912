package evaluate

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestClusters(t *testing.T) {
	// Gold: {1,2,3} {4,5}; predicted: {1,2} {3,4,5}.
	gold := []string{"a", "a", "a", "b", "b"}
	pred := []string{"x", "x", "y", "y", "y"}
	s := Clusters(gold, pred)
	// BCubed precision: items 1,2: 2/2; item 3: 1/3; items 4,5: 2/3 -> (1+1+1/3+2/3+2/3)/5.
	if want := (1 + 1 + 1.0/3 + 2.0/3 + 2.0/3) / 5; !near(s.BCubedP, want) {
		t.Errorf("BCubed P = %v, want %v", s.BCubedP, want)
	}
	// BCubed recall: items 1,2: 2/3; item 3: 1/3; items 4,5: 2/2.
	if want := (2.0/3 + 2.0/3 + 1.0/3 + 1 + 1) / 5; !near(s.BCubedR, want) {
		t.Errorf("BCubed R = %v, want %v", s.BCubedR, want)
	}
	// Pairs: predicted 1+3=4, gold 3+1=4, shared (1,2) and (4,5) = 2.
	if !near(s.PairP, 0.5) || !near(s.PairR, 0.5) {
		t.Errorf("pairwise = %v/%v, want 0.5/0.5", s.PairP, s.PairR)
	}
	if p := Clusters(gold, gold); !near(p.BCubedF, 1) || !near(p.PairF, 1) {
		t.Errorf("perfect clustering scored %+v", p)
	}
}

func TestScorePage(t *testing.T) {
	truth := "one two three four five six"
	if p := ScorePage(truth, truth); !p.Exact || !near(p.TP, 1) {
		t.Errorf("identical page: %+v", p)
	}
	// Predicted has the truth plus "seven": 3 true shingles + 1 extra.
	p := ScorePage(truth, truth+" seven")
	if !near(p.TP, 3.0/4) || !near(p.FP, 1.0/4) || p.FN != 0 || p.Exact {
		t.Errorf("extra word: %+v", p)
	}
	s := Extraction([]Page{p, ScorePage(truth, "")})
	// Precision averages over pages with output only; recall over both.
	if !near(s.Precision, 0.75) || !near(s.Recall, 0.5) || !near(s.Accuracy, 0) {
		t.Errorf("scores: %+v", s)
	}
	if got := wordTokens("Don’t stop_me, 3.5%"); len(got) != 5 {
		t.Errorf("tokens = %q", got)
	}
}
