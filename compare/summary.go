package compare

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

// Summary bounds, in sentences.
const (
	minConsensus = 3
	maxConsensus = 5
	maxDisputed  = 2
	maxSummary   = 7
	// maxSummaryWords keeps long sentences out: a summary sentence should
	// read on its own.
	maxSummaryWords = 45
	// maxLeadWords is longer: a lede packs who, what, where and when.
	maxLeadWords = 60
	maxEvents    = 15
)

// summarize writes the story's summary: the claims most independent
// sources report, the one that best tells the event first (see leadScore)
// and the others in the order the articles give them, each citing every
// article that states it; then what the sources dispute; then notable
// details only one outlet gives. Every sentence but the disputes is an
// article's own, whole, outside any quote, and reads on its own: never a
// caption, a dateline, a headline or a sentence that leans on the one
// before it; and no claim comes twice.
func summarize(st *storyfold.Story, facts []*factGroup, units []unit, members []*storyfold.Article) []storyfold.SummarySentence {
	lc := newLeadContext(st, members)
	used := map[[2]int]bool{} // sentences already in the summary, by article and index
	var said []int            // the canonical units of the claims in the summary
	// pick returns the sentence that words a fact best for a reader: a
	// whole sentence opening with one of its members, outside any quote,
	// that reads on its own, the canonical member's first; and the unit
	// it words.
	pick := func(f *factGroup) (storyfold.SummarySentence, int, bool) {
		for _, u := range f.members {
			if used[[2]int{units[u].article, units[u].sent}] {
				return storyfold.SummarySentence{}, 0, false // said already, in other words
			}
			if quoted(members[units[u].article], units[u].span.Start) {
				return storyfold.SummarySentence{}, 0, false // someone's words: "who said what" shows them
			}
		}
		for _, c := range said {
			if similarity(&units[f.canon], &units[c]) >= joinGroup {
				return storyfold.SummarySentence{}, 0, false // the same claim, grouped apart
			}
		}
		for _, ui := range append([]int{f.canon}, f.members...) {
			u := &units[ui]
			a := members[u.article]
			sent := a.Sentences[u.sent]
			if u.span.Start != sent.Start || quoted(a, sent.Start) {
				continue
			}
			text := a.Text[sent.Start:sent.End]
			if countFields(text) > maxSummaryWords || startsWithQuote(text) || !balanced(text) ||
				lc.leansBack(text) || lc.unfit(text) != "" {
				continue
			}
			s := storyfold.SummarySentence{Text: text, Articles: []string{}, Cites: []storyfold.SentenceRef{}}
			for _, m := range f.members {
				ma := members[units[m].article]
				if !slices.Contains(s.Articles, ma.ID) {
					s.Articles = append(s.Articles, ma.ID)
					s.Cites = append(s.Cites, storyfold.SentenceRef{Article: ma.ID, Sentence: ma.Sentences[units[m].sent]})
				}
			}
			return s, ui, true
		}
		return storyfold.SummarySentence{}, 0, false
	}
	take := func(f *factGroup) {
		for _, u := range f.members {
			used[[2]int{units[u].article, units[u].sent}] = true
		}
		said = append(said, f.canon)
	}
	type chosen struct {
		s     storyfold.SummarySentence
		unit  int
		pos   float64
		score float64
	}
	var consensus []chosen
	maxSources := 1
	for _, f := range facts {
		maxSources = max(maxSources, f.sources)
	}
	score := func(f *factGroup) float64 { return leadScore(f, units, lc, maxSources, len(members)) }
	// choose takes up to n of the facts keep accepts, best scored first.
	choose := func(n int, keep func(f *factGroup) bool) {
		var pool []*factGroup
		var scores []float64
		for _, f := range facts {
			if keep(f) {
				pool = append(pool, f)
				scores = append(scores, score(f))
			}
		}
		idx := make([]int, len(pool))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(i, j int) bool { return scores[idx[i]] > scores[idx[j]] })
		for _, i := range idx {
			if len(consensus) >= n {
				return
			}
			if s, ui, ok := pick(pool[i]); ok {
				s.Part = storyfold.SummaryConsensus
				consensus = append(consensus, chosen{s, ui, pool[i].pos, scores[i]})
				take(pool[i])
			}
		}
	}
	// Consensus: facts of several independent sources; in a story of one
	// source, its facts of several articles; too few, the facts most
	// articles report, though from one source; failing those, the first
	// article's own.
	minSources := 2
	if st.IndependentSources < 2 {
		minSources = 1
	}
	choose(maxConsensus, func(f *factGroup) bool {
		return f.sources >= minSources && (len(f.members) >= 2 || len(members) == 1)
	})
	choose(minConsensus, func(f *factGroup) bool { return len(f.members) >= 2 && f.sources < minSources })
	if len(consensus) == 0 {
		choose(minConsensus, func(f *factGroup) bool { return units[f.canon].article == 0 })
	}
	// The lead is the best scored claim that can open a story; the others
	// follow in the articles' order. The ledes the sources agree on are
	// candidates too: the alignment may have left apart ledes that word one
	// event each their own way.
	fit := func(text string) bool {
		return leadFit(text) && countFields(text) <= maxLeadWords && !startsWithQuote(text) &&
			balanced(text) && !lc.leansBack(text) && lc.unfit(text) == ""
	}
	if s, ui, score, ok := corroboratedLede(st, units, members, lc, fit); ok {
		dup := false
		for _, c := range consensus {
			dup = dup || similarity(&units[ui], &units[c.unit]) >= joinGroup
		}
		if !dup {
			if len(consensus) == maxConsensus {
				consensus = consensus[:maxConsensus-1]
			}
			consensus = append(consensus, chosen{s, ui, units[ui].pos, score})
			// Its sentences are said: no other part repeats them.
			for _, c := range s.Cites {
				for ai, a := range members {
					if a.ID == c.Article {
						used[[2]int{ai, sentenceOf(a, c.Sentence.Start)}] = true
					}
				}
			}
			said = append(said, ui)
		}
	}
	lead := -1
	for _, early := range []bool{true, false} {
		for i, c := range consensus {
			if leadFit(c.s.Text) && (!early || units[c.unit].sent <= leadSentences) && (lead < 0 || c.score > consensus[lead].score) {
				lead = i
			}
		}
		if lead >= 0 {
			break
		}
	}
	out := []storyfold.SummarySentence{}
	nConsensus := len(consensus)
	if lead >= 0 {
		out = append(out, consensus[lead].s)
		consensus = slices.Delete(consensus, lead, lead+1)
	}
	sort.SliceStable(consensus, func(i, j int) bool { return consensus[i].pos < consensus[j].pos })
	for _, c := range consensus {
		out = append(out, c.s)
	}
	for i, c := range st.Conflicts {
		if i == maxDisputed {
			break
		}
		s := storyfold.SummarySentence{Text: c.Description + ".", Articles: []string{}, Cites: []storyfold.SentenceRef{}, Part: storyfold.SummaryDisputed}
		for _, cl := range c.Claims {
			if !slices.Contains(s.Articles, cl.Article) {
				s.Articles = append(s.Articles, cl.Article)
				s.Cites = append(s.Cites, storyfold.SentenceRef{Article: cl.Article, Sentence: cl.Sentence})
			}
		}
		out = append(out, s)
	}
	// Only in: details one outlet gives that carry a figure or names,
	// earliest in their article first, one per article.
	if len(members) < 2 {
		return out
	}
	var only []*factGroup
	for _, f := range facts {
		u := &units[f.canon]
		if len(f.members) == 1 && (len(u.quantities) > 0 || len(u.entities) >= 2) {
			only = append(only, f)
		}
	}
	sort.SliceStable(only, func(i, j int) bool { return only[i].pos < only[j].pos })
	fromArticle := map[int]bool{}
	for _, f := range only {
		if len(out) >= maxSummary || len(out) >= nConsensus+maxDisputed+2 {
			break
		}
		ai := units[f.canon].article
		if fromArticle[ai] {
			continue
		}
		if s, _, ok := pick(f); ok {
			s.Part = storyfold.SummaryExclusive
			out = append(out, s)
			take(f)
			fromArticle[ai] = true
		}
	}
	return out
}

// Weights of what makes a claim the lead of a story.
const (
	weightSources    = 1.0  // share of the story's independent sources that state it
	weightEarly      = 1.0  // how near the top of its articles it stands
	weightCentral    = 1.0  // share of the story's main people and places it names
	weightArticles   = 0.25 // share of the story's articles that state it
	weightDated      = 0.25 // it gives a day: an event, not background
	minLeadWords     = 8
	leadSentences    = 4   // a lead stands in its article's first sentences, given a choice
	earlySentenceLag = 0.5 // how fast the weight of a sentence falls with its index
)

// leadScore weighs a claim as the lead of its story: how many independent
// sources state it, how early it comes in the articles (the news is in
// the lede), how many of the story's main people and places it names, and
// whether it dates what happened.
func leadScore(f *factGroup, units []unit, lc *leadContext, maxSources, articles int) float64 {
	firstSent, firstPos := math.MaxInt, 1.0
	central, dated := 0.0, 0.0
	for _, ui := range f.members {
		u := &units[ui]
		firstSent = min(firstSent, u.sent)
		firstPos = min(firstPos, u.pos)
		central = max(central, lc.centrality(u))
		for _, d := range u.dates {
			if d.Granularity == storyfold.GranularityDay {
				dated = 1
			}
		}
	}
	early := 0.5/(1+earlySentenceLag*float64(firstSent)) + 0.5*(1-firstPos)
	return weightSources*float64(f.sources)/float64(maxSources) + weightEarly*early + weightCentral*central +
		weightArticles*float64(len(f.members))/float64(max(1, articles)) + weightDated*dated
}

// leadFit reports whether a sentence can open a summary: long enough to
// tell an event, a statement, not a question, and mostly the writer's
// words, not a reaction quoted ("X said, “...”").
func leadFit(s string) bool {
	s = strings.TrimSpace(s)
	if countFields(s) < minLeadWords || strings.HasSuffix(strings.TrimRight(s, "\"”’'"), "?") {
		return false
	}
	return 2*quotedRunes(s) < utf8.RuneCountInString(s)
}

// quotedRunes counts the runes of s inside quotation marks.
func quotedRunes(s string) int {
	n, in := 0, false
	for _, r := range s {
		switch r {
		case '“':
			in = true
		case '”':
			in = false
		case '"':
			in = !in
		default:
			if in {
				n++
			}
		}
	}
	return n
}

// balanced reports whether a sentence closes the quotes it opens: a
// sentence of a quote that runs over several does not read on its own.
func balanced(s string) bool {
	return strings.Count(s, "“") == strings.Count(s, "”") && strings.Count(s, "\"")%2 == 0
}

func startsWithQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '"' || r == '“' || r == '‘' || r == '\''
}
