package postgres

import (
	"context"
	"time"

	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// LockWrites implements storyfold.Store with a session advisory lock held
// on a connection of its own, which the server releases if the process
// dies and its connection drops.
func (s *Store) LockWrites(ctx context.Context) (func(), error) {
	return sqlstore.LockWrites(ctx, s.writes, s.lockSession)
}

// lockSession takes the advisory lock on a connection it keeps until the
// lock is released.
func (s *Store) lockSession(ctx context.Context) (func(), error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	// The server hands the lock over the moment it is released; a
	// cancelled context cancels the wait (pgx sends the server a cancel
	// request).
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", s.lockKey); err != nil {
		// The lock may have been granted as the cancel arrived: a
		// connection that may hold it is closed, never pooled.
		conn.Conn().Close(context.Background())
		conn.Release()
		return nil, err
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", s.lockKey); err != nil {
			// A connection that may still hold the lock must not go
			// back to the pool: closing it releases the lock.
			conn.Conn().Close(ctx)
		}
		conn.Release()
	}, nil
}
