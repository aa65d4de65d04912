package compare

import (
	"runtime"
	"sync"

	"github.com/storyfold/storyfold/nlp"
)

// What the account reads of a story more than once is read once here:
// every allocation saved is saved for every unit of every story.

// conflictStems keeps the conflict finder's stemmers between stories:
// a new one allocates its cache for every story.
var conflictStems = newKept(nlp.NewStemmer)

// kept keeps up to two values a core between uses, as a sync.Pool does,
// but through garbage collections: a pool is emptied every other
// collection, and with a story's account allocating megabytes that is
// every few stories, each then starting with cold caches (stems, word
// classes, the scorer's words) and growing its maps again.
type kept[T any] struct {
	mu    sync.Mutex
	items []T
	max   int
	new   func() T
}

func newKept[T any](new func() T) *kept[T] {
	return &kept[T]{max: 2 * runtime.NumCPU(), new: new}
}

// Get returns a kept value, or a new one.
func (k *kept[T]) Get() T {
	k.mu.Lock()
	if n := len(k.items); n > 0 {
		x := k.items[n-1]
		var zero T
		k.items[n-1] = zero
		k.items = k.items[:n-1]
		k.mu.Unlock()
		return x
	}
	k.mu.Unlock()
	return k.new()
}

// Put keeps x for a later Get, unless as many are kept already.
func (k *kept[T]) Put(x T) {
	k.mu.Lock()
	if len(k.items) < k.max {
		k.items = append(k.items, x)
	}
	k.mu.Unlock()
}

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
