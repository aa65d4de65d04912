package compare

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/quantity"
	"github.com/storyfold/storyfold/quote"
)

// Conflict kinds.
const (
	NumberConflict      = "number"
	DateConflict        = "date"
	AttributionConflict = "attribution"
	// Entity conflicts take the entity's type: place, person, org.
)

// Figures within these shares of each other are one figure: outlets round,
// and a hedge ("nearly", "about") moves a figure a little.
const (
	exactTolerance  = 0.05
	hedgedTolerance = 0.15
	// personSlot is the similarity two sentences need for a different
	// person in them to be a conflict.
	personSlot = 0.7
	// minStatementWords is the shortest quote an attribution conflict is
	// found for: a phrase ("not that simple") is too common to pin on one
	// speaker.
	minStatementWords = 5
)

// side is one value a conflict's claims give.
type side struct {
	value  string
	claims []storyfold.Claim
	fams   map[int]bool
}

// conflicts finds, within each fact of several articles, the figures,
// entities and dates the articles give differently, and across the story's
// quote groups the same statement given to different speakers.
func conflicts(facts []*factGroup, units []unit, members []*storyfold.Article, fams familySet, quotes []storyfold.Quote) []storyfold.Conflict {
	out := []storyfold.Conflict{}
	for _, f := range facts {
		if len(f.members) < 2 {
			continue
		}
		if c, ok := numberConflict(f, units, members, fams); ok {
			out = append(out, c)
		}
		for _, typ := range []string{"place", "person", "org"} {
			if c, ok := entityConflict(typ, f, units, members, fams); ok {
				out = append(out, c)
			}
		}
		if c, ok := dateConflict(f, units, members, fams); ok {
			out = append(out, c)
		}
	}
	return append(out, attributionConflicts(quotes, members, fams)...)
}

// claim is one unit's side of a conflict.
func claim(units []unit, members []*storyfold.Article, u int, value string) storyfold.Claim {
	a := members[units[u].article]
	s := units[u].span
	return storyfold.Claim{Article: a.ID, Text: a.Text[s.Start:s.End], Value: value, Sentence: s}
}

// finish writes a conflict from its sides, with the value most independent
// sources support.
func finish(kind, what string, sides []*side, members []*storyfold.Article) storyfold.Conflict {
	sort.SliceStable(sides, func(i, j int) bool { return len(sides[i].fams) > len(sides[j].fams) })
	c := storyfold.Conflict{Kind: kind, Claims: []storyfold.Claim{}}
	if len(sides[0].fams) > len(sides[1].fams) {
		c.Majority = sides[0].value
	}
	var parts []string
	for _, s := range sides {
		c.Claims = append(c.Claims, s.claims...)
		var who []string
		for _, cl := range s.claims {
			who = append(who, outlet(members, cl.Article))
		}
		parts = append(parts, fmt.Sprintf("%s (%s; %s)", s.value, strings.Join(who, ", "), plural(len(s.fams), "independent source")))
	}
	c.Description = fmt.Sprintf("%s: %s", what, strings.Join(parts, " vs "))
	return c
}

func outlet(members []*storyfold.Article, id string) string {
	for _, a := range members {
		if a.ID == id && a.Source != "" {
			return a.Source
		}
	}
	return id
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// numberConflict compares, kind by kind, the figure each member gives when
// it gives exactly one of that kind: two members' figures conflict when
// they are further apart than rounding and their hedges allow.
func numberConflict(f *factGroup, units []unit, members []*storyfold.Article, fams familySet) (storyfold.Conflict, bool) {
	kinds := map[string][]int{} // kind/unit -> members giving one such figure
	for _, u := range f.members {
		count := map[string]int{}
		for _, q := range units[u].quantities {
			count[q.Kind+"/"+q.Unit]++
		}
		for k, n := range count {
			if n == 1 {
				kinds[k] = append(kinds[k], u)
			}
		}
	}
	keys := make([]string, 0, len(kinds))
	for k := range kinds {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		us := kinds[k]
		if len(us) < 2 {
			continue
		}
		figure := func(u int) storyfold.Quantity {
			for _, q := range units[u].quantities {
				if q.Kind+"/"+q.Unit == k {
					return q
				}
			}
			return storyfold.Quantity{}
		}
		var sides []*side
		var values []storyfold.Quantity
		for _, u := range us {
			q := figure(u)
			i := slices.IndexFunc(values, func(v storyfold.Quantity) bool { return sameFigure(v, q) })
			if i < 0 {
				values = append(values, q)
				sides = append(sides, &side{value: quantity.Format(q.Kind, q.Value, q.Unit), fams: map[int]bool{}})
				i = len(sides) - 1
			}
			sides[i].claims = append(sides[i].claims, claim(units, members, u, q.Text))
			sides[i].fams[fams.of[units[u].article]] = true
		}
		if len(sides) >= 2 {
			return finish(NumberConflict, "The sources give different figures", sides, members), true
		}
	}
	return storyfold.Conflict{}, false
}

// sameFigure reports whether two figures are one, given rounding, hedges
// and ranges.
func sameFigure(a, b storyfold.Quantity) bool {
	if a.Max != 0 && b.Value >= a.Value && b.Value <= a.Max || b.Max != 0 && a.Value >= b.Value && a.Value <= b.Max {
		return true
	}
	tol := exactTolerance
	if a.Approx || b.Approx {
		tol = hedgedTolerance
	}
	return math.Abs(a.Value-b.Value) <= tol*math.Max(math.Abs(a.Value), math.Abs(b.Value))
}

// entityConflict finds an entity of one type that members give in the same
// slot of the claim: "between Washington and Moscow" against "between
// Pyongyang and Washington". A slot is the words around the entity; two
// entities stand in one slot when their surroundings share words. Spelling
// variants are one story entity already and never conflict.
func entityConflict(typ string, f *factGroup, units []unit, members []*storyfold.Article, fams familySet) (storyfold.Conflict, bool) {
	canon := f.canon
	// A capital written for its country is the country: "Washington" and
	// "the United States" are one side.
	key := func(name string) string {
		if typ == "place" {
			return nlp.CountryOf(name)
		}
		return name
	}
	names := func(u int) map[string]bool {
		m := map[string]bool{}
		for _, e := range units[u].entities {
			if e.typ == typ {
				m[e.name] = true
			}
		}
		return m
	}
	base := names(canon)
	sides := []*side{}
	baseSide := &side{fams: map[int]bool{}}
	for _, u := range f.members {
		if u == canon {
			continue
		}
		// Different people often say much the same thing: a person in
		// another's place is a conflict only between near-identical
		// sentences.
		if typ == "person" && similarity(&units[canon], &units[u]) < personSlot {
			continue
		}
		other := names(u)
		for x := range base {
			if other[x] {
				continue
			}
			for y := range other {
				if base[y] || key(x) == key(y) || shareWord(x, y) || variantSpelling(x, y) || !sameSlot(units, members, canon, x, u, y) {
					continue // "Wyoming Senate" and "U.S. Senate" may be one body, named two ways
				}
				if baseSide.value == "" {
					baseSide.value = x
					baseSide.claims = append(baseSide.claims, claim(units, members, canon, x))
					baseSide.fams[fams.of[units[canon].article]] = true
				} else if baseSide.value != x {
					continue
				}
				i := slices.IndexFunc(sides, func(s *side) bool { return s.value == y })
				if i < 0 {
					sides = append(sides, &side{value: y, fams: map[int]bool{}})
					i = len(sides) - 1
				}
				sides[i].claims = append(sides[i].claims, claim(units, members, u, y))
				sides[i].fams[fams.of[units[u].article]] = true
			}
		}
	}
	if len(sides) == 0 {
		return storyfold.Conflict{}, false
	}
	// Members that give the canonical entity side with it.
	for _, u := range f.members {
		if u != canon && names(u)[baseSide.value] {
			baseSide.claims = append(baseSide.claims, claim(units, members, u, baseSide.value))
			baseSide.fams[fams.of[units[u].article]] = true
		}
	}
	return finish(typ, fmt.Sprintf("The sources name a different %s in the same claim", typ), append([]*side{baseSide}, sides...), members), true
}

// slotWords are too common to tie two entities to one slot.
var slotWords = map[string]bool{"the": true, "a": true, "an": true, "and": true, "of": true, "to": true, "in": true, "on": true,
	"at": true, "for": true, "with": true, "by": true, "s": true}

// sameSlot reports whether entity x in unit a and entity y in unit b stand
// among the same words: at least three shared words within four words of
// each, one of them within two. Two sentences of one claim often name
// different things in different places ("a visit to Kyiv" and "US Treasury
// Secretary Bessent"); only a shared setting marks one slot.
func sameSlot(units []unit, members []*storyfold.Article, a int, x string, b int, y string) bool {
	aa, ab := members[units[a].article], members[units[b].article]
	return sharedWords(around(aa, units[a].span, x, 4), around(ab, units[b].span, y, 4)) >= 3 &&
		sharedWords(around(aa, units[a].span, x, 2), around(ab, units[b].span, y, 2)) >= 1
}

func sharedWords(a, b map[string]bool) int {
	n := 0
	for w := range a {
		if b[w] && !slotWords[w] {
			n++
		}
	}
	return n
}

// around returns the lower-case words within reach words of the entity's
// mention in a sentence.
func around(a *storyfold.Article, s storyfold.Span, name string, reach int) map[string]bool {
	var mention storyfold.Span
	for _, e := range a.Entities {
		if !strings.EqualFold(e.Name, name) && !slices.ContainsFunc(e.Aliases, func(a string) bool { return strings.EqualFold(a, name) }) {
			continue
		}
		for _, m := range e.Mentions {
			if m.Start >= s.Start && m.End <= s.End {
				mention = m
			}
		}
	}
	out := map[string]bool{}
	if mention.End == 0 {
		return out
	}
	text := a.Text[s.Start:s.End]
	toks := nlp.Tokenize(nil, text)
	at := -1
	for i, t := range toks {
		if s.Start+int(t.Start) >= mention.Start {
			at = i
			break
		}
	}
	if at < 0 {
		return out
	}
	end := at
	for end < len(toks) && s.Start+int(toks[end].End) <= mention.End {
		end++
	}
	words := 0
	for i := at - 1; i >= 0 && words < reach; i-- {
		if toks[i].Kind == nlp.Word {
			out[string(nlp.Lower(nil, toks[i].Text(text)))] = true
			words++
		}
	}
	words = 0
	for i := end; i < len(toks) && words < reach; i++ {
		if toks[i].Kind == nlp.Word {
			out[string(nlp.Lower(nil, toks[i].Text(text)))] = true
			words++
		}
	}
	return out
}

// dateConflict compares the day each member gives, when it gives one
// written out: a weekday or "today" is read against the article's date, and
// a rewrite published days later keeps the original's "on Tuesday".
func dateConflict(f *factGroup, units []unit, members []*storyfold.Article, fams familySet) (storyfold.Conflict, bool) {
	var sides []*side
	for _, u := range f.members {
		var days []storyfold.DateMention
		for _, d := range units[u].dates {
			if d.Granularity == "day" && !d.Relative {
				days = append(days, d)
			}
		}
		if len(days) != 1 {
			continue
		}
		v := days[0].Date.Format("2 January 2006")
		i := slices.IndexFunc(sides, func(s *side) bool { return s.value == v })
		if i < 0 {
			sides = append(sides, &side{value: v, fams: map[int]bool{}})
			i = len(sides) - 1
		}
		sides[i].claims = append(sides[i].claims, claim(units, members, u, days[0].Text))
		sides[i].fams[fams.of[units[u].article]] = true
	}
	if len(sides) < 2 {
		return storyfold.Conflict{}, false
	}
	return finish(DateConflict, "The sources give different dates", sides, members), true
}

// attributionConflicts finds one statement given to different speakers:
// two quote groups of the same words whose speakers differ.
func attributionConflicts(quotes []storyfold.Quote, members []*storyfold.Article, fams familySet) []storyfold.Conflict {
	index := map[string]int{}
	for i, a := range members {
		index[a.ID] = i
	}
	var out []storyfold.Conflict
	texts := make([]string, len(quotes))
	for i, q := range quotes {
		texts[i] = q.Text
	}
	quote.SameStatements(texts, func(i, j int) {
		a, b := &quotes[i], &quotes[j]
		if a.Speaker == "" || b.Speaker == "" || shareWord(a.Speaker, b.Speaker) || overlap(a.Articles, b.Articles) {
			return // one person named two ways ("Mike", "Michael"), or an article quoting two people alike
		}
		if !sameWords(a.Text, b.Text) {
			return // quotes that only share some words may be two statements
		}
		if !named(a, members, index) || !named(b, members, index) {
			return // a speaker read off "he" or the paragraphs before may be a slip of ours, not of the source
		}
		var sides []*side
		for _, q := range []*storyfold.Quote{a, b} {
			s := &side{value: q.Speaker, fams: map[int]bool{}}
			for _, v := range q.Variants {
				s.claims = append(s.claims, storyfold.Claim{Article: v.Article, Text: v.Text, Value: q.Speaker})
				s.fams[fams.of[index[v.Article]]] = true
			}
			sides = append(sides, s)
		}
		out = append(out, finish(AttributionConflict, "The sources give the same words to different speakers", sides, members))
	})
	return out
}

func overlap(a, b []string) bool {
	return slices.ContainsFunc(a, func(x string) bool { return slices.Contains(b, x) })
}

// named reports whether some article of a quote group gives the words as
// a statement (five words or more, not a phrase) and names the speaker in
// the sentence that quotes them, so the attribution is the article's own,
// not one read off "he" or the paragraphs before.
func named(q *storyfold.Quote, members []*storyfold.Article, index map[string]int) bool {
	surname := q.Speaker
	if i := strings.LastIndexByte(surname, ' '); i >= 0 {
		surname = surname[i+1:]
	}
	if len(strings.Fields(q.Text)) < minStatementWords {
		return false
	}
	for _, v := range q.Variants {
		i, ok := index[v.Article]
		if !ok {
			continue
		}
		a := members[i]
		for _, quoted := range a.Quotes {
			if quoted.Text != v.Text {
				continue
			}
			from, to := quoted.Span.Start, quoted.Span.End
			for _, s := range a.Sentences {
				if s.Start <= quoted.Span.Start && quoted.Span.Start < s.End {
					from = s.Start
				}
				if s.Start < quoted.Span.End && quoted.Span.End <= s.End {
					to = s.End
				}
			}
			if strings.Contains(a.Text[from:quoted.Span.Start], surname) || strings.Contains(a.Text[quoted.Span.End:to], surname) {
				return true
			}
		}
	}
	return false
}

// shareWord reports whether two names have a word in common, dots and
// accents aside ("F.B.I." and "FBI", "Raúl Labrador" and "Raul Labrador").
func shareWord(a, b string) bool {
	for _, w := range strings.Fields(plainName(a)) {
		for _, x := range strings.Fields(plainName(b)) {
			if w == x {
				return true
			}
		}
	}
	return false
}

// variantSpelling reports whether two names are spellings of one
// ("Muammar" and "Moammar", "I.R.S." and "IRS").
func variantSpelling(a, b string) bool {
	pa, pb := []rune(plainName(a)), []rune(plainName(b))
	limit := max(1, min(len(pa), len(pb))/4)
	return nlp.EditDistance(pa, pb, limit) <= limit
}

// plainName lower-cases a name and drops its dots and accents.
func plainName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case '.':
			continue
		case 'á', 'à', 'â', 'ä', 'ã':
			r = 'a'
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'í', 'ì', 'î', 'ï':
			r = 'i'
		case 'ó', 'ò', 'ô', 'ö', 'õ':
			r = 'o'
		case 'ú', 'ù', 'û', 'ü':
			r = 'u'
		case 'ñ':
			r = 'n'
		case 'ç':
			r = 'c'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sameWords is a stricter test than quote.SameStatement, for pinning two
// speakers on one statement: one quote is an excerpt of the other, or
// they share 80% of the content words of the shorter, of six or more.
func sameWords(a, b string) bool {
	wa, wb := quote.Words(a), quote.Words(b)
	ja, jb := quote.Spaced(wa), quote.Spaced(wb)
	if len(wa) >= minStatementWords && len(wb) >= minStatementWords && (strings.Contains(ja, jb) || strings.Contains(jb, ja)) {
		return true
	}
	ca, cb := quote.ContentWords(wa), quote.ContentWords(wb)
	if len(ca) > len(cb) {
		ca, cb = cb, ca
	}
	if len(ca) < 6 {
		return false
	}
	shared := 0
	for w := range ca {
		if cb[w] {
			shared++
		}
	}
	return float64(shared) >= 0.8*float64(len(ca))
}
