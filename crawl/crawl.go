// Package crawl turns URLs into raw articles: it fetches pages and feeds
// (through package fetch) and reads them (through package ingest), fetching
// the page of every feed item that carries only a summary.
package crawl

import (
	"bytes"
	"context"
	"fmt"
	"runtime"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/fetch"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/parallel"
)

// Crawler fetches and reads. It is safe for concurrent use. Errors from
// its methods do not repeat the URL they concern: the caller names it.
type Crawler struct {
	Fetcher *fetch.Fetcher
	Reader  *ingest.Reader
	// Workers bounds the pages fetched and read at once (GOMAXPROCS*4 when
	// 0: fetching waits on the network more than on the CPU); the fetcher
	// still bounds each host.
	Workers int
}

func (c *Crawler) workers() int {
	if c.Workers > 0 {
		return c.Workers
	}
	return 4 * runtime.GOMAXPROCS(0)
}

// Page fetches a feed item's page and reads its article. What the page
// does not tell (title, date, byline, outlet), the item does; the article
// is named by the item's link, as the item was.
func (c *Crawler) Page(ctx context.Context, item storyfold.Article) (storyfold.Article, error) {
	res, err := c.Fetcher.Fetch(ctx, item.URL, fetch.Validators{})
	if err != nil {
		return storyfold.Article{}, err
	}
	a, err := c.Reader.ReadPage(item.URL, res.ContentType, res.Body)
	if err != nil {
		return storyfold.Article{}, err
	}
	if item.Title != "" {
		// The feed's title is the outlet's own, without the site name
		// pages append to theirs.
		a.Title = item.Title
	}
	if item.Date.Known() {
		a.Date = item.Date
	}
	if a.Byline == "" {
		a.Byline = item.Byline
	}
	if item.Source != "" {
		a.Source = item.Source
	}
	if item.ID != "" {
		a.ID = item.ID
	}
	if item.Meta != nil {
		if a.Meta == nil {
			a.Meta = make(map[string]string, len(item.Meta))
		}
		for k, v := range item.Meta {
			a.Meta[k] = v
		}
	}
	return a, nil
}

// Pages fetches the pages of feed items in parallel and emits their
// articles in the items' order; report gets each failure.
func (c *Crawler) Pages(ctx context.Context, items []storyfold.Article, emit func(storyfold.Article), report func(item storyfold.Article, err error)) {
	out := make([]storyfold.Article, len(items))
	errs := make([]error, len(items))
	parallel.For(len(items), c.workers(), func(i int) {
		out[i], errs[i] = c.Page(ctx, items[i])
	})
	for i := range items {
		if errs[i] != nil {
			report(items[i], errs[i])
			continue
		}
		emit(out[i])
	}
}

// Feed fetches a feed, conditionally when v holds what an earlier fetch
// returned, and parses its items; an unchanged feed gives none and
// res.NotModified.
func (c *Crawler) Feed(ctx context.Context, url string, v fetch.Validators) ([]ingest.FeedItem, *fetch.Response, error) {
	res, err := c.Fetcher.Fetch(ctx, url, v)
	if err != nil {
		return nil, nil, err
	}
	if res.NotModified {
		return nil, res, nil
	}
	if !ingest.IsFeed(res.ContentType, res.Body) {
		return nil, res, fmt.Errorf("%s is not a feed", orUnknown(res.ContentType))
	}
	items, err := c.Reader.ParseFeed(url, bytes.NewReader(res.Body))
	if err != nil {
		return nil, res, err
	}
	return items, res, nil
}

// URL reads what a URL holds: a page's article, or a feed's items, the
// pages of its summary-only items fetched.
func (c *Crawler) URL(ctx context.Context, url string, emit func(storyfold.Article), report func(item storyfold.Article, err error)) error {
	res, err := c.Fetcher.Fetch(ctx, url, fetch.Validators{})
	if err != nil {
		return err
	}
	if !ingest.IsFeed(res.ContentType, res.Body) {
		a, err := c.Reader.ReadPage(url, res.ContentType, res.Body)
		if err != nil {
			return err
		}
		emit(a)
		return nil
	}
	items, err := c.Reader.ParseFeed(url, bytes.NewReader(res.Body))
	if err != nil {
		return err
	}
	var links []storyfold.Article
	for _, it := range items {
		if it.Full {
			emit(it.Article)
		} else if it.Article.URL != "" {
			links = append(links, it.Article)
		}
	}
	c.Pages(ctx, links, emit, report)
	return nil
}

func orUnknown(s string) string {
	if s == "" {
		return "content of no declared type"
	}
	return s
}
