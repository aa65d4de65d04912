package compare

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

// Summary parts.
const (
	Consensus = "consensus"
	Disputed  = "disputed"
	OnlyIn    = "exclusive"
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
	maxEvents       = 15
)

// summarize writes the story's summary: the facts most independent sources
// report, in the order the articles give them, each citing the articles
// reporting it; then what the sources dispute; then notable details only
// one outlet gives. Every sentence but the disputes is an article's own,
// whole, outside any quote.
func summarize(st *storyfold.Story, facts []*factGroup, units []unit, members []*storyfold.Article) []storyfold.SummarySentence {
	used := map[[2]int]bool{} // sentences already in the summary, by article and index
	// pick returns the sentence that words a fact best for a reader: a
	// whole sentence opening with one of its members, outside any quote,
	// that reads on its own, the canonical member's first.
	pick := func(f *factGroup) (storyfold.SummarySentence, bool) {
		for _, u := range f.members {
			if used[[2]int{units[u].article, units[u].sent}] {
				return storyfold.SummarySentence{}, false // said already, in other words
			}
			if quoted(members[units[u].article], units[u].span.Start) {
				return storyfold.SummarySentence{}, false // someone's words: "who said what" shows them
			}
		}
		order := append([]int{f.canon}, f.members...)
		// A sentence that leans on the one before it ("He added ...",
		// "The statement was ...") only if no member stands alone.
		order = append(order, order...)
		for k, ui := range order {
			u := &units[ui]
			a := members[u.article]
			sent := a.Sentences[u.sent]
			if u.span.Start != sent.Start || quoted(a, sent.Start) {
				continue
			}
			text := a.Text[sent.Start:sent.End]
			if len(strings.Fields(text)) > maxSummaryWords || startsWithQuote(text) || !balanced(text) ||
				k < len(order)/2 && leansBack(text) {
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
			return s, true
		}
		return storyfold.SummarySentence{}, false
	}
	take := func(f *factGroup) {
		for _, u := range f.members {
			used[[2]int{units[u].article, units[u].sent}] = true
		}
	}
	type chosen struct {
		s   storyfold.SummarySentence
		pos float64
	}
	var consensus []chosen
	// Consensus: facts of several independent sources; in a story of one
	// source, its facts of several articles; failing those, the lede.
	minSources := 2
	if st.IndependentSources < 2 {
		minSources = 1
	}
	for _, f := range facts {
		if len(consensus) == maxConsensus {
			break
		}
		if f.sources < minSources || len(f.members) < 2 && len(members) > 1 {
			continue
		}
		if s, ok := pick(f); ok {
			s.Part = Consensus
			consensus = append(consensus, chosen{s, f.pos})
			take(f)
		}
	}
	// Too few: the facts most articles report, though from one source.
	for _, f := range facts {
		if len(consensus) >= minConsensus {
			break
		}
		if len(f.members) < 2 || f.sources >= minSources {
			continue
		}
		if s, ok := pick(f); ok {
			s.Part = Consensus
			consensus = append(consensus, chosen{s, f.pos})
			take(f)
		}
	}
	if len(consensus) == 0 {
		for _, f := range facts {
			if len(consensus) == 3 {
				break
			}
			if units[f.canon].article != 0 {
				continue
			}
			if s, ok := pick(f); ok {
				s.Part = Consensus
				consensus = append(consensus, chosen{s, f.pos})
				take(f)
			}
		}
	}
	sort.SliceStable(consensus, func(i, j int) bool { return consensus[i].pos < consensus[j].pos })
	out := []storyfold.SummarySentence{}
	for _, c := range consensus {
		out = append(out, c.s)
	}
	for i, c := range st.Conflicts {
		if i == maxDisputed {
			break
		}
		s := storyfold.SummarySentence{Text: c.Description + ".", Articles: []string{}, Cites: []storyfold.SentenceRef{}, Part: Disputed}
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
		if len(out) >= maxSummary || len(out) >= len(consensus)+maxDisputed+2 {
			break
		}
		ai := units[f.canon].article
		if fromArticle[ai] {
			continue
		}
		if s, ok := pick(f); ok {
			s.Part = OnlyIn
			out = append(out, s)
			take(f)
			fromArticle[ai] = true
		}
	}
	return out
}

// leansBack reports whether a sentence opens with a word that refers to
// the sentence before it.
func leansBack(s string) bool {
	first, rest, _ := strings.Cut(s, " ")
	switch strings.ToLower(strings.Trim(first, ",")) {
	case "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "their", "its", "but", "however", "also":
		return true
	case "the":
		second, _, _ := strings.Cut(rest, " ")
		switch strings.ToLower(second) {
		case "statement", "move", "decision", "remarks", "comments", "announcement", "report", "same":
			return true
		}
	}
	return false
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

// timeline lists the days (or months, or years) the articles give, oldest
// first, each with the sentence of the most widely reported fact that gives
// it and the articles that give that day.
func timeline(members []*storyfold.Article, units []unit, facts []*factGroup) []storyfold.Event {
	rank := make([]int, len(units)) // unit -> the rank of its fact
	factOf := make([]*factGroup, len(units))
	for r, f := range facts {
		for _, u := range f.members {
			rank[u], factOf[u] = r, f
		}
	}
	type key struct {
		day  string
		gran string
	}
	events := map[key]*storyfold.Event{}
	best := map[key]int{}
	var keys []key
	for ui := range units {
		u := &units[ui]
		for _, d := range u.dates {
			k := key{d.Date.Format("2006-01-02"), d.Granularity}
			ev, ok := events[k]
			if !ok {
				ev = &storyfold.Event{Date: d.Date, Granularity: d.Granularity, Articles: []string{}}
				events[k] = ev
				best[k] = -1
				keys = append(keys, k)
			}
			id := members[u.article].ID
			if !slices.Contains(ev.Articles, id) {
				ev.Articles = append(ev.Articles, id)
			}
			if best[k] < 0 || rank[ui] < rank[best[k]] {
				best[k] = ui
				cu := &units[factOf[ui].canon]
				ev.Text = members[cu.article].Text[cu.span.Start:cu.span.End]
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].day != keys[j].day {
			return keys[i].day < keys[j].day
		}
		return keys[i].gran < keys[j].gran
	})
	out := []storyfold.Event{}
	for _, k := range keys {
		out = append(out, *events[k])
	}
	if len(out) > maxEvents {
		// Keep the days most articles give, in date order.
		sort.SliceStable(out, func(i, j int) bool { return len(out[i].Articles) > len(out[j].Articles) })
		out = out[:maxEvents]
		sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date.Time) })
	}
	return out
}
