package evaluate

import (
	"bufio"
	_ "embed"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/compare"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/nlp/wordnet"
	"github.com/storyfold/storyfold/pipeline"
)

// The kinds of change the conflict benchmark makes.
const (
	ChangeFigure   = "figure"
	ChangeDate     = "date"
	ChangePlace    = "place"
	ChangeSpeaker  = "speaker"
	ChangeNegation = "negation"
)

// ChangeKinds lists every kind of change, in the order results are given.
var ChangeKinds = []string{ChangeFigure, ChangeDate, ChangePlace, ChangeSpeaker, ChangeNegation}

// conflictKinds are the conflict kinds that answer each change: a changed
// speaker may be found as a different person (or organisation) in the
// claim, or as the same words given to someone else.
var conflictKinds = map[string][]storyfold.ConflictKind{
	ChangeFigure:   {storyfold.ConflictNumber},
	ChangeDate:     {storyfold.ConflictDate},
	ChangePlace:    {storyfold.ConflictPlace},
	ChangeSpeaker:  {storyfold.ConflictPerson, storyfold.ConflictOrg, storyfold.ConflictAttribution},
	ChangeNegation: {storyfold.ConflictNegation},
}

//go:embed data/conflict-places.txt
var placesData string

//go:embed data/conflict-names.txt
var namesData string

//go:embed data/conflict-numbers.txt
var numbersData string

//go:embed data/conflict-grammar.txt
var grammarData string

// lines returns the entries of an embedded list: its lines without
// comments and blank lines.
func lines(data string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

var (
	// placeKinds maps a lower-case place name to its kind (country, city,
	// state); placesOf lists each kind's places.
	placeKinds = map[string]string{}
	placesOf   = map[string][]string{}
	// commonNames are speakers to credit when a story has no other person.
	commonNames []string
	// numberWords maps a spelled number to a clearly different one.
	numberWords = map[string]string{}
	// clauseOpeners open a clause that dates another act than the
	// sentence's; subjectWords are the pronouns a finite verb follows;
	// participleNext the prepositions a participle of a reduced relative
	// clause goes on with (conflict-grammar.txt).
	clauseOpeners, subjectWords, participleNext = map[string]bool{}, map[string]bool{}, map[string]bool{}
)

func init() {
	for _, l := range lines(placesData) {
		kind, name, _ := strings.Cut(l, " ")
		placeKinds[strings.ToLower(name)] = kind
		placesOf[kind] = append(placesOf[kind], name)
	}
	commonNames = lines(namesData)
	for _, l := range lines(numbersData) {
		from, to, _ := strings.Cut(l, " ")
		numberWords[from] = to
	}
	sets := map[string]map[string]bool{"opener": clauseOpeners, "subject": subjectWords, "preposition": participleNext}
	for _, l := range lines(grammarData) {
		kind, w, _ := strings.Cut(l, " ")
		set, ok := sets[kind]
		if !ok {
			// The list is embedded: a kind no rule reads is a mistake in it.
			panic(fmt.Sprintf("conflict-grammar.txt: unknown kind %q in %q", kind, l))
		}
		set[w] = true
	}
}

// ConflictOptions sets up the conflict benchmark.
type ConflictOptions struct {
	// Kinds are the kinds of change made; all when empty.
	Kinds []string
	// Seed picks, deterministically, which sentence of a story is changed
	// among those that qualify.
	Seed uint64
	// DevOnly skips the held-out stories, so that work on the rules can
	// read its misses without building, or seeing, the held-out half.
	DevOnly bool
}

// ChangeResult is one change made to one story and whether a conflict
// was found for it.
type ChangeResult struct {
	Cluster, Kind string
	// Article is the changed article; Other the article that states the
	// same thing unchanged.
	Article, Other string
	// Before and After are the changed sentence's value as written before
	// and after the change; Sentence is the changed sentence and
	// OtherSentence the other article's.
	Before, After           string
	Sentence, OtherSentence string
	Detected                bool
	// Aligned says the account's facts put the changed sentence with the
	// other article's: a miss that is not aligned is the alignment's.
	Aligned bool
	// AlignedBefore says the account of the unchanged story put the two
	// sentences in one fact.
	AlignedBefore bool
	// Conflicts counts the conflicts reported on the changed story, and
	// Related those that cite the changed sentence.
	Conflicts, Related int
	// DetectedBy names the rule of the conflict that found the change
	// (see compare.ConflictRule), and Unrelated the rules of the
	// conflicts that do not cite the changed sentence, one entry each.
	DetectedBy string
	Unrelated  []string
}

// KindScores sums the changes of one kind.
type KindScores struct {
	Made, Detected, UnalignedMisses int
	// Conflicts counts the conflicts reported on the changed stories, and
	// Related those that cite the changed sentence: the rest are false.
	Conflicts, Related int
}

// Recall is the share of changes a conflict was found for.
func (k KindScores) Recall() float64 { return fraction(k.Detected, k.Made) }

// Precision is the share of conflicts reported on the changed stories that
// cite the changed sentence.
func (k KindScores) Precision() float64 { return fraction(k.Related, k.Conflicts) }

// ConflictScores are the benchmark's figures for a set of stories.
type ConflictScores struct {
	// Stories counts the stories of two articles or more; Untouched the
	// conflicts reported on them as they are, all counted as false.
	Stories, Untouched int
	Kinds              map[string]*KindScores
	Changes            []ChangeResult
	// Found are the conflicts reported on the untouched stories, to read.
	Found []UntouchedConflict
	// Rules counts conflicts by the rule that found them (see
	// compare.ConflictRule), so each rule's false conflicts can be
	// weighed against the changes it finds.
	Rules map[string]*RuleScores
}

// RuleScores counts one rule's conflicts in the benchmark.
type RuleScores struct {
	// Untouched counts its conflicts on the untouched stories (all
	// false), Detected the changes it found, and Unrelated its conflicts
	// on changed stories that do not cite the changed sentence.
	Untouched, Detected, Unrelated int
}

// rule returns the scores of a rule, made on first use.
func (s *ConflictScores) rule(name string) *RuleScores {
	if s.Rules == nil {
		s.Rules = map[string]*RuleScores{}
	}
	if name == "" {
		name = "other"
	}
	r := s.Rules[name]
	if r == nil {
		r = &RuleScores{}
		s.Rules[name] = r
	}
	return r
}

// UntouchedConflict is a conflict reported on a story as it is.
type UntouchedConflict struct {
	Cluster  string
	Conflict storyfold.Conflict
}

// FalsePer20 is the number of conflicts reported per 20 untouched stories.
func (s *ConflictScores) FalsePer20() float64 {
	if s.Stories == 0 {
		return 0
	}
	return 20 * float64(s.Untouched) / float64(s.Stories)
}

// ConflictReport splits the scores between the gold clusters of even
// index (dev, the ones tuned on) and of odd index (held out).
type ConflictReport struct {
	Dev, HeldOut ConflictScores
}

// Conflicts runs the conflict benchmark over prepared articles whose Meta
// carries a gold "cluster": each gold cluster is a story, built as the
// pipeline builds one, and in each story one sentence per kind of change
// is altered where another article states the same thing, and the story
// rebuilt, to see whether a conflict cites the altered article.
func Conflicts(articles []storyfold.Article, opts ConflictOptions) ConflictReport {
	kinds := opts.Kinds
	if len(kinds) == 0 {
		kinds = ChangeKinds
	}
	byCluster := map[string][]storyfold.Article{}
	for _, a := range articles {
		if c := a.Meta["cluster"]; c != "" {
			byCluster[c] = append(byCluster[c], a)
		}
	}
	ids := make([]string, 0, len(byCluster))
	for c := range byCluster {
		ids = append(ids, c)
	}
	sort.Strings(ids)
	var rep ConflictReport
	for _, s := range []*ConflictScores{&rep.Dev, &rep.HeldOut} {
		s.Kinds = map[string]*KindScores{}
		for _, k := range kinds {
			s.Kinds[k] = &KindScores{}
		}
	}
	for i, c := range ids {
		members := byCluster[c]
		if len(members) < 2 {
			continue
		}
		s := &rep.Dev
		if i%2 == 1 {
			if opts.DevOnly {
				continue
			}
			s = &rep.HeldOut
		}
		s.Stories++
		found := buildStory(c, members, -1, nil).Conflicts
		s.Untouched += len(found)
		for _, f := range found {
			s.Found = append(s.Found, UntouchedConflict{Cluster: c, Conflict: f})
			s.rule(compare.ConflictRule(f)).Untouched++
		}
		for _, k := range kinds {
			r, ok := perturb(c, members, k, opts.Seed)
			if !ok {
				continue
			}
			ks := s.Kinds[k]
			ks.Made++
			ks.Conflicts += r.Conflicts
			ks.Related += r.Related
			for _, u := range r.Unrelated {
				s.rule(u).Unrelated++
			}
			if r.Detected {
				s.rule(r.DetectedBy).Detected++
				ks.Detected++
			} else if !r.Aligned {
				ks.UnalignedMisses++
			}
			s.Changes = append(s.Changes, r)
		}
	}
	return rep
}

// buildStory builds a gold cluster's story as the pipeline does, with
// article at index changed to replaced when index >= 0. The articles are
// copied: the story's building may fill in their dates.
func buildStory(id string, members []storyfold.Article, index int, replaced *storyfold.Article) *storyfold.Story {
	copies := make([]storyfold.Article, len(members))
	copy(copies, members)
	if index >= 0 {
		copies[index] = *replaced
	}
	ptrs := make([]*storyfold.Article, len(copies))
	for i := range copies {
		ptrs[i] = &copies[i]
	}
	return pipeline.NewStory(id, ptrs)
}

// change is one candidate change: the span of article a's text to replace,
// within sentence sa, which states what sentence sb of article b states.
type change struct {
	a, b   int
	sa, sb storyfold.Span
	at     storyfold.Span
	with   string
}

// perturb makes one change of a kind to a story, rebuilds it and checks
// whether a conflict of the kind cites the changed article. It reports
// false when the story has no sentence the change applies to.
func perturb(cluster string, members []storyfold.Article, kind string, seed uint64) (ChangeResult, bool) {
	cands := candidates(members, kind)
	if len(cands) == 0 {
		return ChangeResult{}, false
	}
	h := fnv.New64a()
	h.Write([]byte(cluster + "\x00" + kind))
	rng := rand.New(rand.NewPCG(seed, h.Sum64()))
	order := rng.Perm(len(cands))
	for _, k := range order[:min(len(order), 6)] {
		c := cands[k]
		a := members[c.a]
		changed, span, ok := apply(a, c, kind)
		if !ok {
			continue
		}
		st := buildStory(cluster, members, c.a, &changed)
		r := ChangeResult{Cluster: cluster, Kind: kind, Article: a.ID, Other: members[c.b].ID,
			Before: a.Text[c.at.Start:c.at.End], After: c.with,
			Sentence: changed.Text[span.Start:span.End], OtherSentence: members[c.b].Text[c.sb.Start:c.sb.End]}
		r.Aligned = aligned(st, a.ID, span, members[c.b].ID, c.sb)
		r.AlignedBefore = aligned(buildStory(cluster, members, -1, nil), a.ID, c.sa, members[c.b].ID, c.sb)
		want := conflictKinds[kind]
		for _, cf := range st.Conflicts {
			r.Conflicts++
			cites := slices.ContainsFunc(cf.Claims, func(cl storyfold.Claim) bool {
				return cl.Article == a.ID && overlaps(cl.Sentence, span)
			})
			if !cites {
				r.Unrelated = append(r.Unrelated, compare.ConflictRule(cf))
				continue
			}
			r.Related++
			if slices.Contains(want, cf.Kind) && !r.Detected {
				r.Detected = true
				r.DetectedBy = compare.ConflictRule(cf)
			}
		}
		return r, true
	}
	return ChangeResult{}, false
}

func overlaps(a, b storyfold.Span) bool { return a.Start < b.End && b.Start < a.End }

// aligned reports whether a fact of the story holds both sentences.
func aligned(st *storyfold.Story, a string, sa storyfold.Span, b string, sb storyfold.Span) bool {
	for _, f := range st.Facts {
		hasA := slices.ContainsFunc(f.Variants, func(v storyfold.Variant) bool {
			return v.Article == a && v.Sentence != nil && overlaps(*v.Sentence, sa)
		})
		hasB := slices.ContainsFunc(f.Variants, func(v storyfold.Variant) bool {
			return v.Article == b && v.Sentence != nil && overlaps(*v.Sentence, sb)
		})
		if hasA && hasB {
			return true
		}
	}
	return false
}

// apply makes a change to a copy of the article, annotates it again and
// checks the change reads as intended (the new figure is a figure of
// another value, the new date another day, the new name an entity). It
// returns the changed article and the changed sentence's new span.
func apply(a storyfold.Article, c change, kind string) (storyfold.Article, storyfold.Span, bool) {
	delta := len(c.with) - (c.at.End - c.at.Start)
	out := a
	out.Text = a.Text[:c.at.Start] + c.with + a.Text[c.at.End:]
	out.Paragraphs = make([]storyfold.Paragraph, len(a.Paragraphs))
	for i, p := range a.Paragraphs {
		if p.Start > c.at.Start {
			p.Start += delta
		}
		if p.End >= c.at.End {
			p.End += delta
		}
		out.Paragraphs[i] = p
	}
	out.Sentences = nil
	out.Entities, out.Quotes, out.Quantities, out.Dates = nil, nil, nil, nil
	out = pipeline.Annotate(out)
	span := storyfold.Span{Start: c.sa.Start, End: c.sa.End + delta}
	// The sentence may be split differently now: take the sentence that
	// holds the change.
	for _, s := range out.Sentences {
		if s.Start <= c.at.Start && c.at.Start < s.End {
			span = s
		}
	}
	at := storyfold.Span{Start: c.at.Start, End: c.at.Start + len(c.with)}
	ok := false
	switch kind {
	case ChangeFigure:
		var old float64
		for _, q := range a.Quantities {
			if overlaps(q.Span, c.at) {
				old = q.Value
			}
		}
		for _, q := range out.Quantities {
			if overlaps(q.Span, at) && math.Abs(q.Value-old) > 0.2*math.Abs(old) {
				ok = true
			}
		}
	case ChangeDate:
		var old storyfold.Date
		for _, d := range a.Dates {
			if overlaps(d.Span, c.at) {
				old = d.Date
			}
		}
		for _, d := range out.Dates {
			if overlaps(d.Span, at) && d.Date.Known() && !d.Date.Equal(old.Time) {
				ok = true
			}
		}
	case ChangePlace, ChangeSpeaker:
		want := storyfold.EntityPlace
		if kind == ChangeSpeaker {
			want = storyfold.EntityPerson
		}
		for _, e := range out.Entities {
			if e.Type == want && slices.ContainsFunc(e.Mentions, func(m storyfold.Span) bool { return overlaps(m, at) }) {
				ok = true
			}
		}
	case ChangeNegation:
		ok = true
	}
	return out, span, ok
}

// candidates lists the changes of a kind a story allows: a value in a
// sentence of one article that a sentence of another article gives too,
// the two sentences sharing enough content words to state the same
// thing. They are found without storyfold's own alignment.
func candidates(members []storyfold.Article, kind string) []change {
	words := make([][]map[string]bool, len(members))
	for i := range members {
		a := &members[i]
		words[i] = make([]map[string]bool, len(a.Sentences))
		for k, s := range a.Sentences {
			words[i][k] = contentWords(a.Text[s.Start:s.End])
		}
	}
	var out []change
	for i := range members {
		a := &members[i]
		for si, sa := range a.Sentences {
			for j := range members {
				if j == i {
					continue
				}
				b := &members[j]
				for sj, sb := range b.Sentences {
					need := 5
					if kind == ChangeNegation {
						need = 7
					}
					if !sameThing(words[i][si], words[j][sj], need) {
						continue
					}
					out = append(out, changesOf(members, i, sa, j, sb, kind)...)
				}
			}
		}
	}
	return out
}

// sameThing reports whether two sentences share at least need content
// words and half of the shorter's.
func sameThing(a, b map[string]bool, need int) bool {
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return n >= need && 2*n >= min(len(a), len(b))
}

// contentWords returns the lower-case words of a sentence that carry its
// content: not stop words, not numbers.
func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, t := range nlp.Tokenize(nil, s) {
		if t.Kind != nlp.Word {
			continue
		}
		w := strings.ToLower(t.Text(s))
		if len(w) < 3 || nlp.IsStopWord(w) || strings.ContainsAny(w, "0123456789") {
			continue
		}
		out[w] = true
	}
	return out
}

func inSpan(x, s storyfold.Span) bool { return x.Start >= s.Start && x.End <= s.End }

// inQuote reports whether a span lies in one of the article's quotes of
// someone's words (reported speech is the outlet's wording).
func inQuote(a *storyfold.Article, x storyfold.Span) bool {
	return slices.ContainsFunc(a.Quotes, func(q storyfold.Quotation) bool { return q.Said() && overlaps(q.Span, x) })
}

// changesOf lists the changes of a kind to sentence sa of article i that
// sentence sb of article j also states.
func changesOf(members []storyfold.Article, i int, sa storyfold.Span, j int, sb storyfold.Span, kind string) []change {
	a, b := &members[i], &members[j]
	var out []change
	add := func(at storyfold.Span, with string) {
		if with != "" && with != a.Text[at.Start:at.End] {
			out = append(out, change{a: i, b: j, sa: sa, sb: sb, at: at, with: with})
		}
	}
	switch kind {
	case ChangeFigure:
		for _, qa := range a.Quantities {
			if !inSpan(qa.Span, sa) {
				continue
			}
			for _, qb := range b.Quantities {
				if inSpan(qb.Span, sb) && qa.Kind == qb.Kind && qa.Unit == qb.Unit &&
					math.Abs(qa.Value-qb.Value) <= 0.01*math.Max(math.Abs(qa.Value), math.Abs(qb.Value)) {
					at, with := otherFigure(a.Text, qa.Span)
					add(at, with)
					break
				}
			}
		}
	case ChangeDate:
		// A day inside a quote (a speaker's "after today", the "Today"
		// show) is not the outlet's account of when a thing happened.
		for _, da := range a.Dates {
			if !inSpan(da.Span, sa) || da.Granularity != storyfold.GranularityDay || !da.Date.Known() || inQuote(a, da.Span) || quotedAt(a.Text, sa, da.Span.Start) {
				continue
			}
			for _, db := range b.Dates {
				if inSpan(db.Span, sb) && db.Granularity == storyfold.GranularityDay && db.Date.Known() && db.Date.Equal(da.Date.Time) &&
					!inQuote(b, db.Span) && !quotedAt(b.Text, sb, db.Span.Start) && clauseDay(a.Text, sa, da.Span) == clauseDay(b.Text, sb, db.Span) {
					at, with := otherDate(a.Text, da.Span)
					add(at, with)
					break
				}
			}
		}
	case ChangePlace:
		for _, m := range sharedMentions(a, sa, b, sb, storyfold.EntityPlace) {
			if inQuote(a, m) || quotedAt(a.Text, sa, m.Start) {
				continue
			}
			add(m, otherPlace(members, a.Text[m.Start:m.End]))
		}
	case ChangeSpeaker:
		if !speechNear(a, sa) || !speechNear(b, sb) {
			break
		}
		for _, m := range sharedMentions(a, sa, b, sb, storyfold.EntityPerson) {
			if inQuote(a, m) || quotedAt(a.Text, sa, m.Start) || !speechWithin(a.Text, sa, m) {
				continue
			}
			add(m, otherPerson(sa, a, sb, b))
		}
	case ChangeNegation:
		na, nb := negated(a.Text[sa.Start:sa.End]), negated(b.Text[sb.Start:sb.End])
		if na != nb {
			break
		}
		// The verb negated must be one the other sentence gives: then
		// both state whether the same thing happened.
		bText := strings.ToLower(b.Text[sb.Start:sb.End])
		if na {
			if at, ok := affirm(a, sa); ok && hasVerb(bText, a.Text[at.End:sa.End]) {
				out = append(out, change{a: i, b: j, sa: sa, sb: sb, at: at, with: ""})
			}
		} else if at, with, ok := negate(a, sa); ok && hasVerb(bText, a.Text[at.Start:sa.End]) {
			add(at, with)
		}
	}
	return out
}

// clauseDay reports whether a day stands in a clause that an opener
// begins within clauseReach words before it, no comma between: the day
// of an act the sentence sets its own against. A day so placed in one
// sentence and not in the other dates two acts, and changing it makes
// no conflict a reader could call one ("After appearing in court on
// Wednesday, Stone said ..." against "Stone said Friday").
func clauseDay(text string, s, day storyfold.Span) bool {
	words := strings.Fields(text[s.Start:day.Start])
	for k := len(words) - 1; k >= 0 && k >= len(words)-clauseReach; k-- {
		w := words[k]
		if strings.ContainsAny(w, ",;:") {
			return false
		}
		if clauseOpeners[strings.ToLower(strings.Trim(w, "\"'“”‘’(—―-"))] {
			return true
		}
	}
	return false
}

// clauseReach bounds the words between a clause opener and its day.
const clauseReach = 6

// otherFigure returns the part of a figure to rewrite and its new text: the
// first significant digit moved far enough that the figure is clearly
// another ("12" to "32", "$1.2 billion" to "$3.2 billion"), or a spelled
// number swapped for another.
func otherFigure(text string, q storyfold.Span) (storyfold.Span, string) {
	s := text[q.Start:q.End]
	for k := 0; k < len(s); k++ {
		if c := s[k]; c >= '1' && c <= '9' {
			d := c - '0'
			if d < 5 {
				d += 2
			} else {
				d -= 3
			}
			return storyfold.Span{Start: q.Start + k, End: q.Start + k + 1}, string('0' + d)
		}
	}
	toks := nlp.Tokenize(nil, s)
	for _, t := range toks {
		w := t.Text(s)
		if to, ok := numberWords[strings.ToLower(w)]; ok {
			if nlp.IsCapitalized(w) {
				to = strings.ToUpper(to[:1]) + to[1:]
			}
			return storyfold.Span{Start: q.Start + int(t.Start), End: q.Start + int(t.End)}, to
		}
	}
	return q, ""
}

var weekdays = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// otherDate returns the part of a written date to rewrite and its new
// text: the day of the month moved by a few days, or the weekday moved two
// days earlier (so it stays in the week before the article).
func otherDate(text string, d storyfold.Span) (storyfold.Span, string) {
	s := text[d.Start:d.End]
	for k := 0; k < len(s); k++ {
		if s[k] < '0' || s[k] > '9' {
			continue
		}
		e := k
		for e < len(s) && s[e] >= '0' && s[e] <= '9' {
			e++
		}
		var n int
		fmt.Sscanf(s[k:e], "%d", &n)
		if e-k <= 2 && n >= 1 && n <= 31 {
			if n <= 20 {
				n += 5
			} else {
				n -= 9
			}
			return storyfold.Span{Start: d.Start + k, End: d.Start + e}, fmt.Sprint(n)
		}
		k = e
	}
	for i, w := range weekdays {
		if k := strings.Index(s, w); k >= 0 {
			return storyfold.Span{Start: d.Start + k, End: d.Start + k + len(w)}, weekdays[(i+5)%7]
		}
	}
	return d, ""
}

// sharedMentions returns the mentions, in sentence sa of article a, of an
// entity of the type that sentence sb of article b names too, both outside
// quotes: a name inside a quote is the speaker's words, not the claim's.
func sharedMentions(a *storyfold.Article, sa storyfold.Span, b *storyfold.Article, sb storyfold.Span, typ storyfold.EntityType) []storyfold.Span {
	namesIn := func(x *storyfold.Article, s storyfold.Span) map[string]bool {
		m := map[string]bool{}
		for _, e := range x.Entities {
			if e.Type != typ || !slices.ContainsFunc(e.Mentions, func(m storyfold.Span) bool {
				return inSpan(m, s) && !inQuote(x, m) && !quotedAt(x.Text, s, m.Start)
			}) {
				continue
			}
			m[strings.ToLower(e.Name)] = true
			for _, al := range e.Aliases {
				m[strings.ToLower(al)] = true
			}
		}
		return m
	}
	inB := namesIn(b, sb)
	var out []storyfold.Span
	for _, e := range a.Entities {
		if e.Type != typ {
			continue
		}
		shared := inB[strings.ToLower(e.Name)] || slices.ContainsFunc(e.Aliases, func(al string) bool { return inB[strings.ToLower(al)] })
		if !shared {
			continue
		}
		for _, m := range e.Mentions {
			if inSpan(m, sa) && !inQuote(a, m) && !quotedAt(a.Text, sa, m.Start) {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// otherPlace returns a place of the same kind as name that no article of
// the story names.
func otherPlace(members []storyfold.Article, name string) string {
	kind := placeKinds[strings.ToLower(name)]
	if kind == "" {
		kind = "city"
	}
	named := func(p string) bool {
		for i := range members {
			if strings.Contains(members[i].Text, p) {
				return true
			}
		}
		return false
	}
	for _, p := range placesOf[kind] {
		if !strings.EqualFold(p, name) && !named(p) && nlp.CountryOf(p) != nlp.CountryOf(name) {
			return p
		}
	}
	return ""
}

// otherPerson returns a common name, of a person neither sentence names,
// to credit instead: the story's own people are often named in ways the
// name finder reads as something else ("Arkansas Gov").
func otherPerson(sa storyfold.Span, a *storyfold.Article, sb storyfold.Span, b *storyfold.Article) string {
	inEither := a.Text[sa.Start:sa.End] + " " + b.Text[sb.Start:sb.End]
	for _, n := range commonNames {
		if !sharesWord(n, inEither) {
			return n
		}
	}
	return ""
}

func sharesWord(name, text string) bool {
	for _, w := range strings.Fields(name) {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// speechVerbs mark a sentence that says who said something.
var speechVerbs = map[string]bool{"said": true, "says": true, "told": true, "stated": true, "added": true,
	"announced": true, "declared": true, "argued": true, "wrote": true, "tweeted": true, "insisted": true, "warned": true}

func speechNear(a *storyfold.Article, s storyfold.Span) bool {
	for w := range strings.FieldsSeq(strings.ToLower(a.Text[s.Start:s.End])) {
		if speechVerbs[strings.Trim(w, ".,;:\"'")] {
			return true
		}
	}
	return false
}

// speechWithin reports whether a mention is the speaker of a speech verb:
// the verb within three words after it ("Pelosi said", "Pelosi, 79,
// said"), or just before it with only titles between ("said Speaker Nancy
// Pelosi"), but never after "told" or "to" ("told Pelosi", "said to
// Pelosi"): that is who was spoken to.
func speechWithin(text string, s storyfold.Span, m storyfold.Span) bool {
	clean := func(w string) string { return strings.ToLower(strings.Trim(w, ".,;:\"'“”’")) }
	before := strings.Fields(text[s.Start:m.Start])
	rest := text[m.End:s.End]
	// "Netanyahu's planned speech" names whose speech, not who spoke.
	if strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
		return false
	}
	after := strings.Fields(rest)
	for _, w := range after[:min(3, len(after))] {
		if speechVerbs[clean(w)] {
			return true
		}
	}
	// "said Speaker Nancy Pelosi." ends its clause with the speaker; in
	// "a report that said President Trump directed", the name is what
	// was said.
	if r := strings.TrimSpace(rest); r != "" && !strings.ContainsAny(r[:1], ".,;:") && !clauseGoesOn[clean(strings.Fields(r)[0])] {
		return false
	}
	for k := len(before) - 1; k >= 0 && k >= len(before)-4; k-- {
		w := clean(before[k])
		if speechVerbs[w] {
			return w != "told"
		}
		if !nlp.IsCapitalized(strings.Trim(before[k], ".,;:\"'“”’")) {
			return false
		}
	}
	return false
}

// quotedAt reports whether a position of a sentence stands inside
// quotation marks, counting the marks before it: the quote finder may
// not have taken a quote whose speaker is far away.
func quotedAt(text string, s storyfold.Span, pos int) bool {
	before := text[s.Start:pos]
	open := strings.Count(before, "“") - strings.Count(before, "”")
	return open > 0 || strings.Count(before, "\"")%2 == 1 || strings.HasPrefix(strings.TrimSpace(text[s.Start:s.End]), "“") && open >= 0 && !strings.Contains(before, "”")
}

// negated reports whether a sentence negates something.
func negated(s string) bool {
	for w := range strings.FieldsSeq(strings.ToLower(s)) {
		w = strings.Trim(w, ".,;:\"'“”")
		if w == "not" || w == "never" || w == "no" || strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t") {
			return true
		}
	}
	return false
}

// clauseGoesOn are words after a speaker named after the verb that carry
// the clause on without a verb of its own: "said Pelosi in a statement".
var clauseGoesOn = map[string]bool{"in": true, "on": true, "at": true, "during": true, "after": true, "before": true,
	"when": true, "as": true, "of": true, "to": true, "from": true, "while": true, "who": true, "and": true}

// auxiliaries take "not" after them.
var auxiliaries = map[string]bool{"is": true, "are": true, "was": true, "were": true, "will": true, "would": true,
	"can": true, "could": true, "has": true, "have": true, "had": true, "should": true, "must": true}

// possessive auxiliaries are main verbs too: "has three pillars" takes
// no "not" after it ("has not three pillars"), "has announced" does.
var possessive = map[string]bool{"has": true, "have": true, "had": true}

// perfect reports whether the word after token k is a past participle
// ("has announced", "had been", "have taken"), so token k is an
// auxiliary.
func perfect(toks []nlp.Token, k int, text string) bool {
	for _, t := range toks[k+1:] {
		if t.Kind != nlp.Word {
			continue
		}
		w := strings.ToLower(t.Text(text))
		return w == "been" || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en")
	}
	return false
}

// negate returns where to insert "not" in a sentence: after its first
// auxiliary outside quotes, or instead of its first past-tense verb ("did
// not approve" for "approved").
func negate(a *storyfold.Article, s storyfold.Span) (storyfold.Span, string, bool) {
	text := a.Text[s.Start:s.End]
	toks := nlp.Tokenize(nil, text)
	for k, t := range toks {
		if t.Kind != nlp.Word || k == 0 {
			continue
		}
		at := storyfold.Span{Start: s.Start + int(t.Start), End: s.Start + int(t.End)}
		if inQuote(a, at) || quotedAt(a.Text, s, at.Start) {
			continue
		}
		if w := t.Text(text); auxiliaries[w] && (!possessive[w] || perfect(toks, k, text)) {
			return at, w + " not", true
		}
	}
	for k, t := range toks {
		if t.Kind != nlp.Word || k < 2 {
			continue
		}
		at := storyfold.Span{Start: s.Start + int(t.Start), End: s.Start + int(t.End)}
		w := t.Text(text)
		if inQuote(a, at) || quotedAt(a.Text, s, at.Start) || len(w) < 6 || !strings.HasSuffix(w, "ed") || speechVerbs[w] || nlp.IsCapitalized(w) || participle(toks, k, text) {
			continue
		}
		base := baseForm(w)
		if l := wordnet.LemmaPOS(strings.ToLower(w), wordnet.Verb); l != "" && l != strings.ToLower(w) {
			base = l // "injured" to "injure", which baseForm makes "injur"
		}
		return at, "did not " + base, true
	}
	return storyfold.Span{}, "", false
}

// participle reports whether the "-ed" word at token k modifies the
// noun before or after it rather than being the sentence's verb: right
// after a lowercase word that is no pronoun, adverb or auxiliary, and
// right before a preposition, a day or a lowercase content word ("two
// U.S. Capitol Police officers injured in the attack", "a statement
// released Tuesday", "same-sex married couples"). Negating it would
// write text no reader could take for a denial ("officers did not
// injure in the attack"); a verb after a name, a pronoun or an adverb,
// or before an article or a figure, is negated as before.
func participle(toks []nlp.Token, k int, text string) bool {
	prev, next := "", ""
	if k > 0 && toks[k-1].Kind == nlp.Word {
		prev = toks[k-1].Text(text)
	}
	if k+1 < len(toks) && toks[k+1].Kind == nlp.Word {
		next = toks[k+1].Text(text) // a figure or a mark after the verb ends the test
	}
	if prev == "" || next == "" || nlp.IsCapitalized(prev) {
		return false
	}
	lp := strings.ToLower(prev)
	if subjectWords[lp] || strings.HasSuffix(lp, "ly") || auxiliaries[lp] {
		return false
	}
	ln := strings.ToLower(next)
	return participleNext[ln] || slices.Contains(weekdays, next) || next[0] >= 'a' && next[0] <= 'z' && !nlp.IsStopWord(ln)
}

// hasVerb reports whether a lower-case sentence gives the verb that opens
// rest (after an auxiliary, if rest opens with one): a word of it with the
// verb's first five letters.
func hasVerb(sentence, rest string) bool {
	words := strings.Fields(strings.ToLower(rest))
	if len(words) > 1 && auxiliaries[words[0]] {
		words = words[1:]
	}
	if len(words) > 1 && words[0] == "not" {
		words = words[1:]
	}
	if len(words) == 0 {
		return false
	}
	v := strings.Trim(words[0], ".,;:\"'“”’")
	if len(v) < 4 || nlp.IsStopWord(v) {
		return false
	}
	v = v[:min(5, len(v))]
	for w := range strings.FieldsSeq(sentence) {
		if strings.HasPrefix(strings.Trim(w, ".,;:\"'“”’"), v) {
			return true
		}
	}
	return false
}

// affirm returns the "not " to take out of a sentence that negates its
// verb after an auxiliary ("was not elected"), outside quotes.
func affirm(a *storyfold.Article, s storyfold.Span) (storyfold.Span, bool) {
	text := a.Text[s.Start:s.End]
	toks := nlp.Tokenize(nil, text)
	for k := 1; k+1 < len(toks); k++ {
		t := toks[k]
		if t.Kind != nlp.Word || t.Text(text) != "not" || !auxiliaries[strings.ToLower(toks[k-1].Text(text))] {
			continue
		}
		at := storyfold.Span{Start: s.Start + int(t.Start), End: s.Start + int(toks[k+1].Start)}
		if inQuote(a, at) || quotedAt(a.Text, s, at.Start) {
			continue
		}
		return at, true
	}
	return storyfold.Span{}, false
}

// baseForm undoes a regular past tense: "released" to "release",
// "stopped" to "stop", "carried" to "carry", "agreed" to "agree".
func baseForm(w string) string {
	stem := strings.TrimSuffix(w, "ed")
	switch n := len(stem); {
	case strings.HasSuffix(w, "ied"):
		return strings.TrimSuffix(w, "ied") + "y"
	case strings.HasSuffix(w, "eed"):
		return strings.TrimSuffix(w, "d")
	case n >= 2 && stem[n-1] == stem[n-2] && !strings.ContainsRune("lsz", rune(stem[n-1])):
		return stem[:n-1]
	case n >= 1 && strings.ContainsRune("scvzug", rune(stem[n-1])):
		return stem + "e"
	case strings.HasSuffix(stem, "at") || strings.HasSuffix(stem, "it") && !strings.HasSuffix(stem, "mit"):
		return stem + "e"
	}
	return stem
}
