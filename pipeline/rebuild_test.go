package pipeline_test

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/internal/benchdata"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/store/sqlite"
)

var basilPath = flag.String("basil", "../../shared/data/basil/articles.jsonl", "BASIL's articles (JSONL) for the tests and benchmarks that use them")

// lockProbe is a store that, each time a story's articles are read for a
// rebuild, tries to take the write lock itself: a writer that rebuilt
// under the lock would make it wait until the probe gives up.
type lockProbe struct {
	storyfold.Store
	mu     sync.Mutex
	reads  int
	failed []error
}

func (p *lockProbe) StoryMembers(ctx context.Context, id string) ([]storyfold.IndexEntry, error) {
	short, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	unlock, err := p.Store.LockWrites(short)
	p.mu.Lock()
	p.reads++
	if err != nil {
		p.failed = append(p.failed, err)
	}
	p.mu.Unlock()
	if err == nil {
		unlock()
	}
	return p.Store.StoryMembers(ctx, id)
}

// TestRebuildOutsideTheLock checks that the stories a batch changes are
// rebuilt with the write lock free, so another writer can store its batch
// meanwhile.
func TestRebuildOutsideTheLock(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "probe.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	probe := &lockProbe{Store: st}
	w, err := pipeline.NewWriter(ctx, probe, cluster.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	res, err := w.Ingest(ctx, exampleArticles(t))
	if err != nil {
		t.Fatal(err)
	}
	if probe.reads != len(res.Stories) || len(probe.failed) > 0 {
		t.Errorf("%d stories rebuilt of %d changed; the lock was held during %d of them: %v",
			probe.reads, len(res.Stories), len(probe.failed), errors.Join(probe.failed...))
	}
	stats := w.Stats()
	if stats.Batches != 1 || stats.Rebuilt != int64(len(res.Stories)) || stats.LockHeld <= 0 || stats.MaxLockHeld != stats.LockHeld {
		t.Errorf("stats %+v after one batch of %d stories", stats, len(res.Stories))
	}
}

// TestOneWriterConcurrentBatches has the goroutines of one process (a
// server's POSTs) ingest parts of one story at once: however their saves
// and rebuilds interleave, the stored story is the one a single ingest
// gives, and none is left stale.
func TestOneWriterConcurrentBatches(t *testing.T) {
	ctx := context.Background()
	articles := exampleArticles(t)
	dir := t.TempDir()
	single, w := openWriter(t, filepath.Join(dir, "single.db"))
	if _, err := w.Ingest(ctx, articles); err != nil {
		t.Fatal(err)
	}
	want := storyJSON(t, single)

	shared, w := openWriter(t, filepath.Join(dir, "shared.db"))
	var wg sync.WaitGroup
	errs := make([]error, len(articles))
	for i := range articles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = w.Ingest(ctx, articles[i:i+1])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if stale, err := shared.StaleStories(ctx, nil); err != nil || len(stale) != 0 {
		t.Errorf("stale after every ingest returned: %+v, %v", stale, err)
	}
	if got := storyJSON(t, shared); !reflect.DeepEqual(got, want) {
		t.Errorf("concurrent batches stored\n%v\none batch stored\n%v", got, want)
	}
}

// TestWriteThenRebuild checks the two halves of Ingest apart: after Write
// the changed stories are stale and read as their last account (an
// outline for a new story), and Rebuild clears them.
func TestWriteThenRebuild(t *testing.T) {
	ctx := context.Background()
	st, w := openWriter(t, filepath.Join(t.TempDir(), "halves.db"))
	articles := exampleArticles(t)
	res, err := w.Write(ctx, articles[:2])
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range res.Stories {
		story, err := st.Story(ctx, id)
		if err != nil || !story.Stale || len(story.Facts) != 0 || len(story.Articles) == 0 {
			t.Errorf("story %s after Write: %+v, %v; want a stale outline", id, story, err)
		}
	}
	if n, err := w.Rebuild(ctx); err != nil || n != len(res.Stories) {
		t.Errorf("Rebuild saved %d stories (%v), want %d", n, err, len(res.Stories))
	}
	if n, err := w.Rebuild(ctx); err != nil || n != 0 {
		t.Errorf("a second Rebuild saved %d stories (%v), want none", n, err)
	}
	for _, id := range res.Stories {
		if story, err := st.Story(ctx, id); err != nil || story.Stale {
			t.Errorf("story %s after Rebuild: stale %v, %v", id, story != nil && story.Stale, err)
		}
	}
}

// storyJSON returns every stored story's JSON, without its ID, by its
// sorted members: a story's ID is its first stored article's, which
// concurrent batches may store in any order.
func storyJSON(t *testing.T, s storyfold.Store) map[string]string {
	t.Helper()
	stories, err := s.Stories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]string)
	for _, st := range stories {
		members := slices.Sorted(slices.Values(st.Articles))
		st.ID = ""
		b, err := json.Marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		out[strings.Join(members, " ")] = string(b)
	}
	return out
}

// TestRebuildFromStoreMatchesIngest checks on BASIL's real articles that a
// story rebuilt from the store alone (a writer that stopped before
// rebuilding, then another that started) is the story Ingest builds with
// its batch in memory. It is skipped without the BASIL file.
func TestRebuildFromStoreMatchesIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests BASIL twice")
	}
	ctx := context.Background()
	articles := pipeline.Prepare(benchdata.ReadBASIL(t, *basilPath), nil, nil)
	dir := t.TempDir()
	ingested, w := openWriter(t, filepath.Join(dir, "ingested.db"))
	// Two batches, so that the second's stories mix stored articles and
	// articles in memory.
	half := len(articles) / 2
	for _, part := range [][]storyfold.Article{articles[:half], articles[half:]} {
		if _, err := w.Ingest(ctx, part); err != nil {
			t.Fatal(err)
		}
	}
	rebuilt, w := openWriter(t, filepath.Join(dir, "rebuilt.db"))
	for _, part := range [][]storyfold.Article{articles[:half], articles[half:]} {
		if _, err := w.Write(ctx, part); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := w.Rebuild(ctx); err != nil || n == 0 {
		t.Fatalf("rebuild: %d stories, %v", n, err)
	}
	got, want := storyJSON(t, rebuilt), storyJSON(t, ingested)
	if len(want) < 50 {
		t.Fatalf("BASIL gave %d stories", len(want))
	}
	for k, g := range got {
		if g != want[k] {
			t.Errorf("story of %s rebuilt from the store:\n%s\ningested:\n%s", k, g, want[k])
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d stories rebuilt, %d ingested", len(got), len(want))
	}
}

// TestIngestDeferredMatchesIngest checks on BASIL's real articles that a
// stream of batches ingested with IngestDeferred, then Flush, leaves the
// stories Ingest leaves, each built fewer times, and none stale. Batches
// of 40 make most stories span two batches. IngestDeferred rebuilds in
// the background while the next batch is stored, so the check is made
// again on one core with every rebuild's reads and saves slowed down,
// which shifts how the two overlap: what is stored must not depend on
// it; and again with each batch staged before the one before it is
// stored (IngestStaged), as ingest does, so that the store holds two
// batches encoded ahead at once. It is skipped without the BASIL file.
func TestIngestDeferredMatchesIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests BASIL four times")
	}
	ctx := context.Background()
	articles := pipeline.Prepare(benchdata.ReadBASIL(t, *basilPath), nil, nil)
	slices.SortStableFunc(articles, func(a, b storyfold.Article) int { return a.Date.Compare(b.Date.Time) })
	const size = 40
	dir := t.TempDir()
	ingested, w := openWriter(t, filepath.Join(dir, "ingested.db"))
	for i := 0; i < len(articles); i += size {
		if _, err := w.Ingest(ctx, articles[i:min(i+size, len(articles))]); err != nil {
			t.Fatal(err)
		}
	}
	want := storyJSON(t, ingested)
	tests := []struct {
		name  string
		procs int
		delay time.Duration
		// ahead stages each batch before the one before it is stored,
		// as ingest does.
		ahead bool
		// deferral, when set, replaces the default's.
		deferral pipeline.Deferral
	}{
		{"as is", 0, 0, false, pipeline.Deferral{}},
		{"one core, slow rebuilds", 1, 3 * time.Millisecond, false, pipeline.Deferral{}},
		{"staged ahead", 0, 0, true, pipeline.Deferral{}},
		// Stories rebuilt as soon as the next batch leaves them alone,
		// as before Deferral.
		{"quiet after one batch", 0, 0, true, pipeline.Deferral{Quiet: 1}},
		// Stories rebuilt while batches still change them, whose
		// rebuilds the next batch may overtake.
		{"rebuilt while changing", 1, time.Millisecond, true, pipeline.Deferral{Quiet: 100, Batches: 1}},
		{"rebuilt a batch on by time", 0, 0, false, pipeline.Deferral{Quiet: 100, Batches: 100, For: time.Nanosecond}},
		// Every story left to Flush, and so built once.
		{"all at Flush", 0, 0, false, pipeline.Deferral{Quiet: 100, Batches: 100, For: time.Hour}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.procs > 0 {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(tt.procs))
			}
			st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "deferred.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			deferred := &slowRebuilds{Store: st, delay: tt.delay}
			dw, err := pipeline.NewWriter(ctx, deferred, cluster.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			dw.SetDeferral(tt.deferral)
			var next *pipeline.Staged
			for i := 0; i < len(articles); i += size {
				var err error
				switch {
				case !tt.ahead:
					_, err = dw.IngestDeferred(ctx, articles[i:min(i+size, len(articles))])
				default:
					b := next
					if b == nil {
						b = dw.Stage(articles[i:min(i+size, len(articles))])
					}
					next = nil
					if j := i + size; j < len(articles) {
						next = dw.Stage(articles[j:min(j+size, len(articles))])
					}
					_, err = dw.IngestStaged(ctx, b)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if stale, err := deferred.StaleStories(ctx, nil); err != nil || len(stale) == 0 {
				t.Errorf("before Flush: %d stale stories (%v), want the last batch's", len(stale), err)
			}
			if err := dw.Flush(ctx); err != nil {
				t.Fatal(err)
			}
			if stale, err := deferred.StaleStories(ctx, nil); err != nil || len(stale) != 0 {
				t.Errorf("after Flush: %d stale stories (%v), want none", len(stale), err)
			}
			got := storyJSON(t, deferred)
			for k, g := range got {
				if g != want[k] {
					t.Errorf("story of %s ingested deferred:\n%s\ningested:\n%s", k, g, want[k])
				}
			}
			if len(got) != len(want) {
				t.Errorf("%d stories deferred, %d ingested", len(got), len(want))
			}
			if a, b := dw.Stats().Rebuilt, w.Stats().Rebuilt; a >= b {
				t.Errorf("deferred rebuilt %d stories, Ingest %d: want fewer", a, b)
			}
			if tt.name == "all at Flush" {
				if ws := dw.Stats(); ws.Built != int64(len(want)) || ws.BuiltArticles != int64(len(articles)) {
					t.Errorf("all at Flush: %d builds of %d articles, want %d of %d", ws.Built, ws.BuiltArticles, len(want), len(articles))
				}
			}
			ws := dw.Stats()
			t.Logf("stories saved: %d deferred (%d builds, %d not saved), %d by Ingest, for %d stories", ws.Rebuilt, ws.Built, ws.Dropped, w.Stats().Rebuilt, len(want))
		})
	}
}

// slowRebuilds is a store whose reads of a story's members and saves of
// rebuilt stories take delay longer, as on a loaded machine.
type slowRebuilds struct {
	storyfold.Store
	delay time.Duration
}

func (s *slowRebuilds) StoryMembers(ctx context.Context, id string) ([]storyfold.IndexEntry, error) {
	time.Sleep(s.delay)
	return s.Store.StoryMembers(ctx, id)
}

func (s *slowRebuilds) SaveStories(ctx context.Context, stories []*storyfold.Story, marks []int64) ([]bool, error) {
	time.Sleep(s.delay)
	return s.Store.SaveStories(ctx, stories, marks)
}
