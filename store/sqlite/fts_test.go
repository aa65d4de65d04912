package sqlite

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/record"
)

func TestFTSQuery(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"words quoted and required", "peace talks", `"peace" "talks"`},
		{"repeats once", strings.Repeat("the THE ", 20000), `"the"`},
		{"syntax neutralised", `NEAR( "x AND OR * col:umn`, `"NEAR" "x" "AND" "OR" "col" "umn"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ftsQuery(record.QueryTerms(tt.text)); got != tt.want {
				t.Errorf("ftsQuery(%.40q) = %s, want %s", tt.text, got, tt.want)
			}
		})
	}
}

// BenchmarkSearchRepeatedWord is the attack of issue 14: a word repeated
// 20,000 times, against articles that use it often. Unbounded, one search
// took minutes; normalised, it costs what searching the word once does.
func BenchmarkSearchRepeatedWord(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "storyfold.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	batch := &storyfold.Batch{}
	for i := range 5 {
		id := "a" + strconv.Itoa(i)
		batch.Articles = append(batch.Articles, storyfold.StoredArticle{StoryID: "s1", Article: storyfold.Article{
			ID: id, Hash: "h" + id, Source: "A", Title: "Title " + id, Language: "en",
			Text: strings.Repeat("The body of the text. ", 200), Duplicates: []string{}}})
	}
	st := storyfold.NewStory("s1")
	st.Articles = []string{"a0", "a1", "a2", "a3", "a4"}
	batch.Stories = []*storyfold.Story{st}
	if err := s.Save(ctx, batch); err != nil {
		b.Fatal(err)
	}
	q := storyfold.SearchQuery{Text: strings.Repeat("the ", 20000)}
	for b.Loop() {
		if _, total, err := s.Search(ctx, q); err != nil || total != 5 {
			b.Fatalf("%d hits, %v", total, err)
		}
	}
}
