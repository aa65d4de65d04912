package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/crawl"
	"github.com/storyfold/storyfold/fetch"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/counters"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/watch"
)

// watchFlags are the flags of the commands that watch feeds.
type watchFlags struct {
	fetch       fetchFlags
	interval    time.Duration
	maxInterval time.Duration
	polls       int
}

func (f *watchFlags) register(fs *flag.FlagSet) {
	f.fetch.register(fs)
	fs.DurationVar(&f.interval, "interval", 5*time.Minute, "how often a feed is polled, unless its line in the feeds file says")
	fs.DurationVar(&f.maxInterval, "max-interval", time.Hour, "the longest a feed that fails or does not change is left between polls")
	fs.IntVar(&f.polls, "polls", 8, "feeds polled at once")
}

// loadFeeds reads a feeds file.
func loadFeeds(path string) ([]watch.Feed, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--feeds: %w", err)
	}
	defer f.Close()
	feeds, err := watch.ParseFeeds(f)
	if err != nil {
		return nil, fmt.Errorf("--feeds %s: %w", path, err)
	}
	if len(feeds) == 0 {
		return nil, fmt.Errorf("--feeds %s: no feeds", path)
	}
	return feeds, nil
}

// newCrawler is the crawler of the long-running commands, which log the
// problems of what they read.
func newCrawler(f *fetchFlags, log *slog.Logger) *crawl.Crawler {
	reader := ingest.NewReader(func(p *ingest.Problem) { log.Warn("read", slog.String("problem", p.Error())) })
	return &crawl.Crawler{Fetcher: fetch.New(f.config(ingest.DefaultMaxSize)), Reader: reader}
}

// newWatcher wires a watcher that fetches and stores in this process,
// through the writer.
func newWatcher(st storyfold.Store, writer *pipeline.Writer, f *watchFlags, log *slog.Logger) (*watch.Watcher, *counters.Set) {
	metrics := counters.New()
	watch.DeclareMetrics(metrics)
	c := newCrawler(&f.fetch, log)
	w := &watch.Watcher{
		Crawler: c, Store: st, Interval: f.interval, MaxInterval: f.maxInterval, Polls: f.polls, Log: log, Metrics: metrics,
		Handler: &watch.Local{Crawler: c, Writer: writer, Metrics: metrics, Log: log},
	}
	return w, metrics
}

func runWatch(ctx context.Context, args []string) error {
	fs := newFlags("watch", "--db FILE|URL --feeds FILE [flags]")
	var (
		group   groupFlags
		wf      watchFlags
		dbPath  = fs.String("db", "", dbUsage)
		feedsAt = fs.String("feeds", "", "file of the feeds to watch: one URL a line, optionally followed by its interval (\"https://example.com/rss 10m\")")
		addr    = fs.String("addr", "", "serve /metrics and /healthz on this address (off by default)")
		once    = fs.Bool("once", false, "poll every feed once, store what is new, and exit (for cron)")
		qf      queueFlags
	)
	group.register(fs)
	wf.register(fs)
	qf.register(fs, "queue the new items for workers on this NATS server (nats://host:port) instead of fetching and storing them here")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *dbPath == "" && *feedsAt == "":
		return missing(fs, "--db FILE|URL", "--feeds FILE")
	case *dbPath == "":
		return missing(fs, "--db FILE|URL")
	case *feedsAt == "":
		return missing(fs, "--feeds FILE")
	}
	feeds, err := loadFeeds(*feedsAt)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	st, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	var w *watch.Watcher
	var metrics *counters.Set
	if qf.url != "" {
		q, err := qf.open(ctx)
		if err != nil {
			return err
		}
		defer q.Close()
		w, metrics = newWatcher(st, nil, &wf, log)
		w.Handler = &watch.Queued{Queue: q}
	} else {
		writer, err := pipeline.NewWriter(ctx, st, group.options())
		if err != nil {
			return err
		}
		w, metrics = newWatcher(st, writer, &wf, log)
	}
	if *addr != "" {
		stop, err := serveMetrics(*addr, metrics, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	log.Info("watching", slog.Int("feeds", len(feeds)), slog.Duration("interval", wf.interval))
	if *once {
		w.PollOnce(ctx, feeds)
		return nil
	}
	return w.Run(ctx, feeds)
}

// serveMetrics serves /metrics and /healthz for a command without a web
// server of its own.
func serveMetrics(addr string, metrics *counters.Set, log *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		metrics.WriteTo(w)
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server", slog.String("error", err.Error()))
		}
	}()
	log.Info("metrics", slog.String("addr", "http://"+ln.Addr().String()+"/metrics"))
	return func() { srv.Close() }, nil
}
