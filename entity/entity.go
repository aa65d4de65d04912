// Package entity finds the people, organisations and places an article
// names, and merges them across the articles of a story: a surname with the
// full name ("Hegseth" and "Pete Hegseth"), spelling variants of one name
// ("Zelensky" and "Zelenskyy"), with the titles that stood before a name
// kept as the person's roles ("Defense Secretary").
//
// It is a fast method of its own, with no tagger: runs of capitalised words
// read against small gazetteers (places, demonyms, titles, organisation
// words) and context cues (a title before a name, a speech verb after it).
package entity

import (
	"bytes"
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// Mention is one place an article names an entity.
type Mention struct {
	Name string // the name without titles or possessive
	Type storyfold.EntityType
	Role string // the title before the name, if any
	Span storyfold.Span
}

// Finder finds mentions. It reuses buffers and is not safe for concurrent
// use: give each worker its own.
type Finder struct {
	toks  []nlp.Token
	words []string        // the words of the run mentions reads
	lower map[string]bool // words the current text writes in lower case
	lang  string          // the language of the text (lang.go)
	// employers are the one-word organisations the text names after a job
	// noun and "at" (en.go): its other mentions alone are them too.
	employers []string
	// acronyms are the acronyms the text writes, collected from allToks
	// of text when first asked for (en.go).
	acronyms map[string]bool
	text     string
	allToks  []nlp.Token
}

// NewFinder returns a finder.
func NewFinder() *Finder { return &Finder{} }

// Find returns the mentions of an article's text, in order. Sentences are
// the article's sentence spans: a capitalised word opening a sentence is a
// name only if it reads as one.
func (f *Finder) Find(text string, sentences []storyfold.Span) []Mention {
	return f.FindTokens(text, nil, sentences)
}

// FindTokens is Find given the text's tokens (nlp.Tokenize of the whole
// text, as an article carries them), so that the text is not tokenised
// again; nil tokens are read from the text. The tokens are only read.
func (f *Finder) FindTokens(text string, toks []nlp.Token, sentences []storyfold.Span) []Mention {
	var out []Mention
	if toks == nil {
		f.toks = nlp.Tokenize(f.toks[:0], text)
		toks = f.toks
	}
	lowerSeen := f.lowerWords(text, toks)
	f.employers = f.employers[:0]
	f.acronyms = nil // collected when a run first has an "and" to read (en.go)
	f.text, f.allToks = text, toks
	// Each sentence reads its slice of the text's tokens: tokens never
	// span the space between sentences.
	i := 0
	for _, s := range sentences {
		for i < len(toks) && int(toks[i].Start) < s.Start {
			i++
		}
		j := i
		for j < len(toks) && int(toks[j].End) <= s.End {
			j++
		}
		out = f.sentence(out, text, toks[i:j], lowerSeen)
		i = j
	}
	if len(f.employers) > 0 {
		employers(out, f.employers)
	}
	f.text, f.allToks = "", nil // the text is the caller's: keep none of it
	if f.lang == "de" {         // nouns are capitalised: names need evidence (lang.go)
		out = f.german(text, out)
	} else if r := romanceBy[f.lang]; r != nil { // names need evidence (lang_romance.go)
		out = f.romance(r, text, out)
	}
	return out
}

// lowerWords collects the words the text writes in lower case: a
// capitalised word that also appears in lower case is a common word when it
// opens a sentence ("Officials", "Russian" aside).
func (f *Finder) lowerWords(text string, toks []nlp.Token) map[string]bool {
	if f.lower == nil {
		f.lower = make(map[string]bool, 512)
	}
	clear(f.lower)
	seen := f.lower
	for _, t := range toks {
		if t.Kind == nlp.Word {
			w := t.Text(text)
			if !nlp.IsCapitalized(w) {
				seen[w] = true
			}
		}
	}
	return seen
}

func (f *Finder) sentence(out []Mention, text string, toks []nlp.Token, lowerSeen map[string]bool) []Mention {
	word := func(i int) string { return toks[i].Text(text) }
	// The first token that is not punctuation: a run starting at or
	// before it has only punctuation before it. Found once, not for each
	// run, which a sentence opening with much punctuation made quadratic.
	firstWord := 0
	for firstWord < len(toks) && toks[firstWord].Kind == nlp.Punct {
		firstWord++
	}
	capital := func(i int) bool {
		return i < len(toks) && toks[i].Kind == nlp.Word && !strings.HasPrefix(word(i), "'") &&
			nlp.IsNameWord(word(i))
	}
	// dated reports whether the word at k abbreviates a month or a weekday
	// with its period and a numeral after it ("Dec. 1, 2017"): a date,
	// never a name, though "Jan" alone may be one.
	dated := func(k int) bool {
		return k+2 < len(toks) && word(k+1) == "." && toks[k+1].Start == toks[k].End &&
			toks[k+2].Kind == nlp.Number && nlp.IsDateAbbreviation(word(k))
	}
	// placeOrOrgAhead reports whether the capitalised run at k is a place
	// or an organisation: "Putin of Russia", "Alan Brinkley of Columbia
	// University" end before "of".
	placeOrOrgAhead := func(k int) bool {
		e := k
		for e < len(toks) && capital(e) {
			e++
		}
		return nlp.IsPlace(word(k)) || nlp.IsOrgWord(word(e-1)) || nlp.IsPlace(text[toks[k].Start:toks[e-1].End])
	}
	orgTail := -1 // the end of a run read as an organisation's name after "on"
	origin := -1  // where the origin after a person's name and "of" starts
	for i := 0; i < len(toks); {
		if !capital(i) || dated(i) {
			i++
			continue
		}
		// A run of capitalised words, with "of", "de", "von", "al" inside
		// ("Secretary of Defense", "Ursula von der Leyen").
		j := i + 1
		of := -1    // where "of" joined the run, unless a title stood before it
		forAt := -1 // where an organisation's "for" joined the run
		acronymed := false
		for j < len(toks) {
			// A middle or first initial: "Thomas R. Carper", "W. Douglas
			// Parker". Without it the run ended at the period and the
			// speaker was "Thomas" (one capital letter, its period glued).
			if middleInitial(word, toks, j+1) && capital(j+2) && !endsPossessive(word(j-1)) {
				j += 3
				continue
			}
			if j == i+1 && middleInitial(word, toks, j) && capital(j+1) {
				j += 2
				continue
			}
			if capital(j) && !endsPossessive(word(j-1)) && !nlp.IsNotAName(word(j)) && !dated(j) {
				if _, given := nlp.GivenName(word(j)); given && of >= 0 && j > of+1 {
					break // "the District of Columbia Joseph diGenova": a name after a place
				}
				if _, given := nlp.GivenName(word(j)); forAt >= 0 && (given || nlp.IsTitleWord(word(j)) && capital(j+1)) {
					break // "National Organization for Women President Terry O'Neill", not "... Arizona Policy"
				}
				j++ // a day or a month ends a name: "Hillary Clinton Wednesday"
				continue
			}
			// A hyphenated name: "Jean-Noël Barrot".
			if j+1 < len(toks) && word(j) == "-" && toks[j].Start == toks[j-1].End && toks[j+1].Start == toks[j].End && capital(j+1) &&
				!nlp.IsPlace(word(j-1)) { // "US-Russia relations": two places

				j += 2
				continue
			}
			// "for" after an organisation's word, and an "and" after it,
			// go on in its name: "Centre for Disease Control", "Centers
			// for Disease Control and Prevention" (en.go).
			if f.english() && word(j) == "and" && forAt < 0 {
				if e := f.acronymAnd(word, capital, i, j); e > j {
					j = e // "Customs and Border Protection" in a text that writes "CBP"
					acronymed = true
					continue
				}
			}
			if f.english() && orgForAt(word, capital, i, j, forAt) {
				if word(j) == "for" {
					forAt = j
				}
				j += 2
				continue
			}
			// Connectors, possibly several: "Ursula von der Leyen". "of"
			// before a place ends a person's name: "Putin of Russia".
			k := j
			for k < len(toks) && f.connects(word(k)) {
				k++
			}
			if word(j) == "of" && (!nlp.IsTitleWord(word(j-1)) && personNamed(word, i, j) || f.english() && newspaperRun(word, i, j)) {
				origin = j + 1
				break // "Trey Gowdy of South Carolina": the origin is no part of the name
			}
			if k > j && capital(k) && !(word(j) == "of" && !nlp.IsTitleWord(word(j-1)) && placeOrOrgAhead(k)) {
				if word(j) == "of" && !nlp.IsTitleWord(word(j-1)) {
					of = j
				}
				j = k + 1
				continue
			}
			break
		}
		// An opener starts its sentence or a quote: only punctuation
		// before it, or an opening quotation mark or a colon just before.
		opener := i <= firstWord
		if i > 0 && toks[i-1].Kind == nlp.Punct && strings.Contains("“\":‘'", word(i-1)) {
			opener = true
		}
		n := len(out)
		out = f.mentions(out, text, toks[i:j], opener, lowerSeen)
		ms := out[n:] // the run's mentions, retyped in place below
		if acronymed {
			retype(ms, storyfold.EntityOrg) // an organisation's initials
		}
		if f.english() {
			if len(ms) == 1 && workTitle(word, i, strings.Fields(ms[0].Name)) {
				retype(ms, storyfold.EntityOther) // a work's title
			} else if employer(word, i, j) {
				retype(ms, storyfold.EntityOrg) // not a place after "at"
				f.employers = append(f.employers, word(i))
				i = j
				continue
			}
		}
		if i > 0 && j == i+1 && placePrepositions[word(i-1)] {
			// One capitalised word after "in", "at", "from": a place
			// ("the massacre in Newtown").
			for k := range ms {
				if ms[k].Type == storyfold.EntityPerson && ms[k].Role == "" {
					ms[k].Type = storyfold.EntityPlace
				}
			}
		}
		if i == origin && (nlp.IsOrgWord(word(j-1)) || strings.Contains(text[toks[i].Start:toks[j-1].End], ".")) {
			// "Nanette Lee Miller of Marcum L.L.P.": a firm.
			for k := range ms {
				if ms[k].Type == storyfold.EntityPerson && ms[k].Role == "" {
					ms[k].Type = storyfold.EntityOrg
				}
			}
		} else if j == i+1 && i > 1 && word(i-1) == "of" && nlp.IsRoleWord(word(i-2)) && !nlp.IsCapitalized(word(i-2)) || i == origin {
			// "the mayor of Hoboken": one capitalised word after a role
			// written in lower case is the place the role is of; "South
			// Carolina" after "Trey Gowdy of" is where he is from.
			for k := range ms {
				if ms[k].Type == storyfold.EntityPerson && ms[k].Role == "" {
					ms[k].Type = storyfold.EntityPlace
				}
			}
		}
		// "the House Committee on Oversight and Government Reform": the
		// words after an organisation's "on" or "for", and after the "and"
		// that joins them, are the organisation's name, not people.
		orgName := i > 1 && (word(i-1) == "on" || word(i-1) == "for") && nlp.IsOrgWord(word(i-2)) ||
			i > 1 && word(i-1) == "and" && orgTail == i-1
		if orgName {
			for k := range ms {
				if ms[k].Type == storyfold.EntityPerson && ms[k].Role == "" {
					ms[k].Type = storyfold.EntityOrg
				}
			}
			orgTail = j
		}
		if i > 0 && word(i-1) == "the" {
			// "the Founders", "the Kremlin": not a person's name.
			for k := range ms {
				if ms[k].Type == storyfold.EntityPerson && ms[k].Role == "" {
					ms[k].Type = storyfold.EntityOrg
				}
			}
		}
		i = j
	}
	return out
}

// personNamed reports whether the capitalised run [i, j) is a person's
// name: at least two words after any titles, none an organisation's or a
// place's, the first a given name, the titles a person's role
// ("Representative Trey Gowdy") or three words ("Nanette Lee Miller"), so that an "of" after it gives their
// origin, where "Bank of America" and "University of Maryland" go on.
func personNamed(word func(int) string, i, j int) bool {
	t := i
	for t < j && nlp.IsTitleWord(word(t)) {
		t++
	}
	if j-t < 2 {
		return false
	}
	for k := t; k < j; k++ {
		if nlp.IsOrgWord(word(k)) || nlp.IsPlace(word(k)) {
			return false // "Federal Reserve Bank of New York", "New York of old"
		}
	}
	_, given := nlp.GivenName(word(t))
	return given || t > i && nlp.IsRoleWord(word(t-1)) || j-t >= 3
}

// commonOpener reports whether a capitalised word opening a sentence is a
// common word rather than a name: a stop word, a word the text also writes
// in lower case, a participle or an adverb ("Following", "Shortly").
func commonOpener(w string, lowerSeen map[string]bool) bool {
	var buf [32]byte
	low := string(nlp.Lower(buf[:0], w))
	return nlp.IsStopWord(low) || lowerSeen[low] || openers[low] ||
		len(low) > 5 && (strings.HasSuffix(low, "ing") || strings.HasSuffix(low, "ly") ||
			strings.HasSuffix(low, "ed") && !strings.HasSuffix(low, "med")) // "Crooked", not "Mohammed"
}

var openers = map[string]bool{"throughout": true, "despite": true, "prior": true, "amid": true, "meanwhile": true,
	"however": true, "following": true, "according": true, "although": true, "moreover": true, "instead": true,
	"millions": true, "thousands": true, "hundreds": true, "dozens": true, "yesterday": true, "today": true}

var articles = map[string]bool{"the": true, "a": true, "an": true}

var placePrepositions = map[string]bool{"in": true, "at": true, "from": true, "near": true, "outside": true, "across": true}

// connector words may stand inside a name.
var connector = map[string]bool{"of": true, "de": true, "von": true, "der": true, "van": true, "al": true, "bin": true, "la": true, "du": true, "da": true}

func endsPossessive(w string) bool {
	return strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s")
}

// mentions appends the mentions of one capitalised run to dst: titles,
// then a name, typed. The run's words are read into the finder's buffer,
// which nothing keeps past the call.
func (f *Finder) mentions(dst []Mention, text string, run []nlp.Token, opener bool, lowerSeen map[string]bool) []Mention {
	f.words = f.words[:0]
	for _, t := range run {
		f.words = append(f.words, t.Text(text))
	}
	words := f.words
	// A sentence opener that is a common word is not part of a name:
	// "The", "But", "Officials".
	for opener && len(words) > 0 && commonOpener(words[0], lowerSeen) && !nlp.IsPlaceWords(words) &&
		!(f.english() && newspaper(words) && !articles[strings.ToLower(words[0])]) { // "The New Haven Register"

		words, run = words[1:], run[1:]
	}
	if len(words) == 0 {
		return dst
	}
	// (A hyphen is one byte: the words joined hold one when a word does.)
	if len(words) >= 2 && len(words) <= 4 && len(words[0]) == 1 && slices.ContainsFunc(words, func(w string) bool { return strings.Contains(w, "-") }) {
		return dst // a party tag: "D-N.Y.", "R-S.C."
	}
	if f.english() && nlp.IsTitledOrg(len(words), func(i int) string { return words[i] }) && !strings.HasPrefix(text[run[len(run)-1].End:], " of ") {
		// "the Justice Department said", "the Foreign Ministry": words
		// that qualify titles elsewhere ("Justice Department spokesman")
		// and end with an organisation's word name the organisation when
		// no name follows them, even before a stop ("the U.S. Department
		// of the Treasury" is not cut short at "of").
		span := spanOf(run)
		return append(dst, Mention{Name: text[span.Start:span.End], Type: storyfold.EntityOrg, Span: span})
	}
	if last, end := words[len(words)-1], int(run[len(run)-1].End); (nlp.IsTitleWord(last) || nlp.IsRoleWord(last)) &&
		end < len(text) && text[end] == '.' && !nlp.IsPlace(last) {
		// "Maine Gov." before "Paul LePage", "Enter Ms." before "Lauten": a
		// title the name after its dot follows, not a name.
		return f.qualifiers(dst, words, run, text)
	}
	if len(words) >= 2 && nlp.IsPlaceWord(words[len(words)-1]) {
		span := spanOf(run)
		return append(dst, Mention{Name: text[span.Start:span.End], Type: storyfold.EntityPlace, Span: span})
	}
	if len(words) >= 2 && nlp.IsOrgWord(words[len(words)-1]) && !nlp.IsTitleWord(words[len(words)-1]) || f.english() && newspaper(words) {
		// "European Union", "Armed Forces", "White House".
		span := spanOf(run)
		return append(dst, Mention{Name: text[span.Start:span.End], Type: storyfold.EntityOrg, Span: span})
	}
	if nlp.IsPlaceWords(words) {
		full := strings.Join(words, " ")
		span := spanOf(run)
		return append(dst, Mention{Name: canonicalPlace(full), Type: storyfold.EntityPlace, Span: span})
	}
	if orgOf(words) {
		// "U.S. Conference of Catholic Bishops", "Bureau of Labor
		// Statistics": an organisation named by what it is of.
		span := spanOf(run)
		return append(dst, Mention{Name: text[span.Start:span.End], Type: storyfold.EntityOrg, Span: span})
	}
	// An organisation whose words all qualify titles elsewhere ("White
	// House spokeswoman"): alone, it names the organisation ("The White
	// House said"), which the title reading below left out.
	if titleOrg(words) {
		span := spanOf(run)
		return append(dst, Mention{Name: strings.Join(words, " "), Type: storyfold.EntityOrg, Span: span})
	}
	// Titles before the name: "U.S. Defense Secretary Pete Hegseth", "CIA
	// Director John Ratcliffe", "European Commission President Ursula von
	// der Leyen".
	t := 0
	for t < len(words)-1 && (nlp.IsTitleWord(words[t]) || words[t] == "of" ||
		(isAcronym(words[t]) || nlp.IsOrgWord(words[t])) && nlp.IsTitleWord(words[t+1])) {
		t++
	}
	// A role word further on ends the title, whatever qualifies it:
	// "Former New York City Mayor Michael Bloomberg".
	for k := len(words) - 2; k >= t; k-- {
		if nlp.IsRoleWord(words[k]) && k+1 < len(words) && !surnameAt(words, t, k) {
			t = k + 1
			break
		}
	}
	for t > 0 && words[t-1] == "of" { // "Secretary of" + "Defense Pete Hegseth"
		t--
	}
	role := strings.Join(words[:t], " ")
	name := words[t:]
	nameRun := run[t:]
	// "Secretary of Defense Pete Hegseth": the title goes on after "of".
	if len(name) > 2 && role != "" && strings.HasSuffix(role, " of") {
		role += " " + name[0]
		name, nameRun = name[1:], nameRun[1:]
	}
	if len(name) > 1 && name[0] == "of" {
		// "Democrat of California": what follows "of" is a place, not a
		// name the title belongs to.
		name, nameRun = name[1:], nameRun[1:]
		role = ""
	}
	if p := titledGivenName(name); p > 0 {
		// "Senate Majority Whip John Cornyn": a run too long for a name
		// whose last words open with a given name is a title no word list
		// knows ("Whip") and the person's name.
		role = strings.TrimSpace(role + " " + strings.Join(name[:p], " "))
		name, nameRun = name[p:], nameRun[p:]
	}
	last := strings.TrimSuffix(strings.TrimSuffix(name[len(name)-1], "’s"), "'s")
	span := spanOf(nameRun)
	if endsPossessive(name[len(name)-1]) {
		span.End -= len(name[len(name)-1]) - len(last)
	}
	full := singleSpaced(text[span.Start:span.End])
	typ := classify(name, full, role)
	if typ == "" {
		// Demonyms, days, a title alone: not entities. A qualifier that
		// is a place or an organisation still is one ("NATO" in "NATO
		// Secretary General").
		return f.qualifiers(dst, words[:t], run[:t], text)
	}
	if typ == storyfold.EntityPlace {
		full = canonicalPlace(full)
	}
	m := Mention{Name: full, Type: typ, Span: span}
	if typ == storyfold.EntityPerson {
		m.Role = cleanRole(role)
	}
	return append(f.qualifiers(dst, words[:t], run[:t], text), m)
}

// surnameAt reports whether the role word at k is a surname: after a
// given name ("Rep. Steve King"), or after the one word that follows the
// titles ending at t when "of" and an origin come next ("Sen. Angus King
// of Maine", whose run starts after the title's dot). Such a run is a
// person, not a king; "Fox Chairman Rupert Murdoch" and "Texas Gov" stay
// titles.
func surnameAt(words []string, t, k int) bool {
	if k == 0 {
		return false
	}
	prev := words[k-1]
	if _, given := nlp.GivenName(prev); given {
		return true
	}
	return k-1 == t && k+1 < len(words) && words[k+1] == "of" &&
		!nlp.IsPlace(prev) && !nlp.IsDemonym(prev) && !nlp.IsOrgWord(prev) && !nlp.IsTitleWord(prev)
}

// titledGivenName returns where the person's name starts in a run of at
// least minTitledRun words whose first given name opens its last two or
// three words ("Senate Majority Whip John Cornyn"), or 0. A run shorter
// than that is a name of its own ("Rand Paul"), and so is a run that opens
// with a given name or an initial ("Martin Luther King Jr", "K. Michael
// Conaway").
func titledGivenName(name []string) int {
	if len(name) < minTitledRun {
		return 0
	}
	for p, w := range name {
		if w == "." || len(strings.TrimSuffix(w, ".")) == 1 {
			return 0 // an initial opens the name: "J. Russell George"
		}
		if _, given := nlp.GivenName(w); given {
			if n := len(name) - p; p > 0 && n >= 2 && n <= 3 {
				return p
			}
			return 0
		}
	}
	return 0
}

// minTitledRun is the fewest words titledGivenName splits: four, as in
// "Majority Whip Steve Scalise".
const minTitledRun = 4

// spanOf is the text span a run of tokens covers.
func spanOf(run []nlp.Token) storyfold.Span {
	return storyfold.Span{Start: int(run[0].Start), End: int(run[len(run)-1].End)}
}

// qualifiers appends to out the places and organisations inside a title: "NATO"
// in "NATO Secretary General", "U.S." in "U.S. Defense Secretary".
func (f *Finder) qualifiers(out []Mention, words []string, run []nlp.Token, text string) []Mention {
	for k, w := range words {
		var typ storyfold.EntityType
		switch {
		case nlp.IsPlace(w):
			typ = storyfold.EntityPlace
		case isAcronym(w) && !nlp.IsTitleWord(strings.ToLower(w)):
			typ = storyfold.EntityOrg
		case isKnownOrg(w):
			typ = storyfold.EntityOrg
		default:
			continue
		}
		out = append(out, Mention{Name: canonicalPlace(w), Type: typ, Span: spanOf(run[k : k+1])})
	}
	return out
}

// knownOrgs are organisations written as one capitalised word.
var knownOrgs = map[string]bool{"kremlin": true, "pentagon": true, "nato": true, "hamas": true, "hezbollah": true, "taliban": true,
	"facebook": true, "twitter": true, "google": true, "youtube": true, "instagram": true, "tiktok": true, "telegram": true,
	"microsoft": true, "amazon": true, "apple": true, "meta": true, "wikileaks": true}

// titleOrgs are organisations of several words that also qualify titles
// ("White House spokeswoman Sarah Sanders"): a run of nothing but them is
// the organisation.
var titleOrgs = [][]string{{"white", "house"}}

// titleOrg reports whether words are one of titleOrgs, in any case,
// without joining or lowering them: it runs for every capitalised run.
func titleOrg(words []string) bool {
	for _, o := range titleOrgs {
		if len(o) != len(words) {
			continue
		}
		same := true
		for i := range o {
			same = same && strings.EqualFold(o[i], words[i])
		}
		if same {
			return true
		}
	}
	return false
}

// orgOf reports whether a name is an organisation named by what it is
// of: an organisation word before "of" ("Conference of Catholic
// Bishops", "Bureau of Labor Statistics"), whatever word ends it.
// No role may stand between "of" and the last word: "Bank of
// America CEO Brian Moynihan" is a person; "Bishops" may end the name.
func orgOf(name []string) bool {
	for i := 1; i < len(name)-1; i++ {
		if name[i] == "for" && OrgForWord(name[i-1]) {
			return true // "Centre for Disease Control" (en.go)
		}
		if name[i] != "of" || !nlp.IsOrgWord(name[i-1]) {
			continue
		}
		for _, w := range name[i+1 : len(name)-1] {
			if nlp.IsRoleWord(w) {
				return false
			}
		}
		return true
	}
	return false
}

// classify types a name; "" means it is not an entity.
func classify(name []string, full, role string) storyfold.EntityType {
	lastWord := name[len(name)-1]
	for _, w := range name {
		if isEventWord(w) || romanNumeral(w) {
			return storyfold.EntityOther // "World War II", "Minsk Agreement"
		}
	}
	switch {
	case nlp.IsDemonym(strings.TrimSuffix(lastWord, "s")) && !nlp.IsPlace(full):
		return "" // "Several European", "Europeans"
	case len(name) == 1 && (nlp.IsDemonym(lastWord) || nlp.IsNotAName(lastWord) || nlp.IsTitleWord(lastWord) && !nlp.IsPlace(lastWord)):
		if isKnownOrg(lastWord) || isAcronym(lastWord) && !nlp.IsPlace(lastWord) {
			return storyfold.EntityOrg
		}
		return ""
	case nlp.IsPlace(full):
		return storyfold.EntityPlace
	case nlp.IsOrgWord(lastWord) || isKnownOrg(full) || isAcronym(full) || acronymsOnly(name):
		return storyfold.EntityOrg
	case isEventWord(lastWord):
		return storyfold.EntityOther
	case role != "" || (len(name) >= 2 && len(name) <= 4 && !nlp.IsDemonym(name[0])):
		return storyfold.EntityPerson
	case len(name) == 1:
		return storyfold.EntityPerson // a surname; merging confirms it against a full name
	}
	return storyfold.EntityOther
}

// acronymsOnly reports whether a name of several words is short acronyms
// only, as a station's or an agency's is ("CBS DFW"): no person's name is
// written so. Words in capitals that are words ("NEVER GIVE UP", "WITCH
// HUNT", shouted in a post) are no acronyms.
func acronymsOnly(name []string) bool {
	if len(name) < 2 {
		return false
	}
	for _, w := range name {
		if !isAcronym(w) || len(w) > maxStationLetters || nlp.IsStopWord(strings.ToLower(w)) {
			return false
		}
	}
	return true
}

// maxStationLetters is the longest word acronymsOnly takes for an
// acronym: "KDFW".
const maxStationLetters = 4

func isAcronym(w string) bool {
	w = strings.ReplaceAll(w, ".", "")
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

var eventWords = map[string]bool{"act": true, "treaty": true, "war": true, "accord": true, "agreement": true, "summit": true,
	"conference": true, "games": true, "cup": true, "olympics": true, "prize": true, "day": true, "law": true, "doctrine": true}

// isKnownOrg reports whether name, in any case, is in knownOrgs, without
// a lower-case copy of it.
func isKnownOrg(name string) bool {
	var buf [64]byte
	return knownOrgs[string(nlp.AppendLower(buf[:0], name))]
}

func isEventWord(w string) bool {
	var buf [32]byte
	return eventWords[string(nlp.AppendLower(buf[:0], w))]
}

func romanNumeral(w string) bool {
	switch w {
	case "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII":
		return true
	}
	return false
}

// canonicalPlace writes the common short forms of a place one way.
func canonicalPlace(w string) string {
	switch w {
	case "U.S.", "US", "USA", "U.S.A.", "America":
		return "United States"
	case "U.K.", "UK", "Britain", "Great Britain":
		return "United Kingdom"
	case "Kiev":
		return "Kyiv"
	}
	return w
}

// cleanRole normalises a title for display: "U.S. Defense Secretary" and
// "Defense Secretary" are kept as written but trimmed of a leading
// nationality, which says where, not what.
func cleanRole(role string) string {
	words := strings.Fields(role)
	for len(words) > 1 && (nlp.IsPlace(words[0]) || nlp.IsDemonym(words[0])) {
		words = words[1:]
	}
	if len(words) == 1 && (nlp.IsPlace(words[0]) || nlp.IsDemonym(words[0])) {
		return ""
	}
	return strings.Join(words, " ")
}

// Article merges one article's mentions into its entities, each with the
// spans that name it.
func Article(id string, mentions []Mention) []storyfold.Entity {
	forms := make([]form, len(mentions))
	for i, m := range mentions {
		forms[i] = form{article: id, name: m.Name, typ: m.Type, role: m.Role, span: m.Span, weight: 1}
	}
	return merge(forms, []string{id}, true)
}

// Story merges the entities of a story's articles, given in the story's
// order, into the story's entities.
func Story(articles []*storyfold.Article) []storyfold.Entity {
	var forms []form
	order := make([]string, len(articles))
	for i, a := range articles {
		order[i] = a.ID
		for _, e := range a.Entities {
			w := max(1, len(e.Mentions))
			forms = append(forms, form{article: a.ID, name: e.Name, typ: e.Type, weight: w})
			for _, r := range e.Roles {
				forms = append(forms, form{article: a.ID, name: e.Name, typ: e.Type, role: r})
			}
			for _, alias := range e.Aliases {
				forms = append(forms, form{article: a.ID, name: alias, typ: e.Type, weight: 1})
			}
		}
	}
	return merge(forms, order, false)
}

// form is one way an article names an entity.
type form struct {
	article, name, role string
	typ                 storyfold.EntityType
	span                storyfold.Span
	weight              int // mentions it stands for
}

// merge groups forms into entities. Entities are ordered by how many
// articles name them, then by mentions.
func merge(forms []form, order []string, spans bool) []storyfold.Entity {
	out, _ := mergeCounted(forms, order, spans)
	return out
}

// mergeCounted is merge, and the number of times it asked sameEntity, for
// the test that holds that number linear in the forms.
func mergeCounted(forms []form, order []string, spans bool) (_ []storyfold.Entity, compared int) {
	type acc struct {
		names    nameCounts // form -> mentions
		typ      typeCounts
		roles    []string
		articles []string
		spans    []storyfold.Span
		nspans   int // how many spans it gets (they are added after the loop)
		count    int
		key      string // its longest form so far
	}
	var ents []*acc
	// The accumulators, and each entity's first article (a list of one:
	// a second article appended copies it out), come from blocks that
	// double as entities are found, never moved once handed out.
	var store []acc
	var firsts []string
	newAcc := func(name, article string) *acc {
		if len(store) == cap(store) {
			n := min(max(16, len(ents)), len(forms))
			store, firsts = make([]acc, 0, n), make([]string, 0, n)
		}
		firsts = append(firsts, article)
		n := len(firsts)
		store = append(store, acc{names: nameCounts{first: name}, articles: firsts[n-1 : n : n], key: name})
		return &store[len(store)-1]
	}
	// Longer names first, so that surnames find their full names.
	sortedForms := byWordsStable(forms)
	exact := make(map[string]int, len(forms)) // lower-case form -> entity
	// People by the start of their key's surname (see surnameBucket): the
	// only ones a person's form can be the same entity as. Walking every
	// person instead made an article naming many people quadratic. A
	// bucket is read only up to maxBucket people, which real text never
	// reaches: past it, crafted names sharing their first letters would
	// bring the quadratic cost back.
	// A bucket is a list behind a pointer, so that adding to one that
	// exists builds no key; the keys are looked up from a buffer.
	persons := map[string]*[]int{}
	addPerson := func(bucket []byte, k int) {
		if l := persons[string(bucket)]; l != nil {
			*l = append(*l, k)
			return
		}
		persons[string(bucket)] = &[]int{k}
	}
	var bb, kb [4 * utf8.UTFMax]byte // buckets of a form and a key
	var person []bool                // whether each entity is in persons
	var entOf []int32                // each sorted form's entity, when spans are kept
	if spans {
		entOf = make([]int32, 0, len(sortedForms))
	}
	// Every form in lower case, in one string: the keys of exact are cut
	// from it rather than each copied out of a buffer.
	var lowBuf []byte
	lowEnd := make([]int32, len(sortedForms))
	for n, fi := range sortedForms {
		lowBuf = nlp.AppendLower(lowBuf, forms[fi].name)
		lowEnd[n] = int32(len(lowBuf))
	}
	lows := string(lowBuf)
	for n, fi := range sortedForms {
		f := &forms[fi]
		lower := lows[:lowEnd[n]]
		if n > 0 {
			lower = lows[lowEnd[n-1]:lowEnd[n]]
		}
		k, ok := exact[lower]
		if !ok {
			k = -1
			if f.typ == storyfold.EntityPerson {
				// The first person, in the order they were met, that the
				// form names.
				var bucket []int
				if l := persons[string(appendSurnameBucket(bb[:0], f.name))]; l != nil {
					bucket = *l
				}
				for _, i := range bucket[:min(len(bucket), maxBucket)] {
					if k >= 0 && i > k {
						continue
					}
					compared++
					if sameForm(ents[i].key, f.name, f.typ, ents[i].typ.has(storyfold.EntityPerson)) {
						k = i
					}
				}
			}
		}
		if k < 0 {
			ents = append(ents, newAcc(f.name, f.article))
			person = append(person, f.typ == storyfold.EntityPerson)
			k = len(ents) - 1
			if f.typ == storyfold.EntityPerson {
				addPerson(appendSurnameBucket(bb[:0], f.name), k)
			}
		}
		if !ok {
			exact[lower] = k
		}
		e := ents[k]
		e.names.add(f.name, f.weight)
		e.typ.add(f.typ, max(1, f.weight))
		e.count += f.weight
		if f.role != "" && !containsFold(e.roles, f.role) {
			e.roles = append(e.roles, f.role)
		}
		if !slices.Contains(e.articles, f.article) {
			e.articles = append(e.articles, f.article)
		}
		if spans {
			entOf = append(entOf, int32(k))
			if f.span != (storyfold.Span{}) {
				e.nspans++
			}
		}
		if len(f.name) > len(e.key) {
			if person[k] {
				if b := appendSurnameBucket(bb[:0], f.name); !bytes.Equal(b, appendSurnameBucket(kb[:0], e.key)) {
					addPerson(b, k) // a longer key with another surname
				}
			}
			e.key = f.name
		}
	}
	if spans {
		// Each entity's spans, in the order of its forms, carved from one
		// block at their count: appended one by one, they had grown each
		// list again and again.
		total := 0
		for _, e := range ents {
			total += e.nspans
		}
		block := make([]storyfold.Span, 0, total)
		for _, e := range ents {
			if e.nspans > 0 {
				e.spans = block[len(block) : len(block) : len(block)+e.nspans]
				block = block[:len(block)+e.nspans]
			}
		}
		for n, fi := range sortedForms {
			if f := &forms[fi]; f.span != (storyfold.Span{}) {
				e := ents[entOf[n]]
				e.spans = append(e.spans, f.span)
			}
		}
	}
	sort.SliceStable(ents, func(a, b int) bool {
		x, y := ents[a], ents[b]
		if len(x.articles) != len(y.articles) {
			return len(x.articles) > len(y.articles)
		}
		return x.count > y.count
	})
	out := make([]storyfold.Entity, 0, len(ents))
	// The entities' aliases and articles are carved from two blocks, each
	// list's capacity its length, so that appending to one copies it.
	nAliases, nArticles := 0, 0
	for _, e := range ents {
		nAliases += len(e.names.more)
		nArticles += len(e.articles)
	}
	aliasBlock := make([]string, 0, nAliases)
	articleBlock := make([]string, 0, nArticles)
	for _, e := range ents {
		name := e.names.canonical()
		from := len(aliasBlock)
		if e.names.first != name {
			aliasBlock = append(aliasBlock, e.names.first)
		}
		for n := range e.names.more {
			if n != name {
				aliasBlock = append(aliasBlock, n)
			}
		}
		aliases := aliasBlock[from:len(aliasBlock):len(aliasBlock)]
		slices.Sort(aliases) // distinct names: any sort gives this order
		from = len(articleBlock)
		for _, id := range order {
			if slices.Contains(e.articles, id) {
				articleBlock = append(articleBlock, id)
			}
		}
		articles := articleBlock[from:len(articleBlock):len(articleBlock)]
		roles := e.roles
		if roles == nil {
			roles = []string{}
		}
		// The same unstable sort as sort.Slice (both are generated from one
		// template), without its reflection.
		slices.SortFunc(e.spans, func(a, b storyfold.Span) int { return cmp.Compare(a.Start, b.Start) })
		out = append(out, storyfold.Entity{Name: name, Type: e.typ.majority(), Aliases: aliases, Roles: roles,
			Articles: articles, Mentions: e.spans})
	}
	return out, compared
}

// singleSpaced returns strings.Join(strings.Fields(s), " "): s itself,
// without a copy, when it is already so spaced, as nearly every name is.
func singleSpaced(s string) string {
	prev := ' '
	for _, r := range s {
		if unicode.IsSpace(r) && (r != ' ' || prev == ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
		prev = r
	}
	if prev == ' ' && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// byWordsStable returns the order of forms by their names' spaces, most
// first, forms with as many in their order: what a stable sort on that
// count gives, as a counting sort of indexes, each name's spaces counted
// once.
func byWordsStable(forms []form) []int32 {
	spaces := make([]int32, len(forms))
	most := int32(0)
	for i := range forms {
		spaces[i] = int32(strings.Count(forms[i].name, " "))
		most = max(most, spaces[i])
	}
	// at[k] is where the forms of most-k spaces go: after those of more.
	at := make([]int, most+2)
	for _, n := range spaces {
		at[most-n+1]++
	}
	for k := 1; k < len(at); k++ {
		at[k] += at[k-1]
	}
	order := make([]int32, len(forms))
	for i, n := range spaces {
		k := most - n
		order[at[k]] = int32(i)
		at[k]++
	}
	return order
}

// nameCounts counts the mentions of an entity's forms: its first form
// in place, a map only for an entity named more than one way, as most
// are not.
type nameCounts struct {
	first  string
	firstN int
	more   map[string]int // the other forms
}

// add counts weight mentions of name, which is listed even for none.
func (nc *nameCounts) add(name string, weight int) {
	if name == nc.first {
		nc.firstN += weight
		return
	}
	if nc.more == nil {
		nc.more = map[string]int{}
	}
	nc.more[name] += weight
}

// canonical picks the name an entity is shown under: the most used of
// its fullest forms, the first in order on a tie, so the same name in
// whatever order the forms are read.
func (nc *nameCounts) canonical() string {
	best, bestWords, bestCount := "", 0, 0
	consider := func(n string, c int) {
		w := strings.Count(n, " ") + 1
		if w > bestWords || w == bestWords && (c > bestCount || c == bestCount && n < best) {
			best, bestWords, bestCount = n, w, c
		}
	}
	consider(nc.first, nc.firstN)
	for n, c := range nc.more {
		consider(n, c)
	}
	return best
}

// typeCounts counts an entity's mentions by type in place of a map: the
// four types fit, and a map was two allocations an entity. Any other
// type would go to more.
type typeCounts struct {
	n    int
	kv   [4]typeCount
	more map[storyfold.EntityType]int
}

type typeCount struct {
	typ   storyfold.EntityType
	count int
}

func (tc *typeCounts) add(typ storyfold.EntityType, n int) {
	for i := range tc.kv[:tc.n] {
		if tc.kv[i].typ == typ {
			tc.kv[i].count += n
			return
		}
	}
	if tc.n < len(tc.kv) {
		tc.kv[tc.n] = typeCount{typ, n}
		tc.n++
		return
	}
	if tc.more == nil {
		tc.more = map[storyfold.EntityType]int{}
	}
	tc.more[typ] += n
}

func (tc *typeCounts) has(typ storyfold.EntityType) bool {
	for _, c := range tc.kv[:tc.n] {
		if c.typ == typ {
			return c.count > 0
		}
	}
	return tc.more[typ] > 0
}

// majority is tally.Majority of the counts: the most counted type, the
// first in order on a tie.
func (tc *typeCounts) majority() storyfold.EntityType {
	var best storyfold.EntityType
	bestN := 0
	for _, c := range tc.kv[:tc.n] {
		if c.count > bestN || c.count == bestN && c.typ < best {
			best, bestN = c.typ, c.count
		}
	}
	for typ, n := range tc.more {
		if n > bestN || n == bestN && typ < best {
			best, bestN = typ, n
		}
	}
	return best
}

// sameEntity reports whether name is another form of the entity known as
// key: the same name, its surname, or a spelling variant.
func sameEntity(key, name string, typ storyfold.EntityType, keyTypes map[storyfold.EntityType]int) bool {
	return sameForm(key, name, typ, keyTypes[storyfold.EntityPerson] > 0)
}

// sameForm is sameEntity given whether the entity known as key has been
// named as a person.
func sameForm(key, name string, typ storyfold.EntityType, keyPerson bool) bool {
	if strings.EqualFold(key, name) {
		return true
	}
	if typ != storyfold.EntityPerson || !keyPerson {
		return false
	}
	kl, nl := lastField(key), lastField(name)
	if !similarName(kl, nl) {
		return false
	}
	// Same surname: one name is the surname alone, or the first names
	// agree.
	kf, _, kmore := strings.Cut(key, " ")
	nf, _, nmore := strings.Cut(name, " ")
	return !nmore || !kmore || similarName(kf, nf)
}

// maxBucket bounds the people of one surname bucket merge compares a form
// with.
const maxBucket = 256

// surnameBucket is the start of a name's last word, as sameEntity compares
// it: its first four letters in lower case, each folded to the first of
// its case-folding orbit, so that two names sameEntity may take for one
// person always share it (a surname equal to another but for case, or one
// of its spelling variants, which share their first four letters).
func surnameBucket(name string) string {
	var b [4 * utf8.UTFMax]byte
	return string(appendSurnameBucket(b[:0], name))
}

// appendSurnameBucket appends surnameBucket(name) to dst, so that a
// bucket is looked up without a string built for it.
func appendSurnameBucket(dst []byte, name string) []byte {
	n := 0
	for _, r := range lastField(name) {
		if n == 4 {
			break
		}
		r = unicode.ToLower(r)
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		dst = utf8.AppendRune(dst, m)
		n++
	}
	return dst
}

func lastField(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// similarName reports whether two words are one name, allowing the
// transliteration variants of long names ("Zelensky", "Zelenskyy",
// "Zelenskiy"): the same first four letters and at most two edits.
func similarName(a, b string) bool {
	if strings.EqualFold(a, b) {
		return true
	}
	if len(a) < 6 || len(b) < 6 || a[0] != b[0] && !strings.EqualFold(a[:1], b[:1]) {
		return false // too short for a variant, or not even the same initial
	}
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	if len(ra) < 6 || len(rb) < 6 || string(ra[:4]) != string(rb[:4]) {
		return false
	}
	return nlp.EditDistance(ra, rb, 2) <= 2
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// middleInitial reports whether the token at j is the period of an
// initial: one capital letter just before it and glued to it, followed by
// a space ("R. Carper"), so that a name runs on through it.
func middleInitial(word func(int) string, toks []nlp.Token, j int) bool {
	if j < 1 || j+1 >= len(toks) || word(j) != "." {
		return false
	}
	w := word(j - 1)
	return len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' && toks[j-1].End == toks[j].Start && toks[j+1].Start > toks[j].End
}
