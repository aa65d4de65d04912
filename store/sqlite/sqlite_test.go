package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/sqlite"
	"github.com/storyfold/storyfold/store/storetest"
)

func TestConformance(t *testing.T) {
	var path string
	open := func(t *testing.T) storyfold.Store {
		path = filepath.Join(t.TempDir(), "storyfold.db")
		s, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	reopen := func(t *testing.T) storyfold.Store {
		s, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	storetest.Run(t, open, reopen)
}

func TestNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	if err := os.WriteFile(path, []byte("this is not a database, just text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.Open(context.Background(), path); err == nil {
		t.Error("opening a text file as a database succeeded")
	}
}

// TestUpgradeFillsSourceKeys opens a store written before outlets had a
// key (schema 4) and checks that the migration keyed its articles, so a
// source filter in another case finds them.
func TestUpgradeFillsSourceKeys(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	exec, closeDB, err := sqlite.OpenAt(ctx, path, 4)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO articles (id, hash, source, title, url, language, text, doc, story_id, added)
			VALUES ('a1', 'h1', 'Fox News', 'T', '', 'en', 'x', '{}', 's1', '2025-01-01')`,
		`INSERT INTO stories (id, headline, articles, doc, updated, sources) VALUES ('s1', 'H', 1, '{}', '2025-01-01', '[]')`,
	} {
		if err := exec(q); err != nil {
			t.Fatal(err)
		}
	}
	closeDB()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	page, total, err := s.StoryPage(ctx, storyfold.StoryQuery{Source: "FOX NEWS"})
	if err != nil || total != 1 || len(page) != 1 || page[0].ID != "s1" {
		t.Errorf("after the upgrade, FOX NEWS finds %+v of %d, %v; want s1", page, total, err)
	}
}
