package report

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
)

// A fragment is a piece of markup a story page repeats dozens or
// hundreds of times (a citation, a link to a sentence, a heatmap cell),
// written by a small html/template of its own. Executing a template costs
// a reflective call for every escaper of every action, about 3,000 of
// them for a 15-article story, most of the page's time; a fragment
// executes its template once, with a placeholder for each value, and
// keeps the markup between the placeholders. A value html/template would
// write as it is (every byte of it one the template was seen to write
// unchanged at that place, see newFragment) is then written between the
// kept pieces directly; a fragment with any other value (an ID, outlet or
// address holding a quote, an ampersand, a colon, a space in an address)
// is written by executing the template, so every byte of article content
// is still escaped by html/template's own rules, or shown to need none.
//
// Values are only written where html/template escapes them byte by byte
// and the same way whatever the bytes around them: text, quoted attribute
// values and addresses (whose scheme check is ruled out by a colon never
// being written as it is). A fragment's template must not branch on its
// values.
type fragment struct {
	t *template.Template // executed with a []string
	// parts is the markup around the values, holes the value written
	// between parts[k] and parts[k+1].
	parts []string
	holes []int
	// plain tells, for each value, the bytes the template writes as they
	// are in every place it writes the value; empty whether it writes ""
	// as "".
	plain [][256]bool
	empty []bool
}

// fragmentTemplates are the fragments' templates.
var fragmentTemplates = template.Must(template.ParseFS(templateFS, "templates/fragments.html"))

// holeMark is the placeholder of value i: letters and digits, which
// html/template writes as they are in text, attributes and addresses.
func holeMark(i int) string { return "storyfoldhole" + strconv.Itoa(i) + "x" }

// newFragment takes the template name of templates/fragments.html, of n
// values written {{index . i}}, and finds, by executing it, the markup
// around the values and the bytes it writes as they are for each value.
// It panics on a template whose values it cannot find: the templates are
// ours.
func newFragment(name string, n int) *fragment {
	f := &fragment{t: fragmentTemplates.Lookup(name), plain: make([][256]bool, n), empty: make([]bool, n)}
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
		probe := func(v string) bool {
			vals[i] = v
			defer func() { vals[i] = holeMark(i) }()
			return f.exec(vals) == f.join(vals)
		}
		f.empty[i] = probe("")
		for c := range 256 {
			f.plain[i][c] = probe(string([]byte{byte(c)}))
		}
	}
	return f
}

// exec writes the fragment by executing its template.
func (f *fragment) exec(vals []string) string {
	var b strings.Builder
	if err := f.t.Execute(&b, vals); err != nil {
		panic(fmt.Sprintf("fragment %s: %v", f.t.Name(), err)) // a template of ours, with the values it names
	}
	return b.String()
}

// join writes the kept markup with the values as they are.
func (f *fragment) join(vals []string) string {
	var b strings.Builder
	f.joinTo(&b, vals)
	return b.String()
}

func (f *fragment) joinTo(b *strings.Builder, vals []string) {
	for k, i := range f.holes {
		b.WriteString(f.parts[k])
		b.WriteString(vals[i])
	}
	b.WriteString(f.parts[len(f.parts)-1])
}

// asIs reports whether the template writes every value as it is.
func (f *fragment) asIs(vals []string) bool {
	for i, v := range vals {
		if v == "" && !f.empty[i] {
			return false
		}
		for j := range len(v) {
			if !f.plain[i][v[j]] {
				return false
			}
		}
	}
	return true
}

// writeTo writes the fragment with vals to b, as its template writes it.
func (f *fragment) writeTo(b *strings.Builder, vals ...string) {
	if f.asIs(vals) {
		f.joinTo(b, vals)
		return
	}
	// A copy, so the values of the common case stay on the caller's stack.
	b.WriteString(f.exec(append([]string(nil), vals...)))
}
