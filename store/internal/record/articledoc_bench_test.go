package record

import (
	"testing"

	"github.com/storyfold/storyfold/internal/benchdata"
	"github.com/storyfold/storyfold/pipeline"
)

// BenchmarkArticleDocBASIL times the article documents an ingest encodes
// before the write lock, for BASIL's 300 prepared articles: the plain
// JSON (PostgreSQL's) and the JSON compressed with the article's text as
// its dictionary (SQLite's). It is skipped without the BASIL file. Run
// it with
//
//	go test ./store/internal/record -run '^$' -bench ArticleDocBASIL -benchmem
func BenchmarkArticleDocBASIL(b *testing.B) {
	articles := pipeline.Prepare(benchdata.ReadBASIL(b, *basilPath), nil, nil)
	for i := range articles {
		articles[i].Tokens = nil
	}
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			for _, a := range articles {
				if _, err := ArticleDoc(a, false); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("text-dict", func(b *testing.B) {
		for b.Loop() {
			for _, a := range articles {
				if _, err := ArticleDocWithText(a); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
