package compare

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/sorted"
	"github.com/storyfold/storyfold/nlp"
	"github.com/zeebo/xxh3"
)

// Derivation thresholds, for a pair of articles.
const (
	// copyShare is the share of the shorter article's 8-word sequences
	// the longer one repeats for a near copy.
	copyShare = 0.6
	// A rewrite reports many of the same facts as the other article (at
	// least rewriteFacts, and rewriteCoverage of the shorter article's
	// sentences) in the same order (rewriteOrder of the pairs of those
	// facts). Independent reports of one event share facts too, and
	// often quote the same words, but seldom so many in the same order.
	rewriteFacts    = 7
	rewriteCoverage = 0.35
	rewriteOrder    = 0.9
	// Shared wording outside quotes marks a common text on its own: this
	// many 8-word sequences (a run of 17 words) in much the same order.
	sharedRuns  = 10
	sharedOrder = 0.8
	// candidateFacts is the fewest facts in common for a pair of articles
	// to be compared at all.
	candidateFacts = 4
	// maxFactFanout bounds the articles a fact pairs all together; past
	// it, each reporter is paired with the next chainReach only, as
	// pairing them all would be quadratic.
	maxFactFanout = 64
	chainReach    = 4
	shingle       = 8
)

// familySet is the story's articles grouped by derivation.
type familySet struct {
	list []storyfold.Family
	of   []int // article index -> family id (articles alone have their own)
	// source maps an article to its independent source: a family counts
	// once, and so does an outlet, whatever it published. count is how
	// many there are, never more than the outlets (an article of unknown
	// outlet counts as one of its own).
	source []int
	count  int
}

// pairEvidence is what two articles share.
type pairEvidence struct {
	facts    int     // facts both report
	coverage float64 // facts / the shorter article's units
	order    float64 // share of fact pairs in the same order
	quotes   int     // quote groups both give in the same words
	shared   float64 // share of the shorter article's 8-word sequences the other has
	runs     int     // those sequences, counted
	copy     bool
}

// families groups the articles that derive from a common text.
func families(members []*storyfold.Article, units []unit, facts []*factGroup, quotes []storyfold.Quote) familySet {
	n := len(members)
	sets := newDisjoint(n)
	root := sets.root
	index := map[string]int{}
	for i, a := range members {
		index[a.ID] = i
	}
	links := map[[2]int]*pairEvidence{}

	// Same content, or near copies the grouping stage already found.
	byHash := map[string]int{}
	for i, a := range members {
		if a.Hash != "" {
			if j, ok := byHash[a.Hash]; ok {
				links[[2]int{j, i}] = &pairEvidence{copy: true, shared: 1}
			} else {
				byHash[a.Hash] = i
			}
		}
		for _, d := range a.Duplicates {
			if j, ok := index[d]; ok && j != i {
				links[[2]int{min(i, j), max(i, j)}] = &pairEvidence{copy: true, shared: 1}
			}
		}
	}

	// Candidate pairs: articles that report the same, not universal, facts.
	unitsOf := make([]int, n)
	for _, u := range units {
		unitsOf[u.article]++
	}
	type place struct{ fact, pos int }
	factsOf := make([][]place, n)
	shared := map[[2]int]int{}
	for fi, f := range facts {
		if len(f.members) < 2 {
			continue
		}
		for _, u := range f.members {
			factsOf[units[u].article] = append(factsOf[units[u].article], place{fi, units[u].span.Start})
		}
		// A fact many articles report pairs each only with its next few
		// reporters: enough to chain copies of one text into a family
		// without pairing all of them.
		reach := len(f.members)
		if reach > maxFactFanout {
			reach = chainReach
		}
		for x := 0; x < len(f.members); x++ {
			for y := x + 1; y < len(f.members) && y <= x+reach; y++ {
				a, b := units[f.members[x]].article, units[f.members[y]].article
				shared[[2]int{min(a, b), max(a, b)}]++
			}
		}
	}
	for _, fs := range factsOf {
		sort.Slice(fs, func(i, j int) bool { return fs[i].pos < fs[j].pos })
	}
	pairs := make([][2]int, 0, len(shared))
	for p, c := range shared {
		if c >= candidateFacts {
			pairs = append(pairs, p)
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		return pairs[i][0] < pairs[j][0] || pairs[i][0] == pairs[j][0] && pairs[i][1] < pairs[j][1]
	})
	// Each article's quote wordings, read on the first pair that asks
	// (see quotesByArticle).
	var wordings map[string][]articleQuote
	shingles := make([][]uint64, n)
	shinglesOf := func(i int) []uint64 {
		if shingles[i] == nil {
			shingles[i] = wordShingles(members[i])
		}
		return shingles[i]
	}
	for _, p := range pairs {
		if links[p] != nil {
			continue
		}
		a, b := p[0], p[1]
		ev := &pairEvidence{facts: shared[p]}
		ev.coverage = float64(ev.facts) / float64(max(1, min(unitsOf[a], unitsOf[b])))
		// Order: the positions in b of the facts a gives, in a's order.
		posB := map[int]int{}
		for _, pl := range factsOf[b] {
			posB[pl.fact] = pl.pos
		}
		var seq []int
		for _, pl := range factsOf[a] {
			if q, ok := posB[pl.fact]; ok {
				seq = append(seq, q)
			}
		}
		ev.order = concordance(seq)
		if wordings == nil {
			wordings = quotesByArticle(quotes)
		}
		if members[a].ID != members[b].ID {
			ev.quotes = sameQuotes(wordings[members[a].ID], wordings[members[b].ID])
		}
		sa, sb := shinglesOf(a), shinglesOf(b)
		ev.runs = sorted.Shared(sa, sb)
		ev.shared = float64(ev.runs) / float64(max(1, min(len(sa), len(sb))))
		ev.copy = ev.shared >= copyShare
		if ev.copy || ev.facts >= rewriteFacts && ev.coverage >= rewriteCoverage && ev.order >= rewriteOrder ||
			ev.runs >= sharedRuns && ev.order >= sharedOrder {
			links[p] = ev
		}
	}
	keys := make([][2]int, 0, len(links))
	for p := range links {
		keys = append(keys, p)
		sets.join(p[0], p[1])
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i][0] < keys[j][0] || keys[i][0] == keys[j][0] && keys[i][1] < keys[j][1]
	})

	fs := familySet{of: make([]int, n)}
	byRoot := map[int][]int{}
	var roots []int
	for i := 0; i < n; i++ {
		r := root(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], i)
	}
	for id, r := range roots {
		for _, i := range byRoot[r] {
			fs.of[i] = id
		}
	}
	fs.source, fs.count = independentSources(members, fs.of, len(roots))
	for _, r := range roots {
		group := byRoot[r]
		if len(group) < 2 {
			continue
		}
		fam := storyfold.Family{Articles: []string{}, Evidence: []string{}}
		allCopies := true
		for _, i := range group {
			fam.Articles = append(fam.Articles, members[i].ID)
		}
		for _, p := range keys {
			if root(p[0]) != r {
				continue
			}
			ev := links[p]
			allCopies = allCopies && ev.copy
			fam.Evidence = append(fam.Evidence, ev.describe(members[p[0]].ID, members[p[1]].ID))
		}
		fam.Origin = origin(members, group)
		fam.Agency = commonAgency(members, group)
		switch {
		case allCopies:
			fam.Kind = storyfold.FamilyNearCopies
		case fam.Origin != "":
			fam.Kind = storyfold.FamilyRewrites
		default:
			fam.Kind = storyfold.FamilySharedOrigin
			fam.Evidence = append(fam.Evidence, "no member is dated before the others: the common text may be outside the set")
		}
		if fam.Origin != "" {
			fam.Evidence = append(fam.Evidence, fmt.Sprintf("%s is dated before the others", fam.Origin))
		}
		fs.list = append(fs.list, fam)
	}
	if fs.list == nil {
		fs.list = []storyfold.Family{}
	}
	return fs
}

func (ev *pairEvidence) describe(a, b string) string {
	if ev.facts == 0 {
		return fmt.Sprintf("%s and %s: the same text", a, b)
	}
	return fmt.Sprintf("%s and %s: %s in common (%.0f%% of the shorter), %.0f%% in the same order, %s worded alike, %s outside quotes shared (%.0f%%)",
		a, b, plural(ev.facts, "fact"), 100*min(ev.coverage, 1), 100*ev.order, plural(ev.quotes, "quote"), plural(ev.runs, "8-word sequence"), 100*ev.shared)
}

// origin returns the member dated strictly before every other member, or
// "" when dates are missing or do not tell.
func origin(members []*storyfold.Article, group []int) string {
	first := -1
	for _, i := range group {
		if !members[i].Date.Known() {
			return ""
		}
		if first < 0 || members[i].Date.Before(members[first].Date.Time) {
			first = i
		}
	}
	for _, i := range group {
		if i != first && !members[first].Date.Before(members[i].Date.Time) {
			return "" // another member has the same date
		}
	}
	return members[first].ID
}

// commonAgency returns the news agency every member of a family credits,
// the family's common source; the first in alphabetical order when they
// share several, "" when they share none.
func commonAgency(members []*storyfold.Article, group []int) string {
	var common []string
	for k, i := range group {
		if k == 0 {
			common = slices.Clone(members[i].Agencies)
		} else {
			common = slices.DeleteFunc(common, func(a string) bool { return !slices.Contains(members[i].Agencies, a) })
		}
		if len(common) == 0 {
			return ""
		}
	}
	slices.Sort(common)
	return common[0]
}

// concordance is the share of pairs of a sequence in increasing order: 1
// when two articles give their common facts in the same order.
func concordance(seq []int) float64 {
	if len(seq) < 2 {
		return 1
	}
	agree, total := 0, 0
	for i := 0; i < len(seq); i++ {
		for j := i + 1; j < len(seq); j++ {
			total++
			if seq[i] < seq[j] {
				agree++
			}
		}
	}
	return float64(agree) / float64(total)
}

// articleQuote is an article's wording of one quote group: the group's
// index, and the words of its variant joined by single spaces.
type articleQuote struct {
	group int
	words string
	given bool // the variant's text is not empty
}

// quotesByArticle returns, for each article ID, its wording of each quote
// group that has a variant of it, in group order: the last variant's
// when it has several. Each variant is read once per story, not once per
// pair of articles compared.
func quotesByArticle(quotes []storyfold.Quote) map[string][]articleQuote {
	out := map[string][]articleQuote{}
	for qi, q := range quotes {
		for _, v := range q.Variants {
			w := articleQuote{qi, strings.Join(strings.Fields(v.Text), " "), v.Text != ""}
			list := out[v.Article]
			if n := len(list); n > 0 && list[n-1].group == qi {
				list[n-1] = w
				continue
			}
			out[v.Article] = append(list, w)
		}
	}
	return out
}

// sameQuotes counts the quote groups two articles both give in the same
// words, given their wordings (see quotesByArticle).
func sameQuotes(a, b []articleQuote) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].group < b[j].group:
			i++
		case a[i].group > b[j].group:
			j++
		default:
			if a[i].given && b[j].given && strings.EqualFold(a[i].words, b[j].words) {
				n++
			}
			i++
			j++
		}
	}
	return n
}

// wordShingles returns the sorted, distinct hashes of an article's runs of
// 8 lower-case words outside its quotes: independent reports of one
// speech share its quotes, not the words around them. A run's hash
// combines its words' hashes, so no run is built as a string.
func wordShingles(a *storyfold.Article) []uint64 {
	var out []uint64
	var window [shingle]uint64
	n := 0 // words in the current stretch outside quotes
	var buf []byte
	q := 0
	for _, t := range nlp.Tokenize(nil, a.Text) {
		for q < len(a.Quotes) && a.Quotes[q].Span.End <= int(t.Start) {
			q++
		}
		if q < len(a.Quotes) && a.Quotes[q].Span.Start <= int(t.Start) {
			n = 0 // a run does not cross a quote
			continue
		}
		if t.Kind != nlp.Word && t.Kind != nlp.Number {
			continue
		}
		buf = nlp.Lower(buf[:0], t.Text(a.Text))
		window[n%shingle] = xxh3.Hash(buf)
		n++
		if n >= shingle {
			var h uint64
			for k := n - shingle; k < n; k++ {
				h = h*0x9e3779b97f4a7c15 + window[k%shingle]
			}
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// independentSources folds families (of, numbered 0..families-1) that
// share an outlet into one source each: two rewrites an outlet ran of
// different reports are still one outlet's account. It returns each
// article's source, numbered in article order, and their count.
func independentSources(members []*storyfold.Article, of []int, families int) ([]int, int) {
	sets := newDisjoint(families)
	root := sets.root
	byOutlet := map[string]int{}
	for i, a := range members {
		o := a.OutletKey()
		if f, ok := byOutlet[o]; ok {
			sets.join(f, of[i])
		} else {
			byOutlet[o] = of[i]
		}
	}
	source := make([]int, len(members))
	ids := map[int]int{}
	for i := range members {
		r := root(of[i])
		id, ok := ids[r]
		if !ok {
			id = len(ids)
			ids[r] = id
		}
		source[i] = id
	}
	return source, len(ids)
}

// disjoint is a union-find over the numbers 0..n-1.
type disjoint []int

func newDisjoint(n int) disjoint {
	d := make(disjoint, n)
	for i := range d {
		d[i] = i
	}
	return d
}

// root returns the representative of i's set.
func (d disjoint) root(i int) int {
	for d[i] != i {
		d[i] = d[d[i]]
		i = d[i]
	}
	return i
}

// join merges the sets of a and b, under a's representative.
func (d disjoint) join(a, b int) { d[d.root(b)] = d.root(a) }
