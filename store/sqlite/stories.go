package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// SaveStories implements storyfold.Store: each mark is taken away only if
// it is still the one the rebuild started from, and the story saved in
// the same transaction.
func (s *Store) SaveStories(ctx context.Context, stories []*storyfold.Story, marks []int64) ([]bool, error) {
	docs, sources, err := sqlstore.RebuiltDocs(stories, marks, true)
	if err != nil {
		return nil, err
	}
	saved := make([]bool, len(stories))
	if len(stories) == 0 {
		return saved, nil
	}
	s.txs.Lock()
	defer s.txs.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	defer tx.Rollback()
	unmark, err := tx.PrepareContext(ctx, "DELETE FROM stale WHERE story_id = ? AND mark = ? RETURNING marked")
	if err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	defer unmark.Close()
	up, err := tx.PrepareContext(ctx, sqlstore.UpsertStory)
	if err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	defer up.Close()
	wrote := false
	for i, st := range stories {
		var marked string
		err := unmark.QueryRowContext(ctx, st.ID, marks[i]).Scan(&marked)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("save story %s: %w", st.ID, err)
		}
		if _, err := up.ExecContext(ctx, sqlstore.StoryArgs(st, docs[i], sources[i], marked)...); err != nil {
			return nil, fmt.Errorf("save story %s: %w", st.ID, err)
		}
		saved[i], wrote = true, true
	}
	if !wrote {
		return saved, nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE version SET n = n + 1"); err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	return saved, nil
}
