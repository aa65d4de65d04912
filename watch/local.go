package watch

import (
	"context"
	"log/slog"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/crawl"
	"github.com/storyfold/storyfold/fetch"
	"github.com/storyfold/storyfold/internal/counters"
	"github.com/storyfold/storyfold/pipeline"
)

// Local handles items in this process: it fetches the pages of the items
// that carry only a summary, then cleans, groups and stores them all
// through the writer.
type Local struct {
	Crawler *crawl.Crawler
	Writer  *pipeline.Writer
	Metrics *counters.Set
	Log     *slog.Logger
}

// Handle implements Handler. An item is done when its article is stored,
// or when its page failed for good (gone, refused by robots.txt, not an
// article); pages that failed for a while (5xx, timeouts) are not done.
func (l *Local) Handle(ctx context.Context, items []storyfold.Article) ([]string, error) {
	var ready, pages []storyfold.Article
	for _, it := range items {
		if it.Text != "" {
			ready = append(ready, it)
		} else {
			pages = append(pages, it)
		}
	}
	var done []string
	l.Crawler.Pages(ctx, pages, func(a storyfold.Article) {
		l.Metrics.Add(metricPages, 1)
		ready = append(ready, a)
	}, func(item storyfold.Article, err error) {
		reason := fetch.Label(err, "no_article")
		l.Metrics.Add(metricPageErrors, 1, "reason", reason)
		if l.Log != nil {
			l.Log.Warn("page failed", slog.String("url", item.URL), slog.String("reason", reason), slog.String("error", fetch.Describe(err)))
		}
		if !fetch.Transient(err) && fetch.ReasonOf(err) != fetch.Canceled {
			done = append(done, item.URL)
		}
	})
	if len(ready) == 0 {
		return done, nil
	}
	res, err := l.Writer.Add(ctx, ready)
	if err != nil {
		return done, err
	}
	l.Metrics.Add(metricArticles, float64(res.New), "outcome", "new")
	l.Metrics.Add(metricArticles, float64(res.Known), "outcome", "known")
	for _, a := range ready {
		done = append(done, a.URL)
	}
	return done, nil
}
