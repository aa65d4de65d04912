package compare

import (
	_ "embed"
	"slices"
	"strings"
	"unicode"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

//go:embed conflict_leads.txt
var leadData string

// placeLeads are the prepositions placeLead reads (conflict_leads.txt).
var placeLeads = map[string]bool{}

func init() {
	for _, l := range dataLines(leadData) {
		placeLeads[l] = true
	}
}

// lonePlaces reports whether two close sentences each name one place the
// other does not, a place within another written as one ("Columbus,
// Ohio"): the place of the claim they share, though its words around
// differ ("the annual convention in Paris of the N.A.A.C.P.", "delegates
// at the annual convention ... approved the measure Tuesday in Kansas
// City"). Only pairs whose words are as close as one claim's are read
// so: looser pairs of one story name different places for different
// parts of it (Kyiv, the United States).
func (cx *conflictContext) lonePlaces(a int, na []string, b int, nb []string) bool {
	if cx.pair.words < lonePlacePair {
		return false
	}
	oa, ob := outermost(only(na, nb), cx.placeWritten(a)), outermost(only(nb, na), cx.placeWritten(b))
	return len(oa) == 1 && len(ob) == 1 && cx.placeItself(a, oa[0]) && cx.placeItself(b, ob[0])
}

// placeItself reports whether a unit names a place as a place at one of
// its mentions, not as a modifier of the name or title after it ("US
// Treasury Secretary Scott Bessent", "Wisconsin Republican Party Chairman")
// or as a possessive ("Ukraine's voice"): those say whose something is,
// not where a claim took place.
func (cx *conflictContext) placeItself(u int, place string) bool {
	x := &cx.units[u]
	text := cx.members[x.article].Text
	for _, m := range cx.mentionsIn(x.article, place, x.span) {
		rest := text[m.End:x.span.End]
		if strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
			continue
		}
		next := strings.Fields(rest)
		if len(next) == 0 || !startsUpper(next[0]) || strings.ContainsAny(rest[:1], ",;:.") {
			return true
		}
	}
	return false
}

// lonePlacePair is the word similarity at which two sentences that each
// name one place the other does not name it for one claim.
const lonePlacePair = 0.45

// placeWritten returns the places a unit writes as lying within the
// place named right after them: the "Columbus" of "Columbus, Ohio".
func (cx *conflictContext) placeWritten(u int) map[string]bool {
	x := &cx.units[u]
	a := cx.members[x.article]
	var spans []storyfold.Span
	var names []string
	for _, e := range a.Entities {
		if e.Type != storyfold.EntityPlace {
			continue
		}
		for _, m := range e.Mentions {
			if m.Start >= x.span.Start && m.End <= x.span.End {
				spans = append(spans, m)
				names = append(names, e.Name)
			}
		}
	}
	out := map[string]bool{}
	for i, m := range spans {
		rest := strings.TrimLeft(strings.TrimPrefix(a.Text[m.End:x.span.End], ","), " ")
		if len(rest) == len(a.Text[m.End:x.span.End]) {
			continue // no comma after the name
		}
		at := x.span.End - len(rest)
		for j, n := range spans {
			if j == i || n.Start != at {
				continue
			}
			// The story's spelling of the inner place, as the unit names it.
			for _, e := range x.entities {
				if e.typ == storyfold.EntityPlace && (strings.EqualFold(e.name, names[i]) || shareWord(e.name, names[i])) {
					out[e.name] = true
				}
			}
		}
	}
	return out
}

// where is the place a unit puts a person on a day: "during a campaign
// stop in Florida on Saturday that Mr. Santorum described", "in a speech
// ... on Saturday in Columbus, Ohio, Santorum had dismissed". places is
// the place after "in" or "at" and any it is written within ("Columbus,
// Ohio").
type where struct {
	key    string // person|day
	places []string
}

// wheres returns the places a unit puts its people on its days: a place
// after "in" or "at", a person of the story (by last name) and a day
// outside quotes, all within eventReach words of the day. One person is
// in one place on one day: two outlets that put them in two places, one
// not within the other, disagree on where.
func (cx *conflictContext) wheres(u int) []where {
	x := &cx.units[u]
	a := cx.members[x.article]
	var out []where
	var inner map[string]bool // see placeWritten, read once a day has a place by it
	for _, d := range x.dates {
		if d.Granularity != storyfold.GranularityDay || !d.Date.Known() || quoted(a, d.Span.Start) {
			continue
		}
		near := aroundSpan(a, x.span, d.Span, eventReach)
		var places []string
		for _, e := range x.entities {
			if e.typ != storyfold.EntityPlace {
				continue
			}
			for _, m := range cx.mentionsIn(x.article, e.name, x.span) {
				before := strings.ToLower(a.Text[max(x.span.Start, m.Start-4):m.Start])
				if !strings.HasSuffix(before, " in ") && !strings.HasSuffix(before, " at ") {
					continue
				}
				if inner == nil {
					inner = cx.placeWritten(u)
				}
				if nameNear(a.Text[m.Start:m.End], near) || inner[e.name] {
					places = append(places, e.name)
					break
				}
			}
		}
		if len(places) == 0 {
			continue
		}
		// The place a place is written within is the same where:
		// "Columbus, Ohio".
		for _, e := range x.entities {
			if e.typ == storyfold.EntityPlace && !slices.Contains(places, e.name) && slices.ContainsFunc(places, func(p string) bool { return inner[p] }) && nameNear(e.name, near) {
				places = append(places, e.name)
			}
		}
		day := d.Date.Format("2006-01-02")
		for _, e := range x.entities {
			if e.typ == storyfold.EntityPerson && near[strings.ToLower(lastName(e.name))] {
				out = append(out, where{key: e.name + "|" + day, places: places})
			}
		}
	}
	return out
}

// whereDiffers reports whether two units put one person on one day in
// two places, none of one's within one of the other's.
func (cx *conflictContext) whereDiffers(a, b int) (conflictValue, conflictValue, bool) {
	for _, x := range cx.wheres(a) {
		for _, y := range cx.wheres(b) {
			if x.key != y.key || slices.ContainsFunc(x.places, func(p string) bool {
				return within(y.places, p) || slices.ContainsFunc(y.places, func(q string) bool { return variantSpelling(p, q) })
			}) {
				continue
			}
			va, vb := strings.Join(x.places, ", "), strings.Join(y.places, ", ")
			return conflictValue{side: va, written: va, key: strings.ToLower(va)}, conflictValue{side: vb, written: vb, key: strings.ToLower(vb)}, true
		}
	}
	return conflictValue{}, conflictValue{}, false
}

// sameLead reports whether two units write the same noun and preposition
// right before two places (see placeLead).
func (cx *conflictContext) sameLead(a int, x string, b int, y string) bool {
	la := cx.placeLead(a, x)
	return la != "" && la == cx.placeLead(b, y)
}

// placeLead returns the stem of the noun and the preposition a unit
// writes right before the one mention of a place ("investigators to
// Florida" gives "investig to"), or "" when the word before the place is
// no preposition of placeLeads or the word before that no content word.
// Two sentences the alignment put in one fact, close in words, that send
// the same noun to two places ("has sent his own investigators to
// Florida", "has sent investigators to Hawaii") name them in one slot,
// though few other words around them match. Sentences merely close in
// words are not read so: the rule gave a false conflict on BASIL's
// held-out untouched stories when it read them.
func (cx *conflictContext) placeLead(u int, place string) string {
	x := &cx.units[u]
	text := cx.members[x.article].Text
	ms := cx.mentionsIn(x.article, place, x.span)
	if len(ms) != 1 {
		return ""
	}
	words := strings.Fields(text[x.span.Start:ms[0].Start])
	if len(words) < 2 {
		return ""
	}
	prep, noun := words[len(words)-1], strings.ToLower(words[len(words)-2])
	if !placeLeads[prep] || len(noun) < 3 || nlp.IsStopWord(noun) || strings.ContainsFunc(noun, func(r rune) bool { return !unicode.IsLetter(r) }) {
		return ""
	}
	return cx.stems.Stem([]byte(noun)) + " " + prep
}
