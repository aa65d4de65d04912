package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/evaluate"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/pipeline"
)

func runEval(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprintf(os.Stderr, "Usage: storyfold eval extraction [flags] DIR\n       storyfold eval clusters [flags] FILE.jsonl\n       storyfold eval quotes [flags] GOLD.jsonl ARTICLES...\n       storyfold eval paraphrase [flags] FILE\n       storyfold eval conflicts [flags] FILE.jsonl\n       storyfold eval facts [flags] GOLD.jsonl ARTICLES...\n       storyfold eval pairs [flags] FILE.jsonl\n")
		return errUsage
	}
	switch args[0] {
	case "extraction":
		return evalExtraction(ctx, args[1:])
	case "clusters":
		return evalClusters(ctx, args[1:])
	case "quotes":
		return evalQuotes(ctx, args[1:])
	case "paraphrase":
		return evalParaphrase(ctx, args[1:])
	case "conflicts":
		return evalConflicts(ctx, args[1:])
	case "facts":
		return evalFacts(ctx, args[1:])
	case "pairs":
		return evalPairs(ctx, args[1:])
	}
	fmt.Fprintf(os.Stderr, "storyfold eval: unknown benchmark %q (want extraction, clusters, quotes, paraphrase, conflicts, facts or pairs)\n", args[0])
	return errUsage
}

// evalExtraction scores HTML extraction on a benchmark laid out as
// DIR/ground-truth.json and DIR/html/<id>.html.gz.
func evalExtraction(ctx context.Context, args []string) error {
	fs := newFlags("eval extraction", "[flags] DIR")
	raw := fs.Bool("raw", false, "score the HTML extractor's text as it comes, before storyfold's cleaning")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "pages extracted in parallel")
	verbose := fs.Bool("v", false, "print each page's precision and recall")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef(fs, "one DIR is needed, %d given", len(pos))
	}
	dir := pos[0]
	data, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return fmt.Errorf("read ground truth: %w", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(data, &truth); err != nil {
		return fmt.Errorf("read ground truth: %w", err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	pages := make([]evaluate.Page, len(ids))
	var mu sync.Mutex
	failed := 0
	reader := ingest.NewReader(func(p *ingest.Problem) {
		mu.Lock()
		failed++
		mu.Unlock()
		fmt.Fprintf(os.Stderr, "storyfold: %s\n", p.Error())
	})
	start := time.Now()
	var busy time.Duration
	var wg sync.WaitGroup
	jobs := make(chan int)
	for w := 0; w < max(*workers, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				id := ids[i]
				t0 := time.Now()
				var got storyfold.Article
				f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
				if err != nil {
					fmt.Fprintf(os.Stderr, "storyfold: %v\n", err)
				} else {
					reader.ReadStream(f.Name(), f, func(a storyfold.Article) {
						a.URL = truth[id].URL
						got = a
					})
					f.Close()
				}
				text := got.Text
				if !*raw && text != "" {
					// A page that cleans to nothing (a listing, a robot
					// check) is dropped by Prepare and scores as empty.
					text = ""
					if prepared := pipeline.Prepare([]storyfold.Article{got}, nil, nil); len(prepared) > 0 {
						text = prepared[0].Text
					}
				}
				d := time.Since(t0)
				pages[i] = evaluate.ScorePage(truth[id].ArticleBody, text)
				mu.Lock()
				busy += d
				mu.Unlock()
				if *verbose {
					p := pages[i]
					fmt.Printf("%s  P %.3f  R %.3f\n", id[:12], ratio(p.TP, p.FP), ratio(p.TP, p.FN))
				}
			}
		}()
	}
	for i := range ids {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	wall := time.Since(start)
	s := evaluate.Extraction(pages)
	what := "extraction + cleaning"
	if *raw {
		what = "extraction only"
	}
	fmt.Printf("extraction benchmark: %d pages (%s), %d without an article\n", s.Pages, what, failed)
	fmt.Printf("P %.3f  R %.3f  F1 %.3f  accuracy %.3f\n", s.Precision, s.Recall, s.F1, s.Accuracy)
	fmt.Printf("%.1f pages/s with %d workers; %.1f pages/s per core\n",
		float64(len(ids))/wall.Seconds(), *workers, float64(len(ids))/busy.Seconds())
	return nil
}

func ratio(tp, miss float64) float64 {
	if tp+miss == 0 {
		return 1
	}
	return tp / (tp + miss)
}

// evalClusters groups the articles of a JSONL file whose lines carry a gold
// "cluster" field and scores the grouping, beside a TF-IDF single-pass
// peer run on the same texts, so a figure always comes with what a plain
// method makes of the same set. --no-dates forgets the publication dates,
// which tells how much of the grouping the content alone does.
func evalClusters(ctx context.Context, args []string) error {
	fs := newFlags("eval clusters", "[flags] FILE.jsonl")
	var group groupFlags
	group.register(fs)
	errorsOnly := fs.Bool("v", false, "list the gold clusters that were split or merged")
	noDates := fs.Bool("no-dates", false, "forget the articles' publication dates before grouping, to measure grouping by content alone")
	peer := fs.Float64("peer-threshold", 0.2, "cosine at which the TF-IDF peer joins an article to a group (0.2, as for `eval pairs`)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return missing(fs, "FILE.jsonl")
	}
	msgs := &messages{out: os.Stderr}
	start := time.Now()
	articles := read(ctx, pos, readOptions{}, &progress{}, msgs)
	if *noDates {
		for i := range articles {
			articles[i].Date = storyfold.Date{}
		}
	}
	stories := pipeline.Group(articles, group.options())
	elapsed := time.Since(start)
	storyOf := make(map[string]string)
	for _, st := range stories {
		for _, id := range st.Articles {
			storyOf[id] = st.ID
		}
	}
	// The peer reads the same cleaned texts in the same order, and never
	// dates: it is the plain single pass storyfold's grouping has to beat.
	var texts []string
	for _, a := range articles {
		if a.Meta["cluster"] != "" {
			texts = append(texts, a.Text)
		}
	}
	peerGroup := evaluate.TFIDFPeer(texts, *peer)
	var gold, pred, peerPred []string
	missing := 0
	for _, a := range articles {
		c := a.Meta["cluster"]
		if c == "" {
			missing++
			continue
		}
		gold = append(gold, c)
		pred = append(pred, storyOf[a.ID])
		peerPred = append(peerPred, fmt.Sprint(peerGroup[len(peerPred)]))
	}
	if missing > 0 {
		msgs.notef("%d articles have no \"cluster\" field and are not scored", missing)
	}
	s := evaluate.Clusters(gold, pred)
	ps := evaluate.Clusters(gold, peerPred)
	dates := "with dates"
	if *noDates {
		dates = "dates removed"
	}
	fmt.Printf("grouping: %d articles, %d gold clusters, %d stories (threshold %.2f, window %d days, %s)\n",
		s.Items, s.GoldClusters, s.Predicted, group.threshold, group.window, dates)
	fmt.Printf("BCubed   P %.3f  R %.3f  F1 %.3f\n", s.BCubedP, s.BCubedR, s.BCubedF)
	fmt.Printf("pairwise P %.3f  R %.3f  F1 %.3f\n", s.PairP, s.PairR, s.PairF)
	fmt.Printf("%.0f articles/s (reading, cleaning and grouping)\n", float64(len(articles))/elapsed.Seconds())
	fmt.Printf("TF-IDF peer (character %d-grams, single pass, cosine %.2f, no dates): %d groups\n", evaluate.CharGrams, *peer, ps.Predicted)
	fmt.Printf("peer BCubed   P %.3f  R %.3f  F1 %.3f\n", ps.BCubedP, ps.BCubedR, ps.BCubedF)
	fmt.Printf("peer pairwise P %.3f  R %.3f  F1 %.3f\n", ps.PairP, ps.PairR, ps.PairF)
	if *errorsOnly {
		printClusterErrors(articles, gold, pred)
	}
	return nil
}

// printClusterErrors lists gold clusters split over several stories and
// stories that join several gold clusters.
func printClusterErrors(articles []storyfold.Article, gold, pred []string) {
	split := map[string]map[string]bool{}
	merged := map[string]map[string]bool{}
	for i := range gold {
		if split[gold[i]] == nil {
			split[gold[i]] = map[string]bool{}
		}
		split[gold[i]][pred[i]] = true
		if merged[pred[i]] == nil {
			merged[pred[i]] = map[string]bool{}
		}
		merged[pred[i]][gold[i]] = true
	}
	for g, ps := range split {
		if len(ps) > 1 {
			fmt.Printf("split:  gold %s over %d stories\n", g, len(ps))
		}
	}
	for p, gs := range merged {
		if len(gs) > 1 {
			fmt.Printf("merged: story %s holds %d gold clusters\n", p, len(gs))
		}
	}
}

// evalQuotes scores quote extraction and speakers against hand-annotated
// quotes: GOLD.jsonl holds one {"id", "quotes": [{"text", "speaker"}]} per
// article (with "kind" "direct" or "reported" and a "split" where the file
// has them), and the articles are read from the other paths. Quotation-
// marked quotes found are scored against the direct ones, reported speech
// found against the reported ones, each split apart.
func evalQuotes(ctx context.Context, args []string) error {
	fs := newFlags("eval quotes", "[flags] GOLD.jsonl ARTICLES... (no ARTICLES when --semeval or --extraction gives them all)")
	verbose := fs.Bool("v", false, "list misses, wrong speakers and quotes found that are not annotated")
	semeval := fs.String("semeval", "", "the SemEval-2022 pairs file (pairs.jsonl) that annotated lines with \"source\":\""+evaluate.SemEvalSource+"\" name by line and side")
	extraction := fs.String("extraction", "", "the HTML-extraction benchmark's ground truth (ground-truth.json) whose bodies annotated lines with \"source\":\""+evaluate.ExtractionSource+"\" name by page id")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 && (*semeval == "" && *extraction == "" || len(pos) < 1) {
		return missing(fs, "GOLD.jsonl", "ARTICLES")
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return fmt.Errorf("read gold quotes: %w", err)
	}
	type goldArticle struct {
		ID     string               `json:"id"`
		Split  string               `json:"split"`
		Quotes []evaluate.GoldQuote `json:"quotes"`
		// Source, Line and Side name an article of the SemEval pairs
		// file (Line 1-based, Side 1 or 2) when Source is
		// evaluate.SemEvalSource; with evaluate.ExtractionSource, ID
		// names a page of the extraction benchmark's ground truth.
		Source string `json:"source"`
		Line   int    `json:"line"`
		Side   int    `json:"side"`
	}
	var golds []goldArticle
	var refs []evaluate.SemEvalRef
	var pages []string
	skipped, skippedPages := 0, 0
	for n, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var g goldArticle
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			return fmt.Errorf("%s:%d: %w", pos[0], n+1, err)
		}
		if g.Split == "" {
			g.Split = "all"
		}
		if g.Source == evaluate.SemEvalSource {
			if *semeval == "" {
				skipped++
				continue
			}
			refs = append(refs, evaluate.SemEvalRef{Line: g.Line, Side: g.Side, ID: g.ID})
		}
		if g.Source == evaluate.ExtractionSource {
			if *extraction == "" {
				skippedPages++
				continue
			}
			pages = append(pages, g.ID)
		}
		golds = append(golds, g)
	}
	if skipped > 0 {
		fmt.Fprintf(os.Stderr, "storyfold: %d annotated articles from %s are skipped: give the pairs file with --semeval\n", skipped, evaluate.SemEvalSource)
	}
	if skippedPages > 0 {
		fmt.Fprintf(os.Stderr, "storyfold: %d annotated articles from %s are skipped: give the ground truth with --extraction\n", skippedPages, evaluate.ExtractionSource)
	}
	var articles []storyfold.Article
	if len(pos) > 1 {
		msgs := &messages{out: os.Stderr}
		articles = read(ctx, pos[1:], readOptions{}, &progress{}, msgs)
	}
	if len(refs) > 0 {
		more, err := annotatedArticles(*semeval, "semeval pairs", func(f io.Reader) ([]storyfold.Article, error) { return evaluate.SemEvalArticles(f, refs) })
		if err != nil {
			return err
		}
		articles = append(articles, more...)
	}
	if len(pages) > 0 {
		more, err := annotatedArticles(*extraction, "extraction ground truth", func(f io.Reader) ([]storyfold.Article, error) { return evaluate.ExtractionArticles(f, pages) })
		if err != nil {
			return err
		}
		articles = append(articles, more...)
	}
	byID := map[string]*storyfold.Article{}
	for i := range articles {
		byID[articles[i].ID] = &articles[i]
	}
	type key struct{ split, kind string }
	scores := map[key]*evaluate.QuoteScores{}
	notEntity := map[string]int{}
	var splits []string
	for _, g := range golds {
		a := byID[g.ID]
		if a == nil {
			fmt.Fprintf(os.Stderr, "storyfold: annotated article %s is not among the articles read\n", g.ID)
			continue
		}
		if !slices.Contains(splits, g.Split) {
			splits = append(splits, g.Split)
		}
		for _, kind := range []string{"direct", "reported"} {
			var gold []evaluate.GoldQuote
			for _, q := range g.Quotes {
				if q.Reported() == (kind == "reported") {
					gold = append(gold, q)
				}
			}
			var found []storyfold.Quotation
			for _, q := range a.Quotes {
				if q.Marked == (kind == "direct") {
					found = append(found, q)
				}
			}
			k := key{g.Split, kind}
			if scores[k] == nil {
				scores[k] = &evaluate.QuoteScores{}
			}
			pairs, extra := evaluate.ScoreQuotes(scores[k], gold, found)
			if !*verbose {
				continue
			}
			for _, p := range pairs {
				switch {
				case p.Found == nil:
					fmt.Printf("%s  missed %s: %q (%s)\n", g.ID, kind, p.Gold.Text, p.Gold.Speaker)
				case p.Gold.Speaker != "" && !evaluate.SameSpeaker(p.Gold.Speaker, p.Found.Speaker):
					fmt.Printf("%s  speaker %q, annotated %q: %q\n", g.ID, p.Found.Speaker, p.Gold.Speaker, p.Gold.Text)
				}
			}
			for _, q := range extra {
				fmt.Printf("%s  not annotated %s: %q (%s)\n", g.ID, kind, q.Text, q.Speaker)
			}
		}
		for _, q := range a.Quotes {
			if evaluate.NotAnEntity(a, q.Speaker) {
				notEntity[g.Split]++
				if *verbose {
					fmt.Printf("%s  speaker %q is no person or organisation of the article: %q\n", g.ID, q.Speaker, q.Text)
				}
			}
		}
	}
	for _, split := range splits {
		fmt.Printf("%s:\n", split)
		for _, kind := range []string{"direct", "reported"} {
			s := scores[key{split, kind}]
			if s == nil || s.Gold == 0 && s.Found == 0 {
				continue
			}
			fmt.Printf("  %-8s %d annotated, %d found, %d matched; precision %.3f, recall %.3f\n", kind, s.Gold, s.Found, s.Matched, s.Precision, s.Recall)
			fmt.Printf("           speaker accuracy %.3f (given for %.3f of the quotes with a speaker, right for %.3f of those given)\n",
				s.SpeakerAccuracy, s.SpeakerGiven, s.SpeakerRight)
		}
		fmt.Printf("  speakers that are no person or organisation of their article: %d\n", notEntity[split])
	}
	return nil
}

// annotatedArticles reads the annotated articles another file holds (the
// SemEval pairs, the extraction ground truth) with read. A file that
// cannot be opened is an error; references it does not hold are said on
// stderr, and the articles it does hold are still returned.
func annotatedArticles(path, what string, read func(io.Reader) ([]storyfold.Article, error)) ([]storyfold.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	defer f.Close()
	more, err := read(f)
	if err != nil {
		fmt.Fprintf(os.Stderr, "storyfold: %v\n", err)
	}
	return more, nil
}
