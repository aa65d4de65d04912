// Package worker takes jobs from the queue, does the costly part of
// ingestion (fetching pages, extracting articles from HTML, cleaning and
// annotating them) and stores the articles through a pipeline.Writer. Any
// number of workers, on any number of machines, can share a queue and a
// store: the writer's lock keeps the grouping one at a time, in the order
// the batches are saved, and a job is acknowledged only after its article
// is stored, so a worker killed mid-batch loses nothing; the server hands
// its jobs to another worker, and storing them twice stores them once.
package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/crawl"
	"github.com/storyfold/storyfold/fetch"
	"github.com/storyfold/storyfold/internal/counters"
	"github.com/storyfold/storyfold/internal/parallel"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/queue"
)

// Worker works on jobs until its context ends.
type Worker struct {
	Queue   *queue.Queue
	Crawler *crawl.Crawler
	Writer  *pipeline.Writer
	// Batch is how many jobs are taken at once and stored in one save.
	Batch int
	// Jobs bounds the jobs worked on at once (GOMAXPROCS when 0).
	Jobs    int
	Log     *slog.Logger
	Metrics *counters.Set
}

// Metric names.
const (
	metricJobs     = "storyfold_worker_jobs_total"
	metricFailures = "storyfold_worker_failures_total"
	metricArticles = "storyfold_ingest_articles_total"
	metricDepth    = "storyfold_queue_depth"
)

// DeclareMetrics adds the worker's metrics to a set.
func DeclareMetrics(m *counters.Set) {
	m.Counter(metricJobs, "Jobs settled, by kind and outcome (stored, retried, given_up).")
	m.Counter(metricFailures, "Jobs that failed, by reason.")
	m.Counter(metricArticles, "Articles ingested, by outcome (new, known).")
	m.Gauge(metricDepth, "Jobs on the queue, delivered or not, not yet acknowledged.")
}

func (w *Worker) defaults() {
	if w.Batch <= 0 {
		w.Batch = 32
	}
	if w.Jobs <= 0 {
		w.Jobs = runtime.GOMAXPROCS(0)
	}
	if w.Log == nil {
		w.Log = slog.New(slog.DiscardHandler)
	}
	if w.Metrics == nil {
		w.Metrics = counters.New()
		DeclareMetrics(w.Metrics)
	}
}

// Run works until ctx ends, then finishes the batch in hand.
func (w *Worker) Run(ctx context.Context) error {
	w.defaults()
	var depthAt time.Time
	for ctx.Err() == nil {
		ds, err := w.Queue.Fetch(ctx, w.Batch, 2*time.Second)
		if err != nil && ctx.Err() == nil {
			w.Log.Error("fetching jobs", slog.String("error", err.Error()))
			sleep(ctx, time.Second)
		}
		if len(ds) > 0 {
			// A batch taken is finished even when asked to stop: its
			// jobs would otherwise wait out their ack wait.
			w.Handle(context.WithoutCancel(ctx), ds)
		}
		// The depth is a metric, not a need: asked of the server every
		// few seconds, not after every batch.
		if time.Since(depthAt) > 5*time.Second {
			depthAt = time.Now()
			if depth, err := w.Queue.Depth(ctx); err == nil {
				w.Metrics.Set(metricDepth, float64(depth))
			}
		}
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// result is what one job gave.
type result struct {
	articles []storyfold.Article
	err      error
}

// Handle works on a batch of jobs, stores their articles in one save, and
// settles every job.
func (w *Worker) Handle(ctx context.Context, ds []*queue.Delivery) {
	w.defaults()
	start := time.Now()
	results := make([]result, len(ds))
	parallel.For(len(ds), w.Jobs, func(i int) {
		results[i] = w.work(ctx, ds[i])
	})
	var articles []storyfold.Article
	for _, r := range results {
		if r.err == nil {
			articles = append(articles, r.articles...)
		}
	}
	var stored storyfold.IngestResult
	if len(articles) > 0 {
		var err error
		stored, err = w.Writer.Add(ctx, articles)
		switch {
		case errors.Is(err, pipeline.ErrStoriesStale):
			// The articles are stored and their stories durably marked
			// stale, for the next writer to start (or a server's periodic
			// rebuild) to build: the jobs are done. Handing them back
			// would fetch their pages again only to find them known.
			w.Log.Warn("stories left to rebuild", slog.Int("jobs", len(ds)), slog.String("error", err.Error()))
		case err != nil:
			w.Log.Error("storing a batch", slog.Int("jobs", len(ds)), slog.String("error", err.Error()))
			for _, d := range ds {
				w.settle(d, fmt.Errorf("%w: %w", errStore, err), true)
			}
			return
		}
		w.Metrics.Add(metricArticles, float64(stored.New), "outcome", "new")
		w.Metrics.Add(metricArticles, float64(stored.Known), "outcome", "known")
	}
	for i, d := range ds {
		w.settle(d, results[i].err, results[i].err != nil && fetch.Transient(results[i].err))
	}
	w.Log.Info("batch stored", slog.Int("jobs", len(ds)), slog.Int("articles", len(articles)), slog.Int("new", stored.New),
		slog.Int("known", stored.Known), slog.Duration("took", time.Since(start).Round(time.Millisecond)))
}

// settle acknowledges a job, or hands it back when it failed for a while
// and has tries left.
func (w *Worker) settle(d *queue.Delivery, err error, transient bool) {
	kind := d.Job.Kind
	switch {
	case err == nil:
		w.Metrics.Add(metricJobs, 1, "kind", kind, "outcome", "stored")
		d.Ack()
	case transient && d.Attempt < w.Queue.MaxDeliver():
		w.Metrics.Add(metricJobs, 1, "kind", kind, "outcome", "retried")
		d.Retry(time.Duration(1<<min(d.Attempt, 6)) * time.Second)
	default:
		reason := failure(d, err)
		w.Metrics.Add(metricJobs, 1, "kind", kind, "outcome", "given_up")
		w.Metrics.Add(metricFailures, 1, "reason", reason)
		w.Log.Warn("job given up", slog.String("kind", kind), slog.String("item", describe(d)), slog.Int("attempt", d.Attempt), slog.String("error", fetch.Describe(err)))
		d.Ack()
	}
}

func describe(d *queue.Delivery) string {
	if d.Job.Item.URL != "" {
		return d.Job.Item.URL
	}
	return d.Job.Item.Origin
}

// errUnknownKind is a job this worker cannot do.
var errUnknownKind = errors.New("unknown kind of job")

// errStore wraps the error of a batch the store did not take.
var errStore = errors.New("store")

// failure names why a job was given up, in a word fit for a metric's
// label: a fetch's reason, or what else went wrong, so that a message
// that is not a job or a store that is down does not read as a page
// without an article.
func failure(d *queue.Delivery, err error) string {
	switch {
	case d.Err != nil:
		return "bad_message"
	case errors.Is(err, errStore):
		return "store"
	case errors.Is(err, errUnknownKind):
		return "unknown_kind"
	}
	return fetch.Label(err, "no_article")
}

// work does one job's fetching and reading.
func (w *Worker) work(ctx context.Context, d *queue.Delivery) result {
	if d.Err != nil {
		return result{err: d.Err}
	}
	j := d.Job
	switch j.Kind {
	case queue.Article:
		return result{articles: []storyfold.Article{j.Item}}
	case queue.Page:
		a, err := w.Crawler.Page(ctx, j.Item)
		return result{articles: []storyfold.Article{a}, err: err}
	case queue.HTML:
		a, err := w.Crawler.Reader.Extract(j.RawPage())
		return result{articles: []storyfold.Article{a}, err: err}
	case queue.URL:
		var r result
		var failed error
		err := w.Crawler.URL(ctx, j.Item.URL, func(a storyfold.Article) { r.articles = append(r.articles, a) },
			func(item storyfold.Article, err error) {
				w.Log.Warn("page failed", slog.String("url", item.URL), slog.String("error", fetch.Describe(err)))
				if fetch.Transient(err) {
					failed = err
				}
			})
		r.err = err
		if r.err == nil && failed != nil && len(r.articles) == 0 {
			r.err = failed
		}
		return r
	}
	return result{err: fmt.Errorf("%w %q", errUnknownKind, j.Kind)}
}
