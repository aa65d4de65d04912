package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
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
	s := upgraded(t, 4,
		`INSERT INTO articles (id, hash, source, title, url, language, text, doc, story_id, added)
			VALUES ('a1', 'h1', 'Fox News', 'T', '', 'en', 'x', '{}', 's1', '2025-01-01')`,
		`INSERT INTO stories (id, headline, articles, doc, updated, sources) VALUES ('s1', 'H', 1, '{}', '2025-01-01', '[]')`,
	)
	page, total, err := s.StoryPage(ctx, storyfold.StoryQuery{Source: "FOX NEWS"})
	if err != nil || total != 1 || len(page) != 1 || page[0].ID != "s1" {
		t.Errorf("after the upgrade, FOX NEWS finds %+v of %d, %v; want s1", page, total, err)
	}
}

// TestUpgradeKeepsTextsSearchable opens a store written before texts were
// compressed and the full-text index made contentless (schema 5): the
// migration must index the texts stored before, which still read as they
// were, and a text saved after it must be found and read alike.
func TestUpgradeKeepsTextsSearchable(t *testing.T) {
	ctx := context.Background()
	s := upgraded(t, 5,
		`INSERT INTO articles (id, hash, source, source_key, title, url, language, text, doc, story_id, added)
			VALUES ('old', 'h1', 'A', 'a', 'Harbour closed', '', 'en', 'The harbour closed after the storm.', '{"id":"old"}', 's1', '2025-01-01')`,
		`INSERT INTO stories (id, headline, articles, doc, updated, sources) VALUES ('s1', 'H', 1, '{}', '2025-01-01', '[]')`,
	)
	batch := &storyfold.Batch{Articles: []storyfold.StoredArticle{{StoryID: "s1", Article: storyfold.Article{
		ID: "new", Hash: "h2", Source: "B", Title: "Storm passes", Language: "en",
		Text: "The storm passed the harbour at dawn.", Duplicates: []string{}}}}}
	if err := s.Save(ctx, batch); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"harbour", []string{"new", "old"}},
		{"closed", []string{"old"}},
		{"dawn", []string{"new"}},
		{"storms", []string{"new", "old"}},      // stemmed, in the title or the text
		{"the harbour", []string{"new", "old"}}, // a stop word narrows nothing
		{"the after", nil},                      // stop words only: not indexed
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, total, err := s.Search(ctx, storyfold.SearchQuery{Text: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.ArticleID)
				if h.Snippet == "" {
					t.Errorf("%s: no snippet", h.ArticleID)
				}
			}
			slices.Sort(got)
			if total != len(tt.want) || len(got) != len(tt.want) || !slices.Equal(got, tt.want) {
				t.Errorf("search %q = %v (total %d), want %v", tt.query, got, total, tt.want)
			}
		})
	}
	arts, err := s.Articles(ctx, []string{"old", "new"})
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, a := range arts {
		texts[a.ID] = a.Text
	}
	if texts["old"] != "The harbour closed after the storm." || texts["new"] != "The storm passed the harbour at dawn." {
		t.Errorf("texts read back: %q", texts)
	}
}

// TestConcurrentOpenOfNewFile opens one new file from several stores at
// once, as a reader polling a store that ingest is creating does: each
// must find the schema whole, never fail because another applied a
// migration first (the CI saw "migration 1: table articles already
// exists") or switched the file to WAL mode first (SQLITE_BUSY, which
// SQLite gives a blocked switch without waiting: see useWAL), and the
// file must end in WAL mode.
func TestConcurrentOpenOfNewFile(t *testing.T) {
	for round := range 5 {
		t.Run(fmt.Sprintf("round %d", round), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "new.db")
			const openers = 6
			errs := make(chan error, openers)
			var start sync.WaitGroup
			start.Add(1)
			for range openers {
				go func() {
					start.Wait()
					st, err := sqlite.Open(context.Background(), path)
					if err != nil {
						errs <- err
						return
					}
					mode, err := sqlite.JournalMode(context.Background(), st)
					if err == nil && mode != "wal" {
						err = fmt.Errorf("journal mode %q, want wal", mode)
					}
					if cerr := st.Close(); err == nil {
						err = cerr
					}
					errs <- err
				}()
			}
			start.Done()
			for range openers {
				if err := <-errs; err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// upgraded makes a store as an older storyfold left it, its schema at the
// given migration with the rows the statements insert, then opens it with
// today's migrations, closing it when the test ends.
func upgraded(t *testing.T, version int, statements ...string) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	exec, closeDB, err := sqlite.OpenAt(ctx, path, version)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range statements {
		if err := exec(q); err != nil {
			t.Fatal(err)
		}
	}
	closeDB()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
