// Package sqlite is the embedded store: one SQLite file (pure Go, through
// modernc.org/sqlite) in WAL mode, with full-text search over articles. All
// SQL of the store lives in this package.
package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/record"
)

// migrations are applied in order, each once; the database's user_version
// says how many have run. Never edit one that has shipped: add another.
var migrations = []string{
	`CREATE TABLE articles (
		seq          INTEGER PRIMARY KEY,
		id           TEXT NOT NULL UNIQUE,
		hash         TEXT NOT NULL UNIQUE,
		source       TEXT NOT NULL,
		title        TEXT NOT NULL,
		url          TEXT NOT NULL,
		published    TEXT,
		language     TEXT NOT NULL,
		text         TEXT NOT NULL,
		doc          TEXT NOT NULL,
		story_id     TEXT NOT NULL,
		duplicate_of TEXT,
		features     BLOB,
		added        TEXT NOT NULL
	);
	CREATE INDEX articles_story ON articles(story_id);
	CREATE INDEX articles_duplicate ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;
	CREATE INDEX articles_source ON articles(source);
	CREATE TABLE stories (
		id        TEXT PRIMARY KEY,
		headline  TEXT NOT NULL,
		first     TEXT,
		last      TEXT,
		articles  INTEGER NOT NULL,
		doc       TEXT NOT NULL,
		updated   TEXT NOT NULL
	);
	CREATE INDEX stories_updated ON stories(updated);
	CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='seq', tokenize='porter unicode61');
	CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
		INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
	END;
	CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
		INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
	END;`,
	// What a list of stories shows, in an index that covers the list in
	// its order, so listing reads neither the stories' documents nor a
	// sort. Stories saved before carry 0 and [] until saved again.
	`ALTER TABLE stories ADD COLUMN independent INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE stories ADD COLUMN sources TEXT NOT NULL DEFAULT '[]';
	CREATE INDEX stories_list ON stories(last DESC, updated DESC, id, headline, articles, independent, sources, first);`,
	// A counter every save bumps, for readers that cache.
	`CREATE TABLE version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
	INSERT INTO version VALUES (1, 0);`,
	// Stories whose articles changed since their account was saved: the
	// mark is the version of the save that changed them last, marked its
	// time. Rebuilding happens outside the write lock, so the mark must
	// outlive a writer that dies before rebuilding.
	`CREATE TABLE stale (
		story_id TEXT PRIMARY KEY,
		mark     INTEGER NOT NULL,
		marked   TEXT NOT NULL
	);`,
}

// Store is the SQLite store.
type Store struct {
	db *sql.DB
	// writes is the write lock between goroutines of this process; the
	// lock file beside the database extends it to other processes.
	writes   chan struct{}
	lockPath string
	// txs queues this process's write transactions. SQLite lets one
	// write at a time and makes the others sleep and retry (busy_timeout)
	// in steps of up to 100 ms: a batch's save and the rebuilt stories
	// saved by several goroutines at once would spend their time asleep.
	// Other processes still wait through busy_timeout.
	txs sync.Mutex
}

var _ storyfold.Store = (*Store)(nil)

// Open opens (creating if needed) the database file at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// Keep the connections open: opening one reads the schema and sets the
	// pragmas, which costs more than most queries. More connections than
	// twice the cores only queue on the CPU.
	conns := max(4, 2*runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	s := &Store{db: db, writes: make(chan struct{}, 1), lockPath: path + "-lock"}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("database schema %d is newer than this storyfold (%d)", version, len(migrations))
	}
	for i := version; i < len(migrations); i++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	return nil
}

// LockWrites implements storyfold.Store: a buffered channel between the
// goroutines of this process, then an exclusive flock on the lock file
// beside the database, which the kernel releases if the process dies.
func (s *Store) LockWrites(ctx context.Context) (func(), error) {
	select {
	case s.writes <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("lock writes: %w", ctx.Err())
	}
	release, err := lockFile(ctx, s.lockPath)
	if err != nil {
		<-s.writes
		return nil, fmt.Errorf("lock writes: %w", err)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			release()
			<-s.writes
		})
	}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// KnownHashes implements storyfold.Store.
func (s *Store) KnownHashes(ctx context.Context, hashes []string) (map[string]bool, error) {
	known := make(map[string]bool)
	err := inLists(hashes, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, "SELECT hash FROM articles WHERE hash IN ("+in+")", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h string
			if err := rows.Scan(&h); err != nil {
				return err
			}
			known[h] = true
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("known hashes: %w", err)
	}
	return known, nil
}

// Save implements storyfold.Store. Articles already stored (by hash) are
// left as they are, so saving the same batch twice stores it once.
func (s *Store) Save(ctx context.Context, b *storyfold.Batch) error {
	// The documents are encoded before the transaction, which holds
	// every other write of the process back.
	docs := make([][]byte, len(b.Articles))
	for i, sa := range b.Articles {
		doc, err := record.ArticleDoc(sa.Article)
		if err != nil {
			return fmt.Errorf("save article %s: %w", sa.Article.ID, err)
		}
		docs[i] = doc
	}
	s.txs.Lock()
	defer s.txs.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save: %w", err)
	}
	defer tx.Rollback()
	now := time.Now().UTC().Format(time.RFC3339Nano)
	ins, err := tx.PrepareContext(ctx, `INSERT INTO articles
		(id, hash, source, title, url, published, language, text, doc, story_id, duplicate_of, features, added)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING`)
	if err != nil {
		return fmt.Errorf("save: %w", err)
	}
	defer ins.Close()
	for i, sa := range b.Articles {
		a := &sa.Article
		if _, err := ins.ExecContext(ctx, a.ID, a.Hash, a.Source, a.Title, a.URL, record.Nullable(a.Date.String()), a.Language, a.Text,
			string(docs[i]), sa.StoryID, record.Nullable(sa.DuplicateOf), sa.Features, now); err != nil {
			return fmt.Errorf("save article %s: %w", a.ID, err)
		}
	}
	up, err := tx.PrepareContext(ctx, upsertStory)
	if err != nil {
		return fmt.Errorf("save: %w", err)
	}
	defer up.Close()
	for _, st := range b.Stories {
		doc, sources, err := record.StoryDocs(st)
		if err != nil {
			return err
		}
		if _, err := up.ExecContext(ctx, st.ID, st.Headline, record.Nullable(st.First.String()), record.Nullable(st.Last.String()),
			len(st.Articles), doc, now, st.IndependentSources, sources); err != nil {
			return fmt.Errorf("save story %s: %w", st.ID, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE version SET n = n + 1"); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	if len(b.Stale) > 0 {
		mark, err := tx.PrepareContext(ctx, `INSERT INTO stale (story_id, mark, marked) VALUES (?, (SELECT n FROM version), ?)
			ON CONFLICT(story_id) DO UPDATE SET mark = excluded.mark, marked = excluded.marked`)
		if err != nil {
			return fmt.Errorf("save: %w", err)
		}
		defer mark.Close()
		for _, id := range b.Stale {
			if _, err := mark.ExecContext(ctx, id, now); err != nil {
				return fmt.Errorf("mark story %s stale: %w", id, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	return nil
}

// StaleStories implements storyfold.Store.
func (s *Store) StaleStories(ctx context.Context, ids []string) ([]storyfold.StaleStory, error) {
	out := []storyfold.StaleStory{}
	query := func(where string, args []any) error {
		rows, err := s.db.QueryContext(ctx, "SELECT story_id, mark FROM stale "+where, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var st storyfold.StaleStory
			if err := rows.Scan(&st.ID, &st.Mark); err != nil {
				return err
			}
			out = append(out, st)
		}
		return rows.Err()
	}
	var err error
	if ids == nil {
		err = query("", nil)
	} else {
		err = inLists(ids, func(in string, args []any) error { return query("WHERE story_id IN ("+in+")", args) })
	}
	if err != nil {
		return nil, fmt.Errorf("stale stories: %w", err)
	}
	slices.SortFunc(out, func(a, b storyfold.StaleStory) int {
		return cmp.Or(cmp.Compare(a.Mark, b.Mark), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// StoryMembers implements storyfold.Store.
func (s *Store) StoryMembers(ctx context.Context, storyID string) ([]storyfold.IndexEntry, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT seq, id, hash, COALESCE(duplicate_of, '') FROM articles WHERE story_id = ? ORDER BY seq", storyID)
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", storyID, err)
	}
	defer rows.Close()
	out := []storyfold.IndexEntry{}
	for rows.Next() {
		e := storyfold.IndexEntry{StoryID: storyID}
		if err := rows.Scan(&e.Seq, &e.ID, &e.Hash, &e.DuplicateOf); err != nil {
			return nil, fmt.Errorf("story %s: %w", storyID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("story %s: %w", storyID, err)
	}
	return out, nil
}

// SaveStories implements storyfold.Store: each mark is taken away only if
// it is still the one the rebuild started from, and the story saved in
// the same transaction.
func (s *Store) SaveStories(ctx context.Context, stories []*storyfold.Story, marks []int64) ([]bool, error) {
	if len(stories) != len(marks) {
		return nil, fmt.Errorf("save stories: %d stories, %d marks", len(stories), len(marks))
	}
	saved := make([]bool, len(stories))
	if len(stories) == 0 {
		return saved, nil
	}
	docs, sources := make([]string, len(stories)), make([]string, len(stories))
	for i, st := range stories {
		var err error
		if docs[i], sources[i], err = record.StoryDocs(st); err != nil {
			return nil, err
		}
	}
	s.txs.Lock()
	defer s.txs.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	defer tx.Rollback()
	unmark, err := tx.PrepareContext(ctx, "DELETE FROM stale WHERE story_id = ? AND mark = ? RETURNING marked")
	if err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	defer unmark.Close()
	up, err := tx.PrepareContext(ctx, upsertStory)
	if err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	defer up.Close()
	wrote := false
	for i, st := range stories {
		var marked string
		err := unmark.QueryRowContext(ctx, st.ID, marks[i]).Scan(&marked)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("save story %s: %w", st.ID, err)
		}
		if _, err := up.ExecContext(ctx, st.ID, st.Headline, record.Nullable(st.First.String()), record.Nullable(st.Last.String()),
			len(st.Articles), docs[i], marked, st.IndependentSources, sources[i]); err != nil {
			return nil, fmt.Errorf("save story %s: %w", st.ID, err)
		}
		saved[i], wrote = true, true
	}
	if !wrote {
		return saved, nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE version SET n = n + 1"); err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("save stories: %w", err)
	}
	return saved, nil
}

// upsertStory saves a story's document and list columns.
const upsertStory = `INSERT INTO stories (id, headline, first, last, articles, doc, updated, independent, sources)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT(id) DO UPDATE SET headline = excluded.headline, first = excluded.first, last = excluded.last,
		articles = excluded.articles, doc = excluded.doc, updated = excluded.updated,
		independent = excluded.independent, sources = excluded.sources`

// Version implements storyfold.Store.
func (s *Store) Version(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, "SELECT n FROM version").Scan(&n); err != nil {
		return 0, fmt.Errorf("version: %w", err)
	}
	return n, nil
}

// IndexEntries implements storyfold.Store.
func (s *Store) IndexEntries(ctx context.Context, after int64, fn func(storyfold.IndexEntry) error) error {
	rows, err := s.db.QueryContext(ctx, "SELECT seq, id, hash, story_id, COALESCE(duplicate_of, ''), features FROM articles WHERE seq > ? ORDER BY seq", after)
	if err != nil {
		return fmt.Errorf("index entries: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e storyfold.IndexEntry
		if err := rows.Scan(&e.Seq, &e.ID, &e.Hash, &e.StoryID, &e.DuplicateOf, &e.Features); err != nil {
			return fmt.Errorf("index entries: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
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
		out, err = s.articles(ctx, "", nil, nil)
	} else {
		err = inLists(ids, func(in string, args []any) error {
			out, err = s.articles(ctx, "WHERE a.id IN ("+in+")", args, out)
			return err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("articles: %w", err)
	}
	return out, nil
}

// articles appends to out the stored articles a WHERE clause on articles
// (as a) selects, with their copies, in the order they were stored.
func (s *Store) articles(ctx context.Context, where string, args []any, out []storyfold.Article) ([]storyfold.Article, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.doc,
		(SELECT group_concat(d.id, char(31)) FROM (SELECT id FROM articles WHERE duplicate_of = a.id ORDER BY seq) d)
		FROM articles a `+where+` ORDER BY a.seq`, args...)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var doc string
		var dups sql.NullString
		if err := rows.Scan(&doc, &dups); err != nil {
			return out, err
		}
		var ids []string
		if dups.Valid && dups.String != "" {
			ids = strings.Split(dups.String, "\x1f")
		}
		a, err := record.Article([]byte(doc), ids)
		if err != nil {
			return out, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// ArticleHeads implements storyfold.Store from the articles' columns.
func (s *Store) ArticleHeads(ctx context.Context, ids []string) ([]storyfold.Article, error) {
	out := []storyfold.Article{}
	err := inLists(ids, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT id, url, source, title, COALESCE(published, ''), language
			FROM articles WHERE id IN (`+in+`) ORDER BY seq`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a storyfold.Article
			var date string
			if err := rows.Scan(&a.ID, &a.URL, &a.Source, &a.Title, &date, &a.Language); err != nil {
				return err
			}
			a.Date = record.Date(date)
			out = append(out, a)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("article heads: %w", err)
	}
	return out, nil
}

// Stories implements storyfold.Store.
func (s *Store) Stories(ctx context.Context) ([]*storyfold.Story, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT doc, EXISTS (SELECT 1 FROM stale WHERE story_id = stories.id) FROM stories ORDER BY updated DESC, articles DESC, id")
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	out, err := scanStories(rows)
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	return out, nil
}

// inLists calls fn with the keys in parts small enough for one IN list:
// the placeholders to put between its parentheses and their arguments.
func inLists(keys []string, fn func(in string, args []any) error) error {
	const chunk = 500
	for start := 0; start < len(keys); start += chunk {
		part := keys[start:min(start+chunk, len(keys))]
		args := make([]any, len(part))
		for i, k := range part {
			args[i] = k
		}
		if err := fn(placeholders(len(part)), args); err != nil {
			return err
		}
	}
	return nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// storyFilter builds the WHERE clause of a story query.
func storyFilter(q storyfold.StoryQuery) (string, []any) {
	var where []string
	var args []any
	if q.Text != "" {
		if terms := record.QueryTerms(q.Text); len(terms) == 0 {
			where = append(where, "0") // words of punctuation only match nothing
		} else {
			where = append(where, `s.id IN (SELECT a.story_id FROM articles a WHERE a.seq IN
			(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))`)
			args = append(args, ftsQuery(terms))
		}
	}
	if q.Source != "" {
		where = append(where, "EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.source = ?)")
		args = append(args, q.Source)
	}
	if q.From.Known() {
		where = append(where, "(s.last IS NULL OR s.last >= ?)")
		args = append(args, q.From.String())
	}
	if q.To.Known() {
		where = append(where, "(s.first IS NULL OR s.first <= ?)")
		args = append(args, record.EndOfDay(q.To)) // a date with a time is still that day
	}
	if len(where) == 0 {
		return "", nil
	}
	return "WHERE " + strings.Join(where, " AND "), args
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
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM stories s "+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("story page: %w", err)
	}
	// DESC puts unknown (NULL) dates last, as the index does.
	rows, err := s.db.QueryContext(ctx, "SELECT s.id, s.headline, s.articles, s.independent, s.sources, COALESCE(s.first, ''), COALESCE(s.last, '') FROM stories s "+where+
		" ORDER BY s.last DESC, s.updated DESC, s.id LIMIT ? OFFSET ?",
		append(args, record.Limit(q.Limit), max(0, q.Offset))...)
	if err != nil {
		return nil, 0, fmt.Errorf("story page: %w", err)
	}
	defer rows.Close()
	out := []storyfold.StorySummary{}
	for rows.Next() {
		var sum storyfold.StorySummary
		var sources, first, last string
		if err := rows.Scan(&sum.ID, &sum.Headline, &sum.Articles, &sum.IndependentSources, &sources, &first, &last); err != nil {
			return nil, 0, fmt.Errorf("story page: %w", err)
		}
		if err := json.Unmarshal([]byte(sources), &sum.Sources); err != nil {
			return nil, 0, fmt.Errorf("story page: %s's sources: %w", sum.ID, err)
		}
		sum.First, sum.Last = record.Date(first), record.Date(last)
		out = append(out, sum)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("story page: %w", err)
	}
	return out, total, nil
}

// Story implements storyfold.Store.
func (s *Store) Story(ctx context.Context, id string) (*storyfold.Story, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT doc, EXISTS (SELECT 1 FROM stale WHERE story_id = stories.id) FROM stories WHERE id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", id, err)
	}
	out, err := scanStories(rows)
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", id, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("story %s: %w", id, storyfold.ErrNotFound)
	}
	return out[0], nil
}

// Search implements storyfold.Store. FTS5 scores the matches by BM25 (title
// words count four times). A query that matches more than
// storyfold.MaxSearchTotal articles is ranked among the newest of them
// only: BM25 over thousands of matches costs milliseconds, a word that
// common says little about relevance, and news readers want the recent.
// Snippets are built in Go for the page's results only. The query is
// reduced to record.QueryTerms first and given record.SearchDeadline, so
// no query costs more than a bounded one: one of punctuation only finds
// nothing.
func (s *Store) Search(ctx context.Context, q storyfold.SearchQuery) ([]storyfold.SearchHit, int, error) {
	lim, off := record.Limit(q.Limit), max(0, q.Offset)
	terms := record.QueryTerms(q.Text)
	if len(terms) == 0 {
		return []storyfold.SearchHit{}, 0, nil
	}
	ctx, cancel := record.SearchContext(ctx)
	defer cancel()
	rows, err := s.db.QueryContext(ctx, `SELECT rowid, bm25(articles_fts, 4.0, 1.0) FROM articles_fts WHERE articles_fts MATCH ?
		ORDER BY rowid DESC LIMIT ?`, ftsQuery(terms), max(storyfold.MaxSearchTotal, off+lim))
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	type match struct {
		seq   int64
		score float64
	}
	var matches []match
	for rows.Next() {
		var m match
		if err := rows.Scan(&m.seq, &m.score); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("search: %w", err)
		}
		matches = append(matches, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	// Lower BM25 scores are better; among equals, the newest first, as
	// the matches came.
	slices.SortStableFunc(matches, func(a, b match) int { return cmp.Compare(a.score, b.score) })
	total := min(len(matches), storyfold.MaxSearchTotal)
	page := matches[min(off, len(matches)):min(off+lim, len(matches))]
	out := []storyfold.SearchHit{}
	if len(page) == 0 {
		return out, total, nil
	}
	args := make([]any, len(page))
	for i, m := range page {
		args[i] = m.seq
	}
	rows, err = s.db.QueryContext(ctx, `SELECT seq, id, story_id, title, source, COALESCE(published, ''), text
		FROM articles WHERE seq IN (`+placeholders(len(page))+`)`, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	bySeq := make(map[int64]storyfold.SearchHit, len(page))
	query := record.QueryWords(q.Text)
	for rows.Next() {
		var h storyfold.SearchHit
		var seq int64
		var date, text string
		if err := rows.Scan(&seq, &h.ArticleID, &h.StoryID, &h.Title, &h.Source, &date, &text); err != nil {
			return nil, 0, fmt.Errorf("search: %w", err)
		}
		h.Date = record.Date(date)
		h.Snippet = record.Snippet(text, query)
		bySeq[seq] = h
	}
	if err := rows.Err(); err != nil {
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
	rows, err := s.db.QueryContext(ctx, "SELECT source, COUNT(*) FROM articles GROUP BY source ORDER BY COUNT(*) DESC, source")
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	defer rows.Close()
	out := []storyfold.SourceCount{}
	for rows.Next() {
		var c storyfold.SourceCount
		if err := rows.Scan(&c.Source, &c.Articles); err != nil {
			return nil, fmt.Errorf("sources: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// StoryOf implements storyfold.Store.
func (s *Store) StoryOf(ctx context.Context, articleID string) (string, error) {
	var id string
	err := s.db.QueryRowContext(ctx, "SELECT story_id FROM articles WHERE id = ?", articleID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
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
	err := s.db.QueryRowContext(ctx, "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM stories)").Scan(&articles, &stories)
	if err != nil {
		return 0, 0, fmt.Errorf("counts: %w", err)
	}
	return articles, stories, nil
}

// scanStories reads story documents, each with whether it is stale.
func scanStories(rows *sql.Rows) ([]*storyfold.Story, error) {
	defer rows.Close()
	var out []*storyfold.Story
	for rows.Next() {
		var doc string
		var stale bool
		if err := rows.Scan(&doc, &stale); err != nil {
			return nil, err
		}
		st, err := record.Story([]byte(doc))
		if err != nil {
			return nil, err
		}
		st.Stale = stale
		out = append(out, st)
	}
	return out, rows.Err()
}
