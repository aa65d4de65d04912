package postgres

import (
	"context"

	"github.com/storyfold/storyfold/store/internal/record"
)

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

// RankPairs returns, for each stored article that a one-word query
// matches, ts_rank's score over the whole search vector and the score
// storyfold_search_rank gives it from what the store keeps.
func RankPairs(ctx context.Context, s *Store, word string) ([][2]float64, error) {
	rows, err := s.pool.Query(ctx, `SELECT ts_rank(`+searchVector+`, query)::float8,
			storyfold_search_rank(title, rank_counts, tsvector_to_array(to_tsvector('english', $1)), query)::float8
		FROM articles, plainto_tsquery('english', $1) query WHERE `+searchVector+` @@ query ORDER BY seq`, word)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]float64
	for rows.Next() {
		var p [2]float64
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PlainDocs counts the article and story documents kept uncompressed.
func PlainDocs(ctx context.Context, s *Store) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM articles WHERE substring(doc FROM 1 FOR 4) <> '\x28b52ffd'::bytea)
		+ (SELECT count(*) FROM stories WHERE substring(doc FROM 1 FOR 4) <> '\x28b52ffd'::bytea)`).Scan(&n)
	return n, err
}

// TextQuery is the words s's searches give plainto_tsquery for text
// (storetest.TextQueryer).
func (s *Store) TextQuery(text string) string { return record.QueryWords(text) }
