package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/counters"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/queue"
	"github.com/storyfold/storyfold/worker"
)

// queueFlags are the flags of the commands that use the work queue.
type queueFlags struct {
	url     string
	ackWait time.Duration
}

func (f *queueFlags) register(fs *flag.FlagSet, usage string) {
	fs.StringVar(&f.url, "queue", "", usage)
	fs.DurationVar(&f.ackWait, "ack-wait", 2*time.Minute, "how long a worker has to store a job's article before the job goes to another worker")
}

func (f *queueFlags) open(ctx context.Context) (*queue.Queue, error) {
	return queue.Open(ctx, f.url, queue.Options{AckWait: f.ackWait})
}

func runWorker(ctx context.Context, args []string) error {
	fs := newFlags("worker", "--queue nats://HOST:PORT --db FILE|URL [flags]")
	var (
		group  groupFlags
		ff     fetchFlags
		qf     queueFlags
		dbPath = fs.String("db", "", dbUsage)
		batch  = fs.Int("batch", 32, "jobs taken at once and stored in one save")
		jobs   = fs.Int("jobs", 0, "jobs worked on at once (default: the number of cores)")
		addr   = fs.String("addr", "", "serve /metrics and /healthz on this address (off by default)")
	)
	group.register(fs)
	ff.register(fs)
	qf.register(fs, "the NATS server whose job queue to work on (nats://host:port)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *dbPath == "" && qf.url == "":
		return missing(fs, "--db FILE|URL", "--queue nats://HOST:PORT")
	case *dbPath == "":
		return missing(fs, "--db FILE|URL")
	case qf.url == "":
		return missing(fs, "--queue nats://HOST:PORT")
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	st, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	q, err := qf.open(ctx)
	if err != nil {
		return err
	}
	defer q.Close()
	writer, err := pipeline.NewWriter(ctx, st, group.options())
	if err != nil {
		return err
	}
	metrics := counters.New()
	worker.DeclareMetrics(metrics)
	if *addr != "" {
		stop, err := serveMetrics(*addr, metrics, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	w := &worker.Worker{
		Queue:   q,
		Crawler: newCrawler(&ff, log),
		Writer:  writer, Batch: *batch, Jobs: *jobs, Log: log, Metrics: metrics,
	}
	log.Info("working", slog.String("queue", qf.url), slog.Int("batch", *batch))
	return w.Run(ctx)
}

// publishInputs reads the inputs and queues them for workers: HTML pages
// (files and WARC records) to extract, URLs and the links of summary-only
// feed items to fetch, and the other articles to store.
func publishInputs(ctx context.Context, q *queue.Queue, inputs []string, opts readOptions, prog *progress, msgs *messages) (int, error) {
	var pending []queue.Job
	counts := map[string]int{}
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		err := q.Publish(ctx, pending...)
		pending = pending[:0]
		if errors.Is(err, queue.ErrTooLarge) {
			// Reported one by one; the rest were queued.
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				msgs.notef("%v", e)
				counts["too_large"]++
			}
			return nil
		}
		return err
	}
	add := func(j queue.Job) error {
		pending = append(pending, j)
		counts[j.Kind]++
		if len(pending) >= 256 {
			return flush()
		}
		return nil
	}
	var failed error
	keep := func(err error) {
		if err != nil && failed == nil {
			failed = err
		}
	}
	paths, urls, err := splitInputs(inputs, opts)
	if err != nil {
		return 0, err
	}
	for _, u := range urls {
		keep(add(queue.Job{Kind: queue.URL, Item: storyfold.Article{URL: u, Origin: u}}))
	}
	files, reader, done := fileReader(paths, opts, prog, msgs)
	defer done()
	reader.RawPages = func(p ingest.RawPage) { keep(add(queue.HTMLJob(p))) }
	if !opts.fetch.noFetch {
		reader.Summaries = func(it ingest.FeedItem) { keep(add(queue.Job{Kind: queue.Page, Item: it.Article})) }
	}
	bar := prog.stage("queueing", len(files))
	for _, f := range files {
		emit := func(a storyfold.Article) { keep(add(queue.Job{Kind: queue.Article, Item: a})) }
		reader.ReadFile(f, emit)
		bar.incr()
		if failed != nil {
			break
		}
	}
	bar.done()
	keep(flush())
	n := counts[queue.HTML] + counts[queue.Page] + counts[queue.URL] + counts[queue.Article] - counts["too_large"]
	if counts["too_large"] > 0 {
		msgs.notef("%s too large for the queue and not queued", count(counts["too_large"], "page was", "pages were"))
	}
	msgs.notef("queued %s: %s to extract, %s and %s to fetch, %s", count(n, "job", "jobs"), count(counts[queue.HTML], "page", "pages"),
		count(counts[queue.Page], "page", "pages"), count(counts[queue.URL], "URL", "URLs"), count(counts[queue.Article], "article", "articles"))
	if failed != nil {
		return n, fmt.Errorf("queue: %w", failed)
	}
	return n, nil
}
