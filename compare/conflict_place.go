package compare

import (
	"strings"

	"github.com/storyfold/storyfold"
)

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
