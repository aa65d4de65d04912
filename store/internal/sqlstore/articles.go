package sqlstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/record"
)

// KnownHashes implements storyfold.Store.
func (r Reads) KnownHashes(ctx context.Context, hashes []string) (map[string]bool, error) {
	known := make(map[string]bool)
	err := r.Dialect.In("hash", hashes, func(cond string, args []any) error {
		return r.DB.Query(ctx, "SELECT hash FROM articles WHERE "+cond, args, func(scan func(...any) error) error {
			var h string
			if err := scan(&h); err != nil {
				return err
			}
			known[h] = true
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("known hashes: %w", err)
	}
	return known, nil
}

// IndexEntries implements storyfold.Store. Each row is scanned into
// values of its own, so fn may keep an entry's features.
func (r Reads) IndexEntries(ctx context.Context, after int64, fn func(storyfold.IndexEntry) error) error {
	var fnErr error
	err := r.DB.Query(ctx, "SELECT seq, id, hash, story_id, COALESCE(duplicate_of, ''), features FROM articles WHERE seq > ? ORDER BY seq",
		[]any{after}, func(scan func(...any) error) error {
			var e storyfold.IndexEntry
			if err := scan(&e.Seq, &e.ID, &e.Hash, &e.StoryID, &e.DuplicateOf, &e.Features); err != nil {
				return err
			}
			var err error
			if e.Features, err = record.Features(e.Features); err != nil {
				return fmt.Errorf("article %s: %w", e.ID, err)
			}
			fnErr = fn(e)
			return fnErr
		})
	if err != nil && fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("index entries: %w", err)
	}
	return nil
}

// StoryMembers implements storyfold.Store.
func (r Reads) StoryMembers(ctx context.Context, storyID string) ([]storyfold.IndexEntry, error) {
	out := []storyfold.IndexEntry{}
	err := r.DB.Query(ctx, "SELECT seq, id, hash, COALESCE(duplicate_of, '') FROM articles WHERE story_id = ? ORDER BY seq",
		[]any{storyID}, func(scan func(...any) error) error {
			e := storyfold.IndexEntry{StoryID: storyID}
			if err := scan(&e.Seq, &e.ID, &e.Hash, &e.DuplicateOf); err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", storyID, err)
	}
	return out, nil
}

// Articles implements storyfold.Store.
func (r Reads) Articles(ctx context.Context, ids []string) ([]storyfold.Article, error) {
	out := []storyfold.Article{}
	var err error
	if ids == nil {
		out, err = r.articles(ctx, "", nil, out)
	} else {
		err = r.Dialect.In("a.id", ids, func(cond string, args []any) error {
			out, err = r.articles(ctx, " WHERE "+cond, args, out)
			return err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("articles: %w", err)
	}
	return out, nil
}

// articles appends to out the stored articles a WHERE clause on articles
// (as a) selects, with their copies, in the order they were stored.
func (r Reads) articles(ctx context.Context, where string, args []any, out []storyfold.Article) ([]storyfold.Article, error) {
	err := r.DB.Query(ctx, "SELECT a.doc, a.text, "+r.Dialect.Copies+" FROM articles a"+where+" ORDER BY a.seq", args,
		func(scan func(...any) error) error {
			var doc, stored, copies []byte
			if err := scan(&doc, &stored, &copies); err != nil {
				return err
			}
			text, err := record.Text(stored)
			if err != nil {
				return err
			}
			var ids []string
			if len(copies) > 0 {
				if err := json.Unmarshal(copies, &ids); err != nil {
					return fmt.Errorf("copies: %w", err)
				}
			}
			a, err := record.Article(doc, text, ids)
			if err != nil {
				return err
			}
			out = append(out, a)
			return nil
		})
	return out, err
}

// headColumns are the columns of an article's head, as scanHead reads them.
const headColumns = "id, url, source, title, COALESCE(published, ''), language"

// scanHead reads an article's head from a row that holds the columns of
// before, scanned into them, then headColumns.
func scanHead(scan func(...any) error, before ...any) (storyfold.Article, error) {
	var a storyfold.Article
	var date string
	if err := scan(append(before, &a.ID, &a.URL, &a.Source, &a.Title, &date, &a.Language)...); err != nil {
		return a, err
	}
	a.Date = record.Date(date)
	return a, nil
}

// ArticleHeads implements storyfold.Store from the articles' columns.
func (r Reads) ArticleHeads(ctx context.Context, ids []string) ([]storyfold.Article, error) {
	out := []storyfold.Article{}
	err := r.Dialect.In("id", ids, func(cond string, args []any) error {
		return r.DB.Query(ctx, "SELECT "+headColumns+" FROM articles WHERE "+cond+" ORDER BY seq",
			args, func(scan func(...any) error) error {
				a, err := scanHead(scan)
				if err != nil {
					return err
				}
				out = append(out, a)
				return nil
			})
	})
	if err != nil {
		return nil, fmt.Errorf("article heads: %w", err)
	}
	return out, nil
}

// StoryHeads implements storyfold.Store from the articles' columns.
func (r Reads) StoryHeads(ctx context.Context, storyIDs []string) (map[string][]storyfold.Article, error) {
	out := make(map[string][]storyfold.Article, len(storyIDs))
	err := r.Dialect.In("story_id", storyIDs, func(cond string, args []any) error {
		return r.DB.Query(ctx, "SELECT story_id, "+headColumns+" FROM articles WHERE "+cond+" ORDER BY seq",
			args, func(scan func(...any) error) error {
				var story string
				a, err := scanHead(scan, &story)
				if err != nil {
					return err
				}
				out[story] = append(out[story], a)
				return nil
			})
	})
	if err != nil {
		return nil, fmt.Errorf("story heads: %w", err)
	}
	return out, nil
}

// StoryOf implements storyfold.Store.
func (r Reads) StoryOf(ctx context.Context, articleID string) (string, error) {
	var id string
	err := QueryRow(ctx, r.DB, "SELECT story_id FROM articles WHERE id = ?", []any{articleID}, &id)
	if errors.Is(err, ErrNoRows) {
		return "", fmt.Errorf("article %s: %w", articleID, storyfold.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("article %s: %w", articleID, err)
	}
	return id, nil
}

// Sources implements storyfold.Store, read again only when the store's
// version moved (Memo).
func (r Reads) Sources(ctx context.Context) ([]storyfold.SourceCount, error) {
	var out []storyfold.SourceCount
	var err error
	if r.Memo == nil {
		out, _, err = r.sources(ctx)
	} else {
		out, err = r.Memo.sources.read(ctx, r.DB, func() ([]storyfold.SourceCount, int64, error) { return r.sources(ctx) })
	}
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	return slices.Clone(out), nil // the caller's to change; the memo's stays
}

// sources reads the outlets with their article counts, the largest first,
// and the store's version they were read at, in one statement; -1 for the
// version of an empty store, whose answer is not kept.
func (r Reads) sources(ctx context.Context) ([]storyfold.SourceCount, int64, error) {
	out := []storyfold.SourceCount{}
	version := int64(-1)
	err := r.DB.Query(ctx, "SELECT (SELECT n FROM version), source, COUNT(*) FROM articles GROUP BY source ORDER BY COUNT(*) DESC, source", nil,
		func(scan func(...any) error) error {
			var c storyfold.SourceCount
			if err := scan(&version, &c.Source, &c.Articles); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	return out, version, err
}

// Counts implements storyfold.Store.
func (r Reads) Counts(ctx context.Context) (int, int, error) {
	var articles, stories int
	if err := QueryRow(ctx, r.DB, "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM stories)", nil, &articles, &stories); err != nil {
		return 0, 0, fmt.Errorf("counts: %w", err)
	}
	return articles, stories, nil
}

// Version implements storyfold.Store.
func (r Reads) Version(ctx context.Context) (int64, error) {
	var n int64
	if err := QueryRow(ctx, r.DB, "SELECT n FROM version", nil, &n); err != nil {
		return 0, fmt.Errorf("version: %w", err)
	}
	return n, nil
}
