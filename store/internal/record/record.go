// Package record turns domain values into the columns the SQL stores keep
// and back, so SQLite and PostgreSQL store the same documents the same way.
package record

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// ArticleDoc is the JSON document kept for an article. Its duplicates are
// left out: they are derived from the other articles' duplicate_of when
// read.
func ArticleDoc(a storyfold.Article) ([]byte, error) {
	a.Duplicates = nil
	return json.Marshal(&a)
}

// StoryDocs are the JSON kept for a story: its whole document, and its
// outlets for the column lists read.
func StoryDocs(st *storyfold.Story) (doc, sources string, err error) {
	// Stale is a fact about the store at the time of reading, never part
	// of the saved account.
	c := *st
	c.Stale = false
	d, err := json.Marshal(&c)
	if err != nil {
		return "", "", fmt.Errorf("save story %s: %w", st.ID, err)
	}
	src, err := json.Marshal(st.Sources)
	if err != nil {
		return "", "", fmt.Errorf("save story %s: %w", st.ID, err)
	}
	return string(d), string(src), nil
}

// Article reads an article's document, with the IDs of its copies.
func Article(doc []byte, duplicates []string) (storyfold.Article, error) {
	var a storyfold.Article
	if err := json.Unmarshal(doc, &a); err != nil {
		return a, fmt.Errorf("stored article: %w", err)
	}
	a.Duplicates = duplicates
	if a.Duplicates == nil {
		a.Duplicates = []string{}
	}
	return a, nil
}

// Story reads a story's document.
func Story(doc []byte) (*storyfold.Story, error) {
	st := storyfold.NewStory("")
	if err := json.Unmarshal(doc, st); err != nil {
		return nil, fmt.Errorf("stored story: %w", err)
	}
	return st, nil
}

// Date reads a stored date, written by Date.String; "" is unknown.
func Date(s string) storyfold.Date {
	var d storyfold.Date
	if s != "" {
		_ = d.UnmarshalJSON([]byte(`"` + s + `"`)) // written by Date.String: cannot fail
	}
	return d
}

// Nullable stores "" as NULL.
func Nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// EndOfDay is a bound past every stored date on d's day: a date with a
// time sorts after the bare day.
func EndOfDay(d storyfold.Date) string { return d.String() + "\uffff" }

// MaxPage bounds a page, whatever is asked.
const MaxPage = 200

// Limit is the page size a query's limit asks for.
func Limit(n int) int {
	if n <= 0 || n > MaxPage {
		return MaxPage
	}
	return n
}

// snippetWords is about how long a search result's snippet is.
const snippetWords = 24

// Snippet is a search hit's passage of text, its matched words marked.
func Snippet(text, query string) string {
	return nlp.Snippet(text, query, snippetWords, storyfold.SnippetOpen, storyfold.SnippetClose)
}

// SourceKey is the form of an outlet's name that a source filter compares
// (see storyfold.StoryQuery): its spaces at either end trimmed and each
// letter replaced by the smallest of the letters strings.EqualFold takes
// for it, so two names have one key exactly when EqualFold says they are
// equal. Stores keep it beside the name, indexed, and compare keys: an
// engine's own lower() folds ASCII only, and not alike in SQLite and
// PostgreSQL.
func SourceKey(name string) string {
	return strings.Map(foldRune, strings.TrimSpace(name))
}

// foldRune is the smallest rune of r's simple case-folding orbit.
func foldRune(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}
