package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCacheKey(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"/stories/s1", "/stories/s1?b=1"},
		{"/stories/s1?b=1", "/stories/s1?b=2"},
		{"/?q=talks&offset=20", "/?offset=20&q=talks&utm_source=x"},
		{"/search?q=a+b", "/search?q=a%20b"},
		{"/?q=x&q=y", "/?q=x"},
	} {
		t.Run(tt.a+" = "+tt.b, func(t *testing.T) {
			if ka, kb := key(t, tt.a), key(t, tt.b); ka != kb {
				t.Errorf("%q -> %q, %q -> %q: want one key", tt.a, ka, tt.b, kb)
			}
		})
	}
	for _, tt := range []struct{ a, b string }{
		{"/stories/s1", "/stories/s2"},
		{"/stories/s1", "/stories/s1?offset=25"},
		{"/?q=talks", "/?q=talk"},
		{"/?source=AP", "/?source=AP&from=2025-01-01"},
		{"/?q=a%26offset%3D1", "/?q=a&offset=1"},
		{"/api/v1/stories", "/api/v1/stories?limit=5"},
	} {
		t.Run(tt.a+" != "+tt.b, func(t *testing.T) {
			if ka, kb := key(t, tt.a), key(t, tt.b); ka == kb {
				t.Errorf("%q and %q share the key %q", tt.a, tt.b, ka)
			}
		})
	}
}

func key(t *testing.T, target string) string {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	return cacheKey(u)
}

// FuzzCacheKey holds the cache's key to the parameters the routes read:
// adding any other parameter leaves it as it was.
func FuzzCacheKey(f *testing.F) {
	for _, s := range []string{"q=talks&offset=20", "source=AP&from=2025-01-01&to=2025-02-01", "q=%zz", "limit=5&limit=6", ""} {
		f.Add(s, "b", "1")
	}
	f.Fuzz(func(t *testing.T, query, name, value string) {
		u := &url.URL{Path: "/stories/x", RawQuery: query}
		k := cacheKey(u)
		if !strings.HasPrefix(k, "/stories/x") {
			t.Fatalf("key %q lost the path", k)
		}
		for _, p := range cacheParams {
			if p == name {
				return
			}
		}
		extra := url.Values{name: {value}}.Encode()
		u2 := &url.URL{Path: u.Path, RawQuery: query + "&" + extra}
		if query == "" {
			u2.RawQuery = extra
		}
		// Only when the added parameter parses apart from the rest does
		// it leave the others as they were.
		q1, err1 := url.ParseQuery(u.RawQuery)
		q2, err2 := url.ParseQuery(u2.RawQuery)
		if err1 != nil || err2 != nil {
			return
		}
		for _, p := range cacheParams {
			if q1.Get(p) != q2.Get(p) {
				return
			}
		}
		if k2 := cacheKey(u2); k2 != k {
			t.Fatalf("adding %s changed the key: %q -> %q", extra, k, k2)
		}
	})
}

// TestCacheCountsWhatItHolds checks that the cache bounds the heap its
// items hold, not their lengths: a body built in a doubling buffer is kept
// as a copy of about its length, and the total counted is the capacities held.
func TestCacheCountsWhatItHolds(t *testing.T) {
	c := newCache(nil, 1<<20)
	c.current = 1
	for i := range 40 {
		body := make([]byte, 10_000, 20_000) // as a doubling buffer leaves it
		c.put(fmt.Sprintf("/stories/s%d", i), 1, &cached{contentType: "text/html", body: keep(body)})
	}
	held := 0
	for k, e := range c.items {
		if cap(e.body) > len(e.body)+len(e.body)/8 {
			t.Errorf("%s keeps %d bytes of capacity for %d of body", k, cap(e.body), len(e.body))
		}
		held += cap(e.body) + len(k)
	}
	if held > c.bytes || c.bytes > c.maxBytes {
		t.Errorf("the cache holds %d bytes and counts %d, bound %d", held, c.bytes, c.maxBytes)
	}
}

func TestCacheCeiling(t *testing.T) {
	for _, tt := range []struct {
		limit int64
		want  int
	}{
		{768 << 20, 192 << 20},
		{math.MaxInt64, math.MaxInt},
		{4 << 30, 1 << 30},
	} {
		t.Run(fmt.Sprint(tt.limit), func(t *testing.T) {
			if got := CacheCeiling(tt.limit); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

// TestCacheBuildsOnceForWaiters checks that requests for one answer that
// is being built wait for it instead of building it again: every save
// empties the cache, and the clients of a popular page then all missed at
// once, each holding a core to build the same page.
func TestCacheBuildsOnceForWaiters(t *testing.T) {
	const clients = 8
	c := newCache(func(context.Context) (int64, error) { return 7, nil }, 1<<20)
	waiting := make(chan struct{}, clients)
	c.waiting = func() { waiting <- struct{}{} }
	started, release := make(chan struct{}), make(chan struct{})
	var builds atomic.Int32
	h := c.wrap(func(w http.ResponseWriter, r *http.Request) {
		if builds.Add(1) == 1 {
			close(started)
		}
		<-release
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("the page"))
	})
	recs := crowd(t, h, "/stories/s1", clients, started, waiting, release)
	if n := builds.Load(); n != 1 {
		t.Errorf("%d requests for one page built it %d times, want once", clients, n)
	}
	for i, rec := range recs {
		if rec.Code != http.StatusOK || rec.Body.String() != "the page" {
			t.Errorf("request %d: %d %q", i, rec.Code, rec.Body.String())
		}
	}
	if got := recs[1].Header().Get("X-Cache"); got != "shared" {
		t.Errorf("a waiter's X-Cache is %q, want shared", got)
	}
	if len(c.building) != 0 {
		t.Errorf("%d answers still marked as being built", len(c.building))
	}
}

// TestCacheWaitersBuildWhenTheFirstFails checks that when the request
// building an answer does not get a 200 (shed, or past its deadline), the
// requests waiting for it build their own rather than share its error.
func TestCacheWaitersBuildWhenTheFirstFails(t *testing.T) {
	c := newCache(func(context.Context) (int64, error) { return 1, nil }, 1<<20)
	waiting := make(chan struct{}, 1)
	c.waiting = func() { waiting <- struct{}{} }
	started, release := make(chan struct{}), make(chan struct{})
	var builds atomic.Int32
	h := c.wrap(func(w http.ResponseWriter, r *http.Request) {
		if builds.Add(1) == 1 {
			close(started)
			<-release
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("the page"))
	})
	first, second := httptest.NewRecorder(), httptest.NewRecorder()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); h(first, httptest.NewRequest(http.MethodGet, "/", nil)) }()
	<-started
	go func() { defer wg.Done(); h(second, httptest.NewRequest(http.MethodGet, "/", nil)) }()
	<-waiting
	close(release)
	wg.Wait()
	if first.Code != http.StatusServiceUnavailable || second.Code != http.StatusOK || second.Body.String() != "the page" {
		t.Errorf("first %d, second %d %q: want 503, then 200 built by the second", first.Code, second.Code, second.Body.String())
	}
}

// TestCacheWaitersGiveTheirPlaceBack checks that requests waiting for an
// answer another request builds do not hold the places among the
// requests at work: the builder, which gives its place back while it
// waits for a builder's turn, must get one again to finish, and with the
// waiters holding them all it was refused after the queue's wait.
func TestCacheWaitersGiveTheirPlaceBack(t *testing.T) {
	const clients = 4
	places := newLimiter(1, 2*clients, 5*time.Second)
	c := newCache(func(context.Context) (int64, error) { return 3, nil }, 1<<20)
	waiting := make(chan struct{}, clients)
	c.waiting = func() { waiting <- struct{}{} }
	started, release := make(chan struct{}), make(chan struct{})
	var builds atomic.Int32
	build := c.wrap(func(w http.ResponseWriter, r *http.Request) {
		builds.Add(1)
		// As admit does while it waits for a builder's turn.
		p := placeOf(r.Context())
		p.leave()
		close(started)
		<-release
		if err := p.take(r.Context()); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("the page"))
	})
	h := func(w http.ResponseWriter, r *http.Request) { // as Server.limit
		p := &place{l: places}
		if err := p.take(r.Context()); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		defer p.leave()
		build(w, r.WithContext(context.WithValue(r.Context(), placeKey{}, p)))
	}
	recs := crowd(t, h, "/stories/big", clients, started, waiting, release)
	for i, rec := range recs {
		if rec.Code != http.StatusOK {
			t.Errorf("request %d: %d %q", i, rec.Code, rec.Body.String())
		}
	}
	if n := builds.Load(); n != 1 {
		t.Errorf("built %d times, want once", n)
	}
}

// crowd sends clients requests for path to h: the first alone until its
// build has started, then the others, which it waits for to be waiting on
// that build before it closes release and waits for every answer.
func crowd(t *testing.T, h http.HandlerFunc, path string, clients int, started, waiting, release chan struct{}) []*httptest.ResponseRecorder {
	t.Helper()
	recs := make([]*httptest.ResponseRecorder, clients)
	var wg sync.WaitGroup
	serve := func(i int) {
		defer wg.Done()
		recs[i] = httptest.NewRecorder()
		h(recs[i], httptest.NewRequest(http.MethodGet, path, nil))
	}
	wg.Add(1)
	go serve(0)
	<-started
	for i := 1; i < clients; i++ {
		wg.Add(1)
		go serve(i)
	}
	for range clients - 1 {
		select {
		case <-waiting:
		case <-time.After(time.Minute):
			// Not a time budget: a request that holds what the others
			// need (the only place, say) keeps them from ever waiting.
			t.Fatal("the other requests never came to wait for the first one's build")
		}
	}
	close(release)
	wg.Wait()
	return recs
}
