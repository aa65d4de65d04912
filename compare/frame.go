package compare

import (
	_ "embed"
	"slices"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/nlp/wordnet"
)

//go:embed claim_frames.txt
var frameData string

// frameVerbs and frameNouns map a lemma to its class in the claim frame
// (claim_frames.txt, generated from WordNet by compare/internal/genframes):
// "briefed", "told" and "called" are one act, communicating; "met",
// "talks" and "summit" another.
var (
	frameVerbs = map[string]string{}
	frameNouns = map[string]string{}
)

func init() {
	for _, l := range dataLines(frameData) {
		f := strings.Fields(l)
		if len(f) != 3 {
			panic("compare: bad line in claim_frames.txt: " + l)
		}
		switch f[1] {
		case "v":
			frameVerbs[f[2]] = f[0]
		case "n":
			frameNouns[f[2]] = f[0]
		default:
			panic("compare: bad part of speech in claim_frames.txt: " + l)
		}
	}
}

// frameMention is a person, organisation or place a unit names, as the
// claim frame reads it.
type frameMention struct {
	span   storyfold.Span
	ref    entityRef
	quoted bool
}

// Limits of the frame's reading, in words.
const (
	// subjectReach bounds the words between a subject and its verb
	// ("Trump later told reporters at the White House that they would
	// meet").
	subjectReach = 20
	// passiveReach bounds the words between the subject of a passive and
	// its verb ("Jones has been fired"): further back, the name is most
	// often in a clause of its own ("Strzok, who ... texts disparaging
	// Trump, has been fired").
	passiveReach = 4
	// objectReach bounds the words between a verb and its other
	// participant ("briefed Ukrainian President Volodymyr Zelenskyy").
	objectReach = 3
	// placeReach bounds the words between a verb and where it happened
	// ("meet with Putin in Saudi Arabia").
	placeReach = 8
)

// frameSkipped are the words read past between a verb and its other
// participant.
var frameSkipped = map[string]bool{"with": true, "to": true, "by": true, "the": true, "a": true, "an": true, "his": true, "her": true,
	"their": true, "its": true}

// notSubject are the words after which a name is not the subject of the
// verb that follows: it is the object of a preposition ("a conversation
// with Putin"), or one of a list.
var notSubject = map[string]bool{"with": true, "of": true, "to": true, "by": true, "from": true, "for": true, "about": true,
	"against": true, "between": true, "and": true, "or": true, "on": true, "in": true, "at": true, "including": true,
	"like": true, "into": true, "over": true, "under": true, "toward": true, "towards": true, "without": true, "via": true,
	"among": true, "nor": true}

// patientClasses are the acts whose patient alone pins the claim: a
// person is nominated, fired, sued or arrested once in a story, and outlets name
// who did it in different ways ("the president", "Obama", none).
var patientClasses = map[string]bool{"nominate": true, "fire": true, "sue": true, "arrest": true}

// complementizers open a clause of its own, where the search for a
// subject stops, unless a pronoun follows that stands for the subject
// before ("Trump told reporters that they would meet"). A name after a
// conjunction such as "after" is a subject ("after Trump bypassed allies
// to negotiate with Putin").
var complementizers = map[string]bool{"that": true, "which": true, "who": true, "whom": true}

// subjectPronouns stand for a subject named before.
var subjectPronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true}

// placeLinks are the words that tie a place to an act ("met in Riyadh",
// "travelled to Kyiv").
var placeLinks = map[string]bool{"in": true, "at": true, "to": true}

// passiveAux mark a passive verb ("was briefed by Trump").
var passiveAux = map[string]bool{"was": true, "were": true, "is": true, "are": true, "been": true, "being": true, "be": true}

// contentCues end a communicating verb's frame: what is told is the
// claim, not the telling ("Trump told Fox News that ...").
var contentCues = map[string]bool{"that": true, "“": true, "\"": true, ":": true, "whether": true, "how": true, "what": true}

// maxClassCache bounds the words whose class a reader remembers.
const maxClassCache = 1 << 16

// frameClass returns the class of a lowercase word in the claim frame, or
// "": a noun's before a verb's, so that "talks" are a meeting.
func (r *reader) frameClass(lower string) string {
	if c, ok := r.classes[lower]; ok {
		return c
	}
	c := frameNouns[wordnet.LemmaPOS(lower, wordnet.Noun)]
	if c == "" {
		c = frameVerbs[wordnet.LemmaPOS(lower, wordnet.Verb)]
	}
	if len(r.classes) >= maxClassCache {
		clear(r.classes) // a server reads words without end
	}
	r.classes[lower] = c
	return c
}

// frames returns the claim frames a unit states, as
// "subject|class|o:participant" and "subject|class|p:place": who did it
// (the person or organisation that is the grammatical subject before the
// verb), the act's class, and the other person or organisation, or the
// place. Outlets word one act in their own words ("Trump briefed
// Zelenskyy about the discussion", "Trump called Zelenskyy and shared
// details of their conversation") and share little else than its frame.
// A passive with its agent ("Zelenskyy was briefed by Trump") gives the
// active's frame; one without gives none. A place, when there is one,
// stands for the participant (see below); a meeting's two actors are
// written in name order; and for the acts of patientClasses the frame
// "|class|o:patient" is given too, whoever did it.
func (r *reader) frames(text string, at int, toks []nlp.Token, ms []frameMention) []string {
	var out []string
	// words are the unit's word tokens: frames are read by word, past
	// punctuation other than the clause's.
	words := r.frameWords[:0]
	for i, t := range toks {
		if t.Kind == nlp.Word || t.Kind == nlp.Punct {
			words = append(words, i)
		}
	}
	r.frameWords = words
	mentionAt := func(pos int) int { // the mention starting at pos, or -1
		for k, m := range ms {
			if m.span.Start == pos {
				return k
			}
		}
		return -1
	}
	inMention := func(pos int) bool {
		for _, m := range ms {
			if m.span.Start <= pos && pos < m.span.End {
				return true
			}
		}
		return false
	}
	// infos are the unit's words as appendUnits looked them up, when
	// it is the caller: each is read here without a look-up again.
	var infos []*wordInfo
	if len(r.wordsAt) == len(toks) {
		infos = r.wordsAt
	}
	// lower returns token ti lower-cased (nlp.Lower), as the word's
	// conflict reading holds it when looked up already.
	lower := func(ti int) string {
		if infos != nil && infos[ti] != nil {
			return infos[ti].cx.lower
		}
		t := toks[ti]
		r.buf = nlp.Lower(r.buf[:0], t.Text(text))
		return lowered(r.buf, t.Text(text))
	}
	// isVerb marks the token index of each frame word.
	isVerb := r.isVerb[:0]
	for range toks {
		isVerb = append(isVerb, false)
	}
	r.isVerb = isVerb
	for wi, ti := range words {
		t := toks[ti]
		if t.Kind != nlp.Word || inMention(at+int(t.Start)) {
			continue
		}
		var class string
		if infos != nil && infos[ti] != nil {
			class = r.classOf(infos[ti], t.Text(text))
		} else {
			class = r.class(t.Text(text))
		}
		if class == "" {
			continue
		}
		isVerb[ti] = true
		// The subject: the nearest person or organisation before the
		// verb that is not a preposition's object, a possessive, or a
		// verb's object.
		subj, passive := -1, false
		if wi > 0 && toks[words[wi-1]].Kind == nlp.Word && passiveAux[lower(words[wi-1])] {
			passive = true
		}
		n, reach := 0, subjectReach
		if passive {
			reach = passiveReach
		}
		for k := wi - 1; k >= 0; k-- {
			p := toks[words[k]]
			if p.Kind == nlp.Punct {
				if strings.ContainsAny(p.Text(text), ";:.?!") {
					break
				}
				continue
			}
			if n++; n > reach {
				break
			}
			lp := lower(words[k])
			if complementizers[lp] && (k+1 >= wi || !subjectPronouns[lower(words[k+1])]) {
				break
			}
			mi := mentionAt(at + int(p.Start))
			if mi < 0 || ms[mi].ref.typ == storyfold.EntityPlace {
				continue
			}
			end := ms[mi].span.End - at
			if strings.HasPrefix(text[end:], "'s") || strings.HasPrefix(text[end:], "’s") {
				continue
			}
			if k > 0 {
				bi := words[k-1]
				b := toks[bi]
				if b.Kind == nlp.Word && k > 1 && articles[lower(bi)] {
					bi = words[k-2] // "at the White House"
					b = toks[bi]
				}
				if b.Kind == nlp.Punct && b.End == p.Start && b.Text(text) == "-" {
					continue // part of a compound ("anti-Trump")
				}
				if b.Kind == nlp.Word && (notSubject[lower(bi)] || isVerb[words[k-1]]) {
					continue
				}
			}
			subj = mi
			break
		}
		if subj < 0 && !patientClasses[class] {
			continue
		}
		// The other participant and the place, after the verb.
		obj, place, told := -1, -1, false
		objEnd := -10  // the word index of the object's last word
		agent := false // "by" follows the verb: a passive's agent comes
		n = 0
		for k := wi + 1; k < len(words) && n <= placeReach; k++ {
			p := toks[words[k]]
			s := p.Text(text)
			if p.Kind == nlp.Punct {
				if contentCues[s] && n <= objectReach+2 {
					told = true
				}
				if strings.ContainsAny(s, ";:.?!") {
					break
				}
				continue
			}
			n++
			lw := lower(words[k])
			agent = agent || lw == "by" && n == 1
			if contentCues[lw] {
				told = n <= objectReach+2
				break
			}
			mi := mentionAt(at + int(p.Start))
			if mi < 0 {
				if inMention(at + int(p.Start)) {
					continue
				}
				if obj < 0 && n <= objectReach && !frameSkipped[lw] && !nlp.IsRoleWord(s) && !(s[0] >= 'A' && s[0] <= 'Z') {
					n = objectReach + 1 // a content word: no participant follows
				}
				continue
			}
			m := ms[mi]
			prev := lower(words[k-1])
			if modifies(text, m.span.End-at) {
				continue // "House Speaker John Boehner": the person is the participant
			}
			switch {
			case m.ref.typ == storyfold.EntityPlace && place < 0 && (placeLinks[prev] && (k == wi+2 || k-2 == objEnd) || k == wi+1 && class == "visit"):
				place = mi
			case m.ref.typ != storyfold.EntityPlace && obj < 0 && n <= objectReach+1:
				end := m.span.End - at
				if strings.HasPrefix(text[end:], "'s") || strings.HasPrefix(text[end:], "’s") {
					n = objectReach + 1 // a possessive: what follows is the object
					continue
				}
				objEnd = k
				for objEnd+1 < len(words) && at+int(toks[words[objEnd+1]].Start) < m.span.End {
					objEnd++
				}
				if passive && agent && subj >= 0 {
					obj, subj = subj, mi
				} else if !passive {
					obj = mi
				}
			}
		}
		if patientClasses[class] && !told {
			// Who was named, sued or fired is the claim, whoever the
			// sentence says did it ("will nominate Byron Todd Jones",
			// "Obama is nominating Todd Jones", "Jones was nominated").
			patient := obj
			if passive && obj < 0 {
				patient = subj
			}
			if patient >= 0 && ms[patient].ref.typ == storyfold.EntityPerson && nameable(ms[patient].ref) {
				out = append(out, "|"+class+"|o:"+ms[patient].ref.name)
			}
		}
		if subj < 0 || passive && obj < 0 || told && class == "communicate" {
			continue
		}
		who := ms[subj].ref.name
		if !nameable(ms[subj].ref) {
			continue
		}
		if place >= 0 && ms[place].ref.name != who {
			// Where pins an act more than with whom: "launch negotiations
			// with Putin" and "meet with Putin in Saudi Arabia" are two
			// claims about one pair of actors.
			out = append(out, who+"|"+class+"|p:"+ms[place].ref.name)
			continue
		}
		switch {
		case obj < 0 || ms[obj].ref.name == who || !nameable(ms[obj].ref):
		case class == "communicate" && ms[obj].ref.typ != storyfold.EntityPerson:
			// One tells a person; "a program called PRISM" names a
			// thing.
		case class == "meet":
			// A meeting is the same act whoever is named first.
			x, y := who, ms[obj].ref.name
			if y < x {
				x, y = y, x
			}
			out = append(out, x+"|"+class+"|o:"+y)
		default:
			out = append(out, who+"|"+class+"|o:"+ms[obj].ref.name)
		}
	}
	return out
}

// shareFrame reports whether two units state one act: the same subject
// doing the same class of thing to the same participant or in the same
// place.
func shareFrame(a, b *unit) bool {
	for _, x := range a.frames {
		for _, y := range b.frames {
			if x == y {
				return true
			}
		}
	}
	return false
}

// frameEdges links, in article order, the units of different articles
// that state one act, so that they are candidates whatever else they say.
func frameEdges(units []unit) []edge {
	last := map[string]int{}
	var edges []edge
	for i := range units {
		for _, k := range units[i].frames {
			if j, ok := last[k]; ok && units[j].article != units[i].article {
				edges = append(edges, edge{int32(j), int32(i), sameClaim})
			}
			last[k] = i
		}
	}
	return edges
}

// nameable reports whether an entity can fill a frame: a person needs two
// words, as one is too little to tell a person by ("Donald" for two
// Trumps, "Ahead" read as a name).
func nameable(e entityRef) bool {
	return e.typ != storyfold.EntityPerson || strings.ContainsAny(e.name, " .")
}

// pruneFrames drops from an article's units the frames it states more than
// once: an act an article tells twice is the story's subject ("Trump's
// talks with Putin" in the lede and the background), not one claim the
// frame can pin to one sentence.
func pruneFrames(units []unit) {
	type key struct {
		article int
		frame   string
	}
	count := map[key]int{}
	for i := range units {
		for _, f := range units[i].frames {
			count[key{units[i].article, f}]++
		}
	}
	for i := range units {
		u := &units[i]
		if len(u.frames) > 0 {
			u.frames = slices.DeleteFunc(u.frames, func(f string) bool { return count[key{u.article, f}] > 1 })
		}
	}
}

// modifies reports whether the name ending at end is followed by a role
// word, so it qualifies the person named next ("House Speaker John
// Boehner") rather than standing for itself.
func modifies(text string, end int) bool {
	rest := strings.TrimLeft(text[end:], " ")
	w := rest
	if i := strings.IndexAny(rest, " ,.;:"); i >= 0 {
		w = rest[:i]
	}
	return w != "" && nlp.IsRoleWord(w)
}

// leadReach bounds the words before a unit's lead actor.
const leadReach = 12

// leads returns the people a unit opens with as its subject, by last
// name (outlets spell first names differently: "Vicente Fox", "Vincente
// Fox"): the first person outside quotes, within leadReach words of the
// start, that no preposition governs (past titles: "a letter to Mr.
// Gowdy") and that is not a possessive, with any joined to it by "and"
// ("Schumer and Pelosi said"). Two sentences led by different actors
// ("Trump tweeted Tuesday ...", "On Wednesday, Mr. Fox expressed ...")
// tell different acts, whatever day or figure each gives. Organisations
// are left out: an outlet credits a claim to a person or to the body
// they speak for ("Asa Hutchinson released a report", "a National Rifle
// Association task force released a report").
func (r *reader) leads(text string, at int, toks []nlp.Token, ms []frameMention) []string {
	var out []string
	words := 0
	prev := ""   // the last lowercase word before the current token
	open := true // no verb or pronoun read since the clause began
	// The unit's words as appendUnits looked them up, when it is the
	// caller (see frames).
	var infos []*wordInfo
	if len(r.wordsAt) == len(toks) {
		infos = r.wordsAt
	}
	for ti := 0; ti < len(toks); ti++ {
		t := toks[ti]
		if t.Kind == nlp.Punct {
			if t.Text(text) == "," && len(out) == 0 {
				open, prev = true, "" // an opening phrase ends: "On Wednesday, Mr. Fox ..."
			}
			continue
		}
		if t.Kind != nlp.Word {
			continue
		}
		if words++; words > leadReach {
			break
		}
		k := -1
		for i, m := range ms {
			if m.span.Start == at+int(t.Start) {
				k = i
				break
			}
		}
		s := t.Text(text)
		if k < 0 {
			if s[0] < 'A' || s[0] > 'Z' {
				if infos != nil && infos[ti] != nil {
					w := infos[ti]
					prev = w.cx.lower
					if holdsSubject(w) {
						open = false
					}
					continue
				}
				r.buf = nlp.Lower(r.buf[:0], s)
				prev = lowered(r.buf, s)
				// A verb or a pronoun holds the subject's place: a name
				// after it is an object ("He accused Obama of ...").
				if holdsSubjectPlace(prev) {
					open = false
				}
			} else if r.keyBuf = nlp.AppendLower(r.keyBuf[:0], s); subjectPronouns[string(r.keyBuf)] {
				open = false // strings.ToLower(s), without a string made for it
			}
			continue
		}
		m := ms[k]
		for ti+1 < len(toks) && at+int(toks[ti+1].Start) < m.span.End {
			ti++ // the mention's other words
		}
		if !open {
			if len(out) > 0 {
				break
			}
			continue
		}
		end := m.span.End - at
		possessive := strings.HasPrefix(text[end:], "'s") || strings.HasPrefix(text[end:], "’s")
		if m.quoted || m.ref.typ != storyfold.EntityPerson || possessive || notSubject[prev] && prev != "and" || !nameable(m.ref) || acronym(lastName(m.ref.name)) {
			if len(out) > 0 {
				break
			}
			continue
		}
		if len(out) > 0 && prev != "and" {
			break
		}
		out = append(out, m.ref.name[strings.LastIndexByte(m.ref.name, ' ')+1:])
		prev = ""
		// Only "and" and another name may follow for the lead to go on.
		if !strings.HasPrefix(strings.TrimLeft(text[end:], " "), "and ") {
			break
		}
	}
	return out
}

// acronym reports whether a word is written in capitals only, as no
// surname is in running text: a "person" whose last word is one
// ("Presumptive GOP") is an organisation read as a name, and leads no
// sentence.
func acronym(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r != '.':
			return false
		}
	}
	return letters >= 2
}

// otherLeads reports whether two units are led by different actors: both
// name one and they share none.
func otherLeads(a, b *unit) bool {
	if len(a.leads) == 0 || len(b.leads) == 0 {
		return false
	}
	for _, x := range a.leads {
		if slices.Contains(b.leads, x) {
			return false
		}
	}
	return true
}

// holdsSubjectPlace reports whether a lower-case word (nlp.Lower) holds
// the subject's place before a name, as a verb or a pronoun does (see
// leads).
func holdsSubjectPlace(lower string) bool {
	return subjectPronouns[lower] || !nlp.IsStopWord(lower) && !notSubject[lower]
}

// holdsSubject is holdsSubjectPlace of a word's lower-case form, worked
// out once a word (see wordInfo.subject).
func holdsSubject(w *wordInfo) bool {
	if w.subject == 0 {
		w.subject = 1
		if holdsSubjectPlace(w.cx.lower) {
			w.subject = 2
		}
	}
	return w.subject == 2
}
