package main

import (
	"bytes"
	"context"
	"encoding/gob"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/syncbuf"
	"github.com/storyfold/storyfold/pipeline"
)

// TestErrKindsCrossThePipe checks that each error the server answers a
// POST by is still that error once it has crossed from the post worker:
// the client gets the status the server would give it inline.
func TestErrKindsCrossThePipe(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		kind string
	}{
		{"deadline", fmt.Errorf("save: %w", context.DeadlineExceeded), "deadline"},
		{"canceled", fmt.Errorf("rebuild: %w", context.Canceled), "canceled"},
		{"unreadable", fmt.Errorf("story s-1: %w", storyfold.ErrUnreadable), "unreadable"},
		{"not found", storyfold.ErrNotFound, "not_found"},
		{"stale", fmt.Errorf("%w: %w", pipeline.ErrStoriesStale, errors.New("disk full")), "stale"},
		{"other", errors.New("disk full"), "other"},
		{"none", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kind := errKind(tc.err)
			if kind != tc.kind {
				t.Fatalf("kind %q, want %q", kind, tc.kind)
			}
			r := postReply{Kind: kind}
			if tc.err != nil {
				r.Err = tc.err.Error()
			}
			got := replyError(r)
			switch {
			case tc.err == nil:
				if got != nil {
					t.Fatalf("no error became %v", got)
				}
			case got == nil:
				t.Fatalf("%v crossed as no error", tc.err)
			case !strings.Contains(got.Error(), tc.err.Error()):
				t.Errorf("message %q lost %q", got, tc.err)
			}
			for _, k := range errKinds {
				if errors.Is(tc.err, k.err) != errors.Is(got, k.err) {
					t.Errorf("%v crossed as %v: errors.Is(%v) differs", tc.err, got, k.err)
				}
			}
		})
	}
}

// fakePostWriter answers jobs as a writer would, noting the deadline each
// got, and blocks in Add until its context ends when the article's ID is
// "block".
type fakePostWriter struct {
	mu        sync.Mutex
	deadlines []time.Time
	got       []storyfold.Article
	started   chan struct{}
}

func (f *fakePostWriter) Add(ctx context.Context, raw []storyfold.Article) (storyfold.IngestResult, error) {
	d, _ := ctx.Deadline()
	f.mu.Lock()
	f.deadlines = append(f.deadlines, d)
	f.got = append(f.got, raw...)
	f.mu.Unlock()
	if len(raw) == 1 && raw[0].ID == "block" {
		close(f.started)
		<-ctx.Done()
		return storyfold.IngestResult{}, ctx.Err()
	}
	if len(raw) == 1 && raw[0].ID == "unreadable" {
		return storyfold.IngestResult{}, fmt.Errorf("story s-9: %w", storyfold.ErrUnreadable)
	}
	return storyfold.IngestResult{New: len(raw), Stories: []string{"s-" + raw[0].ID}, Renamed: map[string]string{raw[0].ID: raw[0].ID + "-2"}}, nil
}

func (f *fakePostWriter) Rebuild(ctx context.Context) (int, error) { return 3, nil }

// TestServePostJobs drives the post worker's loop through pipes, as a
// server does: replies in order, the job's deadline reaching the writer,
// errors by kind, and the input's end stopping the job at work.
func TestServePostJobs(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	f := &fakePostWriter{started: make(chan struct{})}
	done := make(chan error, 1)
	go func() { done <- servePostJobs(context.Background(), f, inR, outW); outW.Close() }()
	enc, dec := gob.NewEncoder(inW), gob.NewDecoder(outR)
	deadline := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	// A raw article as a POST gives it, every field it may carry set,
	// and bytes that are not UTF-8 (which JSON would not keep).
	raw := storyfold.Article{ID: "a", URL: "https://example.com/a", Source: "Example", Title: "A", Byline: "B. Writer",
		Date: storyfold.Date{Time: time.Date(2025, 2, 12, 9, 30, 0, 0, time.UTC)}, Language: "en", Text: "Text \xff here.",
		Meta: map[string]string{"section": "world"}, Origin: "request.jsonl:1"}
	for _, tc := range []struct {
		name  string
		job   postJob
		check func(t *testing.T, r postReply)
	}{
		{"add", postJob{Deadline: deadline, Articles: []storyfold.Article{raw}}, func(t *testing.T, r postReply) {
			if r.Kind != "" || r.Result.New != 1 || r.Result.Stories[0] != "s-a" || r.Result.Renamed["a"] != "a-2" {
				t.Errorf("reply %+v", r)
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			if len(f.got) != 1 || !reflect.DeepEqual(f.got[0], raw) {
				t.Errorf("the writer got %+v\nwant %+v", f.got, raw)
			}
		}},
		{"rebuild", postJob{Rebuild: true}, func(t *testing.T, r postReply) {
			if r.Kind != "" || r.Rebuilt != 3 {
				t.Errorf("reply %+v", r)
			}
		}},
		{"error", postJob{Articles: []storyfold.Article{{ID: "unreadable"}}}, func(t *testing.T, r postReply) {
			if !errors.Is(replyError(r), storyfold.ErrUnreadable) {
				t.Errorf("reply %+v", r)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := enc.Encode(&tc.job); err != nil {
				t.Fatal(err)
			}
			var r postReply
			if err := dec.Decode(&r); err != nil {
				t.Fatal(err)
			}
			tc.check(t, r)
		})
	}
	f.mu.Lock()
	if len(f.deadlines) != 2 || !f.deadlines[0].Equal(deadline) || !f.deadlines[1].IsZero() {
		t.Errorf("deadlines the writer saw: %v, want %v then none", f.deadlines, deadline)
	}
	f.mu.Unlock()
	// A job at work when the input ends (the server gone) is canceled,
	// and the loop returns.
	if err := enc.Encode(&postJob{Articles: []storyfold.Article{{ID: "block"}}}); err != nil {
		t.Fatal(err)
	}
	<-f.started
	go io.Copy(io.Discard, outR)
	inW.Close()
	if err := <-done; err != nil {
		t.Errorf("after the input closed: %v", err)
	}
}

// TestServePostsChild runs serve with its post worker, the real child
// process: a POST is answered as the server answers it inline, the
// worker's every thread runs at the lower priority, a client that leaves
// mid-analysis gets the worker killed and the next POST a new one, and
// SIGTERM stops both.
func TestServePostsChild(t *testing.T) {
	if !childSupported {
		t.Skip("no post worker on this system")
	}
	dir := t.TempDir()
	db, inlineDB := exampleDB(t, dir, "example.db"), exampleDB(t, dir, "inline.db")
	post := func(base string, body []byte) (int, string) {
		t.Helper()
		code, _, got := postTo(t, base, body)
		return code, got
	}
	article := []byte(`{"id": "x", "title": "Council budget", "text": "A council approved a budget of two billion dollars on Tuesday after a long debate. \"We had no choice,\" the mayor said."}`)

	inline, _ := startServe(t, inlineDB, "--posts", "inline")
	wantCode, want := post(inline.base, article)
	if wantCode != http.StatusCreated {
		t.Fatalf("inline POST: %d %s", wantCode, want)
	}
	inline.stop(t)

	srv, logs := startServe(t, db, "--posts", "child")
	code, got := post(srv.base, article)
	if code != wantCode || got != want {
		t.Errorf("POST through the post worker: %d %s\nwant, as inline: %d %s", code, got, wantCode, want)
	}
	if code, again := post(srv.base, article); code != http.StatusOK || !strings.Contains(again, `"known":1`) {
		t.Errorf("the same article again: %d %s", code, again)
	}
	first := workerOf(t, srv.cmd.Process.Pid)
	if runtime.GOOS == "linux" {
		checkNice(t, first, defaultPostsNice)
	}

	// A crafted article of 10 MB of quotes takes the worker seconds;
	// the client leaves once the worker is at it.
	crafted := bytes.ReplaceAll(craftedQuotes(1), []byte("%d"), []byte("gone"))
	idle := cpuTicks(t, first) // the worker's start and the POSTs above
	ctx, cancel := context.WithCancel(context.Background())
	sent := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.base+"/api/v1/articles", bytes.NewReader(crafted))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer tok")
		req.Header.Set("Prefer", "wait=60") // the client waits, then leaves: no 202
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			res.Body.Close()
		}
		sent <- err
	}()
	waitFor(t, "the worker to work on the crafted article", time.Minute, func() bool { return cpuTicks(t, first) > idle+50 })
	cancel()
	<-sent
	waitFor(t, "the worker to be killed", time.Minute, func() bool { return !alive(first) })
	if code, body := post(srv.base, []byte(`{"id": "y", "title": "Bridge", "text": "The old bridge over the river will close for repairs in March, the city said on Monday."}`)); code != http.StatusCreated {
		t.Errorf("a POST after the worker was killed: %d %s\n%s", code, body, logs.String())
	}
	second := workerOf(t, srv.cmd.Process.Pid)
	if second == first {
		t.Errorf("the killed worker %d still answers", first)
	}
	if n := strings.Count(logs.String(), "post worker started"); n != 2 {
		t.Errorf("%d workers started, want 2:\n%s", n, logs.String())
	}
	srv.stop(t)
	waitFor(t, "the worker to stop with the server", time.Minute, func() bool { return !alive(second) })
}

// TestServePostAnswer runs serve with an answer bound no analysis meets
// (--post-answer 1ns): a POST is answered 202 with its job's address, the
// job is read with the token and ends done with the 201 answer's body,
// and the store then holds the article.
func TestServePostAnswer(t *testing.T) {
	db := exampleDB(t, t.TempDir(), "example.db")
	srv, logs := startServe(t, db, "--post-answer", "1ns")
	defer srv.stop(t)
	req, _ := http.NewRequest(http.MethodPost, srv.base+"/api/v1/articles",
		strings.NewReader(`{"id": "y", "title": "Bridge", "text": "The old bridge over the river will close for repairs in March, the city said on Monday."}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer tok")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusAccepted || !strings.HasPrefix(loc, "/api/v1/jobs/") {
		t.Fatalf("a POST past its answer's bound: %d, Location %q; want 202 and a job", res.StatusCode, loc)
	}
	var job struct {
		State  string
		Status int
		Result struct{ New int }
	}
	waitFor(t, "the job to end", guard, func() bool {
		req, _ := http.NewRequest(http.MethodGet, srv.base+loc, nil)
		req.Header.Set("Authorization", "Bearer tok")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return false
		}
		defer res.Body.Close()
		return json.NewDecoder(res.Body).Decode(&job) == nil && (job.State == "done" || job.State == "failed")
	})
	if job.State != "done" || job.Status != http.StatusCreated || job.Result.New != 1 {
		t.Errorf("the job: %+v, want done, 201, one new article\n%s", job, logs.String())
	}
	if n := storedArticles(t, db); n != 6 {
		t.Errorf("%d articles stored, want the example's 5 and the POSTed one", n)
	}
}

// TestServeReadsBeforePostWorker holds serve's post worker at its start
// (the gate of postWorkerGateEnv, a named pipe the test writes last): the
// server answers reads while the worker waits, and a POST is answered 503
// with Retry-After saying the worker is starting. Released, a worker that
// starts takes the next POST; one that fails its start is logged at ERROR
// with its reason, the POST's 503 repeats the reason, and reads go on.
// With no token no worker starts at all.
func TestServeReadsBeforePostWorker(t *testing.T) {
	if !childSupported {
		t.Skip("no post worker on this system")
	}
	dir := t.TempDir()
	db := exampleDB(t, dir, "example.db")
	post := func(base, id string) (int, http.Header, string) {
		t.Helper()
		return postTo(t, base, []byte(`{"id": "`+id+`", "title": "Bridge", "text": "The old bridge over the river will close for repairs in March, the city said on Monday."}`))
	}
	read := func(base string) {
		t.Helper()
		res, err := http.Get(base + "/api/v1/stories")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("the stories list: %d", res.StatusCode)
		}
	}
	for _, tc := range []struct {
		name, gate string
		wantLog    string
		wantCode   int
		wantBody   string
	}{
		{"slow", "go", "post worker ready", http.StatusCreated, `"new":1`},
		{"failing", "fail", "level=ERROR msg=\"post worker could not start", http.StatusServiceUnavailable, "told to fail"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gate := filepath.Join(dir, tc.name+".gate")
			if err := syscall.Mkfifo(gate, 0o600); err != nil {
				t.Skipf("no named pipes: %v", err)
			}
			// startServeEnv returns once the health check answers: the
			// worker is still at its gate, which nothing has written.
			srv, logs := startServeEnv(t, db, []string{postWorkerGateEnv + "=" + gate}, "--token", "tok", "--posts", postsChild)
			read(srv.base)
			code, h, body := post(srv.base, tc.name)
			if code != http.StatusServiceUnavailable || h.Get("Retry-After") == "" || !strings.Contains(body, "still starting") {
				t.Errorf("a POST while the worker starts: %d %q %s", code, h.Get("Retry-After"), body)
			}
			if err := os.WriteFile(gate, []byte(tc.gate+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			waitFor(t, tc.wantLog, guard, func() bool { return strings.Contains(logs.String(), tc.wantLog) })
			code, h, body = post(srv.base, tc.name)
			if code != tc.wantCode || !strings.Contains(body, tc.wantBody) || (code == http.StatusServiceUnavailable && h.Get("Retry-After") == "") {
				t.Errorf("a POST once the worker's start ended: %d %q %s, want %d with %s\n%s", code, h.Get("Retry-After"), body, tc.wantCode, tc.wantBody, logs.String())
			}
			read(srv.base)
			srv.stop(t)
		})
	}
	t.Run("no token", func(t *testing.T) {
		gate := filepath.Join(dir, "unused.gate")
		srv, logs := startServeEnv(t, db, []string{postWorkerGateEnv + "=" + gate, "STORYFOLD_TOKEN="}, "--posts", postsChild)
		read(srv.base)
		srv.stop(t)
		if strings.Contains(logs.String(), "post worker") {
			t.Errorf("a server with writes off started a post worker:\n%s", logs.String())
		}
	})
}

// TestPostIngesterDeadline gives the real post worker a job that cannot
// finish by its deadline: the job fails as a deadline, the worker is
// killed (waited for, so gone once Add returns), and the next job starts
// a new worker that stores its article.
func TestPostIngesterDeadline(t *testing.T) {
	if !childSupported {
		t.Skip("no post worker on this system")
	}
	db := exampleDB(t, t.TempDir(), "example.db")
	var group groupFlags
	group.register(flag.NewFlagSet("defaults", flag.ContinueOnError))
	p := newPostIngester(binary, postWorkerArgs(db, group, "", 1), os.Environ(), defaultPostsNice, slog.New(slog.DiscardHandler))
	defer p.Close(time.Second)
	if err := p.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	first := p.w.cmd.Process.Pid
	var crafted storyfold.Article
	if err := json.Unmarshal(bytes.ReplaceAll(craftedQuotes(1), []byte("%d"), []byte("late")), &crafted); err != nil {
		t.Fatal(err)
	}
	// Seconds of work given a fraction of one: the deadline is what is
	// tested, not how long anything takes.
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := p.Add(ctx, []storyfold.Article{crafted}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a job past its deadline: %v, want a deadline", err)
	}
	if alive(first) {
		t.Errorf("the worker %d outlived its job's deadline", first)
	}
	res, err := p.Add(context.Background(), []storyfold.Article{{ID: "y", Title: "Bridge", Text: "The old bridge over the river will close for repairs in March, the city said on Monday."}})
	if err != nil || res.New != 1 {
		t.Fatalf("the next job: %+v %v", res, err)
	}
	if p.w.cmd.Process.Pid == first {
		t.Errorf("the next job went to the killed worker %d", first)
	}
}

// exampleDB ingests the example into a new SQLite file under dir.
func exampleDB(t *testing.T, dir, name string) string {
	t.Helper()
	db := filepath.Join(dir, name)
	if _, errOut, code := run(t, "ingest", "--db", db, "--no-progress", "examples/ukraine-talks"); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	return db
}

// postTo POSTs body to a server's articles with the token "tok" and
// returns the answer's status, headers and body.
func postTo(t *testing.T, base string, body []byte) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/articles", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer tok")
	// The final answer, not a 202 (serve's --post-answer), however
	// slow a race-built server on a loaded machine is: up to the
	// POST's deadline.
	req.Header.Set("Prefer", "wait=60")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(b)
}

// served is a storyfold serve process.
type served struct {
	cmd  *exec.Cmd
	base string
	done chan error
}

// startServe starts serve on a free loopback port with the token "tok"
// and waits until it answers its health check and, analysing POSTs in a
// post worker, until the worker is ready.
func startServe(t *testing.T, db string, args ...string) (*served, *syncbuf.Buffer) {
	t.Helper()
	s, logs := startServeEnv(t, db, nil, append([]string{"--token", "tok"}, args...)...)
	if childSupported && !slices.Contains(args, postsInline) {
		waitFor(t, "the post worker to be ready", guard, func() bool { return strings.Contains(logs.String(), "post worker ready") })
	}
	return s, logs
}

// startServeEnv starts serve on a free loopback port with args and env
// added to the test's environment, and waits until it answers its health
// check.
func startServeEnv(t *testing.T, db string, env []string, args ...string) (*served, *syncbuf.Buffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(binary, append([]string{"serve", "--db", db, "--addr", addr}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	logs := &syncbuf.Buffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &served{cmd: cmd, base: "http://" + addr, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	waitFor(t, "serve to answer", time.Minute, func() bool {
		res, err := http.Get(s.base + "/healthz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	})
	return s, logs
}

// stop sends SIGTERM and waits for a clean exit.
func (s *served) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after SIGTERM")
	}
}

// workerOf is the pid of serve's post worker, its only child.
func workerOf(t *testing.T, server int) int {
	t.Helper()
	out, err := exec.Command("pgrep", "-P", strconv.Itoa(server)).Output()
	if err != nil {
		t.Fatalf("no post worker under serve %d: %v", server, err)
	}
	fields := strings.Fields(string(out))
	if len(fields) != 1 {
		t.Fatalf("serve %d has children %v, want one post worker", server, fields)
	}
	pid, _ := strconv.Atoi(fields[0])
	return pid
}

// alive tells whether a process still runs (a zombie does not).
func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return syscall.Kill(pid, 0) == nil && runtime.GOOS != "linux"
	}
	return procField(string(b), 3) != "Z"
}

// cpuTicks is a process's user and system time, in clock ticks.
func cpuTicks(t *testing.T, pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	u, _ := strconv.Atoi(procField(string(b), 14))
	s, _ := strconv.Atoi(procField(string(b), 15))
	return u + s
}

// procField is field n (from 1, as proc(5) numbers them) of a
// /proc/PID/stat line, whose second field (the command, in parentheses)
// may hold spaces.
func procField(stat string, n int) string {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 || n < 3 {
		return ""
	}
	f := strings.Fields(stat[i+1:])
	if n-3 >= len(f) {
		return ""
	}
	return f[n-3]
}

// checkNice checks that every thread of pid runs at nice or lower
// priority.
func checkNice(t *testing.T, pid, nice int) {
	t.Helper()
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/stat", pid))
	if err != nil || len(tasks) == 0 {
		t.Fatalf("threads of %d: %v", pid, err)
	}
	for _, task := range tasks {
		b, err := os.ReadFile(task)
		if err != nil {
			continue // the thread ended
		}
		if n, _ := strconv.Atoi(procField(string(b), 19)); n < nice {
			t.Errorf("thread %s of the post worker runs at nice %d, want %d", task, n, nice)
		}
	}
}
