// Package watch polls feeds on a schedule and hands their new items on to
// be stored: fetched and grouped in this process, or queued for workers.
// Each feed is polled at its own interval, conditionally (ETag and
// Last-Modified), more slowly while it fails or does not change, and an
// item counts as handled only once it is stored (or queued durably), so a
// watcher stopped at any moment, even killed, loses nothing and stores
// nothing twice when it starts again.
package watch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/crawl"
	"github.com/storyfold/storyfold/fetch"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/counters"
)

// Feed is a watched feed.
type Feed struct {
	URL string
	// Interval is how often it is polled; 0 takes the watcher's.
	Interval time.Duration
}

// ParseFeeds reads a list of feeds: one URL a line, optionally followed by
// its polling interval ("https://example.com/rss 10m"); # starts a comment.
func ParseFeeds(r io.Reader) ([]Feed, error) {
	var feeds []Feed
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		f := Feed{URL: fields[0]}
		if !strings.HasPrefix(f.URL, "http://") && !strings.HasPrefix(f.URL, "https://") {
			return nil, fmt.Errorf("line %d: %q is not an http or https URL", n, f.URL)
		}
		if len(fields) > 1 {
			d, err := time.ParseDuration(fields[1])
			if err != nil || d < time.Second {
				return nil, fmt.Errorf("line %d: %q is not an interval (like 90s, 10m, 1h)", n, fields[1])
			}
			f.Interval = d
		}
		if len(fields) > 2 {
			return nil, fmt.Errorf("line %d: a URL and an interval at most", n)
		}
		feeds = append(feeds, f)
	}
	return feeds, sc.Err()
}

// Handler takes a feed's new items. It returns only when those it reports
// done are stored, or queued where they will be; the others are offered
// again at the next poll.
type Handler interface {
	Handle(ctx context.Context, items []storyfold.Article) (done []string, err error)
}

// Stored is what a watcher asks of the store: whether an article is in it
// (StoryOf answers storyfold.ErrNotFound when it is not). Any
// storyfold.Store is one; a test can give a map.
type Stored interface {
	StoryOf(ctx context.Context, articleID string) (string, error)
}

// Watcher polls feeds.
type Watcher struct {
	Crawler *crawl.Crawler
	// Store tells which items are stored already, so a restarted watcher
	// fetches only what it has not stored.
	Store   Stored
	Handler Handler
	// Interval is a feed's polling interval unless it sets its own;
	// MaxInterval bounds how far it is stretched for a feed that fails or
	// does not change.
	Interval, MaxInterval time.Duration
	// Polls bounds the feeds polled at once.
	Polls   int
	Log     *slog.Logger
	Metrics *counters.Set

	waiting sync.Map // feed URL -> items waiting

	// polled, when set, is called with a feed's URL each time a poll of
	// it ends, whatever its outcome: tests wait on it rather than on the
	// clock, so they hold under any load.
	polled func(feed string)
}

// Metric names.
const (
	metricPolls      = "storyfold_watch_polls_total"
	metricFeedErrors = "storyfold_watch_feed_errors_total"
	metricItems      = "storyfold_watch_items_total"
	metricPageErrors = "storyfold_fetch_failures_total"
	metricPages      = "storyfold_fetch_pages_total"
	metricArticles   = "storyfold_ingest_articles_total"
	metricWaiting    = "storyfold_watch_items_waiting"
)

// DeclareMetrics adds the watcher's metrics, and those of the handlers in
// this package, to a set.
func DeclareMetrics(m *counters.Set) {
	m.Counter(metricPolls, "Feed polls, by result (changed, unchanged, failed).")
	m.Counter(metricFeedErrors, "Feed polls that failed, by reason.")
	m.Counter(metricItems, "New feed items handed on to be stored.")
	m.Counter(metricPages, "Article pages fetched and read.")
	m.Counter(metricPageErrors, "Article pages that could not be fetched or read, by reason.")
	m.Counter(metricArticles, "Articles ingested, by outcome (new, known).")
	m.Gauge(metricWaiting, "Feed items seen but not yet stored, to be offered again.")
}

// feedState is what the watcher keeps of one feed between polls.
type feedState struct {
	Feed
	validators fetch.Validators
	next       time.Duration // the interval until the next poll
	handled    map[string]bool
	tries      map[string]int
}

// forget drops what the feed state keeps of items the feed no longer
// lists, so a feed watched for months holds only its current items.
func (st *feedState) forget(items []ingest.FeedItem) {
	listed := make(map[string]bool, len(items))
	for _, it := range items {
		listed[it.Article.URL] = true
	}
	for link := range st.handled {
		if !listed[link] {
			delete(st.handled, link)
		}
	}
	for link := range st.tries {
		if !listed[link] {
			delete(st.tries, link)
		}
	}
}

// maxTries is how many polls an item whose page keeps failing is offered
// before it is given up.
const maxTries = 5

func (w *Watcher) defaults() {
	if w.Interval <= 0 {
		w.Interval = 5 * time.Minute
	}
	if w.MaxInterval < w.Interval {
		w.MaxInterval = max(w.Interval, time.Hour)
	}
	if w.Polls <= 0 {
		w.Polls = 8
	}
	if w.Log == nil {
		w.Log = slog.New(slog.DiscardHandler)
	}
	if w.Metrics == nil {
		w.Metrics = counters.New()
		DeclareMetrics(w.Metrics)
	}
}

// Run polls the feeds until ctx ends, each first at once and then on its
// schedule.
func (w *Watcher) Run(ctx context.Context, feeds []Feed) error {
	w.defaults()
	slots := make(chan struct{}, w.Polls)
	var wg sync.WaitGroup
	for _, f := range feeds {
		st := w.newState(f)
		wg.Add(1)
		go func() {
			defer wg.Done()
			timer := time.NewTimer(0)
			defer timer.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-timer.C:
				}
				select {
				case slots <- struct{}{}:
				case <-ctx.Done():
					return
				}
				w.poll(ctx, st)
				<-slots
				timer.Reset(st.next)
			}
		}()
	}
	wg.Wait()
	return nil
}

func (w *Watcher) newState(f Feed) *feedState {
	if f.Interval <= 0 {
		f.Interval = w.Interval
	}
	return &feedState{Feed: f, next: f.Interval, handled: map[string]bool{}, tries: map[string]int{}}
}

// PollOnce polls each feed once, one after another, and returns: for
// tests, and for a watcher run from cron.
func (w *Watcher) PollOnce(ctx context.Context, feeds []Feed) {
	w.defaults()
	for _, f := range feeds {
		w.poll(ctx, w.newState(f))
	}
}

// poll fetches a feed, hands on its new items and sets when it is polled
// next.
func (w *Watcher) poll(ctx context.Context, st *feedState) {
	if w.polled != nil {
		defer w.polled(st.URL)
	}
	start := time.Now()
	items, res, err := w.Crawler.Feed(ctx, st.URL, st.validators)
	switch {
	case ctx.Err() != nil:
		return
	case err != nil:
		reason := fetch.Label(err, "not_a_feed")
		w.Metrics.Add(metricPolls, 1, "result", "failed")
		w.Metrics.Add(metricFeedErrors, 1, "reason", reason)
		st.next = w.backoff(st)
		w.Log.Warn("feed failed", slog.String("feed", st.URL), slog.String("reason", reason), slog.String("error", fetch.Describe(err)), slog.Duration("next", st.next))
		return
	case res.NotModified:
		w.Metrics.Add(metricPolls, 1, "result", "unchanged")
		st.next = w.slower(st)
		w.Log.Debug("feed unchanged", slog.String("feed", st.URL), slog.Duration("next", st.next))
		return
	}
	st.forget(items)
	fresh, err := w.fresh(ctx, st, items)
	if err != nil {
		w.Metrics.Add(metricPolls, 1, "result", "failed")
		w.Metrics.Add(metricFeedErrors, 1, "reason", "store")
		w.Log.Error("feed items not checked", slog.String("feed", st.URL), slog.String("error", err.Error()))
		st.next = w.backoff(st)
		return
	}
	if len(fresh) == 0 {
		w.Metrics.Add(metricPolls, 1, "result", "unchanged")
		st.validators = res.Validators
		st.next = w.slower(st)
		return
	}
	w.Metrics.Add(metricPolls, 1, "result", "changed")
	w.Metrics.Add(metricItems, float64(len(fresh)))
	done, err := w.Handler.Handle(ctx, fresh)
	for _, link := range done {
		st.handled[link] = true
		delete(st.tries, link)
	}
	waiting := 0
	for _, it := range fresh {
		if st.handled[it.URL] {
			continue
		}
		if st.tries[it.URL]++; st.tries[it.URL] >= maxTries {
			st.handled[it.URL] = true // given up: the failures were counted
			delete(st.tries, it.URL)
			continue
		}
		waiting++
	}
	w.waiting.Store(st.URL, waiting)
	total := 0
	w.waiting.Range(func(_, v any) bool { total += v.(int); return true })
	w.Metrics.Set(metricWaiting, float64(total))
	if err != nil {
		w.Log.Error("feed items not stored", slog.String("feed", st.URL), slog.Int("items", len(fresh)), slog.String("error", err.Error()))
		st.next = w.backoff(st)
		return
	}
	// Only a feed whose items were all handled is asked conditionally
	// next time: one with items waiting must be read again whole.
	if waiting == 0 {
		st.validators = res.Validators
	}
	st.next = st.Interval
	w.Log.Info("feed polled", slog.String("feed", st.URL), slog.Int("items", len(items)), slog.Int("new", len(fresh)),
		slog.Int("stored", len(done)), slog.Int("waiting", waiting), slog.Duration("took", time.Since(start).Round(time.Millisecond)), slog.Duration("next", st.next))
}

// backoff doubles the interval of a feed that failed, up to the maximum.
func (w *Watcher) backoff(st *feedState) time.Duration {
	return min(2*st.next, w.MaxInterval)
}

// slower stretches the interval of a feed that did not change, by half,
// up to the maximum.
func (w *Watcher) slower(st *feedState) time.Duration {
	return min(st.next+st.next/2, max(st.Interval, w.MaxInterval))
}

// fresh keeps the items not handled yet: neither by this watcher since it
// started, nor stored before (asked of the store once per item).
func (w *Watcher) fresh(ctx context.Context, st *feedState, items []ingest.FeedItem) ([]storyfold.Article, error) {
	var out []storyfold.Article
	for _, it := range items {
		a := it.Article // without text unless Full: its page is fetched
		if a.URL == "" || st.handled[a.URL] {
			continue
		}
		_, err := w.Store.StoryOf(ctx, a.ID)
		switch {
		case err == nil:
			st.handled[a.URL] = true
			continue
		case !errors.Is(err, storyfold.ErrNotFound):
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}
