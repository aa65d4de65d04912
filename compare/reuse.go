package compare

import (
	"sync"

	"github.com/storyfold/storyfold/nlp"
)

// What the account reads of a story more than once is read once here:
// every allocation saved is saved for every unit of every story.

// conflictStems keeps the conflict finder's stemmers between stories:
// a new one allocates its cache for every story.
var conflictStems = sync.Pool{New: func() any { return nlp.NewStemmer() }}

// tokens returns unit u's tokens, which units read once; a unit made
// elsewhere has them read again. Callers must not modify them.
func (cx *conflictContext) tokens(u int) []nlp.Token {
	x := &cx.units[u]
	if x.toks == nil {
		return nlp.Tokenize(nil, cx.members[x.article].Text[x.span.Start:x.span.End])
	}
	return x.toks
}

// lowered returns buf, the lower-case form of written (nlp.Lower), as a
// string: written itself when they are the same, as they are for most
// words of a text, so that no string is allocated for it.
func lowered(buf []byte, written string) string {
	if string(buf) == written {
		return written
	}
	return string(buf)
}
