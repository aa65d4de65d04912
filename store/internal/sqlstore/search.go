package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/record"
)

// Match is an article a full-text query matched: its sequence number and
// its score, the higher the better (an engine whose best score is its
// lowest gives it negated).
type Match struct {
	Seq   int64
	Score float64
}

// Search implements storyfold.Store around the engine's Matches: a query
// that matches more than storyfold.MaxSearchTotal articles is ranked among
// the newest of them only (ranking thousands of matches costs
// milliseconds, a word that common says little about relevance, and news
// readers want the recent), equal scores keep the newest first, and
// snippets are built in Go for the page's results only. Every query runs
// under record.SearchDeadline, after the engine has reduced it to its
// terms, so no query costs more than a bounded one.
func (r Reads) Search(ctx context.Context, q storyfold.SearchQuery) ([]storyfold.SearchHit, int, error) {
	lim, off := record.Limit(q.Limit), max(0, q.Offset)
	ctx, cancel := record.SearchContext(ctx)
	defer cancel()
	page, total, err := r.ranked(ctx, q.Text, off, lim)
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	out := []storyfold.SearchHit{}
	if len(page) == 0 {
		return out, total, nil
	}
	seqs := make([]int64, len(page))
	for i, m := range page {
		seqs[i] = m.Seq
	}
	bySeq := make(map[int64]storyfold.SearchHit, len(page))
	query := record.QueryWords(q.Text)
	err = r.Dialect.In("seq", seqs, func(cond string, args []any) error {
		return r.DB.Query(ctx, "SELECT seq, id, story_id, title, source, COALESCE(published, ''), text FROM articles WHERE "+cond,
			args, func(scan func(...any) error) error {
				var h storyfold.SearchHit
				var seq int64
				var date string
				var stored []byte
				if err := scan(&seq, &h.ArticleID, &h.StoryID, &h.Title, &h.Source, &date, &stored); err != nil {
					return err
				}
				text, err := record.Text(stored)
				if err != nil {
					return err
				}
				h.Date = record.Date(date)
				h.Snippet = record.Snippet(text, query)
				bySeq[seq] = h
				return nil
			})
	})
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	for _, m := range page {
		if h, ok := bySeq[m.Seq]; ok {
			out = append(out, h)
		}
	}
	return out, total, nil
}

// ranked is Search's page of matches and their total: the engine's
// Dialect.Ranked when it has one, else its Matches ordered here.
func (r Reads) ranked(ctx context.Context, text string, off, lim int) ([]Match, int, error) {
	if r.Dialect.Ranked != nil {
		return r.Dialect.Ranked(ctx, text, off, lim)
	}
	matches, err := r.Dialect.Matches(ctx, text, max(storyfold.MaxSearchTotal, off+lim))
	if err != nil {
		return nil, 0, err
	}
	slices.SortStableFunc(matches, func(a, b Match) int { return cmp.Compare(b.Score, a.Score) })
	total := min(len(matches), storyfold.MaxSearchTotal)
	return matches[min(off, len(matches)):min(off+lim, len(matches))], total, nil
}

// QueryMatches runs an engine's query for Dialect.Matches, which selects
// each match's sequence number and score.
func QueryMatches(ctx context.Context, db DB, query string, args ...any) ([]Match, error) {
	var out []Match
	err := db.Query(ctx, query, args, func(scan func(...any) error) error {
		var m Match
		if err := scan(&m.Seq, &m.Score); err != nil {
			return err
		}
		out = append(out, m)
		return nil
	})
	return out, err
}
