//go:build unix

package pipeline_test

import (
	"slices"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/internal/benchdata"
	"github.com/storyfold/storyfold/pipeline"
)

// BenchmarkPrepareBASIL times preparing BASIL's 300 raw articles (clean,
// sentences, language, entities, quotes, figures, dates): the per-article
// half of analyze and ingest, whose allocations -benchmem counts, with
// the process's CPU time per article, which says more than the wall
// clock on a loaded machine. It is skipped without the BASIL file. Run it
// with
//
//	go test ./pipeline -run '^$' -bench PrepareBASIL -benchmem
func BenchmarkPrepareBASIL(b *testing.B) {
	raw := benchdata.ReadBASIL(b, *basilPath)
	b.ResetTimer()
	cpu := benchdata.CPUTime()
	for b.Loop() {
		// Prepare writes outlet hints into its input: each pass gets a
		// fresh copy, as analyze reads each article once.
		pipeline.Prepare(slices.Clone(raw), nil, nil)
	}
	b.ReportMetric(float64((benchdata.CPUTime()-cpu)/time.Microsecond)/float64(b.N*len(raw)), "cpu-µs/article")
}

// BenchmarkAnalyzeBASIL times what analyze does with BASIL's 300 raw
// articles, output aside: prepare them, group them, build every story's
// account. It is skipped without the BASIL file. Run it with
//
//	go test ./pipeline -run '^$' -bench AnalyzeBASIL -benchmem
func BenchmarkAnalyzeBASIL(b *testing.B) {
	raw := benchdata.ReadBASIL(b, *basilPath)
	b.ResetTimer()
	cpu := benchdata.CPUTime()
	for b.Loop() {
		arts := pipeline.Prepare(slices.Clone(raw), nil, nil)
		g := pipeline.NewGrouper(cluster.DefaultOptions())
		g.Add(arts)
		var stories []*storyfold.Story = g.Stories(arts, nil)
		if len(stories) == 0 {
			b.Fatal("no stories")
		}
	}
	b.ReportMetric(float64((benchdata.CPUTime()-cpu)/time.Microsecond)/float64(b.N*len(raw)), "cpu-µs/article")
}
