package compare

import (
	_ "embed"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/nlp/wordnet"
)

// measureReach bounds the words after a figure read for what it measures.
const measureReach = 4

//go:embed conflict_measure.txt
var measureData string

// measureLinks are the words read past between a figure and what it
// measures ("$10 million in income", "30 percent of their income");
// measureEnds end the noun where the stop-word list does not ("since").
var measureLinks, measureEnds = map[string]bool{}, map[string]bool{}

func init() {
	for _, l := range dataLines(measureData) {
		kind, w, ok := strings.Cut(l, " ")
		switch {
		case ok && kind == "link":
			measureLinks[w] = true
		case ok && kind == "end":
			measureEnds[w] = true
		default:
			panic("compare: bad line in conflict_measure.txt: " + l)
		}
	}
}

// measured returns the noun a figure counts or qualifies, lowercase: the
// last word of the run of content words that follows it, past link words
// ("$3.6 million in federal taxes" gives "taxes", "the 90-minute call"
// gives "call"), or "" when none follows at once ("lasted 90 minutes,
// with ...", "two weeks before the elections").
func measured(text string, after int, end int) string {
	if after >= end {
		return ""
	}
	rest := text[after:end]
	toks := nlp.Tokenize(nil, rest)
	head, words := "", 0
	for _, t := range toks {
		if t.Kind != nlp.Word {
			if head != "" || t.Text(rest) != "-" {
				break // "-" joins "90-minute"; other punctuation ends the noun
			}
			continue
		}
		if words++; words > measureReach {
			break
		}
		w := strings.ToLower(t.Text(rest))
		switch {
		case head == "" && measureLinks[w]:
			continue
		case nlp.IsStopWord(w) || measureLinks[w] || measureEnds[w] || w[0] >= '0' && w[0] <= '9':
			return head
		}
		head = w
	}
	return head
}

// measureDiffers reports whether two figures measure different things:
// both sentences say what each counts, and the two nouns are neither the
// same word (by stem) nor related in WordNet ("$10 million in income"
// against "$3.6 million in taxes"). Two figures of one thing can differ;
// two of different things are no conflict.
func (cx *conflictContext) measureDiffers(a int, x storyfold.Quantity, b int, y storyfold.Quantity) bool {
	if x.Kind == storyfold.QuantityDuration || y.Kind == storyfold.QuantityDuration {
		return false // a duration measures time, whatever the noun after it ("five weeks in advance")
	}
	ua, ub := &cx.units[a], &cx.units[b]
	ma := measured(cx.members[ua.article].Text, x.Span.End, ua.span.End)
	mb := measured(cx.members[ub.article].Text, y.Span.End, ub.span.End)
	if ma == "" || mb == "" || ma == mb {
		return false
	}
	if cx.stems.Stem([]byte(ma)) == cx.stems.Stem([]byte(mb)) {
		return false
	}
	wa, wb := wordnet.Lookup(wordnet.LemmaPOS(ma, wordnet.Noun)), wordnet.Lookup(wordnet.LemmaPOS(mb, wordnet.Noun))
	if wa == 0 || wb == 0 {
		return false // a word WordNet does not know may name the same thing
	}
	return wordnet.Related(wa, wb) == wordnet.None || wordnet.Antonyms(wa, wb)
}
