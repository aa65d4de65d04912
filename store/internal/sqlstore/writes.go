package sqlstore

import (
	"context"
	"fmt"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/record"
)

// InsertArticle stores an article with its place in the story index, or
// nothing when an article of the same hash is stored already, so saving a
// batch twice stores it once. Its arguments are ArticleArgs'.
const InsertArticle = `INSERT INTO articles
	(id, hash, source, source_key, title, url, published, language, text, doc, story_id, duplicate_of, features, added)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`

// ArticleArgs are InsertArticle's arguments: the article, its document
// (record.ArticleDoc, as the engine's doc column takes it: a string for
// JSON, bytes for a compressed document), its features, compressed with
// compress (record.FeaturesBlob), and when it was added, in the engine's
// type.
func ArticleArgs(sa storyfold.StoredArticle, doc any, compress bool, added any) []any {
	a := &sa.Article
	return []any{a.ID, a.Hash, a.Source, record.SourceKey(a.Source), a.Title, a.URL, record.Nullable(a.Date.String()), a.Language, a.Text,
		doc, sa.StoryID, record.Nullable(sa.DuplicateOf), record.FeaturesBlob(sa.Features, compress), added}
}

// UpsertStory saves a story's document and the columns lists read. Its
// arguments are StoryArgs'.
const UpsertStory = `INSERT INTO stories (id, headline, first, last, articles, independent, sources, doc, updated)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, first = excluded.first, last = excluded.last,
		articles = excluded.articles, independent = excluded.independent, sources = excluded.sources,
		doc = excluded.doc, updated = excluded.updated`

// StoryArgs are UpsertStory's arguments: the story, its documents
// (record.StoryDocs) and its update time, in the engine's type.
func StoryArgs(st *storyfold.Story, doc any, sources string, updated any) []any {
	return []any{st.ID, st.Headline, record.Nullable(st.First.String()), record.Nullable(st.Last.String()),
		len(st.Articles), st.IndependentSources, sources, doc, updated}
}

// MarkStale marks a story stale (see storyfold.Batch.Stale) with the
// version of the save that changed it, which runs before it in the same
// transaction. Its arguments are the story's ID and the time of marking.
const MarkStale = `INSERT INTO stale (story_id, mark, marked) VALUES (?, (SELECT n FROM version), ?)
	ON CONFLICT (story_id) DO UPDATE SET mark = excluded.mark, marked = excluded.marked`

// RebuiltDocs checks the arguments of storyfold.Store.SaveStories and
// encodes the stories' documents (record.StoryDocs) before the
// transaction, which holds other writes back. It returns none for no
// stories. With compress the documents are compressed.
func RebuiltDocs(stories []*storyfold.Story, marks []int64, compress bool) (docs []any, sources []string, err error) {
	if len(stories) != len(marks) {
		return nil, nil, fmt.Errorf("save stories: %d stories, %d marks", len(stories), len(marks))
	}
	docs, sources = make([]any, len(stories)), make([]string, len(stories))
	for i, st := range stories {
		if docs[i], sources[i], err = record.StoryDocs(st, compress); err != nil {
			return nil, nil, err
		}
	}
	return docs, sources, nil
}

// Migration is one step of a store's schema: a script, and then, when
// Fill is set, Fill in the same transaction, for what SQL alone cannot
// compute (FillSourceKeys).
type Migration struct {
	SQL  string
	Fill func(ctx context.Context, tx DB) error
}

// ArticleDocs encodes a batch's article documents (record.ArticleDoc),
// compressed or not, before its transaction, which holds other writes
// back.
func ArticleDocs(articles []storyfold.StoredArticle, compress bool) ([][]byte, error) {
	docs := make([][]byte, len(articles))
	for i, sa := range articles {
		doc, err := record.ArticleDoc(sa.Article, compress)
		if err != nil {
			return nil, fmt.Errorf("save article %s: %w", sa.Article.ID, err)
		}
		docs[i] = doc
	}
	return docs, nil
}
