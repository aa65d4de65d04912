// Package compare reconciles the articles of one story: it lines up the
// sentences that report the same claim (facts), finds where they disagree
// (conflicts), which articles derive from one another (families) and so how
// many independent sources the story has, and writes a summary whose every
// sentence cites the articles it comes from, with a timeline.
//
// Everything here is a pure function of the story's articles, already
// cleaned and annotated (entities, quotes, quantities, dates). Sentences are
// compared through an inverted index of their rarest terms, never all pairs
// of all sentences, so a story of a thousand articles stays tractable.
package compare

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/nlp/paraphrase"
)

// unit is one sentence of one article, as the comparison sees it.
type unit struct {
	article int // index into the story's members
	sent    int // index into the article's sentences
	span    storyfold.Span
	terms   []term // distinct, sorted by id
	weight  float64
	// toks are the unit's tokens, read once here for every stage that
	// reads its words (see conflictContext.tokens); cxw, in a story of
	// several articles, what the conflict finder reads of each of them
	// (nil for a token that is not a word; see conflictContext.wordsOf).
	toks []nlp.Token
	cxw  []*cxWord
	// What the sentence says in normalised form, for conflicts.
	quantities []storyfold.Quantity
	entities   []entityRef
	dates      []storyfold.DateMention
	pos        float64 // relative position in its article, 0 at the top
	// speakers are the story's names of the people whose words the unit
	// quotes or reports.
	speakers []string
	// denials are the denial frames the unit states (see denials).
	denials []string
	// frames are the claim frames the unit states (see frames).
	frames []string
	// leads are the last names of the people the unit opens with as its
	// subject (see leads).
	leads []string
	// opens says the unit opens its sentence: it is not a clause from
	// its middle. It stands by formula and quote, which fill one word
	// with it, as a story holds a unit for every sentence.
	opens bool
	// listed says the unit is a clause of names kept only for the
	// people it ties to places (see homeClause): it states no claim to
	// align or list as one outlet's.
	listed bool
	// formula says the unit is a newsroom formula such as "did not
	// respond to a request for comment" (claim_formulas.txt).
	formula bool
	// quote is the story's quote group whose words the unit gives, +1
	// (0 for none): sentences that give one statement state one claim.
	quote int32
	// claim is the sentence prepared for the same-claim scorer, its names
	// the story's entities and its figures masked: two wordings that
	// differ in a figure still state one claim, and that is a conflict.
	// It is prepared by claimOf only for the pairs that ask the scorer:
	// a prepared sentence holds about 1.6 KB, and most units never meet
	// a pair that needs one.
	claim *paraphrase.Sentence
	// text is the unit's text, and names the range of the reader's
	// claimNames that are its names: what claimOf prepares the claim
	// from, with rd, the reader of the story.
	text  string
	names [2]int32
	rd    *reader
}

// claimOf returns the unit's claim, prepared the first time it is asked
// for by the story's reader (see unit.claim).
func (u *unit) claimOf() *paraphrase.Sentence {
	if u.claim == nil && u.rd != nil {
		r := u.rd
		if r.nclaims == len(r.claimBuf) {
			r.claimBuf = append(r.claimBuf, new(paraphrase.Sentence))
		}
		u.claim = r.claimBuf[r.nclaims]
		r.nclaims++
		r.ann.Names = r.claimNames[u.names[0]:u.names[1]]
		r.masked = maskDigits(r.masked[:0], u.text)
		r.prep.Prepare(u.claim, string(r.masked), &r.ann)
	}
	return u.claim
}

// term is a content word's stem (after synonyms), a story entity, a
// normalised figure or a day, interned as an id.
type term struct {
	w      float64 // idf, set once all units are read
	id     int32
	said   bool // what the sentence says (a word, a figure, a day), not whom it names
	figure bool // a figure or a day
	// The fields are in this order so that a term takes 16 bytes, not
	// 24: a story holds one for every distinct word of every sentence.
}

// entityRef is a story entity a sentence names.
type entityRef struct {
	name string
	typ  storyfold.EntityType
}

// isActor reports whether the entity is a person or an organisation: one
// who may do or say what a sentence tells.
func (e entityRef) isActor() bool {
	return e.typ == storyfold.EntityPerson || e.typ == storyfold.EntityOrg
}

// minWords is the shortest sentence compared: shorter ones ("He agreed.")
// carry too little to align safely.
const minWords = 6

// reader turns articles into units. It keeps a term dictionary for one
// story.
type reader struct {
	ids     map[string]int32
	df      []int32
	figures map[int32]bool // ids of figure terms
	stems   *nlp.Stemmer
	toks    []nlp.Token
	buf     []byte
	canon   map[string]entityRef // an article's entity name -> the story's entity
	seen    []uint32             // term id -> the unit that added it last (gen)
	gen     uint32
	sorted  []term
	covered []storyfold.Span
	persons []personMention
	// mentions, frameWords and classes serve the claim frame: the
	// unit's names, its words, and each word's class (kept between
	// stories).
	mentions   []frameMention
	frameWords []int
	classes    map[string]string
	// titles maps a title to the story's person who holds it (see
	// learnTitles).
	titles map[string]titleHolder
	prep   *paraphrase.Preparer
	ann    paraphrase.Annotations
	masked []byte
	keyBuf []byte // a name lower-cased, to look up in canon
	// tokSlab and termSlab are what units' tokens and terms are carved
	// from (see carve).
	tokSlab  []nlp.Token
	termSlab []term
	// cxws is the unit's cxw being read, carved from cxSlab; wordsAt
	// what the reader makes of each of its tokens (nil for a token that
	// is not a word), set while its frames are read; isVerb is frames'
	// list.
	cxws    []*cxWord
	cxSlab  []*cxWord
	wordsAt []*wordInfo
	isVerb  []bool
	// spans, sents and names are appendUnits' lists of an article's
	// clauses, their sentences and its names, kept between articles.
	spans []storyfold.Span
	sents []int
	names []nameMention
	// alone says the story has one article: a unit's denials, frames
	// and leads are read only to compare it with a unit of another
	// article (sameClaimAs, conflicts), so they are not read.
	alone bool
	// entityKeys maps a story entity's name to its term ("e:" and the
	// name lower-cased), kept between stories (up to maxEntityKeys).
	entityKeys map[string]string
	// claimNames holds the names of every unit of the story, each unit's
	// a range of it (see unit.names); claimBuf the claims prepared, the
	// first nclaims of them this story's, kept for the next story so
	// their buffers are reused.
	claimNames []string
	claimBuf   []*paraphrase.Sentence
	nclaims    int
	// words maps a word as written to what the reader makes of it (see
	// wordInfo), kept between stories (up to maxWordCache); story numbers
	// the reader's stories, so a word's term id is known to be this
	// story's.
	words map[string]*wordInfo
	story uint32
}

// wordInfo is what a reader makes of a word as written, worked out once
// for every time it is read: whether the alignment leaves it out, the
// term it stands for, and its class in the claim frame. Each is a pure
// function of the word, so remembering it changes nothing read.
type wordInfo struct {
	skip bool   // too short, a stop word, a speech verb or a role word
	key  string // its stem after synonyms, unless skip
	// id is key's term id in story number story.
	id    int32
	story uint32
	// class is the word's frame class, once classSet (see frameClass).
	class    string
	classSet bool
	// cx is what the conflict finder reads of the word (see cxWord):
	// its stem and lemma are filled as the finder asks for them, so the
	// reader is held until the story's conflicts are found.
	cx *cxWord
	// deny is 2 when the word may open a denial, 1 when not, 0 until
	// mayDeny has read it.
	deny int8
	// subject is 2 when the word holds a subject's place before a name
	// (holdsSubjectPlace), 1 when not, 0 until holdsSubject has read it.
	subject int8
}

// maxWordCache bounds the words a reader remembers (see reader.words).
const maxWordCache = 1 << 16

// word returns what the reader makes of a word as written, worked out
// the first time it is read.
func (r *reader) word(written string) *wordInfo {
	if w, ok := r.words[written]; ok {
		return w
	}
	if len(r.words) >= maxWordCache {
		clear(r.words) // a server reads words without end
	}
	w := &wordInfo{}
	r.buf = nlp.Lower(r.buf[:0], written)
	if len(r.buf) < 2 || nlp.IsStopWord(string(r.buf)) || speechVerbs[string(r.buf)] || nlp.IsRoleWord(written) {
		w.skip = true // who said it, and what people's titles are, is not what is said
	} else {
		w.key = r.stems.Stem(r.buf)
		if syn, ok := synonyms[w.key]; ok {
			w.key = syn
		}
	}
	key := strings.Clone(written)
	w.cx, r.buf = newCxWord(r.buf, key)
	r.words[key] = w
	return w
}

// class returns the frame class of a word as written: frameClass of its
// lower-case form (nlp.Lower).
func (r *reader) class(written string) string {
	return r.classOf(r.word(written), written)
}

// classOf is class of a word already looked up.
func (r *reader) classOf(w *wordInfo, written string) string {
	if !w.classSet {
		r.buf = nlp.Lower(r.buf[:0], written)
		w.class, w.classSet = r.frameClass(lowered(r.buf, written)), true
	}
	return w.class
}

// readers keeps readers between stories: a reader's stem cache is worth
// keeping warm, and its maps and buffers worth reusing.
var readers = newKept(func() *reader {
	return &reader{ids: map[string]int32{}, figures: map[int32]bool{}, stems: nlp.NewStemmer(), canon: map[string]entityRef{},
		classes: map[string]string{}, entityKeys: map[string]string{}, titles: map[string]titleHolder{}, prep: paraphrase.NewPreparer(),
		words: map[string]*wordInfo{}}
})

// newReader returns a reader for a story with the given entities; give it
// back with release.
func newReader(story []storyfold.Entity) *reader {
	r := readers.Get()
	clear(r.ids)
	clear(r.figures)
	clear(r.canon)
	clear(r.titles)
	r.df = r.df[:0]
	r.seen = r.seen[:0]
	r.gen = 0
	if r.story++; r.story == 0 {
		// The count wrapped: no word's id remembered with story 0, or
		// with a number from before, may pass for this story's.
		r.story = 1
		clear(r.words)
	}
	r.claimNames = r.claimNames[:0]
	r.nclaims = 0
	r.alone = false
	for _, e := range story {
		ref := entityRef{name: e.Name, typ: e.Type}
		r.canon[strings.ToLower(e.Name)] = ref
		for _, a := range e.Aliases {
			r.canon[strings.ToLower(a)] = ref
		}
	}
	return r
}

// carve returns a copy of src taken from the free end of slab, with the
// slab that remains: units' tokens and terms come a few hundred to one
// allocation, not one each. A unit's copy is never written again, so a
// slab kept for the next story leaves the last story's units as they
// are.
func carve[T any](slab, src []T) ([]T, []T) {
	if cap(slab)-len(slab) < len(src) {
		slab = make([]T, 0, max(slabSize, len(src)))
	}
	from := len(slab)
	slab = append(slab, src...)
	return slab[from:len(slab):len(slab)], slab
}

// slabSize is how many tokens or terms carve allocates at once.
const slabSize = 2048

// maxEntityKeys bounds a reader's entityKeys.
const maxEntityKeys = 1 << 14

// maxKeptClaims bounds the prepared claims a pooled reader keeps for
// the next story, about 6.5 MB.
const maxKeptClaims = 4096

func (r *reader) release() {
	clear(r.claimNames)
	clear(r.names) // the last article's: their names are not kept
	r.ann.Names = nil
	if len(r.claimBuf) > maxKeptClaims {
		clear(r.claimBuf[maxKeptClaims:])
		r.claimBuf = r.claimBuf[:maxKeptClaims]
	}
	readers.Put(r)
}

func (r *reader) intern(s string) int32 {
	id, ok := r.ids[s]
	if !ok {
		id = int32(len(r.df))
		r.ids[s] = id
		r.df = append(r.df, 0)
	}
	return id
}

// storyEntity maps an article's entity to the story's, so spelling
// variants ("Zelensky", "Zelenskyy") are one term and never a conflict.
func (r *reader) storyEntity(e storyfold.Entity) entityRef {
	r.keyBuf = nlp.AppendLower(r.keyBuf[:0], e.Name)
	if ref, ok := r.canon[string(r.keyBuf)]; ok {
		return ref
	}
	return entityRef{name: e.Name, typ: e.Type}
}

// units reads an article's sentences.
func (r *reader) units(ai int, a *storyfold.Article) []unit {
	return r.appendUnits(nil, ai, a)
}

// appendUnits appends the units of an article's sentences to out: a
// story's units are one list, not a list an article copied into it.
func (r *reader) appendUnits(out []unit, ai int, a *storyfold.Article) []unit {
	n := len(a.Sentences)
	heading := func(s storyfold.Span) bool {
		for _, p := range a.Paragraphs {
			if s.Start >= p.Start && s.Start < p.End {
				return p.Heading
			}
		}
		return false
	}
	// The article's clauses and their sentences, in lists kept between
	// articles.
	spans, sents := r.spans[:0], r.sents[:0]
	for si, s := range a.Sentences {
		if heading(s) {
			continue
		}
		n := len(spans)
		spans = appendClauses(spans, a, s)
		for range spans[n:] {
			sents = append(sents, si)
		}
	}
	r.spans, r.sents = spans, sents
	// The article's names, figures and days in text order, each read once;
	// every unit takes those inside it as the units go down the text.
	names := r.names[:0]
	for _, e := range a.Entities {
		ref := r.storyEntity(e)
		key, ok := r.entityKeys[ref.name]
		if !ok {
			if len(r.entityKeys) >= maxEntityKeys {
				clear(r.entityKeys)
			}
			key = "e:" + strings.ToLower(ref.name)
			r.entityKeys[ref.name] = key
		}
		for _, m := range e.Mentions {
			names = append(names, nameMention{m, key, ref, quoted(a, m.Start)})
		}
	}
	slices.SortFunc(names, func(x, y nameMention) int { return x.span.Start - y.span.Start })
	r.names = names
	ni, qi, di := 0, 0, 0
	for k, s := range spans {
		si := sents[k]
		u := unit{article: ai, sent: si, span: s, opens: s.Start == a.Sentences[si].Start, pos: float64(si) / float64(max(n-1, 1))}
		r.gen++
		r.sorted = r.sorted[:0]
		addID := func(id int32, said, figure bool) {
			for int(id) >= len(r.seen) {
				r.seen = append(r.seen, 0)
			}
			if r.seen[id] != r.gen {
				r.seen[id] = r.gen
				r.sorted = append(r.sorted, term{id: id, said: said, figure: figure})
			}
		}
		add := func(key string, said bool) {
			addID(r.intern(key), said, key[1] == ':' && key[0] != 'e')
		}
		// Names first: their words are not read again as plain words.
		covered := r.covered[:0]
		persons := r.persons[:0]
		mentions := r.mentions[:0]
		nameLo := int32(len(r.claimNames))
		for ni < len(names) && names[ni].span.Start < s.Start {
			ni++
		}
		for k := ni; k < len(names) && names[k].span.Start < s.End; k++ {
			m := names[k]
			if m.span.End > s.End {
				continue
			}
			add(m.key, false)
			covered = append(covered, m.span)
			if m.ref.typ == storyfold.EntityPerson {
				persons = append(persons, personMention{m.span, m.ref.name})
			}
			if m.ref.typ == storyfold.EntityPerson || m.ref.typ == storyfold.EntityOrg || m.ref.typ == storyfold.EntityPlace {
				mentions = append(mentions, frameMention{m.span, m.ref, m.quoted})
			}
			r.claimNames = append(r.claimNames, m.ref.name)
			// Names inside a quote are the speaker's words, however each
			// outlet transcribed them: not slots of the claim.
			if !m.quoted && !slices.Contains(u.entities, m.ref) {
				u.entities = append(u.entities, m.ref)
			}
		}
		for qi < len(a.Quantities) && a.Quantities[qi].Span.Start < s.Start {
			qi++
		}
		for k := qi; k < len(a.Quantities) && a.Quantities[k].Span.Start < s.End; k++ {
			q := a.Quantities[k]
			if q.Span.End > s.End {
				continue
			}
			u.quantities = append(u.quantities, q)
			key := "q:" + string(q.Kind) + ":" + q.Unit + ":" + strconv.FormatFloat(roundSignificant(q.Value), 'g', -1, 64)
			add(key, true)
			r.figures[r.ids[key]] = true
			covered = append(covered, q.Span)
		}
		for di < len(a.Dates) && a.Dates[di].Span.Start < s.Start {
			di++
		}
		for k := di; k < len(a.Dates) && a.Dates[k].Span.Start < s.End; k++ {
			d := a.Dates[k]
			if d.Span.End > s.End || !d.Date.Known() {
				continue
			}
			u.dates = append(u.dates, d)
			add("d:"+d.Date.Format("2006-01-02"), true)
			covered = append(covered, d.Span)
		}
		// In text order and merged where they overlap, so the words are
		// checked against them in one pass however many there are.
		slices.SortFunc(covered, func(x, y storyfold.Span) int { return x.Start - y.Start })
		covered = mergeSpans(covered)
		r.covered = covered
		// Quotes are in text order and do not overlap: the ones the unit
		// touches start at the first that ends after its start.
		first := sort.Search(len(a.Quotes), func(i int) bool { return a.Quotes[i].Span.End > s.Start })
		for _, q := range a.Quotes[first:] {
			if q.Span.Start >= s.End {
				break
			}
			if q.Speaker != "" {
				name := r.storyEntity(storyfold.Entity{Name: q.Speaker}).name
				if !slices.Contains(u.speakers, name) {
					u.speakers = append(u.speakers, name)
				}
			}
		}
		text := a.Text[s.Start:s.End]
		r.toks = nlp.Tokenize(r.toks[:0], text)
		words, ci := 0, 0
		r.cxws, r.wordsAt = r.cxws[:0], r.wordsAt[:0]
		for _, t := range r.toks {
			if t.Kind != nlp.Word {
				if !r.alone {
					r.cxws = append(r.cxws, nil)
					r.wordsAt = append(r.wordsAt, nil)
				}
				continue
			}
			words++
			var w *wordInfo
			if !r.alone {
				// The conflict finder and the claim frame read every
				// word of the unit, names too: each is looked up here
				// once for all.
				w = r.word(t.Text(text))
				r.cxws = append(r.cxws, w.cx)
				r.wordsAt = append(r.wordsAt, w)
			}
			pos := s.Start + int(t.Start)
			for ci < len(covered) && covered[ci].End <= pos {
				ci++
			}
			if ci < len(covered) && covered[ci].Start <= pos {
				continue
			}
			if w == nil {
				w = r.word(t.Text(text))
			}
			if w.skip {
				continue
			}
			// The word's term id is remembered for the story: interning
			// its key again would give the same id.
			if w.story != r.story {
				w.id, w.story = r.intern(w.key), r.story
			}
			addID(w.id, true, w.key[1] == ':' && w.key[0] != 'e')
		}
		said := 0
		for _, t := range r.sorted {
			if t.said {
				said++
			}
		}
		// A clause of names alone ("current acting FBI Director Andrew
		// McCabe") states nothing.
		listed := said < 2
		if words < minWords || len(r.sorted) < 3 || listed && !homeClause(a.Text, mentions) {
			continue
		}
		u.listed = listed
		slices.SortFunc(r.sorted, func(x, y term) int { return int(x.id) - int(y.id) })
		u.toks, r.tokSlab = carve(r.tokSlab, r.toks)
		u.terms, r.termSlab = carve(r.termSlab, r.sorted)
		if !r.alone {
			u.cxw, r.cxSlab = carve(r.cxSlab, r.cxws)
		}
		r.persons = persons
		r.mentions = mentions
		if !r.alone {
			u.denials = r.denials(text, s.Start, r.toks, persons, u.speakers)
			u.frames = r.frames(text, s.Start, r.toks, r.roleMentions(text, s.Start, r.toks, mentions))
			u.leads = r.leads(text, s.Start, r.toks, mentions)
		}
		u.formula = isFormula(text)
		u.text, u.names, u.rd = text, [2]int32{nameLo, int32(len(r.claimNames))}, r
		for _, t := range u.terms {
			r.df[t.id]++
		}
		out = append(out, u)
	}
	// What frames reads of a unit's words is the last unit's: gone
	// with it.
	r.wordsAt = r.wordsAt[:0]
	return out
}

// nameMention is a mention of a story entity in an article, with its term
// (see appendUnits).
type nameMention struct {
	span   storyfold.Span
	key    string
	ref    entityRef
	quoted bool
}

// maskDigits writes text with every run of digits (and the separators
// inside it) as one "0", so the scorer reads "12 killed" and "19 killed"
// as the same words: whether the figures agree is for conflicts to tell.
func maskDigits(dst []byte, text string) []byte {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < '0' || c > '9' {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '0')
		for i+1 < len(text) && (text[i+1] >= '0' && text[i+1] <= '9' || (text[i+1] == ',' || text[i+1] == '.') && i+2 < len(text) && text[i+2] >= '0' && text[i+2] <= '9') {
			i++
		}
	}
	return dst
}

// mergeSpans joins the overlapping spans of a list sorted by start, in
// place.
func mergeSpans(spans []storyfold.Span) []storyfold.Span {
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && s.Start < out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// roundSignificant keeps two significant digits, so figures that outlets
// round differently ("5,400 seconds" from "90 minutes" and "1.5 hours")
// share a term.
func roundSignificant(v float64) float64 {
	if v == 0 {
		return 0
	}
	mag := math.Pow(10, math.Floor(math.Log10(math.Abs(v)))-1)
	return math.Round(v/mag) * mag
}

// speechVerbs report a claim without being part of it.
var speechVerbs = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`say says said saying state states stated stating tell tells told telling add adds added
		adding note notes noted noting announce announces announced declare declares declared remark remarked report
		reports reported reportedly confirm confirmed claim claimed insist insisted stress stressed emphasize emphasized
		emphasise emphasised according`) {
		speechVerbs[w] = true
	}
}

// clauseBreaks split a sentence into clauses that may each report a claim
// of their own: "China welcomed the talks, while Rutte called for ...".
var clauseBreaks = []string{", while ", ", whereas ", ", but ", "; ", ": ", ", during which ", ", after which ", ", with "}

// appendClauses appends a sentence's clauses to dst, split where a
// clause break stands outside a quote and leaves at least minWords words
// on both sides.
func appendClauses(dst []storyfold.Span, a *storyfold.Article, s storyfold.Span) []storyfold.Span {
	text := a.Text[s.Start:s.End]
	// Every break opens with one of these: a sentence with none of them,
	// as many are, is one clause.
	if !strings.ContainsAny(text, ",;:") {
		return append(dst, s)
	}
	type cut struct{ at, next int } // the break's comma, the next clause's first word
	// On the stack for most sentences.
	var cb [8]cut
	cuts := cb[:0]
	for _, b := range clauseBreaks {
		skip := len(b) - len(strings.TrimLeft(b, ",;: "))
		for from := 0; ; {
			i := strings.Index(text[from:], b)
			if i < 0 {
				break
			}
			cuts = append(cuts, cut{from + i, from + i + skip})
			from += i + len(b)
		}
	}
	// No two breaks start at one place: the order is the same however
	// they are sorted.
	slices.SortFunc(cuts, func(x, y cut) int { return x.at - y.at })
	out := dst
	start := 0
	for _, c := range cuts {
		if c.at < start || quoted(a, s.Start+c.at) ||
			countFields(text[start:c.at]) < minWords || countFields(text[c.next:]) < minWords {
			continue
		}
		out = append(out, storyfold.Span{Start: s.Start + start, End: s.Start + c.at})
		start = c.next
	}
	return append(out, storyfold.Span{Start: s.Start + start, End: s.End})
}

// quoted reports whether pos lies inside one of the article's quotes,
// which are in text order and do not overlap. Speech with neither
// quotation marks nor a named speaker ("..., officials said.") is the
// outlet's own account of what unnamed people said, so a figure, day or
// place in it is the outlet's to answer for, as in the rest of its text.
func quoted(a *storyfold.Article, pos int) bool {
	k := sort.Search(len(a.Quotes), func(i int) bool { return a.Quotes[i].Span.End > pos })
	if k == len(a.Quotes) || a.Quotes[k].Span.Start > pos {
		return false
	}
	return a.Quotes[k].Kind != storyfold.QuoteUnmarked || a.Quotes[k].Speaker != ""
}

// figureWeight multiplies the weight of a figure: two sentences that give
// the same unusual figure ("90 minutes", "$1.3 trillion") most likely report
// the same claim, however they word the rest.
const figureWeight = 2

// weigh sets every term's idf over the story's units and each unit's total
// weight.
func weigh(units []unit, df []int32, figures map[int32]bool) {
	n := float64(len(units))
	for i := range units {
		u := &units[i]
		u.weight = 0
		for k := range u.terms {
			w := math.Log(1 + n/float64(df[u.terms[k].id]))
			if figures[u.terms[k].id] {
				w *= figureWeight
			}
			u.terms[k].w = w
			u.weight += w
		}
	}
}

// overlap is what two units share: the weighted Dice coefficient of their
// terms (the weight they share over the mean of their weights), and the
// words and names shared. Paraphrases of one claim share its rare words,
// names and figures; sentences about the same story that make different
// claims share only its common words.
type overlap struct {
	dice         float64
	words, names int
	figure       bool
}

func compareUnits(a, b *unit) overlap {
	// The walk of eachShared, written out: this is the alignment's hot
	// loop, and a call per shared term costs it a tenth of its time.
	var m overlap
	shared := 0.0
	i, j := 0, 0
	for i < len(a.terms) && j < len(b.terms) {
		switch {
		case a.terms[i].id < b.terms[j].id:
			i++
		case a.terms[i].id > b.terms[j].id:
			j++
		default:
			t := &a.terms[i]
			shared += t.w
			if t.said {
				m.words++
				m.figure = m.figure || t.figure
			} else {
				m.names++
			}
			i++
			j++
		}
	}
	if a.weight+b.weight > 0 {
		m.dice = 2 * shared / (a.weight + b.weight)
	}
	return m
}

// eachShared calls fn with each term two units share, in id order: their
// terms are sorted by id, so one pass over both finds them.
func eachShared(a, b *unit, fn func(t *term)) {
	i, j := 0, 0
	for i < len(a.terms) && j < len(b.terms) {
		switch {
		case a.terms[i].id < b.terms[j].id:
			i++
		case a.terms[i].id > b.terms[j].id:
			j++
		default:
			fn(&a.terms[i])
			i++
			j++
		}
	}
}

// enoughShared reports whether two units share what one claim needs:
// three words, or two and a figure, or a figure and two names. Less says
// different things about the same people ("Healey emphasized ..." and
// "“We understand,” said Healey").
func enoughShared(m overlap) bool {
	return m.words >= 3 || m.words == 2 && m.figure || m.figure && m.names >= 2
}

// similarity is the overlap's Dice coefficient, or 0 for sentences that
// share too little to state one claim (see enoughShared).
func similarity(a, b *unit) float64 {
	m := compareUnits(a, b)
	if !enoughShared(m) {
		return 0
	}
	return m.dice
}

// homeClause reports whether a clause of names ties a person to a place
// by "of" ("Representative Maxine Waters of California;" in a list of
// the people packages were addressed to): it states where the person is
// from, which another outlet may give differently, so the conflict stage
// reads it though it states no claim.
func homeClause(text string, ms []frameMention) bool {
	for i := 1; i < len(ms); i++ {
		if ms[i-1].ref.typ == storyfold.EntityPerson && ms[i].ref.typ == storyfold.EntityPlace && text[ms[i-1].span.End:ms[i].span.Start] == " of " {
			return true
		}
	}
	return false
}
