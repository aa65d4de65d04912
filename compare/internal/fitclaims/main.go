// Command fitclaims fits the claim model compare uses to decide whether two
// sentences of a story that its rules leave apart state one claim: a
// logistic regression over compare's claim features, on the candidate pairs
// of the hand-annotated stories of one split, with the threshold chosen by
// leaving one story out at a time so that the pairs it adds keep the
// precision asked for.
//
//	go run ./compare/internal/fitclaims -articles ../shared/data/basil/articles.jsonl \
//	    -gold evaluate/testdata/basil-facts.jsonl -out compare/claim_model.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/compare"
	"github.com/storyfold/storyfold/evaluate"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/pipeline"
)

func main() {
	articlesPath := flag.String("articles", "", "JSONL articles with a gold \"cluster\" field")
	goldPath := flag.String("gold", "", "hand-annotated claims (evaluate/testdata/basil-facts.jsonl)")
	split := flag.String("split", "dev", "the annotated stories to fit on")
	out := flag.String("out", "", "where to write the model (stdout when empty)")
	precision := flag.Float64("precision", 0.95, "the precision the pairs the model adds must keep, left one story out at a time")
	minAdded := flag.Int("min-added", 5, "the fewest right pairs a threshold must add to be worth it")
	l2 := flag.Float64("l2", 1, "the weights' ridge penalty")
	flag.Parse()
	if *articlesPath == "" || *goldPath == "" {
		flag.Usage()
		os.Exit(2)
	}
	var raw []storyfold.Article
	reader := ingest.NewReader(func(p *ingest.Problem) { log.Print(p.Error()) })
	reader.ReadFile(*articlesPath, func(a storyfold.Article) { raw = append(raw, a) })
	articles := pipeline.Prepare(raw, nil, nil)
	byCluster := map[string][]*storyfold.Article{}
	byID := map[string]*storyfold.Article{}
	for i := range articles {
		a := &articles[i]
		byCluster[a.Meta["cluster"]] = append(byCluster[a.Meta["cluster"]], a)
		byID[a.ID] = a
	}
	data, err := os.ReadFile(*goldPath)
	if err != nil {
		log.Fatalf("read gold: %v", err)
	}
	// The samples of each story, labelled.
	type sample struct {
		x     []float64
		y     bool
		rules bool
		story int
	}
	var samples []sample
	stories := 0
	for n, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var g evaluate.GoldFacts
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			log.Fatalf("%s:%d: %v", *goldPath, n+1, err)
		}
		if g.Split != *split || len(byCluster[g.Cluster]) < 2 {
			continue
		}
		members := byCluster[g.Cluster]
		st := pipeline.NewStory(g.Cluster, members)
		share := evaluate.ShareClaim(g, byID)
		for _, p := range compare.CandidatePairs(st, members) {
			samples = append(samples, sample{x: p.Features, y: share(p.A, p.B), rules: p.Rules, story: stories})
		}
		stories++
	}
	if stories < 2 {
		log.Fatalf("%d annotated stories of split %q: need two at least", stories, *split)
	}
	xs := func(keep func(s sample) bool) ([][]float64, []bool) {
		var x [][]float64
		var y []bool
		for _, s := range samples {
			if keep(s) {
				x, y = append(x, s.x), append(y, s.y)
			}
		}
		return x, y
	}
	// Leave one story out: each story's pairs scored by a model fitted on
	// the others.
	cv := make([]float64, len(samples))
	for k := 0; k < stories; k++ {
		x, y := xs(func(s sample) bool { return s.story != k })
		m := fit(x, y, *l2)
		for i, s := range samples {
			if s.story == k {
				cv[i] = m.Prob(s.x)
			}
		}
	}
	// The threshold: the lowest at which the pairs the rules leave apart
	// and the model joins are right at the precision asked for.
	type scored struct {
		p float64
		y bool
	}
	var extra []scored
	positives, rulesRight := 0, 0
	for i, s := range samples {
		if s.y {
			positives++
		}
		if s.rules {
			if s.y {
				rulesRight++
			}
			continue
		}
		if s.x[0] >= 0.1 {
			extra = append(extra, scored{cv[i], s.y})
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].p > extra[j].p })
	threshold, added, wrong := 1.0, 0, 0
	right, made := 0, 0
	for _, e := range extra {
		made++
		if e.y {
			right++
		}
		if right >= *minAdded && float64(right) >= *precision*float64(made) {
			threshold, added, wrong = e.p, right, made-right
		}
	}
	x, y := xs(func(sample) bool { return true })
	m := fit(x, y, *l2)
	m.Threshold = threshold
	record, _ := json.Marshal(map[string]any{
		"command":    "go run ./compare/internal/fitclaims -articles ARTICLES.jsonl -gold evaluate/testdata/basil-facts.jsonl -split " + *split,
		"stories":    stories,
		"pairs":      len(samples),
		"positives":  positives,
		"rules_join": rulesRight,
		"precision":  *precision,
		"cv_added":   added,
		"cv_wrong":   wrong,
		"l2":         *l2,
	})
	m.Fit = record
	fmt.Fprintf(os.Stderr, "%d stories, %d candidate pairs, %d of them one claim; the rules join %d right; left one story out, the model adds %d right and %d wrong from %.3f\n",
		stories, len(samples), positives, rulesRight, added, wrong, threshold)
	enc, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		log.Fatal(err)
	}
	enc = append(enc, '\n')
	if *out == "" {
		os.Stdout.Write(enc)
		return
	}
	if err := os.WriteFile(*out, enc, 0o644); err != nil {
		log.Fatalf("write model: %v", err)
	}
}

// fit fits a logistic regression with a ridge penalty by Newton's method,
// on features standardised to mean 0 and deviation 1.
func fit(x [][]float64, y []bool, l2 float64) *compare.ClaimModel {
	d := len(compare.ClaimFeatureNames)
	m := &compare.ClaimModel{Features: compare.ClaimFeatureNames[:], Weights: make([]float64, d), Mean: make([]float64, d), Scale: make([]float64, d)}
	n := float64(len(x))
	for j := range d {
		for _, row := range x {
			m.Mean[j] += row[j]
		}
		m.Mean[j] /= n
		for _, row := range x {
			m.Scale[j] += (row[j] - m.Mean[j]) * (row[j] - m.Mean[j])
		}
		m.Scale[j] = math.Sqrt(m.Scale[j] / n)
		if m.Scale[j] < 1e-9 {
			m.Scale[j] = 1
		}
	}
	w := make([]float64, d+1) // w[0] is the intercept
	z := make([]float64, d+1)
	for range 50 {
		grad := make([]float64, d+1)
		hess := make([][]float64, d+1)
		for j := range hess {
			hess[j] = make([]float64, d+1)
		}
		for i, row := range x {
			z[0] = 1
			for j := range d {
				z[j+1] = (row[j] - m.Mean[j]) / m.Scale[j]
			}
			s := 0.0
			for j := range z {
				s += w[j] * z[j]
			}
			p := 1 / (1 + math.Exp(-s))
			t := 0.0
			if y[i] {
				t = 1
			}
			for j := range z {
				grad[j] += (p - t) * z[j]
				for k := range z {
					hess[j][k] += p * (1 - p) * z[j] * z[k]
				}
			}
		}
		for j := 1; j <= d; j++ {
			grad[j] += l2 * w[j]
			hess[j][j] += l2
		}
		hess[0][0] += 1e-9
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
	copy(m.Weights, w[1:])
	return m
}

// solve solves a x = b by Gaussian elimination with partial pivoting.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(append([]float64{}, a[i]...), b[i])
	}
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		m[c], m[p] = m[p], m[c]
		if math.Abs(m[c][c]) < 1e-12 {
			continue
		}
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		if math.Abs(m[r][r]) < 1e-12 {
			continue
		}
		s := m[r][n]
		for k := r + 1; k < n; k++ {
			s -= m[r][k] * x[k]
		}
		x[r] = s / m[r][r]
	}
	return x
}
