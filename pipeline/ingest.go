package pipeline

import (
	"context"
	"fmt"
	"sort"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
)

// IngestResult says what an ingest changed.
type IngestResult struct {
	New, Known int
	// Renamed maps an article's original ID to the one it was stored under,
	// for articles whose ID the store already gives to other content.
	Renamed map[string]string
	// Stories lists the stories created or changed.
	Stories []string
}

// LoadIndex rebuilds the story index from what a store holds.
func LoadIndex(ctx context.Context, st storyfold.Store, opts cluster.Options) (*cluster.Index, error) {
	ix := cluster.New(opts)
	err := st.IndexEntries(ctx, func(e storyfold.IndexEntry) error {
		var f cluster.Features
		if err := f.UnmarshalBinary(e.Features); err != nil {
			return fmt.Errorf("load index: article %s: %w", e.ID, err)
		}
		ix.Restore(e.ID, e.Hash, f, e.StoryID, e.DuplicateOf)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ix, nil
}

// Ingest adds prepared articles to a store: articles already stored (same
// content) are skipped, the rest join the stored stories incrementally, and
// the stories they change are rebuilt, all saved in one transaction. The
// new articles are taken in date order, so the order they came in does not
// matter.
func Ingest(ctx context.Context, st storyfold.Store, ix *cluster.Index, articles []storyfold.Article) (IngestResult, error) {
	var res IngestResult
	hashes := make([]string, len(articles))
	for i := range articles {
		hashes[i] = articles[i].Hash
	}
	known, err := st.KnownHashes(ctx, hashes)
	if err != nil {
		return res, err
	}
	fresh := make([]storyfold.Article, 0, len(articles))
	for _, a := range articles {
		if known[a.Hash] {
			res.Known++
			continue
		}
		if s, _ := ix.StoryOf(a.ID); s != "" {
			orig := a.ID
			for n := 2; ; n++ {
				a.ID = fmt.Sprintf("%s-%d", orig, n)
				if s, _ := ix.StoryOf(a.ID); s == "" {
					break
				}
			}
			if res.Renamed == nil {
				res.Renamed = make(map[string]string)
			}
			res.Renamed[orig] = a.ID
		}
		fresh = append(fresh, a)
	}
	sort.SliceStable(fresh, func(i, j int) bool { return articleBefore(&fresh[i], &fresh[j]) })
	items := Features(fresh)
	for i := range items {
		ix.CountTerms(&items[i].Features)
	}
	batch := &storyfold.Batch{}
	changed := make(map[string]bool)
	var order []string
	for i, it := range items {
		ix.Add(it.ID, it.Hash, it.Features, true)
		storyID, dupOf := ix.StoryOf(it.ID)
		blob, err := it.Features.MarshalBinary()
		if err != nil {
			return res, fmt.Errorf("ingest %s: %w", it.ID, err)
		}
		batch.Articles = append(batch.Articles, storyfold.StoredArticle{Article: fresh[i], StoryID: storyID, DuplicateOf: dupOf, Features: blob})
		if !changed[storyID] {
			changed[storyID] = true
			order = append(order, storyID)
		}
	}
	res.New = len(fresh)

	// Rebuild the changed stories from all their articles, stored and new.
	byID := make(map[string]*storyfold.Article, len(fresh))
	for i := range fresh {
		byID[fresh[i].ID] = &fresh[i]
	}
	for _, sid := range order {
		ids := ix.Members(sid)
		var stored []string
		for _, id := range ids {
			if byID[id] == nil {
				stored = append(stored, id)
			}
		}
		old, err := st.Articles(ctx, stored)
		if err != nil {
			return res, err
		}
		members := make([]*storyfold.Article, 0, len(ids))
		for i := range old {
			members = append(members, &old[i])
		}
		for _, id := range ids {
			if a := byID[id]; a != nil {
				members = append(members, a)
			}
		}
		batch.Stories = append(batch.Stories, NewStory(sid, members))
	}
	res.Stories = order
	if err := st.Save(ctx, batch); err != nil {
		return res, err
	}
	return res, nil
}
