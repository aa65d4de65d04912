package cluster

import (
	"math"
	"slices"
	"sort"
)

// Options tune grouping.
type Options struct {
	// Threshold is the similarity (0..1) an article needs with a story to
	// join it, in English; a language whose articles share fewer words
	// scales it (see thresholdScale).
	Threshold float64
	// WindowDays is the largest gap in days between an article and a story
	// it may join, when both dates are known.
	WindowDays int
	// NearDuplicate is the estimated shingle Jaccard similarity from which
	// two articles count as copies.
	NearDuplicate float64
	// CrossThreshold is the similarity of their names alone (0..1) an
	// article needs with a story of another language to join it: words
	// are not compared across languages, names need no translation.
	// Only names written alike in two languages count (see
	// international), so the cosine is over few terms and runs higher
	// than the words' cosine: the default 0.5 is the middle of 0.4-0.6,
	// which did best (same-story F1 0.71-0.75, against 0.67 at 0.3) on
	// the tuning half of the SemEval German-English pairs. Once two
	// shared names were required (see minCrossNames), 0.4 did better on
	// those pairs alone (0.78 against 0.70) but worse on the tuning half
	// of all pairs grouped together (0.80 against 0.82), so 0.5 stayed.
	CrossThreshold float64
	// SplitBelow is the average similarity (0..1) under which two groups
	// of a story's articles are told apart as two events and the story
	// is split, after a batch is grouped; 0 splits nothing.
	SplitBelow float64
}

// DefaultOptions are the settings the command line uses unless told
// otherwise, chosen on the example story and held out data, not tuned to a
// single set.
func DefaultOptions() Options {
	return Options{Threshold: 0.22, WindowDays: 10, NearDuplicate: 0.8, CrossThreshold: 0.5, SplitBelow: 0.25}
}

// Sizes of the index, which bound memory per article and time per query.
const (
	docTerms   = 40 // terms kept per article
	storyTerms = 60 // terms kept per story centroid
	// Outside English an article keeps more terms, and a story more:
	// without English's stemmer and stop list a language's words scatter
	// over more forms (German compounds, Arabic clitics, Turkish and
	// Polish endings), so two articles of one story share fewer of their
	// 40 heaviest terms. 80 and 120 were chosen on the tuning half of the
	// SemEval pairs (same-story F1 0.60 to 0.73 in Arabic, 0.71 to 0.76
	// in German, 0.60 to 0.73 in French, 0.74 to 0.76 in Turkish, Spanish
	// and Polish unchanged; 150 and 200 did no better). English keeps its
	// limits: its figures were set with them.
	docTermsIntl   = 80
	storyTermsIntl = 120
	postingTerms   = 20  // top story terms indexed in the postings
	queryTerms     = 12  // article terms used to find candidate stories
	maxPosting     = 400 // most recent stories read per posting list
	maxStale       = 16  // stories before the date window that end a list's reading
	maxCandidates  = 24  // stories scored exactly per article
	nameBoost      = 1.5 // weight of a shared name over a shared word
	crossTerms     = 20  // names by their key across languages kept per article
	crossQuery     = 6   // of those, used to find stories of other languages
	// maxBucketWalk bounds the articles checked per LSH bucket: text that
	// thousands of articles share (a wire story reprinted for weeks) would
	// otherwise make every new copy cost more than the last. The most
	// recent ones are checked, and a copy of any of them leads back to the
	// same original.
	maxBucketWalk = 32
)

// tw is a term ID with a weight.
type tw struct {
	t uint32
	w float32
}

// doc is an article as the index keeps it.
type doc struct {
	id    string
	terms []tw // sorted by term, raw weighted counts
	// names are the names by their key across languages (CrossPrefix),
	// sorted by term, raw weighted counts: kept apart from terms, so
	// they weigh nothing between articles of one language.
	names []tw
	// sig is where the article's MinHash signature starts in the index's
	// signature blocks (Index.sigOf), or -1 when it has none.
	sig   int32
	day   int32
	story int32
	dupOf int32 // index of the article this one copies, or -1
	lang  string
}

// story is a group of articles as the index keeps it.
type story struct {
	id       string
	centroid []tw     // sorted by term, summed unit vectors of the members
	names    []tw     // the same over the members' names across languages
	posted   []uint32 // terms whose postings list the story as a top term
	// postedNames are the names across languages the story is posted
	// under, for articles of other languages to find it.
	postedNames []uint32
	members     []int32
	first       int32 // day range of the members with known dates
	last        int32
	alive       bool
	lang        string // the language of its first member of known language
}

// Index groups articles into stories incrementally. It is not safe for
// concurrent use; one goroutine owns it (one writer per store).
type Index struct {
	opts Options
	// vocab maps the terms of English and of articles of unknown
	// language, and every name across languages (CrossPrefix), to their
	// IDs; vocabIn does so for each other language's words and names
	// within it. A word is counted within its language: "corona" in
	// Spanish, Polish and Turkish articles is three terms, each as rare
	// as its own language's articles make it (see idf).
	vocab   map[string]uint32
	vocabIn map[string]map[string]uint32
	df      []uint32
	// termGroup is, per term, the index in groupDocs of the articles its
	// rarity is measured over: 0 for names across languages, which count
	// over all articles, baseGroup for the words of English and of
	// unknown languages, which count over those articles.
	termGroup []uint8
	// groupDocs counts the articles of English and unknown languages
	// (baseGroup) and of each language with a vocabulary of its own (see
	// vocabIn), in the order groupOf met them; groupOf maps the language
	// to its index, from 2.
	groupDocs []int
	groupOf   map[string]uint8
	cross     []bool // per term, whether it is a name across languages (CrossPrefix)
	// seenIn is, per term, the set of languages (bits of langBit) of the
	// articles it was counted in.
	seenIn   []uint32
	langBits map[string]uint32
	ndocs    int
	docs     []doc
	stories  []story
	postings [][]int32 // term -> stories, most recent last
	bucket   map[uint64]int32
	next     [][bands]int32 // per doc, the previous doc in each band's bucket
	// byHash finds an article by its content hash: by the 16 bytes a
	// hash of 32 lower-case hex digits (pipeline.ContentHash) stands for,
	// half the memory of the digits, and other hashes by their text in
	// byOtherHash.
	byHash      map[[16]byte]int32
	byOtherHash map[string]int32
	// sigs holds the articles' signatures, sigBlock of them a block, each
	// block allocated whole: a slice for each article took 24 bytes more
	// in its record, and one slice grown by doubling would hold up to as
	// much again unused.
	sigs      [][]uint32
	nsigs     int32
	byID      map[string]int32
	storyIDs  map[string]int32
	mark      []uint32 // per story, the query term epoch it was last counted in
	hits      []uint16 // per story, query terms it is posted under
	epoch     uint32
	checked   []uint32 // per article, the copy search it was last checked in
	copyEpoch uint32
}

// New returns an empty index.
func New(opts Options) *Index {
	if opts.NearDuplicate == 0 {
		opts.NearDuplicate = DefaultOptions().NearDuplicate
	}
	return &Index{
		opts:    opts,
		vocab:   make(map[string]uint32),
		vocabIn: make(map[string]map[string]uint32),
		groupOf: make(map[string]uint8),
		// groupDocs[0] stands for all articles and is not counted.
		groupDocs: []int{0, 0},
		bucket:    make(map[uint64]int32),
		byHash:    make(map[[16]byte]int32),
		byID:      make(map[string]int32),
		storyIDs:  make(map[string]int32),
		langBits:  make(map[string]uint32),
	}
}

// langBit returns the bit that stands for a language in seenIn, 0 for an
// unknown one. Past 32 languages the last bit is shared, which only
// makes a few more names count as written alike in two languages.
func (ix *Index) langBit(lang string) uint32 {
	if lang == "" {
		return 0
	}
	b, ok := ix.langBits[lang]
	if !ok {
		b = 1 << min(len(ix.langBits), 31)
		ix.langBits[lang] = b
	}
	return b
}

// Len returns the number of articles in the index.
func (ix *Index) Len() int { return len(ix.docs) }

// ownVocabulary reports whether the words of a language have a
// vocabulary of their own (see vocabIn): every language but English and
// an unknown one.
func ownVocabulary(lang string) bool {
	return lang != "" && lang != "en"
}

// baseGroup is the index in groupDocs of English and unknown languages.
const baseGroup = 1

// maxGroups bounds the languages counted apart; past it a language's
// words share the last one's rarity, which only blurs their weights.
const maxGroups = 255

// group returns the index in groupDocs of a language with a vocabulary
// of its own, adding it.
func (ix *Index) group(lang string) uint8 {
	if g, ok := ix.groupOf[lang]; ok {
		return g
	}
	if len(ix.groupDocs) > maxGroups {
		return uint8(maxGroups)
	}
	g := uint8(len(ix.groupDocs))
	ix.groupOf[lang] = g
	ix.groupDocs = append(ix.groupDocs, 0)
	return g
}

// vocabularyOf returns the vocabulary a term of an article of the
// language is looked up in, and the group its rarity is measured over;
// the vocabulary is nil when the language has none yet.
func (ix *Index) vocabularyOf(term, lang string) (map[string]uint32, string) {
	if !ownVocabulary(lang) || len(term) > 0 && term[0] == CrossPrefix[0] {
		return ix.vocab, ""
	}
	return ix.vocabIn[lang], lang
}

// lookup returns the ID of a term of an article of the language, if it
// has one.
func (ix *Index) lookup(term, lang string) (uint32, bool) {
	v, _ := ix.vocabularyOf(term, lang)
	id, ok := v[term]
	return id, ok
}

// termID returns the ID of a term of an article of the language, adding
// it to the language's vocabulary.
func (ix *Index) termID(term, lang string) uint32 {
	v, own := ix.vocabularyOf(term, lang)
	if id, ok := v[term]; ok {
		return id
	}
	var g uint8 = baseGroup
	switch {
	case len(term) > 0 && term[0] == CrossPrefix[0]:
		g = 0
	case own != "":
		if v == nil {
			v = make(map[string]uint32)
			ix.vocabIn[own] = v
		}
		g = ix.group(own)
	}
	id := uint32(len(ix.df))
	v[term] = id
	ix.df = append(ix.df, 0)
	ix.termGroup = append(ix.termGroup, g)
	ix.cross = append(ix.cross, len(term) > 0 && term[0] == CrossPrefix[0])
	ix.seenIn = append(ix.seenIn, 0)
	ix.postings = append(ix.postings, nil)
	return id
}

// CountTerms adds an article's terms to the document frequencies. Add does
// this itself; a batch calls it for all articles first, so that every
// article is weighed with the same frequencies whatever its place in the
// batch.
func (ix *Index) CountTerms(f *Features) {
	bit := ix.langBit(f.Lang)
	for _, t := range f.Terms {
		id := ix.termID(t.Term, f.Lang)
		ix.df[id]++
		ix.seenIn[id] |= bit
	}
	ix.ndocs++
	if ownVocabulary(f.Lang) {
		ix.groupDocs[ix.group(f.Lang)]++
	} else {
		ix.groupDocs[baseGroup]++
	}
}

// international reports whether term t is a name written alike in
// articles of two languages or more: a name only one language writes
// (German capitalises every noun: "Sonde", "Kardinal") cannot be shared
// across languages, and counting it would only dilute the names that are.
func (ix *Index) international(t uint32) bool {
	m := ix.seenIn[t]
	return ix.cross[t] && m&(m-1) != 0
}

// vecs are an article's unit TF-IDF vectors: over its words and names
// within its language, and over its names across languages.
type vecs struct {
	words, names []tw
}

// vectors returns article di's vectors.
func (ix *Index) vectors(di int32) vecs {
	d := &ix.docs[di]
	return vecs{words: ix.vector(d.terms), names: ix.vector(d.names)}
}

// idfPrior is a number of unrelated documents the frequencies are smoothed
// with. Without it a small batch about one event, where every article says
// "Ukraine", would weigh exactly the shared words least; with 100,000
// articles it no longer matters.
const idfPrior = 50

// A word is as rare as the articles of its language make it (English's
// and unknown languages' together), not all articles; a name across
// languages as all articles make it: in a feed where a
// language is one article in twenty, every word of it would otherwise
// weigh as if rare, and its common words would count nearly as much as
// its names. Measured with eval pairs --together (every SemEval article
// grouped in one batch, as a multilingual feed arrives): see
// BENCHMARKS.md, issue 18.
func (ix *Index) idf(t uint32) float32 {
	df := float64(ix.df[t])
	n := ix.ndocs
	if g := ix.termGroup[t]; g > 0 {
		n = ix.groupDocs[g]
	}
	return float32(max(minIDF, math.Log((float64(n)+idfPrior)/(df+1))))
}

// minIDF is the least weight a word has, whatever share of the articles
// give it: a batch that is mostly one story (a folder of 300 rewrites of
// one report) would otherwise weigh the story's own words at almost
// nothing, and each article's odd paragraph would decide where it goes
// (300 rewrites made 210 stories; with the floor, 31). In a stream of
// many stories only words in more than a fifth of all articles reach it.
// Measured: BASIL BCubed F1 0.976 to 0.980 with dates and 0.917 to 0.922
// without; the multilingual pairs unchanged.
const minIDF = 1.5

// vector returns the unit TF-IDF vector of an article's terms, sorted by
// term.
func (ix *Index) vector(terms []tw) []tw {
	v := make([]tw, len(terms))
	var norm float64
	for i, t := range terms {
		w := (1 + float32(math.Log(float64(t.w)))) * ix.idf(t.t)
		if t.w < 1 {
			w = t.w * ix.idf(t.t)
		}
		v[i] = tw{t.t, w}
		norm += float64(w) * float64(w)
	}
	if norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for i := range v {
			v[i].w *= inv
		}
	}
	return v
}

// Result is where Add put an article.
type Result struct {
	Story     int // story number, stable for the index's life
	Duplicate int // article number this one copies, or -1
	New       bool
}

// Add places an article in the index: with the story of an article it
// copies, else with the most similar story above the threshold, else in a
// story of its own. counted says whether CountTerms was already called for
// it. An article whose hash is already indexed is not added again.
func (ix *Index) Add(id, hash string, f Features, counted bool) Result {
	if i, ok := ix.lookupHash(hash); ok {
		return Result{Story: int(ix.docs[i].story), Duplicate: int(ix.docs[i].dupOf)}
	}
	if !counted {
		ix.CountTerms(&f)
	}
	di := ix.addDoc(id, hash, f)
	vec := ix.vectors(di)
	// A copy joins the story of what it copies, unless that story is out of
	// its date window: a piece reprinted months later is listed as a copy
	// but is news again, grouped on its own merits.
	orig := ix.findCopy(di)
	if orig >= 0 {
		ix.docs[di].dupOf = orig
		if s := ix.docs[orig].story; ix.inWindow(s, f.Day) {
			ix.join(s, di, vec)
			return Result{Story: int(s), Duplicate: int(orig)}
		}
	}
	s, _ := ix.best(vec, f.Day, f.Lang, -1)
	created := s < 0
	if created {
		s = ix.newStory(StoryID(id))
	}
	ix.join(s, di, vec)
	return Result{Story: int(s), Duplicate: int(orig), New: created}
}

// addDoc appends an article's record, owning copies of what it keeps.
func (ix *Index) addDoc(id, hash string, f Features) int32 {
	d := doc{id: id, sig: ix.addSig(f.Sig), day: f.Day, story: -1, dupOf: -1, lang: f.Lang}
	d.terms, d.names = ix.topTerms(f.Terms, termLimits(f.Lang).doc, f.Lang)
	di := int32(len(ix.docs))
	ix.docs = append(ix.docs, d)
	ix.next = append(ix.next, [bands]int32{})
	ix.checked = append(ix.checked, 0)
	ix.storeHash(hash, di)
	ix.byID[id] = di
	return di
}

// sigBlock is how many signatures a block of Index.sigs holds (240 kB).
const sigBlock = 1024

// addSig copies a signature into the signature blocks and returns where
// it starts, -1 for none. Only signatures of sigSize rows are kept, the
// only ones Features gives and the only ones similarWithin compares.
func (ix *Index) addSig(sig []uint32) int32 {
	if len(sig) != sigSize {
		return -1
	}
	n := ix.nsigs
	if int(n)%sigBlock == 0 {
		ix.sigs = append(ix.sigs, make([]uint32, 0, sigBlock*sigSize))
	}
	last := len(ix.sigs) - 1
	ix.sigs[last] = append(ix.sigs[last], sig...)
	ix.nsigs++
	return n
}

// sigOf returns article di's signature, nil when it has none.
func (ix *Index) sigOf(di int32) []uint32 {
	n := ix.docs[di].sig
	if n < 0 {
		return nil
	}
	at := int(n%sigBlock) * sigSize
	return ix.sigs[n/sigBlock][at : at+sigSize : at+sigSize]
}

// hexHash returns the 16 bytes a hash of 32 lower-case hex digits stands
// for. Upper-case digits are refused, so that two hashes that differ as
// text never share a key.
func hexHash(hash string) (key [16]byte, ok bool) {
	if len(hash) != 32 {
		return key, false
	}
	for i := range key {
		hi, ok1 := hexDigit(hash[2*i])
		lo, ok2 := hexDigit(hash[2*i+1])
		if !ok1 || !ok2 {
			return key, false
		}
		key[i] = hi<<4 | lo
	}
	return key, true
}

// hexDigit is the value of a lower-case hex digit.
func hexDigit(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// lookupHash returns the article with this content hash; none for "".
func (ix *Index) lookupHash(hash string) (int32, bool) {
	if hash == "" {
		return 0, false
	}
	if key, ok := hexHash(hash); ok {
		i, found := ix.byHash[key]
		return i, found
	}
	i, found := ix.byOtherHash[hash]
	return i, found
}

// storeHash files article di under its content hash, unless it is "".
func (ix *Index) storeHash(hash string, di int32) {
	if hash == "" {
		return
	}
	if key, ok := hexHash(hash); ok {
		ix.byHash[key] = di
		return
	}
	if ix.byOtherHash == nil {
		ix.byOtherHash = make(map[string]int32)
	}
	ix.byOtherHash[hash] = di
}

// topTerms maps terms to IDs and keeps the keep terms with the highest
// TF-IDF weight, and apart the crossTerms names across languages with the
// highest, each sorted by term ID. Each weight is computed once: this runs
// for every article over all its distinct terms.
func (ix *Index) topTerms(terms []TermCount, keep int, lang string) (words, names []tw) {
	all := make([]ranked, 0, len(terms))
	var cross []ranked
	for _, t := range terms {
		id, ok := ix.lookup(t.Term, lang)
		if !ok {
			id = ix.termID(t.Term, lang)
		}
		c := t.Count
		switch {
		case len(t.Term) > 0 && t.Term[0] == CrossPrefix[0]:
			cross = append(cross, ranked{tw{id, c}, c * ix.idf(id)})
			continue
		case len(t.Term) > 0 && t.Term[0] == NamePrefix[0]:
			c *= nameBoost
		}
		all = append(all, ranked{tw{id, c}, c * ix.idf(id)})
	}
	return topRanked(all, keep), topRanked(cross, crossTerms)
}

// ranked is a term with its weighted count and its TF-IDF score.
type ranked struct {
	tw
	score float32
}

// topRanked returns the n terms of all with the highest score, sorted by
// term ID.
func topRanked(all []ranked, n int) []tw {
	if len(all) > n {
		// Only which terms make the top matters, not their order: select
		// them rather than sort all of them.
		selectTop(all, n, func(a, b ranked) bool {
			return a.score > b.score || (a.score == b.score && a.t < b.t)
		})
		all = all[:n]
	}
	out := make([]tw, len(all))
	for i, r := range all {
		out[i] = r.tw
	}
	slices.SortFunc(out, func(a, b tw) int { return int(a.t) - int(b.t) })
	return out
}

// selectTop reorders v so that its first k elements are the k first in the
// order before gives, in no particular order among themselves (Hoare's
// quickselect).
func selectTop[T any](v []T, k int, before func(a, b T) bool) {
	lo, hi := 0, len(v)-1
	for lo < hi {
		pivot := v[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for before(v[i], pivot) {
				i++
			}
			for before(pivot, v[j]) {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}

// findCopy returns the earliest indexed article that article di copies, or
// -1. Candidates come from the LSH buckets its signature falls in; each is
// checked on the whole signature.
func (ix *Index) findCopy(di int32) int32 {
	ix.indexSignature(di)
	sig := ix.sigOf(di)
	if sig == nil {
		return -1
	}
	best, bestSim := int32(-1), ix.opts.NearDuplicate
	// Most articles sharing a band are not copies; a check gives up once
	// more rows differ than a copy may have.
	maxDiff := sigSize - int(math.Ceil(ix.opts.NearDuplicate*sigSize-1e-9))
	ix.copyEpoch++
	if ix.copyEpoch == 0 {
		clear(ix.checked)
		ix.copyEpoch = 1
	}
	for b := 0; b < bands; b++ {
		walked := 0
		for c := ix.next[di][b]; c >= 0 && walked < maxBucketWalk; c = ix.next[c][b] {
			walked++
			if ix.checked[c] == ix.copyEpoch {
				continue
			}
			ix.checked[c] = ix.copyEpoch
			if sim := similarWithin(sig, ix.sigOf(c), maxDiff); sim >= bestSim {
				o := c
				if ix.docs[c].dupOf >= 0 {
					o = ix.docs[c].dupOf
				}
				if best < 0 || sim > bestSim || o < best {
					best, bestSim = o, sim
				}
			}
		}
	}
	return best
}

// indexSignature files article di under the LSH bucket of each band of its
// signature, chaining it before the articles already there.
func (ix *Index) indexSignature(di int32) {
	sig := ix.sigOf(di)
	for b := 0; b < bands; b++ {
		ix.next[di][b] = -1
		if sig == nil {
			continue
		}
		key := bandKey(b, sig[b*rows:(b+1)*rows])
		if prev, ok := ix.bucket[key]; ok {
			ix.next[di][b] = prev
		}
		ix.bucket[key] = di
	}
}

func bandKey(b int, rows []uint32) uint64 {
	h := uint64(b) + 1
	for _, r := range rows {
		h = splitmix(h ^ uint64(r))
	}
	return h
}

// best returns the story most similar to the vector, and its score, among
// those sharing its most telling terms; -1 when none reaches the threshold.
// exclude is a story to leave out (-1 for none).
func (ix *Index) best(vec vecs, day int32, lang string, exclude int32) (int32, float64) {
	cands := ix.candidates(vec.words, day)
	cands = ix.crossCandidates(cands, vec.names, day, lang)
	best, bestScore := int32(-1), 0.0
	for _, s := range cands {
		if s == exclude || !ix.stories[s].alive {
			continue
		}
		st := &ix.stories[s]
		sc, need := ix.score(vec.words, day, st), ix.opts.Threshold*thresholdScale(lang)
		if lang != "" && st.lang != "" && lang != st.lang {
			sc, need = ix.crossScore(vec, day, st), ix.opts.CrossThreshold
		}
		if sc < need {
			continue
		}
		// Scores of the two kinds compare by how far each clears its
		// threshold.
		if sc -= need; best < 0 || sc > bestScore || sc == bestScore && s < best {
			best, bestScore = s, sc
		}
	}
	return best, bestScore
}

// crossScore is the similarity of an article to a story of another
// language: the cosine of their names alone, discounted by the gap
// between their dates as score is.
func (ix *Index) crossScore(vec vecs, day int32, s *story) float64 {
	return ix.discount(ix.nameCosine(vec.names, s.names), day, s)
}

// crossCandidates adds to cands the stories of other languages posted
// under the article's heaviest names written alike in two languages, when
// the index holds articles of two languages or more: the stories of its
// own language come from its words (candidates), which another
// language's stories do not share.
func (ix *Index) crossCandidates(cands []int32, names []tw, day int32, lang string) []int32 {
	if lang == "" || len(ix.langBits) < 2 {
		return cands
	}
	q := make([]tw, 0, len(names))
	for _, t := range names {
		if ix.international(t.t) {
			q = append(q, t)
		}
	}
	slices.SortFunc(q, heavierFirst)
	q = q[:min(len(q), crossQuery)]
	extra := 0
	for _, t := range q {
		list := ix.postings[t.t]
		for k := len(list) - 1; k >= 0 && k >= len(list)-maxPosting; k-- {
			s := list[k]
			st := &ix.stories[s]
			if st.lang == "" || st.lang == lang || !ix.inWindow(s, day) || slices.Contains(cands, s) {
				continue
			}
			cands = append(cands, s)
			if extra++; extra == maxCandidates {
				return cands
			}
		}
	}
	return cands
}

// minCrossNames is how many names written alike in two languages two
// articles of two languages must share before their names' cosine
// counts. Over the few international names an article has, one shared
// name gives a cosine near 1 when it is the only one either has: an
// acronym of two bodies (BFS, Swiss statistics and Barbados' fire
// service) then joined reports of two events, and in a feed of many
// languages, where more names are written alike somewhere, stories of
// one language drew in articles of others this way. Chosen on the tuning half of
// the SemEval-2022 pairs (see BENCHMARKS.md, issue 18): German-English
// alone same-story F1 0.615 at 1, 0.696 at 2, 0.762 at 3; all pairs
// grouped together 0.805, 0.816, 0.830; 3 was not kept because it drops
// the German-English held-out half from 0.629 to 0.462 (2: 0.600).
const minCrossNames = 2

// nameCosine is the cosine of two sorted vectors over the names written
// alike in two languages or more (see international), 0 when either has
// none or they share fewer than minCrossNames of them.
func (ix *Index) nameCosine(a, b []tw) float64 {
	var dot, na, nb float64
	for _, x := range a {
		if ix.international(x.t) {
			na += float64(x.w) * float64(x.w)
		}
	}
	for _, x := range b {
		if ix.international(x.t) {
			nb += float64(x.w) * float64(x.w)
		}
	}
	if na == 0 || nb == 0 {
		return 0
	}
	i, j, shared := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].t < b[j].t:
			i++
		case a[i].t > b[j].t:
			j++
		default:
			if ix.international(a[i].t) {
				dot += float64(a[i].w) * float64(b[j].w)
				shared++
			}
			i++
			j++
		}
	}
	if shared < minCrossNames {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// candidates returns the stories that share the most of the article's top
// query terms among those alive and within the date window of day. The
// window matters as much for speed as for quality: a topic that recurs
// (a monthly report, a yearly summit) leaves many old stories with the same
// terms, which must not crowd out the current one.
func (ix *Index) candidates(vec []tw, day int32) []int32 {
	q := make([]tw, len(vec))
	copy(q, vec)
	sort.Slice(q, func(i, j int) bool {
		if q[i].w != q[j].w {
			return q[i].w > q[j].w
		}
		return q[i].t < q[j].t
	})
	// A term no story is posted under finds nothing, so it takes no
	// place among the queryTerms. A rewrite of a large story weighs the
	// story's own words least (the story made them common) and the rare
	// words of a paragraph of its own most: when those filled the query,
	// the story was never scored, and 1,000 rewrites of one article
	// stored after 200 others made 81 stories, the largest 720.
	q = slices.DeleteFunc(q, func(t tw) bool { return len(ix.postings[t.t]) == 0 })
	if len(q) > queryTerms {
		q = q[:queryTerms]
	}
	// Each term gets its own epoch: a story posted twice under one term
	// (its top terms changed and changed back) counts once for it, and a
	// mark from before this query's first epoch means not yet seen.
	if ix.epoch > math.MaxUint32-queryTerms-1 {
		clear(ix.mark)
		ix.epoch = 0
	}
	start := ix.epoch
	var found []int32
	for _, t := range q {
		ix.epoch++
		list := ix.postings[t.t]
		// Newest first: in a stream taken in date order, a run of stories
		// that ended before the window means the rest of the list is older
		// still, so the cost of a query does not grow with the archive.
		stale := 0
		for k := len(list) - 1; k >= 0 && k >= len(list)-maxPosting; k-- {
			s := list[k]
			if ix.endedBefore(s, day) {
				if stale++; stale == maxStale {
					break
				}
				continue
			}
			stale = 0
			switch m := ix.mark[s]; {
			case m == ix.epoch:
				continue
			case m <= start:
				ix.hits[s] = 0
				if ix.inWindow(s, day) {
					found = append(found, s)
				}
			}
			ix.mark[s] = ix.epoch
			ix.hits[s]++
		}
	}
	return ix.mostHits(found, maxCandidates)
}

// mostHits keeps the n stories of found with the most hits, the more recent
// story first among equals. Hit counts are small, so it counts them instead
// of sorting: found holds thousands of stories when common terms are
// queried, and this runs for every article.
func (ix *Index) mostHits(found []int32, n int) []int32 {
	if len(found) <= n {
		return found
	}
	const maxHits = queryTerms
	var count [maxHits + 1]int
	for _, s := range found {
		count[min(int(ix.hits[s]), maxHits)]++
	}
	// cut is the hit count of the n-th story; all above it are kept, and
	// the most recent of those at it fill the rest.
	cut, above := maxHits, 0
	for ; cut > 0 && above+count[cut] < n; cut-- {
		above += count[cut]
	}
	out := found[:0:0]
	var ties []int32
	for _, s := range found {
		switch h := min(int(ix.hits[s]), maxHits); {
		case h > cut:
			out = append(out, s)
		case h == cut:
			ties = append(ties, s)
		}
	}
	slices.SortFunc(ties, func(a, b int32) int { return int(b - a) })
	return append(out, ties[:n-len(out)]...)
}

// inWindow reports whether story s is alive and could take an article of
// the given day.
func (ix *Index) inWindow(s int32, day int32) bool {
	st := &ix.stories[s]
	if !st.alive {
		return false
	}
	if day == NoDay || st.first == NoDay {
		return true
	}
	w := int32(ix.opts.WindowDays)
	return day >= st.first-w && day <= st.last+w
}

// endedBefore reports whether story s ended before the date window of day.
func (ix *Index) endedBefore(s int32, day int32) bool {
	last := ix.stories[s].last
	return day != NoDay && last != NoDay && last < day-int32(ix.opts.WindowDays)
}

// score is the similarity of an article to a story: the cosine of their
// TF-IDF vectors, discounted by the gap between their dates.
func (ix *Index) score(vec []tw, day int32, s *story) float64 {
	return ix.discount(cosine(vec, s.centroid), day, s)
}

// discount lowers a similarity by the gap between an article's date and a
// story's, and zeroes it past the date window.
func (ix *Index) discount(cos float64, day int32, s *story) float64 {
	if day == NoDay || s.first == NoDay {
		return cos
	}
	gap := 0
	switch {
	case day < s.first:
		gap = int(s.first - day)
	case day > s.last:
		gap = int(day - s.last)
	}
	if gap > ix.opts.WindowDays {
		return 0
	}
	if gap > 2 {
		cos *= math.Exp(-float64(gap-2) / float64(ix.opts.WindowDays))
	}
	return cos
}

// cosine of two sorted vectors; the centroid is not unit length, so it is
// normalised here.
func cosine(a, b []tw) float64 {
	var dot, nb float64
	i, j := 0, 0
	for _, x := range b {
		nb += float64(x.w) * float64(x.w)
	}
	for i < len(a) && j < len(b) {
		switch {
		case a[i].t < b[j].t:
			i++
		case a[i].t > b[j].t:
			j++
		default:
			dot += float64(a[i].w) * float64(b[j].w)
			i++
			j++
		}
	}
	if nb == 0 {
		return 0
	}
	return dot / math.Sqrt(nb)
}

// newStory opens a story with the given ID.
func (ix *Index) newStory(id string) int32 {
	s := int32(len(ix.stories))
	ix.stories = append(ix.stories, story{id: id, first: NoDay, last: NoDay, alive: true})
	ix.storyIDs[id] = s
	ix.mark = append(ix.mark, 0)
	ix.hits = append(ix.hits, 0)
	return s
}

// join adds article di, whose unit vectors are vec, to story s.
func (ix *Index) join(s, di int32, vec vecs) {
	st := &ix.stories[s]
	st.members = append(st.members, di)
	ix.docs[di].story = s
	if st.lang == "" {
		st.lang = ix.docs[di].lang
	}
	if day := ix.docs[di].day; day != NoDay {
		if st.first == NoDay || day < st.first {
			st.first = day
		}
		if st.last == NoDay || day > st.last {
			st.last = day
		}
	}
	n := termLimits(st.lang).story
	st.centroid = addVectors(st.centroid, vec.words, 1, n)
	st.names = addVectors(st.names, vec.names, 1, n)
	ix.index(s)
}

// leave removes article di, whose unit vectors are vec, from its story.
func (ix *Index) leave(di int32, vec vecs) {
	s := ix.docs[di].story
	st := &ix.stories[s]
	st.members = slices.DeleteFunc(st.members, func(m int32) bool { return m == di })
	n := termLimits(st.lang).story
	st.centroid = addVectors(st.centroid, vec.words, -1, n)
	st.names = addVectors(st.names, vec.names, -1, n)
	st.first, st.last = NoDay, NoDay
	st.lang = ""
	for _, m := range st.members {
		if st.lang == "" {
			st.lang = ix.docs[m].lang
		}
		if day := ix.docs[m].day; day != NoDay {
			if st.first == NoDay || day < st.first {
				st.first = day
			}
			if st.last == NoDay || day > st.last {
				st.last = day
			}
		}
	}
	if len(st.members) == 0 {
		st.alive = false
		st.centroid = nil
		st.names = nil
	}
	ix.docs[di].story = -1
}

// index posts story s under those of its top terms it is not posted under
// yet. Entries for terms that left its top stay in their lists, which only
// costs a candidate that scores low.
func (ix *Index) index(s int32) {
	st := &ix.stories[s]
	top := topWeights(st.centroid, postingTerms)
	for _, t := range top {
		if !slices.Contains(st.posted, t.t) {
			ix.postings[t.t] = append(ix.postings[t.t], s)
		}
	}
	st.posted = st.posted[:0]
	for _, t := range top {
		st.posted = append(st.posted, t.t)
	}
	if len(ix.langBits) < 2 {
		// Names across languages are looked up only when articles of two
		// languages are indexed.
		return
	}
	top = topWeights(st.names, crossQuery)
	for _, t := range top {
		if !slices.Contains(st.postedNames, t.t) {
			ix.postings[t.t] = append(ix.postings[t.t], s)
		}
	}
	st.postedNames = st.postedNames[:0]
	for _, t := range top {
		st.postedNames = append(st.postedNames, t.t)
	}
}

// heavierFirst orders weighted terms by weight, heaviest first, and
// terms of one weight by number, so the order never depends on the input's.
func heavierFirst(a, b tw) int {
	switch {
	case a.w > b.w:
		return -1
	case a.w < b.w:
		return 1
	}
	return int(a.t) - int(b.t)
}

// topWeights returns the n heaviest entries of v, in a new slice when it
// has to reorder them.
func topWeights(v []tw, n int) []tw {
	if len(v) <= n {
		return v
	}
	c := slices.Clone(v)
	slices.SortFunc(c, heavierFirst)
	return c[:n]
}

// addVectors returns a + sign*b for sorted vectors, keeping the keep
// heaviest entries.
func addVectors(a, b []tw, sign float32, keep int) []tw {
	out := make([]tw, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || (i < len(a) && a[i].t < b[j].t):
			out = append(out, a[i])
			i++
		case i >= len(a) || a[i].t > b[j].t:
			if sign > 0 {
				out = append(out, tw{b[j].t, b[j].w})
			}
			j++
		default:
			if w := a[i].w + sign*b[j].w; w > 1e-6 {
				out = append(out, tw{a[i].t, w})
			}
			i++
			j++
		}
	}
	if len(out) > keep {
		out = topWeights(out, keep)
		slices.SortFunc(out, func(x, y tw) int { return int(x.t) - int(y.t) })
	}
	return slices.Clip(out)
}

// limits are how many terms an article and a story keep.
type limits struct{ doc, story int }

// termLimits returns the term limits of a language: English's (and an
// unknown language's) as they always were, more elsewhere (see
// docTermsIntl).
func termLimits(lang string) limits {
	if lang == "" || lang == "en" {
		return limits{docTerms, storyTerms}
	}
	return limits{docTermsIntl, storyTermsIntl}
}
