package record

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold/nlp"
)

// MaxQueryTerms bounds how many distinct words a full-text query keeps. In
// SQLite's FTS5 a query's cost grows faster than its length (a word
// repeated 20,000 times took minutes), so an unbounded query is a denial
// of service, and PostgreSQL is spared needless work too; no reader types
// more words than this, and the words past it would only narrow an AND
// that already matches little.
const MaxQueryTerms = 32

// MaxQueryBytes bounds a normalised query's length, its terms joined by
// single spaces, for the same reason as MaxQueryTerms: a few very long
// words cost as much as many short ones.
const MaxQueryBytes = 512

// SearchDeadline is how long a full-text query may run before it is
// cancelled, or sooner if the caller's deadline is. The caps above bound the
// work already; this is the backstop should an engine still be slow on
// some query, so that a search cannot hold a connection for minutes. The
// SQLite driver notices a cancelled context between steps of its work, so
// a query may overrun the deadline somewhat before it stops.
const SearchDeadline = 3 * time.Second

// SearchContext is ctx with SearchDeadline applied, for one full-text query.
func SearchContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, SearchDeadline)
}

// QueryTerms is what a person typed as the words a full-text query needs:
// the runs of letters and digits (so quotes, operators and other syntax of
// the engines are dropped, and a term of punctuation only is no term),
// each kept once whatever its case, in the order first typed, at most
// MaxQueryTerms of them and MaxQueryBytes joined by spaces. The byte cap
// cuts at a term boundary: the first term that would not fit ends the
// query. The SQLite store searches with these terms (and PostgreSQL with
// QueryWords, the same reduction cut at spaces), so repeating a word costs
// nothing. The text is read once, in time linear in its length, and the
// work stops at the term cap.
func QueryTerms(text string) []string {
	return distinct(text, isLetterOrDigit)
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// QueryWords is what was typed reduced as QueryTerms reduces it, but cut
// into words at spaces only, joined by single spaces: a word without a
// letter or digit is dropped, each is kept once in any case, and the same
// caps hold. It is for engines that parse a query themselves and cannot be
// given syntax (PostgreSQL's plainto_tsquery, which keeps "U.S." and "3.5"
// whole, as it indexed them) and for marking a hit's snippet.
func QueryWords(text string) string {
	return strings.Join(distinct(text, func(r rune) bool { return !unicode.IsSpace(r) }), " ")
}

// distinct returns the runs of runes isWord accepts in text that hold a
// letter or digit, each kept once in any case, under the caps of
// MaxQueryTerms and MaxQueryBytes.
func distinct(text string, isWord func(rune) bool) []string {
	var terms []string
	size := 0
	for rest := text; rest != ""; {
		start := strings.IndexFunc(rest, isWord)
		if start < 0 {
			break
		}
		rest = rest[start:]
		end := strings.IndexFunc(rest, func(r rune) bool { return !isWord(r) })
		if end < 0 {
			end = len(rest)
		}
		w := rest[:end]
		rest = rest[end:]
		if !strings.ContainsFunc(w, isLetterOrDigit) || containsFold(terms, w) {
			continue
		}
		if len(terms) == MaxQueryTerms {
			break
		}
		grown := size + len(w)
		if len(terms) > 0 {
			grown++ // the space before it
		}
		if grown > MaxQueryBytes {
			break
		}
		terms = append(terms, w)
		size = grown
	}
	return terms
}

// containsFold reports whether terms holds w in any case. At most
// MaxQueryTerms are compared, which is cheaper than lowering every word
// into a map key.
func containsFold(terms []string, w string) bool {
	for _, t := range terms {
		if strings.EqualFold(t, w) {
			return true
		}
	}
	return false
}

// Searchable says whether a word of letters and digits (a QueryTerms
// term) is kept in the SQLite store's full-text index: English stop
// words are not. They are about two fifths of a news text's words, and
// so of the index's positions, and an AND of them narrows nothing (a
// search of "the" matched every article); PostgreSQL's english text
// search configuration drops them too.
func Searchable(word string) bool {
	if len(word) > maxStopWord {
		return true
	}
	return !nlp.IsStopWord(strings.ToLower(word))
}

// maxStopWord is longer than any English stop word, in bytes: longer
// words are kept without lowering them.
const maxStopWord = 16

// IndexText is a text as the SQLite store's full-text index is fed it:
// the words Searchable refuses blanked out, the rest where they were.
// Words are QueryTerms' runs of letters and digits, so a query and the
// index drop the same words.
func IndexText(text string) string {
	// A copy only once a word is blanked, written once: the text up to
	// each blanked word, then its blanks.
	var b strings.Builder
	done := 0 // text[:done] is in b
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isLetterOrDigit(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isLetterOrDigit(r) {
				break
			}
			i += size
		}
		if !Searchable(text[start:i]) {
			if b.Cap() == 0 {
				b.Grow(len(text))
			}
			b.WriteString(text[done:start])
			for range i - start {
				b.WriteByte(' ')
			}
			done = i
		}
	}
	if b.Cap() == 0 {
		return text
	}
	b.WriteString(text[done:])
	return b.String()
}
