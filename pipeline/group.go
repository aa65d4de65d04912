package pipeline

import (
	"runtime"
	"sort"
	"sync"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/compare"
	"github.com/storyfold/storyfold/dates"
	"github.com/storyfold/storyfold/entity"
	"github.com/storyfold/storyfold/internal/parallel"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/quote"
)

// Features computes the grouping features of articles on all cores.
func Features(articles []storyfold.Article) []cluster.Item {
	items := make([]cluster.Item, len(articles))
	workers := runtime.GOMAXPROCS(0)
	extractors := make(chan *cluster.Extractor, workers)
	for i := 0; i < workers; i++ {
		extractors <- cluster.NewExtractor()
	}
	parallel.For(len(articles), workers, func(i int) {
		e := <-extractors
		items[i] = cluster.Item{ID: articles[i].ID, Hash: articles[i].Hash, Features: e.Extract(&articles[i])}
		extractors <- e
	})
	return items
}

// Group groups a batch of prepared articles into stories and lists each
// article's copies on it. Articles are modified in place (Duplicates).
func Group(articles []storyfold.Article, opts cluster.Options) []*storyfold.Story {
	ix := cluster.Batch(Features(articles), opts)
	copies := ix.Copies()
	byID := make(map[string]*storyfold.Article, len(articles))
	for i := range articles {
		a := &articles[i]
		byID[a.ID] = a
		a.Duplicates = append(a.Duplicates[:0], copies[a.ID]...)
	}
	var stories []*storyfold.Story
	for _, g := range ix.Groups() {
		members := make([]*storyfold.Article, 0, len(g.Articles))
		for _, id := range g.Articles {
			members = append(members, byID[id])
		}
		stories = append(stories, NewStory(g.ID, members))
	}
	return stories
}

// NewStory builds a story from its articles: articles in date order, the
// outlets, the date range and a headline (see Outline), then the account:
// entities, quotes, facts, conflicts, families, summary and timeline.
func NewStory(id string, members []*storyfold.Article) *storyfold.Story {
	st := Outline(id, members)
	// An article without a date reads its relative dates against the
	// story's first day.
	if st.First.Known() {
		var df *dates.Finder
		for _, a := range members {
			if !a.Date.Known() {
				if df == nil {
					df = dates.NewFinder()
				}
				if found := df.Find(a.Text, a.Sentences, st.First); found != nil {
					a.Dates = found
				}
			}
		}
	}
	st.Entities = entity.Story(members)
	st.Quotes = quote.Group(members, st.Entities)
	compare.Reconcile(st, members)
	return st
}

// Outline is what a story is before its account is built: its articles in
// date order (members are sorted in place), the outlets, the date range
// and a headline. It costs little, so a story opened under the store's
// write lock can be saved as an outline and read at once, its account
// built after the lock is released.
func Outline(id string, members []*storyfold.Article) *storyfold.Story {
	st := storyfold.NewStory(id)
	sort.SliceStable(members, func(i, j int) bool { return articleBefore(members[i], members[j]) })
	seen := make(map[string]bool)
	for _, a := range members {
		st.Articles = append(st.Articles, a.ID)
		if a.Source != "" && !seen[a.Source] {
			seen[a.Source] = true
			st.Sources = append(st.Sources, a.Source)
		}
		if a.Date.Known() {
			if !st.First.Known() || a.Date.Before(st.First.Time) {
				st.First = a.Date
			}
			if !st.Last.Known() || a.Date.After(st.Last.Time) {
				st.Last = a.Date
			}
		}
	}
	st.Headline = Headline(members)
	return st
}

// analyzers keeps analyzers, and their stem caches, between stories.
var analyzers = sync.Pool{New: func() any { return nlp.NewAnalyzer() }}

// Headline picks a story's headline: the title that shares the most words
// with the other titles of the story (the most representative one), the
// earliest on a tie.
func Headline(members []*storyfold.Article) string {
	an := analyzers.Get().(*nlp.Analyzer)
	defer analyzers.Put(an)
	sets := make([]map[string]bool, len(members))
	df := make(map[string]int)
	for i, a := range members {
		sets[i] = make(map[string]bool)
		an.TextTerms(a.Title, func(t nlp.Term) { sets[i][t.Stem] = true })
		for w := range sets[i] {
			df[w]++
		}
	}
	best, bestScore := "", -1
	for i, a := range members {
		if a.Title == "" {
			continue
		}
		// Words this title shares with the others, counted once per other
		// title that has them.
		score := 0
		for w := range sets[i] {
			score += df[w] - 1
		}
		if score > bestScore {
			best, bestScore = a.Title, score
		}
	}
	return best
}

// articleBefore orders articles by date (unknown dates last), then ID.
func articleBefore(a, b *storyfold.Article) bool {
	if a.Date.Known() != b.Date.Known() {
		return a.Date.Known()
	}
	if !a.Date.Equal(b.Date.Time) {
		return a.Date.Before(b.Date.Time)
	}
	return a.ID < b.ID
}
