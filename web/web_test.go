package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/crawl"
	"github.com/storyfold/storyfold/fetch"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/htmlcheck"
	"github.com/storyfold/storyfold/internal/newssite"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/store/sqlite"
	"github.com/storyfold/storyfold/web"
)

const token = "s3cret"

// newServer serves a fresh SQLite store holding the example story.
func newServer(t testing.TB, cfg web.Config) (*httptest.Server, storyfold.Store) {
	t.Helper()
	h, st := newHandler(t, cfg)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, st
}

// newHandler is newServer's handler, for tests that watch what a request
// reads without a network between them.
func newHandler(t testing.TB, cfg web.Config) (*web.Server, storyfold.Store) {
	t.Helper()
	var raw []storyfold.Article
	files, _ := filepath.Glob("../examples/ukraine-talks/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raw = append(raw, storyfold.Article{ID: strings.TrimSuffix(filepath.Base(f), ".txt"), Text: string(b)})
	}
	st, in := storeArticles(t, raw, nil)
	cfg.Store, cfg.Ingester = st, in
	return web.New(cfg), st
}

// storeArticles stores raw articles in a fresh SQLite store as ingest
// does, with annotate (when set) run on each first, and returns the store
// and the writer that stored them.
func storeArticles(t testing.TB, raw []storyfold.Article, annotate func(*storyfold.Article)) (storyfold.Store, *pipeline.Writer) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	in, err := pipeline.NewWriter(ctx, st, cluster.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if annotate != nil {
		in.SetAnnotate(annotate)
	}
	if _, err := in.Add(ctx, raw); err != nil {
		t.Fatal(err)
	}
	return st, in
}

func get(t testing.TB, url string) (*http.Response, []byte) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

func decode(t testing.TB, body []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, body)
	}
	return m
}

func storyID(t testing.TB, srv *httptest.Server) string {
	_, body := get(t, srv.URL+"/api/v1/stories")
	stories := decode(t, body)["stories"].([]any)
	if len(stories) == 0 {
		t.Fatal("no story")
	}
	// The example story: the largest, whatever else tests stored.
	best := stories[0].(map[string]any)
	for _, s := range stories {
		if m := s.(map[string]any); m["articles"].(float64) > best["articles"].(float64) {
			best = m
		}
	}
	return best["id"].(string)
}

func TestAPIReads(t *testing.T) {
	srv, _ := newServer(t, web.Config{})
	id := storyID(t, srv)
	tests := []struct {
		path   string
		status int
		keys   []string
	}{
		{"/api/v1/stories", 200, []string{"stories", "total", "limit", "offset"}},
		{"/api/v1/stories?limit=1&offset=0&q=Hegseth&source=Today%27s+Esquire&from=2020-01-01&to=2030-01-01", 200, []string{"stories"}},
		{"/api/v1/stories?limit=0", 400, []string{"error"}},
		{"/api/v1/stories?limit=abc", 400, []string{"error"}},
		{"/api/v1/stories?from=yesterday", 400, []string{"error"}},
		{"/api/v1/stories/" + id, 200, []string{"summary", "facts", "conflicts", "families", "quotes", "entities", "timeline", "independent_sources"}},
		{"/api/v1/stories/nope", 404, []string{"error"}},
		{"/api/v1/articles/000_5d10fcc076255972", 200, []string{"text", "removed", "sentences", "quotes", "entities"}},
		{"/api/v1/articles/nope", 404, []string{"error"}},
		{"/api/v1/search?q=Pyongyang", 200, []string{"results", "total"}},
		{"/api/v1/search", 400, []string{"error"}},
		{"/api/v1/sources", 200, []string{"sources"}},
		{"/api/v1/nothing", 404, []string{"error"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, body := get(t, srv.URL+tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tt.status, body)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q", ct)
			}
			m := decode(t, body)
			for _, k := range tt.keys {
				if _, ok := m[k]; !ok {
					t.Errorf("no %q in %s", k, body[:min(len(body), 300)])
				}
			}
			if e, ok := m["error"].(map[string]any); ok && (e["code"] == "" || e["message"] == "") {
				t.Errorf("error without code or message: %s", body)
			}
		})
	}
	// Paging: one story in all, so a page past it is empty.
	_, body := get(t, srv.URL+"/api/v1/stories?limit=1&offset=1")
	if m := decode(t, body); len(m["stories"].([]any)) != 0 || m["total"].(float64) != 1 {
		t.Errorf("page past the end: %s", body)
	}
	_, body = get(t, srv.URL+"/api/v1/search?q=Pyongyang")
	hit := decode(t, body)["results"].([]any)[0].(map[string]any)
	if hit["article"] != "002_2f982ed942a4fc52" || !strings.Contains(hit["snippet"].(string), storyfold.SnippetOpen) {
		t.Errorf("search hit %v", hit)
	}
}

func post(t *testing.T, url, auth, contentType string, body []byte) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	req.Header.Set("Content-Type", contentType)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, decode(t, b)
}

func TestAPIIngest(t *testing.T) {
	lines := []byte(`{"id": "n1", "source": "Wire", "title": "Council passes budget", "text": "The city council approved a budget of $2.4 billion on Tuesday after six hours of debate, officials said."}
{"id": "n2", "source": "Paper", "title": "Budget approved", "text": "After six hours of debate the council approved a $2.4 billion budget on Tuesday, according to officials."}
`)
	off, _ := newServer(t, web.Config{})
	if code, m := post(t, off.URL+"/api/v1/articles", "Bearer x", "application/x-ndjson", lines); code != 403 || m["error"] == nil {
		t.Errorf("writes without a token configured: %d %v", code, m)
	}
	srv, st := newServer(t, web.Config{Token: token, MaxBody: 4096})
	url := srv.URL + "/api/v1/articles"
	for _, tt := range []struct {
		name, auth, ct string
		body           []byte
		status         int
	}{
		{"no token", "", "application/x-ndjson", lines, 401},
		{"wrong token", "Bearer nope", "application/x-ndjson", lines, 401},
		{"not bearer", "Basic " + token, "application/x-ndjson", lines, 401},
		{"wrong type", "Bearer " + token, "text/plain", lines, 415},
		{"too large", "Bearer " + token, "application/json", bytes.Repeat([]byte(" "), 5000), 413},
		{"bad JSON", "Bearer " + token, "application/json", []byte(`{"id": "x", "text": `), 400},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if code, m := post(t, url, tt.auth, tt.ct, tt.body); code != tt.status || m["error"] == nil {
				t.Errorf("%d %v, want %d and an error", code, m, tt.status)
			}
		})
	}
	code, m := post(t, url, "Bearer "+token, "application/x-ndjson", lines)
	if code != 201 || m["new"].(float64) != 2 || m["read"].(float64) != 2 {
		t.Fatalf("ingest: %d %v", code, m)
	}
	code, m = post(t, url, "Bearer "+token, "application/json", lines)
	if code != 200 || m["new"].(float64) != 0 || m["known"].(float64) != 2 {
		t.Errorf("ingest again: %d %v, want nothing new", code, m)
	}
	if n, _, _ := st.Counts(context.Background()); n != 7 {
		t.Errorf("%d articles stored, want 5 + 2", n)
	}
}

func TestPages(t *testing.T) {
	srv, _ := newServer(t, web.Config{})
	id := storyID(t, srv)
	for _, tt := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{"Stories", "independent source", `href="/stories/` + id}},
		{"/?q=Hegseth", 200, []string{"1 story"}},
		{"/stories/" + id, 200, []string{"Summary", `class="heatmap"`, `<svg class="graph"`, "Conflicts", "Who said what", "Pyongyang"}},
		{"/articles/002_2f982ed942a4fc52", 200, []string{`class="sentence shared"`, "Removed boilerplate", "Part of"}},
		{"/search?q=Pyongyang", 200, []string{"<mark>Pyongyang</mark>"}},
		{"/stories/nope", 404, []string{"no such"}},
		{"/nowhere", 404, []string{"no such page"}},
	} {
		t.Run(tt.path, func(t *testing.T) {
			res, body := get(t, srv.URL+tt.path)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d", res.StatusCode, tt.status)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("no %q", w)
				}
			}
			for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
				if res.Header.Get(h) == "" {
					t.Errorf("no %s header", h)
				}
			}
		})
	}
	res, body := get(t, srv.URL+"/static/style.css")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") || len(body) == 0 {
		t.Errorf("stylesheet: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

// TestSentenceLinks follows every link from the story page to a sentence
// and checks that the article page has that sentence.
func TestSentenceLinks(t *testing.T) {
	srv, _ := newServer(t, web.Config{})
	_, body := get(t, srv.URL+"/stories/"+storyID(t, srv))
	links := regexp.MustCompile(`href="(/articles/[^"#]+)#([^"]+)"`).FindAllStringSubmatch(string(body), -1)
	if len(links) < 5 {
		t.Fatalf("the story page links to %d sentences", len(links))
	}
	pages := map[string]string{}
	for _, l := range links {
		if _, ok := pages[l[1]]; !ok {
			_, page := get(t, srv.URL+l[1])
			pages[l[1]] = string(page)
		}
		if !strings.Contains(pages[l[1]], `id="`+l[2]+`"`) {
			t.Errorf("%s has no sentence %s", l[1], l[2])
		}
	}
}

func TestHealthAndMetrics(t *testing.T) {
	srv, _ := newServer(t, web.Config{})
	if res, body := get(t, srv.URL+"/healthz"); res.StatusCode != 200 || strings.TrimSpace(string(body)) != "ok" {
		t.Errorf("healthz: %d %s", res.StatusCode, body)
	}
	get(t, srv.URL+"/api/v1/stories")
	_, body := get(t, srv.URL+"/metrics")
	m := parseMetrics(t, string(body))
	for _, w := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"storyfold_articles", nil, 5},
		{"storyfold_stories", nil, 1},
		{"storyfold_http_requests_total", []string{"route", "GET /api/v1/stories", "code", "200"}, 1},
		{"storyfold_http_request_duration_seconds", []string{"route", "GET /api/v1/stories"}, 1},
	} {
		t.Run(w.name, func(t *testing.T) {
			if got, ok := m.value(w.name, w.labels...); !ok || got != w.want {
				t.Errorf("%s %v = %g (present %v), want %g:\n%s", w.name, w.labels, got, ok, w.want, body)
			}
		})
	}
}

// hostileLines is an article whose every field tries to inject markup.
const hostileLines = `{"id": "evil", "source": "<script>document.title='pwned'</script>", "url": "javascript:document.title='pwned'", "title": "<img src=x onerror=\"document.title='pwned'\">Evil", "text": "The city council approved a budget <script>document.title='pwned'</script> of $2.4 billion on Tuesday after six hours of debate.\n\n<a href=\"javascript:document.title='pwned'\" onclick=\"document.title='pwned'\">click</a> said the mayor to reporters on the steps."}
`

// hostilePages ingests the hostile article and returns the pages that
// show it.
func hostilePages(t *testing.T, srv *httptest.Server) []string {
	t.Helper()
	if code, m := post(t, srv.URL+"/api/v1/articles", "Bearer "+token, "application/x-ndjson", []byte(hostileLines)); code != 201 {
		t.Fatalf("ingest: %d %v", code, m)
	}
	return []string{"/", "/articles/evil", "/search?q=budget", "/search?q=" + "%3Cscript%3E"}
}

func TestUntrustedTextIsEscaped(t *testing.T) {
	srv, st := newServer(t, web.Config{Token: token})
	paths := hostilePages(t, srv)
	if sid, err := st.StoryOf(context.Background(), "evil"); err == nil {
		paths = append(paths, "/stories/"+sid)
	}
	for _, p := range paths {
		_, body := get(t, srv.URL+p)
		for _, problem := range htmlcheck.Active(bytes.NewReader(body)) {
			t.Errorf("%s: %s", p, problem)
		}
	}
}

func TestCache(t *testing.T) {
	srv, _ := newServer(t, web.Config{Token: token})
	res, _ := get(t, srv.URL+"/")
	if res.Header.Get("X-Cache") != "" {
		t.Error("the first request was a cache hit")
	}
	res, body := get(t, srv.URL+"/")
	if res.Header.Get("X-Cache") != "hit" || !strings.Contains(string(body), "1 story") {
		t.Errorf("the second request was not served from the cache: %q", res.Header.Get("X-Cache"))
	}
	// A save to the store (here through the server) ends every cached answer.
	hostilePages(t, srv)
	res, body = get(t, srv.URL+"/")
	if res.Header.Get("X-Cache") != "" || !strings.Contains(string(body), "2 stories") {
		t.Errorf("after an ingest: cache %q, and the new story %s", res.Header.Get("X-Cache"), map[bool]string{true: "shows", false: "is missing"}[strings.Contains(string(body), "2 stories")])
	}
	off, _ := newServer(t, web.Config{CacheBytes: -1})
	get(t, off.URL+"/")
	if res, _ := get(t, off.URL+"/"); res.Header.Get("X-Cache") != "" {
		t.Error("a cache hit with the cache turned off")
	}
}

// BenchmarkPages measures what one request costs the server, without the
// response cache, on the example story: the cold path that `bench --http`
// loads with many clients.
func BenchmarkPages(b *testing.B) {
	srv, st := newServer(b, web.Config{CacheBytes: -1})
	h := web.New(web.Config{Store: st, CacheBytes: -1})
	id := storyID(b, srv)
	for _, p := range []struct{ name, path string }{
		{"list", "/"},
		{"story", "/stories/" + id},
		{"storyJSON", "/api/v1/stories/" + id},
		{"article", "/articles/002_2f982ed942a4fc52"},
		{"search", "/search?q=Putin"},
	} {
		b.Run(p.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, p.path, nil)
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", p.path, rec.Code)
				}
			}
		})
	}
}

// TestAPIIngestURLs posts articles that give only a url: the server
// fetches them behind the fetcher's guards, and refuses without a fetcher.
func TestAPIIngestURLs(t *testing.T) {
	stories, err := newssite.Examples("../examples/ukraine-talks", time.Date(2025, 2, 13, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	site := httptest.NewServer(newssite.New(stories...))
	defer site.Close()
	body := []byte(`{"url": "` + site.URL + newssite.PagePath(0) + `", "source": "Test News"}`)
	guarded := &crawl.Crawler{Fetcher: fetch.New(fetch.Config{}), Reader: ingest.NewReader(nil)}
	open := &crawl.Crawler{Fetcher: fetch.New(fetch.Config{AllowPrivate: true}), Reader: ingest.NewReader(nil)}
	for _, tt := range []struct {
		name    string
		pages   web.PageFetcher
		code    int
		problem string
	}{
		{"no fetcher", nil, 400, "does not fetch pages"},
		{"guarded", guarded, 400, "private"},
		{"allowed", open, 201, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, st := newServer(t, web.Config{Token: token, Pages: tt.pages})
			code, m := post(t, srv.URL+"/api/v1/articles", "Bearer "+token, "application/json", body)
			problems := fmt.Sprint(m["problems"])
			if code != tt.code || tt.problem != "" && !strings.Contains(problems, tt.problem) {
				t.Errorf("%d, problems %s", code, problems)
			}
			if tt.code == 201 {
				if _, err := st.StoryOf(context.Background(), ingest.URLID(site.URL+newssite.PagePath(0))); err != nil {
					t.Errorf("the fetched article is not stored: %v", err)
				}
			}
		})
	}
}
