package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/parallel"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/store/postgres"
	"github.com/storyfold/storyfold/store/sqlite"
	"github.com/storyfold/storyfold/web"
)

// scaleOptions configures bench --scale.
type scaleOptions struct {
	n, batch, clients int
	each              time.Duration
	seed              uint64
	pg, keep          string
	// eachBatch rebuilds every story a batch changes before the next
	// batch (Writer.Ingest), as before IngestDeferred, for comparison.
	eachBatch bool
	// paths bounds how many story pages and searches the clients draw
	// from, so that listing what to ask for stays cheap at a million
	// articles.
	paths int
	// heapProfile, when set, names the file the heap profile taken at the
	// end of the ingest goes to, so that what the grouping index and the
	// writer keep for each article can be attributed to its holders.
	heapProfile string
	// trace, when set, names the file an execution trace (runtime/trace)
	// of traceBatches batches from the middle of the ingest goes to, for
	// go tool trace: which goroutines run, and which wait and on what.
	trace string
	// httpTrace, when set, names the file an execution trace of the
	// clients' load on the server goes to: whether a request waits for a
	// builder, the store, the collector or a core.
	httpTrace string
	// storyCache and maxReads are the server's StoryCacheBytes and
	// MaxReads (0: its defaults).
	storyCache, maxReads int
}

// traceBatches is how many batches --scale-trace traces: a few, so that
// the trace shows the batches overlapping and stays small enough to read.
const traceBatches = 6

// scaleBatch is how many articles bench --scale prepares and stores at a
// time, as ingest does (ingestBatch).
const scaleBatch = 500

// benchScale generates o.n dated articles from the seeds (synthesize's
// corpus, written one batch at a time, so the corpus is never in memory
// whole), ingests them into a fresh SQLite file and, with o.pg, a fresh
// PostgreSQL schema, in batches of o.batch, each prepared while the one
// before is stored, as ingest does. For each store it prints the ingest
// rate (end to end, and the store's part alone), the peak and the
// sampled resident memory as the store grows, the bytes the store takes
// per article against the bytes of text, and then the latencies of the
// story page, the stories list and search at o.clients clients with the
// response cache off.
func benchScale(ctx context.Context, seeds []storyfold.Article, o scaleOptions) error {
	stores, err := freshStores(ctx, o.pg, "scale")
	if err != nil {
		return err
	}
	if o.keep != "" {
		stores[0].drop()
		stores[0] = benchStore{name: "SQLite", db: o.keep, drop: func() {}}
	}
	fmt.Printf("\nscale: %d articles, generated %d at a time, prepared while the batch before is stored; load average %s\n", o.n, o.batch, loadAverage())
	for _, bs := range stores {
		err := func() error {
			defer bs.drop()
			st, err := openStore(ctx, bs.db)
			if err != nil {
				return err
			}
			defer st.Close()
			textBytes, err := scaleIngest(ctx, st, bs.name, seeds, o)
			if err != nil {
				return err
			}
			if err := scaleFootprint(ctx, st, textBytes); err != nil {
				return err
			}
			kinds, err := scalePaths(ctx, st, o.seed, o.paths)
			if err != nil {
				return err
			}
			if o.httpTrace != "" {
				stop, err := startTrace(o.httpTrace)
				if err != nil {
					return err
				}
				defer stop()
			}
			return loadServer(ctx, web.Config{Store: st, CacheBytes: -1, StoryCacheBytes: o.storyCache, MaxReads: o.maxReads}, kinds, o.clients, o.each)
		}()
		if err != nil {
			return fmt.Errorf("%s: %w", bs.name, err)
		}
	}
	return nil
}

// scaleIngest stores the corpus into st, prints what it cost and returns
// the bytes of clean text it stored, 0 when st held articles already.
func scaleIngest(ctx context.Context, st storyfold.Store, name string, seeds []storyfold.Article, o scaleOptions) (int64, error) {
	if stored, _, err := st.Counts(ctx); err != nil {
		return 0, err
	} else if stored > 0 {
		fmt.Printf("\n%s: %d articles stored already: ingest not measured\n", name, stored)
		return 0, nil
	}
	limitIngestMemory() // as ingest does
	w, err := pipeline.NewWriter(ctx, st, cluster.DefaultOptions())
	if err != nil {
		return 0, err
	}
	type prepared struct {
		articles  []storyfold.Article
		staged    *pipeline.Staged
		textBytes int64
	}
	batches := make(chan prepared, 1)
	gen := newSynthesizer(seeds, seeds, o.seed)
	gen.cycles = true // dated as densely as the bases allow (cycleDate)
	reader := ingest.NewReader(nil)
	stop, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(batches)
		for start := 0; start < o.n && stop.Err() == nil; start += o.batch {
			files := make([][]byte, min(o.batch, o.n-start))
			for i := range files {
				files[i] = gen.next()
			}
			raw := make([]storyfold.Article, len(files))
			parallel.For(len(files), runtime.GOMAXPROCS(0), func(i int) {
				reader.ReadStream(fmt.Sprintf("scale/%07d.txt", start+i), bytes.NewReader(files[i]), func(a storyfold.Article) { raw[i] = a })
			})
			p := prepared{articles: pipeline.Prepare(raw, nil, nil)}
			for i := range p.articles {
				p.textBytes += int64(len(p.articles[i].Text))
			}
			if !o.eachBatch {
				p.staged = w.Stage(p.articles) // as ingest does
			}
			select {
			case batches <- p:
			case <-stop.Done():
				return
			}
		}
	}()
	var rss peakRSS
	stopRSS := rss.watch(ctx)
	fmt.Printf("\n%s: ingest\n%10s %9s %12s %12s %12s %10s %10s %10s\n", name, "articles", "time", "articles/s", "store /s", "CPU ms/art", "RSS MB", "heap MB", "live MB")
	start, cpu0 := time.Now(), processCPU()
	var storing time.Duration
	var stored, textBytes int64
	every := max(o.batch, o.n/10/o.batch*o.batch)
	next := every
	tr := scaleTracer{path: o.trace, from: int64(o.n / 2 / o.batch * o.batch)}
	defer tr.stop()
	for p := range batches {
		if err := tr.at(stored, o.batch); err != nil {
			cancel()
			for range batches {
			}
			stopRSS()
			return 0, err
		}
		t := time.Now()
		var err error
		if o.eachBatch {
			_, err = w.Ingest(ctx, p.articles)
		} else {
			_, err = w.IngestStaged(ctx, p.staged)
		}
		storing += time.Since(t)
		if err != nil {
			cancel()
			for range batches {
			}
			stopRSS()
			return 0, err
		}
		stored += int64(len(p.articles))
		textBytes += p.textBytes
		if int(stored) >= next || int(stored) == o.n {
			next += every
			d := time.Since(start)
			fmt.Printf("%10d %9s %12.0f %12.0f %12.2f %10.0f %10.0f %10.0f\n", stored, d.Round(time.Second), float64(stored)/d.Seconds(),
				float64(stored)/storing.Seconds(), float64((processCPU()-cpu0).Microseconds())/1000/float64(stored),
				float64(currentRSS())/(1<<20), float64(heapInUse())/(1<<20), float64(heapLive())/(1<<20))
		}
	}
	if !o.eachBatch {
		t := time.Now()
		err := w.Flush(ctx)
		storing += time.Since(t)
		if err != nil {
			return 0, err
		}
	}
	total, cpu := time.Since(start), processCPU()-cpu0
	stopRSS()
	if err := tr.stop(); err != nil {
		return 0, err
	}
	if o.heapProfile != "" {
		if err := writeHeapProfile(o.heapProfile); err != nil {
			return 0, err
		}
	}
	if ctx.Err() != nil {
		return 0, ctx.Err()
	}
	ws := w.Stats()
	articles, stories, err := st.Counts(ctx)
	if err != nil {
		return 0, err
	}
	fmt.Printf("%s: %d articles in %s: %.0f articles/s end to end (generating, reading, cleaning and annotating the next batch while one is stored); CPU %s, %.2f ms/article, %.0f%% of a core on average\n",
		name, stored, total.Round(time.Millisecond), float64(stored)/total.Seconds(), cpu.Round(time.Millisecond),
		float64(cpu.Microseconds())/1000/float64(max(1, stored)), 100*cpu.Seconds()/total.Seconds())
	fmt.Printf("%s: the store's part (Writer.IngestStaged: grouping, save, waiting for rebuilds; the next batch is staged beside it): %s, %.0f articles/s; write lock held %s in %d batches (longest %s); %d stories rebuilt in %s of building, %d rebuilds not saved (their story changed meanwhile); %d builds of %d articles, %.2f an article stored\n",
		name, storing.Round(time.Millisecond), float64(stored)/storing.Seconds(), ws.LockHeld.Round(time.Millisecond), ws.Batches,
		ws.MaxLockHeld.Round(time.Millisecond), ws.Rebuilt, ws.Building.Round(time.Millisecond), ws.Dropped,
		ws.Built, ws.BuiltArticles, float64(ws.BuiltArticles)/float64(max(1, stored)))
	fmt.Printf("%s: %d articles, %d stories stored; peak resident memory %.0f MB sampled, %.0f MB VmHWM (the whole process so far); text %.0f B/article\n",
		name, articles, stories, float64(rss.take())/(1<<20), float64(procStatus("VmHWM"))/(1<<20), float64(textBytes)/float64(max(1, stored)))
	return textBytes, nil
}

// scaleFootprint prints the bytes the store takes per article, against the
// bytes of the articles' clean text: textBytes, or where it is 0 (a store
// ingested before) the text column's, which a store that compresses it
// keeps smaller than the text.
func scaleFootprint(ctx context.Context, st storyfold.Store, textBytes int64) error {
	var total, text, doc, features, articles int64
	var rels map[string]int64
	switch s := st.(type) {
	case *sqlite.Store:
		fp, err := s.Footprint(ctx)
		if err != nil {
			return err
		}
		total, text, doc, features, articles, rels = fp.Total, fp.Text, fp.Doc, fp.Features, fp.Articles, fp.Relations
	case *postgres.Store:
		fp, err := s.Footprint(ctx)
		if err != nil {
			return err
		}
		total, text, doc, features, articles, rels = fp.Total, fp.Text, fp.Doc, fp.Features, fp.Articles, fp.Relations
	default:
		return nil
	}
	if articles == 0 {
		return nil
	}
	per := func(n int64) float64 { return float64(n) / float64(articles) }
	plain, of := textBytes, "clean text"
	if plain == 0 {
		plain, of = text, "text column"
	}
	fmt.Printf("store: %.0f B/article in all, %.2fx the %s (%.0f B/article); columns per article: text %.0f, doc %.0f, features %.0f\n",
		per(total), float64(total)/float64(max(1, plain)), of, per(plain), per(text), per(doc), per(features))
	names := make([]string, 0, len(rels))
	for n := range rels {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return int(rels[b] - rels[a]) })
	var parts []string
	for _, n := range names {
		if rels[n] >= total/100 {
			parts = append(parts, fmt.Sprintf("%s %.0f", n, per(rels[n])))
		}
	}
	fmt.Printf("store: B/article by table and index (1%% and more): %s\n", strings.Join(parts, ", "))
	return nil
}

// scalePaths returns what the clients of bench --scale ask for: pages of
// the stories list across the whole list, and up to limit story pages and
// searches for words of those stories' headlines, drawn from every part of
// the list.
func scalePaths(ctx context.Context, st storyfold.Store, seed uint64, limit int) ([]pageKind, error) {
	_, total, err := st.StoryPage(ctx, storyfold.StoryQuery{Limit: 1})
	if err != nil || total == 0 {
		return nil, fmt.Errorf("no stories to ask for: %v", err)
	}
	rng := rand.New(rand.NewPCG(seed, 3))
	var list, pages, searches []string
	for off := 0; off < total; off += max(50, total/limit/50*50) {
		list = append(list, fmt.Sprintf("/?offset=%d", off))
	}
	words := map[string]bool{}
	for len(pages) < limit && len(pages) < total {
		off := rng.IntN(total)
		page, _, err := st.StoryPage(ctx, storyfold.StoryQuery{Limit: 50, Offset: off})
		if err != nil {
			return nil, err
		}
		for _, s := range page {
			pages = append(pages, "/stories/"+s.ID)
			for _, w := range strings.Fields(strings.ToLower(s.Headline)) {
				if w = strings.Trim(w, ".,:;'\"?!()"); len(w) > 4 && len(words) < 300 {
					words[w] = true
				}
			}
		}
		if len(page) == 0 {
			break
		}
	}
	for w := range words {
		searches = append(searches, "/search?q="+url.QueryEscape(w))
	}
	slices.Sort(searches)
	slices.Sort(pages)
	pages = slices.Compact(pages)
	kinds := []pageKind{{"story page", pages}, {"stories list", list}, {"search", searches}}
	for _, k := range kinds {
		rng.Shuffle(len(k.paths), func(i, j int) { k.paths[i], k.paths[j] = k.paths[j], k.paths[i] })
	}
	return kinds, nil
}

// scaleTracer traces traceBatches batches of an ingest from the batch
// that starts at from articles on, into path ("" traces nothing).
type scaleTracer struct {
	path string
	from int64
	f    *os.File
	left int
}

// at is called before each batch, with the articles stored so far.
func (t *scaleTracer) at(stored int64, batch int) error {
	switch {
	case t.path == "":
		return nil
	case t.f == nil && stored >= t.from && t.left == 0:
		f, err := os.Create(t.path)
		if err != nil {
			return fmt.Errorf("trace: %w", err)
		}
		if err := trace.Start(f); err != nil {
			f.Close()
			return fmt.Errorf("trace: %w", err)
		}
		t.f, t.left = f, traceBatches
		fmt.Printf("trace: %d batches of %d from article %d on, into %s\n", traceBatches, batch, stored, t.path)
	case t.f != nil:
		if t.left--; t.left == 0 {
			return t.stop()
		}
	}
	return nil
}

// stop ends the trace, if one runs.
func (t *scaleTracer) stop() error {
	if t.f == nil {
		return nil
	}
	trace.Stop()
	err := t.f.Close()
	t.f, t.path = nil, ""
	if err != nil {
		return fmt.Errorf("trace: %w", err)
	}
	return nil
}

// currentRSS is the process's resident memory now.
func currentRSS() int64 { return procStatus("VmRSS") }

// procStatus reads a size in kB from /proc/self/status, in bytes; 0 where
// there is none.
func procStatus(field string) int64 { return procStatusOf("self", field) }

// procStatusOf reads a size in kB from the /proc status of the process
// pid names ("self", or a number: a child's memory, read by its parent),
// in bytes; 0 where there is none (no /proc, or the process has ended).
func procStatusOf(pid, field string) int64 {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// heapInUse is the Go heap's live and not yet swept objects.
func heapInUse() uint64 { return heapMetric("/memory/classes/heap/objects:bytes") }

// heapLive is the heap the last collection found reachable: what the
// ingest keeps, without the garbage heapInUse also counts until the next
// collection, which under GOGC 100 can be as large again.
func heapLive() uint64 { return heapMetric("/gc/heap/live:bytes") }

// heapMetric reads one byte count of runtime/metrics, 0 if there is none.
func heapMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// writeHeapProfile writes the live heap to path after a collection, so the
// profile holds what is still referenced and not garbage yet to be swept.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("heap profile: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	return nil
}
