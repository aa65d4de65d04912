package evaluate

import (
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/quote"
)

// GoldQuote is a hand-annotated quote: its words (the whole quote or its
// opening words) and its speaker as the article names them in full, "" when
// the article does not name one.
type GoldQuote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	// Kind is "direct" (in quotation marks; also when empty) or
	// "reported" (reported speech without them).
	Kind string `json:"kind,omitempty"`
	Cue  string `json:"cue,omitempty"`
}

// Reported reports whether the annotated statement is reported speech.
func (g GoldQuote) Reported() bool { return g.Kind == "reported" }

// NotAnEntity reports whether a found speaker names none of the article's
// people or organisations: a place, a date, a fragment ("the United",
// "PRESS FILE PHOTO"), which a speaker must never be.
func NotAnEntity(a *storyfold.Article, speaker string) bool {
	if speaker == "" {
		return false
	}
	for _, e := range a.Entities {
		if e.Type != storyfold.EntityPerson && e.Type != storyfold.EntityOrg {
			continue
		}
		// A person the entity finder named with their origin ("Trey Gowdy
		// of South Carolina") is the person the speaker names.
		if SameSpeaker(e.Name, speaker) || e.Type == storyfold.EntityPerson && SameSpeaker(quote.WithoutOrigin(e.Name), speaker) {
			return false
		}
		for _, alias := range e.Aliases {
			if SameSpeaker(alias, speaker) {
				return false
			}
		}
	}
	return true
}

// QuoteScores are quote extraction's precision and recall, and how often
// the speaker found is the one annotated.
type QuoteScores struct {
	Gold, Found, Matched int
	Precision, Recall    float64
	// SpeakerAccuracy is the share of matched quotes with an annotated
	// speaker whose speaker was found and is right; SpeakerGiven the share
	// of them given any speaker, and SpeakerRight the share of those given
	// that are right.
	SpeakerAccuracy, SpeakerGiven, SpeakerRight float64
	withSpeaker, given, right                   int
}

// QuoteMatch is one gold quote and what was found for it.
type QuoteMatch struct {
	Gold  GoldQuote
	Found *storyfold.Quotation // nil when missed
}

// ScoreQuotes matches an article's found quotes to its gold ones, one to
// one in text order: a found quote matches a gold one when the words of
// one run inside the other's (an excerpt, or the opening words annotated),
// or when most of their words are shared. It adds to s and returns the
// pairs and the found quotes that match nothing. Scare quotes are left
// out: the finder keeps them among the article's quotes but gives them as
// no one's words.
func ScoreQuotes(s *QuoteScores, gold []GoldQuote, found []storyfold.Quotation) ([]QuoteMatch, []storyfold.Quotation) {
	found = statements(found)
	used := make([]bool, len(found))
	words := make([][]string, len(found))
	for i, q := range found {
		words[i] = quote.Words(q.Text)
	}
	var pairs []QuoteMatch
	for _, g := range gold {
		gw := quote.Words(g.Text)
		m := QuoteMatch{Gold: g}
		for i := range found {
			if !used[i] && sameQuote(gw, words[i]) {
				used[i] = true
				m.Found = &found[i]
				break
			}
		}
		pairs = append(pairs, m)
	}
	var extra []storyfold.Quotation
	for i, u := range used {
		if !u {
			extra = append(extra, found[i])
		}
	}
	s.Gold += len(gold)
	s.Found += len(found)
	for _, p := range pairs {
		if p.Found == nil {
			continue
		}
		s.Matched++
		if p.Gold.Speaker == "" {
			continue
		}
		s.withSpeaker++
		if p.Found.Speaker != "" {
			s.given++
			if SameSpeaker(p.Gold.Speaker, p.Found.Speaker) {
				s.right++
			}
		}
	}
	s.Precision = fraction(s.Matched, s.Found)
	s.Recall = fraction(s.Matched, s.Gold)
	s.SpeakerAccuracy = fraction(s.right, s.withSpeaker)
	s.SpeakerGiven = fraction(s.given, s.withSpeaker)
	s.SpeakerRight = fraction(s.right, s.given)
	return pairs, extra
}

// statements returns the found quotes but scare quotes, in a new slice
// only when there is one to leave out.
func statements(found []storyfold.Quotation) []storyfold.Quotation {
	for i := range found {
		if found[i].Scare {
			kept := append([]storyfold.Quotation(nil), found[:i]...)
			for _, q := range found[i+1:] {
				if !q.Scare {
					kept = append(kept, q)
				}
			}
			return kept
		}
	}
	return found
}

func fraction(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// SameSpeaker reports whether a found speaker names the annotated one: the
// same name, or the same surname ("Obama" for "Barack Obama"). A
// generational suffix is no surname: "Taylor" names "William Taylor III"
// as it names "Jesse Jackson Jr.".
func SameSpeaker(gold, found string) bool {
	g, f := strings.ToLower(strings.TrimSpace(gold)), strings.ToLower(strings.TrimSpace(found))
	if g == f {
		return true
	}
	last := func(s string) string {
		for _, suffix := range nameSuffixes {
			if t, ok := strings.CutSuffix(s, suffix); ok && t != "" {
				s = strings.TrimSuffix(t, ",")
				break
			}
		}
		return s[strings.LastIndexByte(s, ' ')+1:]
	}
	return last(g) == last(f)
}

// nameSuffixes are the generational suffixes SameSpeaker reads past, with
// their space, in lower case.
var nameSuffixes = []string{" jr.", " jr", " sr.", " sr", " ii", " iii", " iv"}

// sameQuote reports whether a found quote's words (b) are the annotated
// quote's (a): a starts b (annotations give long quotes by their opening
// words), one runs inside the other and is at least half its length (a
// quote's boundary drawn differently), or most words are shared, each
// word as often as both have it.
func sameQuote(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	ja, jb := " "+strings.Join(a, " ")+" ", " "+strings.Join(b, " ")+" "
	if strings.HasPrefix(jb, ja) {
		return true
	}
	if (strings.Contains(ja, jb) || strings.Contains(jb, ja)) && 2*min(len(a), len(b)) >= max(len(a), len(b)) {
		return true
	}
	// Each word of a is shared once: a long quote that repeats "to" and
	// "he" shares no more with a short one than their common words.
	count := make(map[string]int, len(a))
	for _, w := range a {
		count[w]++
	}
	shared := 0
	for _, w := range b {
		if count[w] > 0 {
			count[w]--
			shared++
		}
	}
	return float64(shared) >= 0.8*float64(min(len(a), len(b))) && min(len(a), len(b)) >= 4
}
