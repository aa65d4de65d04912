package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/storyfold/storyfold/internal/syncbuf"
)

// TestBenchAttacks replays the cheap attacks on a small store for a
// moment, in three processes (the default: serve and the attackers as the
// bench's children) and in one: the table is printed with what the
// attackers' process reported, a bound the health check keeps passes, one
// no server can keep fails the command, and the children are gone when
// the bench has ended, whether it passed or failed. The runs share one
// store, which the first stores (none of these attacks POSTs), so that
// the race-built binary of CI stores it once.
func TestBenchAttacks(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server and loads it for seconds")
	}
	args := []string{"bench", "--source", "examples/ukraine-talks", "--attacks", "--http", "20", "--large-story", "30",
		"--clients", "4", "--attack-kinds", "search,pages,slow", "--http-db", filepath.Join(t.TempDir(), "attacks.db")}
	attacked := []string{"probe: health", "probe: story page", "probe: search", "search 'the' x800", "largest story x4",
		"slow bodies x200", "the server shed", "the health check under attack: p99"}
	for _, tt := range []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"three processes", []string{"--attack-time", "2s", "--health-p99", "1m"}, 0, append([]string{"server process: pid ",
			"attackers process: pid ", "--attack-layout three", "peak resident memory of the process (the probes only)",
			"peak resident memory of the server process", "the attackers' process: peak resident memory",
			"the server process's peak resident memory over its life"}, attacked...)},
		{"one process", []string{"--attack-time", "2s", "--health-p99", "1m", "--attack-layout", "one"}, 0,
			append([]string{"--attack-layout one", "peak resident memory of the process (server and clients)"}, attacked...)},
		// Failing, the bench stops its server (the attackers, once they
		// have reported, have ended: TestBenchAttacksInterrupted stops
		// them mid-run).
		{"not held", []string{"--attack-time", "1s", "--health-p99", "1ns", "--attack-kinds", "none"}, 1,
			[]string{"server process: pid ", "over the bound of 1ns"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := run(t, append(args, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tt.code, stdout, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout+stderr, w) {
					t.Errorf("the output lacks %q:\n%s\n%s", w, stdout, stderr)
				}
			}
			if tt.args[len(tt.args)-1] == "one" && strings.Contains(stdout, "pid ") {
				t.Errorf("one process started children:\n%s", stdout)
			}
			noChildrenLeft(t, stdout)
		})
	}
}

// TestBenchAttacksInterrupted interrupts the three-process replay as a user
// at a terminal does, once its server and attackers run: the bench exits
// as the signal says, and neither child (nor the server's post worker) is
// left running.
func TestBenchAttacksInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server and loads it")
	}
	cmd := exec.Command(binary, "bench", "--source", "examples/ukraine-talks", "--attacks", "--http", "20", "--large-story", "30",
		"--clients", "4", "--attack-kinds", "search,pages", "--attack-time", "10m")
	cmd.Dir = "../.."
	var stdout, stderr syncbuf.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	waitFor(t, "the attackers to be ready", guard, func() bool { return strings.Contains(stdout.String(), "attackers process: pid ") })
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(guard):
		t.Fatalf("the bench did not end after SIGINT\n%s\n%s", stdout.String(), stderr.String())
	}
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit %d, want 130\n%s\n%s", code, stdout.String(), stderr.String())
	}
	noChildrenLeft(t, stdout.String())
}

// noChildrenLeft fails unless every process the bench's output names
// (server, post worker, attackers) has ended. The bench waits for its own
// children; the post worker, serve's, ends when serve does.
func noChildrenLeft(t *testing.T, out string) {
	t.Helper()
	for _, m := range regexp.MustCompile(`(?:process: pid|post worker pid) (\d+)`).FindAllStringSubmatch(out, -1) {
		pid, _ := strconv.Atoi(m[1])
		waitFor(t, "process "+m[1]+" to end", guard, func() bool { return syscall.Kill(pid, 0) == syscall.ESRCH })
	}
}

// TestBenchAttackFlags refuses layouts the replay cannot run and flags the
// layout asked for would silently ignore.
func TestBenchAttackFlags(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown layout", []string{"--attack-layout", "two"}, "--attack-layout must be three or one"},
		{"layout and url", []string{"--attack-layout", "one", "--attack-url", "http://127.0.0.1:1"}, "exclude each other"},
		{"reads in three", []string{"--max-reads", "2"}, "--max-reads needs --attack-layout one"},
		{"ingests in three", []string{"--max-ingests", "2", "--attack-layout", "three"}, "--max-ingests needs --attack-layout one"},
		{"trace in three", []string{"--attack-trace", "x.trace"}, "--attack-trace needs --attack-layout one"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, append([]string{"bench", "--attacks"}, tt.args...)...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want 2 with %q:\n%s", code, tt.want, stderr)
			}
		})
	}
}

// TestBenchAttacksOtherProcess attacks a storyfold serve of the bench's
// store, another process, through --attack-url: the replay runs against
// it and says whose memory it measured.
func TestBenchAttacksOtherProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server and loads it for seconds")
	}
	db := filepath.Join(t.TempDir(), "attacks.db")
	args := []string{"bench", "--source", "examples/ukraine-talks", "--attacks", "--http", "20", "--large-story", "30",
		"--clients", "4", "--attack-kinds", "search,pages", "--http-db", db, "--health-p99", "1m"}
	if _, stderr, code := run(t, append(args, "--attack-time", "1s")...); code != 0 {
		t.Fatalf("storing the corpus: exit %d\n%s", code, stderr)
	}
	srv, _ := startServe(t, db)
	defer srv.stop(t)
	addr := strings.TrimPrefix(srv.base, "http://")
	stdout, stderr, code := run(t, append(args, "--attack-time", "2s", "--attack-url", srv.base)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, w := range []string{"the server is http://" + addr + ", another process", "probe: health", "largest story x4",
		"peak resident memory of the process (clients only)", "the health check under attack: p99"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("the output lacks %q:\n%s", w, stdout)
		}
	}
}

// TestServeLimitFlags refuses bounds of serve's load shedding that would
// silently mean something else: a negative count of places, a wait of
// zero. (Here beside the attack replay that measures them.)
func TestServeLimitFlags(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"negative places", []string{"--max-inflight=-1"}, "-max-inflight: must be 0 (the default) or more"},
		{"negative queue", []string{"--max-queue", "-4"}, "-max-queue: must be 0 (the default) or more"},
		{"zero wait", []string{"--queue-wait", "0s"}, "-queue-wait: must be positive"},
		{"no duration", []string{"--queue-wait", "soon"}, "-queue-wait: not a duration"},
		{"zero post wait", []string{"--post-wait", "0s"}, "-post-wait: must be positive"},
		{"zero body", []string{"--max-body", "0"}, "-max-body: must be positive"},
		{"negative body", []string{"--max-body=-1"}, "-max-body: must be positive"},
		{"unknown posts", []string{"--posts", "elsewhere"}, "--posts must be child or inline"},
		{"nice too high", []string{"--posts-nice", "20"}, "--posts-nice must be from 0 to 19"},
		{"nice negative", []string{"--posts-nice=-5"}, "--posts-nice must be from 0 to 19"},
		{"negative post answer", []string{"--post-answer=-1s"}, "--post-answer must be 0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := run(t, append([]string{"serve", "--db", "x.db"}, tt.args...)...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, want 2 with %q:\n%s", code, tt.want, stderr)
			}
		})
	}
}
