package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchAttacks replays the cheap attacks on a small store for a
// moment: the table is printed, a bound the health check keeps passes,
// and one no server can keep fails the command.
func TestBenchAttacks(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server and loads it for seconds")
	}
	args := []string{"bench", "--source", "examples/ukraine-talks", "--attacks", "--http", "20", "--large-story", "30",
		"--attack-time", "2s", "--clients", "4", "--attack-kinds", "search,pages,slow"}
	for _, tt := range []struct {
		name  string
		bound string
		code  int
		want  []string
	}{
		{"held", "1m", 0, []string{"probe: health", "probe: story page", "probe: search", "search 'the' x800", "largest story x4",
			"slow bodies x200", "peak resident memory", "the server shed", "the health check under attack: p99"}},
		{"not held", "1ns", 1, []string{"over the bound of 1ns"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := run(t, append(args, "--health-p99", tt.bound)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tt.code, stdout, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout+stderr, w) {
					t.Errorf("the output lacks %q:\n%s\n%s", w, stdout, stderr)
				}
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
