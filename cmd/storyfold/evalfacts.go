package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/evaluate"
	"github.com/storyfold/storyfold/pipeline"
)

// evalFacts scores the account's facts against hand-annotated claims: the
// articles of each annotated gold cluster form one story, and every pair
// of sentences of different articles that a fact joins is checked against
// the claims.
func evalFacts(ctx context.Context, args []string) error {
	fs := newFlags("eval facts", "[flags] GOLD.jsonl ARTICLES...")
	verbose := fs.Bool("v", false, "list the pairs missed and the pairs joined wrongly")
	split := fs.String("split", "", "score only the stories of this split (dev or heldout)")
	sample := fs.Int("sample", 0, "instead of scoring, print this many facts of several articles drawn from the gold clusters that are not annotated, to read and judge")
	seed := fs.Int64("seed", 1, "the draw of --sample")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return missing(fs, "GOLD.jsonl", "ARTICLES")
	}
	golds, err := evaluate.ReadGoldFacts(pos[0], *split)
	if err != nil {
		return err
	}
	msgs := &messages{out: os.Stderr}
	articles := read(ctx, pos[1:], readOptions{}, &progress{}, msgs)
	byCluster, byID := evaluate.ByCluster(articles)
	if *sample > 0 {
		annotated := map[string]bool{}
		for _, g := range golds {
			annotated[g.Cluster] = true
		}
		printSample(byCluster, annotated, *sample, *seed)
		return nil
	}
	total := map[string]*evaluate.FactScores{}
	for _, g := range golds {
		members := byCluster[g.Cluster]
		if len(members) == 0 {
			fmt.Fprintf(os.Stderr, "storyfold: annotated cluster %s is not among the articles read\n", g.Cluster)
			continue
		}
		st := pipeline.NewStory(g.Cluster, members)
		if total[g.Split] == nil {
			total[g.Split] = &evaluate.FactScores{}
		}
		missed, wrong := evaluate.ScoreFacts(total[g.Split], g, st, byID)
		if !*verbose {
			continue
		}
		show := func(r storyfold.SentenceRef) string {
			return fmt.Sprintf("%s %q", shortID(r.Article), byID[r.Article].Slice(r.Sentence))
		}
		for _, p := range missed {
			fmt.Printf("missed: %s\n     == %s\n", show(p.A), show(p.B))
		}
		for _, p := range wrong {
			fmt.Printf("wrong:  %s\n     != %s\n", show(p.A), show(p.B))
		}
	}
	for _, sp := range []string{"dev", "heldout", ""} {
		s := total[sp]
		if s == nil {
			continue
		}
		name := sp
		if name == "" {
			name = "unsplit"
		}
		fmt.Printf("%-8s pairs: %d annotated, %d made, %d right  precision %.3f  recall %.3f  exclusives %d, %d stated elsewhere",
			name, s.GoldPairs, s.FoundPairs, s.FoundRight, s.Precision(), s.Recall(), s.Exclusives, s.ExclusivesWrong)
		if s.Unresolved > 0 {
			fmt.Printf("  (%d annotated sentences not found)", s.Unresolved)
		}
		fmt.Println()
	}
	return nil
}

// shortID keeps the end of a long article ID, which tells articles of one
// cluster apart.
func shortID(id string) string {
	if i := strings.LastIndexByte(id, '_'); i >= 0 {
		return id[i:]
	}
	return id
}

// printSample prints n facts of several articles, drawn with the seed from
// the stories of the clusters not annotated, each with every wording, so
// a reader can judge whether each fact holds one claim.
func printSample(byCluster map[string][]*storyfold.Article, annotated map[string]bool, n int, seed int64) {
	var clusters []string
	for c := range byCluster {
		if c != "" && !annotated[c] && len(byCluster[c]) > 1 {
			clusters = append(clusters, c)
		}
	}
	sort.Strings(clusters)
	type drawn struct {
		cluster string
		fact    storyfold.Fact
	}
	var all []drawn
	for _, c := range clusters {
		st := pipeline.NewStory(c, byCluster[c])
		for _, f := range st.Facts {
			all = append(all, drawn{c, f})
		}
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	for i, d := range all[:min(n, len(all))] {
		fmt.Printf("fact %d (story %s, %d articles)\n", i+1, d.cluster, len(d.fact.Articles))
		for _, v := range d.fact.Variants {
			fmt.Printf("  %s: %s\n", shortID(v.Article), strings.ReplaceAll(v.Text, "\n", " "))
		}
	}
}
