// Package build turns a WordNet 3.0 database (the dict directory of the
// Princeton distribution, or Debian's wordnet-base) into the compact lexicon
// that package wordnet embeds. It keeps only what the word-pair relations
// need: single-word lemmas with their tag counts, exception lists, and for
// each lemma the sorted list of lemmas it is related to, with a bit set of
// the relations. Glosses, examples and multi-word lemmas are dropped.
//
// The output is deterministic: every table is built from sorted input, so
// the same database gives the same bytes.
package build

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/storyfold/storyfold/nlp/wordnet/internal/format"
	"github.com/storyfold/storyfold/nlp/wordnet/internal/morphy"
)

// topSenses is how many of a word's most frequent senses, per part of
// speech, count for the relations: the index files list senses by
// decreasing tag count, and rare senses would otherwise relate almost every
// common word to every other.
const topSenses = 3

// minPOSShare: a part of speech counts for a word's relations only when at
// least 1/minPOSShare of the word's tagged occurrences are of it.
const minPOSShare = 20

// minNounDepth is the least depth below the root ("entity") a noun synset
// must have to serve as the broader term of a relation: "entity",
// "physical entity", "abstraction" or "object" say nothing.
const minNounDepth = 3

// maxNounDesc and maxVerbDesc cap how many hyponyms a synset may have to
// serve as the broader term of a relation: "person" (about 8,000 below it),
// "organization", "act" or "change" cover so much that being one says
// nothing, while "vehicle" (about 600) or "kill" (about 50) still do.
const (
	maxNounDesc = 600
	maxVerbDesc = 300
)

// maxCluster is the most satellites an adjective cluster may have for its
// members to count as similar or, with the opposite cluster, as antonyms:
// the largest clusters are the colours ("chromatic"), the cardinal and the
// ordinal numbers, where "five" and "six" or "red" and "blue" are no
// paraphrases and "two" is no antonym of "first".
const maxCluster = 60

var posFiles = [4]string{"noun", "verb", "adj", "adv"}

// synset is what the generator keeps of one WordNet synset.
type synset struct {
	pos       int
	satellite bool
	words     []string // lowercased, adjective markers removed
	ptrs      []pointer
}

// pointer is one relational pointer of a synset.
type pointer struct {
	sym    string
	target int // synset id
	src    int // 1-based word number in the source synset, 0 for all
	dst    int // 1-based word number in the target synset, 0 for all
}

type lexicon struct {
	synsets []synset
	key     map[int64]int // pos*1e9+offset -> synset id

	lemmas  []string       // single-word lemmas, sorted
	lemmaID map[string]int // lemma -> index in lemmas
	posMask []uint8
	counts  [][4]uint32
	senses  [][4][]int // synset ids by sense rank, per POS
	exc     [4]map[string][]int
	depth   []int
	desc    []int // approximate count of hyponyms below, transitively

	pending      []rawPtr                // pointers read, resolved once all synsets are
	indexEntries map[string][]indexEntry // index lines read, sorted into lemmas after
}

// Build reads the database in dict and returns the encoded lexicon.
func Build(dict string) ([]byte, error) {
	lx := &lexicon{key: map[int64]int{}, lemmaID: map[string]int{}, indexEntries: map[string][]indexEntry{}}
	for p, name := range posFiles {
		if err := lx.readData(filepath.Join(dict, "data."+name), p); err != nil {
			return nil, err
		}
	}
	if err := lx.resolvePointers(dict); err != nil {
		return nil, err
	}
	for p, name := range posFiles {
		if err := lx.readIndex(filepath.Join(dict, "index."+name), p); err != nil {
			return nil, err
		}
	}
	lx.sortLemmas()
	for p, name := range posFiles {
		if err := lx.readExc(filepath.Join(dict, name+".exc"), p); err != nil {
			return nil, err
		}
	}
	if err := lx.readCounts(filepath.Join(dict, "cntlist.rev")); err != nil {
		return nil, err
	}
	lx.computeDepth()
	lx.computeDescendants()
	rel := lx.relations()
	cl := lx.clusters()
	combos := lx.combos()
	return lx.encode(rel, cl, combos, lx.resolved(combos)), nil
}

// resolvedForm is what Lookup returns for a lemma or an exception form.
type resolvedForm struct {
	form string
	word int // a Word value: lemma id + 1, a combo's id, or 0
}

// resolved lists the lemmas and exception forms for which Lookup returns
// something other than the lemma itself ("talks": the combo of talk and
// talks; "went": go), so that Lookup answers them with one map access
// instead of running morphy. Forms not listed resolve to themselves.
func (lx *lexicon) resolved(combos [][]int) []resolvedForm {
	comboWord := map[string]int{}
	for i, c := range combos {
		comboWord[fmt.Sprint(c)] = len(lx.lemmas) + 1 + i
	}
	forms := slices.Clone(lx.lemmas)
	for p := 0; p < 4; p++ {
		for f := range lx.exc[p] {
			if _, ok := lx.lemmaID[f]; !ok {
				forms = append(forms, f)
			}
		}
	}
	slices.Sort(forms)
	forms = slices.Compact(forms)
	var out []resolvedForm
	for _, f := range forms {
		ids := lx.candidates(f)
		w := 0
		switch len(ids) {
		case 0:
		case 1:
			w = ids[0] + 1
		default:
			w = comboWord[fmt.Sprint(ids)]
		}
		self := 0
		if id, ok := lx.lemmaID[f]; ok {
			self = id + 1
		}
		if w != self {
			out = append(out, resolvedForm{f, w})
		}
	}
	return out
}

func eachLine(path string, fn func(line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open wordnet file: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "  ") || line == "" { // licence header
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s line %d: %w", filepath.Base(path), n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", filepath.Base(path), err)
	}
	return nil
}

func posOf(c string) (int, error) {
	switch c {
	case "n":
		return morphy.Noun, nil
	case "v":
		return morphy.Verb, nil
	case "a", "s":
		return morphy.Adj, nil
	case "r":
		return morphy.Adv, nil
	}
	return 0, fmt.Errorf("unknown part of speech %q", c)
}

func synKey(pos int, offset int64) int64 { return int64(pos)*1_000_000_000 + offset }

// rawPtr keeps pointers until every synset has an id.
type rawPtr struct {
	from   int
	sym    string
	pos    int
	offset int64
	st     string
}

// keptPointers are the pointer symbols the relations use.
var keptPointers = map[string]bool{"@": true, "@i": true, "!": true, "&": true, "+": true}

func (lx *lexicon) readData(path string, pos int) error {
	return eachLine(path, func(line string) error { return lx.addDataLine(line, pos) })
}

// addDataLine parses one synset line of a data file: offset, lexicographer
// file, synset type, words, pointers; the gloss after " | " is ignored.
func (lx *lexicon) addDataLine(line string, pos int) error {
	if i := strings.Index(line, " | "); i >= 0 {
		line = line[:i]
	}
	f := strings.Fields(line)
	if len(f) < 4 {
		return fmt.Errorf("short data line")
	}
	offset, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return fmt.Errorf("bad offset: %w", err)
	}
	wcnt, err := strconv.ParseInt(f[3], 16, 32)
	if err != nil {
		return fmt.Errorf("bad word count: %w", err)
	}
	s := synset{pos: pos, satellite: f[2] == "s"}
	i := 4
	for w := 0; w < int(wcnt); w++ {
		if i+1 >= len(f) {
			return fmt.Errorf("truncated word list")
		}
		word := strings.ToLower(f[i])
		if j := strings.IndexByte(word, '('); j > 0 { // adjective marker: (a), (p), (ip)
			word = word[:j]
		}
		s.words = append(s.words, word)
		i += 2
	}
	if i >= len(f) {
		return fmt.Errorf("missing pointer count")
	}
	pcnt, err := strconv.Atoi(f[i])
	if err != nil {
		return fmt.Errorf("bad pointer count: %w", err)
	}
	i++
	id := len(lx.synsets)
	for p := 0; p < pcnt; p++ {
		if i+3 >= len(f) {
			return fmt.Errorf("truncated pointer list")
		}
		sym, off, ppos, st := f[i], f[i+1], f[i+2], f[i+3]
		i += 4
		if !keptPointers[sym] {
			continue
		}
		o, err := strconv.ParseInt(off, 10, 64)
		if err != nil {
			return fmt.Errorf("bad pointer offset: %w", err)
		}
		tp, err := posOf(ppos)
		if err != nil {
			return err
		}
		lx.pending = append(lx.pending, rawPtr{from: id, sym: sym, pos: tp, offset: o, st: st})
	}
	lx.key[synKey(pos, offset)] = id
	lx.synsets = append(lx.synsets, s)
	return nil
}

func (lx *lexicon) resolvePointers(dict string) error {
	for _, r := range lx.pending {
		t, ok := lx.key[synKey(r.pos, r.offset)]
		if !ok {
			return fmt.Errorf("wordnet data in %s: pointer to unknown synset %d", dict, r.offset)
		}
		st, err := strconv.ParseUint(r.st, 16, 16)
		if err != nil {
			return fmt.Errorf("bad pointer source/target %q: %w", r.st, err)
		}
		s := &lx.synsets[r.from]
		s.ptrs = append(s.ptrs, pointer{sym: r.sym, target: t, src: int(st >> 8), dst: int(st & 0xff)})
	}
	lx.pending = nil
	return nil
}

// singleWord reports whether a lemma is one token: multi-word lemmas
// ("prime_minister") can never match a single token of a sentence.
func singleWord(s string) bool { return s != "" && !strings.ContainsAny(s, "_ ") }

type indexEntry struct {
	pos     int
	synsets []int
}

func (lx *lexicon) readIndex(path string, pos int) error {
	return eachLine(path, func(line string) error { return lx.addIndexLine(line, pos) })
}

// addIndexLine parses one lemma line of an index file: lemma, POS, synset
// count, pointer count and symbols, sense and tagged-sense counts, then the
// synset offsets in sense order.
func (lx *lexicon) addIndexLine(line string, pos int) error {
	f := strings.Fields(line)
	if len(f) < 6 {
		return fmt.Errorf("short index line")
	}
	lemma := f[0]
	if !singleWord(lemma) {
		return nil
	}
	n, err := strconv.Atoi(f[2])
	if err != nil {
		return fmt.Errorf("bad synset count: %w", err)
	}
	pc, err := strconv.Atoi(f[3])
	if err != nil {
		return fmt.Errorf("bad pointer count: %w", err)
	}
	if pc < 0 || 4+pc+2 > len(f) {
		return fmt.Errorf("lemma %q: pointer count %d past the end of the line", lemma, pc)
	}
	offs := f[4+pc+2:]
	if len(offs) != n {
		return fmt.Errorf("lemma %q: want %d synsets, got %d", lemma, n, len(offs))
	}
	e := indexEntry{pos: pos}
	for _, o := range offs {
		v, err := strconv.ParseInt(o, 10, 64)
		if err != nil {
			return fmt.Errorf("bad synset offset: %w", err)
		}
		id, ok := lx.key[synKey(pos, v)]
		if !ok {
			return fmt.Errorf("lemma %q: unknown synset %d", lemma, v)
		}
		e.synsets = append(e.synsets, id)
	}
	lx.indexEntries[lemma] = append(lx.indexEntries[lemma], e)
	return nil
}

func (lx *lexicon) sortLemmas() {
	for l := range lx.indexEntries {
		lx.lemmas = append(lx.lemmas, l)
	}
	slices.Sort(lx.lemmas)
	lx.posMask = make([]uint8, len(lx.lemmas))
	lx.counts = make([][4]uint32, len(lx.lemmas))
	lx.senses = make([][4][]int, len(lx.lemmas))
	for i, l := range lx.lemmas {
		lx.lemmaID[l] = i
		for _, e := range lx.indexEntries[l] {
			lx.posMask[i] |= 1 << e.pos
			lx.senses[i][e.pos] = e.synsets
		}
	}
	lx.indexEntries = nil
}

func (lx *lexicon) inPOS(lemma string, pos int) (int, bool) {
	id, ok := lx.lemmaID[lemma]
	if !ok || lx.posMask[id]&(1<<pos) == 0 {
		return 0, false
	}
	return id, true
}

func (lx *lexicon) readExc(path string, pos int) error {
	m := map[string][]int{}
	err := eachLine(path, func(line string) error {
		f := strings.Fields(line)
		if len(f) < 2 {
			return fmt.Errorf("short exception line")
		}
		if !singleWord(f[0]) {
			return nil
		}
		for _, b := range f[1:] {
			if id, ok := lx.inPOS(b, pos); ok && !slices.Contains(m[f[0]], id) {
				m[f[0]] = append(m[f[0]], id)
			}
		}
		return nil
	})
	lx.exc[pos] = m
	return err
}

func (lx *lexicon) readCounts(path string) error {
	return eachLine(path, func(line string) error {
		f := strings.Fields(line)
		if len(f) != 3 {
			return fmt.Errorf("want 3 fields")
		}
		key := f[0]
		pct := strings.IndexByte(key, '%')
		if pct < 0 || pct+1 >= len(key) {
			return fmt.Errorf("bad sense key %q", key)
		}
		pos, err := posOf(map[byte]string{'1': "n", '2': "v", '3': "a", '4': "r", '5': "s"}[key[pct+1]])
		if err != nil {
			return err
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("bad count: %w", err)
		}
		if id, ok := lx.inPOS(key[:pct], pos); ok {
			lx.counts[id][pos] += uint32(n)
		}
		return nil
	})
}

func (lx *lexicon) hypernyms(s int) []int {
	var h []int
	for _, p := range lx.synsets[s].ptrs {
		if p.sym == "@" || p.sym == "@i" {
			h = append(h, p.target)
		}
	}
	return h
}

func (lx *lexicon) computeDepth() {
	lx.depth = make([]int, len(lx.synsets))
	for i := range lx.depth {
		lx.depth[i] = -1
	}
	var depth func(s int) int
	depth = func(s int) int {
		if lx.depth[s] >= 0 {
			return lx.depth[s]
		}
		lx.depth[s] = 0 // guards against a cycle in malformed data
		best := -1
		for _, h := range lx.hypernyms(s) {
			if d := depth(h) + 1; best < 0 || d < best {
				best = d
			}
		}
		if best < 0 {
			best = 0
		}
		lx.depth[s] = best
		return best
	}
	for i := range lx.synsets {
		depth(i)
	}
}

// computeDescendants counts, for every synset, the synsets below it through
// hypernym pointers (not instance pointers: a city with a thousand named
// cities is still a narrow term). Shared descendants are counted once per
// path, which only overstates the count of very broad terms.
func (lx *lexicon) computeDescendants() {
	children := make([][]int, len(lx.synsets))
	for s := range lx.synsets {
		for _, p := range lx.synsets[s].ptrs {
			if p.sym == "@" {
				children[p.target] = append(children[p.target], s)
			}
		}
	}
	lx.desc = make([]int, len(lx.synsets))
	done := make([]bool, len(lx.synsets))
	var count func(s int) int
	count = func(s int) int {
		if done[s] {
			return lx.desc[s]
		}
		done[s] = true // guards against a cycle in malformed data
		n := 0
		for _, c := range children[s] {
			n += 1 + count(c)
		}
		lx.desc[s] = n
		return n
	}
	for s := range lx.synsets {
		count(s)
	}
}

// top returns the lemma's most frequent senses over every part of speech.
func (lx *lexicon) top(id int) []int {
	var t []int
	c := lx.counts[id]
	total := c[0] + c[1] + c[2] + c[3]
	for p := 0; p < 4; p++ {
		// A part of speech the word is almost never tagged with does not
		// count: "stock" is a noun, and its adjective senses would make it
		// an antonym of "new".
		if total > 0 && c[p]*minPOSShare < total {
			continue
		}
		s := lx.senses[id][p]
		t = append(t, s[:min(len(s), topSenses)]...)
	}
	return t
}

// relations computes, for every lemma, the lemmas it relates to and how,
// as sorted (id<<8 | bits) values.
func (lx *lexicon) relations() [][]uint32 {
	n := len(lx.lemmas)
	// topWords[s] are the lemmas for which synset s is a frequent sense.
	topWords := make([][]int, len(lx.synsets))
	for id := 0; id < n; id++ {
		for _, s := range lx.top(id) {
			topWords[s] = append(topWords[s], id)
		}
	}
	// firstWords[s] are the lemmas whose first sense in some part of
	// speech is s.
	firstWords := make([][]int, len(lx.synsets))
	for id := 0; id < n; id++ {
		for p := 0; p < 4; p++ {
			if ss := lx.senses[id][p]; len(ss) > 0 {
				firstWords[ss[0]] = append(firstWords[ss[0]], id)
			}
		}
	}
	pairs := make([][]uint64, n)
	add := func(a, b int, bit uint8) {
		if a != b {
			pairs[a] = append(pairs[a], uint64(b)<<8|uint64(bit))
		}
	}
	both := func(a, b int, ab, ba uint8) { add(a, b, ab); add(b, a, ba) }
	// broadOK tells whether a synset is specific enough to be a broader term.
	broadOK := func(s int) bool {
		switch lx.synsets[s].pos {
		case morphy.Noun:
			return lx.depth[s] >= minNounDepth && lx.desc[s] <= maxNounDesc
		case morphy.Verb:
			return lx.desc[s] <= maxVerbDesc
		}
		return true
	}

	for a := 0; a < n; a++ {
		for _, s := range lx.top(a) {
			syn := lx.synsets[s]
			for _, b := range topWords[s] {
				add(a, b, format.Synonym)
			}
			// Broader terms one and two steps up.
			for _, h := range lx.hypernyms(s) {
				if !broadOK(h) {
					continue
				}
				for _, b := range topWords[h] {
					both(a, b, format.Broader1, format.Narrower1)
				}
				for _, h2 := range lx.hypernyms(h) {
					if !broadOK(h2) {
						continue
					}
					for _, b := range topWords[h2] {
						both(a, b, format.Broader2, format.Narrower2)
					}
				}
			}
			// Antonyms of nouns, verbs and adverbs; adjectives' go through
			// their clusters (see clusters).
			if syn.pos != morphy.Adj {
				for _, p := range syn.ptrs {
					if p.sym == "!" {
						for _, b := range topWords[p.target] {
							both(a, b, format.Antonym, format.Antonym)
						}
					}
				}
			}
		}
		// Derivational links are morphological, so every sense of the
		// word counts. Links of its synonyms in its first sense count too
		// when they land on the first sense of the other word: "talks"
		// shares a synset with "negotiation", which derives from
		// "negotiate".
		word := lx.lemmas[a]
		for p := 0; p < 4; p++ {
			for rank, s := range lx.senses[a][p] {
				syn := lx.synsets[s]
				wn := slices.Index(syn.words, word) + 1
				for _, ptr := range syn.ptrs {
					if ptr.sym != "+" {
						continue
					}
					if ptr.src != 0 && ptr.src != wn {
						if rank == 0 {
							for _, b := range firstWords[ptr.target] {
								both(a, b, format.Derived, format.Derived)
							}
						}
						continue
					}
					t := lx.synsets[ptr.target]
					for i, w := range t.words {
						if ptr.dst != 0 && ptr.dst != i+1 {
							continue
						}
						if b, ok := lx.lemmaID[w]; ok {
							both(a, b, format.Derived, format.Derived)
						}
					}
				}
			}
		}
	}
	out := make([][]uint32, n)
	for a, ps := range pairs {
		slices.Sort(ps)
		var list []uint32
		for _, p := range ps {
			id, bit := uint32(p>>8), uint32(p&0xff)
			v := (id+1)<<8 | bit // Word ids start at 1
			if k := len(list); k > 0 && list[k-1]>>8 == id+1 {
				list[k-1] |= bit
				continue
			}
			list = append(list, v)
		}
		out[a] = list
	}
	return out
}

// heads returns the cluster heads of an adjective synset: itself for a
// head, the heads it is a satellite of otherwise.
func (lx *lexicon) heads(s int) []int {
	syn := lx.synsets[s]
	if !syn.satellite {
		return []int{s}
	}
	var h []int
	for _, p := range syn.ptrs {
		if p.sym == "&" {
			h = append(h, p.target)
		}
	}
	return h
}

// clusters returns, for every lemma, the adjective clusters of its frequent
// senses as sorted cluster<<1 values, and with the low bit set the clusters
// opposite them. WordNet groups adjectives in clusters around a head
// ("hot": "scorching", "sizzling" ...), and puts antonyms between heads
// (hot, cold), so two adjectives of one cluster are similar and two of
// antonym clusters are opposites (scorching, icy). Storing clusters instead
// of the word pairs they imply halves the file.
func (lx *lexicon) clusters() [][]uint32 {
	cid := map[int]uint32{}
	for s, syn := range lx.synsets {
		if syn.pos == morphy.Adj && !syn.satellite {
			cid[s] = uint32(len(cid))
		}
	}
	small := func(h int) bool {
		n := 0
		for _, p := range lx.synsets[h].ptrs {
			if p.sym == "&" {
				n++
			}
		}
		return n <= maxCluster
	}
	out := make([][]uint32, len(lx.lemmas))
	for a := range lx.lemmas {
		var list []uint32
		for _, s := range lx.top(a) {
			if lx.synsets[s].pos != morphy.Adj {
				continue
			}
			srcs := append([]int{s}, lx.heads(s)...)
			for _, h := range lx.heads(s) {
				if small(h) {
					list = append(list, cid[h]<<1)
				}
			}
			for _, src := range srcs {
				for _, p := range lx.synsets[src].ptrs {
					if p.sym != "!" {
						continue
					}
					for _, h := range lx.heads(p.target) {
						if small(h) {
							list = append(list, cid[h]<<1|1)
						}
					}
				}
			}
		}
		slices.Sort(list)
		out[a] = slices.Compact(list)
	}
	return out
}

// candidates returns the lemma ids morphy derives from word over every part
// of speech, filtered as package wordnet's Lookup filters them.
func (lx *lexicon) candidates(word string) []int {
	type cand struct {
		id    int
		count uint32
	}
	var cs []cand
	buf := make([]byte, 0, 64)
	for pos := 0; pos < 4; pos++ {
		if bases, ok := lx.exc[pos][word]; ok {
			for _, b := range bases {
				cs = append(cs, cand{b, lx.counts[b][pos]})
			}
		}
		if id, ok := lx.inPOS(word, pos); ok {
			cs = append(cs, cand{id, lx.counts[id][pos]})
		}
		if _, ok := lx.exc[pos][word]; ok {
			continue
		}
		for _, r := range morphy.ByPOS[pos] {
			b, ok := morphy.Apply(word, r, buf)
			if !ok {
				continue
			}
			if id, ok := lx.inPOS(string(b), pos); ok {
				cs = append(cs, cand{id, lx.counts[id][pos]})
				break
			}
		}
	}
	var maxCount uint32
	for _, c := range cs {
		maxCount = max(maxCount, c.count)
	}
	self, selfOK := lx.lemmaID[word]
	var ids []int
	for _, c := range cs {
		if c.count > 0 || maxCount == 0 || (selfOK && c.id == self) {
			if !slices.Contains(ids, c.id) {
				ids = append(ids, c.id)
			}
		}
	}
	slices.Sort(ids)
	if len(ids) > format.MaxMembers {
		ids = ids[:format.MaxMembers]
	}
	return ids
}

// combos lists the sets of lemmas that one surface form can stand for
// ("saw": saw, see; "talks": talk, talks), found by running morphy over the
// lemmas themselves, the exception forms and the regular inflections of
// every lemma.
func (lx *lexicon) combos() [][]int {
	forms := map[string]bool{}
	for _, l := range lx.lemmas {
		forms[l] = true
		for _, f := range Inflections(l) {
			forms[f] = true
		}
	}
	for p := 0; p < 4; p++ {
		for f := range lx.exc[p] {
			forms[f] = true
		}
	}
	seen := map[string]bool{}
	var out [][]int
	for f := range forms {
		ids := lx.candidates(f)
		if len(ids) < 2 {
			continue
		}
		k := fmt.Sprint(ids)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, ids)
	}
	slices.SortFunc(out, slices.Compare)
	return out
}

// Inflections returns the regular inflected forms morphy's rules undo.
func Inflections(l string) []string {
	var fs []string
	fs = append(fs, l+"s", l+"es", l+"ed", l+"d", l+"ing", l+"er", l+"est", l+"r", l+"st")
	if strings.HasSuffix(l, "y") {
		fs = append(fs, l[:len(l)-1]+"ies")
	}
	if strings.HasSuffix(l, "e") {
		fs = append(fs, l[:len(l)-1]+"ing")
	}
	if strings.HasSuffix(l, "man") {
		fs = append(fs, l[:len(l)-3]+"men")
	}
	return fs
}

func (lx *lexicon) encode(rel, cl [][]uint32, combos [][]int, resolved []resolvedForm) []byte {
	var w format.Writer
	w.Header()
	w.Uvarint(uint64(len(lx.lemmas)))
	prev := ""
	for _, l := range lx.lemmas {
		w.FrontCoded(prev, l)
		prev = l
	}
	for i := range lx.lemmas {
		w.Byte(lx.posMask[i])
		for p := 0; p < 4; p++ {
			if lx.posMask[i]&(1<<p) != 0 {
				w.Uvarint(uint64(lx.counts[i][p]))
			}
		}
	}
	for _, list := range rel {
		w.Uvarint(uint64(len(list)))
		var last uint32
		for _, v := range list {
			w.Uvarint(uint64(v>>8 - last))
			w.Byte(byte(v))
			last = v >> 8
		}
	}
	for _, list := range cl {
		w.Uvarint(uint64(len(list)))
		var last uint32
		for _, v := range list {
			w.Uvarint(uint64(v - last))
			last = v
		}
	}
	w.Uvarint(uint64(len(combos)))
	for _, c := range combos {
		w.Uvarint(uint64(len(c)))
		last := 0
		for _, id := range c {
			w.Uvarint(uint64(id + 1 - last))
			last = id + 1
		}
	}
	for p := 0; p < 4; p++ {
		forms := make([]string, 0, len(lx.exc[p]))
		for f := range lx.exc[p] {
			forms = append(forms, f)
		}
		slices.Sort(forms)
		w.Uvarint(uint64(len(forms)))
		prev := ""
		for _, f := range forms {
			w.FrontCoded(prev, f)
			prev = f
			bases := lx.exc[p][f]
			w.Uvarint(uint64(len(bases)))
			for _, b := range bases {
				w.Uvarint(uint64(b + 1))
			}
		}
	}
	w.Uvarint(uint64(len(resolved)))
	prev = ""
	for _, r := range resolved {
		w.FrontCoded(prev, r.form)
		prev = r.form
		w.Uvarint(uint64(r.word))
	}
	return w.Bytes()
}
