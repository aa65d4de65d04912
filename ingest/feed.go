package ingest

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/storyfold/storyfold"
)

// readFeed reads an RSS, Atom or JSON feed: each item that carries its
// article's text becomes an article, with the item's link, title, authors
// and date. Items that carry only a summary are counted and named in one
// line: their text is on the linked page, which a fetcher must read.
func (r *Reader) readFeed(name string, in io.Reader, emit func(storyfold.Article)) {
	feed, err := gofeed.NewParser().Parse(io.LimitReader(in, r.MaxSize))
	if err != nil {
		r.problem(name, 0, false, "not a feed: %v", err)
		return
	}
	source := HostSource(feed.Link)
	summaries := 0
	for i, item := range feed.Items {
		a, ok := r.feedArticle(name, i+1, item)
		if !ok {
			summaries++
			continue
		}
		if a.Source == "" {
			a.Source = source
		}
		emit(a)
	}
	if summaries > 0 {
		r.problem(name, 0, true, "%d of %d items carry only a summary, not the article; fetch their links to read them", summaries, len(feed.Items))
	}
	if len(feed.Items) == 0 {
		r.problem(name, 0, true, "a feed without items")
	}
}

// feedArticle makes an article of a feed item whose content (or
// description) is a whole article, at least minFeedWords long.
func (r *Reader) feedArticle(name string, n int, item *gofeed.Item) (storyfold.Article, bool) {
	body := item.Content
	if len(body) < len(item.Description) {
		body = item.Description
	}
	origin := fmt.Sprintf("%s, item %d", name, n)
	page := "<html><head><title>" + html.EscapeString(item.Title) + "</title></head><body><article>" + body + "</article></body></html>"
	a, err := r.extractHTML(origin, []byte(page), item.Link)
	if err != nil || len(strings.Fields(a.Text)) < minFeedWords {
		return storyfold.Article{}, false
	}
	a.Title = strings.TrimSpace(item.Title)
	a.URL = item.Link
	a.Source = HostSource(item.Link)
	a.ID = fmt.Sprintf("%s-%d", baseID(name), n)
	if item.GUID != "" {
		a.Meta = map[string]string{"guid": item.GUID}
	}
	if len(item.Authors) > 0 && item.Authors[0] != nil {
		a.Byline = item.Authors[0].Name
	}
	switch {
	case item.PublishedParsed != nil:
		a.Date = storyfold.Date{Time: item.PublishedParsed.UTC()}
	case item.UpdatedParsed != nil:
		a.Date = storyfold.Date{Time: item.UpdatedParsed.UTC()}
	}
	return a, true
}

// minFeedWords is the least text an item must carry to be an article, not
// a teaser.
const minFeedWords = 60
