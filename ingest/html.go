package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html/charset"

	"github.com/storyfold/storyfold"
)

// Page is what an extractor finds in an HTML page.
type Page struct {
	Title, Author, Site, URL, Language string
	Date                               storyfold.Date
	// Text is the main text, one paragraph a line.
	Text string
}

// Extractor finds the article in an HTML page. pageURL is where the page
// came from, or "".
type Extractor interface {
	Extract(page []byte, pageURL string) (Page, error)
}

// maxTreeSize bounds the elements of a page the extractor walks: a real
// article page has a few thousand; a hostile one with millions would only
// burn time.
const maxTreeSize = 200_000

// Trafilatura extracts articles with go-trafilatura, its fallback extractors
// (readability and DOM distiller) on.
type Trafilatura struct{}

// Extract implements Extractor. A page that is valid UTF-8 is read as UTF-8
// whatever it declares (pages saved by crawlers are often re-encoded without
// their <meta> being updated); any other page is decoded by its byte order
// mark or <meta> declaration, as browsers do.
func (Trafilatura) Extract(page []byte, pageURL string) (p Page, err error) {
	defer func() {
		// A page that crashes the extractor is one bad input, not a
		// reason to stop the run.
		if r := recover(); r != nil {
			err = fmt.Errorf("extractor failed: %v", r)
		}
	}()
	if !utf8.Valid(page) {
		enc, _, _ := charset.DetermineEncoding(page, "text/html")
		if decoded, derr := enc.NewDecoder().Bytes(page); derr == nil {
			page = decoded
		}
	}
	opts := trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
		MaxTreeSize:     maxTreeSize,
	}
	if pageURL != "" {
		if u, perr := url.Parse(pageURL); perr == nil {
			opts.OriginalURL = u
		}
	}
	res, err := trafilatura.Extract(bytes.NewReader(page), opts)
	if err != nil {
		return Page{}, err
	}
	m := res.Metadata
	p = Page{
		Title:    strings.TrimSpace(m.Title),
		Author:   strings.TrimSpace(m.Author),
		Site:     strings.TrimSpace(m.Sitename),
		URL:      m.URL,
		Language: m.Language,
		Text:     res.ContentText,
	}
	if !m.Date.IsZero() {
		p.Date = storyfold.Date{Time: m.Date}
	}
	if p.URL == "" {
		p.URL = pageURL
	}
	return p, nil
}
