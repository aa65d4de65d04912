package pipeline_test

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/internal/benchdata"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/store/sqlite"
)

var (
	longArticles = flag.Int("long.articles", 200, "articles of the one story BenchmarkIngestLongStory stores")
	longBatch    = flag.Int("long.batch", 25, "articles per batch in BenchmarkIngestLongStory")
)

// rewrites returns n articles of the example's story: each keeps the
// paragraphs of one example article but one, in turn, and ends with a
// sentence of its own, so no two are the same content and all are one
// story, as many outlets' reports of one event over a day are.
func rewrites(tb testing.TB, n int) []storyfold.Article {
	base := exampleArticles(tb)
	raw := make([]storyfold.Article, n)
	for i := range raw {
		a := base[i%len(base)]
		paras := strings.Split(a.Text, "\n\n")
		drop := (i / len(base)) % len(paras)
		kept := append(append([]string{}, paras[:drop]...), paras[drop+1:]...)
		kept = append(kept, fmt.Sprintf("Update %d: officials said talks would continue on day %d.", i, i%7+1))
		raw[i] = storyfold.Article{ID: fmt.Sprintf("%s-%03d", a.ID, i), Title: a.Title, Source: fmt.Sprintf("Outlet %d", i%40),
			Date: a.Date, Text: strings.Join(kept, "\n\n")}
	}
	return pipeline.Prepare(raw, nil, nil)
}

// BenchmarkIngestLongStory stores one story of -long.articles articles in
// batches of -long.batch, the case where a story spans many batches:
// through Ingest, which rebuilds the story after every batch from all its
// articles so far, and through IngestDeferred and Flush, which rebuild it
// once. It reports the stories built and the CPU time per article. Run it
// with
//
//	go test ./pipeline -run '^$' -bench IngestLongStory -benchtime 1x
func BenchmarkIngestLongStory(b *testing.B) {
	articles := rewrites(b, *longArticles)
	for _, mode := range []string{"Ingest", "IngestDeferred"} {
		b.Run(mode, func(b *testing.B) {
			ctx := context.Background()
			var cpu time.Duration
			var built int64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "long.db"))
				if err != nil {
					b.Fatal(err)
				}
				w, err := pipeline.NewWriter(ctx, st, cluster.DefaultOptions())
				if err != nil {
					b.Fatal(err)
				}
				ingest := w.Ingest
				if mode == "IngestDeferred" {
					ingest = w.IngestDeferred
				}
				cpu0 := benchdata.CPUTime()
				b.StartTimer()
				for j := 0; j < len(articles); j += *longBatch {
					if _, err := ingest(ctx, articles[j:min(j+*longBatch, len(articles))]); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Flush(ctx); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				cpu += benchdata.CPUTime() - cpu0
				built += w.Stats().Rebuilt
				if i == 0 {
					_, stories, _ := st.Counts(ctx)
					b.Logf("%d articles in %d stories, %d stories built", len(articles), stories, w.Stats().Rebuilt)
				}
				st.Close()
			}
			b.ReportMetric(float64(built)/float64(b.N), "builds/op")
			b.ReportMetric(float64(cpu.Microseconds())/float64(len(articles)*b.N), "cpu-µs/article")
		})
	}
}
