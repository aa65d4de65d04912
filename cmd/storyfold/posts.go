package main

import (
	"context"
	"encoding/gob"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/pipeline"
)

// Where a server analyses the articles POSTed to it (serve --posts).
const (
	// postsChild analyses them in a storyfold process the server starts
	// at a lower priority (the post-worker command): the cores go to the
	// server's readers and the health check first, and the analysis's
	// heap is not the server's, so the server's collector works less.
	postsChild = "child"
	// postsInline analyses them in the server, on its writer.
	postsInline = "inline"
)

// defaultPostsNice is the nice value a child analysing POSTs runs at: low
// enough that the kernel gives the server's threads a core first (a nice
// 10 process weighs about a tenth of a nice 0 one), and still above the
// nice 19 of batch work, so that it finishes on a machine shared with
// such work.
const defaultPostsNice = 10

// childMaxIngests is the server's bound on POSTs analysed at once when a
// post worker analyses them: the worker answers one job at a time, so a
// second POST admitted beside the first would wait for it inside the
// ingester, for as long as its deadline, rather than be answered 503
// once the server's post wait has passed.
const childMaxIngests = 1

// postsFlags are serve's flags for where POSTs are analysed.
type postsFlags struct {
	where string
	nice  int
}

func (p *postsFlags) register(fs *flag.FlagSet) {
	def := postsInline
	if childSupported {
		def = postsChild
	}
	fs.StringVar(&p.where, "posts", def, "where POSTed articles are analysed and stored: "+postsChild+
		", in a storyfold process the server starts at a lower priority, or "+postsInline+", in the server itself ("+postsChild+" is not available on "+
		"every system)")
	fs.IntVar(&p.nice, "posts-nice", defaultPostsNice, "the nice value (0-19) of the process that analyses POSTs, with --posts "+postsChild)
}

// check refuses a value the flags cannot mean.
func (p *postsFlags) check(fs *flag.FlagSet) error {
	switch p.where {
	case postsInline:
	case postsChild:
		if !childSupported {
			return usagef(fs, "--posts %s is not available on this system; use --posts %s", postsChild, postsInline)
		}
	default:
		return usagef(fs, "--posts must be %s or %s", postsChild, postsInline)
	}
	if p.nice < 0 || p.nice > 19 {
		return usagef(fs, "--posts-nice must be from 0 to 19")
	}
	return nil
}

// postJob is what a server sends its post worker: articles to add (Add)
// or a rebuild of the stories left stale (Rebuild), to finish by Deadline
// when it is set.
type postJob struct {
	Deadline time.Time
	Rebuild  bool
	Articles []storyfold.Article
}

// postReply is the post worker's answer to a job: the ingest's result or
// the stories rebuilt, or its error, said as the kind the server answers
// by (errKind) and its message.
type postReply struct {
	Result  storyfold.IngestResult
	Rebuilt int
	Kind    string
	Err     string
}

// errKinds are the errors the server tells apart in its answer to a POST
// (web's storeError), each with the word it crosses the pipe as: an error
// of the worker is rebuilt on the server's side wrapping the same
// sentinel, so that a POST gets the status it would get in the server.
var errKinds = []struct {
	kind string
	err  error
}{
	{"deadline", context.DeadlineExceeded},
	{"canceled", context.Canceled},
	{"unreadable", storyfold.ErrUnreadable},
	{"not_found", storyfold.ErrNotFound},
	{"stale", pipeline.ErrStoriesStale},
}

// errKind names the kind of err, "other" for one the server does not tell
// apart, "" for none.
func errKind(err error) string {
	if err == nil {
		return ""
	}
	for _, k := range errKinds {
		if errors.Is(err, k.err) {
			return k.kind
		}
	}
	return "other"
}

// replyError rebuilds the error of a reply.
func replyError(r postReply) error {
	if r.Kind == "" {
		return nil
	}
	for _, k := range errKinds {
		if k.kind == r.Kind {
			return fmt.Errorf("%w (in the post worker: %s)", k.err, r.Err)
		}
	}
	return fmt.Errorf("post worker: %s", r.Err)
}

// postIngester adds POSTed articles through a post worker: a storyfold
// process it starts on first use, at a lower priority, which keeps its own
// writer on the same store and answers one job at a time. A job whose
// context ends first (its deadline, its client gone, the server stopping)
// kills the worker: the store's transaction rolls back, or the stories
// the batch changed stay marked stale for the next writer's rebuild, as
// for a writer stopped any other way; the next job starts a new worker.
type postIngester struct {
	// argv starts a worker: the binary and its arguments.
	argv []string
	env  []string
	nice int
	log  *slog.Logger
	// turn is held by the job at work: one at a time.
	turn chan struct{}
	// w is the running worker, nil when none is; only the job holding
	// turn touches it.
	w *postWorkerProc
	// closed is set by Close: no job starts a worker after it.
	closeMu sync.Mutex
	closed  bool
}

// postWorkerProc is a running post worker and its pipes.
type postWorkerProc struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	enc  *gob.Encoder
	dec  *gob.Decoder
	done chan struct{} // closed when the process has been waited for
	// killed is set before the server kills it: its end is then no
	// news for the log's warnings.
	killed atomic.Bool
	// said keeps the last line the worker wrote to its standard error:
	// a worker that exits on an error says why there, and the server's
	// answer to a POST it cannot take repeats it.
	said lastLine
}

// exitReason says how a worker that stopped answering ended: its exit
// status and the last line it wrote, "" when it has not been waited for.
// Call it after stop.
func (w *postWorkerProc) exitReason() string {
	st := w.cmd.ProcessState
	if st == nil {
		return ""
	}
	if line := w.said.String(); line != "" {
		return fmt.Sprintf(" (%s: %s)", st, line)
	}
	return fmt.Sprintf(" (%s)", st)
}

// lastLine is a writer that keeps the last non-empty line written to it,
// at most lastLineMax bytes of it.
type lastLine struct {
	mu   sync.Mutex
	cur  []byte // the line being written
	last string
}

const lastLineMax = 512

func (l *lastLine) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range b {
		if c == '\n' {
			if line := strings.TrimSpace(string(l.cur)); line != "" {
				l.last = line
			}
			l.cur = l.cur[:0]
			continue
		}
		if len(l.cur) < lastLineMax {
			l.cur = append(l.cur, c)
		}
	}
	return len(b), nil
}

func (l *lastLine) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if line := strings.TrimSpace(string(l.cur)); line != "" {
		return line
	}
	return l.last
}

// newPostIngester returns an ingester whose worker is the storyfold
// binary at bin, given args (its store, its grouping options) after the
// post-worker command, run at nice.
func newPostIngester(bin string, args []string, env []string, nice int, log *slog.Logger) *postIngester {
	return &postIngester{argv: append([]string{bin, "post-worker"}, args...), env: env, nice: nice, log: log, turn: make(chan struct{}, 1)}
}

// Start starts the worker ahead of the first job and waits until it
// answers, so that the worker's start (loading the story index,
// rebuilding what a writer left stale) is not paid by a client.
func (p *postIngester) Start(ctx context.Context) error {
	_, err := p.Rebuild(ctx)
	return err
}

// Add implements web.Ingester.
func (p *postIngester) Add(ctx context.Context, raw []storyfold.Article) (storyfold.IngestResult, error) {
	r, err := p.do(ctx, postJob{Articles: raw})
	return r.Result, err
}

// Rebuild rebuilds, in the worker, the stories left stale in the store,
// and returns how many it saved.
func (p *postIngester) Rebuild(ctx context.Context) (int, error) {
	r, err := p.do(ctx, postJob{Rebuild: true})
	return r.Rebuilt, err
}

func (p *postIngester) take(ctx context.Context) error {
	select {
	case p.turn <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p *postIngester) give() { <-p.turn }

// do sends a job to the worker and waits for its reply, killing the
// worker if ctx ends first.
func (p *postIngester) do(ctx context.Context, job postJob) (postReply, error) {
	if err := p.take(ctx); err != nil {
		return postReply{}, err
	}
	defer p.give()
	w, err := p.worker()
	if err != nil {
		return postReply{}, err
	}
	if d, ok := ctx.Deadline(); ok {
		job.Deadline = d
	}
	replied := make(chan struct{})
	var reply postReply
	var ioErr error
	go func() {
		defer close(replied)
		if ioErr = w.enc.Encode(&job); ioErr == nil {
			ioErr = w.dec.Decode(&reply)
		}
	}()
	select {
	case <-replied:
	case <-ctx.Done():
		// The worker is killed, not asked to stop: a job deep in an
		// analysis may not look at its context for a while, and the
		// server has answered already.
		p.stop(w)
		<-replied
		return postReply{}, fmt.Errorf("post worker stopped: %w", ctx.Err())
	}
	if ioErr != nil {
		p.stop(w)
		return postReply{}, fmt.Errorf("post worker: %w%s", ioErr, w.exitReason())
	}
	return reply, replyError(reply)
}

// worker returns the running worker, starting one if none runs. Call it
// holding turn.
func (p *postIngester) worker() (*postWorkerProc, error) {
	if p.w != nil {
		select {
		case <-p.w.done:
			p.w = nil // it died between jobs
		default:
			return p.w, nil
		}
	}
	p.closeMu.Lock()
	defer p.closeMu.Unlock()
	if p.closed {
		return nil, errors.New("post worker: the server is stopping")
	}
	cmd := exec.Command(p.argv[0], p.argv[1:]...)
	w := &postWorkerProc{cmd: cmd, done: make(chan struct{})}
	cmd.Env = p.env
	cmd.Stderr = io.MultiWriter(os.Stderr, &w.said)
	cmd.SysProcAttr = childAttr()
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("post worker: %w", err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("post worker: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("post worker: %w", err)
	}
	if err := lowerPriority(cmd.Process.Pid, p.nice); err != nil {
		// A worker at the server's priority still works: it is only
		// less kind to the readers.
		p.log.Warn("post worker: cannot lower its priority", slog.String("error", err.Error()))
	}
	w.in, w.enc, w.dec = in, gob.NewEncoder(in), gob.NewDecoder(out)
	go func() {
		err := cmd.Wait()
		switch {
		case w.killed.Load():
			p.log.Info("post worker stopped", slog.Int("pid", cmd.Process.Pid))
		case err != nil && !p.isClosed():
			p.log.Warn("post worker exited", slog.String("error", err.Error()))
		}
		close(w.done)
	}()
	p.w = w
	p.log.Info("post worker started", slog.Int("pid", cmd.Process.Pid), slog.Int("nice", p.nice))
	return w, nil
}

func (p *postIngester) isClosed() bool {
	p.closeMu.Lock()
	defer p.closeMu.Unlock()
	return p.closed
}

// stop kills a worker and waits for it. Call it holding turn.
func (p *postIngester) stop(w *postWorkerProc) {
	w.killed.Store(true)
	_ = w.cmd.Process.Kill()
	<-w.done
	if p.w == w {
		p.w = nil
	}
}

// Close stops the worker: once the job at work, if any, is done (within
// grace), its standard input is closed, which it takes as the end of its
// work, and it is killed if it has not exited within grace. No job starts
// a worker after Close.
func (p *postIngester) Close(grace time.Duration) {
	p.closeMu.Lock()
	p.closed = true
	p.closeMu.Unlock()
	select {
	case p.turn <- struct{}{}:
		defer p.give()
		if p.w != nil {
			p.w.in.Close()
			select {
			case <-p.w.done:
			case <-time.After(grace):
				p.stop(p.w)
			}
		}
	case <-time.After(grace):
		// A job is at work past the grace: its worker is killed by
		// the job's own context or, the server exiting, goes with it
		// when its standard input closes.
	}
}

// runPostWorker is the post-worker command: a server's child that reads
// jobs from its standard input (gob-encoded postJobs), adds their
// articles to the store through a writer of its own, and writes each
// reply to its standard output, until its input closes. It is started by
// serve --posts child, not by hand.
func runPostWorker(ctx context.Context, args []string) error {
	fs := newFlags("post-worker", "--db FILE|URL [flags] (started by serve, not by hand)")
	var group groupFlags
	group.register(fs)
	dbPath := fs.String("db", "", dbUsage)
	workers := fs.Int("workers", 0, "goroutines the analysis runs on (0: every core)")
	var of outletsFlag
	of.register(fs)
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dbPath == "" {
		return missing(fs, "--db FILE|URL")
	}
	list, err := of.load()
	if err != nil {
		return err
	}
	if err := postWorkerGate(); err != nil {
		return err
	}
	st, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	writer, err := pipeline.NewWriter(ctx, st, group.options())
	if err != nil {
		return err
	}
	if list != nil {
		writer.SetAnnotate(list.ApplyOne)
	}
	writer.SetWorkers(*workers)
	return servePostJobs(ctx, writer, os.Stdin, os.Stdout)
}

// postWorkerGateEnv names a file (a named pipe, in the tests) a post
// worker reads one line from before it opens its store and loads its
// story index: a test hook standing for a worker slow to become ready,
// which the test holds until it has seen the server answer reads. The
// line "fail" makes the worker fail its start instead.
const postWorkerGateEnv = "STORYFOLD_TEST_POST_WORKER_GATE"

// postWorkerGate waits at the gate postWorkerGateEnv names, if any.
func postWorkerGate() error {
	path := os.Getenv(postWorkerGateEnv)
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("post worker gate: %w", err)
	}
	if strings.TrimSpace(string(b)) == "fail" {
		return errors.New("post worker gate: told to fail")
	}
	return nil
}

// postWriter is what a post worker needs of its writer.
type postWriter interface {
	Add(ctx context.Context, raw []storyfold.Article) (storyfold.IngestResult, error)
	Rebuild(ctx context.Context) (int, error)
}

// errInputEnded is why a post worker's jobs are canceled when its input
// ends: the server closed it, or is gone.
var errInputEnded = errors.New("the server closed the post worker's input")

// servePostJobs answers the jobs read from in, one at a time, until in
// closes or ctx ends. A job is read ahead while the one before is at
// work, so that the input's end (the server gone) cancels the job at work
// too.
func servePostJobs(ctx context.Context, w postWriter, in io.Reader, out io.Writer) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan postJob)
	var readErr error
	go func() {
		defer close(jobs)
		defer cancel(errInputEnded)
		dec := gob.NewDecoder(in)
		for {
			var job postJob
			if err := dec.Decode(&job); err != nil {
				if !errors.Is(err, io.EOF) {
					readErr = fmt.Errorf("reading a job: %w", err)
				}
				return
			}
			select {
			case jobs <- job:
			case <-ctx.Done():
				return
			}
		}
	}()
	enc := gob.NewEncoder(out)
	for {
		var job postJob
		select {
		case j, ok := <-jobs:
			if !ok {
				return readErr
			}
			job = j
		case <-ctx.Done():
			// The input ended (readErr says how), or a signal came to
			// the worker itself: it stops rather than wait for the
			// next job.
			if cause := context.Cause(ctx); !errors.Is(cause, errInputEnded) {
				return cause
			}
			return readErr
		}
		jctx, stop := ctx, func() {}
		if !job.Deadline.IsZero() {
			jctx, stop = context.WithDeadline(ctx, job.Deadline)
		}
		var r postReply
		var err error
		if job.Rebuild {
			r.Rebuilt, err = w.Rebuild(jctx)
		} else {
			r.Result, err = w.Add(jctx, job.Articles)
		}
		stop()
		if err != nil {
			r.Kind, r.Err = errKind(err), err.Error()
		}
		if err := enc.Encode(&r); err != nil {
			return fmt.Errorf("writing a reply: %w", err)
		}
	}
}

// postWorkerArgs are the arguments a post worker is started with: the
// server's store, grouping options and outlet list, and its workers.
func postWorkerArgs(db string, group groupFlags, outletsPath string, workers int) []string {
	args := []string{"--db", db, "--threshold", strconv.FormatFloat(group.threshold, 'g', -1, 64),
		"--window", strconv.Itoa(group.window), "--workers", strconv.Itoa(workers)}
	if outletsPath != "" {
		args = append(args, "--outlets", outletsPath)
	}
	return args
}

// childEnv is the environment a child storyfold runs in (a server's post
// worker, the bench's server and attackers): its parent's, with the soft
// memory limit the parent was given by --max-memory, which is a flag of
// the parent's command line the child's does not carry.
func childEnv() []string {
	env := os.Environ()
	if memoryLimit.source == "--max-memory" {
		v := "off"
		if memoryLimit.bytes < 1<<62 {
			v = strconv.FormatInt(memoryLimit.bytes, 10)
		}
		env = append(env, "STORYFOLD_MAX_MEMORY="+v)
	}
	return env
}
