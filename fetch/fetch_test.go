package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testConfig reaches the loopback test servers, with short waits between
// tries; its timeout is only a guard against a hang (the test of timeouts
// sets its own), generous so a loaded machine does not trip it.
func testConfig() Config {
	return Config{AllowPrivate: true, Retries: 2, Backoff: 5 * time.Millisecond, Timeout: 30 * time.Second}
}

func wantReason(t *testing.T, err error, want Reason) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", want)
	}
	if got := ReasonOf(err); got != want {
		t.Fatalf("reason %s (%v), want %s", got, err, want)
	}
}

func TestFetch(t *testing.T) {
	var agent string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		agent = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body><p>Hello</p></body></html>")
	}))
	defer srv.Close()
	res, err := New(testConfig()).Fetch(context.Background(), srv.URL+"/a", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Body), "Hello") || res.ContentType != "text/html" || res.URL != srv.URL+"/a" {
		t.Errorf("response %+v", res)
	}
	if agent != UserAgent {
		t.Errorf("User-Agent %q", agent)
	}
}

func TestRefusesPrivateAddresses(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	f := New(Config{Retries: 2, Backoff: time.Millisecond})
	// By address, and by a name that resolves to loopback: the check is on
	// the address dialled, after resolution.
	for _, u := range []string{srv.URL + "/page", "http://localhost:" + port + "/page"} {
		_, err := f.Fetch(context.Background(), u, Validators{})
		wantReason(t, err, Private)
	}
	if hits.Load() != 0 {
		t.Errorf("the server was reached %d times", hits.Load())
	}
	_, err := f.Fetch(context.Background(), "file:///etc/passwd", Validators{})
	wantReason(t, err, BadURL)
}

func TestPublic(t *testing.T) {
	for _, tt := range []struct {
		ip   string
		want bool
	}{
		{"93.184.216.34", true}, {"2606:2800:220:1:248:1893:25c8:1946", true},
		{"127.0.0.1", false}, {"10.1.2.3", false}, {"172.16.0.1", false}, {"192.168.1.1", false},
		{"169.254.169.254", false}, {"100.64.0.1", false}, {"0.0.0.0", false}, {"0.1.2.3", false},
		{"::1", false}, {"fe80::1", false}, {"fc00::1", false}, {"::ffff:127.0.0.1", false}, {"::ffff:10.0.0.1", false},
		{"224.0.0.1", false}, {"255.255.255.255", false},
	} {
		t.Run(tt.ip, func(t *testing.T) {
			if got := Public(net.ParseIP(tt.ip)); got != tt.want {
				t.Errorf("Public(%s) = %v, want %v", tt.ip, got, tt.want)
			}
		})
	}
}

func TestRobots(t *testing.T) {
	var robots atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robots.Add(1)
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n\nUser-agent: storyfold\nDisallow: /private/\nAllow: /\n")
			return
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	f := New(testConfig())
	ctx := context.Background()
	if _, err := f.Fetch(ctx, srv.URL+"/news/1", Validators{}); err != nil {
		t.Errorf("allowed page: %v", err)
	}
	_, err := f.Fetch(ctx, srv.URL+"/private/x", Validators{})
	wantReason(t, err, Robots)
	if n := robots.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once", n)
	}
}

func TestRobotsUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	_, err := New(testConfig()).Fetch(context.Background(), srv.URL+"/page", Validators{})
	wantReason(t, err, Robots)
}

func TestRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/hop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/end", http.StatusMovedPermanently) })
	mux.HandleFunc("/end", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "end") })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := New(testConfig())
	_, err := f.Fetch(context.Background(), srv.URL+"/loop", Validators{})
	wantReason(t, err, Redirects)
	res, err := f.Fetch(context.Background(), srv.URL+"/hop", Validators{})
	if err != nil || res.URL != srv.URL+"/end" || string(res.Body) != "end" {
		t.Errorf("one redirect: %+v, %v", res, err)
	}
}

func TestRetries(t *testing.T) {
	var calls atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) < 3 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "finally")
	})
	var missing atomic.Int32
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) { missing.Add(1); http.NotFound(w, r) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := New(testConfig())
	res, err := f.Fetch(context.Background(), srv.URL+"/flaky", Validators{})
	if err != nil || string(res.Body) != "finally" || calls.Load() != 3 {
		t.Errorf("after two 503s: %v, %d calls", err, calls.Load())
	}
	_, err = f.Fetch(context.Background(), srv.URL+"/missing", Validators{})
	wantReason(t, err, HTTPStatus)
	if missing.Load() != 1 {
		t.Errorf("a 404 was tried %d times", missing.Load())
	}
}

func TestSizeLimits(t *testing.T) {
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(make([]byte, 64<<20))
	zw.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>filler</p>\n"), 1000)
		for i := 0; i < 200; i++ {
			w.Write(chunk)
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb.Bytes())
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	cfg := testConfig()
	cfg.MaxBytes = 1 << 20
	f := New(cfg)
	for _, path := range []string{"/huge", "/bomb"} {
		_, err := f.Fetch(context.Background(), srv.URL+path, Validators{})
		wantReason(t, err, TooLarge)
	}
	_, err := f.Fetch(context.Background(), srv.URL+"/image", Validators{})
	wantReason(t, err, NotText)
}

// TestSlowServer has a server trickle a byte every 50 ms for as long as
// the client listens: only the fetch's own timeout can end the fetch, so
// a Timeout error proves the timeout covers the body, whatever the load
// (the server gives up after a minute, to bound a failing run).
func TestSlowServer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		for end := time.Now().Add(time.Minute); time.Now().Before(end); {
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
			w.Write([]byte("x"))
			w.(http.Flusher).Flush()
		}
	}))
	defer srv.Close()
	cfg := testConfig()
	cfg.Timeout, cfg.Retries = 300*time.Millisecond, 0
	_, err := New(cfg).Fetch(context.Background(), srv.URL+"/slow", Validators{})
	wantReason(t, err, Timeout)
}

func TestConditionalGet(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "content")
	}))
	defer srv.Close()
	f := New(testConfig())
	first, err := f.Fetch(context.Background(), srv.URL+"/feed", Validators{})
	if err != nil || first.NotModified || first.Validators.ETag != `"v1"` {
		t.Fatalf("first fetch: %+v, %v", first, err)
	}
	second, err := f.Fetch(context.Background(), srv.URL+"/feed", first.Validators)
	if err != nil || !second.NotModified || len(second.Body) != 0 {
		t.Errorf("conditional fetch: %+v, %v", second, err)
	}
}

func TestCharset(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1251")
		w.Write([]byte("<p>\xcf\xf0\xe8\xe2\xe5\xf2</p>")) // "Привет"
	}))
	defer srv.Close()
	res, err := New(testConfig()).Fetch(context.Background(), srv.URL+"/ru", Validators{})
	if err != nil || !strings.Contains(string(res.Body), "Привет") {
		t.Errorf("windows-1251 page read as %q, %v", res.Body, err)
	}
}

func TestPoliteness(t *testing.T) {
	var mu sync.Mutex
	var inFlight, most int
	var starts []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		starts = append(starts, time.Now())
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		inFlight--
		mu.Unlock()
	}))
	defer srv.Close()
	cfg := testConfig()
	cfg.PerHost, cfg.HostDelay = 2, 30*time.Millisecond
	f := New(cfg)
	// The spacing is measured from before the first request could start
	// to the sixth's arrival: a sixth request cannot arrive earlier than
	// five delays after that, however late a loaded machine lets the
	// server see the first (measured between arrivals, the first's
	// lateness shrank the span below the bound under CI's busy loops).
	begun := time.Now()
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.Fetch(context.Background(), fmt.Sprintf("%s/p%d", srv.URL, i), Validators{}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if most > 2 {
		t.Errorf("%d requests at once to one host, limit 2", most)
	}
	if len(starts) == 6 {
		if span := starts[5].Sub(begun); span < 5*cfg.HostDelay {
			t.Errorf("6th request arrived %v after the first could start, want at least 5 delays of %v", span, cfg.HostDelay)
		}
	}
}

func TestCanceled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "x") }))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New(testConfig()).Fetch(ctx, srv.URL+"/x", Validators{})
	if err == nil || !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled fetch gave %v", err)
	}
}
