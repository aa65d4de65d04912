package quote

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/tally"
	"github.com/storyfold/storyfold/nlp"
)

// Group gathers the quotes of a story's articles (in the story's order)
// into quote groups: the same statement reported by several outlets is one
// quote, with its canonical wording, its speaker as the story's entity for
// that person, and every article's variant with the words it omits, adds or
// changes.
func Group(articles []*storyfold.Article, entities []storyfold.Entity) []storyfold.Quote {
	type item struct {
		article string
		q       storyfold.Quotation
		text    string // the wording, unmarked speech continued (see continueUnmarked)
		speaker string
		words   []string // lower-case words, for the diff
		cased   []string // the same words as the article writes them
		key     string   // the words joined, for counting wordings
	}
	var items []item
	var statements []statement
	speakers := newSpeakerIndex(entities)
	byID := make(map[string]*storyfold.Article, len(articles))
	for _, a := range articles {
		byID[a.ID] = a
		for _, q := range a.Quotes {
			cased := casedWords(q.Text)
			words := lowerWords(cased)
			items = append(items, item{article: a.ID, q: q, text: q.Text, speaker: speakers.canonical(q.Speaker), words: words, cased: cased, key: strings.Join(words, " ")})
			statements = append(statements, newStatement(words))
		}
	}
	// Union-find over pairs of quotes that say the same thing.
	parent := make([]int, len(items))
	for i := range parent {
		parent[i] = i
	}
	root := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	sameStatements(statements, func(i, j int) {
		a, b := &items[i], &items[j]
		if a.article == b.article || a.speaker != "" && b.speaker != "" && a.speaker != b.speaker {
			return
		}
		parent[root(j)] = root(i)
	})
	groups := map[int][]int{}
	var roots []int
	for i := range items {
		r := root(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	out := make([]storyfold.Quote, 0, len(roots))
	for _, r := range roots {
		members := groups[r]
		// Unmarked speech continued through the sentences after it that
		// another article quotes as part of the same statement.
		for _, i := range members {
			it := &items[i]
			if it.q.Kind != storyfold.QuoteUnmarked || byID[it.article] == nil {
				continue
			}
			var longer [][]string
			seen := map[string]bool{}
			for _, j := range members {
				if o := &items[j]; o.article != it.article && len(o.words) > len(it.words) && !seen[o.key] {
					seen[o.key] = true
					longer = append(longer, o.words)
				}
			}
			if text, ok := continueUnmarked(byID[it.article], it.q, longer); ok {
				it.text, it.cased = text, casedWords(text)
				it.words = lowerWords(it.cased)
				it.key = strings.Join(it.words, " ")
			}
		}
		// The canonical wording: the one most articles use, the longest
		// on a tie.
		count := map[string]int{}
		speakers := map[string]int{}
		for _, i := range members {
			count[items[i].key]++
			if items[i].speaker != "" {
				speakers[items[i].speaker]++
			}
		}
		canon := members[0]
		for _, i := range members[1:] {
			ci, cc := count[items[i].key], count[items[canon].key]
			if ci > cc || ci == cc && len(items[i].text) > len(items[canon].text) {
				canon = i
			}
		}
		q := storyfold.Quote{Speaker: tally.Majority(speakers), Text: items[canon].text, Articles: []string{}, Variants: []storyfold.Variant{}, Kind: items[canon].q.Kind}
		listed := make(map[string]bool, len(members))
		for _, i := range members {
			it := &items[i]
			if !listed[it.article] {
				listed[it.article] = true
				q.Articles = append(q.Articles, it.article)
			}
			d := diffWords(items[canon].words, it.words, items[canon].cased, it.cased)
			q.Variants = append(q.Variants, storyfold.Variant{Article: it.article, Text: it.text,
				Diff: d.text, Missing: orNone(d.missing), Added: orNone(d.added)})
		}
		out = append(out, q)
	}
	// The most widely given first, and among those as widely given,
	// someone's own words before an outlet's report of them.
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].Articles) != len(out[j].Articles) {
			return len(out[i].Articles) > len(out[j].Articles)
		}
		return out[i].Direct() && !out[j].Direct()
	})
	return out
}

// speakerIndex maps a speaker as an article names it to the story's entity
// for that person (see canonical), through maps built once per story, so
// that the cost does not grow with quotes times entities.
type speakerIndex struct {
	entities  []storyfold.Entity // indexed on the first speaker asked about
	byName    map[string]string  // fold key of an entity's name -> the first such entity's name
	byAlias   map[string]string  // fold key of an alias -> the first entity with it
	bySurname map[string]string  // last word of a person's full name -> the first such person
	memo      map[string]string  // speaker -> its canonical name
}

func newSpeakerIndex(entities []storyfold.Entity) *speakerIndex {
	return &speakerIndex{entities: entities}
}

// build indexes the entities: a story with no quote with a speaker, as
// many are, never pays for it.
func (x *speakerIndex) build() {
	x.byName, x.byAlias, x.bySurname, x.memo = map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}
	for _, e := range x.entities {
		if k := foldKey(e.Name); x.byName[k] == "" {
			x.byName[k] = e.Name
		}
		for _, a := range e.Aliases {
			if k := foldKey(a); x.byAlias[k] == "" {
				x.byAlias[k] = e.Name
			}
		}
		if i := strings.LastIndexByte(e.Name, ' '); e.Type == storyfold.EntityPerson && i >= 0 {
			if _, ok := x.bySurname[e.Name[i+1:]]; !ok {
				x.bySurname[e.Name[i+1:]] = e.Name
			}
		}
	}
}

// canonical maps a speaker as an article names it to the story's entity
// for that person: its name, one of its aliases, or its surname, the first
// entity that matches in that order of preference.
func (x *speakerIndex) canonical(speaker string) string {
	if speaker == "" {
		return ""
	}
	if x.memo == nil {
		x.build()
	}
	if c, ok := x.memo[speaker]; ok {
		return c
	}
	c := speaker
	k := foldKey(speaker)
	if n, ok := x.byName[k]; ok {
		c = n
	} else if n, ok := x.byAlias[k]; ok {
		c = n
	} else if n, ok := x.bySurname[lastWord(speaker)]; ok {
		c = n
	}
	x.memo[speaker] = c
	return c
}

// foldKey returns a key under which two strings are equal exactly when
// strings.EqualFold says they are: each rune replaced by the smallest rune
// of its case-folding orbit.
func foldKey(s string) string {
	ascii, lower := true, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		ascii = ascii && c < utf8.RuneSelf
		lower = lower || 'a' <= c && c <= 'z'
	}
	if ascii && !lower {
		return s // an ASCII letter's orbit starts with its capital
	}
	if ascii {
		return strings.ToUpper(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}

// Words returns the lower-case words of a quote, punctuation left out: the
// form quotes are compared in.
func Words(text string) []string { return lowerWords(casedWords(text)) }

// casedWords returns the words of a quote as it writes them, punctuation
// left out: the form a diff shows them in.
func casedWords(text string) []string {
	toks := nlp.Tokenize(nil, text)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.Kind != nlp.Punct {
			out = append(out, t.Text(text))
		}
	}
	return out
}

// lowerWords returns words in lower case, the form they are compared in.
func lowerWords(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = string(nlp.Lower(nil, w))
	}
	return out
}

// ContentWords returns the words of Words that are not stop words: what
// two quotes are compared by.
func ContentWords(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		if !nlp.IsStopWord(w) {
			m[w] = true
		}
	}
	return m
}

// statement is a quote's words in the forms sameStatement compares.
type statement struct {
	joined  string          // the words with a space around each, for excerpts
	content map[string]bool // content words
}

func newStatement(words []string) statement {
	return statement{joined: Spaced(words), content: ContentWords(words)}
}

// SameStatements calls fn once for every pair i < j of the texts that
// report one statement (see sameStatement).
func SameStatements(texts []string, fn func(i, j int)) {
	statements := make([]statement, len(texts))
	for i, t := range texts {
		statements[i] = newStatement(Words(t))
	}
	sameStatements(statements, fn)
}

// postingWindow bounds how much of one word's posting list a statement
// reads when the list is long: the entries within postingWindow places of
// its own, on either side. Both statements of a pair see each other or
// neither, and copies of one quote, which follow each other in every list
// of their words, still chain into one group through their neighbours. A
// list of real quotes is seldom this long; crafted text (short quotes over
// a few words) would otherwise make every quote meet every other.
const postingWindow = 16

// sameStatements calls fn once for every pair i < j of statements that
// report one statement, and returns how many pairs it compared. Rather than
// trying all pairs, each statement looks up the longer ones through its
// rarest content words: a statement the same as a longer one has at least
// 60% of its content words in it (all, for an excerpt), so it shares one
// of any 40% of them, plus one. A long posting list is read only near the
// statement's own entry (see postingWindow), which bounds the pairs
// compared by 2·postingWindow+1 per word looked up: linear in the quotes'
// length.
func sameStatements(st []statement, fn func(i, j int)) (compared int) {
	df := map[string]int{}
	for _, s := range st {
		for w := range s.content {
			df[w]++
		}
	}
	postings := map[string][]int32{}
	gens := make([][]string, len(st))
	for i, s := range st {
		words := make([]string, 0, len(s.content))
		for w := range s.content {
			words = append(words, w)
			postings[w] = append(postings[w], int32(i))
		}
		slices.SortFunc(words, func(a, b string) int {
			if df[a] != df[b] {
				return df[a] - df[b]
			}
			return strings.Compare(a, b)
		})
		gens[i] = words[:min(len(words), len(words)*2/5+1)]
	}
	seen := make([]int32, len(st)) // the last statement that met each, +1
	// smaller reports whether i is the side a pair is tested from.
	smaller := func(i, j int) bool {
		a, b := len(st[i].content), len(st[j].content)
		return a < b || a == b && i < j
	}
	for i := range st {
		for _, w := range gens[i] {
			list := postings[w]
			if len(list) > 2*postingWindow+1 {
				// Lists are in statement order, and i is in this one.
				at, _ := slices.BinarySearch(list, int32(i))
				list = list[max(0, at-postingWindow):min(len(list), at+postingWindow+1)]
			}
			for _, j32 := range list {
				j := int(j32)
				if j == i || seen[j] == int32(i)+1 || !smaller(i, j) {
					continue
				}
				seen[j] = int32(i) + 1
				compared++
				if sameStatement(st[i].content, st[j].content, st[i].joined, st[j].joined) {
					fn(min(i, j), max(i, j))
				}
			}
		}
	}
	return compared
}

// Spaced joins words with a space before and after each, so that one
// quote's words are found in another's only at word boundaries.
func Spaced(words []string) string { return " " + strings.Join(words, " ") + " " }

// sameStatement reports whether two quotes report one statement: one is an
// excerpt of the other, or most of the content words of the shorter are in
// the longer. Quotes of up to three content words ("meaningful") must be
// excerpts.
func sameStatement(a, b map[string]bool, ja, jb string) bool {
	small, large := a, b
	if len(small) > len(large) {
		small, large = large, small
	}
	if len(small) == 0 {
		return false
	}
	// An excerpt of the other quote: "There is no betrayal there" in
	// "There is no betrayal there. There is a recognition ...".
	if strings.Contains(ja, jb) || strings.Contains(jb, ja) {
		return true
	}
	if len(small) <= 3 {
		return false // short quotes must match word for word
	}
	shared := 0
	for w := range small {
		if large[w] {
			shared++
		}
	}
	return float64(shared) >= 0.6*float64(len(small))
}

// maxDiffCells bounds the word diff's table; longer pairs get no diff.
const maxDiffCells = 1 << 18

// Diff describes, word by word, how variant differs from canonical, in the
// wdiff style: "[-omitted words-]" and "{+added words+}", a change being
// both, each word as its wording writes it (a word both have as the
// variant does). Case and punctuation do not count as differences. It is
// "" when the wordings are the same.
func Diff(canonical, variant string) string {
	ca, cb := casedWords(canonical), casedWords(variant)
	return diffWords(lowerWords(ca), lowerWords(cb), ca, cb).text
}

// wordDiff is how a variant differs from the canonical wording: the wdiff
// text, and the runs of words it omits and adds, in order.
type wordDiff struct {
	text           string
	missing, added []string
}

// orNone returns s, or an empty list for nil, so that a variant's lists
// are always present.
func orNone(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// diffWords is Diff over the quotes' lower-case words a and b, written in
// their original casing ca and cb (the same words, index for index).
func diffWords(a, b, ca, cb []string) wordDiff {
	if slices.Equal(a, b) {
		return wordDiff{}
	}
	n, m := len(a), len(b)
	if (n+1)*(m+1) > maxDiffCells {
		return wordDiff{text: "(too long to compare)"}
	}
	// lcs[i][j] is the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	// A variant that quotes only part of the statement omits nothing: the
	// words of the canonical before and after the part it quotes are not
	// counted.
	lo, hi := 0, n
	if m < n {
		for lo < n && lcs[lo+1][0] == lcs[0][0] {
			lo++
		}
		hi = lo + shortestPrefix(a[lo:], b, lcs[0][0])
	}
	if lo > 0 || hi < n {
		return diffWords(a[lo:hi], b, ca[lo:hi], cb)
	}
	var out wordDiff
	var sb strings.Builder
	var del, ins []string
	flush := func() {
		if len(del) > 0 {
			run := strings.Join(del, " ")
			sb.WriteString(" [-" + run + "-]")
			out.missing = append(out.missing, run)
		}
		if len(ins) > 0 {
			run := strings.Join(ins, " ")
			sb.WriteString(" {+" + run + "+}")
			out.added = append(out.added, run)
		}
		del, ins = del[:0], ins[:0]
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			flush()
			sb.WriteString(" " + cb[j])
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			ins = append(ins, cb[j])
			j++
		default:
			del = append(del, ca[i])
			i++
		}
	}
	flush()
	out.text = strings.TrimSpace(sb.String())
	return out
}

// shortestPrefix returns the length of the shortest prefix of a whose
// longest common subsequence with b is want.
func shortestPrefix(a, b []string, want int32) int {
	prev := make([]int32, len(b)+1)
	cur := make([]int32, len(b)+1)
	if want == 0 {
		return 0
	}
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		if cur[len(b)] >= want {
			return i + 1
		}
		prev, cur = cur, prev
	}
	return len(a)
}
