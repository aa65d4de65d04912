package web_test

import (
	"io"
	"math"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/storyfold/storyfold/internal/counters"
	"github.com/storyfold/storyfold/web"
)

// scraped is a /metrics answer, parsed.
type scraped map[string]*dto.MetricFamily

// parseMetrics parses a /metrics answer in the text format, failing the
// test on anything a Prometheus server would refuse.
func parseMetrics(t testing.TB, body string) scraped {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("metrics do not parse: %v\n%s", err, body)
	}
	return fams
}

// value returns the value of the series of name with the given labels
// (name, value pairs; a series may have more), and whether there is one.
// A histogram's or a summary's value is its count.
func (s scraped) value(name string, labels ...string) (float64, bool) {
	f := s[name]
	if f == nil {
		return 0, false
	}
outer:
	for _, m := range f.GetMetric() {
		for i := 0; i+1 < len(labels); i += 2 {
			if !slices.ContainsFunc(m.GetLabel(), func(l *dto.LabelPair) bool { return l.GetName() == labels[i] && l.GetValue() == labels[i+1] }) {
				continue outer
			}
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue(), true
		case m.Gauge != nil:
			return m.GetGauge().GetValue(), true
		case m.Histogram != nil:
			return float64(m.GetHistogram().GetSampleCount()), true
		case m.Summary != nil:
			return float64(m.GetSummary().GetSampleCount()), true
		case m.Untyped != nil:
			return m.GetUntyped().GetValue(), true
		}
	}
	return 0, false
}

// scrape reads a handler's /metrics.
func scrape(t testing.TB, h http.Handler) scraped {
	t.Helper()
	rec := serve(h, http.MethodGet, "/metrics", "", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics: %d %s", rec.Code, rec.Body)
	}
	return parseMetrics(t, rec.Body.String())
}

// TestMetricsNames holds /metrics to the names and labels it had before it
// moved to the Prometheus library, with the Go runtime's and the
// process's metrics an operator expects beside them.
func TestMetricsNames(t *testing.T) {
	h, _ := newHandler(t, web.Config{CacheBytes: -1})
	serve(h, http.MethodGet, "/api/v1/stories", "", nil)
	serve(h, http.MethodGet, "/api/v1/stories", "", nil)
	serve(h, http.MethodGet, "/no/such/page", "", nil)
	m := scrape(t, h)
	tests := []struct {
		name   string
		labels []string
		want   float64 // -1: any value
	}{
		{"storyfold_articles", nil, 5},
		{"storyfold_stories", nil, 1},
		{"storyfold_http_requests_total", []string{"route", "GET /api/v1/stories", "code", "200"}, 2},
		{"storyfold_http_requests_total", []string{"route", "/", "code", "404"}, 1},
		{"storyfold_http_request_duration_seconds", []string{"route", "GET /api/v1/stories"}, 2},
		{"go_goroutines", nil, -1},
		{"go_memstats_heap_alloc_bytes", nil, -1},
		{"go_gc_duration_seconds", nil, -1},
	}
	if runtime.GOOS == "linux" {
		tests = append(tests, struct {
			name   string
			labels []string
			want   float64
		}{"process_resident_memory_bytes", nil, -1})
	}
	for _, tt := range tests {
		t.Run(tt.name+strings.Join(tt.labels, ","), func(t *testing.T) {
			got, ok := m.value(tt.name, tt.labels...)
			if !ok {
				t.Fatalf("no series %s %v", tt.name, tt.labels)
			}
			if tt.want >= 0 && got != tt.want {
				t.Errorf("%s %v = %g, want %g", tt.name, tt.labels, got, tt.want)
			}
		})
	}
	// The histogram keeps its buckets, from 1 ms to 2.5 s.
	var bounds []float64
	for _, b := range m["storyfold_http_request_duration_seconds"].GetMetric()[0].GetHistogram().GetBucket() {
		if !math.IsInf(b.GetUpperBound(), 1) {
			bounds = append(bounds, b.GetUpperBound())
		}
	}
	if want := []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5}; !slices.Equal(bounds, want) {
		t.Errorf("buckets %v, want %v", bounds, want)
	}
	// The help texts say what 499 means.
	if help := m["storyfold_http_requests_total"].GetHelp(); !strings.Contains(help, "499") {
		t.Errorf("help %q does not explain 499", help)
	}
}

// TestMetricsExtra serves the counters of the rest of the process (a
// watcher's, kept in the text format) and a library registry's beside the
// server's own.
func TestMetricsExtra(t *testing.T) {
	extra := counters.New()
	extra.Counter("storyfold_watch_polls_total", "Feed polls, by result.")
	extra.Add("storyfold_watch_polls_total", 3, "result", "changed")
	reg := prometheus.NewRegistry()
	jobs := prometheus.NewCounter(prometheus.CounterOpts{Name: "storyfold_test_jobs_total", Help: "Jobs."})
	reg.MustRegister(jobs)
	jobs.Add(7)
	h, _ := newHandler(t, web.Config{Metrics: extra, Gatherer: reg})
	m := scrape(t, h)
	for _, tt := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"storyfold_watch_polls_total", []string{"result", "changed"}, 3},
		{"storyfold_test_jobs_total", nil, 7},
		{"storyfold_articles", nil, 5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, ok := m.value(tt.name, tt.labels...); !ok || got != tt.want {
				t.Errorf("%s %v = %g (present %v), want %g", tt.name, tt.labels, got, ok, tt.want)
			}
		})
	}
}

// brokenMetrics writes text no parser accepts.
type brokenMetrics struct{}

func (brokenMetrics) WriteTo(w io.Writer) (int64, error) {
	n, err := io.WriteString(w, "storyfold_broken{ 1\n")
	return int64(n), err
}

// TestMetricsExtraBroken keeps the server's own metrics served when the
// rest of the process writes something unreadable.
func TestMetricsExtraBroken(t *testing.T) {
	h, _ := newHandler(t, web.Config{Metrics: brokenMetrics{}})
	rec := serve(h, http.MethodGet, "/metrics", "", nil)
	m := parseMetrics(t, rec.Body.String())
	if _, ok := m.value("storyfold_articles"); !ok {
		t.Errorf("the server's own metrics are lost:\n%s", rec.Body)
	}
	if _, ok := m.value("storyfold_broken"); ok {
		t.Errorf("the broken source was served:\n%s", rec.Body)
	}
}
