package compare

import (
	_ "embed"
	"slices"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// personIn reports whether a unit names a person by the story's name.
func (cx *conflictContext) personIn(u int, name string) bool {
	for _, e := range cx.units[u].entities {
		if e.name == name && e.typ == storyfold.EntityPerson {
			return true
		}
	}
	return false
}

// notObject reports whether a word after a verb says when rather than
// what was done (conflict_when.txt: "announced Tuesday he'll run"), or
// is a pronoun's contraction ("he'll") or a number.
func notObject(w string) bool {
	return whenWords[w] || strings.ContainsAny(w, "'’0123456789")
}

//go:embed conflict_when.txt
var whenData string

//go:embed conflict_announce.txt
var announceData string

var (
	// whenWords say when an act was done (conflict_when.txt).
	whenWords = dataSet(whenData)
	// announcing are the speech verbs whose act, not only its content,
	// an outlet may deny (conflict_announce.txt).
	announcing = dataSet(announceData)
)

// dataSet returns the entries of an embedded list as a set.
func dataSet(data string) map[string]bool {
	out := map[string]bool{}
	for _, l := range dataLines(data) {
		out[l] = true
	}
	return out
}

// negatedKeys adds to keys the "actor|~stem" keys of what unit u
// denies of its subject outside quotes: each person or organisation it
// names with the stem of each word it negates after a form of "be",
// verb or not ("Clinton was not interviewed", "Colorado's law is not
// unconstitutional", "the companies are not Microsoft, ..."). Any
// negated word, not only those after "be", paired so many sentences
// that the tuning stories got 14 false conflicts for 4 changes found.
func (cx *conflictContext) negatedKeys(u int, keys map[string]bool) map[string]bool {
	neg := cx.negation(u).predicate
	if len(neg) == 0 {
		return keys
	}
	for _, e := range cx.actorsOf(u) {
		for stem := range neg {
			keys[e+"|~"+stem] = true
		}
	}
	return keys
}

// negatedWords adds to a unit's acts the "actor|~stem" keys of a word one
// unit denies of its subject (see negatedKeys): to didNot those of the
// words it denies so, to did those of
// a unit that negates nothing and names the same actor with a word of
// the same stem, in any use ("gave a voluntary interview to the bureau",
// "asked the Supreme Court to declare it unconstitutional"). A sentence
// that negates a word another writes plainly, both naming one actor,
// states the other's claim denied. keys holds every key of the story's
// negated words, so a unit looks up only those.
func (cx *conflictContext) negatedWords(u int, keys map[string]bool, did, didNot []string) ([]string, []string) {
	if len(keys) == 0 {
		return did, didNot
	}
	n := cx.negation(u)
	actors := cx.actorsOf(u)
	if len(actors) == 0 {
		return did, didNot
	}
	if len(n.negated) > 0 {
		for _, e := range actors {
			for stem := range n.predicate {
				didNot = append(didNot, e+"|~"+stem)
			}
		}
		slices.Sort(didNot)
		return did, slices.Compact(didNot)
	}
	if n.any {
		return did, didNot
	}
	added := false
	buf := cx.keyBuf
	for _, stem := range cx.negStems(u) {
		for _, e := range actors {
			buf = append(append(append(buf[:0], e...), "|~"...), stem...)
			if keys[string(buf)] {
				did = append(did, string(buf))
				added = true
			}
		}
	}
	cx.keyBuf = buf
	if added {
		slices.Sort(did)
		did = slices.Compact(did)
	}
	return did, didNot
}

//go:embed conflict_heads.txt
var headData string

// heads are the titles one person holds at a time; headBlockers the words
// that make such a title another role or a past one.
var heads, headBlockers = func() (map[string]bool, map[string]bool) {
	h, b := map[string]bool{}, map[string]bool{}
	for _, l := range dataLines(headData) {
		if w, ok := strings.CutPrefix(l, "-"); ok {
			b[w] = true
		} else {
			h[l] = true
		}
	}
	return h, b
}()

// roleKeys returns the "title|body" keys of the titles a unit gives its
// speakers, sorted (see speakerRole).
func (cx *conflictContext) roleKeys(u int) []string {
	var out []string
	for _, s := range cx.speakersOf(u) {
		out = append(out, cx.speakerRole(u, s)...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// speakerRole returns the "title|body" keys of the title a unit writes
// right before one speaker's name, sorted: a title only one person holds
// at a time (heads) and each other word of it, dots aside
// ("president|ncaa" for both "NCAA President John Smith" and "the
// N.C.A.A. president, Mark Emmert"). The title is the run of capitalised
// words and role words that ends at the name or at a comma right before
// it, so "peace discussions regarding Ukraine after President Trump"
// gives Trump no body. Two outlets that credit the same title of the
// same body to two people disagree on who it was.
func (cx *conflictContext) speakerRole(u int, speaker string) []string {
	x := &cx.units[u]
	a := cx.members[x.article]
	// The speaker's first mention within the unit: the people mentioned
	// in it are in text order, ties in the order of the article's
	// entities.
	var mention storyfold.Span
	for _, pm := range cx.peopleIn(x.article, x.span) {
		e := &a.Entities[pm.entity]
		if pm.span.End <= x.span.End && (strings.EqualFold(e.Name, speaker) || shareWord(e.Name, speaker)) {
			mention = pm.span
			break
		}
	}
	if mention.End == 0 {
		return nil
	}
	before := strings.Fields(a.Text[x.span.Start:mention.Start])
	if n := len(before); n > 0 && strings.HasSuffix(before[n-1], ",") {
		before[n-1] = strings.TrimSuffix(before[n-1], ",")
	}
	var title string
	var words []string
	for k := len(before) - 1; k >= 0 && k >= len(before)-roleWords; k-- {
		w := strings.TrimSuffix(strings.TrimSuffix(before[k], "’s"), "'s")
		lw := strings.ToLower(strings.Trim(w, ".,;:'’"))
		if strings.ContainsAny(w, ",;:“”\"()") || !startsUpper(w) && !heads[lw] && !nlp.IsRoleWord(w) {
			break
		}
		switch {
		case headBlockers[lw]:
			return nil
		case heads[lw]:
			title = lw
		default:
			words = append(words, strings.ReplaceAll(lw, ".", ""))
		}
	}
	if title == "" {
		return nil
	}
	var out []string
	for _, w := range words {
		if len(w) > 1 && !nlp.IsStopWord(w) && !nlp.IsRoleWord(w) {
			out = append(out, title+"|"+w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// roleDiffers reports whether two units give the same title of the same
// body (see speakerRole) to different speakers, neither unit naming the
// other's.
func (cx *conflictContext) roleDiffers(a, b int) (conflictValue, conflictValue, bool) {
	sa, sb := cx.speakersOf(a), cx.speakersOf(b)
	for _, x := range sa {
		for _, y := range sb {
			if x == y || shareWord(x, y) || cx.names(a, []string{y}) || cx.names(b, []string{x}) {
				continue
			}
			if !shareKey(cx.speakerRole(a, x), cx.speakerRole(b, y)) {
				continue
			}
			return conflictValue{side: x, written: x, key: strings.ToLower(x)}, conflictValue{side: y, written: y, key: strings.ToLower(y)}, true
		}
	}
	return conflictValue{}, conflictValue{}, false
}

// deedKeys returns the "actor|verb|object" keys of what a unit that
// gives a day outside quotes tells its actors did (see acts), and the
// "person|@partner" keys of its interviews, sorted. The event keys read
// only verbs within a few words of the day; an act's object ties two
// sentences to one act wherever the verb stands ("announced Tuesday
// he'll run", "who has announced his run for the presidency on
// Sunday").
func (cx *conflictContext) deedKeys(u int) []string {
	x := &cx.units[u]
	a := cx.members[x.article]
	if !slices.ContainsFunc(x.dates, func(d storyfold.DateMention) bool {
		return d.Granularity == storyfold.GranularityDay && d.Date.Known() && !quoted(a, d.Span.Start)
	}) {
		return nil
	}
	did, _ := cx.acts(u)
	// What someone is said to have done ("a report claimed that Trump
	// directed Cohen") and modal acts are not acts the outlet dates.
	var out []string
	for _, k := range did {
		if _, rest, _ := strings.Cut(k, "|"); !strings.Contains(rest, " ") && (cx.reported == nil || !slices.Contains(cx.reported[u], k)) {
			out = append(out, k)
		}
	}
	// A sitting with a named partner ("an interview with Fox News") is
	// one occasion of the people the unit names, wherever the day stands.
	text := a.Text[x.span.Start:x.span.End]
	toks := cx.tokens(u)
	infos := cx.wordsOf(u)
	for i, t := range toks {
		if t.Kind != nlp.Word || !sittings[infos[i].lower] || quoted(a, x.span.Start+int(t.Start)) {
			continue
		}
		rest := strings.TrimLeft(text[t.End:], " ")
		prep, _, _ := strings.Cut(rest, " ")
		if prep != "with" && prep != "to" && prep != "on" {
			continue
		}
		name := listenerAfter(rest, len(prep), x.entities)
		if name == "" {
			continue
		}
		for _, e := range x.entities {
			if e.typ == storyfold.EntityPerson && e.name != name {
				out = append(out, e.name+"|@"+name)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

//go:embed conflict_sittings.txt
var sittingData string

// sittings are the nouns of an occasion a person sits with a named
// partner for (conflict_sittings.txt).
var sittings = dataSet(sittingData)

// ledeReach is how many sentences into its article a lede may stand: a
// caption or a dateline line may come first.
const ledeReach = 2

// ledeKeys returns, for each article's lede, the people it opens with
// as its subject (see leads), and nil for every other unit. An article's
// lede is its first unit within ledeReach sentences that opens its
// sentence with a person as its subject and gives exactly one day
// outside quotes. An article opens on the act its story is about, in its
// own words ("Nancy Pelosi ... was re-elected to her leadership post
// Monday morning", "Nancy Pelosi on Wednesday was appointed to an eighth
// term as House minority leader"): two ledes that share their subject
// date one act, though their verbs share nothing.
func (cx *conflictContext) ledeKeys() [][]string {
	ledes := map[int]int{}
	for i := range cx.units {
		x := &cx.units[i]
		if x.sent >= ledeReach || !x.opens || x.formula || x.listed || len(x.leads) == 0 || len(cx.outletDays(i)) != 1 {
			continue
		}
		if l, ok := ledes[x.article]; !ok || cx.units[l].sent > x.sent {
			ledes[x.article] = i
		}
	}
	if len(ledes) < 2 {
		return nil
	}
	keys := make([][]string, len(cx.units))
	for _, u := range ledes {
		keys[u] = slices.Sorted(slices.Values(cx.units[u].leads))
	}
	return keys
}

// outletDays returns the days a unit gives outside quotes.
func (cx *conflictContext) outletDays(u int) []storyfold.DateMention {
	x := &cx.units[u]
	a := cx.members[x.article]
	var out []storyfold.DateMention
	for _, d := range x.dates {
		if d.Granularity == storyfold.GranularityDay && d.Date.Known() && !quoted(a, d.Span.Start) {
			out = append(out, d)
		}
	}
	return out
}

// knownBy reports whether both articles of units a and b were published
// on or after both days x and y, so each could have told the other's: an
// article of Monday that dates an act Monday and one of Wednesday that
// dates it Wednesday may tell two acts.
func (cx *conflictContext) knownBy(a, b int, x, y storyfold.DateMention) bool {
	pa, pb := cx.members[cx.units[a].article].Date, cx.members[cx.units[b].article].Date
	if !pa.Known() || !pb.Known() {
		return false
	}
	last := x.Date.Time
	if y.Date.After(last) {
		last = y.Date.Time
	}
	return !pa.Before(last) && !pb.Before(last)
}
