package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/evaluate"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/parallel"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/pipeline"
)

// benchDefaultSource is where bench finds real articles when run from a
// checkout with the shared data beside it.
const benchDefaultSource = "../shared/data/basil/articles.jsonl"

func runBench(ctx context.Context, args []string) error {
	fs := newFlags("bench", "[flags]")
	source := fs.String("source", "", "real articles to build the corpus from (JSONL, text or HTML files, or a directory); default: "+benchDefaultSource+" if present, else examples/ukraine-talks")
	sizes := fs.String("sizes", "1000,10000,100000", "corpus sizes to measure, comma-separated")
	storySizes := fs.String("story-sizes", "50,500", "sizes of the single story whose reconciliation is timed, comma-separated")
	httpArticles := fs.Int("http", 0, "also store this many articles, serve them on loopback and measure page latencies under load (0: off)")
	clients := fs.Int("clients", 50, "concurrent clients for --http")
	httpTime := fs.Duration("http-time", 10*time.Second, "how long to load each kind of page for --http")
	httpDB := fs.String("http-db", "", "store the --http articles in this SQLite file, and keep it, instead of a temporary one")
	attacks := fs.Bool("attacks", false, "replay the attacks of issue 14 on a server of --http articles (default 2000) and a story of --large-story articles, and fail unless /healthz keeps a p99 under --health-p99 while they run; measures nothing else")
	attackTime := fs.Duration("attack-time", 20*time.Second, "how long the --attacks run, after as long a quarter with the probes alone")
	largeStory := fs.Int("large-story", 1000, "articles of the one large story --attacks loads the page of")
	healthP99 := fs.Duration("health-p99", 100*time.Millisecond, "the bound --attacks holds the health check's p99 to")
	maxReads := fs.Int("max-reads", 0, "with --attacks or --scale, the server's bound on reads built at once (0: its default, one per two cores)")
	storyCacheMB := fs.Int("story-cache-mb", -1, "with --scale, the server's cache of decoded stories in MiB, 0 for none (default: the server's, 64); the response cache stays off")
	maxIngests := fs.Int("max-ingests", 0, "with --attacks, the server's bound on POSTs analysed at once (0: its default, one per two cores)")
	maxInflight := fs.Int("max-inflight", 0, "with --attacks, the server's requests at work at once (0: its default, two per core)")
	maxQueue := fs.Int("max-queue", 0, "with --attacks, the server's requests waiting for a place (0: its default, 16 per place)")
	queueWait := fs.Duration("queue-wait", 0, "with --attacks, the server's longest wait for a place (0: its default, 1s)")
	attackCache := fs.Int("cache-mb", -1, "with --attacks, the server's response cache in MiB, 0 for none (default: the server's, 256)")
	attackURL := fs.String("attack-url", "", "with --attacks, attack this server (storyfold serve --db of the --http-db file) instead of one in this process")
	attackToken := fs.String("attack-token", "", "with --attack-url, the server's --token, for the POST attacks")
	attackTrace := fs.String("attack-trace", "", "with --attacks, write an execution trace (runtime/trace) of the attacked phase to this file, for go tool trace: what the health check's goroutines wait behind")
	attackKinds := fs.String("attack-kinds", "", "the --attacks to run, comma-separated, of search, bomb, quotes, pages, slow (default: all at once)")
	defaultLayout := layoutOne
	if childSupported {
		defaultLayout = layoutThree
	}
	attackLayout := fs.String("attack-layout", defaultLayout, "with --attacks and no --attack-url, where the server, the attackers and the probes run: "+
		layoutThree+", storyfold serve and the attackers as child processes of the bench, which runs the probes, as a server's attackers are other machines; or "+
		layoutOne+", all in the bench's process, the harsher test ("+layoutThree+" is not available on every system)")
	var posts postsFlags
	posts.register(fs)
	warcRecords := fs.Int("warc", 0, "also read and extract a WARC file of this many records of real pages, with 1 and 2 workers (0: off)")
	warcPages := fs.String("warc-pages", benchWARCPages, "HTML pages (optionally .gz) to build the --warc file from")
	queueWorkers := fs.Bool("workers", false, "with --warc, also queue the records on an embedded NATS server and time 1 and 2 worker processes storing them")
	storeArticles := fs.Int("store", 0, "also time ingesting this many articles into SQLite and, with --pg, PostgreSQL (0: off)")
	pgURL := fs.String("pg", "", "PostgreSQL server (postgres://...) for --store and --workers; the bench makes and drops schemas of its own")
	scale := fs.Int("scale", 0, "generate this many dated articles, ingest them into a fresh SQLite file (and PostgreSQL with --pg) in batches, report articles/s, peak memory and bytes per article, then load the story page, stories list and search with --clients clients for --http-time each, cache off; measures nothing else (0: off)")
	scaleDB := fs.String("scale-db", "", "with --scale, the SQLite file to store into and keep (reused, not ingested again, when it holds articles)")
	scalePages := fs.Int("scale-paths", 2000, "with --scale, how many stories the clients draw their story pages and search words from")
	scaleHeap := fs.String("scale-heap-profile", "", "with --scale, write a heap profile of what the ingest keeps live to this file, taken after its last batch is stored and a collection (read it with go tool pprof -sample_index=inuse_space)")
	scaleEach := fs.Bool("scale-rebuild-each", false, "with --scale, rebuild the stories each batch changes before the next batch, as a server does, instead of once a later batch leaves them alone, as ingest does")
	scaleTrace := fs.String("scale-trace", "", "with --scale, write an execution trace (runtime/trace) of a few batches from the middle of the ingest to this file, for go tool trace")
	httpTrace := fs.String("http-trace", "", "with --scale, write an execution trace (runtime/trace) of the clients' load on the server to this file, for go tool trace: where a request's time goes (a short --http-time keeps it small)")
	seed := fs.Uint64("seed", 1, "random seed of the corpus")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	blockProfile := fs.String("blockprofile", "", "write a profile of where goroutines waited (channels, locks, select; every wait of 10 µs and more) to this file at the end of the run")
	mutexProfile := fs.String("mutexprofile", "", "write a profile of contended mutexes to this file at the end of the run")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := posts.check(fs); err != nil {
		return err
	}
	if *attacks {
		// --max-reads serves --scale too, whose server is this process's.
		if err := checkAttackLayout(fs, *attackLayout, *attackURL); err != nil {
			return err
		}
	}
	ns, err := parseSizes(*sizes)
	if err != nil {
		return err
	}
	storyNs, err := parseSizes(*storySizes)
	if err != nil {
		return err
	}
	if *scaleHeap != "" {
		// Sampled every 4 KB, not 512 KB, so that holders of a few bytes
		// an article show in the profile.
		runtime.MemProfileRate = 4096
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	if *blockProfile != "" {
		runtime.SetBlockProfileRate(int((10 * time.Microsecond).Nanoseconds()))
		defer writeProfile("block", *blockProfile)
	}
	if *mutexProfile != "" {
		runtime.SetMutexProfileFraction(1)
		defer writeProfile("mutex", *mutexProfile)
	}
	src := *source
	if src == "" {
		src = benchDefaultSource
		if _, err := os.Stat(src); err != nil {
			src = "examples/ukraine-talks"
		}
	}
	msgs := &messages{out: os.Stderr}
	seeds := read(ctx, []string{src}, readOptions{}, &progress{}, msgs)
	if len(seeds) == 0 {
		return fmt.Errorf("no articles in %s to build a corpus from", src)
	}
	fmt.Printf("corpus: built from %d real articles of %s by recombining their paragraphs (seed %d)\n", len(seeds), src, *seed)
	if *attacks {
		n := *httpArticles
		if n <= 0 {
			n = 2000
		}
		return benchAttacks(ctx, seeds, attackOptions{articles: n, large: *largeStory, clients: *clients, quiet: *attackTime / 4,
			attack: *attackTime, healthP99: *healthP99, seed: *seed, keep: *httpDB, kinds: splitList(*attackKinds),
			maxReads: *maxReads, maxIngests: *maxIngests, cacheMB: *attackCache,
			maxInflight: *maxInflight, maxQueue: *maxQueue, queueWait: *queueWait, url: *attackURL, token: *attackToken, trace: *attackTrace,
			posts: posts, layout: *attackLayout})
	}
	fmt.Printf("machine: %d cores (GOMAXPROCS %d), %s\n\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	if *scale > 0 {
		return benchScale(ctx, seeds, scaleOptions{n: *scale, batch: scaleBatch, clients: *clients, each: *httpTime,
			seed: *seed, pg: *pgURL, keep: *scaleDB, paths: max(1, *scalePages), eachBatch: *scaleEach, heapProfile: *scaleHeap, trace: *scaleTrace, httpTrace: *httpTrace,
			storyCache: cacheBytes(*storyCacheMB), maxReads: *maxReads})
	}
	fmt.Printf("%9s %9s %12s %12s %12s %12s %12s %14s %10s\n", "articles", "KB/art", "read+clean", "features", "grouping", "total", "articles/s", "µs/article", "index B/art")
	for _, n := range ns {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		files := synthesize(seeds, n, *seed)
		r := benchOnce(files)
		fmt.Printf("%9d %9.1f %12s %12s %12s %12s %12.0f %14.1f %10.0f\n", n, r.kbPerArticle,
			r.prepare.Round(time.Millisecond), r.features.Round(time.Millisecond), r.group.Round(time.Millisecond),
			r.total.Round(time.Millisecond), float64(n)/r.total.Seconds(), float64(r.total.Microseconds())/float64(n), r.indexBytes)
		fmt.Printf("%9s stories %d, copies folded %d; against the corpus's events: BCubed P %.3f R %.3f F1 %.3f\n", "",
			r.stories, r.copies, r.events.BCubedP, r.events.BCubedR, r.events.BCubedF)
		fmt.Printf("%9s entities, quotes and figures alone: %.0f articles/s (%.1f µs/article); a tokenisation pass: %.0f articles/s (%.1f µs/article)\n", "",
			float64(n)/r.layer.Seconds(), float64(r.layer.Microseconds())/float64(n),
			float64(n)/r.tokens.Seconds(), float64(r.tokens.Microseconds())/float64(n))
		fmt.Printf("%9s every story's account (entities, quotes, facts, conflicts, families, summary): %s, %.1f µs/article; with it and the layer, analyze runs at %.0f articles/s\n", "",
			r.account.Round(time.Millisecond), float64(r.account.Microseconds())/float64(n), float64(n)/(r.total+r.account).Seconds())
		base := r.total - r.layer
		fmt.Printf("%9s the pipeline without that layer (reading, cleaning, sentences, tokens, grouping): %.0f articles/s (%.1f µs/article)\n", "",
			float64(n)/base.Seconds(), float64(base.Microseconds())/float64(n))
	}
	if len(storyNs) > 0 {
		fmt.Printf("\none story reconciled (entities, quote groups, facts, conflicts, families, summary, timeline), from rewrites of one event's articles:\n")
	}
	for _, n := range storyNs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		d, st := benchStory(seeds, n, *seed)
		fmt.Printf("%9d articles: %s (facts %d, conflicts %d, families %d, independent sources %d)\n", n, d.Round(time.Millisecond),
			len(st.Facts), len(st.Conflicts), len(st.Families), st.IndependentSources)
	}
	if *storeArticles > 0 {
		if err := benchStores(ctx, seeds, *storeArticles, *seed, *pgURL); err != nil {
			return err
		}
	}
	if *warcRecords > 0 {
		file, err := buildWARC(*warcPages, *warcRecords)
		if err != nil {
			return err
		}
		if err := benchWARC(file, *warcRecords); err != nil {
			return err
		}
		if *queueWorkers {
			if err := benchWorkers(ctx, file, *pgURL); err != nil {
				return err
			}
		}
	}
	if *httpArticles > 0 {
		return benchHTTP(ctx, seeds, *httpArticles, *clients, *httpTime, *seed, *httpDB)
	}
	return nil
}

// checkAttackLayout refuses an --attack-layout the bench cannot run, and
// the flags that mean nothing in the layout asked for: --attack-url names
// a server of another process already, and in the three processes the
// server is a storyfold serve, which has no --max-reads or --max-ingests,
// and the trace would be of the probes alone.
func checkAttackLayout(fs *flag.FlagSet, layout, url string) error {
	switch layout {
	case layoutOne:
	case layoutThree:
		if !childSupported {
			return usagef(fs, "--attack-layout %s is not available on this system; use --attack-layout %s", layoutThree, layoutOne)
		}
	default:
		return usagef(fs, "--attack-layout must be %s or %s", layoutThree, layoutOne)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if url != "" {
		if set["attack-layout"] {
			return usagef(fs, "--attack-layout and --attack-url exclude each other: with --attack-url the server is the one named")
		}
		return nil
	}
	if layout == layoutThree {
		for _, name := range []string{"max-reads", "max-ingests", "attack-trace"} {
			if set[name] {
				return usagef(fs, "--%s needs --attack-layout %s (the server of the %s layout is storyfold serve, another process)", name, layoutOne, layoutThree)
			}
		}
	}
	return nil
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func parseSizes(list string) ([]int, error) {
	var ns []int
	for _, s := range strings.Split(list, ",") {
		if strings.TrimSpace(s) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "storyfold bench: bad size %q\n", s)
			return nil, errUsage
		}
		ns = append(ns, n)
	}
	return ns, nil
}

// benchStory times the reconciliation of one story of n articles, each
// rewritten from one of the articles of the seeds' first event (its
// paragraphs shuffled, some dropped, one from elsewhere added), as many
// outlets rewrite a few reports. Reading and annotating are not timed.
func benchStory(seeds []storyfold.Article, n int, seed uint64) (time.Duration, *storyfold.Story) {
	event := 1
	for event < len(seeds) && event < 3 && eventOf(seeds[event].ID) == eventOf(seeds[0].ID) {
		event++
	}
	files := synthesizeFrom(seeds, seeds[:event], n, seed)
	reader := ingest.NewReader(nil)
	raw := make([]storyfold.Article, len(files))
	parallel.For(len(files), runtime.GOMAXPROCS(0), func(i int) {
		reader.ReadStream(fmt.Sprintf("story/%05d.txt", i), bytes.NewReader(files[i]), func(a storyfold.Article) { raw[i] = a })
	})
	articles := pipeline.Prepare(raw, nil, nil)
	members := make([]*storyfold.Article, len(articles))
	for i := range articles {
		members[i] = &articles[i]
	}
	runtime.GC()
	start := time.Now()
	st := pipeline.NewStory("bench", members)
	return time.Since(start), st
}

// eventOf is the event part of a BASIL ID ("basil-<event>_2").
func eventOf(id string) string {
	if i := strings.LastIndexByte(id, '_'); i > 0 {
		return id[:i]
	}
	return id
}

type benchResult struct {
	prepare, features, group, total time.Duration
	layer, tokens                   time.Duration // entities+quotes+figures alone; a tokenisation pass
	account                         time.Duration // every story's reconciled account
	kbPerArticle, indexBytes        float64
	stories, copies                 int
	events                          evaluate.ClusterScores
}

// benchOnce runs the plain-text pipeline over in-memory files: reading,
// cleaning, sentences and tokens, features, grouping.
func benchOnce(files [][]byte) benchResult {
	var r benchResult
	var size int
	for _, f := range files {
		size += len(f)
	}
	r.kbPerArticle = float64(size) / float64(len(files)) / 1024
	runtime.GC()
	start := time.Now()
	reader := ingest.NewReader(nil)
	raw := make([]storyfold.Article, len(files))
	parallel.For(len(files), runtime.GOMAXPROCS(0), func(i int) {
		reader.ReadStream(fmt.Sprintf("bench/%07d.txt", i), bytes.NewReader(files[i]), func(a storyfold.Article) { raw[i] = a })
	})
	articles := pipeline.Prepare(raw, nil, nil)
	r.prepare = time.Since(start)

	// The entity, quote and figure layer again on its own, and beside it a
	// plain tokenisation pass over the same text: the floor of any pass.
	t0 := time.Now()
	parallel.For(len(articles), runtime.GOMAXPROCS(0), func(i int) { articles[i] = pipeline.Extract(articles[i]) })
	r.layer = time.Since(t0)
	t0 = time.Now()
	parallel.For(len(articles), runtime.GOMAXPROCS(0), func(i int) {
		var toks []nlp.Token
		toks = nlp.Tokenize(toks, articles[i].Text)
		runtime.KeepAlive(toks)
	})
	r.tokens = time.Since(t0)

	t := time.Now()
	items := pipeline.Features(articles)
	r.features = time.Since(t)
	raw = nil

	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	t = time.Now()
	ix := cluster.Batch(items, cluster.DefaultOptions())
	r.group = time.Since(t)
	r.total = time.Since(start) - r.layer - r.tokens
	// The corpus's events are gold stories (see synthesize), so the run
	// also says how well grouping holds up at this size.
	var gold, pred []string
	for _, g := range ix.Groups() {
		for _, id := range g.Articles {
			n, err := strconv.Atoi(id)
			if err != nil {
				continue
			}
			gold = append(gold, strconv.Itoa(n/eventSize))
			pred = append(pred, g.ID)
		}
	}
	r.events = evaluate.Clusters(gold, pred)
	for _, c := range ix.Copies() {
		r.copies += len(c)
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	// The features are alive in both readings, so the difference is what
	// the index itself holds.
	runtime.KeepAlive(items)
	runtime.KeepAlive(ix)
	r.indexBytes = float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc)) / float64(len(files))

	// Each story's account: entities, quote groups, facts, conflicts,
	// families, summary, as analyze builds them.
	byID := make(map[string]*storyfold.Article, len(articles))
	for i := range articles {
		byID[articles[i].ID] = &articles[i]
	}
	groups := ix.Groups()
	t = time.Now()
	parallel.For(len(groups), runtime.GOMAXPROCS(0), func(i int) {
		members := make([]*storyfold.Article, 0, len(groups[i].Articles))
		for _, id := range groups[i].Articles {
			members = append(members, byID[id])
		}
		pipeline.NewStory(groups[i].ID, members)
	})
	r.stories = len(groups)
	r.account = time.Since(t)
	return r
}

// eventSize is the number of articles synthesize writes per event.
const eventSize = 5

// synthesize builds n plain-text articles from real ones. Articles come in
// events of about five: each event takes one real article as its base and
// its date moves by eleven days per event, so events never share a date
// window; each article of the event keeps most of the base's paragraphs in a
// shuffled order, drops some, and mixes in one or two paragraphs from other
// articles. The result has the vocabulary, length and boilerplate of real
// news, and a story count that grows with n.
func synthesize(seeds []storyfold.Article, n int, seed uint64) [][]byte {
	return synthesizeFrom(seeds, seeds, n, seed)
}

// synthesizeFrom is synthesize with the bases taken from bases, one per
// event in turn, and the mixed-in paragraphs from all seeds.
func synthesizeFrom(seeds, bases []storyfold.Article, n int, seed uint64) [][]byte {
	g := newSynthesizer(seeds, bases, seed)
	files := make([][]byte, n)
	for i := range files {
		files[i] = g.next()
	}
	return files
}

// synthesizer writes the articles of synthesizeFrom one at a time, so a
// corpus of a million articles is never in memory at once: the i-th
// article it returns is the i-th of synthesizeFrom with the same
// arguments.
type synthesizer struct {
	rng          *rand.Rand
	seeds, bases []storyfold.Article
	paras        [][]string
	baseParas    [][]string
	i            int
	// cycles dates the events by cycles of the bases (cycleDate), as
	// bench --scale does, instead of eleven days apart each.
	cycles bool
}

// cycleDays is the length of a cycle of cycleDate: every base comes back
// once a cycle, and more than the grouping window (cluster's WindowDays,
// 10) after its last event, with the day's jitter of 0-1 either side.
const cycleDays = 12

// cycleDate is the day, counted from the corpus's first, of an event of
// a corpus dated by cycles: the events of one pass over the bases share
// a cycle of cycleDays days, spread evenly over it in the bases' order,
// and the next pass starts the next cycle. An event whose base came back
// within the grouping window would join its last event's story, so a
// corpus of nb bases holds at most nb events (5 articles each) in
// cycleDays: at 300 bases, 125 articles a day, and a million articles
// span about 22 years (eleven days an event took them to the year 8000).
func cycleDate(event, nb int) int {
	return event/nb*cycleDays + event%nb*cycleDays/nb
}

// newSynthesizer reads the seeds' paragraphs once.
func newSynthesizer(seeds, bases []storyfold.Article, seed uint64) *synthesizer {
	g := &synthesizer{rng: rand.New(rand.NewPCG(seed, seed^0x5eed)), seeds: seeds, bases: bases}
	g.paras = make([][]string, len(seeds))
	for i, a := range seeds {
		g.paras[i] = bodyParagraphs(a)
	}
	g.baseParas = make([][]string, len(bases))
	for i, a := range bases {
		g.baseParas[i] = bodyParagraphs(a)
	}
	return g
}

// next writes the next article.
func (g *synthesizer) next() []byte {
	rng, bases, i := g.rng, g.bases, g.i
	g.i++
	base := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	event := i / eventSize
	s := event % len(bases)
	if len(bases) < len(g.seeds) {
		event, s = 0, i%len(bases) // one event: its articles in turn
	}
	var b strings.Builder
	b.WriteString(bases[s].Title)
	b.WriteString("\n\nPublished ")
	day := event * 11
	if g.cycles {
		day = cycleDate(event, len(bases))
	}
	b.WriteString(base.AddDate(0, 0, day+rng.IntN(2)).Format("January 2, 2006"))
	b.WriteString("\n\n")
	ps := append([]string(nil), g.baseParas[s]...)
	rng.Shuffle(len(ps), func(a, b int) { ps[a], ps[b] = ps[b], ps[a] })
	keep := max(1, len(ps)*(70+rng.IntN(30))/100)
	ps = ps[:keep]
	for k := 0; k < 1+rng.IntN(2); k++ {
		o := g.paras[rng.IntN(len(g.paras))]
		if len(o) > 0 {
			ps = append(ps, o[rng.IntN(len(o))])
		}
	}
	for _, p := range ps {
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	b.WriteString("Subscribe to our newsletter for the latest news.\n")
	return []byte(b.String())
}

// bodyParagraphs returns the text of an article's paragraphs other than
// headings, which the bench corpora recombine.
func bodyParagraphs(a storyfold.Article) []string {
	var out []string
	for _, p := range a.Paragraphs {
		if !p.Heading {
			out = append(out, a.ParagraphText(p))
		}
	}
	return out
}

// writeProfile writes the named runtime profile (block, mutex) to path,
// saying on standard error if it could not.
func writeProfile(name, path string) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup(name).WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "storyfold: %s profile: %v\n", name, err)
	}
}
