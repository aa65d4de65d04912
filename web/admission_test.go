package web_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyfold/storyfold/web"
)

// TestShedding fills the places of the requests at work with requests the
// store holds and one more waiting, and checks, by events rather than by
// the clock, that the health check, the metrics and the static files are
// still served, that a request finding the queue full is answered 503 at
// once, that the waiting one is answered 503 with Retry-After when its
// wait ends, that both are counted in /metrics by route, and that the
// held requests then finish and their places serve again.
func TestShedding(t *testing.T) {
	_, st := newHandler(t, web.Config{})
	bs := &blockingStore{Store: st, entered: make(chan struct{}, 4), release: make(chan struct{})}
	srv := web.New(web.Config{Store: bs, MaxInflight: 2, MaxQueue: 1, MaxReads: 2, Timeout: time.Minute})
	queued, expire := make(chan struct{}, 1), make(chan time.Time)
	web.HoldQueue(srv, queued, expire)
	id := storyIDOf(t, srv)

	held := []string{"/api/v1/stories/" + id, "/stories/" + id}
	codes := make([]int, len(held))
	var wg sync.WaitGroup
	for i, path := range held {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = serve(srv, http.MethodGet, path, "", nil).Code
		}()
	}
	for range held {
		<-bs.entered
	}
	// The queue's one room: a page that waits for a place.
	waited := make(chan *http.Response, 1)
	go func() { waited <- serve(srv, http.MethodGet, "/stories/"+id+"?offset=1", "", nil).Result() }()
	<-queued

	for _, tt := range []struct {
		name, path string
		status     int
		body       string
	}{
		{"health takes no place", "/healthz", http.StatusOK, "ok"},
		{"nor do the static files", "/static/style.css", http.StatusOK, ""},
		{"an API request finds the queue full", "/api/v1/search?q=talks", http.StatusServiceUnavailable, `"code":"overloaded"`},
		{"a page finds the queue full", "/?q=talks", http.StatusServiceUnavailable, "busy"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(srv, http.MethodGet, tt.path, "", nil)
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.body) {
				t.Fatalf("status %d, want %d with %q: %s", rec.Code, tt.status, tt.body, rec.Body)
			}
			if tt.status == http.StatusServiceUnavailable && rec.Header().Get("Retry-After") == "" {
				t.Error("no Retry-After")
			}
		})
	}

	expire <- time.Now()
	res := <-waited
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Errorf("the waiting page: status %d, Retry-After %q; want 503 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	metrics := serve(srv, http.MethodGet, "/metrics", "", nil).Body.String()
	for _, want := range []string{
		`storyfold_http_shed_total{reason="queue_full",route="GET /api/v1/search"} 1`,
		`storyfold_http_shed_total{reason="queue_full",route="GET /{$}"} 1`,
		`storyfold_http_shed_total{reason="queue_wait",route="GET /stories/{id}"} 1`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	close(bs.release)
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusOK {
			t.Errorf("held request %s: %d, want 200", held[i], c)
		}
	}
	if rec := serve(srv, http.MethodGet, "/api/v1/search?q=talks", "", nil); rec.Code != http.StatusOK {
		t.Errorf("after the held requests: %d, want 200: %s", rec.Code, rec.Body)
	}
}

// TestBuildWaitGivesPlaceBack holds the one builder with a request the
// store holds, sends a second that must be built, and checks by events
// that while it waits for the builder it holds no place among the
// requests at work: a cached answer is served meanwhile without waiting,
// and the second is built once the first is done.
func TestBuildWaitGivesPlaceBack(t *testing.T) {
	_, st := newHandler(t, web.Config{})
	bs := &blockingStore{Store: st, entered: make(chan struct{}, 4), release: make(chan struct{})}
	srv := web.New(web.Config{Store: bs, MaxInflight: 2, MaxReads: 1, Timeout: time.Minute})
	queued, builders := make(chan struct{}, 4), make(chan struct{}, 4)
	web.HoldQueue(srv, queued, make(chan time.Time))
	web.WatchBuilders(srv, builders)
	id := storyIDOf(t, srv) // also caches the list asked for below

	codes := make(chan int, 2)
	go func() { codes <- serve(srv, http.MethodGet, "/api/v1/stories/"+id, "", nil).Code }()
	<-bs.entered
	go func() { codes <- serve(srv, http.MethodGet, "/stories/"+id, "", nil).Code }()
	<-builders

	hit := make(chan *http.Response, 1)
	go func() { hit <- serve(srv, http.MethodGet, "/api/v1/stories", "", nil).Result() }()
	select {
	case res := <-hit:
		if res.StatusCode != http.StatusOK || res.Header.Get("X-Cache") != "hit" {
			t.Errorf("the cached answer: status %d, X-Cache %q; want 200 from the cache", res.StatusCode, res.Header.Get("X-Cache"))
		}
	case <-queued:
		t.Fatal("the cached answer waited for a place the request waiting for a builder held")
	}

	close(bs.release)
	for range 2 {
		if c := <-codes; c != http.StatusOK {
			t.Errorf("a built answer: %d, want 200", c)
		}
	}
}
