package worker_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/crawl"
	"github.com/storyfold/storyfold/fetch"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/counters"
	"github.com/storyfold/storyfold/internal/newssite"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/queue"
	"github.com/storyfold/storyfold/store/sqlite"
	"github.com/storyfold/storyfold/worker"
)

// guard bounds any one wait: far beyond what the work takes on a loaded
// machine, it only turns a hang into a failure.
const guard = 30 * time.Second

// rig is a worker on an in-process queue server, a test news site and a
// fresh SQLite store.
type rig struct {
	site    *newssite.Site
	url     string
	stories []newssite.Story
	queue   *queue.Queue
	// server is the queue's NATS server, and natsURL where it listens.
	server  *queue.Server
	natsURL string
	store   storyfold.Store
	// faults is the store as the worker's writer sees it, failing on
	// demand.
	faults  *faultyStore
	metrics *counters.Set
	worker  *worker.Worker
}

func newRig(t *testing.T, opts queue.Options) *rig {
	t.Helper()
	ctx := context.Background()
	stories, err := newssite.Examples("../examples/ukraine-talks", time.Date(2025, 2, 13, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{site: newssite.New(stories...), stories: stories}
	web := httptest.NewServer(r.site)
	t.Cleanup(web.Close)
	r.url = web.URL

	srv, err := queue.StartServer(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	r.server, r.natsURL = srv, srv.URL()
	if r.queue, err = queue.Open(ctx, srv.URL(), opts); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.queue.Close() })

	if r.store, err = sqlite.Open(ctx, filepath.Join(t.TempDir(), "worker.db")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.store.Close() })
	r.faults = &faultyStore{Store: r.store}
	writer, err := pipeline.NewWriter(ctx, r.faults, cluster.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	r.metrics = counters.New()
	worker.DeclareMetrics(r.metrics)
	// No retries inside a fetch: a page that fails is the queue's to retry.
	crawler := &crawl.Crawler{Fetcher: fetch.New(fetch.Config{AllowPrivate: true, Retries: 0, Backoff: time.Millisecond}), Reader: ingest.NewReader(nil)}
	r.worker = &worker.Worker{Queue: r.queue, Crawler: crawler, Writer: writer, Batch: 16, Jobs: 2, Metrics: r.metrics}
	return r
}

// page is the job of fetching the i-th story's page.
func (r *rig) page(i int) queue.Job {
	return queue.Job{Kind: queue.Page, Item: storyfold.Article{URL: r.url + newssite.PagePath(i), ID: ingest.URLID(r.url + newssite.PagePath(i))}}
}

func (r *rig) publish(t *testing.T, jobs ...queue.Job) {
	t.Helper()
	if err := r.queue.Publish(context.Background(), jobs...); err != nil {
		t.Fatal(err)
	}
}

// fetch waits for exactly n jobs to be delivered.
func (r *rig) fetch(t *testing.T, n int) []*queue.Delivery {
	t.Helper()
	var got []*queue.Delivery
	for end := time.Now().Add(guard); len(got) < n; {
		if time.Now().After(end) {
			t.Fatalf("%d of %d jobs delivered within %v", len(got), n, guard)
		}
		ds, err := r.queue.Fetch(context.Background(), n-len(got), time.Second)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ds...)
	}
	return got
}

// waitFor polls cond until it holds, within the guard.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(guard); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("not %s within %v", what, guard)
		}
	}
}

func (r *rig) depth(t *testing.T) int {
	t.Helper()
	n, err := r.queue.Depth(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (r *rig) articles(t *testing.T) int {
	t.Helper()
	n, _, err := r.store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (r *rig) jobs(kind, outcome string) float64 {
	return r.metrics.Get("storyfold_worker_jobs_total", "kind", kind, "outcome", outcome)
}

const budgetPage = "<html><head><title>Council approves budget</title></head><body><nav>Home | World</nav><article><h1>Council approves budget</h1>"

func htmlPage() []byte {
	return []byte(budgetPage + strings.Repeat("<p>The city council approved a budget of two billion dollars on Tuesday after a long debate over schools and roads.</p>\n", 6) +
		"</article></body></html>")
}

// TestRun has a running worker take every kind of job, good and bad: the
// articles are stored, each job settled once, by the outcome its kind and
// error call for, and Run returns when its context ends.
func TestRun(t *testing.T) {
	r := newRig(t, queue.Options{})
	text := r.stories[2]
	r.publish(t,
		r.page(0), r.page(1),
		queue.Job{Kind: queue.Article, Item: storyfold.Article{ID: "direct", Title: text.Title, Text: text.Text, Date: storyfold.Date{Time: text.Date}}},
		queue.HTMLJob(ingest.RawPage{ID: "budget", Origin: "budget.html", HTML: htmlPage()}),
		queue.Job{Kind: queue.URL, Item: storyfold.Article{URL: r.url + newssite.PagePath(3)}},
		queue.Job{Kind: queue.Page, Item: storyfold.Article{URL: r.url + "/news/99.html"}}, // 404: never there
		queue.Job{Kind: "bogus", Item: storyfold.Article{ID: "x"}},
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	finished := make(chan error, 1)
	go func() { finished <- r.worker.Run(ctx) }()

	settled := func() float64 {
		return r.jobs(queue.Page, "stored") + r.jobs(queue.Article, "stored") + r.jobs(queue.HTML, "stored") + r.jobs(queue.URL, "stored") +
			r.jobs(queue.Page, "given_up") + r.jobs("bogus", "given_up")
	}
	waitFor(t, "every job settled", func() bool { return settled() == 7 })
	cancel()
	select {
	case err := <-finished:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(guard):
		t.Fatalf("Run did not return within %v of its context ending", guard)
	}
	// Acknowledgements are not waited for: the server drops the jobs soon
	// after.
	waitFor(t, "the queue empty", func() bool { return r.depth(t) == 0 })

	if n := r.articles(t); n != 5 {
		t.Errorf("%d articles stored, want 5", n)
	}
	for _, tt := range []struct {
		kind, outcome string
		want          float64
	}{
		{queue.Page, "stored", 2}, {queue.Article, "stored", 1}, {queue.HTML, "stored", 1}, {queue.URL, "stored", 1},
		{queue.Page, "given_up", 1}, {"bogus", "given_up", 1}, {queue.Page, "retried", 0},
	} {
		t.Run(tt.kind+" "+tt.outcome, func(t *testing.T) {
			if got := r.jobs(tt.kind, tt.outcome); got != tt.want {
				t.Errorf("%s jobs %s: %v, want %v", tt.kind, tt.outcome, got, tt.want)
			}
		})
	}
	if got := r.metrics.Get("storyfold_worker_failures_total", "reason", "http_status"); got != 1 {
		t.Errorf("%v failures counted as http_status, want the missing page", got)
	}
	if got := r.metrics.Get("storyfold_ingest_articles_total", "outcome", "new"); got != 5 {
		t.Errorf("%v new articles counted, want 5", got)
	}
	for _, id := range []string{"direct", "budget", ingest.URLID(r.url + newssite.PagePath(0))} {
		if _, err := r.store.StoryOf(context.Background(), id); err != nil {
			t.Errorf("article %s: %v", id, err)
		}
	}
}

// TestRetry has a page fail with a 500: the job is handed back while it
// has tries left, stored when the page comes back, and given up at its
// last try.
func TestRetry(t *testing.T) {
	for _, tt := range []struct {
		name       string
		maxDeliver int
		want       string
	}{
		{"tries left", 2, "retried"},
		{"last try", 1, "given_up"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, queue.Options{MaxDeliver: tt.maxDeliver})
			r.site.Fail.Store(true)
			r.publish(t, r.page(0))
			r.worker.Handle(context.Background(), r.fetch(t, 1))
			if got := r.jobs(queue.Page, tt.want); got != 1 {
				t.Errorf("%v page jobs %s, want 1", got, tt.want)
			}
			if n := r.articles(t); n != 0 {
				t.Errorf("%d articles stored from a failing page", n)
			}
			if tt.want == "given_up" {
				if got := r.metrics.Get("storyfold_worker_failures_total", "reason", "http_status"); got != 1 {
					t.Errorf("%v failures counted", got)
				}
				waitFor(t, "the job dropped", func() bool { return r.depth(t) == 0 })
				return
			}
			// Handed back with a delay, then delivered again.
			r.site.Fail.Store(false)
			again := r.fetch(t, 1)
			if again[0].Attempt != 2 {
				t.Errorf("delivered again as attempt %d", again[0].Attempt)
			}
			r.worker.Handle(context.Background(), again)
			if got := r.jobs(queue.Page, "stored"); got != 1 {
				t.Errorf("%v page jobs stored on the second try", got)
			}
			if n := r.articles(t); n != 1 {
				t.Errorf("%d articles stored, want 1", n)
			}
		})
	}
}

// TestStoreFails has the store refuse the batch: no job is acknowledged,
// each is handed back to be tried again.
func TestStoreFails(t *testing.T) {
	r := newRig(t, queue.Options{})
	text := r.stories[0]
	r.publish(t,
		queue.Job{Kind: queue.Article, Item: storyfold.Article{ID: "a", Title: text.Title, Text: text.Text}},
		queue.HTMLJob(ingest.RawPage{ID: "budget", Origin: "budget.html", HTML: htmlPage()}))
	ds := r.fetch(t, 2)
	r.store.Close()
	r.worker.Handle(context.Background(), ds)
	if got := r.jobs(queue.Article, "retried") + r.jobs(queue.HTML, "retried"); got != 2 {
		t.Errorf("%v jobs retried, want both", got)
	}
	if got := r.jobs(queue.Article, "stored") + r.jobs(queue.HTML, "stored"); got != 0 {
		t.Errorf("%v jobs counted stored by a store that failed", got)
	}
	if n := r.depth(t); n != 2 {
		t.Errorf("%d jobs on the queue, want both kept", n)
	}
}

// TestRunFinishesBatch ends a worker's context while it waits on a slow
// page: Run stores the batch in hand before it returns.
func TestRunFinishesBatch(t *testing.T) {
	r := newRig(t, queue.Options{})
	r.site.Delay = 300 * time.Millisecond
	r.publish(t, r.page(0))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	finished := make(chan error, 1)
	go func() { finished <- r.worker.Run(ctx) }()
	waitFor(t, "the page asked for", func() bool { return r.site.Requests(newssite.PagePath(0)) > 0 })
	cancel()
	select {
	case err := <-finished:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(guard):
		t.Fatalf("Run did not return within %v of its context ending", guard)
	}
	if n := r.articles(t); n != 1 {
		t.Errorf("%d articles stored, want the batch's 1", n)
	}
	if got := r.jobs(queue.Page, "stored"); got != 1 {
		t.Errorf("%v page jobs stored, want 1", got)
	}
}
