//go:build !unix

package sqlite

import "context"

// lockFile is a no-op where flock is missing: writers in one process still
// exclude each other, but separate processes must not write to one
// database at the same time.
func lockFile(ctx context.Context, path string) (func(), error) {
	return func() {}, nil
}
