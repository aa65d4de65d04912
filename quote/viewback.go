package quote

import (
	_ "embed"
	"slices"
	"sort"
	"strings"

	"github.com/storyfold/storyfold"
)

var (
	//go:embed data/view-nouns.txt
	viewNounsData string
	//go:embed data/view-verbs.txt
	viewVerbsData string

	// viewNouns and viewVerbs make a sentence "That's the optimistic
	// view mouthed by Michael Reed" the source of the sentence before it.
	viewNouns = listSet(viewNounsData)
	viewVerbs = listSet(viewVerbsData)
)

// maxViewAdjectives is the most words between "the" and the noun of
// viewNouns: "the optimistic view".
const maxViewAdjectives = 2

// viewSource returns the person a sentence that opens "That's the
// [adjectives] NOUN VERB by NAME" names, when NOUN is in viewNouns and
// VERB in viewVerbs ("That’s the optimistic view mouthed by Michael Reed,
// the CEO of ..."), or "": the sentence says whose words the sentence
// before it gave, as "That's according to X." does for a sentence with
// no marks.
func (f *Finder) viewSource(text string, sent storyfold.Span) (string, string) {
	s := text[sent.Start:sent.End]
	rest := ""
	for _, p := range [...]string{"That’s the ", "That's the ", "That is the ", "This is the "} {
		if r, ok := strings.CutPrefix(s, p); ok {
			rest = r
			break
		}
	}
	if rest == "" {
		return "", ""
	}
	words := strings.Fields(rest)
	for i := 0; i < len(words)-2 && i <= maxViewAdjectives; i++ {
		if !viewNouns[words[i]] {
			continue
		}
		if !viewVerbs[words[i+1]] || words[i+2] != "by" {
			return "", ""
		}
		at := sent.Start + strings.Index(s, " "+words[i+1]+" by ") + len(" "+words[i+1]+" by ")
		for _, n := range f.namesIn(at, sent.End) {
			if n.start == at {
				return f.full(n.name, len(f.names)), words[i+1]
			}
		}
		return "", ""
	}
	return "", ""
}

// viewBack gives the quotes without a speaker in the sentence before
// sent, which a sentence of viewSource attributes, to the person it
// names, and adds the sentence before as their reported statement when
// no statement of it was found; out[first:] are sent's quotes, and the
// index of the last quotation-marked quote is kept pointing at it.
func (f *Finder) viewBack(text string, si int, out []storyfold.Quotation, first int, lastMarked *int) []storyfold.Quotation {
	if si == 0 {
		return out
	}
	name, cue := f.viewSource(text, f.sentences[si])
	if name == "" {
		return out
	}
	prev := f.sentences[si-1]
	at := sort.Search(first, func(i int) bool { return out[i].Span.Start >= prev.Start })
	for i := at; i < first; i++ {
		if out[i].Kind == storyfold.QuoteReported {
			return out // a statement of its own
		}
	}
	for i := at; i < first; i++ {
		if out[i].Speaker == "" {
			out[i].Speaker = name
		}
	}
	span := storyfold.Span{Start: prev.Start, End: prev.End}
	for span.End > span.Start && text[span.End-1] == ' ' {
		span.End--
	}
	q := storyfold.Quotation{Text: text[span.Start:span.End], Span: span, Speaker: name, Cue: cue, Kind: storyfold.QuoteReported}
	out = slices.Insert(out, at, q)
	if *lastMarked >= at {
		*lastMarked++
	}
	f.index.addSpeaker(name)
	return out
}
