package quote

import (
	"sort"
	"strings"

	"github.com/storyfold/storyfold/nlp"
)

// The speaker rules ask the same few questions of the people an article
// names for every quote: the longest known name ending with a surname, the
// next subject after a place, the last person said to speak in a sentence.
// Answered by walking the names, each question costs as much as the
// article has names, and an article of many quotes and many names costs
// their product. nameIndex answers them from tables built once per
// article, in time that does not grow with the article.
type nameIndex struct {
	// suffix maps a name's ending that starts after a character other
	// than a space ("Noël Barrot" of "Jean-Noël Barrot") to the first
	// name, in text order, that ends so.
	suffix map[string]string
	// longest lists, for each last word, where in the names the longest
	// full name with that last word changes, so that the longest among the
	// first k names is a binary search away.
	longest map[string][]prefixBest
	// nextSubject[i] is the first index from i on of a name that is its
	// sentence's subject (len(names) when none); nextFits does the same for
	// subjects a pronoun of each gender may stand for.
	nextSubject []int32
	nextFits    [3][]int32
	// lastSpeaks[g][i] is the last index up to i, within i's sentence, of a
	// name said to speak that a pronoun of gender g may stand for, or -1.
	lastSpeaks [3][]int32
	// spoken maps a last word to the longest full name of a speaker found
	// so far with it (the first of that length).
	spoken map[string]string
	seen   map[string]bool // names indexed, while building
}

// prefixBest is the longest full name among the names before index at.
type prefixBest struct {
	at   int32 // index of the name that became the longest
	name string
}

// maxSuffixIndexed bounds the length of a name whose every ending is
// indexed; of a longer name (no person's, in practice) only the endings
// after punctuation are.
const maxSuffixIndexed = 64

// fits reports whether a pronoun of gender g may stand for name n: a name
// whose given name or title says otherwise is not the one meant.
func fits(n namePos, g nlp.Gender) bool { return n.gender == nlp.Unknown || n.gender == g }

// build fills the index for names, which are in text order.
func (x *nameIndex) build(names []namePos) {
	n := len(names)
	// The maps are kept from one article to the next, emptied, unless a
	// long article grew them: a map does not shrink.
	if x.suffix == nil || len(x.suffix) > 4096 || len(x.seen) > 4096 {
		x.suffix, x.longest, x.spoken, x.seen = map[string]string{}, map[string][]prefixBest{}, map[string]string{}, map[string]bool{}
	}
	clear(x.suffix)
	clear(x.longest)
	clear(x.spoken)
	clear(x.seen)
	x.nextSubject = resize(x.nextSubject, n+1)
	for g := range x.nextFits {
		x.nextFits[g] = resize(x.nextFits[g], n+1)
		x.lastSpeaks[g] = resize(x.lastSpeaks[g], n)
	}
	for i, p := range names {
		if !x.seen[p.name] {
			x.seen[p.name] = true
			x.addSuffixes(p.name)
		}
		if sp := strings.LastIndexByte(p.name, ' '); sp >= 0 {
			last := p.name[sp+1:]
			l := x.longest[last]
			if len(l) == 0 || len(p.name) > len(l[len(l)-1].name) {
				x.longest[last] = append(l, prefixBest{at: int32(i), name: p.name})
			}
		}
	}
	x.nextSubject[n] = int32(n)
	for g := range x.nextFits {
		x.nextFits[g][n] = int32(n)
	}
	for i := n - 1; i >= 0; i-- {
		x.nextSubject[i] = x.nextSubject[i+1]
		if names[i].subject {
			x.nextSubject[i] = int32(i)
		}
		for g := range x.nextFits {
			x.nextFits[g][i] = x.nextFits[g][i+1]
			if names[i].subject && fits(names[i], nlp.Gender(g)) {
				x.nextFits[g][i] = int32(i)
			}
		}
	}
	for i := range names {
		for g := range x.lastSpeaks {
			x.lastSpeaks[g][i] = -1
			if i > 0 && names[i-1].sentence == names[i].sentence {
				x.lastSpeaks[g][i] = x.lastSpeaks[g][i-1]
			}
			if names[i].speaks && fits(names[i], nlp.Gender(g)) {
				x.lastSpeaks[g][i] = int32(i)
			}
		}
	}
}

// addSuffixes indexes the endings of name that hold a space and start
// after a character other than a space.
func (x *nameIndex) addSuffixes(name string) {
	last := strings.LastIndexByte(name, ' ')
	for p := 1; p <= last; p++ {
		c := name[p-1]
		if c == ' ' || len(name) > maxSuffixIndexed && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80) {
			continue
		}
		if _, ok := x.suffix[name[p:]]; !ok {
			x.suffix[name[p:]] = name
		}
	}
}

// longestBefore returns the longest full name with the last word last
// among the first k names, the first of that length, or "".
func (x *nameIndex) longestBefore(last string, k int) string {
	l := x.longest[last]
	i := sort.Search(len(l), func(i int) bool { return int(l[i].at) >= k })
	if i == 0 {
		return ""
	}
	return l[i-1].name
}

// addSpeaker records a speaker found, for full.
func (x *nameIndex) addSpeaker(name string) {
	if sp := strings.LastIndexByte(name, ' '); sp >= 0 {
		if last := name[sp+1:]; len(name) > len(x.spoken[last]) {
			x.spoken[last] = name
		}
	}
}

func resize(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}
