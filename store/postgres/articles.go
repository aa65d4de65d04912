package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/record"
	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// The shared statements, their placeholders rewritten once.
var (
	insertArticle = sqlstore.Rebind(sqlstore.InsertArticle)
	upsertStory   = sqlstore.Rebind(sqlstore.UpsertStory)
	markStale     = sqlstore.Rebind(sqlstore.MarkStale)
)

// Encode encodes articles' documents before they are saved, so that a
// writer may do it before it takes the write lock (see sqlstore.Ahead);
// Save encodes what it was not given this way.
func (s *Store) Encode(articles []storyfold.Article) { s.ahead.EncodeAs(articles, compression) }

// EncodeWith is Encode also compressing the articles' grouping features
// (features[i] is articles[i]'s, as Save will be given them), which Save
// would else compress under the write lock.
func (s *Store) EncodeWith(articles []storyfold.Article, features [][]byte) {
	s.ahead.EncodeWith(articles, features, compression)
}

// compression is how the store keeps an article's columns: the text
// plain, since the full-text index is an expression over it (see
// migrations) and the server compresses it as it stores it, and the
// document zstd-compressed with the text as the dictionary, a third of
// what the server's own compression (pglz) would keep and two thirds of
// what zstd keeps without the text.
var compression = sqlstore.Compression{Doc: true, DocWithText: true}

// Save implements storyfold.Store. Articles already stored (by hash) are
// left as they are, so saving the same batch twice stores it once. The
// statements go in one round trip.
func (s *Store) Save(ctx context.Context, b *storyfold.Batch) error {
	now := time.Now().UTC()
	rows, err := sqlstore.EncodeArticlesAs(b.Articles, compression, now, &s.ahead)
	if err != nil {
		return err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("save: %w", err)
	}
	defer tx.Rollback(ctx)
	var batch pgx.Batch
	// The version row first: every transaction that writes takes its lock
	// before any other, so a save and a rebuilt story's save never wait on
	// each other's rows in opposite orders.
	batch.Queue("UPDATE version SET n = n + 1")
	for _, row := range rows {
		batch.Queue(insertArticle, row...)
	}
	for _, st := range b.Stories {
		doc, sources, err := record.StoryDocsDense(st)
		if err != nil {
			return err
		}
		batch.Queue(upsertStory, sqlstore.StoryArgs(st, doc, sources, now)...)
	}
	for _, id := range b.Stale {
		batch.Queue(markStale, id, now)
	}
	if err := tx.SendBatch(ctx, &batch).Close(); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	return nil
}
