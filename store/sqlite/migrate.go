package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/storyfold/storyfold/store/internal/record"
	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// migrations are applied in order, each once; the database's user_version
// says how many have run. Never edit one that has shipped: add another.
var migrations = []sqlstore.Migration{
	{SQL: `CREATE TABLE articles (
		seq          INTEGER PRIMARY KEY,
		id           TEXT NOT NULL UNIQUE,
		hash         TEXT NOT NULL UNIQUE,
		source       TEXT NOT NULL,
		title        TEXT NOT NULL,
		url          TEXT NOT NULL,
		published    TEXT,
		language     TEXT NOT NULL,
		text         TEXT NOT NULL,
		doc          TEXT NOT NULL,
		story_id     TEXT NOT NULL,
		duplicate_of TEXT,
		features     BLOB,
		added        TEXT NOT NULL
	);
	CREATE INDEX articles_story ON articles(story_id);
	CREATE INDEX articles_duplicate ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
	CREATE INDEX articles_source ON articles(source);
	CREATE TABLE stories (
		id        TEXT PRIMARY KEY,
		headline  TEXT NOT NULL,
		first     TEXT,
		last      TEXT,
		articles  INTEGER NOT NULL,
		doc       TEXT NOT NULL,
		updated   TEXT NOT NULL
	);
	CREATE INDEX stories_updated ON stories(updated);
	CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='seq', tokenize='porter unicode61');
	CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
		INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
	END;
	CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
		INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
	END;`},
	// What a list of stories shows, in an index that covers the list in
	// its order, so listing reads neither the stories' documents nor a
	// sort. Stories saved before carry 0 and [] until saved again.
	{SQL: `ALTER TABLE stories ADD COLUMN independent INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE stories ADD COLUMN sources TEXT NOT NULL DEFAULT '[]';
	CREATE INDEX stories_list ON stories(last DESC, updated DESC, id, headline, articles, independent, sources, first);`},
	// A counter every save bumps, for readers that cache.
	{SQL: `CREATE TABLE version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
	INSERT INTO version VALUES (1, 0);`},
	// Stories whose articles changed since their account was saved: the
	// mark is the version of the save that changed them last, marked its
	// time. Rebuilding happens outside the write lock, so the mark must
	// outlive a writer that dies before rebuilding.
	{SQL: `CREATE TABLE stale (
		story_id TEXT PRIMARY KEY,
		mark     INTEGER NOT NULL,
		marked   TEXT NOT NULL
	);`},
	// The outlet's key a source filter compares (record.SourceKey), so
	// "fox news" finds "Fox News" through an index, in any script: the
	// engine's lower() folds ASCII only.
	{SQL: `ALTER TABLE articles ADD COLUMN source_key TEXT NOT NULL DEFAULT '';
	CREATE INDEX articles_source_key ON articles(source_key);`, Fill: sqlstore.FillSourceKeys},
	// Texts are kept compressed from now on (record.TextBlob), so the
	// full-text index can no longer read them from the articles: it keeps
	// no copy of its own either (contentless), and Save feeds it the plain
	// text without its stop words (record.IndexText), which took two
	// fifths of the index. Search reads only rowids and scores from it;
	// snippets are built in Go from the articles' text. Texts stored
	// before stay as they were, and read as they did; fillIndex indexes
	// them again.
	{SQL: `DROP TRIGGER articles_fts_insert;
	DROP TRIGGER articles_fts_delete;
	DROP TABLE articles_fts;
	CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='', contentless_delete=1, tokenize='porter unicode61');
	CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
		DELETE FROM articles_fts WHERE rowid = old.seq;
	END;`, Fill: fillIndex},
	// Story documents are saved in a binary form of our own from now on
	// (record.StoryDocs), which a storyfold before it cannot read: the
	// schema's version says so, and such a storyfold refuses the store
	// rather than show its stories as unreadable. Documents saved before
	// stay JSON, and read as they did.
	{SQL: `SELECT 1`},
	// Article documents are saved in a binary form of our own from now
	// on too (record.ArticleDoc), which a storyfold before it cannot
	// read: the schema's version says so. Documents saved before stay
	// JSON, and read as they did.
	{SQL: `SELECT 1`},
}

// fillIndex feeds the full-text index every stored article, as Save
// feeds it a new one, a part at a time, so that a large store is not
// read into memory whole.
func fillIndex(ctx context.Context, tx sqlstore.DB) error {
	const part = 500
	for after := int64(-1); ; {
		var rows []any
		err := tx.Query(ctx, "SELECT seq, title, text FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", []any{after, part},
			func(scan func(...any) error) error {
				var seq int64
				var title string
				var stored []byte
				if err := scan(&seq, &title, &stored); err != nil {
					return err
				}
				text, err := record.Text(stored)
				if err != nil {
					return err
				}
				rows = append(rows, seq, record.IndexText(title), record.IndexText(text))
				after = seq
				return nil
			})
		if err != nil {
			return fmt.Errorf("index stored articles: %w", err)
		}
		if len(rows) == 0 {
			return nil
		}
		if err := indexRows(func(q string, args []any) error { return tx.Exec(ctx, q, args) }, rows); err != nil {
			return err
		}
	}
}

// migrate brings the schema up to date, each migration in a transaction
// of its own that also sets user_version.
func (s *Store) migrate(ctx context.Context) error {
	return s.migrateTo(ctx, len(migrations))
}

// migrateTo runs the migrations up to the nth: tests stop early to make a
// store as an older storyfold left it.
func (s *Store) migrateTo(ctx context.Context, n int) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("database schema %d is newer than this storyfold (%d)", version, len(migrations))
	}
	for i := version; i < n; i++ {
		if err := s.migration(ctx, i); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	return nil
}

// migration runs migrations[i] and records it, in one transaction. The
// transaction takes the write lock as it begins (_txlock=immediate), and
// the version is read again under it: another process opening the same
// new file at once (a reader polling a store that ingest is creating) may
// have applied the migration between migrateTo's read and this one.
func (s *Store) migration(ctx context.Context, i int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > i {
		return nil
	}
	if _, err := tx.ExecContext(ctx, migrations[i].SQL); err != nil {
		return err
	}
	if fill := migrations[i].Fill; fill != nil {
		if err := fill(ctx, conn{tx}); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
		return err
	}
	return tx.Commit()
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
