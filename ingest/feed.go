package ingest

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/zeebo/xxh3"

	"github.com/storyfold/storyfold"
)

// FeedItem is one item of a feed, as an article: the whole article when
// the item carries its text (Full), else what the item tells of it (link,
// title, authors, date) with the text left for whoever fetches the link.
type FeedItem struct {
	Article storyfold.Article
	Full    bool
}

// ParseFeed reads the items of an RSS, Atom or JSON feed. A feed is parsed
// whole (the parser builds its tree in memory), so the feed itself is held
// to MaxSize, which bounds every item too; one over the limit is refused
// with a message that says so, not cut short into an XML syntax error.
func (r *Reader) ParseFeed(name string, in io.Reader) ([]FeedItem, error) {
	data, err := io.ReadAll(io.LimitReader(in, r.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", unwrapPath(err))
	}
	if int64(len(data)) > r.MaxSize {
		return nil, fmt.Errorf("feed larger than the %s limit (--max-size)", sizeString(r.MaxSize))
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a feed: %w", err)
	}
	source := HostSource(parsed.Link)
	items := make([]FeedItem, 0, len(parsed.Items))
	for i, item := range parsed.Items {
		it := r.feedItem(name, i+1, item)
		if it.Article.Source == "" {
			it.Article.Source = source
		}
		items = append(items, it)
	}
	return items, nil
}

// readFeed reads a feed's full items as articles. Items that carry only a
// summary are counted in one line: their text is on the linked page, which
// only a fetcher can read.
func (r *Reader) readFeed(name string, in io.Reader, emit func(storyfold.Article)) {
	items, err := r.ParseFeed(name, in)
	if err != nil {
		r.problem(name, 0, false, "%v", err)
		return
	}
	summaries := 0
	for _, it := range items {
		if !it.Full {
			if r.Summaries != nil && it.Article.URL != "" {
				r.Summaries(it)
			} else {
				summaries++
			}
			continue
		}
		emit(it.Article)
	}
	if summaries > 0 {
		r.problem(name, 0, true, "%d of %d items carry only a summary, not the article; fetch their links to read them", summaries, len(items))
	}
	if len(items) == 0 {
		r.problem(name, 0, true, "a feed without items")
	}
}

// feedItem reads one item. An item whose content (or description) holds
// at least minFeedWords of text is a whole article.
func (r *Reader) feedItem(name string, n int, item *gofeed.Item) FeedItem {
	a := storyfold.Article{Title: strings.TrimSpace(item.Title), URL: strings.TrimSpace(item.Link), Origin: fmt.Sprintf("%s, item %d", name, n)}
	full := false
	body := item.Content
	if len(body) < len(item.Description) {
		body = item.Description
	}
	if body != "" {
		page := "<html><head><title>" + html.EscapeString(item.Title) + "</title></head><body><article>" + body + "</article></body></html>"
		if ex, err := r.extractHTML(a.Origin, []byte(page), a.URL); err == nil && len(strings.Fields(ex.Text)) >= minFeedWords {
			a.Text, full = ex.Text, true
		}
	}
	a.Source = HostSource(a.URL)
	switch {
	case a.URL != "":
		a.ID = URLID(a.URL)
	case item.GUID != "":
		a.ID = URLID(item.GUID)
	default:
		a.ID = fmt.Sprintf("%s-%d", baseID(name), n)
	}
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
	return FeedItem{Article: a, Full: full}
}

// minFeedWords is the least text an item must carry to be an article, not
// a teaser.
const minFeedWords = 60

// URLID is the article ID a URL gives: its outlet and a hash of the whole
// URL, short enough to read and stable across runs and machines.
func URLID(u string) string {
	host := HostSource(u)
	if host == "" {
		host = "item"
	}
	return fmt.Sprintf("%s-%012x", host, xxh3.HashString(u)&(1<<48-1))
}
