package web_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/web"
)

// versionedStore is a store whose version the test moves, counting its
// story reads.
type versionedStore struct {
	storyfold.Store
	version atomic.Int64
	// versions, when set, counts the reads of the version too.
	versions bool
	mu       sync.Mutex
	read     []string
}

func (s *versionedStore) Version(context.Context) (int64, error) {
	if s.versions {
		s.note("Version")
	}
	return s.version.Load(), nil
}

func (s *versionedStore) Story(ctx context.Context, id string) (*storyfold.Story, error) {
	s.note("Story")
	return s.Store.Story(ctx, id)
}

func (s *versionedStore) StoryHeads(ctx context.Context, ids []string) (map[string][]storyfold.Article, error) {
	s.note("StoryHeads")
	return s.Store.StoryHeads(ctx, ids)
}

func (s *versionedStore) note(m string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.read = append(s.read, m)
}

func (s *versionedStore) reads() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.read
	s.read = nil
	return out
}

// TestStoryCacheReads holds the story routes and the lists, with the
// story cache on, to one read of a story and its heads for each store
// version: read once, a story is served to the page, its other windows,
// the API and the lists without the store, heads the list read serve the
// story's page, and all is read again once the version moves.
func TestStoryCacheReads(t *testing.T) {
	_, st := newHandler(t, web.Config{})
	vs := &versionedStore{Store: st}
	vs.version.Store(1)
	id := storyIDOf(t, web.New(web.Config{Store: st, CacheBytes: -1}))
	srv := web.New(web.Config{Store: vs, CacheBytes: -1})
	read := []string{"Story", "StoryHeads"}
	for _, tt := range []struct {
		name, path string
		bump       bool
		want       []string
	}{
		{"first page", "/stories/" + id, false, read},
		{"page again", "/stories/" + id, false, nil},
		{"another window", "/stories/" + id + "?offset=1&limit=2", false, nil},
		{"api", "/api/v1/stories/" + id, false, nil},
		{"after a save", "/api/v1/stories/" + id, true, read},
		{"page after the save", "/stories/" + id, false, nil},
		{"list, its story kept", "/", false, nil},
		{"list after a save", "/", true, []string{"StoryHeads"}},
		{"api list, heads kept", "/api/v1/stories", false, nil},
		{"story, its heads kept", "/stories/" + id, false, []string{"Story"}},
		{"story again", "/stories/" + id, false, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.bump {
				vs.version.Add(1)
			}
			if rec := serve(srv, http.MethodGet, tt.path, "", nil); rec.Code != http.StatusOK {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			if got := vs.reads(); !slices.Equal(got, tt.want) {
				t.Errorf("read %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("unknown story", func(t *testing.T) {
		for range 2 {
			if rec := serve(srv, http.MethodGet, "/stories/s-none", "", nil); rec.Code != http.StatusNotFound {
				t.Fatalf("%d, want 404", rec.Code)
			}
		}
	})
}

// TestStoryCacheSameAnswers holds the story routes and the lists to the
// same bytes with the story cache as without it, for every window of
// every story,
// read many times at once from the same kept story: a route that changed
// a story or its heads in place would change the answers after it (and
// fail under -race).
func TestStoryCacheSameAnswers(t *testing.T) {
	_, st := newHandler(t, web.Config{})
	plain := web.New(web.Config{Store: st, CacheBytes: -1, StoryCacheBytes: -1})
	kept := web.New(web.Config{Store: st, CacheBytes: -1})
	ctx := context.Background()
	stories, _, err := st.StoryPage(ctx, storyfold.StoryQuery{Limit: 100})
	if err != nil || len(stories) == 0 {
		t.Fatalf("stories: %v (%d)", err, len(stories))
	}
	paths := []string{"/", "/api/v1/stories", "/?limit=1&offset=1", "/api/v1/stories?limit=2"}
	for _, s := range stories {
		paths = append(paths, "/stories/"+s.ID, "/api/v1/stories/"+s.ID)
		for offset := range s.Articles + 1 {
			for limit := 1; limit <= s.Articles; limit++ {
				q := fmt.Sprintf("?offset=%d&limit=%d", offset, limit)
				paths = append(paths, "/stories/"+s.ID+q, "/api/v1/stories/"+s.ID+q)
			}
		}
	}
	want := make(map[string]string, len(paths))
	for _, p := range paths {
		rec := serve(plain, http.MethodGet, p, "", nil)
		want[p] = fmt.Sprint(rec.Code, "\n", rec.Body.String())
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range paths {
				p := paths[(i+w*len(paths)/4)%len(paths)]
				rec := serve(kept, http.MethodGet, p, "", nil)
				if got := fmt.Sprint(rec.Code, "\n", rec.Body.String()); got != want[p] {
					t.Errorf("%s: with the story cache %.200q, without %.200q", p, got, want[p])
				}
			}
		})
	}
	wg.Wait()
}

// TestOneVersionRead holds a request that both caches serve to one read
// of the store's version: the story cache takes the response cache's.
func TestOneVersionRead(t *testing.T) {
	_, st := newHandler(t, web.Config{})
	id := storyIDOf(t, web.New(web.Config{Store: st, CacheBytes: -1}))
	vs := &versionedStore{Store: st, versions: true}
	srv := web.New(web.Config{Store: vs})
	for _, tt := range []struct {
		name, path string
		want       []string
	}{
		{"page", "/stories/" + id, []string{"Version", "Story", "StoryHeads"}},
		{"another window, story kept", "/stories/" + id + "?offset=1&limit=2", []string{"Version"}},
		{"answer kept", "/stories/" + id, []string{"Version"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if rec := serve(srv, http.MethodGet, tt.path, "", nil); rec.Code != http.StatusOK {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			if got := vs.reads(); !slices.Equal(got, tt.want) {
				t.Errorf("read %v, want %v", got, tt.want)
			}
		})
	}
}
