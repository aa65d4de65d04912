package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/storyfold/storyfold/nlp/paraphrase"
)

// evalParaphrase scores the same-claim scorer on sentence pairs in MSRP's
// format: accuracy, precision, recall and F1 against the file's labels, and
// the pairs scored per second on one goroutine. With --cv it measures
// instead what a model fitted on the file's other pairs scores on each
// fold, the honest figure for the file the shipped model was fitted on.
func evalParaphrase(ctx context.Context, args []string) error {
	fs := newFlags("eval paraphrase", "[flags] FILE")
	pairsOut := fs.Bool("pairs", false, `print one JSON line per pair: {"id1","id2","score","same"}`)
	threshold := fs.Float64("threshold", paraphrase.Threshold, "score from which a pair counts as the same claim")
	cv := fs.Int("cv", 0, "instead of scoring with the shipped model, cross-validate a fresh fit over this many folds")
	seed := fs.Uint64("seed", 1, "with --cv: seed of the folds' shuffle")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef(fs, "one FILE is needed, %d given", len(pos))
	}
	path := pos[0]
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read pairs: %w", err)
	}
	pairs, err := paraphrase.ReadPairs(f, path, func(msg string) { fmt.Fprintf(os.Stderr, "storyfold: %s\n", msg) })
	f.Close()
	if err != nil {
		return err
	}
	if len(pairs) == 0 {
		return fmt.Errorf("no pairs in %s", path)
	}
	if *cv > 0 {
		return crossValidateParaphrase(pairs, *cv, *seed)
	}

	// Time preparing both sentences and scoring, on this goroutine only,
	// as fact alignment runs it: one Preparer per worker. The first pass
	// meets most words for the first time (stemming, WordNet look-up); the
	// second runs on the Preparer's warm word cache, as a long run does.
	prep := paraphrase.NewPreparer()
	var a, b paraphrase.Sentence
	scores := make([]float64, len(pairs))
	var passes [2]time.Duration
	for pass := range passes {
		start := time.Now()
		for i, p := range pairs {
			if i%1024 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			prep.Prepare(&a, p.Text1, nil)
			prep.Prepare(&b, p.Text2, nil)
			scores[i] = paraphrase.Score(&a, &b)
		}
		passes[pass] = time.Since(start)
	}

	pred, gold := make([]bool, len(pairs)), make([]bool, len(pairs))
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	for i, p := range pairs {
		pred[i], gold[i] = scores[i] >= *threshold, p.Same
		if *pairsOut {
			line := struct {
				ID1   string  `json:"id1"`
				ID2   string  `json:"id2"`
				Score float64 `json:"score"`
				Same  bool    `json:"same"`
			}{p.ID1, p.ID2, roundTo(scores[i], 4), pred[i]}
			if err := enc.Encode(line); err != nil {
				return fmt.Errorf("read pairs: %w", err)
			}
		}
	}
	m := paraphrase.Evaluate(pred, gold)
	out := w
	if *pairsOut {
		// Keep standard output one JSON line per pair.
		w.Flush()
		out = bufio.NewWriter(os.Stderr)
		defer out.Flush()
	}
	fmt.Fprintf(out, "pairs       %d (threshold %.3f)\n", m.Pairs, *threshold)
	fmt.Fprintf(out, "accuracy    %.4f\nprecision   %.4f\nrecall      %.4f\nF1          %.4f\n", m.Accuracy, m.Precision, m.Recall, m.F1)
	fmt.Fprintf(out, "speed       %.0f pairs/s cold, %.0f pairs/s warm (prepare both sentences and score, one goroutine, GOMAXPROCS=%d)\n",
		float64(len(pairs))/passes[0].Seconds(), float64(len(pairs))/passes[1].Seconds(), runtime.GOMAXPROCS(0))
	fmt.Fprintf(out, "note        scored with the shipped model, which was fitted on MSRP's training part: on that file these figures are optimistic, and --cv 10 gives the honest, cross-validated ones\n")
	return nil
}

// crossValidateParaphrase prints the k-fold cross-validated figures of a
// model fitted as the shipped one was.
func crossValidateParaphrase(pairs []paraphrase.Pair, k int, seed uint64) error {
	x := paraphrase.PairFeatures(pairs)
	y := make([]bool, len(pairs))
	for i, p := range pairs {
		y[i] = p.Same
	}
	opt := paraphrase.DefaultFitOptions()
	res, err := paraphrase.CrossValidate(x, y, k, seed, opt)
	if err != nil {
		return fmt.Errorf("read pairs: %w", err)
	}
	fmt.Printf("%d-fold cross-validation, %d pairs, model %s, fold seed %d (each fold scored by a model fitted on the others):\n", k, len(pairs), opt.Kind, seed)
	for i, m := range res.Folds {
		fmt.Printf("  fold %2d   accuracy %.4f  precision %.4f  recall %.4f  F1 %.4f\n", i+1, m.Accuracy, m.Precision, m.Recall, m.F1)
	}
	fmt.Printf("  mean      accuracy %.4f ± %.4f  precision %.4f  recall %.4f  F1 %.4f ± %.4f\n",
		res.Accuracy, res.AccuracySD, res.Precision, res.Recall, res.F1, res.F1SD)
	return nil
}

// roundTo rounds x to d decimals, for stable output.
func roundTo(x float64, d int) float64 {
	p := 1.0
	for range d {
		p *= 10
	}
	return float64(int64(x*p+0.5)) / p
}
