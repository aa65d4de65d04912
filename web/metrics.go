package web

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// metrics are the server's Prometheus metrics, in a registry of the
// server's own rather than the library's global one: every server (and
// every test's server) counts apart, and nothing another package
// registers globally turns up on our /metrics unasked. Each metric is
// declared once, here. A request whose client went away is counted under
// code 499 (StatusClientClosed), apart from the server's own failures.
type metrics struct {
	registry *prometheus.Registry
	handler  http.Handler

	articles, stories prometheus.Gauge
	requests          *prometheus.CounterVec
	latency           *prometheus.HistogramVec
	// shed counts the requests refused a place (see limiter), by route
	// and reason: queue_full or queue_wait. They are also in requests,
	// as 503s; this tells them from 503s of a store that failed.
	shed *prometheus.CounterVec
	// jobs counts the POSTs answered 202 (state "accepted") and how
	// their analyses ended ("done", "failed").
	jobs *prometheus.CounterVec
}

// buckets are the latency histogram's upper bounds, in seconds: from the
// cached answer (well under a millisecond) to the request deadline.
var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5}

// newMetrics declares the metrics. The Go runtime's and the process's
// collectors are what an operator expects of any Go server's /metrics
// (heap, goroutines, GC pauses, open files, resident memory). extra,
// when set, is a source of metrics in the text format, such as a
// watcher's counters, and gatherer one of collected metrics; both are
// served after the server's own.
func newMetrics(extra io.WriterTo, gatherer prometheus.Gatherer, log *slog.Logger) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		articles: prometheus.NewGauge(prometheus.GaugeOpts{Name: "storyfold_articles", Help: "Articles stored."}),
		stories:  prometheus.NewGauge(prometheus.GaugeOpts{Name: "storyfold_stories", Help: "Stories stored."}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storyfold_http_requests_total",
			Help: "HTTP requests served, by route and status (499: the client went away first).",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "storyfold_http_request_duration_seconds",
			Help:    "Time to serve a request, by route.",
			Buckets: buckets,
		}, []string{"route"}),
		shed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storyfold_http_shed_total",
			Help: "Requests answered 503 without being worked on, the server being at its bound, by route and reason (queue_full: no room to wait; queue_wait: waited too long).",
		}, []string{"route", "reason"}),
		jobs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "storyfold_http_post_jobs_total",
			Help: "POSTs answered 202 with a job, their analysis not ended in time (state accepted), and how those analyses ended (done, failed).",
		}, []string{"state"}),
	}
	m.registry.MustRegister(m.articles, m.stories, m.requests, m.latency, m.shed, m.jobs,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	gatherers := prometheus.Gatherers{m.registry}
	if extra != nil {
		gatherers = append(gatherers, textGatherer{extra})
	}
	if gatherer != nil {
		gatherers = append(gatherers, gatherer)
	}
	// A source that fails loses its own metrics, not the others'.
	m.handler = promhttp.HandlerFor(gatherers, promhttp.HandlerOpts{
		ErrorHandling: promhttp.ContinueOnError,
		ErrorLog:      promLogger{log},
	})
	return m
}

// jobsKept adds the number of jobs the server keeps, read by kept, to the
// metrics.
func (m *metrics) jobsKept(kept func() int) {
	m.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "storyfold_http_post_jobs_kept",
		Help: "Jobs of POSTs answered 202 the server keeps in memory.",
	}, func() float64 { return float64(kept()) }))
}

// wrap counts the requests a route's handler serves. The route's label
// is bound once, here, so a request costs two lookups by its status
// alone.
func (m *metrics) wrap(route string, h http.HandlerFunc) http.Handler {
	requests := m.requests.MustCurryWith(prometheus.Labels{"route": route})
	latency := m.latency.WithLabelValues(route)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec, ok := w.(*recorder)
		if !ok {
			rec = &recorder{ResponseWriter: w, code: http.StatusOK}
		}
		h(rec, r)
		requests.WithLabelValues(codeLabel(rec.status())).Inc()
		latency.Observe(time.Since(start).Seconds())
	})
}

// codeLabel writes a status as its label without allocating for the
// statuses the server answers with.
func codeLabel(code int) string {
	switch code {
	case http.StatusOK:
		return "200"
	case http.StatusCreated:
		return "201"
	case http.StatusNotFound:
		return "404"
	case StatusClientClosed:
		return "499"
	}
	return strconv.Itoa(code)
}

// serveMetrics serves /metrics. The stored counts are read first, under
// the request's deadline: a store that cannot count is a server an
// operator must hear of, so it answers 503 rather than stale figures.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	articles, stories, err := s.cfg.Store.Counts(r.Context())
	if err != nil {
		if clientGone(r, err) {
			w.WriteHeader(StatusClientClosed)
			return
		}
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	s.metrics.articles.Set(float64(articles))
	s.metrics.stories.Set(float64(stories))
	s.metrics.handler.ServeHTTP(w, r)
}

// textGatherer gathers metrics written in the Prometheus text format, so
// counters kept without the library (internal/counters, which watch and
// worker use) are served beside the registry's, checked and in whatever
// format the scraper asks for.
type textGatherer struct{ src io.WriterTo }

func (g textGatherer) Gather() ([]*dto.MetricFamily, error) {
	var b bytes.Buffer
	if _, err := g.src.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("extra metrics: %w", err)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(&b)
	if err != nil {
		return nil, fmt.Errorf("extra metrics: %w", err)
	}
	out := make([]*dto.MetricFamily, 0, len(fams))
	for _, f := range fams {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b *dto.MetricFamily) int { return strings.Compare(a.GetName(), b.GetName()) })
	return out, nil
}

// promLogger passes promhttp's errors (a source that failed, a response
// that could not be written) to the server's log.
type promLogger struct{ log *slog.Logger }

func (l promLogger) Println(v ...any) {
	l.log.Warn("metrics", slog.String("error", strings.TrimSuffix(fmt.Sprintln(v...), "\n")))
}
