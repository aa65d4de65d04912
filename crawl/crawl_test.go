package crawl_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/crawl"
	"github.com/storyfold/storyfold/fetch"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/newssite"
)

func newCrawler() *crawl.Crawler {
	cfg := fetch.Config{AllowPrivate: true, Backoff: time.Millisecond}
	return &crawl.Crawler{Fetcher: fetch.New(cfg), Reader: ingest.NewReader(nil)}
}

func TestFeedURL(t *testing.T) {
	start := time.Date(2025, 2, 13, 8, 0, 0, 0, time.UTC)
	stories, err := newssite.Examples("../examples/ukraine-talks", start)
	if err != nil {
		t.Fatal(err)
	}
	site := newssite.New(stories...)
	site.Robots = "User-agent: storyfold\nDisallow: " + newssite.PagePath(3) + "\n"
	srv := httptest.NewServer(site)
	defer srv.Close()

	var got []storyfold.Article
	var failed []string
	err = newCrawler().URL(context.Background(), srv.URL+"/feed.xml",
		func(a storyfold.Article) { got = append(got, a) },
		func(item storyfold.Article, err error) {
			failed = append(failed, item.URL+": "+string(fetch.ReasonOf(err)))
		})
	if err != nil {
		t.Fatal(err)
	}
	if len(failed) != 1 || !strings.HasSuffix(failed[0], newssite.PagePath(3)+": robots") {
		t.Errorf("failures %v, want the page robots.txt disallows", failed)
	}
	if len(got) != len(stories)-1 {
		t.Fatalf("%d articles, want %d", len(got), len(stories)-1)
	}
	for _, a := range got {
		var i int
		if _, err := fmtSscan(a.URL, srv.URL, &i); err != nil {
			t.Errorf("article URL %q is not a story page", a.URL)
			continue
		}
		st := stories[i]
		if a.Title != st.Title || !a.Date.Equal(st.Date) || a.ID != ingest.URLID(a.URL) || a.Meta["guid"] != a.URL {
			t.Errorf("article %s: title %q, date %v, meta %v; want the item's %q, %v", a.ID, a.Title, a.Date, a.Meta, st.Title, st.Date)
		}
		// The page's text, not the feed's 25-word summary.
		if len(strings.Fields(a.Text)) < 100 || strings.Contains(a.Text, "Copyright Test News") {
			t.Errorf("article %s: %d words, footer kept: %q", a.ID, len(strings.Fields(a.Text)), a.Text[:min(80, len(a.Text))])
		}
	}
}

func TestFeedNotModified(t *testing.T) {
	site := newssite.New(newssite.Story{Title: "One", Text: "Some text.", Date: time.Now()})
	srv := httptest.NewServer(site)
	defer srv.Close()
	c := newCrawler()
	items, res, err := c.Feed(context.Background(), srv.URL+"/feed.xml", fetch.Validators{})
	if err != nil || len(items) != 1 || items[0].Full {
		t.Fatalf("feed: %+v, %v", items, err)
	}
	items, res, err = c.Feed(context.Background(), srv.URL+"/feed.xml", res.Validators)
	if err != nil || !res.NotModified || len(items) != 0 {
		t.Errorf("unchanged feed: %d items, %+v, %v", len(items), res, err)
	}
	if _, _, err := c.Feed(context.Background(), srv.URL+newssite.PagePath(0), fetch.Validators{}); err == nil {
		t.Error("a page was read as a feed")
	}
}

func fmtSscan(url, base string, i *int) (int, error) {
	return fmt.Sscanf(strings.TrimPrefix(url, base), "/news/%d.html", i)
}
