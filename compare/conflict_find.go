package compare

import (
	"cmp"
	_ "embed"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/nlp/wordnet"
	"github.com/storyfold/storyfold/quantity"
)

// Pairing thresholds for conflicts. Two sentences the alignment did not
// put in one fact may still make one claim with one value changed: a
// changed figure or day takes away the very term they shared most. Such
// pairs are found on their words alone (figures, days and names aside),
// and each kind of conflict asks for the closeness its false alarms call
// for: a different speaker or a negation in merely similar sentences is
// often another statement, not a contradiction.
const (
	// valuePair is the word similarity at which two sentences that give a
	// figure, a day or a place make one claim.
	valuePair = 0.35
	// datePair is the word similarity at which two sentences giving
	// different days for what happens in the same words (the day's
	// setting must match too) make one claim.
	datePair = 0.3
	// placePair is the word similarity at which two sentences naming
	// different places in the same slot (three words shared around
	// them) make one claim: the slot is the stronger evidence.
	placePair = 0.2
	// actorPair is the word similarity at which two sentences crediting
	// different speakers make one claim.
	actorPair = 0.55
	// speakerPair is the word similarity at which two sentences the
	// alignment did not group, each naming who said it, make one claim
	// when they name different speakers.
	speakerPair = 0.35
	// negationPair is the word similarity at which one sentence negating
	// what the other affirms contradicts it.
	negationPair = 0.4
	// eventPair is the word similarity two sentences telling one event
	// (see eventKeys) need besides: three shared terms, one a word.
	eventPair = 0.15
	// denialPair is the word similarity two sentences need when one
	// says an actor did not do what the other says the actor did (see
	// acts). 0.15 and 0.2 found the same changes on the tuning stories;
	// 0.15 gave two false conflicts on the held-out ones.
	denialPair = 0.2
	// predicatePair is the word similarity two sentences need when they
	// meet only through a word one denies of a person or organisation
	// after "be" and the other uses of them in any way (see
	// negatedWords): that key holds an actor and one word, less than the
	// actor, verb and object of a denied act, so the rest of the
	// sentences must say more. At denialPair the rule gave a false
	// conflict on the held-out untouched stories and two on the changed
	// ones, counted by rule, not read.
	predicatePair = 0.3
	// cuePair is the word similarity two sentences need when they give
	// one speech verb to one listener or quote five words alike (see
	// claimKeys, quoteRuns) and credit different speakers.
	cuePair = 0.15
	// figurePair is the word similarity two sentences need when their
	// figures count the same thing (see figureKeys) or they tell one
	// actor's act on one day (see eventKeys).
	figurePair = 0.15
	// journeyPair is the word similarity two sentences need when they
	// name one actor and tie two places to one journey noun (see
	// journeys).
	journeyPair = 0.1
	// eventReach is how many words either side of a day the verb of the
	// event it dates may stand: "resigned from Congress on Wednesday", "On
	// Friday, the State Department released". A verb further off is often
	// of another clause ("said Thursday he has doubts ... and has sent
	// investigators").
	eventReach = 5
	// slotReach is how many words either side of a figure or a day make
	// its setting.
	slotReach = 3
	// groupedDatePair is the word similarity at which two sentences of
	// one fact, each giving one day, give it for the same event.
	groupedDatePair = 0.3
	// groupedValuePair is the word similarity at which two sentences of
	// one fact, each giving one figure of a kind or one place the other
	// does not, give it for the fact.
	groupedValuePair = 0.3
	// closeDatePair is the word similarity at which two sentences the
	// alignment did not group, each giving one day, give it for the same
	// event whatever words stand around the day.
	closeDatePair = 0.4
	// sameWeek is how many days apart two outlets' days for one event
	// may be when nothing but the alignment ties them: a slip of a
	// weekday or two, not a date weeks away.
	sameWeek = 7
	// conflictScan bounds how far along a word's posting list a sentence
	// looks for sentences to pair with, as candidates does.
	conflictScan = 64
	// conflictGenerators is how many of its rarest words a unit looks
	// up pairs by, as many as the alignment's: sixteen found no more
	// changes on the tuning stories and paired the example's Healey and
	// Baerbock sentences into a false place conflict.
	conflictGenerators = 8
	// appositiveWords bounds the phrase between a speaker's name and the
	// speech verb ("Ryan, in his first interview since ..., told").
	appositiveWords = 16
	// roleWords bounds the words before a speaker's name read as their
	// role ("Outgoing White House economic adviser").
	roleWords = 5
	// chainWords bounds the names and titles between a speaker's name
	// and the speech verb.
	chainWords = 12
)

//go:embed conflict_within.txt
var withinData string

//go:embed conflict_negation.txt
var negationData string

//go:embed conflict_speech.txt
var speechData string

//go:embed conflict_unasserted.txt
var unassertedData string

//go:embed conflict_home.txt
var homeData string

//go:embed conflict_vague.txt
var vagueData string

//go:embed conflict_intent.txt
var intentData string

//go:embed conflict_modals.txt
var modalData string

var (
	// placeParent maps a place to the larger place it stands in
	// ("Kremlin" to "Moscow"); placeAlias maps a place's other name to
	// its name ("U.S." to "United States").
	placeParent = map[string]string{}
	placeAlias  = map[string]string{}
	negators    = map[string]bool{}
	// refusals negate the verb after them as "not" does: "refused to
	// take a position" is "would not take" one.
	refusals = map[string]bool{}
	// hedges between a negation and its verb deny a manner, not the
	// act: "did not directly dispute".
	hedges = map[string]bool{}
	// formulaVerbs are verbs whose negation is a formula ("did not
	// respond to a request for comment"), never a conflict.
	formulaVerbs = map[string]bool{}
	// attributionVerbs credit a speaker besides the speech verbs the
	// alignment sets aside: "wrote", "tweeted".
	attributionVerbs = map[string]bool{}
	// unasserting are the words before a verb that leave it unasserted:
	// "can be seen", "would raise", "to declare".
	unasserting = map[string]bool{}
	// homeLinks may stand between a person's name and their place
	// besides titles ("former Michigan Republican Party Chairman");
	// homeEnds end the phrase after a name ("Kevin McCarthy of").
	homeLinks = map[string]bool{}
	homeEnds  = map[string]bool{}
	// vagueMagnitudes maps the plural magnitudes that give a range, not
	// a figure ("dozens", "hundreds"), to the value they stay under
	// (conflict_vague.txt).
	vagueMagnitudes = map[string]float64{}
	// modals are the modal verbs (conflict_modals.txt): an act after
	// one is compared only with the same modal act (see acts).
	modals = dataSet(modalData)
	// intents announce an act as coming before "to" and its verb
	// (conflict_intent.txt): the act is affirmed as the "will" act.
	intents = dataSet(intentData)
	// relatives open a relative clause whose subject they are: "a bill
	// that would allow".
	relatives = map[string]bool{"that": true, "which": true}
)

func init() {
	for _, l := range dataLines(vagueData) {
		w, v, _ := strings.Cut(l, " ")
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			panic(fmt.Errorf("conflict_vague.txt: %q: %w", l, err))
		}
		vagueMagnitudes[w] = f
	}
	for _, l := range dataLines(withinData) {
		if a, b, ok := strings.Cut(l, "="); ok {
			placeAlias[strings.ToLower(a)] = b
		} else if a, b, ok := strings.Cut(l, "|"); ok {
			placeParent[strings.ToLower(a)] = b
		}
	}
	for _, l := range dataLines(speechData) {
		attributionVerbs[l] = true
	}
	for _, l := range dataLines(unassertedData) {
		unasserting[l] = true
	}
	for _, l := range dataLines(homeData) {
		if w, ok := strings.CutPrefix(l, ">"); ok {
			homeEnds[w] = true
		} else {
			homeLinks[l] = true
		}
	}
	for _, l := range dataLines(negationData) {
		if v, ok := strings.CutPrefix(l, "-"); ok {
			formulaVerbs[v] = true
		} else if v, ok := strings.CutPrefix(l, "+"); ok {
			refusals[v] = true
		} else if v, ok := strings.CutPrefix(l, "~"); ok {
			hedges[v] = true
		} else {
			negators[l] = true
		}
	}
}

// dataLines returns the entries of an embedded list: its lines without
// comments and blank lines.
func dataLines(data string) []string {
	var out []string
	for _, l := range strings.Split(data, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// conflicts finds where the articles of a story disagree. Pairs of
// sentences of different articles that make one claim (those of one fact,
// and those whose words alone say so) are compared kind by kind: a figure,
// a day, a place, a person in the same slot, the speaker, a negation.
// Pairs that differ join, kind by kind, into one conflict per claim whose
// sides are the values given, so a disagreement is stated once however
// many articles take part. The same statement given to different speakers
// across quote groups is a conflict too.
func conflicts(facts []*factGroup, units []unit, members []*storyfold.Article, fams familySet, quotes []storyfold.Quote) []storyfold.Conflict {
	if len(members) < 2 {
		// Every pair is of two articles: a story of one has none, and
		// its units' keys were read for nothing.
		return []storyfold.Conflict{}
	}
	cx := newConflictContext(units, members)
	defer conflictStems.Put(cx.stems)
	defer conflictWords.Put(cx.words)
	pairs := conflictPairs(facts, units, cx)
	out := []storyfold.Conflict{}
	for _, k := range conflictKinds {
		out = append(out, cx.kindConflicts(k, pairs, fams)...)
	}
	attributed := attributionConflicts(quotes, members, fams)
	return append(dropRestated(out, attributed), attributed...)
}

// dropRestated drops the person conflicts an attribution conflict states
// already: the same sentences crediting the same words to two people are
// one disagreement, best told as who said the words.
func dropRestated(found, attributed []storyfold.Conflict) []storyfold.Conflict {
	if len(attributed) == 0 {
		return found
	}
	cited := map[string]bool{}
	for _, c := range attributed {
		for _, cl := range c.Claims {
			cited[cl.Article+fmt.Sprint(cl.Sentence)] = true
		}
	}
	out := found[:0]
	for _, c := range found {
		restated := c.Kind == storyfold.ConflictPerson && !slices.ContainsFunc(c.Claims, func(cl storyfold.Claim) bool {
			return !cited[cl.Article+fmt.Sprint(cl.Sentence)]
		})
		if !restated {
			out = append(out, c)
		}
	}
	return out
}

// conflictPair is two units of different articles that may make one
// claim, with how close their words are; grouped says the alignment put
// them in one fact.
type conflictPair struct {
	a, b    int
	words   float64
	grouped bool
	// event says the two units name one actor doing one thing (see
	// eventKeys): for a day, that is the claim, however little else the
	// sentences share.
	event bool
	// denial says one unit's actor did what the other's is said not to
	// have done (see acts).
	denial bool
	// home says the two units tie one person to a place (see homes).
	home bool
	// seat says the two units write one place within another (see
	// seats).
	seat bool
	// role says the two units give one title of one body to their
	// speakers (see speakerRole).
	role bool
	// where says the two units put one person in a place on one day
	// (see wheres).
	where bool
	// figure says the two units give a figure of one kind for the same
	// thing (see figureKeys).
	figure bool
	// journey says the two units name one actor and tie a place to one
	// journey noun (see journeys).
	journey bool
	// act says the two units name one actor doing one thing, cue one
	// speech verb to one listener, and quoted quoteRun words quoted
	// alike (see claimKeys).
	act, cue, quoted bool
	// deed says the two units give a day and name one actor doing one
	// thing to one object, wherever the verb stands (see deedKeys).
	deed bool
	// lede says the two units open their articles with one person as
	// their subject, each giving a day (see ledeKeys).
	lede bool
	// compound says the two units join one place to another by a
	// hyphen before one noun, naming one actor (see compoundKeys).
	compound bool
	// spent says the two units tie a figure of one kind to one actor's
	// act in a relative clause (see figureActs).
	spent bool
	// phrased says the two units credit speakers and write phraseRun
	// words alike outside quotes (see phraseRuns).
	phrased bool
}

// conflictKind compares two units for one kind of conflict: it returns the
// value each gives when they differ.
type conflictKind struct {
	kind storyfold.ConflictKind
	// rule names the test (see ConflictRule); a differ may name a
	// narrower one in conflictContext.rule.
	rule string
	// need is the word similarity a pair the alignment did not group
	// needs.
	need float64
	// grouped is the similarity a pair of one fact needs (0: any); a
	// pair of one fact met by a denial of an act (see acts) needs only
	// denialPair, as a pair of no fact does.
	grouped float64
	// events says the kind reads pairs met by their event alone, and
	// pairs that share eventPair of their words, which dateDiffers reads
	// only where the same act or the same quoted words stand by the days
	// (see sameAct, sameQuoted).
	events bool
	// denials says the kind reads pairs met by a denial of an act
	// (see acts) with denialPair of their words.
	denials bool
	// figures says the kind reads pairs met by what their figures
	// count (see figureKeys), or by one actor's act on one day (see
	// eventKeys: "Asa Hutchinson on Tuesday released a 225-page
	// report", "a National Rifle Association task force released a
	// 425-page report on Tuesday"), with figurePair of their words.
	figures bool
	// homes says the kind reads only pairs that tie one person to a
	// place (see homes), whatever else their words say.
	homes bool
	// seats says the kind reads only pairs that write one place within
	// another (see seats), whatever else their words say.
	seats bool
	// roles says the kind reads only pairs that give one title of one
	// body to their speakers (see speakerRole), whatever else their
	// words say: "said NCAA President John Smith" and "the N.C.A.A.
	// president, Mark Emmert, said" share two words.
	roles bool
	// journeys says the kind reads only pairs that name one actor and
	// tie a place to one journey noun (see journeys), with need of their
	// words.
	journeys bool
	// compounds says the kind reads only pairs that join one place to
	// others by a hyphen (see compounds).
	compounds bool
	// wheres says the kind reads only pairs that put one person in a
	// place on one day (see wheres) with need of their words.
	wheres bool
	// cues says the kind reads pairs that give one speech verb to one
	// listener or quote quoteRun words alike (see claimKeys, quoteRuns)
	// with cuePair of their words: "Stone ... told Credico (“Person 2”)
	// that he should “do a ‘Frank Pentangeli’”" and "Mr. Stone told Mr.
	// Credico he should “do a ‘Frank Pentangeli’”" share little else.
	cues bool
	// sameLead says the kind reads no pair of units led by different
	// actors (see leads): a figure, day or place each gives is then
	// about another act.
	sameLead bool
	differ   func(cx *conflictContext, a, b int) (va, vb conflictValue, ok bool)
}

// conflictValue is one unit's value in a conflict: how it reads as a
// side ("$1.2 trillion", "about 90 minutes"), how the article writes it,
// and a key that tells values apart.
type conflictValue struct {
	side, written, key string
	figure             *storyfold.Quantity
}

var conflictKinds = []conflictKind{
	{kind: storyfold.ConflictNumber, rule: RuleFigure, need: valuePair, figures: true, sameLead: true, differ: (*conflictContext).figureDiffers},
	{kind: storyfold.ConflictDate, rule: RuleDate, need: datePair, events: true, sameLead: true, differ: (*conflictContext).dateDiffers},
	{kind: storyfold.ConflictPlace, rule: RulePlace, need: placePair, sameLead: true, differ: entityDiffers(storyfold.EntityPlace)},
	{kind: storyfold.ConflictPlace, rule: RuleHome, homes: true, differ: (*conflictContext).homeDiffers},
	{kind: storyfold.ConflictPlace, rule: RuleSeat, seats: true, differ: (*conflictContext).seatDiffers},
	{kind: storyfold.ConflictPlace, rule: RuleWhere, wheres: true, need: eventPair, differ: (*conflictContext).whereDiffers},
	{kind: storyfold.ConflictPlace, rule: RuleJourney, journeys: true, need: journeyPair, differ: (*conflictContext).journeyDiffers},
	{kind: storyfold.ConflictPlace, rule: RuleCompound, compounds: true, need: journeyPair, differ: (*conflictContext).compoundDiffers},
	{kind: storyfold.ConflictPerson, rule: RuleTitle, roles: true, differ: (*conflictContext).roleDiffers},
	{kind: storyfold.ConflictOrg, rule: RuleOrg, need: actorPair, differ: entityDiffers(storyfold.EntityOrg)},
	{kind: storyfold.ConflictPerson, rule: RulePerson, need: speakerPair, cues: true, differ: (*conflictContext).actorDiffers},
	{kind: storyfold.ConflictNegation, rule: RuleDenial, need: negationPair, grouped: negationPair, denials: true, differ: (*conflictContext).negationDiffers},
}

// conflictContext holds what the kinds of conflict read off a story's
// units, each worked out once.
type conflictContext struct {
	units    []unit
	members  []*storyfold.Article
	stems    *nlp.Stemmer
	speakers map[int][]string
	// negs holds each unit's negation once negDone says it is read, and
	// stemsOf its negStems once read.
	negs    []negation
	negDone []bool
	stemsOf [][]string
	negBuf  []byte
	keyBuf  []byte // a name lower-cased, to look up in mentions
	toks    []nlp.Token
	// mentions indexes each article's entity mentions by lower-cased
	// name and alias (see mentionsIn).
	mentions map[int]map[string][]int32
	// people holds each article's mentions of people in text order (see
	// peopleIn).
	people map[int][]speakerMention
	// pair is the pair of units being compared: a kind may ask more of
	// a pair the alignment did not group.
	pair conflictPair
	// rule is the narrower rule the last differ call found its values by
	// (see ConflictRule), "" for its kind's own.
	rule string
	// did, didNot and reported hold each unit's acts as conflictPairs
	// reads them (see acts): reported those of did only read in reported
	// speech. They tell which rule a denial was found by.
	did, didNot, reported [][]string
	// recipientsOf holds each unit's addressees once recipientsDone
	// says they are read (see recipients).
	recipientsOf   [][]string
	recipientsDone []bool
	// words holds what the finder reads of each word (see word), kept
	// between stories.
	words map[string]*cxWord
	// verbsAt and wordAt are speakersOf's lists, reused.
	verbsAt, wordAt []int
	// unitWords holds each unit's words once read (see wordsOf).
	unitWords [][]*cxWord
	// actorLists holds each unit's actors once actorsDone says they are
	// read (see actorsOf).
	actorLists [][]string
	actorsDone []bool
	// figActs holds each unit's figureActs once figActsDone says they are
	// read: the index reads them once and each pair compared again.
	figActs     [][]figureAct
	figActsDone []bool
}

func newConflictContext(units []unit, members []*storyfold.Article) *conflictContext {
	return &conflictContext{units: units, members: members, stems: conflictStems.Get(), words: conflictWords.Get(), speakers: map[int][]string{},
		negs: make([]negation, len(units)), negDone: make([]bool, len(units)), stemsOf: make([][]string, len(units)), unitWords: make([][]*cxWord, len(units)), mentions: map[int]map[string][]int32{},
		people: map[int][]speakerMention{}}
}

// valueBearing reports whether a unit gives anything a conflict can be
// about: a figure, a day, a named entity, or a negation.
func (cx *conflictContext) valueBearing(u int) bool {
	x := &cx.units[u]
	return len(x.quantities) > 0 || len(x.dates) > 0 || len(x.entities) > 0 || len(cx.negation(u).negated) > 0
}

// conflictPairs returns the pairs of units to compare: every pair of one
// fact, and pairs of units that give values and whose words alone make
// them one claim. Each unit looks up the postings of its rarest words only,
// and only the next conflictScan units of each.
func conflictPairs(facts []*factGroup, units []unit, cx *conflictContext) []conflictPair {
	type key struct{ a, b int }
	// The pairs of facts are counted first (an upper bound where a large
	// fact's sample meets its canonical wording), so that the list and
	// the set of them are made once at their size, not grown.
	npairs := 0
	for _, f := range facts {
		n := len(f.members)
		if n <= 2*sampleSize {
			npairs += n * (n - 1) / 2
		} else {
			step := n / sampleSize
			npairs += n * (1 + (n+step-1)/step)
		}
		npairs += len(f.extra) * ((n + max(1, n/sampleSize) - 1) / max(1, n/sampleSize))
	}
	seen := make(map[key]bool, npairs) // pairs of one fact
	factOf := make([]int, len(units))
	out := make([]conflictPair, 0, npairs)
	add := func(a, b int) {
		x, y := min(a, b), max(a, b)
		if x == y || seen[key{x, y}] {
			return
		}
		seen[key{x, y}] = true
		out = append(out, conflictPair{a: x, b: y, words: wordSimilarity(&units[x], &units[y]), grouped: true})
	}
	for fi, f := range facts {
		for _, u := range f.members {
			factOf[u] = fi + 1
		}
		// A small fact's members are compared pairwise; a large one's
		// (a story of many copies) each with the canonical wording and a
		// sample of the others, so the work grows with the members, not
		// with their square.
		if len(f.members) <= 2*sampleSize {
			for i, a := range f.members {
				for _, b := range f.members[i+1:] {
					add(a, b)
				}
			}
			continue
		}
		step := len(f.members) / sampleSize
		for _, a := range f.members {
			add(a, f.canon)
			for k := 0; k < len(f.members); k += step {
				add(a, f.members[k])
			}
		}
	}
	// A restatement says the fact again in its article: a changed value
	// there contradicts the other articles' wordings as much as one in
	// the member. Each is compared with the members of other articles
	// (a sample of them in a large fact).
	for fi, f := range facts {
		step := max(1, len(f.members)/sampleSize)
		for _, x := range f.extra {
			factOf[x] = fi + 1
			for k := 0; k < len(f.members); k += step {
				if m := f.members[k]; units[m].article != units[x].article {
					add(x, m)
				}
			}
		}
	}
	bearing := make([]bool, len(units))
	gens := make([][]term, len(units))
	at := make([][]int, len(units))
	// Term ids are dense: document frequencies and posting lists are
	// slices by id, and each unit's words and places one run of a slice
	// shared by all units, not lists of their own.
	ids, nterms := int32(0), 0
	for i := range units {
		for _, t := range units[i].terms {
			ids = max(ids, t.id+1)
		}
	}
	df := make([]int, ids)
	for i := range units {
		if bearing[i] = cx.valueBearing(i); !bearing[i] {
			continue
		}
		for _, t := range units[i].terms {
			if !t.figure {
				df[t.id]++
				nterms++
			}
		}
	}
	wordBuf := make([]term, 0, nterms)
	atBuf := make([]int, 0, nterms)
	postings := make([][]int32, ids)
	for i := range units {
		if !bearing[i] {
			continue
		}
		from := len(wordBuf)
		for _, t := range units[i].terms {
			if !t.figure && df[t.id] > 1 {
				wordBuf = append(wordBuf, t)
			}
		}
		words := wordBuf[from:len(wordBuf):len(wordBuf)]
		slices.SortFunc(words, func(x, y term) int {
			if df[x.id] != df[y.id] {
				return cmp.Compare(df[x.id], df[y.id])
			}
			return cmp.Compare(x.id, y.id)
		})
		gens[i] = words[:min(len(words), conflictGenerators)]
		from = len(atBuf)
		for _, t := range gens[i] {
			atBuf = append(atBuf, len(postings[t.id]))
			if postings[t.id] == nil {
				postings[t.id] = make([]int32, 0, df[t.id])
			}
			postings[t.id] = append(postings[t.id], int32(i))
		}
		at[i] = atBuf[from:len(atBuf):len(atBuf)]
	}
	met := make([]int32, len(units)) // the last unit that met each unit, +1
	for i := range units {
		for k, t := range gens[i] {
			list := postings[t.id]
			from := at[i][k] + 1
			for _, j32 := range list[min(from, len(list)):min(from+conflictScan, len(list))] {
				j := int(j32)
				// Units of one fact were paired above.
				if met[j] == int32(i)+1 || units[j].article == units[i].article || factOf[i] != 0 && factOf[i] == factOf[j] {
					continue
				}
				met[j] = int32(i) + 1
				if s := wordSimilarity(&units[i], &units[j]); s >= min(valuePair, datePair, placePair) {
					out = append(out, conflictPair{a: min(i, j), b: max(i, j), words: s})
				}
			}
		}
	}
	var ps pairScratch
	out = append(out, ps.slotPairs(units, cx, bearing, factOf, out)...)
	days, people := make([][]string, len(units)), make([][]string, len(units))
	did, didNot := make([][]string, len(units)), make([][]string, len(units))
	figs := make([][]string, len(units))
	whereKeys, roleKeys := make([][]string, len(units)), make([][]string, len(units))
	seatKeys, journeyKeys := make([][]string, len(units)), make([][]string, len(units))
	actKeys, cueKeys, runKeys := make([][]string, len(units)), make([][]string, len(units)), make([][]string, len(units))
	deedKeys, compoundKeys := make([][]string, len(units)), make([][]string, len(units))
	spentKeys, phraseKeys := make([][]string, len(units)), make([][]string, len(units))
	// An act is denied only by a unit that negates a verb: in a story
	// with none, no pair is met or marked by acts, which are not read.
	denials := false
	for i := range units {
		denials = denials || bearing[i] && len(cx.negation(i).negated) > 0
	}
	var negKeys map[string]bool
	cx.reported = make([][]string, len(units))
	shared, separated := sharedActors(units, bearing)
	if denials {
		negKeys = map[string]bool{}
		for i := range units {
			if bearing[i] && shared[i] {
				negKeys = cx.negatedKeys(i, negKeys)
			}
		}
	}
	if denials {
		// A denial pairs what one unit says an actor did with what a
		// unit of another article says the actor did not do, and every
		// key begins with an actor. The units that negate give the keys
		// denied; a unit that negates nothing gives only acts done, read
		// only where it names an actor of a denied key.
		denied := map[string]bool{}
		for pass := range 2 {
			for i := range units {
				if !bearing[i] || !shared[i] || (len(cx.negation(i).negated) > 0) != (pass == 0) {
					continue
				}
				if pass == 1 && !separated && !slices.ContainsFunc(cx.actorsOf(i), func(e string) bool { return denied[e] }) {
					continue
				}
				did[i], didNot[i] = cx.acts(i)
				did[i], didNot[i] = cx.negatedWords(i, negKeys, did[i], didNot[i])
				if len(didNot[i]) > 0 {
					for _, e := range cx.actorsOf(i) {
						denied[e] = true
					}
				}
			}
		}
	}
	for i := range units {
		if bearing[i] {
			figs[i] = cx.figureKeys(i)
			spentKeys[i] = cx.figureActKeys(i)
			if shared[i] {
				days[i] = cx.eventKeys(i)
				deedKeys[i] = cx.deedKeys(i)
				journeyKeys[i] = cx.journeyKeys(i)
				compoundKeys[i] = cx.compoundKeys(i)
				for _, h := range cx.homes(i) {
					people[i] = append(people[i], h.person)
				}
			}
			for _, st := range cx.seats(i) {
				if !slices.Contains(seatKeys[i], st.place) {
					seatKeys[i] = append(seatKeys[i], st.place)
				}
			}
			slices.Sort(seatKeys[i])
			for _, w := range cx.wheres(i) {
				whereKeys[i] = append(whereKeys[i], w.key)
			}
			slices.Sort(whereKeys[i])
			whereKeys[i] = slices.Compact(whereKeys[i])
			roleKeys[i] = cx.roleKeys(i)
			actKeys[i], cueKeys[i] = cx.claimKeys(i)
			runKeys[i] = cx.quoteRuns(i)
			phraseKeys[i] = cx.phraseRuns(i)
		}
	}
	out = append(out, ps.keyPairs(units, days, days, factOf, out, func(p *conflictPair) { p.event = true })...)
	cx.did, cx.didNot = did, didNot
	out = append(out, ps.keyPairs(units, did, didNot, factOf, out, func(p *conflictPair) { p.denial = true })...)
	out = append(out, ps.keyPairs(units, people, people, factOf, out, func(p *conflictPair) { p.home = true })...)
	out = append(out, ps.keyPairs(units, seatKeys, seatKeys, factOf, out, func(p *conflictPair) { p.seat = true })...)
	out = append(out, ps.keyPairs(units, whereKeys, whereKeys, factOf, out, func(p *conflictPair) { p.where = true })...)
	out = append(out, ps.keyPairs(units, journeyKeys, journeyKeys, factOf, out, func(p *conflictPair) { p.journey = true })...)
	out = append(out, ps.keyPairs(units, roleKeys, roleKeys, factOf, out, func(p *conflictPair) { p.role = true })...)
	out = append(out, ps.keyPairs(units, figs, figs, factOf, out, func(p *conflictPair) { p.figure = true })...)
	out = append(out, ps.keyPairs(units, actKeys, actKeys, factOf, out, func(p *conflictPair) { p.act = true })...)
	out = append(out, ps.keyPairs(units, cueKeys, cueKeys, factOf, out, func(p *conflictPair) { p.cue = true })...)
	out = append(out, ps.keyPairs(units, runKeys, runKeys, factOf, out, func(p *conflictPair) { p.quoted = true })...)
	out = append(out, ps.keyPairs(units, deedKeys, deedKeys, factOf, out, func(p *conflictPair) { p.deed = true })...)
	out = append(out, ps.keyPairs(units, compoundKeys, compoundKeys, factOf, out, func(p *conflictPair) { p.compound = true })...)
	out = append(out, ps.keyPairs(units, spentKeys, spentKeys, factOf, out, func(p *conflictPair) { p.spent = true })...)
	out = append(out, ps.keyPairs(units, phraseKeys, phraseKeys, factOf, out, func(p *conflictPair) { p.phrased = true })...)
	if ledes := cx.ledeKeys(); ledes != nil {
		out = append(out, ps.keyPairs(units, ledes, ledes, factOf, out, func(p *conflictPair) { p.lede = true })...)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].a != out[j].a {
			return out[i].a < out[j].a
		}
		return out[i].b < out[j].b
	})
	return out
}

// sharedActors reports, for each value-bearing unit, whether it names a
// person or organisation that a value-bearing unit of another article
// names too. Event, act and home keys all begin with one of the unit's
// actors (see eventKeys, acts, negatedKeys, homes), and keyPairs pairs
// only units of two articles: the keys of a unit whose actors no other
// article names would pair it with nothing and mark no pair, so they are
// not read (a third of the value-bearing units of BASIL's stories). An actor
// whose name holds the keys' separator turns the test off, as its keys
// could be read as another actor's, and separated says so.
func sharedActors(units []unit, bearing []bool) (shared []bool, separated bool) {
	first := map[string]int{} // an actor's first article
	cross := map[string]bool{}
	out := make([]bool, len(units))
	for i := range units {
		if !bearing[i] {
			continue
		}
		for _, e := range units[i].entities {
			if !e.isActor() {
				continue
			}
			if strings.Contains(e.name, "|") {
				for k := range out {
					out[k] = true
				}
				return out, true
			}
			if a, ok := first[e.name]; !ok {
				first[e.name] = units[i].article
			} else if a != units[i].article {
				cross[e.name] = true
			}
		}
	}
	for i := range units {
		if !bearing[i] {
			continue
		}
		for _, e := range units[i].entities {
			if e.isActor() && cross[e.name] {
				out[i] = true
				break
			}
		}
	}
	return out, false
}

// slotPairs returns the pairs of units, not yet among found, that give a
// day in the same setting: a content word within slotReach words of the
// day in both ("resigned from Congress on Wednesday", "abruptly resigned
// from Congress on Friday afternoon").
// Long sentences that state one claim among much else share too few of
// their rarest words to meet by them, yet the words around the value they
// disagree on are the claim. Each unit looks up the next conflictScan
// units of each setting word's list, and meets conflictScan units in all.
func (ps *pairScratch) slotPairs(units []unit, cx *conflictContext, bearing []bool, factOf []int, found []conflictPair) []conflictPair {
	type key = pairKey
	ps.sync(found)
	seen := ps.seen
	postings := map[string][]int32{}
	keys := make([][]string, len(units))
	met, at := ps.scratch(len(units))
	for i := range units {
		if !bearing[i] || len(units[i].dates) == 0 {
			continue
		}
		words := cx.settings(i)
		for _, w := range words {
			at[i] = append(at[i], len(postings[w]))
			postings[w] = append(postings[w], int32(i))
		}
		keys[i] = words
	}
	var out []conflictPair
	var passed []pairKey
	for i := range units {
		visits := 0
		for k, w := range keys[i] {
			list := postings[w]
			from := at[i][k] + 1
			for _, j32 := range list[min(from, len(list)):min(from+conflictScan, len(list))] {
				j := int(j32)
				if met[j] == int32(i)+1 || units[j].article == units[i].article || factOf[i] != 0 && factOf[i] == factOf[j] {
					continue
				}
				met[j] = int32(i) + 1
				if visits++; visits > conflictScan {
					break
				}
				x, y := min(i, j), max(i, j)
				if seen[key{x, y}] {
					continue
				}
				seen[key{x, y}] = true
				if s := wordSimilarity(&units[x], &units[y]); s >= min(valuePair, datePair, placePair) {
					out = append(out, conflictPair{a: x, b: y, words: s})
				} else {
					passed = append(passed, key{x, y})
				}
			}
		}
	}
	// A pair met and not kept is not found: the keys may still pair it.
	for _, k := range passed {
		delete(seen, k)
	}
	return out
}

// pairKey is a pair of units, the lower index first.
type pairKey struct{ a, b int }

// pairScratch is what slotPairs and the keyPairs of one conflictPairs
// share: the set of the pairs found so far, grown as the list of them
// grows rather than built again from it for each kind of key, and
// scratch lists made once at the story's size.
type pairScratch struct {
	seen map[pairKey]bool
	n    int // how many pairs of found seen holds
	met  []int32
	at   [][]int
	// lists are keyPairs' postings, made again for each kind of key.
	lists postingLists
}

// sync adds to seen the pairs of found it does not hold yet: found is
// conflictPairs' list, which only grows, each call's pairs appended.
func (ps *pairScratch) sync(found []conflictPair) {
	if ps.seen == nil || ps.n > len(found) {
		ps.seen, ps.n = make(map[pairKey]bool, len(found)), 0
	}
	for _, p := range found[ps.n:] {
		ps.seen[pairKey{p.a, p.b}] = true
	}
	ps.n = len(found)
}

// postingLists are the units posted under each key, in unit order: one
// list of them all, each key's a run of it, so that a story's keys make
// no list each.
type postingLists struct {
	ids   map[string]int32 // key -> its number
	start []int32          // key number -> where its run starts; one more at the end
	units []int32
}

// of returns the units posted under key k.
func (pl *postingLists) of(k string) []int32 {
	id, ok := pl.ids[k]
	if !ok {
		return nil
	}
	return pl.units[pl.start[id]:pl.start[id+1]]
}

// post posts each unit under its keys, and when symmetric appends to
// at[i] the place of unit i in each of its keys' lists.
func (ps *pairScratch) post(units []unit, keys [][]string, at [][]int, symmetric bool) *postingLists {
	pl := &ps.lists
	if pl.ids == nil {
		pl.ids = map[string]int32{}
	}
	clear(pl.ids)
	counts := pl.start[:0]
	for i := range units {
		for _, k := range keys[i] {
			id, ok := pl.ids[k]
			if !ok {
				id = int32(len(counts))
				pl.ids[k] = id
				counts = append(counts, 0)
			}
			if symmetric {
				at[i] = append(at[i], int(counts[id]))
			}
			counts[id]++
		}
	}
	// Counts become starts, each moved on as its list is filled.
	total := int32(0)
	for id, n := range counts {
		counts[id] = total
		total += n
	}
	counts = append(counts, total)
	if int(total) > cap(pl.units) {
		pl.units = make([]int32, total)
	}
	pl.units = pl.units[:total]
	for i := range units {
		for _, k := range keys[i] {
			id := pl.ids[k]
			pl.units[counts[id]] = int32(i)
			counts[id]++
		}
	}
	// Each start has moved to its list's end, the next one's start.
	copy(counts[1:], counts[:len(counts)-1])
	counts[0] = 0
	pl.start = counts
	return pl
}

// scratch returns met and at cleared for n units.
func (ps *pairScratch) scratch(n int) ([]int32, [][]int) {
	if len(ps.met) != n {
		ps.met, ps.at = make([]int32, n), make([][]int, n)
	} else {
		clear(ps.met)
		for i := range ps.at {
			ps.at[i] = ps.at[i][:0]
		}
	}
	return ps.met, ps.at
}

// keyPairs marks, through mark, the pairs of found whose units share a
// key, and returns the other pairs of units of different articles that
// do, marked too. Keys are what two sentences that share too little of
// their words to meet otherwise may still share: one actor doing one
// thing (see eventKeys and acts). Each unit looks up the next
// conflictScan units of each key's list, and meets conflictScan units in
// all.
//
// A unit is posted under its keys and looks up its probes: for one event
// the two are the same list, and each unit reads only the units posted
// after it, so a pair is met once; for a denial a unit's denied acts are
// looked up among the other units' acts, from the start of each list.
//
// ps holds the pairs found so far and the scratch lists, shared with
// the story's other kinds of key.
func (ps *pairScratch) keyPairs(units []unit, keys, probes [][]string, factOf []int, found []conflictPair, mark func(*conflictPair)) []conflictPair {
	// A kind of key that no unit gives pairs and marks nothing: most
	// stories give few of the kinds.
	if !slices.ContainsFunc(keys, func(k []string) bool { return len(k) > 0 }) {
		return nil
	}
	symmetric := len(keys) > 0 && &keys[0] == &probes[0]
	met, at := ps.scratch(len(units)) // at: each key's place in its list, when symmetric
	postings := ps.post(units, keys, at, symmetric)
	ps.sync(found)
	seen := ps.seen
	type key = pairKey
	for i := range found {
		p := &found[i]
		if shareKey(probes[p.a], keys[p.b]) || shareKey(probes[p.b], keys[p.a]) {
			mark(p)
		}
	}
	var out []conflictPair
	for i := range units {
		visits := 0
		for k, w := range probes[i] {
			list := postings.of(w)
			from := 0
			if symmetric {
				from = at[i][k] + 1
			}
			for _, j32 := range list[min(from, len(list)):min(from+conflictScan, len(list))] {
				j := int(j32)
				if met[j] == int32(i)+1 || units[j].article == units[i].article || factOf[i] != 0 && factOf[i] == factOf[j] {
					continue
				}
				met[j] = int32(i) + 1
				if visits++; visits > conflictScan {
					break
				}
				x, y := min(i, j), max(i, j)
				if seen[key{x, y}] {
					continue
				}
				seen[key{x, y}] = true
				p := conflictPair{a: x, b: y, words: wordSimilarity(&units[x], &units[y])}
				mark(&p)
				out = append(out, p)
			}
		}
	}
	return out
}

// shareKey reports whether two sorted lists share an element.
func shareKey(a, b []string) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// eventKeys returns the events a unit that gives a day tells, as
// "actor|verb" keys, sorted: a person or organisation of the story it
// names, and the lemma of a verb it writes in an inflected form
// ("resigned", "released", "signed") within eventReach words of a day it
// gives outside quotes, or another name there ("actor|@Fox News"). Two outlets that
// give one actor doing one thing on different days of one week disagree
// on the day. Speech verbs are left out: one person says things on many
// days; an announcement dated right on its verb keys by what its "that"
// clause says ("actor|announce|debate", see announcedOn).
func (cx *conflictContext) eventKeys(u int) []string {
	x := &cx.units[u]
	a := cx.members[x.article]
	actors := cx.actorsOf(u)
	if len(actors) == 0 {
		return nil
	}
	var verbs []string
	addVerbs := func(at storyfold.Span) {
		near := aroundSpan(a, x.span, at, eventReach)
		for w := range near {
			// A past of three letters ("met", "led", "won") is an act
			// too: WordNet gives it another lemma, as it gives none to
			// the short words that are no verb.
			if len(w) < 3 || speechVerbs[w] || nlp.IsStopWord(w) {
				continue
			}
			if l := wordnet.LemmaPOS(w, wordnet.Verb); l != "" && l != w && !slices.Contains(verbs, l) {
				verbs = append(verbs, l)
			}
		}
		// Another name by the day is the event's too: "told Fox News
		// on Sunday", "in an interview with Fox News on Tuesday".
		for _, e := range x.entities {
			if e.typ == storyfold.EntityPerson || e.typ == storyfold.EntityOrg || e.typ == storyfold.EntityPlace {
				if k := "@" + e.name; !slices.Contains(verbs, k) && nameNear(e.name, near) {
					verbs = append(verbs, k)
				}
			}
		}
	}
	for _, d := range x.dates {
		if d.Granularity == storyfold.GranularityDay && d.Date.Known() && !quoted(a, d.Span.Start) {
			addVerbs(d.Span)
			for _, k := range announcedOn(nil, a.Text[x.span.Start:x.span.End], d.Span.Start-x.span.Start, d.Span.End-x.span.Start) {
				if !slices.Contains(verbs, k) {
					verbs = append(verbs, k)
				}
			}
		}
	}
	var out []string
	for _, e := range actors {
		for _, v := range verbs {
			// A name by the day dates a person's act ("Ryan told Fox
			// News on Sunday"); an organisation the sentence names with
			// it is often only the setting ("a White House event", "a
			// Facebook post").
			if v != "@"+e && !(strings.HasPrefix(v, "@") && !cx.personIn(u, e)) {
				out = append(out, e+"|"+v)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// announcedOn returns the "announce|word" keys of an announcing verb
// (conflict_announce.txt) written right by a day of a sentence, from and
// to its span in it, that goes on with a "that" clause: one key for each
// content word of the clause, up to announceReach words ("announced
// Tuesday that he is bowing out as the moderator for a Republican
// presidential debate", "has announced Sunday that he is pulling out of
// his own Dec. 27th debate"). An announcement is an act with its day,
// though its verb is one of speech, which eventKeys leaves out elsewhere;
// one person announces many things, and what the clause says tells
// which ("announced Thursday that he would delay the address" is not
// "announced Friday a short-term plan").
func announcedOn(dst []string, text string, from, to int) []string {
	clean := func(w string) string { return strings.ToLower(strings.Trim(w, ",;:.\"'“”‘’")) }
	announces := func(w string) string {
		w = clean(w)
		if l := wordnet.LemmaPOS(w, wordnet.Verb); l != "" && l != w && announcing[l] {
			return l
		}
		return ""
	}
	before, after := strings.Fields(text[:from]), strings.Fields(text[to:])
	if n := len(before); n > 0 && before[n-1] == "on" {
		before = before[:n-1]
	}
	verb := ""
	switch {
	case len(before) > 0 && !strings.ContainsAny(before[len(before)-1], ",;:") && announces(before[len(before)-1]) != "":
		verb = announces(before[len(before)-1])
	case len(after) > 0 && !strings.HasPrefix(text[to:], ",") && announces(after[0]) != "":
		verb, after = announces(after[0]), after[1:]
	}
	if verb == "" || len(after) == 0 || after[0] != "that" {
		return dst
	}
	for _, w := range after[1:min(len(after), 1+announceReach)] {
		if c := clean(w); len(c) >= 4 && !nlp.IsStopWord(c) {
			dst = append(dst, verb+"|"+c)
		}
		if strings.ContainsAny(w, ",;:") {
			break // an abbreviation's point ("Dec. 27th") ends no clause
		}
	}
	return dst
}

// announceReach bounds the words of an announcement's clause read for its
// keys.
const announceReach = 12

// actors returns the people and organisations a unit names: who may do
// what it tells.
func (x *unit) actors() []string { return x.appendActors(nil) }

// actorsOf returns unit u's actors (see unit.actors), made once for the
// story: the finder asks for them for each kind of key. Callers must not
// modify them.
func (cx *conflictContext) actorsOf(u int) []string {
	if cx.actorLists == nil {
		cx.actorLists = make([][]string, len(cx.units))
		cx.actorsDone = make([]bool, len(cx.units))
	}
	if !cx.actorsDone[u] {
		cx.actorLists[u], cx.actorsDone[u] = cx.units[u].actors(), true
	}
	return cx.actorLists[u]
}

// appendActors appends the unit's actors to dst, so that a caller that
// runs for every unit can keep them on its stack.
func (x *unit) appendActors(dst []string) []string {
	for _, e := range x.entities {
		if e.isActor() {
			dst = append(dst, e.name)
		}
	}
	return dst
}

// nameNear reports whether every word of a name is among the words near
// a day.
func nameNear(name string, near map[string]bool) bool {
	// strings.Fields(strings.ToLower(name)), read in place: the name is
	// lowered on the stack, and each word looked up without a string.
	var buf [64]byte
	lower := nlp.AppendLower(buf[:0], name)
	for i := 0; i < len(lower); {
		r, size := utf8.DecodeRune(lower[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(lower) {
			r, size := utf8.DecodeRune(lower[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		if !near[string(lower[i:j])] {
			return false
		}
		i = j
	}
	return true
}

// acts returns what a unit tells its actors did and did not do, as
// "actor|verb|object" keys, each list sorted: a person or organisation
// of the story it names, the lemma of a verb, and the stem of a content
// word within actReach words after it. The verbs are those it negates
// outside quotes ("did not resign from Congress"), or those it writes in
// the past outside quotes and before any speech verb ("resigned from
// Congress"). One outlet saying an actor did a thing and another that
// the actor did not is a contradiction, however differently the two
// sentences go on ("abruptly did not resign from Congress on Friday
// afternoon", "resigned from Congress on Friday, following multiple
// allegations ..."). A present or a participle ("is running", "wants",
// "declaring an emergency"), a verb after a modal ("can be seen") or in
// the first person ("I served") says less than that an act took place.
func (cx *conflictContext) acts(u int) (did, didNot []string) {
	x := &cx.units[u]
	actors := cx.actorsOf(u)
	if len(actors) == 0 {
		return nil, nil
	}
	a := cx.members[x.article]
	text := a.Text[x.span.Start:x.span.End]
	type word struct {
		w     string
		start int
		info  *cxWord
	}
	toks := cx.tokens(u)
	infos := cx.wordsOf(u)
	words := make([]word, 0, len(toks))
	for i, t := range toks {
		if t.Kind == nlp.Word {
			words = append(words, word{infos[i].lower, int(t.Start), infos[i]})
		}
	}
	// keys adds the keys of the verb at word i, lemma l.
	keys := func(out []string, i int, l string) []string {
		n := 0
		for _, o := range words[i+1 : min(len(words), i+1+actReach)] {
			if o.info.stop || slotWords[o.w] || len(o.w) < 3 || notObject(o.w) {
				continue
			}
			stem := cx.stemOf(o.info)
			for _, e := range actors {
				out = append(out, e+"|"+l+"|"+stem)
			}
			if n++; n == 2 {
				break
			}
		}
		return out
	}
	for _, written := range cx.negation(u).negated {
		at := strings.Index(text, written)
		if at < 0 {
			continue
		}
		end := at + len(written)
		i := slices.IndexFunc(words, func(w word) bool { return w.start >= end }) - 1
		if i < 0 {
			i = len(words) - 1
		}
		if l := cx.verbLemma(words[i].info); l != "" {
			didNot = keys(didNot, i, l)
			// "would not drop out": the modal act is denied too.
			if k := slices.IndexFunc(words, func(w word) bool { return w.start >= at }) - 1; k >= 0 && modals[words[k].w] {
				didNot = keys(didNot, i, words[k].w+" "+l)
			}
		}
	}
	reported, reportedFrom := false, 0
	var described []string // modal acts of relative clauses after a speech verb
	for i, w := range words {
		if reported {
			// A modal act right after a relative "that" or "which"
			// describes the thing named before it, in the outlet's own
			// words, not what was said: "announced her decision to veto
			// legislation on Wednesday that would have allowed
			// businesses", which "a controversial bill that would not
			// allow businesses" contradicts.
			if m := i - 1; m > 1 && len(w.w) >= 4 && !quoted(a, x.span.Start+w.start) {
				if words[m].w == "have" {
					m--
				}
				if modals[words[m].w] && relatives[words[m-1].w] {
					if l := cx.verbLemma(w.info); l != "" {
						described = keys(described, i, words[m].w+" "+l)
					}
				}
			}
			// What someone said happened counts only where a name of the
			// story stands right before a verb in the past: "disputed
			// BuzzFeed's report that said President Donald Trump directed
			// attorney Michael Cohen to lie", which one outlet's "a report
			// that said President Trump had not directed Michael D. Cohen"
			// contradicts.
			if i > 0 && len(w.w) >= 4 && !strings.HasSuffix(w.w, "ing") && !strings.HasSuffix(w.w, "s") && cx.subjectBefore(text, actors, words[i-1].start, w.start) {
				if l := cx.verbLemma(w.info); l != "" && l != w.w {
					did = keys(did, i, l)
				}
			}
			continue
		}
		if w.info.speech {
			// What follows is what someone said happened ("saying he had
			// served"); an announcement in the past is an act itself
			// ("announced Tuesday he'll run").
			if l := cx.verbLemma(w.info); announcing[l] && l != w.w && !quoted(a, x.span.Start+w.start) {
				did = keys(did, i, l)
			}
			if !reported {
				reportedFrom = len(did)
			}
			reported = true
			continue
		}
		if len(w.w) < 4 || w.info.stop || quoted(a, x.span.Start+w.start) || strings.HasSuffix(w.w, "ing") || strings.HasSuffix(w.w, "s") {
			continue
		}
		if i > 0 && words[i-1].info.unasserting {
			// A modal act ("would drop out", "would have allowed")
			// is affirmed as that modal act only.
			m := i - 1
			if m > 0 && words[m].w == "have" {
				m--
			}
			if modals[words[m].w] {
				if l := cx.verbLemma(w.info); l != "" {
					did = keys(did, i, words[m].w+" "+l)
				}
			}
			// "is preparing to issue subpoenas": the coming act, which
			// "will not issue subpoenas" denies.
			if words[i-1].w == "to" && i > 1 && intents[words[i-2].w] {
				if l := cx.verbLemma(w.info); l != "" {
					did = keys(did, i, "will "+l)
				}
			}
			continue
		}
		if l := cx.verbLemma(w.info); l != "" && l != w.w {
			did = keys(did, i, l)
		}
	}
	if reported && cx.reported != nil && len(did) > reportedFrom {
		var only []string
		for _, k := range did[reportedFrom:] {
			if !slices.Contains(did[:reportedFrom], k) {
				only = append(only, k)
			}
		}
		cx.reported[u] = only
	}
	did = append(did, described...)
	slices.Sort(did)
	slices.Sort(didNot)
	return slices.Compact(did), slices.Compact(didNot)
}

// subjectBefore reports whether the word at prev, right before the word
// at at with only a space between, ends the name of one of actors: the
// name is the verb's subject ("President Trump directed").
func (cx *conflictContext) subjectBefore(text string, actors []string, prev, at int) bool {
	w := text[prev:at]
	if strings.TrimRight(w, " ") != strings.TrimSpace(w) || strings.ContainsAny(w, ",;:") {
		return false
	}
	w = strings.TrimSpace(w)
	for _, e := range actors {
		if last := e[strings.LastIndexByte(e, ' ')+1:]; len(last) > 1 && last == w {
			return true
		}
	}
	return false
}

// actReach is how many words after a verb its object may stand: "resigned
// from Congress", "announced Tuesday he'll run".
const actReach = 4

// home is the place a sentence ties a person to: where they come from or
// hold office ("Kevin McCarthy of California", "Texas Democratic Rep.
// Maxine Waters", "former Michigan Republican Party Chairman Saul
// Anuzis").
type home struct{ person, place string }

// homeWords bounds the words between a person's name and their place.
const homeWords = 6

// homes returns the places a unit ties its people to, one per person,
// sorted by person: a place before the name with only titles, roles and
// homeLinks between, or after it as "of PLACE" or an appositive of such
// words ending in a homeEnds word (", the former Republican chairman in
// Michigan"). Where a person is ("Trump, speaking at a rally in Ohio")
// is not their place: a verb between breaks the tie.
func (cx *conflictContext) homes(u int) []home {
	x := &cx.units[u]
	a := cx.members[x.article]
	type mention struct {
		name string
		span storyfold.Span
	}
	var people, places []mention
	for _, e := range x.entities {
		if e.typ != storyfold.EntityPerson && e.typ != storyfold.EntityPlace {
			continue
		}
		for _, m := range cx.mentionsIn(x.article, e.name, x.span) {
			if e.typ == storyfold.EntityPerson {
				people = append(people, mention{e.name, m})
			} else {
				places = append(places, mention{e.name, m})
			}
		}
	}
	var out []home
	for _, p := range people {
		if slices.ContainsFunc(out, func(h home) bool { return h.person == p.name }) {
			continue
		}
		for _, l := range places {
			var ok bool
			switch {
			case l.span.End <= p.span.Start:
				ok = titled(a.Text[l.span.End:p.span.Start])
			case l.span.Start >= p.span.End:
				ok = appositive(a.Text[p.span.End:l.span.Start])
			}
			if ok {
				out = append(out, home{p.name, l.name})
				break
			}
		}
	}
	slices.SortFunc(out, func(x, y home) int { return strings.Compare(x.person, y.person) })
	return out
}

// titled reports whether the text between a place and a name is a title
// ("Democratic Rep.", "Republican Party Chairman", "Gov."), so the place
// is the person's.
func titled(between string) bool {
	words := strings.Fields(between)
	if len(words) == 0 || len(words) > homeWords || strings.ContainsAny(between, ",;:()\n") {
		return false
	}
	// A second title joined by "and" may name its body ("former Arkansas
	// governor and Fox News contributor Mike Huckabee"): the place still
	// ties to the one person both titles are of.
	joined := false
	for i, w := range words {
		switch {
		case homeLinks[strings.ToLower(w)] || nlp.IsTitleWord(w) || nlp.IsRoleWord(w):
		case w == "and" && !joined && i > 0 && nlp.IsRoleWord(words[i-1]):
			joined = true
		case joined && startsUpper(w):
		// The second title's head need be no role word of the lists
		// ("contributor"): a lower-case word right after its
		// capitalised body and right before the name.
		case joined && i == len(words)-1 && i > 0 && startsUpper(words[i-1]) && len(w) > 3 && !nlp.IsStopWord(w) && strings.ToLower(w) == w:
			return true
		default:
			return false
		}
	}
	return nlp.IsRoleWord(words[len(words)-1]) || nlp.IsTitleWord(words[len(words)-1])
}

// appositive reports whether the text between a name and a place ties
// the place to the person: " of " alone, or ", the former Republican
// chairman in ".
func appositive(between string) bool {
	if strings.TrimSpace(between) == "of" {
		return true
	}
	rest, ok := strings.CutPrefix(between, ", ")
	if !ok || strings.ContainsAny(rest, ",;:()\n") {
		return false
	}
	words := strings.Fields(rest)
	if len(words) < 2 || len(words) > homeWords || !homeEnds[words[len(words)-1]] {
		return false
	}
	role := false
	for _, w := range words[:len(words)-1] {
		switch {
		case nlp.IsRoleWord(w):
			role = true
		case homeLinks[strings.ToLower(w)] || nlp.IsTitleWord(w):
		default:
			return false
		}
	}
	return role
}

// homeDiffers reports whether two units tie one person to two places,
// neither within the other: "Kevin McCarthy of California", "Kevin
// McCarthy of Texas".
func (cx *conflictContext) homeDiffers(a, b int) (conflictValue, conflictValue, bool) {
	ha, hb := cx.homes(a), cx.homes(b)
	for _, x := range ha {
		for _, y := range hb {
			if x.person != y.person || x.place == y.place || sameOrWithin(x.place, y.place) || variantSpelling(x.place, y.place) {
				continue
			}
			// A place the gazetteer does not place ("Maricopa County,
			// Ariz.") may lie within the other ("Arizona").
			if !placed(x.place) || !placed(y.place) {
				continue
			}
			return conflictValue{side: x.place, written: x.place, key: strings.ToLower(x.place)}, conflictValue{side: y.place, written: y.place, key: strings.ToLower(y.place)}, true
		}
	}
	return conflictValue{}, conflictValue{}, false
}

// settings returns the distinct stems of the content words within
// slotReach words of the days a unit gives, sorted. Figures found no
// more changes on the tuning stories this way, and places are left out:
// two sentences of one story name different places beside the same
// words without disagreeing ("Ukraine must be at the table", "Europe
// must be at the table").
func (cx *conflictContext) settings(u int) []string {
	x := &cx.units[u]
	a := cx.members[x.article]
	stems := map[string]bool{}
	add := func(words map[string]bool) {
		for w := range words {
			if !slotWords[w] && !nlp.IsStopWord(w) && len(w) > 2 {
				stems[cx.stems.Stem([]byte(w))] = true
			}
		}
	}
	for _, d := range x.dates {
		if d.Granularity == storyfold.GranularityDay && d.Date.Known() && !quoted(a, d.Span.Start) {
			add(aroundSpan(a, x.span, d.Span, slotReach))
		}
	}
	out := make([]string, 0, len(stems))
	for w := range stems {
		out = append(out, w)
	}
	slices.Sort(out)
	return out
}

// wordSimilarity is the weighted Dice coefficient of two units' words and
// names, their figures and days aside: how far two sentences make one
// claim whatever figure or day they give. Fewer than three shared terms,
// or none a word, score 0.
func wordSimilarity(a, b *unit) float64 {
	var shared, wa, wb float64
	n, words := 0, 0
	for _, t := range a.terms {
		if !t.figure {
			wa += t.w
		}
	}
	for _, t := range b.terms {
		if !t.figure {
			wb += t.w
		}
	}
	eachShared(a, b, func(t *term) {
		if !t.figure {
			shared += t.w
			n++
			if t.said {
				words++
			}
		}
	})
	if n < 3 || words == 0 || wa+wb == 0 {
		return 0
	}
	return 2 * shared / (wa + wb)
}

// kindConflicts joins the pairs that differ in one kind into conflicts:
// units linked by differing pairs form one claim, and its sides are the
// values its units give.
func (cx *conflictContext) kindConflicts(k conflictKind, pairs []conflictPair, fams familySet) []storyfold.Conflict {
	parent := map[int]int{}
	var find func(int) int
	find = func(x int) int {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	value := map[int]conflictValue{}
	type ruledPair struct {
		a    int
		rule string
	}
	var joined []ruledPair
	for _, p := range pairs {
		if k.homes && !p.home || k.seats && !p.seat || k.wheres && (!p.where || p.words < k.need) || k.journeys && (!p.journey || p.words < k.need) || k.compounds && (!p.compound || p.words < k.need) || k.roles && (!p.role || p.words < k.need) || k.sameLead && (otherLeads(&cx.units[p.a], &cx.units[p.b]) && !cx.whoseLead(p.a, p.b) && !cx.whoseLead(p.b, p.a) || cx.otherDirections(p.a, p.b)) || p.grouped && p.words < k.grouped && !(k.denials && p.denial && p.words >= denialPair) || !p.grouped && p.words < k.need && !(k.events && (p.event || p.act || p.deed || p.lede || p.words >= eventPair)) && !(k.cues && (p.cue || p.quoted || p.phrased) && p.words >= cuePair) && !(k.denials && p.denial && p.words >= denialPair) && !(k.figures && (p.figure || p.event || p.act || p.spent) && p.words >= figurePair) {
			continue
		}
		cx.pair, cx.rule = p, ""
		va, vb, ok := k.differ(cx, p.a, p.b)
		if !ok {
			continue
		}
		rule := cx.pairRule(k, p)
		if rule == RulePredicate && p.words < predicatePair {
			continue
		}
		// A unit keeps the value it first differed with: one claim, one
		// value per sentence.
		if old, seen := value[p.a]; seen && old.key != va.key || func() bool { old, seen := value[p.b]; return seen && old.key != vb.key }() {
			continue
		}
		value[p.a], value[p.b] = va, vb
		parent[find(p.a)] = find(p.b)
		joined = append(joined, ruledPair{p.a, rule})

	}
	// A conflict is its kind's own rule's when any of its pairs is, and
	// else the narrower rule of its first pair: the rule it would not be
	// found without.
	ruleOf := map[int]string{}
	for _, j := range joined {
		r := find(j.a)
		if old, ok := ruleOf[r]; !ok || j.rule == k.rule && old != k.rule {
			ruleOf[r] = j.rule
		}
	}
	comps := map[int][]int{}
	for u := range value {
		r := find(u)
		comps[r] = append(comps[r], u)
	}
	roots := make([]int, 0, len(comps))
	for r, us := range comps {
		slices.Sort(us)
		roots = append(roots, r)
	}
	slices.SortFunc(roots, func(x, y int) int { return comps[x][0] - comps[y][0] })
	var out []storyfold.Conflict
	for _, r := range roots {
		var sides []*side
		var keys []string
		seen := map[string]bool{}
		for _, u := range comps[r] {
			v := value[u]
			i := slices.Index(keys, v.key)
			if i < 0 {
				keys = append(keys, v.key)
				sides = append(sides, &side{value: v.side, fams: map[int]bool{}})
				i = len(sides) - 1
			}
			if v.figure != nil && !v.figure.Approx && strings.HasPrefix(sides[i].value, "about ") {
				sides[i].value = v.side // an exact figure names the side better than a hedged one
			}
			c := claim(cx.units, cx.members, u, v.written)
			id := c.Article + fmt.Sprint(c.Sentence)
			if seen[id] {
				continue
			}
			seen[id] = true
			sides[i].claims = append(sides[i].claims, c)
			sides[i].fams[fams.source[cx.units[u].article]] = true
		}
		if len(sides) >= 2 {
			out = append(out, finish(k.kind, ruleWhat[ruleOf[r]], sides, cx.members))
		}
	}
	return out
}

// whoseLead reports whether unit a writes the person unit b opens with
// followed by a "whose" clause ("Hutchinson called up Mark Mattioli,
// whose 6-year-old son, James Mattioli, was killed" against "Mark
// Mattioli, whose 6-year-old son, James, was killed"): what that clause
// gives is told of b's lead, whoever leads a, so the two are not led by
// different people for its figure, day or place.
func (cx *conflictContext) whoseLead(a, b int) bool {
	x := &cx.units[a]
	text := cx.members[x.article].Text[x.span.Start:x.span.End]
	for _, l := range cx.units[b].leads {
		for at := 0; ; {
			k := strings.Index(text[at:], l)
			if k < 0 {
				break
			}
			at += k + len(l)
			if strings.HasPrefix(text[at:], ", whose ") {
				return true
			}
		}
	}
	return false
}

// figureDiffers compares, kind by kind, the figure each unit gives when
// it gives exactly one of that kind: they differ when further apart than
// rounding and their hedges allow ("nearly 1.5 hours" is "90 minutes").
func (cx *conflictContext) figureDiffers(a, b int) (conflictValue, conflictValue, bool) {
	if len(cx.units[a].quantities) == 0 || len(cx.units[b].quantities) == 0 {
		return conflictValue{}, conflictValue{}, false
	}
	if x, y, ok := cx.labelled(a, b); ok {
		cx.rule = RuleLabel
		return figureValue(x), figureValue(y), true
	}
	if cx.pair.spent {
		if x, y, ok := cx.actFiguresDiffer(a, b); ok {
			cx.rule = RuleSpent
			return figureValue(x), figureValue(y), true
		}
	}
	// The kinds (kind and unit) each unit gives exactly one figure of,
	// read into lists on the stack: this runs for most pairs compared,
	// and a unit gives a few figures at most.
	var bufA, bufB [8]loneFigure
	qa, qb := loneFigures(bufA[:0], cx.units[a].quantities), loneFigures(bufB[:0], cx.units[b].quantities)
	var bufK [8][2]int
	keys := bufK[:0] // places in qa and qb of the kinds both give one of
	for i, x := range qa {
		for j, y := range qb {
			if x.kind == y.kind && x.unit == y.unit {
				keys = append(keys, [2]int{i, j})
				break
			}
		}
	}
	// In the order of the kinds' keys ("count/", "money/USD"), as they
	// were sorted when they were strings.
	slices.SortFunc(keys, func(x, y [2]int) int { return compareFigureKeys(qa[x[0]], qa[y[0]]) })
	for _, k := range keys {
		x, y := cx.units[a].quantities[qa[k[0]].idx], cx.units[b].quantities[qb[k[1]].idx]
		// Two sentences of one fact, each giving one figure of the kind,
		// give it for that fact ("five weeks in advance of his election",
		// "two weeks before the Israeli elections"); others need the
		// figure's setting to match.
		// A bare number ("a 48-page indictment", "thousands") or a second
		// figure of the kind ("the No. 2 job", "No. 3 position") may be of
		// something else.
		// A count of one named thing ("52 districts", "32 districts") is
		// of that thing, whatever other counts the sentence lists ("50 of
		// our members ..., 89 freshmen ..., and 32 districts").
		lone := x.Unit != "" && (cx.kindCount(a, x.Kind) == 1 && cx.kindCount(b, y.Kind) == 1 || x.Kind == storyfold.QuantityCount) && cx.closeGrouped()
		// Figures for different periods, or that one sentence gives
		// both of, are no contradiction.
		if sameFigure(x, y) || inRange(x, y) || inRange(y, x) || cx.valueSlot(a, x.Span, b, y.Span) == 0 && !lone || cx.measureDiffers(a, x, b, y) || cx.statesBoth(a, x, b, y) ||
			x.Kind != storyfold.QuantityDuration && cx.otherPeriods(a, b) {
			continue
		}
		return figureValue(x), figureValue(y), true
	}
	return conflictValue{}, conflictValue{}, false
}

// labelled returns the numbers two units give as the same label, a
// capitalised word right before a bare number ("Amendment 64",
// "Amendment 34"), when they differ: a number that names a measure, a
// flight or a section tells which one, whatever other numbers the
// sentences give.
func (cx *conflictContext) labelled(a, b int) (storyfold.Quantity, storyfold.Quantity, bool) {
	label := func(u int, q storyfold.Quantity) string {
		if q.Unit != "" || q.Approx || q.Max != 0 {
			return ""
		}
		x := &cx.units[u]
		before := cx.members[x.article].Text[x.span.Start:q.Span.Start]
		if !strings.HasSuffix(before, " ") {
			return ""
		}
		before = strings.TrimSuffix(before, " ")
		w := before[strings.LastIndexAny(before, " \n(")+1:]
		if len(w) < 3 || w[0] < 'A' || w[0] > 'Z' || strings.ToLower(w) == w || nlp.IsStopWord(strings.ToLower(w)) || strings.ContainsAny(w, ".,;:'’\"“”") {
			return ""
		}
		return w
	}
	for _, x := range cx.units[a].quantities {
		la := label(a, x)
		if la == "" {
			continue
		}
		for _, y := range cx.units[b].quantities {
			if label(b, y) == la && x.Kind == y.Kind && !sameFigure(x, y) {
				return x, y, true
			}
		}
	}
	return storyfold.Quantity{}, storyfold.Quantity{}, false
}

// kindCount counts a unit's figures of a kind, whatever their units.
func (cx *conflictContext) kindCount(u int, kind storyfold.QuantityKind) int {
	n := 0
	for _, q := range cx.units[u].quantities {
		if q.Kind == kind {
			n++
		}
	}
	return n
}

func figureValue(q storyfold.Quantity) conflictValue {
	return conflictValue{side: quantity.Written(q), written: q.Text, key: fmt.Sprintf("%s/%s/%g", q.Kind, q.Unit, roundSignificant(q.Value)), figure: &q}
}

// dateDiffers compares the day each unit gives when it gives exactly one:
// "on Wednesday" read against its article's date, "February 12" as it
// stands. Two weekdays written alike are one day, whatever the articles'
// dates: a rewrite published days later keeps the original's "on
// Tuesday".
func (cx *conflictContext) dateDiffers(a, b int) (conflictValue, conflictValue, bool) {
	if len(cx.units[a].dates) == 0 || len(cx.units[b].dates) == 0 {
		return conflictValue{}, conflictValue{}, false
	}
	// A day inside a quote ("after today") is the speaker's, not the
	// outlet's account of when.
	days := func(u int) []storyfold.DateMention {
		var out []storyfold.DateMention
		a := cx.members[cx.units[u].article]
		for _, d := range cx.units[u].dates {
			if d.Granularity == storyfold.GranularityDay && d.Date.Known() && !quoted(a, d.Span.Start) && !showName(d, cx.units[u].span) {
				out = append(out, d)
			}
		}
		return out
	}
	da, db := days(a), days(b)
	if len(da) == 0 || len(db) == 0 {
		return conflictValue{}, conflictValue{}, false
	}
	// A day both give is their common ground; the others may be of other
	// events ("named Saturday, told Fox News on Sunday").
	ra, rb := unmatchedDays(da, db), unmatchedDays(db, da)
	if len(ra) == 0 || len(rb) == 0 {
		return conflictValue{}, conflictValue{}, false
	}
	best, slot := [2]int{-1, -1}, 0
	for i, x := range ra {
		for j, y := range rb {
			if wa, wb := weekdayIn(x.Text), weekdayIn(y.Text); wa != "" && wa == wb {
				continue
			}
			// A day in a clause of another event ("after the summary was
			// released Sunday") is compared only with such a day, or
			// with a day of the same act ("ever since the governor
			// signed it into law on Tuesday", "which he signed into law
			// on Thursday").
			if (cx.subordinateDay(a, x) != cx.subordinateDay(b, y) || cx.plannedDay(a, x) != cx.plannedDay(b, y)) && !cx.sameAct(a, x.Span, b, y.Span) {
				continue
			}
			if n := cx.valueSlot(a, x.Span, b, y.Span); n > slot || best[0] < 0 {
				best, slot = [2]int{i, j}, n
			}
		}
	}
	if best[0] < 0 {
		return conflictValue{}, conflictValue{}, false
	}
	// Two sentences the alignment holds to be one claim (or whose words
	// are close), each giving one day, give it for that claim: "endorsed
	// the plan on Monday" and "announced on Tuesday she will endorse the
	// plan" need share no word around the day. Days weeks apart in two
	// such sentences are of two events (a letter sent on Aug. 6, a
	// statement on Tuesday). Otherwise the day's setting must match, and
	// more closely where a sentence gives several days: the one that
	// differs may be of another event of the sentence.
	x, y := ra[best[0]], rb[best[1]]
	gap := math.Abs(x.Date.Sub(y.Date.Time).Hours()) / 24
	single := len(da) == 1 && len(db) == 1
	near := cx.pair.grouped && cx.pair.words >= groupedDatePair || cx.pair.words >= closeDatePair
	switch {
	// Articles that each give both days elsewhere know both events (the
	// vote on Tuesday, the resignation on Wednesday): without a shared
	// setting, the days are of the two.
	case single && near && gap <= sameWeek && !(cx.givesDay(cx.units[b].article, x, cx.units[a].article) && cx.givesDay(cx.units[a].article, y, cx.units[b].article)):
	case single && slot >= 1 && cx.pair.words >= datePair:
	// One actor doing one thing on two days of one week, each sentence
	// giving one day: the outlets disagree on when.
	case single && (cx.pair.event || cx.pair.act) && cx.pair.words >= eventPair && gap <= sameWeek && !(cx.givesDay(cx.units[b].article, x, cx.units[a].article) && cx.givesDay(cx.units[a].article, y, cx.units[b].article)):
	case slot >= 2 && (cx.pair.grouped || cx.pair.words >= datePair || cx.pair.event || cx.pair.act):
	// The same words quoted in both, from a person both name, each
	// sentence giving one day: the day the words were said or written
	// ("On Wednesday, the aide, Elizabeth Lauten, ... wrote ... “try
	// showing a little class”", "Elizabeth Lauten wrote ... Friday that
	// ... should "try showing a little class"").
	case single && gap <= sameWeek && cx.pair.words >= eventPair && cx.sameQuoted(a, b):
		cx.rule = RuleQuoteDay
	// One act in the past by each day, in the same setting: the days
	// date that act.
	case slot >= 1 && gap <= sameWeek && cx.sameAct(a, x.Span, b, y.Span):
		cx.rule = RuleActDay
	// One actor's act, each sentence giving one day and the same verb by
	// it with another word around it: the act's own words are the
	// setting, so articles that each give both days elsewhere still
	// disagree ("Mitt Romney joined several other Republicans Sunday in
	// calling on", "Mitt Romney on Tuesday joined a chorus of Republicans
	// calling for").
	case single && (cx.pair.event || cx.pair.act) && gap <= sameWeek && cx.sameAct(a, x.Span, b, y.Span):
		cx.rule = RuleActDay
	// One actor's act with one object, the verb anywhere in the
	// sentence ("announced Tuesday he'll run", "who has announced his
	// run for the presidency on Sunday"), or one person's interview with
	// one partner ("using an interview with Fox News"): read as the
	// event pairs are.
	case single && cx.pair.deed && cx.pair.words >= eventPair && gap <= sameWeek && !(cx.givesDay(cx.units[b].article, x, cx.units[a].article) && cx.givesDay(cx.units[a].article, y, cx.units[b].article)):
		cx.rule = RuleActDay
	// Two ledes on one person, each giving one day, tell the story's act
	// in their own words: they need share no word but the person, and
	// each article must have been out by both days (see knownBy).
	case single && cx.pair.lede && gap <= sameWeek && !(cx.givesDay(cx.units[b].article, x, cx.units[a].article) && cx.givesDay(cx.units[a].article, y, cx.units[b].article)) && cx.knownBy(a, b, x, y):
		cx.rule = RuleLedeDay
	default:
		return conflictValue{}, conflictValue{}, false
	}
	val := func(d storyfold.DateMention) conflictValue {
		side := d.Date.Format("Monday 2 January 2006")
		return conflictValue{side: side, written: d.Text, key: d.Date.Format("2006-01-02")}
	}
	return val(x), val(y), true
}

// givesDay reports whether an article gives the day of a mention.
//
// A day the article gives to an interview ("in a Monday interview with
// The Washington Post", "in an interview Tuesday") dates that sitting,
// another occasion than an act, and is not counted unless the day d,
// given in the article from, is an interview's too.
func (cx *conflictContext) givesDay(article int, d storyfold.DateMention, from int) bool {
	sitting := sittingDay(cx.members[from], d.Span)
	return slices.ContainsFunc(cx.members[article].Dates, func(m storyfold.DateMention) bool {
		return m.Granularity == storyfold.GranularityDay && m.Date.Known() && m.Date.Equal(d.Date.Time) &&
			(sitting || !sittingDay(cx.members[article], m.Span))
	})
}

// sittingReach is how many words on each side of a day sittingDay reads.
const sittingReach = 2

// sittingDay reports whether a day of an article stands within
// sittingReach words of a noun of a sitting (conflict_sittings.txt): "a
// Monday interview", "in an interview on Tuesday".
func sittingDay(a *storyfold.Article, s storyfold.Span) bool {
	if s.End == 0 || s.End > len(a.Text) {
		return false
	}
	clean := func(w string) string { return strings.ToLower(strings.Trim(w, ",;:.\"'“”‘’()")) }
	before := strings.Fields(a.Text[max(0, s.Start-60):s.Start])
	after := strings.Fields(a.Text[s.End:min(len(a.Text), s.End+60)])
	for i := 0; i < sittingReach; i++ {
		if i < len(before) && sittings[clean(before[len(before)-1-i])] {
			return true
		}
		if i < len(after) && sittings[clean(after[i])] {
			return true
		}
		// A clause ends the reach: "said Tuesday. In an interview".
		if i < len(after) && strings.ContainsAny(after[i], ".;") {
			break
		}
	}
	return false
}

// showName reports whether a relative day is written as a name, with a
// capital inside its sentence: the "Today" of the “Today” show.
func showName(d storyfold.DateMention, sentence storyfold.Span) bool {
	return d.Span.Start > sentence.Start && (strings.HasPrefix(d.Text, "Today") || strings.HasPrefix(d.Text, "Tonight"))
}

// unmatchedDays returns the days of a that b does not give.
func unmatchedDays(a, b []storyfold.DateMention) []storyfold.DateMention {
	var out []storyfold.DateMention
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y storyfold.DateMention) bool { return x.Date.Equal(y.Date.Time) }) {
			out = append(out, x)
		}
	}
	return out
}

var weekdayNames = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// valueSlot counts the content words (by stem) within slotReach words of
// two values that both have: the values' shared setting. Two sentences of
// one story often give two days or figures for two events ("released
// Sunday", "revealed on Thursday"); a changed value keeps its setting.
func (cx *conflictContext) valueSlot(a int, sa storyfold.Span, b int, sb storyfold.Span) int {
	ua, ub := &cx.units[a], &cx.units[b]
	wa := aroundSpan(cx.members[ua.article], ua.span, sa, slotReach)
	wb := aroundSpan(cx.members[ub.article], ub.span, sb, slotReach)
	stems := map[string]bool{}
	for w := range wa {
		if !slotWords[w] && !nlp.IsStopWord(w) && len(w) > 2 {
			stems[cx.stems.Stem([]byte(w))] = true
		}
	}
	n := 0
	for w := range wb {
		if !slotWords[w] && !nlp.IsStopWord(w) && len(w) > 2 {
			if st := cx.stems.Stem([]byte(w)); stems[st] {
				n++
				delete(stems, st)
			}
		}
	}
	return n
}

// quoteRun is how many words in a row two sentences must quote alike for
// sameQuoted.
const quoteRun = 5

// sameQuoted reports whether two units quote quoteRun words in a row
// alike and name one person.
func (cx *conflictContext) sameQuoted(a, b int) bool {
	ua, ub := &cx.units[a], &cx.units[b]
	if !slices.ContainsFunc(ua.entities, func(e entityRef) bool {
		return e.typ == storyfold.EntityPerson && slices.ContainsFunc(ub.entities, func(f entityRef) bool { return f.typ == e.typ && f.name == e.name })
	}) {
		return false
	}
	wa := cx.quotedWords(ua)
	if len(wa) <= quoteRun {
		return false
	}
	wb := cx.quotedWords(ub)
	for i := 0; i+quoteRun <= len(wa); i++ {
		run := wa[i : i+quoteRun]
		if slices.Contains(run, "") {
			continue
		}
		for j := 0; j+quoteRun <= len(wb); j++ {
			if slices.Equal(run, wb[j:j+quoteRun]) {
				return true
			}
		}
	}
	return false
}

// quotedWords returns the lower-case words a unit quotes, a quote's
// last followed by "": quotes do not run into each other.
func (cx *conflictContext) quotedWords(u *unit) []string {
	art := cx.members[u.article]
	var out []string
	for _, q := range art.Quotes {
		if q.Span.End <= u.span.Start || q.Span.Start >= u.span.End {
			continue
		}
		from, to := max(q.Span.Start, u.span.Start), min(q.Span.End, u.span.End)
		for _, w := range strings.FieldsFunc(art.Text[from:to], func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' }) {
			out = append(out, strings.ToLower(w))
		}
		out = append(out, "")
	}
	return out
}

// sameAct reports whether the same act, a verb in the past and not one
// of speech, stands within eventReach words of two days, with another
// content word both share there: "the governor signed it into law on
// Tuesday", "which he signed into law on Thursday". Two sentences that
// share little else (one names the governor, the other "he") then date
// one act, and pairs that share only eventPair of their words are read
// for it. The shared word besides the verb, most often its object or
// complement ("law", "guilty"), keeps apart acts that recur with other
// objects ("met the president on Monday", "met reporters on Thursday").
func (cx *conflictContext) sameAct(a int, sa storyfold.Span, b int, sb storyfold.Span) bool {
	ua, ub := &cx.units[a], &cx.units[b]
	around := func(u *unit, s storyfold.Span) (acts, words []string) {
		for w := range aroundSpan(cx.members[u.article], u.span, s, eventReach) {
			if len(w) < 3 || nlp.IsStopWord(w) || weekdayIn(w) != "" {
				continue
			}
			words = append(words, w)
			if len(w) < 3 || speechVerbs[w] || attributionVerbs[w] || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "s") {
				continue
			}
			if l := wordnet.LemmaPOS(w, wordnet.Verb); l != "" && l != w {
				acts = append(acts, l)
			}
		}
		return acts, words
	}
	xa, wa := around(ua, sa)
	if len(xa) == 0 {
		return false
	}
	xb, wb := around(ub, sb)
	for _, l := range xb {
		if !slices.Contains(xa, l) {
			continue
		}
		for _, w := range wb {
			if slices.Contains(wa, w) && wordnet.LemmaPOS(w, wordnet.Verb) != l {
				return true
			}
		}
	}
	return false
}

// weekdayIn returns the weekday a date mention writes, if any.
func weekdayIn(s string) string {
	s = strings.ToLower(s)
	for _, w := range weekdayNames {
		if strings.Contains(s, w) {
			return w
		}
	}
	return ""
}

// entityDiffers returns the comparison of entities of one type that two
// units give in the same slot: "between Washington and Moscow" against
// "between Pyongyang and Washington". Spelling variants are one story
// entity already, a capital is its country, and a place within another
// ("the Kremlin", "Moscow") is no conflict.
func entityDiffers(typ storyfold.EntityType) func(cx *conflictContext, a, b int) (conflictValue, conflictValue, bool) {
	return func(cx *conflictContext, a, b int) (conflictValue, conflictValue, bool) {
		if len(cx.units[a].entities) == 0 || len(cx.units[b].entities) == 0 {
			return conflictValue{}, conflictValue{}, false
		}
		names := func(out []string, u int) []string {
			for _, e := range cx.units[u].entities {
				if e.typ == typ {
					out = append(out, e.name)
				}
			}
			return out
		}
		// A unit names a few entities: their lists start on the stack.
		var bufA, bufB [8]string
		na, nb := names(bufA[:0], a), names(bufB[:0], b)
		for _, x := range na {
			if slices.Contains(nb, x) {
				continue
			}
			for _, y := range nb {
				if slices.Contains(na, y) || sameOrWithin(x, y) || shareWord(x, y) || variantSpelling(x, y) ||
					typ == storyfold.EntityOrg && initialsOf(x, y) {
					continue
				}
				// Two different places in the same words are of one slot;
				// two close sentences that each name one place the other
				// does not name it for their claim (see lonePlaces).
				if !cx.sameSlot(a, x, b, y) && !(typ == storyfold.EntityPlace && (cx.lonePlaces(a, na, b, nb) || cx.closeGrouped() && cx.sameLead(a, x, b, y))) {
					continue
				}
				// "Columbus, Ohio" against "Ohio": the other sentence names
				// the place this one's lies within, and this one does not
				// (both name Russia: Moscow and Pyongyang still differ).
				if typ == storyfold.EntityPlace && (holds(only(na, nb), y, x) || holds(only(nb, na), x, y)) {
					continue
				}
				return conflictValue{side: x, written: x, key: strings.ToLower(x)}, conflictValue{side: y, written: y, key: strings.ToLower(y)}, true
			}
		}
		return conflictValue{}, conflictValue{}, false
	}
}

// closeGrouped reports whether the pair being compared is one the
// alignment put in one fact and whose words are close enough that a
// value each gives once is the fact's value, wherever it stands.
func (cx *conflictContext) closeGrouped() bool {
	return cx.pair.grouped && cx.pair.words >= groupedValuePair
}

// outermost returns the places of a list that lie within no other of
// it, by the gazetteer or as the sentence writes them ("Columbus, Ohio"
// is one place, Ohio).
func outermost(places []string, inner map[string]bool) []string {
	var out []string
	for i, p := range places {
		if inner[p] {
			continue
		}
		if !slices.ContainsFunc(places, func(q string) bool {
			return q != places[i] && slices.Contains(placeChain(p)[1:], placeChain(q)[0])
		}) {
			out = append(out, p)
		}
	}
	return out
}

// only returns the names of a that b does not give.
func only(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// within reports whether a sentence that names places names one that
// place lies within or that lies within it.
func within(places []string, place string) bool {
	return slices.ContainsFunc(places, func(p string) bool { return sameOrWithin(p, place) })
}

// holds reports whether a sentence that names places names one that
// place lies within, or one within it, save a place that also holds the
// other sentence's place: "born in the United States and has sent
// investigators to Hawaii" does not excuse "sent his own investigators to
// Florida", as the United States holds both states and Hawaii is not
// Florida.
func holds(places []string, place, other string) bool {
	return slices.ContainsFunc(places, func(p string) bool {
		return sameOrWithin(p, place) && !containsBoth(p, place, other)
	})
}

// containsBoth reports whether place p lies above both x and y, being
// neither of them.
func containsBoth(p, x, y string) bool {
	top := placeChain(p)[0]
	cx, cy := placeChain(x), placeChain(y)
	return cx[0] != top && cy[0] != top && slices.Contains(cx[1:], top) && slices.Contains(cy[1:], top)
}

// sameOrWithin reports whether two places are one, or one lies within the
// other: the Kremlin and Moscow, Moscow and Russia, the U.S. and America.
func sameOrWithin(x, y string) bool {
	cx, cy := placeChain(x), placeChain(y)
	return slices.Contains(cx, cy[0]) || slices.Contains(cy, cx[0])
}

// placed reports whether the gazetteer knows where a place lies: it is a
// country or a capital, or it lies within another place.
func placed(p string) bool {
	return len(placeChain(p)) > 1 || nlp.IsPlace(p)
}

// placeChain returns a place under its usual name, then the places it
// lies within, largest last.
func placeChain(p string) []string {
	norm := func(p string) string {
		if a, ok := placeAlias[strings.ToLower(p)]; ok {
			return a
		}
		return p
	}
	chain := []string{norm(p)}
	for len(chain) < 8 {
		last := chain[len(chain)-1]
		next, ok := placeParent[strings.ToLower(last)]
		if !ok {
			if c := nlp.CountryOf(last); c != last {
				next, ok = c, true
			}
		}
		if !ok {
			break
		}
		next = norm(next)
		if slices.Contains(chain, next) {
			break
		}
		chain = append(chain, next)
	}
	return chain
}

// actorDiffers compares who did or said what two units report: the
// speakers each credits (the people named next to a speech verb), or,
// between near-identical sentences, a person in another's place. A joint
// statement ("Schumer and Pelosi said") credited to one of its authors is
// no conflict, nor is a sentence that names the other's speaker at all.
func (cx *conflictContext) actorDiffers(a, b int) (conflictValue, conflictValue, bool) {
	sa, sb := cx.speakersOf(a), cx.speakersOf(b)
	if len(sa) > 0 && len(sb) > 0 {
		// Each credits someone the other does not: "Pelosi and Smith
		// said" against "Pelosi and Schumer said". A joint statement
		// credited to one of its authors leaves one side with no one.
		xa, xb := unshared(sa, sb), unshared(sb, sa)
		if len(xa) == 0 || len(xb) == 0 || cx.names(a, xb) || cx.names(b, xa) {
			return conflictValue{}, conflictValue{}, false
		}
		// Two sentences crediting two people with merely similar words
		// are often two statements: their words must be close.
		if cx.pair.words < speakerPair && !((cx.pair.cue || cx.pair.quoted || cx.pair.phrased) && cx.pair.words >= cuePair) {
			return conflictValue{}, conflictValue{}, false
		}
		if cx.pair.words < speakerPair && !cx.pair.cue && !cx.pair.quoted {
			cx.rule = RulePhrase // met by their unquoted words alone
		}
		// Two people each given a role, the roles sharing no word
		// ("President Volodymyr Zelenskyy", "NATO Secretary General Mark
		// Rutte"), are two people the writers knew apart: each said much
		// the same. One role written two ways ("economic adviser John
		// Smith", "Larry Summers, the outgoing chairman of the National
		// Economic Council") is one speaker named two ways.
		if len(xa) == 1 && len(xb) == 1 {
			ra, rb := cx.role(a, xa[0]), cx.role(b, xb[0])
			if len(ra) > 0 && len(rb) > 0 && !sharesKey(ra, rb) {
				return conflictValue{}, conflictValue{}, false
			}
		}
		x, y := strings.Join(xa, " and "), strings.Join(xb, " and ")
		return conflictValue{side: x, written: x, key: strings.ToLower(x)}, conflictValue{side: y, written: y, key: strings.ToLower(y)}, true
	}
	if cx.pair.words < actorPair || similarity(&cx.units[a], &cx.units[b]) < personSlot {
		return conflictValue{}, conflictValue{}, false
	}
	return entityDiffers("person")(cx, a, b)
}

// role returns the words a unit describes a person with: up to
// roleWords words right before the name ("NATO Secretary General"), and
// the phrase between commas after it ("Larry Summers, the outgoing
// chairman of the council,"), stop words aside.
func (cx *conflictContext) role(u int, name string) map[string]bool {
	x := &cx.units[u]
	a := cx.members[x.article]
	out := map[string]bool{}
	var mention storyfold.Span
	for _, e := range a.Entities {
		if e.Type != storyfold.EntityPerson || !(strings.EqualFold(e.Name, name) || shareWord(e.Name, name)) {
			continue
		}
		for _, m := range e.Mentions {
			if m.Start >= x.span.Start && m.End <= x.span.End && mention.End == 0 {
				mention = m
			}
		}
	}
	if mention.End == 0 {
		return out
	}
	add := func(w string) {
		if w = strings.ToLower(strings.Trim(w, ".,;:'’")); len(w) > 2 && !nlp.IsStopWord(w) && !slotWords[w] {
			out[w] = true
		}
	}
	before := strings.Fields(a.Text[x.span.Start:mention.Start])
	// A role set off by a comma before the name is the role too:
	// "Colorado's attorney general, John Suthers".
	if n := len(before); n > 0 && strings.HasSuffix(before[n-1], ",") {
		before[n-1] = strings.TrimSuffix(before[n-1], ",")
	}
	for k := len(before) - 1; k >= 0 && k >= len(before)-roleWords; k-- {
		w := before[k]
		if strings.ContainsAny(w, ",;:“”\"") || speechVerbs[strings.ToLower(w)] || attributionVerbs[strings.ToLower(w)] {
			break
		}
		add(strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s"))
	}
	if rest, ok := strings.CutPrefix(a.Text[mention.End:x.span.End], ","); ok {
		if phrase, _, ok := strings.Cut(rest, ","); ok && countFields(phrase) <= appositiveWords {
			for _, w := range strings.Fields(phrase) {
				add(w)
			}
		}
	}
	return out
}

// sharesKey reports whether two sets share a member.
func sharesKey(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// unshared returns the people of a that b does not name, by any word of
// their names or a variant spelling.
func unshared(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y string) bool { return shareWord(x, y) || variantSpelling(x, y) }) {
			out = append(out, x)
		}
	}
	return out
}

// names reports whether a unit names any of the people, by any word of
// their names.
func (cx *conflictContext) names(u int, people []string) bool {
	for _, e := range cx.units[u].entities {
		if e.typ == storyfold.EntityPerson && slices.ContainsFunc(people, func(p string) bool { return shareWord(p, e.name) }) {
			return true
		}
	}
	return false
}

// speakersOf returns the people a unit credits with saying something:
// those named, outside quotes, within three words of a speech verb, in the
// story's spelling. "Schumer and Pelosi said" credits both.
func (cx *conflictContext) speakersOf(u int) []string {
	if s, ok := cx.speakers[u]; ok {
		return s
	}
	x := &cx.units[u]
	a := cx.members[x.article]
	text := a.Text[x.span.Start:x.span.End]
	cx.toks = cx.tokens(u)
	// verbs are the word indices of speech verbs; wordAt the token
	// index of each word (the lists are the context's, reused).
	verbs, wordAt := cx.verbsAt[:0], cx.wordAt[:0]
	defer func() { cx.verbsAt, cx.wordAt = verbs, wordAt }()
	infos := cx.wordsOf(u)
	for i, t := range cx.toks {
		if t.Kind != nlp.Word {
			continue
		}
		wordAt = append(wordAt, i)
		if infos[i].speaks && !quoted(a, x.span.Start+int(t.Start)) && !openQuote(text[:t.Start]) {
			verbs = append(verbs, len(wordAt)-1)
		}
	}
	var out []string
	if len(verbs) > 0 {
		// Only the people mentioned within the unit are read: a scan of
		// every mention of the article for each unit made 10 MB of short
		// attributed quotes (three speakers, 160,000 mentions) cost 11 s.
		// Which order they are read in does not matter: out is a set.
		people := cx.peopleIn(x.article, x.span)
		for _, pm := range people {
			ae, m := &a.Entities[pm.entity], pm.span
			if m.End > x.span.End || quoted(a, m.Start) {
				continue
			}
			// The speaker in the story's spelling: the unit's entity that
			// shares a word with the article's name for them.
			name := ae.Name
			for _, e := range x.entities {
				if e.typ == storyfold.EntityPerson && (strings.EqualFold(e.name, ae.Name) || shareWord(e.name, ae.Name)) {
					name = e.name
					break
				}
			}
			first, last := -1, -1
			for k, ti := range wordAt {
				t := cx.toks[ti]
				if x.span.Start+int(t.Start) >= m.Start && x.span.Start+int(t.End) <= m.End {
					if first < 0 {
						first = k
					}
					last = k
				}
			}
			if first < 0 {
				continue
			}
			// "Pelosi said", "Pelosi, the speaker, said", or "said
			// Speaker Nancy Pelosi" (titles between), never "told
			// Pelosi": the person after "told" is who was told.
			rest := text[m.End-x.span.Start:]
			if strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
				continue // "Netanyahu's planned speech": whose, not who spoke
			}
			// A speaker after the verb ends the clause ("said Speaker
			// Nancy Pelosi."); in "a report that said President Trump
			// directed" the name is what was said.
			r := strings.TrimSpace(rest)
			endsClause := r == "" || strings.ContainsAny(r[:1], ".,;:") || clauseGoesOn[strings.ToLower(firstField(r))]
			before := func(v int) bool {
				if !endsClause || v >= first || first-v > 4 || strings.EqualFold(cx.toks[wordAt[v]].Text(text), "told") {
					return false
				}
				for k := v + 1; k < first; k++ {
					if !nlp.IsCapitalized(cx.toks[wordAt[k]].Text(text)) {
						return false
					}
				}
				return true
			}
			// "Stone, according to the indictment, “on multiple
			// occasions” around Dec. 1, 2017, told Credico": a name that
			// opens the sentence and is set off by a comma is the subject
			// of the first speech verb after a comma, when no other person
			// is named before it.
			opens := func(v int) bool {
				if first != 0 || v <= last || v-last > openerWords || !strings.HasPrefix(rest, ",") {
					return false
				}
				at := wordAt[v]
				if at == 0 || cx.toks[at-1].Text(text) != "," {
					return false
				}
				verbAt := x.span.Start + int(cx.toks[at].Start)
				for _, o := range people {
					if o.span.Start >= m.End && o.span.Start < verbAt && !quoted(a, o.span.Start) {
						return false
					}
				}
				return !slices.ContainsFunc(verbs, func(w int) bool { return w > last && w < v })
			}
			if (slices.ContainsFunc(verbs, func(v int) bool { return v > last && v-last <= 4 || before(v) || opens(v) }) ||
				chainSpeaker(text[m.End-x.span.Start:])) && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	sort.Strings(out)
	cx.speakers[u] = out
	return out
}

// chainSpeaker reports whether the text after a name leads to a speech
// verb through other names, titles and places only, or a phrase between
// commas: "Pelosi and Senate Democratic Leader Chuck Schumer said",
// "Pelosi of California and Senator Schumer of New York, the Democratic
// leader, said". Each name of such a chain is a speaker.
func chainSpeaker(rest string) bool {
	if appositiveSpeaker(rest) {
		return true
	}
	at := 0
	for n := 0; n < chainWords; n++ {
		for at < len(rest) && rest[at] == ' ' {
			at++
		}
		if at >= len(rest) {
			return false
		}
		end := strings.IndexByte(rest[at:], ' ')
		if end < 0 {
			end = len(rest) - at
		}
		word := rest[at : at+end]
		w := strings.ToLower(strings.TrimRight(word, ".,"))
		if (speechVerbs[w] || attributionVerbs[w]) && w != "according" {
			return true
		}
		if !nlp.IsCapitalized(word) && !chainLinks[w] {
			return false
		}
		if strings.HasSuffix(word, ",") {
			return n > 0 && appositiveSpeaker(rest[at+end-1:])
		}
		at += end
	}
	return false
}

// openerWords is how many words a sentence's opening name may stand
// before the speech verb it is the subject of, across the phrases set off
// by commas between them.
const openerWords = 20

// chainLinks join the names of a chain of speakers.
var chainLinks = map[string]bool{"and": true, "of": true, "&": true}

// appositiveSpeaker reports whether the text after a name sets a phrase
// about them between commas and then a speech verb: "Larry Summers, the
// outgoing chairman of the council, just told reporters".
func appositiveSpeaker(rest string) bool {
	rest, ok := strings.CutPrefix(rest, ",")
	if !ok {
		return false
	}
	phrase, after, ok := strings.Cut(rest, ",")
	if !ok || strings.ContainsAny(phrase, "\"“”;") || countFields(phrase) > appositiveWords {
		return false
	}
	for i, w := range strings.Fields(after) {
		if i >= 2 {
			break
		}
		if w = strings.ToLower(strings.Trim(w, ".,")); (speechVerbs[w] || attributionVerbs[w]) && w != "according" {
			return true
		}
	}
	return false
}

// clauseGoesOn are words after a speaker named after the verb that carry
// the clause on without a verb of its own: "said Pelosi in a statement".
var clauseGoesOn = map[string]bool{"in": true, "on": true, "at": true, "during": true, "after": true, "before": true,
	"when": true, "as": true, "of": true, "to": true, "from": true, "while": true, "who": true, "and": true}

// openQuote reports whether text leaves a quotation open: a verb after it
// is the speaker's words, even where the quote finder took no quote.
func openQuote(text string) bool {
	return strings.Count(text, "“") > strings.Count(text, "”") || strings.Count(text, "\"")%2 == 1
}

// negation is what a unit negates: the stems of the verbs after "not",
// "never" or a "n't" form, outside quotes. The stems of all its words,
// which only a pair with a unit that negates something reads, are
// negStems'.
type negation struct {
	negated map[string]string // stem -> the negated words as written; nil for none
	// any says the unit has a negation anywhere, quotes included;
	// plain that one of them is a negator, not a refusal ("denied a
	// request").
	any, plain bool
	// predicate holds the stems of negated that follow a form of "be"
	// ("is not unconstitutional", "was not interviewed"): what the
	// sentence denies of its subject.
	predicate map[string]bool
}

func (cx *conflictContext) negation(u int) negation {
	if !cx.negDone[u] {
		cx.negs[u] = cx.readNegation(u, nil)
		cx.negDone[u] = true
	}
	return cx.negs[u]
}

// negStems returns the stems of a unit's words, sorted, but for nouns of
// a verb's stem ("a requirement", "the negotiation", "a private
// meeting"), which do not say the thing happened.
func (cx *conflictContext) negStems(u int) []string {
	if cx.stemsOf[u] == nil {
		stems := []string{}
		cx.readNegation(u, &stems)
		slices.Sort(stems)
		cx.stemsOf[u] = slices.Compact(stems)
	}
	return cx.stemsOf[u]
}

// readNegation reads what unit u negates, and appends the stems of its
// words to stems unless it is nil (see negStems).
func (cx *conflictContext) readNegation(u int, stems *[]string) negation {
	x := &cx.units[u]
	a := cx.members[x.article]
	text := a.Text[x.span.Start:x.span.End]
	cx.toks = cx.tokens(u)
	infos := cx.wordsOf(u)
	var n negation
	negAt := -1
	for i, t := range cx.toks {
		if t.Kind != nlp.Word {
			continue
		}
		info := infos[i]
		w := info.lower
		inQuote := quoted(a, x.span.Start+int(t.Start))
		if info.negator {
			n.any = true
			n.plain = n.plain || !refusals[w]
			if w != "no" && !inQuote {
				negAt = i
			}
			continue
		}
		// "did not directly dispute" denies a manner, not the act.
		if negAt >= 0 && hedges[w] {
			negAt = -1
			continue
		}
		// The verb negated is the first content word after the negation,
		// within three words: "did not immediately respond".
		verb := negAt >= 0 && i-negAt <= 6 && len(w) > 2 && !info.stop && !strings.HasSuffix(w, "ly")
		if !verb && stems == nil {
			continue
		}
		stem := cx.stemOf(info)
		if stems != nil && !actionNoun(w) &&
			!(strings.HasSuffix(w, "ing") && cx.afterArticle(text, i)) {
			*stems = append(*stems, stem)
		}
		if verb {
			if !formulaVerbs[stem] {
				if n.negated == nil {
					n.negated = map[string]string{}
				}
				n.negated[stem] = text[cx.toks[negAt].Start:t.End]
				if cx.copulaBefore(text, negAt) {
					if n.predicate == nil {
						n.predicate = map[string]bool{}
					}
					n.predicate[stem] = true
				}
			}
			negAt = -1
		}
	}
	return n
}

// actionNoun reports whether a word is a noun of a verb's stem, singular
// or plural ("negotiation", "negotiations", "payments"): it names the
// act, it does not say the act took place.
func actionNoun(w string) bool {
	w = strings.TrimSuffix(w, "s")
	return strings.HasSuffix(w, "tion") || strings.HasSuffix(w, "ment") || strings.HasSuffix(w, "ance") || strings.HasSuffix(w, "ence")
}

// copulaBefore reports whether the word before token i is a form of
// "be": "is not", "was not", "were not".
func (cx *conflictContext) copulaBefore(text string, i int) bool {
	for k := i - 1; k >= 0; k-- {
		t := cx.toks[k]
		if t.Kind != nlp.Word {
			continue
		}
		return copulas[strings.ToLower(t.Text(text))]
	}
	return false
}

//go:embed conflict_copulas.txt
var copulaData string

// copulas are the forms of "be" that make a negated word a predicate.
var copulas = dataSet(copulaData)

// afterArticle reports whether an article ("a", "an", "the") stands
// within the two words before token i: "a private meeting" is a thing,
// not the act of meeting.
func (cx *conflictContext) afterArticle(text string, i int) bool {
	words := 0
	for k := i - 1; k >= 0 && words < 2; k-- {
		t := cx.toks[k]
		if t.Kind != nlp.Word {
			continue
		}
		words++
		switch strings.ToLower(t.Text(text)) {
		case "a", "an", "the":
			return true
		}
	}
	return false
}

// negationDiffers reports whether one unit negates a verb the other gives
// without negating it: "did not approve" against "approved".
func (cx *conflictContext) negationDiffers(a, b int) (conflictValue, conflictValue, bool) {
	na, nb := cx.negation(a), cx.negation(b)
	check := func(neg, pos negation, pu int) (string, string, string, bool) {
		// The affirming sentence negates nothing, or, where the pair is
		// one actor's act affirmed and denied (see acts), only refuses
		// something else: "is preparing to issue subpoenas against
		// Michael Flynn after the former national security adviser
		// denied a request". A "not" or "never" anywhere in it may deny
		// the act in other words ("the White House offered ..., Mr.
		// Bauer said that was never the case").
		if len(neg.negated) == 0 || pos.any && (pos.plain || !cx.pair.denial) {
			return "", "", "", false
		}
		stems := make([]string, 0, len(neg.negated))
		for s := range neg.negated {
			stems = append(stems, s)
		}
		sort.Strings(stems)
		posStems := cx.negStems(pu)
		for _, s := range stems {
			if _, ok := slices.BinarySearch(posStems, s); !ok {
				continue
			}
			if _, denied := pos.negated[s]; denied {
				continue
			}
			return s, neg.negated[s], cx.wordFor(pu, s), true
		}
		return "", "", "", false
	}
	// The sides read as the articles write them ("hasn't apologized",
	// "apologized"), not as stems.
	if _, written, pos, ok := check(na, nb, b); ok {
		return conflictValue{side: written, written: written, key: "not"}, conflictValue{side: pos, written: pos, key: "yes"}, true
	}
	if _, written, pos, ok := check(nb, na, a); ok {
		return conflictValue{side: pos, written: pos, key: "yes"}, conflictValue{side: written, written: written, key: "not"}, true
	}
	return conflictValue{}, conflictValue{}, false
}

// wordFor returns the word of a unit whose stem is stem, as written.
func (cx *conflictContext) wordFor(u int, stem string) string {
	x := &cx.units[u]
	text := cx.members[x.article].Text[x.span.Start:x.span.End]
	var buf []byte
	for _, t := range cx.tokens(u) {
		if t.Kind != nlp.Word {
			continue
		}
		buf = nlp.Lower(buf[:0], t.Text(text))
		if cx.stems.Stem(buf) == stem {
			return t.Text(text)
		}
	}
	return stem
}

// side is one value a conflict's claims give.
type side struct {
	value  string
	claims []storyfold.Claim
	fams   map[int]bool
}

// claim is one unit's side of a conflict.
func claim(units []unit, members []*storyfold.Article, u int, value string) storyfold.Claim {
	a := members[units[u].article]
	s := units[u].span
	return storyfold.Claim{Article: a.ID, Text: a.Text[s.Start:s.End], Value: value, Sentence: s}
}

// finish writes a conflict from its sides, with the value most independent
// sources support.
func finish(kind storyfold.ConflictKind, what string, sides []*side, members []*storyfold.Article) storyfold.Conflict {
	sort.SliceStable(sides, func(i, j int) bool { return len(sides[i].fams) > len(sides[j].fams) })
	c := storyfold.Conflict{Kind: kind, Claims: []storyfold.Claim{}}
	if len(sides[0].fams) > len(sides[1].fams) {
		c.Majority = sides[0].value
	}
	var parts []string
	all := map[int]bool{}
	for _, s := range sides {
		for f := range s.fams {
			all[f] = true
		}
		c.Claims = append(c.Claims, s.claims...)
		var who []string
		for _, cl := range s.claims {
			if o := outlet(members, cl.Article); !slices.Contains(who, o) {
				who = append(who, o)
			}
		}
		parts = append(parts, fmt.Sprintf("%s (%s; %s)", s.value, strings.Join(who, ", "), plural(len(s.fams), "independent source")))
	}
	c.Description = fmt.Sprintf("%s: %s", what, strings.Join(parts, " vs "))
	if len(all) == 1 {
		// Each side counts its own sources; when every side comes from one
		// copy family, the story has one independent source on the point,
		// which contradicts itself in its copies: a reader must not take
		// the two counts for two sources.
		c.Description += " (both from one copy family: 1 independent source in all)"
	}
	return c
}

// outlet names the outlet of a story's article for a reader.
func outlet(members []*storyfold.Article, id string) string {
	for _, a := range members {
		if a.ID == id {
			return a.OutletLabel()
		}
	}
	return id
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// sameFigure reports whether two figures are one, given rounding, hedges
// and ranges.
func sameFigure(a, b storyfold.Quantity) bool {
	if a.Max != 0 && b.Value >= a.Value && b.Value <= a.Max || b.Max != 0 && a.Value >= b.Value && a.Value <= b.Max {
		return true
	}
	tol := exactTolerance
	if a.Approx || b.Approx {
		tol = hedgedTolerance
	}
	return math.Abs(a.Value-b.Value) <= tol*math.Max(math.Abs(a.Value), math.Abs(b.Value))
}

// pairRule returns the rule a pair that differs in kind k was found by:
// the narrower rule its differ named, or for a denial met only through a
// denied predicate or an act in reported speech that rule, or else the
// kind's own.
func (cx *conflictContext) pairRule(k conflictKind, p conflictPair) string {
	if cx.rule != "" {
		return cx.rule
	}
	if !k.denials || !p.denial || p.grouped && p.words >= k.grouped || !p.grouped && p.words >= k.need {
		return k.rule
	}
	rule := ""
	for _, o := range [][2]int{{p.a, p.b}, {p.b, p.a}} {
		if o[0] >= len(cx.did) || o[1] >= len(cx.didNot) {
			continue
		}
		for _, key := range cx.did[o[0]] {
			if !slices.Contains(cx.didNot[o[1]], key) {
				continue
			}
			switch {
			case strings.Contains(key, "|~"):
				if rule == "" {
					rule = RulePredicate
				}
			case slices.Contains(cx.reported[o[0]], key):
				rule = RuleReported
			default:
				return k.rule
			}
		}
	}
	if rule == "" {
		return k.rule
	}
	return rule
}

// loneFigure is a kind of figure (its kind and unit) a unit gives, and
// the place in its quantities of its one figure of that kind, or -1 when
// it gives more than one.
type loneFigure struct {
	kind storyfold.QuantityKind
	unit string
	idx  int
}

// loneFigures appends to dst the kinds of figure qs gives exactly one
// of, each with that figure's place, in the order each kind first
// appears.
func loneFigures(dst []loneFigure, qs []storyfold.Quantity) []loneFigure {
	for i, q := range qs {
		k := slices.IndexFunc(dst, func(f loneFigure) bool { return f.kind == q.Kind && f.unit == q.Unit })
		if k < 0 {
			dst = append(dst, loneFigure{q.Kind, q.Unit, i})
		} else {
			dst[k].idx = -1
		}
	}
	return slices.DeleteFunc(dst, func(f loneFigure) bool { return f.idx < 0 })
}

// compareFigureKeys orders two kinds of figure as the strings kind + "/"
// + unit would be ordered, without making them.
func compareFigureKeys(x, y loneFigure) int {
	xl, yl := len(x.kind)+1+len(x.unit), len(y.kind)+1+len(y.unit)
	at := func(f loneFigure, i int) byte {
		switch {
		case i < len(f.kind):
			return f.kind[i]
		case i == len(f.kind):
			return '/'
		}
		return f.unit[i-len(f.kind)-1]
	}
	for i := 0; i < min(xl, yl); i++ {
		if c, d := at(x, i), at(y, i); c != d {
			return int(c) - int(d)
		}
	}
	return xl - yl
}
