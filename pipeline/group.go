package pipeline

import (
	"runtime"
	"slices"
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

// Features computes the grouping features of articles on all cores. It
// drops each article's Tokens once read: no later stage reads them, and
// they are as large as the text twice over.
func Features(articles []storyfold.Article) []cluster.Item {
	return features(articles, runtime.GOMAXPROCS(0))
}

// features is Features on at most workers goroutines.
func features(articles []storyfold.Article, workers int) []cluster.Item {
	items := make([]cluster.Item, len(articles))
	workers = max(1, min(workers, len(articles)))
	parallel.For(len(articles), workers, func(i int) {
		e := getExtractor()
		items[i] = cluster.Item{ID: articles[i].ID, Hash: articles[i].Hash, Features: e.Extract(&articles[i])}
		articles[i].Tokens = nil
		putExtractor(e)
	})
	return items
}

// extractors keeps feature extractors between calls of Features, at most
// one a core, so that their stem and name-key caches stay warm from one
// batch to the next: each batch of ingest had started them cold. A
// sync.Pool would be emptied by every collection. The caches are bounded
// and hold what a word alone gives, so keeping them changes no result.
var extractors struct {
	sync.Mutex
	free []*cluster.Extractor
}

func getExtractor() *cluster.Extractor {
	extractors.Lock()
	defer extractors.Unlock()
	if n := len(extractors.free); n > 0 {
		e := extractors.free[n-1]
		extractors.free = extractors.free[:n-1]
		return e
	}
	return cluster.NewExtractor()
}

func putExtractor(e *cluster.Extractor) {
	extractors.Lock()
	defer extractors.Unlock()
	if len(extractors.free) < runtime.GOMAXPROCS(0) {
		extractors.free = append(extractors.free, e)
	}
}

// Group groups a batch of prepared articles into stories and lists each
// article's copies on it. Articles are modified in place (Duplicates).
func Group(articles []storyfold.Article, opts cluster.Options) []*storyfold.Story {
	g := NewGrouper(opts)
	g.Add(articles)
	return g.Stories(articles, nil)
}

// Grouper groups articles batch by batch exactly as a Writer groups the
// batches it stores (see addBatch), so that analyze, which holds its
// articles, and ingest, which stores them batch by batch, give the same
// stories for the same input.
type Grouper struct {
	opts cluster.Options
	ix   *cluster.Index
}

// NewGrouper returns a grouper holding no article.
func NewGrouper(opts cluster.Options) *Grouper {
	return &Grouper{opts: opts, ix: cluster.New(opts)}
}

// Add groups a batch of prepared articles.
func (g *Grouper) Add(articles []storyfold.Article) {
	g.ix = addBatch(g.ix, g.opts, Features(articles))
}

// addBatch adds a batch's articles to an index, the one way analyze and
// ingest both group: into an empty index, as cluster.Batch does (terms
// counted over the batch first, articles in date order, then every
// article offered the story that suits it best once all exist); into an
// index that holds earlier batches, in the same date order, after
// counting the batch's terms, without that last pass, which could move
// articles already stored. It returns the index to use from then on.
func addBatch(ix *cluster.Index, opts cluster.Options, items []cluster.Item) *cluster.Index {
	if ix == nil || ix.Len() == 0 {
		return cluster.Batch(items, opts)
	}
	sorted := slices.Clone(items)
	sort.SliceStable(sorted, func(a, b int) bool { return itemBefore(&sorted[a], &sorted[b]) })
	for i := range sorted {
		ix.CountTerms(&sorted[i].Features)
	}
	for i := range sorted {
		ix.Add(sorted[i].ID, sorted[i].Hash, sorted[i].Features, true)
	}
	return ix
}

// itemBefore is cluster.Batch's order: by day, unknown days last, then by
// ID.
func itemBefore(x, y *cluster.Item) bool {
	dx, dy := x.Features.Day, y.Features.Day
	if (dx == cluster.NoDay) != (dy == cluster.NoDay) {
		return dy == cluster.NoDay
	}
	if dx != dy {
		return dx < dy
	}
	return x.ID < y.ID
}

// Stories builds the stories of the articles added so far, on all cores,
// calling done (if not nil) as each is built; articles are all the
// articles added, modified in place (Duplicates). An article's copies are
// those in its own story, as a Writer lists them when it builds a story
// from a store.
func (g *Grouper) Stories(articles []storyfold.Article, done func()) []*storyfold.Story {
	ix := g.ix
	copies := ix.Copies()
	byID := make(map[string]*storyfold.Article, len(articles))
	for i := range articles {
		a := &articles[i]
		byID[a.ID] = a
		a.Duplicates = a.Duplicates[:0]
		if a.Duplicates == nil {
			a.Duplicates = []string{}
		}
	}
	groups := ix.Groups()
	for _, gr := range groups {
		in := make(map[string]bool, len(gr.Articles))
		for _, id := range gr.Articles {
			in[id] = true
		}
		for _, id := range gr.Articles {
			for _, c := range copies[id] {
				if in[c] {
					byID[id].Duplicates = append(byID[id].Duplicates, c)
				}
			}
		}
	}
	stories := make([]*storyfold.Story, len(groups))
	parallel.For(len(groups), runtime.GOMAXPROCS(0), func(i int) {
		members := make([]*storyfold.Article, 0, len(groups[i].Articles))
		for _, id := range groups[i].Articles {
			members = append(members, byID[id])
		}
		stories[i] = NewStory(groups[i].ID, members)
		if done != nil {
			done()
		}
	})
	return stories
}

// NewStory builds a story from its articles: articles in date order, the
// outlets, the date range and a headline (see Outline), then the account:
// entities, quotes, facts, conflicts, families, summary and timeline,
// bounded in size (see Bound).
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
				df.SetLanguage(a.Language)
				if found := df.Find(a.Text, a.Sentences, st.First); found != nil {
					a.Dates = found
				}
			}
		}
	}
	st.Entities = entity.Story(members)
	var left int
	if st.Quotes, left = quote.GroupBounded(members, st.Entities); left > 0 {
		st.Omitted = &storyfold.Omitted{Quotes: left}
	}
	compare.Reconcile(st, members)
	Bound(st, MaxAccountBytes)
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
	st.Sources = storyfold.KnownOutlets(members)
	st.Languages = storyfold.CountLanguages(members)
	for _, a := range members {
		st.Articles = append(st.Articles, a.ID)
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
