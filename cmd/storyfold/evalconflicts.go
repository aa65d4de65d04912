package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/storyfold/storyfold/compare"
	"github.com/storyfold/storyfold/evaluate"
)

// evalConflicts measures conflict detection by changing one value in one
// article of each gold story: a figure, a written date, a place, a speaker
// or a negation, in a sentence another article of the story also states.
func evalConflicts(ctx context.Context, args []string) error {
	fs := newFlags("eval conflicts", "[flags] FILE.jsonl")
	verbose := fs.Bool("v", false, "list the changes no conflict was found for, with the two sentences")
	kinds := fs.String("kinds", strings.Join(evaluate.ChangeKinds, ","), "kinds of change to make (figure, date, place, speaker, negation)")
	seed := fs.Uint64("seed", 1, "seed of the deterministic choice of the sentence changed in each story")
	split := fs.String("split", "", "only this half: dev (the held-out stories are then neither built nor shown)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return missing(fs, "FILE.jsonl")
	}
	if *split != "" && *split != "dev" {
		return usagef(fs, "unknown split %q (want dev)", *split)
	}
	var chosen []string
	for k := range strings.SplitSeq(*kinds, ",") {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		if !slices.Contains(evaluate.ChangeKinds, k) {
			return usagef(fs, "unknown kind %q (want %s)", k, strings.Join(evaluate.ChangeKinds, ", "))
		}
		chosen = append(chosen, k)
	}
	msgs := &messages{out: os.Stderr}
	articles := read(ctx, pos, readOptions{}, &progress{}, msgs)
	rep := evaluate.Conflicts(articles, evaluate.ConflictOptions{Kinds: chosen, Seed: *seed, DevOnly: *split == "dev"})
	for _, half := range []struct {
		name string
		s    *evaluate.ConflictScores
	}{{"dev (even gold clusters, tuned on)", &rep.Dev}, {"held-out (odd gold clusters; tuning, not blind)", &rep.HeldOut}} {
		s := half.s
		if *split == "dev" && s == &rep.HeldOut {
			continue
		}
		fmt.Printf("%s: %d stories\n", half.name, s.Stories)
		fmt.Printf("  %-9s %5s %8s %7s %10s %10s\n", "change", "made", "detected", "recall", "unaligned", "precision")
		for _, k := range chosen {
			ks := s.Kinds[k]
			fmt.Printf("  %-9s %5d %8d %7.3f %10d %10.3f\n", k, ks.Made, ks.Detected, ks.Recall(), ks.UnalignedMisses, ks.Precision())
		}
		fmt.Printf("  untouched stories: %d conflicts, %.2f per 20 stories\n", s.Untouched, s.FalsePer20())
		fmt.Printf("  by rule: %-10s %9s %8s %9s\n", "rule", "untouched", "detected", "unrelated")
		for _, name := range append(slices.Clone(compare.Rules), "other") {
			if r := s.Rules[name]; r != nil {
				fmt.Printf("           %-10s %9d %8d %9d\n", name, r.Untouched, r.Detected, r.Unrelated)
			}
		}
		if !*verbose {
			continue
		}
		for _, f := range s.Found {
			fmt.Printf("  untouched %s (rule %s) in %s: %s\n", f.Conflict.Kind, compare.ConflictRule(f.Conflict), f.Cluster, f.Conflict.Description)
			for _, cl := range f.Conflict.Claims {
				fmt.Printf("    %s (%s): %s\n", cl.Article, cl.Value, cl.Text)
			}
		}
		for _, c := range s.Changes {
			if c.Detected {
				continue
			}
			why := "aligned"
			if !c.Aligned {
				why = "not aligned"
			}
			if !c.AlignedBefore {
				why += ", not aligned before the change"
			}
			fmt.Printf("  missed %s (%s) in %s: %q -> %q\n    %s: %s\n    %s: %s\n", c.Kind, why, c.Cluster, c.Before, c.After,
				c.Article, flatLine(c.Sentence), c.Other, flatLine(c.OtherSentence))
		}
	}
	return nil
}

func flatLine(s string) string { return strings.Join(strings.Fields(s), " ") }
