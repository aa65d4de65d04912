package dates

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// findIn is Find for a language of data/: the same scan over tokens, with
// the language's words and the day-first orders of Europe and the Arabic
// press ("6 juin 2020", "am 23. Februar", "el 5 de marzo de 2021",
// "29.01.2020", "im März", "5 آذار/مارس 2020"). A weekday is read in the
// past unless a "next" word stands beside it: news is told in the past, and
// the English tense rules are not carried over.
func (f *Finder) findIn(l *language, text string, toks []nlp.Token, sentences []storyfold.Span, ref storyfold.Date) []storyfold.DateMention {
	var out []storyfold.DateMention
	for _, s := range sentences {
		sent := text[s.Start:s.End]
		f.toks = f.sentenceTokens(text, toks, s)
		f.low = f.low[:0]
		f.suffixed = f.suffixed[:0]
		for _, t := range f.toks {
			if t.Kind == nlp.Punct {
				f.low = append(f.low, "")
				f.suffixed = append(f.suffixed, false)
				continue
			}
			f.buf = nlp.Lower(f.buf[:0], t.Text(sent))
			w, ok := l.words[string(f.buf)]
			suffixed := false
			if !ok {
				// A Turkish case ending after an apostrophe: "Mart'ta".
				if k := apostrophe(f.buf); k > 0 {
					w, suffixed = l.words[string(f.buf[:k])], true
				}
			}
			f.low = append(f.low, w)
			f.suffixed = append(f.suffixed, suffixed && w != "")
		}
		p := langParser{parser: parser{text: sent, toks: f.toks, low: f.low, ref: ref, tenseAt: -1}, l: l, suffixed: f.suffixed, key: f.key}
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
		f.key = p.key
		f.langReads += p.reads
	}
	return out
}

// apostrophe returns the index of the first apostrophe in b, or -1.
func apostrophe(b []byte) int {
	for i := 0; i < len(b); i++ {
		if b[i] == '\'' {
			return i
		}
		if b[i] == 0xE2 && i+2 < len(b) && b[i+1] == 0x80 && b[i+2] == 0x99 { // ’
			return i
		}
	}
	return -1
}

type langParser struct {
	parser
	l        *language
	suffixed []bool
	key      []byte
	// reads counts the map lookups, for the test that holds the scan
	// linear.
	reads int
}

// lookup finds the entry of m at token i: two words ("كانون الثاني"), two
// words joined by a hyphen ("segunda-feira"), or one. It returns the value
// and the number of tokens read, 0 when none is an entry.
func lookup[V any](p *langParser, m map[string]V, i int) (V, int) {
	var zero V
	if i < 0 || i >= len(p.toks) || p.low[i] == "" {
		return zero, 0
	}
	p.reads++
	if i+1 < len(p.toks) && p.low[i+1] != "" {
		p.key = append(append(append(p.key[:0], p.low[i]...), ' '), p.low[i+1]...)
		if v, ok := m[string(p.key)]; ok {
			return v, 2
		}
	}
	if i+2 < len(p.toks) && p.punct(i+1, "-") && p.low[i+2] != "" &&
		p.toks[i].End == p.toks[i+1].Start && p.toks[i+1].End == p.toks[i+2].Start {
		p.key = append(append(append(p.key[:0], p.low[i]...), '-'), p.low[i+2]...)
		if v, ok := m[string(p.key)]; ok {
			return v, 3
		}
	}
	if v, ok := m[p.low[i]]; ok {
		return v, 1
	}
	return zero, 0
}

// has reports whether the word at token i is in set.
func (p *langParser) has(set map[string]bool, i int) bool {
	return i >= 0 && i < len(p.toks) && p.low[i] != "" && set[p.low[i]]
}

// digits returns the token's text with Arabic-Indic and Persian digits
// written as ASCII ones.
func (p *langParser) digits(i int) string {
	s := p.toks[i].Text(p.text)
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '٠' && r <= '٩':
			b.WriteByte(byte('0' + r - '٠'))
		case r >= '۰' && r <= '۹':
			b.WriteByte(byte('0' + r - '۰'))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// dayAt reads a day of the month at token i: "23", "1er", "1º".
func (p *langParser) dayAt(i int) (int, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].Kind != nlp.Number {
		return 0, false
	}
	s := p.digits(i)
	for _, suf := range []string{"er", "e", "º", "ª"} {
		if t, ok := strings.CutSuffix(s, suf); ok {
			s = t
			break
		}
	}
	if len(s) > 2 {
		return 0, false
	}
	d, err := strconv.Atoi(s)
	return d, err == nil && d >= 1 && d <= 31
}

// yearAt reads a four-digit year at token i.
func (p *langParser) yearAt(i int) (int, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].Kind != nlp.Number {
		return 0, false
	}
	s := p.digits(i)
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	return y, err == nil && y >= 1000 && y <= 2200
}

// monthAt reads a month at token i, with a second name for the same
// month after a slash ("آذار/مارس"), and returns the token after it.
func (p *langParser) monthAt(i int) (time.Month, int, bool) {
	mo, n := lookup(p, p.l.months, i)
	if n == 0 {
		return 0, 0, false
	}
	k := i + n
	if p.punct(k, "/") {
		if mo2, n2 := lookup(p, p.l.months, k+1); n2 > 0 && mo2 == mo {
			k += 1 + n2
		}
	}
	return mo, k, true
}

// midName reports whether token i is a capitalised word inside a sentence
// in a language that writes its months and weekdays in lower case: a name
// ("Domingo", "Mars"), not a date.
func (p *langParser) midName(i int) bool {
	return p.l.lowercase && i > 0 && p.isCapital(i)
}

func (p *langParser) date(i int) (storyfold.DateMention, int, bool) {
	refDay := day(p.ref.Time)
	known := p.ref.Known()
	if p.toks[i].Kind == nlp.Number {
		if m, next, ok := p.numeric(i); ok {
			return m, next, true
		}
		// "6 juin 2020", "am 23. Februar", "el 5 de marzo de 2021".
		if d, ok := p.dayAt(i); ok {
			k := i + 1
			if p.punct(k, ".") {
				k++
			}
			if p.has(p.l.link, k) {
				k++
			}
			if mo, k, ok := p.monthAt(k); ok {
				j := k
				if p.has(p.l.link, j) {
					j++
				}
				if y, ok := p.yearAt(j); ok {
					return p.fullIn(i, j+1, y, mo, d)
				}
				if m := p.yearFor(mo, d, refDay, known); known && m.IsZero() {
					return storyfold.DateMention{}, 0, false // 31 February
				}
				return p.mention(i, k, p.yearFor(mo, d, refDay, known), storyfold.GranularityDay, true), k, true
			}
		}
		// A year after a word that says so: "im Jahr 2020", "w 2020 roku".
		if y, ok := p.yearAt(i); ok && y >= 1900 && y <= 2100 && (p.has(p.l.yearBefore, i-1) || p.has(p.l.yearAfter, i+1)) {
			return p.mention(i, i+1, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), storyfold.GranularityYear, false), i + 1, true
		}
		return storyfold.DateMention{}, 0, false
	}
	if p.low[i] == "" {
		return storyfold.DateMention{}, 0, false
	}
	// "März 2020", "marzo de 2021", "im März", "Mart ayında", "Mart'ta".
	if mo, k, ok := p.monthAt(i); ok && !p.midName(i) {
		j := k
		if p.has(p.l.link, j) {
			j++
		}
		if y, ok := p.yearAt(j); ok {
			return p.mention(i, j+1, time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC), storyfold.GranularityMonth, false), j + 1, true
		}
		prev := i - 1
		if p.punct(prev, "-") { // "mi-mars"
			prev--
		}
		if p.has(p.l.before, prev) || p.has(p.l.after, k) || (p.suffixed[i] && p.isCapital(i)) {
			return p.mention(i, k, p.monthFor(mo, refDay, known), storyfold.GranularityMonth, true), k, true
		}
	}
	if wd, n := lookup(p, p.l.weekdays, i); n > 0 && !p.midName(i) && (len(p.l.weekdayNeeds) == 0 || p.has(p.l.weekdayNeeds, i-1)) && !p.besideDate(i, n) {
		t := past
		if p.has(p.l.future, i-1) || p.has(p.l.future, i+n) {
			t = future
		}
		var d time.Time
		if known {
			d = weekday(refDay, wd, t)
		}
		return p.mention(i, i+n, d, storyfold.GranularityDay, true), i + n, true
	}
	if off, n := lookup(p, p.l.relative, i); n > 0 {
		return p.mention(i, i+n, shift(refDay, known, 0, 0, off), storyfold.GranularityDay, true), i + n, true
	}
	return storyfold.DateMention{}, 0, false
}

// besideDate reports whether the weekday of n tokens at i names the day of
// a date written beside it ("lundi 3 février 2020", "21 Şubat 2020 Cuma
// günü", "10 stycznia 2020 /piątek/"): that date says the day, and the
// weekday is not a second one to be placed by tense.
func (p *langParser) besideDate(i, n int) bool {
	k := i + n
	if p.punct(k, ",") {
		k++
	}
	if _, ok := p.dayAt(k); ok {
		return true
	}
	k = i - 1
	for p.punct(k, ",") || p.punct(k, "/") || p.punct(k, "(") {
		k--
	}
	if _, ok := p.yearAt(k); ok {
		return true
	}
	_, _, ok := p.monthAt(k)
	return ok
}

// numeric reads a day-first date in figures with a four-digit year:
// "29.01.2020", "29/01/2020", "29-01-2020". Without the year such figures
// are versions, scores and times as often as dates, and are left.
func (p *langParser) numeric(i int) (storyfold.DateMention, int, bool) {
	start := int(p.toks[i].Start)
	if start > 0 {
		if c := p.text[start-1]; c == '.' || c == '/' || c == '-' || (c >= '0' && c <= '9') {
			return storyfold.DateMention{}, 0, false
		}
	}
	s := p.text[start:]
	d, n1 := leadingDigits(s, 1, 2)
	if n1 == 0 || n1 >= len(s) {
		return storyfold.DateMention{}, 0, false
	}
	sep := s[n1]
	if sep != '.' && sep != '/' && sep != '-' {
		return storyfold.DateMention{}, 0, false
	}
	mo, n2 := leadingDigits(s[n1+1:], 1, 2)
	at := n1 + 1 + n2
	if n2 == 0 || at >= len(s) || s[at] != sep {
		return storyfold.DateMention{}, 0, false
	}
	y, n3 := leadingDigits(s[at+1:], 4, 4)
	end := at + 1 + n3
	if n3 == 0 || (end < len(s) && (s[end] >= '0' && s[end] <= '9' || (s[end] == sep && end+1 < len(s) && s[end+1] >= '0' && s[end+1] <= '9'))) {
		return storyfold.DateMention{}, 0, false
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 2100 {
		return storyfold.DateMention{}, 0, false
	}
	j := i
	for j < len(p.toks) && int(p.toks[j].End) < start+end {
		j++
	}
	if j == len(p.toks) || int(p.toks[j].End) != start+end {
		return storyfold.DateMention{}, 0, false
	}
	return p.fullIn(i, j+1, y, time.Month(mo), d)
}

// leadingDigits reads min to max ASCII digits at the start of s.
func leadingDigits(s string, min, max int) (int, int) {
	n := 0
	for n < len(s) && n < max && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n < min {
		return 0, 0
	}
	v, _ := strconv.Atoi(s[:n])
	return v, n
}

// fullIn reads a complete date from the words the scan has read: the day,
// the month of the language's file and the year. go-dateparser, which reads
// these spans too (nlp.ParseDateIn), takes about 5 ms a span in these
// languages against microseconds here, and does not know the Levantine
// Arabic months; TestMonthsAgreeWithDateparser holds the files to its
// reading instead. A day the month does not have is no date.
func (p *langParser) fullIn(from, to, y int, mo time.Month, d int) (storyfold.DateMention, int, bool) {
	t := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	if t.Month() != mo {
		return storyfold.DateMention{}, 0, false
	}
	return p.mention(from, to, t, storyfold.GranularityDay, false), to, true
}
