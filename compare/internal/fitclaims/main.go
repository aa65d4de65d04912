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
	"os"
	"sort"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/compare"
	"github.com/storyfold/storyfold/evaluate"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/logistic"
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
	byCluster, byID := evaluate.ByCluster(articles)
	golds, err := evaluate.ReadGoldFacts(*goldPath, *split)
	if err != nil {
		log.Fatal(err)
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
	for _, g := range golds {
		if len(byCluster[g.Cluster]) < 2 {
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

// fit fits the claim model's regression.
func fit(x [][]float64, y []bool, l2 float64) *compare.ClaimModel {
	r := logistic.Fit(x, y, l2)
	return &compare.ClaimModel{Features: compare.ClaimFeatureNames[:], Base: r.Base, Weights: r.Weights, Mean: r.Mean, Scale: r.Scale}
}
