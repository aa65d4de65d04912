// Package cluster groups articles into stories, incrementally, as a server
// receiving a stream of articles needs it: each new article is compared,
// through an inverted index, only with the stories that share its most
// telling terms, and joins the best one or starts its own. It also folds
// copies: exact and near-exact duplicates found with MinHash over word
// shingles and banded locality-sensitive hashing.
package cluster

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/zeebo/xxh3"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// Features is what grouping needs of one article, computed once (in
// parallel, before the sequential grouping step) and small enough to store.
type Features struct {
	// Terms are the article's distinct content terms with weighted counts:
	// stems, names by their key within the language prefixed with
	// NamePrefix (at the language's name weight, see nameWeight), names by their key across languages prefixed with
	// CrossPrefix, and in the languages of data/word-grams.txt the
	// character n-grams of words prefixed with GramPrefix.
	Terms []TermCount
	// Sig is the MinHash signature of the article's word 5-shingles, nil
	// for texts too short to have one.
	Sig []uint32
	// Day is the publication date in days since 1970, or NoDay.
	Day int32
	// Lang is the article's language (ISO 639-1), "" when unknown: the
	// terms of articles of two languages are not compared, their names
	// are.
	Lang string
}

// TermCount is a term and its weighted count in one article.
type TermCount struct {
	Term  string
	Count float32
}

// NoDay marks an unknown date.
const NoDay = math.MinInt32

// NamePrefix marks name terms (capitalised words), so a shared name counts
// apart from the shared word.
const NamePrefix = "\x01"

// CrossPrefix marks a name keyed as written (nlp.Term.Cross): articles of
// two languages are compared by these alone, and articles of one language
// never by them, so a German name's case forms meet within German (by
// NamePrefix) while its written form meets English.
const CrossPrefix = "\x02"

// Term weights by where the term stands: the title and the lead say what an
// article is about more than its background paragraphs.
const (
	titleWeight = 2.0
	leadWeight  = 1.5
	leadLen     = 3 // sentences
)

// Shingle and signature sizes. 12 bands of 5 rows make a pair of texts with
// Jaccard similarity 0.8 share a band with probability 0.99, and one with 0.3
// with probability 0.03.
const (
	shingleWords = 5
	bands        = 12
	rows         = 5
	sigSize      = bands * rows
)

// sigMul and sigAdd define the rows' hash functions h*mul+add: odd
// multipliers make each a permutation of the 64-bit shingle hashes.
var sigMul, sigAdd = func() (mul, add [sigSize]uint64) {
	x := uint64(0x9E3779B97F4A7C15)
	for i := range mul {
		x = splitmix(x + uint64(i))
		mul[i] = x | 1
		x = splitmix(x)
		add[i] = x
	}
	return mul, add
}()

func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// Extractor computes Features. It reuses buffers and an analyzer and is not
// safe for concurrent use: give each worker its own.
type Extractor struct {
	an     *nlp.Analyzer
	counts map[string]float32
	toks   []nlp.Token
	words  []uint64
	buf    []byte
	// grams caches the gram terms of the words of languages counted by
	// their grams (see gramTerms).
	grams map[string][]string
	// named and crossed hold each name key with NamePrefix and with
	// CrossPrefix before it, so that counting a name's mention builds no
	// string: the keys come from the analyzer's cache, and a name is
	// mentioned many times.
	named, crossed map[string]string
}

// maxPrefixed bounds the prefixed name keys an Extractor keeps; past it
// they start again.
const maxPrefixed = 1 << 16

// NewExtractor returns an extractor.
func NewExtractor() *Extractor {
	return &Extractor{an: nlp.NewAnalyzer(), counts: make(map[string]float32, 512),
		named: make(map[string]string, 256), crossed: make(map[string]string, 256)}
}

// prefixed returns prefix+key, kept in m.
func prefixed(m map[string]string, prefix, key string) string {
	if p, ok := m[key]; ok {
		return p
	}
	if len(m) >= maxPrefixed {
		clear(m)
	}
	p := prefix + key
	m[key] = p
	return p
}

// Extract computes the grouping features of a cleaned, annotated article.
// It reads the article's Tokens when it has them (see storyfold.Article),
// and otherwise tokenises its text once.
func (e *Extractor) Extract(a *storyfold.Article) Features {
	clear(e.counts)
	gram, grams := wordGrams[a.Language]
	named := nameWeight(a.Language)
	add := func(w float32) func(nlp.Term) {
		return func(t nlp.Term) {
			e.counts[t.Stem] += w
			if grams && t.Base != "" {
				// The word's letters past the cut count too, by its
				// grams (see data/word-grams.txt).
				for _, g := range e.gramTerms(t.Base, gram.n) {
					e.counts[g] += w * gram.weight
				}
			}
			if t.Name {
				// A name counts by its key within the language, and
				// apart by the key its spellings in every language share
				// (Selenskyj, Zelensky, Зеленский).
				e.counts[prefixed(e.named, NamePrefix, t.Key)] += w * named
				e.counts[prefixed(e.crossed, CrossPrefix, t.Cross)] += w
			}
		}
	}
	toks := a.Tokens
	if toks == nil {
		e.toks = nlp.Tokenize(e.toks[:0], a.Text)
		toks = e.toks
	}
	// Terms are compared within a language: each article's words are
	// stemmed and filtered by its own language's rules.
	e.an.SetLanguage(a.Language)
	e.an.TextTerms(a.Title, add(titleWeight))
	lead := min(leadLen, len(a.Sentences))
	e.an.TermsTokens(a.Text, toks, a.Sentences[:lead], add(leadWeight))
	e.an.TermsTokens(a.Text, toks, a.Sentences[lead:], add(1))

	f := Features{Terms: make([]TermCount, 0, len(e.counts)), Day: NoDay}
	for t, c := range e.counts {
		f.Terms = append(f.Terms, TermCount{Term: t, Count: c})
	}
	slices.SortFunc(f.Terms, func(a, b TermCount) int { return strings.Compare(a.Term, b.Term) })
	if a.Date.Known() {
		f.Day = DayOf(a.Date.Time)
	}
	f.Sig = e.signature(a.Text, toks)
	f.Lang = a.Language
	return f
}

// DayOf returns t's day number.
func DayOf(t time.Time) int32 {
	return int32(t.UTC().Unix() / 86400)
}

// signature returns the MinHash signature of the text's word 5-shingles,
// given the text's tokens.
func (e *Extractor) signature(text string, toks []nlp.Token) []uint32 {
	e.words = e.words[:0]
	for _, t := range toks {
		if t.Kind == nlp.Punct {
			continue
		}
		e.buf = nlp.Lower(e.buf[:0], t.Text(text))
		e.words = append(e.words, xxh3.Hash(e.buf))
	}
	if len(e.words) < shingleWords {
		return nil
	}
	var mins [sigSize]uint64
	for i := range mins {
		mins[i] = math.MaxUint64
	}
	for i := 0; i+shingleWords <= len(e.words); i++ {
		sh := uint64(0)
		for _, w := range e.words[i : i+shingleWords] {
			sh = splitmix(sh ^ w)
		}
		// One strong mix per shingle, then a cheap multiply-add per row:
		// the rows' functions differ in their odd multipliers, and the
		// high bits the signature keeps are the well-mixed ones.
		sh = splitmix(sh)
		for k := range mins {
			if h := sh*sigMul[k] + sigAdd[k]; h < mins[k] {
				mins[k] = h
			}
		}
	}
	sig := make([]uint32, sigSize)
	for k, m := range mins {
		sig[k] = uint32(m >> 32)
	}
	return sig
}

// Similarity estimates the Jaccard similarity of two texts' shingle sets
// from their signatures.
func Similarity(a, b []uint32) float64 { return similarWithin(a, b, sigSize) }

// similarWithin is Similarity, or 0 as soon as more than maxDiff rows
// differ.
func similarWithin(a, b []uint32, maxDiff int) float64 {
	if len(a) != sigSize || len(b) != sigSize {
		return 0
	}
	diff := 0
	for i := range a {
		if a[i] != b[i] {
			if diff++; diff > maxDiff {
				return 0
			}
		}
	}
	return float64(sigSize-diff) / sigSize
}
