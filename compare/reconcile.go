package compare

import (
	"slices"
	"sort"

	"github.com/storyfold/storyfold"
)

// Reconcile fills a story's reconciled account from its articles, given in
// the story's order with their entities, quotes, figures and dates: facts,
// conflicts, families and the count of independent sources, exclusive
// details and omissions, the summary and the timeline. The story's
// entities and quote groups must be set.
func Reconcile(st *storyfold.Story, members []*storyfold.Article) {
	members, units, r := readStory(st, members)
	var edges []edge
	if len(members) > 1 {
		// Candidates are sentences of two articles: a story of one has
		// none to look up.
		edges = candidates(units, r.df)
	}
	edges = append(edges, markQuotes(units, members, st.Quotes)...)
	edges = append(edges, denialEdges(units)...)
	edges = append(edges, frameEdges(units)...)
	groups, extra := mergeGroups(units, edges, group(units, edges))
	restatements(units, edges, groups, extra)
	// The reader is given back once conflicts are found: they fill in
	// its words' stems and lemmas (see wordInfo.cx).
	defer r.release()

	// Facts are the groups and the sentences no other article matches;
	// families need both to weigh how much of an article another repeats.
	facts := buildFacts(units, groups, extra, members)
	fams := families(members, units, facts, st.Quotes)
	st.Families = fams.list
	st.IndependentSources = fams.count
	rankFacts(facts, units, fams)
	// Conflicts are read within a language: the facts joined across
	// languages share names and figures, not the words conflicts weigh.
	within := facts
	if len(members) > 1 && multilingual(members) {
		facts = crossFacts(facts, units, members)
		rankFacts(facts, units, fams)
	}

	st.Facts = st.Facts[:0]
	st.Exclusive = st.Exclusive[:0]
	for _, f := range facts {
		if len(f.members) >= 2 {
			st.Facts = append(st.Facts, f.fact(members, units, fams))
		} else {
			u := &units[f.members[0]]
			a := members[u.article]
			st.Exclusive = append(st.Exclusive, storyfold.Exclusive{Article: a.ID, Source: a.Outlet(), Text: a.Text[u.span.Start:u.span.End]})
		}
	}
	st.Conflicts = conflicts(within, units, members, fams, st.Quotes)
	st.Summary = summarize(st, facts, units, members)
	st.Timeline = timeline(members, units, facts)
}

// factGroup is a fact being built: its units, and the article positions
// that order facts in the summary.
type factGroup struct {
	members []int // unit indices, one per article
	extra   []int // other units of the same articles that say it again
	canon   int   // the unit whose wording stands for the group
	sources int   // independent sources reporting it
	pos     float64
	// cross says the fact joins sentences of articles in different
	// languages (see crossFacts).
	cross bool
}

// buildFacts turns the aligned groups into facts, each with its canonical
// wording: the member closest to all others. Units no group took stay as
// facts of one article.
func buildFacts(units []unit, groups, extra [][]int, members []*storyfold.Article) []*factGroup {
	inGroup := make([]bool, len(units))
	var out []*factGroup
	for gi, g := range groups {
		sort.Slice(g, func(i, j int) bool { return units[g[i]].article < units[g[j]].article })
		x := extra[gi]
		sort.Slice(x, func(i, j int) bool { return x[i] < x[j] })
		f := &factGroup{members: g, extra: x, canon: medoid(units, g, members)}
		for _, u := range x {
			inGroup[u] = true
		}
		for _, u := range g {
			inGroup[u] = true
			f.pos += units[u].pos
		}
		f.pos /= float64(len(g))
		out = append(out, f)
	}
	for i := range units {
		if !inGroup[i] && !units[i].listed {
			out = append(out, &factGroup{members: []int{i}, canon: i, pos: units[i].pos})
		}
	}
	return out
}

// medoid returns the member most similar to the others, the earliest
// article's on a tie; a member that opens its sentence goes before a
// clause from the middle of one ("while Healey insisted ..."), and one that
// stands alone before one that leans on the sentence before ("The
// statement was reinforced by ..."), as both read badly on their own.
func medoid(units []unit, g []int, members []*storyfold.Article) int {
	best, bestSum := g[0], -1.0
	step := max(1, len(g)/sampleSize)
	for _, a := range g {
		sum := 0.0
		for k := 0; k < len(g); k += step {
			if g[k] != a {
				sum += similarity(&units[a], &units[g[k]])
			}
		}
		if units[a].opens {
			sum += 2 * float64(len(g)) // any opener before any clause
		}
		if u := &units[a]; !leansBack(members[u.article].Text[u.span.Start:u.span.End]) {
			sum += float64(len(g))
		}
		if sum > bestSum {
			best, bestSum = a, sum
		}
	}
	return best
}

// rankFacts orders facts by the independent sources reporting them, then
// by articles, then by where they stand in the articles (the lede first).
func rankFacts(facts []*factGroup, units []unit, fams familySet) {
	for _, f := range facts {
		seen := map[int]bool{}
		for _, u := range f.members {
			seen[fams.source[units[u].article]] = true
		}
		f.sources = len(seen)
	}
	sort.SliceStable(facts, func(i, j int) bool {
		a, b := facts[i], facts[j]
		if a.sources != b.sources {
			return a.sources > b.sources
		}
		if len(a.members) != len(b.members) {
			return len(a.members) > len(b.members)
		}
		return a.pos < b.pos
	})
}

// fact writes a fact group in the contract's form.
func (f *factGroup) fact(members []*storyfold.Article, units []unit, fams familySet) storyfold.Fact {
	cu := &units[f.canon]
	ca := members[cu.article]
	out := storyfold.Fact{Text: ca.Text[cu.span.Start:cu.span.End], Articles: []string{}, Variants: []storyfold.Variant{},
		Quantities: []storyfold.Quantity{}, Sources: f.sources, CrossLanguage: f.cross}
	reported := map[int]bool{}
	for _, ui := range f.members {
		u := &units[ui]
		a := members[u.article]
		reported[u.article] = true
		span := u.span
		out.Articles = append(out.Articles, a.ID)
		out.Variants = append(out.Variants, storyfold.Variant{Article: a.ID, Text: a.Text[span.Start:span.End], Sentence: &span})
	}
	// Restatements follow, each after its article's wording.
	for _, ui := range f.extra {
		u := &units[ui]
		a := members[u.article]
		span := u.span
		at := len(out.Variants)
		for k, v := range out.Variants {
			if v.Article == a.ID {
				at = k + 1
			}
		}
		out.Variants = slices.Insert(out.Variants, at, storyfold.Variant{Article: a.ID, Text: a.Text[span.Start:span.End], Sentence: &span})
	}
	out.Quantities = append(out.Quantities, cu.quantities...)
	// Most independent sources report it: name the articles that leave it
	// out.
	if fams.count >= 3 && 2*f.sources > fams.count {
		for ai, a := range members {
			if !reported[ai] {
				out.OmittedBy = append(out.OmittedBy, a.ID)
			}
		}
	}
	return out
}

// readStory reads a story's units as the alignment compares them: the
// articles as spoken gives them (returned), their units weighed over the
// story. Give the reader back with release.
func readStory(st *storyfold.Story, members []*storyfold.Article) ([]*storyfold.Article, []unit, *reader) {
	members = spoken(members)
	r := newReader(st.Entities)
	r.alone = len(members) < 2
	r.learnTitles(members)
	// A unit is a sentence or a clause of one, and most sentences make
	// one: the list is made at the number of sentences, not grown from
	// nothing, as a unit takes about 300 bytes.
	n := 0
	for _, a := range members {
		n += len(a.Sentences)
	}
	units := make([]unit, 0, n)
	for ai, a := range members {
		units = r.appendUnits(units, ai, a)
	}
	// The units are held to the end of the account: a list grown by
	// appending holds up to twice their room, so one with much room to
	// spare is copied to its length.
	if spare := cap(units) - len(units); spare > len(units)/8 {
		units = slices.Clone(units)
	}
	pruneFrames(units)
	weigh(units, r.df, r.figures)
	return members, units, r
}

// spoken returns the story's articles as the account reads them: with the
// quotations that give someone's words (in quotation marks or not), and
// without reported speech ("Hegseth said that ..."), which is the
// outlet's own wording of a claim and states it as any sentence does.
// Articles that report no speech are given as they are; the others as
// copies holding only their other quotations, which stay in text order
// and do not overlap.
func spoken(members []*storyfold.Article) []*storyfold.Article {
	var out []*storyfold.Article
	for i, a := range members {
		if !slices.ContainsFunc(a.Quotes, func(q storyfold.Quotation) bool { return !q.Said() }) {
			if out != nil {
				out[i] = a
			}
			continue
		}
		if out == nil {
			out = make([]*storyfold.Article, len(members))
			copy(out, members[:i])
		}
		c := *a
		// Made at its length, not cloned and cut: the copy is held to
		// the end of the account.
		n := 0
		for _, q := range a.Quotes {
			if q.Said() {
				n++
			}
		}
		c.Quotes = make([]storyfold.Quotation, 0, n)
		for _, q := range a.Quotes {
			if q.Said() {
				c.Quotes = append(c.Quotes, q)
			}
		}
		out[i] = &c
	}
	if out == nil {
		return members
	}
	return out
}
