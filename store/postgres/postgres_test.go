package postgres_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/postgres"
	"github.com/storyfold/storyfold/store/storetest"
)

// serverURL is the PostgreSQL server the tests use: $STORYFOLD_POSTGRES_URL
// (.ci/postgres starts one and prints it). Without it the tests skip, unless
// $STORYFOLD_REQUIRE_POSTGRES is set, as CI sets it.
func serverURL(t *testing.T) string {
	url := os.Getenv("STORYFOLD_POSTGRES_URL")
	if url == "" {
		if os.Getenv("STORYFOLD_REQUIRE_POSTGRES") != "" {
			t.Fatal("STORYFOLD_REQUIRE_POSTGRES is set but STORYFOLD_POSTGRES_URL is not")
		}
		t.Skip("no PostgreSQL server: set STORYFOLD_POSTGRES_URL (.ci/postgres starts one)")
	}
	return url
}

var schemas atomic.Int64

// freshSchema creates an empty schema, dropped when the test ends, and
// returns the URL of a store in it.
func freshSchema(t *testing.T) string {
	url := serverURL(t)
	ctx := context.Background()
	name := fmt.Sprintf("storyfold_test_%d_%d", os.Getpid(), schemas.Add(1))
	schemaURL, err := postgres.ResetSchema(ctx, url, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { postgres.DropSchema(ctx, url, name) })
	return schemaURL
}

func TestConformance(t *testing.T) {
	var url string
	open := func(t *testing.T) storyfold.Store {
		url = freshSchema(t)
		s, err := postgres.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	reopen := func(t *testing.T) storyfold.Store {
		s, err := postgres.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	storetest.Run(t, open, reopen)
}

// TestSchemasAreSeparate checks that stores in two schemas of one database
// neither see each other's articles nor wait on each other's write lock.
func TestSchemasAreSeparate(t *testing.T) {
	ctx := context.Background()
	a, err := postgres.Open(ctx, freshSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := postgres.Open(ctx, freshSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	unlock, err := a.LockWrites(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	short, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	u, err := b.LockWrites(short)
	if err != nil {
		t.Fatalf("a lock in one schema held up another: %v", err)
	}
	u()
	err = a.Save(ctx, &storyfold.Batch{Articles: []storyfold.StoredArticle{{Article: storyfold.Article{ID: "x", Hash: "hx", Text: "x"}, StoryID: "s"}}})
	if err != nil {
		t.Fatal(err)
	}
	if n, _, err := b.Counts(ctx); err != nil || n != 0 {
		t.Errorf("the other schema holds %d articles (%v)", n, err)
	}
}

func TestBadURL(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// Nothing listens on port 1.
	if _, err := postgres.Open(ctx, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"); err == nil {
		t.Error("opening a store on a closed port succeeded")
	}
}

// TestUpgradeFillsSourceKeys opens a store written before outlets had a
// key (schema 2) and checks that the migration keyed its articles, so a
// source filter in another case finds them.
func TestUpgradeFillsSourceKeys(t *testing.T) {
	ctx := context.Background()
	url := freshSchema(t)
	exec, closeDB, err := postgres.OpenAt(ctx, url, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO articles (id, hash, source, title, url, language, text, doc, story_id, added)
			VALUES ('a1', 'h1', 'Fox News', 'T', '', 'en', 'x', '{}', 's1', now())`,
		`INSERT INTO stories (id, headline, articles, independent, sources, doc, updated) VALUES ('s1', 'H', 1, 1, '[]', '{}', now())`,
	} {
		if err := exec(q); err != nil {
			t.Fatal(err)
		}
	}
	closeDB()
	s, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	page, total, err := s.StoryPage(ctx, storyfold.StoryQuery{Source: "FOX NEWS"})
	if err != nil || total != 1 || len(page) != 1 || page[0].ID != "s1" {
		t.Errorf("after the upgrade, FOX NEWS finds %+v of %d, %v; want s1", page, total, err)
	}
}

// TestRankAsTheVector checks that a one-word query ranks every match as
// ts_rank over the whole search vector did before the store stopped
// keeping it: the word in the title or not, once or many times in the
// text, past the 255 occurrences rank_counts counts, and in other forms
// that stem alike.
func TestRankAsTheVector(t *testing.T) {
	ctx := context.Background()
	s, err := postgres.Open(ctx, freshSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	texts := []struct{ title, text string }{
		{"Budget vote", "The budget passed."},
		{"Senate news", "The budget passed. Budgets were cut, and the budget grew."},
		{"Budget talks on budgets", "Nothing about money here."},
		{"Other", strings.Repeat("budget ", 300)},
		{"Other", strings.Repeat("budgeted spending ", 3)},
		{"Budget", "The senate met. " + strings.Repeat("talks ", 2)},
	}
	var b storyfold.Batch
	for i, x := range texts {
		id := fmt.Sprintf("a%d", i)
		b.Articles = append(b.Articles, storyfold.StoredArticle{Article: storyfold.Article{ID: id, Hash: "h" + id, Title: x.title, Text: x.text}, StoryID: "s"})
	}
	if err := s.Save(ctx, &b); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		word    string
		matches int
	}{{"budget", 6}, {"senate", 2}, {"talks", 2}, {"spending", 1}} {
		t.Run(tt.word, func(t *testing.T) {
			pairs, err := postgres.RankPairs(ctx, s, tt.word)
			if err != nil {
				t.Fatal(err)
			}
			if len(pairs) != tt.matches {
				t.Errorf("%d matches, want %d", len(pairs), tt.matches)
			}
			for i, p := range pairs {
				if math.Abs(p[0]-p[1]) > 1e-6 {
					t.Errorf("match %d: ranked %g, the vector %g", i, p[1], p[0])
				}
			}
		})
	}
}

// TestUpgradeDropsTheVector opens a store written with a stored search
// vector and plain documents (schema 3) and checks that after the
// migration its article is found, ranked and read, and its story read.
func TestUpgradeDropsTheVector(t *testing.T) {
	ctx := context.Background()
	url := freshSchema(t)
	exec, closeDB, err := postgres.OpenAt(ctx, url, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO articles (id, hash, source, source_key, title, url, language, text, doc, story_id, added)
			VALUES ('a1', 'h1', 'Wire', 'wire', 'Budget vote', '', 'en', 'The senate passed the budget.', '{"id":"a1","title":"Budget vote","source":"Wire"}', 's1', now())`,
		`INSERT INTO stories (id, headline, articles, independent, sources, doc, updated)
			VALUES ('s1', 'Budget vote', 1, 1, '[]', '{"id":"s1","headline":"Budget vote"}', now())`,
	} {
		if err := exec(q); err != nil {
			t.Fatal(err)
		}
	}
	closeDB()
	s, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hits, total, err := s.Search(ctx, storyfold.SearchQuery{Text: "senate"})
	if err != nil || total != 1 || len(hits) != 1 || hits[0].ArticleID != "a1" {
		t.Errorf("after the upgrade, senate finds %+v of %d, %v; want a1", hits, total, err)
	}
	arts, err := s.Articles(ctx, []string{"a1"})
	if err != nil || len(arts) != 1 || arts[0].Title != "Budget vote" || arts[0].Text != "The senate passed the budget." {
		t.Errorf("after the upgrade, a1 reads %+v, %v", arts, err)
	}
	st, err := s.Story(ctx, "s1")
	if err != nil || st == nil || st.Headline != "Budget vote" {
		t.Errorf("after the upgrade, s1 reads %+v, %v", st, err)
	}
	if n, err := postgres.PlainDocs(ctx, s); err != nil || n != 0 {
		t.Errorf("after the upgrade, %d documents are kept plain (%v)", n, err)
	}
	pairs, err := postgres.RankPairs(ctx, s, "budget")
	if err != nil || len(pairs) != 1 || math.Abs(pairs[0][0]-pairs[0][1]) > 1e-6 {
		t.Errorf("after the upgrade, budget ranks %v, %v", pairs, err)
	}
}
