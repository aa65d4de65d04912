// Package dates finds the dates an article's text gives and resolves them
// to days: absolute ones ("February 12, 2025", "12 Feb", "in 2014") and
// relative ones ("on Wednesday", "last month", "two weeks ago",
// "tomorrow"), against the article's own date. A weekday is read with the
// tense of the words before it in its sentence: "on Friday" in "talks will
// resume on Friday" is the Friday after the article, in "the talks
// collapsed on Friday" the one before; news is told in the past, so a
// future word after it ("criticized him on Tuesday over his plans to
// speak next week") leaves it in the past.
//
// The spans are found by a scan over tokens; full dates are then read by
// go-dateparser (through nlp.ParseDate) on the span alone.
package dates

import (
	"strconv"
	"strings"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// Finder finds dates. It reuses buffers and is not safe for concurrent use.
type Finder struct {
	toks []nlp.Token
	low  []string
	buf  []byte
	// tenseReads counts the tokens tense has read, for the test that
	// holds it linear.
	tenseReads int
	// lang is the language set by SetLanguage; nil reads English.
	lang     *language
	key      []byte
	suffixed []bool
	// langReads counts the word lookups of the scan outside English.
	langReads int
}

// NewFinder returns a finder.
func NewFinder() *Finder { return &Finder{} }

// Find returns the dates of the given sentences of text, resolved against
// ref (the article's date; zero when unknown, which leaves relative and
// year-less dates unresolved).
func (f *Finder) Find(text string, sentences []storyfold.Span, ref storyfold.Date) []storyfold.DateMention {
	return f.FindTokens(text, nil, sentences, ref)
}

// FindTokens is Find given the text's tokens (nlp.Tokenize of the whole
// text, as an article carries them), so that its sentences are not
// tokenised again (see nlp.SentenceTokens); nil tokens are read from the
// text. The tokens are only read.
func (f *Finder) FindTokens(text string, toks []nlp.Token, sentences []storyfold.Span, ref storyfold.Date) []storyfold.DateMention {
	if f.lang != nil {
		return f.findIn(f.lang, text, toks, sentences, ref)
	}
	var out []storyfold.DateMention
	for _, s := range sentences {
		sent := text[s.Start:s.End]
		f.toks = f.sentenceTokens(text, toks, s)
		f.low = f.low[:0]
		for _, t := range f.toks {
			if t.Kind == nlp.Punct {
				f.low = append(f.low, "")
				continue
			}
			f.buf = nlp.Lower(f.buf[:0], t.Text(sent))
			f.low = append(f.low, vocabulary[string(f.buf)])
		}
		p := parser{text: sent, toks: f.toks, low: f.low, ref: ref, tenseAt: -1}
		for i := 0; i < len(f.toks); {
			m, next, ok := p.date(i)
			if !ok {
				i++
				continue
			}
			m.Span.Start += s.Start
			m.Span.End += s.Start
			out = append(out, m)
			i = next
		}
		f.tenseReads += p.tenseReads
	}
	return out
}

// sentenceTokens returns the tokens of the sentence s of text, from the
// whole text's tokens when there are any, in the finder's buffer.
func (f *Finder) sentenceTokens(text string, toks []nlp.Token, s storyfold.Span) []nlp.Token {
	if toks == nil {
		return nlp.Tokenize(f.toks[:0], text[s.Start:s.End])
	}
	return nlp.SentenceTokens(f.toks[:0], toks, text, s)
}

type tense int

const (
	past tense = iota
	future
)

// tense reads the tense of the words before the weekday at token i, from
// the nearest back: a future word ("will", "tomorrow", "expected to")
// makes it the future; a verb of speech in the past ("officials said
// Thursday") or the end of a quote ("“... will ...,” he said Wednesday")
// met first keeps it in the past, where news is told, and so does the end
// of another clause (a comma, a dash: "McConnell — who has said he will
// not act — met him on Friday"). "scheduled",
// "expected", "plans" and "due" say the future only before "to" or "for"
// ("expected to announce", "scheduled for"), not as adjectives ("a
// scheduled interview", "his plans in a call").
//
// The weekdays of a sentence are read in order, and the words before one
// are those before the last one and those between: the parser remembers
// the last weekday's tense and reads back only to it, so a sentence of
// many weekdays is read once, not once for each.
func (p *parser) tense(i int) tense {
	stop, was := -1, past
	if p.tenseAt >= 0 && p.tenseAt <= i {
		stop, was = p.tenseAt-1, p.tenseWas
	}
	t, ok := p.tenseBack(i, stop)
	if !ok {
		t = was
	}
	p.tenseAt, p.tenseWas = i, t
	return t
}

// tenseBack reads the tokens from i-1 back to stop, excluded, for a word
// or a mark that decides the tense, and reports whether one did.
func (p *parser) tenseBack(i, stop int) (tense, bool) {
	for k := i - 1; k > stop; k-- {
		p.tenseReads++
		if p.toks[k].Kind == nlp.Punct {
			switch p.toks[k].Text(p.text) {
			case "\"", "”", "“", ",", "—", "―", "–", ";", "(", ")":
				return past, true // a quote, or another clause
			}
			continue
		}
		switch w := p.low[k]; w {
		case "will", "shall", "next", "tomorrow":
			return future, true
		case "scheduled", "expected", "plans", "planned", "due":
			if n := p.word(k + 1); n == "to" || n == "for" {
				return future, true
			}
		case "said", "told", "announced", "reported", "wrote", "confirmed", "added", "asked", "released", "declared":
			return past, true
		}
	}
	return past, false
}

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
	"jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

var units = map[string]storyfold.Granularity{"day": storyfold.GranularityDay, "days": storyfold.GranularityDay, "week": storyfold.GranularityWeek, "weeks": storyfold.GranularityWeek, "month": storyfold.GranularityMonth, "months": storyfold.GranularityMonth, "year": storyfold.GranularityYear, "years": storyfold.GranularityYear}

var small = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 0, "few": 0}

// vocabulary holds every word the grammar looks at; others read as "".
var vocabulary = func() map[string]string {
	m := map[string]string{}
	add := func(w string) { m[w] = w }
	for w := range months {
		add(w)
	}
	for w := range weekdays {
		add(w)
	}
	for w := range units {
		add(w)
	}
	for w := range small {
		add(w)
	}
	for _, w := range strings.Fields(`on last next this coming past earlier later ago in since until by from of the
		yesterday today tomorrow tonight will shall upcoming scheduled expected plans planned due before after early late mid
		to for said told announced reported wrote confirmed added asked released declared`) {
		add(w)
	}
	return m
}()

type parser struct {
	text string
	toks []nlp.Token
	low  []string
	ref  storyfold.Date
	// tenseAt is the token tense was last asked about (-1 for none), and
	// tenseWas its answer.
	tenseAt    int
	tenseWas   tense
	tenseReads int
}

func (p *parser) word(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.low[i]
}

func (p *parser) number(i int) (int, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].Kind != nlp.Number {
		return 0, false
	}
	s := p.toks[i].Text(p.text)
	s = strings.TrimRight(s, "stndrh") // 12th, 1st, 2nd, 3rd
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func (p *parser) punct(i int, c string) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].Kind == nlp.Punct && p.toks[i].Text(p.text) == c
}

func (p *parser) mention(from, to int, d time.Time, gran storyfold.Granularity, relative bool) storyfold.DateMention {
	span := storyfold.Span{Start: int(p.toks[from].Start), End: int(p.toks[to-1].End)}
	m := storyfold.DateMention{Text: p.text[span.Start:span.End], Span: span, Granularity: gran, Relative: relative}
	if !d.IsZero() {
		m.Date = storyfold.Date{Time: d}
	}
	return m
}

// date tries to read a date starting at token i.
func (p *parser) date(i int) (storyfold.DateMention, int, bool) {
	w := p.word(i)
	if w == "" && p.toks[i].Kind != nlp.Number {
		return storyfold.DateMention{}, 0, false
	}
	refDay := day(p.ref.Time)
	known := p.ref.Known()
	// Month names: "February 12, 2025", "Feb. 12", "February 2025", "in February".
	// Month names are capitalised; "May" also needs a day or a year after
	// it, being a verb too.
	if mo, ok := months[w]; ok && p.isCapital(i) && (w != "may" || p.isDayNumber(i+1) || p.isYear(i+1)) {
		k := i + 1
		if p.punct(k, ".") {
			k++
		}
		d, dayOK := p.number(k)
		if dayOK && d >= 1 && d <= 31 {
			k++
			if p.punct(k, ",") {
				k++
			}
			if y, ok := p.number(k); ok && y >= 1000 && y <= 2200 {
				return p.full(i, k+1)
			}
			if p.punct(k-1, ",") {
				k--
			}
			return p.mention(i, k, p.yearFor(mo, d, refDay, known), storyfold.GranularityDay, true), k, true
		}
		if y, ok := p.number(k); ok && y >= 1000 && y <= 2200 {
			return p.mention(i, k+1, time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC), storyfold.GranularityMonth, false), k + 1, true
		}
		return p.mention(i, i+1, p.monthFor(mo, refDay, known), storyfold.GranularityMonth, true), i + 1, true
	}
	// "12 February 2025", "12 Feb".
	if d, ok := p.number(i); ok && d >= 1 && d <= 31 {
		if mo, ok := months[p.word(i+1)]; ok && p.isCapital(i+1) {
			k := i + 2
			if p.punct(k, ".") {
				k++
			}
			if y, ok := p.number(k); ok && y >= 1000 && y <= 2200 {
				return p.full(i, k+1)
			}
			return p.mention(i, i+2, p.yearFor(mo, d, refDay, known), storyfold.GranularityDay, true), i + 2, true
		}
	}
	// A year after a preposition: "in 2014", "since 2022".
	if y, ok := p.number(i); ok && y >= 1900 && y <= 2100 && len(p.toks[i].Text(p.text)) == 4 {
		switch p.word(i - 1) {
		case "in", "since", "until", "by", "from", "of", "before", "after", "early", "late", "mid":
			return p.mention(i, i+1, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), storyfold.GranularityYear, false), i + 1, true
		}
	}
	// Weekdays: "on Wednesday", "last Friday", "next Monday".
	if wd, ok := weekdays[w]; ok && p.isCapital(i) {
		from, t := i, p.tense(i)
		switch p.word(i - 1) {
		case "last", "past":
			from, t = i-1, past
		case "next", "coming":
			from, t = i-1, future
		case "this", "on":
			from = i - 1
		}
		var d time.Time
		if known {
			d = weekday(refDay, wd, t)
		}
		return p.mention(from, i+1, d, storyfold.GranularityDay, true), i + 1, true
	}
	switch w {
	case "yesterday", "today", "tomorrow", "tonight":
		off := map[string]int{"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[w]
		return p.mention(i, i+1, shift(refDay, known, 0, 0, off), storyfold.GranularityDay, true), i + 1, true
	case "last", "next", "this", "past", "coming":
		// "last week", "next month", "this year"; not a title in capitals
		// mid-sentence (ABC's "This Week").
		if u, ok := units[p.word(i+1)]; ok && !strings.HasSuffix(p.word(i+1), "s") && !(i > 0 && p.isCapital(i) && p.isCapital(i+1)) {
			dir := map[string]int{"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[w]
			d := unitShift(refDay, known, u, dir)
			return p.mention(i, i+2, d, u, true), i + 2, true
		}
	}
	// "two weeks ago", "three days ago".
	if n, ok := p.count(i); ok {
		if u, ok := units[p.word(i+1)]; ok && p.word(i+2) == "ago" {
			return p.mention(i, i+3, unitShift(refDay, known, u, -n), u, true), i + 3, true
		}
	}
	return storyfold.DateMention{}, 0, false
}

func (p *parser) isCapital(i int) bool {
	return i >= 0 && i < len(p.toks) && nlp.IsCapitalized(p.toks[i].Text(p.text))
}

func (p *parser) isYear(i int) bool {
	y, ok := p.number(i)
	return ok && y >= 1000 && y <= 2200
}

func (p *parser) isDayNumber(i int) bool {
	d, ok := p.number(i)
	return ok && d >= 1 && d <= 31
}

// count reads a small count in digits or words: "two", "3", "a".
func (p *parser) count(i int) (int, bool) {
	if n, ok := p.number(i); ok && n > 0 && n < 100 {
		return n, true
	}
	n, ok := small[p.word(i)]
	return n, ok && n > 0
}

// full reads a complete date with go-dateparser.
func (p *parser) full(from, to int) (storyfold.DateMention, int, bool) {
	span := p.text[p.toks[from].Start:p.toks[to-1].End]
	d, ok := nlp.ParseDate(span)
	if !ok {
		return storyfold.DateMention{}, 0, false
	}
	m := p.mention(from, to, day(d.Time), storyfold.GranularityDay, false)
	return m, to, true
}

func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// yearFor places a day and month without a year in the year that puts it
// nearest the reference date.
func (p *parser) yearFor(mo time.Month, d int, ref time.Time, known bool) time.Time {
	if !known {
		return time.Time{}
	}
	best := time.Time{}
	for _, y := range []int{ref.Year() - 1, ref.Year(), ref.Year() + 1} {
		c := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
		if c.Month() != mo {
			continue // 31 February
		}
		if best.IsZero() || absDays(c.Sub(ref)) < absDays(best.Sub(ref)) {
			best = c
		}
	}
	return best
}

// monthFor places a month alone in the year that puts it nearest the
// reference date.
func (p *parser) monthFor(mo time.Month, ref time.Time, known bool) time.Time {
	d := p.yearFor(mo, 1, ref, known)
	return d
}

func absDays(d time.Duration) float64 {
	if d < 0 {
		d = -d
	}
	return d.Hours() / 24
}

// weekday returns the day named wd nearest ref in the direction of the
// tense: the one before (or the day itself) in the past, the one after in
// the future.
func weekday(ref time.Time, wd time.Weekday, t tense) time.Time {
	diff := int(wd) - int(ref.Weekday())
	if t == future {
		if diff <= 0 {
			diff += 7
		}
	} else if diff > 0 {
		diff -= 7
	}
	return ref.AddDate(0, 0, diff)
}

func shift(ref time.Time, known bool, y, m, d int) time.Time {
	if !known {
		return time.Time{}
	}
	return ref.AddDate(y, m, d)
}

// unitShift moves ref by n units, to the first day of the unit for weeks
// (Monday), months and years.
func unitShift(ref time.Time, known bool, unit storyfold.Granularity, n int) time.Time {
	if !known {
		return time.Time{}
	}
	switch unit {
	case storyfold.GranularityDay:
		return ref.AddDate(0, 0, n)
	case storyfold.GranularityWeek:
		monday := ref.AddDate(0, 0, -((int(ref.Weekday()) + 6) % 7))
		return monday.AddDate(0, 0, 7*n)
	case storyfold.GranularityMonth:
		return time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	default:
		return time.Date(ref.Year()+n, 1, 1, 0, 0, 0, 0, time.UTC)
	}
}
