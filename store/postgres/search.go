package postgres

import (
	"context"

	"github.com/storyfold/storyfold/store/internal/record"
	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// searchVector is the expression the full-text index is built on (see
// migrations): the title's words weighted above the text's, stemmed as
// English, from the first 100,000 characters of the text (a tsvector holds
// 1 MB at most, and no news article is longer). A query must spell it the
// same for the server to use the index.
const searchVector = `(setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', left(text, 100000)), 'D'))`

// storyText implements sqlstore.Dialect.StoryText with PostgreSQL's text
// search: every word of the query required, stemmed as English. The
// matching stories are gathered once, through the index
// (storyfold_matching), as an array: as a semi-join the planner may
// instead test the articles of each story in turn, building each one's
// vector from its text (1.4 s for 2,000 articles).
func storyText(text string) (string, any, bool) {
	words := record.QueryWords(text)
	if words == "" {
		return "", nil, false
	}
	return "s.id = ANY(ARRAY(SELECT story_id FROM storyfold_matching(?, NULL)))", words, true
}

// matches implements sqlstore.Dialect.Matches with PostgreSQL's text
// search: every word of the query required, stemmed as English, title
// words weighted above the text's. The query is reduced to
// record.QueryWords first, which plainto_tsquery parses as it indexed the
// text ("U.S." and "3.5" whole). The index finds the matches
// (storyfold_matching) without reading their text; the newest are ranked from their titles and
// rank_counts (storyfold_search_rank), which gives a one-word query
// ts_rank's score over the whole text, and a query of several words the
// same but for how near its words stand, which it does not keep.
func (s *Store) matches(ctx context.Context, text string, limit int) ([]sqlstore.Match, error) {
	words := record.QueryWords(text)
	if words == "" {
		return nil, nil
	}
	return sqlstore.QueryMatches(ctx, s.shared.DB, `SELECT m.seq, storyfold_search_rank(m.title, m.rank_counts, lexemes, query)::float8
		FROM storyfold_matching(?, ?) m, plainto_tsquery('english', ?) query, tsvector_to_array(to_tsvector('english', ?)) lexemes`,
		words, limit, words, words)
}
