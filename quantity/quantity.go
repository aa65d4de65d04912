// Package quantity finds the figures of a text and normalises them, so that
// outlets that write "nearly one-and-a-half hours", "almost 90 minutes" and
// "the 90-minute call" can be seen to report the same 5,400 seconds.
//
// It reads the tokens of package nlp left to right and tries, at each one,
// the shape of a quantity: an optional hedge (nearly, more than), an optional
// currency sign, a number in digits or in words with an optional scale
// (million, bn), an optional range, and an optional unit (minutes, per cent,
// dollars, or the noun counted). Dates, times of day and years are left to
// the date layer.
package quantity

import (
	"math"
	"strconv"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// Finder finds quantities. It reuses its buffers and is not safe for
// concurrent use: give each worker its own.
type Finder struct {
	toks []nlp.Token
	low  []string // lower-case form of each word the grammar knows, else ""
	buf  []byte
}

// NewFinder returns a finder.
func NewFinder() *Finder { return &Finder{} }

// Find appends the quantities of text to dst. Their spans are byte offsets
// into text plus base, so a caller passing one sentence of an article gets
// offsets into the article.
func (f *Finder) Find(dst []storyfold.Quantity, text string, base int) []storyfold.Quantity {
	f.toks = nlp.Tokenize(f.toks[:0], text)
	return f.find(dst, text, base)
}

// FindSentence is Find on the sentence s of text, given the whole text's
// tokens (nlp.Tokenize of text, as an article carries them), so that the
// sentence is not tokenised again (see nlp.SentenceTokens). The tokens are
// only read.
func (f *Finder) FindSentence(dst []storyfold.Quantity, text string, toks []nlp.Token, s storyfold.Span) []storyfold.Quantity {
	f.toks = nlp.SentenceTokens(f.toks[:0], toks, text, s)
	return f.find(dst, text[s.Start:s.End], s.Start)
}

// find is Find once f.toks holds the tokens of text.
func (f *Finder) find(dst []storyfold.Quantity, text string, base int) []storyfold.Quantity {
	f.low = f.low[:0]
	for _, t := range f.toks {
		if t.Kind != nlp.Word {
			f.low = append(f.low, "")
			continue
		}
		f.buf = nlp.Lower(f.buf[:0], t.Text(text))
		f.low = append(f.low, known[string(f.buf)])
	}
	p := parser{text: text, toks: f.toks, low: f.low}
	for i := 0; i < len(p.toks); {
		q, next, ok := p.quantity(i)
		if !ok {
			i++
			continue
		}
		q.Span.Start += base
		q.Span.End += base
		dst = append(dst, q)
		i = next
	}
	return dst
}

// known holds every word the grammar looks at.
var known = func() map[string]string {
	m := map[string]string{}
	add := func(ws ...string) {
		for _, w := range ws {
			m[w] = w
		}
	}
	for w := range numberWords {
		add(w)
	}
	for w := range scaleWords {
		add(w)
	}
	for w := range timeUnits {
		add(w)
	}
	for w := range currencyWords {
		add(w)
	}
	for w := range vagueWords {
		add(w)
	}
	for _, h := range hedgeList {
		add(strings.Fields(h)...)
	}
	for w := range months {
		add(w)
	}
	add("a", "an", "and", "half", "quarter", "quarters", "percent", "per", "cent", "percentage", "points", "point",
		"to", "between", "from", "of", "us", "long", "a.m", "p.m", "a.m.", "p.m.", "the")
	return m
}()

type parser struct {
	text string
	toks []nlp.Token
	low  []string
}

func (p *parser) word(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.low[i]
}

func (p *parser) punct(i int, chars string) bool {
	if i < 0 || i >= len(p.toks) || p.toks[i].Kind != nlp.Punct {
		return false
	}
	return strings.Contains(chars, p.toks[i].Text(p.text))
}

const dashes = "-–—"

// quantity tries to read a quantity starting at token i.
func (p *parser) quantity(i int) (storyfold.Quantity, int, bool) {
	var q storyfold.Quantity
	start := i
	j, approx := p.hedge(i)
	currency, j2 := p.currencySign(j)
	n, ok := p.number(j2)
	if !ok {
		return q, 0, false
	}
	if n.isYear && currency == "" && !approx {
		// A bare year is the date layer's, unless a unit follows it.
		if _, _, ok := p.unit(n.end); !ok {
			return q, 0, false
		}
	}
	if p.isDatePart(j2, n.end) {
		return q, 0, false
	}
	k := n.end
	max := math.NaN()
	// A range: 10-15, 10 to 15, between 10 and 15.
	if m, ok := p.rangeEnd(k, j2 > 0 && p.word(j2-1) == "between"); ok {
		max, k = m.value, m.end
		if m.scale > 1 && n.scale == 1 {
			n.value *= m.scale // "10 to 15 million"
		}
	}
	if currency == "" {
		if c, k2, ok := p.currencyWord(k); ok {
			currency, k = c, k2
		}
	}
	q.Approx = approx || n.vague
	q.Value = n.value
	switch {
	case currency != "":
		q.Kind, q.Unit = storyfold.QuantityMoney, currency
	default:
		u, k2, ok := p.unit(k)
		switch {
		case ok && u.kind == storyfold.QuantityDuration:
			q.Kind, q.Unit = storyfold.QuantityDuration, "s"
			// "an hour and a half", "two days and a half".
			if p.word(k2) == "and" && p.word(k2+1) == "a" && p.word(k2+2) == "half" && math.IsNaN(max) {
				q.Value += 0.5
				k2 += 3
			}
			q.Value *= u.factor
			if !math.IsNaN(max) {
				max *= u.factor
			}
			k = k2
		case ok && u.kind == storyfold.QuantityPercent:
			q.Kind, q.Unit = storyfold.QuantityPercent, "%"
			k = k2
		case n.digits || n.value >= 2 || n.vague:
			// A count: of the noun that follows, if one does.
			if noun := p.countedNoun(k); noun != "" {
				q.Unit = noun
				k++
			} else if !n.digits && !n.vague {
				return q, 0, false // "one of", "two said": not a figure
			}
			q.Kind = storyfold.QuantityCount
		default:
			return q, 0, false
		}
	}
	if !math.IsNaN(max) {
		q.Max = max
	}
	q.Span = storyfold.Span{Start: int(p.toks[start].Start), End: int(p.toks[k-1].End)}
	q.Text = p.text[q.Span.Start:q.Span.End]
	return q, k, true
}

// hedges make a figure approximate. Longer ones come first.
var hedges = func() (out [][]string) {
	for _, h := range hedgeList {
		out = append(out, strings.Fields(h))
	}
	return out
}()

var hedgeList = []string{
	"just under", "just over", "more than", "less than", "fewer than", "up to", "at least", "close to", "as many as", "as much as",
	"an estimated", "nearly", "almost", "about", "around", "approximately", "roughly", "some", "over", "under", "upwards of", "circa",
}

// hedge reads a hedge at i, returning where the figure starts.
func (p *parser) hedge(i int) (int, bool) {
	if p.word(i) == "" {
		return i, false
	}
	for _, words := range hedges {
		k := i
		for _, w := range words {
			if p.word(k) != w {
				k = -1
				break
			}
			k++
		}
		if k > i {
			return k, true
		}
	}
	return i, false
}

var currencySigns = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₴": "UAH"}

var currencyWords = map[string]string{
	"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
	"yen": "JPY", "yuan": "CNY", "rupees": "INR", "rubles": "RUB", "roubles": "RUB", "hryvnias": "UAH", "usd": "USD", "eur": "EUR", "gbp": "GBP",
}

// currencySign reads "$", "US$" or "€" at i.
func (p *parser) currencySign(i int) (string, int) {
	if i < len(p.toks) && p.word(i) == "us" && i+1 < len(p.toks) && p.punct(i+1, "$") && p.toks[i].End == p.toks[i+1].Start {
		return "USD", i + 2
	}
	if i < len(p.toks) && p.toks[i].Kind == nlp.Punct {
		if c, ok := currencySigns[p.toks[i].Text(p.text)]; ok {
			return c, i + 1
		}
	}
	return "", i
}

// currencyWord reads a currency named after the figure: "dollars", "euros".
func (p *parser) currencyWord(i int) (string, int, bool) {
	if c, ok := currencyWords[p.word(i)]; ok {
		return c, i + 1, true
	}
	return "", i, false
}

type unitInfo struct {
	kind   storyfold.QuantityKind
	factor float64
}

const (
	minute = 60
	hour   = 60 * minute
	day    = 24 * hour
	year   = 365.25 * day
)

var timeUnits = map[string]float64{
	"second": 1, "seconds": 1, "sec": 1, "secs": 1, "minute": minute, "minutes": minute, "min": minute, "mins": minute,
	"hour": hour, "hours": hour, "hr": hour, "hrs": hour, "day": day, "days": day, "week": 7 * day, "weeks": 7 * day,
	"fortnight": 14 * day, "month": year / 12, "months": year / 12, "year": year, "years": year, "decade": 10 * year,
	"decades": 10 * year, "century": 100 * year, "centuries": 100 * year,
}

// unit reads the unit after a figure at i: a time unit, possibly joined by
// a hyphen ("90-minute", "three-year-long"), or per cent.
func (p *parser) unit(i int) (unitInfo, int, bool) {
	k := i
	if p.punct(k, dashes) {
		k++
	}
	if f, ok := timeUnits[p.word(k)]; ok {
		k++
		if p.punct(k, dashes) && p.word(k+1) == "long" {
			k += 2
		}
		return unitInfo{storyfold.QuantityDuration, f}, k, true
	}
	switch {
	case p.punct(i, "%"):
		return unitInfo{storyfold.QuantityPercent, 1}, i + 1, true
	case p.word(i) == "percent":
		return unitInfo{storyfold.QuantityPercent, 1}, i + 1, true
	case p.word(i) == "per" && p.word(i+1) == "cent":
		return unitInfo{storyfold.QuantityPercent, 1}, i + 2, true
	case p.word(i) == "percentage" && (p.word(i+1) == "points" || p.word(i+1) == "point"):
		return unitInfo{storyfold.QuantityPercent, 1}, i + 2, true
	}
	return unitInfo{}, i, false
}

// countedNoun returns the noun a count counts, when the next token is a
// plain lower-case word that is not a function word ("12 million views").
func (p *parser) countedNoun(i int) string {
	if i >= len(p.toks) || p.toks[i].Kind != nlp.Word || p.low[i] != "" {
		return "" // not a word, or one of the grammar's own
	}
	w := p.toks[i].Text(p.text)
	if len(w) < 3 || nlp.IsCapitalized(w) {
		return ""
	}
	low := string(nlp.Lower(nil, w))
	if nlp.IsStopWord(low) {
		return ""
	}
	return low
}

// months are the words that make a number part of a date.
var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true, "jan": true, "feb": true, "mar": true, "apr": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// isDatePart reports whether the number between tokens i and end belongs to
// a date or a time of day: next to a month name ("February 12", "12 Feb"),
// written with a colon (3:30) or followed by a.m./p.m.
func (p *parser) isDatePart(i, end int) bool {
	if months[p.word(i-1)] || months[p.word(end)] {
		return true
	}
	if p.word(end) == "of" && months[p.word(end+1)] {
		return true
	}
	if p.punct(end, ":") && end+1 < len(p.toks) && p.toks[end+1].Kind == nlp.Number {
		return true
	}
	if p.punct(i-1, ":") {
		return true
	}
	switch p.word(end) {
	case "a.m", "p.m", "a.m.", "p.m.", "am", "pm", "gmt", "utc", "bst", "cet", "et", "pt":
		return true
	}
	return false
}

type number struct {
	value  float64
	scale  float64 // the scale word applied, 1 when none
	end    int     // token after the number
	digits bool    // written in digits
	vague  bool    // "millions", "dozens": a magnitude, not a figure
	isYear bool    // a four-digit integer that reads as a year
}

var numberWords = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}

var scaleWords = map[string]float64{
	"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3, "tn": 1e12, "trn": 1e12,
}

var vagueWords = map[string]float64{
	"dozens": 12, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12,
}

// number reads a number at i: digits (1.5, 12,000, 3bn), words (ninety,
// twenty-five, one-and-a-half, two and a half, a dozen, half), either with a
// scale word (12 million), or a vague magnitude (millions).
func (p *parser) number(i int) (number, bool) {
	if i >= len(p.toks) {
		return number{}, false
	}
	t := p.toks[i]
	var n number
	switch t.Kind {
	case nlp.Number:
		s := t.Text(p.text)
		digits, suffix := splitSuffix(s)
		v, err := strconv.ParseFloat(strings.ReplaceAll(digits, ",", ""), 64)
		if err != nil || !validGrouping(digits) {
			return n, false
		}
		n = number{value: v, scale: 1, end: i + 1, digits: true}
		if suffix != "" {
			sc, ok := scaleWords[strings.ToLower(suffix)]
			if !ok {
				return n, false // 5th, 1990s, 90km: not handled here
			}
			n.value *= sc
			n.scale = sc
			return n, true
		}
		n.isYear = len(digits) == 4 && v >= 1800 && v <= 2100
	case nlp.Word:
		w := p.low[i]
		if v, ok := vagueWords[w]; ok {
			return number{value: v, scale: 1, end: i + 1, vague: true}, true
		}
		v, end, ok := p.spelled(i)
		if !ok {
			return n, false
		}
		n = number{value: v, scale: 1, end: end}
	default:
		return n, false
	}
	// Scale words: "12 million", "1.5 billion", "two hundred thousand".
	for {
		sc, ok := scaleWords[p.word(n.end)]
		if !ok || len(p.word(n.end)) < 4 {
			break
		}
		n.value *= sc
		n.scale *= sc
		n.isYear = false
		n.end++
	}
	return n, true
}

// splitSuffix splits "3bn" into "3" and "bn".
func splitSuffix(s string) (digits, suffix string) {
	for k := 0; k < len(s); k++ {
		c := s[k]
		if !(c >= '0' && c <= '9' || c == '.' || c == ',') {
			return s[:k], s[k:]
		}
	}
	return s, ""
}

// validGrouping rejects digit strings whose commas are not thousands
// separators (a list "1,2,3" is not one number).
func validGrouping(s string) bool {
	if !strings.Contains(s, ",") {
		return true
	}
	intPart := s
	if k := strings.IndexByte(s, '.'); k >= 0 {
		intPart = s[:k]
	}
	groups := strings.Split(intPart, ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// spelled reads a number in words at i.
func (p *parser) spelled(i int) (float64, int, bool) {
	w := p.word(i)
	// "a dozen", "a half", "a hundred", "a million", "half a million".
	if w == "a" || w == "an" {
		next := p.word(i + 1)
		if next == "dozen" {
			return 12, i + 2, true
		}
		if next == "half" {
			return 0.5, i + 2, true
		}
		if sc, ok := scaleWords[next]; ok && len(next) >= 4 {
			return sc, i + 2, true
		}
		if _, ok := timeUnits[next]; ok && (next == "hour" || next == "minute" || next == "second") {
			return 1, i + 1, true // "an hour", "a minute"
		}
		return 0, 0, false
	}
	if w == "half" {
		// "half an hour", "half a million".
		if a := p.word(i + 1); a == "a" || a == "an" {
			if _, ok := timeUnits[p.word(i+2)]; ok {
				return 0.5, i + 2, true
			}
			if sc, ok := scaleWords[p.word(i+2)]; ok && len(p.word(i+2)) >= 4 {
				return 0.5 * sc, i + 3, true
			}
		}
		return 0, 0, false
	}
	v, ok := numberWords[w]
	if !ok || w == "dozen" {
		return 0, 0, false
	}
	end := i + 1
	// Tens and units: "twenty-five", "twenty five".
	if v >= 20 && v < 100 && int(v)%10 == 0 {
		k := end
		if p.punct(k, dashes) {
			k++
		}
		if u, ok := numberWords[p.word(k)]; ok && u >= 1 && u <= 9 {
			v += u
			end = k + 1
		}
	}
	// Fractions: "one-and-a-half", "two and a half", "three-quarters".
	k := end
	if p.punct(k, dashes) {
		k++
	}
	if p.word(k) == "and" {
		k2 := k + 1
		if p.punct(k2, dashes) {
			k2++
		}
		if p.word(k2) == "a" {
			k3 := k2 + 1
			if p.punct(k3, dashes) {
				k3++
			}
			switch p.word(k3) {
			case "half":
				return v + 0.5, k3 + 1, true
			case "quarter":
				return v + 0.25, k3 + 1, true
			}
		}
	}
	if p.word(k) == "quarters" && k > end {
		return v * 0.25, k + 1, true
	}
	return v, end, true
}

// rangeEnd reads the upper end of a range at i: "-15", "to 15", "and 15"
// after "between".
func (p *parser) rangeEnd(i int, between bool) (number, bool) {
	k := i
	switch {
	case p.punct(k, dashes) && k+1 < len(p.toks) && p.toks[k+1].Kind == nlp.Number && p.toks[k].Start == p.toks[k-1].End:
		k++
	case p.word(k) == "to", between && p.word(k) == "and":
		k++
	default:
		return number{}, false
	}
	m, ok := p.number(k)
	if !ok || m.vague {
		return number{}, false
	}
	return m, true
}
