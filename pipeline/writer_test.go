package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/store/sqlite"
	"github.com/storyfold/storyfold/store/storetest"
)

func exampleArticles(t testing.TB) []storyfold.Article {
	t.Helper()
	files, _ := filepath.Glob("../examples/ukraine-talks/*.txt")
	if len(files) < 4 {
		t.Fatalf("found %d example articles", len(files))
	}
	var raw []storyfold.Article
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raw = append(raw, storyfold.Article{ID: strings.TrimSuffix(filepath.Base(f), ".txt"), Text: string(b)})
	}
	return pipeline.Prepare(raw, nil, nil)
}

// openWriter opens the SQLite file at path, as a process would, and a
// writer on it; both close when the test ends.
func openWriter(t *testing.T, path string) (storyfold.Store, *pipeline.Writer) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w, err := pipeline.NewWriter(context.Background(), st, cluster.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return st, w
}

// TestWritersShareAStore has two writers, as two processes would, take
// turns on one database: each must group against what the other stored,
// giving the stories one writer gives, with every article stored once.
func TestWritersShareAStore(t *testing.T) {
	ctx := context.Background()
	articles := exampleArticles(t)
	dir := t.TempDir()

	single, w := openWriter(t, filepath.Join(dir, "single.db"))
	if _, err := w.Ingest(ctx, articles); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(dir, "shared.db")
	var writers []*pipeline.Writer
	for i := 0; i < 2; i++ {
		_, w := openWriter(t, path)
		writers = append(writers, w)
	}
	// Both writers loaded an empty index; they now alternate, one article
	// each, and the second also sends one the first stored.
	for i, a := range articles {
		if _, err := writers[i%2].Ingest(ctx, []storyfold.Article{a}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := writers[1].Ingest(ctx, articles[:1])
	if err != nil || res.New != 0 || res.Known != 1 {
		t.Errorf("the other writer's article again: %+v, %v", res, err)
	}
	shared, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	if n, _, _ := shared.Counts(ctx); n != len(articles) {
		t.Errorf("%d articles stored, want %d", n, len(articles))
	}
	if got, want := storetest.Grouping(t, shared), storetest.Grouping(t, single); !reflect.DeepEqual(got, want) {
		t.Errorf("two writers grouped\n%v\none writer grouped\n%v", got, want)
	}
}

// TestNewStoryInALaterBatch checks that a story opened by a later batch
// holds its own articles only.
func TestNewStoryInALaterBatch(t *testing.T) {
	ctx := context.Background()
	st, w := openWriter(t, filepath.Join(t.TempDir(), "later.db"))
	if _, err := w.Ingest(ctx, exampleArticles(t)); err != nil {
		t.Fatal(err)
	}
	other := pipeline.Prepare([]storyfold.Article{{ID: "budget", Title: "Council approves budget",
		Text: "The city council approved a budget of two billion dollars on Tuesday after a long debate over schools, roads and the harbour."}}, nil, nil)
	res, err := w.Ingest(ctx, other)
	if err != nil || res.New != 1 || len(res.Stories) != 1 {
		t.Fatalf("ingest: %+v, %v", res, err)
	}
	story, err := st.Story(ctx, res.Stories[0])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(story.Articles, []string{"budget"}) {
		t.Errorf("the new story holds %v, want [budget]", story.Articles)
	}
}
