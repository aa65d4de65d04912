package entity

import (
	"embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// Spanish, French, Italian and Portuguese put the head noun of a name
// first ("Ministerio de Salud", "Cámara de Representantes", "Assemblée
// nationale") and capitalise sentence openers the English rules cannot
// tell from names ("Así", "Según", "Aseguró"). Read with the English
// rules alone, their organisations, places and openers became people. The
// lists under data/<lang>/ are the evidence a name needs there, one entry
// a line.
//
//go:embed data/es/*.txt data/fr/*.txt data/it/*.txt data/pt/*.txt
var romanceData embed.FS

// romanceFiles are the lists each Romance language has, by file name.
var romanceFiles = []string{"given-names", "titles", "org-words", "places", "place-words", "speech-verbs", "event-words", "not-orgs"}

// romanceRules is the evidence of one Romance language.
type romanceRules struct {
	lang                                                            string
	given, titles, orgWords, places, placeWords, speech, eventWords map[string]bool
	// notOrgs are acronyms that name no organisation ("COVID", "PIB").
	notOrgs map[string]bool
	// in is the preposition before a place ("en México", "à Paris").
	in map[string]bool
}

// romanceBy holds the rules of each Romance language, by ISO 639-1 code.
var romanceBy = loadRomance()

// romanceList returns the entries of one list of a language.
func romanceList(lang, name string) []string {
	b, err := romanceData.ReadFile("data/" + lang + "/" + name + ".txt")
	if err != nil {
		panic("entity: a Romance list is missing: " + err.Error()) // embedded at build time
	}
	return lines(string(b))
}

func loadRomance() map[string]*romanceRules {
	in := map[string][]string{"es": {"en"}, "fr": {"à", "en"}, "it": {"a", "in"}, "pt": {"em"}}
	out := map[string]*romanceRules{}
	for lang, preps := range in {
		set := func(name string) map[string]bool { return lowerSet(strings.Join(romanceList(lang, name), "\n")) }
		r := &romanceRules{lang: lang, given: set("given-names"), titles: set("titles"), orgWords: set("org-words"),
			places: set("places"), placeWords: set("place-words"), speech: set("speech-verbs"),
			eventWords: set("event-words"), notOrgs: set("not-orgs"), in: map[string]bool{}}
		for _, p := range preps {
			r.in[p] = true
		}
		out[lang] = r
	}
	return out
}

// romanceConnectors join the words of a name in Romance languages beyond
// the connectors every language has: "Ministerio del Interior",
// "Presidenza della Repubblica", "Ministério dos Negócios".
var romanceConnectors = map[string]bool{"del": true, "della": true, "di": true, "do": true, "dos": true, "das": true, "des": true}

// connects reports whether w may stand inside a name in the language of
// the text read.
func (f *Finder) connects(w string) bool {
	return connector[w] || romanceBy[f.lang] != nil && romanceConnectors[w]
}

// stop reports whether w is a function word of the language, or an
// article elided onto a word written in lower case: "L’uruguayen".
func (r *romanceRules) stop(w string) bool {
	if nlp.IsStopWordIn(r.lang, strings.ToLower(w)) {
		return true
	}
	for _, apo := range []string{"’", "'"} {
		if _, rest, ok := strings.Cut(w, apo); ok && rest != "" {
			rn, _ := utf8.DecodeRuneInString(rest)
			return unicode.IsLower(rn)
		}
	}
	return false
}

func (r *romanceRules) isGiven(w string) bool {
	if r.given[strings.ToLower(w)] {
		return true
	}
	if first, _, ok := strings.Cut(w, "-"); ok && first != "" && r.isGiven(first) {
		return true // "Jean-François", "José-Luis"
	}
	_, ok := nlp.GivenName(w)
	return ok
}

// isPlace reports whether a name is a place in the gazetteer or in the
// language's own spelling.
func (r *romanceRules) isPlace(name string) bool {
	return nlp.IsPlace(name) || r.places[strings.ToLower(name)]
}

// speechNextTo reports whether one of the language's speech verbs stands
// right before [start, end) or right after it (one word or two: "a dit").
func (r *romanceRules) speechNextTo(text string, start, end int) bool {
	if r.speech[strings.ToLower(wordBefore(text, start))] {
		return true
	}
	// Right after, with no comma: "Sánchez dijo", where "el zoológico
	// Krefeld, dijo a la prensa Hoppmann" names no one before the comma.
	rest := strings.TrimLeft(text[end:min(len(text), end+40)], " ")
	ws := strings.Fields(rest)
	for n := 1; n <= 2 && n <= len(ws); n++ {
		if r.speech[strings.ToLower(strings.TrimRight(strings.Join(ws[:n], " "), ".,:;"))] {
			return true
		}
	}
	return false
}

// notName reports whether any of words is an organisation's word, a
// place or a function word.
func (r *romanceRules) notName(words []string) bool {
	for _, w := range words {
		if r.orgWords[strings.ToLower(w)] || r.isPlace(w) || r.stop(w) {
			return true
		}
	}
	return false
}

// titleOfBefore reports whether a title and "de" stand right before pos:
// the words before a given name that follow are then the body the title
// belongs to, not the person's ("El concejal de Ciudadanos Rubén Pérez
// Carcedo").
func (r *romanceRules) titleOfBefore(text string, pos int) bool {
	prep := wordBefore(text, pos)
	switch strings.ToLower(prep) {
	case "de", "del", "du", "di", "do", "da":
	default:
		return false
	}
	end := strings.LastIndex(text[:pos], prep)
	return end > 0 && r.titles[strings.ToLower(wordBefore(text, end))]
}

// titleAfter reports whether a role follows the name after a comma:
// "William Barr, secretario de Justicia".
func (r *romanceRules) titleAfter(text string, end int) bool {
	rest, ok := strings.CutPrefix(text[end:min(len(text), end+40)], ", ")
	if !ok {
		return false
	}
	ws := strings.Fields(rest)
	if len(ws) > 0 && r.stop(ws[0]) && len(ws) > 1 {
		ws = ws[1:] // "la ministra"
	}
	return len(ws) > 0 && r.titles[strings.ToLower(strings.TrimRight(ws[0], ".,:;"))]
}

// titleBefore reports whether the word before pos is a title or role
// ("el presidente Pedro Sánchez", "la ministra Montero").
func (r *romanceRules) titleBefore(text string, pos int) bool {
	return r.titles[strings.ToLower(strings.TrimSuffix(wordBefore(text, pos), "."))]
}

// romance keeps the mentions of a Spanish, French, Italian or Portuguese
// text that have evidence of what they are, and types them by it:
//   - a run opening with an event word is an event ("Ley Orgánica ...");
//   - a run opening with an organisation word ("Ministerio de Salud",
//     "Guardia Nacional"), an acronym, a known organisation or a run the
//     English rules end in an organisation's word is an organisation;
//   - a place in the gazetteer or the language's list, a run opening with
//     a place word ("Ciudad de México"), or one word after "en" is a place;
//   - a person needs a given name, a title before or after the name, a
//     speech verb next to it, or to be the surname of someone named so;
//   - everything else, sentence openers above all ("Así", "Según"), is
//     dropped.
//
// Articles, pronouns and prepositions before or after a run are no part
// of it ("El Ministerio de Salud", "Sindicatura de Cuentas El").
func (f *Finder) romance(r *romanceRules, text string, ms []Mention) []Mention {
	out := ms[:0]
	var pending []Mention
	people := map[string]bool{} // the words of each person named with evidence
	var split []Mention
	for _, m := range ms {
		split = append(split, r.splitOrg(m)...)
	}
	for _, m := range split {
		m, ok := r.trim(m)
		if !ok {
			continue
		}
		words := strings.Fields(m.Name)
		first, low := words[0], strings.ToLower(words[0])
		if len(words) == 1 && isAcronym(first) && (r.notOrgs[low] || capsWord(text, first, false)) {
			continue // "COVID", "PIB", a heading's "VIRUS"
		}
		switch {
		case r.eventWords[low]:
			m.Type, m.Role = storyfold.EntityOther, ""
		case r.orgWords[low] || len(words) == 1 && (isAcronym(first) && !r.stop(first) || knownOrgs[low]) ||
			len(words) >= 2 && nlp.IsOrgWord(words[len(words)-1]) && !r.isGiven(first):
			if r.isPlace(m.Name) {
				m.Type, m.Role = storyfold.EntityPlace, ""
				break
			}
			m.Type, m.Role = storyfold.EntityOrg, ""
		case r.isPlace(m.Name) || len(words) >= 2 && r.placeWords[low]:
			m.Type, m.Role = storyfold.EntityPlace, ""
			if nlp.IsPlace(m.Name) {
				m.Name = canonicalPlace(m.Name)
			}
		case m.Type == storyfold.EntityPerson || m.Type == storyfold.EntityOther:
			if r.afterPlaceWord(text, m.Span.Start) {
				m.Type, m.Role = storyfold.EntityPlace, "" // "la calle Dr. Verduzco"
				break
			}
			if p, ok := r.person(text, m); ok {
				out = append(out, p)
				for _, w := range strings.Fields(p.Name) {
					people[w] = true
				}
				continue
			}
			if len(words) == 1 && r.in[strings.ToLower(wordBefore(text, m.Span.Start))] && !r.isGiven(first) {
				m.Type, m.Role = storyfold.EntityPlace, "" // "en Bogor"
				break
			}
			pending = append(pending, m)
			continue
		default:
			continue // a place or an organisation with no evidence
		}
		out = append(out, m)
	}
	// The surname of someone named with evidence: "Sánchez" after "Pedro
	// Sánchez", "Pérez Carcedo" after "Rubén Pérez Carcedo".
	for _, m := range pending {
		words := strings.Fields(m.Name)
		if len(words) > 2 {
			continue
		}
		all := true
		for _, w := range words {
			all = all && people[w] && !r.isGiven(w)
		}
		if all {
			m.Type = storyfold.EntityPerson
			out = append(out, m)
		}
	}
	sortMentions(out)
	return out
}

// splitOrg cuts a run that opens with an organisation's word before a
// given name that no connector joins to it: "Concejo Claudia López" is the
// council and Claudia López.
func (r *romanceRules) splitOrg(m Mention) []Mention {
	words := strings.Fields(m.Name)
	offs := fieldOffsets(m.Name)
	if len(words) < 3 || len(words) != len(offs) || !r.orgWords[strings.ToLower(words[0])] {
		return []Mention{m}
	}
	for k := 1; k+1 < len(words); k++ {
		if r.isGiven(words[k]) && !r.stop(words[k-1]) && !connector[words[k-1]] && !romanceConnectors[words[k-1]] {
			org, person := m, m
			org.Name = strings.Join(words[:k], " ")
			org.Span.End = m.Span.Start + offs[k-1] + len(words[k-1])
			person.Name = strings.Join(words[k:], " ")
			person.Span.Start = m.Span.Start + offs[k]
			person.Type = storyfold.EntityPerson
			return []Mention{org, person}
		}
	}
	return []Mention{m}
}

// trim cuts the function words at either end of a mention and a title at
// its start, which becomes its role: "El Ministerio de Salud", "Romero
// Hicks No", "Papa Francisco".
func (r *romanceRules) trim(m Mention) (Mention, bool) {
	words := strings.Fields(m.Name)
	offs := fieldOffsets(m.Name)
	if len(words) != len(offs) {
		return m, false
	}
	g, end := 0, len(words)
	var role []string
	for g < end && (r.stop(words[g]) || r.titles[strings.ToLower(strings.TrimSuffix(words[g], "."))] || r.speech[strings.ToLower(words[g])]) {
		if r.titles[strings.ToLower(strings.TrimSuffix(words[g], "."))] {
			role = append(role, words[g])
		}
		g++
	}
	// A short function word after a run belongs to the next phrase
	// ("Romero Hicks No"); a longer one is part of the name ("Villa
	// Nueva").
	for end > g && r.stop(words[end-1]) && utf8.RuneCountInString(words[end-1]) <= 3 {
		end--
	}
	if g == end {
		return m, false
	}
	if rn, _ := utf8.DecodeRuneInString(words[g]); !unicode.IsUpper(rn) {
		return m, false
	}
	if g > 0 || end < len(words) {
		start := m.Span.Start + offs[g]
		m.Span.End = m.Span.Start + offs[end-1] + len(words[end-1])
		m.Span.Start = start
		m.Name = strings.Join(words[g:end], " ")
	}
	if len(role) > 0 {
		if m.Role != "" {
			m.Role += " "
		}
		m.Role += strings.Join(role, " ")
	}
	return m, true
}

// person returns a mention as a person's name when it has evidence: a
// given name (the name starts there), a title before or after it, or a
// speech verb next to it. Names longer than four words are not read as
// people.
func (r *romanceRules) person(text string, m Mention) (Mention, bool) {
	words := strings.Fields(m.Name)
	offs := fieldOffsets(m.Name)
	g := -1
	for k, w := range words {
		if r.isGiven(w) && !r.stop(w) {
			g = k
			break
		}
	}
	if g > 0 && (r.notName(words[:g]) || r.titleOfBefore(text, m.Span.Start)) {
		// Words before a given name that are an organisation, a place or
		// a function word are no part of the name ("Concejo Claudia
		// López"): the name starts at it. Other words may be a given name
		// the list lacks ("Josep Maria Bartomeu").
		m.Span.Start += offs[g]
		m.Name = strings.Join(words[g:], " ")
		words = words[g:]
	}
	if len(words) > 4 {
		return m, false
	}
	for _, w := range words[1:] {
		if r.orgWords[strings.ToLower(w)] || r.isPlace(w) && !r.isGiven(w) {
			return m, false // "Ciudadanos Rubén", "Medellín Colombia"
		}
	}
	after := r.titleAfter(text, m.Span.End)
	if g < 0 && !after && r.stop(wordBefore(text, m.Span.Start)) {
		// After an article or a preposition a capitalised word is a
		// noun's or a name's part, whatever title the run had before
		// it: "los Verdes", "el ministro de Defensa aseguró", "Consejo
		// General de Salubridad".
		return m, false
	}
	titled := m.Role != "" || r.titleBefore(text, m.Span.Start) || after
	evidence := g >= 0 || titled || r.speechNextTo(text, m.Span.Start, m.Span.End)
	if !evidence {
		return m, false
	}
	m.Type = storyfold.EntityPerson
	return m, true
}

// RomancePlace reports whether a name is a country, a region or a city in
// the spelling of Spanish, French, Italian or Portuguese ("México",
// "Allemagne"), which the gazetteer knows by its English name only, for
// readers of names outside this package (the quote finder's speakers).
func RomancePlace(name string) bool {
	low := strings.ToLower(name)
	for _, r := range romanceBy {
		if r.places[low] {
			return true
		}
	}
	return false
}

// afterPlaceWord reports whether the word before pos, past a title, opens
// a place's name in lower case: a street, a square or a district named
// after a person is a place ("la calle Dr. Verduzco", "avenida Benito
// Juárez").
func (r *romanceRules) afterPlaceWord(text string, pos int) bool {
	w := wordBefore(text, pos)
	if r.titles[strings.ToLower(strings.TrimSuffix(w, "."))] {
		if i := strings.LastIndex(text[:pos], w); i >= 0 {
			w = wordBefore(text, i)
		}
	}
	return w != "" && w == strings.ToLower(w) && r.placeWords[w]
}

// capsWord reports whether an acronym is a word set in capitals, as
// headings and captions write them: the article also writes it as a word
// in lower case ("VIRUS" and "virus"), or with a capital when nouns have
// one (German "Virus"); a name may be written so too ("EZLN", "Ezln").
func capsWord(text, acronym string, nounCapital bool) bool {
	if utf8.RuneCountInString(acronym) < 4 {
		return false // "EU", "SPD": too short to be a word written out
	}
	low := strings.ToLower(acronym)
	return wordIn(text, low) || nounCapital && wordIn(text, acronym[:1]+low[1:])
}

// wordIn reports whether w stands in text as a whole word.
func wordIn(text, w string) bool {
	for i := 0; ; {
		k := strings.Index(text[i:], w)
		if k < 0 {
			return false
		}
		s, e := i+k, i+k+len(w)
		b, _ := utf8.DecodeLastRuneInString(text[:s])
		a, _ := utf8.DecodeRuneInString(text[e:])
		if (s == 0 || !unicode.IsLetter(b)) && (e == len(text) || !unicode.IsLetter(a)) {
			return true
		}
		i = e
	}
}
