package web

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"
)

// metrics counts requests per route and status and their latencies, for
// /metrics in the Prometheus text format. A request whose client went
// away is counted under code 499 (StatusClientClosed), apart from the
// server's own failures.
type metrics struct {
	mu       sync.Mutex
	requests map[[2]string]uint64 // route, status -> count
	latency  map[string]*histogram
}

// buckets are the latency histogram's upper bounds, in seconds.
var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	count  uint64
}

func newMetrics() *metrics {
	return &metrics{requests: map[[2]string]uint64{}, latency: map[string]*histogram{}}
}

// wrap counts the requests a route's handler serves.
func (m *metrics) wrap(route string, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec, ok := w.(*recorder)
		if !ok {
			rec = &recorder{ResponseWriter: w, code: http.StatusOK}
		}
		h(rec, r)
		m.observe(route, rec.status(), time.Since(start))
	})
}

func (m *metrics) observe(route string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[2]string{route, strconv.Itoa(code)}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(buckets))}
		m.latency[route] = h
	}
	s := d.Seconds()
	for i, b := range buckets {
		if s <= b {
			h.counts[i]++
			break
		}
	}
	h.sum += s
	h.count++
}

func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	articles, stories, err := s.cfg.Store.Counts(r.Context())
	if err != nil {
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m := s.metrics
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintf(w, "# HELP storyfold_articles Articles stored.\n# TYPE storyfold_articles gauge\nstoryfold_articles %d\n", articles)
	fmt.Fprintf(w, "# HELP storyfold_stories Stories stored.\n# TYPE storyfold_stories gauge\nstoryfold_stories %d\n", stories)
	fmt.Fprintf(w, "# HELP storyfold_http_requests_total HTTP requests served, by route and status (499: the client went away first).\n# TYPE storyfold_http_requests_total counter\n")
	keys := make([][2]string, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int {
		if c := cmp.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return cmp.Compare(a[1], b[1])
	})
	for _, k := range keys {
		fmt.Fprintf(w, "storyfold_http_requests_total{route=%q,code=%q} %d\n", k[0], k[1], m.requests[k])
	}
	fmt.Fprintf(w, "# HELP storyfold_http_request_duration_seconds Time to serve a request, by route.\n# TYPE storyfold_http_request_duration_seconds histogram\n")
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	for _, route := range routes {
		h := m.latency[route]
		var cum uint64
		for i, b := range buckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "storyfold_http_request_duration_seconds_bucket{route=%q,le=%q} %d\n", route, strconv.FormatFloat(b, 'g', -1, 64), cum)
		}
		fmt.Fprintf(w, "storyfold_http_request_duration_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", route, h.count)
		fmt.Fprintf(w, "storyfold_http_request_duration_seconds_sum{route=%q} %g\n", route, h.sum)
		fmt.Fprintf(w, "storyfold_http_request_duration_seconds_count{route=%q} %d\n", route, h.count)
	}
	if s.cfg.Metrics != nil {
		s.cfg.Metrics.WriteTo(w)
	}
}
