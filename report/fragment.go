package report

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// A fragment is a piece of markup a story page repeats dozens or
// hundreds of times (a citation, a link to a sentence, a heatmap cell),
// written by a small html/template of its own. Executing a template costs
// a reflective call for every escaper of every action, about 3,000 of
// them for a 15-article story, most of the page's time. A fragment
// executes its template once with a placeholder for each value and keeps
// the markup between them; then, for each value, it executes the
// template with every byte as part of the value, between different
// neighbours (probe), and keeps what the template writes for each byte
// when that is the same wherever the value is written and whatever bytes
// surround it (a byte past ASCII only when it is written as it is). A
// value made of such bytes is written between the kept pieces byte by
// byte, exactly as the template writes it; a fragment with any other
// value (a colon in an address, whose scheme html/template checks as a
// whole) is written by executing the template. So every byte of article
// content is escaped as html/template escapes it at that place, by a
// table html/template wrote.
//
// This holds where html/template escapes byte by byte, the same way
// whatever the bytes around (text, quoted attribute values, addresses:
// every place a fragment writes a value), which the probes between
// different neighbours check and TestFragments and FuzzFragments hold to
// the templates. A fragment's template must not branch on its values.
type fragment struct {
	t *template.Template // executed with a []string
	// parts is the markup around the values, holes the value written
	// between parts[k] and parts[k+1].
	parts []string
	holes []int
	// byByte tells, for each value, what the template writes for each
	// byte ("" when the byte must be left to the template); same whether
	// it writes the byte as it is; empty whether it writes "" as "".
	byByte [][256]string
	same   [][256]bool
	empty  []bool
	// known tells whether byByte holds what the template writes for a
	// byte (it is not ""), a byte a value to look up, not a string.
	known [][256]bool
}

// fragmentTemplates are the fragments' templates.
var fragmentTemplates = template.Must(template.ParseFS(templateFS, "templates/fragments.html"))

// holeMark is the placeholder of value i: letters and digits, which
// html/template writes as they are in text, attributes and addresses.
func holeMark(i int) string { return "storyfoldhole" + strconv.Itoa(i) + "x" }

// newFragment takes the template name of templates/fragments.html, of n
// values written {{index . i}}, and finds, by executing it, the markup
// around the values and what it writes for each byte of each value.
// It panics on a template whose values it cannot find: the templates are
// ours.
func newFragment(name string, n int) *fragment {
	f := &fragment{t: fragmentTemplates.Lookup(name), byByte: make([][256]string, n), same: make([][256]bool, n), empty: make([]bool, n),
		known: make([][256]bool, n)}
	if f.t == nil {
		panic("no fragment template " + name)
	}
	vals := make([]string, n)
	for i := range vals {
		vals[i] = holeMark(i)
	}
	out := f.exec(vals)
	for {
		at := strings.Index(out, "storyfoldhole")
		if at < 0 {
			break
		}
		rest := out[at+len("storyfoldhole"):]
		end := strings.IndexByte(rest, 'x')
		i, err := strconv.Atoi(rest[:max(end, 0)])
		if end < 0 || err != nil || i < 0 || i >= n {
			panic(fmt.Sprintf("fragment %s: a value's placeholder is written changed", name))
		}
		f.parts = append(f.parts, out[:at])
		f.holes = append(f.holes, i)
		out = rest[end+1:]
	}
	f.parts = append(f.parts, out)
	for i := range n {
		r, ok := f.writes(vals, i, "")
		f.empty[i] = ok && r == ""
		f.probe(vals, i)
		for c, w := range f.byByte[i] {
			f.known[i][c] = w != ""
		}
	}
	return f
}

// probe finds what the template writes for each byte of value i, in a
// few executions: every ASCII byte but the colon and Q, and then the
// bytes past ASCII together (taken only when written as they are), each
// between Qs, which no escape holds, once after a slash and before hex
// digits, once after a letter and before the Q; a byte is taken when it
// is written the same in both. The colon, which starts an address's
// scheme, and Q are probed alone and after a slash and a letter.
func (f *fragment) probe(vals []string, i int) {
	var high []byte
	for c := utf8.RuneSelf; c < 256; c++ {
		high = append(high, byte(c))
	}
	var seen [2][256]string
	for k, around := range [2][2]string{{"/", "af0"}, {"a", ""}} {
		var b strings.Builder
		for c := range utf8.RuneSelf {
			if c != ':' && c != 'Q' {
				b.WriteString("Q" + around[0] + string(rune(c)) + around[1])
			}
		}
		b.WriteString("Q" + around[0] + string(high) + around[1] + "Q")
		r, ok := f.writes(vals, i, b.String())
		chunks := strings.Split(r, "Q")
		if !ok || len(chunks) != utf8.RuneSelf+1 {
			return // no byte is written from the table: the template writes each
		}
		chunks = chunks[1 : len(chunks)-1]
		for c, j := 0, 0; c < utf8.RuneSelf; c++ {
			if c == ':' || c == 'Q' {
				continue
			}
			if w, ok := strings.CutPrefix(chunks[j], around[0]); ok {
				if w, ok := strings.CutSuffix(w, around[1]); ok {
					seen[k][c] = w
				}
			}
			j++
		}
		if chunks[len(chunks)-1] == around[0]+string(high)+around[1] {
			for _, c := range high {
				seen[k][c] = string([]byte{c})
			}
		}
	}
	for c := range 256 {
		if w := seen[0][c]; w != "" && w == seen[1][c] {
			f.byByte[i][c], f.same[i][c] = w, w == string([]byte{byte(c)})
		}
	}
	for _, c := range []byte(":Q") {
		v := string([]byte{c})
		alone, ok := f.writes(vals, i, v)
		if between, ok2 := f.writes(vals, i, "/a"+v+"af0"); ok && ok2 && alone != "" && between == "/a"+alone+"af0" {
			f.byByte[i][c], f.same[i][c] = alone, alone == v
		}
	}
}

// exec writes the fragment by executing its template.
func (f *fragment) exec(vals []string) string {
	var b strings.Builder
	if err := f.t.Execute(&b, vals); err != nil {
		panic(fmt.Sprintf("fragment %s: %v", f.t.Name(), err)) // a template of ours, with the values it names
	}
	return b.String()
}

// writes returns what the template writes for value i when it is v
// (the other values their placeholders), and whether that is the same
// wherever the value is written.
func (f *fragment) writes(vals []string, i int, v string) (string, bool) {
	vals[i] = v
	out := f.exec(vals)
	vals[i] = holeMark(i)
	count, fixed := 0, len(f.parts[len(f.parts)-1])
	for k, h := range f.holes {
		if h == i {
			count++
		} else {
			fixed += len(vals[h])
		}
		fixed += len(f.parts[k])
	}
	if count == 0 || len(out) < fixed || (len(out)-fixed)%count != 0 {
		return "", false
	}
	w := (len(out) - fixed) / count
	r, seen, rest := "", false, out
	for k, h := range f.holes {
		var ok bool
		if rest, ok = strings.CutPrefix(rest, f.parts[k]); !ok {
			return "", false
		}
		n := len(vals[h])
		if h == i {
			n = w
		}
		if len(rest) < n {
			return "", false
		}
		got := rest[:n]
		rest = rest[n:]
		switch {
		case h != i:
			if got != vals[h] {
				return "", false
			}
		case seen && got != r:
			return "", false
		default:
			r, seen = got, true
		}
	}
	return r, rest == f.parts[len(f.parts)-1]
}

// writeTo writes the fragment with vals to b, as its template writes it.
func (f *fragment) writeTo(b *htmlBuf, vals ...string) {
	for i, v := range vals {
		if v == "" && !f.empty[i] {
			// A copy, so the values of the common case stay on the
			// caller's stack.
			b.WriteString(f.exec(append([]string(nil), vals...)))
			return
		}
		known := &f.known[i]
		for j := range len(v) {
			if !known[v[j]] {
				b.WriteString(f.exec(append([]string(nil), vals...)))
				return
			}
		}
	}
	for k, i := range f.holes {
		b.WriteString(f.parts[k])
		f.write(b, i, vals[i])
	}
	b.WriteString(f.parts[len(f.parts)-1])
}

// write writes value i byte by byte as the template writes it.
func (f *fragment) write(b *htmlBuf, i int, v string) {
	same, by := &f.same[i], &f.byByte[i]
	from := 0
	for j := range len(v) {
		if !same[v[j]] {
			b.WriteString(v[from:j])
			b.WriteString(by[v[j]])
			from = j + 1
		}
	}
	b.WriteString(v[from:])
}

// htmlBuf is where a part of a page is written before the template
// writes it: a buffer of the pool, so that a page's parts are not each
// grown from nothing, doubling, for every request (half a megabyte of
// garbage a 15-article page when they were strings.Builders).
type htmlBuf struct{ b []byte }

// htmlBufs are the buffers of page parts; one grown past maxPooledBuf is
// dropped, not kept for the next.
var htmlBufs = sync.Pool{New: func() any { return new(htmlBuf) }}

const maxPooledBuf = 1 << 20

// newHTMLBuf takes a buffer from the pool.
func newHTMLBuf() *htmlBuf { return htmlBufs.Get().(*htmlBuf) }

// WriteString appends s.
func (h *htmlBuf) WriteString(s string) { h.b = append(h.b, s...) }

// WriteByte appends c; it never fails.
func (h *htmlBuf) WriteByte(c byte) error {
	h.b = append(h.b, c)
	return nil
}

// done returns what was written, as markup, and gives the buffer back
// to the pool.
func (h *htmlBuf) done() template.HTML {
	s := template.HTML(h.b)
	if cap(h.b) <= maxPooledBuf {
		h.b = h.b[:0]
		htmlBufs.Put(h)
	}
	return s
}

// String returns what was written, keeping the buffer.
func (h *htmlBuf) String() string { return string(h.b) }
