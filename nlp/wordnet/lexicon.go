package wordnet

import (
	"fmt"

	"github.com/storyfold/storyfold/nlp/wordnet/internal/format"
	"github.com/storyfold/storyfold/nlp/wordnet/internal/morphy"
)

// Relation bits as stored, from the first word's point of view.
const (
	bitSynonym   = format.Synonym
	bitAntonym   = format.Antonym
	bitDerived   = format.Derived
	bitSimilar   = format.Similar
	bitBroader1  = format.Broader1
	bitNarrower1 = format.Narrower1
	bitBroader2  = format.Broader2
	bitNarrower2 = format.Narrower2
)

// maxWord is the longest word Lookup lemmatises; longer strings are not
// English words and would not fit the stack buffer the rules write into.
const maxWord = 60

// lexicon is the decoded file. Words 1..len(lemmas) are lemmas; the words
// after them are combos, the lemma sets of ambiguous surface forms.
type lexicon struct {
	lemmas  []string
	forms   map[string]form // lemmas and exception forms
	posMask []uint8
	counts  []uint32 // 4 per lemma, by POS

	relOff []uint32 // rel[relOff[w-1]:relOff[w]] are w's related words
	rel    []uint32 // related Word<<8 | relation bits, sorted

	clOff []uint32 // cl[clOff[w-1]:clOff[w]] are w's adjective clusters
	cl    []uint32 // cluster<<1, low bit set for an opposite cluster, sorted

	comboOff     []uint32 // members of combo c: comboMem[comboOff[c]:comboOff[c+1]]
	comboMem     []Word
	comboPrimary []Word
	combos       map[[format.MaxMembers]Word]Word

	exc [4]map[string][]Word
}

// form is what one map lookup tells about a string: the lemma it is, if any,
// the parts of speech whose exception list holds it, so that the exception
// maps are only consulted for irregular forms, and what Lookup returns for
// it, worked out at load time so that a lemma or an irregular form costs
// Lookup one map access.
type form struct {
	self     Word
	resolved Word
	excMask  uint8
}

// decode reads a lexicon file, validating every count, id and
// order so that corrupt input gives an error rather than a panic later.
func decode(data []byte) (*lexicon, error) {
	r, err := format.NewReader(data)
	if err != nil {
		return nil, err
	}
	l := &lexicon{}
	n := r.Count(2)
	// Lemma strings: one backing string, sliced.
	backing := make([]byte, 0, n*8)
	bounds := make([]uint32, 0, n+1)
	prevStart, prevEnd := 0, 0
	for i := 0; i < n && r.Err() == nil; i++ {
		var start int
		backing, start = r.FrontCoded(backing, prevStart, prevEnd)
		bounds = append(bounds, uint32(start))
		prevStart, prevEnd = start, len(backing)
	}
	if err := r.Err(); err != nil {
		return nil, fmt.Errorf("decode lemmas: %w", err)
	}
	bounds = append(bounds, uint32(len(backing)))
	all := string(backing)
	l.lemmas = make([]string, n)
	l.forms = make(map[string]form, n+n/8)
	for i := range n {
		s := all[bounds[i]:bounds[i+1]]
		if s == "" || (i > 0 && s <= l.lemmas[i-1]) {
			return nil, fmt.Errorf("decode lemmas: lemma %d out of order: %w", i, format.ErrCorrupt)
		}
		l.lemmas[i] = s
		l.forms[s] = form{self: Word(i + 1), resolved: Word(i + 1)} // unless listed as resolved otherwise
	}

	l.posMask = make([]uint8, n)
	l.counts = make([]uint32, 4*n)
	for i := 0; i < n && r.Err() == nil; i++ {
		m := r.Byte()
		if m == 0 || m > 15 {
			return nil, fmt.Errorf("decode parts of speech: %w", format.ErrCorrupt)
		}
		l.posMask[i] = m
		for p := range 4 {
			if m&(1<<p) != 0 {
				l.counts[4*i+p] = uint32(r.Uvarint())
			}
		}
	}

	l.relOff = make([]uint32, 1, n+1)
	l.rel = make([]uint32, 0, len(data)/3)
	for i := 0; i < n && r.Err() == nil; i++ {
		k := r.Count(2)
		var last uint64
		for range k {
			d := r.Uvarint()
			bits := r.Byte()
			last += d
			if d == 0 || last > uint64(n) || bits == 0 {
				return nil, fmt.Errorf("decode relations of %q: %w", l.lemmas[i], format.ErrCorrupt)
			}
			l.rel = append(l.rel, uint32(last)<<8|uint32(bits))
		}
		l.relOff = append(l.relOff, uint32(len(l.rel)))
	}

	l.clOff = make([]uint32, 1, n+1)
	for i := 0; i < n && r.Err() == nil; i++ {
		k := r.Count(1)
		var last uint64
		for j := range k {
			d := r.Uvarint()
			if j > 0 && d == 0 {
				return nil, fmt.Errorf("decode clusters of %q: %w", l.lemmas[i], format.ErrCorrupt)
			}
			last += d
			if last > 1<<31 {
				return nil, fmt.Errorf("decode clusters of %q: %w", l.lemmas[i], format.ErrCorrupt)
			}
			l.cl = append(l.cl, uint32(last))
		}
		l.clOff = append(l.clOff, uint32(len(l.cl)))
	}

	nc := r.Count(3)
	l.comboOff = make([]uint32, 1, nc+1)
	l.comboMem = make([]Word, 0, 2*nc)
	l.comboPrimary = make([]Word, 0, nc)
	l.combos = make(map[[format.MaxMembers]Word]Word, nc)
	for c := 0; c < nc && r.Err() == nil; c++ {
		k := r.Count(1)
		if k < 2 || k > format.MaxMembers {
			return nil, fmt.Errorf("decode combo %d: %w", c, format.ErrCorrupt)
		}
		var key [format.MaxMembers]Word
		var last uint64
		for j := range k {
			d := r.Uvarint()
			last += d
			if d == 0 || last > uint64(n) {
				return nil, fmt.Errorf("decode combo %d: %w", c, format.ErrCorrupt)
			}
			key[j] = Word(last)
			l.comboMem = append(l.comboMem, Word(last))
		}
		l.comboOff = append(l.comboOff, uint32(len(l.comboMem)))
		if _, dup := l.combos[key]; dup {
			return nil, fmt.Errorf("decode combo %d: duplicate: %w", c, format.ErrCorrupt)
		}
		l.combos[key] = Word(n + 1 + c)
		l.comboPrimary = append(l.comboPrimary, l.mostFrequent(key[:k]))
	}

	for p := range 4 {
		ne := r.Count(3)
		m := make(map[string][]Word, ne)
		prevStart, prevEnd := 0, 0
		var fb []byte
		pool := make([]Word, 0, ne)
		type entry struct {
			start, end int
			from, to   int
		}
		entries := make([]entry, 0, ne)
		for e := 0; e < ne && r.Err() == nil; e++ {
			var start int
			fb, start = r.FrontCoded(fb, prevStart, prevEnd)
			prevStart, prevEnd = start, len(fb)
			k := r.Count(1)
			from := len(pool)
			for range k {
				id := r.Uvarint()
				if id == 0 || id > uint64(n) {
					return nil, fmt.Errorf("decode exceptions: %w", format.ErrCorrupt)
				}
				pool = append(pool, Word(id))
			}
			entries = append(entries, entry{start, len(fb), from, len(pool)})
		}
		forms := string(fb)
		for _, e := range entries {
			f := forms[e.start:e.end]
			if _, dup := m[f]; dup {
				return nil, fmt.Errorf("decode exceptions: duplicate form %q: %w", f, format.ErrCorrupt)
			}
			m[f] = pool[e.from:e.to:e.to]
			fm := l.forms[f]
			fm.excMask |= 1 << p
			l.forms[f] = fm
		}
		l.exc[p] = m
	}
	nr := r.Count(3)
	var rb []byte
	prevStart, prevEnd = 0, 0
	nw := uint64(n + nc)
	for range nr {
		var start int
		rb, start = r.FrontCoded(rb, prevStart, prevEnd)
		prevStart, prevEnd = start, len(rb)
		w := r.Uvarint()
		if r.Err() != nil {
			break
		}
		f, ok := l.forms[string(rb[start:])]
		if !ok || w > nw {
			return nil, fmt.Errorf("decode resolved forms: %w", format.ErrCorrupt)
		}
		f.resolved = Word(w)
		l.forms[string(rb[start:])] = f
	}
	if err := r.Done(); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	l.mergeCombos()
	return l, nil
}

// mergeCombos gives each combo the union of its members' related words, so
// that comparing a combo with a lemma is one search.
func (l *lexicon) mergeCombos() {
	var tmp, out []uint32
	for c := range len(l.comboPrimary) {
		out = out[:0]
		for _, m := range l.comboMem[l.comboOff[c]:l.comboOff[c+1]] {
			tmp = append(tmp[:0], out...)
			out = mergeRel(out[:0], tmp, l.relOf(m))
		}
		l.rel = append(l.rel, out...)
		l.relOff = append(l.relOff, uint32(len(l.rel)))

		out = out[:0]
		for _, m := range l.comboMem[l.comboOff[c]:l.comboOff[c+1]] {
			tmp = append(tmp[:0], out...)
			out = mergeBy(out[:0], tmp, l.clOf(m), 0)
		}
		l.cl = append(l.cl, out...)
		l.clOff = append(l.clOff, uint32(len(l.cl)))
	}
}

func (l *lexicon) clOf(w Word) []uint32 { return l.cl[l.clOff[w-1]:l.clOff[w]] }

// clusterBits compares two words' adjective clusters: a shared cluster
// makes them similar, a cluster of one opposite a cluster of the other
// makes them antonyms. Most words are no adjectives and return at once.
func (l *lexicon) clusterBits(a, b Word) uint8 {
	x, y := l.clOf(a), l.clOf(b)
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	var m uint8
	for _, u := range x {
		for _, v := range y {
			if u>>1 != v>>1 {
				continue
			}
			switch u&1 + v&1 {
			case 0:
				m |= bitSimilar
			case 1:
				m |= bitAntonym
			}
		}
	}
	return m
}

// mergeRel appends to dst the union of two sorted relation lists, or-ing the
// bits of words in both.
func mergeRel(dst, a, b []uint32) []uint32 {
	return mergeBy(dst, a, b, 8)
}

// mergeBy merges two lists sorted by v>>shift, or-ing equal keys; with
// shift 0 it is a set union.
func mergeBy(dst, a, b []uint32, shift uint) []uint32 {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i]>>shift, b[j]>>shift
		switch {
		case x < y:
			dst = append(dst, a[i])
			i++
		case y < x:
			dst = append(dst, b[j])
			j++
		default:
			dst = append(dst, a[i]|b[j])
			i++
			j++
		}
	}
	dst = append(dst, a[i:]...)
	return append(dst, b[j:]...)
}

// valid reports whether w is a handle this lexicon gave out; other values
// relate to nothing rather than panic.
func (l *lexicon) valid(w Word) bool { return w != 0 && int(w) < len(l.relOff) }

func (l *lexicon) relOf(w Word) []uint32 { return l.rel[l.relOff[w-1]:l.relOff[w]] }

func (l *lexicon) isCombo(w Word) bool { return int(w) > len(l.lemmas) }

// members returns the lemmas of a combo; callers check isCombo first.
func (l *lexicon) members(w Word) []Word {
	c := int(w) - len(l.lemmas) - 1
	return l.comboMem[l.comboOff[c]:l.comboOff[c+1]]
}

func (l *lexicon) primary(w Word) Word {
	if l.isCombo(w) {
		return l.comboPrimary[int(w)-len(l.lemmas)-1]
	}
	return w
}

func (l *lexicon) totalCount(w Word) uint32 {
	c := l.counts[4*(w-1) : 4*w]
	return c[0] + c[1] + c[2] + c[3]
}

// mostFrequent returns the lemma with the highest tag count, the first on
// ties.
func (l *lexicon) mostFrequent(ws []Word) Word {
	best := ws[0]
	for _, w := range ws[1:] {
		if l.totalCount(w) > l.totalCount(best) {
			best = w
		}
	}
	return best
}

func (l *lexicon) sameLemma(a, b Word) bool {
	ca, cb := l.isCombo(a), l.isCombo(b)
	switch {
	case !ca && !cb:
		return a == b
	case ca && !cb:
		return containsWord(l.members(a), b)
	case !ca && cb:
		return containsWord(l.members(b), a)
	}
	for _, m := range l.members(a) {
		if containsWord(l.members(b), m) {
			return true
		}
	}
	return false
}

func containsWord(ws []Word, w Word) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// find returns the relation bits stored for b in list, 0 if none.
func find(list []uint32, b Word) uint8 {
	lo, hi := 0, len(list)
	key := uint32(b)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if list[m]>>8 < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(list) && list[lo]>>8 == key {
		return uint8(list[lo])
	}
	return 0
}

// flip turns bits from b's point of view into a's.
func flip(m uint8) uint8 {
	const keep = bitSynonym | bitAntonym | bitDerived | bitSimilar
	return m&keep |
		(m&bitBroader1)<<1 | (m&bitNarrower1)>>1 |
		(m&bitBroader2)<<1 | (m&bitNarrower2)>>1
}

// bits returns the relation bits between two known words, from a's point of
// view. Relation lists are symmetric, and a combo's list is the union of
// its members', so one search suffices unless both words are combos.
func (l *lexicon) bits(a, b Word) uint8 {
	if !l.valid(a) || !l.valid(b) {
		return 0
	}
	m := l.clusterBits(a, b)
	switch {
	case !l.isCombo(b):
		return m | find(l.relOf(a), b)
	case !l.isCombo(a):
		return m | flip(find(l.relOf(b), a))
	}
	list := l.relOf(a)
	for _, x := range l.members(b) {
		m |= find(list, x)
	}
	return m
}

// candidate is one lemma morphy derives from a word.
type candidate struct {
	id    Word
	count uint32
}

// candidates runs morphy over every part of speech, appending what it
// finds to cs, and returns the word's own lemma id too (0 if none). It must
// match the generator's candidates exactly, or ambiguous forms would miss
// their combo. One map lookup covers the word itself; each rule that
// applies costs one more, and a base form derived twice (the -s rules of
// nouns and verbs) is looked up once.
func (l *lexicon) candidates(word string, cs []candidate) ([]candidate, Word) {
	f := l.forms[word]
	self := f.self
	var buf, memo [maxWord + 8]byte
	memoN := -1
	var memoID Word
	for pos := range 4 {
		if f.excMask&(1<<pos) != 0 {
			for _, b := range l.exc[pos][word] {
				cs = append(cs, candidate{b, l.counts[4*(b-1)+Word(pos)]})
			}
		}
		if self != 0 && l.posMask[self-1]&(1<<pos) != 0 {
			cs = append(cs, candidate{self, l.counts[4*(self-1)+Word(pos)]})
		}
		if f.excMask&(1<<pos) != 0 || len(word) > maxWord || word == "" {
			continue
		}
		for _, r := range morphy.ByLast[pos][word[len(word)-1]] {
			b, ok := morphy.Apply(word, r, buf[:0])
			if !ok {
				continue
			}
			var id Word
			if memoN >= 0 && string(b) == string(memo[:memoN]) {
				id = memoID
			} else {
				id = l.forms[string(b)].self
				memoN, memoID = copy(memo[:], b), id
			}
			if id != 0 && l.posMask[id-1]&(1<<pos) != 0 {
				cs = append(cs, candidate{id, l.counts[4*(id-1)+Word(pos)]})
				break
			}
		}
	}
	return cs, self
}

// lookup returns the word's handle: its lemma, or the combo of its lemmas
// when it can be a form of several.
func (l *lexicon) lookup(word string) Word {
	if f, ok := l.forms[word]; ok {
		return f.resolved
	}
	return l.resolve(word)
}

// resolve is lookup without the precomputed answers.
func (l *lexicon) resolve(word string) Word {
	var store [16]candidate
	cs, self := l.candidates(word, store[:0])
	if len(cs) > len(store) {
		cs = cs[:len(store)]
	}
	switch len(cs) {
	case 0:
		return 0
	case 1:
		return cs[0].id
	}
	var maxCount uint32
	best := cs[0]
	for _, c := range cs {
		maxCount = max(maxCount, c.count)
		if c.count > best.count || (c.count == best.count && c.id == self && best.id != self) {
			best = c
		}
	}
	// The filter, the sort and the cut to the MaxMembers lowest ids match
	// the generator.
	var ids [len(store)]Word
	k := 0
	for _, c := range cs {
		if !(c.count > 0 || maxCount == 0 || c.id == self) || containsWord(ids[:k], c.id) {
			continue
		}
		j := k
		for j > 0 && ids[j-1] > c.id {
			ids[j] = ids[j-1]
			j--
		}
		ids[j] = c.id
		k++
	}
	if k == 1 {
		return ids[0]
	}
	var key [format.MaxMembers]Word
	copy(key[:], ids[:min(k, format.MaxMembers)])
	if w, ok := l.combos[key]; ok {
		return w
	}
	return best.id
}

// lemmaPOS is morphy for one part of speech: exceptions, the word itself,
// then the first rule giving a known lemma.
func (l *lexicon) lemmaPOS(word string, pos POS) Word {
	if bases := l.exc[pos][word]; len(bases) > 0 {
		return bases[0]
	}
	if id := l.forms[word].self; id != 0 && l.posMask[id-1]&(1<<pos) != 0 {
		return id
	}
	if len(word) > maxWord || word == "" {
		return 0
	}
	var buf [maxWord + 8]byte
	for _, r := range morphy.ByLast[pos][word[len(word)-1]] {
		b, ok := morphy.Apply(word, r, buf[:0])
		if !ok {
			continue
		}
		if id := l.forms[string(b)].self; id != 0 && l.posMask[id-1]&(1<<pos) != 0 {
			return id
		}
	}
	return 0
}
