package watch_test

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
	"github.com/storyfold/storyfold/store/sqlite"
	"github.com/storyfold/storyfold/watch"
)

func TestParseFeeds(t *testing.T) {
	feeds, err := watch.ParseFeeds(strings.NewReader("# outlets\nhttps://a.example/rss\n\nhttp://b.example/atom.xml 90s # often\n"))
	if err != nil || len(feeds) != 2 || feeds[0].Interval != 0 || feeds[1].URL != "http://b.example/atom.xml" || feeds[1].Interval != 90*time.Second {
		t.Errorf("feeds %+v, %v", feeds, err)
	}
	for _, bad := range []string{"ftp://x/feed", "https://x/feed soon", "https://x/feed 10m extra", "https://x/feed 1ms"} {
		if _, err := watch.ParseFeeds(strings.NewReader(bad)); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

// rig is a watcher on a test news site and a fresh SQLite store.
type rig struct {
	site    *newssite.Site
	url     string
	store   storyfold.Store
	metrics *counters.Set
	stories []newssite.Story
}

func newRig(t *testing.T) *rig {
	t.Helper()
	stories, err := newssite.Examples("../examples/ukraine-talks", time.Date(2025, 2, 13, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{site: newssite.New(stories[:3]...), stories: stories}
	srv := httptest.NewServer(r.site)
	t.Cleanup(srv.Close)
	r.url = srv.URL
	r.store, err = sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "watch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.store.Close() })
	return r
}

// watcher is a watcher as a process starting afresh would make it.
func (r *rig) watcher(t *testing.T) *watch.Watcher {
	t.Helper()
	c := &crawl.Crawler{Fetcher: fetch.New(fetch.Config{AllowPrivate: true, Backoff: time.Millisecond}), Reader: ingest.NewReader(nil)}
	w, err := pipeline.NewWriter(context.Background(), r.store, cluster.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	r.metrics = counters.New()
	watch.DeclareMetrics(r.metrics)
	return &watch.Watcher{Crawler: c, Store: r.store, Metrics: r.metrics,
		Handler: &watch.Local{Crawler: c, Writer: w, Metrics: r.metrics}}
}

func (r *rig) pageRequests() int {
	n := 0
	for i := range r.stories {
		n += r.site.Requests(newssite.PagePath(i))
	}
	return n
}

func (r *rig) counts(t *testing.T) (articles, stories int) {
	t.Helper()
	a, s, err := r.store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return a, s
}

func TestWatch(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	feeds := []watch.Feed{{URL: r.url + "/feed.xml"}}
	w := r.watcher(t)
	w.PollOnce(ctx, feeds)
	if a, s := r.counts(t); a != 3 || s != 1 {
		t.Fatalf("after the first poll: %d articles in %d stories, want 3 in 1", a, s)
	}
	if got := r.metrics.Get("storyfold_ingest_articles_total", "outcome", "new"); got != 3 {
		t.Errorf("metrics count %v new articles", got)
	}

	// Two stories published: only their pages are fetched, and they join
	// the stored story.
	r.site.Publish(r.stories[3:5]...)
	before := r.pageRequests()
	w.PollOnce(ctx, feeds)
	if got := r.pageRequests() - before; got != 2 {
		t.Errorf("%d pages fetched for 2 new items", got)
	}
	if a, s := r.counts(t); a != 5 || s != 1 {
		t.Errorf("after publishing: %d articles in %d stories, want 5 in 1", a, s)
	}

	// A watcher started afresh on the same store fetches the feed but
	// none of the pages it stored.
	before = r.pageRequests()
	r.watcher(t).PollOnce(ctx, feeds)
	if got := r.pageRequests() - before; got != 0 {
		t.Errorf("a restarted watcher fetched %d stored pages again", got)
	}
	if a, _ := r.counts(t); a != 5 {
		t.Errorf("%d articles after the restart, want 5", a)
	}
}

// guard bounds any one wait on a watcher: far beyond what a poll takes on
// a loaded machine, it only turns a hang into a failure.
const guard = 30 * time.Second

// running is a watcher running in the background whose polls the test
// steps through: as each poll ends, the watcher waits until the test has
// looked and lets it go on, so what the test sees and changes between two
// polls does not depend on the clock.
type running struct {
	polls  chan chan struct{}
	cancel context.CancelFunc
	// finished is closed when Run has returned err.
	finished chan struct{}
	err      error
}

func start(t *testing.T, w *watch.Watcher, feeds []watch.Feed) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{polls: make(chan chan struct{}), cancel: cancel, finished: make(chan struct{})}
	watch.OnPoll(w, func(string) {
		resume := make(chan struct{})
		select {
		case r.polls <- resume:
		case <-ctx.Done():
			return
		}
		select {
		case <-resume:
		case <-ctx.Done():
		}
	})
	go func() {
		defer close(r.finished)
		r.err = w.Run(ctx, feeds)
	}()
	t.Cleanup(func() {
		cancel()
		<-r.finished
	})
	return r
}

// next waits for a poll to end and returns the channel to close to let
// the watcher go on.
func (r *running) next(t *testing.T) chan struct{} {
	t.Helper()
	select {
	case resume := <-r.polls:
		return resume
	case <-time.After(guard):
		t.Fatalf("no poll ended within %v", guard)
		return nil
	}
}

// stop ends the watcher and waits for Run to return.
func (r *running) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	select {
	case <-r.finished:
		if r.err != nil {
			t.Errorf("Run: %v", r.err)
		}
	case <-time.After(guard):
		t.Fatalf("Run did not return within %v of its context ending", guard)
	}
}

func TestWatchRetriesFailedPages(t *testing.T) {
	r := newRig(t)
	w := r.watcher(t)
	w.Interval = time.Millisecond // the schedule is not under test: the polls are stepped
	r.site.Fail.Store(true)
	run := start(t, w, []watch.Feed{{URL: r.url + "/feed.xml"}})

	resume := run.next(t) // the first poll: every page fails
	if a, _ := r.counts(t); a != 0 {
		t.Fatalf("%d articles stored from failing pages", a)
	}
	if got := r.metrics.Get("storyfold_watch_items_waiting"); got != 3 {
		t.Errorf("%v items waiting, want 3", got)
	}
	if got := r.metrics.Get("storyfold_fetch_failures_total", "reason", "http_status"); got != 3 {
		t.Errorf("%v failures counted as http_status", got)
	}
	r.site.Fail.Store(false)
	close(resume)

	close(run.next(t)) // the next poll offers the items again
	if a, _ := r.counts(t); a != 3 {
		t.Errorf("%d articles once the pages came back, want 3", a)
	}
	if got := r.metrics.Get("storyfold_watch_items_waiting"); got != 0 {
		t.Errorf("%v items waiting once stored, want 0", got)
	}
	run.stop(t)
}

// TestWatchGivesUp has every page fail at every poll: each item is offered
// maxTries (5) times, then given up, and its page is not asked for again.
func TestWatchGivesUp(t *testing.T) {
	r := newRig(t)
	w := r.watcher(t)
	w.Interval = time.Millisecond
	r.site.Fail.Store(true)
	run := start(t, w, []watch.Feed{{URL: r.url + "/feed.xml"}})
	for poll := 1; poll <= 5; poll++ {
		resume := run.next(t)
		if got := r.metrics.Get("storyfold_fetch_failures_total", "reason", "http_status"); got != float64(3*poll) {
			t.Fatalf("after poll %d: %v page failures, want %d", poll, got, 3*poll)
		}
		want := 3.0
		if poll == 5 {
			want = 0 // given up
		}
		if got := r.metrics.Get("storyfold_watch_items_waiting"); got != want {
			t.Errorf("after poll %d: %v items waiting, want %v", poll, got, want)
		}
		close(resume)
	}
	before := r.pageRequests()
	close(run.next(t))
	if got := r.pageRequests() - before; got != 0 {
		t.Errorf("%d page requests for items given up", got)
	}
	if got := r.metrics.Get("storyfold_watch_polls_total", "result", "unchanged"); got != 1 {
		t.Errorf("the poll after giving up counted %v unchanged, want 1", got)
	}
	if a, _ := r.counts(t); a != 0 {
		t.Errorf("%d articles stored from failing pages", a)
	}
	run.stop(t)
}

// TestWatchStops ends a watcher's context while a poll waits on a page
// that never answers: Run returns, and nothing is stored.
func TestWatchStops(t *testing.T) {
	r := newRig(t)
	w := r.watcher(t)
	r.site.Delay = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, []watch.Feed{{URL: r.url + "/feed.xml"}}) }()
	// Cancelled once the first page has been asked for.
	for end := time.Now().Add(guard); r.pageRequests() == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("no page asked for within %v", guard)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(guard):
		t.Fatalf("Run did not return within %v of its context ending", guard)
	}
	if a, _ := r.counts(t); a != 0 {
		t.Errorf("%d articles stored by a cancelled poll", a)
	}
}

func TestWatchBadFeed(t *testing.T) {
	r := newRig(t)
	w := r.watcher(t)
	w.PollOnce(context.Background(), []watch.Feed{{URL: r.url + newssite.PagePath(0)}, {URL: r.url + "/missing.xml"}})
	if got := r.metrics.Get("storyfold_watch_feed_errors_total", "reason", "not_a_feed"); got != 1 {
		t.Errorf("a page given as a feed: %v errors", got)
	}
	if got := r.metrics.Get("storyfold_watch_feed_errors_total", "reason", "http_status"); got != 1 {
		t.Errorf("a missing feed: %v errors", got)
	}
}
