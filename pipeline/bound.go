package pipeline

import (
	"slices"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

// MaxAccountBytes bounds the JSON of a story's account. An account's size
// is bounded per article but its lists grow with its groups times its
// articles: four copies of a 10 MB article of crafted quotes made one
// story of over 256 MB of JSON, the most the stores' decoder will unpack,
// so its page failed for good. 32 MiB is an eighth of that limit, so an
// error of the estimate below, however large, still leaves a document
// that reads back; it is about six times the largest account measured
// (5.5 MB of JSON for a story of 1,003 articles), so no real story is
// touched; and a server decoding such a document for a page holds a few
// times 32 MiB of heap, not a gigabyte. It is a variable so that tests
// can bound small stories.
var MaxAccountBytes = 32 << 20

// entryShare is the part of MaxAccountBytes one fact or quote group may
// take with its variants before they are cut: a group repeated across
// thousands of articles must not crowd out every other group. The
// largest measured (a fact of 665 variants) takes 226 KB, a tenth of it.
const entryShare = 16

// Bound cuts the lists of a story's account to keep its JSON under limit
// bytes (as estimated, see size), recording in st.Omitted how many entries
// each list lost; a story under the limit is left exactly as it was. The
// budget is shared out as water fills vessels: lists smaller than an equal
// share are kept whole and what they leave is shared among the others,
// each of which keeps its first entries, in its own order (facts by the
// sources reporting them, quote groups by speaker), up to its share. A
// fact or quote group larger than limit/entryShare keeps its first
// variants up to that.
func Bound(st *storyfold.Story, limit int) {
	if limit <= 0 {
		return
	}
	var om storyfold.Omitted
	if st.Omitted != nil {
		om = *st.Omitted // what grouping left out (quote.GroupBounded)
	}
	entryMax := limit / entryShare
	for i := range st.Facts {
		f := &st.Facts[i]
		if n := factSize(f); n > entryMax {
			om.Variants += cutVariants(&f.Variants, n-variantsSize(f.Variants), entryMax)
		}
	}
	for i := range st.Quotes {
		q := &st.Quotes[i]
		if n := quoteSize(q); n > entryMax {
			om.Variants += cutVariants(&q.Variants, n-variantsSize(q.Variants), entryMax)
		}
	}
	lists := []*list{
		newList(&st.Summary, summarySize, &om.Summary),
		newList(&st.Facts, factSize, &om.Facts),
		newList(&st.Quotes, quoteSize, &om.Quotes),
		newList(&st.Entities, entitySize, &om.Entities),
		newList(&st.Conflicts, conflictSize, &om.Conflicts),
		newList(&st.Families, familySize, &om.Families),
		newList(&st.Exclusive, exclusiveSize, &om.Exclusive),
		newList(&st.Timeline, eventSize, &om.Timeline),
	}
	fixed := 400 + str(st.ID) + str(st.Headline) + strs(st.Articles) + strs(st.Sources)
	total := fixed
	for _, l := range lists {
		total += l.total
	}
	if total <= limit && om.Variants == 0 {
		return // st.Omitted, if set, is as grouping left it
	}
	if total > limit {
		// The level: lists are taken smallest first, each kept whole while
		// it fits an equal share of what is left.
		slices.SortStableFunc(lists, func(a, b *list) int { return a.total - b.total })
		left := max(limit-fixed, 0)
		for i, l := range lists {
			share := left / (len(lists) - i)
			if l.total <= share {
				left -= l.total
				continue
			}
			l.cut(share)
			left -= l.kept
		}
	}
	st.Omitted = &om
}

// list is one list of an account with its entries' sizes, and a way to
// cut it to its first entries.
type list struct {
	sizes   []int
	total   int
	kept    int
	cutTo   func(n int)
	omitted *int
}

func newList[T any](s *[]T, size func(*T) int, omitted *int) *list {
	l := &list{sizes: make([]int, len(*s)), omitted: omitted}
	for i := range *s {
		l.sizes[i] = size(&(*s)[i])
		l.total += l.sizes[i]
	}
	l.cutTo = func(n int) {
		*l.omitted += len(*s) - n
		// A copy, so that the entries cut are not kept alive by the
		// list's spare capacity.
		*s = slices.Clone((*s)[:n])
	}
	return l
}

// cut keeps the list's first entries whose sizes add up to at most budget.
func (l *list) cut(budget int) {
	n, sum := 0, 0
	for n < len(l.sizes) && sum+l.sizes[n] <= budget {
		sum += l.sizes[n]
		n++
	}
	l.kept = sum
	l.cutTo(n)
}

// cutVariants keeps a group's first variants that fit within entryMax
// together with the rest of the group (base bytes), at least one, and
// returns how many it left out.
func cutVariants(vs *[]storyfold.Variant, base, entryMax int) int {
	n, sum := 0, base
	for n < len(*vs) {
		sum += variantSize(&(*vs)[n])
		if sum > entryMax && n > 0 {
			break
		}
		n++
	}
	out := len(*vs) - n
	*vs = slices.Clone((*vs)[:n])
	return out
}

// The sizes below estimate the JSON encoding/json writes for each entry
// of an account, from above: every string with its quotes and escapes
// (HTML characters and controls take six bytes, as encoding/json writes
// them), every key and separator counted generously. An estimate rather
// than the encoding itself, because it costs a pass over the strings and
// no allocation, on every story built.

// jsonExtra is, for each byte, what encoding/json writes beyond the byte
// itself when it stands alone: 5 for the HTML characters and controls
// (written as \u00XX), 0 for other ASCII; a byte past ASCII starts or
// continues a character (jsonMulti) that str decodes. A look-up a byte
// instead of six comparisons: str reads every string of every account.
var jsonExtra = func() (t [256]uint8) {
	for b := range 256 {
		switch {
		case b >= utf8.RuneSelf:
			t[b] = jsonMulti
		case b < 0x20 || b == '"' || b == '\\' || b == '<' || b == '>' || b == '&':
			t[b] = 5
		}
	}
	return t
}()

// jsonMulti marks the bytes of jsonExtra past ASCII.
const jsonMulti = 0xff

// str is the size of a JSON string.
func str(s string) int {
	n := len(s) + 2
	for i := 0; i < len(s); {
		e := jsonExtra[s[i]]
		if e == 0 {
			i++
			continue
		}
		if e != jsonMulti {
			n += int(e)
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			n += 5 // written as \ufffd
		case r == '\u2028' || r == '\u2029':
			n += 3
		}
		i += w
	}
	return n
}

// strs is the size of a JSON list of strings.
func strs(ss []string) int {
	n := 2
	for _, s := range ss {
		n += str(s) + 1
	}
	return n
}

// spanSize bounds a span, [start,end], of offsets under ten digits.
const spanSize = 24

func citesSize(cs []storyfold.SentenceRef) int {
	n := 2
	for _, c := range cs {
		n += 32 + str(c.Article) + spanSize
	}
	return n
}

func variantSize(v *storyfold.Variant) int {
	return 80 + str(v.Article) + str(v.Text) + str(v.Diff) + strs(v.Missing) + strs(v.Added) + spanSize
}

func variantsSize(vs []storyfold.Variant) int {
	n := 2
	for i := range vs {
		n += variantSize(&vs[i]) + 1
	}
	return n
}

func summarySize(s *storyfold.SummarySentence) int {
	return 60 + str(s.Text) + strs(s.Articles) + str(string(s.Part)) + citesSize(s.Cites)
}

func factSize(f *storyfold.Fact) int {
	n := 100 + str(f.Text) + strs(f.Articles) + variantsSize(f.Variants) + strs(f.OmittedBy)
	for _, q := range f.Quantities {
		n += 120 + str(string(q.Kind)) + str(q.Unit) + str(q.Text) + spanSize
	}
	return n
}

func quoteSize(q *storyfold.Quote) int {
	return 70 + str(q.Speaker) + str(q.Text) + strs(q.Articles) + variantsSize(q.Variants) + str(string(q.Kind))
}

func entitySize(e *storyfold.Entity) int {
	return 80 + str(e.Name) + str(string(e.Type)) + strs(e.Aliases) + strs(e.Roles) + strs(e.Articles) + len(e.Mentions)*(spanSize+1) + 16
}

func conflictSize(c *storyfold.Conflict) int {
	n := 80 + str(string(c.Kind)) + str(c.Description) + str(c.Majority)
	for _, cl := range c.Claims {
		n += 60 + str(cl.Article) + str(cl.Text) + str(cl.Value) + spanSize
	}
	return n
}

func familySize(f *storyfold.Family) int {
	return 80 + str(string(f.Kind)) + strs(f.Articles) + strs(f.Evidence) + str(f.Origin) + str(f.Agency)
}

func exclusiveSize(e *storyfold.Exclusive) int {
	return 40 + str(e.Article) + str(e.Source) + str(e.Text)
}

func eventSize(e *storyfold.Event) int {
	return 80 + 40 + str(string(e.Granularity)) + str(e.Text) + strs(e.Articles) + citesSize(e.Cites)
}
