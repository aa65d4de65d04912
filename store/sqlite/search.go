package sqlite

import (
	"context"
	"strings"

	"github.com/storyfold/storyfold"
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

// ranked implements sqlstore.Dialect.Ranked: the matches are scored as
// matches scores them, and ordered, counted and cut to the page in
// SQLite, so that a page hands over its 20 rows, not the 1,000 matches
// a common word ranks (each a step through database/sql).
func (s *Store) ranked(ctx context.Context, text string, off, lim int) ([]sqlstore.Match, int, error) {
	terms := searchTerms(text)
	if len(terms) == 0 {
		return nil, 0, nil
	}
	q, newest := ftsQuery(terms), max(storyfold.MaxSearchTotal, off+lim)
	var page []sqlstore.Match
	total := 0
	err := s.rankingQuery(ctx, []any{q, newest, lim, off}, func(scan func(...any) error) error {
		var m sqlstore.Match
		if err := scan(&m.Seq, &m.Score, &total); err != nil {
			return err
		}
		page = append(page, m)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	if len(page) == 0 && (off > 0 || lim <= 0) {
		// A page past the last match (or of no rows) still says how many
		// there are.
		err = s.shared.DB.Query(ctx, `SELECT count(*) FROM
			(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?)`, []any{q, newest},
			func(scan func(...any) error) error { return scan(&total) })
		if err != nil {
			return nil, 0, err
		}
	}
	return page, min(total, storyfold.MaxSearchTotal), nil
}

// rankingSQL is ranked's statement: the newest matches scored, then
// ordered by score, counted and cut to the page.
const rankingSQL = `SELECT seq, score, count(*) OVER () FROM
	(SELECT rowid AS seq, -bm25(articles_fts, 4.0, 1.0) AS score FROM articles_fts WHERE articles_fts MATCH ?
		ORDER BY rowid DESC LIMIT ?)
	ORDER BY score DESC, seq DESC LIMIT ? OFFSET ?`

// rankingQuery runs rankingSQL with args through the statement prepared
// once (database/sql prepares it again on each connection it meets), or
// as a plain query if it could not be prepared.
func (s *Store) rankingQuery(ctx context.Context, args []any, row func(scan func(...any) error) error) error {
	s.ranking.once.Do(func() {
		if stmt, err := s.db.PrepareContext(context.Background(), rankingSQL); err == nil {
			s.ranking.stmt = stmt
		}
	})
	if s.ranking.stmt == nil {
		return s.shared.DB.Query(ctx, rankingSQL, args, row)
	}
	rows, err := s.ranking.stmt.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	return eachRow(rows, row)
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
