package compare

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/quote"
)

// Figures within these shares of each other are one figure: outlets round,
// and a hedge ("nearly", "about") moves a figure a little.
const (
	exactTolerance  = 0.05
	hedgedTolerance = 0.15
	// personSlot is the similarity two sentences need for a different
	// person in them to be a conflict.
	personSlot = 0.7
	// minStatementWords is the shortest quote an attribution conflict is
	// found for: a phrase ("not that simple") is too common to pin on one
	// speaker.
	minStatementWords = 5
)

// slotWords are too common to tie two entities to one slot.
var slotWords = map[string]bool{"the": true, "a": true, "an": true, "and": true, "of": true, "to": true, "in": true, "on": true,
	"at": true, "for": true, "with": true, "by": true, "s": true}

// sameSlot reports whether entity x in unit a and entity y in unit b stand
// among the same words: at least three shared words within four words of
// each, one of them within two. Two sentences of one claim often name
// different things in different places ("a visit to Kyiv" and "US Treasury
// Secretary Bessent"); only a shared setting marks one slot.
func (cx *conflictContext) sameSlot(a int, x string, b int, y string) bool {
	return sharedWords(cx.around(a, x, 4), cx.around(b, y, 4)) >= 3 &&
		sharedWords(cx.around(a, x, 2), cx.around(b, y, 2)) >= 1
}

func sharedWords(a, b map[string]bool) int {
	n := 0
	for w := range a {
		if b[w] && !slotWords[w] {
			n++
		}
	}
	return n
}

// around returns the lower-case words within reach words of the entity's
// last mention in a unit.
func (cx *conflictContext) around(u int, name string, reach int) map[string]bool {
	x := &cx.units[u]
	var mention storyfold.Span
	if ms := cx.mentionsIn(x.article, name, x.span); len(ms) > 0 {
		mention = ms[len(ms)-1]
	}
	return aroundSpan(cx.members[x.article], x.span, mention, reach)
}

// mentionsIn returns the mentions, within span s of an article, of the
// entity that name (or one of its aliases, in any case) names, in text
// order. Each article's mentions are indexed by name once, so a story of
// long articles costs a lookup per unit, not a scan of every entity.
func (cx *conflictContext) mentionsIn(article int, name string, s storyfold.Span) []storyfold.Span {
	entities := cx.members[article].Entities
	index, ok := cx.mentions[article]
	if !ok {
		// The index holds each key's entities, not copies of their
		// mentions: an entity's mentions are sorted already, and a
		// copy for its name and each alias took 180 MB for 10 MB of
		// names.
		index = map[string][]int32{}
		// Each name and alias is lower-cased once; an entity is listed
		// once under each of its lower-case spellings.
		var lowers []string
		for i, e := range entities {
			lowers = lowers[:0]
			for k := -1; k < len(e.Aliases); k++ {
				key := e.Name
				if k >= 0 {
					key = e.Aliases[k]
				}
				key = strings.ToLower(key)
				if slices.Contains(lowers, key) {
					continue
				}
				lowers = append(lowers, key)
				index[key] = append(index[key], int32(i))
			}
		}
		cx.mentions[article] = index
	}
	cx.keyBuf = nlp.AppendLower(cx.keyBuf[:0], name)
	ids := index[string(cx.keyBuf)]
	if len(ids) == 1 {
		// One entity's mentions, which are in text order: those inside
		// the span are a run of them, given as it is (capacity cut, so
		// that a caller's append copies it) unless one runs past the end.
		list := entities[ids[0]].Mentions
		i, _ := slices.BinarySearchFunc(list, s.Start, func(m storyfold.Span, at int) int { return m.Start - at })
		k, whole := i, true
		for ; k < len(list) && list[k].Start < s.End; k++ {
			whole = whole && list[k].End <= s.End
		}
		if k == i {
			return nil
		}
		if whole {
			return list[i:k:k]
		}
	}
	var out []storyfold.Span
	for _, id := range ids {
		list := entities[id].Mentions
		i, _ := slices.BinarySearchFunc(list, s.Start, func(m storyfold.Span, at int) int { return m.Start - at })
		for ; i < len(list) && list[i].Start < s.End; i++ {
			if list[i].End <= s.End {
				out = append(out, list[i])
			}
		}
	}
	if len(ids) > 1 {
		slices.SortStableFunc(out, func(x, y storyfold.Span) int { return x.Start - y.Start })
	}
	return out
}

// speakerMention is a mention of a person, and which of its article's
// entities it is.
type speakerMention struct {
	span   storyfold.Span
	entity int32
}

// peopleIn returns the mentions of people of an article that start within
// span s, in text order, mentions that start at one place in the order of
// the article's entities, then of their mentions; a mention may end past
// s. Each article's list is made once, so a unit costs a binary search
// and its own mentions, not a scan of the article's.
func (cx *conflictContext) peopleIn(article int, s storyfold.Span) []speakerMention {
	list, ok := cx.people[article]
	if !ok {
		for i, e := range cx.members[article].Entities {
			if e.Type != storyfold.EntityPerson {
				continue
			}
			for _, m := range e.Mentions {
				list = append(list, speakerMention{m, int32(i)})
			}
		}
		slices.SortStableFunc(list, func(x, y speakerMention) int { return x.span.Start - y.span.Start })
		cx.people[article] = list
	}
	i, _ := slices.BinarySearchFunc(list, s.Start, func(m speakerMention, at int) int { return m.span.Start - at })
	j := i
	for j < len(list) && list[j].span.Start < s.End {
		j++
	}
	return list[i:j]
}

// aroundWindow is how many bytes either side of a mention aroundSpan
// reads.
const aroundWindow = 256

// aroundSpan returns the lower-case words within reach words of a span
// (an entity's mention, a figure, a date) in a sentence s.
func aroundSpan(a *storyfold.Article, s storyfold.Span, mention storyfold.Span, reach int) map[string]bool {
	out := map[string]bool{}
	if mention.End == 0 {
		return out
	}
	// Only a window of the sentence around the mention is read: reach
	// words fit in it many times over, and a long sentence with many
	// mentions then costs no more per mention than a short one.
	from, to := max(s.Start, mention.Start-aroundWindow), min(s.End, mention.End+aroundWindow)
	for from > s.Start && !utf8.RuneStart(a.Text[from]) {
		from--
	}
	for to < s.End && !utf8.RuneStart(a.Text[to]) {
		to++
	}
	text := a.Text[from:to]
	// The window's tokens and each word lowered fit on the stack.
	var tb [160]nlp.Token
	var lb [64]byte
	toks, buf := nlp.Tokenize(tb[:0], text), lb[:0]
	// A word the window cuts is not read.
	if from > s.Start && len(toks) > 0 {
		toks = toks[1:]
	}
	if to < s.End && len(toks) > 0 {
		toks = toks[:len(toks)-1]
	}
	s.Start = from
	at := -1
	for i, t := range toks {
		if s.Start+int(t.Start) >= mention.Start {
			at = i
			break
		}
	}
	if at < 0 {
		return out
	}
	end := at
	for end < len(toks) && s.Start+int(toks[end].End) <= mention.End {
		end++
	}
	words := 0
	for i := at - 1; i >= 0 && words < reach; i-- {
		if toks[i].Kind == nlp.Word {
			buf = nlp.Lower(buf[:0], toks[i].Text(text))
			out[lowered(buf, toks[i].Text(text))] = true
			words++
		}
	}
	words = 0
	for i := end; i < len(toks) && words < reach; i++ {
		if toks[i].Kind == nlp.Word {
			buf = nlp.Lower(buf[:0], toks[i].Text(text))
			out[lowered(buf, toks[i].Text(text))] = true
			words++
		}
	}
	return out
}

// attributionConflicts finds one statement given to different speakers:
// two quote groups of the same words whose speakers differ. A statement
// an article gives to both ("Schumer and Pelosi said") is a joint one, not
// a conflict; each pair of speakers is stated once, and each claim points
// at the sentence that quotes the words.
func attributionConflicts(quotes []storyfold.Quote, members []*storyfold.Article, fams familySet) []storyfold.Conflict {
	if len(members) < 2 {
		// Every pair of groups would share the one article, and none is
		// a conflict: the quotes of a 10 MB article were compared for
		// nothing.
		return nil
	}
	index := map[string]int{}
	for i, a := range members {
		index[a.ID] = i
	}
	var out []storyfold.Conflict
	done := map[string]bool{}
	texts := make([]string, len(quotes))
	for i, q := range quotes {
		texts[i] = q.Text
	}
	// Each quote's words are read once, when a pair first asks for them.
	wordings := make([]*quoteWording, len(quotes))
	wordingOf := func(i int) *quoteWording {
		if wordings[i] == nil {
			w := &quoteWording{}
			w.words, w.spaced = quote.SpacedWords(quotes[i].Text)
			wordings[i] = w
		}
		return wordings[i]
	}
	quote.SameStatements(texts, func(i, j int) {
		a, b := &quotes[i], &quotes[j]
		if a.Speaker == "" || b.Speaker == "" || shareWord(a.Speaker, b.Speaker) || shareArticle(a.Articles, b.Articles) {
			return // one person named two ways ("Mike", "Michael"), or an article quoting two people alike
		}
		key := min(a.Speaker, b.Speaker) + "\x00" + max(a.Speaker, b.Speaker) + "\x00" + min(a.Text, b.Text)
		if done[key] {
			return
		}
		if !sameWords(wordingOf(i), wordingOf(j)) {
			return // quotes that only share some words may be two statements
		}
		if !named(a, members, index) || !named(b, members, index) {
			return // a speaker read off "he" or the paragraphs before may be a slip of ours, not of the source
		}
		if joint(a, b.Speaker, members, index) || joint(b, a.Speaker, members, index) {
			return
		}
		done[key] = true
		var sides []*side
		for _, q := range []*storyfold.Quote{a, b} {
			s := &side{value: q.Speaker, fams: map[int]bool{}}
			for _, v := range q.Variants {
				k, ok := index[v.Article]
				if !ok {
					continue
				}
				s.claims = append(s.claims, storyfold.Claim{Article: v.Article, Text: v.Text, Value: q.Speaker, Sentence: quoteSentence(members[k], v.Text)})
				s.fams[fams.source[k]] = true
			}
			sides = append(sides, s)
		}
		out = append(out, finish(storyfold.ConflictAttribution, ruleWhat[RuleQuoteBy], sides, members))
	})
	return out
}

// quoteSentence returns the sentence, or the sentences, of an article that
// hold a quote's words. A group's variant of unmarked speech may run on
// through sentences after its cue (see quote.Group), so a text the article
// does not hold as written is looked up among its quotes, and the sentence
// of the quote it continues is given.
func quoteSentence(a *storyfold.Article, text string) storyfold.Span {
	var span storyfold.Span
	if at := strings.Index(a.Text, text); at >= 0 {
		span = storyfold.Span{Start: at, End: at + len(text)}
	} else if k := quote.QuotationOf(a, text); k >= 0 {
		span = a.Quotes[k].Span
	} else {
		return storyfold.Span{}
	}
	for _, s := range a.Sentences {
		if s.Start <= span.Start && span.Start < s.End {
			span.Start = s.Start
		}
		if s.Start < span.End && span.End <= s.End {
			span.End = s.End
		}
	}
	return span
}

// joint reports whether an article that gives a quote to its speaker names
// the other speaker in the sentence that quotes it, or in the one before
// together with its own speaker ("Schumer and Pelosi issued a statement.
// “...,” they said."): a statement of both, credited by another outlet to
// one. A sentence before that names only the other person is the story's
// subject, not a co-author ("Perry unveiled his plan. “...,” said his
// spokesman").
func joint(q *storyfold.Quote, other string, members []*storyfold.Article, index map[string]int) bool {
	surname, own := lastName(other), lastName(q.Speaker)
	for _, v := range q.Variants {
		k, ok := index[v.Article]
		if !ok {
			continue
		}
		a := members[k]
		s := quoteSentence(a, v.Text)
		if s.End == 0 {
			continue
		}
		if strings.Contains(a.Text[s.Start:s.End], surname) {
			return true
		}
		for i, x := range a.Sentences {
			if x.Start == s.Start && i > 0 {
				before := a.Text[a.Sentences[i-1].Start:s.Start]
				if strings.Contains(before, surname) && strings.Contains(before, own) {
					return true
				}
			}
		}
	}
	return false
}

// lastName returns a name's last word, the one articles repeat.
func lastName(name string) string {
	if i := strings.LastIndexByte(name, ' '); i >= 0 {
		return name[i+1:]
	}
	return name
}

func shareArticle(a, b []string) bool {
	return slices.ContainsFunc(a, func(x string) bool { return slices.Contains(b, x) })
}

// named reports whether some article of a quote group gives the words as
// a statement (five words or more, not a phrase) and names the speaker in
// the sentence that quotes them, so the attribution is the article's own,
// not one read off "he" or the paragraphs before.
func named(q *storyfold.Quote, members []*storyfold.Article, index map[string]int) bool {
	surname := lastName(q.Speaker)
	if countFields(q.Text) < minStatementWords {
		return false
	}
	for _, v := range q.Variants {
		i, ok := index[v.Article]
		if !ok {
			continue
		}
		a := members[i]
		for _, quoted := range a.Quotes {
			if quoted.Text != v.Text {
				continue
			}
			from, to := quoted.Span.Start, quoted.Span.End
			for _, s := range a.Sentences {
				if s.Start <= quoted.Span.Start && quoted.Span.Start < s.End {
					from = s.Start
				}
				if s.Start < quoted.Span.End && quoted.Span.End <= s.End {
					to = s.End
				}
			}
			if strings.Contains(a.Text[from:quoted.Span.Start], surname) || strings.Contains(a.Text[quoted.Span.End:to], surname) {
				return true
			}
		}
	}
	return false
}

// shareWord reports whether two names have a word in common, dots and
// accents aside ("F.B.I." and "FBI", "Raúl Labrador" and "Raul Labrador").
// It is asked of every pair of names a pair of sentences gives, so the
// plain forms are written into buffers on the stack and their words
// compared in place.
func shareWord(a, b string) bool {
	var ba, bb [128]byte
	pa, pb := appendPlain(ba[:0], a), appendPlain(bb[:0], b)
	for w, ra := nextField(pa); len(w) > 0; w, ra = nextField(ra) {
		for x, rb := nextField(pb); len(x) > 0; x, rb = nextField(rb) {
			if string(w) == string(x) {
				return true
			}
		}
	}
	return false
}

// nextField returns the first run of non-space characters of s and what
// follows it, as strings.Fields splits; an empty field when none is left.
func nextField(s []byte) (field, rest []byte) {
	start := -1
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		if unicode.IsSpace(r) {
			if start >= 0 {
				return s[start:i], s[i:]
			}
		} else if start < 0 {
			start = i
		}
		i += n
	}
	if start < 0 {
		return nil, nil
	}
	return s[start:], nil
}

// variantSpelling reports whether two names are spellings of one
// ("Muammar" and "Moammar", "I.R.S." and "IRS").
func variantSpelling(a, b string) bool {
	var ba, bb [64]rune
	pa, pb := appendPlainRunes(ba[:0], a), appendPlainRunes(bb[:0], b)
	limit := max(1, min(len(pa), len(pb))/4)
	return nlp.EditDistance(pa, pb, limit) <= limit
}

// initialsOf reports whether one name is the other's initials in any
// order ("DOJ" and "Justice Department", "DHS" and "Homeland Security
// Department", "FBI" and "Federal Bureau of Investigation"): an
// organisation's two names, not two organisations. The initials of the
// longer name's capitalised words are compared with the acronym's
// letters as sets of letters, with an "O" allowed for an "of" the
// acronym keeps ("Department of Justice") or that a reordered name drops
// ("Justice Department").
func initialsOf(a, b string) bool {
	if !acronym(a) {
		a, b = b, a
	}
	if !acronym(a) || acronym(b) {
		return false
	}
	var letters, initials []byte
	for i := 0; i < len(a); i++ {
		if a[i] != '.' {
			letters = append(letters, a[i])
		}
	}
	for _, w := range strings.Fields(b) {
		if w[0] >= 'A' && w[0] <= 'Z' {
			initials = append(initials, w[0])
		}
	}
	if len(initials) < 2 {
		return false
	}
	slices.Sort(letters)
	slices.Sort(initials)
	if string(letters) == string(initials) {
		return true
	}
	withOf := append(initials, 'O')
	slices.Sort(withOf)
	return string(letters) == string(withOf)
}

// appendPlain appends the name s to dst lower-cased, without its dots
// and accents.
func appendPlain(dst []byte, s string) []byte {
	for _, r := range s {
		if r, ok := plainRune(r); ok {
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

// appendPlainRunes is appendPlain's runes.
func appendPlainRunes(dst []rune, s string) []rune {
	for _, r := range s {
		if r, ok := plainRune(r); ok {
			dst = append(dst, r)
		}
	}
	return dst
}

// plainRune is one rune of appendPlain: lower-cased as strings.ToLower
// does, without its accent; false for a dot, which is dropped.
func plainRune(r rune) (rune, bool) {
	switch r = unicode.ToLower(r); r {
	case '.':
		return 0, false
	case 'á', 'à', 'â', 'ä', 'ã':
		r = 'a'
	case 'é', 'è', 'ê', 'ë':
		r = 'e'
	case 'í', 'ì', 'î', 'ï':
		r = 'i'
	case 'ó', 'ò', 'ô', 'ö', 'õ':
		r = 'o'
	case 'ú', 'ù', 'û', 'ü':
		r = 'u'
	case 'ñ':
		r = 'n'
	case 'ç':
		r = 'c'
	}
	return r, true
}

// sameWords is a stricter test than quote.SameStatement, for pinning two
// speakers on one statement: one quote is an excerpt of the other, or
// they share 80% of the content words of the shorter, of six or more.
func sameWords(a, b *quoteWording) bool {
	wa, wb := a.words, b.words
	ja, jb := a.spaced, b.spaced
	if len(wa) >= minStatementWords && len(wb) >= minStatementWords && (strings.Contains(ja, jb) || strings.Contains(jb, ja)) {
		return true
	}
	ca, cb := a.contentWords(), b.contentWords()
	if len(ca) > len(cb) {
		ca, cb = cb, ca
	}
	if len(ca) < 6 {
		return false
	}
	shared := 0
	for w := range ca {
		if cb[w] {
			shared++
		}
	}
	return float64(shared) >= 0.8*float64(len(ca))
}

// quoteWording is a quote's words as sameWords compares them, read once
// per quote of a story however many pairs it is in: quote.Words, Spaced
// of them, and their content words when first asked for.
type quoteWording struct {
	words   []string
	spaced  string
	content map[string]bool
}

func (w *quoteWording) contentWords() map[string]bool {
	if w.content == nil {
		w.content = quote.ContentWords(w.words)
	}
	return w.content
}
