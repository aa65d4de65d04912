package pipeline_test

import (
	"context"
	"flag"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/store/sqlite"
)

var (
	lockCraftedMB = flag.Int("lock.mb", 10, "size in MB of the crafted article of BenchmarkWriteLock")
	lockRebuild   = flag.Bool("lock.rebuild", true, "also time the rebuild BenchmarkWriteLock's batches leave, outside the lock")
)

// BenchmarkWriteLock measures how long a batch holds the store's write
// lock, which every other writer waits for: a batch of the example
// articles, and one crafted article of -lock.mb MB (many short quotes over
// a small vocabulary, the shape that made building a story's account take
// minutes). The articles are prepared before the timer starts; each
// iteration writes into a new SQLite file. It reports the lock's hold
// (lock-ms/op) apart from the whole Write, and the rebuild of the stories
// the batch changed, after the lock is released (rebuild-ms/op; before
// rebuilds moved out of the lock, the lock was held for the sum of the
// two). -lock.rebuild=false leaves the rebuild out, for a quote stage
// that is slow on the crafted text. Run it with
//
//	go test ./pipeline -run '^$' -bench WriteLock -benchtime 3x
func BenchmarkWriteLock(b *testing.B) {
	normal := exampleArticles(b)
	crafted := pipeline.Prepare([]storyfold.Article{{ID: "crafted", Title: "Crafted quotes", Source: "Crafted",
		Text: craftedQuotes(*lockCraftedMB << 20)}}, nil, nil)
	for _, bc := range []struct {
		name     string
		articles []storyfold.Article
	}{
		{"examples", normal},
		{"crafted", crafted},
	} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			var held, most, rebuild float64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "lock.db"))
				if err != nil {
					b.Fatal(err)
				}
				w, err := pipeline.NewWriter(ctx, st, cluster.DefaultOptions())
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				res, err := w.Write(ctx, bc.articles)
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if *lockRebuild {
					start := time.Now()
					if _, err := w.RebuildStories(ctx, res.Stories); err != nil {
						b.Fatal(err)
					}
					rebuild += float64(time.Since(start).Microseconds()) / 1000
				}
				s := w.Stats()
				held += float64(s.LockHeld.Microseconds()) / 1000
				most = max(most, float64(s.MaxLockHeld.Microseconds())/1000)
				st.Close()
			}
			b.ReportMetric(held/float64(b.N), "lock-ms/op")
			b.ReportMetric(most, "max-lock-ms")
			if *lockRebuild {
				b.ReportMetric(rebuild/float64(b.N), "rebuild-ms/op")
			}
		})
	}
}

// craftedQuotes is short attributed quotes over eight words, to size bytes.
func craftedQuotes(size int) string {
	words := []string{"peace", "talks", "war", "deal", "now", "never", "we", "will"}
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for b.Len() < size {
		b.WriteString("\"")
		for i := 0; i < 6; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		b.WriteString(",\" said John Smith. ")
		if r.IntN(8) == 0 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}
