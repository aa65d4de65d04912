// Package paraphrase decides whether two sentences state the same claim,
// however they word it. It is a classic feature-based scorer: stemmed word
// and n-gram overlap weighted by rarity, WordNet-aligned overlap, the
// longest common subsequence, and the signals that two sentences on one
// topic state different claims: a figure, a name or a date in one and not
// the other, one negated and not the other, antonyms. A model fitted on the
// Microsoft Research Paraphrase Corpus (see internal/fit) turns the features
// into a probability.
//
// A sentence is prepared once into a Sentence and then scored against many
// others, as fact alignment scores each sentence against tens of candidates:
//
//	p := paraphrase.NewPreparer()
//	var a, b paraphrase.Sentence
//	p.Prepare(&a, textA, nil)
//	p.Prepare(&b, textB, nil)
//	if paraphrase.Same(&a, &b) { ... }
//
// Score follows MSRP's judges, who call two sentences the same claim when
// they report the same fact even if a detail differs; Conflicts then says
// what the two disagree on (a figure, a date, a name, a negation, an
// antonym), which is what a reconciled account reports.
//
// The embedded data are made by commands in internal/, from the shared
// data beside the repository (never copied into it):
//
//   - idf.txt, the rarity of each word stem over the sentences of the BASIL
//     articles and MSRP's pairs:
//     go run ./nlp/paraphrase/internal/idfgen -basil ../shared/data/basil/articles.jsonl -msrp ../shared/data/msrp/msr_paraphrase_train.txt -out nlp/paraphrase/idf.txt
//   - model.json, the classifier fitted on MSRP's training part, with its
//     10-fold cross-validated figures in its "fit" record:
//     go run ./nlp/paraphrase/internal/fit -msrp ../shared/data/msrp/msr_paraphrase_train.txt -out nlp/paraphrase/model.json
//
// Refit the model whenever the features, idf.txt or the WordNet data
// change; TestCrossValidateMSRP fails when the embedded model is not what a
// refit gives. negation.txt, months.txt and numberwords.txt are word lists
// kept by hand.
package paraphrase

import (
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/zeebo/xxh3"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/nlp/wordnet"
	"github.com/storyfold/storyfold/quantity"
)

// Annotations are what a caller that has analysed the whole article already
// knows about one of its sentences. Given, they replace what Prepare would
// find itself (capitalised words as names, quantity.Finder's figures,
// month-day and weekday dates); annotate both sentences of a pair or
// neither, as a caller's entity key and a bare word never match. They are better than what Prepare can
// find in a lone sentence: entity keys merge a name's spellings
// ("Zelensky", "Zelenskyy") and its short forms, and dates are resolved.
type Annotations struct {
	// Names are the canonical keys of the entities the sentence mentions;
	// two sentences' names are compared by key only.
	Names []string
	// Figures are the quantities the sentence states, as quantity.Finder
	// finds them; they are compared by kind and value.
	Figures []storyfold.Quantity
	// Days are the dates the sentence states, as days since 1970-01-01.
	Days []int32
}

// Sentence is one sentence prepared for scoring. The zero value is an empty
// sentence; Prepare fills it, reusing its buffers. A Sentence is read-only
// once prepared, so many goroutines may score it at once, and Sentences
// prepared by different Preparers of one process compare alike. It holds
// about 1.5 KB plus a few slices sized by the sentence.
type Sentence struct {
	seq     []uint64 // stem hashes of the words and numbers, in order
	lows    []uint64 // lower-case hashes of the same, sorted: what a name is looked up in
	uni     []uint64 // seq sorted
	bi, tri bitSet   // the stem bigrams and trigrams
	quad    bitSet   // the stem 4-grams
	cbi     bitSet   // the content-word bigrams, stop words skipped
	chars   bitSet   // character 4-grams of the lower-case words
	content []cword  // distinct content words, sorted by stem hash
	names   []uint64 // sorted name keys
	figures []figure // sorted by kind, then value
	numbers []uint64 // sorted hashes of the number tokens
	days    []int32  // sorted dates: days, or month/day keys found in the text
	neg     int32    // negation words
	idfSum  float64  // sum of the content words' idf
	words   int32    // word and number tokens
	qbuf    []storyfold.Quantity
}

// cword is one distinct content word of a sentence.
type cword struct {
	stem uint64
	idf  float32
	wn   wnWord
}

// figure is a quantity reduced to what two outlets stating it share.
type figure struct {
	kind  uint64
	value float64
}

// Preparer turns texts into Sentences. It caches what it learns about each
// word (stem, rarity, WordNet entry), so one Preparer should serve a whole
// run; it is not safe for concurrent use: give each worker its own.
type Preparer struct {
	stem   *nlp.Stemmer
	finder *quantity.Finder
	toks   []nlp.Token
	buf    []byte
	cache  map[string]wordInfo
	cseq   []uint64 // content stems of the sentence being prepared, in order
	text   []byte   // lower-case words of the sentence, one space apart
}

// wordInfo is what a Preparer knows of one lower-case word.
type wordInfo struct {
	stem   string
	hash   uint64 // of the stem
	low    uint64 // of the lower-case word
	idf    float32
	flags  uint8
	wn     wnWord
	dateID int32 // month 1-12, weekday 101-107, else 0
}

// wordInfo flags.
const (
	fStop uint8 = 1 << iota
	fNeg
	fNumber // a word that can state a figure: "thirty", "dozen"
)

// maxWordCache bounds a Preparer's memory over very long runs.
const maxWordCache = 1 << 17

// NewPreparer returns a Preparer. The first one decodes the embedded
// WordNet, some tens of milliseconds, so that no Prepare pays for it.
func NewPreparer() *Preparer {
	wordnet.Load()
	return &Preparer{
		stem:   nlp.NewStemmer(),
		finder: quantity.NewFinder(),
		cache:  make(map[string]wordInfo, 4096),
	}
}

// info returns what is known of the lower-case word w, which may be a
// reused buffer.
func (p *Preparer) info(w []byte) wordInfo {
	if in, ok := p.cache[string(w)]; ok {
		return in
	}
	s := string(w)
	// WordNet's lemma first, so irregular forms share a stem: "rose" and
	// "rise", "sold" and "sells".
	wn := wnLookup(s)
	var st string
	if lem := wn.Lemma(); lem != "" && lem != s {
		st = p.stem.Stem([]byte(lem))
	} else {
		st = p.stem.Stem(w)
	}
	in := wordInfo{stem: st, hash: xxh3.HashString(st), low: xxh3.HashString(s), idf: idfOf(st)}
	if nlp.IsStopWord(s) {
		in.flags |= fStop
	}
	if isNegation(s) {
		in.flags |= fNeg
	}
	if _, ok := numberWords[s]; ok || hasNumberPart(s) {
		in.flags |= fNumber
	}
	in.dateID = dateWords[s]
	if in.flags&fStop == 0 {
		in.wn = wn
	}
	if len(p.cache) >= maxWordCache {
		clear(p.cache)
	}
	p.cache[s] = in
	return in
}

// WordKeys calls fn with the key of each word of text, normalised as
// Prepare normalises it (lower case, WordNet lemma, Snowball stem): the
// keys the rarity table is made of, for internal/idfgen.
func (p *Preparer) WordKeys(text string, fn func(key string)) {
	p.toks = nlp.Tokenize(p.toks[:0], text)
	for _, t := range p.toks {
		if t.Kind != nlp.Word {
			continue
		}
		p.lower(t.Text(text))
		fn(p.info(p.buf).stem)
	}
}

// lower sets p.buf to the lower-case form of word, without a final
// abbreviation dot, so "U.S." and "U.S" share a key.
func (p *Preparer) lower(word string) {
	p.buf = nlp.Lower(p.buf[:0], word)
	if len(p.buf) > 1 && p.buf[len(p.buf)-1] == '.' {
		p.buf = p.buf[:len(p.buf)-1]
	}
}

// Prepare makes dst ready for scoring the sentence text. ann gives what the
// caller knows of the sentence's names, figures and dates; when it is nil,
// Prepare finds figures itself and takes capitalised words after the first
// and number tokens as names.
func (p *Preparer) Prepare(dst *Sentence, text string, ann *Annotations) {
	s := dst
	s.seq, s.lows, s.uni = s.seq[:0], s.lows[:0], s.uni[:0]
	s.content, s.names, s.figures, s.numbers, s.days = s.content[:0], s.names[:0], s.figures[:0], s.numbers[:0], s.days[:0]
	s.bi, s.tri, s.quad, s.cbi, s.chars = bitSet{}, bitSet{}, bitSet{}, bitSet{}, bitSet{}
	figureWords := false
	s.neg, s.idfSum, s.words = 0, 0, 0
	p.cseq, p.text = p.cseq[:0], append(p.text[:0], ' ')

	p.toks = nlp.Tokenize(p.toks[:0], text)
	first := true
	prevMonth := int32(0)
	for i, t := range p.toks {
		word := t.Text(text)
		switch t.Kind {
		case nlp.Punct:
			if word == "." || word == ":" || word == ";" || word == "?" || word == "!" {
				first = true
			}
			prevMonth = 0
			continue
		case nlp.Number:
			h := numberHash(word)
			s.seq = append(s.seq, h)
			s.lows = append(s.lows, h)
			p.text = append(append(p.text, word...), ' ')
			// The day of "June 4" is part of a date, not a figure.
			if d := dayOf(word); prevMonth != 0 && d > 0 {
				if ann == nil {
					s.days = append(s.days, prevMonth*32+d)
				}
			} else {
				s.numbers = append(s.numbers, h)
				figureWords = true
			}
			prevMonth = 0
			first = false
			continue
		}
		p.lower(word)
		in := p.info(p.buf)
		p.text = append(append(p.text, p.buf...), ' ')
		s.seq = append(s.seq, in.hash)
		s.lows = append(s.lows, in.low)
		if in.flags&fNumber != 0 {
			figureWords = true
		}
		if in.flags&fNeg != 0 || hasNotSuffix(p.buf) {
			s.neg++
		}
		if ann == nil && in.dateID != 0 {
			switch {
			case in.dateID > 100:
				s.days = append(s.days, in.dateID)
			case in.dateID != 5 || nlp.IsCapitalized(word):
				prevMonth = in.dateID
			}
		} else {
			prevMonth = 0
		}
		if in.flags&fStop == 0 {
			s.content = append(s.content, cword{stem: in.hash, idf: in.idf, wn: in.wn})
			p.cseq = append(p.cseq, in.hash)
			if ann == nil && !first && nlp.IsCapitalized(word) && in.dateID == 0 && i > 0 {
				s.names = append(s.names, in.low)
			}
		}
		first = false
	}
	s.words = int32(len(s.seq))
	for i := 0; i+1 < len(s.seq); i++ {
		s.bi.add(mix(s.seq[i], s.seq[i+1]))
	}
	for i := 0; i+2 < len(s.seq); i++ {
		s.tri.add(mix(mix(s.seq[i], s.seq[i+1]), s.seq[i+2]))
	}
	for i := 0; i+3 < len(s.seq); i++ {
		s.quad.add(mix(mix(mix(s.seq[i], s.seq[i+1]), s.seq[i+2]), s.seq[i+3]))
	}
	for i := 0; i+1 < len(p.cseq); i++ {
		s.cbi.add(mix(p.cseq[i], p.cseq[i+1]))
	}
	for i := 0; i+3 < len(p.text); i++ {
		g := uint64(p.text[i]) | uint64(p.text[i+1])<<8 | uint64(p.text[i+2])<<16 | uint64(p.text[i+3])<<24
		s.chars.add(g * 0x9E3779B97F4A7C15)
	}
	for _, b := range []*bitSet{&s.bi, &s.tri, &s.quad, &s.cbi, &s.chars} {
		b.count()
	}
	s.uni = append(s.uni, s.seq...)
	slices.Sort(s.uni)
	slices.Sort(s.lows)
	slices.Sort(s.numbers)
	s.numbers = slices.Compact(s.numbers)
	slices.SortFunc(s.content, func(a, b cword) int {
		switch {
		case a.stem < b.stem:
			return -1
		case a.stem > b.stem:
			return 1
		}
		return 0
	})
	s.content = slices.CompactFunc(s.content, func(a, b cword) bool { return a.stem == b.stem })
	for _, c := range s.content {
		s.idfSum += float64(c.idf)
	}

	var qs []storyfold.Quantity
	if ann != nil {
		qs = ann.Figures
		for _, n := range ann.Names {
			s.names = append(s.names, xxh3.HashString(strings.ToLower(n)))
		}
		s.days = append(s.days, ann.Days...)
	} else if figureWords {
		s.qbuf = p.finder.Find(s.qbuf[:0], text, 0)
		qs = s.qbuf
	}
	for _, q := range qs {
		s.figures = append(s.figures, figure{kind: xxh3.HashString(string(q.Kind)), value: q.Value})
	}
	slices.SortFunc(s.figures, func(a, b figure) int {
		switch {
		case a.kind != b.kind:
			if a.kind < b.kind {
				return -1
			}
			return 1
		case a.value < b.value:
			return -1
		case a.value > b.value:
			return 1
		}
		return 0
	})
	slices.Sort(s.names)
	s.names = slices.Compact(s.names)
	slices.Sort(s.days)
	s.days = slices.Compact(s.days)
}

// bitSet is a set of hashed n-grams as a 2048-bit Bloom-style bitset:
// comparing two costs 32 popcounts, where sorted lists would cost a sort
// per sentence. With the 20 to 150 n-grams of a sentence, a collision now
// and then blurs a ratio by a hair. Like BLEU's clipped counts, an n-gram
// a sentence repeats counts once.
type bitSet struct {
	bits [32]uint64
	n    int32
}

// add puts the hash h in the set; its top 11 bits choose the bit.
func (c *bitSet) add(h uint64) {
	h >>= 53
	c.bits[h>>6] |= 1 << (h & 63)
}

// count records the set's size.
func (c *bitSet) count() {
	n := 0
	for _, w := range c.bits {
		n += bits.OnesCount64(w)
	}
	c.n = int32(n)
}

// common counts the n-grams two sets share.
func (c *bitSet) common(d *bitSet) int {
	n := 0
	for i, w := range c.bits {
		n += bits.OnesCount64(w & d.bits[i])
	}
	return n
}

// ratios returns the share of each set's n-grams the other holds, smaller
// first.
func (c *bitSet) ratios(d *bitSet) (float64, float64) {
	n := c.common(d)
	return minMax(ratio(n, int(c.n)), ratio(n, int(d.n)))
}

// hasNumberPart reports whether a hyphenated word holds a number word:
// "thirty-two", "one-third" (the tokenizer splits on hyphens, but a
// caller's word may not).
func hasNumberPart(w string) bool {
	for {
		i := strings.IndexByte(w, '-')
		if i < 0 {
			return false
		}
		if _, ok := numberWords[w[:i]]; ok {
			return true
		}
		w = w[i+1:]
	}
}

// mix combines two hashes into the hash of their sequence.
func mix(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ (b + 0x632BE59BD9B4E019 + (a << 6) + (a >> 2))
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	return h ^ h>>29
}

// numberHash hashes a number token with its thousands separators and a
// trailing zero fraction removed, so "12,000" matches "12000" and "1.50"
// matches "1.5".
func numberHash(word string) uint64 {
	var b [32]byte
	n := 0
	for i := 0; i < len(word) && n < len(b); i++ {
		if c := word[i]; c != ',' {
			b[n] = c
			n++
		}
	}
	s := b[:n]
	if j := indexByte(s, '.'); j >= 0 {
		for len(s) > j+1 && s[len(s)-1] == '0' {
			s = s[:len(s)-1]
		}
		if len(s) == j+1 {
			s = s[:j]
		}
	}
	return xxh3.Hash(s) ^ 0x5bd1e995
}

func indexByte(s []byte, c byte) int {
	for i, x := range s {
		if x == c {
			return i
		}
	}
	return -1
}

// dayOf reads a day of the month (1-31) from a number token such as "4" or
// "21st", or returns 0.
func dayOf(word string) int32 {
	d := int32(0)
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c < '0' || c > '9' {
			if i == 0 {
				return 0
			}
			break
		}
		d = d*10 + int32(c-'0')
		if d > 31 {
			return 0
		}
	}
	return d
}

// hasNotSuffix reports whether a lower-case word is a contraction with n't
// (didn't, won't), which the tokenizer keeps whole.
func hasNotSuffix(w []byte) bool {
	n := len(w)
	return n > 3 && w[n-1] == 't' && w[n-2] == '\'' && w[n-3] == 'n'
}

// Score returns the probability that a and b state the same claim. It is
// symmetric: Score(a, b) == Score(b, a).
func Score(a, b *Sentence) float64 {
	var f [NumFeatures]float64
	Features(f[:], a, b)
	if modelErr != nil {
		panic(modelErr)
	}
	return defaultModel.predict(f[:])
}

// Same reports whether a and b state the same claim: Score at least
// Threshold.
func Same(a, b *Sentence) bool { return Score(a, b) >= Threshold }

// Threshold is the score from which two sentences count as the same claim;
// it is the one the model was fitted with (internal/fit), the threshold
// that maximised cross-validated accuracy.
var Threshold = func() float64 {
	if modelErr != nil {
		return 0.5
	}
	return defaultModel.Threshold
}()

// sigmoid is the logistic function.
func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
