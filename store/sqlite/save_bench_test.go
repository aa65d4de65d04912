//go:build unix

package sqlite_test

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
	basilPath   = flag.String("basil", "../../../shared/data/basil/articles.jsonl", "BASIL's articles (JSONL) for BenchmarkSaveBASIL")
	basilCopies = flag.Int("basil.copies", 10, "how many times BenchmarkSaveBASIL saves BASIL")
)

// BenchmarkSaveBASIL times the store's part of ingest alone: Save of
// BASIL's 300 prepared articles -basil.copies times into a new file, in
// batches of 500 with their outlines (a story of three articles each) and
// stale marks, as the writer saves them under the write lock, each batch
// encoded ahead (EncodeWith: documents, texts and features) outside the
// timed part, as the writer does. It
// reports the CPU time of the saves per article (save-cpu-µs/article),
// which a loaded machine moves less than the wall clock, and the stored
// bytes per article. Each copy is renamed and rehashed, so all are new.
// It is skipped without the BASIL file. Run it with
//
//	go test ./store/sqlite -run '^$' -bench SaveBASIL -benchtime 3x
func BenchmarkSaveBASIL(b *testing.B) {
	base := pipeline.Prepare(benchdata.ReadBASIL(b, *basilPath), nil, nil)
	ex := cluster.NewExtractor()
	var batches []*storyfold.Batch
	var all []storyfold.Article
	for k := range *basilCopies {
		for _, a := range base {
			a.ID = fmt.Sprintf("%s-%d", a.ID, k)
			a.Title = fmt.Sprintf("%s (%d)", a.Title, k)
			a.Hash = pipeline.ContentHash(a)
			all = append(all, a)
		}
	}
	const batchSize = 500
	for start := 0; start < len(all); start += batchSize {
		part := all[start:min(start+batchSize, len(all))]
		batch := &storyfold.Batch{}
		for i := range part {
			a := &part[i]
			blob, err := ex.Extract(a).MarshalBinary()
			if err != nil {
				b.Fatal(err)
			}
			a.Tokens = nil
			sid := fmt.Sprintf("story-%d", (start+i)/3)
			batch.Articles = append(batch.Articles, storyfold.StoredArticle{Article: *a, StoryID: sid, Features: blob})
			if (start+i)%3 == 0 {
				batch.Stories = append(batch.Stories, pipeline.Outline(sid, []*storyfold.Article{a}))
				batch.Stale = append(batch.Stale, sid)
			}
		}
		batches = append(batches, batch)
	}
	ctx := context.Background()
	var cpu time.Duration
	var bytes int64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "basil.db"))
		if err != nil {
			b.Fatal(err)
		}
		for _, batch := range batches {
			b.StopTimer()
			arts := make([]storyfold.Article, len(batch.Articles))
			features := make([][]byte, len(batch.Articles))
			for i := range batch.Articles {
				arts[i] = batch.Articles[i].Article
				features[i] = batch.Articles[i].Features
			}
			st.EncodeWith(arts, features)
			cpu0 := benchdata.CPUTime()
			b.StartTimer()
			if err := st.Save(ctx, batch); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			cpu += benchdata.CPUTime() - cpu0
		}
		f, err := st.Footprint(ctx)
		if err != nil {
			b.Fatal(err)
		}
		bytes += f.Total
		st.Close()
	}
	n := float64(b.N * len(all))
	b.ReportMetric(float64(cpu.Microseconds())/n, "save-cpu-µs/article")
	b.ReportMetric(float64(bytes)/n, "bytes/article")
}
