package record

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

// A story's document is kept in a binary form of our own: reading a
// story's JSON was a third of what a story page cost the server (1.3 of
// 4.4 ms at 200,000 articles), most of it encoding/json matching field
// names and allocating a string a value, where this form reads the lists'
// lengths and slices every string from one copy of the document. It
// opens with docMagic (a byte no JSON document and no zstd frame opens
// with) and its version; Story still reads the JSON documents of stores
// written before it.
//
// What Story reads from it is exactly what it would read from the JSON
// of the same story (TestStoryBinaryMatchesJSON): lists the JSON writes
// as [] when empty or null come back empty or nil as they would, strings
// as encoding/json would leave them (each byte of invalid UTF-8 is U+FFFD),
// dates as written and parsed again. So every page, answer and report
// made from a stored story is the same, byte for byte, whichever form it
// was kept in.
//
// Version 2 adds the story's languages after its omitted counts and a
// fact's cross-language mark after its omissions; a version 1 document is
// read with no languages and no fact marked (Story then gives an empty list,
// as it does for a JSON document written before the field).
const (
	docMagic   = 0x00
	docVersion = 2
)

// isBinaryDoc tells a story document of this form from a JSON one.
func isBinaryDoc(doc []byte) bool { return len(doc) > 0 && doc[0] == docMagic }

// errDocShort is a binary document that ends before its values do.
var errDocShort = errors.New("the document ends early")

// storyBinary writes a story's document in the binary form.
func storyBinary(st *storyfold.Story) []byte {
	return appendStoryBinary(make([]byte, 0, 4096), st)
}

// appendStoryBinary appends a story's document in the binary form to b,
// so that a buffer can be kept for the next story (storyBuffers).
func appendStoryBinary(b []byte, st *storyfold.Story) []byte {
	w := &docWriter{b: b}
	w.b = append(w.b, docMagic, docVersion)
	w.str(st.ID)
	w.str(st.Headline)
	w.strs(st.Articles)
	w.strs(st.Sources)
	w.date(st.First)
	w.date(st.Last)
	putList(w, st.Summary, func(w *docWriter, s *storyfold.SummarySentence) {
		w.str(s.Text)
		w.strs(s.Articles)
		w.str(string(s.Part))
		putList(w, s.Cites, (*docWriter).ref)
	})
	putList(w, st.Facts, func(w *docWriter, f *storyfold.Fact) {
		w.str(f.Text)
		w.strs(f.Articles)
		putList(w, f.Variants, (*docWriter).variant)
		putList(w, f.Quantities, func(w *docWriter, q *storyfold.Quantity) {
			w.str(string(q.Kind))
			w.float(q.Value)
			w.float(q.Max)
			w.str(q.Unit)
			w.bool(q.Approx)
			w.str(q.Text)
			w.span(q.Span)
		})
		w.int(f.Sources)
		w.strs(f.OmittedBy)
		w.bool(f.CrossLanguage)
	})
	putList(w, st.Quotes, func(w *docWriter, q *storyfold.Quote) {
		w.str(q.Speaker)
		w.str(q.Text)
		w.strs(q.Articles)
		putList(w, q.Variants, (*docWriter).variant)
		w.str(string(q.Kind))
	})
	putList(w, st.Entities, func(w *docWriter, e *storyfold.Entity) {
		w.str(e.Name)
		w.str(string(e.Type))
		w.strs(e.Aliases)
		w.strs(e.Roles)
		w.strs(e.Articles)
		putList(w, e.Mentions, func(w *docWriter, s *storyfold.Span) { w.span(*s) })
	})
	putList(w, st.Conflicts, func(w *docWriter, c *storyfold.Conflict) {
		w.str(string(c.Kind))
		w.str(c.Description)
		putList(w, c.Claims, func(w *docWriter, cl *storyfold.Claim) {
			w.str(cl.Article)
			w.str(cl.Text)
			w.str(cl.Value)
			w.span(cl.Sentence)
		})
		w.str(c.Majority)
	})
	putList(w, st.Families, func(w *docWriter, f *storyfold.Family) {
		w.str(string(f.Kind))
		w.strs(f.Articles)
		w.strs(f.Evidence)
		w.str(f.Origin)
		w.str(f.Agency)
	})
	putList(w, st.Exclusive, func(w *docWriter, x *storyfold.Exclusive) {
		w.str(x.Article)
		w.str(x.Source)
		w.str(x.Text)
	})
	putList(w, st.Timeline, func(w *docWriter, e *storyfold.Event) {
		w.date(e.Date)
		w.str(string(e.Granularity))
		w.str(e.Text)
		w.strs(e.Articles)
		putList(w, e.Cites, (*docWriter).ref)
	})
	w.int(st.IndependentSources)
	w.bool(st.Omitted != nil)
	if o := st.Omitted; o != nil {
		for _, n := range []int{o.Summary, o.Facts, o.Quotes, o.Entities, o.Variants, o.Conflicts, o.Families, o.Exclusive, o.Timeline} {
			w.int(n)
		}
	}
	putList(w, st.Languages, func(w *docWriter, l *storyfold.LanguageCount) {
		w.str(l.Language)
		w.int(l.Articles)
	})
	return w.b
}

// storyFromText reads a story's document in the binary form, held in a
// string: every string of the story is a slice of it.
func storyFromText(doc string) (*storyfold.Story, error) {
	if len(doc) < 2 || doc[1] < 1 || doc[1] > docVersion {
		return nil, fmt.Errorf("a story document of version %d, which this storyfold does not read (it reads %d)", doc[min(1, len(doc)-1)], docVersion)
	}
	r := &docReader{s: doc[2:], version: doc[1]}
	st := &storyfold.Story{}
	st.ID = r.str()
	st.Headline = r.str()
	st.Articles = r.strs(keepNil)
	st.Sources = r.strs(keepNil)
	st.First = r.date()
	st.Last = r.date()
	st.Summary = getList(r, keepNil, func(r *docReader, s *storyfold.SummarySentence) {
		s.Text = r.str()
		s.Articles = r.strs(keepNil)
		s.Part = storyfold.SummaryPart(r.str())
		s.Cites = getList(r, keepNil, (*docReader).ref)
	})
	// A fact, a variant and an event write their lists as [] when nil
	// (their MarshalJSON methods), which JSON reads back empty.
	st.Facts = getList(r, keepNil, func(r *docReader, f *storyfold.Fact) {
		f.Text = r.str()
		f.Articles = r.strs(nilEmpty)
		f.Variants = getList(r, nilEmpty, (*docReader).variant)
		f.Quantities = getList(r, nilEmpty, func(r *docReader, q *storyfold.Quantity) {
			q.Kind = storyfold.QuantityKind(r.str())
			q.Value = r.float()
			q.Max = r.float()
			q.Unit = r.str()
			q.Approx = r.bool()
			q.Text = r.str()
			q.Span = r.span()
		})
		f.Sources = r.int()
		f.OmittedBy = r.strs(nilEmpty)
		if r.version >= 2 {
			f.CrossLanguage = r.bool()
		}
	})
	st.Quotes = getList(r, keepNil, func(r *docReader, q *storyfold.Quote) {
		q.Speaker = r.str()
		q.Text = r.str()
		q.Articles = r.strs(keepNil)
		q.Variants = getList(r, keepNil, (*docReader).variant)
		q.Kind = storyfold.QuoteKind(r.str())
	})
	st.Entities = getList(r, keepNil, func(r *docReader, e *storyfold.Entity) {
		e.Name = r.str()
		e.Type = storyfold.EntityType(r.str())
		e.Aliases = r.strs(keepNil)
		e.Roles = r.strs(keepNil)
		e.Articles = r.strs(keepNil)
		// Mentions are left out of the JSON when empty (omitempty).
		e.Mentions = getList(r, emptyNil, func(r *docReader, s *storyfold.Span) { *s = r.span() })
	})
	st.Conflicts = getList(r, keepNil, func(r *docReader, c *storyfold.Conflict) {
		c.Kind = storyfold.ConflictKind(r.str())
		c.Description = r.str()
		c.Claims = getList(r, keepNil, func(r *docReader, cl *storyfold.Claim) {
			cl.Article = r.str()
			cl.Text = r.str()
			cl.Value = r.str()
			cl.Sentence = r.span()
		})
		c.Majority = r.str()
	})
	st.Families = getList(r, keepNil, func(r *docReader, f *storyfold.Family) {
		f.Kind = storyfold.FamilyKind(r.str())
		f.Articles = r.strs(keepNil)
		f.Evidence = r.strs(keepNil)
		f.Origin = r.str()
		f.Agency = r.str()
	})
	st.Exclusive = getList(r, keepNil, func(r *docReader, x *storyfold.Exclusive) {
		x.Article = r.str()
		x.Source = r.str()
		x.Text = r.str()
	})
	st.Timeline = getList(r, keepNil, func(r *docReader, e *storyfold.Event) {
		e.Date = r.date()
		e.Granularity = storyfold.Granularity(r.str())
		e.Text = r.str()
		e.Articles = r.strs(nilEmpty)
		e.Cites = getList(r, nilEmpty, (*docReader).ref)
	})
	st.IndependentSources = r.int()
	if r.bool() {
		o := &storyfold.Omitted{}
		for _, n := range []*int{&o.Summary, &o.Facts, &o.Quotes, &o.Entities, &o.Variants, &o.Conflicts, &o.Families, &o.Exclusive, &o.Timeline} {
			*n = r.int()
		}
		st.Omitted = o
	}
	if r.version >= 2 {
		st.Languages = getList(r, keepNil, func(r *docReader, l *storyfold.LanguageCount) {
			l.Language = r.str()
			l.Articles = r.int()
		})
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.i != len(r.s) {
		return nil, fmt.Errorf("%d bytes past the story's values", len(r.s)-r.i)
	}
	return st, nil
}

// docWriter appends the values of a binary document.
type docWriter struct{ b []byte }

func (w *docWriter) uint(n uint64) { w.b = binary.AppendUvarint(w.b, n) }
func (w *docWriter) int(n int)     { w.b = binary.AppendVarint(w.b, int64(n)) }

func (w *docWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

func (w *docWriter) float(f float64) {
	w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(f))
}

// str writes a string as encoding/json would give it back: each byte of
// invalid UTF-8 replaced by U+FFFD.
func (w *docWriter) str(s string) {
	if !utf8.ValidString(s) {
		s = jsonValid(s)
	}
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

// length writes a list's length, 0 for a nil list and n+1 for n values,
// so that a reader can give nil back where JSON would.
func (w *docWriter) length(n int, isNil bool) {
	if isNil {
		w.uint(0)
		return
	}
	w.uint(uint64(n) + 1)
}

func (w *docWriter) strs(ss []string) {
	w.length(len(ss), ss == nil)
	for _, s := range ss {
		w.str(s)
	}
}

func (w *docWriter) span(s storyfold.Span) {
	w.int(s.Start)
	w.int(s.End)
}

// date writes a date as its JSON does, to be parsed as its JSON is.
func (w *docWriter) date(d storyfold.Date) { w.str(d.String()) }

func (w *docWriter) ref(r *storyfold.SentenceRef) {
	w.str(r.Article)
	w.span(r.Sentence)
}

func (w *docWriter) variant(v *storyfold.Variant) {
	w.str(v.Article)
	w.str(v.Text)
	w.str(v.Diff)
	w.strs(v.Missing)
	w.strs(v.Added)
	w.bool(v.Sentence != nil)
	if v.Sentence != nil {
		w.span(*v.Sentence)
	}
}

func putList[T any](w *docWriter, xs []T, put func(*docWriter, *T)) {
	w.length(len(xs), xs == nil)
	for i := range xs {
		put(w, &xs[i])
	}
}

// jsonValid is s as encoding/json writes it and reads it back: each byte
// that is not part of valid UTF-8 becomes U+FFFD.
func jsonValid(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// docReader reads the values of a binary document. The first value it
// cannot read sets err, after which every read gives a zero value.
type docReader struct {
	s   string
	i   int
	err error
	// version is the document's version, for the values later versions
	// added.
	version byte
}

func (r *docReader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.i = len(r.s)
}

func (r *docReader) uint() uint64 {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.i >= len(r.s) {
			r.fail(errDocShort)
			return 0
		}
		c := r.s[r.i]
		r.i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.fail(errors.New("a number of more than 64 bits"))
	return 0
}

func (r *docReader) int() int {
	u := r.uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	if int64(int(v)) != v {
		r.fail(fmt.Errorf("the number %d does not fit an int", v))
		return 0
	}
	return int(v)
}

func (r *docReader) bool() bool {
	if r.i >= len(r.s) {
		r.fail(errDocShort)
		return false
	}
	c := r.s[r.i]
	r.i++
	return c != 0
}

func (r *docReader) float() float64 {
	if len(r.s)-r.i < 8 {
		r.fail(errDocShort)
		return 0
	}
	var u uint64
	for k := 7; k >= 0; k-- {
		u = u<<8 | uint64(r.s[r.i+k])
	}
	r.i += 8
	return math.Float64frombits(u)
}

func (r *docReader) str() string {
	n := r.uint()
	if n > uint64(len(r.s)-r.i) {
		r.fail(errDocShort)
		return ""
	}
	s := r.s[r.i : r.i+int(n)]
	r.i += int(n)
	return s
}

// length reads a list's length. Every value takes a byte at least, so a
// list cannot hold more values than the bytes left: a damaged length
// fails here rather than allocating.
func (r *docReader) length() (n int, isNil bool) {
	v := r.uint()
	if v == 0 {
		return 0, true
	}
	if v-1 > uint64(len(r.s)-r.i) {
		r.fail(errDocShort)
		return 0, true
	}
	return int(v - 1), false
}

// nils says how a list comes back from JSON: nil as it was saved
// (keepNil), never nil because JSON writes it [] (nilEmpty), or nil when
// empty because JSON leaves it out (emptyNil).
type nils int

const (
	keepNil nils = iota
	nilEmpty
	emptyNil
)

func getList[T any](r *docReader, mode nils, get func(*docReader, *T)) []T {
	n, isNil := r.length()
	switch {
	case n == 0 && (mode == emptyNil || isNil && mode == keepNil):
		return nil
	case n == 0:
		return []T{}
	}
	out := make([]T, n)
	for i := range out {
		get(r, &out[i])
	}
	return out
}

func (r *docReader) strs(mode nils) []string {
	return getList(r, mode, func(r *docReader, s *string) { *s = r.str() })
}

func (r *docReader) span() storyfold.Span { return storyfold.Span{Start: r.int(), End: r.int()} }

func (r *docReader) date() storyfold.Date { return Date(r.str()) }

func (r *docReader) ref(c *storyfold.SentenceRef) {
	c.Article = r.str()
	c.Sentence = r.span()
}

func (r *docReader) variant(v *storyfold.Variant) {
	v.Article = r.str()
	v.Text = r.str()
	v.Diff = r.str()
	v.Missing = r.strs(nilEmpty)
	v.Added = r.strs(nilEmpty)
	if r.bool() {
		s := r.span()
		v.Sentence = &s
	}
}
