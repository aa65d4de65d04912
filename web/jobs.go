package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/fetch"
)

// POSTs answered before their analysis ends. A POST's analysis may take
// most of its deadline (a crafted 10 MB article, seconds of CPU, given
// little of it by a loaded machine), and a client held that long cannot
// tell a server at work from one that hangs. So a POST whose analysis
// has not ended PostAnswer after the request arrived is answered 202
// Accepted with the address of a job (Location: /api/v1/jobs/{id}); the
// analysis goes on to the job's own deadline (JobDeadline), and GET on
// the job's address answers its state and, once it has ended, the answer
// the POST would have had.

// DefaultPostAnswer is how long serve lets a POST's client wait for its
// analysis before answering 202: the client has its answer within a
// second of sending, with a fifth of one left for the request's and the
// answer's way through a loaded machine. (At 900 ms, under the replayed
// attacks at load 15-23, the crafted 10 MB POST's client measured 1.03
// and 1.08 s: the body's sending and the scheduler's delays, whose p99
// was 100-250 ms for a health check in the same client process.)
const DefaultPostAnswer = 800 * time.Millisecond

// DefaultMaxJobs and DefaultJobTTL bound the jobs kept when the config
// does not: the last 1,024 answered 202, each for 15 minutes after its
// analysis ended. A job holds its answer (at most 100 problems and 1,000
// story IDs, some tens of kilobytes), so the table stays within a few
// tens of megabytes at its fullest.
const (
	DefaultMaxJobs = 1024
	DefaultJobTTL  = 15 * time.Minute
)

// DefaultJobDeadline bounds a POST's analysis when its POST may be
// answered 202 and the config does not say. Once answered, no client
// waits on the connection, so the analysis need not end within the POST's
// deadline (DefaultIngestTimeout): under the replayed attacks the post
// worker, at nice 10 on two busy cores, did not finish the crafted 10 MB
// article within 50 s in any run, and each such job failed with nothing
// stored. Ten minutes is fifty times what that article took on a quiet
// machine (10-12 s) and ten times what it took under a 60 s attack, and
// still a bound: one analysis runs at a time, and a job past it fails
// with "timeout". A job is kept for JobTTL after it
// ends, however long it ran.
const DefaultJobDeadline = 10 * time.Minute

// The states of a job.
const (
	// jobQueued: the body is not yet unpacked and read (waiting for a
	// place among the requests at work to be read in, or being read), or
	// the analysis waits for a place.
	jobQueued  = "queued"
	jobRunning = "running"
	// jobDone: the analysis ended and the POST would have been answered
	// 200 or 201.
	jobDone = "done"
	// jobFailed: it ended with an error (its deadline passed, the store
	// failed, no place came free), which the job's answer carries.
	jobFailed = "failed"
)

// answer is a response kept in memory: a POST's, written by its analysis
// and then sent to its client, or kept as its job's result when the client
// was answered 202 meanwhile. The client that waited gets it byte for
// byte as it was written.
type answer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newAnswer() *answer { return &answer{header: http.Header{}} }

func (a *answer) Header() http.Header { return a.header }

func (a *answer) WriteHeader(code int) {
	if a.status == 0 {
		a.status = code
	}
}

func (a *answer) Write(b []byte) (int, error) {
	a.WriteHeader(http.StatusOK)
	return a.body.Write(b)
}

// sendTo writes the answer to its client.
func (a *answer) sendTo(w http.ResponseWriter) {
	for k, v := range a.header {
		w.Header()[k] = v
	}
	w.WriteHeader(a.status)
	if a.body.Len() > 0 {
		_, _ = w.Write(a.body.Bytes()) // the client went away
	}
}

// job is a POST's analysis, from the moment it has its turn.
type job struct {
	done chan struct{} // closed once answer is set
	// turned is closed when the job has its turn among the analyses;
	// waitingForTurn is set once it waits for it.
	turned         chan struct{}
	waitingForTurn atomic.Bool

	mu       sync.Mutex
	read     int    // articles handed to the analysis
	id       string // set when the POST is answered 202
	state    string
	accepted time.Time // when the POST was answered 202
	finished time.Time
	answer   *answer
}

// setState moves the job to state unless it has ended.
func (j *job) setState(state string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.answer == nil {
		j.state = state
	}
}

// jobJSON is a job as the API answers it: in the 202 answer to its POST
// and at its address.
type jobJSON struct {
	ID       string     `json:"id"`
	State    string     `json:"state"`
	Location string     `json:"location"`
	Read     int        `json:"read"`
	Accepted time.Time  `json:"accepted"`
	Finished *time.Time `json:"finished,omitempty"`
	// Status is the status the POST would have been answered with had
	// its client waited: 201, 200 (every article known already), 503 (its
	// deadline passed, or no place came free), 500 (the store failed).
	Status int `json:"status,omitempty"`
	// Result is the body of that answer, byte for byte: read, new,
	// known, stories, problems, more_problems when the job is done; the
	// error (and the problems of a body none of whose articles could be
	// read) when it failed.
	Result json.RawMessage `json:"result,omitempty"`
	// Error is the answer's error, {"code", "message"}, when the job
	// failed.
	Error json.RawMessage `json:"error,omitempty"`
}

// view is the job as the API answers it.
func (j *job) view() jobJSON {
	j.mu.Lock()
	defer j.mu.Unlock()
	v := jobJSON{ID: j.id, State: j.state, Location: jobPath(j.id), Read: j.read, Accepted: j.accepted}
	if j.answer == nil {
		return v
	}
	finished := j.finished
	v.Finished, v.Status = &finished, j.answer.status
	if body := bytes.TrimSpace(j.answer.body.Bytes()); len(body) > 0 {
		v.Result = body
	}
	if v.State == jobDone {
		return v
	}
	var e struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(v.Result, &e) == nil && e.Error != nil {
		v.Error = e.Error
	} else {
		// A status with no JSON error: the analysis was stopped with
		// the server.
		v.Error, _ = json.Marshal(map[string]string{"code": "stopped", "message": "the server stopped before the analysis ended"})
	}
	return v
}

func jobPath(id string) string { return "/api/v1/jobs/" + id }

// jobTable keeps the jobs answered 202, the last max of them, each until
// ttl after its analysis ended. It lives in the server's memory: a job is
// unknown after a restart, its articles stored if its analysis ended.
type jobTable struct {
	mu    sync.Mutex
	jobs  map[string]*job
	order []*job // oldest first
	max   int
	ttl   time.Duration
	// now is the clock the table ages jobs by; tests replace it.
	now func() time.Time
	// evicted counts the jobs dropped to keep the table within max.
	evicted int
}

func newJobTable(max int, ttl time.Duration) *jobTable {
	return &jobTable{jobs: map[string]*job{}, max: max, ttl: ttl, now: time.Now}
}

// add gives j an unguessable ID (crypto/rand's Text: 26 characters, 130
// bits) and keeps it, dropping the oldest job when the table is full. A
// job that has ended meanwhile is not kept: add returns "", and its POST
// is answered with its answer. (Its ID is set under the job's lock, which
// its end takes too, so the end is counted once, as a job's or not.)
func (t *jobTable) add(j *job) string {
	id := rand.Text()
	j.mu.Lock()
	if j.answer != nil {
		j.mu.Unlock()
		return ""
	}
	j.id, j.accepted = id, t.now()
	j.mu.Unlock()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.expire()
	for len(t.order) >= t.max {
		delete(t.jobs, t.order[0].id)
		t.order = t.order[1:]
		t.evicted++
	}
	t.jobs[id] = j
	t.order = append(t.order, j)
	return id
}

// get returns the job of an ID, nil when it is unknown or expired.
func (t *jobTable) get(id string) *job {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.expire()
	return t.jobs[id]
}

// expire drops the oldest jobs whose analysis ended over ttl ago. A job
// at work before them keeps them a little longer, and the bound on the
// table's length holds all the same.
func (t *jobTable) expire() {
	now := t.now()
	for len(t.order) > 0 {
		j := t.order[0]
		j.mu.Lock()
		old := j.answer != nil && now.Sub(j.finished) > t.ttl
		j.mu.Unlock()
		if !old {
			return
		}
		delete(t.jobs, j.id)
		t.order = t.order[1:]
	}
}

// size is the number of jobs kept.
func (t *jobTable) size() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.order)
}

// preferWait reads RFC 7240's wait preference (Prefer: wait=N, N seconds)
// of a request: how long its client would rather wait for the answer
// than be answered 202. ok is false when none is given; a preference
// that cannot be read is ignored, as the RFC has it.
func preferWait(h http.Header) (d time.Duration, ok bool) {
	for _, v := range h.Values("Prefer") {
		for _, p := range strings.Split(v, ",") {
			p, _, _ = strings.Cut(p, ";")
			name, val, found := strings.Cut(strings.TrimSpace(p), "=")
			if !found || !strings.EqualFold(strings.TrimSpace(name), "wait") {
				continue
			}
			n, err := strconv.ParseUint(strings.Trim(strings.TrimSpace(val), `"`), 10, 31)
			if err != nil {
				continue
			}
			return time.Duration(n) * time.Second, true
		}
	}
	return 0, false
}

// jobContext is the context a POST's analysis runs under: the request's
// values, none of its cancellation, and a deadline of its own, which ends
// it with context.DeadlineExceeded, as context.WithDeadline would. It is a
// type of its own so that the deadline's timer is the server's jobTimer,
// which tests replace: a test of a job past its deadline waits on an
// event, not on the clock.
type jobContext struct {
	context.Context
	deadline time.Time
	done     chan struct{}
	mu       sync.Mutex
	err      error
}

// newJobContext returns a context with parent's values that ends at
// deadline, timed by timer.
func newJobContext(parent context.Context, deadline time.Time, timer func(time.Duration) (<-chan time.Time, func() bool)) *jobContext {
	c := &jobContext{Context: context.WithoutCancel(parent), deadline: deadline, done: make(chan struct{})}
	expired, stop := timer(time.Until(deadline))
	go func() {
		defer stop()
		select {
		case <-expired:
			c.end(context.DeadlineExceeded)
		case <-c.done:
		}
	}()
	return c
}

func (c *jobContext) Deadline() (time.Time, bool) { return c.deadline, true }

func (c *jobContext) Done() <-chan struct{} { return c.done }

func (c *jobContext) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// end ends the context with err, unless it has ended.
func (c *jobContext) end(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = err
		close(c.done)
	}
}

// analyse reads and analyses a POST's body, read as sent (readSent), and
// answers the POST: with the answer the analysis writes if it ends within
// the answer's bound (PostAnswer after the request arrived, or what the
// client prefers) and the POST's deadline, else 202 with its job.
// Unpacking and reading the body are part of the job: under load a place
// to do them in may take a second to come free. The job runs under the
// request's values but not its cancellation nor, when the POST may be
// answered 202, its deadline: a client that leaves before it is answered
// stops the job with it, as it always did; once answered 202, the job goes
// on to its own deadline (JobDeadline after the request arrived) or to the
// server's Close, whatever its client does. A server that keeps no jobs
// (PostAnswer 0) gives the analysis the POST's deadline.
func (s *Server) analyse(w http.ResponseWriter, r *http.Request, arrived time.Time) {
	postDeadline, _ := r.Context().Deadline()
	bound, bounded := s.answerBound(w, r)
	deadline := postDeadline
	if bounded {
		deadline = arrived.Add(s.cfg.JobDeadline)
	}
	ctx := newJobContext(r.Context(), deadline, s.jobTimer)
	cancel := func() { ctx.end(context.Canceled) }
	j := &job{done: make(chan struct{}), turned: make(chan struct{}), state: jobQueued}
	// The turn among the analyses is waited for no longer than the
	// answer's bound and the POST's deadline: a POST that cannot start its
	// analysis by then is answered 503, not given a job that would wait
	// for its turn after its client has been answered.
	var turnBy time.Time
	if bounded {
		turnBy = arrived.Add(bound)
		if !postDeadline.IsZero() && postDeadline.Before(turnBy) {
			turnBy = postDeadline
		}
	}
	s.analyses.Add(1)
	go func() {
		defer s.analyses.Done()
		defer cancel()
		stop := context.AfterFunc(s.closing, cancel)
		defer stop()
		a := newAnswer()
		s.ingest(a, r.WithContext(ctx), j, turnBy)
		j.mu.Lock()
		j.answer, j.finished = a, s.jobs.now()
		counted := j.id != ""
		if a.status < 400 {
			j.state = jobDone
		} else {
			j.state = jobFailed
		}
		state := j.state
		j.mu.Unlock()
		if counted {
			s.metrics.jobs.WithLabelValues(state).Inc()
		}
		close(j.done)
	}()

	var expired <-chan time.Time
	if bounded {
		c, stop := s.answerTimer(max(0, bound-time.Since(arrived)))
		defer stop()
		expired = c
	}
	select {
	case <-j.done:
	case <-r.Context().Done():
		switch {
		case errors.Is(r.Context().Err(), context.Canceled):
			// The client left: the job stops with it.
			cancel()
		case bounded:
			// The POST's deadline passed before the answer's bound (a
			// client preferring to wait longer): it is answered 202 as
			// at the bound, its job going on to its own deadline.
			if s.accept(w, j) {
				return
			}
		}
		// Past the deadline of a POST that keeps no job, the job's
		// deadline, the same, ends it.
		<-j.done
	case <-expired:
		if s.accept(w, j) {
			return
		}
	}
	j.answer.sendTo(w)
}

// accept answers a POST 202 with its job, once the job has its turn among
// the analyses or is refused it (its wait ends at the answer's bound too),
// and reports whether it did: a job that has ended meanwhile is not kept,
// and its POST is answered with its answer.
func (s *Server) accept(w http.ResponseWriter, j *job) bool {
	if j.waitingForTurn.Load() {
		select {
		case <-j.done:
		case <-j.turned:
		}
	}
	if s.jobs.add(j) == "" {
		<-j.done // it ended as the bound passed
		return false
	}
	s.metrics.jobs.WithLabelValues("accepted").Inc()
	v := j.view()
	w.Header().Set("Location", v.Location)
	writeJSON(w, http.StatusAccepted, v)
	return true
}

// answerBound is how long after its arrival a POST is answered 202
// if its analysis has not ended, and whether it is at all: PostAnswer, or
// what the client prefers (Prefer: wait=N), which the POST's deadline
// caps. A preference is acknowledged with Preference-Applied.
func (s *Server) answerBound(w http.ResponseWriter, r *http.Request) (time.Duration, bool) {
	if s.cfg.PostAnswer <= 0 {
		return 0, false
	}
	if d, ok := preferWait(r.Header); ok {
		w.Header().Set("Preference-Applied", "wait="+strconv.Itoa(int(d/time.Second)))
		return d, true
	}
	return s.cfg.PostAnswer, true
}

// ingest is a POST's job: it unpacks and reads the body in a place among
// the requests at work, fetches the pages of articles given by their url
// holding none (that is waiting on the network, not work), waits for its
// turn among the analyses (MaxIngests) up to PostWait and turnBy (when
// set) holding none either, then hands the articles to the Ingester in
// a place, and writes the POST's answer to w.
func (s *Server) ingest(w http.ResponseWriter, r *http.Request, j *job, turnBy time.Time) {
	defer r.Body.Close() // readSent's pieces go back to their pool
	if err := s.inflight.enter(r.Context()); err != nil {
		s.busy(w, r, err)
		return
	}
	raw, links, problems, fail := s.readArticles(w, r)
	r.Body.Close()
	s.inflight.leave()
	if fail != nil {
		apiError(w, fail.status, fail.code, fail.msg)
		return
	}
	raw = s.fetchLinks(r, raw, links, problems)
	if len(raw) == 0 {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": map[string]string{"code": "bad_request", "message": "no article could be read"},
			"problems": problems.result(), "more_problems": problems.more})
		return
	}
	j.waitingForTurn.Store(true)
	wait := s.cfg.PostWait
	if !turnBy.IsZero() {
		wait = min(wait, time.Until(turnBy))
	}
	if err := s.ingests.enterFor(r.Context(), wait); err != nil {
		s.busy(w, r, err)
		return
	}
	defer s.ingests.leave()
	j.mu.Lock()
	j.read = len(raw)
	j.mu.Unlock()
	close(j.turned)
	if err := s.inflight.enter(r.Context()); err != nil {
		s.busy(w, r, err)
		return
	}
	j.setState(jobRunning)
	// The raw articles are not used once the ingester has them: nothing
	// here holds them (their texts, as large as the body) through the
	// analysis.
	read := len(raw)
	res, err := s.cfg.Ingester.Add(r.Context(), raw)
	s.inflight.leave()
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if res.Stories == nil {
		res.Stories = []string{}
	}
	status := http.StatusOK
	if res.New > 0 {
		status = http.StatusCreated
	}
	writeJSON(w, status, map[string]any{"read": read, "new": res.New, "known": res.Known, "stories": res.Stories,
		"problems": problems.result(), "more_problems": problems.more})
}

// fetchLinks fetches the pages of the articles a POST gives only by their
// url (links), at once, and returns raw with those read; the others are
// noted as problems.
func (s *Server) fetchLinks(r *http.Request, raw, links []storyfold.Article, problems *problemList) []storyfold.Article {
	switch {
	case len(links) > 0 && s.cfg.Pages == nil:
		problems.add(fmt.Sprintf("%d articles give only a url, and this server does not fetch pages", len(links)))
	case len(links) > maxPostedURLs:
		problems.add(fmt.Sprintf("%d articles give only a url; one request may have %d pages fetched", len(links), maxPostedURLs))
	case len(links) > 0:
		pages := make([]storyfold.Article, len(links))
		errs := make([]error, len(links))
		var wg sync.WaitGroup
		for i := range links {
			wg.Add(1)
			go func() {
				defer wg.Done()
				pages[i], errs[i] = s.cfg.Pages.Page(r.Context(), links[i])
			}()
		}
		wg.Wait()
		for i := range links {
			if errs[i] != nil {
				problems.add(fmt.Sprintf("%s: %s", links[i].URL, fetch.Describe(errs[i])))
				continue
			}
			raw = append(raw, pages[i])
		}
	}
	return raw
}

// apiJob answers a job's state and, once its analysis ended, the answer
// its POST would have had. It needs the token the POST needed.
func (s *Server) apiJob(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	j := s.jobs.get(r.PathValue("id"))
	if j == nil {
		apiError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no such job: a job is kept in the server's memory, the last %d for %s after their analysis ended, "+
			"and not across a restart; if its analysis ended, its articles are stored, and POSTing them again is safe (those stored already are counted as known)",
			s.jobs.max, s.jobs.ttl))
		return
	}
	writeJSON(w, http.StatusOK, j.view())
}

// Close stops the analyses of POSTs still at work: they have until ctx
// ends to finish, and are then canceled (their transaction rolls back, or
// the stories they changed stay marked stale for the next rebuild). It
// returns once none is at work. Call it once the HTTP server has stopped
// taking requests.
func (s *Server) Close(ctx context.Context) {
	done := make(chan struct{})
	go func() {
		s.analyses.Wait()
		close(done)
	}()
	select {
	case <-done:
		return
	case <-ctx.Done():
	}
	s.stop()
	<-done
}
