package quote

import (
	_ "embed"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/entity"
	"github.com/storyfold/storyfold/nlp"
)

// The word lists of speaker attribution are data, one entry a line, so that
// a speech verb or a title is added by adding a line (TestSpeakerLists
// checks them).
var (
	//go:embed data/speaker-cues.txt
	speakerCuesData string
	//go:embed data/unmarked-cues.txt
	unmarkedCuesData string
	//go:embed data/subordinate-openers.txt
	subordinateData string
	//go:embed data/attribution-tail.txt
	attributionTailData string
	//go:embed data/speaker-participles.txt
	speakerParticiplesData string
	//go:embed data/speaker-fillers.txt
	speakerFillersData string
	//go:embed data/speaker-adverbs.txt
	speakerAdverbsData string
	//go:embed data/object-skips.txt
	objectSkipsData string
	//go:embed data/attribution-listeners.txt
	attributionListenersData string
	//go:embed data/organisation-nouns.txt
	organisationNounsData string
	//go:embed data/head-org-nouns.txt
	headOrgNounsData string
	//go:embed data/clause-openers.txt
	clauseOpenersData string
	//go:embed data/weekdays.txt
	weekdaysData string
	//go:embed data/name-prepositions.txt
	namePrepositionsData string
	//go:embed data/title-roles.txt
	titleRolesData string
	//go:embed data/clause-conjunctions.txt
	clauseConjunctionsData string
	//go:embed data/person-roles.txt
	personRolesData string
	//go:embed data/name-givers.txt
	nameGiversData string
	//go:embed data/answer-nouns.txt
	answerNounsData string
	//go:embed data/time-nouns.txt
	timeNounsData string
	//go:embed data/label-nouns.txt
	labelNounsData string
	//go:embed data/work-nouns.txt
	workNounsData string
	//go:embed data/name-particles.txt
	nameParticlesData string
	//go:embed data/work-noun-skips.txt
	workNounSkipsData string
	//go:embed data/clause-joiners.txt
	clauseJoinersData string
	//go:embed data/inverted-cues.txt
	invertedCuesData string
	//go:embed data/closing-cues.txt
	closingCuesData string
	//go:embed data/qualified-roles.txt
	qualifiedRolesData string
	//go:embed data/document-cues.txt
	documentCuesData string
	//go:embed data/word-cues.txt
	wordCuesData string
	//go:embed data/inside-verbs.txt
	insideVerbsData string
	//go:embed data/accusation-verbs.txt
	accusationVerbsData string
	//go:embed data/org-ends.txt
	orgEndsData string
	//go:embed data/object-prepositions.txt
	objectPrepositionsData string
)

var (
	// cues are the words that attribute a quote to a speaker, in the finite
	// form that follows or precedes the speaker ("Hegseth said", "said
	// Hegseth").
	cues = listSet(speakerCuesData)
	// speechCues attribute reported speech without quotation marks, where
	// a wider cue ("called", "described") would take any clause for a
	// quote.
	speechCues = listSet(unmarkedCuesData)
	// closingCues attribute such a statement only as the sentence's last
	// word: "..., NBC News reported."
	closingCues = listSet(closingCuesData)
	// subordinate words open a clause that is not a statement of its own.
	subordinate = listSet(subordinateData)
	// attributionTail are the words that may follow the cue of a sentence
	// that only attributes a quote: "Trump said on Thursday", "he said
	// ahead of".
	attributionTail = listSet(attributionTailData)
	// participles introduce a quote after a clause whose subject is the
	// speaker: "Pistorius criticized the concessions, stating, “...”".
	participles = listSet(speakerParticiplesData)
	// fillers may stand between a speaker and the cue: "Hegseth also said".
	fillers = listSet(speakerFillersData)
	// plainAdverbs are the adverbs without -ly that may stand there too.
	plainAdverbs = listSet(speakerAdverbsData)
	// objectSkips after a cue do not start its object ("said ahead of").
	objectSkips = listSet(objectSkipsData)
	// attributionListeners are whom an attribution sentence was told,
	// besides names: "she told reporters."
	attributionListeners = listSet(attributionListenersData)
	// orgNouns describe an organisation named before: "the tech giant
	// said", "the company said".
	orgNouns = listSet(organisationNounsData)
	// headOrgNouns describe an organisation by the last word of its name:
	// "the department said" for the Justice Department.
	headOrgNouns = listSet(headOrgNounsData)
	// clauseOpeners open a clause whose subject may follow.
	clauseOpeners = listSet(clauseOpenersData)
	// weekdays after "on" may stand between a speaker and the cue.
	weekdays = listSet(weekdaysData)
	// namePrepositions make the name after them an object, not the cue's
	// subject: "the military chief under Donald Trump disputed".
	namePrepositions = listSet(namePrepositionsData)
	// titleRoles are the role nouns a title before a name gives its
	// person: "Gov. Mike Pence" is later "the governor".
	titleRoles = listMap(titleRolesData)
	// clauseConjunctions open a subordinate clause before the main one.
	clauseConjunctions = listSet(clauseConjunctionsData)
	// personRoles describe a person named before: "the attorney said".
	personRoles = listSet(personRolesData)
	// nameGivers before a title-like quote make it a name given to a
	// thing: "what his campaign calls the “Rubio Doctrine”".
	nameGivers = listSet(nameGiversData)
	// answerNouns after a possessive pronoun introduce its person's
	// words: "His response: “...”".
	answerNouns = listSet(answerNounsData)
	// timeNouns end a time phrase between a speaker and the cue: "over
	// the weekend".
	timeNouns = listSet(timeNounsData)
	// labelNouns after a short quote make it a term: the “cloture” rule.
	labelNouns = listSet(labelNounsData)
	// workNouns before a title-like quote make it a work's title: "the
	// podcast “Beyond Finances.”"
	workNouns = listSet(workNounsData)
	// nameParticles stand inside a person's name: "Monica de Bolle".
	nameParticles = listSet(nameParticlesData)
	// workNounSkips may stand between a noun of workNouns and the title:
	// "the song called “...”".
	workNounSkips = listSet(workNounSkipsData)
	// clauseJoiners, right after a quote, join a clause whose cue is not
	// the quote's: "“...,” while Pistorius stressed".
	clauseJoiners = listSet(clauseJoinersData)
	// accusationVerbs make the name after them, before "of" and a
	// participle cue, the quote's speaker: "accused Farenthold of telling".
	accusationVerbs = listSet(accusationVerbsData)
	// invertedCues attribute a quote only when they follow its closing
	// mark at once, before the speaker: "comments Johnston", where
	// "comments" elsewhere is mostly a noun ("his comments were").
	invertedCues = listSet(invertedCuesData)
	// insideVerbs are finite verbs beyond clauseVerbs that go on with a
	// statement after a cue set off inside it: "..., she said, are".
	insideVerbs = listSet(insideVerbsData)
	// qualifiedRoles after a one-word name and before a person's make the
	// one-word name a qualifier: "Wild defenseman Ryan Suter".
	qualifiedRoles = listSet(qualifiedRolesData)
	// documentCues attribute a quote only with a document for subject:
	// "the statement read".
	documentCues = listSet(documentCuesData)
	// wordCues, beyond the cue lists, make a one-word quote in their
	// sentence someone's word, not a scare quote: "dismissing".
	wordCues = listSet(wordCuesData)
	// orgEnds, beyond nlp.IsOrgWord, end a company's full name, which
	// the page shortens to its first word after: "Alden Capital",
	// "McClatchy Co.".
	orgEnds = listSet(orgEndsData)
	// objectPrepositions, beyond namePrepositions, open a phrase whose
	// noun a participle after it describes: "on a report claiming".
	objectPrepositions = listSet(objectPrepositionsData)
)

// listMap reads a list whose lines are a key and the words it stands for.
func listMap(data string) map[string][]string {
	m := map[string][]string{}
	for _, l := range listLines(data) {
		f := strings.Fields(l)
		m[f[0]] = f[1:]
	}
	return m
}

// adverb reports whether a lower-case word is an adverb that may stand
// between a speaker and the cue: "Obama even acknowledged", "He frequently
// repeated".
func adverb(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ly") && !strings.HasSuffix(w, "ply") || plainAdverbs[w]
}

// adverbAt reports whether token i is an adverb that may stand between a
// speaker and the cue ("Obama even acknowledged", "he reportedly said"):
// a capitalised word in -ly is a name ("Lovely said", "Kelly said"), as
// no adverb stands capitalised right before a cue.
func (c *context) adverbAt(i int) bool {
	return adverb(c.lower(i)) && !c.capitalized(i)
}

// context is a piece of text with its tokens.
type context struct {
	text   string
	toks   []nlp.Token
	roles  map[string]string // see Finder.roles
	lowers map[string]string // see Finder.lowers; nil lowers every word anew
}

// lowerIn reports whether token i, in lower case, is in set, lowering a
// short ASCII word on the stack rather than allocating: a capitalised
// word opening a sentence ("Though Weiner said") is looked up this way.
func (c *context) lowerIn(i int, set map[string]bool) bool {
	if i < 0 || i >= len(c.toks) || c.toks[i].Kind != nlp.Word {
		return false
	}
	w := c.toks[i].Text(c.text)
	var buf [maxLowered]byte
	if len(w) > maxLowered {
		return set[strings.ToLower(w)]
	}
	for k := 0; k < len(w); k++ {
		b := w[k]
		if b >= utf8.RuneSelf {
			return set[strings.ToLower(w)]
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		buf[k] = b
	}
	return set[string(buf[:len(w)])]
}

// maxLowered is the longest word lowerIn lowers on the stack.
const maxLowered = 16

// lower returns token i in lower case (strings.ToLower), or "" when it is
// no word. A word already in lower case ASCII is itself; any other is
// lowered once an article through c.lowers: the same names and sentence
// openers are asked about at every cue, and lowering them anew was a
// sixth of what finding an article's quotes allocated.
func (c *context) lower(i int) string {
	if i < 0 || i >= len(c.toks) || c.toks[i].Kind != nlp.Word {
		return ""
	}
	w := c.toks[i].Text(c.text)
	if c.lowers == nil || isLowerASCII(w) {
		return strings.ToLower(w)
	}
	if l, ok := c.lowers[w]; ok {
		return l
	}
	l := strings.ToLower(w)
	if len(c.lowers) < maxLowers {
		c.lowers[w] = l
	}
	return l
}

// maxLowers bounds Finder.lowers: an article of many distinct capitalised
// words lowers the rest anew.
const maxLowers = 4096

// isLowerASCII reports whether w is ASCII without a capital, which
// strings.ToLower gives back as it is.
func isLowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if b := w[i]; b >= utf8.RuneSelf || 'A' <= b && b <= 'Z' {
			return false
		}
	}
	return true
}

func (c *context) isPunct(i int, chars string) bool {
	return i >= 0 && i < len(c.toks) && c.toks[i].Kind == nlp.Punct && strings.Contains(chars, c.toks[i].Text(c.text))
}

// roleHolder reads "the president", "the new president" or "the House
// speaker" at token i and returns the one person of the article holding
// that role, or "". The role is a word in lower case; capitalised words
// before it only qualify it ("the new Democratic congresswoman").
func (c *context) roleHolder(i int) string {
	if c.lower(i) != "the" || c.roles == nil {
		return ""
	}
	for k, n := i+1, 1; n <= maxRoleWords && k < len(c.toks); k, n = k+1, n+1 {
		if c.modifierHyphen(k) {
			k, n = k+1, n-1 // "the four-term congressman": one word
		}
		if c.toks[k].Kind != nlp.Word {
			return ""
		}
		if c.capitalized(k) {
			if k == i+1 && !c.capitalized(k+1) && nlp.IsStopWord(c.lower(k+1)) {
				return "" // "the President said": a title, read as a name
			}
			continue
		}
		if name := c.roles[c.lower(k)]; name != "" {
			return name
		}
	}
	return ""
}

// maxRoleWords is the most words after "the" that roleHolder reads for
// the role: "the new Democratic congresswoman".
const maxRoleWords = 3

// modifierHyphen reports whether token k is a hyphen joining two words in
// lower case into one modifier ("four-term", "long-time"), so that a role
// after it is read as after any other adjective: "the four-term
// congressman said" is the congressman of the article.
func (c *context) modifierHyphen(k int) bool {
	return c.isPunct(k, "-") && c.glued(k) && c.toks[k-1].Kind == nlp.Word && c.toks[k+1].Kind == nlp.Word &&
		!c.capitalized(k-1) && !c.capitalized(k+1)
}

// describedOrg reads "the company" or "the tech giant" at token i: an
// organisation described, not named. It returns the description and the
// token after it, or "".
func (c *context) describedOrg(i int) (string, int) {
	if c.lower(i) != "the" {
		return "", i
	}
	for k := i + 1; k <= i+3 && k < len(c.toks); k++ {
		if c.toks[k].Kind != nlp.Word || c.capitalized(k) {
			return "", i
		}
		if orgNouns[c.lower(k)] || headOrgNouns[c.lower(k)] {
			return strings.ToLower(c.join(i, k+1)), k + 1
		}
	}
	return "", i
}

// describedPerson reads "the attorney" or "the committee chairman" at
// token i: a person described by a role of personRoles, not named. It
// returns the description and the token after it, or "".
func (c *context) describedPerson(i int) (string, int) {
	if !c.is(i, "the") {
		return "", i
	}
	for k, n := i+1, 1; n <= maxRoleWords && k < len(c.toks); k, n = k+1, n+1 {
		if c.modifierHyphen(k) {
			k, n = k+1, n-1
		}
		if c.toks[k].Kind != nlp.Word {
			return "", i
		}
		if !c.capitalized(k) && personRoles[c.lower(k)] {
			return "the " + c.lower(k), k + 1
		}
	}
	return "", i
}

// describedDocument reads "the statement" or "the letter" at token i, a
// document of documentNouns named before, and returns "the" and the noun,
// or "".
func (c *context) describedDocument(i int) (string, int) {
	if !c.is(i, "the") || !documentNouns[c.lower(i+1)] {
		return "", i
	}
	return "the " + c.lower(i+1), i + 2
}

// describedDocumentAt reports whether "the" and a document noun stand at
// token i: "the statement", the subject documentCues need.
func (c *context) describedDocumentAt(i int) bool {
	d, _ := c.describedDocument(i)
	return d != ""
}

// cueAt reports whether token i is a cue of cues as a verb: in lower
// case, or capitalised only where nothing but punctuation comes before it
// ("Said Hegseth"). A capitalised word after another word is part of a
// name: "the United States" holds no cue "states".
func (c *context) cueAt(i int) bool {
	if !cues[c.lower(i)] {
		return false
	}
	return !nlp.IsCapitalized(c.toks[i].Text(c.text)) || i == 0 || c.toks[i-1].Kind != nlp.Word
}

// glued reports whether token i touches the tokens on both sides, as the
// hyphen of "Holtz-Eakin" does.
func (c *context) glued(i int) bool {
	return i > 0 && i+1 < len(c.toks) && c.toks[i-1].End == c.toks[i].Start && c.toks[i].End == c.toks[i+1].Start
}

// startsObject reports whether token i, after a cue, starts what the cue
// takes as its object ("Trump said the talks ..."), which makes the cue
// introduce indirect speech rather than close a statement ("..., Trump said
// on Thursday").
func (c *context) startsObject(i int) bool {
	w := c.lower(i)
	return w != "" && !nlp.IsStopWord(w) && !fillers[w] && !objectSkips[w]
}

func (c *context) capitalized(i int) bool {
	return i >= 0 && i < len(c.toks) && c.toks[i].Kind == nlp.Word && nlp.IsNameWord(c.toks[i].Text(c.text))
}

// nameAfter reads a speaker phrase starting at token i: a pronoun, "the"
// and a capitalised organisation ("the Kremlin"), or titles and a name
// ("Defense Secretary Pete Hegseth"). It returns the name without titles.
func (c *context) nameAfter(i int) (string, bool) {
	if nlp.IsSpeakerPronoun(c.lower(i)) {
		return c.lower(i), true
	}
	if name := c.roleHolder(i); name != "" {
		return name, true
	}
	if d, _ := c.describedOrg(i); d != "" {
		return d, true
	}
	if d, _ := c.describedPerson(i); d != "" {
		return d, true
	}
	if d, _ := c.describedDocument(i); d != "" {
		return d, true
	}
	if c.lower(i) == "the" && c.capitalized(i+1) {
		j := i + 1
		// "the San Diego Union-Tribune": a hyphen between capitalised
		// words goes on with the name.
		for c.capitalized(j) || c.isPunct(j, "-") && c.glued(j) && c.capitalized(j+1) {
			j++
		}
		// "the Centre for Disease Control", "the Centers for Disease
		// Control and Prevention": one organisation, as the entity
		// finder reads it.
		for forSeen := false; c.capitalized(j+1) && (c.lower(j) == "for" && !forSeen && entity.OrgForWord(c.toks[j-1].Text(c.text)) ||
			c.lower(j) == "and" && forSeen); {
			forSeen = true
			for j += 2; c.capitalized(j); j++ {
			}
		}
		if person, ok := c.ownersPerson(j); ok {
			return person, true
		}
		name, ok := c.theName(i+1, j)
		if ok && strings.HasPrefix(name, "the ") {
			// "according to The Verge's Stadia review", "The Washington
			// Post's Fact Checker": the owner speaks, not what it owns
			// (a person after the possessive, "the Kremlin's Dmitry
			// Peskov", is read as that person above). One word after the
			// possessive is the name's own head ("the U.S. Attorney’s
			// Office") unless a common noun follows ("Stadia review").
			for k := i + 1; k < j-1; k++ {
				if possessiveToken(c, k) && (j-k > 2 || c.lower(j) != "" && !c.capitalized(j)) {
					if owner, ok := c.theName(i+1, k+1); ok {
						return strings.TrimSuffix(strings.TrimSuffix(owner, "'s"), "’s"), true
					}
				}
			}
		}
		return name, ok
	}
	// Titles may be written in lower case: "German defense minister Boris
	// Pistorius".
	j := i
	for c.capitalized(j) || (c.lower(j) == "of" && c.capitalized(j+1) && j > i && !nlp.IsPlace(c.toks[j+1].Text(c.text))) || (nlp.IsTitleWord(c.lower(j)) && j+1 < len(c.toks)) ||
		c.lower(j) == "and" && j > i && c.capitalized(j-1) && c.roleAhead(j+1) || c.particleAt(j) && j > i ||
		c.isPunct(j, "-") && c.capitalized(j+1) && c.glued(j) || c.isPunct(j, ".") && c.abbreviation(j-1) && c.capitalized(j+1) {
		j++
	}
	for j > i && !c.capitalized(j-1) {
		j--
	}
	if k := c.qualifiedRoleEnd(j); j > i && k > j {
		// "said Obama campaign manager Jim Messina": the name before
		// the role in lower case qualifies it, and the person is the
		// name after it.
		return c.nameAfter(k)
	}
	if name, ok := c.personName(i, j); ok {
		return name, ok
	}
	// "said Nanette Lee Miller of Marcum L.L.P.": the person without the
	// firm or place they are of.
	for k := i + 1; k < j; k++ {
		if c.lower(k) == "of" {
			return c.personName(i, k)
		}
	}
	return "", false
}

// qualifiedRoleEnd returns the token after a role in lower case that
// opens at token i, of at most maxLowerRole words whose last is a role
// noun (qualifiedRoles, personRoles, or a singular of unnamedSpeakers
// such as "adviser" or "spokesman"), when a name of two capitalised words
// follows it; otherwise i.
func (c *context) qualifiedRoleEnd(i int) int {
	k := i
	for k < len(c.toks) && k < i+maxLowerRole && c.toks[k].Kind == nlp.Word && !c.capitalized(k) && !nlp.IsStopWord(c.lower(k)) {
		k++
	}
	if k == i || !c.capitalized(k) || !c.capitalized(k+1) {
		return i
	}
	if qualifyingRole(c.lower(k - 1)) {
		return k
	}
	return i
}

// afterNamePreposition reports whether the word before the name that
// starts at start is one of namePrepositions ("Of Obama, he said").
func afterNamePreposition(text string, start int) bool {
	before := strings.TrimRight(text[max(0, start-len("towards ")):start], " ")
	return before != "" && namePrepositions[strings.ToLower(lastField(before))]
}

// qualifyingRole reports whether w, in lower case, is a role noun that a
// name before it may qualify: "Wild coach", "Obama campaign manager",
// "Romney spokesman".
func qualifyingRole(w string) bool {
	return qualifiedRoles[w] || personRoles[w] || unnamedSpeakers[w] && !strings.HasSuffix(w, "s")
}

// particleAt reports whether token i is a particle inside a person's name,
// between two capitalised words ("Monica de Bolle", "von der Leyen").
func (c *context) particleAt(i int) bool {
	if !nameParticles[c.plain(i)] || c.capitalized(i) || !c.capitalized(i-1) && !c.particleAt(i-1) {
		return false
	}
	return c.capitalized(i+1) || nameParticles[c.plain(i+1)] && c.capitalized(i+2)
}

// ownersPerson reads a person named after an owner's possessive that
// ends at token j-1 and a role in lower case: in "said The We Company’s
// recently named executive chair Marcelo Claure" the chair speaks, not
// the company, and "the We Company’s" is no one's name. The role holds at
// most maxOwnedRole words and the name two capitalised words or more, so
// that "The Verge's Stadia review" stays the owner's.
func (c *context) ownersPerson(j int) (string, bool) {
	if j < 1 || !possessiveToken(c, j-1) {
		return "", false
	}
	k := j
	for k < len(c.toks) && k-j < maxOwnedRole && c.toks[k].Kind == nlp.Word && !c.capitalized(k) && !nlp.IsStopWord(c.lower(k)) {
		k++
	}
	if k == j || !c.capitalized(k) {
		return "", false
	}
	end := k
	for c.capitalized(end) {
		end++
	}
	if end-k < 2 {
		return "", false
	}
	return c.personName(k, end)
}

// maxOwnedRole is the most words ownersPerson reads between a possessive
// and the name: "recently named executive chair".
const maxOwnedRole = 5

// roleAhead reports whether the capitalised words from token i hold a
// role word before a name: "and Urban Development Secretary Julián
// Castro", the rest of a department's name joined by "and" ("tweeted
// former Housing and Urban Development Secretary Julián Castro"), where
// "and" would otherwise end the speaker at "Housing".
func (c *context) roleAhead(i int) bool {
	for k := i; c.capitalized(k); k++ {
		if nlp.IsRoleWord(c.toks[k].Text(c.text)) && c.capitalized(k+1) {
			return true
		}
	}
	return false
}

// nameBefore reads a speaker phrase ending just before token i.
func (c *context) nameBefore(i int) (string, bool) {
	j := i - 1
	for j >= 0 {
		if w := c.lower(j); fillers[w] || adverb(w) && !c.capitalized(j) {
			j--
		} else if c.is(j-1, "on") && weekdays[w] {
			j -= 2 // "Mr. Obama on Wednesday emphatically disputed"
		} else if timeNouns[w] && (c.is(j-1, "the") || c.is(j-1, "last") || c.is(j-1, "this")) {
			j -= 2 // "The president over the weekend had tweeted"
			if w := c.lower(j); w == "over" || w == "during" || w == "earlier" || w == "later" {
				j--
			}
		} else {
			break
		}
	}
	j = c.beforePartyTag(j)
	if j < 0 {
		return "", false
	}
	appositive := c.beforeAppositive(j)
	skipped := appositive != j
	j = appositive
	relative := c.lower(j) == "who" && c.isPunct(j-1, ",")
	if relative {
		j -= 2 // "President Trump, who said"
	}
	if nlp.IsSpeakerPronoun(c.lower(j)) {
		return c.lower(j), true
	}
	for d, n := 1, 1; n <= maxRoleWords && j-d >= 0; d, n = d+1, n+1 { // "the president", "the new president"
		if c.modifierHyphen(j - d) {
			d++ // "the four-term congressman": one word before the role
			if j-d < 0 {
				break
			}
		}
		if c.lower(j-d) == "the" {
			if name := c.roleHolder(j - d); name != "" {
				return name, true
			}
			if desc, end := c.describedOrg(j - d); desc != "" && end == j+1 {
				return desc, true
			}
			if desc, end := c.describedPerson(j - d); desc != "" && end == j+1 {
				return desc, true
			}
			if desc, end := c.describedDocument(j - d); desc != "" && end == j+1 {
				return desc, true
			}
			break
		}
	}
	k := j + 1
	for j >= 0 && (c.capitalized(j) || (c.lower(j) == "of" && c.capitalized(j-1)) || c.orgForAt(j) ||
		c.isPunct(j, "-") && c.capitalized(j-1) && c.glued(j) || c.isPunct(j, ".") && c.abbreviation(j-1) && j+1 < k) {
		j--
	}
	start := j + 1
	// A name after a preposition is its object ("the military chief under
	// Donald Trump disputed"), unless the preposition is a title's
	// ("Assistant Secretary for Diplomatic Security Charlene Lamb").
	if start == k || namePrepositions[c.lower(start-1)] && !relative && !c.titleAt(start-2) {
		return "", false
	}
	if skipped && c.toks[max(start-1, 0)].Kind == nlp.Word && start > 0 && !c.capitalized(start-1) && (c.lower(start-1) == "of" || nlp.IsStopWord(c.lower(start-1))) {
		// "Scott Smith, the mayor of Mesa, who is a Mormon, said", "Matt
		// Bennett, a spokesman for Third Way, a left-leaning research
		// group, said": the name before the appositive is an object.
		return "", false
	}
	if c.lower(start-1) == "the" {
		return c.theName(start, k)
	}
	if c.is(start, "the") && start+2 == k && c.toks[start+1].Kind == nlp.Word && strings.ToUpper(c.toks[start+1].Text(c.text)) == c.toks[start+1].Text(c.text) {
		return c.theName(start+1, k) // "The FBI responded", opening the sentence
	}
	if name, ok := c.personName(start, k); ok {
		return name, true
	}
	if start == 0 && c.orgNameAt(start, k) {
		// "Apple pledged to take “decisive corrective action”": an
		// organisation's name opening what is read, which personName
		// leaves out (not one inside an appositive or after "of": "a
		// founder of the conservative House Freedom Caucus, ..., said").
		return c.join(start, k), true
	}
	return "", false
}

// orgNameAt reports whether tokens [i, j) are capitalised words only and
// name an organisation as the entity finder types one by its last word:
// an organisation's word that is no role ("Apple", "Congress"), or words
// of titles ending with one ("Justice Department").
func (c *context) orgNameAt(i, j int) bool {
	if j <= i || j-i > maxOrgNameWords {
		return false
	}
	for k := i; k < j; k++ {
		if !c.capitalized(k) || nlp.IsStopWord(c.lower(k)) {
			return false
		}
	}
	last := c.toks[j-1].Text(c.text)
	return nlp.IsOrgWord(last) && !nlp.IsRoleWord(last) && !nlp.IsTitleWord(last) || c.titledOrg(i, j)
}

// maxOrgNameWords is the most words of an organisation's name that
// orgNameAt reads before a cue.
const maxOrgNameWords = 4

// orgForAt reports whether token j, read backwards through a name, is
// the "for" of an organisation's name ("the Chinese Center for Disease
// Control said") or an "and" after such a "for" ("... Control and
// Prevention"), as the entity finder reads them (entity.OrgForWord).
func (c *context) orgForAt(j int) bool {
	if j < 1 || !c.capitalized(j-1) {
		return false
	}
	switch c.lower(j) {
	case "for":
		return entity.OrgForWord(c.toks[j-1].Text(c.text))
	case "and":
		for p := j - 1; p >= 1 && (c.capitalized(p) || c.lower(p) == "for"); p-- {
			if c.lower(p) == "for" {
				return c.orgForAt(p)
			}
		}
	}
	return false
}

// beforeAppositive returns the token before an appositive or a relative
// clause set off by commas that ends at token j ("Gov. Jack Markell of
// Delaware, a Democrat, told", "Sen. Angus King of Maine, who caucuses
// with the Democrats, told"), or j when there is none. The appositive
// opens with a word in lower case, so that a name between commas ("the
// mayor of Hoboken, Dawn Zimmer, said") stays the speaker, and holds at
// most maxAppositive tokens and no other comma.
func (c *context) beforeAppositive(j int) int {
	if !c.isPunct(j, ",") {
		return j
	}
	for p := j - 1; p >= 0 && p >= j-maxAppositive; p-- {
		if c.toks[p].Kind != nlp.Punct {
			continue
		}
		if !c.isPunct(p, ",") {
			if c.isPunct(p, ".") && c.abbreviation(p-1) || c.isPunct(p, "-") && c.glued(p) {
				continue
			}
			return j
		}
		// A title may open it too, its words capitalised: "Rob Goldman,
		// President Ascom North America, says".
		if p+1 < j && c.toks[p+1].Kind == nlp.Word && (!c.capitalized(p+1) || c.titleAt(p+1) && c.capitalized(p-1)) && (c.capitalized(p-1) || c.roleAt(p-1)) {
			return p - 1
		}
		return j
	}
	return j
}

// roleAt reports whether token i ends a role a person of the article
// holds or that describes one: "The president, without offering
// specifics, said".
func (c *context) roleAt(i int) bool {
	w := c.lower(i)
	return w != "" && (personRoles[w] || c.roles[w] != "")
}

// maxAppositive is the most tokens an appositive between a speaker and
// the cue holds for beforeAppositive: "a vocal tea party supporter".
const maxAppositive = 12

// titleAt reports whether token i is a title word ("Secretary").
func (c *context) titleAt(i int) bool {
	return i >= 0 && i < len(c.toks) && c.toks[i].Kind == nlp.Word && nlp.IsTitleWord(c.toks[i].Text(c.text))
}

// maxPartyTag is the most tokens a party tag in parentheses holds:
// "(D-N.Y.)" is "(", "D", "-", "N", ".", "Y", ".", ")".
const maxPartyTag = 9

// beforePartyTag returns the token before a party or state tag in
// parentheses that ends at token j ("Ken Fredette (R) said", "Sen. Tim
// Kaine (D-Va.) told", "Kamala Harris (Calif.)"), after fillers before it
// ("LePage (R) also said"), or j when there is none. A tag holds no
// lower-case word.
func (c *context) beforePartyTag(j int) int {
	if !c.isPunct(j, ")") {
		return j
	}
	for p := j - 1; p >= 0 && p >= j-maxPartyTag; p-- {
		if c.isPunct(p, "(") {
			if p == j-1 || !c.capitalized(p-1) {
				return j
			}
			return p - 1
		}
		if c.toks[p].Kind == nlp.Word && !nlp.IsCapitalized(c.toks[p].Text(c.text)) {
			return j
		}
	}
	return j
}

// theName reads the capitalised words [i, j) after "the": an organisation
// ("the Kremlin"), no one ("the President", a role), or a person after
// what qualifies them ("the NAACP President Benjamin Todd Jealous", "the
// District of Columbia Joseph diGenova").
func (c *context) theName(i, j int) (string, bool) {
	if nlp.TitleWords(c.words(i, j)) == j-i {
		if w := c.toks[i].Text(c.text); j == i+1 && len(w) >= 2 && strings.ToUpper(w) == w {
			return "the " + w, true // "The FBI responded": an acronym is an organisation, though it qualifies titles too
		}
		return "", false
	}
	if c.titledOrg(i, j) {
		return c.join(i, j), true // "the Justice Department said": the organisation as the entity finder names it
	}
	for k := i; k < j-1; k++ {
		w := c.toks[k].Text(c.text)
		if _, given := nlp.GivenName(w); given && k > i || nlp.IsRoleWord(w) {
			return c.personName(k, j)
		}
	}
	return "the " + c.join(i, j), true
}

// titledOrg reports whether tokens [i, j), two words or more, all stand
// in titles and the last is an organisation's word that is no role:
// "Justice Department", "State Department", which the entity finder
// takes for the organisation when no name follows.
func (c *context) titledOrg(i, j int) bool {
	return nlp.IsTitledOrg(j-i, func(k int) string {
		if t := c.toks[i+k]; t.Kind == nlp.Word {
			return t.Text(c.text)
		}
		return ""
	})
}

// opensClause reports whether the name read at token i goes on into a
// clause of its own: in "said Clinton was “extremely careless”" Clinton is
// what was said of, not who said it ("said Hegseth: “", "said Matt
// Bennett, a spokesman").
func (c *context) opensClause(i int, name string) bool {
	at := strings.Index(c.text[c.toks[i].Start:], name)
	if at < 0 {
		return false
	}
	rest := strings.TrimLeft(c.text[int(c.toks[i].Start)+at+len(name):], " ")
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLetter(r)
}

// personName returns the name in tokens [i, j) without leading titles and
// sentence openers ("Though Weiner said"), or false when what is left is not a person's name.
func (c *context) personName(i, j int) (string, bool) {
	titled := false // a title names a person: "Mr. Jordan" is no country
	for i < j && !(titled && i == j-1) && (nlp.IsTitleWord(c.toks[i].Text(c.text)) || nlp.IsStopWord(c.lower(i)) || c.lowerIn(i, clauseConjunctions) || c.lower(i) == "of" || c.toks[i].Kind == nlp.Punct) {
		titled = titled || c.toks[i].Kind == nlp.Word && personalTitle(c.toks[i].Text(c.text))
		i++
	}
	for k := j - 2; k >= i; k-- { // "NAACP President Ben Jealous": the title ends at its role word
		if c.toks[k].Kind == nlp.Word && nlp.IsRoleWord(c.toks[k].Text(c.text)) {
			if c.lower(k+1) == "of" {
				return "", false // "Angus King of Maine": "of Maine" is no one's name
			}
			i = k + 1
			break
		}
	}
	for i < j && c.toks[i].Kind == nlp.Punct {
		i++
	}
	for j > i && c.toks[j-1].Kind == nlp.Punct && !(c.isPunct(j-1, ".") && c.abbreviation(j-2)) {
		j--
	}
	words, upper := 0, 0
	for k := i; k < j; k++ {
		if c.toks[k].Kind != nlp.Word {
			continue
		}
		w := c.toks[k].Text(c.text)
		words++
		if strings.ToUpper(w) == w && len(w) >= 2 {
			upper++
		}
		if len(w) == 1 && c.isPunct(k+1, "-") {
			return "", false // a party tag: "R-S.C."
		}
		if nlp.IsNotAName(w) && !(len(w) == 1 && k+1 < j) { // initials stay: "Anita L. Russell"
			return "", false
		}
	}
	if words == 0 || words > 5 || upper == words {
		return "", false // nothing left, too long, or a headline in capitals
	}
	name := c.join(i, j)
	last := c.toks[j-1].Text(c.text)
	if c.isPunct(j-1, ".") {
		last = c.toks[j-2].Text(c.text)
	}
	if !titled && nlp.IsPlace(name) || nlp.IsDemonym(last) || nlp.IsDemonym(strings.TrimSuffix(last, "s")) || words == 1 && !titled && nlp.IsPlace(last) || nlp.IsOrgWord(last) ||
		strings.HasSuffix(last, "’s") || strings.HasSuffix(last, "'s") {
		return "", false
	}
	return name, true
}

// personalTitles are the titles only a person's name follows: after
// them a one-word name that is also a place's ("Mr. Jordan", "Ms.
// Georgia") is the person's.
var personalTitles = listLines(personalTitlesData)

// personalTitle reports whether w is one of personalTitles in any case,
// without lowering it: personName reads every name's titles.
func personalTitle(w string) bool {
	for _, t := range personalTitles {
		if strings.EqualFold(w, t) {
			return true
		}
	}
	return false
}

func (c *context) words(i, j int) []string {
	out := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		out = append(out, c.toks[k].Text(c.text))
	}
	return out
}

func (c *context) join(i, j int) string {
	return c.text[c.toks[i].Start:c.toks[j-1].End]
}

// maxContext bounds, in bytes, the text read around a quote for its cue,
// so a long sentence full of quotes is not read again for each.
const maxContext = 300

// The reaches of the cue searches, in tokens.
const (
	// cueReachRunOn is how far after a quote that runs on in its sentence
	// ("a “new national pride” ..., as he described this") a cue may stand.
	cueReachRunOn = 24
	// cueReachClosed is how far after a quote that closes its clause a cue
	// may stand: past a long appositive ("Rep. Jerrold Nadler, D-N.Y., the
	// former chairman of ..., told").
	cueReachClosed = 40
	// cueReachBefore is how far before a quote's opening mark the last cue
	// is looked for ("Hegseth emphasized that the effort was “").
	cueReachBefore = 20
	// attributionReach is how far into a sentence that only attributes the
	// quote before it ("Trump stated on Thursday.") its cue may stand.
	attributionReach = 6
	// attributionAppositiveReach is how far such a cue may stand when an
	// appositive's comma comes right before it ("Kevin McCarthy of
	// California, the Republican leader, asked").
	attributionAppositiveReach = 16
	// unmarkedNameReach is how many tokens after the comma of an unmarked
	// statement its speaker and cue may take ("..., Defense Secretary Pete
	// Hegseth said").
	unmarkedNameReach = 7
	// unmarkedMinWords is how many words an unmarked statement has at least,
	// so that a list or a fragment before a comma is not taken for one.
	unmarkedMinWords = 4
)

// quoteSite is a marked quote and the text around it, as the speaker
// strategies read it.
type quoteSite struct {
	text       string
	sentences  []storyfold.Span
	si         int // the sentence the quote opens in
	sent       storyfold.Span
	paragraphs []storyfold.Paragraph
	m          storyfold.Span
	after      int // the end of the quote's closing mark
}

// A speakerStrategy reads one way a quote may be attributed: given the
// quote, it returns the speaker and the cue when it found them, and done
// when its answer is final, even an empty one; then the strategies after
// it are not tried. Strategies are named, not function values, so that
// the quote they read stays on the stack.
type speakerStrategy int

const (
	byCueAfter            speakerStrategy = iota // (*Finder).cueAfter
	byAttributionSentence                        // (*Finder).attributionSentence
	byOpeningQuote                               // (*Finder).openingQuote
	byColonIntroduction                          // (*Finder).colonIntroduction
	byCueBefore                                  // (*Finder).cueBefore
	bySentenceSubject                            // (*Finder).sentenceSubject
)

// speakerStrategies are tried in order until one is done. The order is
// from the strongest evidence to the weakest: a cue after the quote, a
// sentence that only attributes it, a colon introduction, a cue before
// the quote, and last the subject of the quote's sentence.
var speakerStrategies = [...]speakerStrategy{
	byCueAfter,
	byAttributionSentence,
	byOpeningQuote,
	byColonIntroduction,
	byCueBefore,
	bySentenceSubject,
}

// try applies strategy s to the quote q.
func (f *Finder) try(s speakerStrategy, q *quoteSite) (string, string, bool) {
	switch s {
	case byCueAfter:
		return f.cueAfter(q)
	case byAttributionSentence:
		return f.attributionSentence(q)
	case byOpeningQuote:
		return f.openingQuote(q)
	case byColonIntroduction:
		return f.colonIntroduction(q)
	case byCueBefore:
		return f.cueBefore(q)
	case bySentenceSubject:
		return f.sentenceSubject(q)
	}
	return "", "", false
}

// speaker finds the speaker of the marked quote m in sentence si and the
// cue that names them, by the first of speakerStrategies that is done.
// When the cue's own words do not name the speaker (an appositive stands
// between: "Sarah Palin, a vocal tea party supporter, said"), the person
// the article names there does.
func (f *Finder) speaker(text string, sentences []storyfold.Span, si int, paragraphs []storyfold.Paragraph, m storyfold.Span) (string, string) {
	q := quoteSite{text: text, sentences: sentences, si: si, sent: sentences[si], paragraphs: paragraphs, m: m, after: m.End}
	if q.after < len(text) {
		q.after += len(closingMark(text[m.End:]))
	}
	for _, s := range speakerStrategies {
		if name, cue, done := f.try(s, &q); done {
			return name, cue
		}
	}
	return "", ""
}

// cueAfter reads a cue right after the closing mark, within the sentence
// the quote ends in: ",” he said.", "” said Hegseth.", "”, according to
// the Kremlin", or a cue a few words on whose subject is named before it
// ("Rep. Jesse Jackson Jr., D-Ill., said").
func (f *Finder) cueAfter(q *quoteSite) (string, string, bool) {
	text, m, after := q.text, q.m, q.after
	end := q.sent.End
	for k := q.si; k < len(q.sentences) && q.sentences[k].Start < m.End; k++ {
		end = q.sentences[k].End
	}
	end = min(end, after+maxContext) // the cue follows within a few words
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	if p := paragraphOf(q.paragraphs, m.Start); p >= 0 && after < q.paragraphs[p].End {
		// A pull quote signed with a dash to its paragraph's end: "“...”
		// — Neil Gaiman".
		rest := text[after:q.paragraphs[p].End]
		if name, ok := strings.CutPrefix(strings.TrimSpace(rest), "— "); ok && len(name) <= maxContext && f.isPerson(name) {
			return name, "—", true
		}
	}
	if after >= end {
		return "", "", false
	}
	f.toks = nlp.Tokenize(f.toks[:0], text[after:end])
	c := context{text: text[after:end], toks: f.toks, roles: f.roles, lowers: f.lowers}
	k := 0
	for c.isPunct(k, ",;—–-") {
		k++
	}
	ended := strings.HasSuffix(strings.TrimRight(text[m.Start:m.End], " "), ".")
	if k >= len(c.toks) || c.toks[k].Kind != nlp.Word || ended && c.capitalized(k) && nlp.IsSpeakerPronoun(c.lower(k)) {
		return "", "", false
	}
	if cues[c.lower(k)] || invertedCues[c.lower(k)] {
		if name, ok := c.nameAfter(k + 1); ok {
			return name, c.lower(k), true
		}
		// '“...,” said planetary geologist Rosaly Lopes of NASA's Jet
		// Propulsion Laboratory': a role in lower case before the name,
		// which must be a person's.
		i := k + 1
		for i < len(c.toks) && i <= k+maxLowerRole && c.toks[i].Kind == nlp.Word && !c.capitalized(i) && !nlp.IsStopWord(c.lower(i)) && !nlp.IsSpeakerPronoun(c.lower(i)) {
			i++
		}
		if i > k+1 && c.capitalized(i) {
			if name, ok := c.nameAfter(i); ok && f.isPerson(name) {
				return name, c.lower(k), true
			}
		}
		// '“...,” said the legislator, Representative Carl Seel.': a role
		// with its article, then the person's name in apposition, which
		// ends the sentence or its clause.
		if name, ok := f.roleThenName(&c, k+1); ok {
			return name, c.lower(k), true
		}
		// '“...,” said a report from Kotak Institutional Equities.': the
		// document's named author.
		if h := c.documentHead(k + 1); h >= 0 {
			if name, ok, _ := c.authorOf(h); ok {
				return name, c.lower(k), true
			}
		}
	}
	if c.lower(k) == "according" && c.lower(k+1) == "to" {
		if name, ok := c.nameAfter(k + 2); ok {
			return name, "according to", true
		}
		// '“...,” according to a statement released by the Justice
		// Department': the document's named author.
		if name, ok, _ := c.sourceAuthor(k + 2); ok {
			return name, "according to", true
		}
	}
	// "he said", "Hegseth said", "Rep. Jesse Jackson Jr., D-Ill., said": the
	// cue within the next words. When the quote does not close a clause but
	// runs on in the sentence, only a cue's own subject attributes it ("a
	// “new national pride” ..., as he described this"), not any name before
	// the cue ("went after “Crooked” Hillary Clinton aide ..., appearing to
	// call").
	quoted := strings.TrimRight(text[m.Start:m.End], " '’\"”")
	closes := k > 0 || strings.HasSuffix(quoted, ",") || strings.HasSuffix(quoted, "?") || strings.HasSuffix(quoted, "!") ||
		strings.HasSuffix(quoted, "—")
	if closes && clauseJoiners[c.lower(k)] {
		// "Healey reaffirmed that “...,” while Pistorius stressed that":
		// after a quote that closes its clause, the conjunction opens a
		// clause of its own, and a cue in it is its own subject's. The
		// quote is left to the cue before it. ("an appeal for a “new
		// national pride” and a rediscovery ..., as he described this"
		// joins two nouns, not two clauses.)
		return "", "", false
	}
	reach := cueReachRunOn
	if closes {
		reach = cueReachClosed
	}
	for j := k + 1; j < len(c.toks) && j <= k+reach; j++ {
		if c.isPunct(j, ";:!?“\"«") || c.isPunct(j, ".") && !c.abbreviation(j-1) {
			break // the sentence ends, or another quote begins
		}
		// A closing cue attributes a quote that closes its clause when it
		// ends the sentence: '“...,” Abernathy reported.'
		closing := closes && closingCues[c.lower(j)] && c.endsSentence(j+1)
		if c.cueAt(j) || closing || documentCues[c.lower(j)] && c.describedDocumentAt(j-2) {
			if ended || c.lower(j-1) == "to" {
				break
			}
			if j == k+1 && c.lower(k) == "they" {
				return "they", c.lower(j), true // '“...,” they said': resolve names them
			}
			if name, ok := c.nameBefore(j); ok {
				return name, c.lower(j), true
			}
			if !closes {
				// '"... the little deal" announced in October, said Derek
				// Scissors, a China scholar': an inverted cue after a
				// comma names the speaker of all the sentence before it ("told
				// Credico" names the listener).
				if c.isPunct(j-1, ",") && j > k+1 && (cues[c.lower(j)] || invertedCues[c.lower(j)]) && !toldWords[c.lower(j)] && c.capitalized(j+1) {
					if name, ok := c.nameAfter(j + 1); ok && !nlp.IsSpeakerPronoun(name) {
						return name, c.lower(j), true
					}
				}
				break
			}
			if name := f.firstNamedBetween(text, after, after+int(c.toks[j].Start)); name != "" {
				return name, c.lower(j), true
			}
			break
		}
	}
	return "", "", false
}

// maxLowerRole is the most words of a role in lower case between an
// inverted cue and the name after it: "said planetary geologist".
const maxLowerRole = 3

// roleThenName reads, from token i after an inverted cue, a role in lower
// case with its article and a person's name after a comma ("the
// legislator, Representative Carl Seel", "a spokesman, John Smith"): the
// name is the speaker when it is a person's and a stop or a comma ends it.
// A role with no name after it ("said the spokesman.") is left to the
// role's holder, as before.
func (f *Finder) roleThenName(c *context, i int) (string, bool) {
	if w := c.lower(i); w != "the" && w != "a" && w != "an" {
		return "", false
	}
	j := i + 1
	for j < len(c.toks) && j <= i+maxLowerRole && c.toks[j].Kind == nlp.Word && !c.capitalized(j) && !nlp.IsStopWord(c.lower(j)) {
		j++
	}
	if j == i+1 || !c.isPunct(j, ",") || !c.capitalized(j+1) {
		return "", false
	}
	name, ok := c.nameAfter(j + 1)
	if !ok || !f.isPerson(name) {
		return "", false
	}
	end := j + 1
	for end < len(c.toks) && (c.capitalized(end) || c.isPunct(end, ".") && c.abbreviation(end-1) || c.isPunct(end, "-") && c.glued(end)) {
		end++
	}
	if end < len(c.toks) && !c.isPunct(end, ".,;") {
		return "", false
	}
	return name, true
}

// attributionSentence reads a sentence of its own after the quote, in the
// same paragraph, that only attributes it: "“..., hopefully soon!” Trump
// stated."
func (f *Finder) attributionSentence(q *quoteSite) (string, string, bool) {
	text, sentences := q.text, q.sentences
	next := q.si
	for next < len(sentences) && sentences[next].Start < q.after {
		next++
	}
	if next < len(sentences) && strings.TrimSpace(text[q.after:sentences[next].Start]) == "" &&
		paragraphOf(q.paragraphs, sentences[next].Start) == paragraphOf(q.paragraphs, q.m.Start) {
		ns := sentences[next]
		f.toks = nlp.Tokenize(f.toks[:0], text[ns.Start:ns.End])
		c := context{text: text[ns.Start:ns.End], toks: f.toks, roles: f.roles, lowers: f.lowers}
		opening := strings.TrimLeft(strings.TrimSpace(text[q.sent.Start:q.m.Start]), "“\"«") == ""
		if name, cue, ok := c.attribution(opening); ok {
			return name, cue, true
		}
	}
	return "", "", false
}

// openingQuote ends the search for a quote that opens its sentence with no
// cue after it: there are no words before it to read.
func (f *Finder) openingQuote(q *quoteSite) (string, string, bool) {
	return "", "", q.m.Start-1 <= q.sent.Start
}

// colonIntroduction reads a clause that introduces the quote with a colon
// and no cue right before it: "Trump closed his speech with the promise
// that started it all: “...”" is the subject of that clause.
func (f *Finder) colonIntroduction(q *quoteSite) (string, string, bool) {
	before := q.text[q.sent.Start:q.m.Start]
	// "Vieira asked Trump, “...?” His response: “...”": the answer is
	// the possessive pronoun's person's, whom resolve finds by gender,
	// not the asker's, whose quote comes before.
	if w := strings.Fields(strings.TrimRight(before, " “\"‘")); len(w) == 2 && strings.HasSuffix(w[1], ":") && answerNouns[strings.ToLower(strings.TrimSuffix(w[1], ":"))] {
		if p := possessivePronouns[strings.ToLower(w[0])]; p != "" {
			return p, strings.ToLower(strings.TrimSuffix(w[1], ":")), true
		}
	}
	if strings.HasSuffix(strings.TrimRight(before, " “\"‘"), ":") && !cueBeforeColon(before) {
		if name := f.clauseSubject(q.text, q.sent.Start, q.m.Start); name != "" {
			return name, "", true
		}
	}
	return "", "", false
}

// cueBefore reads the last cue before the opening mark in the quote's
// sentence: "Hegseth stated, “", "said Hegseth: “", "Hegseth emphasized
// that the effort was “", "..., stating, “", "according to X, “", and
// the possessor of a noun cue ("Axelrod's comment that ... “").
func (f *Finder) cueBefore(q *quoteSite) (string, string, bool) {
	text, sent, m := q.text, q.sent, q.m
	from := max(sent.Start, m.Start-maxContext)
	for from < m.Start && !utf8.RuneStart(text[from]) {
		from++
	}
	f.toks = nlp.Tokenize(f.toks[:0], text[from:m.Start])
	c := context{text: text[from:m.Start], toks: f.toks, roles: f.roles, lowers: f.lowers}
	for j := len(c.toks) - 1; j >= 0 && j >= len(c.toks)-cueReachBefore; j-- {
		w := c.lower(j)
		switch {
		case c.cueAt(j):
			if name, ok := c.nameBefore(j); ok {
				return name, w, true
			}
			// "called Ryan “competent”": after a verb that names
			// something, the name is its object, not the speaker; after
			// "told" it is the listener ("..., and told The San Diego
			// Union-Tribune ... that he wanted to restore “...”").
			if name, ok := c.nameAfter(j + 1); ok && !nameGivers[w] && !toldWords[w] && !c.opensClause(j+1, name) {
				return name, w, true
			}
			// The subject of the clause, named before the cue.
			if name := f.clauseSubject(text, sent.Start, from+int(c.toks[j].Start)); name != "" {
				return name, w, true
			}
			return f.documentSubject(&c, text, sent.Start, from, j, false), w, true
		case indirectNouns[w]:
			// "dismissed David Axelrod's comment that House Republicans
			// are under a “reign of terror”": the possessor's words.
			if name, ok := c.possessor(j); ok {
				return name, w, true
			}
		case w == "to" && c.lower(j-1) == "according":
			if name, ok := c.nameAfter(j + 1); ok {
				return name, "according to", true
			}
			if name, ok := c.roleAppositive(j + 1); ok {
				return name, "according to", true // "According to his aunt, Jane Starner, “...”"
			}
			return "", "", true
		case participles[w]:
			if name := c.accused(j); name != "" {
				return name, w, true // "Greene accused Farenthold of telling her he had “...”"
			}
			if strings.TrimLeft(text[sent.Start:from+int(c.toks[j].Start)], "“\"‘' ") == "" {
				// "Telling the people this is “your moment,” Trump closed
				// his speech": the participle opens the sentence, and its
				// subject comes after.
				if name := f.subjectIn(m.End, sent.End); name != "" {
					return name, w, true
				}
				return "", "", true
			}
			if s := c.withSubject(j); s >= 0 {
				// "with Lagae stressing that “every mask does count”":
				// the name after "with" is the participle's subject.
				if name, ok := c.personName(s, j); ok {
					return name, w, true
				}
			}
			// "X ..., saying “": X is the subject of the clause.
			if name := f.participleSubject(text, sent.Start, from+int(c.toks[j].Start)); name != "" {
				return name, w, true
			}
			return f.documentSubject(&c, text, sent.Start, from, j, true), w, true
		}
	}
	return "", "", false
}

// roleAppositive returns the name set off by commas after a role in lower
// case that opens at token i, of at most maxRoleWords words after its
// first ("his aunt, Jane Starner, “...”": the person the role is), or
// false when the words from i are no such role or no name set off by
// commas follows it.
func (c *context) roleAppositive(i int) (string, bool) {
	j := i
	for j < len(c.toks) && j <= i+maxRoleWords && c.toks[j].Kind == nlp.Word && !c.capitalized(j) {
		j++
	}
	if j == i || !c.isPunct(j, ",") {
		return "", false
	}
	name, ok := c.nameAfter(j + 1)
	if !ok {
		return "", false
	}
	end := j + 1
	for end < len(c.toks) && (c.capitalized(end) || c.isPunct(end, ".") && c.abbreviation(end-1)) {
		end++
	}
	if !c.isPunct(end, ",") {
		return "", false
	}
	return name, true
}

// accused returns the name between a verb of accusationVerbs and the "of"
// before the participle at token j ("accused Farenthold of telling"), or
// "".
func (c *context) accused(j int) string {
	if c.lower(j-1) != "of" {
		return ""
	}
	name, ok := c.nameBefore(j - 1)
	if !ok {
		return ""
	}
	k := j - 2
	for k >= 0 && (c.capitalized(k) || c.isPunct(k, ".") && c.abbreviation(k-1)) {
		k--
	}
	if !accusationVerbs[c.lower(k)] {
		return ""
	}
	return name
}

// documentSubject returns the named author of a document that is the
// subject of the cue at token j of the context, which opens at offset
// from of text: "The letter from Taylor states that “...”", "a March
// 2019 study by the Centre for Economic Policy Research, a London-based
// think tank, concluded that, ..., “...”", "signed a letter from
// Representative Peter Welch, Democrat of Vermont, calling the tax deal
// “...”". The author ends the document's phrase: nothing but an
// appositive set off by commas stands between the name and the cue. A
// finite cue's document opens its sentence or follows a phrase set off by
// a comma ("As we’ve noted, a ... study"); a participle's may be an
// object ("signed a letter from ..."), since the participle then
// describes the document. Else "".
func (f *Finder) documentSubject(c *context, text string, sentStart, from, j int, participle bool) string {
	for h := j - 2; h >= 0 && h >= j-maxDocumentReach; h-- {
		w := c.plain(h)
		if !documentNouns[w] && !sourceNouns[w] {
			continue
		}
		if p := c.plain(h + 1); p != "from" && p != "by" {
			continue // "a letter to Congress", "the report's"; not "of"
		}
		name, ok, _ := c.authorOf(h)
		if !ok || nlp.IsSpeakerPronoun(strings.ToLower(name)) {
			return ""
		}
		between := c.text[c.toks[h].End:c.toks[j].Start]
		n := strings.Index(between, name)
		if n < 0 {
			return ""
		}
		end := n + len(name)
		// The article's mention there, when longer than what the rules
		// read ("the Centre for Economic Policy Research").
		start := from + int(c.toks[h].End) + n
		k := sort.Search(len(f.names), func(i int) bool { return f.names[i].start >= start })
		if k < len(f.names) && f.names[k].start == start && f.names[k].end <= from+int(c.toks[j].Start) {
			name, end = f.names[k].name, f.names[k].end-from-int(c.toks[h].End)
		}
		if !appositiveOnly(between[end:]) {
			return ""
		}
		if participle {
			return name
		}
		// The article that opens the document's phrase, past at most
		// maxDocumentModifiers words or numbers ("a March 2019 study").
		a := h - 1
		for a >= 0 && a >= h-1-maxDocumentModifiers && c.toks[a].Kind != nlp.Punct && !c.is(a, "a") && !c.is(a, "an") && !c.is(a, "the") {
			a--
		}
		if a < 0 || c.toks[a].Kind == nlp.Punct {
			return ""
		}
		lead := strings.TrimSpace(text[sentStart : from+int(c.toks[a].Start)])
		lead = strings.TrimLeft(lead, "“\"‘' ")
		if lead == "" || strings.HasSuffix(lead, ",") {
			return name
		}
		return ""
	}
	return ""
}

// appositiveOnly reports whether rest, the words between a document's
// author and the cue, is nothing or only an appositive set off by commas
// (", Democrat of Vermont,"), of at most maxRoleWords words and no quote
// or verb of saying.
func appositiveOnly(rest string) bool {
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return true
	}
	inner, ok := strings.CutPrefix(rest, ",")
	if !ok {
		return false
	}
	inner, ok = strings.CutSuffix(inner, ",")
	if !ok || strings.ContainsAny(inner, ",;:“”\"()") {
		return false
	}
	words := strings.Fields(inner)
	if len(words) == 0 || len(words) > maxRoleWords+2 {
		return false
	}
	for _, w := range words {
		if cues[strings.ToLower(w)] || participles[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// maxDocumentReach is how many tokens before a cue documentSubject looks
// for the document's noun: past its author and an appositive.
const maxDocumentReach = 20

// maxDocumentModifiers is how many words may stand between a document's
// article and its noun ("a March 2019 study").
const maxDocumentModifiers = 3

// sentenceSubject attributes a quote with no cue: a word or phrase quoted
// in a sentence about its speaker ("Fox News host Glenn Beck ... blamed
// “progressivism”", "President Trump took aim at tech giants for
// “discriminating”") is the subject of the main clause, the first one, not
// of a clause nearer the quote ("Lauten wrote ... that Malia and Sasha
// Obama should “try ...”").
//
// A quote a document's participle introduces ("W. Douglas Parker ... sent
// her a letter citing the state’s “economic comeback”", "the Office of
// Management and Budget circulated a letter ... instructing management to
// prepare for an “orderly reopening”") is the words of the document's
// sender: the subject of the clause the document's noun stands in, not
// the first name of the sentence.
func (f *Finder) sentenceSubject(q *quoteSite) (string, string, bool) {
	if noun := documentParticiple(q.text[q.sent.Start:q.m.Start]); noun >= 0 {
		return f.clauseSubject(q.text, q.sent.Start, q.sent.Start+noun), "", true
	}
	return f.mainSubject(q.text, q.sent.Start, q.m.Start), "", true
}

// documentParticiple returns where, in before (the text of a sentence up
// to a quote's opening mark), the noun of a document (documentNouns)
// starts when a participle after it introduces the quote: "a letter
// citing the state’s “", "a letter to affected agencies ... instructing
// management to prepare for an “". The participle stands among the last
// maxParticipleReach words, the noun at most maxNounToParticiple words
// before it, and no comma or semicolon stands between the noun and the
// quote. Else -1.
func documentParticiple(before string) int {
	type word struct {
		w     string
		start int
	}
	var words []word
	before = strings.TrimRight(before, "“\"‘' ") // the quote's opening mark
	for i := 0; i < len(before); {
		for i < len(before) && before[i] == ' ' {
			i++
		}
		j := i
		for j < len(before) && before[j] != ' ' {
			j++
		}
		if j > i {
			words = append(words, word{before[i:j], i})
		}
		i = j
	}
	p := -1
	for k := len(words) - 1; k >= 0 && k >= len(words)-maxParticipleReach; k-- {
		w := words[k].w
		if strings.ContainsAny(w, ",;:") {
			return -1
		}
		if len(w) > 4 && strings.HasSuffix(w, "ing") && isLowerASCII(w) && !nlp.IsStopWord(w) {
			p = k
			break
		}
	}
	if p < 0 {
		return -1
	}
	for k := p - 1; k >= 0 && k >= p-maxNounToParticiple; k-- {
		w := words[k].w
		if strings.ContainsAny(w, ",;:“”\"") {
			return -1
		}
		if documentNouns[w] && k > 0 && (words[k-1].w == "a" || words[k-1].w == "an" || words[k-1].w == "the") {
			return words[k].start
		}
	}
	return -1
}

// The reaches of documentParticiple, in words.
const (
	maxParticipleReach  = 6
	maxNounToParticiple = 10
)

// mainSubject returns the first person named in [from, to) in the place of
// a subject, or a pronoun opening the sentence.
//
// The first such name does not depend on to, so the finder remembers how
// far it has looked from the last from: the quotes of one long sentence
// do not each walk its names again.
func (f *Finder) mainSubject(text string, from, to int) string {
	if p := openingPronoun(text[from:to]); p != "" {
		return p
	}
	s := &f.main
	if !s.valid || s.from != from || to < s.to {
		*s = subjectScan{valid: true, from: from, to: from, found: -1,
			next: sort.Search(len(f.names), func(i int) bool { return f.names[i].start >= from })}
	}
	for s.found < 0 && s.next < len(f.names) && f.names[s.next].end <= to {
		n := f.names[s.next]
		if !possessiveAt(text, n.end) && inClausePosition(clauseWindow(text[from:n.start])) {
			s.found = s.next
		}
		s.next++
	}
	s.to = max(s.to, to)
	if s.found >= 0 && f.names[s.found].end <= to {
		return f.names[s.found].name
	}
	return ""
}

// subjectScan is how far mainSubject has looked for the subject of the
// text from from.
type subjectScan struct {
	valid    bool
	from, to int
	next     int // the next name to look at
	found    int // the subject's index, or -1
}

// cueBeforeColon reports whether a cue stands right before the colon that
// introduces a quote ("Dempsey responded:"), which the cue search reads
// better than the clause's subject.
func cueBeforeColon(before string) bool {
	last := lastField(strings.TrimRight(before, " “\"‘:"))
	return last != "" && cues[strings.ToLower(last)]
}

// lastField returns the last of strings.Fields(s), reading only the end
// of s.
func lastField(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return s[i+size:]
}

// clauseSubject returns the last person named in [from, to) in the place of
// a subject: opening the sentence or a clause ("..., while Defense Minister
// Pistorius criticized"), not after a verb or a preposition ("endorsed
// Hillary Clinton").
func (f *Finder) clauseSubject(text string, from, to int) string {
	subject := ""
	sentence := from
	from = max(from, to-maxContext) // a subject stands near its verb
	at := -1                        // where subject starts
	for _, n := range f.namesIn(from, to) {
		if possessiveAt(text, n.end) {
			continue
		}
		if inClausePosition(text[from:n.start], false) {
			subject, at = n.name, n.start
		}
	}
	if r := relativeAt(text, max(from, at), to); r > 0 {
		// "the U.S. Conference of Catholic Bishops, which wrote several
		// letters to Congress saying": the relative pronoun's antecedent,
		// which stands where no subject does.
		if n := f.nameEndingAt(r); n != "" {
			return n
		}
	}
	if subject == "" && len(f.namesIn(sentence, to)) == 0 {
		// "WeWorkers Coalition sent a letter to management earlier this
		// month stating that they “...”": an organisation opening the
		// sentence as its subject (not "BUFFALO, N.Y. — ...", a dateline),
		// when the clause names no person ("The Kremlin confirmed ...,
		// with spokesperson Dmitry Peskov stating that").
		// The word after the name is its verb, not a noun set off by a
		// comma ("The GOP front-runner, who has made ...").
		o := f.orgSubjectIn(text, sentence, to)
		lead := strings.TrimLeft(text[sentence:to], "“\"‘' ")
		rest, ok := strings.CutPrefix(lead, o+" ")
		if !ok {
			rest, ok = strings.CutPrefix(lead, "The "+o+" ")
		}
		if c := strings.IndexByte(lead, ','); !ok && o != "" && c > 0 && len(strings.Fields(lead[:c])) <= maxOpeningPhrase {
			// "On Monday, the Arizona Super Bowl Host Committee came out
			// against SB 1062, stating, ...": past a short opening
			// phrase.
			after := strings.TrimLeft(lead[c+1:], " ")
			rest, ok = strings.CutPrefix(after, o+" ")
			if !ok {
				rest, ok = strings.CutPrefix(after, "the "+o+" ")
			}
		}
		if _, after := cutWord(rest); o != "" && ok && !strings.HasPrefix(after, ",") {
			subject = o
		} else {
			subject = f.appositiveOrg(text, sentence, to)
		}
	}
	if subject == "" {
		// "He rejects calls for a hike, saying ...": the pronoun is the
		// subject, for resolve to name.
		subject = openingPronoun(text[sentence:to])
	}
	if subject == "" {
		// "The presumptive Republican presidential nominee went so far
		// as to say Obama should “step down”": a role noun is the
		// subject: the one person holding the role by a title, else the
		// person last said to speak or opening a sentence before this
		// one (not a name later in the clause: "Obama should").
		if role := openingRole(text[sentence:to]); role != "" {
			if subject = f.roles[role]; subject == "" {
				subject = f.describedPersonName(sentence)
			}
		}
	}
	return subject
}

// openingRole returns the role noun of personRoles that ends
// the description opening a clause, "The" and at most maxOpeningRoleWords
// words ("The presumptive Republican presidential nominee"), when a word
// in lower case, its verb, follows it; else "".
func openingRole(s string) string {
	s = strings.TrimLeft(s, "“\"‘' ")
	rest, ok := strings.CutPrefix(s, "The ")
	if !ok {
		return ""
	}
	words := strings.Fields(rest[:min(len(rest), 120)])
	for i, w := range words {
		if i >= maxOpeningRoleWords || i+1 == len(words) {
			return ""
		}
		if !nlp.IsCapitalized(w) && personRoles[w] {
			if next := words[i+1]; nlp.IsCapitalized(next) || !isASCIILetter(next[0]) || next == "of" {
				return "" // "The attorney of ...", "The attorney, ...", "The attorney Jane Doe"
			}
			return w
		}
		if !isWordOnly(w) {
			return "" // a comma or a stop ends the description
		}
	}
	return ""
}

// maxOpeningRoleWords is the most words of a description opening a clause
// that openingRole reads, its role noun among them.
const maxOpeningRoleWords = 5

// isWordOnly reports whether w is letters and hyphens only.
func isWordOnly(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '-' {
			return false
		}
	}
	return true
}

// appositiveOrg returns the organisation named in apposition to a
// description that opens the sentence at from, as its subject ("The
// group, WeWorkers Coalition, formed ..."), or "".
func (f *Finder) appositiveOrg(text string, from, to int) string {
	k := sort.Search(len(f.orgs), func(j int) bool { return f.orgs[j].start >= from })
	if k == len(f.orgs) || f.orgs[k].end >= to || text[f.orgs[k].end] != ',' {
		return ""
	}
	o := f.orgs[k]
	noun, ok := strings.CutPrefix(text[from:o.start], "The ")
	if !ok {
		return ""
	}
	noun, ok = strings.CutSuffix(noun, ", ")
	if !ok || strings.ContainsAny(noun, " ,") || noun == "" || nlp.IsCapitalized(noun) {
		return ""
	}
	return o.name
}

// participleSubject returns the subject of the clause a participle in
// [from, to) closes, as clauseSubject reads it, or else a pronoun after a
// short opening phrase set off by a comma: "On Saturday, she praised the
// president, saying ...".
func (f *Finder) participleSubject(text string, from, to int) string {
	if subject := f.clauseSubject(text, from, to); subject != "" {
		if f.isOrg(subject) && prepositionObject(text[from:to]) {
			// "The AARP pushed back Friday on a report claiming ...":
			// the participle says what the report claimed, not what the
			// organisation did.
			return ""
		}
		return subject
	}
	if c := strings.IndexByte(text[from:to], ','); c > 0 && len(strings.Fields(text[from:from+c])) <= maxOpeningPhrase {
		return openingPronoun(text[from+c+1 : to])
	}
	return ""
}

// isOrg reports whether name is an organisation the article names.
func (f *Finder) isOrg(name string) bool {
	for _, o := range f.orgs {
		if o.name == name {
			return true
		}
	}
	return false
}

// prepositionObject reports whether the noun a participle at the end of
// before follows is the object of a preposition: "on a report" before
// "claiming", not "sent a letter to management earlier this month"
// before "stating". The noun's article is looked for among the last
// maxParticipleNoun words.
func prepositionObject(before string) bool {
	if strings.HasSuffix(strings.TrimSpace(before), ",") {
		return false // ", saying": the participle closes the clause
	}
	words := strings.Fields(before)
	for i := len(words) - 1; i > 0 && i >= len(words)-maxParticipleNoun; i-- {
		switch strings.ToLower(words[i]) {
		case "a", "an", "the":
			return namePrepositions[strings.ToLower(words[i-1])] || objectPrepositions[strings.ToLower(words[i-1])]
		}
	}
	return false
}

// maxParticipleNoun is the most words prepositionObject reads back.
const maxParticipleNoun = 3

// maxOpeningPhrase is the most words of a phrase of time or place that
// may open a sentence before its subject's comma: "On Saturday,".
const maxOpeningPhrase = 4

// relativeAt returns where the last ", which " or ", who " of text[from:to]
// starts, or -1.
func relativeAt(text string, from, to int) int {
	if from < 0 || from >= to {
		return -1
	}
	s := text[from:to]
	i := max(strings.LastIndex(s, ", which "), strings.LastIndex(s, ", who "))
	if i < 0 {
		return -1
	}
	return from + i
}

// nameEndingAt returns the person or organisation whose mention ends at
// pos, or "".
func (f *Finder) nameEndingAt(pos int) string {
	k := sort.Search(len(f.names), func(i int) bool { return f.names[i].end >= pos })
	if k < len(f.names) && f.names[k].end == pos {
		return f.names[k].name
	}
	k = sort.Search(len(f.orgs), func(i int) bool { return f.orgs[i].end >= pos })
	if k < len(f.orgs) && f.orgs[k].end == pos {
		return f.orgs[k].name
	}
	return ""
}

// openingPronoun returns the "he" or "she" that opens a clause, or "".
func openingPronoun(s string) string {
	s = strings.TrimLeft(s, "“\"‘' ")
	// No pronoun is longer than this: the first word is read off the
	// start of s, not the whole of it.
	s = s[:min(len(s), 16)]
	if first, _ := cutWord(s); nlp.IsSpeakerPronoun(first) {
		return strings.ToLower(first)
	}
	return ""
}

// abbreviation reports whether token i is a title or an initial that a
// dot follows ("Mr.", "Rep.", "Jr.", "D-Ill."), not the end of a sentence.
func (c *context) abbreviation(i int) bool {
	if i < 0 || i >= len(c.toks) || c.toks[i].Kind != nlp.Word {
		return false
	}
	w := c.toks[i].Text(c.text)
	return len(w) <= 4 && nlp.IsCapitalized(w) || nlp.IsTitleWord(w)
}

// attribution reads a sentence that does nothing but attribute the quote
// before it: "Trump stated.", "He said on Thursday.", "Said Hegseth." What
// follows the cue may not be its object ("He added that peace ...").
// unnamedAttribution reports whether the tokens from i are an attribution
// to people the article does not name that ends the sentence: a subject
// in lower case headed by a noun of unnamedSpeakers, a cue of speechCues
// and nothing after it but its tail ("aides said.", "a senior Treasury
// official said", "two people briefed on the matter have said"). It
// returns the cue's token, or -1.
func (c *context) unnamedAttribution(i int) int {
	// An organisation's people: "..., PG&E officials said.", "...,
	// Pentagon officials said." The capitalised words qualify the lower-case
	// head, which must follow them.
	for n := 0; n < maxOrgQualifier && (c.capitalized(i) || c.isPunct(i, "&-") && c.glued(i)); n++ {
		i++
		if !c.capitalized(i) && !c.isPunct(i, "&-") && (i >= len(c.toks) || c.toks[i].Kind != nlp.Word || !unnamedSpeakers[c.plain(i)]) {
			return -1
		}
	}
	if c.capitalized(i) || i >= len(c.toks) || c.toks[i].Kind != nlp.Word {
		return -1
	}
	head := false
	for j := i; j < len(c.toks) && j < i+maxUnnamedPhrase; j++ {
		w := c.plain(j)
		if speechCues[w] && head && j > i {
			next := j + 1
			if toldWords[w] {
				// "..., a source told Fox News.": the listener, a name or
				// "reporters", before the sentence goes on ("Agence
				// France-Presse" with its hyphen).
				for next < len(c.toks) && (c.capitalized(next) || c.isPunct(next, ".") && c.abbreviation(next-1) || c.isPunct(next, "-") && c.glued(next) && c.capitalized(next+1)) {
					next++
				}
				if next == j+1 && indirectListeners[c.lower(next)] {
					next++
				}
			}
			if next < len(c.toks) && !c.isPunct(next, ".!?,;") && !attributionTail[c.lower(next)] {
				return -1
			}
			return j
		}
		if c.toks[j].Kind != nlp.Word && !(c.isPunct(j, ".") && c.abbreviation(j-1)) {
			return -1
		}
		head = head || unnamedSpeakers[w]
	}
	return -1
}

// maxOrgQualifier is the most tokens of an organisation's name before
// the unnamed people of it that unnamedAttribution reads: "PG&E".
const maxOrgQualifier = 4

func (c *context) attribution(opening bool) (string, string, bool) {
	for j := 0; j < len(c.toks) && j <= attributionAppositiveReach; j++ {
		w := c.lower(j)
		if j > attributionReach && !c.isPunct(j-1, ",") {
			// Past the first words only a cue right after an appositive's
			// comma: '“...?” Representative Kevin McCarthy of California,
			// the Republican leader, asked at a news conference.'
			continue
		}
		// Any cue of a quote may stand alone after a quote that opens its
		// sentence ("“...?’” Pluznick recalled."): nothing but its tail may
		// follow it here, so the wider list takes no clause for a quote.
		// After a quote a cue before it introduced ('The officer yelled,
		// "Where are you going?" Holder recalled.') only the narrower
		// list does.
		if !speechCues[w] && !(opening && cues[w]) {
			continue
		}
		if j == 0 {
			if name, ok := c.nameAfter(1); ok {
				return name, w, true
			}
			return "", "", false
		}
		next := j + 1
		if w == "told" || w == "asked" || w == "asks" {
			// The listener: "Fox told Jorge Ramos", "she told reporters",
			// "Bachmann asked her followers".
			if possessivePronouns[c.lower(next)] != "" && next+1 < len(c.toks) && c.toks[next+1].Kind == nlp.Word && !c.capitalized(next+1) && !nlp.IsStopWord(c.lower(next+1)) {
				next += 2
			}
			for next < len(c.toks) && (c.capitalized(next) || attributionListeners[c.lower(next)] || c.lower(next) == "the" && next == j+1) {
				next++
			}
		}
		if c.isPunct(next, ":") || next < len(c.toks) && !c.isPunct(next, ".,;!?") && !attributionTail[c.lower(next)] {
			return "", "", false // "He added that ...": the cue has an object
		}
		if name, ok := c.nameBefore(j); ok {
			return name, w, true
		}
		return "", "", false
	}
	return "", "", false
}

// closingMark returns the closing quotation mark at the start of s.
func closingMark(s string) string {
	for _, m := range []string{"”", "\"", "»", "’’"} {
		if strings.HasPrefix(s, m) {
			return m
		}
	}
	return ""
}

// reported finds reported speech without quotation marks in a sentence:
// "There is no betrayal there, said Hegseth ahead of a meeting." The words
// before the comma are the quote; the cue must follow the comma at once.
func (f *Finder) reported(text string, sent storyfold.Span) (storyfold.Quotation, bool) {
	s := text[sent.Start:sent.End]
	f.toks = nlp.Tokenize(f.toks[:0], s)
	c := context{text: s, toks: f.toks, roles: f.roles, lowers: f.lowers}
	// "After speaking with Putin, Trump said ...": the comma that closes a
	// subordinate clause opening the sentence is not the statement's.
	// After a later one the statement is the whole sentence before it
	// ("While the threats have changed, America's influence remains a
	// benevolent force, Rubio said").
	// So does an infinitive of purpose: "To clear the air over Delhi,
	// Prakash said the government could ...".
	sub := subordinate[c.lower(0)] || c.lower(0) == "to"
	for k := 1; k < len(c.toks)-1; k++ {
		if !c.isPunct(k, ",") {
			continue
		}
		// The statement's first words may be few when the cue stands
		// inside it and the clause goes on after ("The tuft cell, Herbert
		// said, is constantly sensing ..."); a statement the cue ends
		// needs unmarkedMinWords before its comma.
		short := k < unmarkedMinWords
		if sub && !short {
			sub = false
			continue
		}
		// A quoted fragment may close with the comma: '... arranged “at
		// Senator Sanders' request,” Earnest said'. The quote keeps its
		// closing mark.
		a := k
		if c.isPunct(k+1, "”\"") {
			a = k + 1
		}
		var name, cue string
		var ok bool
		after := -1     // the token after the cue and its speaker
		source := false // a source named with "the": "per the WHO", "writes the AP"
		switch {
		case (c.plain(a+1) == "per" || indirectThatCues[c.plain(a+1)]) && (c.capitalized(a+2) || c.is(a+2, "the") && c.capitalized(a+3)):
			// "Yersinia pestis, per the WHO, is often found ...", "...,
			// reports Reuters.": a source inside the statement, or one that
			// ends it. "reports" and "writes" take a clause only after
			// "that" (indirect-that-cues.txt); inverted, the name must end
			// the sentence.
			after = a + 2
			if c.is(after, "the") {
				after++
			}
			for c.capitalized(after) || c.isPunct(after, ".") && c.abbreviation(after-1) && after+1 < len(c.toks)-1 || c.isPunct(after, "-&") && c.glued(after) {
				after++
			}
			goesOn := c.clauseGoesOn(after) > 0
			if !c.endsSentence(after) && (c.plain(a+1) != "per" || !goesOn) || short && !goesOn {
				continue
			}
			name, ok = c.nameAfter(a + 2)
			cue, source = c.plain(a+1), true
		case speechCues[c.lower(a+1)] && c.lower(a+1) != "told" && !nlp.IsSpeakerPronoun(c.lower(a+2)): // "said he will": indirect speech; "told X" names whom
			after = a + 2
			for c.capitalized(after) || c.isPunct(after, ".") && c.abbreviation(after-1) || c.isPunct(after, "-") && c.glued(after) || c.particleAt(after) {
				after++
			}
			if short && c.clauseGoesOn(after) < 0 {
				continue // read no name for a comma that cannot hold the statement
			}
			if c.nameOpensClause(a + 2) {
				continue // "Marco Villa, the company's chief operating officer, said Tyvak would ...": Tyvak opens the reported clause
			}
			name, ok = c.nameAfter(a + 2)
			cue = c.lower(a + 1)
		case c.capitalized(a+1) || nlp.IsSpeakerPronoun(c.lower(a+1)) || c.is(a+1, "the") && c.capitalized(a+2):
			// "..., the Los Angeles Times reports.": a name with its
			// article before a closing cue reads as one without. (With a
			// cue of speechCues, "..., the Obama administration said in a
			// report", it stays no attribution, as before.)
			from, article := a+2, c.is(a+1, "the")
			if article {
				from++
			}
			for j := from; j < len(c.toks) && j <= a+unmarkedNameReach; j++ {
				closing := c.lowerIn(j, closingCues) && c.endsSentence(j+1)
				// "..., and on Friday, she said she would work with Mr.
				// Trump": a pronoun after the cue opens its own clause,
				// so the words before the comma are no statement.
				if !article && speechCues[c.lower(j)] && (!c.startsObject(j+1) || c.toldNameEnds(j)) && c.lower(j+1) != "that" && !nlp.IsSpeakerPronoun(c.lower(j+1)) || closing {
					after = j + 1
					if short && c.clauseGoesOn(after) < 0 {
						break
					}
					name, ok = c.nameBefore(j)
					if !ok && closing {
						// "..., NBC News reported.": an outlet, which nameBefore
						// reads as no person.
						name = f.orgBefore(text, sent.Start+int(c.toks[j].Start))
						ok = name != ""
					}
					cue = c.lower(j)
					break
				}
				if !c.capitalized(j) && !(c.isPunct(j, ".") && c.abbreviation(j-1)) {
					break // a title's stop goes on: "..., Mr. Williams said."
				}
			}
		}
		if u := c.unnamedAttribution(a + 1); !ok && u >= 0 {
			// "..., aides said.", "..., two people briefed on the matter
			// have said.": kept without a speaker, which the caller knows
			// by the empty name.
			name, cue = "", c.lower(u)
		} else if !ok || name == "" || strings.HasPrefix(name, "the ") && !c.capitalized(a+2) && !source {
			continue
		}
		// The quote: the sentence up to the comma, which must read as a
		// clause of its own (several words, not a list); or, when the
		// clause goes on after the cue ("The key to Stadia's success, says
		// Buser, is ..."), the whole sentence, the cue within it.
		quoted := storyfold.Span{Start: sent.Start + int(c.toks[0].Start), End: sent.Start + int(c.toks[k].Start)}
		if a > k {
			quoted.End = sent.Start + int(c.toks[a].End)
		}
		words := countWords(c.toks[:k])
		for i := k - 1; i > 0; i-- {
			if c.isPunct(i, ";") {
				// "House Republicans said ...; most would attack ...,
				// analysts say, but ...": the statement after the last
				// semicolon, another clause's before it.
				quoted.Start = sent.Start + int(c.toks[i+1].Start)
				words = countWords(c.toks[i+1 : k])
				break
			}
		}
		if v := c.clauseGoesOn(after); v > 0 && a == k {
			quoted.End = sent.Start + int(c.toks[len(c.toks)-1].End)
			words += countWords(c.toks[v:])
		} else if short {
			continue
		}
		if words < unmarkedMinWords {
			return storyfold.Quotation{}, false
		}
		return storyfold.Quotation{Text: text[quoted.Start:quoted.End], Span: quoted, Speaker: name, Cue: cue, Kind: storyfold.QuoteUnmarked}, true
	}
	return storyfold.Quotation{}, false
}

// toldNameEnds reports whether the cue at token j is "told" with a name
// after it that ends the sentence ("..., Cook told Benioff."): whom the
// statement was told, not an object that opens a clause of its own.
func (c *context) toldNameEnds(j int) bool {
	if c.lower(j) != "told" || !c.capitalized(j+1) {
		return false
	}
	i := j + 1
	for c.capitalized(i) {
		i++
	}
	return c.endsSentence(i)
}

// maxCueInside is the most tokens between a cue set off inside a
// statement and the verb that goes on with the statement: past the
// speaker's appositive ("says Richard Locksley, an immunologist at the
// University of California, San Francisco, helps").
const maxCueInside = 20

// clauseGoesOn reports where the statement goes on after a cue set off
// inside it by commas, reading from token i, the one after the cue and
// its speaker: a comma, maybe the speaker's appositive up to a later
// comma, and a finite verb in lower case ("..., he said, could deliver",
// "..., says Buser, is"). It returns the verb's token, or -1.
func (c *context) clauseGoesOn(i int) int {
	if i <= 0 {
		return -1
	}
	for p := i; p < len(c.toks) && p <= i+maxCueInside; p++ {
		if c.toks[p].Kind != nlp.Punct {
			if p == i {
				return -1 // "said Hegseth ahead of a meeting": no comma after the speaker
			}
			continue
		}
		if c.isPunct(p, ".") && c.abbreviation(p-1) || c.isPunct(p, "-") && c.glued(p) {
			continue
		}
		if !c.isPunct(p, ",") {
			return -1
		}
		if w := c.plain(p + 1); w != "" && (clauseVerbs[w] || insideVerbs[w] || presentVerb(c, p+1)) {
			return p + 1
		}
	}
	return -1
}

// endsSentence reports whether token i is past the last word of the
// sentence: its end, or a stop with nothing after it but closing marks.
func (c *context) endsSentence(i int) bool {
	if i >= len(c.toks) {
		return true
	}
	if !c.isPunct(i, ".!?") {
		return false
	}
	for k := i + 1; k < len(c.toks); k++ {
		if !c.isPunct(k, "”\"’)") {
			return false
		}
	}
	return true
}

// presentVerb reports whether token i reads as a verb in the present
// tense before a word of its clause: a lower-case word in -s, no stop
// word, followed by a lower-case word ("helps direct").
func presentVerb(c *context, i int) bool {
	w := c.plain(i)
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !nlp.IsStopWord(w) && c.plain(i+1) != ""
}

func countWords(toks []nlp.Token) int {
	n := 0
	for _, t := range toks {
		if t.Kind == nlp.Word {
			n++
		}
	}
	return n
}

// resolve turns a pronoun into the person last named before pos, and a
// surname into the full name given earlier ("Hegseth" -> "Pete Hegseth").
// It returns "" when it cannot tell.
func (f *Finder) resolve(text, speaker string, pos int, sent storyfold.Span) string {
	if rest, ok := strings.CutPrefix(speaker, "the "); ok {
		if personRoles[rest] {
			return f.describedPersonName(pos) // "the attorney"
		}
		if documentNouns[rest] {
			return f.documentAuthor(text, rest, pos, sent) // "the statement"
		}
		if headOrgNouns[lastWord(rest)] {
			return f.headOrg(lastWord(rest), pos) // "the department"
		}
		if rest != "" && !nlp.IsCapitalized(rest) {
			if name := f.definedOrg(text, rest, pos); name != "" {
				return name // "The group, WeWorkers Coalition, formed ... the group said"
			}
			return f.describedName(pos, sent) // "the tech giant"
		}
		if name := f.expand(rest); name != "" {
			return name // "the NRSC"
		}
		return speaker // "the Kremlin"
	}
	if name := f.expand(speaker); name != "" {
		return name
	}
	if speaker == "" {
		return ""
	}
	if speaker == "they" {
		return f.theyNamed(text, pos, sent)
	}
	// The names given before pos.
	k := sort.Search(len(f.names), func(i int) bool { return f.names[i].end > pos })
	before := f.names[:k]
	if nlp.IsSpeakerPronoun(speaker) {
		// A person whose given name or title says otherwise is not the one
		// meant: "she" is not Rucker when Rucker is "Mr. Rucker".
		g := nlp.PronounGender(speaker)
		fits := func(n namePos) bool { return fits(n, g) }
		// The subject of the pronoun's own sentence first: "Bloomberg ...
		// threw jabs at Trump, whom he called a “dangerous demagogue”".
		// Names that end after the sentence starts are the only ones that
		// can start in it.
		// The sentence's subject is taken before a name in a clause that
		// opens it ("When Mr. Biden went after ..., Mr. Ryan reminded the
		// vice president ... “...,” he said").
		i0 := sort.Search(k, func(i int) bool { return f.names[i].end > sent.Start })
		firstFit := -1
		for i := int(f.index.nextFits[g][i0]); i < k; i = int(f.index.nextFits[g][i+1]) {
			// "Of Obama, he said": the object of a preposition is not
			// the one the pronoun of its sentence stands for.
			if before[i].start >= sent.Start && !afterNamePreposition(text, before[i].start) {
				firstFit = i
				break
			}
		}
		if firstFit >= 0 {
			for i := firstFit; i < k && i < firstFit+maxSubjectScan && before[i].sentence == before[firstFit].sentence; i++ {
				if before[i].subject && fits(before[i]) {
					return f.full(before[i].name, k)
				}
			}
			return f.full(before[firstFit].name, k)
		}
		if i := f.openingClausePerson(text, speaker, pos, sent, i0, k, g); i >= 0 {
			// "When Afghan President Ashraf Ghani first announced the
			// exchange, he said": the person of the opening clause, who
			// is from then on said to speak ("He also said ...").
			f.names[i].speaks = true
			return f.full(before[i].name, k)
		}
		// "He" is most often the subject of the sentences before: the last
		// person who opened a sentence or was said to speak, the speaker
		// first within one sentence ("Hodgkinson was a member, Rucker said.
		// She said ..."), else the last person named.
		for i := k - 1; i >= 0 && before[i].end >= pos-1500; i-- {
			if !before[i].subject && !before[i].speaks || !fits(before[i]) || before[i].start >= sent.Start && afterNamePreposition(text, before[i].start) {
				continue
			}
			if j := f.index.lastSpeaks[g][i]; j >= 0 {
				return f.full(before[j].name, k)
			}
			return f.full(before[i].name, k)
		}
		// Else the last person named: one whose name gives the pronoun's
		// gender in its sentence or the one before first ("When Ford
		// visited his editor Teresa Nielsen Hayden at her office at Tor,
		// ... “...,” she recalled": not Tor, a name that gives none).
		if g != nlp.Unknown {
			si := f.sentenceIndex(sent.Start)
			from := f.sentences[max(si-1, 0)].Start
			for i := k - 1; i >= 0 && before[i].end >= from; i-- {
				if before[i].gender == g {
					return f.full(before[i].name, k)
				}
			}
		}
		for i := k - 1; i >= 0 && before[i].end >= pos-1500; i-- {
			if fits(before[i]) {
				return f.full(before[i].name, k)
			}
		}
		return ""
	}
	if !strings.Contains(speaker, " ") {
		if name := f.full(speaker, k); name != speaker {
			if g := titledGender(text, speaker, f.sentencesFrom(sent, 2)); g != nlp.Unknown && f.otherPerson(name, g, before) {
				return speaker // "Mr. Obama asked" is not the article's "Malia Obama"
			}
			return name
		}
		if name := f.orgFull(speaker); name != "" {
			return name
		}
		if name := f.loneName(speaker); name != "" {
			return name
		}
		return speaker
	}
	speaker = withoutOrigin(speaker)
	// The article's own name for the person: "Jean-Noël Barrot" for "Noël
	// Barrot" read off a hyphenated name.
	if n, ok := f.index.suffix[speaker]; ok {
		return n
	}
	return speaker
}

// orgFull returns the one organisation of the article whose longer name
// opens with word and ends with a word that ends company or organisation
// names, as the entity finder names it ("Alden" for "Alden Capital", "McClatchy" for
// "McClatchy Co.", "GateHouse" for "GateHouse Media"), or "": a page
// names an organisation in full once and by its first word after, and a
// reader looks a speaker up by the full name. A longer name that ends
// otherwise is something else ("Google Drive"), a longer one another
// ("Nissan North America Inc", a subsidiary), and two organisations whose
// names open with the word leave it as it is.
func (f *Finder) orgFull(word string) string {
	if !nlp.IsCapitalized(word) {
		return ""
	}
	full := ""
	// The entity finder may take such a name for a person's ("McClatchy
	// Co"), so people's names are read too: the last word says what it is.
	for _, names := range [2][]namePos{f.orgs, f.names} {
		for _, o := range names {
			rest, ok := strings.CutPrefix(o.name, word+" ")
			if !ok || strings.Contains(rest, " ") {
				continue // a subsidiary is another ("Nissan North America Inc")
			}
			if last := strings.TrimSuffix(rest, "."); !nlp.IsOrgWord(last) && !orgEnds[strings.ToLower(last)] {
				continue
			}
			if full != "" && full != o.name {
				return "" // two organisations
			}
			full = o.name
		}
	}
	return full
}

// loneName returns the one person of the article a lone word that ends
// no name stands for, or "": a speaker found before whose name it opens,
// when it is no given name ("Liu said" after "China's ambassador to
// Britain Liu Xiaming has said", the surname written first), else the
// person whose surname it misspells ("said Cowen", "Cowmen also
// emphasized" for Cowan: the same first three letters, a length within
// one, at most two letters changed). An organisation or person the
// article names by the word itself is meant as named ("Google said", not
// "Google Drive"); two people who would fit leave it unresolved.
func (f *Finder) loneName(word string) string {
	if len(word) < minLoneName || !nlp.IsCapitalized(word) {
		return ""
	}
	for _, o := range f.orgs {
		if o.name == word {
			return ""
		}
	}
	if _, given := nlp.GivenName(word); given {
		// "Dale wrote" after "Martha Fry and her brother Dale Ford": the
		// one person of the article whose name opens with the given name.
		if name := f.givenNameOf(word); name != "" {
			return name
		}
	} else {
		opens := ""
		for _, name := range f.index.spoken {
			if first, _, ok := strings.Cut(name, " "); ok && first == word {
				if opens != "" && opens != name {
					return "" // two speakers' names open with it
				}
				opens = name
			}
		}
		if opens != "" {
			return opens
		}
	}
	if len(word) < minMisspelled {
		return ""
	}
	misspells := ""
	for _, n := range f.names {
		last := lastWord(n.name)
		if last == word {
			return "" // a name the article gives, which full has read
		}
		if len(last) >= minMisspelled && strings.EqualFold(word[:3], last[:3]) && abs(len(word)-len(last)) <= 1 &&
			nlp.EditDistance([]rune(word), []rune(last), maxMisspelled) <= maxMisspelled {
			if misspells != "" && misspells != n.name {
				return ""
			}
			misspells = n.name
		}
	}
	return misspells
}

// theyNamed returns whom "they" stands for as the subject of a cue after a
// quote at pos: both people of a joint statement before it, else the one
// organisation, or person whose name gives no gender, that the sentence
// before the quote's names, opening it as its subject ("Big Machine have
// twice denied doing anything wrong. “...,” they said": a company, which
// British English makes plural); else "". A person whose name gives a
// gender is "he" or "she", not "they", and two names leave it unresolved.
func (f *Finder) theyNamed(text string, pos int, sent storyfold.Span) string {
	if joint := f.jointBefore(text, pos); joint != "" {
		return joint
	}
	si := f.sentenceIndex(sent.Start)
	if si == 0 {
		return ""
	}
	prev := f.sentences[si-1]
	found := ""
	one := func(name string) bool {
		if found != "" && found != name {
			return false
		}
		found = name
		return true
	}
	for _, n := range f.namesIn(prev.Start, prev.End) {
		if n.gender != nlp.Unknown || !one(n.name) {
			return ""
		}
	}
	k := sort.Search(len(f.orgs), func(i int) bool { return f.orgs[i].start >= prev.Start })
	for ; k < len(f.orgs) && f.orgs[k].end <= prev.End; k++ {
		if !one(f.orgs[k].name) {
			return ""
		}
	}
	if found == "" {
		return ""
	}
	// The name must be the sentence's subject, opening it.
	i := strings.Index(text[prev.Start:prev.End], found)
	if opening := strings.TrimSpace(text[prev.Start : prev.Start+max(i, 0)]); i < 0 || opening != "" && !strings.EqualFold(opening, "the") {
		return ""
	}
	return found
}

// givenNameOf returns the one full name of a person the article names
// that opens with the given name word ("Dale Ford" for "Dale"), or "" when
// none or two different people's names do.
func (f *Finder) givenNameOf(word string) string {
	found := ""
	for _, n := range f.names {
		first, rest, ok := strings.Cut(n.name, " ")
		if !ok || first != word || rest == "" {
			continue
		}
		if found != "" && found != n.name {
			return ""
		}
		found = n.name
	}
	return found
}

// minMisspelled is the shortest surname, and misspelling of it, that
// loneName compares; maxMisspelled is the most letters a misspelling
// changes.
const (
	minMisspelled = 5
	maxMisspelled = 2
)

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// openingClausePerson returns the index of the person named in the
// subordinate clause that opens sent ("When Ashraf Ghani announced the
// exchange, he said"), when the pronoun speaker opens the main clause right
// after that clause's comma and the sentence has no subject of its own
// before it, so that no other person is nearer; else -1. Names [i0, k) are
// those that end in the sentence before pos; the first that fits g is
// the clause's subject.
func (f *Finder) openingClausePerson(text, speaker string, pos int, sent storyfold.Span, i0, k int, g nlp.Gender) int {
	if i0 >= k || pos > sent.End || pos <= sent.Start {
		return -1
	}
	first, _ := cutWord(strings.TrimLeft(text[sent.Start:pos], "“\"‘' "))
	if !clauseConjunctions[strings.ToLower(first)] {
		return -1
	}
	comma := strings.IndexByte(text[sent.Start:pos], ',')
	if comma < 0 {
		return -1
	}
	comma += sent.Start
	if !strings.EqualFold(strings.TrimSpace(text[comma+1:pos]), speaker) {
		return -1 // "When X spoke, Y said he": the pronoun is not the main clause's subject
	}
	for i := i0; i < k; i++ {
		if f.names[i].start >= sent.Start && f.names[i].end <= comma && fits(f.names[i], g) {
			return i
		}
	}
	return -1
}

// jointBefore returns the two people of a joint statement ("House
// Speaker Nancy Pelosi and Senate Democratic Leader Chuck Schumer said")
// when the last person said to speak before pos is the second of them, as "they" after it means; else "". Only titles may
// stand between "and" and the second name.
func (f *Finder) jointBefore(text string, pos int) string {
	k := sort.Search(len(f.names), func(i int) bool { return f.names[i].end > pos })
	for i := k - 1; i > 0 && i >= k-maxJointScan; i-- {
		if !f.names[i].speaks {
			continue
		}
		a, b := f.names[i-1], f.names[i]
		if a.sentence != b.sentence || a.end > b.start {
			return ""
		}
		rest, ok := strings.CutPrefix(strings.TrimLeft(text[a.end:b.start], ", "), "and ")
		if !ok {
			return ""
		}
		for _, w := range strings.Fields(rest) {
			if !nlp.IsCapitalized(w) {
				return ""
			}
		}
		return f.full(a.name, k) + " and " + f.full(b.name, k)
	}
	return ""
}

// jointSubject returns both people of a joint subject when the speaker
// of a cue at pos is the second ("Jeff McCabe and Sara Gideon said"): the
// first must be its sentence's subject, so that an object before "and"
// ("Trump met Putin and Macron said") is not taken. Else speaker.
func (f *Finder) jointSubject(text string, pos int, speaker string) string {
	joint := f.jointBefore(text, pos)
	first, second, ok := strings.Cut(joint, " and ")
	if !ok || second != speaker {
		return speaker
	}
	k := sort.Search(len(f.names), func(i int) bool { return f.names[i].end > pos })
	for i := k - 1; i > 0 && i >= k-maxJointScan; i-- {
		if f.names[i].speaks {
			if a := f.names[i-1]; a.subject && f.full(a.name, k) == first {
				return joint
			}
			break
		}
	}
	return speaker
}

// maxJointScan is how many names back jointBefore looks for the last
// person said to speak.
const maxJointScan = 8

// maxSubjectScan is how many names of a pronoun's sentence resolve reads
// for its subject, so that a sentence of many names costs no more per
// pronoun.
const maxSubjectScan = 16

// describedName returns the organisation named last before pos, in the
// sentence of pos or the one before, for a description of one ("Twitter
// said it was a glitch. “...,” the tech giant said"). Named further back,
// the organisation may not be the one meant.
func (f *Finder) describedName(pos int, sent storyfold.Span) string {
	k := sort.Search(len(f.orgs), func(i int) bool { return f.orgs[i].end > pos })
	si := f.sentenceIndex(sent.Start)
	if k > 0 && f.orgs[k-1].start >= f.sentences[max(si-1, 0)].Start {
		if name := f.expand(f.orgs[k-1].name); name != "" {
			return name // "CBP announced ... the agency said": the name it stands for
		}
		return f.orgs[k-1].name
	}
	// A name the finder did not know for an organisation's, opening the
	// same sentence: "Yahoo was hacked, and the company said".
	return f.subjectIn(sent.Start, pos)
}

// headOrg returns the organisation last named before pos, within
// maxHeadReach bytes, whose name ends with noun ("Justice Department" for
// "the department"), or "": such a noun stands for an organisation the
// page named with it, not for whatever organisation was named last.
func (f *Finder) headOrg(noun string, pos int) string {
	k := sort.Search(len(f.orgs), func(i int) bool { return f.orgs[i].end > pos })
	for i := k - 1; i >= 0 && f.orgs[i].start >= pos-maxHeadReach; i-- {
		if strings.EqualFold(lastWord(f.orgs[i].name), noun) {
			return f.orgs[i].name
		}
	}
	return ""
}

// maxHeadReach is how far back, in bytes, headOrg looks for the name a
// noun of headOrgNouns stands for: a few paragraphs.
const maxHeadReach = 1500

// definedOrg returns the organisation the page named in apposition to
// the same description before pos ("The group, WeWorkers Coalition,
// formed in recent weeks" for a later "the group said"; "the Center for
// Arizona Policy, a social conservative group that ..."), the last such
// within maxDefinedReach bytes, or "": the page has said whom the
// description stands for, where the organisation named last before it
// may be another ("said on Twitter").
func (f *Finder) definedOrg(text, noun string, pos int) string {
	k := sort.Search(len(f.orgs), func(i int) bool { return f.orgs[i].end > pos })
	for i := k - 1; i >= 0 && f.orgs[i].start >= pos-maxDefinedReach; i-- {
		o := f.orgs[i]
		if o.end >= len(text) || text[o.end] != ',' {
			continue
		}
		before := text[max(0, o.start-len(noun)-6):o.start]
		if strings.HasSuffix(before, "the "+noun+", ") || strings.HasSuffix(before, "The "+noun+", ") {
			return o.name
		}
		if describedAfter(text[o.end+1:min(len(text), o.end+1+maxDescription)], noun) {
			return o.name
		}
	}
	return ""
}

// describedAfter reports whether an appositive that opens rest describes
// its organisation with noun: " a social conservative group that opposes
// ...". Only the words before the appositive's first comma or stop count.
func describedAfter(rest, noun string) bool {
	rest, ok := strings.CutPrefix(rest, " a ")
	if !ok {
		if rest, ok = strings.CutPrefix(rest, " an "); !ok {
			return false
		}
	}
	if i := strings.IndexAny(rest, ",.;"); i >= 0 {
		rest = rest[:i]
	}
	for _, w := range strings.Fields(rest) {
		if w == noun {
			return true
		}
	}
	return false
}

// maxDescription is the most bytes of an appositive read for the noun that
// describes an organisation.
const maxDescription = 80

// maxDefinedReach is how far before a description its definition is
// looked for, in bytes: a few paragraphs.
const maxDefinedReach = 1500

// describedPersonName returns the person a role noun before pos stands
// for ("“...,” the attorney said" after "Strzok attorney Aitan Goelman
// said"): as for "he" or "she", the last person named before pos who was
// said to speak or opened a sentence, of either gender, or "".
func (f *Finder) describedPersonName(pos int) string {
	k := sort.Search(len(f.names), func(i int) bool { return f.names[i].end > pos })
	for i := k - 1; i >= 0 && f.names[i].end >= pos-maxRoleReach; i-- {
		if f.names[i].subject || f.names[i].speaks {
			return f.full(f.names[i].name, k)
		}
	}
	return ""
}

// documentAuthor returns the author of the document a reference to it
// stands for ("the statement said" after "said the statement from Grimm's
// attorney, William McGinley"; "The letter says" after "a letter from
// Representative Peter Welch"): the last time the article introduced
// such a document before the end of the reference's sentence, the name
// after its "from", else the subject of its sentence ("Pelosi said in a
// statement"). Mentions that are themselves references ("the statement
// said") are passed over. It returns "" when no author is found.
func (f *Finder) documentAuthor(text, noun string, pos int, sent storyfold.Span) string {
	lo := max(0, pos-maxRoleReach)
	hi := max(sent.End, pos)
	for hi > lo {
		i := strings.LastIndex(text[lo:hi], noun)
		if i < 0 {
			return ""
		}
		i += lo
		hi = i
		end := i + len(noun)
		if i > 0 && isASCIILetter(text[i-1]) || end < len(text) && isASCIILetter(text[end]) {
			continue // part of another word: "newsletter"
		}
		prev := ""
		if w := strings.Fields(text[max(lo, i-12):i]); len(w) > 0 {
			prev = strings.ToLower(w[len(w)-1])
		}
		next, _ := cutWord(strings.TrimLeft(text[end:min(len(text), end+24)], " "))
		next, _, _ = strings.Cut(next, "\n") // "the statement said." ending its paragraph
		next = strings.ToLower(strings.Trim(next, ",."))
		if prev == "the" && (cues[next] || speechCues[next]) {
			continue // "the statement said": a reference, not the document introduced
		}
		if next == "in" {
			if name := f.orgRightAfter(end + len(" in")); name != "" {
				return name // "a report in the Argus Leader ... The report says"
			}
		}
		if sourceParticiples[next] {
			// "a statement released by the Justice Department ... the
			// statement said": the author after "by", as after "from".
			after := text[end:min(len(text), end+24)]
			if rest := strings.TrimLeft(after, " "); strings.HasPrefix(rest, next+" by ") {
				end += len(after) - len(rest) + len(next+" by")
				next = "from"
			}
		}
		if next == "from" {
			for _, n := range f.namesIn(end, min(len(text), end+maxAuthorReach)) {
				if !possessiveAt(text, n.end) {
					return n.name
				}
			}
			// An organisation only right after "from" or "by" ("from the
			// U.S. Attorney's Office"): "a joint letter from the chairs of
			// six committees in the U.S. House" is the chairs', not the
			// House's.
			k := sort.Search(len(f.orgs), func(j int) bool { return f.orgs[j].start >= end })
			if k < len(f.orgs) && onlyArticle(text[end:f.orgs[k].start]) {
				return f.orgs[k].name
			}
			return ""
		}
		si := f.sentenceIndex(i)
		if si == len(f.sentences) {
			return ""
		}
		if name := f.subjectIn(f.sentences[si].Start, i); name != "" {
			return name
		}
		if i >= sent.Start {
			return ""
		}
		if name := f.orgSubjectIn(text, f.sentences[si].Start, i); name != "" {
			return name // "On Monday, Big Machine Records issued a statement"
		}
		if prev != "the" {
			return ""
		}
		// "The statement, which was obtained by Variety, claimed", a
		// sentence before the cue's: a reference to the document with no
		// one named before it, so the document is one introduced further
		// back ("Big Machine Records issued a statement").
	}
	return ""
}

// onlyArticle reports whether gap, the text between "from" (or "by")
// and an organisation's name, is no more than "the" and spaces.
func onlyArticle(gap string) bool {
	gap = strings.TrimSpace(gap)
	return gap == "" || gap == "the" || gap == "The"
}

// maxAuthorReach is how far after "a statement from" documentAuthor reads
// for its author's name: "from Grimm's attorney, William McGinley".
const maxAuthorReach = 60

// maxRoleReach is how far back, in bytes, describedPersonName looks for
// the person a role noun stands for, as far as a pronoun's search.
const maxRoleReach = 1500

// orgSubjectIn returns the organisation that opens the sentence part
// [from, to), after "the" or an opening phrase set off by a comma, when a
// word in lower case follows it, as a verb follows a clause's subject
// ("On Monday, Big Machine Records issued a statement"), or "". A
// possessive ("Fox News’ request"), a name joined to more ("Fox News and
// CNN") or a name inside a phrase ("including former White House chief
// of staff John Kelly") is no subject.
func (f *Finder) orgSubjectIn(text string, from, to int) string {
	k := sort.Search(len(f.orgs), func(j int) bool { return f.orgs[j].start >= from })
	for ; k < len(f.orgs) && f.orgs[k].end <= to; k++ {
		o := f.orgs[k]
		before := strings.TrimRight(text[from:o.start], " ")
		if before != "" && !strings.HasSuffix(before, ",") && !strings.EqualFold(before, "the") && !strings.HasSuffix(before, ", the") {
			continue
		}
		if possessiveAt(text, o.end) {
			continue
		}
		if o.end >= to || text[o.end] != ' ' {
			continue // "the Jesuit-founded school": a word, no subject
		}
		next, _ := cutWord(text[o.end+1 : to])
		if next != "" && !nlp.IsCapitalized(next) && !nlp.IsStopWord(strings.ToLower(next)) {
			return o.name
		}
	}
	return ""
}

// subjectIn returns the first name in [from, to) that is its sentence's
// subject, or "": what a walk over namesIn(from, to) would find, in
// constant time.
func (f *Finder) subjectIn(from, to int) string {
	i := sort.Search(len(f.names), func(i int) bool { return f.names[i].start >= from })
	if i == len(f.names) {
		return ""
	}
	if j := f.index.nextSubject[i]; int(j) < len(f.names) && f.names[j].end <= to {
		return f.names[j].name
	}
	return ""
}

// full returns the longest known name that ends with name's last word:
// a speaker found so far or one of the first k names, the first of that
// length, speakers first.
func (f *Finder) full(name string, k int) string {
	best := name
	last := lastWord(name)
	if n := f.index.spoken[last]; len(n) > len(best) {
		best = n
	}
	if n := f.index.longestBefore(last, k); len(n) > len(best) {
		best = n
	}
	return best
}

// sentenceIndex returns the index of the first sentence that ends after
// pos: the one that holds pos, or len(f.sentences) past the last.
func (f *Finder) sentenceIndex(pos int) int {
	return sort.Search(len(f.sentences), func(i int) bool { return f.sentences[i].End > pos })
}

// sentencesFrom returns the text span of n sentences from sent's on.
func (f *Finder) sentencesFrom(sent storyfold.Span, n int) storyfold.Span {
	si := f.sentenceIndex(sent.Start)
	if j := si + n - 1; j < len(f.sentences) {
		return storyfold.Span{Start: sent.Start, End: max(sent.End, f.sentences[j].End)}
	}
	return sent
}

// titledGender returns the gender of the title the first time surname is
// written after one in span ("Mr. Obama asked"), or nlp.Unknown.
func titledGender(text, surname string, span storyfold.Span) nlp.Gender {
	window := text[span.Start:span.End]
	for from := 0; ; {
		i := strings.Index(window[from:], surname)
		if i < 0 {
			return nlp.Unknown
		}
		at := from + i
		from = at + len(surname)
		before := strings.TrimRight(window[:at], " ")
		if g := nlp.TitleGender(before[strings.LastIndexByte(before, ' ')+1:]); g != nlp.Unknown {
			return g
		}
	}
}

// otherPerson reports whether name, the longer name a surname written
// after a title of gender g would widen to, may be someone else: a person
// of the other gender, or, when name gives none, one of several people
// named before (people) with that surname ("Mr. Obama" in an article
// that names "Malia Obama" and "Sasha Obama", the president's mentions
// merged into one of them). A surname several people of a family share
// stands for the one its title says, and a lone surname after a title is
// kept when the article does not say which of them that is.
func (f *Finder) otherPerson(name string, g nlp.Gender, people []namePos) bool {
	ng := nlp.Unknown
	for _, p := range people {
		if p.name == name && p.gender != nlp.Unknown {
			ng = p.gender
			break
		}
	}
	if ng == nlp.Unknown {
		given, _, _ := strings.Cut(name, " ")
		ng, _ = nlp.GivenName(given)
	}
	if ng != nlp.Unknown {
		return ng != g
	}
	last := lastWord(name)
	for _, p := range people {
		if p.name != name && strings.Contains(p.name, " ") && lastWord(p.name) == last {
			return true
		}
	}
	return false
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// namePos is a person's name and where the article names them.
type namePos struct {
	name       string
	start, end int
	gender     nlp.Gender
	subject    bool // the first person its sentence names, the sentence not opening with a pronoun
	speaks     bool // a speech cue follows the name: "Rucker said"
	sentence   int
}

// people lists the people an article names, in text order, from its
// entities: each mention under the entity's name, so a surname stands for
// the full name the article gives. A lone capitalised word named once
// without a title ("Draft" opening a sentence) is left out.
func people(text string, entities []storyfold.Entity, sentences []storyfold.Span, quoted []storyfold.Span) []namePos {
	var out []namePos
	for _, e := range entities {
		if e.Type != storyfold.EntityPerson {
			continue
		}
		if !strings.Contains(e.Name, " ") && (len(e.Roles) == 0 && len(e.Mentions) < 2 || cues[strings.ToLower(e.Name)] || participles[strings.ToLower(e.Name)]) {
			continue // "Asked" opening sentences is no one
		}
		if strings.HasPrefix(e.Name, "The ") || nlp.IsPlace(e.Name) {
			continue // "The Indianapolis Star", "Indiana": a paper, a place
		}
		g := gender(e)
		name := withoutOrigin(e.Name)
		single := !strings.Contains(e.Name, " ")
		for _, m := range e.Mentions {
			if (single || !strings.Contains(text[m.Start:m.End], " ")) && qualifiesName(text, m.End) {
				// "Wild defenseman Ryan Suter": the team is no one; "Obama
				// campaign manager Jim Messina": the surname of a person
				// named in full elsewhere qualifies the role, and is no
				// speaker there either.
				continue
			}
			if !inQuote(quoted, m) { // a name inside a quote is not a speaker's
				out = append(out, namePos{name: name, start: m.Start, end: m.End, gender: g})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].end < out[j].end })
	// A given name the entity finder split from its surname by an initial
	// ("Elijah" of "Elijah E. Cummings") is the person the surname names.
	k := 0
	for i := range out {
		if i+1 < len(out) && !strings.Contains(out[i].name, " ") && out[i+1].start > out[i].end &&
			out[i+1].start-out[i].end <= len(" E. ") && strings.TrimSpace(text[out[i].end:out[i+1].start]) != "" {
			continue
		}
		out[k] = out[i]
		k++
	}
	out = out[:k]
	si := 0
	lastSentence := -1
	commaSentence, comma := -1, 0
	for i := range out {
		for si < len(sentences)-1 && sentences[si].End < out[i].end {
			si++
		}
		out[i].sentence = si
		// "Rucker said", and an appositive name's "the N.C.A.A. president,
		// Mark Emmert, said", not "a tax lawyer at Greenberg Traurig, said".
		after := strings.TrimLeft(text[out[i].end:min(len(text), out[i].end+40)], " ")
		if strings.HasSuffix(strings.TrimRight(text[max(0, out[i].start-3):out[i].start], " "), ",") {
			after = strings.TrimLeft(after, ", ")
		}
		next, _ := cutWord(after)
		var low [32]byte // lowered on the stack (nlp.AppendLower is strings.ToLower)
		out[i].speaks = speechCues[string(nlp.AppendLower(low[:0], strings.TrimRight(next, ".,")))]
		if si == lastSentence {
			continue // the first person in clause position per sentence
		}
		// The sentence up to the name, quotes left out: its first words,
		// and its last ones, which are all inClausePosition reads.
		head := unquoted(text, sentences[si].Start, out[i].start, quoted, headReach)
		first, _ := cutWord(strings.TrimLeft(head, "“\"‘',— "))
		if nlp.IsSpeakerPronoun(first) {
			lastSentence = si // "He told ...": the sentence's subject is a pronoun
			continue
		}
		if commaSentence != si {
			// Where the sentence's first comma (or dash) is, read once per
			// sentence: a name before it, after a conjunction, is in the
			// opening clause.
			commaSentence, comma = si, sentences[si].End
			if c := strings.IndexAny(text[sentences[si].Start:sentences[si].End], ",—"); c >= 0 {
				comma = sentences[si].Start + c
			}
		}
		if clauseConjunctions[string(nlp.AppendLower(low[:0], first))] && out[i].start < comma {
			// "When Mr. Biden went after ..., Mr. Ryan reminded": a name in
			// the clause that opens the sentence is not its subject.
			continue
		}
		if !possessiveAt(text, out[i].end) && inClausePosition(unquotedTail(text, sentences[si].Start, out[i].start, quoted)) {
			out[i].subject = true
			lastSentence = si
		}
	}
	return out
}

// qualifiesName reports whether the words after a one-word name that ends
// at end are a role in lower case and a person's name of two capitalised
// words or more: "Wild defenseman Ryan Suter", "Wild coach Bruce
// Boudreau", where the name qualifies the role and no one is named by it.
func qualifiesName(text string, end int) bool {
	rest := strings.TrimPrefix(text[end:min(len(text), end+80)], " ")
	role, rest := cutWord(rest)
	// "Obama campaign manager Jim Messina": a role of a few words in
	// lower case, the last a role noun.
	for n := 1; n < maxLowerRole && isLowerASCII(role) && !nlp.IsStopWord(role); n++ {
		next, after := cutWord(strings.TrimPrefix(rest, " "))
		if next == "" || !isLowerASCII(next) || nlp.IsStopWord(next) {
			break
		}
		role, rest = next, after
	}
	if !qualifyingRole(role) {
		return false
	}
	first, rest := cutWord(strings.TrimPrefix(rest, " "))
	second, _ := cutWord(strings.TrimPrefix(rest, " "))
	return nlp.IsNameWord(first) && nlp.IsNameWord(strings.TrimRight(second, ",.;:"))
}

// organisations lists the mentions of an article's organisations outside
// quotes, in text order.
func organisations(entities []storyfold.Entity, quoted []storyfold.Span) []namePos {
	var out []namePos
	for _, e := range entities {
		if e.Type != storyfold.EntityOrg {
			continue
		}
		for _, m := range e.Mentions {
			if !inQuote(quoted, m) {
				out = append(out, namePos{name: e.Name, start: m.Start, end: m.End})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].end < out[j].end })
	return out
}

func inQuote(quoted []storyfold.Span, m storyfold.Span) bool {
	k := sort.Search(len(quoted), func(i int) bool { return quoted[i].End > m.Start })
	return k < len(quoted) && quoted[k].Start <= m.Start
}

// gender reads a person's gender off their titles ("Mrs.", "Congressman")
// or, failing that, their given name.
func gender(e storyfold.Entity) nlp.Gender {
	for _, r := range e.Roles {
		for _, w := range strings.Fields(r) {
			if g := nlp.TitleGender(w); g != nlp.Unknown {
				return g
			}
		}
	}
	first, _, _ := strings.Cut(e.Name, " ")
	g, _ := nlp.GivenName(first)
	return g
}

// headReach is how much of a sentence's start people reads for its first
// word.
const headReach = 64

// clauseReach is how much of the text before a name inClausePosition
// reads: the words just before it, and all of them when they are few.
const clauseReach = 256

// unquoted returns text[from:to] without the quoted spans in it, so that a
// name after a quote ("“...,” Trusty said") counts as opening its sentence.
// It stops once it has limit bytes (0 for no limit).
func unquoted(text string, from, to int, quoted []storyfold.Span, limit int) string {
	// One piece, as a sentence without quotes gives, is returned as the
	// text's own slice; pieces are copied into a builder only from the
	// second on.
	var b strings.Builder
	one, pieces, size := "", 0, 0
	write := func(s string) {
		if limit > 0 {
			s = s[:min(len(s), max(0, limit-size))]
		}
		switch pieces {
		case 0:
			one = s
		case 1:
			b.Grow(len(one) + len(s))
			b.WriteString(one)
			b.WriteString(s)
		default:
			b.WriteString(s)
		}
		pieces++
		size += len(s)
	}
	pos := from
	k := sort.Search(len(quoted), func(i int) bool { return quoted[i].End > from })
	for _, q := range quoted[k:] {
		if q.Start >= to || limit > 0 && size >= limit {
			break
		}
		if q.End <= from {
			continue
		}
		if q.Start > pos {
			write(text[pos:q.Start])
		}
		if q.End <= to && strings.IndexByte(",.?!", text[q.End-1]) >= 0 {
			write(text[q.End-1 : q.End]) // what closed the quote: "“,”" ends a clause
		}
		pos = max(pos, q.End)
	}
	if pos < to {
		write(text[pos:to])
	}
	if pieces <= 1 {
		return one
	}
	return b.String()
}

// unquotedTail returns the end of unquoted(text, from, to): all of it when
// it is short, else its last clauseReach bytes or more, cut at a space, and
// whether it was cut.
func unquotedTail(text string, from, to int, quoted []storyfold.Span) (string, bool) {
	// Walk back from to over text and quotes until clauseReach bytes of
	// text are behind.
	k := sort.Search(len(quoted), func(i int) bool { return quoted[i].Start >= to }) - 1
	pos, kept := to, 0
	for pos > from && kept < clauseReach {
		if k >= 0 && quoted[k].End >= pos {
			pos = min(pos, max(from, quoted[k].Start))
			k--
			continue
		}
		start := from
		if k >= 0 {
			start = max(from, quoted[k].End)
		}
		take := min(pos-start, clauseReach-kept)
		pos -= take
		kept += take
	}
	if pos <= from {
		return unquoted(text, from, to, quoted, 0), false
	}
	// Cut at a space, so that no word is read in part.
	if i := strings.IndexByte(text[pos:to], ' '); i >= 0 {
		pos += i
	}
	return unquoted(text, pos, to, quoted, 0), true
}

// clauseWindow returns the end of before for inClausePosition, as
// unquotedTail does for text with quotes, and whether it was cut.
func clauseWindow(before string) (string, bool) {
	if len(before) <= 2*clauseReach {
		return before, false
	}
	tail := before[len(before)-clauseReach:]
	if i := strings.IndexByte(tail, ' '); i >= 0 {
		tail = tail[i:]
	}
	return tail, true
}

// inClausePosition reports whether a name after the text before stands
// where a subject does: opening the sentence or a clause, after its titles.
// When before was cut (see clauseWindow), it is the end of a long
// sentence: a name reached only past all of it is not taken for a subject,
// nor is one after a short description opening the sentence.
func inClausePosition(before string, cut bool) bool {
	words := strings.Fields(before)
	// A word before a comma ends a phrase, and is no title of the name
	// after it: "In a three-hour recorded interview with the FBI, Webb
	// confessed", "speaking on ABC News, New Jersey Republican Gov. Chris
	// Christie". A lone capitalised word after a lower-case one other than
	// an article may be an item of a list of names, and is read as before:
	// "including Gaiman, Walton, and Meacham".
	// So does any word before the one comma of a phrase that opens with a
	// preposition: "In a letter to the president in May, Zippy Duvall".
	var buf [16]byte
	opening := len(words) > 1 && len(words[0]) <= len(buf) && prepositions[string(nlp.AppendLower(buf[:0], words[0]))] && strings.Count(before, ",") == 1
	titled := func(w string) bool { return nlp.IsTitleWord(strings.Trim(w, ",.")) || nlp.IsCapitalized(w) }
	endsPhrase := func(n int) bool {
		if !strings.HasSuffix(words[n-1], ",") {
			return false
		}
		if n < 2 || opening {
			return true
		}
		p := words[n-2]
		return nlp.IsCapitalized(p) || strings.EqualFold(p, "the") || strings.EqualFold(p, "a") || strings.EqualFold(p, "an")
	}
	for n := len(words); n > 0 && !endsPhrase(n) && (titled(words[n-1]) || n > 1 && words[n-1] == "of" && titled(words[n-2]) ||
		n > 2 && words[n-1] == "the" && words[n-2] == "of" && nlp.IsCapitalized(words[n-3]) && titled(words[n-3])); n = len(words) {
		words = words[:n-1]
	}
	for len(words) > 0 && strings.Trim(words[len(words)-1], "“”\"‘’',.—") == "" {
		if closedStatement(words[len(words)-1]) {
			return true // "Calling the plan “a disgrace,” Governor Ann Miles"
		}
		words = words[:len(words)-1] // the quote's marks and the comma after it
	}
	if len(words) == 0 {
		return !cut
	}
	last := words[len(words)-1]
	if cues[strings.ToLower(last)] {
		// "..., said Robert Gibbs": the inverted subject. A cue whose
		// subject stands before it takes the name after as its object:
		// "Trump accused Obama of ..., saying".
		if len(words) >= 2 {
			p := words[len(words)-2]
			if nlp.IsCapitalized(p) && !strings.ContainsAny(p, ",;:”\"") || nlp.IsSpeakerPronoun(strings.ToLower(p)) {
				return false
			}
		}
		return true
	}
	if strings.HasSuffix(last, ",") || strings.HasSuffix(last, ";") || closedStatement(last) {
		return true
	}
	if opener := strings.ToLower(strings.Trim(last, "“\"‘'")); clauseOpeners[opener] {
		// "and" joins clauses after a comma; without one it joins names:
		// "a letter to Sasha and Malia Obama".
		return opener != "and" || len(words) < 2 && !cut || len(words) >= 2 && strings.HasSuffix(words[len(words)-2], ",")
	}
	if cut {
		return false
	}
	// A short description opening the sentence: "Tea party activist Alex
	// Poulter", "Historian Alan Brinkley", "The 59-year-old Huckabee".
	if len(words) > 1 && (strings.EqualFold(words[0], "the") || strings.EqualFold(words[0], "a")) {
		words = words[1:]
	}
	if len(words) <= 4 {
		for _, w := range words {
			if nlp.IsStopWord(strings.ToLower(w)) || strings.ContainsAny(w, ",;:") || cues[strings.ToLower(w)] {
				return false
			}
		}
		return true
	}
	return false
}

// closedStatement reports whether word ends a quote that closes a
// statement ("peace,”", "now!”"), after which a name opens the
// attribution; a word quoted in running text ("“Crooked” Hillary Clinton")
// does not.
func closedStatement(word string) bool {
	w := strings.TrimRight(word, "”\"’'")
	if len(w) == len(word) || w == "" {
		return false
	}
	return strings.ContainsAny(w[len(w)-1:], ",.?!—")
}

// roles maps the single-word roles of the article's people ("president",
// "senator") to the person holding them, when only one person does: "the
// president said" is then that person. A role of several words is held
// under its head word too ("the speaker" for "House Speaker"), unless it
// names a deputy ("vice president"), and a title written before a name
// gives the roles it stands for ("Gov." for "the governor"), which the
// entity finder does not keep.
func roles(text string, entities []storyfold.Entity) map[string]string {
	m := map[string]string{}
	mentions := map[string]int{}
	var seenBuf [8]string
	for _, e := range entities {
		if e.Type != storyfold.EntityPerson {
			continue
		}
		seen := seenBuf[:0]
		for _, r := range e.Roles {
			w := strings.ToLower(r) // "president", not the "vice president"
			// "the secretary" is the Secretary of State: a role "of"
			// something is held under its head word.
			w, _, _ = strings.Cut(w, " of ")
			seen = holdRole(m, mentions, seen, e, w)
			if i := strings.LastIndexByte(w, ' '); i > 0 && !deputyRoles[w[:strings.IndexByte(w, ' ')]] {
				seen = holdRole(m, mentions, seen, e, w[i+1:]) // "house speaker": "the speaker"
			}
		}
		for _, s := range e.Mentions {
			var buf [len("congresswoman")]byte
			w := titleBefore(text, s.Start)
			for i := range len(w) {
				buf[i] = w[i] | 0x20 // ASCII letters only: lower case without allocating
			}
			for _, r := range titleRoles[string(buf[:len(w)])] {
				seen = holdRole(m, mentions, seen, e, r)
			}
		}
	}
	return m
}

// holdRole records that person e holds role w, once per person (seen):
// when two people hold it ("President Obama's administration" in a story
// about President Trump), the one the article names most, if clearly so.
func holdRole(m map[string]string, mentions map[string]int, seen []string, e storyfold.Entity, w string) []string {
	if w == "" || slices.Contains(seen, w) {
		return seen
	}
	switch n := len(e.Mentions); {
	case n > 2*mentions[w]:
		m[w], mentions[w] = e.Name, n
	case 2*n >= mentions[w]:
		m[w] = ""
	}
	return append(seen, w)
}

// deputyRoles open a role that is not its head word's: the "vice
// president" is not "the president".
var deputyRoles = map[string]bool{"assistant": true, "associate": true, "deputy": true, "vice": true}

// titleBefore returns the word right before pos, without its stop, when
// a space alone parts it from pos: "Gov" for "Gov. Mike Pence". It holds
// ASCII letters only, at most len("congresswoman") of them.
func titleBefore(text string, pos int) string {
	if pos < 2 || text[pos-1] != ' ' {
		return ""
	}
	end := pos - 1
	if text[end-1] == '.' {
		end--
	}
	start := end
	for start > 0 && start > end-len("congresswoman") && isASCIILetter(text[start-1]) {
		start--
	}
	if start == end || start > 0 && isASCIILetter(text[start-1]) {
		return ""
	}
	return text[start:end]
}

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

func cutWord(s string) (string, string) {
	if i := strings.IndexAny(s, " ,"); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

// firstNamedBetween returns the first person named in [from, to) other
// than in the possessive: in "Obama's press secretary, Ben LaBolt, said" and
// "Matt Bennett, a spokesman for Third Way, said" the speaker comes first,
// before the appositive.
func (f *Finder) firstNamedBetween(text string, from, to int) string {
	for _, n := range f.namesIn(from, to) {
		if !possessiveAt(text, n.end) {
			return n.name
		}
	}
	return ""
}

func possessiveAt(text string, end int) bool {
	return strings.HasPrefix(text[end:], "’s") || strings.HasPrefix(text[end:], "'s")
}

// namesIn returns the names given within [from, to); names are in text
// order, so this is a binary search and a short walk.
func (f *Finder) namesIn(from, to int) []namePos {
	i := sort.Search(len(f.names), func(i int) bool { return f.names[i].start >= from })
	j := i
	for j < len(f.names) && f.names[j].end <= to {
		j++
	}
	return f.names[i:j]
}

// WithoutOrigin returns a person's name without the state or city that
// follows it, as the finder names speakers: a speaker is matched to an
// entity of the article through it.
func WithoutOrigin(name string) string { return withoutOrigin(name) }

// withoutOrigin returns a person's name without the state or city that
// follows it ("Trey Gowdy of South Carolina", "Cummings of Maryland"): an
// entity named with its origin is still the person, and a name of one
// word before "of" is an organisation's ("Bank of America").
func withoutOrigin(name string) string {
	before, after, ok := strings.Cut(name, " of ")
	if !ok || !nlp.IsCapitalized(after) || !nlp.IsNameWord(lastWord(before)) || nlp.IsOrgWord(lastWord(before)) {
		return name // not "U.S. Conference" of "U.S. Conference of Catholic Bishops"
	}
	if !strings.Contains(before, " ") {
		if _, given := nlp.GivenName(before); given || nlp.IsRoleWord(before) {
			return name // "Duke of Edinburgh"
		}
	}
	return before
}

// expand returns the organisation of the article whose initials an
// acronym speaker gives ("NRSC" for "National Republican Senatorial
// Committee"), or "": the article names it in full once and abbreviates
// it after.
func (f *Finder) expand(acronym string) string {
	if len(acronym) < minAcronym || len(acronym) > 8 || strings.ToUpper(acronym) != acronym || strings.ContainsAny(acronym, " .") {
		return ""
	}
	f.known()
	return f.acronyms[acronym]
}

// minAcronym is the shortest acronym expand reads: two letters, as "the
// EU" is the European Union the article named before.
const minAcronym = 2

// appendInitials returns the capitals of an organisation's name, without the
// small words ("NRSC" of "National Republican Senatorial Committee"), or
// "" when one word is not capitalised otherwise. It appends them to dst,
// so that they are read on the stack.
func appendInitials(dst []byte, name string) []byte {
	for w := range strings.FieldsSeq(name) {
		if !nlp.IsCapitalized(w) {
			continue // "of", "for"
		}
		dst = append(dst, w[0])
	}
	return dst
}

// minLoneName is the shortest word loneName reads: a surname of two
// letters written first ("Li" for Li Jifeng) opens a speaker's name as a
// longer one does; misspellings need minMisspelled.
const minLoneName = 2
