package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

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
		// The page's markup only: htmldate's extensive search reads dates
		// out of the running text, and on a page without one it took a
		// year the story mentions ("since 2022") for the publication date
		// (2022-01-01), which kept the article out of its story.
		HtmlDateMode: trafilatura.Fast,
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
	if res.ContentNode != nil {
		if text := blockText(res.ContentNode); text != "" {
			p.Text = text
		}
	}
	if !m.Date.IsZero() {
		p.Date = storyfold.Date{Time: m.Date}
	}
	if p.URL == "" {
		p.URL = pageURL
	}
	return p, nil
}

// inline are the elements that run on within a paragraph; every other
// element starts and ends one.
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true, "data": true,
	"del": true, "dfn": true, "em": true, "font": true, "hi": true, "i": true, "ins": true, "kbd": true,
	"mark": true, "q": true, "ref": true, "s": true, "samp": true, "small": true, "span": true, "strong": true,
	"sub": true, "sup": true, "time": true, "u": true, "var": true,
}

// blockText is the text of the extracted content, one paragraph a line.
// The extractor's own text runs every paragraph into one line, and glues
// the words of adjacent blocks when the page has no white space between
// its tags, as minified pages have none ("Headline</h1><p>First" gave
// "HeadlineFirst").
func blockText(root *html.Node) string {
	var b strings.Builder
	space := false // a space is owed before the next word
	var walk func(n *html.Node)
	breakLine := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			b.WriteByte('\n')
		}
		space = false
	}
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			for i, f := range strings.FieldsFunc(n.Data, unicode.IsSpace) {
				if i > 0 || space || (len(n.Data) > 0 && unicode.IsSpace(rune(n.Data[0]))) {
					if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
						b.WriteByte(' ')
					}
				}
				b.WriteString(f)
				space = false
			}
			if len(n.Data) > 0 && unicode.IsSpace(rune(n.Data[len(n.Data)-1])) {
				space = true
			}
			return
		case html.ElementNode:
			tag := n.Data
			if tag == "br" || tag == "lb" {
				breakLine()
				return
			}
			if tag == "script" || tag == "style" || tag == "noscript" || tag == "template" {
				return
			}
			switch {
			case tag == "td" || tag == "th" || tag == "cell":
				// A table row is one line, its cells apart.
				space = true
			case !inline[tag]:
				breakLine()
				defer breakLine()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return strings.TrimSpace(b.String())
}
