package entity

import (
	_ "embed"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// German capitalises every noun, so a capitalised run is a name there only
// with more evidence than in English ("Witwe", "Vertrag", "Letztes Jahr"
// are none). The lists below are that evidence, one entry a line.
var (
	//go:embed data/de/given-names.txt
	deGivenNamesData string
	//go:embed data/de/titles.txt
	deTitlesData string
	//go:embed data/de/speech-verbs.txt
	deSpeechVerbsData string
	//go:embed data/de/place-endings.txt
	dePlaceEndingsData string
	//go:embed data/de/not-orgs.txt
	deNotOrgsData string
	//go:embed data/de/noun-endings.txt
	deNounEndingsData string
	//go:embed data/de/places.txt
	dePlacesData string
	//go:embed data/de/particles.txt
	deParticlesData string
	//go:embed data/de/predicate-articles.txt
	dePredicateArticlesData string

	deGivenNames   = lowerSet(deGivenNamesData)
	deTitles       = lowerSet(deTitlesData)
	deTitleEndings = endings(deTitlesData)
	deSpeechVerbs  = lowerSet(deSpeechVerbsData)
	dePlaceEndings = lines(dePlaceEndingsData)
	deNotOrgs      = lowerSet(deNotOrgsData)
	deNounEndings  = lines(deNounEndingsData)
	dePlaces       = lowerSet(dePlacesData)
	deParticles    = lowerSet(deParticlesData)
	dePredicates   = lowerSet(dePredicateArticlesData)
)

// lines returns the entries of a list: one a line, # comments.
func lines(data string) []string {
	var out []string
	for _, l := range strings.Split(data, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// endings returns the entries of a list written "-ending", without the dash.
func endings(data string) []string {
	var out []string
	for _, l := range lines(data) {
		if e, ok := strings.CutPrefix(l, "-"); ok {
			out = append(out, e)
		}
	}
	return out
}

func lowerSet(data string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lines(data) {
		m[strings.ToLower(l)] = true
	}
	return m
}

// SetLanguage sets the language of the texts read next (ISO 639-1).
// German is read with the evidence rules of german, Spanish, French,
// Italian and Portuguese with those of romance; every other language as
// English is.
func (f *Finder) SetLanguage(lang string) { f.lang = lang }

// deGiven reports whether w is a given name in German news.
func deGiven(w string) bool {
	if _, ok := nlp.GivenName(w); ok {
		return true
	}
	return deGivenNames[strings.ToLower(w)]
}

// deTitle reports whether w is a German title or role before a name.
func deTitle(w string) bool {
	low := strings.ToLower(w)
	if deTitles[low] || nlp.IsTitleWord(w) {
		return true
	}
	for _, e := range deTitleEndings {
		if strings.HasSuffix(low, e) {
			return true
		}
	}
	return false
}

// deStop reports whether w is a German function word: an article, a
// pronoun, a number word ("Die", "Zwei", "Sie").
func deStop(w string) bool {
	return nlp.IsStopWordIn("de", strings.ToLower(w))
}

// german keeps the mentions of a German text that have evidence of being
// names, and drops the rest:
//   - a person needs a given name ("Angela Merkel"), a title before it
//     ("Kanzlerin Merkel"), the surname of such a person ("Merkel" after
//     "Angela Merkel"), or two mentions, one next to a speech verb
//     ("sagte Walter-Borjans"); its words before a given name are its role
//     and its words from a genitive article on are cut ("Nicolay Baublies
//     der Deutschen Presse-Agentur");
//   - a place needs the gazetteer or a place name's ending ("-burg");
//   - an organisation needs an acronym, a known name or an organisation
//     word, and no article inside ("Krise der Europäischen Union");
//   - events and other names are dropped, in German they are mostly
//     phrases of nouns, but for a person's name at their end.
func (f *Finder) german(text string, ms []Mention) []Mention {
	out := ms[:0]
	surnames := map[string]bool{}
	var pending []Mention
	for _, m := range ms {
		if r, _ := utf8.DecodeRuneInString(m.Name); !unicode.IsLetter(r) {
			continue // "-Kommission" of "EU-Kommission"
		}
		switch m.Type {
		case storyfold.EntityPerson:
			if p, ok := deNamed(text, m); ok {
				out = append(out, p)
				surnames[lastOf(p.Name)] = true
				continue
			}
			pending = append(pending, m)
		case storyfold.EntityPlace:
			if nlp.IsPlace(m.Name) || dePlaceEnding(m.Name) || GermanPlace(m.Name) {
				out = append(out, m)
			}
		case storyfold.EntityOrg:
			if GermanPlace(m.Name) {
				m.Type = storyfold.EntityPlace // "NRW"
				out = append(out, m)
			} else if deOrg(m.Name) && !(isAcronym(m.Name) && capsWord(text, m.Name, true)) {
				out = append(out, m)
			}
		case storyfold.EntityOther:
			// A person's name after a compound the English rules took
			// for an event's: "TV-Emigranten Jens Büchner".
			if p, ok := deNamed(text, m); ok && p.Name != m.Name && nlp.IsCapitalized(p.Name) && !deOrgEnd(p.Name) {
				p.Type = storyfold.EntityPerson
				out = append(out, p)
				surnames[lastOf(p.Name)] = true
			}
		}
	}
	// Repetition with a speech verb: the mentions of one name, counted.
	count := map[string]int{}
	spoke := map[string]bool{}
	for _, m := range pending {
		count[m.Name]++
		if speechNextTo(text, m.Span.Start, m.Span.End) {
			spoke[m.Name] = true
		}
	}
	for _, m := range pending {
		if role, ok := deApposition(text, m); ok {
			m.Role = role
			out = append(out, m)
			surnames[lastOf(m.Name)] = true
			continue
		}
		words := strings.Fields(m.Name)
		if len(words) == 0 || len(words) > 2 || deStop(words[0]) || afterArticle(text, m.Span.Start) ||
			nlp.IsPlace(strings.TrimSuffix(words[0], "s")) || GermanPlace(words[0]) { // "Deutschlands"
			continue
		}
		if last := lastOf(m.Name); surnames[last] {
			// The surname of a person named in full: words before it
			// are a title ("Wirtschaftsexperte Südekum").
			m.Span.Start = m.Span.End - len(last)
			m.Name = last
			out = append(out, m)
		} else if count[m.Name] >= 2 && spoke[m.Name] {
			out = append(out, m)
		}
	}
	sortMentions(out)
	return out
}

// deNamed returns a person mention cut to its name when it has a given
// name or a title before it.
func deNamed(text string, m Mention) (Mention, bool) {
	words := strings.Fields(m.Name)
	offs := fieldOffsets(m.Name)
	g := -1
	for k, w := range words {
		if deGiven(w) && !deStop(w) {
			g = k
			break
		}
	}
	titled := (g < 0 && deTitle(m.Role) || g < 0 && titleBefore(text, m.Span.Start)) && !predicateTitle(text, m.Span.Start)
	if g < 0 && !titled && ageAfter(text, m.Span.End) {
		// "Der Fernsehmoderator Thore Schölermann (35)": the name is the
		// words after its article and its title, two of them at least.
		k := 0
		for k < len(words) && (deStop(words[k]) || deTitle(words[k])) {
			k++
		}
		if len(words)-k >= 2 {
			g, titled = k, true
		}
	}
	if g < 0 && !titled {
		// A foreign name's particle inside the run: "Kollege Bruno Le
		// Maire"; the name starts at the word before it.
		if k := deParticleAt(words); k > 0 {
			g, titled = k-1, true
		}
	}
	if g < 0 && !titled {
		// A title inside the run: "Kanzlerin Merkel".
		for k := 0; k+1 < len(words); k++ {
			if deTitle(words[k]) && !deTitle(words[k+1]) && !deStop(words[k+1]) &&
				!(k == 0 && dePredicates[strings.ToLower(wordBefore(text, m.Span.Start))]) {
				g, titled = k+1, true
				break
			}
		}
		if g < 0 {
			return m, false
		}
	}
	if g < 0 {
		g = 0
	}
	// The name ends before a genitive or a second article: "von der
	// Leyen" stays, "der Deutschen Presse-Agentur" goes; and before a
	// title after it ("Alexander Schallenberg Außenminister").
	end := len(words)
	for k := g + 1; k < len(words); k++ {
		low := strings.ToLower(words[k])
		if deTitle(words[k]) && k > g+1 {
			end = k
			break
		}
		if deStop(words[k]) && !(low == "von" || deParticles[low] || (low == "der" || low == "den") && k > 0 && (strings.ToLower(words[k-1]) == "von" || strings.ToLower(words[k-1]) == "van") && k+2 == len(words)) {
			end = k
			break
		}
	}
	for end > g+1 && deStop(words[end-1]) {
		end-- // "Sabine Fischer-Volk von der Kanzlei Karimi": "von" heads the next phrase
	}
	name := words[g:end]
	if len(name) == 0 || len(name) == 1 && !titled || deStop(name[len(name)-1]) || deNounEnding(name[len(name)-1]) {
		return m, false
	}
	if g > 0 {
		role := strings.Join(words[:g], " ")
		if m.Role == "" {
			m.Role = role
		} else {
			m.Role += " " + role
		}
	}
	start := m.Span.Start + offs[g]
	stop := m.Span.Start + offs[end-1] + len(words[end-1])
	m.Name = strings.Join(name, " ")
	m.Span.Start, m.Span.End = start, stop
	return m, true
}

// ageAfter reports whether an age in brackets follows pos, the way German
// news introduces a person: "Thore Schölermann (35)".
func ageAfter(text string, pos int) bool {
	rest, ok := strings.CutPrefix(text[pos:min(len(text), pos+6)], " (")
	if !ok {
		return false
	}
	n := 0
	for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	return n >= 1 && n <= 3 && n < len(rest) && rest[n] == ')'
}

// deNounEnding reports whether a word ends the way German abstract nouns
// do ("Herzlichkeit", "Gesellschaft"), which no surname after a given name
// does: "Jana Herzlichkeit" is a name and a noun.
func deNounEnding(w string) bool {
	low := strings.ToLower(w)
	for _, e := range deNounEndings {
		if strings.HasSuffix(low, e) && len(low) > len(e)+2 {
			return true
		}
	}
	return false
}

// fieldOffsets returns the byte offset of each field of s.
func fieldOffsets(s string) []int {
	var out []int
	in := false
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && !in {
			out = append(out, i)
		}
		in = !sp
	}
	return out
}

// titleBefore reports whether the word before pos is a German title
// ("Herr", "Kanzlerin" written apart from the run by a line's end).
func titleBefore(text string, pos int) bool {
	w := wordBefore(text, pos)
	return w != "" && deTitle(w)
}

// afterArticle reports whether the word before pos is an article or a
// determiner: "die Gruppe", "der Vertrag" are nouns, not names.
func afterArticle(text string, pos int) bool {
	w := wordBefore(text, pos)
	return w != "" && deStop(w)
}

// wordBefore returns the word ending right before pos, past spaces.
func wordBefore(text string, pos int) string {
	end := pos
	for end > 0 && text[end-1] == ' ' {
		end--
	}
	start := end
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		start -= size
	}
	return text[start:end]
}

// speechNextTo reports whether a German speech verb stands right before
// or right after [start, end).
func speechNextTo(text string, start, end int) bool {
	if deSpeechVerbs[strings.ToLower(wordBefore(text, start))] {
		return true
	}
	rest := strings.TrimLeft(text[end:min(len(text), end+30)], " ,")
	w, _, _ := strings.Cut(rest, " ")
	return deSpeechVerbs[strings.ToLower(strings.TrimRight(w, ".,:;"))]
}

// dePlaceEnding reports whether a one-word name ends the way German
// place names do.
func dePlaceEnding(name string) bool {
	if strings.Contains(name, " ") || utf8.RuneCountInString(name) < 5 {
		return false
	}
	low := strings.ToLower(name)
	for _, e := range dePlaceEndings {
		if strings.HasSuffix(low, e) {
			return true
		}
	}
	return false
}

// deOrg reports whether an organisation's name has evidence in German: an
// acronym that is no German word ("SPD", not "DAMIT"), a known
// organisation, or a name of two words or more ending in an organisation
// word, with no article inside.
func deOrg(name string) bool {
	words := strings.Fields(name)
	for _, w := range words {
		if deStop(w) {
			return false
		}
	}
	switch {
	case len(words) == 1 && isAcronym(name):
		return utf8.RuneCountInString(name) <= 5 && !deNotOrgs[strings.ToLower(name)]
	case len(words) == 1:
		return knownOrgs[strings.ToLower(name)]
	}
	return nlp.IsOrgWord(words[len(words)-1])
}

// lastOf returns the last word of a name.
func lastOf(name string) string {
	if i := strings.LastIndexByte(name, ' '); i >= 0 {
		return name[i+1:]
	}
	return name
}

// sortMentions puts mentions back in text order after german moved the
// kept ones of a second pass to the end.
func sortMentions(ms []Mention) {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Span.Start < ms[j].Span.Start })
}

// GermanTitle reports whether w is a German title or role written before
// a name ("Kanzlerin", "Regierungssprecher"), for readers of German
// names outside this package (the quote finder's speakers).
func GermanTitle(w string) bool { return deTitle(w) }

// GermanPlace reports whether a word is the German name of a country, a
// region or a city ("Österreich"), also in the genitive ("Deutschlands"),
// which the gazetteer knows by its English name only.
func GermanPlace(w string) bool {
	low := strings.ToLower(w)
	return dePlaces[low] || dePlaces[strings.TrimSuffix(low, "s")]
}

// GermanGivenName reports whether w is a given name in German news.
func GermanGivenName(w string) bool { return deGiven(w) }

// deOrgEnd reports whether a name ends in an organisation's word, also as
// the last part of a compound: "Robert Koch-Institut".
func deOrgEnd(name string) bool {
	last := lastOf(name)
	if i := strings.LastIndexByte(last, '-'); i >= 0 {
		last = last[i+1:]
	}
	return nlp.IsOrgWord(last) || strings.HasSuffix(strings.ToLower(last), "institut")
}

// deParticleAt returns the index of a foreign name's particle standing
// between two capitalised words of a run ("Bruno Le Maire", "Ana de
// Armas"), or -1. The word before it must be able to open a name: no
// function word, title, noun ending, place or organisation word.
func deParticleAt(words []string) int {
	for k := 1; k+1 < len(words); k++ {
		if !deParticles[strings.ToLower(words[k])] {
			continue
		}
		first, last := words[k-1], words[len(words)-1]
		if !nlp.IsCapitalized(first) || !nlp.IsCapitalized(words[k+1]) || deStop(first) || deTitle(first) ||
			deNounEnding(first) || deNounEnding(last) || nlp.IsPlace(first) || GermanPlace(first) ||
			nlp.IsOrgWord(first) || deOrgEnd(last) || nlp.IsPlace(last) || GermanPlace(last) {
			return -1
		}
		return k
	}
	return -1
}

// deApposition reports whether a mention is a name set off by commas after
// a role in the same clause, and returns the role: "die
// Präsidentschaftskandidatin des größten Oppositionsbündnisses
// Bürgerkoalition (KO), Malgorzata Kidawa-Blonska, am Dienstag". The name
// has two or three words, none a function word, a title, a noun's ending
// or a place; the role stands at most eight words before the comma,
// after an article, with no other comma or sentence end between.
func deApposition(text string, m Mention) (string, bool) {
	words := strings.Fields(m.Name)
	if len(words) < 2 || len(words) > 3 || !strings.HasPrefix(text[m.Span.End:], ",") {
		return "", false
	}
	for _, w := range words {
		if !nlp.IsCapitalized(w) || deStop(w) || deTitle(w) || deNounEnding(w) || nlp.IsPlace(w) || GermanPlace(w) || nlp.IsOrgWord(w) {
			return "", false
		}
	}
	before, ok := strings.CutSuffix(text[:m.Span.Start], ", ")
	if !ok {
		return "", false
	}
	clause := before[max(0, len(before)-160):]
	if i := strings.LastIndexAny(clause, ",.;:!?\"„“«»\n"); i >= 0 {
		clause = clause[i+1:]
	}
	ws := strings.Fields(clause)
	for k := len(ws) - 1; k >= 1 && k >= len(ws)-8; k-- {
		w := strings.Trim(ws[k], "()")
		if nlp.IsCapitalized(w) && deTitle(w) && deStop(ws[k-1]) {
			return w, true
		}
	}
	return "", false
}

// predicateTitle reports whether the title right before pos follows an
// indefinite or negative article ("wird keiner Kanzlerkandidat"): the
// role is then said of someone, not written before a name.
func predicateTitle(text string, pos int) bool {
	w := wordBefore(text, pos)
	if w == "" || !deTitle(w) {
		return false
	}
	i := strings.LastIndex(text[:pos], w)
	return dePredicates[strings.ToLower(wordBefore(text, i))]
}
