package evaluate

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/storyfold/storyfold"
)

// GoldFacts is the hand annotation of one story's claims: the sentences of
// its articles that state the same claim, so the account's facts can be
// scored pair by pair.
type GoldFacts struct {
	Cluster string      `json:"cluster"`
	Split   string      `json:"split"` // "dev" or "heldout"
	Claims  []GoldClaim `json:"claims"`
}

// GoldClaim is one claim. Required sentences state it as their main point:
// every pair of them from different articles should share a fact. Also
// sentences state it too, among other things: a fact that pairs them with
// the claim's sentences is right, one that leaves them out is not wrong.
type GoldClaim struct {
	Required []SentenceStart `json:"required"`
	Also     []SentenceStart `json:"also"`
}

// SentenceStart names a sentence by its article and opening words, so the
// annotation survives changes to sentence offsets without copying the
// article's text.
type SentenceStart struct {
	Article string `json:"article"`
	Starts  string `json:"starts"`
}

// FactScores counts sentence pairs of different articles: those the gold
// claims require, those the account's facts pair, and those that agree.
// An exclusive is wrong when another article states its claim.
type FactScores struct {
	GoldPairs, FoundPairs, FoundRight, GoldFound int
	Exclusives, ExclusivesWrong                  int
	Unresolved                                   int // annotated sentences not found in the text
}

// Precision is the share of pairs the facts make that a claim joins.
func (s FactScores) Precision() float64 { return factRatio(s.FoundRight, s.FoundPairs) }

// Recall is the share of required pairs the facts make.
func (s FactScores) Recall() float64 { return factRatio(s.GoldFound, s.GoldPairs) }

func factRatio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// FactPair is a pair of sentences, for listing errors.
type FactPair struct {
	A, B storyfold.SentenceRef
}

// sentenceKey is one sentence of one article.
type sentenceKey struct {
	article string
	start   int
}

// ScoreFacts adds one story's facts and exclusives to s, against its gold
// claims, and returns the required pairs missed and the pairs made wrongly.
// Facts point at clauses; a clause counts as the sentence it starts in.
func ScoreFacts(s *FactScores, gold GoldFacts, st *storyfold.Story, articles map[string]*storyfold.Article) (missed, wrong []FactPair) {
	sentenceOf := func(article string, pos int) (storyfold.Span, bool) {
		a := articles[article]
		if a == nil {
			return storyfold.Span{}, false
		}
		for _, sp := range a.Sentences {
			if pos >= sp.Start && pos < sp.End {
				return sp, true
			}
		}
		return storyfold.Span{}, false
	}
	claimsOf, required, unresolved := resolveClaims(gold, articles)
	s.Unresolved += unresolved
	shareClaim := func(a, b sentenceKey) bool { return sharesClaim(claimsOf, a, b) }
	// The pairs the facts make, by sentence.
	made := map[[2]sentenceKey]bool{}
	for _, f := range st.Facts {
		var refs []storyfold.SentenceRef
		for _, v := range f.Variants {
			if v.Sentence == nil {
				continue
			}
			if sp, ok := sentenceOf(v.Article, v.Sentence.Start); ok {
				refs = append(refs, storyfold.SentenceRef{Article: v.Article, Sentence: sp})
			}
		}
		for i := range refs {
			for j := i + 1; j < len(refs); j++ {
				a := sentenceKey{refs[i].Article, refs[i].Sentence.Start}
				b := sentenceKey{refs[j].Article, refs[j].Sentence.Start}
				if a.article == b.article || a == b {
					continue
				}
				if b.article < a.article || b.article == a.article && b.start < a.start {
					a, b = b, a
				}
				if made[[2]sentenceKey{a, b}] {
					continue
				}
				made[[2]sentenceKey{a, b}] = true
				s.FoundPairs++
				if shareClaim(a, b) {
					s.FoundRight++
				} else {
					wrong = append(wrong, FactPair{refs[i], refs[j]})
				}
			}
		}
	}
	for _, req := range required {
		for i := range req {
			for j := i + 1; j < len(req); j++ {
				a := sentenceKey{req[i].Article, req[i].Sentence.Start}
				b := sentenceKey{req[j].Article, req[j].Sentence.Start}
				if a.article == b.article {
					continue
				}
				if b.article < a.article || b.article == a.article && b.start < a.start {
					a, b = b, a
				}
				s.GoldPairs++
				if made[[2]sentenceKey{a, b}] {
					s.GoldFound++
				} else {
					missed = append(missed, FactPair{req[i], req[j]})
				}
			}
		}
	}
	// An exclusive is wrong when its sentence is a required member of a
	// claim another article states as well.
	for _, ex := range st.Exclusive {
		s.Exclusives++
		a := articles[ex.Article]
		if a == nil {
			continue
		}
		at := strings.Index(a.Text, ex.Text)
		if at < 0 {
			continue
		}
		sp, ok := sentenceOf(ex.Article, at)
		if !ok {
			continue
		}
		key := sentenceKey{ex.Article, sp.Start}
		for _, ci := range claimsOf[key] {
			others := false
			for _, r := range required[ci] {
				others = others || r.Article != ex.Article
			}
			if others && isRequired(required[ci], key) {
				s.ExclusivesWrong++
				break
			}
		}
	}
	return missed, wrong
}

func isRequired(req []storyfold.SentenceRef, k sentenceKey) bool {
	for _, r := range req {
		if r.Article == k.article && r.Sentence.Start == k.start {
			return true
		}
	}
	return false
}

// resolveClaims finds the annotated sentences in the articles: the claims
// each sentence states (required or also), each claim's required
// sentences, and how many annotated sentences were not found.
func resolveClaims(gold GoldFacts, articles map[string]*storyfold.Article) (map[sentenceKey][]int, [][]storyfold.SentenceRef, int) {
	find := func(ref SentenceStart) (storyfold.Span, bool) {
		a := articles[ref.Article]
		if a == nil {
			return storyfold.Span{}, false
		}
		// The opening words, wherever the sentence now starts: a cleaner
		// that cuts more of a dateline moves the start, not the words.
		want := strings.Join(strings.Fields(ref.Starts), " ")
		for _, sp := range a.Sentences {
			if strings.Contains(strings.Join(strings.Fields(a.Slice(sp)), " "), want) {
				return sp, true
			}
		}
		return storyfold.Span{}, false
	}
	claimsOf := map[sentenceKey][]int{}
	var required [][]storyfold.SentenceRef
	unresolved := 0
	for ci, c := range gold.Claims {
		var req []storyfold.SentenceRef
		for k, list := range [][]SentenceStart{c.Required, c.Also} {
			for _, ref := range list {
				sp, ok := find(ref)
				if !ok {
					unresolved++
					continue
				}
				key := sentenceKey{ref.Article, sp.Start}
				claimsOf[key] = append(claimsOf[key], ci)
				if k == 0 {
					req = append(req, storyfold.SentenceRef{Article: ref.Article, Sentence: sp})
				}
			}
		}
		required = append(required, req)
	}
	return claimsOf, required, unresolved
}

func sharesClaim(claimsOf map[sentenceKey][]int, a, b sentenceKey) bool {
	for _, x := range claimsOf[a] {
		for _, y := range claimsOf[b] {
			if x == y {
				return true
			}
		}
	}
	return false
}

// ShareClaim returns a test of whether two sentences of a gold story's
// articles state one of its annotated claims, for fitting a claim model.
func ShareClaim(gold GoldFacts, articles map[string]*storyfold.Article) func(a, b storyfold.SentenceRef) bool {
	claimsOf, _, _ := resolveClaims(gold, articles)
	return func(a, b storyfold.SentenceRef) bool {
		return sharesClaim(claimsOf, sentenceKey{a.Article, a.Sentence.Start}, sentenceKey{b.Article, b.Sentence.Start})
	}
}

// ReadGoldFacts reads a file of annotated stories, one GoldFacts a line,
// keeping those of the split ("" keeps all).
func ReadGoldFacts(path, split string) ([]GoldFacts, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read gold facts: %w", err)
	}
	var golds []GoldFacts
	for n, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var g GoldFacts
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n+1, err)
		}
		if split == "" || g.Split == split {
			golds = append(golds, g)
		}
	}
	return golds, nil
}

// ByCluster indexes articles by their gold "cluster" and by ID.
func ByCluster(articles []storyfold.Article) (byCluster map[string][]*storyfold.Article, byID map[string]*storyfold.Article) {
	byCluster = map[string][]*storyfold.Article{}
	byID = map[string]*storyfold.Article{}
	for i := range articles {
		a := &articles[i]
		byCluster[a.Meta["cluster"]] = append(byCluster[a.Meta["cluster"]], a)
		byID[a.ID] = a
	}
	return byCluster, byID
}
