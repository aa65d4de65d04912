package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/record"
	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// Save implements storyfold.Store. Articles already stored (by hash) are
// left as they are, so saving the same batch twice stores it once.
func (s *Store) Save(ctx context.Context, b *storyfold.Batch) error {
	// The documents are encoded before the transaction, which holds
	// every other write of the process back.
	docs, err := sqlstore.ArticleDocs(b.Articles, true)
	if err != nil {
		return err
	}
	s.txs.Lock()
	defer s.txs.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save: %w", err)
	}
	defer tx.Rollback()
	now := time.Now().UTC().Format(time.RFC3339Nano)
	ins, err := tx.PrepareContext(ctx, sqlstore.InsertArticle)
	if err != nil {
		return fmt.Errorf("save: %w", err)
	}
	defer ins.Close()
	for i, sa := range b.Articles {
		if _, err := ins.ExecContext(ctx, sqlstore.ArticleArgs(sa, docs[i], true, now)...); err != nil {
			return fmt.Errorf("save article %s: %w", sa.Article.ID, err)
		}
	}
	up, err := tx.PrepareContext(ctx, sqlstore.UpsertStory)
	if err != nil {
		return fmt.Errorf("save: %w", err)
	}
	defer up.Close()
	for _, st := range b.Stories {
		doc, sources, err := record.StoryDocs(st, true)
		if err != nil {
			return err
		}
		if _, err := up.ExecContext(ctx, sqlstore.StoryArgs(st, doc, sources, now)...); err != nil {
			return fmt.Errorf("save story %s: %w", st.ID, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE version SET n = n + 1"); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	if len(b.Stale) > 0 {
		mark, err := tx.PrepareContext(ctx, sqlstore.MarkStale)
		if err != nil {
			return fmt.Errorf("save: %w", err)
		}
		defer mark.Close()
		for _, id := range b.Stale {
			if _, err := mark.ExecContext(ctx, id, now); err != nil {
				return fmt.Errorf("mark story %s stale: %w", id, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	return nil
}
