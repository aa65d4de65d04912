// Package postgres is the shared store: PostgreSQL through pgx, for several
// processes (servers, watchers, workers) on several machines. Full-text
// search uses PostgreSQL's own text search. All SQL of this store lives in
// this package; a URL's search_path parameter chooses the schema, so one
// database can hold several stores.
package postgres

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/record"
)

// migrations are applied in order, each once; the schema_version table
// says how many have run. Never edit one that has shipped: add another.
//
// Identifiers and dates use the C collation so they sort byte by byte, as
// in SQLite, whatever the database's locale. The text search vector is
// built from the first 100,000 characters of the text: a tsvector holds
// 1 MB at most, and no news article is longer.
var migrations = []string{
	`CREATE TABLE articles (
		seq          BIGSERIAL PRIMARY KEY,
		id           TEXT COLLATE "C" NOT NULL UNIQUE,
		hash         TEXT COLLATE "C" NOT NULL UNIQUE,
		source       TEXT COLLATE "C" NOT NULL,
		title        TEXT NOT NULL,
		url          TEXT NOT NULL,
		published    TEXT COLLATE "C",
		language     TEXT NOT NULL,
		text         TEXT NOT NULL,
		doc          TEXT NOT NULL,
		story_id     TEXT COLLATE "C" NOT NULL,
		duplicate_of TEXT COLLATE "C",
		features     BYTEA,
		added        TIMESTAMPTZ NOT NULL,
		search       TSVECTOR GENERATED ALWAYS AS (
			setweight(to_tsvector('english', title), 'A') ||
			setweight(to_tsvector('english', left(text, 100000)), 'D')) STORED
	);
	CREATE INDEX articles_story ON articles(story_id);
	CREATE INDEX articles_duplicate ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
	CREATE INDEX articles_source ON articles(source);
	CREATE INDEX articles_search ON articles USING GIN (search);
	CREATE TABLE stories (
		id          TEXT COLLATE "C" PRIMARY KEY,
		headline    TEXT NOT NULL,
		first       TEXT COLLATE "C",
		last        TEXT COLLATE "C",
		articles    INTEGER NOT NULL,
		independent INTEGER NOT NULL,
		sources     TEXT NOT NULL,
		doc         TEXT NOT NULL,
		updated     TIMESTAMPTZ NOT NULL
	);
	CREATE INDEX stories_updated ON stories(updated);
	CREATE INDEX stories_list ON stories(last DESC NULLS LAST, updated DESC, id);
	CREATE TABLE version (id INTEGER PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL);
	INSERT INTO version VALUES (1, 0);`,
	// Stories whose articles changed since their account was saved: the
	// mark is the version of the save that changed them last, marked its
	// time. Rebuilding happens outside the write lock, so the mark must
	// outlive a writer that dies before rebuilding.
	`CREATE TABLE stale (
		story_id TEXT COLLATE "C" PRIMARY KEY,
		mark     BIGINT NOT NULL,
		marked   TIMESTAMPTZ NOT NULL
	);`,
}

// Store is the PostgreSQL store.
type Store struct {
	pool *pgxpool.Pool
	// lockKey names this store's advisory lock: the schema's, so stores in
	// different schemas of one database do not wait on each other.
	lockKey int64
	// writes is the write lock between goroutines of this process; the
	// advisory lock extends it to other processes.
	writes chan struct{}
}

var _ storyfold.Store = (*Store)(nil)

// Open connects to the database a postgres:// URL names and brings its
// schema up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	s := &Store{pool: pool, writes: make(chan struct{}, 1)}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if err := pool.QueryRow(ctx, "SELECT hashtextextended('storyfold:' || current_schema(), 0)").Scan(&s.lockKey); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return s, nil
}

// migrate runs the migrations not yet run, under a transaction-scoped
// advisory lock so that processes starting together migrate once.
func (s *Store) migrate(ctx context.Context) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended('storyfold-migrate:' || current_schema(), 0))"); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if _, err := tx.Exec(ctx, "CREATE TABLE IF NOT EXISTS schema_version (n INTEGER NOT NULL)"); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var version int
	err = tx.QueryRow(ctx, "SELECT n FROM schema_version").Scan(&version)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		if _, err := tx.Exec(ctx, "INSERT INTO schema_version VALUES (0)"); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	case err != nil:
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("database schema %d is newer than this storyfold (%d)", version, len(migrations))
	}
	for i := version; i < len(migrations); i++ {
		if _, err := tx.Exec(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	if _, err := tx.Exec(ctx, "UPDATE schema_version SET n = $1", len(migrations)); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return tx.Commit(ctx)
}

// Close closes the connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// LockWrites implements storyfold.Store with a session advisory lock held
// on a connection of its own, which the server releases if the process
// dies and its connection drops.
func (s *Store) LockWrites(ctx context.Context) (func(), error) {
	select {
	case s.writes <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("lock writes: %w", ctx.Err())
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		<-s.writes
		return nil, fmt.Errorf("lock writes: %w", err)
	}
	// The server hands the lock over the moment it is released; a
	// cancelled context cancels the wait (pgx sends the server a cancel
	// request).
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", s.lockKey); err != nil {
		// The lock may have been granted as the cancel arrived: a
		// connection that may hold it is closed, never pooled.
		conn.Conn().Close(context.Background())
		conn.Release()
		<-s.writes
		return nil, fmt.Errorf("lock writes: %w", err)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if _, err := conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", s.lockKey); err != nil {
				// A connection that may still hold the lock must not go
				// back to the pool: closing it releases the lock.
				conn.Conn().Close(ctx)
			}
			conn.Release()
			<-s.writes
		})
	}, nil
}

// KnownHashes implements storyfold.Store.
func (s *Store) KnownHashes(ctx context.Context, hashes []string) (map[string]bool, error) {
	rows, err := s.pool.Query(ctx, "SELECT hash FROM articles WHERE hash = ANY($1)", hashes)
	if err != nil {
		return nil, fmt.Errorf("known hashes: %w", err)
	}
	known := make(map[string]bool)
	var h string
	_, err = pgx.ForEachRow(rows, []any{&h}, func() error { known[h] = true; return nil })
	if err != nil {
		return nil, fmt.Errorf("known hashes: %w", err)
	}
	return known, nil
}

// Save implements storyfold.Store. Articles already stored (by hash) are
// left as they are, so saving the same batch twice stores it once. The
// statements go in one round trip.
func (s *Store) Save(ctx context.Context, b *storyfold.Batch) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("save: %w", err)
	}
	defer tx.Rollback(ctx)
	now := time.Now().UTC()
	var batch pgx.Batch
	// The version row first: every transaction that writes takes its lock
	// before any other, so a save and a rebuilt story's save never wait on
	// each other's rows in opposite orders.
	batch.Queue("UPDATE version SET n = n + 1")
	for _, sa := range b.Articles {
		a := sa.Article
		doc, err := record.ArticleDoc(a)
		if err != nil {
			return fmt.Errorf("save article %s: %w", a.ID, err)
		}
		batch.Queue(`INSERT INTO articles
			(id, hash, source, title, url, published, language, text, doc, story_id, duplicate_of, features, added)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (hash) DO NOTHING`,
			a.ID, a.Hash, a.Source, a.Title, a.URL, record.Nullable(a.Date.String()), a.Language, a.Text,
			string(doc), sa.StoryID, record.Nullable(sa.DuplicateOf), sa.Features, now)
	}
	for _, st := range b.Stories {
		doc, sources, err := record.StoryDocs(st)
		if err != nil {
			return err
		}
		batch.Queue(upsertStory, st.ID, st.Headline, record.Nullable(st.First.String()), record.Nullable(st.Last.String()),
			len(st.Articles), st.IndependentSources, sources, doc, now)
	}
	for _, id := range b.Stale {
		batch.Queue(`INSERT INTO stale (story_id, mark, marked) VALUES ($1, (SELECT n FROM version), $2)
			ON CONFLICT (story_id) DO UPDATE SET mark = excluded.mark, marked = excluded.marked`, id, now)
	}
	if err := tx.SendBatch(ctx, &batch).Close(); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	return nil
}

// upsertStory saves a story's document and list columns.
const upsertStory = `INSERT INTO stories (id, headline, first, last, articles, independent, sources, doc, updated)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
	ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, first = excluded.first, last = excluded.last,
		articles = excluded.articles, independent = excluded.independent, sources = excluded.sources,
		doc = excluded.doc, updated = excluded.updated`

// StaleStories implements storyfold.Store.
func (s *Store) StaleStories(ctx context.Context, ids []string) ([]storyfold.StaleStory, error) {
	query := "SELECT story_id, mark FROM stale"
	var args []any
	if ids != nil {
		query += " WHERE story_id = ANY($1)"
		args = append(args, ids)
	}
	rows, err := s.pool.Query(ctx, query+" ORDER BY mark, story_id", args...)
	if err != nil {
		return nil, fmt.Errorf("stale stories: %w", err)
	}
	out := []storyfold.StaleStory{}
	var st storyfold.StaleStory
	if _, err := pgx.ForEachRow(rows, []any{&st.ID, &st.Mark}, func() error { out = append(out, st); return nil }); err != nil {
		return nil, fmt.Errorf("stale stories: %w", err)
	}
	return out, nil
}

// StoryMembers implements storyfold.Store.
func (s *Store) StoryMembers(ctx context.Context, storyID string) ([]storyfold.IndexEntry, error) {
	rows, err := s.pool.Query(ctx, "SELECT seq, id, hash, COALESCE(duplicate_of, '') FROM articles WHERE story_id = $1 ORDER BY seq", storyID)
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", storyID, err)
	}
	out := []storyfold.IndexEntry{}
	e := storyfold.IndexEntry{StoryID: storyID}
	if _, err := pgx.ForEachRow(rows, []any{&e.Seq, &e.ID, &e.Hash, &e.DuplicateOf}, func() error { out = append(out, e); return nil }); err != nil {
		return nil, fmt.Errorf("story %s: %w", storyID, err)
	}
	return out, nil
}

// SaveStories implements storyfold.Store: each mark is taken away only if
// it is still the one the rebuild started from, and the story saved by
// the same statement, all in one transaction and one round trip.
func (s *Store) SaveStories(ctx context.Context, stories []*storyfold.Story, marks []int64) ([]bool, error) {
	if len(stories) != len(marks) {
		return nil, fmt.Errorf("save stories: %d stories, %d marks", len(stories), len(marks))
	}
	saved := make([]bool, len(stories))
	if len(stories) == 0 {
		return saved, nil
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	defer tx.Rollback(ctx)
	var batch pgx.Batch
	// The version row first, in the order Save takes the rows. A
	// transaction that saves nothing is rolled back.
	batch.Queue("UPDATE version SET n = n + 1")
	for i, st := range stories {
		doc, sources, err := record.StoryDocs(st)
		if err != nil {
			return nil, err
		}
		// The story is written only if its mark was still there to
		// delete; the statement returns a row when it was.
		batch.Queue(`WITH cleared AS (DELETE FROM stale WHERE story_id = $1 AND mark = $9 RETURNING marked)
			INSERT INTO stories (id, headline, first, last, articles, independent, sources, doc, updated)
			SELECT $1, $2, $3, $4, $5, $6, $7, $8, marked FROM cleared
			ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, first = excluded.first, last = excluded.last,
				articles = excluded.articles, independent = excluded.independent, sources = excluded.sources,
				doc = excluded.doc, updated = excluded.updated
			RETURNING id`,
			st.ID, st.Headline, record.Nullable(st.First.String()), record.Nullable(st.Last.String()),
			len(st.Articles), st.IndependentSources, sources, doc, marks[i])
	}
	br := tx.SendBatch(ctx, &batch)
	if _, err := br.Exec(); err != nil {
		br.Close()
		return nil, fmt.Errorf("save stories: %w", err)
	}
	wrote := false
	for i, st := range stories {
		var id string
		err := br.QueryRow().Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			continue
		}
		if err != nil {
			br.Close()
			return nil, fmt.Errorf("save story %s: %w", st.ID, err)
		}
		saved[i], wrote = true, true
	}
	if err := br.Close(); err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	if !wrote {
		return saved, nil
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	return saved, nil
}

// Version implements storyfold.Store.
func (s *Store) Version(ctx context.Context) (int64, error) {
	var n int64
	if err := s.pool.QueryRow(ctx, "SELECT n FROM version").Scan(&n); err != nil {
		return 0, fmt.Errorf("version: %w", err)
	}
	return n, nil
}

// IndexEntries implements storyfold.Store. Sequence numbers are handed out
// in the order writers take the write lock, so an article stored later
// never has a smaller one.
func (s *Store) IndexEntries(ctx context.Context, after int64, fn func(storyfold.IndexEntry) error) error {
	rows, err := s.pool.Query(ctx, "SELECT seq, id, hash, story_id, COALESCE(duplicate_of, ''), features FROM articles WHERE seq > $1 ORDER BY seq", after)
	if err != nil {
		return fmt.Errorf("index entries: %w", err)
	}
	var e storyfold.IndexEntry
	_, err = pgx.ForEachRow(rows, []any{&e.Seq, &e.ID, &e.Hash, &e.StoryID, &e.DuplicateOf, &e.Features}, func() error {
		// Features is reused by the next row: hand fn its own copy.
		out := e
		out.Features = slices.Clone(e.Features)
		return fn(out)
	})
	if err != nil {
		return fmt.Errorf("index entries: %w", err)
	}
	return nil
}

// Articles implements storyfold.Store.
func (s *Store) Articles(ctx context.Context, ids []string) ([]storyfold.Article, error) {
	if ids != nil && len(ids) == 0 {
		return []storyfold.Article{}, nil
	}
	var out []storyfold.Article
	var err error
	if ids == nil {
		out, err = s.articles(ctx, "")
	} else {
		out, err = s.articles(ctx, " WHERE a.id = ANY($1)", ids)
	}
	if err != nil {
		return nil, fmt.Errorf("articles: %w", err)
	}
	return out, nil
}

// articles returns the stored articles a WHERE clause on articles (as a)
// selects, with their copies, in the order they were stored.
func (s *Store) articles(ctx context.Context, where string, args ...any) ([]storyfold.Article, error) {
	rows, err := s.pool.Query(ctx, `SELECT a.doc, (SELECT array_agg(d.id ORDER BY d.seq) FROM articles d WHERE d.duplicate_of = a.id)
		FROM articles a`+where+" ORDER BY a.seq", args...)
	if err != nil {
		return nil, err
	}
	out := []storyfold.Article{}
	var doc []byte
	var dups []string
	_, err = pgx.ForEachRow(rows, []any{&doc, &dups}, func() error {
		a, err := record.Article(doc, dups)
		if err != nil {
			return err
		}
		out = append(out, a)
		dups = nil
		return nil
	})
	return out, err
}

// ArticleHeads implements storyfold.Store from the articles' columns.
func (s *Store) ArticleHeads(ctx context.Context, ids []string) ([]storyfold.Article, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, url, source, title, COALESCE(published, ''), language
		FROM articles WHERE id = ANY($1) ORDER BY seq`, ids)
	if err != nil {
		return nil, fmt.Errorf("article heads: %w", err)
	}
	out := []storyfold.Article{}
	var a storyfold.Article
	var date string
	_, err = pgx.ForEachRow(rows, []any{&a.ID, &a.URL, &a.Source, &a.Title, &date, &a.Language}, func() error {
		a.Date = record.Date(date)
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("article heads: %w", err)
	}
	return out, nil
}

// Stories implements storyfold.Store.
func (s *Store) Stories(ctx context.Context) ([]*storyfold.Story, error) {
	out, err := s.stories(ctx, "SELECT doc, EXISTS (SELECT 1 FROM stale WHERE story_id = stories.id) FROM stories ORDER BY updated DESC, articles DESC, id")
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	return out, nil
}

// Story implements storyfold.Store.
func (s *Store) Story(ctx context.Context, id string) (*storyfold.Story, error) {
	out, err := s.stories(ctx, "SELECT doc, EXISTS (SELECT 1 FROM stale WHERE story_id = stories.id) FROM stories WHERE id = $1", id)
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
func (s *Store) stories(ctx context.Context, query string, args ...any) ([]*storyfold.Story, error) {
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var out []*storyfold.Story
	var doc []byte
	var stale bool
	_, err = pgx.ForEachRow(rows, []any{&doc, &stale}, func() error {
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

// storyFilter builds the WHERE clause of a story query.
func storyFilter(q storyfold.StoryQuery) (string, []any) {
	var where string
	var args []any
	and := func(cond string, arg any) {
		args = append(args, arg)
		if where == "" {
			where = "WHERE "
		} else {
			where += " AND "
		}
		where += fmt.Sprintf(cond, len(args))
	}
	if q.Text != "" {
		// No terms is an empty text query, which matches nothing.
		and("s.id IN (SELECT a.story_id FROM articles a WHERE a.search @@ plainto_tsquery('english', $%d))",
			record.QueryWords(q.Text))
	}
	if q.Source != "" {
		and("EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.source = $%d)", q.Source)
	}
	if q.From.Known() {
		and("(s.last IS NULL OR s.last >= $%d)", q.From.String())
	}
	if q.To.Known() {
		and("(s.first IS NULL OR s.first <= $%d)", record.EndOfDay(q.To))
	}
	return where, args
}

// StoryPage implements storyfold.Store. It reads the list's columns, not
// the stories' documents.
func (s *Store) StoryPage(ctx context.Context, q storyfold.StoryQuery) ([]storyfold.StorySummary, int, error) {
	if q.Text != "" {
		var cancel context.CancelFunc
		ctx, cancel = record.SearchContext(ctx)
		defer cancel()
	}
	where, args := storyFilter(q)
	var total int
	if err := s.pool.QueryRow(ctx, "SELECT COUNT(*) FROM stories s "+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("story page: %w", err)
	}
	n := len(args)
	rows, err := s.pool.Query(ctx, "SELECT s.id, s.headline, s.articles, s.independent, s.sources, COALESCE(s.first, ''), COALESCE(s.last, '') FROM stories s "+where+
		fmt.Sprintf(" ORDER BY s.last DESC NULLS LAST, s.updated DESC, s.id LIMIT $%d OFFSET $%d", n+1, n+2),
		append(args, record.Limit(q.Limit), max(0, q.Offset))...)
	if err != nil {
		return nil, 0, fmt.Errorf("story page: %w", err)
	}
	out := []storyfold.StorySummary{}
	var sum storyfold.StorySummary
	var sources []byte
	var first, last string
	_, err = pgx.ForEachRow(rows, []any{&sum.ID, &sum.Headline, &sum.Articles, &sum.IndependentSources, &sources, &first, &last}, func() error {
		sum.Sources = nil
		if err := json.Unmarshal(sources, &sum.Sources); err != nil {
			return fmt.Errorf("%s's sources: %w", sum.ID, err)
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

// Search implements storyfold.Store with PostgreSQL's text search: every
// word of the query required, stemmed as English, title words weighted
// above the text's. As in the SQLite store, a query that matches more
// than storyfold.MaxSearchTotal articles is ranked among the newest of
// them only, and snippets are built for the page's results only. The
// query is reduced to record.QueryWords first and given
// record.SearchDeadline, as in the SQLite store.
func (s *Store) Search(ctx context.Context, q storyfold.SearchQuery) ([]storyfold.SearchHit, int, error) {
	lim, off := record.Limit(q.Limit), max(0, q.Offset)
	query := record.QueryWords(q.Text)
	if query == "" {
		return []storyfold.SearchHit{}, 0, nil
	}
	ctx, cancel := record.SearchContext(ctx)
	defer cancel()
	rows, err := s.pool.Query(ctx, `SELECT seq, ts_rank(search, query) FROM articles, plainto_tsquery('english', $1) query
		WHERE search @@ query ORDER BY seq DESC LIMIT $2`, query, max(storyfold.MaxSearchTotal, off+lim))
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	type match struct {
		seq  int64
		rank float32
	}
	var matches []match
	var m match
	if _, err := pgx.ForEachRow(rows, []any{&m.seq, &m.rank}, func() error { matches = append(matches, m); return nil }); err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	// Higher ranks are better; among equals, the newest first, as the
	// matches came.
	slices.SortStableFunc(matches, func(a, b match) int { return cmp.Compare(b.rank, a.rank) })
	total := min(len(matches), storyfold.MaxSearchTotal)
	page := matches[min(off, len(matches)):min(off+lim, len(matches))]
	out := []storyfold.SearchHit{}
	if len(page) == 0 {
		return out, total, nil
	}
	seqs := make([]int64, len(page))
	for i, m := range page {
		seqs[i] = m.seq
	}
	rows, err = s.pool.Query(ctx, `SELECT seq, id, story_id, title, source, COALESCE(published, ''), text
		FROM articles WHERE seq = ANY($1)`, seqs)
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	bySeq := make(map[int64]storyfold.SearchHit, len(page))
	var h storyfold.SearchHit
	var seq int64
	var date, text string
	_, err = pgx.ForEachRow(rows, []any{&seq, &h.ArticleID, &h.StoryID, &h.Title, &h.Source, &date, &text}, func() error {
		h.Date = record.Date(date)
		h.Snippet = record.Snippet(text, query)
		bySeq[seq] = h
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	for _, m := range page {
		if h, ok := bySeq[m.seq]; ok {
			out = append(out, h)
		}
	}
	return out, total, nil
}

// Sources implements storyfold.Store.
func (s *Store) Sources(ctx context.Context) ([]storyfold.SourceCount, error) {
	rows, err := s.pool.Query(ctx, "SELECT source, COUNT(*) FROM articles GROUP BY source ORDER BY COUNT(*) DESC, source")
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	out := []storyfold.SourceCount{}
	var c storyfold.SourceCount
	if _, err := pgx.ForEachRow(rows, []any{&c.Source, &c.Articles}, func() error { out = append(out, c); return nil }); err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	return out, nil
}

// StoryOf implements storyfold.Store.
func (s *Store) StoryOf(ctx context.Context, articleID string) (string, error) {
	var id string
	err := s.pool.QueryRow(ctx, "SELECT story_id FROM articles WHERE id = $1", articleID).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("article %s: %w", articleID, storyfold.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("article %s: %w", articleID, err)
	}
	return id, nil
}

// Counts implements storyfold.Store.
func (s *Store) Counts(ctx context.Context) (int, int, error) {
	var articles, stories int
	err := s.pool.QueryRow(ctx, "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM stories)").Scan(&articles, &stories)
	if err != nil {
		return 0, 0, fmt.Errorf("counts: %w", err)
	}
	return articles, stories, nil
}

// ResetSchema drops the schema name, with everything in it, creates it
// empty, and returns url set to use it: for tests and benchmarks that each
// want a store of their own in one database.
func ResetSchema(ctx context.Context, url, name string) (string, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return "", fmt.Errorf("reset schema: %w", err)
	}
	defer conn.Close(ctx)
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+ident+" CASCADE; CREATE SCHEMA "+ident); err != nil {
		return "", fmt.Errorf("reset schema %s: %w", name, err)
	}
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "search_path=" + name, nil
}

// DropSchema drops a schema ResetSchema made.
func DropSchema(ctx context.Context, url, name string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("drop schema: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{name}.Sanitize()+" CASCADE"); err != nil {
		return fmt.Errorf("drop schema %s: %w", name, err)
	}
	return nil
}
