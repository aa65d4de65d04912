package sqlite

import (
	"context"

	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// LockWrites implements storyfold.Store: a buffered channel between the
// goroutines of this process, then an exclusive flock on the lock file
// beside the database (lock_unix.go), which the kernel releases if the
// process dies.
func (s *Store) LockWrites(ctx context.Context) (func(), error) {
	return sqlstore.LockWrites(ctx, s.writes, func(ctx context.Context) (func(), error) {
		return lockFile(ctx, s.lockPath)
	})
}
