package sqlite

import (
	"context"
	"strings"

	"github.com/storyfold/storyfold/store/internal/record"
	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// searchTerms are a query's terms the full-text index holds (see
// record.Searchable): a query of stop words only matches nothing.
func searchTerms(text string) []string {
	terms := record.QueryTerms(text)
	kept := terms[:0]
	for _, t := range terms {
		if record.Searchable(t) {
			kept = append(kept, t)
		}
	}
	return kept
}

// storyText implements sqlstore.Dialect.StoryText with FTS5.
func storyText(text string) (string, any, bool) {
	terms := searchTerms(text)
	if len(terms) == 0 {
		return "", nil, false
	}
	return `s.id IN (SELECT a.story_id FROM articles a WHERE a.seq IN
		(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))`, ftsQuery(terms), true
}

// matches implements sqlstore.Dialect.Matches with FTS5, which scores the
// matches by BM25 (title words count four times, and lower is better, so
// the score is negated). The query is reduced to record.QueryTerms first:
// one of punctuation only finds nothing, and stop words are dropped, as
// the index dropped them (searchTerms).
func (s *Store) matches(ctx context.Context, text string, limit int) ([]sqlstore.Match, error) {
	terms := searchTerms(text)
	if len(terms) == 0 {
		return nil, nil
	}
	return sqlstore.QueryMatches(ctx, s.shared.DB, `SELECT rowid, -bm25(articles_fts, 4.0, 1.0) FROM articles_fts WHERE articles_fts MATCH ?
		ORDER BY rowid DESC LIMIT ?`, ftsQuery(terms), limit)
}

// ftsQuery is the FTS5 query of a search's terms (see record.QueryTerms),
// which cannot be a syntax error: every word quoted, all of them required.
// The terms hold only letters and digits, so none needs escaping.
func ftsQuery(terms []string) string {
	var b strings.Builder
	for i, w := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(w)
		b.WriteByte('"')
	}
	return b.String()
}
