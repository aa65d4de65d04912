// Package quote finds who said what in an article: direct quotes in straight
// or curly quotation marks (partial ones inside a sentence, and quotes that
// run over several sentences or paragraphs), reported speech without marks
// when an explicit cue attributes it ("There is no betrayal there, said
// Hegseth"), and the speaker of each, from the cue before or after the
// quote, with "he" and "she" resolved to the person last named.
//
// Every pass is a left-to-right scan: time is linear in the text, whatever
// its quotation marks.
package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// maxQuote bounds a quote's length: past it an opening mark is taken to
// have lost its closing one.
const maxQuote = 4000

// Finder finds quotes. It reuses buffers and is not safe for concurrent
// use: give each worker its own.
type Finder struct {
	toks      []nlp.Token
	names     []namePos // people the current text names, outside quotes
	orgs      []namePos // organisations it names, outside quotes
	sentences []storyfold.Span
	roles     map[string]string // lower-case role word -> the person holding it
	// lowers is the lower-case form of each word with a capital that
	// context.lower gave in this article, so that a name read at each
	// of its mentions is lowered once; cleared for each article, whose
	// text its keys are cut from.
	lowers   map[string]string
	index    nameIndex   // answers about names, built once per text
	main     subjectScan // see mainSubject
	entities []storyfold.Entity
	// knownNames are the entity names isEntity and expand read, built at
	// most once per text (knownBuilt), and acronyms is expand's table.
	knownNames map[string]bool
	knownBuilt bool
	acronyms   map[string]string
	cont       contScan   // see blockedBetween
	lang       *langRules // the cues of a language other than English (lang.go)
	// langWork counts the words the language rules read in their windows
	// and the names they step over looking for a speaker: tests hold it
	// to a bound per quote, which a window that grew with the article
	// would break on any machine, where a time budget would depend on
	// the machine's speed and load.
	langWork int
}

// NewFinder returns a finder.
func NewFinder() *Finder { return &Finder{} }

// Find returns the quotes of an article's cleaned text, in text order.
// Sentences and paragraphs are the article's spans, entities its entities
// with their mentions: speakers are resolved against the people named.
func (f *Finder) Find(text string, sentences []storyfold.Span, paragraphs []storyfold.Paragraph, entities []storyfold.Entity) []storyfold.Quotation {
	marked := markedSpans(text, paragraphs)
	f.names = people(text, f.langPeople(entities), sentences, marked)
	f.orgs = organisations(entities, marked)
	f.sentences = sentences
	f.entities = entities
	f.knownBuilt = false
	f.roles = roles(text, entities)
	if f.lowers == nil {
		f.lowers = make(map[string]string)
	}
	clear(f.lowers)
	f.index.build(f.names)
	f.main, f.cont = subjectScan{}, contScan{}
	// Room for the quotes and for reported speech in some sentences, so
	// that the slice of large values is not copied as it grows.
	out := make([]storyfold.Quotation, 0, len(marked)+len(sentences)/4+1)
	si := 0
	mi := 0
	lastMarked := -1 // the last quotation-marked quote in out
	var scares []storyfold.Quotation
	for _, sent := range sentences {
		first := len(out)
		// Quotes that open in this sentence.
		found := false
		for mi < len(marked) && marked[mi].Start < sent.End {
			m := marked[mi]
			mi++
			if m.Start < sent.Start {
				continue
			}
			found = true
			q := storyfold.Quotation{Text: text[m.Start:m.End], Span: m, Marked: true, Kind: storyfold.QuoteDirect}
			if f.lang != nil { // another language's cues (lang.go)
				if f.langQuote(text, sentences, si, m, &q, out, lastMarked, paragraphs) {
					lastMarked, out = len(out), append(out, q)
				}
				continue
			}
			q.Speaker, q.Cue = f.speaker(text, sentences, si, paragraphs, m)
			q.Speaker = f.resolve(text, q.Speaker, m.Start, sent)
			if unnamed(q.Speaker) || f.onlyPlace(q.Speaker) {
				q.Speaker = "" // "Prosecutors said", which names no one; "a spokeswoman for George Washington University Hospital"
			}
			if q.Speaker == "" && lastMarked >= 0 {
				q.Speaker = f.continued(text, out[lastMarked], m, paragraphs)
			}
			if q.Speaker == "" && len(out) > 0 {
				q.Speaker = afterReported(text, out[len(out)-1], m, paragraphs)
			}
			if q.Speaker == "" {
				q.Speaker = f.introduced(text, m, sentences, si, paragraphs)
				if q.Speaker = f.resolve(text, q.Speaker, m.Start, sent); f.onlyPlace(q.Speaker) {
					q.Speaker = ""
				}
			}
			title := titleWords(text, m) // 0 when m is not title-like
			if isTerm(text, m) || labelled(text, m) || title > 0 && title <= maxTitleWords && (q.Speaker == "" || showContext(text, m) || nameGiven(text, m)) ||
				title > 0 && title <= maxWorkTitleWords && workTitle(text, m, paragraphs) {
				continue // used the word "theology", "The Book of Mormon", PBS's "Charlie Rose" show, the podcast "Beyond Finances."
			}
			if q.Cue == "" && scareQuote(text, sent, m) {
				// Give “space” to Obama: no one's word. It is put back
				// among the quotes at the end, so that no speaker rule
				// reads it as the quote before the next one.
				scares = append(scares, storyfold.Quotation{Text: q.Text, Span: m, Marked: true, Kind: storyfold.QuoteDirect, Scare: true})
				continue
			}
			if q.Speaker != "" {
				f.index.addSpeaker(q.Speaker)
			}
			lastMarked = len(out)
			out = append(out, q)
		}
		if f.lang != nil { // reported speech is read in English only
			si++
			continue
		}
		inverted, tokenized := false, false
		if !found && !containsMark(text[sent.Start:sent.End]) || found && fragmentsOnly(text, sent, marked[:mi]) {
			tokenized = !found // reported reads the sentence's tokens into f.toks
			if q, ok := f.reported(text, sent); ok && (!found || endsAttribution(text[q.Span.End:sent.End], q.Cue)) {
				unnamed := q.Speaker == "" // "..., aides said."
				q.Speaker = f.resolve(text, q.Speaker, q.Span.Start, sent)
				if q.Speaker != "" || unnamed {
					f.index.addSpeaker(q.Speaker)
					out = append(out, q)
					inverted = true
					if found {
						// A fragment the clause quotes with no speaker of
						// its own is the clause's speaker's ('All “relevant
						// sites” were also disinfected, reports Wee').
						for i := first; i < len(out)-1; i++ {
							if out[i].Speaker == "" && q.Speaker != "" && out[i].Span.Start >= q.Span.Start && out[i].Span.End <= q.Span.End {
								out[i].Speaker = q.Speaker
							}
						}
						// Before the fragments it quotes, in text order.
						sortFrom(out, first, &lastMarked)
					}
				}
			}
		}
		if !inverted {
			// Reported speech after its cue, sorted in with the sentence's
			// quotes (a partial quote may stand inside the clause).
			n := len(out)
			out = f.indirect(text, sent, marked, out, tokenized)
			if len(out) > n {
				for _, q := range out[n:] {
					if q.Speaker != "" {
						f.index.addSpeaker(q.Speaker)
					}
					// A partial quote inside the clause is the clause's
					// speaker's words: 'Mark Emmert, said the organization
					// was “deeply concerned”', also when the quote was given
					// to a name read by the same cue ("the Log Cabin
					// Republicans, ..., which said it was “wrong for
					// Governor Perry ...”"); speech nested in the clause
					// keeps its own cue's speaker ('said Y called it “...”').
					// A quote with no speaker that opens inside the clause
					// goes on from it: 'Liu said that the army could be
					// deployed, warning: “They are already there ...”'.
					for i := first; i < n; i++ {
						if !out[i].Marked || q.Speaker == "" || out[i].Span.Start < q.Span.Start {
							continue
						}
						if (out[i].Speaker == "" || out[i].Cue == q.Cue) && out[i].Span.End <= q.Span.End+len("”") ||
							out[i].Speaker == "" && out[i].Span.Start < q.Span.End {
							out[i].Speaker = q.Speaker
						}
					}
				}
				if n > first && lastMarked >= first {
					last := out[lastMarked]
					sort.SliceStable(out[first:], func(i, j int) bool { return out[first+i].Span.Start < out[first+j].Span.Start })
					for i := first; i < len(out); i++ {
						if out[i].Marked && out[i].Span == last.Span {
							lastMarked = i
						}
					}
				}
			}
		}
		out = f.viewBack(text, si, out, first, &lastMarked)
		si++
	}
	out = mergeScares(out, scares)
	if len(out) == 0 {
		return nil // as before the room was made: no quotes is nil
	}
	return out
}

// mergeScares puts the scare quotes back among the quotes in text order.
func mergeScares(out, scares []storyfold.Quotation) []storyfold.Quotation {
	if len(scares) == 0 {
		return out
	}
	merged := make([]storyfold.Quotation, 0, len(out)+len(scares))
	for _, q := range out {
		for len(scares) > 0 && scares[0].Span.Start < q.Span.Start {
			merged, scares = append(merged, scares[0]), scares[1:]
		}
		merged = append(merged, q)
	}
	return append(merged, scares...)
}

// continued gives a quote without a cue the speaker of the quote before it
// when nothing comes between them but the attribution: the rest of the same
// statement ("“What is this? A circus?” he said. “America is not a clown
// show.”"), in the same paragraph or opening the next one.
func (f *Finder) continued(text string, prev storyfold.Quotation, m storyfold.Span, paragraphs []storyfold.Paragraph) string {
	if prev.Speaker == "" || !prev.Marked {
		return ""
	}
	// The paragraphs where the quote before ends and where this one opens.
	pp, mp := paragraphOf(paragraphs, max(prev.Span.End-1, prev.Span.Start)), paragraphOf(paragraphs, m.Start)

	switch {
	case pp == mp:
	case mp == pp+1 && m.Start-len("“") <= paragraphs[mp].Start:
		// Opening the next paragraph: the one before must end with the
		// quote or its attribution, or this paragraph be nothing but the
		// quote (the newswire way of going on with a statement: "“...,”
		// diGenova, who has been an adviser to the president, told Fox
		// News." then "“This is an abuse of power ...”").
		tail := strings.TrimSpace(text[min(prev.Span.End, paragraphs[pp].End):paragraphs[pp].End])
		alone := m.End >= paragraphs[mp].End || len(strings.TrimSpace(text[m.End:paragraphs[mp].End])) <= len("”")
		if len(tail) > 60 && !(alone && len(tail) <= maxContext) {
			return ""
		}
	default:
		return ""
	}
	if f.blockedBetween(text, prev.Speaker, prev.Span.End, m.Start) {
		return ""
	}
	return prev.Speaker
}

// contScan is how far blockedBetween has read the names after a quote.
type contScan struct {
	valid    bool
	speaker  string
	from, to int
	next     int  // the next name to read
	blocked  bool // someone else took the word
}

// blockedBetween reports whether someone other than speaker speaks or
// opens a clause in [from, to), which then takes the word; a person only
// mentioned there does not ("said Anita L. Russell, president of the
// Kansas City branch", "he told Trump"). The quotes after one quote ask
// of ever longer stretches from the same place; the finder remembers how
// far it has read, so each name is read once.
//
// A name joined to the speaker's by "and" does not block either: the
// continuation of a joint statement ("“...,” Jeff McCabe (D) and Sara
// Gideon (D) said in a statement. “The governor is ...”").
func (f *Finder) blockedBetween(text, speaker string, from, to int) bool {
	s := &f.cont
	if !s.valid || s.speaker != speaker || s.from != from || to < s.to {
		*s = contScan{valid: true, speaker: speaker, from: from, to: from,
			next: sort.Search(len(f.names), func(i int) bool { return f.names[i].start >= from })}
	}
	for !s.blocked && s.next < len(f.names) && f.names[s.next].end <= to {
		n := f.names[s.next]
		if (n.subject || n.speaks) && !strings.HasSuffix(speaker, lastWord(n.name)) && !strings.HasPrefix(speaker, n.name+" ") && !joinedTo(text, n.end, speaker) {
			s.blocked = true
		}
		s.next++
	}
	s.to = max(s.to, to)
	return s.blocked
}

// jointReach is how far after a name joinedTo looks for the other name
// of a joint statement: a party tag and a title between them.
const jointReach = 80

// joinedTo reports whether the text after a name ending at end joins it
// with "and" to the speaker's name, within one clause: "Jeff McCabe (D)
// and Assistant House Majority Leader Sara Gideon".
func joinedTo(text string, end int, speaker string) bool {
	rest := text[end:min(len(text), end+jointReach)]
	and := strings.Index(rest, " and ")
	if and < 0 || strings.ContainsAny(rest[:and], ".!?“”\"") {
		return false
	}
	last := lastWord(speaker)
	i := strings.Index(rest[and:], last)
	return i >= 0 && !strings.ContainsAny(rest[and:and+i], ".!?,“”\"")
}

// afterReported gives a quote without a cue that opens the sentence right
// after a statement of reported speech, in the same paragraph, that
// statement's speaker: "Lenahan says he sees a bigger issue at work here.
// “There is kind of a culture war going on ...”".
//
// Unmarked speech before its attribution counts too, the attribution
// standing between: "Sometimes employees don't follow the rules, he said.
// “But does that mean ...?”".
func afterReported(text string, prev storyfold.Quotation, m storyfold.Span, paragraphs []storyfold.Paragraph) string {
	if prev.Marked || prev.Kind != storyfold.QuoteReported && prev.Kind != storyfold.QuoteUnmarked || prev.Span.End > m.Start {
		return ""
	}
	if pm, pp := paragraphOf(paragraphs, m.Start), paragraphOf(paragraphs, prev.Span.End); pm != pp {
		// 'Erekat said it was only the latest move ...' then a paragraph
		// that opens with a quote and names no one: the statement goes
		// on, when the reported clause ended the paragraph before.
		if pm != pp+1 || pp < 0 || prev.Kind != storyfold.QuoteReported || prev.Speaker == "" ||
			strings.TrimSpace(text[prev.Span.End:paragraphs[pp].End]) != "." || strings.TrimSpace(text[paragraphs[pm].Start:m.Start]) != "“" && strings.TrimSpace(text[paragraphs[pm].Start:m.Start]) != "\"" ||
			len(strings.Fields(text[m.Start:m.End])) < minContinuedWords {
			return ""
		}
		return prev.Speaker
	}
	// Between them only the stop and the opening mark, spaced any way.
	gap := strings.TrimSpace(text[prev.Span.End:m.Start])
	if (gap == "“" || gap == "\"") && strings.HasSuffix(text[prev.Span.Start:prev.Span.End], ".") {
		return prev.Speaker // the statement ran to its stop, its cue inside it: "The tuft cell, Herbert said, is ... “Once ...”"
	}
	if prev.Kind == storyfold.QuoteUnmarked {
		stop := strings.LastIndexByte(gap, '.')
		if !strings.HasPrefix(gap, ",") || stop < 0 || prev.Cue == "" || !strings.Contains(gap[:stop], prev.Cue) || len(strings.Fields(gap[:stop])) > maxAttributionWords {
			return ""
		}
		gap = gap[stop:]
	}
	if !strings.HasPrefix(gap, ".") {
		return ""
	}
	if mark := strings.TrimLeft(gap[1:], " \n\t"); mark != "“" && mark != "\"" {
		return ""
	}
	return prev.Speaker
}

// maxAttributionWords is the most words of the attribution between
// unmarked speech and the quote after it that afterReported lets stand:
// ", Mr. Williams, his lawyer, said".
const maxAttributionWords = 8

// introduced gives a quote that opens a paragraph the subject of the
// paragraph before when that one ends with a colon: "Obama used virtually
// identical language to beat up on his opponent:" then the quote.
func (f *Finder) introduced(text string, m storyfold.Span, sentences []storyfold.Span, si int, paragraphs []storyfold.Paragraph) string {
	p := paragraphOf(paragraphs, m.Start)
	if p == 0 || m.Start-len("“") > paragraphs[p].Start || si == 0 {
		return ""
	}
	prev := paragraphs[p-1]
	last := sentences[si-1]
	if last.End > prev.End || last.Start < prev.Start {
		return ""
	}
	if !strings.HasSuffix(strings.TrimSpace(text[prev.Start:prev.End]), ":") {
		// "Trump noted so helpfully in a tweet Wednesday morning." and a
		// paragraph of nothing but the quote: a sentence that is the
		// whole paragraph before and only attributes what follows.
		// The quote may run on past its paragraph (a closing mark in a
		// later one): what follows it is read to the end of the
		// paragraph it ends in.
		end := max(paragraphs[paragraphOf(paragraphs, max(m.End-1, m.Start))].End, m.End)
		if strings.TrimSpace(text[prev.Start:last.Start]) != "" || strings.ContainsAny(text[last.Start:last.End], "“\"") ||
			strings.TrimRight(strings.TrimSpace(text[m.End:end]), ".”\"") != "" {
			return ""
		}
		return f.attributesAhead(text[last.Start:last.End])
	}
	return f.clauseSubject(text, last.Start, last.End)
}

// attributesAhead returns the subject of sentence s when s does nothing
// but attribute what follows it: a name or pronoun, a cue, and after the
// cue only adverbs, times, and where it was said ("in a tweet Wednesday
// morning"), no object; else "".
func (f *Finder) attributesAhead(s string) string {
	f.toks = nlp.Tokenize(f.toks[:0], s)
	c := context{text: s, toks: f.toks, roles: f.roles, lowers: f.lowers}
	for j := 1; j < len(c.toks) && j <= attributionReach; j++ {
		if !c.cueAt(j) {
			continue
		}
		for k := j + 1; k < len(c.toks); k++ {
			if c.isPunct(k, ".") && k == len(c.toks)-1 {
				break
			}
			w := c.lower(k)
			if c.toks[k].Kind != nlp.Word || !(attributionTail[w] || weekdays[w] || timeNouns[w] || documentNouns[w] || aheadWords[w] || adverb(w) && !c.capitalized(k)) {
				return ""
			}
		}
		if name, ok := c.nameBefore(j); ok {
			return name
		}
		return ""
	}
	return ""
}

// aheadWords may stand after the cue of a sentence that attributes the
// paragraph after it, besides times and documents: "noted so helpfully
// in a tweet", "said in an interview".
var aheadWords = map[string]bool{"a": true, "an": true, "her": true, "his": true, "interview": true, "so": true, "the": true, "their": true, "video": true}

// paragraphOf returns the index of the first paragraph that ends after
// pos, or the last one.
func paragraphOf(paragraphs []storyfold.Paragraph, pos int) int {
	i := sort.Search(len(paragraphs), func(i int) bool { return pos < paragraphs[i].End })
	if i == len(paragraphs) {
		return len(paragraphs) - 1
	}
	return i
}

// isTerm reports whether the marked span m is a word mentioned as a word:
// after "the word", "the term", "the phrase", or a label ("marked").
func isTerm(text string, m storyfold.Span) bool {
	before := strings.ToLower(text[max(0, m.Start-20):m.Start])
	before = strings.TrimRight(before, "“\"‘' ")
	for _, w := range []string{"the word", "the term", "the phrase", "the words", "marked", "labeled", "labelled"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// scareQuote reports whether the marked span m is one word that no
// speech word of its sentence gives to anyone: a scare quote ("give
// “space” to Obama", "a “wise man”" is two words and kept), not a word
// someone used ('blamed “progressivism”', 'called it “wonderful”',
// 'dismissing the claims as “malarkey.”'). The caller asks only for
// quotes no cue attributes; the sentence's words outside m are read for
// cues of the cue lists (indirectCues among them: 'clarified that he
// was merely commenting on the “wisdom”') and wordCues.
func scareQuote(text string, sent, m storyfold.Span) bool {
	word := strings.TrimSpace(text[m.Start:m.End])
	if word == "" || strings.ContainsAny(word, " \n") {
		return false
	}
	for _, part := range [2]string{text[sent.Start:min(m.Start, sent.End)], text[min(m.End, sent.End):sent.End]} {
		for part != "" {
			var w string
			w, part = nextWord(part)
			if w == "" {
				continue
			}
			var buf [32]byte
			lw := nlp.AppendLower(buf[:0], w) // looked up without a string made
			if cues[string(lw)] || speechCues[string(lw)] || participles[string(lw)] || indirectCues[string(lw)] || wordCues[string(lw)] {
				return false
			}
		}
	}
	return true
}

// nextWord returns the first run of letters in s and what follows it.
func nextWord(s string) (string, string) {
	i := strings.IndexFunc(s, unicode.IsLetter)
	if i < 0 {
		return "", ""
	}
	j := strings.IndexFunc(s[i:], func(r rune) bool { return !unicode.IsLetter(r) })
	if j < 0 {
		return s[i:], ""
	}
	return s[i : i+j], s[i+j:]
}

// maxTitleWords is the longest title-like span read as the title of a work
// or a show whatever stands before it, when no speaker is found for it or
// a show's or a given name's context is (see showContext and nameGiven).
const maxTitleWords = 6

// workTitle reports whether the marked span m, title-like (titleWords)
// and of at most maxWorkTitleWords words, is a work's title: after a noun
// of workNouns ("a lush BBC adaptation of “War & Peace”",
// "In his book “Financial Freedom: A Proven Path ...”") or standing alone
// as its paragraph with no stop of its own (a caption, "“Wild Rose”").
// A speaker named near it does not make it a statement.
func workTitle(text string, m storyfold.Span, paragraphs []storyfold.Paragraph) bool {
	if p := paragraphOf(paragraphs, m.Start); p >= 0 && p < len(paragraphs) {
		para := strings.TrimSpace(text[paragraphs[p].Start:paragraphs[p].End])
		inner := strings.TrimSpace(text[m.Start:m.End])
		if strings.Trim(para, "“”\"‘’' ") == inner && !strings.ContainsAny(inner[len(inner)-1:], ".!?") {
			return true
		}
	}
	before := text[max(0, m.Start-60):m.Start]
	for n := 0; n < workNounReach && before != ""; {
		var w string
		before, w = lastWordOf(before)
		if w == "" {
			break
		}
		var buf [32]byte
		lw := nlp.AppendLower(buf[:0], w) // looked up without a string made
		if workNouns[string(lw)] {
			return true
		}
		if !workNounSkips[string(lw)] {
			n++
		}
	}
	return false
}

// lastWordOf returns s without its last run of letters, and that run ("" at
// a stop, a comma or a closing mark, where no noun of the quote's own phrase
// can stand).
func lastWordOf(s string) (string, string) {
	s = strings.TrimRight(s, " “\"‘")
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	return s[:i+1], s[i+1:]
}

// workNounReach is how many words besides workNounSkips may stand between
// a noun of workNouns and the title ("the U.K. singing competition “I’d Do
// Anything”"); maxWorkTitleWords the longest title read.
const (
	workNounReach     = 2
	maxWorkTitleWords = 16
)

// titleWords returns the number of words of the marked span m when every
// one is capitalised but the small ones after the first, as in a title,
// and 0 otherwise (or past maxWorkTitleWords, the longest title read).
func titleWords(text string, m storyfold.Span) int {
	// Most quotes are not titles: the cheap test first, and the tokens
	// read into a pooled buffer.
	if !nlp.IsCapitalized(strings.TrimLeft(text[m.Start:m.End], " ")) {
		return 0
	}
	buf := tokenPool.Get().(*[]nlp.Token)
	defer tokenPool.Put(buf)
	toks := nlp.Tokenize((*buf)[:0], text[m.Start:m.End])
	*buf = toks
	words := 0
	for _, t := range toks {
		if t.Kind != nlp.Word {
			continue
		}
		w := t.Text(text[m.Start:m.End])
		words++
		if words > maxWorkTitleWords || !nlp.IsCapitalized(w) && (words == 1 || !nlp.IsStopWord(strings.ToLower(w))) {
			return 0 // a word in lower case that is no small word: no title
		}
	}
	return words
}

// nameGiven reports whether a title-like span follows a word that gives
// a name ("what his campaign calls the “Rubio Doctrine,”"): the name of a
// thing, not a statement, though a speaker stands near it.
func nameGiven(text string, m storyfold.Span) bool {
	before := strings.ToLower(strings.TrimRight(text[max(0, m.Start-24):m.Start], "“\"‘' "))
	before = strings.TrimSuffix(before, " the")
	return nameGivers[lastWord(before)]
}

// showContext reports whether a title-like span stands where a show's or a
// work's name does: after an outlet's possessive ("PBS’s the", "Fox News'")
// or before "show".
func showContext(text string, m storyfold.Span) bool {
	before := strings.TrimRight(text[max(0, m.Start-12):m.Start], "“\"‘ ")
	after := strings.TrimLeft(text[m.End:min(len(text), m.End+16)], "”\"’ ")
	after = strings.TrimPrefix(after, "radio ")
	return strings.HasSuffix(before, "’s the") || strings.HasSuffix(before, "'s the") || strings.HasSuffix(before, "'") ||
		strings.HasSuffix(before, "’s") || strings.HasSuffix(before, "'s") || strings.HasPrefix(after, "show") || strings.HasPrefix(after, "program") ||
		// "he said on “This Week.”", "CBS’ “Face the Nation.”", "the CNN
		// program “State of the Union.”"
		strings.HasSuffix(before, " on") || strings.HasSuffix(before, "’") || strings.HasSuffix(before, " program")
}

// labelled reports whether a short quote names a kind of thing the noun
// after it says ("the Senate’s “cloture” rule", "a “place of celebration”
// standard"): a term, not a statement.
func labelled(text string, m storyfold.Span) bool {
	if strings.Count(strings.TrimSpace(text[m.Start:m.End]), " ") >= maxLabelWords {
		return false // counted without splitting: this runs for every quote
	}
	after := strings.TrimLeft(text[m.End:min(len(text), m.End+16)], "”\"’ ")
	w, _, _ := strings.Cut(after, " ")
	return labelNouns[strings.TrimRight(w, ".,;:")]
}

// maxLabelWords is the longest quote labelled reads as a term.
const maxLabelWords = 4

func isOpen(r rune) bool  { return r == '“' || r == '„' || r == '«' }
func isClose(r rune) bool { return r == '”' || r == '»' }

// containsMark reports whether s holds one of quoteMarks. It is
// strings.ContainsAny(s, quoteMarks) read byte by byte: every sentence is
// asked, and ContainsAny, whose set is not ASCII, decodes each rune of it
// and looks the rune up in the set. The marks' first bytes ('"', 0xC2 for
// « and », 0xE2 for “ ” „) are never a rune's later bytes, so a match
// starts where a decoded rune would.
func containsMark(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			return true
		case 0xC2: // « U+00AB, » U+00BB
			if i+1 < len(s) && (s[i+1] == 0xAB || s[i+1] == 0xBB) {
				return true
			}
		case 0xE2: // “ U+201C, ” U+201D, „ U+201E
			if i+2 < len(s) && s[i+1] == 0x80 && 0x9C <= s[i+2] && s[i+2] <= 0x9E {
				return true
			}
		}
	}
	return false
}

// quoteMarks are the quotation marks containsMark looks for.
const quoteMarks = "\"“”„«»"

// fragmentsOnly reports whether the quotes that open in a sentence quote
// fragments of a clause that opens outside them: 'Any controversy over
// Tlaib’s comment concerns the “freedom of speech of an individual
// member,” not the stance of the caucus, Pelosi said.' Such a sentence is
// reported speech with the fragments in it, and its inverted attribution
// is read as in a sentence without marks. marked are the quotes up to the
// sentence's last; the clause must give unmarkedMinWords words before the
// first mark, so a quote that opens the sentence is never one.
func fragmentsOnly(text string, sent storyfold.Span, marked []storyfold.Span) bool {
	for i := len(marked) - 1; i >= 0 && marked[i].End > sent.Start; i-- {
		if marked[i].Start < sent.Start || marked[i].End > sent.End {
			return false // a quote from another sentence, or into the next
		}
		// A fragment follows a word of the clause: a mark after a stop or
		// a colon opens a quote of its own ("... on X. “President Trump
		// shared details,” he wrote").
		before := strings.TrimRight(text[sent.Start:marked[i].Start], " \"“”„«»")
		if before == "" || strings.ContainsAny(before[len(before)-1:], ".!?:;") {
			return false
		}
		if i == 0 || marked[i-1].End <= sent.Start {
			words := strings.Fields(before)
			return len(words) >= unmarkedMinWords || len(words) > 0 && nounSubject(words)
		}
	}
	return false
}

// nounSubject reports whether the few words before a sentence's first
// quote open a clause of their own, a noun for its subject ('Customers
// “began to say ...,” Cook told', 'Apple was “pulled into the
// enterprise,” Cook said'): not a pronoun ('he was “just trying ...”',
// which quotes the clause's words but its subject), nor an article alone
// ('the “full text ...”').
func nounSubject(words []string) bool {
	first := strings.ToLower(strings.Trim(words[0], quoteMarks+"‘’'(,"))
	for _, s := range []string{"’s", "'s", "’re", "'re", "’m", "'m"} {
		first = strings.TrimSuffix(first, s) // "It’s a “horrific policy,”"
	}
	if first == "" || indirectOpeners[first] || nlp.IsSpeakerPronoun(first) {
		return false
	}
	return len(words) > 1 || first != "the" && first != "a" && first != "an"
}

// endsAttribution reports whether the cue of an inverted attribution in
// rest, the sentence after the clause, ends the attribution: the sentence
// ends after it or a comma follows, at once or after a few words of time
// or place ("Mr. Corker said on Fox, was beginning to realize “...”").
// In a sentence with quotes, a cue followed by a colon, an object or a
// clause ("Asked again, Lamb said: “...”", "..., he warned a conservative
// audience that “...”") introduces what follows and is no inverted
// attribution.
func endsAttribution(rest, cue string) bool {
	words := strings.Fields(rest)
	for i, w := range words {
		if !strings.EqualFold(strings.TrimRight(w, ",.;"), cue) {
			continue
		}
		// After the comma, the sentence goes on with no quote opening at
		// once ("Pelosi said, “Yes it is a power grab”" is introduced).
		ends := func(k int) bool {
			if i+k >= len(words) {
				return false
			}
			if i+k == len(words)-1 {
				return strings.HasSuffix(words[i+k], ".") || strings.HasSuffix(words[i+k], ",")
			}
			r, _ := utf8.DecodeRuneInString(words[i+k+1])
			return strings.HasSuffix(words[i+k], ",") && !strings.ContainsRune(quoteMarks, r)
		}
		if len(w) > len(cue) {
			return ends(0)
		}
		tail := words[i+1:]
		if len(tail) == 0 {
			return true
		}
		if r, _ := utf8.DecodeRuneInString(tail[0]); unicode.IsUpper(r) {
			// '..., said Mr. Williams.': the speaker's name ends it.
			for j, t := range tail[:min(len(tail), maxTailWords)] {
				if r, _ := utf8.DecodeRuneInString(t); !unicode.IsUpper(r) {
					return false
				}
				if ends(j + 1) {
					return true
				}
			}
			return false
		}
		if !attributionTail[strings.ToLower(tail[0])] {
			return false
		}
		for j, t := range tail[:min(len(tail), maxTailWords)] {
			if containsMark(t) {
				return false
			}
			if ends(j + 1) {
				return true
			}
		}
		return false
	}
	return false
}

// maxTailWords is the most words of time or place an inverted
// attribution's cue may take before its comma.
const maxTailWords = 4

// sortFrom puts out[first:] in text order and keeps lastMarked on the
// quotation-marked quote it named.
func sortFrom(out []storyfold.Quotation, first int, lastMarked *int) {
	var last storyfold.Span
	if *lastMarked >= first {
		last = out[*lastMarked].Span
	}
	sort.SliceStable(out[first:], func(i, j int) bool { return out[first+i].Span.Start < out[first+j].Span.Start })
	if *lastMarked < first {
		return
	}
	for i := first; i < len(out); i++ {
		if out[i].Marked && out[i].Span == last {
			*lastMarked = i
		}
	}
}

// minContinuedWords is the fewest words of a quote opening the paragraph
// after a reported statement that afterReported gives its speaker: a
// statement, not a slogan ("“Meth. We’re on it.”").
const minContinuedWords = 6

// skipASCII lets markedSpans pass over a run of ASCII without '"' in
// one step; a test turns it off to hold the skipping to the rune-by-rune
// reading it replaced.
var skipASCII = true

// markedSpans returns the spans inside quotation marks. Curly marks pair
// as they open and close; a straight mark opens after a space or a bracket
// and closes otherwise. A quote still open at the end of a paragraph goes on
// when the next paragraph opens with a mark (the newswire convention for a
// quote over several paragraphs); otherwise it is dropped as unbalanced.
func markedSpans(text string, paragraphs []storyfold.Paragraph) []storyfold.Span {
	var out []storyfold.Span
	open := -1      // byte offset after the opening mark, -1 when none is open
	var opener rune // the mark that opened it
	depth := 0
	inner := -1 // where a quote opened inside the open one
	var pendingInner storyfold.Span
	for pi, p := range paragraphs {
		if open >= 0 {
			// Carried over from the paragraph before: it goes on only if this
			// one opens with a mark.
			r, _ := utf8.DecodeRuneInString(text[p.Start:p.End])
			if !(isOpen(r) || r == '"') && !closesFirst(text[p.Start:p.End]) {
				if pendingInner.End > pendingInner.Start {
					out = append(out, pendingInner)
				}
				open, depth = -1, 0
			} else if prev := text[open:paragraphs[pi-1].End]; depth == 1 && lostClose(prev) > 0 {
				// "“I am proud of ..., he wrote." then "“Our troops
				// ...”": a paragraph that ends on an attribution closed
				// its quote, though the mark is missing, and the mark
				// opening this one starts a new quote.
				out = append(out, trimSpan(text, open, open+lostClose(prev)))
				open, depth = -1, 0
			}
		}
		pendingInner, inner = storyfold.Span{}, -1
		for i := p.Start; i < p.End; {
			if c := text[i]; skipASCII && c < utf8.RuneSelf && c != '"' {
				// A run of ASCII without '"' opens and closes nothing
				// (every other mark, and what closesLow, opensReversed
				// and doubledApostrophe read, is not ASCII): skipped in
				// one step, with the length check its last byte would
				// have made.
				j := i + 1
				for j < p.End && text[j] < utf8.RuneSelf && text[j] != '"' {
					j++
				}
				if open >= 0 && j-1-open > maxQuote {
					open, depth = -1, 0
				}
				i = j
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:p.End])
			switch {
			case open >= 0 && depth == 1 && closesLow(opener, r) || open < 0 && opensReversed(text[i:p.End]):
				// „…“ and »…« (lang.go): German's closing marks are
				// others' opening ones.
				if open >= 0 {
					out = append(out, trimSpan(text, open, i))
					open, depth = -1, 0
				} else {
					open, depth, opener = i+size, 1, r
				}
			case isOpen(r):
				if open < 0 {
					open, depth, opener = i+size, 1, r
				} else if i != p.Start || pi == 0 {
					depth++ // a quote inside a quote
					inner = i + size
				}
			case isClose(r) || open >= 0 && opener == '“' && doubledApostrophe(text[i:p.End]):
				if open >= 0 {
					if depth--; depth <= 0 {
						if i > open {
							out = append(out, trimSpan(text, open, i))
						}
						// The outer quote closed: an inner one kept
						// in case it would not is not a quote of its
						// own (it lies inside this one).
						open, depth = -1, 0
						pendingInner, inner = storyfold.Span{}, -1
					} else if depth == 1 && inner > 0 {
						// Either a quote inside a quote or, as often, an
						// opening mark that lost its closing one before a
						// new quote ("had “presented me ... again. He
						// added: “My starting point ...”"). Keep the inner
						// one in case the outer never closes.
						pendingInner = trimSpan(text, inner, i)
					}
				}
			case r == '"':
				prev, _ := utf8.DecodeLastRuneInString(text[p.Start:i])
				opening := i == p.Start || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/", prev)
				switch {
				case open < 0 && opening:
					open, depth, opener = i+size, 1, r
				case open >= 0 && i == p.Start:
					// The reopening mark of a quote over paragraphs.
				case open >= 0 && opening && opensWord(text[i+size:p.End]) && lostClose(text[open:i]) > 0:
					// '"He's made ... verify, Graham said. "He's getting
					// ...': a mark that opens a word after an attribution
					// opens the next quote, and the one before lost its
					// closing mark at the attribution's comma.
					out = append(out, trimSpan(text, open, open+lostClose(text[open:i])))
					open, depth, opener = i+size, 1, r
					pendingInner, inner = storyfold.Span{}, -1
				case open >= 0:
					if i > open {
						out = append(out, trimSpan(text, open, i))
					}
					open, depth = -1, 0
					pendingInner, inner = storyfold.Span{}, -1
				}
			}
			if open >= 0 && i-open > maxQuote {
				open, depth = -1, 0
			}
			i += size
		}
	}
	if open >= 0 && pendingInner.End > pendingInner.Start {
		out = append(out, pendingInner)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	// Drop empty and whitespace-only spans.
	k := 0
	for _, s := range out {
		if s.End > s.Start {
			out[k] = s
			k++
		}
	}
	return out[:k]
}

// doubledApostrophe reports whether s opens with two right single quotation
// marks, which some wire copy writes for a closing double mark ("“It was an
// attempt to mislead voters,’’ Will Moy ... told the BBC.").
func doubledApostrophe(s string) bool { return strings.HasPrefix(s, "’’") }

// opensWord reports whether s starts with a capital letter, as the text
// after an opening mark does.
func opensWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// lostClose returns where a quote whose closing mark is missing ends in s,
// the text from its opening mark to the next mark: after the last comma,
// when what follows it is an attribution of a few words with a cue and a
// stop ("..., Graham said. "), or 0.
func lostClose(s string) int {
	comma := strings.LastIndexByte(s, ',')
	if comma < 0 {
		return 0
	}
	tail := strings.TrimSpace(s[comma+1:])
	body, stopped := strings.CutSuffix(tail, ".")
	if !stopped || strings.ContainsAny(body, ",.;:!?\"“”") {
		return 0
	}
	words := strings.Fields(body)
	if len(words) < 2 || len(words) > maxLostAttribution {
		return 0
	}
	for _, w := range words {
		if cues[w] {
			return comma + 1
		}
	}
	return 0
}

// maxLostAttribution is the most words lostClose reads as the attribution
// after a quote that lost its closing mark: "the senator told reporters
// on Monday".
const maxLostAttribution = 6

// closesFirst reports whether a paragraph closes a curly quote before it
// opens one: the rest of a quote from the paragraph before whose writer
// left out the reopening mark ("He added: “For those of us ... reserved."
// then "Not a Roger Stone.”").
func closesFirst(p string) bool {
	i := strings.IndexAny(p, "”»")
	return i >= 0 && !strings.ContainsAny(p[:i], "“«\"")
}

// trimSpan returns [start, end) without surrounding spaces.
func trimSpan(text string, start, end int) storyfold.Span {
	for start < end && text[start] == ' ' {
		start++
	}
	for end > start && text[end-1] == ' ' {
		end--
	}
	return storyfold.Span{Start: start, End: end}
}
