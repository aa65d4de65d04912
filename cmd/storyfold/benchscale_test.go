package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/pipeline"
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

// TestScaleDates checks the dates bench --scale gives its articles: a
// base comes back only past the grouping window (with each day's jitter),
// the dates never go back, and a million articles from BASIL's 300 bases
// span about 22 years, not the millennia eleven days an event gave them.
// The generator's own articles are read back for one pass of a small set
// of bases.
func TestScaleDates(t *testing.T) {
	window := cluster.DefaultOptions().WindowDays
	for _, nb := range []int{3, 300} {
		t.Run(fmt.Sprintf("%d bases", nb), func(t *testing.T) {
			for e := 0; e < 5*nb; e++ {
				if gap := cycleDate(e+nb, nb) - cycleDate(e, nb); gap-1 <= window {
					t.Fatalf("event %d's base comes back %d days later, within the %d-day window", e, gap, window)
				}
				if cycleDate(e+1, nb) < cycleDate(e, nb) {
					t.Fatalf("event %d is dated before event %d", e+1, e)
				}
			}
		})
	}
	last := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, cycleDate((1_000_000-1)/eventSize, 300)+1)
	if last.Year() < 2021 || last.Year() > 2022 {
		t.Errorf("a million articles end on %s, want about 22 years after 2000", last.Format(time.DateOnly))
	}

	seeds := []storyfold.Article{
		{Title: "A", Text: "One paragraph of the first.\n\nAnother of the first."},
		{Title: "B", Text: "One paragraph of the second.\n\nAnother of the second."},
		{Title: "C", Text: "One paragraph of the third.\n\nAnother of the third."},
	}
	for i := range seeds {
		seeds[i] = pipeline.Prepare([]storyfold.Article{seeds[i]}, nil, nil)[0]
	}
	g := newSynthesizer(seeds, seeds, 1)
	g.cycles = true
	published := regexp.MustCompile(`Published (\w+ \d+, \d+)`)
	var days []int
	for range 2 * len(seeds) * eventSize {
		m := published.FindSubmatch(g.next())
		if m == nil {
			t.Fatal("an article without its date line")
		}
		d, err := time.Parse("January 2, 2006", string(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		days = append(days, int(d.Sub(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).Hours()/24))
	}
	// Two passes over three bases: the second 12 days (a cycle) after the
	// first, each day 0 or 1 after its event's.
	for i, d := range days {
		want := cycleDate(i/eventSize, len(seeds))
		if d != want && d != want+1 {
			t.Errorf("article %d is dated day %d, want %d or %d", i, d, want, want+1)
		}
	}
}
