package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/evaluate"
	"github.com/storyfold/storyfold/pipeline"
)

// semevalPair is one line of the SemEval-2022 Task 8 pairs file.
type semevalPair struct {
	PairID  string  `json:"pair_id"`
	ID1     string  `json:"id1"`
	ID2     string  `json:"id2"`
	Lang1   string  `json:"lang1"`
	Lang2   string  `json:"lang2"`
	Text1   string  `json:"text1"`
	Text2   string  `json:"text2"`
	Overall float64 `json:"overall"`
}

// evalPairs measures grouping on rated article pairs: for each language
// pair, every article of its pairs is analysed together, and a pair is
// predicted the same story when both articles fall in one. A pair is the
// same story when people rated it 2 or better overall (1 = very similar,
// 4 = very different). A TF-IDF character n-gram single-pass clusterer is
// scored beside it on the same articles, as a peer. The pairs are scored
// in two halves, fixed by a hash of the pair's id, and together: rules
// are studied on the tuning half (-v lists its errors, and only its), and
// the held-out half says whether they hold on pairs nobody looked at.
// With -together every article of the file is grouped in one batch, as a
// feed of many languages arrives, where each language is a minority of
// the articles its words are weighed among.
func evalPairs(ctx context.Context, args []string) error {
	fs := newFlags("eval pairs", "[flags] FILE.jsonl")
	var group groupFlags
	group.register(fs)
	peer := fs.Float64("peer-threshold", 0.2, "cosine at which the TF-IDF peer joins an article to a group (0.2 is its best overall F1 on the SemEval sample: the peer is given its best chance)")
	same := fs.Float64("same", 2, "the overall rating at or below which a pair is the same story")
	verbose := fs.Bool("v", false, "list the pairs of the tuning half that storyfold gets wrong (never the held-out half's)")
	together := fs.Bool("together", false, "group the articles of every language pair in one batch, as a multilingual feed arrives, rather than each language pair's alone (the peer still runs per language pair)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef(fs, "one FILE.jsonl is needed, %d given", len(pos))
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return fmt.Errorf("read pairs: %w", err)
	}
	defer f.Close()
	byLang := map[string][]semevalPair{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		var p semevalPair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			fmt.Fprintf(os.Stderr, "storyfold: %s:%d: %v\n", pos[0], line, err)
			continue
		}
		if p.ID1 == "" || p.ID2 == "" {
			fmt.Fprintf(os.Stderr, "storyfold: %s:%d: a pair without both ids\n", pos[0], line)
			continue
		}
		k := evaluate.LanguagePair(p.Lang1, p.Lang2)
		byLang[k] = append(byLang[k], p)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read pairs: %w", err)
	}
	if len(byLang) == 0 {
		return fmt.Errorf("no pairs in %s", pos[0])
	}
	// storyOfAll is, with -together, every article's story when all the
	// file's articles are grouped at once.
	var storyOfAll map[string]string
	if *together {
		var all []semevalPair
		for _, lang := range slices.Sorted(maps.Keys(byLang)) {
			all = append(all, byLang[lang]...)
		}
		storyOfAll = groupPairs(all, group.options())
	}
	// scores[half][lang] are storyfold's and the peer's scores.
	type both struct{ ours, peer evaluate.PairScores }
	scores := [3]map[string]*both{{}, {}, {}}
	var wrong []string
	for _, lang := range slices.Sorted(maps.Keys(byLang)) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		pairs := byLang[lang]
		raw := pairArticles(pairs)
		storyOf := storyOfAll
		if storyOf == nil {
			storyOf = groupPairs(pairs, group.options())
		}
		texts := make([]string, len(raw))
		index := map[string]int{}
		for i, a := range raw {
			texts[i], index[a.ID] = a.Text, i
		}
		peerGroup := evaluate.TFIDFPeer(texts, *peer)
		for _, p := range pairs {
			gold := p.Overall <= *same
			s1, s2 := storyOf[p.ID1], storyOf[p.ID2]
			pred := s1 != "" && s1 == s2
			pp := peerGroup[index[p.ID1]] == peerGroup[index[p.ID2]]
			h := pairHalf(p)
			for _, k := range []string{lang, "all"} {
				for _, half := range []int{h, halfAll} {
					b := scores[half][k]
					if b == nil {
						b = &both{}
						scores[half][k] = b
					}
					b.ours.Add(gold, pred)
					b.peer.Add(gold, pp)
				}
			}
			if *verbose && h == halfTune && gold != pred {
				wrong = append(wrong, fmt.Sprintf("%s %s rated %.2f, %s: %q | %q", lang, pairName(p), p.Overall,
					map[bool]string{true: "merged", false: "apart"}[pred], snippet(p.Text1), snippet(p.Text2)))
			}
		}
	}
	for half, title := range []string{
		"tuning half (pairs whose id hashes even: rules are studied on these)",
		"held-out half (the other pairs: never studied)",
		"all pairs",
	} {
		fmt.Printf("%s\n", title)
		fmt.Printf("%-6s %5s %5s | %-22s | %-22s\n", "", "", "", "storyfold", fmt.Sprintf("TF-IDF peer (%.2f)", *peer))
		fmt.Printf("%-6s %5s %5s | %6s %6s %6s   | %6s %6s %6s\n", "langs", "pairs", "same", "P", "R", "F1", "P", "R", "F1")
		langs := slices.Sorted(maps.Keys(scores[half]))
		langs = append(slices.DeleteFunc(langs, func(l string) bool { return l == "all" }), "all")
		for _, lang := range langs {
			b := scores[half][lang]
			if b == nil {
				continue
			}
			s, ps := b.ours, b.peer
			fmt.Printf("%-6s %5d %5d | %6.3f %6.3f %6.3f   | %6.3f %6.3f %6.3f\n", lang, s.Pairs, s.Same, s.P, s.R, s.F1, ps.P, ps.R, ps.F1)
		}
		if half < halfAll {
			fmt.Println()
		}
	}
	if *verbose {
		fmt.Printf("\nwrong pairs of the tuning half: %d\n", len(wrong))
		for _, w := range wrong {
			fmt.Println(w)
		}
	}
	return nil
}

// pairArticles returns each article of the pairs once, in the order the
// pairs first give it.
func pairArticles(pairs []semevalPair) []storyfold.Article {
	var raw []storyfold.Article
	seen := map[string]bool{}
	for _, p := range pairs {
		for _, a := range []storyfold.Article{{ID: p.ID1, Text: p.Text1}, {ID: p.ID2, Text: p.Text2}} {
			if !seen[a.ID] {
				seen[a.ID] = true
				raw = append(raw, a)
			}
		}
	}
	return raw
}

// groupPairs analyses the articles of the pairs together and returns
// each article's story ID.
func groupPairs(pairs []semevalPair, opts cluster.Options) map[string]string {
	storyOf := map[string]string{}
	for _, st := range pipeline.Group(pipeline.Prepare(pairArticles(pairs), nil, nil), opts) {
		for _, id := range st.Articles {
			storyOf[id] = st.ID
		}
	}
	return storyOf
}

// The halves of the pairs: the tuning half, studied to improve the rules,
// the held-out half, never studied, and both.
const (
	halfTune = iota
	halfHeldOut
	halfAll
)

// pairHalf puts a pair in the tuning or the held-out half by a hash of
// its id, so the split is fixed, even across languages, and owes nothing
// to the order of the file.
func pairHalf(p semevalPair) int {
	h := fnv.New32a()
	h.Write([]byte(pairName(p)))
	return int(h.Sum32() % 2)
}

// pairName is a pair's id, or its two article ids when the file gives
// none.
func pairName(p semevalPair) string {
	if p.PairID != "" {
		return p.PairID
	}
	return p.ID1 + "_" + p.ID2
}

// snippet is the start of a text on one line, to tell articles apart in
// a list of errors.
func snippet(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > 70 {
		return string(r[:70]) + "…"
	}
	return text
}
