package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/record"
	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

// Encode encodes articles' documents and texts before they are saved, so
// that a writer may do it before it takes the write lock (see
// sqlstore.Ahead); Save encodes what it was not given this way.
func (s *Store) Encode(articles []storyfold.Article) { s.ahead.EncodeAs(articles, compression) }

// EncodeWith is Encode also compressing the articles' grouping features
// (features[i] is articles[i]'s, as Save will be given them), which Save
// would else compress under the write lock.
func (s *Store) EncodeWith(articles []storyfold.Article, features [][]byte) {
	s.ahead.EncodeWith(articles, features, compression)
}

// compression is how the SQLite store keeps an article: text and document
// compressed, and the index's texts (record.IndexText) made with them,
// ahead of the save when Encode is called.
var compression = sqlstore.Compression{Text: true, Doc: true, Index: true}

// Save implements storyfold.Store. Articles already stored (by hash) are
// left as they are, so saving the same batch twice stores it once.
func (s *Store) Save(ctx context.Context, b *storyfold.Batch) error {
	// The rows are encoded (documents, texts and features compressed)
	// before the transaction, which holds every other write of the
	// process back.
	now := time.Now().UTC().Format(time.RFC3339Nano)
	rows, index, err := sqlstore.EncodeIndexed(b.Articles, compression, now, &s.ahead)
	if err != nil {
		return err
	}
	s.txs.Lock()
	defer s.txs.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save: %w", err)
	}
	defer tx.Rollback()
	fresh, err := insertArticles(ctx, tx, b.Articles, rows)
	if err != nil {
		return err
	}
	up, err := tx.PrepareContext(ctx, sqlstore.UpsertStory)
	if err != nil {
		return fmt.Errorf("save: %w", err)
	}
	defer up.Close()
	for _, st := range b.Stories {
		doc, sources, err := record.StoryDocs(st, true)
		if err != nil {
			return err
		}
		if _, err := up.ExecContext(ctx, sqlstore.StoryArgs(st, doc, sources, now)...); err != nil {
			return fmt.Errorf("save story %s: %w", st.ID, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE version SET n = n + 1"); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	if len(b.Stale) > 0 {
		mark, err := tx.PrepareContext(ctx, sqlstore.MarkStale)
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
	// The index is fed last: see indexArticles.
	if err := indexArticles(ctx, tx, fresh, index); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save: %w", err)
	}
	return nil
}

// insertRows is how many articles one statement inserts: a statement per
// article costs more in the driver than the insert itself, and a
// statement binds at most 32,766 values.
const insertRows = 64

// insertArticles inserts a batch's rows (sqlstore.EncodeIndexed), many
// to a statement, and returns the new ones, each as its rowid (seq) and
// its place in articles (the first of a hash is the one inserted).
func insertArticles(ctx context.Context, tx *sql.Tx, articles []storyfold.StoredArticle, rows [][]any) ([][2]int64, error) {
	byHash := make(map[string]int, len(articles))
	for i := len(articles) - 1; i >= 0; i-- {
		byHash[articles[i].Article.Hash] = i // the first of a hash is the one inserted
	}
	var fresh [][2]int64
	var stmts [2]*sql.Stmt
	defer func() {
		for _, st := range stmts {
			if st != nil {
				st.Close()
			}
		}
	}()
	// stmt prepares the statement for n rows: a full one, kept for
	// every full chunk, and the last chunk's.
	stmt := func(n int, query string) (*sql.Stmt, error) {
		k := 1
		if n == insertRows {
			k = 0
		}
		if stmts[k] == nil || k == 1 {
			if stmts[k] != nil {
				stmts[k].Close()
			}
			st, err := tx.PrepareContext(ctx, query)
			if err != nil {
				return nil, err
			}
			stmts[k] = st
		}
		return stmts[k], nil
	}
	var args []any
	for start := 0; start < len(rows); start += insertRows {
		part := rows[start:min(start+insertRows, len(rows))]
		st, err := stmt(len(part), "INSERT INTO articles ("+sqlstore.ArticleColumns+") VALUES "+
			strings.TrimSuffix(strings.Repeat(sqlstore.ArticleRow+",", len(part)), ",")+" ON CONFLICT (hash) DO NOTHING RETURNING seq, hash")
		if err != nil {
			return nil, fmt.Errorf("save: %w", err)
		}
		args = args[:0]
		for _, r := range part {
			args = append(args, r...)
		}
		res, err := st.QueryContext(ctx, args...)
		if err != nil {
			return nil, fmt.Errorf("save articles: %w", err)
		}
		for res.Next() {
			var seq int64
			var hash string
			if err := res.Scan(&seq, &hash); err != nil {
				res.Close()
				return nil, fmt.Errorf("save articles: %w", err)
			}
			fresh = append(fresh, [2]int64{seq, int64(byHash[hash])})
		}
		err = res.Err()
		res.Close()
		if err != nil {
			return nil, fmt.Errorf("save articles: %w", err)
		}
	}
	return fresh, nil
}

// indexArticles feeds the full-text index the new articles' titles and
// plain texts, which the articles' compressed text column cannot give it,
// without their stop words (index, made ahead with the rows): fresh are
// the new rows' seq and place in index (insertArticles).
//
// It is fed one row a statement, through one prepared statement, after
// every other statement of the save. FTS5 writes the terms it holds in
// memory to a new segment of the index whenever a later statement of the
// transaction opens a savepoint, as one that writes several rows or
// checks a constraint does: the batch's 64-row statements, then the
// version's update, gave a batch of 500 articles nine small segments, and
// those flushes took a fifth of the save's CPU. Fed this way, a
// batch's terms are written once, at commit (or when they outgrow FTS5's
// buffer).
func indexArticles(ctx context.Context, tx *sql.Tx, fresh [][2]int64, index [][2]string) error {
	if len(fresh) == 0 {
		return nil
	}
	ins, err := tx.PrepareContext(ctx, "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)")
	if err != nil {
		return fmt.Errorf("index articles: %w", err)
	}
	defer ins.Close()
	for _, f := range fresh {
		text := index[f[1]]
		if _, err := ins.ExecContext(ctx, f[0], text[0], text[1]); err != nil {
			return fmt.Errorf("index articles: %w", err)
		}
	}
	return nil
}

// indexRows adds rows to the full-text index, three values a row (rowid,
// title, text, as IndexText gives them), many rows to a statement.
func indexRows(exec func(query string, args []any) error, rows []any) error {
	const per = 3
	for start := 0; start < len(rows); start += insertRows * per {
		part := rows[start:min(start+insertRows*per, len(rows))]
		q := "INSERT INTO articles_fts (rowid, title, text) VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?, ?),", len(part)/per), ",")
		if err := exec(q, part); err != nil {
			return fmt.Errorf("index articles: %w", err)
		}
	}
	return nil
}
