package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/internal/parallel"
)

// Writer adds articles to a store through a story index it keeps in
// memory. Any number of writers, in one process or many, may share a
// store: each holds the store's write lock from catching its index up with
// what the others saved to saving its own batch, so every article is
// grouped against every article stored before it, as if one writer had
// stored them all.
//
// Only the grouping and the save happen under the lock. The stories a
// batch changes are marked stale in the batch's transaction and rebuilt
// after the lock is released, from the articles the store holds, so a
// story whose account is slow to build (a crafted article, a very large
// story) holds up no other writer, and writers rebuild in parallel. A
// writer that dies between the two leaves the marks, and the next writer
// to start rebuilds those stories.
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

	// building holds the stories this writer is rebuilding, each with a
	// channel closed when it is done, so that two batches of one process
	// that change a story do not both build it at once: the second waits,
	// then builds again only if the story is still stale.
	buildMu  sync.Mutex
	building map[string]chan struct{}

	stats writerStats

	// annotate, when set, is applied to every article before it is
	// stored (SetAnnotate).
	annotate func(*storyfold.Article)
	// workers bounds the goroutines its analysis runs on (SetWorkers; 0:
	// GOMAXPROCS).
	workers int

	// deferred holds the stories IngestDeferred batches changed and left
	// stale, each with the batches that changed it first and last, until
	// deferral says they are due (or Flush); batches counts those
	// batches, and last holds the last one's articles, which a rebuild
	// reads from memory.
	deferMu  sync.Mutex
	deferred map[string]deferredStory
	batches  int64
	last     []storyfold.StoredArticle
	// deferral bounds how long a changed story is left stale
	// (SetDeferral).
	deferral Deferral
	// waves give, oldest first, the errors of the rebuilds IngestDeferred
	// left running, each once it is done: at most maxWaves at a time.
	waves []chan error
}

// Deferral bounds how long IngestDeferred leaves a story stale before it
// rebuilds it, counted from the batch that first left it stale and
// checked as each batch is stored. A story is rebuilt once Quiet batches
// in a row have left it alone; or once it has waited Batches batches and
// holds twice the articles it held before that first batch (a story that
// batch opened, any); or once it has waited Most batches or For; and at
// Flush. The first rule builds a story once when its articles come in a
// run of batches. The second builds a story that never goes quiet once
// each time it has doubled rather than every Batches batches, each time
// larger (a story of bench --scale grows to hundreds of articles over
// the whole run). The last bound how old an account a reader is shown
// (marked stale) and how much work is left to Flush.
type Deferral struct {
	Quiet, Batches, Most int
	For                  time.Duration
}

// DefaultDeferral is the deferral of a new Writer. A story of a stream
// in date order comes back every few batches while it runs (the stories
// of bench --scale every third batch of 500): with Quiet 1, as before,
// such a story was built again each time, each time larger, and at
// 20,000 articles each article's account was built 2.3 times over.
var DefaultDeferral = Deferral{Quiet: 4, Batches: 16, Most: 64, For: 5 * time.Minute}

// SetDeferral sets how long IngestDeferred leaves a story stale (a zero
// field: DefaultDeferral's). Call it before the writer is shared.
func (w *Writer) SetDeferral(d Deferral) {
	if d.Quiet <= 0 {
		d.Quiet = DefaultDeferral.Quiet
	}
	if d.Batches <= 0 {
		d.Batches = DefaultDeferral.Batches
	}
	if d.Most <= 0 {
		d.Most = DefaultDeferral.Most
	}
	if d.For <= 0 {
		d.For = DefaultDeferral.For
	}
	w.deferral = d
}

// due says whether a story IngestDeferred left stale is to be rebuilt
// once batch n is stored, at now.
func (d Deferral) due(s deferredStory, n int64, now time.Time) bool {
	waited := n - s.first
	return n-s.last >= int64(d.Quiet) || waited >= int64(d.Most) || now.Sub(s.since) >= d.For ||
		waited >= int64(d.Batches) && s.size >= 2*s.built
}

// deferredStory is a story IngestDeferred left stale: the batches that
// changed it first and last since its last rebuild, when the first was
// stored, and how many articles it held before the first (0: it opened
// the story) and holds now.
type deferredStory struct {
	first, last int64
	since       time.Time
	built, size int
}

// maxWaves is how many rebuilds of the stories of successive batches
// IngestDeferred lets run at once. With one, each batch waited for the
// rebuild the batch before had started, and the cores idled while its
// last, longest story was built; with two, the next rebuild starts
// beside it. Each holds two batches' articles, so memory stays bounded
// by the batch.
const maxWaves = 2

// SetAnnotate sets a function applied to every article the writer stores,
// before it is stored: serve uses it to attach the user's outlet facts to
// the articles posted to it. Call it before the writer is shared.
func (w *Writer) SetAnnotate(f func(*storyfold.Article)) { w.annotate = f }

// SetWorkers bounds the goroutines the writer's analysis runs on at once:
// preparing the articles Add is given, extracting their grouping
// features and rebuilding stories (n <= 0: GOMAXPROCS, the default). A
// server sets fewer than its cores, so that a POST of a thousand articles
// or a rebuild of many stories leaves a core to answer readers and the
// health check. Call it before the writer is shared.
func (w *Writer) SetWorkers(n int) { w.workers = n }

// workerCount is how many goroutines the writer's analysis runs on.
func (w *Writer) workerCount() int {
	if w.workers > 0 {
		return w.workers
	}
	return runtime.GOMAXPROCS(0)
}

// WriterStats counts what a writer did, for metrics and benchmarks: above
// all how long it held the store's write lock, which every other writer
// waits for.
type WriterStats struct {
	// Batches counts the batches saved, LockHeld the time the write lock
	// was held for them in all, and MaxLockHeld the longest single hold.
	Batches     int64
	LockHeld    time.Duration
	MaxLockHeld time.Duration
	// Rebuilt counts the stories rebuilt and saved, Dropped the rebuilds
	// not saved because the story changed meanwhile (a newer rebuild is
	// due), and Building the time spent building accounts, outside the
	// lock.
	Rebuilt, Dropped int64
	Building         time.Duration
	// Built counts the stories built, saved or not, and BuiltArticles
	// their articles, a story's each time it is built: over the articles
	// stored, how many times each article's account was built, the cost
	// a story that several batches change pays again at each build.
	Built, BuiltArticles int64
}

// writerStats is WriterStats behind a mutex: writers are shared by the
// goroutines of a server.
type writerStats struct {
	sync.Mutex
	WriterStats
}

// Stats returns what the writer did so far.
func (w *Writer) Stats() WriterStats {
	w.stats.Lock()
	defer w.stats.Unlock()
	return w.stats.WriterStats
}

// NewWriter loads the story index from what a store holds, then rebuilds
// the stories left stale by a writer that stopped before rebuilding them.
func NewWriter(ctx context.Context, st storyfold.Store, opts cluster.Options) (*Writer, error) {
	w := &Writer{store: st, opts: opts, index: cluster.New(opts), building: make(map[string]chan struct{}),
		deferred: make(map[string]deferredStory), deferral: DefaultDeferral}
	if err := w.catchUp(ctx); err != nil {
		return nil, err
	}
	if _, err := w.Rebuild(ctx); err != nil {
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
// the stories they change are rebuilt. The new articles are taken in date
// order, so the order they came in does not matter. It is Write, then a
// rebuild of the stories the batch changed: when it returns without an
// error, their accounts are saved, except those another batch changed
// meanwhile, which the writer of that batch rebuilds.
func (w *Writer) Ingest(ctx context.Context, articles []storyfold.Article) (storyfold.IngestResult, error) {
	res, batch, _, err := w.write(ctx, w.Stage(articles))
	if err != nil {
		return res, err
	}
	// The batch's articles are in memory as they were stored: the
	// rebuild reads only the stories' other articles from the store.
	have := make(map[string]*storyfold.Article, len(batch))
	for i := range batch {
		have[batch[i].Article.ID] = &batch[i].Article
	}
	if err := w.rebuildStories(ctx, res.Stories, have); err != nil {
		return res, fmt.Errorf("%w: %w", ErrStoriesStale, err)
	}
	return res, nil
}

// IngestDeferred is Ingest for a stream of batches, such as one ingest
// run reads: a story the batch changes is not rebuilt yet, since the
// next batches may well change it again (a story that runs for days
// spans many batches of minutes), but marked stale, as Write leaves it.
// The stories batches before changed are rebuilt once the writer's
// Deferral says they are due, each once, however many batches changed it
// meanwhile: in the background, on all cores, while the caller prepares
// and stores the next batches, so that the part under the write lock,
// which runs on one core, and the rebuilds overlap. At most maxWaves
// such rebuilds run at a time: a call that would start one more waits,
// once its own batch is stored, for the oldest, and returns the error of
// any that failed, wrapped in ErrStoriesStale. ctx must last until then. Call Flush after the last
// batch. The marks are durable: a process that stops before Flush leaves
// its stories stale, and the next writer to start rebuilds them, so what
// a reader finally sees is what Ingest would have given. Calls may
// overlap: no story is dropped whatever order their rebuilds run in,
// since a story leaves the deferred list only to be rebuilt.
func (w *Writer) IngestDeferred(ctx context.Context, articles []storyfold.Article) (storyfold.IngestResult, error) {
	return w.IngestStaged(ctx, w.Stage(articles))
}

// IngestStaged is IngestDeferred of a batch Stage made ready.
func (w *Writer) IngestStaged(ctx context.Context, b *Staged) (storyfold.IngestResult, error) {
	res, batch, sizes, err := w.write(ctx, b)
	if err != nil {
		return res, err
	}
	w.deferMu.Lock()
	defer w.deferMu.Unlock()
	// The rebuilds the batches before started have had this batch's
	// preparing and storing to run in. Should one have failed, this
	// batch's stories are still kept for the next rebuild.
	waited := w.waitWaves(maxWaves - 1)
	w.batches++
	n, now := w.batches, time.Now()
	added := make(map[string]int, len(res.Stories))
	for i := range batch {
		added[batch[i].StoryID]++
	}
	for _, id := range res.Stories {
		d, ok := w.deferred[id]
		if !ok {
			d = deferredStory{first: n, since: now, built: sizes[id] - added[id]}
		}
		d.last, d.size = n, sizes[id]
		w.deferred[id] = d
	}
	var due []string
	for id, d := range w.deferred {
		if w.deferral.due(d, n, now) {
			due = append(due, id)
		}
	}
	// In order, so that the rebuilds start in the same order every run.
	sort.Strings(due)
	for _, id := range due {
		delete(w.deferred, id)
	}
	have := haveOf(w.last, batch)
	w.last = batch
	if len(due) > 0 {
		done := make(chan error, 1)
		w.waves = append(w.waves, done)
		go func() { done <- w.rebuildStories(ctx, due, have) }()
	}
	return res, waited
}

// waitWaves collects the rebuilds IngestDeferred left running that are
// done, then waits for the oldest until at most keep run, and returns
// the first error of those it collected, wrapped in ErrStoriesStale.
// Call it with deferMu held.
func (w *Writer) waitWaves(keep int) error {
	var first error
	left := w.waves[:0]
	for i, done := range w.waves {
		var err error
		if len(w.waves)-i > keep {
			err = <-done
		} else {
			select {
			case err = <-done:
			default:
				left = append(left, done)
				continue
			}
		}
		if err != nil && first == nil {
			first = fmt.Errorf("%w: %w", ErrStoriesStale, err)
		}
	}
	clear(w.waves[len(left):])
	w.waves = left
	return first
}

// Flush waits for the rebuilds IngestDeferred left running, then rebuilds
// the stories it left stale.
func (w *Writer) Flush(ctx context.Context) error {
	w.deferMu.Lock()
	defer w.deferMu.Unlock()
	waited := w.waitWaves(0)
	due := make([]string, 0, len(w.deferred))
	for id := range w.deferred {
		due = append(due, id)
	}
	sort.Strings(due)
	have := haveOf(w.last)
	clear(w.deferred)
	w.last = nil
	if err := w.rebuildStories(ctx, due, have); err != nil {
		return fmt.Errorf("%w: %w", ErrStoriesStale, err)
	}
	return waited
}

// haveOf indexes stored batches' articles by ID, for a rebuild.
func haveOf(batches ...[]storyfold.StoredArticle) map[string]*storyfold.Article {
	n := 0
	for _, b := range batches {
		n += len(b)
	}
	have := make(map[string]*storyfold.Article, n)
	for _, b := range batches {
		for i := range b {
			have[b[i].Article.ID] = &b[i].Article
		}
	}
	return have
}

// ErrStoriesStale wraps the error of an Ingest whose articles were stored
// but some of whose stories were not rebuilt: they stay marked stale, and
// the next writer to start (or Rebuild) rebuilds them.
var ErrStoriesStale = errors.New("articles stored, stories left to rebuild")

// Write stores prepared articles and marks the stories they change stale,
// in one transaction, without rebuilding those stories: the part of Ingest
// done under the store's write lock. Until RebuildStories or Rebuild runs
// (here or in any writer sharing the store), a changed story reads as its
// last saved account, with Stale set; a story the batch opens reads as
// its articles, dates and headline, without an account.
func (w *Writer) Write(ctx context.Context, articles []storyfold.Article) (storyfold.IngestResult, error) {
	res, _, _, err := w.write(ctx, w.Stage(articles))
	return res, err
}

// Staged is a batch of prepared articles made ready for a writer ahead of
// its write (Stage).
type Staged struct {
	articles []storyfold.Article
	items    []cluster.Item
	// blobs are the items' features as the store keeps them, nil where
	// they could not be encoded (the write then reports why).
	blobs [][]byte
}

// Len is how many articles the batch holds.
func (b *Staged) Len() int { return len(b.articles) }

// Stage does, on the writer's workers, what a batch's write needs of each
// article that depends on the article alone: the annotation SetAnnotate
// set, the grouping features (the costliest part of grouping a long
// article) and their encoding, and what the store keeps of it (a
// compressed document, say) in a store that can encode it ahead of the
// save. Write and Ingest stage their batch first; a caller that stages
// the next batch while the writer stores one (IngestStaged) keeps this
// work off the path that leads to the write lock, which the writer's
// other work waits on.
func (w *Writer) Stage(articles []storyfold.Article) *Staged {
	if w.annotate != nil {
		for i := range articles {
			w.annotate(&articles[i])
		}
	}
	b := &Staged{articles: articles, items: features(articles, w.workerCount()), blobs: make([][]byte, len(articles))}
	parallel.For(len(b.items), w.workerCount(), func(i int) {
		b.blobs[i], _ = b.items[i].Features.MarshalBinary()
	})
	if e, ok := w.store.(featuresEncoder); ok {
		e.EncodeWith(articles, b.blobs)
	} else if e, ok := w.store.(encoder); ok {
		e.Encode(articles)
	}
	return b
}

// write is Write of a staged batch, also returning the articles it
// stored and the size of each story it changed.
func (w *Writer) write(ctx context.Context, b *Staged) (storyfold.IngestResult, []storyfold.StoredArticle, map[string]int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	unlock, err := w.store.LockWrites(ctx)
	if err != nil {
		return storyfold.IngestResult{}, nil, nil, err
	}
	start := time.Now()
	defer func() {
		unlock()
		w.stats.Lock()
		held := time.Since(start)
		w.stats.Batches++
		w.stats.LockHeld += held
		w.stats.MaxLockHeld = max(w.stats.MaxLockHeld, held)
		w.stats.Unlock()
	}()
	if w.stale {
		w.index, w.seq = cluster.New(w.opts), 0
	}
	if err := w.catchUp(ctx); err != nil {
		w.stale = true
		return storyfold.IngestResult{}, nil, nil, err
	}
	res, batch, sizes, err := ingest(ctx, w.store, &w.index, w.opts, b)
	if err != nil {
		w.stale = true
	}
	return res, batch, sizes, err
}

// encoder is a store that can encode articles for their save before it is
// asked to save them, so that the encoding is done before the write lock
// is taken (sqlite.Store, postgres.Store). The save encodes whatever it
// was not given this way, so the store's contents never depend on it.
type encoder interface {
	Encode(articles []storyfold.Article)
}

// featuresEncoder is an encoder that also encodes the articles' grouping
// features blobs ahead (features[i] is articles[i]'s, as the batch's save
// will carry them), which it would else compress under the write lock.
type featuresEncoder interface {
	EncodeWith(articles []storyfold.Article, features [][]byte)
}

// Add cleans and annotates raw articles, then ingests them. The costly
// preparing happens before the writer is locked, so several goroutines
// adding at once prepare in parallel.
func (w *Writer) Add(ctx context.Context, raw []storyfold.Article) (storyfold.IngestResult, error) {
	return w.Ingest(ctx, prepare(raw, nil, nil, w.workerCount()))
}

// Rebuild rebuilds every stale story of the store, whichever writer marked
// it, and returns how many it saved. A writer calls it when it starts, so
// that a writer that died between saving a batch and rebuilding its
// stories leaves no story behind; a long-running process may call it from
// time to time.
func (w *Writer) Rebuild(ctx context.Context) (int, error) {
	stale, err := w.store.StaleStories(ctx, nil)
	if err != nil {
		return 0, err
	}
	return w.rebuild(ctx, stale, nil)
}

// RebuildStories rebuilds those of the given stories that are stale and
// returns how many it saved.
func (w *Writer) RebuildStories(ctx context.Context, ids []string) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	stale, err := w.store.StaleStories(ctx, ids)
	if err != nil {
		return 0, err
	}
	return w.rebuild(ctx, stale, nil)
}

// rebuildStories is RebuildStories for a batch this writer stored, whose
// articles are in have.
func (w *Writer) rebuildStories(ctx context.Context, ids []string, have map[string]*storyfold.Article) error {
	if len(ids) == 0 {
		return nil
	}
	stale, err := w.store.StaleStories(ctx, ids)
	if err != nil {
		return err
	}
	_, err = w.rebuild(ctx, stale, have)
	return err
}

// saveGroup is how many rebuilt stories are saved in one transaction: a
// transaction per story costs more than saving it.
const saveGroup = 32

// rebuild builds stale stories on the writer's workers and saves them in
// groups as they are built, reading from the store the articles have does
// not hold (it may be nil). The groups are saved by a goroutine of their
// own, so that a builder never waits for the store's single writer (a
// batch's save holds it for a second or more): it goes on to the next
// story. The first error is returned; the stories it stopped keep their
// marks for the next rebuild.
func (w *Writer) rebuild(ctx context.Context, stale []storyfold.StaleStory, have map[string]*storyfold.Article) (int, error) {
	var mu sync.Mutex
	var first error
	var group []built
	saved := 0
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		if first == nil {
			first = err
		}
	}
	// Full groups wait here for the saver: a few, so that builders run
	// ahead of a slow save without holding many stories.
	groups := make(chan []built, 2)
	saving := make(chan struct{})
	go func() {
		defer close(saving)
		for g := range groups {
			n, err := w.save(ctx, g)
			mu.Lock()
			saved += n
			mu.Unlock()
			if err != nil {
				fail(err)
			}
		}
	}()
	parallel.For(len(stale), w.workerCount(), func(i int) {
		if ctx.Err() != nil {
			return
		}
		b, err := w.rebuildOne(ctx, stale[i], have)
		if err != nil {
			fail(err)
			return
		}
		if b.story == nil {
			return
		}
		mu.Lock()
		group = append(group, b)
		var full []built
		if len(group) >= saveGroup {
			full, group = group, nil
		}
		mu.Unlock()
		if full != nil {
			groups <- full
		}
	})
	if len(group) > 0 {
		groups <- group
	}
	close(groups)
	<-saving
	if first == nil && ctx.Err() != nil {
		first = fmt.Errorf("rebuild stories: %w", ctx.Err())
	}
	return saved, first
}

// built is a rebuilt story waiting to be saved, with the mark it was built
// for.
type built struct {
	story *storyfold.Story
	mark  int64
}

// save saves rebuilt stories, each if its mark is still the one it was
// built for, and returns how many it saved.
func (w *Writer) save(ctx context.Context, group []built) (int, error) {
	stories := make([]*storyfold.Story, len(group))
	marks := make([]int64, len(group))
	for i, b := range group {
		stories[i], marks[i] = b.story, b.mark
	}
	saved, err := w.store.SaveStories(ctx, stories, marks)
	if err != nil {
		return 0, fmt.Errorf("rebuild: %w", err)
	}
	n := 0
	for _, ok := range saved {
		if ok {
			n++
		}
	}
	w.stats.Lock()
	w.stats.Rebuilt += int64(n)
	w.stats.Dropped += int64(len(group) - n)
	w.stats.Unlock()
	return n, nil
}

// rebuildOne builds one stale story, unless this writer is building it
// already: then it waits for that build, and builds again only if the
// story is still stale (articles joined it while it was being built, or
// that build is not saved yet). A story is claimed only while it is
// built, never while it waits to be saved, so no two rebuilds ever wait
// on each other.
func (w *Writer) rebuildOne(ctx context.Context, s storyfold.StaleStory, have map[string]*storyfold.Article) (built, error) {
	for {
		w.buildMu.Lock()
		busy, ok := w.building[s.ID]
		if !ok {
			done := make(chan struct{})
			w.building[s.ID] = done
			w.buildMu.Unlock()
			st, err := w.build(ctx, s.ID, have)
			w.buildMu.Lock()
			delete(w.building, s.ID)
			close(done)
			w.buildMu.Unlock()
			return built{story: st, mark: s.Mark}, err
		}
		w.buildMu.Unlock()
		select {
		case <-busy:
		case <-ctx.Done():
			return built{}, fmt.Errorf("rebuild story %s: %w", s.ID, ctx.Err())
		}
		now, err := w.store.StaleStories(ctx, []string{s.ID})
		if err != nil || len(now) == 0 {
			return built{}, err
		}
		s = now[0]
	}
}

// build reads which articles a story has from the store, whoever stored
// them, and the documents of those have does not hold, then builds its
// account. It returns nil for a story without articles, which was never
// stored (articles are never deleted). Each article's copies are those
// among the story's members, however they were read, so that the account
// is the same whichever articles were in memory.
func (w *Writer) build(ctx context.Context, id string, have map[string]*storyfold.Article) (*storyfold.Story, error) {
	start := time.Now()
	members, err := w.store.StoryMembers(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("rebuild: %w", err)
	}
	if len(members) == 0 {
		return nil, nil
	}
	need := []string{} // not nil: Articles(nil) reads every article
	copies := make(map[string][]string)
	for _, m := range members {
		if have[m.ID] == nil {
			need = append(need, m.ID)
		}
		if m.DuplicateOf != "" {
			copies[m.DuplicateOf] = append(copies[m.DuplicateOf], m.ID)
		}
	}
	var stored map[string]*storyfold.Article
	if len(need) > 0 {
		read, err := w.store.Articles(ctx, need)
		if err != nil {
			return nil, fmt.Errorf("rebuild: %w", err)
		}
		stored = make(map[string]*storyfold.Article, len(read))
		for i := range read {
			stored[read[i].ID] = &read[i]
		}
	}
	articles := make([]storyfold.Article, len(members))
	ptrs := make([]*storyfold.Article, len(members))
	for i, m := range members {
		a := have[m.ID]
		if a == nil {
			a = stored[m.ID]
		}
		if a == nil {
			return nil, fmt.Errorf("rebuild story %s: article %s: %w", id, m.ID, storyfold.ErrNotFound)
		}
		// A copy, so that building (which fills in the dates of an
		// undated article) leaves have as it was.
		articles[i] = *a
		articles[i].Duplicates = copies[m.ID]
		if articles[i].Duplicates == nil {
			articles[i].Duplicates = []string{}
		}
		ptrs[i] = &articles[i]
	}
	st := NewStory(id, ptrs)
	w.stats.Lock()
	w.stats.Building += time.Since(start)
	w.stats.Built++
	w.stats.BuiltArticles += int64(len(ptrs))
	w.stats.Unlock()
	return st, nil
}

// ingest is Writer.Write of a staged batch once the index is up to date.
// The batch is grouped by addBatch, as a Grouper groups it, which may
// replace *ixp.
//
// It also returns how many articles each story the batch changed holds
// after it, for IngestStaged's deferral.
func ingest(ctx context.Context, st storyfold.Store, ixp **cluster.Index, opts cluster.Options, b *Staged) (storyfold.IngestResult, []storyfold.StoredArticle, map[string]int, error) {
	var res storyfold.IngestResult
	articles, items := b.articles, b.items
	ix := *ixp
	hashes := make([]string, len(articles))
	for i := range articles {
		hashes[i] = articles[i].Hash
	}
	known, err := st.KnownHashes(ctx, hashes)
	if err != nil {
		return res, nil, nil, err
	}
	type entry struct {
		a    storyfold.Article
		it   cluster.Item
		blob []byte
	}
	fresh := make([]entry, 0, len(articles))
	for i, a := range articles {
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
		it := items[i]
		it.ID = a.ID
		fresh = append(fresh, entry{a, it, b.blobs[i]})
	}
	sort.SliceStable(fresh, func(i, j int) bool { return articleBefore(&fresh[i].a, &fresh[j].a) })
	grouped := make([]cluster.Item, len(fresh))
	inBatch := make(map[string]bool, len(fresh))
	for i := range fresh {
		grouped[i] = fresh[i].it
		inBatch[fresh[i].it.ID] = true
	}
	ix = addBatch(ix, opts, grouped)
	*ixp = ix
	batch := &storyfold.Batch{}
	changed := make(map[string]bool)
	opened := make(map[string]bool)
	sizes := make(map[string]int)
	var order []string
	for i := range fresh {
		it := &fresh[i].it
		storyID, dupOf := ix.StoryOf(it.ID)
		if storyID == "" {
			// The batch had this content already: the index kept the
			// first, and the store would too.
			res.Known++
			continue
		}
		if _, seen := opened[storyID]; !seen {
			// A story the batch opens has no member stored before.
			all := true
			members := ix.Members(storyID)
			for _, id := range members {
				all = all && inBatch[id]
			}
			opened[storyID] = all
			sizes[storyID] = len(members)
		}
		blob := fresh[i].blob
		if blob == nil {
			var err error
			if blob, err = it.Features.MarshalBinary(); err != nil {
				return res, nil, nil, fmt.Errorf("ingest %s: %w", it.ID, err)
			}
		}
		batch.Articles = append(batch.Articles, storyfold.StoredArticle{Article: fresh[i].a, StoryID: storyID, DuplicateOf: dupOf, Features: blob})
		if !changed[storyID] {
			changed[storyID] = true
			order = append(order, storyID)
		}
	}
	res.New = len(batch.Articles)

	// The stories the batch opens are saved with what the batch gives of
	// them (articles, dates, headline) and every changed story is marked
	// stale: the accounts are built once the lock is released.
	byID := make(map[string]*storyfold.Article, len(fresh))
	for i := range fresh {
		byID[fresh[i].a.ID] = &fresh[i].a
	}
	for _, sid := range order {
		if !opened[sid] {
			continue
		}
		ids := ix.Members(sid)
		members := make([]*storyfold.Article, 0, len(ids))
		for _, id := range ids {
			if a := byID[id]; a != nil {
				members = append(members, a)
			}
		}
		batch.Stories = append(batch.Stories, Outline(sid, members))
	}
	batch.Stale = order
	res.Stories = order
	if err := st.Save(ctx, batch); err != nil {
		return res, nil, nil, err
	}
	return res, batch.Articles, sizes, nil
}
