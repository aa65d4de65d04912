package sqlstore

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/parallel"
	"github.com/storyfold/storyfold/store/internal/record"
)

// ArticleColumns are the columns of an article's row, in the order of
// EncodeArticles' arguments.
const ArticleColumns = "id, hash, source, source_key, title, url, published, language, text, doc, story_id, duplicate_of, features, added"

// ArticleRow is one row's placeholders, for ArticleColumns.
const ArticleRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

// InsertArticle stores an article with its place in the story index, or
// nothing when an article of the same hash is stored already, so saving a
// batch twice stores it once. Its arguments are a row of EncodeArticles.
const InsertArticle = "INSERT INTO articles (" + ArticleColumns + ") VALUES " + ArticleRow + " ON CONFLICT (hash) DO NOTHING"

// EncodeArticles encodes a batch's articles as InsertArticle's arguments,
// one row each, before its transaction, which holds other writes back:
// the document (record.ArticleDoc: with compress, compressed bytes, else
// a JSON string) and the text (record.TextBlob), compressed with compress,
// the features compressed always (record.FeaturesBlob: both engines keep
// them in a binary column, which record.Features reads either way), and
// added, the time of the save in the engine's type. What ahead encoded already (it may be
// nil) is taken from it.
func EncodeArticles(articles []storyfold.StoredArticle, compress bool, added any, ahead *Ahead) ([][]any, error) {
	return EncodeArticlesAs(articles, Compression{Text: compress, Doc: compress}, added, ahead)
}

// Compression says which of an article's columns a store keeps
// zstd-compressed: SQLite both, PostgreSQL the document only, since its
// full-text index is an expression over the text column, which the server
// compresses itself. With DocWithText the document is compressed with the
// text as the dictionary (record.ArticleDocWithText), for a store that
// keeps the text plain.
//
// Index is not a compression but rides along: with it, encoding also
// makes the title and text a store's own full-text index is fed
// (record.IndexText, SQLite's), so that Encode does that ahead too.
type Compression struct {
	Text, Doc, DocWithText, Index bool
}

// EncodeArticlesAs is EncodeArticles with the text and the document
// compressed as c says.
func EncodeArticlesAs(articles []storyfold.StoredArticle, c Compression, added any, ahead *Ahead) ([][]any, error) {
	rows, _, err := EncodeIndexed(articles, c, added, ahead)
	return rows, err
}

// EncodeIndexed is EncodeArticlesAs also returning, with c.Index, each
// article's title and text as its store's full-text index is fed them
// (record.IndexText), which Encode makes ahead too.
func EncodeIndexed(articles []storyfold.StoredArticle, c Compression, added any, ahead *Ahead) ([][]any, [][2]string, error) {
	encoded := ahead.take(articles)
	rows := make([][]any, len(articles))
	var index [][2]string
	if c.Index {
		index = make([][2]string, len(articles))
	}
	for i := range articles {
		sa := &articles[i]
		a := &sa.Article
		e, ok := encoded[a.Hash]
		if !ok || e.id != a.ID || e.c != c {
			var err error
			if e, err = encodeArticle(a, c); err != nil {
				return nil, nil, err
			}
		}
		if c.Index {
			index[i] = e.index
		}
		features := e.features
		if features == nil || !bytes.Equal(e.rawFeatures, sa.Features) {
			features = record.FeaturesBlob(sa.Features, true)
		}
		rows[i] = []any{a.ID, a.Hash, a.Source, record.SourceKey(a.Source), a.Title, a.URL, record.Nullable(a.Date.String()), a.Language,
			e.text, e.doc, sa.StoryID, record.Nullable(sa.DuplicateOf), features, added}
	}
	return rows, index, nil
}

// encodedArticle is what encoding an article's columns gives, the costly
// part of saving it: its document and text as kept, for the ID they were
// encoded with (a save may rename an article whose ID is taken).
type encodedArticle struct {
	id        string
	c         Compression
	text, doc any
	index     [2]string // with c.Index: title and text as indexed
	// features is the grouping features' blob as kept, when they were
	// given ahead (EncodeWith), and rawFeatures the blob it was made of:
	// a save whose article carries other features compresses its own.
	features, rawFeatures []byte
	// save is the count of saves (Ahead.saves) when it was encoded ahead.
	save int
}

func encodeArticle(a *storyfold.Article, c Compression) (encodedArticle, error) {
	var doc []byte
	var err error
	if c.Doc && c.DocWithText {
		doc, err = record.ArticleDocWithText(*a)
	} else {
		doc, err = record.ArticleDoc(*a, c.Doc)
	}
	if err != nil {
		return encodedArticle{}, fmt.Errorf("save article %s: %w", a.ID, err)
	}
	e := encodedArticle{id: a.ID, c: c, text: record.TextBlob(a.Text, c.Text), doc: doc}
	if c.Index {
		e.index = [2]string{record.IndexText(a.Title), record.IndexText(a.Text)}
	}
	if !c.Doc {
		e.doc = string(doc)
	}
	return e, nil
}

// Ahead holds articles encoded before their save, so that a writer can
// encode them before it takes the store's write lock, which every other
// writer waits for, rather than in Save, under it (Encode), and can
// encode the next batch while one is saved. Save takes the entries of its
// own articles; an article a save does not find (another writer's save
// took it, or the batch was never saved) is encoded again there, so what
// is saved never depends on it. What no save took is dropped once
// aheadSaves saves have passed since it was encoded, so what is kept
// never outgrows the batches encoded over the last few saves.
type Ahead struct {
	mu      sync.Mutex
	encoded map[string]encodedArticle
	// saves counts the takes so far; each entry keeps the count it was
	// encoded at.
	saves int
}

// aheadSaves is how many saves an article encoded ahead waits for before
// it is dropped: its own batch is saved by the next save or the one
// after, when a batch is encoded while the one before waits for the lock.
const aheadSaves = 3

// Encode encodes articles ahead of their save, on all cores, keyed by
// their content hash. An article that fails to encode is left to Save,
// which reports its error.
func (h *Ahead) Encode(articles []storyfold.Article, compress bool) {
	h.EncodeAs(articles, Compression{Text: compress, Doc: compress})
}

// EncodeAs is Encode with the text and the document compressed as c
// says.
func (h *Ahead) EncodeAs(articles []storyfold.Article, c Compression) {
	h.EncodeWith(articles, nil, c)
}

// EncodeWith is EncodeAs also compressing each article's grouping
// features (storyfold.StoredArticle.Features, as the save will be given
// them; features[i] is articles[i]'s), which were else compressed one by
// one under the write lock. A nil features encodes none.
func (h *Ahead) EncodeWith(articles []storyfold.Article, features [][]byte, c Compression) {
	out := make([]encodedArticle, len(articles))
	ok := make([]bool, len(articles))
	parallel.For(len(articles), runtime.GOMAXPROCS(0), func(i int) {
		var err error
		out[i], err = encodeArticle(&articles[i], c)
		ok[i] = err == nil
		if ok[i] && features != nil {
			out[i].rawFeatures = features[i]
			out[i].features = record.FeaturesBlob(features[i], true)
		}
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.encoded == nil {
		h.encoded = make(map[string]encodedArticle, len(articles))
	}
	for i := range articles {
		if ok[i] {
			out[i].save = h.saves
			h.encoded[articles[i].Hash] = out[i]
		}
	}
}

// take removes from h and returns what was encoded ahead of the articles
// a save stores, and drops what aheadSaves saves have passed by. A nil h
// holds nothing.
func (h *Ahead) take(articles []storyfold.StoredArticle) map[string]encodedArticle {
	if h == nil {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.saves++
	if len(h.encoded) == 0 {
		return nil
	}
	e := make(map[string]encodedArticle, len(articles))
	for i := range articles {
		hash := articles[i].Article.Hash
		if a, ok := h.encoded[hash]; ok {
			e[hash] = a
			delete(h.encoded, hash)
		}
	}
	for hash, a := range h.encoded {
		if h.saves-a.save >= aheadSaves {
			delete(h.encoded, hash)
		}
	}
	return e
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
