package quote

import (
	"slices"
	"sort"
	"strings"

	"github.com/storyfold/storyfold"
)

// Unmarked speech has no closing mark to say where it ends: the finder
// stops at the sentence that holds its cue ("There is no betrayal there,
// said Hegseth ..."), though the speaker often goes on in the sentences
// after it. Only across a story is it known how far: another outlet quotes
// the same statement further. These bound how the sentences after the
// quote are read against that outlet's wording.
const (
	// maxContinued is the most sentences one quote is continued by.
	maxContinued = 3
	// continuedShare is the share of a sentence's words that must be
	// found, in order, in the rest of the longer wording.
	continuedShare = 0.8
	// minContinued is the fewest words a sentence must share with it.
	minContinued = 3
	// maxLonger is the most of the group's longer wordings read, the
	// longest first.
	maxLonger = 8
)

// continueUnmarked continues the unmarked quote q of article a through the
// sentences after the one its end is in, one at a time, while another
// article's longer wording of the same statement (longer, lower-case
// words) goes on with them: a sentence is taken when most of its words
// (continuedShare, at least minContinued) are found in order in the rest
// of that wording, and the first that is not ends the quote. It returns
// the continued wording, the quote and its sentences joined, and false
// when no sentence continues it.
func continueUnmarked(a *storyfold.Article, q storyfold.Quotation, longer [][]string) (string, bool) {
	if len(longer) == 0 || q.Span.End <= 0 || q.Span.End > len(a.Text) {
		return "", false
	}
	// The rest of the longer wording that goes on the furthest past the
	// quote's words, among the longest few wordings (a group of many
	// copies has few of them) and within the diff's bound on work.
	words := Words(q.Text)
	longer = slices.Clone(longer)
	slices.SortStableFunc(longer, func(x, y []string) int { return len(y) - len(x) })
	longer = longer[:min(len(longer), maxLonger)]
	var rest []string
	for _, l := range longer {
		if len(words)*len(l) > maxDiffCells {
			continue
		}
		matched, end := subsequence(words, l)
		if float64(matched) >= continuedShare*float64(len(words)) && len(l)-end > len(rest) {
			rest = l[end:]
		}
	}
	if len(rest) < minContinued {
		return "", false
	}
	sents := a.Sentences
	at := sort.Search(len(sents), func(i int) bool { return sents[i].End >= q.Span.End })
	if at == len(sents) || sents[at].Start > q.Span.End {
		return "", false
	}
	text := strings.TrimSpace(q.Text)
	taken := 0
	for k := at + 1; k < len(sents) && k <= at+maxContinued && len(rest) > 0; k++ {
		s := sents[k]
		if s.Start < 0 || s.End > len(a.Text) || s.Start >= s.End {
			break
		}
		sentence := strings.TrimSpace(a.Text[s.Start:s.End])
		sw := Words(sentence)
		if len(sw)*len(rest) > maxDiffCells {
			break
		}
		matched, end := subsequence(sw, rest)
		if matched < minContinued || float64(matched) < continuedShare*float64(len(sw)) {
			break
		}
		text = closeSentence(text) + " " + sentence
		rest = rest[end:]
		taken++
	}
	return text, taken > 0
}

// subsequence matches words, in order, against the start of in, greedily:
// each word is taken at its first place after the word before it, and a
// word not found is passed over. It returns how many words were found and
// the place in in after the last one.
func subsequence(words, in []string) (matched, end int) {
	for _, w := range words {
		for k := end; k < len(in); k++ {
			if in[k] == w {
				matched, end = matched+1, k+1
				break
			}
		}
	}
	return matched, end
}

// closeSentence ends text with a full stop unless it ends a sentence
// already: unmarked speech before its cue ends with the comma before
// "said", which the finder leaves out.
func closeSentence(text string) string {
	text = strings.TrimRight(text, ",;: ")
	if strings.HasSuffix(text, ".") || strings.HasSuffix(text, "!") || strings.HasSuffix(text, "?") || strings.HasSuffix(text, "…") {
		return text
	}
	return text + "."
}

// QuotationOf returns the index in a.Quotes of the quotation a quote
// group's variant text gives, or -1: the quotation of that text, or the
// unmarked quote it continues (see continueUnmarked), whose text the
// variant's opens with. Code that places a variant in its article looks
// it up here rather than by its text alone.
func QuotationOf(a *storyfold.Article, text string) int {
	for i := range a.Quotes {
		if a.Quotes[i].Text == text {
			return i
		}
	}
	for i := range a.Quotes {
		q := &a.Quotes[i]
		if q.Kind == storyfold.QuoteUnmarked && len(text) > len(q.Text) && strings.HasPrefix(text, closeSentence(q.Text)+" ") {
			return i
		}
	}
	return -1
}
