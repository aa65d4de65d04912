package compare

import (
	_ "embed"
	"slices"
	"strings"

	"github.com/storyfold/storyfold"
)

//go:embed conflict_journeys.txt
var journeyData string

// journeyNouns are the nouns of going somewhere (conflict_journeys.txt),
// each true when a place written before it is its destination too
// ("the Asia trip"), false when that place says whose they are ("U.S.
// troops"); journeyLinks tie a journey noun to the place after it
// ("travel to Indiana", "troops out of Syria").
var journeyNouns, journeyLinks = func() (nouns, links map[string]bool) {
	nouns, links = map[string]bool{}, map[string]bool{}
	for _, l := range dataLines(journeyData) {
		if w, ok := strings.CutPrefix(l, "~"); ok {
			links[w] = true
			continue
		}
		w, after := strings.CutPrefix(l, ">")
		nouns[w] = !after
	}
	return nouns, links
}()

// journey is a place a unit gives as where a journey noun goes: key is
// the noun, place the story's name of the place.
type journey struct {
	noun, place string
}

// journeys returns the places a unit ties to a journey noun outside
// quotes: the place right after the noun and a link ("ban state-funded
// travel to Indiana", "pull all 2,000 troops out of Syria") or right
// before it ("the president's Asia trip"). A place tied so is where the
// act goes: two sentences naming one actor and one such noun with two
// places, neither within the other, disagree on where, however little
// else they share ("banning government-funded travel to Paris").
func (cx *conflictContext) journeys(u int) []journey {
	x := &cx.units[u]
	a := cx.members[x.article]
	var out []journey
	for _, e := range x.entities {
		if e.typ != storyfold.EntityPlace {
			continue
		}
		for _, m := range cx.mentionsIn(x.article, e.name, x.span) {
			if quoted(a, m.Start) {
				continue
			}
			noun := ""
			before := strings.Fields(strings.ToLower(a.Text[max(x.span.Start, m.Start-40):m.Start]))
			if n := len(before); n >= 2 && journeyLinks[before[n-1]] && !strings.ContainsAny(before[n-2], ",;:") {
				w := before[n-2]
				if before[n-1] == "of" && w == "out" && n >= 3 {
					w = before[n-3]
				}
				noun = journeyNoun(w)
			}
			if rest := a.Text[m.End:x.span.End]; noun == "" && strings.HasPrefix(rest, " ") {
				if next := strings.Fields(rest); len(next) > 0 {
					if n := journeyNoun(strings.ToLower(strings.TrimRight(next[0], ".,;:"))); journeyNouns[n] {
						noun = n
					}
				}
			}
			if noun != "" && !slices.Contains(out, journey{noun, e.name}) {
				out = append(out, journey{noun, e.name})
			}
		}
	}
	return out
}

// journeyNoun returns the journey noun a word is, in its listed form
// ("trips" is "trip"), or "".
func journeyNoun(w string) string {
	w = strings.Trim(w, ".,;:\"'“”’()")
	if _, ok := journeyNouns[w]; ok {
		return w
	}
	if s := strings.TrimSuffix(w, "s"); s != w {
		if _, ok := journeyNouns[s]; ok {
			return s
		}
	}
	return ""
}

// journeyKeys returns a unit's "actor|noun" keys, sorted: each person or
// organisation it names with each journey noun it ties a place to.
func (cx *conflictContext) journeyKeys(u int) []string {
	js := cx.journeys(u)
	if len(js) == 0 {
		return nil
	}
	var out []string
	for _, e := range cx.actorsOf(u) {
		for _, j := range js {
			out = append(out, e+"|"+j.noun)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// journeyDiffers reports whether two units that name one actor give one
// journey noun two places, each the unit's only place for it, neither
// within the other nor named by the other unit. Articles that each name
// both places know both journeys (troops in Syria and in Afghanistan):
// the places are then of two.
func (cx *conflictContext) journeyDiffers(a, b int) (conflictValue, conflictValue, bool) {
	ja, jb := cx.journeys(a), cx.journeys(b)
	lone := func(js []journey, noun string) bool {
		n := 0
		for _, j := range js {
			if j.noun == noun {
				n++
			}
		}
		return n == 1
	}
	for _, x := range ja {
		for _, y := range jb {
			if x.noun != y.noun || !lone(ja, x.noun) || !lone(jb, y.noun) || !cx.otherPlaces(a, b, x.place, y.place) {
				continue
			}
			return conflictValue{side: x.place, written: x.place, key: strings.ToLower(x.place)}, conflictValue{side: y.place, written: y.place, key: strings.ToLower(y.place)}, true
		}
	}
	return conflictValue{}, conflictValue{}, false
}

// otherPlaces reports whether place pa of unit a and place pb of unit b
// are two places for one slot: not one place, one within the other or
// one spelt two ways, neither named by the other unit (anywhere within
// it), and the two articles not each naming both (they then know two
// acts, troops in Syria and in Afghanistan).
func (cx *conflictContext) otherPlaces(a, b int, pa, pb string) bool {
	names := func(u int, place string) bool {
		return slices.ContainsFunc(cx.units[u].entities, func(e entityRef) bool { return e.typ == storyfold.EntityPlace && sameOrWithin(e.name, place) })
	}
	whole := func(u int) storyfold.Span {
		return storyfold.Span{Start: 0, End: len(cx.members[cx.units[u].article].Text)}
	}
	if pa == pb || sameOrWithin(pa, pb) || variantSpelling(pa, pb) || shareWord(pa, pb) || names(a, pb) || names(b, pa) {
		return false
	}
	return len(cx.mentionsIn(cx.units[a].article, pb, whole(a))) == 0 || len(cx.mentionsIn(cx.units[b].article, pa, whole(b))) == 0
}
