package sqlstore

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/record"
)

// storyDocs is the start of a query for story documents, each with
// whether it is stale.
const storyDocs = "SELECT doc, EXISTS (SELECT 1 FROM stale WHERE story_id = stories.id) FROM stories "

// Stories implements storyfold.Store.
func (r Reads) Stories(ctx context.Context) ([]*storyfold.Story, error) {
	out, err := r.stories(ctx, storyDocs+"ORDER BY updated DESC, articles DESC, id")
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	return out, nil
}

// Story implements storyfold.Store.
func (r Reads) Story(ctx context.Context, id string) (*storyfold.Story, error) {
	out, err := r.stories(ctx, storyDocs+"WHERE id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", id, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("story %s: %w", id, storyfold.ErrNotFound)
	}
	return out[0], nil
}

// stories reads the story documents a query selects, each with whether it
// is stale.
func (r Reads) stories(ctx context.Context, query string, args ...any) ([]*storyfold.Story, error) {
	var out []*storyfold.Story
	err := r.DB.Query(ctx, query, args, func(scan func(...any) error) error {
		var doc []byte
		var stale bool
		if err := scan(&doc, &stale); err != nil {
			return err
		}
		st, err := record.Story(doc)
		if err != nil {
			return err
		}
		st.Stale = stale
		out = append(out, st)
		return nil
	})
	return out, err
}

// StaleStories implements storyfold.Store.
func (r Reads) StaleStories(ctx context.Context, ids []string) ([]storyfold.StaleStory, error) {
	out := []storyfold.StaleStory{}
	query := func(cond string, args []any) error {
		return r.DB.Query(ctx, "SELECT story_id, mark FROM stale"+cond, args, func(scan func(...any) error) error {
			var st storyfold.StaleStory
			if err := scan(&st.ID, &st.Mark); err != nil {
				return err
			}
			out = append(out, st)
			return nil
		})
	}
	var err error
	if ids == nil {
		err = query("", nil)
	} else {
		err = r.Dialect.In("story_id", ids, func(cond string, args []any) error { return query(" WHERE "+cond, args) })
	}
	if err != nil {
		return nil, fmt.Errorf("stale stories: %w", err)
	}
	// In may have asked in parts: the order is made here, once.
	slices.SortFunc(out, func(a, b storyfold.StaleStory) int {
		return cmp.Or(cmp.Compare(a.Mark, b.Mark), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// StoryPage implements storyfold.Store. It reads the list's columns, not
// the stories' documents.
func (r Reads) StoryPage(ctx context.Context, q storyfold.StoryQuery) ([]storyfold.StorySummary, int, error) {
	if err := q.Check(); err != nil {
		return nil, 0, fmt.Errorf("story page: %w", err)
	}
	if q.Text != "" {
		var cancel context.CancelFunc
		ctx, cancel = record.SearchContext(ctx)
		defer cancel()
	}
	where, args := r.storyFilter(q)
	var total int
	var err error
	if where == "" && r.Memo != nil {
		total, err = r.Memo.storyTotal(ctx, r.DB)
	} else {
		err = QueryRow(ctx, r.DB, "SELECT COUNT(*) FROM stories s"+where, args, &total)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("story page: %w", err)
	}
	out := []storyfold.StorySummary{}
	err = r.DB.Query(ctx, "SELECT s.id, s.headline, s.articles, s.independent, s.sources, COALESCE(s.first, ''), COALESCE(s.last, '') FROM stories s"+
		where+" ORDER BY "+r.Dialect.ListOrder+" LIMIT ? OFFSET ?",
		append(args, record.Limit(q.Limit), max(0, q.Offset)), func(scan func(...any) error) error {
			var sum storyfold.StorySummary
			var sources []byte
			var first, last string
			if err := scan(&sum.ID, &sum.Headline, &sum.Articles, &sum.IndependentSources, &sources, &first, &last); err != nil {
				return err
			}
			if err := json.Unmarshal(sources, &sum.Sources); err != nil {
				return fmt.Errorf("%s's sources: %w", sum.ID, err)
			}
			if sum.Sources == nil { // saved as null: the list is still there, empty
				sum.Sources = []string{}
			}
			sum.First, sum.Last = record.Date(first), record.Date(last)
			out = append(out, sum)
			return nil
		})
	if err != nil {
		return nil, 0, fmt.Errorf("story page: %w", err)
	}
	return out, total, nil
}

// storyFilter builds the WHERE clause, on the stories as s, of a story
// query, with its arguments. It holds the rules storyfold.StoryQuery
// documents: an outlet matched whole by its key (record.SourceKey), an
// undated story (first and last NULL) in no date range, To running to the
// end of its day.
func (r Reads) storyFilter(q storyfold.StoryQuery) (string, []any) {
	var where []string
	var args []any
	if q.Text != "" {
		if cond, arg, ok := r.Dialect.StoryText(q.Text); ok {
			where = append(where, cond)
			args = append(args, arg)
		} else {
			where = append(where, "1 = 0") // words of punctuation only match nothing
		}
	}
	if q.IDs != nil {
		if len(q.IDs) == 0 {
			where = append(where, "1 = 0")
		}
		// Check bounded the IDs to one statement's list: In calls back
		// once.
		_ = r.Dialect.In("s.id", q.IDs, func(cond string, a []any) error {
			where = append(where, cond)
			args = append(args, a...)
			return nil
		})
	}
	if key := record.SourceKey(q.Source); key != "" {
		where = append(where, "EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.source_key = ?)")
		args = append(args, key)
	}
	// A comparison with NULL is never true: an undated story matches no
	// range.
	if q.From.Known() {
		where = append(where, "s.last >= ?")
		args = append(args, q.From.String())
	}
	if q.To.Known() {
		where = append(where, "s.first <= ?")
		args = append(args, record.EndOfDay(q.To)) // a date with a time is still that day
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// Memo keeps what a store's pages ask for again and again though it
// changes only with a save, each with the store's version it was read at:
// the unfiltered story list's total (a scan of an index of every story,
// about 20 ms at a million articles) and the outlets with their article
// counts (a scan of an index of every article, which every page of the
// story list asked for: 3.5 ms at 40,000 articles, growing with the
// store). A save moves the version, and reading the version is one row.
// A Memo is shared by the goroutines of a store.
type Memo struct {
	total   byVersion[int]
	sources byVersion[[]storyfold.SourceCount]
}

// byVersion is a value read from a store and the store's version it was
// read at.
type byVersion[T any] struct {
	mu      sync.Mutex
	version int64
	v       T
	ok      bool
}

// read returns the value kept if the store's version has not moved since
// it was read, and otherwise reads it again with read, which returns the
// value and the version it read it at, in one statement, so they are of
// one state of the store (a negative version: not to be kept).
func (b *byVersion[T]) read(ctx context.Context, db DB, read func() (T, int64, error)) (T, error) {
	var v int64
	if err := QueryRow(ctx, db, "SELECT n FROM version", nil, &v); err != nil {
		var zero T
		return zero, err
	}
	b.mu.Lock()
	if b.ok && b.version == v {
		x := b.v
		b.mu.Unlock()
		return x, nil
	}
	b.mu.Unlock()
	x, v, err := read()
	if err != nil {
		return x, err
	}
	if v < 0 {
		return x, nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.ok || v >= b.version {
		b.version, b.v, b.ok = v, x, true
	}
	return x, nil
}

// storyTotal returns the number of stories, counted again only when the
// version moved since the last count.
func (m *Memo) storyTotal(ctx context.Context, db DB) (int, error) {
	return m.total.read(ctx, db, func() (int, int64, error) {
		var n int
		var v int64
		err := QueryRow(ctx, db, "SELECT (SELECT n FROM version), (SELECT COUNT(*) FROM stories)", nil, &v, &n)
		return n, v, err
	})
}
