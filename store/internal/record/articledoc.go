package record

import (
	"fmt"
	"slices"

	"github.com/storyfold/storyfold"
)

// An article's document is kept in a binary form of our own too, as a
// story's is (storydoc.go): encoding its JSON before the write lock and
// decoding it again for each story rebuilt were 3% and 4% of an ingest's
// CPU, most of it encoding/json matching field names and allocating a
// string a value. The form writes the document's values in order, a
// length before each list and string, and reads every string as a slice
// of one copy of the document. It opens with articleMagic (a byte no JSON
// document, no zstd frame and no story document opens with) and its
// version; Article still reads the JSON documents of stores written
// before it.
//
// What Article reads from it is exactly what it would read from the JSON
// of the same article (TestArticleBinaryMatchesJSON): the lists the
// article's JSON always writes come back empty when nil, an entity's
// lists nil or empty as JSON leaves them, strings as encoding/json leaves
// them (each byte of invalid UTF-8 is U+FFFD), dates as written and
// parsed again. Like the JSON document, it holds neither the article's
// text (kept in a column of its own) nor its duplicates (derived when
// read) nor its tokens (never stored).
const (
	articleMagic   = 0x01
	articleVersion = 1
)

// isBinaryArticle tells an article document of this form from a JSON one.
func isBinaryArticle(doc []byte) bool { return len(doc) > 0 && doc[0] == articleMagic }

// appendArticleBinary appends an article's document in the binary form
// to b.
func appendArticleBinary(b []byte, a *storyfold.Article) []byte {
	w := &docWriter{b: b}
	w.b = append(w.b, articleMagic, articleVersion)
	w.str(a.ID)
	w.str(a.URL)
	w.str(a.Source)
	w.str(a.Title)
	w.str(a.Byline)
	w.date(a.Date)
	w.str(a.Dateline)
	w.str(a.Language)
	putList(w, a.Paragraphs, func(w *docWriter, p *storyfold.Paragraph) {
		w.int(p.Start)
		w.int(p.End)
		w.bool(p.Heading)
	})
	putList(w, a.Sentences, func(w *docWriter, s *storyfold.Span) { w.span(*s) })
	putList(w, a.Removed, func(w *docWriter, r *storyfold.Removal) {
		w.int(r.Line)
		w.str(r.Text)
		w.str(string(r.Reason))
	})
	putList(w, a.Entities, func(w *docWriter, e *storyfold.Entity) {
		w.str(e.Name)
		w.str(string(e.Type))
		w.strs(e.Aliases)
		w.strs(e.Roles)
		w.strs(e.Articles)
		putList(w, e.Mentions, func(w *docWriter, s *storyfold.Span) { w.span(*s) })
	})
	putList(w, a.Quotes, func(w *docWriter, q *storyfold.Quotation) {
		w.str(q.Text)
		w.span(q.Span)
		w.str(q.Speaker)
		w.str(q.Cue)
		w.bool(q.Marked)
		w.str(string(q.Kind))
		w.bool(q.Scare)
	})
	putList(w, a.Quantities, func(w *docWriter, q *storyfold.Quantity) {
		w.str(string(q.Kind))
		w.float(q.Value)
		w.float(q.Max)
		w.str(q.Unit)
		w.bool(q.Approx)
		w.str(q.Text)
		w.span(q.Span)
	})
	putList(w, a.Dates, func(w *docWriter, d *storyfold.DateMention) {
		w.str(d.Text)
		w.span(d.Span)
		w.date(d.Date)
		w.str(string(d.Granularity))
		w.bool(d.Relative)
	})
	// The meta's keys in order, so that one article always gives one
	// document.
	keys := make([]string, 0, len(a.Meta))
	for k := range a.Meta {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.uint(uint64(len(keys)))
	for _, k := range keys {
		w.str(k)
		w.str(a.Meta[k])
	}
	w.str(a.Origin)
	w.strs(a.Agencies)
	w.str(a.Hash)
	w.bool(a.OutletInfo != nil)
	if o := a.OutletInfo; o != nil {
		for _, s := range []string{o.Domain, o.Name, o.Owner, o.Country, o.Language, o.Kind, o.Lean} {
			w.str(s)
		}
	}
	return w.b
}

// articleFromText reads an article's document in the binary form, held
// in a string: every string of the article is a slice of it. Its text
// and duplicates are left for Article to set.
func articleFromText(doc string) (storyfold.Article, error) {
	var a storyfold.Article
	if len(doc) < 2 || doc[1] < 1 || doc[1] > articleVersion {
		return a, fmt.Errorf("an article document of version %d, which this storyfold does not read (it reads %d)", doc[min(1, len(doc)-1)], articleVersion)
	}
	r := &docReader{s: doc[2:], version: doc[1]}
	a.ID = r.str()
	a.URL = r.str()
	a.Source = r.str()
	a.Title = r.str()
	a.Byline = r.str()
	a.Date = r.articleDate()
	a.Dateline = r.str()
	a.Language = r.str()
	// The article's own lists are written [] when nil (its MarshalJSON),
	// which JSON reads back empty.
	a.Paragraphs = getList(r, nilEmpty, func(r *docReader, p *storyfold.Paragraph) {
		p.Start = r.int()
		p.End = r.int()
		p.Heading = r.bool()
	})
	a.Sentences = getList(r, nilEmpty, func(r *docReader, s *storyfold.Span) { *s = r.span() })
	a.Removed = getList(r, nilEmpty, func(r *docReader, x *storyfold.Removal) {
		x.Line = r.int()
		x.Text = r.str()
		x.Reason = storyfold.RemovalReason(r.str())
	})
	a.Entities = getList(r, nilEmpty, func(r *docReader, e *storyfold.Entity) {
		e.Name = r.str()
		e.Type = storyfold.EntityType(r.str())
		e.Aliases = r.strs(keepNil)
		e.Roles = r.strs(keepNil)
		e.Articles = r.strs(keepNil)
		// Mentions are left out of the JSON when empty (omitempty).
		e.Mentions = getList(r, emptyNil, func(r *docReader, s *storyfold.Span) { *s = r.span() })
	})
	a.Quotes = getList(r, nilEmpty, func(r *docReader, q *storyfold.Quotation) {
		q.Text = r.str()
		q.Span = r.span()
		q.Speaker = r.str()
		q.Cue = r.str()
		q.Marked = r.bool()
		q.Kind = storyfold.QuoteKind(r.str())
		q.Scare = r.bool()
	})
	a.Quantities = getList(r, nilEmpty, func(r *docReader, q *storyfold.Quantity) {
		q.Kind = storyfold.QuantityKind(r.str())
		q.Value = r.float()
		q.Max = r.float()
		q.Unit = r.str()
		q.Approx = r.bool()
		q.Text = r.str()
		q.Span = r.span()
	})
	a.Dates = getList(r, nilEmpty, func(r *docReader, d *storyfold.DateMention) {
		d.Text = r.str()
		d.Span = r.span()
		d.Date = r.articleDate()
		d.Granularity = storyfold.Granularity(r.str())
		d.Relative = r.bool()
	})
	// The meta is written {} when nil, and each entry takes two bytes at
	// least, which bounds what a damaged count can allocate.
	n := r.uint()
	if n > uint64(len(r.s)-r.i)/2 {
		r.fail(errDocShort)
		n = 0
	}
	a.Meta = make(map[string]string, n)
	for range n {
		k := r.str()
		a.Meta[k] = r.str()
	}
	a.Origin = r.str()
	a.Agencies = r.strs(nilEmpty)
	a.Hash = r.str()
	if r.bool() {
		o := &storyfold.OutletInfo{}
		for _, s := range []*string{&o.Domain, &o.Name, &o.Owner, &o.Country, &o.Language, &o.Kind, &o.Lean} {
			*s = r.str()
		}
		a.OutletInfo = o
	}
	if r.err != nil {
		return storyfold.Article{}, r.err
	}
	if r.i != len(r.s) {
		return storyfold.Article{}, fmt.Errorf("%d bytes past the article's values", len(r.s)-r.i)
	}
	return a, nil
}

// articleDate reads a date as the JSON document's reading does
// (storyfold.ParseDate), without going through encoding/json (an article
// has dozens of dates). A date that does not parse fails the document,
// as it fails the JSON one.
func (r *docReader) articleDate() storyfold.Date {
	d, err := storyfold.ParseDate(r.str())
	if err != nil {
		r.fail(err)
	}
	return d
}
