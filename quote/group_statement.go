package quote

import (
	_ "embed"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

//go:embed data/clause-subjects.txt
var clauseSubjectsData string

var clauseSubjects = listSet(clauseSubjectsData)

// maxScareWords is the longest direct quote that may be a scare quote: a
// few of someone's words marked inside the outlet's sentence ("called the
// talks “closely involved”").
const maxScareWords = 3

// IsStatement reports whether a quote group's wording says something on
// its own, as a row of who said what should: not one or two words, and
// not a scare quote, a direct quote of maxScareWords words or fewer that
// is not a clause. Such quotes stay in the articles' quotes and in the
// story's quote groups; only the lists of statements leave them out.
func IsStatement(q *storyfold.Quote) bool {
	// Read through a pooled token buffer, keeping only the first words: a
	// story page asks this of every quote it shows, and a list of every
	// quote's words was most of what the page allocated for it.
	buf := tokenPool.Get().(*[]nlp.Token)
	defer tokenPool.Put(buf)
	toks := nlp.Tokenize((*buf)[:0], q.Text)
	*buf = toks
	var first [maxScareWords]string
	n := 0
	for _, t := range toks {
		if t.Kind != nlp.Punct {
			if n < len(first) {
				first[n] = t.Text(q.Text)
			}
			n++
		}
	}
	if n <= 2 {
		return false
	}
	if !q.Direct() || n > maxScareWords {
		return true
	}
	return isClause(q.Text, first[:n])
}

// isClause reports whether a short quote reads as a clause: it has a
// subject word ("We will win"), or it opens with a capital and closes a
// sentence ("Absolutely not true.").
func isClause(text string, words []string) bool {
	var lower [64]byte
	for _, w := range words {
		if clauseSubjects[string(nlp.Lower(lower[:0], w))] {
			return true
		}
	}
	t := strings.TrimRight(strings.TrimSpace(text), "”\"’'")
	return nlp.IsCapitalized(words[0]) && (strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?"))
}
