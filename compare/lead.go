package compare

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/sorted"
)

// The cue lists are data, not code, so an editor can extend them without
// reading the rules that use them; each line is "KIND PHRASE".
var (
	//go:embed lead_leansback.txt
	leansBackData string
	//go:embed lead_captions.txt
	captionData string
)

// leanCues are the cues of a sentence that needs the one before it.
var leanCues = func() struct {
	start [][]string
	early map[string]bool
	end   [][]string
	when  map[string]bool
} {
	kinds := mustCues(leansBackData, "start", "early", "end", "when")
	c := struct {
		start [][]string
		early map[string]bool
		end   [][]string
		when  map[string]bool
	}{early: map[string]bool{}, when: set(kinds["when"])}
	for _, p := range kinds["start"] {
		c.start = append(c.start, strings.Fields(p))
	}
	for _, p := range kinds["early"] {
		c.early[p] = true
	}
	for _, p := range kinds["end"] {
		c.end = append(c.end, strings.Fields(p))
	}
	return c
}()

// captionCueSet holds the cues of a photo caption or credit by kind.
type captionCueSet struct {
	credits []string
	verbs   [][]string
	be      map[string]bool
	aux     map[string]bool
	past    map[string]bool
	det     map[string]bool
	day     map[string]bool
	month   map[string]bool
	labels  []string
}

// captionCues are the cues of a photo caption or credit.
var captionCues = func() captionCueSet {
	kinds := mustCues(captionData, "credit", "verb", "be", "aux", "past", "det", "day", "month", "label")
	c := captionCueSet{credits: kinds["credit"], be: set(kinds["be"]), aux: set(kinds["aux"]), past: set(kinds["past"]),
		det: set(kinds["det"]), day: set(kinds["day"]), month: set(kinds["month"]), labels: kinds["label"]}
	for _, p := range kinds["verb"] {
		c.verbs = append(c.verbs, strings.Fields(p))
	}
	return c
}()

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// parseCues reads a cue file: one "KIND PHRASE" a line, # comments and
// blank lines skipped. Phrases of the kinds outside caseSensitive are
// lowered. It returns the phrases by kind, and an error naming the first
// line of an unknown kind or a phrase given twice.
func parseCues(data string, kinds ...string) (map[string][]string, error) {
	out := map[string][]string{}
	seen := map[string]int{}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, phrase, ok := strings.Cut(line, " ")
		phrase = strings.TrimSpace(phrase)
		if !ok || phrase == "" || !slices.Contains(kinds, kind) {
			return nil, fmt.Errorf("line %d: %q is not KIND PHRASE with a kind of %v", n+1, line, kinds)
		}
		if kind != "credit" {
			phrase = strings.ToLower(phrase)
		}
		key := kind + " " + phrase
		if first, dup := seen[key]; dup {
			return nil, fmt.Errorf("line %d: %q repeats line %d", n+1, line, first)
		}
		seen[key] = n + 1
		out[kind] = append(out[kind], phrase)
	}
	return out, nil
}

func mustCues(data string, kinds ...string) map[string][]string {
	m, err := parseCues(data, kinds...)
	if err != nil {
		panic(fmt.Errorf("compare: embedded cue list: %w", err))
	}
	return m
}

// words returns a sentence's words, lowered, split at every character
// that is not a letter or a digit ("It's" gives "it", "s"), so cues match
// whole words. Lowering maps letters to letters and leaves every other
// character as it is, rune by rune, so the words are those of the
// sentence lowered once: one string and one list allocated, however many
// words it has.
func words(s string) []string {
	return appendWords(nil, s)
}

// appendWords appends the words of s (see words) to dst, which a caller
// that keeps none of them may hold on its stack: the list then costs no
// allocation for a sentence of up to its room in words.
func appendWords(dst []string, s string) []string {
	s = strings.ToLower(s)
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	n, in := 0, false
	for _, r := range s {
		if w := isWord(r); w != in {
			in = w
			if w {
				n++
			}
		}
	}
	if n == 0 {
		return dst
	}
	out := slices.Grow(dst, n)
	start := -1
	for i, r := range s {
		if isWord(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func hasPrefixWords(ws, p []string) bool {
	return len(ws) >= len(p) && slices.Equal(ws[:len(p)], p)
}

func containsWords(ws, p []string) bool {
	for i := 0; i+len(p) <= len(ws); i++ {
		if slices.Equal(ws[i:i+len(p)], p) {
			return true
		}
	}
	return false
}

// leansBack reports whether a sentence needs the one before it to be
// understood: it opens with a pronoun or demonstrative subject ("He
// added", "This is"), a connective ("However", "Meanwhile", "But"), a
// definite description of what came before ("The statement", "The
// move"), or adds to it ("X also emphasized", "..., too.").
func leansBack(s string) bool {
	s = strings.TrimLeft(s, "\"“‘'([ —–-")
	var buf [48]string
	ws := appendWords(buf[:0], s)
	if len(ws) == 0 {
		return false
	}
	for _, p := range leanCues.start {
		if hasPrefixWords(ws, p) {
			if len(p) == 1 && (p[0] == "this" || p[0] == "that") && len(ws) > 1 && leanCues.when[ws[1]] {
				continue
			}
			return true
		}
	}
	for _, w := range ws[:min(len(ws), 8)] {
		if leanCues.early[w] {
			return true
		}
	}
	for _, p := range leanCues.end {
		if len(ws) > len(p) && slices.Equal(ws[len(ws)-len(p):], p) {
			return true
		}
	}
	return false
}

// isCaption reports whether a sentence describes a picture rather than
// reports a claim: a picture credit ("(Photo: ...)", "Getty Images",
// "REUTERS/"), a present-tense picture verb ("poses", "is seen", "looks
// on") in a sentence with no past tense, or a verbless noun phrase that
// ends on a day ("Members of the caravan at the border wall in Tijuana on
// Sunday.").
func isCaption(s string) bool {
	for _, c := range captionCues.credits {
		if strings.Contains(s, c) {
			return true
		}
	}
	if strings.ContainsAny(s, "\"“”") {
		return false // no caption quotes: checked before reading the words
	}
	var buf [48]string
	ws := appendWords(buf[:0], s)
	if len(ws) < 3 || len(ws) > 40 {
		return false
	}
	past, aux, be := false, false, false
	for i, w := range ws {
		switch {
		case captionCues.past[w]:
			past = true
		case captionCues.aux[w]:
			aux = true
		case captionCues.be[w]:
			be = true
		case i > 0 && len(w) > 3 && strings.HasSuffix(w, "ed") && !captionCues.det[ws[i-1]] && !pictureVerb(ws, i):
			past = true
		}
	}
	if past || aux {
		return false
	}
	for _, v := range captionCues.verbs {
		if containsWords(ws, v) {
			return true
		}
	}
	// Verbless: a noun phrase, a place and a day.
	if be || len(ws) > 30 || !endsOnDay(ws) {
		return false
	}
	return slices.Contains(ws, "in") || slices.Contains(ws, "at") || slices.Contains(ws, "outside") || slices.Contains(ws, "near")
}

// pictureVerb reports whether word i is part of a picture verb cue in ws
// ("pictured").
func pictureVerb(ws []string, i int) bool {
	for _, v := range captionCues.verbs {
		for k, w := range v {
			if w == ws[i] && i-k >= 0 && hasPrefixWords(ws[i-k:], v) {
				return true
			}
		}
	}
	return false
}

// endsOnDay reports whether a sentence's last words name a day: a weekday
// ("on Sunday"), or a month and a day with or without a year.
func endsOnDay(ws []string) bool {
	n := len(ws)
	if n == 0 {
		return false
	}
	last := ws[n-1]
	if captionCues.day[last] {
		return true
	}
	k := n - 1
	if isDigits(last) && len(last) == 4 {
		k-- // the year
	}
	return k >= 1 && isDigits(ws[k]) && len(ws[k]) <= 2 && captionCues.month[ws[k-1]]
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// dashes separate a dateline from the sentence it heads.
var dashes = []string{" — ", " – ", " ― ", " -- ", " - ", "—", "–", "―"}

// startsWithDateline reports whether a sentence opens with a wire dateline
// the cleaner left in: "WASHINGTON (AP) —", "April 29 (UPI) —", "BRUSSELS,
// Belgium –". Such a sentence reads badly at the head of a summary.
func startsWithDateline(s string) bool {
	cut := -1
	for _, d := range dashes {
		if i := strings.Index(s, d); i > 0 && i < 80 && (cut < 0 || i < cut) {
			cut = i
		}
	}
	if cut < 0 {
		return false
	}
	prefix := strings.TrimSpace(s[:cut])
	ws := strings.Fields(prefix)
	if len(ws) == 0 || len(ws) > 8 {
		return false
	}
	// An agency in parentheses: "(AP)", "(UPI)", "(Reuters)", "(CNN)".
	if o := strings.IndexByte(prefix, '('); o >= 0 && strings.HasSuffix(prefix, ")") && utf8.RuneCountInString(prefix[o:]) <= 16 {
		return true
	}
	// A place in capitals: "WASHINGTON", "NEW YORK,".
	first := strings.Trim(ws[0], ",.")
	if utf8.RuneCountInString(first) >= 3 && strings.ToUpper(first) == first && strings.ToLower(first) != first {
		return true
	}
	// A day: "April 29", "Feb. 3".
	lw := words(prefix)
	return len(lw) >= 2 && len(lw) <= 4 && captionCues.month[lw[0]] && isDigits(lw[1])
}

// leadContext holds what a story's summary checks its sentences against:
// the headlines of its articles and its main people and places.
type leadContext struct {
	titles [][]string // the distinct words of each headline, sorted
	main   map[string]bool
	// unfits remembers unfit's answer for each sentence asked about:
	// the summary asks again of the same sentences, and the answer
	// depends only on the sentence and the story's headlines.
	unfits map[string]string
	// leans remembers leansBack's answer for each sentence asked about,
	// for the same reason.
	leans map[string]bool
}

// mainEntities is how many of a story's most reported people, places and
// organisations make its centre.
const mainEntities = 6

func newLeadContext(st *storyfold.Story, members []*storyfold.Article) *leadContext {
	lc := &leadContext{main: map[string]bool{}}
	seen := map[string]bool{}
	addTitle := func(t string) {
		t = strings.TrimSpace(t)
		// A title cut short ("... in high-stakes…") was cut from the lede:
		// the lede is the article's own sentence, not a headline.
		if t == "" || strings.HasSuffix(t, "…") || strings.HasSuffix(t, "...") || seen[t] {
			return
		}
		seen[t] = true
		if ws := distinctWords(t); len(ws) >= 3 {
			lc.titles = append(lc.titles, ws)
		}
	}
	for _, a := range members {
		addTitle(a.Title)
		for _, r := range a.Removed {
			if r.Reason == storyfold.RemovedHeadline || r.Reason == storyfold.RemovedRepeat {
				addTitle(r.Text)
			}
		}
	}
	for _, e := range st.Entities {
		if len(lc.main) == mainEntities {
			break
		}
		if e.Type == storyfold.EntityPerson || e.Type == storyfold.EntityPlace || e.Type == storyfold.EntityOrg {
			lc.main[e.Name] = true
		}
	}
	return lc
}

// isHeadline reports whether a sentence is a headline: (nearly) the words
// of one of the story's titles, or a line in title case without a final
// stop.
func (lc *leadContext) isHeadline(s string) bool {
	ws := distinctWords(s)
	if len(ws) == 0 {
		return false
	}
	for _, t := range lc.titles {
		// Sharing 0.8 of the longer list needs lengths that close.
		if 5*len(t) < 4*len(ws) || 5*len(ws) < 4*len(t) {
			continue
		}
		if float64(sorted.Shared(ws, t)) >= 0.8*float64(max(len(ws), len(t))) {
			return true
		}
	}
	s = strings.TrimSpace(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".!?\"”’'…)", last) {
		return false
	}
	fields := strings.Fields(s)
	caps, long := 0, 0
	for _, f := range fields {
		if utf8.RuneCountInString(f) < 4 {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(f); unicode.IsUpper(r) {
			caps++
		}
	}
	return long >= 3 && 10*caps >= 7*long
}

// distinctWords returns a text's distinct words, sorted.
func distinctWords(s string) []string {
	ws := words(s)
	slices.Sort(ws)
	return slices.Compact(ws)
}

// unfit reports why a sentence may never stand in a summary: a caption, a
// dateline, a headline, a page label; "" when it may.
func (lc *leadContext) unfit(s string) string {
	if why, ok := lc.unfits[s]; ok {
		return why
	}
	if lc.unfits == nil {
		lc.unfits = map[string]string{}
	}
	why := lc.readUnfit(s)
	lc.unfits[s] = why
	return why
}

// leansBack is leansBack(s), remembered for the story.
func (lc *leadContext) leansBack(s string) bool {
	if lb, ok := lc.leans[s]; ok {
		return lb
	}
	if lc.leans == nil {
		lc.leans = map[string]bool{}
	}
	lb := leansBack(s)
	lc.leans[s] = lb
	return lb
}

// readUnfit reads why a sentence is unfit (see unfit).
func (lc *leadContext) readUnfit(s string) string {
	switch {
	case isCaption(s):
		return "caption"
	case startsWithDateline(s):
		return "dateline"
	case lc.isHeadline(s):
		return "headline"
	case startsWithLabel(s):
		return "label"
	}
	return ""
}

// startsWithLabel reports whether a sentence opens with a page label
// ("Updated:", "Editor's note:").
func startsWithLabel(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, l := range captionCues.labels {
		if strings.HasPrefix(s, l) {
			return true
		}
	}
	return false
}

// centrality is the share of the story's main entities a unit names, out
// of at most four: a lede names the main people and places.
func (lc *leadContext) centrality(u *unit) float64 {
	n := 0
	for _, e := range u.entities {
		if lc.main[e.name] {
			n++
		}
	}
	return min(1, float64(n)/float64(max(1, min(4, len(lc.main)))))
}

// Bounds of a corroborated lede.
const (
	// ledeSentences is how far into its article a lede may stand.
	ledeSentences = 3
	// ledeAgreement is the weighted share of terms two ledes must have in
	// common, besides two main names and the day, to tell the same event:
	// far below sameClaim, as ledes word one event each their own way, but
	// they also share who and when.
	ledeAgreement = 0.15
	// ledeAgreementOneCue is the share two ledes must have that share the
	// names but not the day, or the day and one name: in a story whose
	// every lede names its two protagonists, names alone tell little.
	ledeAgreementOneCue = 0.25
	// ledeAgreementOneName is the share two ledes that name only one main
	// person or place in common, and no day, must have.
	ledeAgreementOneName = 0.3
)

// corroboratedLede finds the lede the story's articles agree on when the
// alignment grouped none: a sentence among the first of its article,
// fit to lead, whose event the ledes of other independent sources tell
// too (they name two of the same main people or places, or one and the
// same day, and share some of its rarer words). It returns the lede as a
// summary sentence citing every article whose lede tells it, its unit and
// its leadScore; ok is false when no lede is told by two independent sources.
func corroboratedLede(st *storyfold.Story, units []unit, members []*storyfold.Article, lc *leadContext,
	fit func(string) bool) (s storyfold.SummarySentence, unitIdx int, bestScore float64, ok bool) {
	family := map[string]int{} // article ID -> its family, or a family of its own
	for i, f := range st.Families {
		for _, id := range f.Articles {
			family[id] = i + 1
		}
	}
	source := func(ai int) int {
		if f, ok := family[members[ai].ID]; ok {
			return f
		}
		return -1 - ai
	}
	var ledes []int
	for ui := range units {
		u := &units[ui]
		if u.sent < ledeSentences && u.opens {
			ledes = append(ledes, ui)
		}
	}
	// Each lede's main people, places and organisations (see
	// mainEntities), read once: the ledes are compared pair by pair.
	mains := make([][]entityRef, len(ledes))
	for k, ui := range ledes {
		mains[k] = mainOf(&units[ui], lc)
	}
	bestScore = -1
	// agree and sources are cleared for each lede, not made again: a
	// story of many articles has many ledes.
	agree := map[int]int{}
	sources := map[int]bool{}
	for k, ui := range ledes {
		u := &units[ui]
		a := members[u.article]
		sent := a.Sentences[u.sent]
		text := a.Text[sent.Start:sent.End]
		if !fit(text) {
			continue
		}
		// The best lede of each other article that tells the same event.
		clear(agree)
		agree[u.article] = ui
		for kv, vi := range ledes {
			v := &units[vi]
			// Two ledes that share no main name never tell one event.
			if v.article == u.article || len(mains[kv]) == 0 || !sameEvent(u, v, mains[k]) {
				continue
			}
			if old, ok := agree[v.article]; !ok || v.sent < units[old].sent {
				agree[v.article] = vi
			}
		}
		clear(sources)
		for ai := range agree {
			sources[source(ai)] = true
		}
		if len(sources) < 2 {
			continue
		}
		f := &factGroup{canon: ui, sources: len(sources), members: make([]int, 0, len(agree))}
		for _, vi := range agree {
			f.members = append(f.members, vi)
		}
		slices.SortFunc(f.members, func(x, y int) int { return units[x].article - units[y].article })
		score := leadScore(f, units, lc, max(1, st.IndependentSources), len(members))
		if score <= bestScore {
			continue
		}
		bestScore, unitIdx, ok = score, ui, true
		s = storyfold.SummarySentence{Text: text, Articles: []string{}, Cites: []storyfold.SentenceRef{}, Part: storyfold.SummaryConsensus}
		for _, m := range f.members {
			ma := members[units[m].article]
			s.Articles = append(s.Articles, ma.ID)
			s.Cites = append(s.Cites, storyfold.SentenceRef{Article: ma.ID, Sentence: ma.Sentences[units[m].sent]})
		}
	}
	return s, unitIdx, bestScore, ok
}

// mainOf returns the entities of a unit that are among the story's main
// ones, in the unit's order.
func mainOf(u *unit, lc *leadContext) []entityRef {
	var out []entityRef
	for _, e := range u.entities {
		if lc.main[e.name] {
			out = append(out, e)
		}
	}
	return out
}

// sameEvent reports whether two ledes tell the same event: the more of
// who (the story's main names, mainA those of a: see mainOf) and when
// (the same day) they share, the less of their other terms they need to
// (ledeAgreement, ledeAgreementOneCue, ledeAgreementOneName).
func sameEvent(a, b *unit, mainA []entityRef) bool {
	names := 0
	for _, e := range mainA {
		if slices.Contains(b.entities, e) {
			names++
		}
	}
	day := false
	for _, d := range a.dates {
		for _, e := range b.dates {
			if d.Granularity == storyfold.GranularityDay && e.Granularity == storyfold.GranularityDay && d.Date.Equal(e.Date.Time) {
				day = true
			}
		}
	}
	var need float64
	switch {
	case names >= 2 && day:
		need = ledeAgreement
	case names >= 2 || names == 1 && day:
		need = ledeAgreementOneCue
	case names == 1:
		need = ledeAgreementOneName
	default:
		return false
	}
	return compareUnits(a, b).dice >= need
}
