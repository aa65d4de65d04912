package ingest

import (
	"bytes"
	"errors"
	"strings"

	"github.com/storyfold/storyfold"
)

// IsFeed reports whether fetched content is a feed, by its declared media
// type and, when that is vague (XML, or none), by its first bytes.
func IsFeed(mediaType string, body []byte) bool {
	switch mediaType {
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return true
	case "text/html", "application/xhtml+xml", "text/plain":
		return false
	}
	head := body[:min(len(body), 4096)]
	if mediaType == "application/json" {
		return bytes.Contains(head, []byte("jsonfeed.org"))
	}
	return sniff(head) == Feed
}

// ReadPage reads the article of a page fetched from pageURL, whose media
// type the server declared; the article's ID and URL are pageURL's. Feeds
// are for ParseFeed.
func (r *Reader) ReadPage(pageURL, mediaType string, body []byte) (storyfold.Article, error) {
	if int64(len(body)) > r.MaxSize {
		return storyfold.Article{}, errors.New("larger than the size limit (--max-size)")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return storyfold.Article{}, errors.New("empty page")
	}
	var a storyfold.Article
	switch {
	case mediaType == "text/plain" || (mediaType == "" && sniff(body[:min(len(body), 4096)]) == Text):
		if isBinary(body[:min(len(body), 4096)]) {
			return a, errors.New("binary content, not an article")
		}
		a = storyfold.Article{Text: r.decodeText(pageURL, 0, body), Source: HostSource(pageURL)}
	case mediaType == "" || strings.Contains(mediaType, "html"):
		var err error
		if a, err = r.extractHTML(pageURL, body, pageURL); err != nil {
			return a, err
		}
	default:
		return a, errors.New(mediaType + " is not an article page")
	}
	a.ID, a.URL, a.Origin = URLID(pageURL), pageURL, pageURL
	return a, nil
}
