package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// migrations are applied in order, each once; the schema_version table
// says how many have run. Never edit one that has shipped: add another.
//
// Identifiers and dates use the C collation so they sort byte by byte, as
// in SQLite, whatever the database's locale. The text search vector is
// built from the first 100,000 characters of the text: a tsvector holds
// 1 MB at most, and no news article is longer.
var migrations = []sqlstore.Migration{
	{SQL: `CREATE TABLE articles (
		seq          BIGSERIAL PRIMARY KEY,
		id           TEXT COLLATE "C" NOT NULL UNIQUE,
		hash         TEXT COLLATE "C" NOT NULL UNIQUE,
		source       TEXT COLLATE "C" NOT NULL,
		title        TEXT NOT NULL,
		url          TEXT NOT NULL,
		published    TEXT COLLATE "C",
		language     TEXT NOT NULL,
		text         TEXT NOT NULL,
		doc          TEXT NOT NULL,
		story_id     TEXT COLLATE "C" NOT NULL,
		duplicate_of TEXT COLLATE "C",
		features     BYTEA,
		added        TIMESTAMPTZ NOT NULL,
		search       TSVECTOR GENERATED ALWAYS AS (
			setweight(to_tsvector('english', title), 'A') ||
			setweight(to_tsvector('english', left(text, 100000)), 'D')) STORED
	);
	CREATE INDEX articles_story ON articles(story_id);
	CREATE INDEX articles_duplicate ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
	CREATE INDEX articles_source ON articles(source);
	CREATE INDEX articles_search ON articles USING GIN (search);
	CREATE TABLE stories (
		id          TEXT COLLATE "C" PRIMARY KEY,
		headline    TEXT NOT NULL,
		first       TEXT COLLATE "C",
		last        TEXT COLLATE "C",
		articles    INTEGER NOT NULL,
		independent INTEGER NOT NULL,
		sources     TEXT NOT NULL,
		doc         TEXT NOT NULL,
		updated     TIMESTAMPTZ NOT NULL
	);
	CREATE INDEX stories_updated ON stories(updated);
	CREATE INDEX stories_list ON stories(last DESC NULLS LAST, updated DESC, id);
	CREATE TABLE version (id INTEGER PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL);
	INSERT INTO version VALUES (1, 0);`},
	// Stories whose articles changed since their account was saved: the
	// mark is the version of the save that changed them last, marked its
	// time. Rebuilding happens outside the write lock, so the mark must
	// outlive a writer that dies before rebuilding.
	{SQL: `CREATE TABLE stale (
		story_id TEXT COLLATE "C" PRIMARY KEY,
		mark     BIGINT NOT NULL,
		marked   TIMESTAMPTZ NOT NULL
	);`},
	// The outlet's key a source filter compares (record.SourceKey), so
	// "fox news" finds "Fox News" through an index, in any script: the
	// engine's lower() folds by the collation, ASCII only under "C".
	{SQL: `ALTER TABLE articles ADD COLUMN source_key TEXT COLLATE "C" NOT NULL DEFAULT '';
	CREATE INDEX articles_source_key ON articles(source_key);`, Fill: sqlstore.FillSourceKeys},
}

// migrate runs the migrations not yet run, under a transaction-scoped
// advisory lock so that processes starting together migrate once.
func (s *Store) migrate(ctx context.Context) error {
	return s.migrateTo(ctx, len(migrations))
}

// migrateTo runs the migrations up to the nth: tests stop early to make a
// store as an older storyfold left it.
func (s *Store) migrateTo(ctx context.Context, n int) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended('storyfold-migrate:' || current_schema(), 0))"); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if _, err := tx.Exec(ctx, "CREATE TABLE IF NOT EXISTS schema_version (n INTEGER NOT NULL)"); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var version int
	err = tx.QueryRow(ctx, "SELECT n FROM schema_version").Scan(&version)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		if _, err := tx.Exec(ctx, "INSERT INTO schema_version VALUES (0)"); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	case err != nil:
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("database schema %d is newer than this storyfold (%d)", version, len(migrations))
	}
	for i := version; i < n; i++ {
		if _, err := tx.Exec(ctx, migrations[i].SQL); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if fill := migrations[i].Fill; fill != nil {
			if err := fill(ctx, conn{tx}); err != nil {
				return fmt.Errorf("migration %d: %w", i+1, err)
			}
		}
	}
	if _, err := tx.Exec(ctx, "UPDATE schema_version SET n = $1", max(version, n)); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return tx.Commit(ctx)
}
