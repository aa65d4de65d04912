package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/web"
)

// jobArticle is a POST's body of one article no test stores beforehand.
func jobArticle(id string) string {
	return `{"id": "` + id + `", "source": "Wire", "title": "Council passes budget", "text": "The city council approved a budget of $2.4 billion on Tuesday after six hours of debate, officials said."}` + "\n"
}

// jobView is a job as the API answers it.
type jobView struct {
	ID, State, Location string
	Read                int
	Status              int
	Result              json.RawMessage
	Error               struct{ Code, Message string }
}

func readJob(t *testing.T, body []byte) jobView {
	t.Helper()
	var v jobView
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("a job that is not JSON: %v\n%s", err, body)
	}
	return v
}

// waited is the body of a POST of the article id answered when its
// analysis ends, by a server that keeps no jobs (PostAnswer 0) on a store
// of the articles the tests' stores hold: what a job's result must be.
func waited(t *testing.T, id string) []byte {
	t.Helper()
	_, st := newHandler(t, web.Config{})
	rec := serve(web.New(web.Config{Store: st, Ingester: ingesterOf(t, st), Token: token}), http.MethodPost, "/api/v1/articles", "Bearer "+token,
		strings.NewReader(jobArticle(id)))
	if rec.Code != http.StatusCreated {
		t.Fatalf("the POST answered when its analysis ends: %d %s", rec.Code, rec.Body)
	}
	return bytes.TrimSpace(rec.Body.Bytes())
}

// accepted POSTs body to srv, whose analysis the test holds, has it
// answered 202 by an event (expire), and returns the job it names.
func accepted(t *testing.T, srv http.Handler, entered <-chan struct{}, expire chan<- time.Time, id string) jobView {
	t.Helper()
	res := make(chan *http.Response, 1)
	go func() {
		res <- serve(srv, http.MethodPost, "/api/v1/articles", "Bearer "+token, strings.NewReader(jobArticle(id))).Result()
	}()
	<-entered
	expire <- time.Now()
	r := <-res
	var body bytes.Buffer
	_, _ = body.ReadFrom(r.Body)
	if r.StatusCode != http.StatusAccepted {
		t.Fatalf("a POST whose analysis is held past its answer's bound: %d %s, want 202", r.StatusCode, body.String())
	}
	v := readJob(t, body.Bytes())
	if v.ID == "" || r.Header.Get("Location") != "/api/v1/jobs/"+v.ID || v.Location != r.Header.Get("Location") || v.State != "running" || v.Read != 1 {
		t.Fatalf("the 202: Location %q, %s; want the job's address and state running", r.Header.Get("Location"), body.String())
	}
	return v
}

// TestPostAnsweredAsJob holds a POST's analysis past the bound of its
// answer and checks that the POST is answered 202 with a job, that the job
// is running until the analysis ends, and then done with the status and
// the very body the POST is answered with when it waits (a server that
// keeps no jobs, PostAnswer 0, on a store of the same articles); that a
// job is read only with the token, and counted in /metrics.
func TestPostAnsweredAsJob(t *testing.T) {
	want := waited(t, "late")

	_, st := newHandler(t, web.Config{})
	in := &blockingIngester{Ingester: ingesterOf(t, st), entered: make(chan struct{}, 1), release: make(chan struct{})}
	srv := web.New(web.Config{Store: st, Ingester: in, Token: token, PostAnswer: time.Hour, IngestTimeout: time.Minute})
	expire := make(chan time.Time, 1)
	web.HoldAnswers(srv, expire)
	job := accepted(t, srv, in.entered, expire, "late")

	path := "/api/v1/jobs/" + job.ID
	if rec := serve(srv, http.MethodGet, path, "Bearer "+token, nil); rec.Code != http.StatusOK || readJob(t, rec.Body.Bytes()).State != "running" {
		t.Errorf("the job while its analysis is held: %d %s, want 200 and running", rec.Code, rec.Body)
	}
	for _, auth := range []string{"", "Bearer wrong"} {
		if rec := serve(srv, http.MethodGet, path, auth, nil); rec.Code != http.StatusUnauthorized {
			t.Errorf("the job read with %q: %d, want 401", auth, rec.Code)
		}
	}

	close(in.release)
	<-web.JobDone(srv, job.ID)
	rec := serve(srv, http.MethodGet, path, "Bearer "+token, nil)
	got := readJob(t, rec.Body.Bytes())
	if rec.Code != http.StatusOK || got.State != "done" || got.Status != http.StatusCreated {
		t.Fatalf("the job once its analysis ended: %d %s, want done with status 201", rec.Code, rec.Body)
	}
	if !bytes.Equal(got.Result, want) {
		t.Errorf("the job's result:\n%s\nwant the body of the POST answered when its analysis ends:\n%s", got.Result, want)
	}
	metrics := parseMetrics(t, serve(srv, http.MethodGet, "/metrics", "", nil).Body.String())
	for _, tt := range []struct {
		name  string
		label []string
		want  float64
	}{
		{"storyfold_http_post_jobs_total", []string{"state", "accepted"}, 1},
		{"storyfold_http_post_jobs_total", []string{"state", "done"}, 1},
		{"storyfold_http_post_jobs_kept", nil, 1},
	} {
		if n, _ := metrics.value(tt.name, tt.label...); n != tt.want {
			t.Errorf("%s%v = %v, want %v", tt.name, tt.label, n, tt.want)
		}
	}
}

// TestPostWithinItsAnswer checks that a POST whose analysis ends within
// the bound of its answer is answered as a server that keeps no jobs
// answers it, byte for byte, and that a client's preference to wait is
// read and acknowledged.
func TestPostWithinItsAnswer(t *testing.T) {
	post := func(cfg web.Config, prefer string) *http.Response {
		_, st := newHandler(t, web.Config{})
		cfg.Store, cfg.Ingester, cfg.Token = st, ingesterOf(t, st), token
		req := strings.NewReader(jobArticle("quick"))
		h := web.New(cfg)
		r, _ := http.NewRequest(http.MethodPost, "/api/v1/articles", req)
		r.Header.Set("Authorization", "Bearer "+token)
		r.Header.Set("Content-Type", "application/x-ndjson")
		if prefer != "" {
			r.Header.Set("Prefer", prefer)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec.Result()
	}
	body := func(r *http.Response) string {
		var b bytes.Buffer
		_, _ = b.ReadFrom(r.Body)
		return b.String()
	}
	want := post(web.Config{}, "")
	wantBody := body(want)
	for _, tt := range []struct {
		name, prefer, applied string
	}{
		{"no preference", "", ""},
		{"a preference to wait", "respond-async, wait=30", "wait=30"},
		{"a preference that cannot be read", "wait=soon", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := post(web.Config{PostAnswer: time.Hour}, tt.prefer)
			if b := body(got); got.StatusCode != want.StatusCode || b != wantBody {
				t.Errorf("%d %s\nwant, as a server that keeps no jobs answers: %d %s", got.StatusCode, b, want.StatusCode, wantBody)
			}
			if a := got.Header.Get("Preference-Applied"); a != tt.applied {
				t.Errorf("Preference-Applied %q, want %q", a, tt.applied)
			}
		})
	}
}

// failingIngester holds every analysis until it is let go, then fails it
// with err.
type failingIngester struct {
	entered chan struct{}
	release chan struct{}
	err     error
}

func (i *failingIngester) Add(ctx context.Context, raw []storyfold.Article) (storyfold.IngestResult, error) {
	i.entered <- struct{}{}
	<-i.release
	return storyfold.IngestResult{}, i.err
}

// TestJobFailed checks that the job of an analysis that fails is failed,
// with the status and the error the POST would have been answered with.
func TestJobFailed(t *testing.T) {
	for _, tt := range []struct {
		name   string
		err    error
		status int
		code   string
	}{
		{"past its deadline", fmt.Errorf("the post worker: %w", context.DeadlineExceeded), http.StatusServiceUnavailable, "timeout"},
		{"the store failed", errors.New("disk I/O error"), http.StatusInternalServerError, "internal"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, st := newHandler(t, web.Config{})
			in := &failingIngester{entered: make(chan struct{}, 1), release: make(chan struct{}), err: tt.err}
			srv := web.New(web.Config{Store: st, Ingester: in, Token: token, PostAnswer: time.Hour, IngestTimeout: time.Minute})
			expire := make(chan time.Time, 1)
			web.HoldAnswers(srv, expire)
			job := accepted(t, srv, in.entered, expire, "doomed")
			close(in.release)
			<-web.JobDone(srv, job.ID)
			rec := serve(srv, http.MethodGet, "/api/v1/jobs/"+job.ID, "Bearer "+token, nil)
			got := readJob(t, rec.Body.Bytes())
			if got.State != "failed" || got.Status != tt.status || got.Error.Code != tt.code || !strings.Contains(string(got.Result), `"code":"`+tt.code+`"`) {
				t.Errorf("%s, want failed with status %d and code %s", rec.Body, tt.status, tt.code)
			}
		})
	}
}

// TestJobUnknown checks that an ID the server does not keep (never given,
// dropped from the full table, or lost with a restart) is answered 404
// with what became of its articles, and that the table keeps the newest
// jobs within its bound.
func TestJobUnknown(t *testing.T) {
	_, st := newHandler(t, web.Config{})
	in := &blockingIngester{Ingester: ingesterOf(t, st), entered: make(chan struct{}, 1), release: make(chan struct{})}
	srv := web.New(web.Config{Store: st, Ingester: in, Token: token, PostAnswer: time.Hour, IngestTimeout: time.Minute, MaxJobs: 2})
	expire := make(chan time.Time, 1)
	web.HoldAnswers(srv, expire)
	var ids []string
	for i := range 3 {
		job := accepted(t, srv, in.entered, expire, fmt.Sprint("job", i))
		in.release <- struct{}{}
		<-web.JobDone(srv, job.ID)
		ids = append(ids, job.ID)
	}
	for i, id := range append(ids, "never-given") {
		rec := serve(srv, http.MethodGet, "/api/v1/jobs/"+id, "Bearer "+token, nil)
		want := http.StatusOK
		if i == 0 || i == 3 {
			want = http.StatusNotFound
		}
		if rec.Code != want {
			t.Errorf("job %d: %d %s, want %d", i, rec.Code, rec.Body, want)
		}
		if want == http.StatusNotFound && !strings.Contains(rec.Body.String(), "POSTing them again is safe") {
			t.Errorf("an unknown job's answer does not say what became of its articles: %s", rec.Body)
		}
	}
}

// TestPostBehindAnalysisRefused checks that a POST that has not got its
// turn among the analyses by the bound of its answer is answered 503, as
// without jobs, and given no job: a job must never wait for its turn after
// its client has been answered.
func TestPostBehindAnalysisRefused(t *testing.T) {
	_, st := newHandler(t, web.Config{})
	in := &blockingIngester{Ingester: ingesterOf(t, st), entered: make(chan struct{}, 2), release: make(chan struct{})}
	srv := web.New(web.Config{Store: st, Ingester: in, Token: token, MaxIngests: 1, PostAnswer: time.Hour, IngestTimeout: time.Minute})
	answer := make(chan time.Time, 1)
	web.HoldAnswers(srv, answer)
	queued, turn := make(chan struct{}, 1), make(chan time.Time, 1)
	web.HoldPosts(srv, queued, turn)
	accepted(t, srv, in.entered, answer, "held")

	second := make(chan *http.Response, 1)
	go func() {
		second <- serve(srv, http.MethodPost, "/api/v1/articles", "Bearer "+token, strings.NewReader(jobArticle("behind"))).Result()
	}()
	<-queued
	answer <- time.Now() // the bound passes while it waits for its turn
	turn <- time.Now()   // and so does its wait for the turn
	res := <-second
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Location") != "" {
		t.Errorf("the POST behind the analysis: %d, Location %q; want 503 and no job", res.StatusCode, res.Header.Get("Location"))
	}
	close(in.release)
	metrics := parseMetrics(t, serve(srv, http.MethodGet, "/metrics", "", nil).Body.String())
	if n, _ := metrics.value("storyfold_http_post_jobs_total", "state", "accepted"); n != 1 {
		t.Errorf("%v jobs accepted, want the held POST's only", n)
	}
}

// heldIngester holds every analysis until it is let go or its context
// ends, noting the context's deadline, then adds the articles under that
// context: an analysis that takes long and stops when it is told to.
type heldIngester struct {
	web.Ingester
	entered chan time.Time // the analysis's deadline
	release chan struct{}
}

func (i *heldIngester) Add(ctx context.Context, raw []storyfold.Article) (storyfold.IngestResult, error) {
	d, _ := ctx.Deadline()
	i.entered <- d
	select {
	case <-i.release:
	case <-ctx.Done():
		return storyfold.IngestResult{}, fmt.Errorf("held analysis: %w", ctx.Err())
	}
	return i.Ingester.Add(ctx, raw)
}

// TestJobOutlivesItsPost checks that a POST answered 202 has its analysis
// go on past the POST's own deadline, and past its client's leaving, to
// the job's deadline (the crafted 10 MB POST under attack was answered
// 202, then its analysis failed "timeout" at the POST's 50 s deadline,
// storing nothing): the job is done afterwards with the answer the POST
// gets when it waits. The POST's deadline here is a millisecond and its
// answer's bound an hour, so the 202 itself says the deadline has passed.
func TestJobOutlivesItsPost(t *testing.T) {
	want := waited(t, "outlives")

	_, st := newHandler(t, web.Config{})
	in := &heldIngester{Ingester: ingesterOf(t, st), entered: make(chan time.Time, 1), release: make(chan struct{})}
	const jobDeadline = 7 * time.Minute
	srv := web.New(web.Config{Store: st, Ingester: in, Token: token, PostAnswer: time.Hour, IngestTimeout: time.Millisecond, JobDeadline: jobDeadline})
	ctx, leave := context.WithCancel(context.Background())
	defer leave()
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/api/v1/articles", strings.NewReader(jobArticle("outlives")))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/x-ndjson")
	rec := httptest.NewRecorder()
	before := time.Now()
	srv.ServeHTTP(rec, req)
	after := time.Now()
	if rec.Code != http.StatusAccepted {
		t.Fatalf("a POST whose deadline passes before its answer's bound: %d %s, want 202", rec.Code, rec.Body)
	}
	job := readJob(t, rec.Body.Bytes())
	leave() // the client leaves once answered

	deadline := <-in.entered
	if deadline.Before(before.Add(jobDeadline)) || deadline.After(after.Add(jobDeadline)) {
		t.Errorf("the analysis's deadline is %v after the POST, want the job's, %v", deadline.Sub(before), jobDeadline)
	}
	close(in.release)
	<-web.JobDone(srv, job.ID)
	got := readJob(t, serve(srv, http.MethodGet, "/api/v1/jobs/"+job.ID, "Bearer "+token, nil).Body.Bytes())
	if got.State != "done" || got.Status != http.StatusCreated {
		t.Fatalf("the job past its POST's deadline: %s %d %s, want done with status 201", got.State, got.Status, got.Result)
	}
	if !bytes.Equal(got.Result, want) {
		t.Errorf("the job's result:\n%s\nwant the body of the POST answered when its analysis ends:\n%s", got.Result, want)
	}
}

// TestJobPastItsDeadline checks that a job whose own deadline passes (by
// an event the test sends) is stopped and ends failed with "timeout", the
// status and error its POST would have had.
func TestJobPastItsDeadline(t *testing.T) {
	_, st := newHandler(t, web.Config{})
	stored, _, _ := st.Counts(context.Background())
	in := &heldIngester{Ingester: ingesterOf(t, st), entered: make(chan time.Time, 1), release: make(chan struct{})}
	srv := web.New(web.Config{Store: st, Ingester: in, Token: token, PostAnswer: time.Hour, IngestTimeout: time.Minute})
	answer, overdue := make(chan time.Time, 1), make(chan time.Time, 1)
	web.HoldAnswers(srv, answer)
	web.HoldJobDeadlines(srv, overdue)
	entered := make(chan struct{})
	go func() {
		<-in.entered
		close(entered)
	}()
	job := accepted(t, srv, entered, answer, "overdue")
	overdue <- time.Now()
	<-web.JobDone(srv, job.ID)
	got := readJob(t, serve(srv, http.MethodGet, "/api/v1/jobs/"+job.ID, "Bearer "+token, nil).Body.Bytes())
	if got.State != "failed" || got.Status != http.StatusServiceUnavailable || got.Error.Code != "timeout" {
		t.Errorf("the job past its deadline: %s %d %+v, want failed with status 503 and code timeout", got.State, got.Status, got.Error)
	}
	if n, _, _ := st.Counts(context.Background()); n != stored {
		t.Errorf("%d articles stored by a job stopped at its deadline", n-stored)
	}
}
