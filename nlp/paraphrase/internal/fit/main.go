// Command fit fits the paraphrase scorer's model on sentence pairs in
// MSRP's format, reports its k-fold cross-validated figures and writes the
// model fitted on all pairs, with those figures, to the file the package
// embeds. It is deterministic: the folds and the trees' subsampling come
// from fixed seeds.
//
//	go run ./nlp/paraphrase/internal/fit \
//	    -msrp ../shared/data/msrp/msr_paraphrase_train.txt \
//	    -out nlp/paraphrase/model.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/storyfold/storyfold/nlp/paraphrase"
)

func main() {
	def := paraphrase.DefaultFitOptions()
	msrp := flag.String("msrp", "", "labelled pairs in MSRP's format")
	out := flag.String("out", "", "model file to write (none: only cross-validate)")
	folds := flag.Int("folds", 10, "cross-validation folds")
	seed := flag.Uint64("seed", 1, "seed of the folds' shuffle")
	opt := def
	flag.StringVar(&opt.Kind, "kind", def.Kind, "model: gbdt or logistic")
	flag.IntVar(&opt.Trees, "trees", def.Trees, "gbdt: trees")
	flag.IntVar(&opt.Depth, "depth", def.Depth, "gbdt: tree depth")
	flag.Float64Var(&opt.Rate, "rate", def.Rate, "gbdt: learning rate")
	flag.IntVar(&opt.MinLeaf, "min-leaf", def.MinLeaf, "gbdt: fewest pairs in a leaf")
	flag.Float64Var(&opt.Subsample, "subsample", def.Subsample, "gbdt: share of pairs each tree sees")
	flag.Float64Var(&opt.L2, "l2", def.L2, "ridge penalty")
	flag.Parse()
	if err := run(*msrp, *out, *folds, *seed, opt); err != nil {
		fmt.Fprintf(os.Stderr, "fit: %v\n", err)
		os.Exit(1)
	}
}

func run(path, out string, folds int, seed uint64, opt paraphrase.FitOptions) error {
	if path == "" {
		return fmt.Errorf("no pairs: give -msrp FILE")
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read pairs: %w", err)
	}
	pairs, err := paraphrase.ReadPairs(f, path, func(msg string) { fmt.Fprintln(os.Stderr, msg) })
	f.Close()
	if err != nil {
		return err
	}
	x := paraphrase.PairFeatures(pairs)
	y := make([]bool, len(pairs))
	for i, p := range pairs {
		y[i] = p.Same
	}
	cv, err := paraphrase.CrossValidate(x, y, folds, seed, opt)
	if err != nil {
		return err
	}
	fmt.Printf("%d-fold cross-validation on %d pairs (%s):\n", folds, len(pairs), opt.Kind)
	for i, m := range cv.Folds {
		fmt.Printf("  fold %2d  accuracy %.4f  F1 %.4f  P %.4f  R %.4f\n", i+1, m.Accuracy, m.F1, m.Precision, m.Recall)
	}
	fmt.Printf("  mean     accuracy %.4f ± %.4f  F1 %.4f ± %.4f  P %.4f  R %.4f\n", cv.Accuracy, cv.AccuracySD, cv.F1, cv.F1SD, cv.Precision, cv.Recall)
	if out == "" {
		return nil
	}
	m, err := paraphrase.Fit(x, y, opt)
	if err != nil {
		return err
	}
	record := struct {
		Data    string              `json:"data"`
		Pairs   int                 `json:"pairs"`
		Command string              `json:"command"`
		CV      paraphrase.CVResult `json:"cv"`
	}{"MSRP training part", len(pairs), "go run ./nlp/paraphrase/internal/fit -msrp MSRP_TRAIN -out nlp/paraphrase/model.json", cv}
	if err := m.SetFitRecord(record); err != nil {
		return err
	}
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := os.WriteFile(out, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	fmt.Printf("model fitted on all %d pairs written to %s\n", len(pairs), out)
	return nil
}
