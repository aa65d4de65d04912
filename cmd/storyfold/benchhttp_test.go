package main

import (
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
			"slow bodies x200", "peak resident memory", "the health check under attack: p99"}},
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
