package clean

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Wire credits. An article a news agency wrote carries the agency's name in
// a few set places: the dateline ("WASHINGTON (AP) —"), the byline ("By
// Jane Doe, Associated Press"), a line of its own ("AFP"), or a closing line
// ("The Associated Press contributed to this report."). The cleaner records
// the agencies on the article and removes those lines; an agency named in
// running text ("Reuters reported", "told The Associated Press") is a
// source the story cites, not a credit, and stays.
//
// A line that is only a credit is removed with the reason wire-credit. A
// dateline or byline that carries one keeps its own reason, dateline or
// byline, as that is what the piece is: the article's Dateline and Byline
// keep the place and the names without the agency, and the agency is
// recorded on Agencies all the same. The Reuters sign-off ("Reporting by
// ...; Editing by ...") credits Reuters without naming it: no other
// agency signs off that way.

//go:embed data/agencies.txt
var agenciesData string

//go:embed data/credit-lines.txt
var creditLinesData string

// agencyTable maps the forms an agency is credited under to its canonical
// name.
type agencyTable struct {
	exact map[string]string // short forms, as written
	fold  map[string]string // longer forms, lower case
}

// maxExactForm is the longest form matched only as written: abbreviations
// such as "AP" or "PA" are other things in other cases.
const maxExactForm = 5

func isExactForm(f string) bool { return len(f) <= maxExactForm && !strings.Contains(f, " ") }

// parseAgencies reads agencies.txt. A form listed twice (in any case, for
// the forms matched in any case) is an error: it would credit one of the
// two agencies at random.
func parseAgencies(data string) (agencyTable, error) {
	t := agencyTable{exact: map[string]string{}, fold: map[string]string{}}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		forms := strings.Split(line, "|")
		canon := strings.TrimSpace(forms[0])
		for _, f := range forms {
			f = strings.TrimSpace(f)
			if f == "" || len(f) > 60 {
				return t, fmt.Errorf("agencies line %d: empty or overlong form %q", n+1, f)
			}
			if low := strings.ToLower(f); strings.HasPrefix(low, "the ") {
				f = f[len("the "):]
			}
			m, key := t.fold, strings.ToLower(f)
			if isExactForm(f) {
				m, key = t.exact, f
			}
			if _, dup := m[key]; dup {
				return t, fmt.Errorf("agencies line %d: %q listed twice", n+1, f)
			}
			m[key] = canon
		}
	}
	return t, nil
}

var agencies = func() agencyTable {
	t, err := parseAgencies(agenciesData)
	if err != nil {
		panic(fmt.Errorf("clean: embedded agency list: %w", err))
	}
	return t
}()

// agency returns the canonical name of the agency s names, s being nothing
// but the name ("AP", "The Associated Press", "REUTERS").
func (t agencyTable) agency(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		s = strings.TrimSpace(s[4:])
	}
	if s == "" {
		return "", false
	}
	if c, ok := t.exact[s]; ok {
		return c, true
	}
	if len(s) <= maxExactForm && !strings.Contains(s, " ") {
		return "", false
	}
	// Lower-case ASCII in a buffer on the stack: the lookup runs for
	// every short line, and the map index of a converted byte slice does
	// not allocate.
	var buf [64]byte
	if len(s) > len(buf) {
		return "", false // longer than any form
	}
	b := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			c, ok := t.fold[strings.ToLower(s)]
			return c, ok
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	c, ok := t.fold[string(b)]
	return c, ok
}

// group returns the agencies of a credit that names one or several ("AP",
// "AP/Reuters", "Reuters and AFP"), or nil when any part is not an agency.
func (t agencyTable) group(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 80 {
		return nil
	}
	var out []string
	for s != "" {
		i := strings.IndexAny(s, "/,&;+")
		j := strings.Index(s, " and ")
		part, rest := s, ""
		switch {
		case j >= 0 && (i < 0 || j < i):
			part, rest = s[:j], s[j+len(" and "):]
		case i >= 0:
			part, rest = s[:i], s[i+1:]
		}
		c, ok := t.agency(part)
		if !ok {
			return nil
		}
		out = append(out, c)
		s = strings.TrimSpace(rest)
	}
	return out
}

// creditForm is a form of credit-lines.txt: the lower-case text before the
// agency, the pattern after it, or a whole pattern with a fixed agency.
type creditForm struct {
	before, after  string // around {agency}; after may hold '*'
	pattern, fixed string
	// low and lit are before, and after up to its first '*' (the text
	// the agency must be followed by), as bytes to find in the line's
	// lower-case bytes.
	low, lit []byte
}

func parseCreditForms(data string) ([]creditForm, error) {
	var out []creditForm
	seen := map[string]bool{}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if seen[line] {
			return nil, fmt.Errorf("credit-lines line %d: %q listed twice", n+1, line)
		}
		if pat, _, _ := strings.Cut(line, "=>"); strings.ToLower(pat) != pat {
			return nil, fmt.Errorf("credit-lines line %d: %q is not in lower case", n+1, line)
		}
		for i := 0; i < len(line); i++ {
			if line[i] >= utf8.RuneSelf {
				// wireCreditLine matches the forms in the line with only
				// A-Z lowered, which finds every match of an ASCII form.
				return nil, fmt.Errorf("credit-lines line %d: %q is not ASCII", n+1, line)
			}
		}
		seen[line] = true
		if pat, name, ok := strings.Cut(line, "=>"); ok {
			name = strings.TrimSpace(name)
			if _, known := agencies.agency(name); !known {
				return nil, fmt.Errorf("credit-lines line %d: %q is not in the agency list", n+1, name)
			}
			out = append(out, creditForm{pattern: strings.TrimSpace(pat), fixed: name})
			continue
		}
		before, after, ok := strings.Cut(line, "{agency}")
		if !ok {
			return nil, fmt.Errorf("credit-lines line %d: no {agency} and no fixed agency", n+1)
		}
		if strings.Contains(before, "*") {
			return nil, fmt.Errorf("credit-lines line %d: '*' before {agency}", n+1)
		}
		if after != "" && after[0] == '*' {
			return nil, fmt.Errorf("credit-lines line %d: '*' right after {agency}", n+1)
		}
		lit, _, _ := strings.Cut(after, "*")
		out = append(out, creditForm{before: before, after: after, low: []byte(before), lit: []byte(lit)})
	}
	return out, nil
}

var creditForms = func() []creditForm {
	fs, err := parseCreditForms(creditLinesData)
	if err != nil {
		panic(fmt.Errorf("clean: embedded credit lines: %w", err))
	}
	return fs
}()

// hasPrefixFold reports whether s starts with prefix, ASCII case ignored.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// indexFold is strings.Index with ASCII case ignored, for a lower-case sub.
func indexFold(s, sub string) int {
	if sub == "" {
		return 0
	}
	c0 := sub[0]
	up := c0
	if 'a' <= c0 && c0 <= 'z' {
		up = c0 - 'a' + 'A'
	}
	// For an ASCII sub, an equal-fold match is ASCII too, so its second
	// byte is sub's in either case: a cheap test before EqualFold, which
	// a sub opening with a space would otherwise call at every word.
	ascii := true
	for i := 0; i < len(sub); i++ {
		ascii = ascii && sub[i] < utf8.RuneSelf
	}
	var c1, up1 byte
	if ascii && len(sub) > 1 {
		c1, up1 = sub[1], sub[1]
		switch {
		case 'a' <= c1 && c1 <= 'z':
			up1 = c1 - 'a' + 'A'
		case 'A' <= c1 && c1 <= 'Z':
			up1 = c1 - 'A' + 'a'
		}
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if (s[i] == c0 || s[i] == up) && (c1 == 0 || s[i+1] == c1 || s[i+1] == up1) && strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// glob reports whether s matches a lower-case pattern, ASCII case ignored,
// where '*' matches any text.
func glob(pattern, s string) bool {
	first, rest, star := strings.Cut(pattern, "*")
	if !star {
		return strings.EqualFold(pattern, s)
	}
	if !hasPrefixFold(s, first) {
		return false
	}
	s = s[len(first):]
	for {
		part, more, star := strings.Cut(rest, "*")
		if !star {
			// The last part ends s.
			return len(s) >= len(part) && strings.EqualFold(s[len(s)-len(part):], part)
		}
		i := indexFold(s, part)
		if i < 0 {
			return false
		}
		s, rest = s[i+len(part):], more
	}
}

// creditTrim is what surrounds a credit line without being part of it.
const creditTrim = " -–—•*|·()[].:"

// wireCreditLine returns the agencies a line credits when the line is
// nothing but a wire credit ("AFP", "— Reuters", "By The Associated
// Press", "The Associated Press contributed to this report.", "(Reporting
// by ...; Editing by ...)"), or nil.
func wireCreditLine(s string) []string {
	s = strings.Trim(s, creditTrim)
	if s == "" || len(s) > 400 {
		return nil
	}
	if strings.Contains(s, "’") {
		s = strings.ReplaceAll(s, "’", "'")
	}
	if ag := contributors(s); ag != nil {
		return ag
	}
	// The forms are lower case and ASCII, so a match ignoring case is an
	// ASCII stretch of the line: they are searched for in the line with
	// only A-Z lowered, which finds what hasPrefixFold and indexFold
	// would, with the library's fast search and no allocation.
	var buf [400]byte
	low := buf[:len(s)]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	for _, f := range creditForms {
		if f.fixed != "" {
			if glob(f.pattern, s) {
				return []string{f.fixed}
			}
			continue
		}
		if !bytes.HasPrefix(low, f.low) {
			continue
		}
		rest, lowRest := s[len(f.before):], low[len(f.before):]
		if f.after == "" {
			if ag := agencies.group(rest); ag != nil {
				return ag
			}
			continue
		}
		// The agency is the text up to the first place the rest of the
		// form matches from.
		for from := 0; from < len(rest); {
			i := bytes.Index(lowRest[from:], f.lit)
			if i < 0 {
				break
			}
			i += from
			if glob(f.after, rest[i:]) {
				if ag := agencies.group(rest[:i]); ag != nil {
					return ag
				}
			}
			from = i + 1
		}
	}
	return nil
}

// contributors returns the agencies among the contributors a closing
// line lists with others: "Staff Writer Jane Doe and The Associated Press
// contributed to this report."
func contributors(s string) []string {
	end := indexFold(s, " contributed to this ")
	if end < 0 || strings.IndexByte(s[:end], '"') >= 0 {
		return nil
	}
	var out []string
	rest := s[:end]
	for rest != "" {
		i := strings.Index(rest, ", ")
		j := strings.Index(rest, " and ")
		part, size := rest, 0
		switch {
		case j >= 0 && (i < 0 || j < i):
			part, size = rest[:j], len(" and ")
		case i >= 0:
			part, size = rest[:i], len(", ")
		}
		if c, ok := agencies.agency(strings.TrimPrefix(part, "and ")); ok {
			out = append(out, c)
		}
		rest = rest[min(len(rest), len(part)+size):]
	}
	return out
}

// bylineCredit splits the agency off a byline's names: "Jill Colvin and
// Zeke Miller, Associated Press" gives the names and the agency, "Jane Doe
// | AP" and "Jane Doe (Reuters)" too. The names are "" for a byline that
// is only an agency.
func bylineCredit(names string) (string, []string) {
	if ag := agencies.group(strings.Trim(names, creditTrim)); ag != nil {
		return "", ag
	}
	if strings.HasSuffix(names, ")") {
		if i := strings.LastIndexByte(names, '('); i > 0 {
			if ag := agencies.group(names[i+1 : len(names)-1]); ag != nil {
				return strings.TrimRight(names[:i], " ,;|-–—"), ag
			}
		}
	}
	cut, size := -1, 0
	for _, sep := range []string{", ", " | ", " - ", " – ", " — ", " for ", "; "} {
		if i := strings.LastIndex(names, sep); i > cut {
			cut, size = i, len(sep)
		}
	}
	if cut <= 0 {
		return names, nil
	}
	if ag := agencies.group(names[cut+size:]); ag != nil {
		return strings.TrimRight(names[:cut], " ,;|-–—"), ag
	}
	return names, nil
}

// datelineCredit splits the agency in brackets off the end of a dateline's
// head: "WASHINGTON (AP)" gives "WASHINGTON" and the agency, "LONDON, Feb
// 12 (Reuters)" gives "LONDON, Feb 12", "(Reuters)" gives "". A bracket
// that names no agency ("(CNN)") is not a credit.
func datelineCredit(head string) (string, []string) {
	head = strings.TrimSpace(head)
	if !strings.HasSuffix(head, ")") {
		return head, nil
	}
	i := strings.LastIndexByte(head, '(')
	if i < 0 {
		return head, nil
	}
	ag := agencies.group(head[i+1 : len(head)-1])
	if ag == nil {
		return head, nil
	}
	return strings.TrimRight(head[:i], " ,"), ag
}

// isCreditedPlace reports whether the head of a dateline whose credit is
// cut off can be a place and a date ("Denver", "KYIV, Ukraine", "April
// 29", "LONDON, Feb. 12", "") when it is not in capitals: a few words, each
// capitalised or a number. The credit is what makes it a dateline.
func isCreditedPlace(s string) bool {
	n := 0
	for rest := s; rest != ""; {
		var w string
		w, rest = cutField(rest)
		w = strings.Trim(w, ",.")
		if w == "" {
			continue
		}
		if n++; n > 6 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// trailingCredit splits a credit off the end of a closing paragraph: "...
// into the country. PTI" or "... on Monday. (AFP)". It returns the kept
// text, the credit, and the agencies.
func trailingCredit(s string) (string, string, []string) {
	if len(s) < 2 {
		return s, "", nil
	}
	// The credit is the last few words after the last sentence end.
	end := strings.TrimRight(s, creditTrim)
	if end == "" {
		return s, "", nil
	}
	cut := -1
	for i := len(end) - 1; i > 0 && len(end)-i <= 40; i-- {
		if end[i] != ' ' {
			continue
		}
		prev := strings.TrimRight(end[:i], " -–—(")
		if last := strings.TrimRight(prev, "\"'”’)"); strings.HasSuffix(last, ".") || strings.HasSuffix(last, "!") || strings.HasSuffix(last, "?") {
			cut = len(prev)
			break
		}
	}
	if cut <= 0 {
		return s, "", nil
	}
	credit := strings.TrimSpace(s[cut:])
	ag := agencies.group(strings.Trim(credit, creditTrim))
	if ag == nil || wordsUpTo(s[:cut], 3) < 3 {
		return s, "", nil
	}
	return s[:cut], credit, ag
}

// addAgencies merges agencies into a sorted, distinct list, returning a new
// slice so that articles of earlier passes keep theirs.
func addAgencies(list []string, more ...string) []string {
	if len(more) == 0 {
		return list
	}
	out := make([]string, 0, len(list)+len(more))
	out = append(out, list...)
	out = append(out, more...)
	slices.Sort(out)
	return slices.Compact(out)
}
