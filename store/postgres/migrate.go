package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/storyfold/storyfold/store/internal/record"
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
	// Under three times the text (issue 15). The stored search vector
	// (about as large as the text) goes: the full-text index is built on
	// the same expression instead (searchVector), with a small pending
	// list, since the server's default of 4 MB is 2 kB an article in a
	// store of 2,000. What ranking read of the vector is kept in
	// rank_counts (storyfold_rank_counts), about 250 bytes an article: for
	// each word of the title, and each the text holds twice or more, the
	// word's hash (hashtext) with its low byte replaced by how often the
	// text holds it, up to 255; a word a match holds but rank_counts lacks
	// is in the text once. storyfold_search_rank rebuilds from it and the
	// title a vector of the query's words alone and ranks it with ts_rank:
	// for a query of one word that is ts_rank's score over the whole
	// vector; for several, what the positions added (how near the words
	// stand) is lost. The vector is built only as an article is indexed:
	// storyfold_matching finds the matches through the index only, since a
	// plan that tests rows one by one (the primary key's order, for the
	// newest matches of a common word) builds each one's vector from its
	// text, 2 ms a row. Documents are kept zstd-compressed, an article's
	// with its text as the dictionary (Fill converts the stored ones); the
	// text stays plain, for the index, and the server compresses it.
	{SQL: `CREATE FUNCTION storyfold_rank_counts(title TEXT, body TEXT) RETURNS INT4[]
		LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
		SELECT coalesce(array_agg((hashtext(l) & -256) | least(n, 255) ORDER BY l), '{}')
		FROM (SELECT coalesce(b.lexeme, t.lexeme) l, coalesce(cardinality(b.positions), 0) n, t.lexeme IS NOT NULL in_title
			FROM unnest(to_tsvector('english', body)) b
			FULL JOIN unnest(to_tsvector('english', title)) t ON t.lexeme = b.lexeme) z
		WHERE in_title OR n >= 2 $$;
	CREATE FUNCTION storyfold_search_rank(title TEXT, counts INT4[], lexemes TEXT[], query TSQUERY) RETURNS FLOAT4
		LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
		SELECT ts_rank(setweight(to_tsvector('english', title), 'A') || coalesce((
			SELECT string_agg(quote_literal(l) || ':' || array_to_string(array(SELECT generate_series(1, n)), ','), ' ')
			FROM (SELECT l, coalesce((SELECT c & 255 FROM unnest(counts) c WHERE c & -256 = hashtext(l) & -256 LIMIT 1), 1) n
				FROM unnest(lexemes) l) z
			WHERE n > 0)::tsvector, ''), query) $$;
	DROP INDEX articles_search;
	ALTER TABLE articles DROP COLUMN search,
		ALTER COLUMN doc TYPE BYTEA USING convert_to(doc, 'UTF8'),
		ADD COLUMN rank_counts INT4[] GENERATED ALWAYS AS (storyfold_rank_counts(title, left(text, 100000))) STORED;
	ALTER TABLE stories ALTER COLUMN doc TYPE BYTEA USING convert_to(doc, 'UTF8');
	CREATE INDEX articles_search ON articles USING GIN (` + searchVector + `) WITH (gin_pending_list_limit = 256);
	CREATE FUNCTION storyfold_matching(words TEXT, lim INTEGER) RETURNS TABLE (seq BIGINT, title TEXT, rank_counts INT4[], story_id TEXT)
		LANGUAGE plpgsql STABLE PARALLEL SAFE SET enable_seqscan = off SET enable_indexscan = off SET search_path FROM CURRENT AS $$
		#variable_conflict use_column
		BEGIN
			RETURN QUERY SELECT seq, title, rank_counts, story_id FROM articles
				WHERE ` + searchVector + ` @@ plainto_tsquery('english', words) ORDER BY seq DESC LIMIT lim;
		END $$;`,
		Fill: compressDocs},
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

// compressDocs compresses the documents an earlier storyfold kept plain,
// a few hundred at a time in the order of the table's key: an article's
// with its text as the dictionary, as Save does.
func compressDocs(ctx context.Context, db sqlstore.DB) error {
	for _, table := range []struct {
		name, key, text string
		first           any
	}{{"articles", "seq", "text", int64(0)}, {"stories", "id", "''", ""}} {
		for after := table.first; ; {
			var keys []any
			var docs [][]byte
			var texts []string
			err := db.Query(ctx, `SELECT `+table.key+`, doc, `+table.text+` FROM `+table.name+` WHERE `+table.key+` > ?
				AND substring(doc FROM 1 FOR 4) <> '\x28b52ffd'::bytea ORDER BY `+table.key+` LIMIT 500`, []any{after},
				func(scan func(...any) error) error {
					var key any
					var doc []byte
					var text string
					if err := scan(&key, &doc, &text); err != nil {
						return err
					}
					keys, docs, texts = append(keys, key), append(docs, doc), append(texts, text)
					return nil
				})
			if err != nil {
				return fmt.Errorf("compress documents: %w", err)
			}
			if len(keys) == 0 {
				break
			}
			for i, key := range keys {
				doc, err := record.CompressWithText(docs[i], texts[i])
				if err != nil {
					return err
				}
				if err := db.Exec(ctx, `UPDATE `+table.name+` SET doc = ? WHERE `+table.key+` = ?`, []any{doc, key}); err != nil {
					return fmt.Errorf("compress documents: %w", err)
				}
			}
			after = keys[len(keys)-1]
		}
	}
	return nil
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
