package evaluate

import (
	"bufio"
	"encoding/json"
	"maps"
	"os"
	"slices"
	"testing"
)

// semEvalFigures are the figures testdata/README.md and BENCHMARKS.md
// give for each hand-checked sample, right of total: a sample added to a
// file needs its figure here, and a verdict changed changes it.
var semEvalFigures = map[string][2]int{
	"de-1": {13, 30}, "de-2": {20, 30}, "de-3": {11, 24}, "de-4": {22, 30},
	"es-held-out": {11, 18}, "es-tuning": {6, 12}, "es-2": {15, 30}, "es-3": {5, 8},
	"fr-all": {4, 7}, "fr-2": {1, 1},
	"de-after": {54, 60}, "de-before": {2, 30}, "de-after-2": {25, 30},
	"es-before": {6, 30}, "es-after": {29, 40},
	"de-5": {19, 30}, "de-after-3": {27, 30}, "es-after-2": {21, 30},
	"de-6": {23, 27}, "es-changes": {6, 10}, "fr-changes": {3, 4},
}

// TestSemEvalHandChecks reads the hand-checked quote and entity lists of
// the SemEval sample (testdata/README.md), checks that every line is
// complete, and recomputes each sample's figure, which must be the one
// the README gives.
func TestSemEvalHandChecks(t *testing.T) {
	for _, tc := range []struct {
		file    string
		min     int
		entries func() any
	}{
		{"testdata/semeval-quotes-de.jsonl", 30, func() any { return &handQuote{} }},
		{"testdata/semeval-quotes-es.jsonl", 30, func() any { return &handQuote{} }},
		{"testdata/semeval-quotes-fr.jsonl", 5, func() any { return &handQuote{} }},
		{"testdata/semeval-entities-de.jsonl", 50, func() any { return &handEntity{} }},
		{"testdata/semeval-entities-es.jsonl", 50, func() any { return &handEntity{} }},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			right := map[string][2]int{}
			n := 0
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				n++
				e := tc.entries()
				if err := json.Unmarshal(sc.Bytes(), e); err != nil {
					t.Fatalf("line %d: %v", n, err)
				}
				sample, ok, why := e.(handCheck).verdict()
				if sample == "" {
					t.Errorf("line %d: no sample", n)
				}
				if !ok && why == "" {
					t.Errorf("line %d: wrong with no reason given", n)
				}
				c := right[sample]
				if ok {
					c[0]++
				}
				c[1]++
				right[sample] = c
			}
			if err := sc.Err(); err != nil {
				t.Fatal(err)
			}
			if n < tc.min {
				t.Errorf("%d entries, want %d or more", n, tc.min)
			}
			for _, s := range slices.Sorted(maps.Keys(right)) {
				c := right[s]
				t.Logf("%s: %d of %d right (%.2f)", s, c[0], c[1], float64(c[0])/float64(c[1]))
				if want, ok := semEvalFigures[s]; !ok {
					t.Errorf("sample %s has no figure in semEvalFigures", s)
				} else if c != want {
					t.Errorf("sample %s: %d of %d right, the README says %d of %d", s, c[0], c[1], want[0], want[1])
				}
			}
		})
	}
}

// handCheck is a hand-checked entry: its sample, its verdict and why it
// is wrong.
type handCheck interface {
	verdict() (sample string, right bool, why string)
}

type handQuote struct {
	Sample     string `json:"sample"`
	Article    string `json:"article"`
	Start, End int
	SpanOK     bool   `json:"span_ok"`
	SpeakerOK  bool   `json:"speaker_ok"`
	Right      bool   `json:"right"`
	Why        string `json:"why"`
}

func (q *handQuote) verdict() (string, bool, string) {
	if q.Article == "" || q.End <= q.Start || q.Right != (q.SpanOK && q.SpeakerOK) {
		return "", false, ""
	}
	return q.Sample, q.Right, q.Why
}

type handEntity struct {
	Sample  string `json:"sample"`
	Article string `json:"article"`
	Name    string `json:"name"`
	Type    string `json:"type"`
	Right   bool   `json:"right"`
	Why     string `json:"why"`
}

func (e *handEntity) verdict() (string, bool, string) {
	if e.Article == "" || e.Name == "" || e.Type == "" {
		return "", false, ""
	}
	return e.Sample, e.Right, e.Why
}
