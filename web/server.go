// Package web serves storyfold over HTTP: a JSON API under /api/v1, pages
// rendered on the server (the stories, a story, an article, search), health
// and Prometheus metrics. It reads through a storyfold.Reader and writes
// through an Ingester; the templates and the stylesheet are the report
// package's, embedded in the binary, so nothing is fetched from elsewhere.
package web

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"math"
	"net/http"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/report"
)

// PageFetcher reads the article at an item's URL, keeping what the item
// says of it. It is crawl.Crawler behind the fetcher's guards (robots.txt,
// limits, no private addresses): the URLs come from users.
type PageFetcher interface {
	Page(ctx context.Context, item storyfold.Article) (storyfold.Article, error)
}

// OutletList attaches a user's facts about outlets to an article
// (outlets.List does), nothing when it does not list its outlet.
type OutletList interface {
	ApplyOne(a *storyfold.Article)
}

// maxPostedURLs bounds the pages one request may have fetched.
const maxPostedURLs = 20

// Ingester adds articles, read from a request, to the store the server
// reads: cleaning them, grouping them into the stored stories and saving
// them, as `storyfold ingest` does.
type Ingester interface {
	Add(ctx context.Context, raw []storyfold.Article) (storyfold.IngestResult, error)
}

// ErrWritesUnavailable is what an Ingester's error wraps when it cannot
// take articles now, though the server reads: its analysing process is
// still starting (loading the story index of a large store takes
// minutes) or could not start. The POST is answered 503 with Retry-After
// and the error's message, which says which, rather than waiting for an
// analysis that cannot begin or failing as the store would.
var ErrWritesUnavailable = errors.New("writes are unavailable")

// Config configures a server.
type Config struct {
	// Store is what the pages and the API read: the server never writes
	// through it (POSTed articles go through the Ingester).
	Store storyfold.Reader
	// Ingester takes POSTed articles; nil turns ingestion off.
	Ingester Ingester
	// Token is the bearer token write requests must carry; "" turns
	// writes off.
	Token string
	// MaxBody bounds a request body, in bytes, both as sent and once
	// decompressed.
	MaxBody int64
	// MaxArticles bounds the articles one POST may carry
	// (DefaultMaxArticles when 0). Each costs cleaning, grouping and
	// storing, so a body of many tiny articles needs a bound of its own:
	// 16 MiB of them is 300,000 articles and minutes of work.
	MaxArticles int
	// CacheBytes bounds the memory that pages and API answers are kept in
	// until the store changes (DefaultCacheBytes when 0; negative turns
	// the cache off), counted as the heap they hold; it is lowered to
	// CacheCeiling of the process's soft memory limit.
	CacheBytes int
	// StoryCacheBytes bounds the memory that the story routes keep decoded
	// stories and their articles' heads in until the store changes
	// (DefaultStoryCacheBytes when 0; negative turns it off), estimated
	// from their strings and lists; it is lowered, as CacheBytes is, to
	// CacheCeiling. It holds no response (see storyCache): with the
	// response cache off, every page is still built.
	StoryCacheBytes int
	// Pages, when set, fetches the pages of POSTed articles that give only
	// a "url"; nil refuses them.
	Pages PageFetcher
	// Metrics, when set, adds what else the process counts (a watcher's
	// polls, say), written in the Prometheus text format, to /metrics.
	Metrics io.WriterTo
	// Outlets, when set, is the user's outlet list (--outlets): the
	// server attaches its facts to the articles it reads the heads of,
	// as ingest attached them to the stored articles, so pages count
	// and name outlets as the reports do and can list blindspots.
	Outlets OutletList
	// Gatherer, when set, adds metrics collected with the Prometheus
	// library elsewhere in the process to /metrics.
	Gatherer prometheus.Gatherer
	// Timeout bounds the work of a read request, the store's included
	// (DefaultTimeout when 0): its context's deadline reaches every store
	// call, so no page or query can hold a connection and a core past it.
	Timeout time.Duration
	// IngestTimeout bounds how long a POST's client waits for its answer
	// (DefaultIngestTimeout when 0) and, when the server keeps no jobs
	// (PostAnswer 0), the POST's work: fetching pages, cleaning,
	// grouping, storing. An HTTP server's write timeout should exceed it,
	// or the answer is lost.
	IngestTimeout time.Duration
	// MaxReads bounds the read requests built at once, from the store
	// rather than the cache (one per two cores, and one at least, when
	// 0); the others wait their turn no longer than QueueWait, giving
	// their place among the requests at work (MaxInflight) back meanwhile.
	// Building is
	// CPU work: fifty clients building pages at once only queue for the
	// cores, and every goroutine ready to run delays the health check and
	// the cached answers behind it. On two cores loaded by other work,
	// one builder at a time served more pages than four did (969 against
	// 722 in 10 s) and kept the health check's p99 at 55 ms against 342
	// (`storyfold bench --attacks --attack-kinds pages --cache-mb 0
	// --max-reads N`).
	MaxReads int
	// MaxIngests bounds the POSTs analysed at once (one per two cores,
	// and one at least, when 0): each is seconds of CPU at the body's
	// largest, and writes must never take every core from the readers and
	// the health check. The others wait their turn up to PostWait
	// holding no place among the requests at work, then take one.
	MaxIngests int
	// MaxInflight bounds the requests at work at once: every page, API
	// answer and search, cached or built, and every POST while its body
	// is unpacked, read and analysed (twice GOMAXPROCS when 0).
	// The health check, the metrics and the static files take no place.
	// A request that finds none waits in a queue, blocked rather than
	// ready to run, so that the scheduler's run queue stays a few
	// goroutines long and the health check gets a core at once.
	MaxInflight int
	// MaxQueue bounds the requests waiting for a place (16 per place when
	// 0); one more is answered 503 at once.
	MaxQueue int
	// QueueWait bounds a request's wait for a place (DefaultQueueWait
	// when 0); past it the request is answered 503 with Retry-After.
	QueueWait time.Duration
	// PostWait bounds a POST's wait for the analyses before it
	// (MaxIngests) to finish (DefaultPostWait when 0); past it the POST
	// is answered 503 with Retry-After. An analysis may take most of
	// IngestTimeout, so a POST that waited for it as long as its own
	// deadline let it would hold its client for that long and then, as
	// often as not, still run out of time (issue 14, finding 6: a small
	// POST behind a crafted one was answered after 43 s).
	PostWait time.Duration
	// PostAnswer bounds how long a POST's client waits for its analysis,
	// counted from the request's arrival (its headers read): past it, or
	// once its body has been read if that took longer, the POST is
	// answered 202 Accepted with a job to ask about (GET
	// /api/v1/jobs/{id}), and the analysis goes on to JobDeadline. A
	// client may ask to wait longer or shorter (Prefer: wait=N, RFC 7240),
	// and is answered 202 at IngestTimeout if it asked to wait longer.
	// 0 answers every POST when its analysis ends, within IngestTimeout,
	// and keeps no jobs; serve's default is DefaultPostAnswer.
	PostAnswer time.Duration
	// JobDeadline bounds the analysis of a POST that may be answered 202
	// (PostAnswer above 0), counted from the request's arrival
	// (DefaultJobDeadline when 0): the analysis cannot know when it
	// starts whether its POST will be answered 202, so it runs to this
	// deadline from the start, and its client is answered by
	// IngestTimeout all the same.
	JobDeadline time.Duration
	// MaxJobs and JobTTL bound the jobs kept (DefaultMaxJobs and
	// DefaultJobTTL when 0): the last MaxJobs answered 202, each until
	// JobTTL after its analysis ended (so a job is kept while it runs,
	// whatever JobDeadline is).
	MaxJobs int
	JobTTL  time.Duration
	Log     *slog.Logger
}

// DefaultTimeout bounds a read request's work: a hundred times what the
// slowest page costs on a loaded machine, and well under what a reader
// waits.
const DefaultTimeout = 10 * time.Second

// DefaultIngestTimeout bounds a POST's work: the largest body of articles
// takes a few seconds; the rest is margin for a loaded machine.
const DefaultIngestTimeout = 50 * time.Second

// DefaultPostWait bounds how long a POST waits for the analyses before it
// when the config does not: as long as any request waits for a place, so
// that a client whose POST cannot start hears so within a second.
const DefaultPostWait = DefaultQueueWait

// healthTimeout bounds the health check's read of the store: a store
// that cannot answer one row in a second is not healthy.
const healthTimeout = time.Second

// healthFresh is how recent a store's answer to another request must be
// for the health check to take it as its own.
const healthFresh = time.Second

// DefaultCacheBytes holds a few thousand story pages.
const DefaultCacheBytes = 256 << 20

// CacheCeiling is the most the response cache may hold under a soft
// memory limit of limit bytes (math.MaxInt64: none): a quarter of it.
// The cache is live heap the collector must keep under the limit together
// with whatever the server is doing: the analysis of one 10 MB POST holds
// 270-340 MB live at its peak, and a full 256 MiB cache beside it and the
// server's own 60 MB would leave the collector under the default limit
// (768 MiB) almost no room, so that it would run all but continuously.
// With a quarter (192 MiB), a full cache and that analysis leave it a
// fifth of the limit.
func CacheCeiling(limit int64) int {
	if limit <= 0 || limit >= math.MaxInt64/2 {
		return math.MaxInt
	}
	return int(min(limit/4, math.MaxInt/2))
}

// DefaultMaxBody bounds a request body when the config does not.
const DefaultMaxBody = 16 << 20

// DefaultMaxArticles bounds the articles of one POST when the config does
// not: a few seconds of work for articles of news length, and well under
// a second for tiny ones.
const DefaultMaxArticles = 1000

// Server is the HTTP server's handler.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	pages   *template.Template
	metrics *metrics
	cache   *cache
	stories *storyCache
	// methods are the methods the routes serve, to tell a path served
	// under another method (405) from a path not served at all (404).
	methods []string
	// inflight admits the requests at work, as MaxInflight, MaxQueue and
	// QueueWait say. Within them, reads admits the answers built from the
	// store and ingests the POSTs analysed, as MaxReads and MaxIngests
	// say.
	inflight, reads, ingests *limiter
	// jobs are the POSTs answered 202 (see analyse); analyses counts the
	// POSTs' analyses at work, and closing, once stop is called, stops
	// them (Close).
	jobs     *jobTable
	analyses sync.WaitGroup
	closing  context.Context
	stop     context.CancelFunc
	// answerTimer starts the wait of a POST for its analysis (PostAnswer):
	// time.NewTimer's channel and stop, which tests replace to answer 202
	// when they choose.
	answerTimer func(time.Duration) (<-chan time.Time, func() bool)
	// jobTimer times a POST's analysis to its deadline (see
	// jobContext): time.NewTimer's, which tests replace.
	jobTimer func(time.Duration) (<-chan time.Time, func() bool)
}

// New returns a server.
func New(cfg Config) *Server {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxArticles <= 0 {
		cfg.MaxArticles = DefaultMaxArticles
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	ceiling := CacheCeiling(debug.SetMemoryLimit(-1))
	if cfg.CacheBytes == 0 {
		cfg.CacheBytes = min(DefaultCacheBytes, ceiling)
	}
	if cfg.CacheBytes > ceiling {
		cfg.Log.Info("response cache lowered to a quarter of the soft memory limit",
			slog.Int("asked_mib", cfg.CacheBytes>>20), slog.Int("mib", ceiling>>20))
		cfg.CacheBytes = ceiling
	}
	if cfg.StoryCacheBytes == 0 {
		cfg.StoryCacheBytes = DefaultStoryCacheBytes
	}
	cfg.StoryCacheBytes = min(cfg.StoryCacheBytes, ceiling)
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.IngestTimeout <= 0 {
		cfg.IngestTimeout = DefaultIngestTimeout
	}
	if cfg.MaxReads <= 0 {
		cfg.MaxReads = max(1, runtime.GOMAXPROCS(0)/2)
	}
	if cfg.MaxIngests <= 0 {
		cfg.MaxIngests = max(1, runtime.GOMAXPROCS(0)/2)
	}
	if cfg.MaxInflight <= 0 {
		cfg.MaxInflight = 2 * runtime.GOMAXPROCS(0)
	}
	if cfg.MaxQueue <= 0 {
		cfg.MaxQueue = defaultQueuePerPlace * cfg.MaxInflight
	}
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = DefaultQueueWait
	}
	if cfg.PostWait <= 0 {
		cfg.PostWait = DefaultPostWait
	}
	if cfg.MaxJobs <= 0 {
		cfg.MaxJobs = DefaultMaxJobs
	}
	if cfg.JobTTL <= 0 {
		cfg.JobTTL = DefaultJobTTL
	}
	if cfg.JobDeadline <= 0 {
		cfg.JobDeadline = DefaultJobDeadline
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), pages: pages(), metrics: newMetrics(cfg.Metrics, cfg.Gatherer, cfg.Log),
		cache:    newCache(cfg.Store.Version, cfg.CacheBytes),
		stories:  newStoryCache(cfg.StoryCacheBytes),
		inflight: newLimiter(cfg.MaxInflight, cfg.MaxQueue, cfg.QueueWait),
		// A build waits for a builder no longer than for a place, a POST
		// for the analyses before it no longer than PostWait; neither
		// holds a place meanwhile.
		reads:   newLimiter(cfg.MaxReads, cfg.MaxQueue, cfg.QueueWait),
		ingests: newLimiter(cfg.MaxIngests, cfg.MaxQueue, cfg.PostWait),
		jobs:    newJobTable(cfg.MaxJobs, cfg.JobTTL), answerTimer: realTimer, jobTimer: realTimer}
	s.closing, s.stop = context.WithCancel(context.Background())
	s.metrics.jobsKept(s.jobs.size)
	s.cache.refused = s.busy
	s.routes()
	return s
}

func (s *Server) routes() {
	// Every route's work runs under a deadline of its own, which its
	// handler hands to the store.
	bounded := func(pattern string, d time.Duration, h http.HandlerFunc) {
		if m, _, ok := strings.Cut(pattern, " "); ok && !slices.Contains(s.methods, m) {
			s.methods = append(s.methods, m)
			if m == http.MethodGet {
				s.methods = append(s.methods, http.MethodHead)
			}
		}
		s.mux.Handle(pattern, s.metrics.wrap(pattern, withDeadline(d, h)))
	}
	handle := func(pattern string, h http.HandlerFunc) { bounded(pattern, s.cfg.Timeout, h) }
	// Every answer takes a place among the requests at work; one that
	// must be built also waits for a place among the builders.
	cached := func(pattern string, h http.HandlerFunc) { handle(pattern, s.limit(s.cache.wrap(s.admit(h)))) }
	bounded("GET /healthz", healthTimeout, s.healthz)
	handle("GET /metrics", s.serveMetrics)
	handle("GET /static/style.css", s.style)
	handle("GET /static/favicon.svg", favicon)
	handle("GET /favicon.ico", favicon)

	cached("GET /api/v1/stories", s.apiStories)
	cached("GET /api/v1/stories/{id}", s.apiStory)
	cached("GET /api/v1/articles/{id}", s.apiArticle)
	bounded("POST /api/v1/articles", s.cfg.IngestTimeout, s.apiIngest)
	// A job's state is read from memory: no place, no cache.
	handle("GET /api/v1/jobs/{id}", s.apiJob)
	cached("GET /api/v1/search", s.apiSearch)
	cached("GET /api/v1/sources", s.apiSources)
	handle("/api/", func(w http.ResponseWriter, r *http.Request) {
		if allow := s.allowed(r); allow != "" {
			w.Header().Set("Allow", allow)
			apiError(w, http.StatusMethodNotAllowed, "method_not_allowed", "this endpoint answers only "+allow)
			return
		}
		apiError(w, http.StatusNotFound, "not_found", "no such endpoint")
	})

	cached("GET /{$}", s.pageStories)
	cached("GET /stories/{id}", s.pageStory)
	cached("GET /articles/{id}", s.pageArticle)
	cached("GET /search", s.pageSearch)
	handle("/", func(w http.ResponseWriter, r *http.Request) {
		if allow := s.allowed(r); allow != "" {
			w.Header().Set("Allow", allow)
			s.pageError(w, r, http.StatusMethodNotAllowed, "This page answers only "+allow+".")
			return
		}
		s.pageError(w, r, http.StatusNotFound, "There is no such page.")
	})
}

// withDeadline runs h with its request's context bounded by d.
func withDeadline(d time.Duration, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		h(w, r.WithContext(ctx))
	}
}

// limit runs h once a place among the requests at work is free, and
// answers 503 when none comes free in time (see limiter).
func (s *Server) limit(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := &place{l: s.inflight}
		if err := p.take(r.Context()); err != nil {
			s.busy(w, r, err)
			return
		}
		defer p.leave()
		h(w, r.WithContext(context.WithValue(r.Context(), placeKey{}, p)))
	}
}

// admit runs h once a place among the builders (MaxReads) is free. A
// request that must wait for one gives its place among the requests at
// work back meanwhile, and takes one again once it has a builder: waiting
// is no work, and requests waiting for the builders must not hold every
// place while cached answers queue behind them. A request refused either,
// or whose client leaves first, is answered without having cost the
// store anything.
func (s *Server) admit(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.reads.tryEnter() {
			p := placeOf(r.Context())
			p.leave()
			if err := s.reads.enter(r.Context()); err != nil {
				s.busy(w, r, err)
				return
			}
			if err := p.take(r.Context()); err != nil {
				s.reads.leave()
				s.busy(w, r, err)
				return
			}
		}
		defer s.reads.leave()
		h(w, r)
		// A read the store answered, found or not, tells the health
		// check the store works.
		if st, ok := w.(interface{ status() int }); ok {
			if code := st.status(); code < 500 && code != StatusClientClosed {
				s.cache.answered.Store(time.Now().UnixNano())
			}
		}
	}
}

// busy answers a request that was refused a place, ran out of time, or
// whose client went away, before or while its work was done: 503 with
// Retry-After (the server is loaded, not broken), or StatusClientClosed.
// A refusal is counted in /metrics by route and logged at DEBUG only: a
// flood of them must not become a flood of log lines, and the access log
// has each one's 503.
func (s *Server) busy(w http.ResponseWriter, r *http.Request, err error) {
	if clientGone(r, err) {
		w.WriteHeader(StatusClientClosed)
		return
	}
	w.Header().Set("Retry-After", "1")
	if reason := shedReason(err); reason != "" {
		s.metrics.shed.WithLabelValues(r.Pattern, reason).Inc()
		s.cfg.Log.Debug("shed", slog.String("path", r.URL.Path), slog.String("reason", reason))
		if strings.HasPrefix(r.URL.Path, "/api/") {
			apiError(w, http.StatusServiceUnavailable, "overloaded", "the server is busy; try again in a moment")
			return
		}
		s.pageError(w, r, http.StatusServiceUnavailable, "The server is busy; try again in a moment.")
		return
	}
	s.cfg.Log.Warn("over time", slog.String("path", r.URL.Path), slog.Any("error", err))
	if strings.HasPrefix(r.URL.Path, "/api/") {
		apiError(w, http.StatusServiceUnavailable, "timeout", "the server is busy and the request ran out of time; try again")
		return
	}
	s.pageError(w, r, http.StatusServiceUnavailable, "The server is busy and the page ran out of time; try again in a moment.")
}

// allowed lists, as an Allow header does, the methods another route serves
// the request's path under, "" when none does. The catch-all routes that
// answer unknown paths match every method, so without this check the mux
// never gets to answer 405 itself: a PUT to /api/v1/stories would be told
// the endpoint does not exist. It runs only on the way to an error.
func (s *Server) allowed(r *http.Request) string {
	var allow []string
	probe := *r
	for _, m := range s.methods {
		probe.Method = m
		_, pattern := s.mux.Handler(&probe)
		// Only the method-bound routes count: the catch-alls carry no
		// method, nor does a redirect the mux would answer with.
		if pm, _, ok := strings.Cut(pattern, " "); ok && (pm == m || m == http.MethodHead && pm == http.MethodGet) {
			allow = append(allow, m)
		}
	}
	slices.Sort(allow)
	return strings.Join(allow, ", ")
}

// ServeHTTP serves a request with the security headers every response
// carries, and logs it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	rec := &recorder{ResponseWriter: w, code: http.StatusOK}
	s.mux.ServeHTTP(rec, r)
	msg, code := "request", rec.status()
	if code == StatusClientClosed {
		msg = "client gone"
	}
	s.cfg.Log.LogAttrs(context.WithoutCancel(r.Context()), slog.LevelInfo, msg,
		slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", code),
		slog.Int("bytes", rec.bytes), slog.Duration("duration", time.Since(start)), slog.String("remote", r.RemoteAddr))
}

// StatusClientClosed is the status logged and counted for a request whose
// client went away before it was answered: nginx's 499. Such a request is
// no failure of the server, and counting it as a 500 would page someone
// for every reader who closes a tab.
const StatusClientClosed = 499

// recorder keeps a response's status and size for logs and metrics.
type recorder struct {
	http.ResponseWriter
	code, bytes int
	wrote       bool
	// failed is set by a write that failed: the connection is gone.
	failed bool
}

// status is the response's status as logged and counted:
// StatusClientClosed when the client could not be written to.
func (r *recorder) status() int {
	if r.failed {
		return StatusClientClosed
	}
	return r.code
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.code, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	if err != nil {
		r.failed = true
	}
	return n, err
}

// healthz tells whether the server answers and its store reads. A store
// that answered a read request within the last second has said so
// already; otherwise the check reads the store's version itself, one row
// (not a count of the articles, which grows with the store). Under load
// the check thus never queues for a store connection behind the requests
// that prove the store works, and a monitor hears of a server that
// stopped answering, not of one that is busy.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if s.cache.storeAnswered(healthFresh) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
		return
	}
	if _, err := s.cfg.Store.Version(r.Context()); err != nil {
		if clientGone(r, err) {
			w.WriteHeader(StatusClientClosed)
			return
		}
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

func (s *Server) style(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	fmt.Fprint(w, report.Style)
}

// faviconSVG is the site's icon: two sheets folded into one, in the
// pages' accent colour. It is small enough to serve from memory.
const faviconSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b5cad"/><path d="M8 7h11l5 5v13H8z" fill="#fff"/><path d="M19 7v5h5" fill="#cfe0f5"/><path d="M11 15h10M11 19h10M11 23h6" stroke="#0b5cad" stroke-width="2"/></svg>`

// favicon serves the site's icon, at the address the pages link and at
// the one browsers ask for unprompted.
func favicon(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	fmt.Fprint(w, faviconSVG)
}

// apiError writes an error as JSON: {"error": {"code", "message"}}.
func apiError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": code, "message": msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v) // the client went away, or the value cannot fail
}

// clientGone tells whether err, or the request's context, says the client
// went away: the store stopped because the request was canceled, not
// because it failed. A deadline of the store's own is still a failure.
func clientGone(r *http.Request, err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(r.Context().Err(), context.Canceled)
}

// storeError answers a store failure: 404 for what is not there,
// StatusClientClosed (logged at INFO by the access log) when the client
// went away, 503 when the request ran out of time, 500 (and a log line)
// otherwise.
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, storyfold.ErrNotFound) {
		apiError(w, http.StatusNotFound, "not_found", "not found")
		return
	}
	if clientGone(r, err) || errors.Is(err, context.DeadlineExceeded) {
		s.busy(w, r, err)
		return
	}
	if errors.Is(err, ErrWritesUnavailable) {
		w.Header().Set("Retry-After", writesRetryAfter)
		apiError(w, http.StatusServiceUnavailable, "writes_unavailable", err.Error())
		return
	}
	if errors.Is(err, storyfold.ErrUnreadable) {
		s.unreadable(r, err)
		apiError(w, http.StatusInternalServerError, "unreadable", strings.ToLower(unreadableStory[:1])+unreadableStory[1:])
		return
	}
	s.cfg.Log.Error("store", slog.String("path", r.URL.Path), slog.Any("error", err))
	apiError(w, http.StatusInternalServerError, "internal", "the store failed; see the server log")
}

// writesRetryAfter is the Retry-After, in seconds, of a POST answered
// while writes are unavailable: a post worker's start takes seconds to
// minutes, not the moment a busy server needs.
const writesRetryAfter = "10"

// unreadableStory says why a story cannot be shown and what mends it:
// reading it again would fail the same way.
const unreadableStory = "This story's saved account cannot be read back: it was saved larger than the store reads " +
	"(before accounts were bounded in size) or was damaged. It is rebuilt, within the bound, when an article joins the story."

// unreadable logs a story that cannot be read back, as a warning: it is a
// fact about the data, the same at every request, not a failure of the
// server.
func (s *Server) unreadable(r *http.Request, err error) {
	s.cfg.Log.Warn("unreadable story", slog.String("path", r.URL.Path), slog.String("error", err.Error()))
}

// paging reads limit and offset, with limits: a page holds 1 to 100.
func paging(r *http.Request, def int) (limit, offset int, err error) {
	limit, offset = def, 0
	if v := r.URL.Query().Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > maxLimit {
			return 0, 0, fmt.Errorf("limit must be a number from 1 to %d", maxLimit)
		}
	}
	if v := r.URL.Query().Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, errors.New("offset must be a number from 0")
		}
	}
	return limit, offset, nil
}

const (
	maxLimit     = 100
	defaultLimit = 20
)

// storyQuery reads a story query from a request: q, source, from, to.
func storyQuery(r *http.Request) (storyfold.StoryQuery, error) {
	q := storyfold.StoryQuery{Text: strings.TrimSpace(r.URL.Query().Get("q")), Source: r.URL.Query().Get("source")}
	var err error
	if q.Limit, q.Offset, err = paging(r, defaultLimit); err != nil {
		return q, err
	}
	for _, d := range []struct {
		name string
		to   *storyfold.Date
	}{{"from", &q.From}, {"to", &q.To}} {
		v := r.URL.Query().Get(d.name)
		if v == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			return q, fmt.Errorf("%s must be a date written 2006-01-02", d.name)
		}
		*d.to = storyfold.Date{Time: t}
	}
	if err := q.Check(); err != nil {
		return q, err
	}
	return q, nil
}

// summaryJSON is a story of the API's list: the stored summary and its
// outlet count, as every output counts it (storyfold.CountOutlets), which
// its sources (the known outlets' names) may fall short of.
type summaryJSON struct {
	storyfold.StorySummary
	Outlets int `json:"outlets"`
	// Languages counts the story's articles by language, as the story's
	// own languages do (storyfold.CountLanguages), from their heads.
	Languages []storyfold.LanguageCount `json:"languages"`
}

func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) {
	q, err := storyQuery(r)
	if err != nil {
		apiError(w, http.StatusBadRequest, "bad_request", err.Error())
		return
	}
	stories, total, err := s.cfg.Store.StoryPage(r.Context(), q)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	ids := make([]string, len(stories))
	for i, st := range stories {
		ids[i] = st.ID
	}
	// The page's stories' heads in one read, not two a story.
	heads, err := s.storiesHeads(r, ids)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	// The contract's lists are present when empty: [] rather than null.
	out := make([]summaryJSON, len(stories))
	for i := range stories {
		if stories[i].Sources == nil {
			stories[i].Sources = []string{}
		}
		hs := heads[stories[i].ID]
		out[i] = summaryJSON{StorySummary: stories[i], Outlets: storyfold.CountOutlets(hs), Languages: storyfold.CountLanguages(hs)}
	}
	writeJSON(w, http.StatusOK, map[string]any{"stories": out, "total": total, "limit": q.Limit, "offset": q.Offset})
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	arts, err := s.cfg.Store.Articles(r.Context(), []string{r.PathValue("id")})
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if len(arts) == 0 {
		apiError(w, http.StatusNotFound, "not_found", "no such article")
		return
	}
	writeJSON(w, http.StatusOK, arts[0])
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	text := strings.TrimSpace(r.URL.Query().Get("q"))
	if text == "" {
		apiError(w, http.StatusBadRequest, "bad_request", "q, the text to search for, is missing")
		return
	}
	limit, offset, err := paging(r, defaultLimit)
	if err != nil {
		apiError(w, http.StatusBadRequest, "bad_request", err.Error())
		return
	}
	hits, total, err := s.cfg.Store.Search(r.Context(), storyfold.SearchQuery{Text: text, Limit: limit, Offset: offset})
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if hits == nil {
		hits = []storyfold.SearchHit{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": hits, "total": total, "total_capped": total >= storyfold.MaxSearchTotal,
		"limit": limit, "offset": offset})
}

func (s *Server) apiSources(w http.ResponseWriter, r *http.Request) {
	stored, err := s.cfg.Store.Sources(r.Context())
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	sources, without := foldSources(stored)
	writeJSON(w, http.StatusOK, map[string]any{"sources": sources, "articles_without_source": without})
}

// foldSources turns the store's count of articles by source into the
// outlets a reader picks from: names that differ only in case are one
// outlet, as the source filter matches them (issue 16: "Fox News" and
// "FOX NEWS" were listed apart), spelled as most of its articles spell it,
// and articles that name no source are counted apart (without) instead
// of listed as an outlet named "", since each of them may be another
// outlet. The outlets are sorted by articles, most first, then by name.
func foldSources(stored []storyfold.SourceCount) (sources []storyfold.SourceCount, without int) {
	sources = []storyfold.SourceCount{}
	at := map[string]int{}
	most := map[string]int{} // articles of the spelling a folded outlet is shown in
	for _, c := range stored {
		name := strings.TrimSpace(c.Source)
		if name == "" {
			without += c.Articles
			continue
		}
		key := strings.ToLower(strings.ToUpper(name))
		i, ok := at[key]
		if !ok {
			at[key] = len(sources)
			most[key] = c.Articles
			sources = append(sources, storyfold.SourceCount{Source: name, Articles: c.Articles})
			continue
		}
		if c.Articles > most[key] || c.Articles == most[key] && name < sources[i].Source {
			most[key], sources[i].Source = c.Articles, name
		}
		sources[i].Articles += c.Articles
	}
	slices.SortFunc(sources, func(a, b storyfold.SourceCount) int {
		if a.Articles != b.Articles {
			return b.Articles - a.Articles
		}
		return strings.Compare(a.Source, b.Source)
	})
	return sources, without
}

// authorized tells whether a write request (a POST, or the state of its
// job) may go on: the server takes writes and the request carries its
// token. It answers the request when not.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.Token == "" || s.cfg.Ingester == nil {
		apiError(w, http.StatusForbidden, "writes_disabled", "writing is off: start the server with a token to turn it on")
		return false
	}
	token, ok := bearerToken(r.Header.Get("Authorization"))
	if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.Token)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="storyfold"`)
		apiError(w, http.StatusUnauthorized, "unauthorized", "a valid bearer token is required")
		return false
	}
	return true
}

// bearerToken returns the token of an Authorization header in the Bearer
// scheme. The scheme's name is matched whatever its case and may be
// followed by any number of spaces, as RFC 9110 (section 11.1) has it:
// clients and proxies that send "bearer" are not wrong.
func bearerToken(h string) (string, bool) {
	scheme, rest, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token := strings.TrimLeft(rest, " ")
	return token, token != ""
}

// apiIngest takes JSON or JSON Lines articles (the fields `ingest` reads)
// and adds them to the store. It needs the bearer token; articles already
// stored are counted as known and stored once.
func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	arrived := time.Now()
	if !s.authorized(w, r) {
		return
	}
	switch ct, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";"); strings.TrimSpace(strings.ToLower(ct)) {
	case "application/json", "application/x-ndjson", "application/jsonl", "application/x-jsonlines":
	default:
		apiError(w, http.StatusUnsupportedMediaType, "unsupported_media_type", "send application/json or application/x-ndjson")
		return
	}
	// The body is read as sent before a place is taken, so clients that
	// send slowly hold none; unpacking and reading it is work, done in
	// a place.
	if fail := readSent(w, r, s.cfg.MaxBody); fail != nil {
		apiError(w, fail.status, fail.code, fail.msg)
		return
	}
	s.analyse(w, r, arrived)
}

// readArticles unpacks a POSTed body, read by readSent, and reads its
// articles and the items that give only a url (links), noting the
// problems of both.
func (s *Server) readArticles(w http.ResponseWriter, r *http.Request) (raw, links []storyfold.Article, problems *problemList, fail *bodyError) {
	data, warning, fail := readBody(w, r, s.cfg.MaxBody)
	if fail != nil {
		return nil, nil, nil, fail
	}
	const name = "request.jsonl"
	problems = &problemList{}
	if warning != "" {
		problems.add(name + ": " + warning)
	}
	stop := &stopReader{r: bytes.NewReader(data)}
	reader := ingest.NewReader(problems.report(stop))
	reader.MaxSize = s.cfg.MaxBody
	reader.Summaries = func(it ingest.FeedItem) { links = append(links, it.Article) }
	tooMany := false
	reader.ReadStream(name, stop, func(a storyfold.Article) {
		if len(raw) == s.cfg.MaxArticles {
			tooMany, stop.stopped = true, true
			return
		}
		raw = append(raw, a)
	})
	if tooMany {
		return nil, nil, nil, &bodyError{http.StatusRequestEntityTooLarge, "too_large",
			fmt.Sprintf("the body holds over %d articles; send them in several requests", s.cfg.MaxArticles)}
	}
	if problems.stopped {
		problems.listed = append(problems.listed, problems.stopNote(name))
	}
	return raw, links, problems, nil
}
