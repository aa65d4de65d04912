package storyfold

import (
	"context"
	"errors"
)

// ErrNotFound is returned by a Store for an ID it does not hold.
var ErrNotFound = errors.New("not found")

// Store keeps articles, their place in the story index, and stories. The
// embedded SQLite store and the PostgreSQL store implement it, and one
// conformance suite tests both.
type Store interface {
	// KnownHashes returns which of the content hashes are stored.
	KnownHashes(ctx context.Context, hashes []string) (map[string]bool, error)
	// Save stores a batch in one transaction: new articles with their
	// grouping state, and the stories they created or changed.
	Save(ctx context.Context, b *Batch) error
	// IndexEntries calls fn for every stored article, in the order they were
	// stored, with what the story index needs to be rebuilt.
	IndexEntries(ctx context.Context, fn func(IndexEntry) error) error
	// Articles returns the stored articles with the given IDs (all of them
	// when ids is nil), in the order they were stored.
	Articles(ctx context.Context, ids []string) ([]Article, error)
	// Stories returns every story, the most recently updated first.
	Stories(ctx context.Context) ([]*Story, error)
	// Close releases the store.
	Close() error
}

// Batch is what one ingest writes.
type Batch struct {
	Articles []StoredArticle
	Stories  []*Story
}

// StoredArticle is an article with its place in the story index.
type StoredArticle struct {
	Article     Article
	StoryID     string
	DuplicateOf string
	// Features is the grouping index's opaque record of the article.
	Features []byte
}

// IndexEntry is what rebuilding the story index needs of one article.
type IndexEntry struct {
	ID, Hash, StoryID, DuplicateOf string
	Features                       []byte
}
