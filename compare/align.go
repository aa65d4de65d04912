package compare

import (
	"cmp"
	"slices"
	"unicode"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/nlp/paraphrase"
	"github.com/storyfold/storyfold/quote"
)

// Alignment thresholds. A fact group that joins two different claims
// costs the reader's trust more than a paraphrase left apart, so they err
// high.
const (
	// sameClaim is the similarity at which two sentences of different
	// articles report the same claim.
	sameClaim = 0.42
	// looseClaim is the similarity from which the same-claim scorer is
	// asked: two sentences that share less than sameClaim of their
	// weight state one claim when the scorer, reading their wording
	// whole, finds them paraphrases.
	looseClaim = 0.3
	// joinGroup is the similarity a sentence needs with most of a group's
	// members (not only the one it is closest to) to join the group, so
	// chains of near neighbours do not drift to another claim.
	joinGroup = 0.30
	// generators is how many of a unit's rarest terms find its candidates.
	generators = 8
	// maxScan bounds how far along a term's posting list a unit looks for
	// candidates: in a story of a thousand copies of one sentence, each
	// copy meets the next few, and grouping joins them all through those.
	maxScan = 32
	// sampleSize bounds the members a joining sentence is compared with.
	sampleSize = 8
)

// sameClaimAs tells whether two units state the same claim, and how
// strongly: by giving one statement of the story's quote groups, by the
// story's weighted overlap of their words, names and figures, or, when
// that is looser, by the same-claim scorer trained on paraphrases of news
// sentences.
func sameClaimAs(a, b *unit) (float64, bool) {
	m := compareUnits(a, b)
	s, ok := sameClaimByOverlap(a, b, m)
	// The overlap is the model's first feature: below minModelOverlap
	// the other features, the scorer's among them, need not be read.
	if ok || claimModel == nil || m.dice < minModelOverlap {
		return s, ok
	}
	var f [numClaimFeatures]float64
	claimFeaturesOf(f[:], a, b, m)
	if claimModel.Prob(f[:]) >= claimModel.Threshold {
		return max(s, looseClaim), true
	}
	return s, false
}

// minModelOverlap is the least overlap a pair needs for the claim model to
// be asked: below it the features say nothing the model was shown much of.
const minModelOverlap = 0.1

// sameClaimByRules is sameClaimAs without the claim model.
func sameClaimByRules(a, b *unit) (float64, bool) {
	return sameClaimByOverlap(a, b, compareUnits(a, b))
}

// sameClaimByOverlap is sameClaimByRules given the units' overlap m.
func sameClaimByOverlap(a, b *unit, m overlap) (float64, bool) {
	s := m.dice
	if !enoughShared(m) {
		s = 0
	}
	// "Did not respond to a request for comment" is a newsroom formula:
	// it states one claim only with another such formula. A clause of
	// names states none.
	if a.formula != b.formula || a.listed || b.listed {
		return s, false
	}
	switch {
	case a.quote != 0 && a.quote == b.quote:
		return max(s, sameClaim), true
	case shareDenial(a, b):
		return max(s, sameClaim), true
	case shareFrame(a, b):
		return max(s, sameClaim), true
	case s >= sameClaim:
		return s, true
	case s >= looseClaim && paraphrase.Same(a.claimOf(), b.claimOf()):
		return s, true
	}
	return s, false
}

type edge struct {
	a, b int32
	sim  float64
}

// candidates returns the pairs of units of different articles whose
// similarity reaches sameClaim. Each unit looks up the postings of its
// rarest terms only, and only the next maxScan units of each, so the work
// grows with the number of units, not with its square.
func candidates(units []unit, df []int32) []edge {
	var edges []edge
	scan(units, df, func(i, j int32) {
		if s, ok := sameClaimAs(&units[i], &units[j]); ok {
			edges = append(edges, edge{i, j, s})
		}
	})
	return edges
}

// scan calls visit once for each pair of units of different articles
// that the story's index makes candidates of each other.
func scan(units []unit, df []int32, visit func(i, j int32)) {
	postings := make([][]int32, len(df))
	gens := make([][]term, len(units))
	at := make([][]int32, len(units)) // the unit's place in each generator's posting list
	// Each unit's generators and places are one run of a slice shared
	// by all units, not lists of their own.
	genBuf := make([]term, 0, generators*len(units))
	atBuf := make([]int32, 0, generators*len(units))
	var scratch []term
	for i := range units {
		from := len(genBuf)
		genBuf, scratch = rarest(genBuf, scratch, units[i].terms, df)
		gens[i] = genBuf[from:len(genBuf):len(genBuf)]
		from = len(atBuf)
		for _, t := range gens[i] {
			atBuf = append(atBuf, int32(len(postings[t.id])))
			if df[t.id] > 1 {
				if postings[t.id] == nil {
					postings[t.id] = make([]int32, 0, df[t.id])
				}
				postings[t.id] = append(postings[t.id], int32(i))
			}
		}
		at[i] = atBuf[from:len(atBuf):len(atBuf)]
	}
	seen := make([]int32, len(units)) // the last unit that met each unit, +1
	for i := range units {
		u := &units[i]
		for k, t := range gens[i] {
			list := postings[t.id]
			from := int(at[i][k]) + 1
			for _, j := range list[min(from, len(list)):min(from+maxScan, len(list))] {
				if seen[j] == int32(i)+1 || units[j].article == u.article {
					continue
				}
				seen[j] = int32(i) + 1
				visit(int32(i), j)
			}
		}
	}
}

// rarest appends to dst up to generators terms of a unit with the lowest
// document frequency.
// A unit of more terms has them sorted in scratch, returned for reuse.
func rarest(dst, scratch, terms []term, df []int32) ([]term, []term) {
	if len(terms) <= generators {
		return append(dst, terms...), scratch
	}
	out := append(scratch[:0], terms...)
	slices.SortFunc(out, func(x, y term) int {
		if df[x.id] != df[y.id] {
			return cmp.Compare(df[x.id], df[y.id])
		}
		return cmp.Compare(x.id, y.id)
	})
	return append(dst, out[:generators]...), out
}

// group joins units into fact groups, strongest pairs first. A group holds
// at most one sentence per article, and a sentence joins only a group whose
// sampled members it resembles (at least half): this keeps each group to
// one claim.
func group(units []unit, edges []edge) [][]int {
	slices.SortFunc(edges, func(x, y edge) int {
		switch {
		case x.sim != y.sim:
			return cmp.Compare(y.sim, x.sim)
		case x.a != y.a:
			return cmp.Compare(x.a, y.a)
		}
		return cmp.Compare(x.b, y.b)
	})
	groupOf := make([]int, len(units))
	for i := range groupOf {
		groupOf[i] = -1
	}
	var groups [][]int
	var articles []map[int]bool
	fits := func(g int, u int) bool {
		return !articles[g][units[u].article] && resembles(units, u, groups[g])
	}
	for _, e := range edges {
		a, b := int(e.a), int(e.b)
		ga, gb := groupOf[a], groupOf[b]
		switch {
		case ga < 0 && gb < 0:
			groups = append(groups, []int{a, b})
			articles = append(articles, map[int]bool{units[a].article: true, units[b].article: true})
			groupOf[a], groupOf[b] = len(groups)-1, len(groups)-1
		case ga >= 0 && gb < 0:
			if fits(ga, b) {
				groups[ga] = append(groups[ga], b)
				articles[ga][units[b].article] = true
				groupOf[b] = ga
			}
		case ga < 0 && gb >= 0:
			if fits(gb, a) {
				groups[gb] = append(groups[gb], a)
				articles[gb][units[a].article] = true
				groupOf[a] = gb
			}
		case ga != gb:
			// Two groups meet: they merge only if they share no article
			// and their first members resemble each other.
			disjoint := true
			for art := range articles[gb] {
				if articles[ga][art] {
					disjoint = false
					break
				}
			}
			if disjoint && similarity(&units[groups[ga][0]], &units[groups[gb][0]]) >= joinGroup {
				for _, u := range groups[gb] {
					groups[ga] = append(groups[ga], u)
					articles[ga][units[u].article] = true
					groupOf[u] = ga
				}
				groups[gb] = nil
			}
		}
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// resembles reports whether unit u is close to at least half of a
// group's sampled members, so a sentence joins a claim, not the nearest
// sentence of a chain that drifts to another claim.
func resembles(units []unit, u int, members []int) bool {
	near, seen := agreeing(units, []int{u}, members, func(a, b *unit) bool {
		s, ok := sameClaimAs(a, b)
		return ok || s >= joinGroup
	})
	return seen > 0 && 2*near >= seen
}

// agreeing counts the sampled pairs of members of ga and gb from different
// articles (seen) and those of them that pass (near). Each group is
// sampled down to about sampleSize members, so a large group costs no
// more than a small one.
func agreeing(units []unit, ga, gb []int, pass func(a, b *unit) bool) (near, seen int) {
	sa, sb := max(1, len(ga)/sampleSize), max(1, len(gb)/sampleSize)
	for i := 0; i < len(ga); i += sa {
		for j := 0; j < len(gb); j += sb {
			a, b := &units[ga[i]], &units[gb[j]]
			if a.article == b.article {
				continue
			}
			seen++
			if pass(a, b) {
				near++
			}
		}
	}
	return near, seen
}

// restatements finds the sentences a story's groups left out that state a
// group's claim again: an article often says a thing twice ("Hegseth
// denied any betrayal" and later "There is no betrayal there, said
// Hegseth"), and the second wording is no claim of its own, nor one only
// that outlet reports. A unit outside every group joins the group of a
// unit it is aligned with when it resembles the group's members of other
// articles; it becomes one of the group's members when its article is not
// in the group yet, an extra wording of that article's when it is. It must
// share sameClaim of its weight with most of the group's members of other
// articles, the strictest test: an article repeats a claim's words in
// other claims ("Washington will ban state-funded travel to Indiana" and
// "San Francisco and Seattle have also imposed bans on city-funded
// travel"), and a wrong restatement puts another claim in its mouth.
// Edges must be sorted strongest first, as group leaves them.
func restatements(units []unit, edges []edge, groups, extra [][]int) {
	groupOf := make([]int, len(units))
	for i := range groupOf {
		groupOf[i] = -1
	}
	in := make([]map[int]bool, len(groups))
	for gi, g := range groups {
		in[gi] = map[int]bool{}
		for _, u := range g {
			groupOf[u] = gi
			in[gi][units[u].article] = true
		}
	}
	for gi, x := range extra {
		for _, u := range x {
			groupOf[u] = gi
		}
	}
	for _, e := range edges {
		g, u := groupOf[e.a], int(e.b)
		if g < 0 {
			g, u = groupOf[e.b], int(e.a)
		}
		if g < 0 || groupOf[u] >= 0 || !restates(units, u, groups[g]) {
			continue
		}
		if in[g][units[u].article] {
			// A second wording of the article's own: it must also say what
			// the article's first wording says, or it is another claim
			// that a long sentence of another article states beside this
			// one ("... wrote on Facebook, concluding her post by saying,
			// 'Please like and share if you agree.'").
			own := slices.IndexFunc(groups[g], func(m int) bool { return units[m].article == units[u].article })
			if own < 0 || similarity(&units[u], &units[groups[g][own]]) < joinGroup {
				continue
			}
			groupOf[u] = g
			extra[g] = append(extra[g], u)
		} else {
			groupOf[u] = g
			in[g][units[u].article] = true
			groups[g] = append(groups[g], u)
		}
	}
}

// mergeGroups joins groups that state one claim: grouping joins a pair
// only when neither side has the other's article yet, so an article that
// says a claim twice, in two wordings other articles each echo, leaves two
// groups of one claim. Two groups an edge links merge when their members
// agree (half the sampled pairs of different articles); a member whose
// article the other group holds already becomes one of its restatements.
// Edges must be sorted strongest first, as group leaves them.
func mergeGroups(units []unit, edges []edge, groups [][]int) (merged, extra [][]int) {
	groupOf := make([]int, len(units))
	for i := range groupOf {
		groupOf[i] = -1
	}
	for gi, g := range groups {
		for _, u := range g {
			groupOf[u] = gi
		}
	}
	extra = make([][]int, len(groups))
	for _, e := range edges {
		ga, gb := groupOf[e.a], groupOf[e.b]
		if ga < 0 || gb < 0 || ga == gb || !groupsAgree(units, groups[ga], groups[gb]) {
			continue
		}
		if len(groups[gb]) > len(groups[ga]) {
			ga, gb = gb, ga
		}
		in := map[int]bool{}
		for _, u := range groups[ga] {
			in[units[u].article] = true
		}
		for _, u := range groups[gb] {
			if in[units[u].article] {
				extra[ga] = append(extra[ga], u)
			} else {
				in[units[u].article] = true
				groups[ga] = append(groups[ga], u)
			}
			groupOf[u] = ga
		}
		for _, u := range extra[gb] {
			groupOf[u] = ga
		}
		extra[ga] = append(extra[ga], extra[gb]...)
		groups[gb], extra[gb] = nil, nil
	}
	for gi, g := range groups {
		if len(g) > 0 {
			merged = append(merged, g)
			extra[len(merged)-1] = extra[gi]
		}
	}
	return merged, extra[:len(merged)]
}

// groupsAgree reports whether most sampled pairs of two groups' members,
// from different articles, state one claim: a stricter test than a unit's
// to join a group, as two groups that each hold a claim of their own
// resemble each other whenever a sentence mentions one claim while
// stating the other ("Berg resigned after the council voted against her
// plan" and "The council voted 7 to 2 against the plan").
func groupsAgree(units []unit, ga, gb []int) bool {
	near, seen := agreeing(units, ga, gb, func(a, b *unit) bool {
		_, ok := sameClaimAs(a, b)
		return ok
	})
	return seen > 0 && 2*near >= seen
}

// restates reports whether unit u shares sameClaim of its weight with most
// of a group's sampled members of other articles, and names no person or
// place the members leave out: a sentence that brings in other actors
// ("San Francisco and Seattle have also imposed bans") reports what they
// did, not the claim again.
func restates(units []unit, u int, members []int) bool {
	for _, e := range units[u].entities {
		if e.typ != storyfold.EntityPerson && e.typ != storyfold.EntityPlace {
			continue
		}
		if !slices.ContainsFunc(members, func(m int) bool { return slices.Contains(units[m].entities, e) }) {
			return false
		}
	}
	near, seen := agreeing(units, []int{u}, members, func(a, b *unit) bool { return similarity(a, b) >= sameClaim })
	return seen > 0 && 2*near > seen
}

// minQuoteWords is the fewest words a quote needs for the sentences that
// give it to align by it: a scare quote ("concessions") or a phrase ("We
// the people") is no statement of its own, and turns up inside others.
const minQuoteWords = 6

// markQuotes sets on each unit the quote group it gives and returns an
// edge between the units of consecutive articles of each group, so that
// they are candidates whatever else they say. Only whole statements count:
// every wording of minQuoteWords or more, standing inside one unit, and
// none less than two thirds the length of the longest, so that a part
// quoted in one article does not join the sentence of another that quotes
// more.
func markQuotes(units []unit, members []*storyfold.Article, quotes []storyfold.Quote) []edge {
	index := map[string]int{}
	for i, a := range members {
		index[a.ID] = i
	}
	first := make([]int, len(members))
	for i := len(units) - 1; i >= 0; i-- {
		first[units[i].article] = i
	}
	var edges []edge
	var at []int
	for gi, q := range quotes {
		if len(q.Articles) < 2 {
			continue
		}
		at = at[:0]
		shortest, longest := -1, 0
		for _, v := range q.Variants {
			ai, ok := index[v.Article]
			if !ok {
				at = at[:0]
				break
			}
			k := quote.QuotationOf(members[ai], v.Text)
			n := quote.CountWords(v.Text)
			if shortest < 0 || n < shortest {
				shortest = n
			}
			longest = max(longest, n)
			u := -1
			if k >= 0 {
				span := members[ai].Quotes[k].Span
				for i := first[ai]; i < len(units) && units[i].article == ai; i++ {
					if units[i].span.Start <= span.Start && span.End <= units[i].span.End {
						u = i
						break
					}
				}
			}
			if u < 0 || units[u].quote != 0 {
				at = at[:0]
				break
			}
			at = append(at, u)
		}
		if len(at) < 2 || shortest < minQuoteWords || 3*shortest < 2*longest {
			continue
		}
		for k, u := range at {
			units[u].quote = int32(gi) + 1
			if k > 0 && units[at[k-1]].article != units[u].article {
				edges = append(edges, edge{int32(at[k-1]), int32(u), sameClaim})
			}
		}
	}
	return append(edges, quotedSentences(units, members, quotes, first, index)...)
}

// startsUpper reports whether text opens, after any quotation marks or
// brackets, with an upper-case letter.
func startsUpper(text string) bool {
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.IsUpper(r)
		}
	}
	return false
}

// shareDenial reports whether two units state one denial: the same person
// denying the same thing.
func shareDenial(a, b *unit) bool {
	for _, x := range a.denials {
		if slices.Contains(b.denials, x) {
			return true
		}
	}
	return false
}

// denialEdges links, in article order, the units of different articles
// that state one denial, so that they are candidates whatever else they
// say.
func denialEdges(units []unit) []edge {
	last := map[string]int{}
	var edges []edge
	for i := range units {
		for _, k := range units[i].denials {
			if j, ok := last[k]; ok && units[j].article != units[i].article {
				edges = append(edges, edge{int32(j), int32(i), sameClaim})
			}
			last[k] = i
		}
	}
	return edges
}

// minQuotedSentenceWords is the fewest words a whole sentence of a quote
// needs for the units that give it in two articles to align by it. A
// whole sentence said by one speaker and given word for word by two
// outlets is one statement even when short ("There is no betrayal
// there."), unlike a phrase lifted into a scare quote, which
// minQuoteWords guards against.
const minQuotedSentenceWords = 4

// quotedSentences aligns the units that give one whole sentence of a
// quote group's statement word for word: outlets quote a statement at
// different lengths ("There is no betrayal there" in one, that and the
// sentence after it in two others), so the variants differ as a whole
// while each sentence of the shorter stands in the longer. A unit takes
// the first such sentence's mark, numbered after the quote groups, and
// the units of each sentence are linked in article order.
func quotedSentences(units []unit, members []*storyfold.Article, quotes []storyfold.Quote, first []int, index map[string]int) []edge {
	type place struct{ article, unit int }
	at := map[string][]place{}
	var keys []string
	var spans []storyfold.Span
	for _, q := range quotes {
		if len(q.Articles) < 2 {
			continue
		}
		for _, v := range q.Variants {
			ai, ok := index[v.Article]
			if !ok {
				continue
			}
			a := members[ai]
			k := quote.QuotationOf(a, v.Text)
			if k < 0 {
				continue
			}
			span := a.Quotes[k].Span
			spans = nlp.Sentences(spans[:0], a.Text, span.Start, span.End)
			for _, ss := range spans {
				text := a.Text[ss.Start:ss.End]
				words, spaced := quote.SpacedWords(text)
				// A whole sentence opens with a capital: a fragment
				// ("will not work") may be part of another statement.
				if len(words) < minQuotedSentenceWords || !startsUpper(text) || !slices.ContainsFunc(words, func(w string) bool { return !nlp.IsStopWord(w) }) {
					continue
				}
				u := -1
				for i := first[ai]; i < len(units) && units[i].article == ai; i++ {
					if units[i].span.Start <= ss.Start && ss.Start < units[i].span.End && ss.End <= units[i].span.End+len("”") {
						u = i
						break
					}
				}
				if u < 0 {
					continue
				}
				key := spaced[1 : len(spaced)-1] // the words joined by single spaces
				if _, ok := at[key]; !ok {
					keys = append(keys, key)
				}
				if !slices.ContainsFunc(at[key], func(p place) bool { return p.article == ai }) {
					at[key] = append(at[key], place{ai, u})
				}
			}
		}
	}
	var edges []edge
	for ki, key := range keys {
		ps := at[key]
		if len(ps) < 2 {
			continue
		}
		slices.SortFunc(ps, func(x, y place) int { return x.article - y.article })
		marks := make([]int32, len(ps)) // each unit's mark before this sentence's
		for k, p := range ps {
			marks[k] = units[p.unit].quote
			if marks[k] == 0 {
				units[p.unit].quote = int32(len(quotes) + ki + 1)
			}
			// Units that give one whole statement are linked already.
			if k > 0 && (marks[k] == 0 || marks[k] != marks[k-1]) {
				edges = append(edges, edge{int32(ps[k-1].unit), int32(p.unit), sameClaim})
			}
		}
	}
	return edges
}
