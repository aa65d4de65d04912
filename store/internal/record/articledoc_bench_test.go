package record

import (
	"testing"

	"github.com/storyfold/storyfold/internal/benchdata"
	"github.com/storyfold/storyfold/pipeline"
)

// BenchmarkArticleDocBASIL writes and reads the article documents of
// BASIL's 300 prepared articles, as JSON (the form stores kept before
// the binary one) and in the binary form, each compressed alone
// (SQLite's) and with the article's text as the dictionary
// (PostgreSQL's): writing is what an ingest encodes before the write
// lock, reading what it decodes for each story rebuilt. It is skipped
// without the BASIL file. Run it with
//
//	go test ./store/internal/record -run '^$' -bench ArticleDocBASIL -benchmem
func BenchmarkArticleDocBASIL(b *testing.B) {
	articles := pipeline.Prepare(benchdata.ReadBASIL(b, *basilPath), nil, nil)
	for i := range articles {
		articles[i].Tokens = nil
	}
	forms := []struct {
		name  string
		write func(i int) ([]byte, error)
	}{
		{"json/alone", func(i int) ([]byte, error) {
			doc, err := articleJSON(articles[i])
			return encoder.EncodeAll(doc, nil), err
		}},
		{"json/text-dict", func(i int) ([]byte, error) {
			doc, err := articleJSON(articles[i])
			if err != nil {
				return nil, err
			}
			return compressWithText(doc, articles[i].Text)
		}},
		{"binary/alone", func(i int) ([]byte, error) { return ArticleDoc(articles[i], true) }},
		{"binary/text-dict", func(i int) ([]byte, error) { return ArticleDocWithText(articles[i]) }},
	}
	for _, f := range forms {
		docs := make([][]byte, len(articles))
		size := 0
		for i := range articles {
			var err error
			if docs[i], err = f.write(i); err != nil {
				b.Fatal(err)
			}
			size += len(docs[i])
		}
		b.Run("write/"+f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for i := range articles {
					if _, err := f.write(i); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(size)/float64(len(articles)), "stored-bytes/article")
		})
		b.Run("read/"+f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for i, doc := range docs {
					if _, err := Article(doc, articles[i].Text, nil); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
