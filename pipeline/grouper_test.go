package pipeline_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/internal/benchdata"
	"github.com/storyfold/storyfold/pipeline"
)

// TestGrouperMatchesWriter checks on BASIL's real articles that grouping
// batch by batch in memory (analyze) and storing the same batches
// (ingest) give the same stories, with the same IDs, whatever the
// batches: one batch, and batches smaller than the input. It is skipped
// without the BASIL file.
func TestGrouperMatchesWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests BASIL")
	}
	ctx := context.Background()
	articles := pipeline.Prepare(benchdata.ReadBASIL(t, *basilPath), nil, nil)
	for _, tc := range []struct {
		name  string
		batch int
	}{
		{"one batch", len(articles)},
		{"batches of 120", 120},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var parts [][]storyfold.Article
			for i := 0; i < len(articles); i += tc.batch {
				parts = append(parts, slices.Clone(articles[i:min(i+tc.batch, len(articles))]))
			}
			g := pipeline.NewGrouper(cluster.DefaultOptions())
			var held []storyfold.Article
			for _, p := range parts {
				g.Add(p)
				held = append(held, p...)
			}
			want := map[string]string{}
			for _, s := range g.Stories(held, nil) {
				want[s.ID] = strings.Join(slices.Sorted(slices.Values(s.Articles)), " ")
			}
			st, w := openWriter(t, filepath.Join(t.TempDir(), "s.db"))
			for _, p := range parts {
				if _, err := w.Ingest(ctx, slices.Clone(p)); err != nil {
					t.Fatal(err)
				}
			}
			stories, err := st.Stories(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, s := range stories {
				got[s.ID] = strings.Join(slices.Sorted(slices.Values(s.Articles)), " ")
			}
			if len(want) < 50 {
				t.Fatalf("BASIL gave %d stories", len(want))
			}
			for id, m := range want {
				if got[id] != m {
					t.Errorf("story %s: in memory [%s], stored [%s]", id, m, got[id])
				}
			}
			if len(got) != len(want) {
				t.Errorf("%d stories in memory, %d stored", len(want), len(got))
			}
		})
	}
}
