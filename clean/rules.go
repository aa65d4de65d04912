package clean

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// maxBoilerplateWords bounds the lines the phrase rules judge: a call to
// action or a share bar is short, and a long paragraph that happens to say
// "subscribe" is story text.
const maxBoilerplateWords = 30

// phraseRule drops a short line whose lower-case form starts with, equals or
// contains a phrase.
type phraseRule struct {
	reason   storyfold.RemovalReason
	equal    []string
	prefix   []string
	contains []string
	// The same phrases indexed for matches, which runs on every short
	// line: the equal ones as a set, the others by their first byte, so
	// that a line is read once for all the phrases it could hold rather
	// than searched once for each.
	equalSet             map[string]bool
	prefixBy, containsBy [256][]string
}

// index fills in the rule's indexes from its lists.
func (r *phraseRule) index() {
	r.equalSet = make(map[string]bool, len(r.equal))
	for _, e := range r.equal {
		r.equalSet[e] = true
	}
	for _, p := range r.prefix {
		r.prefixBy[p[0]] = append(r.prefixBy[p[0]], p)
	}
	for _, c := range r.contains {
		r.containsBy[c[0]] = append(r.containsBy[c[0]], c)
	}
}

// phraseRules are the boilerplate phrases of data/boilerplate, one file a
// language, every language's applied to every line: a line that is only
// "Teilen" or "Lire aussi : ..." is boilerplate in any article. The rules
// are tried in the order of reasonOrder.
var phraseRules = loadPhraseRules()

// reasonOrder is the order the phrase rules are tried in: a line that
// matches two is given the first's reason.
var reasonOrder = []storyfold.RemovalReason{storyfold.RemovedListen, storyfold.RemovedPromo, storyfold.RemovedShare, storyfold.RemovedCredit}

//go:embed data/boilerplate/*.txt
var boilerplateFiles embed.FS

// loadPhraseRules reads the boilerplate lists. A malformed line is a bug in
// the embedded data, caught by the tests, so it panics.
func loadPhraseRules() []phraseRule {
	rules := make([]phraseRule, len(reasonOrder))
	for i, r := range reasonOrder {
		rules[i].reason = r
	}
	entries, err := boilerplateFiles.ReadDir("data/boilerplate")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		data, err := boilerplateFiles.ReadFile("data/boilerplate/" + e.Name())
		if err != nil {
			panic(err)
		}
		for n, line := range strings.Split(string(data), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			reason, kind, phrase, ok := splitRule(line)
			r := slices.Index(reasonOrder, storyfold.RemovalReason(reason))
			if !ok || r < 0 {
				panic(fmt.Sprintf("clean: data/boilerplate/%s:%d: want reason, match and phrase, tab-separated: %q", e.Name(), n+1, line))
			}
			switch kind {
			case "equal":
				rules[r].equal = append(rules[r].equal, phrase)
			case "prefix":
				rules[r].prefix = append(rules[r].prefix, phrase)
			case "contains":
				rules[r].contains = append(rules[r].contains, phrase)
			default:
				panic(fmt.Sprintf("clean: data/boilerplate/%s:%d: unknown match %q", e.Name(), n+1, kind))
			}
		}
	}
	for i := range rules {
		rules[i].index()
	}
	return rules
}

// splitRule splits a boilerplate line into its three tab-separated fields.
func splitRule(line string) (reason, kind, phrase string, ok bool) {
	f := strings.Split(line, "\t")
	if len(f) != 3 || f[2] == "" || strings.ToLower(f[2]) != f[2] {
		return "", "", "", false
	}
	return f[0], f[1], f[2], true
}

// classifyLine returns the removal reason for a boilerplate line, or "", and
// a value lifted from it: the byline's names, the publication line's date
// text, or the outlet a call to action or copyright line names.
//
// A line that credits a news agency also returns the agencies: a line that
// is only a credit ("AFP", "The Associated Press contributed to this
// report.", an agency's copyright) has the reason wire-credit, a byline
// that ends with an agency ("By Jane Doe, Associated Press") stays a byline
// whose value is the names.
func classifyLine(s string) (reason storyfold.RemovalReason, value string, credited []string) {
	n := wordsUpTo(s, maxBoilerplateWords)
	if n == 0 || n > maxBoilerplateWords {
		return "", "", nil
	}
	if ag := wireCreditLine(s); ag != nil {
		return storyfold.RemovedWireCredit, "", ag
	}
	lower := strings.ToLower(strings.Trim(s, " -–—•*|·"))
	lower = strings.ReplaceAll(lower, "’", "'")
	if by, ok := byline(s, lower, n); ok {
		names, ag := bylineCredit(by)
		if names == "" {
			return storyfold.RemovedWireCredit, "", ag
		}
		return storyfold.RemovedByline, names, ag
	}
	if d, ok := publishedLine(s, lower, n); ok {
		return storyfold.RemovedPublished, d, nil
	}
	for i := range phraseRules {
		rule := &phraseRules[i]
		if matches(lower, rule) {
			hint := outletHint(s, lower)
			if rule.reason == storyfold.RemovedCredit && hint != "" {
				if c, ok := agencies.agency(hint); ok {
					return storyfold.RemovedWireCredit, hint, []string{c}
				}
			}
			return rule.reason, hint, nil
		}
	}
	if isShareBar(lower) {
		return storyfold.RemovedShare, "", nil
	}
	return "", "", nil
}

// matches reports whether a lower-case line is one of the rule's equal
// phrases (its final . : ! aside), starts with one of its prefixes or
// contains one of its phrases.
func matches(lower string, r *phraseRule) bool {
	if r.equalSet[strings.TrimRight(lower, ".:!")] {
		return true
	}
	if lower == "" {
		return false // phrases are never empty
	}
	for _, p := range r.prefixBy[lower[0]] {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	for i := 0; i < len(lower); i++ {
		for _, c := range r.containsBy[lower[i]] {
			if strings.HasPrefix(lower[i:], c) {
				return true
			}
		}
	}
	return false
}

func isShareSeparator(r rune) bool {
	return unicode.IsSpace(r) || r == '|' || r == '/' || r == ',' || r == '·' || r == '•'
}

// socialWords are the names a share bar is made of.
var socialWords = map[string]bool{
	"facebook": true, "twitter": true, "x": true, "linkedin": true, "whatsapp": true, "email": true, "e-mail": true, "reddit": true,
	"print": true, "copy": true, "link": true, "share": true, "telegram": true, "pinterest": true, "messenger": true, "flipboard": true,
	"tumblr": true, "mail": true, "sms": true, "threads": true, "bluesky": true, "comments": true, "comment": true, "tweet": true,
}

// isShareBar reports whether a line is nothing but social network names.
func isShareBar(lower string) bool {
	n, from := 0, 0
	social := func(f string) bool {
		if f == "" {
			return true
		}
		n++
		return socialWords[f]
	}
	for i := 0; i < len(lower); {
		r, size := utf8.DecodeRuneInString(lower[i:])
		if isShareSeparator(r) {
			if !social(lower[from:i]) {
				return false
			}
			from = i + size
		}
		i += size
	}
	return social(lower[from:]) && n >= 2
}

// outletHint returns the outlet a boilerplate line names: "Discover more
// from Today's Esquire", "© 2025 The Herald", "Copyright 2025 Reuters. All
// rights reserved."
func outletHint(s, lower string) string {
	for _, p := range []string{"discover more from ", "more from ", "subscribe to "} {
		if strings.HasPrefix(lower, p) {
			name := strings.TrimSpace(s[len(p):])
			name = strings.TrimRight(name, ".!:")
			if isOutletName(name) {
				return name
			}
			return ""
		}
	}
	if strings.HasPrefix(lower, "©") || strings.HasPrefix(lower, "copyright") || strings.HasPrefix(lower, "(c) ") {
		rest := s
		for _, p := range []string{"Copyright", "copyright", "COPYRIGHT", "©", "(c)", "(C)"} {
			rest = strings.TrimSpace(strings.TrimPrefix(rest, p))
		}
		// Skip the year.
		rest = strings.TrimLeft(rest, "0123456789-– ,")
		if i := strings.IndexAny(rest, ".|"); i >= 0 {
			rest = rest[:i]
		}
		rest = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "All rights reserved"))
		if isOutletName(rest) {
			return rest
		}
	}
	return ""
}

// isOutletName reports whether s can be an outlet's name: a few words, the
// first capitalised, not a sentence.
func isOutletName(s string) bool {
	n := words(s)
	return n >= 1 && n <= 6 && len(s) <= 60 && nlp.IsCapitalized(s) && !endsSentence(s)
}

// byline recognises "By Jane Doe", "By JANE DOE and John Roe, Reuters",
// "Written by Jane Doe".
func byline(s, lower string, n int) (string, bool) {
	var rest string
	switch {
	case strings.HasPrefix(lower, "by "):
		rest = strings.TrimSpace(s[strings.Index(strings.ToLower(s), "by ")+3:])
	case strings.HasPrefix(lower, "written by "), strings.HasPrefix(lower, "words by "), strings.HasPrefix(lower, "author: "):
		i := strings.Index(lower, " ")
		if strings.HasPrefix(lower, "written by ") || strings.HasPrefix(lower, "words by ") {
			i = strings.Index(lower, "by ") + 2
		}
		rest = strings.TrimSpace(s[i+1:])
	default:
		return "", false
	}
	if n > 12 || rest == "" || endsWithPeriod(rest) {
		return "", false
	}
	// Every word of the names is capitalised, or a joining word.
	for _, w := range strings.Fields(rest) {
		w = strings.Trim(w, ",;|")
		switch strings.ToLower(w) {
		case "and", "&", "in", "for", "of", "the", "de", "van", "von", "da", "-", "–", "":
			continue // "" is a separator the trim emptied ("|")
		}
		if !nlp.IsCapitalized(w) {
			return "", false
		}
	}
	return strings.Trim(rest, " ,;|"), true
}

// publishedLine recognises "Published 3:45 PM ET, Wed February 12, 2025",
// "Updated: Feb 13, 2025", "Posted on 2025-02-13" and returns the date text.
func publishedLine(s, lower string, n int) (string, bool) {
	if n > 16 {
		return "", false
	}
	for _, p := range []string{"published on", "published:", "published", "updated on", "updated:", "updated", "last updated", "posted on", "posted:", "posted", "first published"} {
		if strings.HasPrefix(lower, p) {
			rest := strings.TrimSpace(strings.TrimLeft(s[len(p):], ": "))
			if !hasDigit(rest) {
				return "", false
			}
			// Only a line that is a date and nothing else: "Updated
			// figures show 5% more" is story text.
			if _, ok := nlp.ParseDate(rest); ok || strings.HasSuffix(strings.ToLower(rest), " ago") {
				return rest, true
			}
			return "", false
		}
	}
	return "", false
}

func hasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}

// isBreadcrumb reports whether a line above the headline is a section label
// or a breadcrumb trail: a short bullet ("- World"), a label ("Region:"), or
// a trail of capitalised names separated by > » / |.
func isBreadcrumb(s string) bool {
	n := words(s)
	if n == 0 || n > 10 {
		return false
	}
	body := s
	bullet := false
	for _, p := range []string{"- ", "• ", "* ", "· ", "– "} {
		if strings.HasPrefix(body, p) || body == strings.TrimSpace(p) {
			body = strings.TrimSpace(strings.TrimPrefix(body, strings.TrimSpace(p)))
			bullet = true
			break
		}
	}
	if bullet && words(body) <= 4 {
		return true
	}
	if strings.HasSuffix(body, ":") && words(body) <= 3 {
		return true
	}
	for _, sep := range []string{" > ", " » ", " / ", " | ", " › "} {
		if strings.Count(body, sep) >= 1 && n <= 10 && !endsSentence(body) {
			parts := strings.Split(body, strings.TrimSpace(sep))
			all := true
			for _, part := range parts {
				part = strings.TrimSpace(part)
				if part == "" || words(part) > 3 || !nlp.IsCapitalized(part) {
					all = false
					break
				}
			}
			if all {
				return true
			}
		}
	}
	return false
}

// journalismWords mark a biography of the article's author.
var journalismWords = []string{"writer", "editor", "journalist", "reporter", "correspondent", "columnist", "contributor", "author",
	"producer", "covers ", "covering ", "news desk", "freelance", "staff writer", "has written for", "his work has", "her work has"}

// isAuthorBio reports whether a paragraph at the end of an article is the
// author's biography: it opens with a name and says what the person does.
func isAuthorBio(s string) bool {
	if len(s) >= 16 && strings.EqualFold(s[:16], "about the author") {
		return true
	}
	// The name: two to four capitalised words at the start.
	var buf [6]string
	fields := buf[:0]
	for rest := s; rest != "" && len(fields) < len(buf); {
		var f string
		if f, rest = cutField(rest); f != "" {
			fields = append(fields, f)
		}
	}
	k := 0
	for k < len(fields) && k < 4 && nlp.IsCapitalized(fields[k]) && !strings.HasSuffix(fields[k], ",") {
		k++
	}
	if k < 2 || k >= len(fields) {
		return false
	}
	verb := strings.ToLower(strings.Join(fields[k:min(k+2, len(fields))], " "))
	if !(strings.HasPrefix(verb, "is a") || strings.HasPrefix(verb, "is an ") || strings.HasPrefix(verb, "is the") ||
		strings.HasPrefix(verb, "has been") || strings.HasPrefix(verb, "covers") || strings.HasPrefix(verb, "writes") ||
		strings.HasPrefix(verb, "reports") || strings.HasPrefix(verb, "joined")) {
		return false
	}
	// What the person does must be journalism, in the first sentence.
	first := s
	if i := strings.Index(first, ". "); i > 0 {
		first = first[:i]
	}
	first = strings.ToLower(first)
	for _, w := range journalismWords {
		if strings.Contains(first, w) {
			return true
		}
	}
	return false
}

// splitDateline splits a dateline off the start of a paragraph:
// "BRUSSELS, Belgium – A surprise..." gives "BRUSSELS, Belgium" and "A
// surprise...". The place is written in capitals, may be followed by a
// region, a date and an agency in brackets, and ends with a dash.
func splitDateline(s string) (dateline, rest string) {
	const minDatelineText = 4
	const maxDateline = 80
	limit := min(len(s), maxDateline)
	// Find the dash.
	dash, dashLen := -1, 0
	for i := 0; i < limit; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == '–' || r == '—' || r == '-') && i > 0 && s[i-1] == ' ' && i+size < len(s) && s[i+size] == ' ' {
			dash, dashLen = i, size
			break
		}
		// Bloomberg's "(Bloomberg) -- Oil fell".
		if r == '-' && i > 0 && s[i-1] == ' ' && i+2 < len(s) && s[i+1] == '-' && s[i+2] == ' ' {
			dash, dashLen = i, 2
			break
		}
		i += size
	}
	if dash < 0 {
		return "", s
	}
	head := strings.TrimSpace(s[:dash])
	// A head that ends with an agency's credit is a dateline when the rest
	// is a place or a date in any case ("Denver (AP)", "April 29 (UPI)"),
	// or nothing ("(Reuters)").
	if bare, ag := datelineCredit(head); ag == nil || !isCreditedPlace(bare) {
		// The place: the first word in capitals (NEW YORK, BRUSSELS).
		place := head
		if i := strings.IndexAny(place, ",("); i >= 0 {
			place = strings.TrimSpace(place[:i])
		}
		if place == "" || words(place) > 4 || !isUpperWords(place) {
			return "", s
		}
		// The rest of the head: region words, a date, an agency in brackets.
		tail := head[len(place):]
		if words(tail) > 8 {
			return "", s
		}
	}
	// A dateline opens running text, never a line that is itself a label
	// or a call to action.
	rest = strings.TrimSpace(s[dash+dashLen:])
	if r, _ := utf8.DecodeRuneInString(rest); words(rest) < minDatelineText || !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'", r)) || isBreadcrumb(rest) {
		return "", s
	}
	if reason, _, _ := classifyLine(rest); reason != "" {
		return "", s
	}
	return head, rest
}

// isUpperWords reports whether every letter of s is upper case and s has at
// least two letters.
func isUpperWords(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		} else if r != ' ' && r != '.' && r != '-' && r != '\'' {
			return false
		}
	}
	return letters >= 2
}

// SourceHint returns the outlet the text names in its boilerplate ("Discover
// more from Today's Esquire", "© 2025 The Herald"), or "". Readers call it
// before cleaning so that lines an outlet repeats can be counted per outlet;
// it looks only at lines short enough to be boilerplate.
func SourceHint(text string) string {
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if len(line) > 200 {
			continue
		}
		line = cleanSpaces(line)
		if line == "" {
			continue
		}
		lower := strings.ToLower(strings.Trim(line, " -–—•*|·"))
		if hint := outletHint(line, strings.ReplaceAll(lower, "’", "'")); hint != "" {
			return hint
		}
	}
	return ""
}
