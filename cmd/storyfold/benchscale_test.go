package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchScale runs bench --scale on a small corpus: it ingests every
// article in bounded batches, measures the store and loads the three
// pages, tracing its one batch. Figures are printed, never asserted: the
// machine decides them.
func TestBenchScale(t *testing.T) {
	if testing.Short() {
		t.Skip("stores a corpus and loads a server for seconds")
	}
	trace := filepath.Join(t.TempDir(), "trace.out")
	stdout, stderr, code := run(t, "bench", "--source", "examples/ukraine-talks", "--scale", "120", "--http-time", "300ms", "--clients", "4", "--scale-paths", "20", "--scale-trace", trace)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"SQLite: 120 articles in",
		"articles/s end to end",
		"the store's part",
		"SQLite: 120 articles,",
		"peak resident memory",
		"B/article in all",
		"x the clean text",
		"story page",
		"stories list",
		"search",
		"trace: 6 batches of 500 from article 0 on",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the output lacks %q:\n%s", want, stdout)
		}
	}
	if fi, err := os.Stat(trace); err != nil || fi.Size() == 0 {
		t.Errorf("no trace written: %v", err)
	}
	for _, line := range strings.Split(stdout, "\n") {
		f := strings.Fields(line)
		if len(f) >= 7 && (f[0] == "search" || f[0] == "story") {
			if errs := f[len(f)-1]; errs != "0" {
				t.Errorf("requests failed: %s", line)
			}
		}
	}
}
