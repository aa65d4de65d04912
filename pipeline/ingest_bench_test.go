//go:build unix

package pipeline_test

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/internal/benchdata"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/store/sqlite"
)

var (
	basilCopies = flag.Int("basil.copies", 10, "how many times BenchmarkIngestBASIL stores BASIL, each copy a month after the last")
	basilBatch  = flag.Int("basil.batch", 500, "articles per batch in BenchmarkIngestBASIL")
	basilDefer  = flag.Bool("basil.defer", false, "BenchmarkIngestBASIL stores through IngestDeferred and Flush, as ingest does, instead of Ingest")
)

// BenchmarkIngestBASIL times ingesting BASIL's 300 real articles
// -basil.copies times into a new SQLite file, in batches of -basil.batch:
// the grouping, the save and the rebuild of the changed stories, what
// Ingest does. Each copy is moved a month on and retitled, so it is new
// content that forms its own stories (the grouping's date window keeps
// them apart), as another month of news would. The articles are prepared
// before the timer starts. Besides articles/s it reports the CPU time of
// the whole process per article (cpu-µs/article), which says more than
// the wall clock on a machine other work is loading. It is skipped
// without the BASIL file. Run it with
//
//	go test ./pipeline -run '^$' -bench IngestBASIL -benchtime 1x
func BenchmarkIngestBASIL(b *testing.B) {
	raw := benchdata.ReadBASIL(b, *basilPath)
	base := pipeline.Prepare(raw, nil, nil)
	var articles []storyfold.Article
	for k := 0; k < *basilCopies; k++ {
		for _, a := range base {
			a.ID = fmt.Sprintf("%s-%d", a.ID, k)
			a.Title = fmt.Sprintf("%s (%d)", a.Title, k)
			if a.Date.Known() {
				a.Date = storyfold.Date{Time: a.Date.AddDate(0, k, 0)}
			}
			a.Hash = pipeline.ContentHash(a)
			articles = append(articles, a)
		}
	}
	ctx := context.Background()
	b.ResetTimer()
	var wall, cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "basil.db"))
		if err != nil {
			b.Fatal(err)
		}
		w, err := pipeline.NewWriter(ctx, st, cluster.DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		cpu0, start := benchdata.CPUTime(), time.Now()
		b.StartTimer()
		ingest := w.Ingest
		if *basilDefer {
			ingest = w.IngestDeferred
		}
		for j := 0; j < len(articles); j += *basilBatch {
			if _, err := ingest(ctx, articles[j:min(j+*basilBatch, len(articles))]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Flush(ctx); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		wall += time.Since(start)
		cpu += benchdata.CPUTime() - cpu0
		if i == 0 {
			n, stories, _ := st.Counts(ctx)
			ws := w.Stats()
			b.Logf("%d articles stored in %d stories, %d stories saved, %d builds of %d articles (%.2f an article)", n, stories, ws.Rebuilt, ws.Built, ws.BuiltArticles, float64(ws.BuiltArticles)/float64(max(1, n)))
		}
		st.Close()
	}
	n := float64(len(articles) * b.N)
	b.ReportMetric(n/wall.Seconds(), "articles/s")
	b.ReportMetric(float64(cpu.Microseconds())/n, "cpu-µs/article")
}
