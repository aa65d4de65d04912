package ingest

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/ingest/warc"
	"github.com/storyfold/storyfold/internal/parallel"
)

// warcBatch is how many records are extracted at once, in parallel, before
// their articles are emitted in the order of the file.
const warcBatch = 64

// readWARC reads the HTML response records of a WARC stream as articles,
// with their target URI and, when the page gives no date, the crawl date.
// Records that are not HTML pages, or not answered 200, are counted and
// passed over; a damaged record is reported by its number and the reading
// goes on while the framing allows.
func (r *Reader) readWARC(name string, in io.Reader, emit func(storyfold.Article)) {
	wr := warc.NewReader(in, r.MaxSize)
	type job struct {
		n   int
		rec *warc.Record
		a   storyfold.Article
		raw RawPage
		err error
	}
	var batch []job
	pages, noText := 0, 0
	flush := func() {
		parallel.For(len(batch), r.workers(), func(i int) {
			j := &batch[i]
			var p RawPage
			if p, j.err = r.warcPage(name, j.n, j.rec); j.err == nil && r.RawPages == nil {
				j.a, j.err = r.Extract(p)
			} else if j.err == nil {
				j.raw = p
			}
		})
		for _, j := range batch {
			switch {
			case j.err == nil && r.RawPages != nil:
				pages++
				r.RawPages(j.raw)
			case j.err == nil:
				pages++
				emit(j.a)
			case errors.Is(j.err, errNotPage):
			case errors.Is(j.err, errNoText):
				pages++
				noText++
			default:
				pages++
				r.problem(name, 0, false, "record %d: %v", j.n, j.err)
			}
		}
		batch = batch[:0]
	}
	n := 0
	for {
		rec, err := wr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		n++
		if r.OnRecord != nil {
			r.OnRecord()
		}
		var tooLarge *warc.TooLargeError
		if errors.As(err, &tooLarge) {
			r.problem(name, 0, false, "record %d: at byte %d: record of %s, over the %s limit (--max-size)", n, tooLarge.Offset, sizeString(tooLarge.Size), sizeString(tooLarge.Limit))
			continue
		}
		if errors.Is(err, warc.ErrDamaged) {
			r.problem(name, 0, false, "record %d: %v", n, err)
			continue
		}
		if err != nil {
			if n == 1 {
				r.problem(name, 0, false, "record 1: %v; nothing could be read", describeReadErr(err, false))
			} else {
				r.problem(name, 0, true, "record %d: %v; the %d records before it were read", n, describeReadErr(err, false), n-1)
			}
			break
		}
		if !rec.IsHTTPResponse() {
			continue
		}
		batch = append(batch, job{n: n, rec: rec})
		if len(batch) == warcBatch {
			flush()
		}
	}
	flush()
	switch {
	case n == 0:
		r.problem(name, 0, false, "no WARC records")
	case noText > 0:
		// Index and section pages are the usual reason: one line says it.
		r.problem(name, 0, true, "%d of %d HTML pages had no article text", noText, pages)
	}
}

// workers is how many goroutines extract a WARC file's pages.
func (r *Reader) workers() int {
	if r.Workers > 0 {
		return r.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// errNotPage is a response that is not an HTML page answered 200: not an
// article, and no problem.
var errNotPage = errors.New("not an HTML page")

// warcPage reads the HTML page of one response record.
func (r *Reader) warcPage(name string, n int, rec *warc.Record) (RawPage, error) {
	res, err := rec.HTTPResponse(r.MaxSize)
	if err != nil {
		return RawPage{}, err
	}
	ct := res.Header.Get("Content-Type")
	if mt, _, _ := mime.ParseMediaType(ct); res.Status != 200 || mt != "" && mt != "text/html" && mt != "application/xhtml+xml" {
		return RawPage{}, errNotPage
	}
	body := res.Body
	if !utf8.Valid(body) {
		enc, _, _ := charset.DetermineEncoding(body, ct)
		if decoded, err := enc.NewDecoder().Bytes(body); err == nil {
			body = decoded
		}
	}
	p := RawPage{
		ID:     fmt.Sprintf("%s-%d", baseID(name), n),
		Origin: fmt.Sprintf("%s, record %d", name, n),
		URL:    strings.Trim(rec.Header.Get("Warc-Target-Uri"), "<>"),
		HTML:   body,
	}
	if t, err := time.Parse(time.RFC3339, rec.Header.Get("Warc-Date")); err == nil {
		p.Date = storyfold.Date{Time: t.UTC()}
	}
	return p, nil
}

// RawPage is an HTML page not yet extracted.
type RawPage struct {
	ID, Origin, URL string
	// HTML is the page, as UTF-8 when its encoding was known.
	HTML []byte
	// Date stands in for the page's own date when it gives none: the
	// date a crawler fetched it.
	Date storyfold.Date
}

// Extract reads the article of a raw page.
func (r *Reader) Extract(p RawPage) (storyfold.Article, error) {
	a, err := r.extractHTML(p.Origin, p.HTML, p.URL)
	if err != nil {
		return storyfold.Article{}, err
	}
	a.ID = p.ID
	if !a.Date.Known() {
		a.Date = p.Date
	}
	return a, nil
}
