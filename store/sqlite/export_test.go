package sqlite

import "context"

// OpenAt opens the database at path with only its first n migrations
// run, as an older storyfold left it, and returns a function that runs
// a statement on it.
func OpenAt(ctx context.Context, path string, n int) (exec func(query string, args ...any) error, closeDB func() error, err error) {
	s, err := open(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	if err := s.migrateTo(ctx, n); err != nil {
		s.db.Close()
		return nil, nil, err
	}
	return func(query string, args ...any) error {
		_, err := s.db.ExecContext(ctx, query, args...)
		return err
	}, s.Close, nil
}

// JournalMode is the journal mode of s's database file.
func JournalMode(ctx context.Context, s *Store) (string, error) {
	var mode string
	err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
	return mode, err
}

// TextQuery is the FTS5 query s's searches send for text
// (storetest.TextQueryer).
func (s *Store) TextQuery(text string) string { return ftsQuery(searchTerms(text)) }
