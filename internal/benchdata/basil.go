// Package benchdata holds what the benchmarks and data-driven tests of
// several packages share: reading BASIL's articles as they come, before
// any preparing, and the process's CPU time.
package benchdata

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
)

// ReadBASIL reads BASIL's articles (../shared/data/basil/articles.jsonl)
// as they are before preparing, skipping the test or benchmark when the
// file is absent: a user's clone has no shared data.
func ReadBASIL(tb testing.TB, path string) []storyfold.Article {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("no BASIL articles: %v", err)
	}
	defer f.Close()
	var out []storyfold.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var rec struct {
			ID, Title, Text, Source, Date string
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		a := storyfold.Article{ID: rec.ID, Title: rec.Title, Text: rec.Text, Source: rec.Source}
		if t, err := time.Parse("2006-01-02", rec.Date); err == nil {
			a.Date = storyfold.Date{Time: t}
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return out
}
