package compare

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/sorted"
	"github.com/storyfold/storyfold/nlp"
)

// Claims across languages. The same-claim scorer reads words of one
// language, so a German and an English sentence of one story never share
// its terms. Two such sentences state one claim when they share enough of
// what needs no translation: the names they give (their keys across
// languages, Selenskyj and Zelensky alike: nlp.Term's Cross), the figures
// they write in digits and the days their dates give. The rule was
// chosen on the tuning half of the SemEval-2022 German-English stories
// (BENCHMARKS.md, issue 18): names alone, even three, joined sentences
// that only speak of the same people (4 of 17 right), and a figure with
// them was right each time, though it is rare.
const (
	// maxCrossPostings bounds the sentences a name looks through for
	// pairs, so a large story of two languages costs no square of its
	// sentences: a name in more sentences than this is no anchor.
	maxCrossPostings = 256
	// crossNames is how many names two sentences must share, with at
	// least crossFigures figures or days.
	crossNames   = 1
	crossFigures = 1
)

// anchors are what a unit says that needs no translation, each list
// distinct and sorted.
type anchors struct {
	names   []string
	figures []string
}

// multilingual reports whether a story's articles are in more than one
// detected language. An article whose language is unknown counts as none.
func multilingual(members []*storyfold.Article) bool {
	first := ""
	for _, a := range members {
		if a.Language == "" {
			continue
		}
		if first == "" {
			first = a.Language
		} else if a.Language != first {
			return true
		}
	}
	return false
}

// unitAnchors reads the anchors of every unit of a story.
func unitAnchors(units []unit, members []*storyfold.Article) []anchors {
	an := nlp.NewAnalyzer()
	out := make([]anchors, len(units))
	for i := range units {
		u := &units[i]
		a := members[u.article]
		if a.Language == "" || u.listed || u.formula {
			continue
		}
		text := a.Text[u.span.Start:u.span.End]
		var x anchors
		an.SetLanguage(a.Language)
		an.TextTerms(text, func(t nlp.Term) {
			if t.Name && len(t.Cross) > 2 {
				x.names = append(x.names, t.Cross)
			}
		})
		for _, t := range nlp.Tokenize(nil, text) {
			if t.Kind == nlp.Number && !partOfName(text, int(t.Start), int(t.End)) {
				if f := figureKey(t.Text(text)); f != "" {
					x.figures = append(x.figures, f)
				}
			}
		}
		for _, d := range u.dates {
			if d.Granularity == storyfold.GranularityDay && d.Date.Known() {
				x.figures = append(x.figures, "day "+d.Date.String()[:10])
			}
		}
		slices.Sort(x.names)
		x.names = slices.Compact(x.names)
		slices.Sort(x.figures)
		x.figures = slices.Compact(x.figures)
		out[i] = x
	}
	return out
}

// figureKey writes a number as digits with a dot for its decimal mark, so
// "1.000" (German), "1,000" (English) and "1000" meet, and "2,5" meets
// "2.5". Numbers under 10 without decimals are no anchor: English writes
// them in words. A group of three digits after a mark is read as
// thousands.
func figureKey(s string) string {
	s = strings.TrimRight(s, ".,")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
		case c == '.' || c == ',':
			rest := len(s) - i - 1
			digits := 0
			for j := i + 1; j < len(s) && s[j] >= '0' && s[j] <= '9'; j++ {
				digits++
			}
			if digits == 3 && (rest == 3 || (rest > 3 && (s[i+4] == '.' || s[i+4] == ','))) {
				continue // a thousands separator
			}
			b.WriteByte('.')
		default:
			return ""
		}
	}
	k := b.String()
	if len(k) == 1 {
		return ""
	}
	return k
}

// crossSame tells whether two units of different languages state one
// claim by their anchors, and how strongly (the anchors they share).
func crossSame(a, b *anchors) (int, bool) {
	names := sorted.Shared(a.names, b.names)
	figures := sorted.Shared(a.figures, b.figures)
	ok := names >= crossNames && figures >= crossFigures
	return names + figures, ok
}

// crossPair is a pair of units of articles in different languages that
// state one claim by their anchors.
type crossPair struct {
	a, b  int
	score int
}

// crossFacts joins the facts of a story's languages that state one claim:
// a fact (or a sentence only one article has) joins a fact of another
// language when a sentence of each shares enough anchors, when they hold
// no article in common and when most of their sampled pairs across
// languages agree, so a chain of near pairs does not join two claims. The
// facts joined are marked cross-language; the others are returned as
// they were, in their order.
func crossFacts(facts []*factGroup, units []unit, members []*storyfold.Article) []*factGroup {
	// The facts are copied as they are joined: the caller keeps the
	// facts of each language as they were.
	facts = slices.Clone(facts)
	x := unitAnchors(units, members)
	lang := func(u int) string { return members[units[u].article].Language }
	byName := map[string][]int{}
	for i := range x {
		for _, n := range x[i].names {
			byName[n] = append(byName[n], i)
		}
	}
	var pairs []crossPair
	seen := map[[2]int]bool{}
	for i := range x {
		if lang(i) == "" {
			continue
		}
		for _, n := range x[i].names {
			if len(byName[n]) > maxCrossPostings {
				continue // a name most sentences give anchors nothing
			}
			for _, j := range byName[n] {
				if j <= i || lang(j) == "" || lang(j) == lang(i) || seen[[2]int{i, j}] {
					continue
				}
				seen[[2]int{i, j}] = true
				if s, ok := crossSame(&x[i], &x[j]); ok {
					pairs = append(pairs, crossPair{i, j, s})
				}
			}
		}
	}
	if len(pairs) == 0 {
		return facts
	}
	slices.SortFunc(pairs, func(p, q crossPair) int {
		if c := cmp.Compare(q.score, p.score); c != 0 {
			return c
		}
		if c := cmp.Compare(p.a, q.a); c != 0 {
			return c
		}
		return cmp.Compare(p.b, q.b)
	})
	factOf := make([]int, len(units))
	for i := range factOf {
		factOf[i] = -1
	}
	for fi, f := range facts {
		for _, u := range f.members {
			factOf[u] = fi
		}
	}
	// agree samples the pairs across languages of two facts' members.
	agree := func(fa, fb *factGroup) bool {
		near, seen := 0, 0
		sa, sb := max(1, len(fa.members)/sampleSize), max(1, len(fb.members)/sampleSize)
		for i := 0; i < len(fa.members); i += sa {
			for j := 0; j < len(fb.members); j += sb {
				u, v := fa.members[i], fb.members[j]
				if lang(u) == lang(v) || lang(u) == "" || lang(v) == "" {
					continue
				}
				seen++
				if _, ok := crossSame(&x[u], &x[v]); ok {
					near++
				}
			}
		}
		return seen > 0 && 2*near >= seen
	}
	gone := make([]bool, len(facts))
	for _, p := range pairs {
		fa, fb := factOf[p.a], factOf[p.b]
		if fa < 0 || fb < 0 || fa == fb {
			continue
		}
		a, b := facts[fa], facts[fb]
		if sharesArticle(units, a, b) || !agree(a, b) {
			continue
		}
		// The larger fact takes the other; its wording stands.
		if len(b.members) > len(a.members) {
			fa, fb, a, b = fb, fa, b, a
		}
		if !a.cross {
			c := *a
			c.members, c.extra = slices.Clone(a.members), slices.Clone(a.extra)
			a = &c
			facts[fa] = a
		}
		a.pos = (a.pos*float64(len(a.members)) + b.pos*float64(len(b.members))) / float64(len(a.members)+len(b.members))
		a.members = append(a.members, b.members...)
		a.extra = append(a.extra, b.extra...)
		slices.SortFunc(a.members, func(u, v int) int { return cmp.Compare(units[u].article, units[v].article) })
		slices.Sort(a.extra)
		a.cross = true
		for _, u := range b.members {
			factOf[u] = fa
		}
		gone[fb] = true
	}
	out := facts[:0:0]
	for fi, f := range facts {
		if !gone[fi] {
			out = append(out, f)
		}
	}
	return out
}

// sharesArticle reports whether two facts hold a sentence of one article.
func sharesArticle(units []unit, a, b *factGroup) bool {
	for _, u := range a.members {
		for _, v := range b.members {
			if units[u].article == units[v].article {
				return true
			}
		}
	}
	for _, u := range a.extra {
		for _, v := range b.members {
			if units[u].article == units[v].article {
				return true
			}
		}
	}
	for _, u := range b.extra {
		for _, v := range a.members {
			if units[u].article == units[v].article {
				return true
			}
		}
	}
	return false
}

// partOfName reports whether the number at text[start:end] is part of a
// name or a word ("COVID-19", "G7", "2nd"), not a figure: a letter, or a
// hyphen after a letter, touches it.
func partOfName(text string, start, end int) bool {
	if end < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[end:]); unicode.IsLetter(r) {
			return true
		}
	}
	if start > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsLetter(r) {
			return true
		}
		if r == '-' && start-n > 0 {
			if r2, _ := utf8.DecodeLastRuneInString(text[:start-n]); unicode.IsLetter(r2) {
				return true
			}
		}
	}
	return false
}
