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
	"unicode/utf8"

	"github.com/zeebo/xxh3"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/crawl"
	"github.com/storyfold/storyfold/fetch"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/parallel"
	"github.com/storyfold/storyfold/outlets"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/report"
)

// messages prints problems on stderr, through the progress bars when they
// show, and counts them. Repeated problems are folded: of each kind of
// problem in one file (its message with the numbers and quoted parts
// taken out) the first shownPerKind are printed with their line, the rest
// counted, and flush prints one line per kind with the count, so a file of
// a million bad lines writes a few lines, not a million.
type messages struct {
	mu       sync.Mutex
	out      io.Writer
	errors   int
	warnings int
	// kinds counts the problems of each kind per file; order lists the
	// kinds as first met, for flush; perFile counts each file's kinds,
	// held to kindsPerFile.
	kinds   map[problemKind]*problemFold
	order   []problemKind
	perFile map[string]int
}

// shownPerKind is how many problems of one kind in one file are printed
// before the rest are only counted; kindsPerFile is how many kinds one
// file may have before its other problems share one count, so a file of
// lines that each fail differently is bounded too.
const (
	shownPerKind = 5
	kindsPerFile = 16
)

// problemKind is a kind of problem in one file.
type problemKind struct {
	path, kind string
	warning    bool
}

// problemFold counts the problems of a kind past those shown.
type problemFold struct {
	shown, more int
	example     string
	lines       bool
}

func (m *messages) problem(p *ingest.Problem) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if p.Warning {
		m.warnings++
	} else {
		m.errors++
	}
	if m.kinds == nil {
		m.kinds = make(map[problemKind]*problemFold)
		m.perFile = make(map[string]int)
	}
	k := problemKind{path: p.Path, kind: problemShape(p.Msg), warning: p.Warning}
	f := m.kinds[k]
	if f == nil {
		if m.perFile[p.Path] >= kindsPerFile {
			k.kind = "\x00other"
			f = m.kinds[k]
		}
		if f == nil {
			f = &problemFold{}
			m.kinds[k] = f
			m.order = append(m.order, k)
			m.perFile[p.Path]++
		}
	}
	if f.shown < shownPerKind {
		f.shown++
		prefix := "storyfold: "
		if p.Warning {
			prefix += "warning: "
		}
		fmt.Fprintf(m.out, "%s%s\n", prefix, p.Error())
		if f.shown == 1 {
			f.example, f.lines = shortMessage(p), p.Line > 0
		}
		return
	}
	f.more++
}

// flush prints, for each kind of problem some of which were only counted,
// one line with their number, and forgets them.
func (m *messages) flush() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range m.order {
		f := m.kinds[k]
		if f.more == 0 {
			continue
		}
		prefix := "storyfold: "
		if k.warning {
			prefix += "warning: "
		}
		what := plural(f.more, "problem", "problems")
		if f.lines {
			what = plural(f.more, "line", "lines")
		}
		like := "like"
		if k.kind == "\x00other" {
			like = "of other kinds, the first"
		}
		fmt.Fprintf(m.out, "%s%s: %s more %s %s %q\n", prefix, k.path, report.Thousands(f.more), what, like, f.example)
	}
	m.kinds, m.order, m.perFile = nil, nil, nil
}

// shortMessage is a problem's message as an example: its line and its
// message, cut to a readable length.
func shortMessage(p *ingest.Problem) string {
	msg := p.Msg
	if p.Line > 0 {
		msg = fmt.Sprintf("line %d: %s", p.Line, msg)
	}
	if len(msg) > 100 {
		cut := 100
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return msg
}

// problemShape is what problems of one kind share: the message with its
// numbers and its quoted parts (which name the line's own content) left
// out. "element 12: bad JSON: invalid character 'x' at byte 40" and
// "element 3: bad JSON: invalid character 'y' at byte 7" are one kind.
func problemShape(msg string) string {
	var b strings.Builder
	b.Grow(len(msg))
	var quote byte
	digits := false
	for i := 0; i < len(msg); i++ {
		c := msg[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
				b.WriteByte(c)
			}
			continue
		case c == '"' || c == '\'':
			quote = c
			b.WriteByte(c)
			continue
		case c >= '0' && c <= '9':
			if !digits {
				b.WriteByte('#')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteByte(c)
	}
	return b.String()
}

// originProblem reports a problem with an article by its origin, which
// names the line as "path:line" when it came from one, so the problems of
// one file still fold together.
func (m *messages) originProblem(origin, msg string, warning bool) {
	p := &ingest.Problem{Path: origin, Msg: msg, Warning: warning}
	if i := strings.LastIndexByte(origin, ':'); i > 0 {
		if line, err := strconv.Atoi(origin[i+1:]); err == nil && line > 0 {
			p.Path, p.Line = origin[:i], line
		}
	}
	m.problem(p)
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
	// outlets, when set, gives the articles read their outlet's facts.
	outlets *outlets.List
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
		return errors.New("must be positive")
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
		msgs.notef("passed over %s whose extension is not an article format", count(skipped, "file", "files"))
	}
	reader := ingest.NewReader(msgs.problem)
	if opts.maxSize > 0 {
		reader.MaxSize = opts.maxSize
	}
	records := &lazyCounter{p: prog, name: "WARC records"}
	reader.OnRecord = records.incr
	return files, reader, records.done
}

// batchLimits bound a batch of raw articles: whichever comes first, a
// number of articles or bytes of text. A zero field is no bound.
type batchLimits struct {
	articles int
	bytes    int
}

// ingestBatch is the batch that ingest and analyze read, prepare and store
// at once: memory follows the batch, not the input, and the store sees
// steady progress. 500 articles of a few KB are a second of preparing
// on two cores; 32 MB holds the batch of long articles down.
var ingestBatch = batchLimits{articles: 500, bytes: 32 << 20}

// full reports whether a batch of n articles and size bytes of text is
// full.
func (l batchLimits) full(n, size int) bool {
	return l.articles > 0 && n >= l.articles || l.bytes > 0 && size >= l.bytes
}

// read reads every input (files, directories, standard input and URLs),
// cleans and annotates the articles, and folds articles with the same
// content into one, holding them all: it is for the commands whose work
// needs the whole input at once (eval, extract, bench). Articles come back
// in a stable order whatever the scheduling.
func read(ctx context.Context, inputs []string, opts readOptions, prog *progress, msgs *messages) []storyfold.Article {
	var articles []storyfold.Article
	fold := newFolder()
	readBatches(ctx, inputs, opts, batchLimits{}, prog, msgs, func(raw []storyfold.Article) error {
		articles = append(articles, fold.fold(prepare(fold.fresh(raw, msgs), prog, msgs), msgs)...)
		return nil
	})
	fold.done(msgs)
	msgs.flush()
	return articles
}

// prepare cleans and annotates a batch of raw articles, reporting those
// left without text.
func prepare(raw []storyfold.Article, prog *progress, msgs *messages) []storyfold.Article {
	clean := prog.stage("cleaning", len(raw))
	defer clean.done()
	return pipeline.Prepare(raw, func(a storyfold.Article) {
		msgs.originProblem(a.Origin, "no article text left after cleaning", false)
	}, clean.incr)
}

// readBatches reads every input (files, directories, standard input and
// URLs) and hands the raw articles to each in batches as limits bound
// them, in a stable order whatever the scheduling: files in the order
// Files lists them, each file's articles in its order, then URLs and the
// links of feed items that carry only a summary. Files are read in
// parallel, a few ahead of the one being handed on, so memory holds a
// batch and a few articles per reader, not the input. Reading stops when
// ctx is done (within a buffer of input) or each fails; the batch being
// gathered is then dropped, and the error (or the context's) returned.
func readBatches(ctx context.Context, inputs []string, opts readOptions, limits batchLimits, prog *progress, msgs *messages, each func([]storyfold.Article) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
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
	var (
		batch []storyfold.Article
		size  int
		fail  error
	)
	add := func(a storyfold.Article) bool {
		batch = append(batch, a)
		size += len(a.Text) + len(a.Title)
		if !limits.full(len(batch), size) {
			return true
		}
		b := batch
		batch, size = nil, 0
		if err := each(b); err != nil {
			fail = err
			cancel(err)
			return false
		}
		return ctx.Err() == nil
	}
	bar := prog.stage("reading", len(files))
	streamFiles(ctx, files, reader, bar.incr, add)
	bar.done()
	if ctx.Err() == nil && (len(urls) > 0 || len(summaries) > 0) {
		for _, a := range fetchAll(ctx, urls, summaries, reader, opts, prog, msgs) {
			if !add(a) {
				break
			}
		}
	}
	if fail != nil {
		return fail
	}
	if err := context.Cause(ctx); err != nil {
		return err
	}
	if len(batch) > 0 {
		return each(batch)
	}
	return nil
}

// perFileAhead is how many articles a file's reader may get ahead of the
// batch being gathered: enough to keep the readers busy, few enough that
// several readers of large articles hold little.
const perFileAhead = 8

// readerGrace is how long an interrupted read waits for its readers to
// notice.
const readerGrace = 500 * time.Millisecond

// streamFiles reads files on all cores and passes their articles to add in
// file order, each file's in its own order, until add returns false or ctx
// is done. Each file has a channel, queued in file order: the file being
// passed on is always being read, so a reader ahead of it waits, holding
// at most perFileAhead articles, and the readers never deadlock. incr
// counts a file read.
func streamFiles(parent context.Context, files []string, reader *ingest.Reader, incr func(), add func(storyfold.Article) bool) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	workers := max(1, runtime.GOMAXPROCS(0))
	type job struct {
		file int
		out  chan storyfold.Article
	}
	jobs := make(chan job)
	queue := make(chan chan storyfold.Article, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				reader.ReadFileContext(ctx, files[j.file], func(a storyfold.Article) {
					select {
					case j.out <- a:
					case <-ctx.Done():
					}
				})
				close(j.out)
				incr()
			}
		}()
	}
	go func() {
		defer close(queue)
		defer close(jobs)
		for i := range files {
			out := make(chan storyfold.Article, perFileAhead)
			select {
			case queue <- out:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{i, out}:
			case <-ctx.Done():
				return
			}
		}
	}()
	// Stopping cancels ctx, which ends the readers within a buffer of
	// input; they are waited for so none outlives the call, except a
	// reader blocked on an input that sends nothing (a terminal, a
	// silent pipe): no read can be cancelled, so after a grace time it
	// is left behind, its articles and problems dropped, for the
	// command to end.
	defer func() {
		cancel()
		finished := make(chan struct{})
		go func() { wg.Wait(); close(finished) }()
		if parent.Err() == nil {
			<-finished
			return
		}
		select {
		case <-finished:
		case <-time.After(readerGrace):
		}
	}()
	for out := range queue {
		for {
			var a storyfold.Article
			var ok bool
			select {
			case a, ok = <-out:
			case <-ctx.Done():
				return
			}
			if !ok {
				break
			}
			if !add(a) {
				return
			}
		}
	}
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

// folder keeps one article per content, and per URL (a page read on its
// own and through a feed is one article), across the batches of one run,
// and renames an article whose ID another article with different content
// already has, so nothing is lost. It keeps 64-bit hashes of what it has
// seen and the first ID of each content, for the message: a few dozen
// bytes per article, not the articles.
type folder struct {
	// byRaw holds what raw articles were read, so an article read twice
	// word for word is folded before it is prepared again: an input of
	// one article repeated a million times costs its parsing, not a
	// million cleanings.
	byRaw  map[uint64]string
	byHash map[uint64]string
	byURL  map[uint64]string
	ids    map[uint64]struct{}
	same   int
}

func newFolder() *folder {
	return &folder{byRaw: make(map[uint64]string), byHash: make(map[uint64]string), byURL: make(map[uint64]string), ids: make(map[uint64]struct{})}
}

// fresh returns the raw articles of a batch not read before word for word
// (the outlet, title and text the content hash is made of, so an article
// it drops is one fold would drop after preparing), reusing the batch's
// array.
func (f *folder) fresh(raw []storyfold.Article, msgs *messages) []storyfold.Article {
	out := raw[:0]
	for _, a := range raw {
		key := pipeline.ContentSum(a)
		if first, ok := f.byRaw[key]; ok {
			f.same++
			if f.same <= 5 {
				msgs.notef("%s: same content as article %s, read once", a.Origin, first)
			}
			continue
		}
		f.byRaw[key] = a.ID
		out = append(out, a)
	}
	return out
}

// fold returns the articles of a prepared batch not seen before, reusing
// the batch's array.
func (f *folder) fold(articles []storyfold.Article, msgs *messages) []storyfold.Article {
	out := articles[:0]
	for _, a := range articles {
		hash := xxh3.HashString(a.Hash)
		var url uint64
		first, ok := f.byHash[hash]
		if a.URL != "" {
			url = xxh3.HashString(a.URL)
			if !ok {
				first, ok = f.byURL[url]
			}
		}
		if ok {
			f.same++
			if f.same <= 5 {
				msgs.notef("%s: same content as article %s, read once", a.Origin, first)
			}
			continue
		}
		if _, taken := f.ids[xxh3.HashString(a.ID)]; taken {
			base := a.ID
			for n := 2; ; n++ {
				a.ID = fmt.Sprintf("%s-%d", base, n)
				if _, taken := f.ids[xxh3.HashString(a.ID)]; !taken {
					break
				}
			}
			msgs.originProblem(a.Origin, fmt.Sprintf("article ID %q is taken by other content; named %q", base, a.ID), true)
		}
		f.byHash[hash] = a.ID
		if a.URL != "" {
			f.byURL[url] = a.ID
		}
		f.ids[xxh3.HashString(a.ID)] = struct{}{}
		out = append(out, a)
	}
	return out
}

// done says how many articles in all were folded, when more were than
// the messages named.
func (f *folder) done(msgs *messages) {
	if f.same > 5 {
		msgs.notef("%d articles in all had the same content as another and were read once", f.same)
	}
}
