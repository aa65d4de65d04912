package web_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/web"
)

// deadlineStore notes, for every read, whether its context carried a
// deadline.
type deadlineStore struct {
	storyfold.Store
	mu      sync.Mutex
	calls   int
	without []string
	// read lists the reads, in order.
	read []string
}

func (s *deadlineStore) note(ctx context.Context, method string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	s.read = append(s.read, method)
	if _, ok := ctx.Deadline(); !ok {
		s.without = append(s.without, method)
	}
}

func (s *deadlineStore) Version(ctx context.Context) (int64, error) {
	s.note(ctx, "Version")
	return s.Store.Version(ctx)
}

func (s *deadlineStore) Counts(ctx context.Context) (int, int, error) {
	s.note(ctx, "Counts")
	return s.Store.Counts(ctx)
}

func (s *deadlineStore) StoryPage(ctx context.Context, q storyfold.StoryQuery) ([]storyfold.StorySummary, int, error) {
	s.note(ctx, "StoryPage")
	return s.Store.StoryPage(ctx, q)
}

func (s *deadlineStore) Story(ctx context.Context, id string) (*storyfold.Story, error) {
	s.note(ctx, "Story")
	return s.Store.Story(ctx, id)
}

func (s *deadlineStore) StoryOf(ctx context.Context, id string) (string, error) {
	s.note(ctx, "StoryOf")
	return s.Store.StoryOf(ctx, id)
}

func (s *deadlineStore) Articles(ctx context.Context, ids []string) ([]storyfold.Article, error) {
	s.note(ctx, "Articles")
	return s.Store.Articles(ctx, ids)
}

func (s *deadlineStore) ArticleHeads(ctx context.Context, ids []string) ([]storyfold.Article, error) {
	s.note(ctx, "ArticleHeads")
	return s.Store.ArticleHeads(ctx, ids)
}

func (s *deadlineStore) StoryHeads(ctx context.Context, ids []string) (map[string][]storyfold.Article, error) {
	s.note(ctx, "StoryHeads")
	return s.Store.StoryHeads(ctx, ids)
}

func (s *deadlineStore) StoryMembers(ctx context.Context, id string) ([]storyfold.IndexEntry, error) {
	s.note(ctx, "StoryMembers")
	return s.Store.StoryMembers(ctx, id)
}

// TestStoryHeadsRead holds a story page, the API's story and the API's
// list of stories to one read of their stories' article heads: they had
// read each story's members and then their heads, and a story page the
// heads of its own articles again.
func TestStoryHeadsRead(t *testing.T) {
	_, st := newHandler(t, web.Config{})
	ds := &deadlineStore{Store: st}
	srv := web.New(web.Config{Store: ds, CacheBytes: -1, StoryCacheBytes: -1})
	id := storyIDOf(t, srv)
	for _, tt := range []struct {
		path string
		want []string
	}{
		{"/stories/" + id, []string{"Story", "StoryHeads"}},
		{"/stories/" + id + "?offset=1&limit=2", []string{"Story", "StoryHeads"}},
		{"/api/v1/stories/" + id, []string{"Story", "StoryHeads"}},
		{"/api/v1/stories", []string{"StoryPage", "StoryHeads"}},
	} {
		t.Run(tt.path, func(t *testing.T) {
			ds.mu.Lock()
			ds.read = nil
			ds.mu.Unlock()
			if rec := serve(srv, http.MethodGet, tt.path, "", nil); rec.Code != http.StatusOK {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			ds.mu.Lock()
			defer ds.mu.Unlock()
			got := slices.DeleteFunc(ds.read, func(m string) bool { return m == "Version" })
			if !slices.Equal(got, tt.want) {
				t.Errorf("read %v, want %v", got, tt.want)
			}
		})
	}
}

func (s *deadlineStore) Search(ctx context.Context, q storyfold.SearchQuery) ([]storyfold.SearchHit, int, error) {
	s.note(ctx, "Search")
	return s.Store.Search(ctx, q)
}

func (s *deadlineStore) Sources(ctx context.Context) ([]storyfold.SourceCount, error) {
	s.note(ctx, "Sources")
	return s.Store.Sources(ctx)
}

// deadlineIngester notes whether an ingest's context carried a deadline.
type deadlineIngester struct {
	web.Ingester
	deadline bool
}

func (i *deadlineIngester) Add(ctx context.Context, raw []storyfold.Article) (storyfold.IngestResult, error) {
	_, i.deadline = ctx.Deadline()
	return i.Ingester.Add(ctx, raw)
}

// TestEveryRouteHasDeadline sends a request to every route and checks that
// each of its reads of the store, and its ingest, ran under a deadline.
func TestEveryRouteHasDeadline(t *testing.T) {
	h, st := newHandler(t, web.Config{})
	id := storyIDOf(t, h)
	ds := &deadlineStore{Store: st}
	in := &deadlineIngester{Ingester: ingesterOf(t, st)}
	for _, cache := range []int{-1, 0} {
		srv := web.New(web.Config{Store: ds, Ingester: in, Token: token, CacheBytes: cache})
		for _, path := range []string{"/healthz", "/metrics", "/api/v1/stories", "/api/v1/stories/" + id, "/api/v1/articles/002_2f982ed942a4fc52",
			"/api/v1/search?q=talks", "/api/v1/sources", "/", "/stories/" + id, "/articles/002_2f982ed942a4fc52", "/search?q=talks"} {
			t.Run(path, func(t *testing.T) {
				ds.mu.Lock()
				ds.calls, ds.without = 0, nil
				ds.mu.Unlock()
				if rec := serve(srv, http.MethodGet, path, "", nil); rec.Code != http.StatusOK {
					t.Fatalf("%d %s", rec.Code, rec.Body)
				}
				ds.mu.Lock()
				defer ds.mu.Unlock()
				if ds.calls == 0 {
					t.Fatal("the route read nothing")
				}
				if len(ds.without) > 0 {
					t.Errorf("reads without a deadline: %v", ds.without)
				}
			})
		}
		rec := serve(srv, http.MethodPost, "/api/v1/articles", "Bearer "+token,
			strings.NewReader(`{"id": "deadline", "text": "The council met on Tuesday and voted for the plan, the mayor said."}`+"\n"))
		if rec.Code >= 300 || !in.deadline {
			t.Errorf("POST: %d, deadline %v: %s", rec.Code, in.deadline, rec.Body)
		}
	}
}

// storyIDOf is the first story a handler lists.
func storyIDOf(t testing.TB, h http.Handler) string {
	t.Helper()
	_, id, _ := strings.Cut(serve(h, http.MethodGet, "/api/v1/stories", "", nil).Body.String(), `"id":"`)
	id, _, _ = strings.Cut(id, `"`)
	if id == "" {
		t.Fatal("no story")
	}
	return id
}

// ingesterOf is a writer on st, as newHandler makes.
func ingesterOf(t testing.TB, st storyfold.Store) web.Ingester {
	t.Helper()
	w, err := pipeline.NewWriter(context.Background(), st, cluster.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// blockingStore holds every story read until it is let go, whatever its
// request's deadline says: a store that does not listen.
type blockingStore struct {
	storyfold.Store
	entered chan struct{}
	release chan struct{}
}

func (s *blockingStore) Story(ctx context.Context, id string) (*storyfold.Story, error) {
	s.entered <- struct{}{}
	<-s.release
	return s.Store.Story(context.WithoutCancel(ctx), id)
}

// StoryMembers and ArticleHeads, which a story's answer reads after the
// story to count its outlets, do not listen to deadlines either.
func (s *blockingStore) StoryMembers(ctx context.Context, id string) ([]storyfold.IndexEntry, error) {
	return s.Store.StoryMembers(context.WithoutCancel(ctx), id)
}

func (s *blockingStore) ArticleHeads(ctx context.Context, ids []string) ([]storyfold.Article, error) {
	return s.Store.ArticleHeads(context.WithoutCancel(ctx), ids)
}

func (s *blockingStore) StoryHeads(ctx context.Context, ids []string) (map[string][]storyfold.Article, error) {
	return s.Store.StoryHeads(context.WithoutCancel(ctx), ids)
}

// TestBusyServer fills the reads' places with requests the store holds,
// and checks that a further read waits no longer than its deadline, is
// answered 503 with Retry-After, and that the health check and a cached
// answer are served meanwhile.
func TestBusyServer(t *testing.T) {
	_, st := newHandler(t, web.Config{})
	bs := &blockingStore{Store: st, entered: make(chan struct{}, 4), release: make(chan struct{})}
	srv := web.New(web.Config{Store: bs, MaxReads: 2, MaxInflight: 4, Timeout: 200 * time.Millisecond})
	id := storyIDOf(t, srv)
	// A cached list, before the places fill, and health, which then
	// knows the store answered.
	serve(srv, http.MethodGet, "/api/v1/stories?limit=5", "", nil)
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Two answers (limit is read, so they are two cache keys): two
			// requests for one answer would share one build.
			codes[i] = serve(srv, http.MethodGet, "/api/v1/stories/"+id+"?limit="+string(rune('1'+i)), "", nil).Code
		}()
	}
	<-bs.entered
	<-bs.entered
	tests := []struct {
		name, path string
		status     int
	}{
		{"a third read waits its deadline out", "/stories/" + id + "?n=c", http.StatusServiceUnavailable},
		{"the API says so in JSON", "/api/v1/sources", http.StatusServiceUnavailable},
		{"health", "/healthz", http.StatusOK},
		{"a cached answer", "/api/v1/stories?limit=5", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The held reads are let go only after these: a 503 with
			// code timeout is the deadline's doing, whatever the clock
			// of a loaded machine says, and no time budget is needed.
			rec := serve(srv, http.MethodGet, tt.path, "", nil)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.status == http.StatusServiceUnavailable && rec.Header().Get("Retry-After") == "" {
				t.Error("no Retry-After")
			}
			if strings.HasPrefix(tt.path, "/api/") && tt.status == http.StatusServiceUnavailable && !strings.Contains(rec.Body.String(), `"code":"timeout"`) {
				t.Errorf("body %s", rec.Body)
			}
			if !strings.HasPrefix(tt.path, "/api/") && tt.status == http.StatusServiceUnavailable && !strings.Contains(rec.Body.String(), "ran out of time") {
				t.Errorf("the page does not say it ran out of time: %s", rec.Body)
			}
		})
	}
	// The held requests finish once the store lets them go.
	close(bs.release)
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusOK {
			t.Errorf("held request %d: %d, want 200", i, c)
		}
	}
}

// downStore is a store that cannot be read.
type downStore struct{ storyfold.Store }

func (downStore) Version(context.Context) (int64, error) {
	return 0, errors.New("sqlite: database is locked")
}

// TestHealthStoreDown answers the health check 503 when the store cannot
// be read and nothing else has read it lately.
func TestHealthStoreDown(t *testing.T) {
	_, st := newHandler(t, web.Config{})
	h := web.New(web.Config{Store: downStore{st}})
	if rec := serve(h, http.MethodGet, "/healthz", "", nil); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503: %s", rec.Code, rec.Body)
	}
}

// TestCacheIgnoresUnknownParams serves a page asked for with a parameter
// no route reads from the cache, so such parameters cannot make the server
// build a page again and again.
func TestCacheIgnoresUnknownParams(t *testing.T) {
	h, _ := newHandler(t, web.Config{})
	id := storyIDOf(t, h)
	for i, tt := range []struct {
		path, cache string
	}{
		{"/stories/" + id + "?b=1", ""},
		{"/stories/" + id + "?b=2", "hit"},
		{"/stories/" + id, "hit"},
		{"/stories/" + id + "?offset=1", ""},
		{"/?utm_source=feed", ""},
		{"/?utm_source=mail", "hit"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			rec := serve(h, http.MethodGet, tt.path, "", nil)
			if rec.Code != http.StatusOK || rec.Header().Get("X-Cache") != tt.cache {
				t.Errorf("request %d: %d, X-Cache %q, want 200 %q", i, rec.Code, rec.Header().Get("X-Cache"), tt.cache)
			}
			if strings.Contains(rec.Body.String(), "utm_source") || strings.Contains(rec.Body.String(), "b=1") {
				t.Errorf("the page carries a parameter it is not answered by")
			}
		})
	}
}
