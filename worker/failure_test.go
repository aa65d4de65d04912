package worker_test

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/queue"
)

// faultyStore is a store that fails on demand: a batch's save (the
// articles are not stored) or the save of rebuilt stories (they are, and
// their stories stay marked stale).
type faultyStore struct {
	storyfold.Store
	failSave, failStories atomic.Bool
}

var errFault = errors.New("store down for the test")

func (s *faultyStore) Save(ctx context.Context, b *storyfold.Batch) error {
	if s.failSave.Load() {
		return errFault
	}
	return s.Store.Save(ctx, b)
}

func (s *faultyStore) SaveStories(ctx context.Context, stories []*storyfold.Story, marks []int64) ([]bool, error) {
	if s.failStories.Load() {
		return nil, errFault
	}
	return s.Store.SaveStories(ctx, stories, marks)
}

// article is the job of storing the i-th example story's text.
func (r *rig) article(i int, id string) queue.Job {
	s := r.stories[i]
	return queue.Job{Kind: queue.Article, Item: storyfold.Article{ID: id, Title: s.Title, Text: s.Text, Date: storyfold.Date{Time: s.Date}}}
}

// publishRaw puts a message on the job subject as another program might:
// bytes that are not a job.
func (r *rig) publishRaw(t *testing.T, data []byte) {
	t.Helper()
	nc, err := nats.Connect(r.natsURL)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.Publish(context.Background(), queue.Subject, data); err != nil {
		t.Fatal(err)
	}
}

func (r *rig) failures(reason string) float64 {
	return r.metrics.Get("storyfold_worker_failures_total", "reason", reason)
}

// TestBadMessage puts messages that are not jobs (not gzip, gzip of
// something other than JSON) in a batch beside a good job: each is given
// up once, counted as a bad message and dropped from the queue, and the
// good job's article is stored all the same.
func TestBadMessage(t *testing.T) {
	r := newRig(t, queue.Options{MaxDeliver: 3})
	r.publishRaw(t, []byte("not a job"))
	r.publishRaw(t, []byte{0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x01}) // a gzip header, then nothing
	r.publish(t, r.article(0, "good"))
	ds := r.fetch(t, 3)
	bad := 0
	for _, d := range ds {
		if d.Err != nil {
			bad++
		}
	}
	if bad != 2 {
		t.Fatalf("%d deliveries carry a decoding error, want 2", bad)
	}
	r.worker.Handle(context.Background(), ds)
	if got := r.jobs("", "given_up"); got != 2 {
		t.Errorf("%v bad messages given up, want 2", got)
	}
	if got := r.jobs("", "retried"); got != 0 {
		t.Errorf("%v bad messages handed back: they can never be read", got)
	}
	if got := r.failures("bad_message"); got != 2 {
		t.Errorf("%v failures counted as bad_message, want 2", got)
	}
	if got := r.failures("no_article"); got != 0 {
		t.Errorf("%v bad messages counted as pages without an article", got)
	}
	if got := r.jobs(queue.Article, "stored"); got != 1 {
		t.Errorf("%v article jobs stored, want the good one", got)
	}
	if n := r.articles(t); n != 1 {
		t.Errorf("%d articles stored, want 1", n)
	}
	waitFor(t, "the queue empty", func() bool { return r.depth(t) == 0 })
}

// TestStoreFailsLastTry has the store refuse a batch at the job's last
// delivery: the job is given up and its failure counted as the store's,
// not as a page without an article.
func TestStoreFailsLastTry(t *testing.T) {
	r := newRig(t, queue.Options{MaxDeliver: 1})
	r.faults.failSave.Store(true)
	r.publish(t, r.article(0, "a"))
	r.worker.Handle(context.Background(), r.fetch(t, 1))
	if got := r.jobs(queue.Article, "given_up"); got != 1 {
		t.Errorf("%v jobs given up at their last try, want 1", got)
	}
	if got := r.failures("store"); got != 1 {
		t.Errorf("%v failures counted as the store's, want 1", got)
	}
	if got := r.failures("no_article"); got != 0 {
		t.Errorf("%v store failures counted as pages without an article", got)
	}
	if n := r.articles(t); n != 0 {
		t.Errorf("%d articles stored by a store that failed", n)
	}
}

// TestStoreFailsThenRecovers has the store refuse a batch, then come
// back: the jobs handed back are delivered again and stored, each counted
// once as retried and once as stored.
func TestStoreFailsThenRecovers(t *testing.T) {
	r := newRig(t, queue.Options{MaxDeliver: 3})
	r.faults.failSave.Store(true)
	r.publish(t, r.article(0, "a"), r.article(1, "b"))
	r.worker.Handle(context.Background(), r.fetch(t, 2))
	if got := r.jobs(queue.Article, "retried"); got != 2 {
		t.Fatalf("%v jobs retried, want both", got)
	}
	r.faults.failSave.Store(false)
	again := r.fetch(t, 2) // after the retry delay
	for _, d := range again {
		if d.Attempt != 2 {
			t.Errorf("job %s delivered again as attempt %d, want 2", d.Job.Item.ID, d.Attempt)
		}
	}
	r.worker.Handle(context.Background(), again)
	if got := r.jobs(queue.Article, "stored"); got != 2 {
		t.Errorf("%v jobs stored once the store is back, want 2", got)
	}
	if n := r.articles(t); n != 2 {
		t.Errorf("%d articles stored, want 2", n)
	}
	waitFor(t, "the queue empty", func() bool { return r.depth(t) == 0 })
}

// TestStoriesLeftStale has the save of rebuilt stories fail after the
// batch's articles are stored: the jobs are done (acknowledged, their
// articles counted new), not handed back to be fetched again, and the
// story keeps its durable stale mark for the next writer to rebuild.
func TestStoriesLeftStale(t *testing.T) {
	r := newRig(t, queue.Options{MaxDeliver: 3})
	r.faults.failStories.Store(true)
	r.publish(t, r.article(0, "a"))
	r.worker.Handle(context.Background(), r.fetch(t, 1))
	if got := r.jobs(queue.Article, "stored"); got != 1 {
		t.Errorf("%v jobs stored, want 1", got)
	}
	if got := r.jobs(queue.Article, "retried"); got != 0 {
		t.Errorf("%v jobs handed back whose articles are stored", got)
	}
	if got := r.metrics.Get("storyfold_ingest_articles_total", "outcome", "new"); got != 1 {
		t.Errorf("%v new articles counted, want 1", got)
	}
	if n := r.articles(t); n != 1 {
		t.Errorf("%d articles stored, want 1", n)
	}
	story, err := r.store.StoryOf(context.Background(), "a")
	if err != nil {
		t.Fatal(err)
	}
	stale, err := r.store.StaleStories(context.Background(), []string{story})
	if err != nil {
		t.Fatal(err)
	}
	if len(stale) != 1 {
		t.Errorf("story %s: %d stale marks, want its mark kept for a rebuild", story, len(stale))
	}
	waitFor(t, "the queue empty", func() bool { return r.depth(t) == 0 })
}

// TestRedelivered has a worker take a job and die without settling it:
// once its ack wait runs out the server hands the job out again, and the
// second delivery stores the article. The first delivery, settled late
// (a slow worker rather than a dead one), stores nothing more.
func TestRedelivered(t *testing.T) {
	r := newRig(t, queue.Options{AckWait: time.Second, MaxDeliver: 3})
	r.publish(t, r.article(0, "a"))
	first := r.fetch(t, 1) // and never settled in time
	again := r.fetch(t, 1)
	if again[0].Attempt != 2 {
		t.Errorf("delivered again as attempt %d, want 2", again[0].Attempt)
	}
	r.worker.Handle(context.Background(), again)
	r.worker.Handle(context.Background(), first)
	if n := r.articles(t); n != 1 {
		t.Errorf("%d articles stored from one job delivered twice, want 1", n)
	}
	for _, tt := range []struct {
		outcome string
		want    float64
	}{{"new", 1}, {"known", 1}} {
		t.Run("articles "+tt.outcome, func(t *testing.T) {
			if got := r.metrics.Get("storyfold_ingest_articles_total", "outcome", tt.outcome); got != tt.want {
				t.Errorf("%v articles counted %s, want %v", got, tt.outcome, tt.want)
			}
		})
	}
	waitFor(t, "the queue empty", func() bool { return r.depth(t) == 0 })
}

// signal is a log handler that closes a channel the first time a record
// with a given message is logged, so a test waits on the event itself.
type signal struct {
	msg  string
	once sync.Once
	seen chan struct{}
}

func newSignal(msg string) *signal { return &signal{msg: msg, seen: make(chan struct{})} }

func (s *signal) Enabled(context.Context, slog.Level) bool { return true }
func (s *signal) WithAttrs([]slog.Attr) slog.Handler       { return s }
func (s *signal) WithGroup(string) slog.Handler            { return s }
func (s *signal) Handle(_ context.Context, rec slog.Record) error {
	if rec.Message == s.msg {
		s.once.Do(func() { close(s.seen) })
	}
	return nil
}

// TestRunQueueDown stops the queue's server under a running worker: Run
// logs that it cannot fetch jobs, keeps trying, and returns as soon as
// its context ends.
func TestRunQueueDown(t *testing.T) {
	r := newRig(t, queue.Options{})
	logged := newSignal("fetching jobs")
	r.worker.Log = slog.New(logged)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	finished := make(chan error, 1)
	go func() { finished <- r.worker.Run(ctx) }()
	r.server.Stop()
	select {
	case <-logged.seen:
	case err := <-finished:
		t.Fatalf("Run returned before its context ended: %v", err)
	case <-time.After(guard):
		t.Fatalf("no fetch error logged within %v of the server stopping", guard)
	}
	cancel()
	select {
	case err := <-finished:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(guard):
		t.Fatalf("Run did not return within %v of its context ending", guard)
	}
}

// TestRunIdleShutdown ends a worker's context while it waits on an empty
// queue: Run returns without having settled anything.
func TestRunIdleShutdown(t *testing.T) {
	r := newRig(t, queue.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	finished := make(chan error, 1)
	go func() { finished <- r.worker.Run(ctx) }()
	cancel()
	select {
	case err := <-finished:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(guard):
		t.Fatalf("Run did not return within %v of its context ending", guard)
	}
	if got := r.jobs(queue.Article, "stored") + r.jobs(queue.Page, "stored"); got != 0 {
		t.Errorf("%v jobs stored from an empty queue", got)
	}
}
