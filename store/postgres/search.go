package postgres

import (
	"context"

	"github.com/storyfold/storyfold/store/internal/record"
	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// storyText implements sqlstore.Dialect.StoryText with PostgreSQL's text
// search: every word of the query required, stemmed as English.
func storyText(text string) (string, any, bool) {
	words := record.QueryWords(text)
	if words == "" {
		return "", nil, false
	}
	return "s.id IN (SELECT a.story_id FROM articles a WHERE a.search @@ plainto_tsquery('english', ?))", words, true
}

// matches implements sqlstore.Dialect.Matches with PostgreSQL's text
// search: every word of the query required, stemmed as English, title
// words weighted above the text's. The query is reduced to
// record.QueryWords first, which plainto_tsquery parses as it indexed the
// text ("U.S." and "3.5" whole).
func (s *Store) matches(ctx context.Context, text string, limit int) ([]sqlstore.Match, error) {
	words := record.QueryWords(text)
	if words == "" {
		return nil, nil
	}
	return sqlstore.QueryMatches(ctx, s.shared.DB, `SELECT seq, ts_rank(search, query)::float8 FROM articles, plainto_tsquery('english', ?) query
		WHERE search @@ query ORDER BY seq DESC LIMIT ?`, words, limit)
}
