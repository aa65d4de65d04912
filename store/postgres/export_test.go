package postgres

import "context"

// OpenAt brings the store a URL names up to its first n migrations only,
// as an older storyfold left it, and returns a function that runs a
// statement on it.
func OpenAt(ctx context.Context, url string, n int) (exec func(query string) error, closeDB func(), err error) {
	s, err := open(ctx, url)
	if err != nil {
		return nil, nil, err
	}
	if err := s.migrateTo(ctx, n); err != nil {
		s.pool.Close()
		return nil, nil, err
	}
	return func(query string) error {
		_, err := s.pool.Exec(ctx, query)
		return err
	}, s.pool.Close, nil
}
