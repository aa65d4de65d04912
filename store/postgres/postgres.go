// Package postgres is the shared store: PostgreSQL through pgx, for several
// processes (servers, watchers, workers) on several machines. Full-text
// search uses PostgreSQL's own text search. A URL's search_path parameter
// chooses the schema, so one database can hold several stores. The reads
// it answers as SQLite does are the shared ones of
// store/internal/sqlstore; this package holds what is PostgreSQL's own:
// the schema (migrate.go), the writes (articles.go, stories.go), text
// search (search.go) and the advisory lock (lock.go).
package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// shared names the embedded reads, so the field stays unexported.
type shared = sqlstore.Reads

// Store is the PostgreSQL store.
type Store struct {
	shared
	pool *pgxpool.Pool
	// lockKey names this store's advisory lock: the schema's, so stores in
	// different schemas of one database do not wait on each other.
	lockKey int64
	// writes is the write lock between goroutines of this process; the
	// advisory lock extends it to other processes.
	writes chan struct{}
	// ahead holds articles encoded before their save (Encode).
	ahead sqlstore.Ahead
}

var _ storyfold.Store = (*Store)(nil)

// Open connects to the database a postgres:// URL names and brings its
// schema up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	s, err := open(ctx, url)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if err := s.pool.QueryRow(ctx, "SELECT hashtextextended('storyfold:' || current_schema(), 0)").Scan(&s.lockKey); err != nil {
		s.pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return s, nil
}

// open connects to the database a URL names without migrating it.
func open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	s := &Store{pool: pool, writes: make(chan struct{}, 1)}
	s.shared = sqlstore.Reads{Memo: &sqlstore.Memo{}, DB: conn{pool}, Dialect: sqlstore.Dialect{
		In:        anyOf,
		StoryText: storyText,
		ListOrder: "s.last DESC NULLS LAST, s.updated DESC, s.id",
		Copies:    "(SELECT json_agg(d.id ORDER BY d.seq)::text FROM articles d WHERE d.duplicate_of = a.id)",
		Matches:   s.matches,
	}}
	return s, nil
}

// Close closes the connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// querier is what a pool and a transaction share.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// conn adapts pgx to sqlstore.DB, rewriting the ? placeholders of the
// shared statements.
type conn struct{ q querier }

// Query implements sqlstore.DB.
func (c conn) Query(ctx context.Context, query string, args []any, row func(scan func(...any) error) error) error {
	rows, err := c.q.Query(ctx, sqlstore.Rebind(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Exec implements sqlstore.DB.
func (c conn) Exec(ctx context.Context, query string, args []any) error {
	_, err := c.q.Exec(ctx, sqlstore.Rebind(query), args...)
	return err
}

// anyOf implements sqlstore.Dialect.In with one array argument, whatever
// the number of keys.
func anyOf(column string, keys any, fn func(cond string, args []any) error) error {
	return fn(column+" = ANY(?)", []any{keys})
}

// ResetSchema drops the schema name, with everything in it, creates it
// empty, and returns url set to use it: for tests and benchmarks that each
// want a store of their own in one database.
func ResetSchema(ctx context.Context, url, name string) (string, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return "", fmt.Errorf("reset schema: %w", err)
	}
	defer conn.Close(ctx)
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+ident+" CASCADE; CREATE SCHEMA "+ident); err != nil {
		return "", fmt.Errorf("reset schema %s: %w", name, err)
	}
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "search_path=" + name, nil
}

// DropSchema drops a schema ResetSchema made.
func DropSchema(ctx context.Context, url, name string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("drop schema: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{name}.Sanitize()+" CASCADE"); err != nil {
		return fmt.Errorf("drop schema %s: %w", name, err)
	}
	return nil
}

// Footprint returns the space the store's tables take with their indexes
// and TOAST (pg_total_relation_size, summed over the tables of its
// schema), split into each table's rows, each table's TOAST (out-of-line
// values, with their index) and each index, and the articles' column
// sums as stored, after the server's compression (pg_column_size).
func (s *Store) Footprint(ctx context.Context) (sqlstore.Footprint, error) {
	f := sqlstore.Footprint{Relations: map[string]int64{}}
	rows, err := s.pool.Query(ctx, `SELECT c.relname, pg_total_relation_size(c.oid), pg_indexes_size(c.oid),
			coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0),
			coalesce((SELECT json_object_agg(i.relname, pg_relation_size(i.oid)) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
				WHERE x.indrelid = c.oid), '{}')::text
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'`)
	if err != nil {
		return f, fmt.Errorf("footprint: %w", err)
	}
	for rows.Next() {
		var name, indexes string
		var total, indexed, toast int64
		if err := rows.Scan(&name, &total, &indexed, &toast, &indexes); err != nil {
			rows.Close()
			return f, fmt.Errorf("footprint: %w", err)
		}
		var each map[string]int64
		if err := json.Unmarshal([]byte(indexes), &each); err != nil {
			rows.Close()
			return f, fmt.Errorf("footprint: %w", err)
		}
		f.Total += total
		f.Relations[name] = total - indexed - toast
		if toast > 0 {
			f.Relations[name+" TOAST"] = toast
		}
		for index, n := range each {
			f.Relations[index] = n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, fmt.Errorf("footprint: %w", err)
	}
	err = s.pool.QueryRow(ctx, `SELECT count(*), coalesce(sum(pg_column_size(text)), 0), coalesce(sum(pg_column_size(doc)), 0),
		coalesce(sum(pg_column_size(features)), 0) FROM articles`).Scan(&f.Articles, &f.Text, &f.Doc, &f.Features)
	if err != nil {
		return f, fmt.Errorf("footprint: %w", err)
	}
	return f, nil
}
