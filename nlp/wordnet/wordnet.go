// Package wordnet is an embedded English lexicon for telling whether two
// words of two sentences mean the same, related or opposite things, fast
// enough to compare every word pair of every sentence pair a same-claim
// scorer looks at.
//
// The data is derived from Princeton WordNet 3.0; LICENSE-WordNet in this
// directory holds its licence, which must travel with it. The generator in
// internal/gen reads a WordNet database (Debian's wordnet-base package
// installs one) and writes wordnet.bin, a 2.8 MB varint file that is
// embedded in the binary and decoded once, on first use, in about 30 ms; to
// rebuild it run `go generate ./nlp/wordnet`. Only single-word lemmas are
// kept, with their tag counts, the morphological exception lists, and for
// each lemma the sorted list of lemmas it relates to; glosses, examples and
// multi-word lemmas are dropped.
//
// A word is looked up once with Lookup, which runs WordNet's morphy
// (exception lists, then detachment rules) over every part of speech and
// returns a Word handle; pairs of handles are then compared with Related,
// Similarity and Antonyms, which allocate nothing, take tens of nanoseconds
// and are safe for concurrent use. A surface form that can be the
// inflection of several lemmas ("saw": saw, see; "talks": talks, talk;
// "left": left, leave) gets a handle standing for all of them, so that
// each reading can relate.
//
// Only a word's frequent senses count: its first three senses per part of
// speech in WordNet's order (decreasing tag count), and only in the parts
// of speech that make at least 5% of its tagged uses ("stock" is a noun,
// so its adjective senses do not make it an antonym of "new"), so that
// rare senses do not relate nearly every common word to every other. The
// relations, in the order Related prefers them:
//
//   - Same: the two words share a lemma (went, goes).
//   - Synonym: they share a frequent synset (car, automobile; talks,
//     negotiations).
//   - Derived: a derivational pointer joins them (negotiate, negotiation;
//     decide, decision), over every sense since it relates word forms; or
//     joins a synonym of one in its first sense to the first sense of the
//     other (talks, negotiate: "talks" shares a synset with "negotiation").
//   - Antonym: a frequent synset of one holds an antonym of the other's
//     (increase, decrease; win, lose), or, for adjectives, they sit in
//     opposite clusters (hot, cold; scorching, icy).
//   - Similar: adjectives of one similar-to cluster (huge, enormous).
//   - Broader / Narrower: the second word is a hypernym / hyponym of the
//     first, one or two steps away (sedan, car; murder, kill). Terms too
//     general to say anything are never the broader one: nouns near the
//     root, and synsets with more than a few hundred hyponyms below them
//     ("person", "organization", the verbs "act" and "change").
//
// The adjective clusters of numbers and colours are left out: "five" and
// "six" or "red" and "blue" are different claims, not paraphrases.
package wordnet

import (
	_ "embed"
	"sync"
)

//go:generate go run ./internal/gen -dict /usr/share/wordnet -out wordnet.bin

//go:embed wordnet.bin
var embedded []byte

// Word is a handle on a looked-up word: one lemma, or the set of lemmas a
// surface form can be an inflection of. 0 stands for a word WordNet does not
// know. Handles index the embedded lexicon, so they change when it is
// regenerated: compare them, do not store them.
type Word uint32

// POS is a WordNet part of speech.
type POS uint8

// The parts of speech, in WordNet's order.
const (
	Noun POS = iota
	Verb
	Adj
	Adv
)

var (
	loadOnce sync.Once
	lex      *lexicon
)

// get decodes the embedded lexicon on first use, so that commands which
// never compare words do not pay for it.
func get() *lexicon {
	loadOnce.Do(func() {
		l, err := decode(embedded)
		if err != nil {
			// The file is generated and tested; a failure here means the
			// binary was built from a broken checkout.
			panic(err)
		}
		lex = l
	})
	return lex
}

// Load decodes the embedded lexicon now rather than on first use, for
// callers that want to pay the cost up front (servers, benchmarks).
func Load() { get() }

// Lookup returns the handle of a lowercase word, or 0 when WordNet knows no
// lemma it could be a form of. Words with capitals are not found: lowercase
// them first. A lemma or irregular form costs one map access; a regular
// inflection one more per detachment rule that fits its ending.
func Lookup(lower string) Word { return get().lookup(lower) }

// Lemma returns the most likely lemma of a lowercase word over all parts
// of speech, by WordNet tag counts: "went" gives "go", "children" "child",
// "better" "good". A word WordNet does not know is returned unchanged.
func Lemma(lower string) string {
	l := get()
	w := l.lookup(lower)
	if w == 0 {
		return lower
	}
	return l.lemmas[l.primary(w)-1]
}

// LemmaPOS returns the lemma morphy gives a lowercase word as the given
// part of speech: its exception list first, then the word itself, then the
// first detachment rule that yields a known lemma. It returns "" when the
// word is no form of any lemma of that part of speech.
func LemmaPOS(lower string, pos POS) string {
	l := get()
	if pos > Adv {
		return ""
	}
	if id := l.lemmaPOS(lower, pos); id != 0 {
		return l.lemmas[id-1]
	}
	return ""
}

// Lemma returns the word's most frequent lemma, or "" for 0.
func (w Word) Lemma() string {
	if w == 0 {
		return ""
	}
	l := get()
	if !l.valid(w) {
		return ""
	}
	return l.lemmas[l.primary(w)-1]
}

// String returns the word's most frequent lemma, for debugging.
func (w Word) String() string { return w.Lemma() }

// Relation is the closest tie between two words, as Related reports it.
type Relation uint8

// The relations, from the closest. Related returns the first that holds.
const (
	None     Relation = iota
	Same              // the words share a lemma: went, goes
	Synonym           // they share a frequent synset: car, automobile
	Derived           // derivationally related: negotiate, negotiation
	Antonym           // opposites: increase, decrease; hot, cold
	Similar           // adjectives of one similar-to cluster: huge, enormous
	Broader           // the second is a hypernym of the first, 1-2 steps up: sedan, car
	Narrower          // the second is a hyponym of the first, 1-2 steps down: car, sedan
)

var relationNames = [...]string{"none", "same", "synonym", "derived", "antonym", "similar", "broader", "narrower"}

// String names the relation.
func (r Relation) String() string {
	if int(r) < len(relationNames) {
		return relationNames[r]
	}
	return "unknown"
}

// relation picks the closest relation from the stored bits. Antonymy wins
// over cluster similarity and hypernymy: words that are opposites in one
// frequent sense ("early", "later") are more likely to mark a different
// claim than a restatement. Synonymy and derivation still win over it, as
// for the few words WordNet lists as both.
func relation(m uint8) Relation {
	switch {
	case m == 0:
		return None
	case m&bitSynonym != 0:
		return Synonym
	case m&bitDerived != 0:
		return Derived
	case m&bitAntonym != 0:
		return Antonym
	case m&bitSimilar != 0:
		return Similar
	case m&(bitBroader1|bitBroader2) != 0:
		return Broader
	case m&(bitNarrower1|bitNarrower2) != 0:
		return Narrower
	}
	return None
}

// Related returns the closest relation between two words, the first of
// Same, Synonym, Derived, Antonym, Similar, Broader, Narrower that holds,
// or None. Unknown words (0) relate to nothing, not even each other.
func Related(a, b Word) Relation {
	if a == 0 || b == 0 {
		return None
	}
	l := get()
	if !l.valid(a) || !l.valid(b) {
		return None
	}
	if a == b || l.sameLemma(a, b) {
		return Same
	}
	return relation(l.bits(a, b))
}

// Scores for Similarity, by relation. They are a graded feature for a
// same-claim scorer: a synonym can replace a word with no change of claim,
// a derivation usually restates it in another part of speech, an adjective
// of the same cluster is close, and a broader or narrower term loses or
// adds detail, less so one step away than two.
const (
	ScoreSame    = 1.0
	ScoreSynonym = 1.0
	ScoreDerived = 0.8
	ScoreSimilar = 0.8
	ScoreHyper1  = 0.7
	ScoreHyper2  = 0.5
)

// Similarity grades how close two words' meanings are in [0, 1], from the
// relation Related reports: 1 for the same lemma or a synonym, 0.8 for a
// derivation or an adjective of the same cluster, 0.7 for a hypernym or
// hyponym one step away and 0.5 two steps away, 0 otherwise. Antonyms
// score 0: opposite words do not restate a claim; see Antonyms.
func Similarity(a, b Word) float64 {
	if a == 0 || b == 0 {
		return 0
	}
	l := get()
	if !l.valid(a) || !l.valid(b) {
		return 0
	}
	if a == b || l.sameLemma(a, b) {
		return ScoreSame
	}
	return score(l.bits(a, b))
}

// score is the Similarity of two different lemmas with relation bits m.
func score(m uint8) float64 {
	switch relation(m) {
	case Synonym:
		return ScoreSynonym
	case Derived:
		return ScoreDerived
	case Similar:
		return ScoreSimilar
	case Broader, Narrower:
		if m&(bitBroader1|bitNarrower1) != 0 {
			return ScoreHyper1
		}
		return ScoreHyper2
	}
	return 0
}

// Antonyms reports whether the two words are opposites in one of their
// frequent senses: increase/decrease, win/lose, accept/reject, hot/cold.
// Two forms of one lemma are never antonyms, even when they stand for
// other lemmas as well ("left" is both "leave" and the opposite of "right").
func Antonyms(a, b Word) bool {
	if a == 0 || b == 0 || a == b {
		return false
	}
	l := get()
	if !l.valid(a) || !l.valid(b) || l.sameLemma(a, b) {
		return false
	}
	return l.bits(a, b)&bitAntonym != 0
}

// Compare returns Similarity(a, b) and Antonyms(a, b) with one search, for
// scorers that want both for every word pair.
func Compare(a, b Word) (similarity float64, antonyms bool) {
	if a == 0 || b == 0 {
		return 0, false
	}
	l := get()
	if !l.valid(a) || !l.valid(b) {
		return 0, false
	}
	if a == b || l.sameLemma(a, b) {
		return ScoreSame, false
	}
	m := l.bits(a, b)
	return score(m), m&bitAntonym != 0
}
