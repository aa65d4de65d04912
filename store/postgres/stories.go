package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/record"
	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// SaveStories implements storyfold.Store: each mark is taken away only if
// it is still the one the rebuild started from, and the story saved by
// the same statement, all in one transaction and one round trip.
func (s *Store) SaveStories(ctx context.Context, stories []*storyfold.Story, marks []int64) ([]bool, error) {
	if len(stories) != len(marks) {
		return nil, fmt.Errorf("save stories: %d stories, %d marks", len(stories), len(marks))
	}
	// The documents are encoded before the transaction, which holds other
	// writes back.
	docs, sources := make([][]byte, len(stories)), make([]string, len(stories))
	for i, st := range stories {
		var err error
		if docs[i], sources[i], err = record.StoryDocsDense(st); err != nil {
			return nil, err
		}
	}
	saved := make([]bool, len(stories))
	if len(stories) == 0 {
		return saved, nil
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	defer tx.Rollback(ctx)
	var batch pgx.Batch
	// The version row first, in the order Save takes the rows. A
	// transaction that saves nothing is rolled back.
	batch.Queue("UPDATE version SET n = n + 1")
	for i, st := range stories {
		// The story is written only if its mark was still there to
		// delete; the statement returns a row when it was.
		batch.Queue(`WITH cleared AS (DELETE FROM stale WHERE story_id = $1 AND mark = $9 RETURNING marked)
			INSERT INTO stories (id, headline, first, last, articles, independent, sources, doc, updated)
			SELECT $1, $2, $3, $4, $5, $6, $7, $8, marked FROM cleared
			ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, first = excluded.first, last = excluded.last,
				articles = excluded.articles, independent = excluded.independent, sources = excluded.sources,
				doc = excluded.doc, updated = excluded.updated
			RETURNING id`,
			// UpsertStory's arguments, the mark ($9) in the place of the
			// update time, which is the mark's.
			sqlstore.StoryArgs(st, docs[i], sources[i], marks[i])...)
	}
	br := tx.SendBatch(ctx, &batch)
	if _, err := br.Exec(); err != nil {
		br.Close()
		return nil, fmt.Errorf("save stories: %w", err)
	}
	wrote := false
	for i, st := range stories {
		var id string
		err := br.QueryRow().Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			continue
		}
		if err != nil {
			br.Close()
			return nil, fmt.Errorf("save story %s: %w", st.ID, err)
		}
		saved[i], wrote = true, true
	}
	if err := br.Close(); err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	if !wrote {
		return saved, nil
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	return saved, nil
}
