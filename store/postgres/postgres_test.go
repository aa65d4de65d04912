package postgres_test

import (
	"context"
	"fmt"
	"os"
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
