package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/storyfold/storyfold/web"
)

// TestDeskPages checks what issue 16 asks of the pages: outlets named
// where numbers stood, filters a reader can use, a message past the last
// page, search grouped by story, a favicon and links to the sources.
func TestDeskPages(t *testing.T) {
	srv, _ := newServer(t, web.Config{})
	id := storyID(t, srv)
	for _, tt := range []struct {
		name, path string
		status     int
		want       []string
		not        []string
	}{
		{"heatmap headed by outlet", "/stories/" + id, 200,
			[]string{`<th scope="col" class="col-outlet"><a href="/articles/`, `>TE<span class="col-n">3</span><span class="vh"> Today&#39;s Esquire</span></a></th>`},
			[]string{`">1</a></th>`}},
		{"tooltips name the outlets", "/articles/002_2f982ed942a4fc52", 200, []string{`title="also reported by `}, []string{"other article reports this", "other articles report this"}},
		{"provenance nodes name outlet and title", "/stories/" + id, 200, []string{`<text class="name"`, `<text class="line"`}, nil},
		{"favicon linked", "/", 200, []string{`<link rel="icon" href="/static/favicon.svg"`}, nil},
		{"outlet select", "/", 200, []string{`<select id="source" name="source">`, `<option value="Today&#39;s Esquire">`, `type="date"`}, []string{`<input id="source"`}},
		{"selected outlet", "/?source=Today%27s+Esquire", 200, []string{`<option value="Today&#39;s Esquire" selected>`}, nil},
		{"coverage bar", "/", 200, []string{`<svg class="coverage"`, `<ul class="outlets">`}, nil},
		{"past the last page", "/?offset=100000", 200, []string{"No stories on this page; 1 in all", `<a href="/">Back to the first page</a>`}, []string{"No story"}},
		{"from after to", "/?from=2019-01-01&to=2018-01-01", 400, []string{"from 2019-01-01 is after to 2018-01-01", `value="2019-01-01"`}, nil},
		{"search grouped by story", "/search?q=Putin", 200, []string{`<section class="story-group">`}, []string{"its story"}},
	} {
		t.Run(tt.name, func(t *testing.T) { checkPage(t, srv.URL+tt.path, tt.status, tt.want, tt.not) })
	}
	t.Run("one heading per story", func(t *testing.T) {
		_, body := get(t, srv.URL+"/search?q=Putin")
		if n, hits := strings.Count(string(body), `<section class="story-group">`), strings.Count(string(body), `<li><a href="/articles/`); n != 1 || hits < 2 {
			t.Errorf("%d story headings for %d hits of one story", n, hits)
		}
	})
	t.Run("timeline axis", func(t *testing.T) {
		account, story := newAccountServer(t)
		_, body := get(t, account.URL+"/stories/"+story)
		for _, w := range []string{`<svg class="axis"`, `<g class="point"><title>2025-02-12: `, `Talks began &lt;script&gt;`, `<ol class="timeline"`} {
			if !strings.Contains(string(body), w) {
				t.Errorf("no %q", w)
			}
		}
	})
	t.Run("favicon", func(t *testing.T) {
		for _, p := range []string{"/static/favicon.svg", "/favicon.ico"} {
			res, body := get(t, srv.URL+p)
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(string(body), "<svg") {
				t.Errorf("%s: %d %q", p, res.StatusCode, res.Header.Get("Content-Type"))
			}
		}
	})
	t.Run("from after to on the API", func(t *testing.T) {
		res, body := get(t, srv.URL+"/api/v1/stories?from=2019-01-01&to=2018-01-01")
		e, _ := decode(t, body)["error"].(map[string]any)
		if res.StatusCode != http.StatusBadRequest || e == nil || !strings.Contains(e["message"].(string), "after") {
			t.Errorf("%d %s", res.StatusCode, body)
		}
	})
}

// TestSourceLinks checks that an article's address is a link a reader can
// follow, without passing the page on, and that other schemes are not.
func TestSourceLinks(t *testing.T) {
	srv, _ := newServer(t, web.Config{Token: token})
	lines := []byte(`{"id": "linked", "source": "Wire", "url": "https://example.com/a?b=1", "title": "Council passes budget", "text": "The city council approved a budget of $2.4 billion on Tuesday after six hours of debate, officials said."}
`)
	if code, m := post(t, srv.URL+"/api/v1/articles", "Bearer "+token, "application/x-ndjson", lines); code != 201 {
		t.Fatalf("ingest: %d %v", code, m)
	}
	hostilePages(t, srv)
	_, body := get(t, srv.URL+"/articles/linked")
	if !regexp.MustCompile(`<a class="source-link" href="https://example.com/a\?b=1" rel="noopener noreferrer nofollow">`).Match(body) {
		t.Errorf("no link to the source")
	}
	_, body = get(t, srv.URL+"/articles/evil")
	if strings.Contains(string(body), `class="source-link" href=`) {
		t.Errorf("a javascript: address is linked")
	}
}

// TestStoryPageSize holds the page of a 50-article story under 200 KB.
func TestStoryPageSize(t *testing.T) {
	h, big, _ := bigServer(t, 10)
	rec := serve(h, http.MethodGet, "/stories/"+bigID, "", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("%d", rec.Code)
	}
	const limit = 200 << 10
	if n := rec.Body.Len(); n > limit {
		t.Errorf("a story of %d articles: page of %d bytes, over %d", len(big.big.Articles), n, limit)
	} else {
		t.Logf("a story of %d articles: page of %d bytes", len(big.big.Articles), n)
	}
}

// checkPage gets a page and checks its status, the texts it must hold and
// those it must not.
func checkPage(t *testing.T, url string, status int, want, not []string) {
	t.Helper()
	res, body := get(t, url)
	if res.StatusCode != status {
		t.Errorf("status %d, want %d", res.StatusCode, status)
	}
	for _, w := range want {
		if !strings.Contains(string(body), w) {
			t.Errorf("no %q", w)
		}
	}
	for _, w := range not {
		if strings.Contains(string(body), w) {
			t.Errorf("unwanted %q", w)
		}
	}
}
