package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"time"

	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/web"
)

// cacheBytes turns the --cache-mb flag into the server's setting: a
// negative size leaves the server its default (web.DefaultCacheBytes, at
// most a quarter of the soft memory limit), 0 turns the cache off.
func cacheBytes(mb int) int {
	switch {
	case mb < 0:
		return 0
	case mb == 0:
		return -1
	}
	return mb << 20
}

func runServe(ctx context.Context, args []string) error {
	fs := newFlags("serve", "--db FILE|URL [flags]")
	var group groupFlags
	group.register(fs)
	dbPath := fs.String("db", "", dbUsage)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; loopback unless you mean otherwise")
	token := fs.String("token", "", "bearer token that POST /api/v1/articles requires (default: $STORYFOLD_TOKEN); none turns writes off")
	// A --max-body of 0 or less would silently mean web's default, as
	// --max-size did (issue 14, finding 9): it is refused instead.
	maxBody := positiveSize(web.DefaultMaxBody)
	fs.Var(&maxBody, "max-body", "largest request body, in `bytes`, both as sent and once its gzip is unpacked")
	cacheMB := fs.Int("cache-mb", -1, "memory for pages and answers kept until the database changes, in MiB; 0 turns the cache off (default: 256, at most a quarter of the soft memory limit)")
	storyCacheMB := fs.Int("story-cache-mb", -1, "memory for decoded stories kept until the database changes, in MiB, which saves story pages and answers reading and decoding them but not building them; 0 turns it off (default: 64)")
	var maxInflight, maxQueue countFlag
	fs.Var(&maxInflight, "max-inflight", "requests at work at once (pages, API answers, searches, POSTs); the health check, metrics and static files take no place (0: two per core)")
	fs.Var(&maxQueue, "max-queue", "requests waiting for a place at work; one more is answered 503 at once (0: 16 per place)")
	queueWait := waitFlag(web.DefaultQueueWait)
	fs.Var(&queueWait, "queue-wait", "longest wait for a place at work, then 503 with Retry-After")
	postWait := waitFlag(web.DefaultPostWait)
	fs.Var(&postWait, "post-wait", "longest wait of a POST for the analyses before it, then 503 with Retry-After")
	postAnswer := fs.Duration("post-answer", web.DefaultPostAnswer, "longest wait of a POST's client for its analysis, from the request's arrival; then 202 Accepted with a job at /api/v1/jobs/{id} (a client may send Prefer: wait=N); 0 answers when the analysis ends")
	jobDeadline := waitFlag(web.DefaultJobDeadline)
	fs.Var(&jobDeadline, "job-deadline", "longest analysis of a POST that may be answered 202, from the request's arrival; past it its job fails with timeout")
	feedsAt := fs.String("watch", "", "also watch the feeds this file lists, as the watch command does")
	var wf watchFlags
	wf.register(fs)
	var of outletsFlag
	of.register(fs)
	var posts postsFlags
	posts.register(fs)
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dbPath == "" {
		return missing(fs, "--db FILE|URL")
	}
	if err := posts.check(fs); err != nil {
		return err
	}
	if *postAnswer < 0 {
		return usagef(fs, "--post-answer must be 0 (answer when the analysis ends) or more")
	}
	list, err := of.load()
	if err != nil {
		return err
	}
	if *token == "" {
		*token = os.Getenv("STORYFOLD_TOKEN")
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	st, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	// The server keeps a writer of its own (and its story index in its
	// heap) only when it stores articles itself: POSTs analysed inline
	// with writes on, or feeds watched.
	writes := *token != ""
	var writer *pipeline.Writer
	if (writes && posts.where == postsInline) || *feedsAt != "" {
		if writer, err = pipeline.NewWriter(ctx, st, group.options()); err != nil {
			return err
		}
		if list != nil {
			writer.SetAnnotate(list.ApplyOne)
		}
		writer.SetWorkers(serveWorkers())
	}
	// Articles POSTed with only a url are fetched behind the fetcher's
	// guards: --allow-private stays off for a server open to users.
	cfg := web.Config{Store: st, Pages: newCrawler(&wf.fetch, log), Token: *token, MaxBody: int64(maxBody), CacheBytes: cacheBytes(*cacheMB), StoryCacheBytes: cacheBytes(*storyCacheMB),
		MaxInflight: int(maxInflight), MaxQueue: int(maxQueue), QueueWait: time.Duration(queueWait), PostWait: time.Duration(postWait),
		PostAnswer: *postAnswer, JobDeadline: time.Duration(jobDeadline), Log: log}
	var stale rebuilder
	if writer != nil {
		stale = writer
	}
	switch {
	case !writes:
		// No token, no writes: no post worker to start, and no index
		// to load before reads are served.
	case posts.where == postsChild:
		// The worker starts beside the server, which listens at once:
		// loading its story index takes minutes on a large store, and
		// reads do not need it. POSTs are answered 503 until it is
		// ready (startingIngester).
		child, err := newPostWorker(*dbPath, group, of.path, posts.nice, log)
		if err != nil {
			return err
		}
		started := startInBackground(ctx, child, log)
		defer started.Close(postsGrace)
		cfg.Ingester, stale = started, started
		cfg.MaxIngests = childMaxIngests
	default:
		cfg.Ingester = writer
	}
	if list != nil {
		cfg.Outlets = list // a nil list would be an interface that is not nil
	}
	if *feedsAt != "" {
		feeds, err := loadFeeds(*feedsAt)
		if err != nil {
			return err
		}
		w, metrics := newWatcher(st, writer, &wf, log)
		cfg.Metrics = metrics
		go w.Run(ctx, feeds)
		log.Info("watching", slog.Int("feeds", len(feeds)), slog.Duration("interval", wf.interval))
	}
	if stale != nil {
		go rebuildStale(ctx, stale, log)
	}
	handler := web.New(cfg)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := newHTTPServer(handler)
	log.Info("serving", slog.String("addr", "http://"+ln.Addr().String()), slog.Bool("writes", *token != ""))
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// SIGINT or SIGTERM: finish the requests under way, then stop.
	log.Info("shutting down")
	stop, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(stop); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	// POSTs answered 202 whose analyses are still at work get what is
	// left of the grace, then are stopped.
	handler.Close(stop)
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// postsGrace is how long a stopping server lets its post worker finish
// the job at hand before killing it.
const postsGrace = 5 * time.Second

// newPostWorker makes the ingester of the child that analyses a server's
// POSTs (serve --posts child), with the server's store, grouping options
// and outlet list, at nice; its Start starts the child and waits for it
// to load its story index and rebuild what was left stale.
func newPostWorker(db string, group groupFlags, outletsPath string, nice int, log *slog.Logger) (*postIngester, error) {
	bin, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("post worker: %w", err)
	}
	// The worker has the server's cores but its lower priority: the
	// kernel gives them to the server first.
	return newPostIngester(bin, postWorkerArgs(db, group, outletsPath, runtime.GOMAXPROCS(0)), childEnv(), nice, log), nil
}

// serveWorkers is how many goroutines a server's writer analyses on: one
// core fewer than it has (one at least), so that preparing a large POST or
// rebuilding many stories never takes every core from the readers and the
// health check.
func serveWorkers() int { return max(1, runtime.GOMAXPROCS(0)-1) }

// rebuilder rebuilds the stories left stale in a store: a server's
// writer, or its post worker.
type rebuilder interface {
	Rebuild(ctx context.Context) (int, error)
}

// staleEvery is how often serve looks for stories another writer marked
// stale and did not rebuild (it stopped, or crashed, between storing a
// batch and rebuilding its stories).
const staleEvery = time.Minute

// rebuildStale rebuilds, every staleEvery until ctx ends, the stories left
// stale in the store: a writer that stops between storing articles and
// rebuilding their stories leaves marks, and a long-running server must
// not wait for the next writer to start to clear them.
func rebuildStale(ctx context.Context, w rebuilder, log *slog.Logger) {
	tick := time.NewTicker(staleEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		n, err := w.Rebuild(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("rebuilding stale stories", slog.String("error", err.Error()))
		case n > 0:
			log.Info("rebuilt stale stories", slog.Int("stories", n))
		}
	}
}

// newHTTPServer wraps the handler in the HTTP server serve runs, with the
// timeouts that bound what a slow client can hold: the headers within 10
// s, the whole body within a minute (a client sending a byte a second
// holds a connection, never a place among the server's workers: the body
// is read before one is taken), and the answer written within the
// handler's own deadline and some margin.
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute,
		WriteTimeout: web.DefaultIngestTimeout + 10*time.Second, IdleTimeout: 2 * time.Minute}
}

// countFlag is a count of requests, 0 (the server's default) or more: a
// negative bound is a typo, not the default in disguise.
type countFlag int

func (f *countFlag) String() string { return strconv.Itoa(int(*f)) }

func (f *countFlag) Set(v string) error {
	n, err := strconv.Atoi(v)
	if err != nil {
		return errors.New("not a whole number")
	}
	if n < 0 {
		return errors.New("must be 0 (the default) or more")
	}
	*f = countFlag(n)
	return nil
}

// waitFlag is a positive duration: a wait of 0 would refuse every request
// that finds the places taken.
type waitFlag time.Duration

func (f *waitFlag) String() string { return time.Duration(*f).String() }

func (f *waitFlag) Set(v string) error {
	d, err := time.ParseDuration(v)
	if err != nil {
		return errors.New("not a duration such as 500ms or 2s")
	}
	if d <= 0 {
		return errors.New("must be positive")
	}
	*f = waitFlag(d)
	return nil
}
