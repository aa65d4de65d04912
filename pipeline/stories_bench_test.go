//go:build unix

package pipeline_test

import (
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/internal/benchdata"
	"github.com/storyfold/storyfold/pipeline"
)

// BenchmarkStoriesBASIL times building the accounts of BASIL's stories
// (about a hundred, of three articles each: the size most stories of a
// news corpus have), one after the other on one core, from articles
// prepared and grouped before the timer starts: the per-story work
// analyze and ingest do for every story, which is what -benchmem's
// allocations count, with the process's CPU time per article. It is skipped without the BASIL file. Run it with
//
//	go test ./pipeline -run '^$' -bench StoriesBASIL -benchmem
func BenchmarkStoriesBASIL(b *testing.B) {
	arts := pipeline.Prepare(benchdata.ReadBASIL(b, *basilPath), nil, nil)
	byID := make(map[string]*storyfold.Article, len(arts))
	for i := range arts {
		byID[arts[i].ID] = &arts[i]
	}
	var groups [][]*storyfold.Article
	var ids []string
	for _, st := range pipeline.Group(arts, cluster.DefaultOptions()) {
		members := make([]*storyfold.Article, 0, len(st.Articles))
		for _, id := range st.Articles {
			members = append(members, byID[id])
		}
		groups, ids = append(groups, members), append(ids, st.ID)
	}
	b.ResetTimer()
	cpu := benchdata.CPUTime()
	for b.Loop() {
		for i, members := range groups {
			pipeline.NewStory(ids[i], members)
		}
	}
	// The process's CPU time, the collector's included, says more than
	// the wall clock on a loaded machine.
	b.ReportMetric(float64((benchdata.CPUTime()-cpu)/time.Microsecond)/float64(b.N*len(arts)), "cpu-µs/article")
}

// BenchmarkSinglesBASIL times building the account of each of BASIL's
// articles as a story of its own: most stories of a news stream have one
// article, and what an account compares between articles costs them
// nothing. Run it with
//
//	go test ./pipeline -run '^$' -bench SinglesBASIL -benchmem
func BenchmarkSinglesBASIL(b *testing.B) {
	arts := pipeline.Prepare(benchdata.ReadBASIL(b, *basilPath), nil, nil)
	b.ResetTimer()
	cpu := benchdata.CPUTime()
	for b.Loop() {
		for i := range arts {
			pipeline.NewStory(arts[i].ID, []*storyfold.Article{&arts[i]})
		}
	}
	b.ReportMetric(float64((benchdata.CPUTime()-cpu)/time.Microsecond)/float64(b.N*len(arts)), "cpu-µs/article")
}
