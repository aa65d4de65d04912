package quote

import (
	_ "embed"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// The word lists of reported speech are data, one entry a line, so that
// they can be read and extended without reading the rules.
var (
	//go:embed data/indirect-cues.txt
	indirectCuesData string
	//go:embed data/indirect-participles.txt
	indirectParticiplesData string
	//go:embed data/indirect-skips.txt
	indirectSkipsData string
	//go:embed data/indirect-listeners.txt
	indirectListenersData string
	//go:embed data/indirect-openers.txt
	indirectOpenersData string
	//go:embed data/indirect-bare.txt
	indirectBareData string
	//go:embed data/indirect-that-cues.txt
	indirectThatCuesData string
	//go:embed data/indirect-determiners.txt
	indirectDeterminersData string
	//go:embed data/participle-objects.txt
	participleObjectsData string
	//go:embed data/indirect-prepositions.txt
	prepositionsData string
	//go:embed data/indirect-nouns.txt
	indirectNounsData string
	//go:embed data/personal-titles.txt
	personalTitlesData string
	//go:embed data/indirect-attempts.txt
	indirectAttemptsData string
	//go:embed data/document-nouns.txt
	documentNounsData string
	//go:embed data/noun-cue-verbs.txt
	nounCueVerbsData string
	//go:embed data/unnamed-speakers.txt
	unnamedSpeakersData string
	//go:embed data/indirect-phrasal.txt
	indirectPhrasalData string
	//go:embed data/question-cues.txt
	questionCuesData string
	//go:embed data/source-nouns.txt
	sourceNounsData string
)

var (
	// indirectCues are the verbs whose subject's words the clause after
	// them reports: "Burton said (that) ...".
	indirectCues = listSet(indirectCuesData)
	// indirectParticiples close a clause whose subject speaks: "..., saying
	// the center should be built elsewhere".
	indirectParticiples = listSet(indirectParticiplesData)
	// indirectSkips stand between a cue and its clause: "said Monday that".
	indirectSkips = listPhrases(indirectSkipsData)
	// indirectListeners are whom a statement was told: "told reporters".
	indirectListeners = listSet(indirectListenersData)
	// indirectOpeners are the pronouns that open a clause after a cue
	// without "that"; indirectDeterminers open one after the verbs of
	// saying, indirectBare.
	indirectOpeners     = listSet(indirectOpenersData)
	indirectDeterminers = listSet(indirectDeterminersData)
	indirectBare        = listSet(indirectBareData)
	// indirectThatCues take their clause only after "that".
	indirectThatCues = listSet(indirectThatCuesData)
	// participleObjects after a participle make it no cue of a clause:
	// "saying so", "saying nothing".
	participleObjects = listSet(participleObjectsData)
	// prepositions open a phrase of time or place between a cue and
	// "that": "testified in October that".
	prepositions = listSet(prepositionsData)
	// indirectNouns report their possessor's words: "Axelrod's comment
	// that ...".
	indirectNouns = listSet(indirectNounsData)
	// indirectAttempts before "to" leave the verb after it a cue: "tried
	// to explain that".
	indirectAttempts = listSet(indirectAttemptsData)
	// documentNouns take a participle cue without a comma: "issued a
	// statement saying".
	documentNouns = listSet(documentNounsData)
	// nounCueVerbs make a noun of indirectNouns after a determiner their
	// subject's cue: "raised the concern that".
	nounCueVerbs = listSet(nounCueVerbsData)
	// unnamedSpeakers are the people and documents a cue's subject may
	// be without a name: "officials said that".
	unnamedSpeakers = listSet(unnamedSpeakersData)
	// indirectPhrasal maps the verb of a two-word cue to the cue: "pointed"
	// to "pointed out", read only with its particle and "that" after it.
	indirectPhrasal = phrasalCues(indirectPhrasalData)
	// questionCues report a question: "asked him whether ...".
	questionCues = listSet(questionCuesData)
	// sourceNouns head an unnamed source after "according to": "court
	// records", "a group representing ...".
	sourceNouns = listSet(sourceNounsData)
)

// What a word is to indirect's reading of a sentence, by bit: in which of
// indirectNouns, indirectParticiples, indirectCues, questionCues and
// indirectPhrasal's verbs it is. Every word of every sentence is asked,
// and most are in none: one look-up a word instead of six.
const (
	classNoun uint8 = 1 << iota
	classParticiple
	classCue
	classQuestion
	classPhrasal
)

// indirectClass is each word's classes, made from the lists themselves.
var indirectClass = func() map[string]uint8 {
	m := map[string]uint8{}
	for _, set := range []struct {
		words map[string]bool
		class uint8
	}{{indirectNouns, classNoun}, {indirectParticiples, classParticiple}, {indirectCues, classCue}, {questionCues, classQuestion}} {
		for w, ok := range set.words {
			if ok {
				m[w] |= set.class
			}
		}
	}
	for verb, cue := range indirectPhrasal {
		if cue != "" {
			m[verb] |= classPhrasal
		}
	}
	return m
}()

// phrasalAt reports whether the verb w at token j and the word after it
// are the two-word cue indirectPhrasal gives w ("pointed out"), compared
// in place rather than joined into a new string.
func phrasalAt(c *context, w string, j int) bool {
	p, next := indirectPhrasal[w], c.lower(j+1)
	return len(p) == len(w)+1+len(next) && p[:len(w)] == w && p[len(w)] == ' ' && p[len(w)+1:] == next
}

// nounDeterminers stand between a verb of nounCueVerbs and its noun.
var nounDeterminers = map[string]bool{"a": true, "an": true, "her": true, "his": true, "its": true, "the": true, "their": true}

// listLines returns the entries of an embedded list: its lines without
// comments and blank lines.
func listLines(data string) []string {
	var out []string
	for _, l := range strings.Split(data, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

func listSet(data string) map[string]bool {
	m := map[string]bool{}
	for _, l := range listLines(data) {
		m[l] = true
	}
	return m
}

// phrasalCues returns the cues of two words in data keyed by their verb.
func phrasalCues(data string) map[string]string {
	m := map[string]string{}
	for _, l := range listLines(data) {
		if verb, _, ok := strings.Cut(l, " "); ok {
			m[verb] = l
		}
	}
	return m
}

// listPhrases returns the entries of a list of phrases split into words,
// longest first, so that the longest phrase that fits is taken.
func listPhrases(data string) [][]string {
	var out [][]string
	for _, l := range listLines(data) {
		out = append(out, strings.Fields(l))
	}
	for i := 1; i < len(out); i++ { // insertion sort: the list is short
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// minIndirectWords is the fewest words outside quotation marks a reported
// clause has: fewer, and it is a pronoun before a quote ('Burton said that
// he "can't speak ..."'), which the direct quote already gives.
const minIndirectWords = 2

// indirect finds the reported speech of sentence sent that a cue
// introduces: "X said (that) CLAUSE", "X told reporters (that) CLAUSE",
// "X warned that CLAUSE", "..., saying CLAUSE", "according to X, CLAUSE"
// and "CLAUSE, according to X". Each clause runs from after the cue (and
// "that") to the end of the sentence, without its final stop, unless a
// second cue of the same subject cuts it ("claimed ..., but admitted that
// ..."). A clause whose speaker does not resolve to a person or an
// organisation of the article is dropped: no speaker is better than a
// place or a fragment. It appends to out.
//
// When tokenized is true, f.toks already holds the sentence's tokens.
func (f *Finder) indirect(text string, sent storyfold.Span, marked []storyfold.Span, out []storyfold.Quotation, tokenized bool) []storyfold.Quotation {
	s := text[sent.Start:sent.End]
	if !tokenized {
		f.toks = f.tokenizeOutside(text, sent, marked)
	}
	c := context{text: s, toks: f.toks, roles: f.roles, lowers: f.lowers}
	first := len(out)
	lastSpeaker := ""
	for j := 0; j < len(c.toks); j++ {
		if c.toks[j].Kind != nlp.Word {
			continue
		}
		// Cues are lower-case words but "According": the word as written
		// is looked up, so that no word is lowered for nothing.
		w := c.toks[j].Text(s)
		if strings.EqualFold(w, "according") {
			w = "according"
		}
		class := indirectClass[w]
		pos := sent.Start + int(c.toks[j].Start)
		var name, cue string
		unnamedSource, relayed := false, false
		var back storyfold.Span // the sentence before, which "That's according to X." gives
		k := -1
		end := len(c.toks)
		switch {
		case w == "according" && c.lower(j+1) == "to":
			if inQuote(marked, storyfold.Span{Start: pos, End: pos + 1}) {
				continue
			}
			n, ok := c.nameAfter(j + 2)
			if !ok {
				n, ok = c.sourceAfter(j + 2)
			}
			if !ok {
				head := c.unnamedSource(j + 2)
				if head >= 0 && c.plain(head+1) == "in" {
					// "according to a report in the Argus Leader": the
					// paper the report is in.
					n = f.orgRightAfter(sent.Start + int(c.toks[head+1].End))
					ok = n != ""
				}
				if !ok {
					// "according to a new survey from Piper Jaffray",
					// "according to data from MarketAxess", "according to a
					// statement released by the Justice Department": the
					// author named, or the statement is dropped.
					var named bool
					n, ok, named = c.sourceAuthor(j + 2)
					if named && !ok {
						continue
					}
				}
				if !ok && head < 0 {
					continue
				}
				if !ok {
					// "according to court records", "according to a local
					// police source": kept without a speaker.
					n, unnamedSource = "", true
				}
			}
			name, cue = n, "according to"
			if prev, ok := f.pointsBack(text, &c, j, sent); ok {
				// "That's according to a new survey from Piper Jaffray.":
				// the sentence before is the statement, when no quote
				// was found in it.
				if n := len(out); n > 0 && out[n-1].Span.End > prev.Start {
					continue
				}
				back, k = prev, 0
			} else if j == 0 || j == 1 && c.isPunct(0, "“\"") {
				// "According to X, CLAUSE": the clause after the comma.
				for i := j + 2; i < len(c.toks); i++ {
					if c.isPunct(i, ",") {
						k = i + 1
						if w := c.lower(k); w != "who" && w != "which" {
							break // past an appositive: "According to X, who has ..., CLAUSE"
						}
					}
				}
			} else if p := beforeFillers(&c, j); c.isPunct(p, ",") && c.parentheticalSource(p, j+2) {
				// "He had, according to X, killed ...": the source set
				// off inside the clause, which runs on past it. "The
				// A.G., according to the Times, said ...": the cue after
				// it reads its subject's statement.
				if next := c.afterComma(j + 2); indirectCues[c.lower(next)] || cues[c.lower(next)] {
					continue
				}
				k = 0
			} else if c.isPunct(p, ",)") {
				// "CLAUSE, according to X."
				k, end = 0, j-1
				if v := beforeFillers(&c, p); v > 1 && (indirectCues[c.lower(v)] || cues[c.lower(v)]) && c.isPunct(p, ",") {
					// "CLAUSE, he said, according to the Intelligencer":
					// the outlet only relays the words of the cue's
					// subject, whose clause ends before the subject.
					// A subject the rules read no name in ("the Inner
					// Mongolia health commission said") leaves the words
					// with no speaker.
					n, _ := c.nameBefore(v)
					e := v - 1 // the subject's first word
					for e > 0 && c.toks[e-1].Kind == nlp.Word {
						e--
					}
					if e <= 0 {
						continue
					}
					if _, ok := clauseSpan(text, sent, &c, 0, e, marked); ok {
						end = e // else a quote alone before the cue, kept whole as before
					}
					name, cue, relayed = n, c.lower(v), true
				}
				if (unnamedSource || opensWithQuote(s)) && !plainClause(&c, 0, p) {
					// "“...,” Paul told reporters, according to ...", "“...,”
					// the commission said, according to Reuters": the quote's
					// own cue and speaker; the source only relays it.
					continue
				}
			}
		case class&classNoun != 0:
			// "David Axelrod's comment on Sunday that CLAUSE": the
			// possessor said it.
			if inQuote(marked, storyfold.Span{Start: pos, End: pos + 1}) {
				continue
			}
			n, ok := c.possessor(j)
			if !ok {
				// "McCain also raised the concern that CLAUSE": the
				// subject of the verb before the noun, with "that" only.
				v := j - 2
				if !nounDeterminers[c.lower(j-1)] || !nounCueVerbs[c.lower(v)] || c.lower(j+1) != "that" {
					continue
				}
				if c.lower(v) == "out" {
					v-- // "laid out his belief that"
				}
				if n, ok = c.nameBefore(v); !ok {
					n = f.clauseSubject(text, sent.Start, pos)
				}
			}
			if k = f.clauseStart(&c, j+1, false); k < 0 {
				continue
			}
			name, cue = n, w
		case j == 0 && c.plain(j+1) == "that" && c.lowerIn(j, indirectParticiples):
			// "Arguing that voters are just now beginning to tune in,
			// Patrick has said ...": the participle opens the sentence, its
			// clause ends at the comma, and the main clause's subject after
			// the comma said it.
			p := j + 2
			for p < len(c.toks) && !c.isPunct(p, ",;:.!?") {
				p++
			}
			if !c.isPunct(p, ",") {
				continue
			}
			n, ok := c.nameAfter(p + 1)
			if !ok || inQuote(marked, storyfold.Span{Start: pos, End: pos + 1}) {
				continue
			}
			k, end = j+2, p
			name, cue = n, c.lower(j)
		case class&classParticiple != 0 && c.capitalized(j-1) && c.withSubject(j) >= 0:
			// "with House Oversight Committee Chairman Trey Gowdy saying
			// he exhibited ...": the name before the participle is its
			// subject.
			n, ok := c.personName(c.withSubject(j), j)
			if !ok || inQuote(marked, storyfold.Span{Start: pos, End: pos + 1}) {
				continue
			}
			if k = c.participleClause(j); k < 0 {
				continue
			}
			name, cue = n, w
		case class&classParticiple != 0 && (c.isPunct(j-1, ",") || (c.is(j-1, "but") || c.is(j-1, "by") || documentNouns[c.lower(j-1)]) && j > 1 ||
			j > 1 && c.is(j-2, "with") && unnamedSpeakers[c.plain(j-1)]):
			// "..., saying ...", "issued a statement calling the deal “a
			// steep price” but saying the president was ..."
			if inQuote(marked, storyfold.Span{Start: pos, End: pos + 1}) {
				continue
			}
			if k = c.participleClause(j); k < 0 {
				continue
			}
			cue = w // the subject is read once the clause is known to be one
		case class&(classCue|classQuestion) != 0 || class&classPhrasal != 0 && phrasalAt(&c, w, j):
			if inQuote(marked, storyfold.Span{Start: pos, End: pos + 1}) {
				continue
			}
			subj := j // the token the subject ends before
			if c.is(j-1, "to") {
				// "tried to explain that", "went on to say that": the
				// subject is the attempt's; "urged him to say" is no cue.
				if !indirectAttempts[c.lower(j-2)] {
					continue
				}
				subj = j - 2
				if c.lower(subj) == "on" {
					subj-- // "went on to say"
				}
			}
			cue = w
			phrasal := class&(classCue|classQuestion) == 0
			if phrasal {
				cue = indirectPhrasal[w]
			}
			if as := c.asClause(j); as >= 0 {
				// "As Emily Feng reports for NPR, CLAUSE": the clause
				// after the opener's comma, said by the opener's subject.
				k = as
				name, _ = c.nameBefore(j)
				for i := k + 1; i+1 < end; i++ {
					if c.isPunct(i, ",") && subordinate[c.lower(i+1)] {
						end = i // "..., when authorities announced that ...": a statement of its own
						break
					}
				}
				break
			}
			if (j == 0 || c.toks[j-1].Kind != nlp.Word) && c.capitalized(j+1) && !toldWords[w] && !indirectSkip(&c, j+1) && !c.possessiveName(j+1) && !c.nameOpensClause(j+1) {
				continue // "..., said Hegseth": the inverted attribution that reported reads
			}
			if phrasal {
				// "pointed out that": the clause only after the particle
				// and "that".
				if k = f.clauseStart(&c, j+2, false); k > 0 && c.lower(k-1) != "that" {
					k = -1
				}
			} else if class&classQuestion != 0 {
				if passives[c.lower(j-1)] || passives[c.lower(beforeFillers(&c, j))] {
					continue // "Clinton was asked whether": the asker is someone else
				}
				k = questionClause(&c, j+1)
			} else if toldWords[w] {
				k = toldClause(&c, j+1)
			} else {
				k = f.clauseStart(&c, j+1, indirectBare[w])
			}
			if k < 0 || indirectThatCues[w] && c.lower(k-1) != "that" {
				continue // no clause: the subject is not worth reading
			}
			if c.plain(k) == "whether" && negatedAt(&c, j) {
				continue // "Authorities haven't said whether": nothing was said
			}
			if subj < j {
				if n, ok := c.nameBefore(subj); ok {
					name = n
				} else if name = f.clauseSubject(text, sent.Start, pos); name == "" && len(out) > 0 && out[len(out)-1].Span.Start >= sent.Start {
					// "“...,” he said, going on to suggest": the speaker of
					// the sentence's quote.
					name = out[len(out)-1].Speaker
				}
			} else if n, ok := c.nameBefore(j); ok {
				name = n
				if strings.HasPrefix(n, "the ") {
					if p := f.personOf(text, sent, &c, j, pos); p != "" {
						name = p // "Wee of the Times reports that": the reporter, not the paper
					}
				}
			} else if c.lower(j-1) == "which" && c.isPunct(j-2, ",") {
				// "the Log Cabin Republicans, a gay and lesbian group,
				// which said": the organisation the sentence names last.
				name = f.lastOrgIn(sent.Start, pos)
			} else if n := f.orgBefore(text, sent.Start+int(c.toks[beforeFillers(&c, j)+1].Start)); n != "" {
				name = n // "Acme Corporation said", which nameBefore takes for no person
				// "Historian Alan Brinkley of Columbia University told": the
				// person of the organisation.
				if p := f.personOf(text, sent, &c, j, pos); p != "" {
					name = p
				}
			} else if (c.lower(j-1) == "but" || c.lower(j-1) == "and") && lastSpeaker != "" {
				name = lastSpeaker // "claimed ..., but admitted that": the same subject
			} else if c.is(j-1, "and") || c.is(j-1, "but") {
				// "Chuck Schumer of New York, went to the Senate floor and
				// announced that": the subject of the verbs "and" joins;
				// "She didn’t give a date ..., but said SpaceX would ...".
				name = f.clauseSubject(text, sent.Start, pos)
			} else if p := beforeFillers(&c, j); c.isPunct(p, ",)") {
				if n, ok := c.nameBefore(p); ok && !nlp.IsSpeakerPronoun(n) && c.isPunct(c.appositiveStart(p), ",") && f.isPerson(f.resolve(text, n, pos, sent)) {
					// "the mayor of Hoboken, Dawn Zimmer, said": the
					// person named in the appositive.
					name = n
				} else {
					// "Justice Anthony Kennedy, often a key vote on the
					// high court, said": the subject before the
					// appositive.
					name = f.mainSubject(text, sent.Start, pos)
				}
			}
		default:
			continue
		}
		if k < 0 || k >= end {
			continue
		}
		end = joinedClause(&c, k, end)
		if e := subordinateEnd(&c, j, end); e > k {
			end = e // not a clause after the opener's comma: "As Emily Feng reports for NPR, CLAUSE"
		}
		span, ok := clauseSpan(text, sent, &c, k, end, marked)
		if back.End > back.Start {
			span, ok = back, true
		}
		if !ok {
			continue
		}
		if name == "" && (indirectParticiples[cue] || questionCues[cue] && strings.HasSuffix(cue, "ing")) {
			name = f.participleSubject(text, sent.Start, pos)
		}
		if n := len(out); name == "" && indirectParticiples[cue] && c.isPunct(j-1, ",") && n > 0 && out[n-1].Marked && out[n-1].Kind != storyfold.QuoteReported &&
			out[n-1].Cue != "" && out[n-1].Span.End > sent.Start && out[n-1].Span.End <= pos {
			// "“...,” the House speaker continued, noting that ...": the
			// participle goes on from the attribution of the quote that
			// ends in the sentence, and its subject is that quote's
			// speaker.
			name = out[n-1].Speaker
		}
		if name == "" && c.lower(beforeFillers(&c, j)) == "they" {
			// "Pelosi and Schumer said in a statement. ... They vowed":
			// both of the joint statement before.
			name = f.jointBefore(text, pos)
		}
		speaker := ""
		if rest, ok := strings.CutPrefix(name, "the "); ok && (documentNouns[rest] || personRoles[rest]) && f.resolve(text, name, pos, sent) == "" {
			name = "" // "The report said", with no author named: kept without a speaker as unnamedSubject says
		}
		if unnamed(name) {
			name = ""
		}
		if name != "" {
			speaker = f.resolve(text, name, pos, sent)
			if !f.isEntity(speaker) {
				if !relayed {
					continue
				}
				// The relayed words stay, with no speaker rather than the
				// outlet's name.
				speaker = ""
			}
			if !nlp.IsSpeakerPronoun(name) {
				speaker = f.jointSubject(text, pos, speaker)
			}
		} else if !unnamedSource && !relayed && !unnamedSubject(&c, j, cue) && !unnamedParticipleSubject(&c, j, cue) {
			continue
		}
		// A second cue of the same subject cuts the clause before it
		// ("..., but admitted that ..."); any other cue inside it is part
		// of what was said.
		if n := len(out); n > first && out[n-1].Span.End > span.Start && speaker != "" && out[n-1].Speaker == speaker && pos > out[n-1].Span.Start {
			cut := strings.TrimRight(text[out[n-1].Span.Start:pos], " ,;")
			cut = strings.TrimSuffix(strings.TrimSuffix(cut, " but"), " and")
			cut = strings.TrimRight(cut, " ,;")
			out[n-1].Span.End = out[n-1].Span.Start + len(cut)
			out[n-1].Text = text[out[n-1].Span.Start:out[n-1].Span.End]
		} else if n > first && out[n-1].Span.End > span.Start {
			continue
		}
		lastSpeaker = name
		out = append(out, storyfold.Quotation{Text: text[span.Start:span.End], Span: span, Speaker: speaker, Cue: cue, Kind: storyfold.QuoteReported})
	}
	return out
}

// pointsBack returns the sentence before sent when sent is nothing but
// "That's according to" (or "This is", "That is") and its source, with
// no comma after the cue at token j: a source given for the sentence
// before.
func (f *Finder) pointsBack(text string, c *context, j int, sent storyfold.Span) (storyfold.Span, bool) {
	opening := strings.ToLower(strings.TrimSpace(c.text[:c.toks[j].Start]))
	if opening != "that's" && opening != "that’s" && opening != "that is" && opening != "this is" {
		return storyfold.Span{}, false
	}
	for i := j + 2; i < len(c.toks); i++ {
		if c.isPunct(i, ",;:“\"") {
			return storyfold.Span{}, false
		}
	}
	i := sort.Search(len(f.sentences), func(i int) bool { return f.sentences[i].Start >= sent.Start })
	if i == 0 || i >= len(f.sentences) || f.sentences[i].Start != sent.Start {
		return storyfold.Span{}, false
	}
	prev := f.sentences[i-1]
	if containsMark(text[prev.Start:prev.End]) {
		return storyfold.Span{}, false
	}
	return prev, true
}

// unnamedSubject reports whether the verb cue at token j has for its
// subject people or a document the article does not name ("officials
// said", "a Kaine spokesman later told", "critics say"): the statement is
// then kept without a speaker, where any other subject the speaker rules
// could not read (a place, a fragment) drops it.
func unnamedSubject(c *context, j int, cue string) bool {
	if !indirectCues[cue] || !strings.EqualFold(c.toks[j].Text(c.text), cue) {
		return false // a participle or a noun: its subject is further off
	}
	p := beforeFillers(c, j)
	switch {
	case c.lower(p) == "who" && c.isPunct(p-1, ","):
		p -= 2 // "other Republicans, who said that"
	case c.isPunct(p, ",") && c.isPunct(p-2, ",") && c.toks[max(p-1, 0)].Kind == nlp.Word && !c.capitalized(p-1):
		p -= 3 // "Critics, however, say"
	case c.isPunct(p, ","):
		// "Israeli settlers, who overwhelmingly form part of Netanyahu's
		// right-wing constituency, said": the subject before the relative
		// clause set off by commas.
		for i := p - 1; i > 1 && i > p-maxRelativeClause && !c.isPunct(i, ",;:"); i-- {
			if c.lower(i) == "who" && c.isPunct(i-1, ",") {
				p = i - 2
				break
			}
		}
	}
	if unnamedSpeakers[c.lower(p)] {
		return true
	}
	// "A person briefed on the matter said", "Some members of Pinto's
	// congregation subsequently said": the noun that heads the subject,
	// before the phrase that qualifies it, in the words back to the
	// clause's start.
	head := -1
	for i := p; i >= 0 && i > p-maxUnnamedPhrase && c.toks[i].Kind == nlp.Word || c.isPunct(i, ".") && c.abbreviation(i-1); i-- {
		if unnamedSpeakers[c.lower(i)] { // "Supporters of the women say": capitalised as the sentence opens
			head = i
		}
	}
	return head >= 0
}

// unnamedParticipleSubject reports whether the participle cue at token j
// closes a sentence whose subject, opening it, is headed by a noun of
// unnamedSpeakers ("Health care providers have protested longer detention
// periods for migrants, warning that ..."), or follows "with" right before
// it ("with forecasters warning that ..."): the statement is kept with no
// speaker.
func unnamedParticipleSubject(c *context, j int, cue string) bool {
	if !indirectParticiples[cue] || !strings.EqualFold(c.toks[j].Text(c.text), cue) {
		return false
	}
	if j >= 2 && unnamedSpeakers[c.plain(j-1)] && c.is(j-2, "with") {
		return true
	}
	if !c.isPunct(j-1, ",") {
		return false
	}
	if subordinate[c.lower(0)] {
		return false // "While conservatives have complained about what they say ...": no subject of the main clause
	}
	for i := 0; i < len(c.toks) && i < maxOpeningSubject && c.toks[i].Kind == nlp.Word && !c.capitalized(i+1); i++ {
		if unnamedSpeakers[c.plain(i)] {
			return i+1 < len(c.toks) && c.toks[i+1].Kind == nlp.Word && !unnamedSpeakers[c.plain(i+1)]
		}
	}
	return false
}

// negatedAt reports whether the cue at token j is negated: "haven't
// said", "did not say", "never said".
func negatedAt(c *context, j int) bool {
	for i := j - 1; i >= 0 && i >= j-3; i-- {
		w := c.lower(i)
		if w == "not" || w == "never" || strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t") || w == "t" && c.isPunct(i-1, "'’") {
			return true
		}
		if c.toks[i].Kind != nlp.Word && !c.isPunct(i, "'’") {
			return false
		}
	}
	return false
}

// maxOpeningSubject is the most words of an unnamed subject opening a
// sentence that unnamedParticipleSubject reads: "Health care providers".
const maxOpeningSubject = 4

// maxRelativeClause is the most tokens of a relative clause set off by
// commas between an unnamed subject and its cue that unnamedSubject reads
// past.
const maxRelativeClause = 16

// maxUnnamedPhrase is the most tokens of a subject whose head is a noun of
// unnamedSpeakers: "A spokesman for the U.S. attorney in Brooklyn said".
const maxUnnamedPhrase = 10

// unnamed reports whether a speaker read off the text is a noun of
// unnamedSpeakers, which the entity finder may have taken for a name
// ("Prosecutors said", "Critics, however, say"): no one is named.
func unnamed(speaker string) bool {
	if speaker == "" || len(speaker) > maxUnnamed || strings.ContainsRune(speaker, ' ') {
		return false
	}
	var buf [maxUnnamed]byte
	for i := range len(speaker) {
		buf[i] = speaker[i] | 0x20 // lower case without allocating; the list is ASCII
	}
	return unnamedSpeakers[string(buf[:len(speaker)])]
}

// maxUnnamed is the longest word of unnamedSpeakers that unnamed looks up.
const maxUnnamed = 16

// indirectSkip reports whether a word or phrase of indirectSkips starts
// at token i, and returns the token after it.
func indirectSkip(c *context, i int) bool {
	_, ok := skipPhrase(c, i)
	return ok
}

func skipPhrase(c *context, i int) (int, bool) {
next:
	for _, p := range indirectSkips {
		for n, w := range p {
			if !c.is(i+n, w) {
				continue next
			}
		}
		return i + len(p), true
	}
	return i, false
}

// clauseStart returns the token that opens the reported clause after a
// cue at token i, past the words that only say when or how ("Monday", "in
// a statement") and "that", or -1 when none opens there: "said to", "said
// nothing", "said Hegseth".
//
// After a verb of saying (bare), a determiner opens a clause too: "said
// the talks would ...", not "stressed the importance of ...".
func (f *Finder) clauseStart(c *context, i int, bare bool) int {
	for {
		n, ok := skipPhrase(c, i)
		if !ok {
			break
		}
		i = n
	}
	if c.isPunct(i, ",") && c.lower(i+1) == "that" {
		i++ // "said, that ..."
	}
	if adverb(c.lower(i)) && (c.lower(i+1) == "that" || nlp.IsSpeakerPronoun(c.lower(i+1))) {
		i++ // "said unequivocally that"
	}
	if c.lower(i) == "that" {
		return i + 1
	}
	if prepositions[c.lower(i)] || c.lower(i) == "to" && listenerAfterTo(c, i+1) {
		// "said after the arguments that", "testified in October that";
		// "denied to the Portland Press Herald that", whom it was said to.
		for k := i + 1; k < len(c.toks) && k <= i+maxPrepositionPhrase && !c.isPunct(k, ",;:.!?"); k++ {
			if c.lower(k) == "that" {
				return k + 1
			}
			if k > i+1 && opensClause(c.lower(k), false) && c.toks[k-1].Kind == nlp.Word && !possessiveToken(c, k-1) {
				return k // "said after their meeting he believes ..."
			}
		}
		return -1
	}
	w := c.lower(i)
	switch {
	case opensClause(w, bare):
		return i
	case indirectDeterminers[w] && finiteVerbAfter(c, i):
		return i // "asserted the prosecution was", not "stressed the importance of"
	case bare && w == "whether" && finiteVerbAfter(c, i):
		return i // "said whether Trump will agree ... depends largely on ...": a question reported
	case bare && gerundSubject(c, i):
		return i // "said returning to the moon was necessary"
	case bare && pluralSubject(c, i):
		return i // "said residents do not have"
	case bare && c.isPunct(i, "“\"") && f.fragmentQuoteAt(c, i):
		// "said “the stakes” for the summit “could not be higher”"; after
		// verbs of saying only, not 'wrote "Progressivism" on it'.
		return i
	}
	switch {
	case c.capitalized(i) && !indirectCues[c.lower(i+1)] && (!possessiveToken(c, i) || weekdays[strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"), "'’")]):
		return i // "suggested Reid would suffer", "said Tuesday’s indictment proved", not "announced Trump's plan"
	case bare && c.capitalized(i) && possessiveToken(c, i) && finiteVerbAfter(c, i):
		return i // "said Epstein's death is a symptom"
	}
	return -1
}

// listenerAfterTo reports whether token i, after "to" and a cue, opens
// the one the words were said to: a name ("confirmed to Fox News"), a
// listener ("to reporters") or a determiner before one ("noted to another
// reporter"). A verb after "to" ("said to be") is none.
func listenerAfterTo(c *context, i int) bool {
	w := c.lower(i)
	return c.capitalized(i) || indirectListeners[w] || w == "the" || w == "a" || w == "an" || w == "another"
}

// toldWords name their listener after them, never their speaker:
// "Mason Tvert, communications director for Marijuana Policy Project, told
// The Huffington Post that" is no inverted attribution; "reminded
// reporters that" names its listener the same way.
var toldWords = map[string]bool{"reminded": true, "reminds": true, "tell": true, "tells": true, "told": true}

// passives before a cue of questionCues make its subject the one asked:
// "Clinton was asked whether", "when asked if".
var passives = map[string]bool{"are": true, "be": true, "been": true, "being": true, "is": true, "was": true, "were": true, "when": true}

// questionClause returns the token that opens the question after a cue of
// questionCues at token i: "whether", "if", or "why" or "how" before a
// finite verb, within maxPrepositionPhrase words, past whom it was asked
// and when ("asked Rubio after the speech whether", "asking why she had
// not"), or -1 when none comes before a stop or a comma.
func questionClause(c *context, i int) int {
	for n := i; n < len(c.toks) && n <= i+maxPrepositionPhrase; n++ {
		if c.toks[n].Kind != nlp.Word {
			if c.isPunct(n, ".") && c.abbreviation(n-1) {
				continue
			}
			return -1
		}
		switch c.plain(n) {
		case "whether", "if":
			return n
		case "why", "how":
			// "asking why she had not censured Ms. Tlaib": a question
			// word opens an indirect question too, when a finite verb of
			// its clause follows ("asked how the money was spent"), not
			// "asked how long" or "asked why not".
			if finiteVerbAfter(c, n) {
				return n
			}
			return -1
		case "to", "for", "about":
			return -1 // "asked him to leave if he could": a request, not a question
		}
	}
	return -1
}

// gerundSubject reports whether token i, after a verb of saying, is a
// gerund that opens the subject of the reported clause ("said returning
// to the moon was necessary"): a lower-case word in -ing, no word of time
// ("said this morning"), with a finite verb after it.
func gerundSubject(c *context, i int) bool {
	w := c.plain(i)
	return len(w) > len("doing") && strings.HasSuffix(w, "ing") && !c.capitalized(i) && !timeNouns[w] && finiteVerbAfter(c, i)
}

// pluralSubject reports whether token i, after a verb of saying, is a
// plural noun that opens the reported clause as its subject, its verb
// right after it ("said residents do not have the luxury", "said farmers
// faced"): a lower-case word in -s, no stop word, before an auxiliary of
// pluralVerbs or a verb in the past tense.
func pluralSubject(c *context, i int) bool {
	w := c.plain(i)
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !c.capitalized(i) && !nlp.IsStopWord(w) && !timeNouns[w] &&
		(pluralVerbs[c.plain(i+1)] || pastVerb(c.plain(i+1)))
}

// pastVerb reports whether a lower-case word reads as a verb in the past
// tense after a plural subject ("said farmers faced “...”"): a word in
// -ed, no stop word.
func pastVerb(w string) bool {
	return len(w) > len("used") && strings.HasSuffix(w, "ed") && !nlp.IsStopWord(w)
}

// pluralVerbs are the auxiliaries a plural subject takes, which no noun
// object of a verb of saying is followed by.
var pluralVerbs = map[string]bool{"are": true, "could": true, "do": true, "have": true, "should": true, "were": true, "will": true, "would": true}

// maxSubjectWords is the most tokens of a clause's subject before its
// verb that finiteVerbAfter reads: "the deputy director “reversed".
const maxSubjectWords = 6

// finiteVerbAfter reports whether a verb of clauseVerbs follows the
// determiner at token i within maxSubjectWords tokens, before any
// punctuation: the determiner opens a clause's subject ("the prosecution
// was"), not an object ("the importance of").
func finiteVerbAfter(c *context, i int) bool {
	for k := i + 1; k < len(c.toks) && k <= i+maxSubjectWords && c.toks[k].Kind == nlp.Word; k++ {
		if clauseVerbs[c.plain(k)] {
			return true
		}
	}
	return false
}

// fragmentQuoteAt reports whether the opening mark at token i starts a
// quote that does not end its own clause (no stop or comma before its
// closing mark), so the words after it go on with the same clause: "said
// “the stakes” for the summit", not 'said "We will win," and left'.
func (f *Finder) fragmentQuoteAt(c *context, i int) bool {
	k := i + 1
	if k >= len(c.toks) || !c.isPunct(k, "”\"") {
		return false // tokens outside quotes: the closing mark comes next
	}
	inner := strings.TrimSpace(c.text[c.toks[i].End:c.toks[k].Start])
	if inner == "" || strings.ContainsAny(inner[len(inner)-1:], ".,!?;:") {
		return false
	}
	return k+1 < len(c.toks) && c.toks[k+1].Kind == nlp.Word
}

// maxListenerWords is the most words of a listener's name after "told".
const maxListenerWords = 4

// maxToldReach is the most tokens between "told" and the "that" after
// its listener and a phrase of time.
const maxToldReach = 10

// maxListenerAppositive is the most tokens of a listener's appositive
// that toldClause reads past: ", the GateHouse parent,".
const maxListenerAppositive = 6

// maxPrepositionPhrase is the most tokens of a phrase of time or place
// between a cue and "that": "said on CNN’s “American Morning” that".
const maxPrepositionPhrase = 8

// toldClause returns the clause after "told" at token i: past whom it was
// told and "that" ("told her questioners that"), or after a listener
// without it ("told reporters the talks ..."); -1 when there is none.
func toldClause(c *context, i int) int {
	// "that" after the listener and when: "told Business Insider in
	// October 2018 that", "told Polygraph.info that", "told VOA Pentagon
	// correspondent Carla Babb on Nov. that". A pronoun opens the clause
	// before any "that" ("told reporters he thinks that ...").
	appositive, skipped := false, 0 // inside ", the GateHouse parent,", and its tokens
scan:
	for k := i; k < len(c.toks) && k <= i+maxToldReach+skipped; k++ {
		switch {
		case appositive && !c.isPunct(k, ","):
			if skipped++; skipped > maxListenerAppositive {
				break scan
			}
			continue
		case c.toks[k].Kind == nlp.Number:
			continue
		case c.isPunct(k, ",") && k > i && (appositive || c.lower(k+1) == "the" && c.capitalized(k-1)):
			// "told investors of New Media, the GateHouse parent, on
			// Oct. 31 that": the listener's appositive, closed by a comma,
			// which the reach does not count.
			appositive = !appositive
			skipped++
			continue
		case c.isPunct(k, ".") && (c.glued(k) || c.abbreviation(k-1)) && k+1 < len(c.toks) && c.toks[k+1].Kind != nlp.Punct:
			continue // a web address's or an abbreviation's dot
		case c.toks[k].Kind != nlp.Word || k > i && nlp.IsSpeakerPronoun(c.plain(k)):
			break scan
		}
		if c.lower(k) == "that" && k > i {
			return k + 1
		}
	}
	k := i
	if c.lower(k) == "the" {
		k++
		// "told the students he understands ...", "told the president
		// he could not ...": a listener of one noun, then the clause's
		// subject pronoun.
		if k < len(c.toks) && c.toks[k].Kind == nlp.Word && !c.capitalized(k) && nlp.IsSpeakerPronoun(c.lower(k+1)) {
			return k + 1
		}
	}
	if c.capitalized(k) && !possessiveToken(c, k) {
		// A listener named: "told Rose he would not have ...", "told
		// Fox News the talks ...".
		for n := k; n < len(c.toks) && n < k+maxListenerWords; n++ {
			if c.isPunct(n, ".") && c.glued(n) && c.toks[n+1].Kind == nlp.Word {
				n++ // "told Polygraph.info the ...": an outlet's web address
				continue
			}
			if !c.capitalized(n) {
				if opensClause(c.lower(n), true) {
					return n
				}
				if indirectListeners[c.lower(n)] && nlp.IsSpeakerPronoun(c.lower(n+1)) {
					// "has told WeWork executives he wants ...": the
					// listeners of a named organisation, then the
					// clause's subject pronoun.
					return n + 1
				}
				break
			}
		}
		return -1
	}
	if !indirectListeners[c.lower(k)] {
		return -1
	}
	k++
	for {
		n, ok := skipPhrase(c, k)
		if !ok {
			break
		}
		k = n
	}
	if opensClause(c.lower(k), true) || c.capitalized(k) {
		return k
	}
	return -1
}

// maxJoinedSubject is the most tokens between a joiner and the cue of
// the clause it joins: ", and Senate Minority Leader Chuck Schumer said".
const maxJoinedSubject = 8

// joinedClause returns where a reported clause from token k ends when a
// clause of its own joins it before end: after a comma or a quote's
// closing mark, "while" or "whereas" always opens one, and "but" or "and"
// when a subject (a name, a pronoun, "the ...") or a cue opens what
// follows and a cue comes within maxJoinedSubject tokens ("Healey reaffirmed
// that “...,” while Pistorius stressed that ..."). The joined clause is
// another statement, read from its own cue, not part of the first.
func joinedClause(c *context, k, end int) int {
	for i := k + 1; i < end; i++ {
		if !c.isPunct(i-1, ",\"”") {
			continue
		}
		w := c.plain(i)
		if !clauseJoiners[w] {
			continue
		}
		if w == "while" || w == "whereas" {
			return i
		}
		if s := c.plain(i + 1); !indirectCues[s] && s != "the" && !nlp.IsSpeakerPronoun(s) && !c.capitalized(i+1) {
			continue // "..., but was in fact challenging policies that he says": the same subject goes on
		}
		// The subject may hold a title's stop and a party tag: ", and Sen.
		// John McCain (R-Ariz.), said he would be ...".
		for n := i + 1; n < end && n <= i+maxJoinedSubject+maxPartyTag && (c.toks[n].Kind == nlp.Word || c.isPunct(n, ".") && c.abbreviation(n-1) || c.isPunct(n, "()-,")); n++ {
			if indirectCues[c.plain(n)] && !c.is(n-1, "to") {
				return i
			}
		}
	}
	return end
}

// clauseSpan returns the text of tokens [k, end) of the sentence as a
// span, without a final stop or comma, or false when it is no clause of
// its own: it opens inside quotation marks, or has fewer than
// minIndirectWords words outside them.
func clauseSpan(text string, sent storyfold.Span, c *context, k, end int, marked []storyfold.Span) (storyfold.Span, bool) {
	start := sent.Start + int(c.toks[k].Start)
	stop := sent.Start + int(c.toks[end-1].End)
	if end == len(c.toks) {
		stop = sent.End
	}
	for stop > start && strings.IndexByte(" .,;:", text[stop-1]) >= 0 {
		stop--
	}
	if start >= stop || inQuote(marked, storyfold.Span{Start: start, End: start + 1}) {
		return storyfold.Span{}, false
	}
	// The words outside quotation marks: a quote ends at a closing mark,
	// which the tokens show as punctuation.
	words := 0
	for i := k; i < end; i++ {
		t := c.toks[i]
		if t.Kind == nlp.Word && !inQuote(marked, storyfold.Span{Start: sent.Start + int(t.Start), End: sent.Start + int(t.End)}) {
			words++
			if words >= minIndirectWords {
				return storyfold.Span{Start: start, End: stop}, true
			}
		}
	}
	return storyfold.Span{}, false
}

// isEntity reports whether a speaker names a person or an organisation of
// the article: by its name or an alias, or a person by one of their names
// ("Boutrous" of "Theodore Boutrous Jr").
func (f *Finder) isEntity(speaker string) bool {
	if speaker == "" {
		return false
	}
	k := f.known()
	// Lowered into a buffer on the stack (nlp.AppendLower is
	// strings.ToLower), not into new strings: every reported statement
	// with a speaker asks.
	var buf [128]byte
	l := nlp.AppendLower(buf[:0], speaker)
	if k[string(l)] || len(l) >= 4 && string(l[:4]) == "the " && k[string(l[4:])] {
		return true
	}
	l = nlp.AppendLower(append(l[:0], 0), lastWord(speaker))
	return k[string(l)]
}

// known returns the article's entity names for isEntity and expand, built
// the first time they are asked for in an article: a set, so that many
// statements in an article with many entities cost no more than their sum.
func (f *Finder) known() map[string]bool {
	if f.knownBuilt {
		return f.knownNames
	}
	f.knownBuilt = true
	if f.knownNames == nil || len(f.knownNames) > 4096 {
		f.knownNames, f.acronyms = map[string]bool{}, map[string]string{}
	}
	clear(f.knownNames)
	clear(f.acronyms)
	for _, e := range f.entities {
		if e.Type != storyfold.EntityPerson && e.Type != storyfold.EntityOrg {
			continue
		}
		f.knownNames[strings.ToLower(e.Name)] = true
		for _, a := range e.Aliases {
			f.knownNames[strings.ToLower(a)] = true
		}
		// An organisation's initials and a person's words are read on the
		// stack, each key made in one allocation: this runs for every
		// entity of every article with a reported statement.
		var buf [64]byte
		if e.Type == storyfold.EntityOrg {
			if a := appendInitials(buf[:0], e.Name); len(a) >= minAcronym && len(a) < len(e.Name) && f.acronyms[string(a)] == "" {
				f.acronyms[string(a)] = e.Name // the first in the article's order
			}
		}
		if e.Type == storyfold.EntityPerson {
			for w := range strings.FieldsSeq(e.Name) {
				f.knownNames[string(nlp.AppendLower(append(buf[:0], 0), w))] = true
			}
		}
	}
	return f.knownNames
}

// sourceAfter reads the source of "according to a Fox News poll" at token
// i: the capitalised words after an article, before the noun they qualify.
func (c *context) sourceAfter(i int) (string, bool) {
	if w := c.lower(i); w != "a" && w != "an" && w != "the" {
		return "", false
	}
	if sourceAdjectives[c.plain(i+1)] && c.capitalized(i+2) {
		i++ // "according to a new Fast Company report"
	}
	j := i + 1
	for c.capitalized(j) {
		j++
	}
	if j == i+1 || j-i > 5 || c.toks[j-1].Kind != nlp.Word || c.toks[min(j, len(c.toks)-1)].Kind != nlp.Word {
		return "", false
	}
	return c.join(i+1, j), true
}

// sourceParticiples stand between a source's noun and "by" its author:
// "according to data released by MOTIE".
var sourceParticiples = map[string]bool{"compiled": true, "provided": true, "published": true, "released": true}

// sourceAdjectives may stand between the article and the capitalised
// source of "according to a new Fast Company report".
var sourceAdjectives = map[string]bool{"latest": true, "new": true, "recent": true}

// subordinateEnd returns where a reported clause whose cue, at token j,
// stands in a subordinate clause opening the sentence ends: at that
// clause's comma ("Although representatives of Epstein's family suggested
// the financier may have been murdered, Hawk Sawyer told lawmakers ...":
// the main clause is another statement), also when a relative pronoun is
// the cue's subject after a preposition that opens the sentence ("On top
// of a Guardian newspaper report that revealed how ..., a Washington Post
// report detailed ...", not "In that letter he argued that ..., Senator
// Edward M. Kennedy"). Else end.
func subordinateEnd(c *context, j, end int) int {
	if !c.lowerIn(0, clauseConjunctions) && !(c.lowerIn(0, subordinate) && (c.plain(j-1) == "that" || c.plain(j-1) == "which")) {
		return end
	}
	for i := 1; i < end; i++ {
		if c.isPunct(i, ",") {
			if i > j {
				return i
			}
			return end // the cue is in the main clause
		}
	}
	return end
}

// unnamedSource returns the head of a source the article does not name
// at token i, after "according to": lower-case words headed by a noun of
// unnamedSpeakers or sourceNouns ("a local police source", "court
// records", "a group representing rural counties"), a capitalised word
// among them only before the head ("a Taliban representative"), a year
// after the article ("a 2018 survey"); -1 when none is there.
func (c *context) unnamedSource(i int) int {
	for j := i; j < len(c.toks) && j < i+maxUnnamedSource; j++ {
		if c.toks[j].Kind == nlp.Number && j == i+1 && len(c.toks[j].Text(c.text)) == 4 {
			continue // "a 2018 survey by Penelope Muse Abernathy"
		}
		if c.toks[j].Kind != nlp.Word {
			return -1
		}
		w := c.plain(j)
		if (unnamedSpeakers[w] || sourceNouns[w]) && !c.capitalized(j) {
			return j // not "according to the Spokesman-Review"
		}
		if c.capitalized(j) && j+1 < len(c.toks) && c.capitalized(j+1) {
			return -1 // "according to Fox News", which sourceAfter reads
		}
	}
	return -1
}

// namedAuthor reports whether the words from token i name whose the
// unnamed source's document is ("a press release from the U.S.
// Attorney’s Office"): the source is named then, and a statement whose
// named subject the rules cannot read is dropped, not kept as unnamed.
func namedAuthor(c *context, i int) bool {
	if w := c.plain(i); sourceParticiples[w] && c.plain(i+1) == "by" {
		i++ // "according to data released by MOTIE"
	}
	if w := c.plain(i); w != "from" && w != "by" && w != "of" {
		return false
	}
	if c.is(i+1, "the") {
		i++
	}
	return c.capitalized(i + 1)
}

// sourceAuthor reads the named author of a source at token i, after
// "according to": "a new survey from Piper Jaffray", "data released by
// MOTIE", "a statement released by the Justice Department" (a document
// of documentNouns, not only a source noun). named reports whether an
// author is named at all; the name is read as nameAfter reads it, or ok
// is false.
func (c *context) sourceAuthor(i int) (name string, ok, named bool) {
	head := c.unnamedSource(i)
	if head < 0 {
		head = c.documentHead(i)
	}
	return c.authorOf(head)
}

// authorOf reads the named author of the source or document whose noun
// is at token head, as sourceAuthor does ("survey from Piper Jaffray",
// "statement released by the Justice Department").
func (c *context) authorOf(head int) (name string, ok, named bool) {
	if head < 0 || !namedAuthor(c, head+1) {
		return "", false, false
	}
	a := head + 2
	if sourceParticiples[c.plain(head+1)] {
		a++
	}
	if c.is(a, "the") && !c.capitalized(a) {
		a++
	}
	e := a
	for c.capitalized(e) {
		e++
	}
	if c.titledOrg(a, e) {
		return c.join(a, e), true, true // "released by the Justice Department"
	}
	name, ok = c.nameAfter(a)
	if !ok {
		return "", false, true
	}
	if both := c.andName(a, name); both != "" {
		name = both // "according to reports from The Wrap and Deadline"
	}
	return name, true, true
}

// documentHead returns the token of a document's noun (documentNouns)
// after an article and at most two words in lower case at token i ("a
// statement", "a joint press release"), or -1.
func (c *context) documentHead(i int) int {
	if w := c.lower(i); w != "a" && w != "an" && w != "the" {
		return -1
	}
	for j := i + 1; j <= i+3 && j < len(c.toks); j++ {
		if c.toks[j].Kind != nlp.Word || c.capitalized(j) {
			return -1
		}
		if documentNouns[c.lower(j)] {
			return j
		}
	}
	return -1
}

// andName returns "NAME and OTHER" when the name from token a, as
// nameAfter read it, is joined by "and" to another name that ends the
// phrase (before a comma or the sentence's end): "reports from The Wrap
// and Deadline" names both sources, as "both NBC News and Bloomberg"
// does. Else "".
func (c *context) andName(a int, name string) string {
	k := a
	for k < len(c.toks) && k <= a+maxJointSource && c.lower(k) != "and" {
		if c.toks[k].Kind != nlp.Word || !c.capitalized(k) && c.lower(k) != "the" {
			return ""
		}
		k++
	}
	if c.lower(k) != "and" || !c.capitalized(k+1) {
		return ""
	}
	other, ok := c.nameAfter(k + 1)
	if !ok {
		return ""
	}
	e := k + 1
	for e < len(c.toks) && c.toks[e].Kind == nlp.Word && c.capitalized(e) {
		e++
	}
	if e < len(c.toks) && !c.isPunct(e, ",.") {
		return ""
	}
	return name + " and " + other
}

// maxJointSource is the most tokens of the first of two sources joined
// by "and" that andName reads.
const maxJointSource = 5

// plainClause reports whether tokens [i, j) read as a clause of their own
// that an unnamed source reports: at least minSourcedWords words, not
// opening with a quotation mark and with no cue of speech, either of
// which would make them a statement with its own speaker.
func plainClause(c *context, i, j int) bool {
	words := 0
	for k := i; k < j; k++ {
		if k == i && c.isPunct(k, "“”\"«»") || speechCues[c.lower(k)] {
			return false
		}
		if c.toks[k].Kind == nlp.Word {
			words++
		}
	}
	return words >= minSourcedWords
}

// minSourcedWords is the fewest words of a clause an unnamed source
// reports after it: "In fact, according to ..." reports nothing.
const minSourcedWords = 4

// maxUnnamedSource is the most words unnamedSource reads for its head.
const maxUnnamedSource = 4

// beforeFillers returns the token before token j past the words that may
// stand between a subject and its cue: "(R-Va.) had argued".
func beforeFillers(c *context, j int) int {
	p := j - 1
	for p >= 0 && (fillers[c.lower(p)] || c.adverbAt(p)) {
		p--
	}
	return p
}

// opensClause reports whether a lower-case word may open a reported clause
// after its cue without "that": a pronoun or a determiner, also with a
// contraction ("there's").
func opensClause(w string, bare bool) bool {
	if i := strings.IndexAny(w, "'’"); i > 0 {
		w = w[:i]
	}
	return nlp.IsSpeakerPronoun(w) || indirectOpeners[w] || bare && indirectDeterminers[w]
}

// orgBefore returns the organisation whose mention ends right before pos
// (a space between), or "".
func (f *Finder) orgBefore(text string, pos int) string {
	k := sort.Search(len(f.orgs), func(i int) bool { return f.orgs[i].end >= pos })
	for ; k > 0 && k-1 < len(f.orgs); k-- {
		o := f.orgs[k-1]
		if o.end > pos {
			continue
		}
		if strings.TrimSpace(text[o.end:pos]) == "" {
			return o.name
		}
		break
	}
	return ""
}

// lastOrgIn returns the organisation named last in [from, to), or "".
func (f *Finder) lastOrgIn(from, to int) string {
	k := sort.Search(len(f.orgs), func(i int) bool { return f.orgs[i].end > to })
	if k > 0 && f.orgs[k-1].start >= from {
		return f.orgs[k-1].name
	}
	return ""
}

// plain returns the word at token i when it opens in lower case, as the
// words of the lists it is looked up in do, or "": no capitalised word is
// lowered for a lookup that cannot succeed.
func (c *context) plain(i int) string {
	if i < 0 || i >= len(c.toks) || c.toks[i].Kind != nlp.Word {
		return ""
	}
	w := c.toks[i].Text(c.text)
	if w == "" || w[0] < 'a' || w[0] > 'z' {
		return ""
	}
	return strings.ToLower(w)
}

// is reports whether token i is the word w in any case, without lowering
// it.
func (c *context) is(i int, w string) bool {
	return i >= 0 && i < len(c.toks) && c.toks[i].Kind == nlp.Word && strings.EqualFold(c.toks[i].Text(c.text), w)
}

// tokenizeOutside returns the tokens of sentence sent outside the quoted
// spans, with offsets into the sentence: no cue is read inside a quote, and
// a sentence that is mostly quote costs little more than its cue.
func (f *Finder) tokenizeOutside(text string, sent storyfold.Span, marked []storyfold.Span) []nlp.Token {
	toks := f.toks[:0]
	pos := sent.Start
	k := sort.Search(len(marked), func(i int) bool { return marked[i].End > sent.Start })
	for ; pos < sent.End; k++ {
		end := sent.End
		if k < len(marked) && marked[k].Start < sent.End {
			end = max(pos, marked[k].Start)
		}
		n := len(toks)
		toks = nlp.Tokenize(toks, text[pos:end])
		for i := n; i < len(toks); i++ {
			toks[i].Start += int32(pos - sent.Start)
			toks[i].End += int32(pos - sent.Start)
		}
		if k >= len(marked) || marked[k].Start >= sent.End {
			break
		}
		pos = max(pos, min(marked[k].End, sent.End))
	}
	return toks
}

// possessiveToken reports whether the word at token i is a possessive:
// "Trump's", "Trump’s".
func possessiveToken(c *context, i int) bool {
	w := c.toks[i].Text(c.text)
	if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
		return true
	}
	return c.isPunct(i+1, "'’") && c.lower(i+2) == "s"
}

// possessor returns the person or organisation whose noun stands at token
// j ("David Axelrod's comment", "the secretary's insistence"), or false
// when the word before it is not a possessive.
func (c *context) possessor(j int) (string, bool) {
	p := c.beforeAdjectives(j) // the possessor's last word
	if c.is(p, "let") || c.is(p, "let's") || c.is(p, "let’s") {
		return "", false // "Let’s hope we see ...": a contraction, no one's hope
	}
	switch {
	case c.lower(p) == "s" && c.isPunct(p-1, "'’") && c.glued(p-1):
		p -= 2
	case p >= 0 && c.toks[p].Kind == nlp.Word && (strings.HasSuffix(c.toks[p].Text(c.text), "'s") || strings.HasSuffix(c.toks[p].Text(c.text), "’s")):
		// A possessive read as one word: the name is read again without
		// its ending, from a few words before it.
		w := c.toks[p].Text(c.text)
		end := int(c.toks[p].End) - len(w) + len(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
		from := int(c.toks[max(0, p-possessorReach)].Start)
		sub := context{text: c.text[from:end], roles: c.roles, lowers: c.lowers}
		sub.toks = nlp.Tokenize(nil, sub.text)
		return sub.possessorName(len(sub.toks))
	case possessivePronouns[c.lower(p)] != "" && c.plain(j+1) == "that":
		return possessivePronouns[c.lower(p)], true
	default:
		return "", false
	}
	return c.possessorName(p + 1)
}

// beforeAdjectives returns the token before the noun at token j, or,
// when the noun takes a clause with "that", before the words in lower
// case that qualify it after a possessive ("Schiff’s own doubling-down
// admission that", "Schiff’s astounding assertion that"): at most
// maxNounAdjectives words, no stop word among them but "own" and a
// compound's ("doubling-down"). With no possessive before those words,
// or no "that" after the noun, the possessive must stand right before
// the noun.
func (c *context) beforeAdjectives(j int) int {
	if c.plain(j+1) != "that" {
		return j - 1
	}
	p := j - 1
	for n := 0; n < maxNounAdjectives && p > 0; n++ {
		if c.isPunct(p, "-") && c.glued(p) {
			p--
		}
		if c.toks[p].Kind != nlp.Word || c.capitalized(p) || possessiveToken(c, p) || nlp.IsStopWord(c.lower(p)) && c.lower(p) != "own" && !(c.isPunct(p-1, "-") && c.glued(p-1)) || c.lower(p) == "s" {
			break
		}
		p--
	}
	if p < j-1 && (possessiveToken(c, p) || c.lower(p) == "s" && c.isPunct(p-1, "'’") || possessivePronouns[c.lower(p)] != "") {
		return p
	}
	return j - 1
}

// possessivePronouns map a possessive pronoun before a noun cue and "that"
// to the subject pronoun resolve names: "his often-repeated vow that
// Britain would leave" is the vow of the man the article last named.
var possessivePronouns = map[string]string{"his": "he", "her": "she"}

// maxNounAdjectives is the most words beforeAdjectives passes:
// "own doubling-down".
const maxNounAdjectives = 4

// possessorReach is how many words before a possessive possessor reads
// for the name and titles it ends: "Defense Secretary Pete Hegseth's".
const possessorReach = 6

// possessorName reads the possessor whose last word is token e-1: a role
// held by one person ("the secretary"), a described organisation, or a
// name.
func (c *context) possessorName(e int) (string, bool) {
	p := e - 1
	if p < 0 || c.toks[p].Kind != nlp.Word {
		return "", false
	}
	if c.lower(p-1) == "the" {
		if name := c.roleHolder(p - 1); name != "" {
			return name, true // "the secretary's insistence"
		}
		if d, end := c.describedOrg(p - 1); d != "" && end == p+1 {
			return d, true
		}
	}
	return c.nameBefore(p + 1)
}

// withSubject returns where the capitalised name ending just before token
// j starts when "with" comes before it ("with Trey Gowdy saying", where
// the name is the participle's subject), or -1.
func (c *context) withSubject(j int) int {
	p := j - 1
	for p >= 0 && (c.capitalized(p) || c.isPunct(p, ".") && c.abbreviation(p-1)) {
		p--
	}
	if p < j-1 && c.lower(p) == "with" {
		return p + 1
	}
	return -1
}

// appositiveStart returns the token before the capitalised name that ends
// just before token p: the comma that opens an appositive name ("the mayor
// of Hoboken, Dawn Zimmer, said"), or whatever stands there.
func (c *context) appositiveStart(p int) int {
	j := p - 1
	for j >= 0 && (c.capitalized(j) || c.isPunct(j, ".") && c.abbreviation(j-1) || c.isPunct(j, "-") && c.glued(j)) {
		j--
	}
	if j == p-1 {
		return p // no name
	}
	return j
}

// onlyPlace reports whether a speaker is the name of one of the article's
// places and of none of its people or organisations ("George Washington
// University Hospital", which the entity finder reads as a place): a
// speaker is never a place.
func (f *Finder) onlyPlace(speaker string) bool {
	if speaker == "" {
		return false
	}
	// "The UK has urged": the place with its article.
	name := speaker
	if rest, ok := strings.CutPrefix(speaker, "the "); ok {
		name = rest
	}
	for _, e := range f.entities {
		if e.Type == storyfold.EntityPlace && (strings.EqualFold(e.Name, speaker) || strings.EqualFold(e.Name, name)) {
			return !f.isEntity(speaker) // asked only of a place's name: isEntity lowers it
		}
	}
	return name != speaker && nlp.IsPlace(name) && !f.isEntity(speaker) && !f.isEntity(name)
}

// isPerson reports whether a speaker is one of the article's people, by
// their name, an alias, or their name without its origin.
func (f *Finder) isPerson(speaker string) bool {
	if speaker == "" {
		return false
	}
	for _, e := range f.entities {
		if e.Type != "person" {
			continue
		}
		if strings.EqualFold(e.Name, speaker) || strings.EqualFold(withoutOrigin(e.Name), speaker) {
			return true
		}
		for _, a := range e.Aliases {
			if strings.EqualFold(a, speaker) {
				return true
			}
		}
	}
	return false
}

// nameOpensClause reports whether the capitalised name that starts at
// token i goes on with a verb in lower case, which makes it the subject of
// a reported clause ("Brad Woodhouse, said Mr. Steele was “betting ...”"),
// not the speaker of an inverted attribution ("..., said Hegseth on
// Monday", "said Nanette Lee Miller of Marcum").
func (c *context) nameOpensClause(i int) bool {
	j := i
	for j < len(c.toks) && (c.capitalized(j) || c.isPunct(j, ".") && c.abbreviation(j-1) || c.particleAt(j)) {
		j++
	}
	w := c.lower(j)
	if w == "" || c.capitalized(j) || prepositions[w] || objectSkips[w] || indirectSkip(c, j) || nlp.IsStopWord(w) && !clauseVerbs[w] {
		return false
	}
	return !strings.HasSuffix(w, "ly") && !indirectParticiples[w] && !participles[w]
}

// clauseVerbs are the stop words that, after a name, make it a clause's
// subject: "said Mr. Steele was".
var clauseVerbs = map[string]bool{"are": true, "can": true, "could": true, "did": true, "does": true, "had": true, "has": true, "is": true, "may": true, "might": true, "must": true, "should": true, "was": true, "were": true, "will": true, "would": true}

// possessiveName reports whether the capitalised name that starts at token
// i ends in a possessive: after "said", "Mr. Christie’s lieutenant governor"
// opens a clause, where "said Hegseth" names the speaker.
func (c *context) possessiveName(i int) bool {
	for j := i; j < len(c.toks); j++ {
		if c.capitalized(j) {
			if possessiveToken(c, j) {
				return true
			}
			continue
		}
		if !(c.isPunct(j, ".") && c.abbreviation(j-1)) {
			return false
		}
	}
	return false
}

// participleClause returns the token a reported clause after the
// participle at j opens at ("saying (that) CLAUSE"), or -1 when the
// participle has no clause after it or takes an object instead
// (participleObjects: "calling the deal").
func (c *context) participleClause(j int) int {
	if w := c.lower(j + 1); w == "" || participleObjects[w] {
		return -1
	}
	if c.lower(j+1) == "that" {
		return j + 2
	}
	if c.lower(j) == "telling" {
		// "telling FoxNews.com that ...": past the listener, as after
		// "told", when its end is seen; else from the listener, as before
		// ("telling them to “believe in yourselves” and that ...").
		if k := toldClause(c, j+1); k > 0 {
			return k
		}
	}
	return j + 1
}

// maxParentheticalSubject is the most words before a source set off
// inside a clause: a subject ("President Donald Trump", "He had"), not a
// clause of its own that an appositive of the source follows.
const maxParentheticalSubject = 5

// afterComma returns the token after the first comma from token i, or -1.
func (c *context) afterComma(i int) int {
	for k := i; k < len(c.toks); k++ {
		if c.isPunct(k, ",") {
			return k + 1
		}
	}
	return -1
}

// parentheticalSource reports whether the source of "according to" read at
// token i, after the comma at token p and a short subject, is only a name
// set off by a comma that a lower-case word of the clause follows ("He had,
// according to Alex Horton of the Washington Post, killed ..."): the clause
// goes on past the source, so it is the whole sentence and not the words
// before the cue. A source that a relative or a joined clause follows
// ("according to X, who ...") or a determiner opening its appositive
// ("according to X, a project ...") is no aside.
func (c *context) parentheticalSource(p, i int) bool {
	words := 0
	for k := 0; k < p; k++ {
		if c.toks[k].Kind == nlp.Word {
			words++
		}
	}
	if words > maxParentheticalSubject {
		return false // "CLAUSE, according to X, a project ...": an appositive
	}
	for k := i; k < len(c.toks); k++ {
		switch {
		case c.isPunct(k, ","):
			w := c.lower(k + 1)
			return k > i && w != "" && !c.capitalized(k+1) && !clauseJoiners[w] && !indirectDeterminers[w] && w != "who" && w != "which" && w != "and" && w != "but"
		case c.capitalized(k), c.lower(k) == "of" || c.lower(k) == "the", c.isPunct(k, "'’"), c.lower(k) == "s" && c.isPunct(k-1, "'’"):
		default:
			return false
		}
	}
	return false
}

// personOf reads "PERSON of ORGANISATION" before the cue at token j
// ("Historian Alan Brinkley of Columbia University told", "Wee of the Times
// reports"): the person, when the name before "of" is one of the article's
// people, speaks for themselves, not for the organisation. It returns "" for
// any other subject.
func (f *Finder) personOf(text string, sent storyfold.Span, c *context, j, pos int) string {
	t := beforeFillers(c, j)
	for t >= 0 && c.capitalized(t) {
		t--
	}
	if c.lower(t) == "the" {
		t--
	}
	if c.lower(t) != "of" {
		return ""
	}
	if p, ok := c.nameBefore(t); ok && f.isPerson(f.resolve(text, p, pos, sent)) {
		return p
	}
	return ""
}

// opensWithQuote reports whether sentence s opens with a quotation mark,
// which the tokens outside quotes do not show.
func opensWithQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " \n"))
	return strings.ContainsRune("“”\"«»", r)
}

// maxAsSubject and maxAsTail bound the opener "As NAME reports for OUTLET,":
// the words of the subject and those between the cue and the comma.
const (
	maxAsSubject = 4
	maxAsTail    = 4
)

// asClause reads the cue at token j as the verb of a sentence's opener "As
// Emily Feng reports for NPR, CLAUSE" or "As he said, CLAUSE": the subject a
// name or a pronoun, the cue then at most a short phrase opening with a
// preposition ("for NPR"), and a comma. It
// returns the token the clause opens at, or -1.
func (c *context) asClause(j int) int {
	if j < 2 || j-1 > maxAsSubject || c.toks[0].Kind != nlp.Word || !strings.EqualFold(c.toks[0].Text(c.text), "as") {
		return -1 // compared as written: lowering every sentence's first word would allocate
	}
	for k := 1; k < j; k++ {
		if !c.capitalized(k) && !(k == 1 && j == 2 && nlp.IsSpeakerPronoun(c.lower(k))) {
			return -1
		}
	}
	if w := c.lower(j + 1); w != "" && !prepositions[w] && !namePrepositions[w] {
		return -1 // "As he announced the deal, ...": a time, not a source
	}
	for k := j + 1; k < len(c.toks) && k <= j+1+maxAsTail; k++ {
		if c.isPunct(k, ",") {
			if c.lower(k+1) == "" {
				return -1
			}
			return k + 1
		}
		if c.toks[k].Kind != nlp.Word {
			return -1
		}
	}
	return -1
}

// orgRightAfter returns the organisation the article names right after
// pos, a "the" and spaces allowed between ("a report in the Argus
// Leader"), or "".
func (f *Finder) orgRightAfter(pos int) string {
	k := sort.Search(len(f.orgs), func(i int) bool { return f.orgs[i].start >= pos })
	if k < len(f.orgs) && f.orgs[k].start <= pos+len(" the ") {
		return f.orgs[k].name
	}
	return ""
}
