package compare

import (
	"runtime"
	"strings"
	"sync"
	"unicode"

	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/nlp/wordnet"
)

// What the account reads of a story more than once is read once here:
// every allocation saved is saved for every unit of every story.

// conflictStems keeps the conflict finder's stemmers between stories:
// a new one allocates its cache for every story.
var conflictStems = newKept(nlp.NewStemmer)

// conflictWords keeps the conflict finder's words between stories (see
// conflictContext.word).
var conflictWords = newKept(func() map[string]*cxWord { return make(map[string]*cxWord, 4096) })

// cxWord is what the conflict finder reads of a word as written, worked
// out once however many times a story reads it: each field is a pure
// function of the word, so remembering it changes nothing found.
type cxWord struct {
	lower string // nlp.Lower of the word
	// negator says the word negates what follows: a negator, a refusal,
	// "no", or a word ending in "n't".
	negator bool
	// speaks says the word, lower-cased as strings.ToLower does, is a
	// speech or attribution verb other than "according": a verb that
	// credits a speaker (see speakersOf).
	speaks bool
	// said says lower is a speech or attribution verb, speech a speech
	// verb, stop a stop word, unasserting a word that makes the verb
	// after it no assertion (conflict_unasserted.txt).
	said, speech, stop, unasserting bool
	// stem is the stem of lower, once stemSet; lemma its verb lemma in
	// WordNet, once lemmaSet.
	stem, lemma       string
	stemSet, lemmaSet bool
}

// newCxWord returns what the conflict finder reads of a word as written;
// key is the word as the caller keeps it (a copy of written, not a piece
// of an article's text) and buf a buffer to lower-case it in.
func newCxWord(buf []byte, key string) (*cxWord, []byte) {
	buf = nlp.Lower(buf[:0], key)
	w := &cxWord{lower: lowered(buf, key)}
	l := w.lower
	w.negator = negators[l] || refusals[l] || strings.HasSuffix(l, "n't") || strings.HasSuffix(l, "n’t") || l == "no"
	w.speech = speechVerbs[l]
	w.said = w.speech || attributionVerbs[l]
	w.stop = nlp.IsStopWord(l)
	w.unasserting = unasserting[l]
	buf = nlp.AppendLower(buf[:0], key)
	w.speaks = (speechVerbs[string(buf)] || attributionVerbs[string(buf)]) && string(buf) != "according"
	return w, buf
}

// word returns what the conflict finder reads of a word as written.
func (cx *conflictContext) word(written string) *cxWord {
	if w, ok := cx.words[written]; ok {
		return w
	}
	if len(cx.words) >= maxWordCache {
		clear(cx.words) // a server reads words without end
	}
	key := strings.Clone(written) // written is a piece of an article's text
	var w *cxWord
	w, cx.negBuf = newCxWord(cx.negBuf, key)
	cx.words[key] = w
	return w
}

// wordsOf returns what the finder reads of each of unit u's tokens (see
// word), nil for those that are not words, read once for the unit: its
// negation and its acts read the same words. A unit the story's reader
// read for a story of several articles holds them already (unit.cxw,
// from the reader's words, looked up as it read the unit's terms).
func (cx *conflictContext) wordsOf(u int) []*cxWord {
	if cx.unitWords[u] == nil {
		x := &cx.units[u]
		if x.cxw != nil {
			cx.unitWords[u] = x.cxw
			return x.cxw
		}
		text := cx.members[x.article].Text[x.span.Start:x.span.End]
		toks := cx.tokens(u)
		out := make([]*cxWord, len(toks))
		for i, t := range toks {
			if t.Kind == nlp.Word {
				out[i] = cx.word(t.Text(text))
			}
		}
		cx.unitWords[u] = out
	}
	return cx.unitWords[u]
}

// stemOf returns the stem of a word's lower-case form.
func (cx *conflictContext) stemOf(w *cxWord) string {
	if !w.stemSet {
		cx.negBuf = append(cx.negBuf[:0], w.lower...)
		w.stem, w.stemSet = cx.stems.Stem(cx.negBuf), true
	}
	return w.stem
}

// verbLemma returns wordnet.LemmaPOS of a word's lower-case form as a
// verb.
func (cx *conflictContext) verbLemma(w *cxWord) string {
	if !w.lemmaSet {
		w.lemma, w.lemmaSet = wordnet.LemmaPOS(w.lower, wordnet.Verb), true
	}
	return w.lemma
}

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

// countFields returns len(strings.Fields(s)) without making the list:
// the account counts the words of many sentences and keeps none of them.
func countFields(s string) int {
	n, in := 0, false
	for _, r := range s {
		if space := unicode.IsSpace(r); space == in {
			in = !space
			if in {
				n++
			}
		}
	}
	return n
}

// firstField returns strings.Fields(s)[0] for a text that does not
// start with a space and is not empty, without making the list.
func firstField(s string) string {
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}
