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
	words := casedWords(q.Text)
	if len(words) <= 2 {
		return false
	}
	if !q.Direct() || len(words) > maxScareWords {
		return true
	}
	return isClause(q.Text, words)
}

// isClause reports whether a short quote reads as a clause: it has a
// subject word ("We will win"), or it opens with a capital and closes a
// sentence ("Absolutely not true.").
func isClause(text string, words []string) bool {
	for _, w := range words {
		if clauseSubjects[string(nlp.Lower(nil, w))] {
			return true
		}
	}
	t := strings.TrimRight(strings.TrimSpace(text), "”\"’'")
	return nlp.IsCapitalized(words[0]) && (strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?"))
}
