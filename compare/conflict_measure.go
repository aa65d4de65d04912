package compare

import (
	_ "embed"
	"slices"
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
// measureEnds end the noun where the stop-word list does not ("since");
// measureSelf name the figure's own kind ("money", "cash").
var measureLinks, measureEnds, measureSelf = map[string]bool{}, map[string]bool{}, map[string]bool{}

func init() {
	for _, l := range dataLines(measureData) {
		kind, w, ok := strings.Cut(l, " ")
		switch {
		case ok && kind == "link":
			measureLinks[w] = true
		case ok && kind == "end":
			measureEnds[w] = true
		case ok && kind == "self":
			measureSelf[w] = true
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
//
// A noun that only names the figure's own kind ("campaign money",
// "campaign cash", "relief funds") says nothing of what it measures: the
// word before it does, or nothing.
func measured(text string, after int, end int) string {
	words := measuredPhrase(nil, text, after, end)
	for len(words) > 0 && measureSelf[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return ""
	}
	return words[len(words)-1]
}

// measuredPhrase appends to out the lower-case content words of the noun
// phrase a figure counts, in order, the noun last ("$450,000 in campaign
// money" gives "campaign", "money"): the words measured reads.
func measuredPhrase(out []string, text string, after int, end int) []string {
	if after >= end {
		return out
	}
	rest := text[after:end]
	toks := nlp.Tokenize(nil, rest)
	n, words := len(out), 0
	for _, t := range toks {
		if t.Kind != nlp.Word {
			if len(out) > n || t.Text(rest) != "-" {
				break // "-" joins "90-minute"; other punctuation ends the noun
			}
			continue
		}
		if words++; words > measureReach {
			break
		}
		w := strings.ToLower(t.Text(rest))
		switch {
		case len(out) == n && measureLinks[w]:
			continue
		case nlp.IsStopWord(w) || measureLinks[w] || measureEnds[w] || w[0] >= '0' && w[0] <= '9':
			return out
		}
		out = append(out, w)
	}
	return out
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

// figureKeys returns what a unit's figures count, as "kind/unit|stem"
// keys, sorted: the figure's kind and unit and the stem of each content
// word of the noun phrase after it but those naming the figure's own kind
// ("$450,000 in campaign money" gives "money/USD|campaign"). Two outlets that give one
// sum for one thing often share little else: "pleaded guilty ... to one
// felony fraud count in connection with his use of $450,000 in campaign
// money" and "spent $750,000 in campaign cash on personal items". Only a
// figure the unit gives once of its kind and unit is keyed, as only
// those are compared (see figureDiffers). Durations are left out: "the
// two-year extension of tax cuts" and "a 13-month extension of
// unemployment insurance" name what lasts by the word after it alike.
func (cx *conflictContext) figureKeys(u int) []string {
	x := &cx.units[u]
	if len(x.quantities) == 0 {
		return nil
	}
	text := cx.members[x.article].Text
	var out, words []string
	for _, q := range x.quantities {
		if q.Unit == "" || q.Kind == storyfold.QuantityDuration || slices.ContainsFunc(x.quantities, func(o storyfold.Quantity) bool {
			return o.Kind == q.Kind && o.Unit == q.Unit && o.Span != q.Span
		}) {
			continue
		}
		words = measuredPhrase(words[:0], text, q.Span.End, x.span.End)
		for _, w := range words {
			if len(w) > 2 && !measureSelf[w] {
				out = append(out, string(q.Kind)+"/"+q.Unit+"|"+cx.stems.Stem([]byte(w)))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// inRange reports whether figure x is a plural magnitude written without
// digits ("dozens", "hundreds of") and y a figure of its kind and unit
// within its range: "dozens of House Democrats boycotted" and "about 60
// House Democrats boycotted" agree; "thousands of lawsuits" and
// "millions of lawsuits" do not.
func inRange(x, y storyfold.Quantity) bool {
	if x.Kind != y.Kind || x.Unit != y.Unit || y.Value < x.Value || strings.ContainsAny(x.Text, "0123456789") {
		return false
	}
	for _, w := range strings.Fields(strings.ToLower(x.Text)) {
		if upper, ok := vagueMagnitudes[w]; ok {
			return y.Value < upper
		}
	}
	return false
}
