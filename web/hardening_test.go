package web_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/syncbuf"
	"github.com/storyfold/storyfold/web"
)

// serve runs one request through h without a network between them.
func serve(h http.Handler, method, target, auth string, body io.Reader) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	if auth != "" {
		req.Header.Set("Authorization", auth)
		req.Header.Set("Content-Type", "application/x-ndjson")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestBearerSchemeCase holds the token check to RFC 9110's reading of an
// Authorization header: the scheme's name in any case, any number of
// spaces before the token, and the token itself still exact.
func TestBearerSchemeCase(t *testing.T) {
	h, _ := newHandler(t, web.Config{Token: token})
	const line = `{"id": "b1", "source": "Wire", "title": "Council passes budget", "text": "The city council approved a budget of $2.4 billion on Tuesday after six hours of debate, officials said."}` + "\n"
	for _, tt := range []struct {
		name, auth string
		ok         bool
	}{
		{"canonical", "Bearer " + token, true},
		{"lower case", "bearer " + token, true},
		{"upper case", "BEARER " + token, true},
		{"mixed case", "bEaReR " + token, true},
		{"several spaces", "Bearer    " + token, true},
		{"no token", "Bearer", false},
		{"only spaces", "Bearer    ", false},
		{"wrong token", "bearer " + token + "x", false},
		{"token in another case", "Bearer " + strings.ToUpper(token), false},
		{"longer scheme", "Bearers " + token, false},
		{"other scheme", "Basic " + token, false},
		{"no space", "Bearer" + token, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(h, http.MethodPost, "/api/v1/articles", tt.auth, strings.NewReader(line))
			accepted := rec.Code == http.StatusOK || rec.Code == http.StatusCreated
			if accepted != tt.ok || !tt.ok && rec.Code != http.StatusUnauthorized {
				t.Errorf("Authorization %q: %d %s, want accepted=%v", tt.auth, rec.Code, rec.Body, tt.ok)
			}
			if !tt.ok && rec.Header().Get("WWW-Authenticate") == "" {
				t.Errorf("Authorization %q: a 401 without WWW-Authenticate", tt.auth)
			}
		})
	}
}

// TestMethodNotAllowed holds the routes to 405 with an Allow header for a
// method a path is not served under, while paths served under no method
// stay 404.
func TestMethodNotAllowed(t *testing.T) {
	h, _ := newHandler(t, web.Config{Token: token})
	for _, tt := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodPut, "/api/v1/stories", 405, "GET, HEAD"},
		{http.MethodPost, "/api/v1/stories", 405, "GET, HEAD"},
		{http.MethodDelete, "/api/v1/stories/some-id", 405, "GET, HEAD"},
		{http.MethodPatch, "/api/v1/articles", 405, "POST"},
		{http.MethodGet, "/api/v1/articles", 405, "POST"},
		{http.MethodDelete, "/api/v1/articles/some-id", 405, "GET, HEAD"},
		{http.MethodPut, "/api/v1/search", 405, "GET, HEAD"},
		{http.MethodPut, "/", 405, "GET, HEAD"},
		{http.MethodDelete, "/stories/some-id", 405, "GET, HEAD"},
		{http.MethodPatch, "/search", 405, "GET, HEAD"},
		{http.MethodPost, "/healthz", 405, "GET, HEAD"},
		{http.MethodPut, "/api/v1/nothing", 404, ""},
		{http.MethodGet, "/api/v1/nothing", 404, ""},
		{http.MethodPut, "/nowhere", 404, ""},
		{http.MethodGet, "/nowhere", 404, ""},
		{http.MethodGet, "/api/v1/stories", 200, ""},
		{http.MethodHead, "/api/v1/stories", 200, ""},
	} {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := serve(h, tt.method, tt.path, "", nil)
			if rec.Code != tt.status || rec.Header().Get("Allow") != tt.allow {
				t.Errorf("%d, Allow %q; want %d, Allow %q", rec.Code, rec.Header().Get("Allow"), tt.status, tt.allow)
			}
			if tt.status == 405 && strings.HasPrefix(tt.path, "/api/") && !strings.Contains(rec.Body.String(), `"method_not_allowed"`) {
				t.Errorf("the API's 405 is not its JSON error: %s", rec.Body)
			}
		})
	}
}

// failingWriter is a connection the client has closed: every write fails.
type failingWriter struct{ header http.Header }

func (f *failingWriter) Header() http.Header       { return f.header }
func (f *failingWriter) WriteHeader(int)           {}
func (f *failingWriter) Write([]byte) (int, error) { return 0, errors.New("write: broken pipe") }

// failingBody is a body whose sender went away half way.
type failingBody struct{ sent bool }

func (f *failingBody) Read(b []byte) (int, error) {
	if !f.sent {
		f.sent = true
		return copy(b, `{"id": "half", "text": "The council`), nil
	}
	return 0, io.ErrUnexpectedEOF
}

// TestClientGone holds a request whose client went away (its context
// canceled, or its connection failing writes) to an INFO line, "client
// gone", and code 499 in the metrics: never an ERROR line or a 500.
func TestClientGone(t *testing.T) {
	var logs bytes.Buffer
	h, _ := newHandler(t, web.Config{Token: token, CacheBytes: -1, Log: slog.New(slog.NewTextHandler(&logs, nil))})
	_, id, ok := strings.Cut(serve(h, http.MethodGet, "/api/v1/stories", "", nil).Body.String(), `"id":"`)
	id, _, _ = strings.Cut(id, `"`)
	if !ok || id == "" {
		t.Fatal("no story to ask for")
	}
	for _, tt := range []struct {
		name, method, target, route string
		canceled, writeFails        bool
		body                        io.Reader
	}{
		{name: "API stories", method: "GET", target: "/api/v1/stories", route: "GET /api/v1/stories", canceled: true},
		{name: "API story", method: "GET", target: "/api/v1/stories/" + id, route: "GET /api/v1/stories/{id}", canceled: true},
		{name: "API search", method: "GET", target: "/api/v1/search?q=talks", route: "GET /api/v1/search", canceled: true},
		{name: "API sources", method: "GET", target: "/api/v1/sources", route: "GET /api/v1/sources", canceled: true},
		{name: "stories page", method: "GET", target: "/", route: "GET /{$}", canceled: true},
		{name: "story page", method: "GET", target: "/stories/" + id, route: "GET /stories/{id}", canceled: true},
		{name: "POST body cut short", method: "POST", target: "/api/v1/articles", route: "POST /api/v1/articles", canceled: true, body: &failingBody{}},
		{name: "write fails", method: "GET", target: "/api/v1/stories", route: "GET /api/v1/stories", writeFails: true},
		{name: "write fails on a page", method: "GET", target: "/search?q=talks", route: "GET /search", writeFails: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			req := httptest.NewRequest(tt.method, tt.target, tt.body)
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/x-ndjson")
			if tt.canceled {
				ctx, cancel := context.WithCancel(req.Context())
				cancel()
				req = req.WithContext(ctx)
			}
			var w http.ResponseWriter = httptest.NewRecorder()
			if tt.writeFails {
				w = &failingWriter{header: http.Header{}}
			}
			h.ServeHTTP(w, req)
			if rec, ok := w.(*httptest.ResponseRecorder); ok && rec.Code != web.StatusClientClosed {
				t.Errorf("status %d, want %d", rec.Code, web.StatusClientClosed)
			}
			if got := logs.String(); strings.Contains(got, "level=ERROR") || !strings.Contains(got, `level=INFO msg="client gone"`) ||
				!strings.Contains(got, "status=499") {
				t.Errorf("logged\n%s\nwant one INFO line, client gone, status=499", got)
			}
			metrics := serve(h, http.MethodGet, "/metrics", "", nil).Body.String()
			m := parseMetrics(t, metrics)
			if n, ok := m.value("storyfold_http_requests_total", "route", tt.route, "code", "499"); !ok || n < 1 {
				t.Errorf("metrics lack route %s code 499:\n%s", tt.route, metrics)
			}
			if _, ok := m.value("storyfold_http_requests_total", "code", "500"); ok {
				t.Errorf("a client gone counted as a 500:\n%s", metrics)
			}
		})
	}
}

// slowStore is a store whose story list waits for its request to end, as
// a slow query on a loaded database would.
type slowStore struct {
	storyfold.Store
	started chan struct{}
}

func (s slowStore) StoryPage(ctx context.Context, _ storyfold.StoryQuery) ([]storyfold.StorySummary, int, error) {
	close(s.started)
	<-ctx.Done()
	return nil, 0, fmt.Errorf("sqlite: story page: %w", ctx.Err())
}

// TestClientHangsUp has a real client close its connection while the
// store works, and the server count it as gone, not failed. The metrics
// and the log line are read once the server's handler has returned, an
// event, not after polling them against a clock.
func TestClientHangsUp(t *testing.T) {
	var logs syncbuf.Buffer
	_, st := newHandler(t, web.Config{})
	slow := slowStore{Store: st, started: make(chan struct{})}
	h := web.New(web.Config{Store: slow, CacheBytes: -1, Log: slog.New(slog.NewTextHandler(&logs, nil))})
	handled := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		if r.URL.Path == "/api/v1/stories" {
			handled <- struct{}{}
		}
	}))
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-slow.started
		cancel()
	}()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/v1/stories", nil)
	if res, err := http.DefaultClient.Do(req); err == nil {
		res.Body.Close()
		t.Fatalf("the request was answered: %d", res.StatusCode)
	}
	// The metrics are counted, and the line logged, after the client has
	// its error, before the handler returns.
	<-handled
	const line = `level=INFO msg="client gone" method=GET path=/api/v1/stories status=499`
	_, body := get(t, srv.URL+"/metrics")
	if n, _ := parseMetrics(t, string(body)).value("storyfold_http_requests_total", "route", "GET /api/v1/stories", "code", "499"); n != 1 {
		t.Errorf("metrics count %v 499s of GET /api/v1/stories, want 1:\n%s", n, body)
	}
	if !strings.Contains(logs.String(), line) {
		t.Errorf("the log lacks %s:\n%s", line, logs.String())
	}
	if got := logs.String(); strings.Contains(got, "level=ERROR") {
		t.Errorf("a client gone logged as an error:\n%s", got)
	}
}
