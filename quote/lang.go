package quote

import (
	"embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/entity"
	"github.com/storyfold/storyfold/nlp"
)

// langData holds the speech cues of the languages other than English, one
// file a language (data/lang/<code>-cues.txt): adding a language is adding
// its file and a case under testdata/lang.
//
//go:embed data/lang/*-cues.txt
var langData embed.FS

// cueKind is how a cue places its speaker.
type cueKind int

const (
	cueVerb    cueKind = iota // a speech verb: the speaker stands next to it
	cueFrom                   // the speaker follows: laut Merkel, selon Macron
	cueAfter                  // the speaker comes before: Merkel zufolge
	cuePron                   // a pronoun standing for the person last named
	cueHe                     // a pronoun standing for the man last named
	cueShe                    // a pronoun standing for the woman last named
	cueWork                   // a noun (or its ending) naming a work: der Film „…“
	cueAt                     // a preposition of place: no speaker after it
	cueRole                   // a role noun: "sagte der Minister" is the person last named
	cueThat                   // a word opening a that-clause: no speaker after it
	cueChannel                // a medium words are said on: never a speaker (Twitter)
	cueOrgRole                // a body's noun: "ha denunciado el sindicato" is the organisation last named
)

// cue is one entry of a language's cue file: its words, lower case and
// read by the tokenizer the text is read by, so that "a déclaré" and
// "d'après" match as the text's tokens do.
type cue struct {
	kind  cueKind
	words []string
	text  string
}

// langRules are one language's cues, longest first so that "ha dicho"
// wins over a shorter cue it contains.
type langRules struct {
	cues  []cue
	works []string        // the cueWork entries
	at    map[string]bool // the cueAt entries
	roles []string        // the cueRole entries, "-" before an ending
	// orgRoles are the cueOrgRole entries: after a speech verb and an
	// article ("dijo el órgano en un comunicado") they stand for the
	// organisation named last.
	orgRoles map[string]bool
	that     map[string]bool // the cueThat entries
	// channels are the cueChannel entries: "dijo en su cuenta de la red
	// social Twitter" names where, not who.
	channels map[string]bool
	// colonAfter says a headline may give its speaker after the quote
	// and a colon ("“Soleimani planeaba ataque …”: Trump"): a language
	// lists it with a "colonafter" line.
	colonAfter bool
	// clauseCue says a speech verb may end the sentence of a quote cut
	// short of it, after the clause's comma ("« … » du nombre de pays
	// touchés …, affirme le directeur"): a language lists it with a
	// "clausecue" line.
	clauseCue bool
	// subjectFirst says a name before a speech verb speaks only when it
	// opens the clause: German puts the verb second ("Am Montag sagte
	// Merkel", "der Corona-Krise sagte sie").
	subjectFirst bool
	// dropsSubject says the language leaves out a pronoun subject
	// ("…", dijo.), so a cue with no name next to it is the person last
	// named.
	dropsSubject bool
}

// verbSecond lists the languages that put the verb second in a clause.
var verbSecond = map[string]bool{"de": true, "nl": true}

// dropSubject lists the languages that leave out pronoun subjects.
var dropSubject = map[string]bool{"es": true, "it": true, "pt": true, "pl": true, "ru": true, "tr": true, "ar": true}

// langRulesBy are the rules of every language with a cue file, by code.
var langRulesBy = mustLoadLangRules()

func mustLoadLangRules() map[string]*langRules {
	m, err := loadLangRules()
	if err != nil {
		panic(err)
	}
	return m
}

// loadLangRules reads the embedded cue files.
func loadLangRules() (map[string]*langRules, error) {
	files, err := langData.ReadDir("data/lang")
	if err != nil {
		return nil, fmt.Errorf("read cue files: %w", err)
	}
	out := map[string]*langRules{}
	for _, fi := range files {
		code, ok := strings.CutSuffix(fi.Name(), "-cues.txt")
		if !ok {
			continue
		}
		data, err := langData.ReadFile("data/lang/" + fi.Name())
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", fi.Name(), err)
		}
		r, err := parseCues(string(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fi.Name(), err)
		}
		r.dropsSubject = dropSubject[code]
		r.subjectFirst = verbSecond[code]
		out[code] = r
	}
	return out, nil
}

// parseCues reads a cue file: one "kind words" entry a line, # comments.
func parseCues(data string) (*langRules, error) {
	kinds := map[string]cueKind{"verb": cueVerb, "from": cueFrom, "after": cueAfter, "pron": cuePron, "he": cueHe, "she": cueShe, "work": cueWork, "at": cueAt, "role": cueRole, "that": cueThat, "channel": cueChannel, "orgrole": cueOrgRole}
	r := &langRules{at: map[string]bool{}, that: map[string]bool{}, channels: map[string]bool{}, orgRoles: map[string]bool{}}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		switch line {
		case "colonafter":
			r.colonAfter = true
			continue
		case "clausecue":
			r.clauseCue = true
			continue
		}
		kw, words, ok := strings.Cut(line, " ")
		k, known := kinds[kw]
		if !ok || !known {
			return nil, fmt.Errorf("line %d: want a kind (verb, from, after, pron, he, she, work, at, role, that, channel, orgrole) and words: %q", n+1, line)
		}
		switch k {
		case cueWork:
			r.works = append(r.works, strings.ToLower(words))
			continue
		case cueAt:
			r.at[strings.ToLower(words)] = true
			continue
		case cueRole:
			r.roles = append(r.roles, strings.ToLower(words))
			continue
		case cueThat:
			r.that[strings.ToLower(words)] = true
			continue
		case cueChannel:
			r.channels[strings.ToLower(words)] = true
			continue
		case cueOrgRole:
			r.orgRoles[strings.ToLower(words)] = true
			continue
		}
		c := cue{kind: k, text: words}
		for _, t := range nlp.Tokenize(nil, words) {
			if t.Kind != nlp.Punct || t.Text(words) == "'" || t.Text(words) == "-" {
				c.words = append(c.words, strings.ToLower(t.Text(words)))
			}
		}
		r.cues = append(r.cues, c)
	}
	sort.SliceStable(r.cues, func(i, j int) bool { return len(r.cues[i].words) > len(r.cues[j].words) })
	return r, nil
}

// SetLanguage sets the language of the articles read next (ISO 639-1):
// the speech cues a quote's speaker is found by. English, and a language
// without a cue file, are read by the English rules.
func (f *Finder) SetLanguage(lang string) {
	f.lang = langRulesBy[lang]
}

// HasCues reports whether a language has cues of its own.
func HasCues(lang string) bool { return langRulesBy[lang] != nil }

// word is a token of a window read for cues, with its lower-case text.
type word struct {
	lower, raw string
	start, end int // in the article's text
	punct      bool
}

// readWords tokenizes text[from:to] into words and punctuation.
func (f *Finder) readWords(text string, from, to int) []word {
	f.toks = nlp.Tokenize(f.toks[:0], text[from:to])
	f.langWork += len(f.toks)
	out := make([]word, 0, len(f.toks))
	for _, t := range f.toks {
		s := t.Text(text[from:to])
		out = append(out, word{lower: strings.ToLower(s), raw: s, start: from + int(t.Start), end: from + int(t.End), punct: t.Kind == nlp.Punct})
	}
	return out
}

// speakerCueAt is the cue at ws[i] when it can name a speaker: not a
// pronoun cue, and a "from" cue ("laut", "según") only when a name
// follows it.
func (r *langRules) speakerCueAt(ws []word, i int) (cue, bool) {
	c, ok := r.cueAt(ws, i)
	if !ok || c.pronoun() || c.kind == cueFrom && !namesNext(ws[i+len(c.words):]) {
		return cue{}, false
	}
	return c, true
}

// cueAt returns the longest cue whose words start at ws[i].
func (r *langRules) cueAt(ws []word, i int) (cue, bool) {
	for _, c := range r.cues {
		if i+len(c.words) > len(ws) {
			continue
		}
		ok := true
		for k, w := range c.words {
			if ws[i+k].lower != w {
				ok = false
				break
			}
		}
		if ok {
			return c, true
		}
	}
	return cue{}, false
}

// langReach bounds the bytes read for a cue after a quote, and
// langReachBefore before it, where a cue and its speaker's titles stand
// ("وقال المدير العام لمنظمة الصحة العالمية …: "; Arabic letters take two
// bytes each).
const (
	langReach       = 160
	langReachBefore = 320
)

// langQuote finds the speaker of the marked quote m by the language's
// cues, and reports whether the quote is kept: a short marked phrase with
// no speaker is a term or a title („Querdenker“, „Alarm für Cobra 11“),
// not a statement.
func (f *Finder) langQuote(text string, sentences []storyfold.Span, si int, m storyfold.Span, q *storyfold.Quotation, prev []storyfold.Quotation, lastMarked int, paragraphs []storyfold.Paragraph) bool {
	after := markEnd(text, m.End)
	if f.lang.misPaired(q.Text) {
		return false
	}
	q.Speaker, q.Cue = f.colonName(text, sentences[si], m), ":"
	if q.Speaker == "" && f.lang.colonAfter {
		if n := f.colonNameAfter(text, after); n != "" {
			q.Speaker, q.Cue = n, ":"
		}
	}
	if q.Speaker == "" {
		q.Speaker, q.Cue = f.langCueAfter(text, sentences, m, after)
	}
	if q.Speaker == "" {
		// A cue after the quote that names no one ("twitterte der
		// Sender") leaves the word to one before it ("RTL antwortete:").
		if sp, cue := f.langCueBefore(text, sentences[si], m); sp != "" || q.Cue == "" {
			q.Speaker, q.Cue = sp, cue
		}
	}
	if q.Speaker == "" && q.Cue == "" {
		// No speech verb, but the sentence's subject and a colon before
		// the quote: „Söder dagegen macht klar: „…“", "Sánchez deja claro:".
		if n := f.colonSubject(text, sentences[si], m); n != "" {
			q.Speaker, q.Cue = n, ":"
		}
	}
	if q.Speaker == "" && q.Cue == "" && si > 0 && strings.Trim(text[sentences[si].Start:m.Start], " „“\"«»") == "" {
		// A quote opening its sentence after one that attributes speech:
		// „Dies sagte Trump am Sonntag. „Aber …“".
		prevSent := sentences[si-1]
		if sp, cue := f.langCueBefore(text, prevSent, storyfold.Span{Start: prevSent.End, End: prevSent.End}); sp != "" {
			q.Speaker, q.Cue = sp, cue
		}
	}
	words := countWords(nlp.Tokenize(nil, q.Text))
	if q.Speaker == "" && lastMarked >= 0 && words > langMaxTitle && f.continues(text, prev[lastMarked], m, q.Cue) {
		// The rest of a statement; a short span with no cue of its own is
		// a name or a term („Unter uns“), not its rest.
		q.Speaker = f.continued(text, prev[lastMarked], m, paragraphs)
	}
	switch {
	case after < len(text) && text[after] == '-':
		return false // „Lindenstraße“-Star: a name in a compound
	case words <= langMaxTerm && (!endsSentence(q.Text) || endsInitials(q.Text)) && !f.cueNextTo(text, m, after):
		return false // imputado por presunto "femicidio": a term, its cue the sentence's

	case allCapitalized(q.Text, langMaxTitle) && (q.Speaker == "" || afterArticle(text, m.Start) || !f.cueNextTo(text, m, after)):
		return false // „Handelsblatt“, sagte Petri dem „Handelsblatt“
	case words <= langMaxTitle && afterName(text, m.Start):
		return false // die Leader-Region „Mitten im Innviertel“
	case q.Cue != "" && f.cueNextTo(text, m, after):
		return true // „Auf keinen Fall“, sagte ein Sprecher: a cue right next to it
	case q.Speaker == "" && q.Cue == "" && f.lang.subjectFirst && afterGenitive(text, m.Start):
		return false // Bob Geldofs „Do they know it's Christmas?“
	case f.lang.afterWork(text, m.Start) && !f.cueNextTo(text, m, after):
		return false // der Film „Der Nussknacker und die vier Reiche“
	case q.Speaker != "" || q.Cue != "" && words > langMaxTitle:
		return true // a cue makes a sentence a statement, named or not
	}
	// With no speaker, a quote is a statement: a sentence that ends inside
	// the marks, of a statement's length. A phrase in marks is a term or a
	// title, and a long run between two marks one that lost its pair.
	return words >= langMinWords && words <= langMaxUnattributed && endsSentence(q.Text)
}

// markStart returns where the opening mark of the quote whose words
// start at pos begins, past the spaces French sets inside its marks
// (« C'est … »), or pos when no mark stands there.
func markStart(text string, pos int) int {
	p := pos
	for p > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:p])
		if !isMarkSpace(r) {
			break
		}
		p -= size
	}
	if r, size := utf8.DecodeLastRuneInString(text[:p]); isOpen(r) || r == '"' || r == '»' {
		return p - size
	}
	return pos
}

// markEnd returns where the closing mark of the quote whose words end
// at end ends, past the spaces inside French marks (… démarche »), or end
// when no mark stands there.
func markEnd(text string, end int) int {
	p := end
	for p < len(text) {
		r, size := utf8.DecodeRuneInString(text[p:])
		if !isMarkSpace(r) {
			break
		}
		p += size
	}
	if p < len(text) {
		if r, size := utf8.DecodeRuneInString(text[p:]); isClose(r) || r == '“' || r == '«' || r == '"' {
			return p + size
		}
	}
	return end
}

// isMarkSpace reports whether r is a space French typography sets inside
// quotation marks: a plain, a no-break or a narrow no-break space.
func isMarkSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

// langMaxTerm is how many words a marked phrase with no cue right next
// to it may have and still be taken for a term rather than a statement:
// the speaker a cue further off names said the sentence, not the phrase.
const langMaxTerm = 3

// cueNextTo reports whether a speech cue stands right next to the marked
// span m: opening the words after its closing mark (ending at after) past
// a comma or a dash („Nein“, sagte er), or ending right before its opening
// mark past a colon (a déclaré "désolé", Merkel sagte: „Nein“).
func (f *Finder) cueNextTo(text string, m storyfold.Span, after int) bool {
	ws := f.readWords(text, after, min(len(text), after+40))
	for i, w := range ws {
		if w.punct {
			if w.lower == "," || w.lower == "-" || w.lower == "–" || w.lower == "—" {
				continue
			}
			break
		}
		if c, ok := f.lang.cueAt(ws, i); ok && !c.pronoun() {
			return true
		}
		break
	}
	open := markStart(text, m.Start)
	ws = f.readWords(text, max(0, open-40), open)
	end := len(ws)
	for end > 0 && ws[end-1].punct && ws[end-1].lower == ":" {
		end--
	}
	for i := range end {
		if c, ok := f.lang.cueAt(ws, i); ok && !c.pronoun() && i+len(c.words) == end {
			return true
		}
	}
	return false
}

// colonName returns the person or organisation named right before the
// quote m and a colon, as a headline gives a speaker ("Rossi: “…”"); such
// a name wins over a cue after the quote, which belongs to the next
// sentence. A capitalised run the entity finder does not know is no name
// here: page text stands so too ("Escuchar Nota: "…"").
func (f *Finder) colonName(text string, sent storyfold.Span, m storyfold.Span) string {
	open := markStart(text, m.Start)
	head := strings.TrimRight(text[sent.Start:open], " ")
	if !strings.HasSuffix(head, ":") {
		return ""
	}
	end := sent.Start + len(head) - 1
	from := max(sent.Start, end-langSubjectGap)
	if n := f.lastNameIn(text, from, end); n != "" && strings.TrimSpace(text[f.nameEnd(n, end):end]) == "" {
		return n
	}
	return ""
}

// colonNameAfter returns the person named right after the closing mark
// at after and a colon, the name then ending the headline: the end of the
// text or its line, a dash, or a full stop ("“Soleimani planeaba ataque
// contra embajadas de EU”: Trump – Las Noticias de Chihuahua").
func (f *Finder) colonNameAfter(text string, after int) string {
	rest := strings.TrimLeft(text[after:], " ")
	if !strings.HasPrefix(rest, ":") {
		return ""
	}
	start := len(text) - len(strings.TrimLeft(rest[1:], " "))
	k := sort.Search(len(f.names), func(i int) bool { return f.names[i].start >= start })
	if k == len(f.names) || f.names[k].start != start {
		return ""
	}
	n := f.names[k]
	tail := strings.TrimLeft(text[n.end:], " ")
	for _, end := range []string{"–", "—", "-", "\n", ".", "|"} {
		if strings.HasPrefix(tail, end) {
			return n.name
		}
	}
	if tail == "" {
		return n.name
	}
	return ""
}

// colonSubject returns the person who opens the sentence sent when the
// sentence's words before the quote m end in a colon and name no one else:
// a verb no cue list holds still gives the subject's words ("Söder
// dagegen macht klar, wie man in Bayern die Dinge sieht: „…“", "Sánchez
// deja claro: «…»"). A clause of at most langColonWords words; a person
// named in full or by a surname the article named in full.
func (f *Finder) colonSubject(text string, sent storyfold.Span, m storyfold.Span) string {
	open := markStart(text, m.Start)
	if open <= sent.Start {
		return ""
	}
	head := strings.TrimRight(text[sent.Start:open], " ")
	if !strings.HasSuffix(head, ":") || strings.ContainsAny(head, "„“”\"«»") {
		return ""
	}
	colon := sent.Start + len(head) - 1
	k := sort.Search(len(f.names), func(i int) bool { return f.names[i].start >= sent.Start })
	if k == len(f.names) || f.names[k].end > colon || strings.TrimSpace(text[sent.Start:f.names[k].start]) != "" {
		return ""
	}
	n := f.names[k]
	if !f.speakerAt(text, n) || countWords(nlp.Tokenize(nil, text[n.end:colon])) > langColonWords {
		return ""
	}
	for _, o := range f.names[k+1:] {
		if o.start >= colon {
			break
		}
		if o.name != n.name {
			return ""
		}
	}
	return n.name
}

// langColonWords is how many words may stand between a sentence's subject
// and the colon before its quote: a clause, not a paragraph.
const langColonWords = 12

// langMaxUnattributed is how many words a quote with no speaker may have:
// past it, the marks around it are taken to belong to two quotes.
const langMaxUnattributed = 45

// endsSentence reports whether a quote ends with a sentence's end mark.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " "))
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// endsInitials reports whether a quote's last full stop ends a run of
// initials rather than a sentence: "cuatro EE. UU." is a term ("las
// "cuatro EE. UU." Embajadas"), its stop the abbreviation's.
func endsInitials(s string) bool {
	s = strings.TrimRight(s, " ")
	rest, ok := strings.CutSuffix(s, ".")
	if !ok {
		return false
	}
	n := 0
	for rest != "" {
		r, size := utf8.DecodeLastRuneInString(rest)
		if !unicode.IsUpper(r) {
			break
		}
		rest = rest[:len(rest)-size]
		n++
	}
	return n == 2 && strings.HasSuffix(rest, ". ")
}

// continues reports whether the quote m, whose speaker is not found, may
// go on with the statement of the marked quote prev before it: one
// sentence between them, the attribution of prev („…“, sagte er. „…“), or
// two when m is a sentence of its own with no cue at all, prev no mere
// phrase, and no one else is named between them, the second sentence the
// speaker's words retold („…“, sagte der
// Premierminister. Deutschland ist ein Land … „…“).
func (f *Finder) continues(text string, prev storyfold.Quotation, m storyfold.Span, cue string) bool {
	switch sentencesBetween(text[prev.Span.End:m.Start]) {
	case 0, 1:
		return true
	case 2:
		rest := strings.TrimLeft(text[min(len(text), m.End+len("“")):], "“”\"»« ")
		if cue != "" || !endsSentence(text[m.Start:m.End]) || strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, "–") ||
			countWords(nlp.Tokenize(nil, prev.Text)) <= langMaxTerm {
			return false // „…“, findet der FDP-Chef: someone else, described
		}
		for _, n := range f.names {
			if n.start >= prev.Span.End && n.end <= m.Start && n.name != prev.Speaker {
				return false
			}
		}
		return true
	}
	return false
}

// sentencesBetween counts the sentence ends in s, the text between two
// quotes: one is the attribution of the first ("…“, sagte er. „…“), two
// are a story going on between them.
func sentencesBetween(s string) int {
	n := 0
	for i, r := range s {
		if (r == '.' || r == '!' || r == '?') && (i+1 >= len(s) || s[i+1] == ' ') {
			n++
		}
	}
	return n
}

// afterGenitive reports whether the word before the opening mark at pos
// is a capitalised word in the genitive, as in German a work's author
// stands before
// its title: "Bob Geldofs „Do they know it's Christmas?“".
func afterGenitive(text string, pos int) bool {
	w := lastWordBefore(text, pos)
	return utf8.RuneCountInString(w) > 3 && nlp.IsCapitalized(w) && strings.HasSuffix(w, "s") && !isFunctionWord(strings.ToLower(w))
}

// afterName reports whether the word before the opening mark at pos is a
// capitalised word: a short span after a noun names something („Leader-
// Region „Mitten im Innviertel“) rather than quoting.
func afterName(text string, pos int) bool {
	w := lastWordBefore(text, pos)
	return w != "" && nlp.IsCapitalized(w) && !strings.HasSuffix(w, ":")
}

// misPaired reports whether a marked span holds an attribution, a comma or
// a full stop and a speech cue ("…, sagt es im Bulletin. …", ", so
// Hofer"), or opens with punctuation: the marks around it closed one quote
// and opened the next.
func (r *langRules) misPaired(s string) bool {
	if c, _ := utf8.DecodeRuneInString(s); strings.ContainsRune(",.;:)(", c) {
		return true
	}
	toks := nlp.Tokenize(nil, s)
	ws := make([]word, 0, len(toks))
	for _, t := range toks {
		w := t.Text(s)
		ws = append(ws, word{lower: strings.ToLower(w), raw: w, punct: t.Kind == nlp.Punct})
	}
	for i := 1; i+1 < len(ws); i++ {
		if !ws[i-1].punct || ws[i-1].lower != "," && ws[i-1].lower != "." {
			continue
		}
		if c, ok := r.cueAt(ws, i); ok && (c.kind == cueVerb || c.kind == cueFrom && i+len(c.words) < len(ws) && nlp.IsCapitalized(ws[i+len(c.words)].raw)) {
			return true
		}
	}
	return false
}

// langMaxTitle is how many words a marked span of capitalised words may
// have and still be taken for a name or a title rather than a quote.
const langMaxTitle = 4

// allCapitalized reports whether s has at most n words and each starts
// with a capital: a title or a newspaper's name, in any language.
func allCapitalized(s string, n int) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > n {
		return false
	}
	for _, w := range words {
		if !nlp.IsCapitalized(strings.TrimLeft(w, "(-–")) {
			return false
		}
	}
	return true
}

// afterArticle reports whether the word before the opening mark at pos is
// a short lower-case word such as an article ("dem „Handelsblatt“").
func afterArticle(text string, pos int) bool {
	w := lastWordBefore(text, pos)
	return w != "" && len(w) <= 3 && !nlp.IsCapitalized(w) && w != "so"
}

// afterWork reports whether the marked span at pos follows a noun naming
// a work (Film, Serie, película), an article between them allowed.
func (r *langRules) afterWork(text string, pos int) bool {
	w := strings.ToLower(lastWordBefore(text, pos))
	if len(w) <= 3 {
		cut := strings.TrimRight(text[:max(0, pos-1)], " „“\"«»")
		cut = strings.TrimRight(cut, " ")
		cut = strings.TrimSuffix(cut, w)
		w = strings.ToLower(lastWordBefore(text, len(cut)))
	}
	for _, e := range r.works {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// lastWordBefore returns the word right before pos, past an opening mark
// and spaces.
func lastWordBefore(text string, pos int) string {
	s := strings.TrimRight(text[:pos], " „“\"«»")
	end := len(s)
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if r == ' ' || r == '\n' || r == '(' || r == ',' {
			break
		}
		s = s[:len(s)-size]
	}
	return text[len(s):end]
}

// langMinWords is how many words a marked span with no speaker needs to
// be kept as a quote.
const langMinWords = 5

// langCueAfter reads a cue right after the quote, within the sentence the
// quote ends in, or opening the next when the quote ends its own: „…“,
// sagte Merkel. / «…», a déclaré Macron. / „….“ So Merkel.
func (f *Finder) langCueAfter(text string, sentences []storyfold.Span, m storyfold.Span, after int) (string, string) {
	k := sort.Search(len(sentences), func(i int) bool { return sentences[i].End > after })
	if k == len(sentences) {
		return "", ""
	}
	end := min(sentences[k].End, after+langReach)
	ws := f.readWords(text, after, end)
	if !hasWord(ws) && k+1 < len(sentences) {
		// A quote that ends its sentence: the next one attributes it
		// only if it opens with the cue („….“ So Merkel.).
		end = min(sentences[k+1].End, sentences[k+1].Start+langReach)
		ws = f.readWords(text, sentences[k+1].Start, end)
		if _, ok := f.lang.cueAt(ws, firstWord(ws)); !ok {
			return "", ""
		}
	}
	// The cue opens the window, after a comma or a dash; or a name comes
	// first and the cue after it („…“, Merkel sagte).
	seen := 0
	for i, w := range ws {
		if w.punct {
			if w.lower == "." || w.lower == "!" || w.lower == "?" || w.lower == ";" {
				break
			}
			continue
		}
		if seen++; seen > 6 {
			break
		}
		c, ok := f.lang.speakerCueAt(ws, i)
		if !ok {
			continue
		}
		cueEnd := ws[i+len(c.words)-1].end
		switch c.kind {
		case cueFrom:
			return f.nameAfter(text, cueEnd, end, ws[i+len(c.words):]), c.text
		case cueAfter:
			return f.lastNameIn(text, after, ws[i].start), c.text
		}
		if g, ok := f.lang.pronounIn(c); ok {
			return f.lastPersonBefore(text, m.Start, g), c.text // «…», a-t-il déclaré
		}
		if n := f.lastNameIn(text, after, ws[i].start); n != "" {
			return n, c.text
		}
		if n := bareName(text, ws[:i]); n != "" {
			return n, c.text // „…“. Ruhani sagte
		}
		if n := bareName(text, articleRun(ws[:i])); n != "" {
			return n, c.text // „…“ Der schwedische Epidemiologe Giesecke erklärt
		}
		if n := f.nameAfter(text, cueEnd, end, ws[i+len(c.words):]); n != "" {
			return n, c.text // «…», destacó Adrián LeBarón
		}
		if n := f.nameBeforeComma(text, m.Start); n != "" {
			return n, c.text // Abdulkadir Şahiner, "…" dedi.
		}
		if n := markedTitleAfter(text, cueEnd); n != "" {
			return n, c.text // "…", schreibt die "Teheran Times"
		}
		return f.verbSubject(text, ws[i+len(c.words):], cueEnd, end, m.Start), c.text
	}
	if f.lang.clauseCue {
		return f.clauseCueAfter(text, ws, sentences[k].End, m)
	}
	return "", ""
}

// clauseCueAfter reads a speech verb that ends the sentence of a quote
// cut short of it, after a comma and the rest of the clause, with its
// subject after it: "« La situation est très préoccupante » du nombre de
// pays touchés …, affirme le directeur de l'OMS, Matshidiso Meti". No
// quotation mark may stand between the quote and the verb: the verb is
// then the next quote's.
func (f *Finder) clauseCueAfter(text string, ws []word, sentEnd int, m storyfold.Span) (string, string) {
	for i, w := range ws {
		if w.punct {
			if w.lower == "." || w.lower == "!" || w.lower == "?" || w.lower == ";" || strings.ContainsAny(w.lower, "“”„«»\"") {
				break
			}
			continue
		}
		if i == 0 || ws[i-1].lower != "," {
			continue
		}
		c, ok := f.lang.speakerCueAt(ws, i)
		if !ok || c.kind != cueVerb {
			continue
		}
		cueEnd := ws[i+len(c.words)-1].end
		if g, ok := f.lang.pronounIn(c); ok {
			return f.lastPersonBefore(text, m.Start, g), c.text
		}
		// The subject and its apposition are read in a window of their
		// own: the quote's window may end inside them.
		end := min(sentEnd, cueEnd+langReach)
		rest := f.readWords(text, cueEnd, end)
		if _, ok := f.lang.roleNext(rest); ok {
			if n := appositionName(text, rest); n != "" {
				return n, c.text
			}
		}
		if n := f.nameAfter(text, cueEnd, end, rest); n != "" {
			return n, c.text
		}
		return "", c.text
	}
	return "", ""
}

// langCueBefore reads a cue before the quote in its sentence: Merkel
// sagte: „…“ / Dazu sagte Merkel: „…“ / Laut Merkel „…“.
func (f *Finder) langCueBefore(text string, sent storyfold.Span, m storyfold.Span) (string, string) {
	from := max(sent.Start, m.Start-langReachBefore)
	open := markStart(text, m.Start)
	if open <= from {
		return "", ""
	}
	// A quote closed before this one ends what may be read.
	if i := strings.LastIndexAny(text[from:open], "“”»«\""); i >= 0 {
		from += i + 1
	}
	ws := f.readWords(text, from, open)
	for i := len(ws) - 1; i >= 0; i-- {
		if ws[i].punct {
			continue
		}
		c, ok := f.lang.speakerCueAt(ws, i)
		if !ok {
			continue
		}
		cueEnd := ws[i+len(c.words)-1].end
		switch c.kind {
		case cueFrom:
			if f.lang.subjectFirst && ws[i].raw == "So" {
				// "So Schule läuft …": a German sentence's "So" is
				// "thus" unless a name the entity finder knows follows.
				return f.nameIn(text, cueEnd, open, ws[i+len(c.words):]), c.text
			}
			return f.nameAfter(text, cueEnd, open, ws[i+len(c.words):]), c.text
		case cueAfter:
			return f.lastNameIn(text, from, ws[i].start), c.text
		}
		if i > 0 && ws[i-1].lower == "," {
			// "… zoológico Krefeld, dijo a la prensa Gerd Hoppmann": a
			// verb after a comma has its subject after it.
			if n := f.nameAfter(text, cueEnd, open, ws[i+len(c.words):]); n != "" {
				return n, c.text
			}
		}
		if n := f.lastNameIn(text, max(from, ws[i].start-langSubjectGap), ws[i].start); n != "" {
			return n, c.text
		}
		if i > 0 && !ws[i-1].punct {
			if p, ok := f.lang.cueAt(ws, i-1); ok && p.pronoun() && (i == 1 || ws[i-2].punct) {
				return f.lastPersonBefore(text, ws[i-1].start, p.gender()), c.text // Er schreibt: „…“
			}
		}
		if n := bareName(text, f.lang.subjectRun(ws[:i])); n != "" {
			return n, c.text // Merkel sagte: „…“, el diputado iraní Abutorabi dijo:
		}
		if i > 0 && ws[i-1].lower == "," {
			if n := f.appositiveSubject(text, sent, ws[i].start); n != "" {
				return n, c.text // Laurence Picard, maire adjoint …, a annoncé
			}
		}
		if g, ok := f.lang.roleBefore(ws[:i]); ok && f.lastNameIn(text, cueEnd, open) == "" {
			// "Der ehemalige Vorsitzende der Fraktion sagte: „…“": the
			// person named last, in this sentence or the one before.
			return f.lastPersonSince(text, f.sentenceBefore(m.Start), ws[i].start, g), c.text
		}
		return f.verbSubject(text, ws[i+len(c.words):], cueEnd, open, m.Start), c.text
	}
	// A name and a colon before the quote: „Björn Höcke: “…”".
	if strings.HasSuffix(strings.TrimRight(text[from:open], " "), ":") {
		end := from + strings.LastIndexByte(text[from:open], ':')
		if n := f.lastNameIn(text, from, end); n != "" && strings.TrimSpace(text[f.nameEnd(n, end):end]) == "" {
			return n, ":"
		}
	}
	return "", ""
}

// appositiveSubject returns the person who opens the sentence sent, or a
// clause of it after a comma, a comma after the name, when an apposition
// between commas stands between the name and the speech verb at cue:
// "Laurence Picard, maire adjoint et président de l'OPH à Coulommiers, a
// annoncé …". At most two words (a title, an article) may stand before
// the name at the sentence's start.
func (f *Finder) appositiveSubject(text string, sent storyfold.Span, cue int) string {
	k := sort.Search(len(f.names), func(i int) bool { return f.names[i].start >= sent.Start })
	for ; k < len(f.names) && f.names[k].end < cue; k++ {
		f.langWork++
		n := f.names[k]
		if !strings.HasPrefix(text[n.end:cue], ",") || !f.speakerAt(text, n) {
			continue
		}
		head := strings.TrimRight(text[sent.Start:n.start], " ")
		if len(strings.Fields(head)) > 2 && !strings.HasSuffix(head, ",") {
			continue // "… muertes en Nueva York, 2 mil …": no clause opens there
		}
		if between := text[n.end:cue]; strings.ContainsAny(between, ".;:\"“”„«»") || len(between) > langReach {
			continue
		}
		return n.name
	}
	return ""
}

// nameBeforeComma returns the name that stands before the quote opening
// at pos and a comma, the way Turkish puts the speaker before the quote
// and the verb after it: Abdulkadir Şahiner, "…" dedi.
func (f *Finder) nameBeforeComma(text string, pos int) string {
	open := markStart(text, pos)
	start := max(0, open-langReach)
	head := strings.TrimRight(text[start:open], " ")
	if !strings.HasSuffix(head, ",") {
		return ""
	}
	end := start + len(head) - 1 // the comma
	if n := f.lastNameIn(text, max(0, end-langSubjectGap), end); n != "" {
		return n
	}
	from := max(0, end-langReach)
	ws := f.readWords(text, from, end)
	k := len(ws)
	for k > 0 && !ws[k-1].punct && nlp.IsCapitalized(ws[k-1].raw) {
		k--
	}
	return bareName(text, ws[k:])
}

// nameEnd returns where the last mention of person name before pos ends,
// or 0.
func (f *Finder) nameEnd(name string, pos int) int {
	k := sort.Search(len(f.names), func(i int) bool { return f.names[i].end > pos })
	for i := k - 1; i >= 0; i-- {
		f.langWork++
		if f.names[i].name == name {
			return f.names[i].end
		}
	}
	return 0
}

// langSubjectGap is how many bytes may stand between a speaker named
// before a speech verb and the verb ("Agustín Rossi afirmó", not a name
// at the start of a long sentence).
const langSubjectGap = 30

// subjectRun returns the capitalised words right before a speech verb when
// they open the clause or follow a lower-case word that is no function
// word ("el diputado iraní Abutorabi"); none after a preposition or an
// article ("Am Montag sagte", "In Berlin sagte").
func (r *langRules) subjectRun(ws []word) []word {
	k := len(ws)
	for k > 0 && !ws[k-1].punct && nlp.IsCapitalized(ws[k-1].raw) {
		k--
	}
	if k == len(ws) {
		return nil
	}
	if k == 0 || ws[k-1].punct && ws[k-1].lower != "-" && ws[k-1].lower != "/" {
		// A clause opening with a capitalised function word: "Und
		// Hagens Geschäftspartner Bjørn Brodwall erklärte".
		for k < len(ws)-1 && isFunctionWord(ws[k].lower) {
			k++
		}
		return ws[k:]
	}
	if k > 0 {
		p := ws[k-1]
		switch {
		case p.punct && (p.lower == "-" || p.lower == "/"):
			return nil // "Corona-Krise"
		case p.punct:
		case r.subjectFirst || nlp.IsCapitalized(p.raw) || isFunctionWord(p.lower):
			return nil
		}
	}
	return ws[k:]
}

// articleRun returns the capitalised words before a speech verb when the
// clause opens with an article and lower-case words before them: "Der
// schwedische Epidemiologe Giesecke" (erklärt); bareName drops the title.
func articleRun(ws []word) []word {
	k := len(ws)
	for k > 0 && !ws[k-1].punct && nlp.IsCapitalized(ws[k-1].raw) {
		k--
	}
	if k == len(ws) || k == 0 {
		return nil
	}
	j := k
	for j > 0 && !ws[j-1].punct && !nlp.IsCapitalized(ws[j-1].raw) {
		j--
	}
	if j == 0 || ws[j-1].punct {
		return nil // no article opens it
	}
	if _, ok := articleGender(ws[j-1].lower); !ok || j > 1 && !ws[j-2].punct {
		return nil
	}
	return ws[k:]
}

// firstWord returns the index of the first word of ws that is no
// punctuation.
func firstWord(ws []word) int {
	for i, w := range ws {
		if !w.punct {
			return i
		}
	}
	return len(ws)
}

// bareName returns a name of capitalised words that opens ws and runs to
// its end, titles dropped ("Moderator Meuser" is Meuser), as the entity
// finder may not know it: "Pappert" in „…“, so Pappert. A hyphen joins
// two words of a name (Walter-Borjans). A function word or a place is
// no name.
func bareName(text string, ws []word) string {
	start := firstWord(ws)
	if start == len(ws) {
		return ""
	}
	from, to, words := -1, -1, 0
	for k := start; k < len(ws); k++ {
		w := ws[k]
		if w.punct && w.lower == "-" && k > start && k+1 < len(ws) && ws[k-1].end == w.start && ws[k+1].start == w.end {
			continue // Walter-Borjans
		}
		if w.punct || !nlp.IsCapitalized(w.raw) || isFunctionWord(w.lower) && !isAcronym(w.raw) {
			return ""
		}
		if from < 0 && entity.GermanTitle(w.raw) {
			continue
		}
		if from < 0 {
			from = w.start
		}
		to = w.end
		words++
	}
	if from < 0 {
		return ""
	}
	if words > 3 {
		// A long run of titles and a name ("Post-Works Council Thomas
		// Koczelnik", "Sungurlu Belediye Başkanı Abdulkadir Şahiner"):
		// the name is its last two words.
		k := len(ws) - 2
		if k < start || ws[k].punct {
			return ""
		}
		from = ws[k].start
	}
	name := text[from:to]
	if first, _, _ := strings.Cut(name, " "); nlp.IsPlace(first) || nlp.IsPlace(strings.TrimSuffix(first, "s")) || entity.GermanPlace(first) {
		return ""
	}
	return name
}

// isAcronym reports whether a word is written in capitals only, as an
// acronym is ("EU" in "EU-Kommissar"), which no stop word of another
// language it happens to spell ("eu", Portuguese "I") makes a function
// word.
func isAcronym(w string) bool {
	return utf8.RuneCountInString(w) >= 2 && strings.ToUpper(w) == w && strings.ToLower(w) != w
}

// namesNext reports whether the words after an attribution word name
// someone: a capitalised word or a short lower-case one (an article:
// "so der Politologe"), not a verb ("so fasst er zusammen").
func namesNext(ws []word) bool {
	i := firstWord(ws)
	return i < len(ws) && (nlp.IsCapitalized(ws[i].raw) || utf8.RuneCountInString(ws[i].lower) <= 3)
}

// isFunctionWord reports whether a lower-case word is a stop word of the
// languages the finder reads ("Das", "Dazu", "Il").
func isFunctionWord(lower string) bool {
	for lang := range langRulesBy {
		if nlp.IsStopWordIn(lang, lower) {
			return true
		}
	}
	return nlp.IsStopWord(lower)
}

// verbSubject returns the speaker named after a speech verb: a person or
// an organisation in the words after it ("sagte Bundeskanzlerin Angela
// Merkel", "dijo el ministro de Sanidad, Salvador Illa"), a pronoun's
// person, or, right after the verb's end in a language that drops
// pronoun subjects ("…", dijo.), the person last named before the quote.
func (f *Finder) verbSubject(text string, ws []word, from, to, quoteStart int) string {
	if n := f.nameAfter(text, from, to, ws); n != "" {
		return n
	}
	first := ""
	for _, w := range ws {
		if !w.punct {
			first = w.lower
			break
		}
		if w.lower == "." || w.lower == ":" || w.lower == "," {
			break
		}
	}
	if first != "" {
		if c, ok := f.lang.cueAt([]word{{lower: first}}, 0); ok && c.pronoun() {
			return f.lastPersonBefore(text, quoteStart, c.gender())
		}
		if g, ok := f.lang.roleNext(ws); ok {
			if n := appositionName(text, ws); n != "" {
				return n
			}
			return f.lastPersonSince(text, f.sentenceBefore(quoteStart), quoteStart, g)
		}
		if f.lang.orgRoleNext(ws) {
			return f.lastOrgSince(text, f.sentenceBefore(quoteStart), quoteStart)
		}
		return ""
	}
	if f.lang.dropsSubject {
		return f.lastPersonBefore(text, quoteStart, nlp.Unknown)
	}
	return ""
}

// roleNext reports whether the words after a speech verb open with an
// article and a role noun: "sagte der Premierminister", "dijo el
// ministro", "a déclaré le maire"; and the gender the article gives it.
// Up to langRoleAdjectives lower-case words may stand between the article
// and the role ("sagte der französische Finanzminister", "a déclaré le
// nouveau ministre"); in German a role may stand bare, no name after it,
// as machine-translated text leaves the article out ("sagte
// Bundeskanzler.").
func (r *langRules) roleNext(ws []word) (nlp.Gender, bool) {
	var run []word
	for _, w := range ws {
		if w.punct {
			break
		}
		if run = append(run, w); len(run) == 2+langRoleAdjectives {
			break
		}
	}
	if len(run) == 0 {
		return nlp.Unknown, false
	}
	if r.subjectFirst && !ws[0].punct && r.isRole(ws[0].raw) && len(ws) > 1 && ws[1].punct && ws[1].lower != "-" {
		return nlp.Unknown, true
	}
	g, ok := articleGender(run[0].lower)
	if !ok {
		return nlp.Unknown, false
	}
	for _, w := range run[1:] {
		if r.isRole(w.raw) {
			return g, true
		}
		if nlp.IsCapitalized(w.raw) || r.at[w.lower] {
			return nlp.Unknown, false // sagte der Vater von Heinz: no role
		}
	}
	return nlp.Unknown, false
}

// langRoleAdjectives is how many lower-case words (adjectives: "der
// französische Finanzminister") may stand between an article and the role
// after a speech verb.
const langRoleAdjectives = 2

// roleBefore reports whether the clause before a speech verb, ws, is an
// article, lower-case words and a role noun: "Der ehemalige Vorsitzende
// der Fraktion sagte", "El ministro de Defensa aseguró"; and the gender
// the article gives it.
func (r *langRules) roleBefore(ws []word) (nlp.Gender, bool) {
	k := len(ws)
	for k > 0 && !ws[k-1].punct {
		k--
	}
	head := ws[k:]
	if len(head) < 2 {
		return nlp.Unknown, false
	}
	g, ok := articleGender(head[0].lower)
	if !ok {
		return nlp.Unknown, false
	}
	for _, w := range head[1:min(len(head), 4)] {
		if r.isRole(w.raw) {
			return g, true
		}
		if nlp.IsCapitalized(w.raw) && !r.subjectFirst {
			break // el presidente Sánchez: a name, no role alone
		}
	}
	return nlp.Unknown, false
}

// articleGender returns the gender a definite or indefinite article gives
// the role noun after it (der, el, le: a man; die, la: a woman; les, los:
// either), and whether the word is such an article.
func articleGender(a string) (nlp.Gender, bool) {
	switch a {
	case "der", "ein", "el", "un", "le", "il":
		return nlp.Male, true
	case "die", "eine", "la", "una", "une":
		return nlp.Female, true
	case "los", "las", "les", "lo":
		return nlp.Unknown, true
	}
	return nlp.Unknown, false
}

// appositionName returns the name set off by commas after a role that
// follows a speech verb: "dijo el ministro de Sanidad, Salvador Illa,"
// and "schrieb die Kandidatin des Bündnisses, Malgorzata Kidawa-Blonska,".
func appositionName(text string, ws []word) string {
	for i, w := range ws {
		if !w.punct || w.lower == "'" || w.lower == "’" || w.lower == "(" || w.lower == ")" {
			continue // "le directeur de l'Organisation mondiale de la santé (OMS), Matshidiso Meti"
		}
		if w.lower != "," {
			return ""
		}
		k := i + 1
		for k < len(ws) && (!ws[k].punct && nlp.IsCapitalized(ws[k].raw) || ws[k].lower == "-" && k > i+1) {
			k++
		}
		if k-i-1 < 2 || k < len(ws) && !ws[k].punct {
			continue
		}
		return bareName(text, ws[i+1:k])
	}
	return ""
}

// orgRoleNext reports whether ws opens with an article and a body's noun
// ("el sindicato", "le syndicat"): the organisation named last said it.
func (r *langRules) orgRoleNext(ws []word) bool {
	if len(ws) < 2 || ws[0].punct || ws[1].punct {
		return false
	}
	if _, ok := articleGender(ws[0].lower); !ok {
		return false
	}
	return r.orgRoles[ws[1].lower]
}

// lastOrgSince returns the organisation named last between from and pos
// that may speak ("CSIF ha reclamado … “…”, ha denunciado el sindicato"),
// or "".
func (f *Finder) lastOrgSince(text string, from, pos int) string {
	k := sort.Search(len(f.orgs), func(i int) bool { return f.orgs[i].end > pos })
	for i := k - 1; i >= 0 && f.orgs[i].start >= from; i-- {
		f.langWork++
		if f.speakerAt(text, f.orgs[i]) && !f.lang.channels[strings.ToLower(f.orgs[i].name)] {
			return f.orgs[i].name
		}
	}
	return ""
}

// isRole reports whether w is a role noun of the language: an entry of
// its cue file, or an ending of one ("-minister", "-jährige"), or a
// German title.
func (r *langRules) isRole(w string) bool {
	low := strings.ToLower(w)
	for _, e := range r.roles {
		if low == e || strings.HasPrefix(e, "-") && strings.HasSuffix(low, e[1:]) {
			return true
		}
	}
	return r.subjectFirst && entity.GermanTitle(w)
}

// sentenceBefore returns where the sentence before the one holding pos
// starts: a role named after a speech verb ("sagte der Minister") stands
// for a person named there or since.
func (f *Finder) sentenceBefore(pos int) int {
	k := f.sentenceIndex(pos)
	if k > 0 {
		k--
	}
	if k < len(f.sentences) {
		return f.sentences[k].Start
	}
	return pos
}

// lastPersonSince returns the person named last in [from, pos) whose
// given name does not say another gender than g, else "": a person named
// in full, as a role stands for someone introduced ("Friedrich Merz"),
// not for a one-word name the entity finder may have taken for a person
// ("BlackRock").
func (f *Finder) lastPersonSince(text string, from, pos int, g nlp.Gender) string {
	k := sort.Search(len(f.names), func(i int) bool { return f.names[i].end > pos })
	only := ""
	for i := k - 1; i >= 0 && f.names[i].start >= from; i-- {
		f.langWork++
		n := f.names[i]
		if !(strings.Contains(n.name, " ") || !innerCapital(n.name)) || !f.speakerAt(text, n) {
			continue
		}
		if g == nlp.Unknown || n.gender == nlp.Unknown || n.gender == g {
			return n.name
		}
		if only == "" {
			only = n.name
		} else if only != n.name {
			only = "-"
		}
	}
	if only != "-" && f.lang != nil && f.lang.subjectFirst {
		// The one person named there, though the article's gender is
		// another: German roles are often masculine for a woman, and
		// translated text more so ("Sabine Fischer-Volk … „…“, sagt der
		// Anwalt").
		return only
	}
	return ""
}

// innerCapital reports whether a one-word name has a capital after its
// first letter, as a firm's name has ("BlackRock") and a person's rarely.
func innerCapital(name string) bool {
	_, size := utf8.DecodeRuneInString(name)
	return strings.IndexFunc(name[size:], unicode.IsUpper) >= 0
}

// pronounIn returns the gender of a pronoun inside a verb cue (French
// "a-t-il déclaré", "précise-t-elle") and whether it has one.
func (r *langRules) pronounIn(c cue) (nlp.Gender, bool) {
	if c.kind != cueVerb || len(c.words) < 2 {
		return nlp.Unknown, false
	}
	for _, w := range c.words {
		if p, ok := r.cueAt([]word{{lower: w}}, 0); ok && p.pronoun() {
			return p.gender(), true
		}
	}
	return nlp.Unknown, false
}

// pronoun reports whether the cue is a pronoun.
func (c cue) pronoun() bool { return c.kind == cuePron || c.kind == cueHe || c.kind == cueShe }

// gender is the gender a pronoun cue stands for.
func (c cue) gender() nlp.Gender {
	switch c.kind {
	case cueHe:
		return nlp.Male
	case cueShe:
		return nlp.Female
	}
	return nlp.Unknown
}

// nameAfter returns the speaker named in the words ws after a cue: a
// person or an organisation the entity finder knows (nameIn), else the
// capitalised words right after the cue up to the clause's end or a
// lower-case word, which the finder may not know ("so Pappert").
func (f *Finder) nameAfter(text string, from, to int, ws []word) string {
	if _, ok := f.lang.roleNext(ws); ok {
		if n := appositionName(text, ws); n != "" {
			return n // dijo el entrenador y presidente de la Asociación …, Julio Soler
		}
	}
	if n := f.nameIn(text, from, to, ws); n != "" {
		return n
	}
	var run []word
	for k, w := range ws {
		if w.punct && !(w.lower == "-" && k > 0) || !w.punct && !nlp.IsCapitalized(w.raw) {
			break
		}
		run = append(run, w)
	}
	if len(run) == 0 && len(ws) > 1 {
		// "sagte der Tierarzt Friederike Twele", "sagte der EU-Migration
		// Commissarin Ylva Johansson": an article, then a title or a
		// given name and a name (not "sagte der Deutschen
		// Presse-Agentur").
		if _, ok := articleGender(ws[0].lower); ok {
			for k, w := range ws[1:] {
				if w.punct && !(w.lower == "-" && k > 0) || !w.punct && !nlp.IsCapitalized(w.raw) {
					break
				}
				run = append(run, w)
			}
			if !titledOrGiven(run) {
				return ""
			}
		}
	}
	return bareName(text, run)
}

// titledOrGiven reports whether a run of capitalised words holds a title
// or a given name and a word after it: the evidence that it names a
// person.
func titledOrGiven(run []word) bool {
	for k, w := range run[:max(0, len(run)-1)] {
		if !w.punct && (entity.GermanTitle(w.raw) || entity.GermanGivenName(w.raw)) && k+1 < len(run) {
			return true
		}
	}
	return false
}

// nameIn returns the first person, else the first organisation, named in
// [from, to) before the clause ends, or a pronoun's person.
func (f *Finder) nameIn(text string, from, to int, ws []word) string {
	stop := to
	for _, w := range ws {
		if w.punct && (w.lower == "." || w.lower == ":" || w.lower == ";") || !w.punct && f.lang.that[w.lower] {
			stop = w.start // "ha añadido que el Consistorio …": the clause's, not the speaker
			break
		}
	}
	for i := sort.Search(len(f.names), func(i int) bool { return f.names[i].start >= from }); i < len(f.names) && f.names[i].end <= stop; i++ {
		f.langWork++
		if f.speakerAt(text, f.names[i]) && !f.lang.channels[strings.ToLower(f.names[i].name)] {
			return f.names[i].name
		}
	}
	i := sort.Search(len(f.orgs), func(i int) bool { return f.orgs[i].start >= from })
	if i < len(f.orgs) && f.orgs[i].end <= stop && f.orgs[i].start-from <= langOrgReach && f.speakerAt(text, f.orgs[i]) && !f.lang.channels[strings.ToLower(f.orgs[i].name)] {
		return f.orgs[i].name
	}
	return ""
}

// speakerAt reports whether a name may be a speaker where it stands: not
// a function word the entity finder took for a name ("El"), nor a name
// after a preposition ("à Coulommiers", "ein Freund von Tom Hagen", "del
// presidente Alberto Fernández"): a place, or someone the speaker is
// not.
func (f *Finder) speakerAt(text string, n namePos) bool {
	if isFunctionWord(strings.ToLower(n.name)) || isArticle(nameTail(n.name)) || nlp.IsPlace(n.name) || nlp.IsPlace(strings.TrimSuffix(n.name, "s")) || entity.GermanPlace(n.name) || entity.RomancePlace(n.name) {
		return false // "El", "Sindicatura de Cuentas El", "erklärte Deutschlands der größte …"
	}
	w := lastWordBefore(text, n.start)
	if f.lang.isRole(w) {
		// Past the name's role: "del presidente Alberto Fernández".
		w = lastWordBefore(text, strings.LastIndex(text[:n.start], w))
	}
	return !f.lang.at[strings.ToLower(w)]
}

// isArticle reports whether a word is an article, which ends no name:
// "Sindicatura de Cuentas El" ran into the next sentence's "El concejal".
func isArticle(w string) bool {
	_, ok := articleGender(strings.ToLower(w))
	return ok
}

// nameTail returns the last word of a name.
func nameTail(name string) string {
	return name[strings.LastIndexByte(name, ' ')+1:]
}

// langOrgReach is how far after a speech verb an organisation may be
// named to be its speaker: further on it is where a person spoke ("…,
// schrieb die Kandidatin …, am Dienstag auf Twitter").
const langOrgReach = 40

// lastNameIn returns the last person named in [from, to), else "".
func (f *Finder) lastNameIn(text string, from, to int) string {
	k := sort.Search(len(f.names), func(i int) bool { return f.names[i].end > to })
	if k > 0 && f.names[k-1].start >= from && f.speakerAt(text, f.names[k-1]) {
		return f.names[k-1].name
	}
	k = sort.Search(len(f.orgs), func(i int) bool { return f.orgs[i].end > to })
	if k > 0 && f.orgs[k-1].start >= from && f.speakerAt(text, f.orgs[k-1]) {
		return f.orgs[k-1].name
	}
	return ""
}

// lastPersonBefore returns the person named last before pos, within the
// reach of a pronoun, whose given name does not say another gender than g.
func (f *Finder) lastPersonBefore(text string, pos int, g nlp.Gender) string {
	k := sort.Search(len(f.names), func(i int) bool { return f.names[i].end > pos })
	for i := k - 1; i >= 0 && f.names[i].end >= pos-1500; i-- {
		f.langWork++
		// A dropped subject (g unknown) is no one named after a
		// preposition ("respuesta de López Gatell"); a pronoun may be
		// ("eine Stellungnahme von Thomas Armbrust. Er schreibt").
		if n := f.names[i]; (g == nlp.Unknown || n.gender == nlp.Unknown || n.gender == g) && (g != nlp.Unknown || f.speakerAt(text, n)) {
			return n.name
		}
	}
	return ""
}

func hasWord(ws []word) bool {
	for _, w := range ws {
		if !w.punct {
			return true
		}
	}
	return false
}

// closesLow reports whether mark r closes a quote that opener opened in
// the way of German and its neighbours: „…“ (and „…”, which closes as in
// English) and »…«.
func closesLow(opener, r rune) bool {
	return opener == '„' && r == '“' || opener == '»' && r == '«'
}

// opensReversed reports whether the » that s starts with opens a German
// »…« quote: a word follows it without a space, and a « follows before the
// paragraph ends, after a word without a space. A lone » (a menu's "Home »
// News") opens nothing, nor does a French closing » before the next «
// ("au Québec », précisait-il. « du matériel…»), whose marks stand apart
// from their words.
func opensReversed(s string) bool {
	rest, ok := strings.CutPrefix(s, "»")
	if !ok {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	i := strings.IndexRune(rest, '«')
	if i <= 0 || unicode.IsSpace(r) {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(rest[:i])
	return !unicode.IsSpace(p)
}

// langPeople returns the entities people reads its speakers from. The
// English rules leave out a one-word name said once with no title, which
// there is as often a capitalised opener ("Asked") as a surname; outside
// English the entity finder keeps such a name only with evidence (a
// speech verb, a title, a given name before), so it stays a person a role
// or a dropped subject can stand for: "Torres aseguró … “…”, afirmó la
// funcionaria". English entities are returned as they are.
func (f *Finder) langPeople(entities []storyfold.Entity) []storyfold.Entity {
	if f.lang == nil {
		return entities
	}
	var out []storyfold.Entity
	for i, e := range entities {
		if e.Type != storyfold.EntityPerson || strings.Contains(e.Name, " ") || len(e.Roles) > 0 || len(e.Mentions) >= 2 {
			continue
		}
		if out == nil {
			out = slices.Clone(entities)
		}
		out[i].Roles = []string{""} // evidence the language's rules found
	}
	if out == nil {
		return entities
	}
	return out
}

// markedTitleAfter returns the name of a newspaper or a broadcaster set in
// marks after an article right after a speech verb, as German and Spanish
// write them: "…", schreibt die "Teheran Times"; "…", publicó el diario
// "El País" is left to the entity finder.
func markedTitleAfter(text string, from int) string {
	rest := strings.TrimLeft(text[from:min(len(text), from+80)], " ")
	art, rest, ok := strings.Cut(rest, " ")
	if _, isArt := articleGender(strings.ToLower(art)); !ok || !isArt {
		return ""
	}
	open, size := utf8.DecodeRuneInString(rest)
	if !isOpen(open) && open != '"' && open != '»' {
		return ""
	}
	rest = rest[size:]
	end := strings.IndexAny(rest, "\"“”«»")
	if end <= 0 {
		return ""
	}
	name := rest[:end]
	if name != strings.TrimSpace(name) || !allCapitalized(name, langMaxTitle) {
		return ""
	}
	return name
}
