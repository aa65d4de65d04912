// Package sqlite is the embedded store: one SQLite file (pure Go, through
// modernc.org/sqlite) in WAL mode, with full-text search over articles.
// The reads it answers as PostgreSQL does are the shared ones of
// store/internal/sqlstore; this package holds what is SQLite's own: the
// schema (migrate.go), the writes (articles.go, stories.go), FTS5 search
// (search.go) and the lock between processes (lock.go).
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	modsqlite "modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// shared names the embedded reads, so the field stays unexported.
type shared = sqlstore.Reads

// Store is the SQLite store.
type Store struct {
	shared
	db *sql.DB
	// writes is the write lock between goroutines of this process; the
	// lock file beside the database extends it to other processes.
	writes   chan struct{}
	lockPath string
	// txs queues this process's write transactions. SQLite lets one
	// write at a time and makes the others sleep and retry (busy_timeout)
	// in steps of up to 100 ms: a batch's save and the rebuilt stories
	// saved by several goroutines at once would spend their time asleep.
	// Other processes still wait through busy_timeout.
	txs sync.Mutex
	// ahead holds articles encoded before their save (Encode).
	ahead sqlstore.Ahead
	// ranking is the search's ranking statement (see ranked), prepared
	// once: SQLite parses a statement each time it is prepared, an eighth
	// of what ranking a common word's matches costs.
	ranking struct {
		once sync.Once
		stmt *sql.Stmt
	}
}

var _ storyfold.Store = (*Store)(nil)

// Open opens (creating if needed) the database file at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	s, err := open(ctx, path)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// busyTimeout is how long a connection waits for another's lock (the
// busy_timeout pragma), and how long useWAL tries.
const busyTimeout = 10 * time.Second

// open opens the database file at path, in WAL mode, without migrating it.
// The connections set no journal mode of their own: the file keeps it
// (useWAL).
func open(ctx context.Context, path string) (*Store, error) {
	dsn := fmt.Sprintf("file:%s?_pragma=busy_timeout(%d)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)&_txlock=immediate", path, busyTimeout.Milliseconds())
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := useWAL(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// Keep the connections open: opening one reads the schema and sets the
	// pragmas, which costs more than most queries. More connections than
	// twice the cores only queue on the CPU.
	conns := max(4, 2*runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	s := &Store{db: db, writes: make(chan struct{}, 1), lockPath: path + "-lock"}
	s.shared = sqlstore.Reads{Memo: &sqlstore.Memo{}, DB: conn{db}, Dialect: sqlstore.Dialect{
		In:        inList,
		StoryText: storyText,
		// DESC puts unknown (NULL) dates last, as the index does.
		ListOrder: "s.last DESC, s.updated DESC, s.id",
		Copies:    "(SELECT json_group_array(d.id) FROM (SELECT id FROM articles WHERE duplicate_of = a.id ORDER BY seq) d)",
		Matches:   s.matches,
		Ranked:    s.ranked,
	}}
	return s, nil
}

// useWAL puts the database file in WAL mode, which the file keeps, trying
// again while another connection holds the lock the switch needs.
//
// Each connection used to ask for WAL mode as it opened. On a file not yet
// in WAL mode (a new one), the switch reads the file's header in a read
// transaction and then upgrades it to a write one, and SQLite answers an
// upgrade that another connection's lock blocks with SQLITE_BUSY at once,
// without waiting through busy_timeout (two waiting upgraders would
// deadlock). Several processes opening a new file at once (a reader
// polling a store that ingest is creating) then failed at random, more
// often on a loaded machine. Only the switch can fail this way: once the
// file is in WAL mode the pragma only reads, and connections opened later
// find the mode in the file.
func useWAL(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(busyTimeout)
	for wait := time.Millisecond; ; wait = min(2*wait, 50*time.Millisecond) {
		var mode string
		err := db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode)
		if err == nil {
			return nil
		}
		var e *modsqlite.Error
		if !errors.As(err, &e) || e.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return fmt.Errorf("switch to WAL mode: %w", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// Close closes the database.
func (s *Store) Close() error {
	s.ranking.once.Do(func() {}) // a search preparing it has finished
	if s.ranking.stmt != nil {
		s.ranking.stmt.Close()
	}
	return s.db.Close()
}

// conn adapts database/sql to sqlstore.DB.
type conn struct{ q querier }

// Query implements sqlstore.DB.
func (c conn) Query(ctx context.Context, query string, args []any, row func(scan func(...any) error) error) error {
	rows, err := c.q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	return eachRow(rows, row)
}

// eachRow hands each of rows to row, then closes them: the reading of a
// query's rows that conn.Query and the prepared search share.
func eachRow(rows *sql.Rows, row func(scan func(...any) error) error) error {
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
	_, err := c.q.ExecContext(ctx, query, args...)
	return err
}

// inList implements sqlstore.Dialect.In with IN lists of at most 500
// placeholders each, well under what one SQLite statement may bind.
func inList(column string, keys any, fn func(cond string, args []any) error) error {
	var all []any
	switch k := keys.(type) {
	case []string:
		all = anys(k)
	case []int64:
		all = anys(k)
	default:
		return fmt.Errorf("an IN list of %T", keys)
	}
	const chunk = 500
	for start := 0; start < len(all); start += chunk {
		part := all[start:min(start+chunk, len(all))]
		if err := fn(column+" IN ("+placeholders(len(part))+")", part); err != nil {
			return err
		}
	}
	return nil
}

func anys[T any](keys []T) []any {
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = k
	}
	return out
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// Footprint returns the space the database takes once its write-ahead
// log is checkpointed into it (pages in use, free pages left out), each
// table's and index's share, and the articles' column sums.
func (s *Store) Footprint(ctx context.Context) (sqlstore.Footprint, error) {
	f := sqlstore.Footprint{Relations: map[string]int64{}}
	if _, err := s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return f, fmt.Errorf("footprint: %w", err)
	}
	var pages, free, size int64
	if err := s.db.QueryRowContext(ctx, "SELECT (SELECT page_count FROM pragma_page_count()), (SELECT freelist_count FROM pragma_freelist_count()), (SELECT page_size FROM pragma_page_size())").Scan(&pages, &free, &size); err != nil {
		return f, fmt.Errorf("footprint: %w", err)
	}
	f.Total = (pages - free) * size
	// dbstat is compiled into modernc's SQLite; without it the total
	// still stands.
	if rows, err := s.db.QueryContext(ctx, "SELECT name, sum(pgsize) FROM dbstat GROUP BY name"); err == nil {
		for rows.Next() {
			var name string
			var n int64
			if rows.Scan(&name, &n) == nil {
				f.Relations[name] = n
			}
		}
		rows.Close()
	}
	return f, s.ColumnBytes(ctx, &f)
}
