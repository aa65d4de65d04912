package quote

import (
	"embed"
	"fmt"
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
	cueVerb  cueKind = iota // a speech verb: the speaker stands next to it
	cueFrom                 // the speaker follows: laut Merkel, selon Macron
	cueAfter                // the speaker comes before: Merkel zufolge
	cuePron                 // a pronoun standing for the person last named
	cueHe                   // a pronoun standing for the man last named
	cueShe                  // a pronoun standing for the woman last named
	cueWork                 // a noun (or its ending) naming a work: der Film „…“
	cueAt                   // a preposition of place: no speaker after it
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
	kinds := map[string]cueKind{"verb": cueVerb, "from": cueFrom, "after": cueAfter, "pron": cuePron, "he": cueHe, "she": cueShe, "work": cueWork, "at": cueAt}
	r := &langRules{at: map[string]bool{}}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kw, words, ok := strings.Cut(line, " ")
		k, known := kinds[kw]
		if !ok || !known {
			return nil, fmt.Errorf("line %d: want a kind (verb, from, after, pron, he, she, work, at) and words: %q", n+1, line)
		}
		switch k {
		case cueWork:
			r.works = append(r.works, strings.ToLower(words))
			continue
		case cueAt:
			r.at[strings.ToLower(words)] = true
			continue
		}
		c := cue{kind: k, text: words}
		for _, t := range nlp.Tokenize(nil, words) {
			if t.Kind != nlp.Punct || t.Text(words) == "'" {
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
	after := m.End
	if after < len(text) {
		r, size := utf8.DecodeRuneInString(text[after:])
		if isClose(r) || r == '“' || r == '«' || r == '"' {
			after += size
		}
	}
	if f.lang.misPaired(q.Text) {
		return false
	}
	q.Speaker, q.Cue = f.langCueAfter(text, sentences, m, after)
	if q.Speaker == "" {
		// A cue after the quote that names no one ("twitterte der
		// Sender") leaves the word to one before it ("RTL antwortete:").
		if sp, cue := f.langCueBefore(text, sentences[si], m); sp != "" || q.Cue == "" {
			q.Speaker, q.Cue = sp, cue
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
	if q.Speaker == "" && lastMarked >= 0 && words > langMaxTitle && sentencesBetween(text[prev[lastMarked].Span.End:m.Start]) <= 1 {
		// The rest of a statement; a short span with no cue of its own is
		// a name or a term („Unter uns“), not its rest.
		q.Speaker = f.continued(text, prev[lastMarked], m, paragraphs)
	}
	switch {
	case after < len(text) && text[after] == '-':
		return false // „Lindenstraße“-Star: a name in a compound
	case allCapitalized(q.Text, langMaxTitle) && (q.Speaker == "" || afterArticle(text, m.Start)):
		return false // „Handelsblatt“, sagte Petri dem „Handelsblatt“
	case words <= langMaxTitle && afterName(text, m.Start):
		return false // die Leader-Region „Mitten im Innviertel“
	case q.Speaker != "" || q.Cue != "" && words > langMaxTitle:
		return true // a cue makes a sentence a statement, named or not
	case f.lang.afterWork(text, m.Start):
		return false // der Film „Der Nussknacker und die vier Reiche“
	}
	// With no speaker, a quote is a statement: a sentence that ends inside
	// the marks, of a statement's length. A phrase in marks is a term or a
	// title, and a long run between two marks one that lost its pair.
	return words >= langMinWords && words <= langMaxUnattributed && endsSentence(q.Text)
}

// langMaxUnattributed is how many words a quote with no speaker may have:
// past it, the marks around it are taken to belong to two quotes.
const langMaxUnattributed = 45

// endsSentence reports whether a quote ends with a sentence's end mark.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " "))
	return r == '.' || r == '!' || r == '?' || r == '…'
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
		if n := f.lastNameIn(text, after, ws[i].start); n != "" {
			return n, c.text
		}
		if n := bareName(text, ws[:i]); n != "" {
			return n, c.text // „…“. Ruhani sagte
		}
		if n := f.nameBeforeComma(text, m.Start); n != "" {
			return n, c.text // Abdulkadir Şahiner, "…" dedi.
		}
		return f.verbSubject(text, ws[i+len(c.words):], cueEnd, end, m.Start), c.text
	}
	return "", ""
}

// langCueBefore reads a cue before the quote in its sentence: Merkel
// sagte: „…“ / Dazu sagte Merkel: „…“ / Laut Merkel „…“.
func (f *Finder) langCueBefore(text string, sent storyfold.Span, m storyfold.Span) (string, string) {
	from := max(sent.Start, m.Start-langReachBefore)
	open := m.Start
	if r, size := utf8.DecodeLastRuneInString(text[:open]); isOpen(r) || r == '"' || r == '»' {
		open -= size
	}
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
			return f.nameAfter(text, cueEnd, open, ws[i+len(c.words):]), c.text
		case cueAfter:
			return f.lastNameIn(text, from, ws[i].start), c.text
		}
		if n := f.lastNameIn(text, max(from, ws[i].start-langSubjectGap), ws[i].start); n != "" {
			return n, c.text
		}
		if n := bareName(text, f.lang.subjectRun(ws[:i])); n != "" {
			return n, c.text // Merkel sagte: „…“, el diputado iraní Abutorabi dijo:
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

// nameBeforeComma returns the name that stands before the quote opening
// at pos and a comma, the way Turkish puts the speaker before the quote
// and the verb after it: Abdulkadir Şahiner, "…" dedi.
func (f *Finder) nameBeforeComma(text string, pos int) string {
	open := pos
	if r, size := utf8.DecodeLastRuneInString(text[:open]); isOpen(r) || r == '"' || r == '»' {
		open -= size
	}
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
		if w.punct || !nlp.IsCapitalized(w.raw) || isFunctionWord(w.lower) {
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
	if first, _, _ := strings.Cut(name, " "); nlp.IsPlace(first) || nlp.IsPlace(strings.TrimSuffix(first, "s")) {
		return ""
	}
	return name
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
			return f.lastPersonBefore(quoteStart, c.gender())
		}
		return ""
	}
	if f.lang.dropsSubject {
		return f.lastPersonBefore(quoteStart, nlp.Unknown)
	}
	return ""
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
	return bareName(text, run)
}

// nameIn returns the first person, else the first organisation, named in
// [from, to) before the clause ends, or a pronoun's person.
func (f *Finder) nameIn(text string, from, to int, ws []word) string {
	stop := to
	for _, w := range ws {
		if w.punct && (w.lower == "." || w.lower == ":" || w.lower == ";") {
			stop = w.start
			break
		}
	}
	for i := sort.Search(len(f.names), func(i int) bool { return f.names[i].start >= from }); i < len(f.names) && f.names[i].end <= stop; i++ {
		if f.speakerAt(text, f.names[i]) {
			return f.names[i].name
		}
	}
	i := sort.Search(len(f.orgs), func(i int) bool { return f.orgs[i].start >= from })
	if i < len(f.orgs) && f.orgs[i].end <= stop && f.orgs[i].start-from <= langOrgReach && f.speakerAt(text, f.orgs[i]) {
		return f.orgs[i].name
	}
	return ""
}

// speakerAt reports whether a name may be a speaker where it stands: not
// a function word the entity finder took for a name ("El"), nor a name
// after a preposition of place ("à Coulommiers").
func (f *Finder) speakerAt(text string, n namePos) bool {
	if isFunctionWord(strings.ToLower(n.name)) {
		return false
	}
	return !f.lang.at[strings.ToLower(lastWordBefore(text, n.start))]
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
func (f *Finder) lastPersonBefore(pos int, g nlp.Gender) string {
	k := sort.Search(len(f.names), func(i int) bool { return f.names[i].end > pos })
	for i := k - 1; i >= 0 && f.names[i].end >= pos-1500; i-- {
		if n := f.names[i]; g == nlp.Unknown || n.gender == nlp.Unknown || n.gender == g {
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
