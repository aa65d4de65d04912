package compare

import (
	_ "embed"
	"slices"
	"strings"

	"github.com/storyfold/storyfold"
)

//go:embed conflict_compounds.txt
var compoundData string

// compoundNouns are the nouns a pair of places joined by a hyphen may
// qualify ("U.S.-Israel relations", conflict_compounds.txt).
var compoundNouns = dataSet(compoundData)

// coordinated is the noun of a pair of places joined by "and": the pair
// is one party to the claim, whatever noun or verb follows.
const coordinated = "and"

// compound is one pair of places a unit joins by a hyphen before a noun
// of compoundNouns: "U.S.-Israel relations" gives {"United States",
// "Israel", "relations"}.
type compound struct {
	first, second, noun string
}

// compounds returns the pairs of places a unit joins by a hyphen before
// a noun of compoundNouns, or by "and" as one party (their noun then
// coordinated), outside quotes.
func (cx *conflictContext) compounds(u int) []compound {
	x := &cx.units[u]
	a := cx.members[x.article]
	type mention struct {
		name string
		span storyfold.Span
	}
	var places []mention
	for _, e := range x.entities {
		if e.typ != storyfold.EntityPlace {
			continue
		}
		for _, m := range cx.mentionsIn(x.article, e.name, x.span) {
			places = append(places, mention{e.name, m})
		}
	}
	if len(places) < 2 {
		return nil
	}
	slices.SortFunc(places, func(p, q mention) int { return p.span.Start - q.span.Start })
	var out []compound
	for i := 0; i+1 < len(places); i++ {
		p, q := places[i], places[i+1]
		if p.name == q.name || quoted(a, p.span.Start) {
			continue
		}
		if a.Text[p.span.End:q.span.Start] == " and " {
			// Two places joined by "and" as one party ("Nebraska and
			// Oklahoma asked the U.S. Supreme Court"), not the last two
			// of a longer list ("Iowa, New Hampshire and Nevada").
			if strings.HasSuffix(strings.TrimRight(a.Text[x.span.Start:p.span.Start], " "), ",") {
				continue
			}
			out = append(out, compound{p.name, q.name, coordinated})
			continue
		}
		if sep := a.Text[p.span.End:q.span.Start]; sep != "-" && sep != "–" {
			continue
		}
		rest := strings.Fields(a.Text[q.span.End:x.span.End])
		if len(rest) == 0 || !strings.HasPrefix(a.Text[q.span.End:], " ") {
			continue
		}
		noun := strings.ToLower(strings.Trim(rest[0], ".,;:\"'“”’()"))
		if compoundNouns[noun] {
			out = append(out, compound{p.name, q.name, noun})
		}
	}
	return out
}

// compoundKeys returns the "actor|place|noun" keys of a unit's pairs of
// places (see compounds), sorted: each place of a pair with the noun
// and each person or organisation the unit names.
func (cx *conflictContext) compoundKeys(u int) []string {
	cs := cx.compounds(u)
	if len(cs) == 0 {
		return nil
	}
	var out []string
	for _, e := range cx.actorsOf(u) {
		for _, c := range cs {
			out = append(out, e+"|"+c.first+"|"+c.noun, e+"|"+c.second+"|"+c.noun)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// compoundDiffers reports whether two units join one place to two
// different others before one noun ("destructive to U.S.-Israel
// relations", "a destructive force in France-Israel relations") or by
// "and" ("after Nebraska and Oklahoma asked the U.S. Supreme Court",
// "The states of Kansas and Oklahoma filed a federal lawsuit"), each
// naming no place of the other's pair, neither place within the other,
// and the two articles not each naming both: the relations of Israel
// with two countries are two claims.
func (cx *conflictContext) compoundDiffers(a, b int) (conflictValue, conflictValue, bool) {
	ca, cb := cx.compounds(a), cx.compounds(b)
	for _, x := range ca {
		for _, y := range cb {
			if x.noun != y.noun {
				continue
			}
			var px, py string
			switch {
			case x.first == y.first || x.first == y.second:
				px, py = x.second, y.second
				if x.first == y.second {
					py = y.first
				}
			case x.second == y.first || x.second == y.second:
				px, py = x.first, y.first
				if x.second == y.first {
					py = y.second
				}
			default:
				continue
			}
			if !cx.otherPlaces(a, b, px, py) {
				continue
			}
			return conflictValue{side: px, written: px, key: strings.ToLower(px)}, conflictValue{side: py, written: py, key: strings.ToLower(py)}, true
		}
	}
	return conflictValue{}, conflictValue{}, false
}
