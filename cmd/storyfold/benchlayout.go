package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/storyfold/storyfold"
)

// This file is the attack replay's three processes (bench --attacks,
// --attack-layout three): the bench starts storyfold serve on its store
// and storyfold bench-attackers, and runs the probes itself.

// Bounds on the children's lives. A child that has not started or
// answered within its bound is stopped and the bench fails, rather than
// hang; one that does not stop after SIGTERM within its grace is killed.
const (
	// serveStartGuard bounds serve's start: it listens at once, but its
	// post worker loads the store's story index first (minutes on a
	// store of a million articles).
	serveStartGuard = 10 * time.Minute
	// serveStopGrace is serve's shutdown (10 s for the requests under
	// way and the jobs accepted) and its post worker's (postsGrace),
	// and a margin.
	serveStopGrace = 20 * time.Second
	// attackersReadyGuard bounds the building of the payloads (the gzip
	// bomb is a gigabyte compressed).
	attackersReadyGuard = 5 * time.Minute
	// attackersReportGuard bounds the wait for the attackers' report
	// once the probes' attacked phase has ended: their attack ends at the
	// same time, and their clients stop with it.
	attackersReportGuard = 30 * time.Second
	// attackersStopGrace is the attackers' grace after SIGTERM.
	attackersStopGrace = 5 * time.Second
)

// attackBustFrom is where the attackers' process starts its cache-busting
// query parameters, so that they never repeat the probes', which count
// from 1 in the bench's process.
const attackBustFrom = 1 << 40

// serveChild is the storyfold serve the bench started on its store.
type serveChild struct {
	cmd   *exec.Cmd
	base  string // http://127.0.0.1:PORT
	token string
	// log is serve's standard error and output, a temporary file: serve
	// writes each request's line there itself, and no pipe copies it
	// through the probes' process.
	log *os.File
	// workerPID is the post worker's pid, as serve logged it (0 with
	// --posts inline).
	workerPID int
	done      chan struct{} // closed once the process has been waited for
	once      sync.Once
}

func (s *serveChild) pid() int { return s.cmd.Process.Pid }

// startServeChild starts storyfold serve on the store at db, on loopback at
// a port the kernel picks, with a random token and the server settings of
// o, as the server in the bench's process would have them, and waits
// until it answers its health check and its post worker is ready.
func startServeChild(ctx context.Context, db string, o attackOptions) (*serveChild, error) {
	bin, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("start serve: %w", err)
	}
	token, err := randomToken()
	if err != nil {
		return nil, fmt.Errorf("start serve: %w", err)
	}
	log, err := os.CreateTemp("", "storyfold-bench-serve-*.log")
	if err != nil {
		return nil, fmt.Errorf("start serve: %w", err)
	}
	cmd := exec.Command(bin, serveChildArgs(db, o)...)
	// The token goes by the environment, not the command line, which
	// other users of the machine can read.
	cmd.Env = append(childEnv(), "STORYFOLD_TOKEN="+token)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = benchChildAttr()
	if err := cmd.Start(); err != nil {
		log.Close()
		os.Remove(log.Name())
		return nil, fmt.Errorf("start serve: %w", err)
	}
	s := &serveChild{cmd: cmd, token: token, log: log, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(s.done) }()
	if err := s.waitReady(ctx, o.posts.where == postsChild); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// serveChildArgs is serve's command line for the bench's store and the
// server settings of o (0 or negative: serve's defaults, as for the
// server in the bench's process).
func serveChildArgs(db string, o attackOptions) []string {
	args := []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--cache-mb", strconv.Itoa(o.cacheMB),
		"--max-inflight", strconv.Itoa(max(0, o.maxInflight)), "--max-queue", strconv.Itoa(max(0, o.maxQueue)),
		"--posts", o.posts.where, "--posts-nice", strconv.Itoa(o.posts.nice)}
	if o.queueWait > 0 {
		args = append(args, "--queue-wait", o.queueWait.String())
	}
	return args
}

// waitReady reads serve's log until it says where it listens and, with a
// post worker, that the worker is ready; then asks for /healthz once.
func (s *serveChild) waitReady(ctx context.Context, worker bool) error {
	guard := time.NewTimer(serveStartGuard)
	defer guard.Stop()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		b, _ := os.ReadFile(s.log.Name())
		for _, line := range strings.Split(string(b), "\n") {
			switch {
			case s.base == "" && strings.Contains(line, "msg=serving "):
				s.base = logValue(line, "addr")
			case strings.Contains(line, `msg="post worker started"`):
				s.workerPID, _ = strconv.Atoi(logValue(line, "pid"))
			case strings.Contains(line, `msg="post worker could not start`):
				return fmt.Errorf("start serve: %s", line)
			}
		}
		if s.base != "" && (!worker || bytes.Contains(b, []byte(`msg="post worker ready"`))) {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.done:
			return fmt.Errorf("start serve: it exited (%s): %s", s.cmd.ProcessState, lastLogLine(b))
		case <-guard.C:
			return fmt.Errorf("start serve: not ready after %s: %s", serveStartGuard, lastLogLine(b))
		case <-tick.C:
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/healthz", nil)
	if err != nil {
		return fmt.Errorf("start serve: %w", err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("start serve: its health check: %w", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("start serve: its health check answered %s", res.Status)
	}
	return nil
}

// logValue is the value of key in a line of slog's text format, "" when
// the line has none (the values read here are never quoted).
func logValue(line, key string) string {
	i := strings.Index(line, " "+key+"=")
	if i < 0 {
		return ""
	}
	v := line[i+len(key)+2:]
	if j := strings.IndexByte(v, ' '); j >= 0 {
		v = v[:j]
	}
	return v
}

// lastLogLine is the last line of a log, for an error saying why a child
// did not start.
func lastLogLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if line := lines[len(lines)-1]; line != "" {
		return line
	}
	return "its log is empty"
}

// stop stops serve, as a user does, with SIGTERM (it finishes the requests
// under way and stops its post worker), kills it if it has not exited
// within its grace, and removes its log. It may be called more than once.
func (s *serveChild) stop() {
	s.once.Do(func() {
		terminate(s.cmd, s.done, serveStopGrace)
		s.log.Close()
		os.Remove(s.log.Name())
	})
}

// terminate sends SIGTERM to a child that has not ended (done closed once
// it has been waited for), waits up to grace, then kills it.
func terminate(cmd *exec.Cmd, done <-chan struct{}, grace time.Duration) {
	select {
	case <-done:
		return
	default:
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		_ = cmd.Process.Kill()
		<-done
	}
}

// childrenOf lists the /proc names of a process's children (serve's post
// worker), from the children files of its threads; none where /proc does
// not tell.
func childrenOf(pid string) []string {
	files, _ := filepath.Glob("/proc/" + pid + "/task/*/children")
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err == nil {
			out = append(out, strings.Fields(string(b))...)
		}
	}
	return out
}

// randomToken is a write token for one run of the bench's server.
func randomToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// attackJob is what the bench sends its attackers' process, a JSON line
// on its standard input: the server, its token and the attacks to run.
type attackJob struct {
	Base, Token     string
	Kinds           []string
	Clients         int
	Seed            uint64
	Time            time.Duration
	Largest         string // the largest story's ID
	LargestArticles int
	BustFrom        int64
}

// attackMsg is a JSON line the attackers' process writes to the bench:
// once its payloads are built (Ready, Payloads), then once its attacks
// have ended (the rest).
type attackMsg struct {
	Ready     bool             `json:",omitempty"`
	Payloads  string           `json:",omitempty"`
	Attackers []attackerReport `json:",omitempty"`
	// PeakRSS, CPU and Wall are the process's peak resident memory
	// during the attacks (sampled), the CPU time it used and how long
	// the attacks lasted.
	PeakRSS   int64         `json:",omitempty"`
	CPU, Wall time.Duration `json:",omitempty"`
}

// attackChild is the bench's attackers' process.
type attackChild struct {
	cmd      *exec.Cmd
	in       io.WriteCloser
	msgs     chan attackMsg // its lines, closed when its output ends
	readErr  error          // why the output ended, read once msgs is closed
	done     chan struct{}  // closed once the process has been waited for
	payloads string         // what it attacks with, in one line
	once     sync.Once
}

// startAttackChild starts storyfold bench-attackers, sends it the job and
// waits until it has built its payloads; its attacks start at begin.
func startAttackChild(ctx context.Context, job attackJob) (*attackChild, error) {
	bin, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("start the attackers: %w", err)
	}
	cmd := exec.Command(bin, "bench-attackers")
	cmd.Env = childEnv()
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = benchChildAttr()
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("start the attackers: %w", err)
	}
	// A pipe of its own rather than StdoutPipe, which Wait closes once
	// the process exits, perhaps before its last line is read.
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("start the attackers: %w", err)
	}
	cmd.Stdout = w
	err = cmd.Start()
	w.Close()
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("start the attackers: %w", err)
	}
	c := &attackChild{cmd: cmd, in: in, msgs: make(chan attackMsg, 2), done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(c.done) }()
	go func() {
		defer r.Close()
		defer close(c.msgs)
		dec := json.NewDecoder(r)
		for {
			var m attackMsg
			if err := dec.Decode(&m); err != nil {
				c.readErr = err
				return
			}
			c.msgs <- m
		}
	}()
	if err := json.NewEncoder(in).Encode(job); err != nil {
		c.stop()
		return nil, fmt.Errorf("start the attackers: send the job: %w", err)
	}
	m, err := c.next(ctx, attackersReadyGuard)
	if err == nil && !m.Ready {
		err = errors.New("its first line is not ready")
	}
	if err != nil {
		c.stop()
		return nil, fmt.Errorf("start the attackers: %w", err)
	}
	c.payloads = m.Payloads
	return c, nil
}

// next returns the process's next line, waiting at most guard.
func (c *attackChild) next(ctx context.Context, guard time.Duration) (attackMsg, error) {
	t := time.NewTimer(guard)
	defer t.Stop()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			<-c.done
			return attackMsg{}, fmt.Errorf("the attackers' process ended (%s) without a line: %v", c.cmd.ProcessState, c.readErr)
		}
		return m, nil
	case <-ctx.Done():
		return attackMsg{}, ctx.Err()
	case <-t.C:
		return attackMsg{}, fmt.Errorf("no line from the attackers' process in %s", guard)
	}
}

// begin starts the attacks.
func (c *attackChild) begin() error {
	if _, err := io.WriteString(c.in, "{\"Go\":true}\n"); err != nil {
		return fmt.Errorf("start the attacks: %w", err)
	}
	return nil
}

// result waits for the attackers' report once their attacks have ended.
func (c *attackChild) result(ctx context.Context) (attackMsg, error) {
	m, err := c.next(ctx, attackersReportGuard)
	if err != nil {
		return attackMsg{}, fmt.Errorf("the attackers' report: %w", err)
	}
	return m, nil
}

// stop ends the attackers' process: its input closed (it then stops
// waiting for the word to begin), SIGTERM (it stops its attacks), killed
// after its grace. It may be called more than once.
func (c *attackChild) stop() {
	c.once.Do(func() {
		c.in.Close()
		terminate(c.cmd, c.done, attackersStopGrace)
	})
}

// runBenchAttackers is the bench-attackers command: the attackers of bench
// --attacks in a process of their own. It reads an attackJob from its
// standard input, builds the payloads and says so (a JSON line on its
// standard output), waits for the word to begin (a second line on its
// input), runs the attacks for the job's time and writes what each got,
// with its own memory and CPU. It is started by bench, not by hand.
func runBenchAttackers(ctx context.Context, args []string) error {
	fs := newFlags("bench-attackers", "(started by bench --attacks, not by hand)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	in := json.NewDecoder(os.Stdin)
	var job attackJob
	if err := in.Decode(&job); err != nil {
		return fmt.Errorf("read the job: %w", err)
	}
	p := buildAttackPayloads(job.Seed, job.Kinds)
	out := json.NewEncoder(os.Stdout)
	if err := out.Encode(attackMsg{Ready: true, Payloads: p.describe()}); err != nil {
		return fmt.Errorf("say ready: %w", err)
	}
	begin := make(chan error, 1)
	go func() {
		var m struct{ Go bool }
		begin <- in.Decode(&m)
	}()
	select {
	case err := <-begin:
		if errors.Is(err, io.EOF) {
			return nil // the bench stopped before the attacks
		}
		if err != nil {
			return fmt.Errorf("wait for the start: %w", err)
		}
	case <-ctx.Done():
		return context.Cause(ctx)
	}
	actx, cancel := context.WithTimeout(ctx, job.Time)
	defer cancel()
	var bust atomic.Int64
	bust.Store(job.BustFrom)
	mem := &peakRSS{}
	stopMem := mem.watch(actx)
	cpu0, wall0 := processCPU(), time.Now()
	var wg sync.WaitGroup
	attackers := startAttacks(actx, &wg, job.Base, job.Token, p, storyfold.StorySummary{ID: job.Largest, Articles: job.LargestArticles},
		job.Clients, &bust, job.Kinds)
	wg.Wait()
	stopMem()
	m := attackMsg{PeakRSS: mem.take(), CPU: processCPU() - cpu0, Wall: time.Since(wall0)}
	for _, a := range attackers {
		m.Attackers = append(m.Attackers, a.report())
	}
	if err := out.Encode(m); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return nil
}

// benchChildAttr starts a child of the bench (its server, its attackers)
// in a process group of its own, so that a terminal's Ctrl-C reaches the
// bench alone, which then stops its children in order (the attackers,
// then the server), and where the system allows, signalled when the bench
// ends.
func benchChildAttr() *syscall.SysProcAttr {
	a := childAttr()
	if a != nil {
		dieWithParent(a)
	}
	return a
}
