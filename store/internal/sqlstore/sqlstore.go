// Package sqlstore is what the SQL stores share: the reads that SQLite and
// PostgreSQL answer with the same statement, written once with ?
// placeholders, and what is the same around the statements that differ (a
// search's paging, ranking and snippets, the story list's filter, the
// write lock's hand-over between goroutines). A store adapts its driver to
// DB, says how its engine differs in a Dialect, and embeds Reads, so a
// change to how stories are listed or searched is made once and both
// stores keep answering alike.
package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// DB is a connection pool or a transaction. Each store adapts its driver
// to it; the PostgreSQL one rewrites the ? placeholders first (Rebind).
type DB interface {
	// Query runs a query and calls row for each row it returns, with the
	// row's Scan.
	Query(ctx context.Context, query string, args []any, row func(scan func(dest ...any) error) error) error
	// Exec runs a statement that returns no rows.
	Exec(ctx context.Context, query string, args []any) error
}

// ErrNoRows is returned by QueryRow for a query that returned no row.
var ErrNoRows = errors.New("no rows")

// QueryRow scans the first row a query returns into dest, or returns
// ErrNoRows.
func QueryRow(ctx context.Context, db DB, query string, args []any, dest ...any) error {
	found := false
	err := db.Query(ctx, query, args, func(scan func(...any) error) error {
		if found {
			return nil
		}
		found = true
		return scan(dest...)
	})
	if err != nil {
		return err
	}
	if !found {
		return ErrNoRows
	}
	return nil
}

// Rebind rewrites a statement's ? placeholders as PostgreSQL's $1, $2, and
// so on. The shared statements hold no ? in a string or a name, and the
// values a user gives travel as arguments, never in the statement.
func Rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] != '?' {
			b.WriteByte(query[i])
			continue
		}
		n++
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

// Dialect is what differs between the engines in the shared reads.
type Dialect struct {
	// In calls fn with a condition that keeps the rows whose column is
	// one of keys (a []string or an []int64), and the condition's
	// arguments: once, or once for each part of keys where the engine
	// bounds a statement's arguments. Given no keys it need not call fn.
	In func(column string, keys any, fn func(cond string, args []any) error) error
	// StoryText is the condition that keeps the stories (as s) with an
	// article that matches a full-text query, and its argument; ok is
	// false when the text holds no word to search for, which matches
	// nothing.
	StoryText func(text string) (cond string, arg any, ok bool)
	// ListOrder orders the story list (as s), the newest first and the
	// undated last, as the engine's index on stories does, so listing
	// needs no sort.
	ListOrder string
	// Copies is the expression that gives an article's (as a) copies, as
	// a JSON array of their IDs in the order they were stored, or NULL
	// or [] for none.
	Copies string
	// Matches returns the articles a full-text query matches, at most
	// limit of them, the newest first, each with its score; none when the
	// text holds no word to search for.
	Matches func(ctx context.Context, text string, limit int) ([]Match, error)
	// Ranked, when set, answers what Search makes of Matches in the
	// engine: of the newest max(storyfold.MaxSearchTotal, off+lim)
	// matches, the lim from off when ordered by score, the best first and
	// the newest first among equal scores, and how many there are, capped
	// at storyfold.MaxSearchTotal. An engine whose rows cost more to hand
	// over than to sort sets it, so that only a page's rows leave it.
	Ranked func(ctx context.Context, text string, off, lim int) ([]Match, int, error)
}

// Reads answers the reads of storyfold.Store that are alike in both
// engines. A store embeds it.
type Reads struct {
	DB      DB
	Dialect Dialect
	// Memo, when set, keeps the unfiltered story list's total and the
	// outlets' counts between saves.
	Memo *Memo
}

// LockWrites takes a store's write lock: first among the goroutines of
// this process (writes, a channel of one slot, so a goroutine waiting for
// it can give up when ctx ends), then among processes (lock, the engine's
// own). It returns what releases both, which is harmless to call again.
func LockWrites(ctx context.Context, writes chan struct{}, lock func(context.Context) (release func(), err error)) (func(), error) {
	select {
	case writes <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("lock writes: %w", ctx.Err())
	}
	release, err := lock(ctx)
	if err != nil {
		<-writes
		return nil, fmt.Errorf("lock writes: %w", err)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			release()
			<-writes
		})
	}, nil
}
