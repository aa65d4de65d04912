package pipeline

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
)

// Writer adds articles to a store through a story index it keeps in
// memory. Any number of writers, in one process or many, may share a
// store: each holds the store's write lock from catching its index up with
// what the others saved to saving its own batch, so every article is
// grouped against every article stored before it, as if one writer had
// stored them all.
type Writer struct {
	mu    sync.Mutex
	store storyfold.Store
	opts  cluster.Options
	index *cluster.Index
	// seq is the last stored article the index has.
	seq int64
	// stale says a failed save may have left the index holding articles
	// the store does not: it is rebuilt before the next batch.
	stale bool
}

// NewWriter loads the story index from what a store holds.
func NewWriter(ctx context.Context, st storyfold.Store, opts cluster.Options) (*Writer, error) {
	w := &Writer{store: st, opts: opts, index: cluster.New(opts)}
	if err := w.catchUp(ctx); err != nil {
		return nil, err
	}
	return w, nil
}

// catchUp adds to the index the articles stored since it last looked,
// skipping those this writer stored itself.
func (w *Writer) catchUp(ctx context.Context) error {
	return w.store.IndexEntries(ctx, w.seq, func(e storyfold.IndexEntry) error {
		w.seq = e.Seq
		if s, _ := w.index.StoryOf(e.ID); s != "" {
			return nil
		}
		var f cluster.Features
		if err := f.UnmarshalBinary(e.Features); err != nil {
			return fmt.Errorf("load index: article %s: %w", e.ID, err)
		}
		w.index.Restore(e.ID, e.Hash, f, e.StoryID, e.DuplicateOf)
		return nil
	})
}

// Ingest adds prepared articles to the store: articles already stored (same
// content) are skipped, the rest join the stored stories incrementally, and
// the stories they change are rebuilt, all saved in one transaction. The
// new articles are taken in date order, so the order they came in does not
// matter.
func (w *Writer) Ingest(ctx context.Context, articles []storyfold.Article) (storyfold.IngestResult, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	unlock, err := w.store.LockWrites(ctx)
	if err != nil {
		return storyfold.IngestResult{}, err
	}
	defer unlock()
	if w.stale {
		w.index, w.seq = cluster.New(w.opts), 0
	}
	if err := w.catchUp(ctx); err != nil {
		w.stale = true
		return storyfold.IngestResult{}, err
	}
	res, err := ingest(ctx, w.store, w.index, articles)
	if err != nil {
		w.stale = true
	}
	return res, err
}

// Add cleans and annotates raw articles, then ingests them. The costly
// preparing happens before the writer is locked, so several goroutines
// adding at once prepare in parallel.
func (w *Writer) Add(ctx context.Context, raw []storyfold.Article) (storyfold.IngestResult, error) {
	return w.Ingest(ctx, Prepare(raw, nil, nil))
}

// ingest is Writer.Ingest once the index is up to date.
func ingest(ctx context.Context, st storyfold.Store, ix *cluster.Index, articles []storyfold.Article) (storyfold.IngestResult, error) {
	var res storyfold.IngestResult
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
		stored := []string{} // not nil: Articles(nil) reads every article
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
