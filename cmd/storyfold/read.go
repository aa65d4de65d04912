package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/crawl"
	"github.com/storyfold/storyfold/fetch"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/parallel"
	"github.com/storyfold/storyfold/pipeline"
)

// messages prints one line per problem on stderr, through the progress bars
// when they show, and counts them.
type messages struct {
	mu       sync.Mutex
	out      io.Writer
	errors   int
	warnings int
}

func (m *messages) problem(p *ingest.Problem) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if p.Warning {
		m.warnings++
		fmt.Fprintf(m.out, "storyfold: warning: %s\n", p.Error())
		return
	}
	m.errors++
	fmt.Fprintf(m.out, "storyfold: %s\n", p.Error())
}

func (m *messages) notef(format string, args ...any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintf(m.out, "storyfold: "+format+"\n", args...)
}

// readOptions are the reading flags every reading command shares.
type readOptions struct {
	maxSize int64
	fetch   fetchFlags
}

func (o *readOptions) register(fs *flag.FlagSet) {
	o.maxSize = ingest.DefaultMaxSize
	fs.Var((*positiveSize)(&o.maxSize), "max-size", "skip files, pages and JSON lines larger than this many `bytes`")
	o.fetch.register(fs)
	fs.StringVar(&o.fetch.urlList, "urls", "", "also read the pages and feeds of the URLs in this file, one a line (# starts a comment)")
	fs.BoolVar(&o.fetch.noFetch, "no-fetch", false, "read only what the inputs hold: do not fetch the pages of feed items that carry only a summary")
}

// positiveSize is a flag of bytes that must be positive: a limit of 0 or
// less would read nothing, so it is a usage error rather than a default in
// disguise. (A readOptions left zero by code, not by a flag, still means
// the default.)
type positiveSize int64

func (s *positiveSize) String() string {
	if s == nil {
		return "0"
	}
	return strconv.FormatInt(int64(*s), 10)
}

func (s *positiveSize) Set(v string) error {
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return errors.New("not a whole number of bytes")
	}
	if n <= 0 {
		return errors.New("--max-size must be positive")
	}
	*s = positiveSize(n)
	return nil
}

// fetchFlags are the flags of the commands that fetch.
type fetchFlags struct {
	allowPrivate bool
	perHost      int
	hostDelay    time.Duration
	timeout      time.Duration
	urlList      string
	noFetch      bool
}

func (f *fetchFlags) register(fs *flag.FlagSet) {
	def := fetch.DefaultConfig()
	fs.BoolVar(&f.allowPrivate, "allow-private", false, "let fetches reach private, loopback and link-local addresses (refused by default: a guard against server-side request forgery)")
	fs.IntVar(&f.perHost, "per-host", 2, "requests in flight to one host at most")
	fs.DurationVar(&f.hostDelay, "host-delay", def.HostDelay, "least time between the starts of two requests to one host (robots.txt's Crawl-delay, when longer, wins)")
	fs.DurationVar(&f.timeout, "fetch-timeout", 30*time.Second, "longest one request may take, body included")
}

func (f *fetchFlags) config(maxSize int64) fetch.Config {
	cfg := fetch.DefaultConfig()
	cfg.AllowPrivate, cfg.PerHost, cfg.HostDelay, cfg.Timeout, cfg.MaxBytes = f.allowPrivate, f.perHost, f.hostDelay, f.timeout, maxSize
	return cfg
}

// isURL tells a URL among the paths.
func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// readURLList reads a file of URLs, one a line.
func readURLList(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--urls: %w", err)
	}
	var urls []string
	for _, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "#")
		if line = strings.TrimSpace(line); line != "" {
			urls = append(urls, line)
		}
	}
	return urls, nil
}

// splitInputs separates the URLs among the inputs, and adds those of the
// --urls file, from the paths.
func splitInputs(inputs []string, opts readOptions) (paths, urls []string, err error) {
	for _, in := range inputs {
		if isURL(in) {
			urls = append(urls, in)
		} else {
			paths = append(paths, in)
		}
	}
	if opts.fetch.urlList != "" {
		list, err := readURLList(opts.fetch.urlList)
		if err != nil {
			return paths, urls, err
		}
		urls = append(urls, list...)
	}
	return paths, urls, nil
}

// fileReader lists the files the paths name and makes their reader, with
// a bar counting WARC records; done ends the bar.
func fileReader(paths []string, opts readOptions, prog *progress, msgs *messages) ([]string, *ingest.Reader, func()) {
	files, skipped := ingest.Files(paths, msgs.problem)
	if skipped > 0 {
		msgs.notef("passed over %d files whose extension is not an article format", skipped)
	}
	reader := ingest.NewReader(msgs.problem)
	if opts.maxSize > 0 {
		reader.MaxSize = opts.maxSize
	}
	records := &lazyCounter{p: prog, name: "WARC records"}
	reader.OnRecord = records.incr
	return files, reader, records.done
}

// read reads every input (files, directories, standard input and URLs),
// cleans and annotates the articles, and folds articles with the same
// content into one. Files are read in parallel, then URLs and the links of
// feed items that carry only a summary are fetched. Articles come back in
// a stable order whatever the scheduling.
func read(ctx context.Context, inputs []string, opts readOptions, prog *progress, msgs *messages) []storyfold.Article {
	paths, urls, err := splitInputs(inputs, opts)
	if err != nil {
		msgs.notef("%v", err)
	}
	files, reader, done := fileReader(paths, opts, prog, msgs)
	defer done()
	var (
		summaryMu sync.Mutex
		summaries []storyfold.Article
	)
	if !opts.fetch.noFetch {
		reader.Summaries = func(it ingest.FeedItem) {
			summaryMu.Lock()
			summaries = append(summaries, it.Article)
			summaryMu.Unlock()
		}
	}
	type found struct {
		file, seq int
		a         storyfold.Article
	}
	var (
		mu   sync.Mutex
		all  []found
		wg   sync.WaitGroup
		jobs = make(chan int)
	)
	bar := prog.stage("reading", len(files))
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for fi := range jobs {
				var local []found
				emit := func(a storyfold.Article) {
					local = append(local, found{fi, len(local), a})
				}
				reader.ReadFile(files[fi], emit)
				mu.Lock()
				all = append(all, local...)
				mu.Unlock()
				bar.incr()
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	bar.done()
	sort.Slice(all, func(i, j int) bool {
		if all[i].file != all[j].file {
			return all[i].file < all[j].file
		}
		return all[i].seq < all[j].seq
	})
	raw := make([]storyfold.Article, len(all))
	for i, f := range all {
		raw[i] = f.a
	}
	if len(urls) > 0 || len(summaries) > 0 {
		raw = append(raw, fetchAll(ctx, urls, summaries, reader, opts, prog, msgs)...)
	}

	clean := prog.stage("cleaning", len(raw))
	articles := pipeline.Prepare(raw, func(a storyfold.Article) {
		msgs.problem(&ingest.Problem{Path: a.Origin, Msg: "no article text left after cleaning"})
	}, clean.incr)
	clean.done()
	return foldSame(articles, msgs)
}

// fetchAll fetches URLs (pages or feeds) and the pages of feed items, and
// counts the failures by reason in a closing line.
func fetchAll(ctx context.Context, urls []string, items []storyfold.Article, reader *ingest.Reader, opts readOptions, prog *progress, msgs *messages) []storyfold.Article {
	c := &crawl.Crawler{Fetcher: fetch.New(opts.fetch.config(reader.MaxSize)), Reader: reader}
	bar := prog.stage("fetching", len(urls)+len(items))
	var (
		mu     sync.Mutex
		failed = make(map[fetch.Reason]int)
	)
	fail := func(url string, err error) {
		msgs.problem(&ingest.Problem{Path: url, Msg: fetch.Describe(err)})
		mu.Lock()
		failed[fetch.ReasonOf(err)]++
		mu.Unlock()
	}
	perURL := make([][]storyfold.Article, len(urls))
	parallel.For(len(urls), 8, func(i int) {
		emit := func(a storyfold.Article) { perURL[i] = append(perURL[i], a) }
		if err := c.URL(ctx, urls[i], emit, func(item storyfold.Article, err error) { fail(item.URL, err) }); err != nil {
			fail(urls[i], err)
		}
		bar.incr()
	})
	var out []storyfold.Article
	for _, got := range perURL {
		out = append(out, got...)
	}
	c.Pages(ctx, items, func(a storyfold.Article) { out = append(out, a); bar.incr() },
		func(item storyfold.Article, err error) { fail(item.URL, err); bar.incr() })
	bar.done()
	if n := len(failed); n > 0 {
		var parts []string
		for r, k := range failed {
			parts = append(parts, fmt.Sprintf("%d %s", k, r))
		}
		sort.Strings(parts)
		msgs.notef("fetches that failed: %s", strings.Join(parts, ", "))
	}
	return out
}

// foldSame keeps one article per content hash, and per URL (a page read
// on its own and through a feed is one article), and renames an article
// whose ID another article with different content already has, so nothing
// is lost.
func foldSame(articles []storyfold.Article, msgs *messages) []storyfold.Article {
	byHash := make(map[string]string, len(articles))
	byURL := make(map[string]string, len(articles))
	ids := make(map[string]bool, len(articles))
	out := articles[:0]
	same := 0
	for _, a := range articles {
		first, ok := byHash[a.Hash]
		if !ok && a.URL != "" {
			first, ok = byURL[a.URL]
		}
		if ok {
			same++
			if same <= 5 {
				msgs.notef("%s: same content as article %s, read once", a.Origin, first)
			}
			continue
		}
		if ids[a.ID] {
			base := a.ID
			for n := 2; ids[a.ID]; n++ {
				a.ID = fmt.Sprintf("%s-%d", base, n)
			}
			msgs.problem(&ingest.Problem{Path: a.Origin, Msg: fmt.Sprintf("article ID %q is taken by other content; named %q", base, a.ID), Warning: true})
		}
		byHash[a.Hash] = a.ID
		if a.URL != "" {
			byURL[a.URL] = a.ID
		}
		ids[a.ID] = true
		out = append(out, a)
	}
	if same > 5 {
		msgs.notef("%d articles in all had the same content as another and were read once", same)
	}
	return out
}
