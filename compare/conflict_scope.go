package compare

import (
	_ "embed"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

//go:embed conflict_subordinate.txt
var subordinateData string

//go:embed conflict_tied.txt
var tiedData string

// tiedTo are the words before "to" that tie a person to another or cite
// them, not address an act to them (conflict_tied.txt).
var tiedTo = dataSet(tiedData)

// subordinators open a clause that dates another event than its
// sentence's act (conflict_subordinate.txt).
var subordinators = dataSet(subordinateData)

//go:embed conflict_particles.txt
var particleData string

// particles are the verbs (lemmas) with a subordinator as their
// particle, "verb word" a line (conflict_particles.txt): "went after
// Huma Abedin on Sunday" tells the sentence's act, not another event.
var particles = dataSet(particleData)

//go:embed conflict_planned.txt
var plannedData string

// planners make what a day dates a plan (conflict_planned.txt).
var planners = dataSet(plannedData)

// plannedDay reports whether a day a unit gives dates a plan ("is
// expected to disclose ... on Monday evening"): a word of planners
// before it in its clause. A plan's day and the day of an act done are
// of two events.
func (cx *conflictContext) plannedDay(u int, d storyfold.DateMention) bool {
	return cx.clauseHas(u, d, planners)
}

// subordinateDay reports whether a day a unit gives stands in a clause
// that a subordinator opens ("after the summary was released Sunday"),
// with no comma, semicolon, colon or dash between: the day dates that
// clause's event, not the act the sentence tells, and another outlet's
// day for the act is no contradiction of it.
func (cx *conflictContext) subordinateDay(u int, d storyfold.DateMention) bool {
	return cx.clauseHas(u, d, subordinators)
}

// clauseHas reports whether a word of words stands before a day a unit
// gives, in the day's clause: with no comma, semicolon, colon, dash or
// parenthesis between.
func (cx *conflictContext) clauseHas(u int, d storyfold.DateMention, words map[string]bool) bool {
	x := &cx.units[u]
	text := cx.members[x.article].Text[x.span.Start:x.span.End]
	at := d.Span.Start - x.span.Start
	var buf [16]byte
	sub := false
	toks := cx.tokens(u)
	for i, t := range toks {
		if int(t.Start) >= at {
			break
		}
		w := t.Text(text)
		if t.Kind != nlp.Word {
			switch w {
			case ",", ";", ":", "—", "–", "―", "(", ")":
				sub = false
			}
			continue
		}
		if len(w) > len(buf) {
			continue
		}
		if lw := string(nlp.Lower(buf[:0], w)); words[lw] && !cx.particle(u, i, lw) {
			sub = true
		}
	}
	return sub
}

// particle reports whether the word at token i of unit u, lw lowered,
// is the particle of the verb right before it (see particles).
func (cx *conflictContext) particle(u, i int, lw string) bool {
	if i == 0 || cx.tokens(u)[i-1].Kind != nlp.Word {
		return false
	}
	l := cx.verbLemma(cx.wordsOf(u)[i-1])
	return l != "" && particles[l+" "+lw]
}

// recipientWords bounds the capitalised words (titles, first names)
// between "to" and a person's name for the person to be the one an act
// is addressed to: "to Mr. Gowdy", "to Hillary Clinton's lawyer".
const recipientWords = 3

// recipients returns the last names of the people a unit addresses its
// act to, outside quotes: a person's name after "to" with at most
// recipientWords capitalised words between ("a letter to Mr. Gowdy",
// "sent a formal interview request to Hillary Clinton's lawyer").
func (cx *conflictContext) recipients(u int) []string {
	if cx.recipientsOf == nil {
		cx.recipientsOf = make([][]string, len(cx.units))
		cx.recipientsDone = make([]bool, len(cx.units))
	}
	if cx.recipientsDone[u] {
		return cx.recipientsOf[u]
	}
	cx.recipientsDone[u] = true
	x := &cx.units[u]
	a := cx.members[x.article]
	text := a.Text[x.span.Start:x.span.End]
	var out []string
	for _, e := range x.entities {
		last := lastName(e.name)
		if e.typ != storyfold.EntityPerson || len(last) < 2 || slices.Contains(out, last) {
			continue
		}
		// The last name, as a word, after "to" and a few capitalised
		// words: the mentions of a name the story merged may be written
		// in the article another way ("Hillary Clinton").
		for from := 0; from < len(text); {
			i := strings.Index(text[from:], last)
			if i < 0 {
				break
			}
			at := from + i
			from = at + len(last)
			if r, _ := utf8.DecodeLastRuneInString(text[:at]); at > 0 && wordRune(r) {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(text[from:]); from < len(text) && wordRune(r) {
				continue
			}
			if !quoted(a, x.span.Start+at) && addressed(text[:at]) {
				out = append(out, last)
				break
			}
		}
	}
	cx.recipientsOf[u] = out
	return out
}

// wordRune reports whether a rune may be part of a word.
func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// addressed reports whether the text before a name ends in "to" and at
// most recipientWords capitalised words, "to" not after a word of
// tiedTo ("according to", "an aide to").
func addressed(before string) bool {
	words := strings.Fields(before)
	for n := 0; n <= recipientWords && len(words) > 0; n++ {
		w := words[len(words)-1]
		if w == "to" {
			return len(words) < 2 || !tiedTo[strings.ToLower(strings.TrimRight(words[len(words)-2], ",.;:"))]
		}
		if w[0] < 'A' || w[0] > 'Z' {
			return false
		}
		words = words[:len(words)-1]
	}
	return false
}

// otherDirections reports whether two units tell acts between people
// the other way round or to other people: one's lead actor is the
// other's addressee ("Gowdy made the request in a letter sent Tuesday",
// "in a letter to Mr. Gowdy on Friday, a lawyer for Mrs. Clinton said"),
// or both address their acts to people and share none ("a letter to Mr.
// Gowdy", "a request to Hillary Clinton's lawyer"). A figure, day or
// place each gives is then of another act.
func (cx *conflictContext) otherDirections(a, b int) bool {
	ra, rb := cx.recipients(a), cx.recipients(b)
	if len(ra) == 0 && len(rb) == 0 {
		return false
	}
	for _, l := range cx.units[a].leads {
		if slices.Contains(rb, l) {
			return true
		}
	}
	for _, l := range cx.units[b].leads {
		if slices.Contains(ra, l) {
			return true
		}
	}
	return len(ra) > 0 && len(rb) > 0 && !slices.ContainsFunc(ra, func(l string) bool { return slices.Contains(rb, l) })
}

// sentenceSpan returns the whole sentence a unit is, or is a clause of.
func (cx *conflictContext) sentenceSpan(u int) storyfold.Span {
	x := &cx.units[u]
	if s := cx.members[x.article].Sentences; x.sent >= 0 && x.sent < len(s) {
		return s[x.sent]
	}
	return x.span
}

// statesBoth reports whether the sentence of one unit, a clause of it
// included, gives a figure of the other's figure's kind and unit that is
// that figure: "The Clintons' effective federal tax rate for 2014 was
// 35.7 percent, while the effective tax rate for federal, state and
// local taxes was 45.8 percent" gives both rates, and an outlet that
// gives one of them ("roughly 36 percent") contradicts neither.
func (cx *conflictContext) statesBoth(a int, x storyfold.Quantity, b int, y storyfold.Quantity) bool {
	gives := func(u int, want, own storyfold.Quantity) bool {
		s := cx.sentenceSpan(u)
		for _, q := range cx.members[cx.units[u].article].Quantities {
			if q.Span.Start >= s.Start && q.Span.End <= s.End && q.Span != own.Span && q.Kind == want.Kind && q.Unit == want.Unit && sameFigure(q, want) {
				return true
			}
		}
		return false
	}
	return gives(a, y, x) || gives(b, x, y)
}

// years returns the years a unit's sentence writes outside quotes
// ("for 2014", "from 2007 through 2014"), sorted, into dst: numbers of
// four digits from 1900 to 2099 that are no sum or share ("$2014",
// "2014 percent"). The dates finder leaves many years alone ("for
// 2014"), so they are read off the words.
func (cx *conflictContext) years(dst []int, u int) []int {
	x := &cx.units[u]
	a := cx.members[x.article]
	s := cx.sentenceSpan(u)
	text := a.Text[s.Start:s.End]
	for i := 0; i+4 <= len(text); i++ {
		if !(text[i] == '1' && text[i+1] == '9' || text[i] == '2' && text[i+1] == '0') || !isDigit(text[i+2]) || !isDigit(text[i+3]) {
			continue
		}
		if i > 0 && (isDigit(text[i-1]) || text[i-1] == '$' || text[i-1] == '.' || text[i-1] == ',') || i+4 < len(text) && (isDigit(text[i+4]) || text[i+4] == '%') {
			continue
		}
		at := s.Start + i
		if quoted(a, at) || slices.ContainsFunc(x.quantities, func(q storyfold.Quantity) bool {
			return q.Unit != "" && q.Span.Start <= at && at < q.Span.End
		}) {
			continue
		}
		y := int(text[i]-'0')*1000 + int(text[i+1]-'0')*100 + int(text[i+2]-'0')*10 + int(text[i+3]-'0')
		if !slices.Contains(dst, y) {
			dst = append(dst, y)
		}
		i += 3
	}
	slices.Sort(dst)
	return dst
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// secondsPerYear is a year of the quantity finder's durations, which
// are given in seconds.
const secondsPerYear = 365.25 * 24 * 3600

// period returns how many years a unit's sentence says its figures run
// over, as a range that allows for counting a span of years either way
// ("between 2011 and 2014" is 3 or 4 years): from the years it writes,
// else from a duration of a year or more ("over the eight year span",
// "over those three decades"). ok is false when it says neither.
func (cx *conflictContext) period(u int) (lo, hi float64, ok bool) {
	var buf [4]int
	if ys := cx.years(buf[:0], u); len(ys) > 0 {
		n := float64(ys[len(ys)-1] - ys[0])
		return n, n + 1, true
	}
	s := cx.sentenceSpan(u)
	for _, q := range cx.members[cx.units[u].article].Quantities {
		if q.Span.Start >= s.Start && q.Span.End <= s.End && q.Kind == storyfold.QuantityDuration && q.Value >= 0.9*secondsPerYear {
			n := math.Round(q.Value / secondsPerYear)
			return n, n, true
		}
	}
	return 0, 0, false
}

// otherPeriods reports whether two units' sentences give figures for
// different periods: both give years, and not the same ones ("the
// Clintons' effective federal tax rate for 2014", "from 2007 through
// 2014 the couple paid ... an effective tax rate of 31.55 percent"), or
// the spans of years they say differ ("over the eight year span",
// "between 2011 and 2014"). It is asked only of figures that are not
// durations themselves.
func (cx *conflictContext) otherPeriods(a, b int) bool {
	var ba, bb [4]int
	ya, yb := cx.years(ba[:0], a), cx.years(bb[:0], b)
	if len(ya) > 0 && len(yb) > 0 {
		return !slices.Equal(ya, yb)
	}
	loA, hiA, okA := cx.period(a)
	loB, hiB, okB := cx.period(b)
	return okA && okB && (hiA < loB || hiB < loA)
}

// seat is a place a sentence writes within another, as "Benghazi, Libya"
// or "Quantico, Va." do: the place, then the one it lies in.
type seat struct{ place, within string }

// seats returns the places a unit writes within another, outside
// quotes: a place or organisation's name, a comma and a space, and a
// place's name. Two outlets that write one place within two others,
// neither within the other ("the compound in Benghazi, Libya",
// "Benghazi, France"), disagree on where it is, whatever else their
// sentences say.
func (cx *conflictContext) seats(u int) []seat {
	x := &cx.units[u]
	a := cx.members[x.article]
	var out []seat
	for _, e := range x.entities {
		if e.typ != storyfold.EntityPlace && e.typ != storyfold.EntityOrg {
			continue
		}
		for _, m := range cx.mentionsIn(x.article, e.name, x.span) {
			if quoted(a, m.Start) || !strings.HasPrefix(a.Text[m.End:x.span.End], ", ") {
				continue
			}
			at := m.End + len(", ")
			for _, f := range x.entities {
				if f.typ != storyfold.EntityPlace || f.name == e.name {
					continue
				}
				if slices.ContainsFunc(cx.mentionsIn(x.article, f.name, x.span), func(n storyfold.Span) bool { return n.Start == at }) {
					out = append(out, seat{e.name, f.name})
				}
			}
		}
	}
	return out
}

// seatDiffers reports whether two units write one place within two
// others, neither within the other nor a spelling of it (see seats).
func (cx *conflictContext) seatDiffers(a, b int) (conflictValue, conflictValue, bool) {
	for _, x := range cx.seats(a) {
		for _, y := range cx.seats(b) {
			if x.place != y.place || x.within == y.within || sameOrWithin(x.within, y.within) || variantSpelling(x.within, y.within) || !placed(x.within) || !placed(y.within) {
				continue
			}
			return conflictValue{side: x.within, written: x.within, key: strings.ToLower(x.within)}, conflictValue{side: y.within, written: y.within, key: strings.ToLower(y.within)}, true
		}
	}
	return conflictValue{}, conflictValue{}, false
}
