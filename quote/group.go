package quote

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/sorted"
	"github.com/storyfold/storyfold/internal/tally"
	"github.com/storyfold/storyfold/nlp"
)

// MaxGroupedQuotes bounds the quotations one article brings to its
// story's quote groups: its first MaxGroupedQuotes, in text order. The
// most an article of BASIL has is 41; one 10 MB POST of short attributed
// quotes has 247,000, each its own group, and their groups, and the
// conflict stage that reads every group, held the server's heap and a
// core for seconds. The article keeps all its quotations; GroupBounded
// counts those left out, and the account says how many (Story.Omitted).
const MaxGroupedQuotes = 1000

// Group gathers the quotes of a story's articles (in the story's order)
// into quote groups: the same statement reported by several outlets is one
// quote, with its canonical wording, its speaker as the story's entity for
// that person, and every article's variant with the words it omits, adds or
// changes. It is GroupBounded without the count.
func Group(articles []*storyfold.Article, entities []storyfold.Entity) []storyfold.Quote {
	out, _ := GroupBounded(articles, entities)
	return out
}

// GroupBounded is Group, which reads at most MaxGroupedQuotes quotations
// of each article, and also returns how many quotations it left out.
func GroupBounded(articles []*storyfold.Article, entities []storyfold.Entity) ([]storyfold.Quote, int) {
	type item struct {
		article string
		q       storyfold.Quotation
		text    string // the wording, unmarked speech continued (see continueUnmarked)
		speaker string
		words   []string // lower-case words, for the diff
		cased   []string // the same words as the article writes them
		key     string   // the words joined, for counting wordings
	}
	n, left, quoting := 0, 0, 0
	for _, a := range articles {
		n += min(len(a.Quotes), MaxGroupedQuotes)
		left += max(0, len(a.Quotes)-MaxGroupedQuotes)
		if len(a.Quotes) > 0 {
			quoting++
		}
	}
	items := make([]item, 0, n)
	statements := make([]statement, 0, n)
	speakers := newSpeakerIndex(entities)
	byID := make(map[string]*storyfold.Article, len(articles))
	for _, a := range articles {
		byID[a.ID] = a
		for _, q := range a.Quotes[:min(len(a.Quotes), MaxGroupedQuotes)] {
			if q.Scare {
				continue // no one's words, so no statement to group
			}
			w := newWording(q.Text)
			items = append(items, item{article: a.ID, q: q, text: q.Text, speaker: speakers.canonical(q.Speaker), words: w.lower, cased: w.cased, key: w.key()})
			statements = append(statements, w.statement())
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
	// Only quotes of two articles are joined: with one article quoting,
	// no pair could be, and none is looked for.
	if quoting > 1 {
		sameStatements(statements, func(i, j int) {
			a, b := &items[i], &items[j]
			if a.article == b.article || a.speaker != "" && b.speaker != "" && a.speaker != b.speaker {
				return
			}
			parent[root(j)] = root(i)
		})
	}
	// The groups in the order of their first quote, each listing its
	// quotes in order, cut from one block.
	groupOf := make([]int32, len(items)) // a root's group, +1
	var sizes []int
	for i := range items {
		r := root(i)
		if groupOf[r] == 0 {
			sizes = append(sizes, 0)
			groupOf[r] = int32(len(sizes))
		}
		sizes[groupOf[r]-1]++
	}
	groups := make([][]int, len(sizes))
	block := make([]int, 0, len(items))
	for g, n := range sizes {
		groups[g] = block[len(block) : len(block) : len(block)+n]
		block = block[:len(block)+n]
	}
	for i := range items {
		g := groupOf[root(i)] - 1
		groups[g] = append(groups[g], i)
	}
	out := make([]storyfold.Quote, 0, len(groups))
	for _, members := range groups {
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
				w := newWording(text)
				it.text, it.cased, it.words, it.key = text, w.cased, w.lower, w.key()
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
		q := storyfold.Quote{Speaker: tally.Majority(speakers), Text: items[canon].text, Articles: make([]string, 0, len(members)), Variants: make([]storyfold.Variant, 0, len(members)), Kind: items[canon].q.Kind}
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
	return out, left
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
func Words(text string) []string {
	lower, _ := lowerWordsOf(text)
	return lower
}

// SpacedWords returns Words(text) and Spaced of them, the words cut from
// the spaced string, so a caller that needs both (to test one quote's
// words inside another's, or to key a map by them) allocates one string
// for the two.
func SpacedWords(text string) ([]string, string) {
	return lowerWordsOf(text)
}

// CountWords returns len(Words(text)) without allocating the words: the
// length is all some callers compare.
func CountWords(text string) int {
	buf := tokenPool.Get().(*[]nlp.Token)
	defer tokenPool.Put(buf)
	toks := nlp.Tokenize((*buf)[:0], text)
	*buf = toks
	return nonPunct(toks)
}

// nonPunct counts the tokens that are not punctuation.
func nonPunct(toks []nlp.Token) int {
	n := 0
	for _, t := range toks {
		if t.Kind != nlp.Punct {
			n++
		}
	}
	return n
}

// lowerWordsOf is lowerSpaced(casedWords(text)) without the cased list,
// which Words and SameStatements do not read.
func lowerWordsOf(text string) ([]string, string) {
	buf := tokenPool.Get().(*[]nlp.Token)
	defer tokenPool.Put(buf)
	toks := nlp.Tokenize((*buf)[:0], text)
	*buf = toks
	n := 0
	for _, t := range toks {
		if t.Kind != nlp.Punct {
			n++
		}
	}
	out := make([]string, n)
	if n == 0 {
		return out, "  "
	}
	var stack [512]byte
	b := append(stack[:0], ' ')
	var ends [64]int32
	at := ends[:0]
	for _, t := range toks {
		if t.Kind != nlp.Punct {
			b = append(nlp.Lower(b, t.Text(text)), ' ')
			at = append(at, int32(len(b)-1))
		}
	}
	spaced := string(b)
	from := int32(1)
	for i, end := range at {
		out[i] = spaced[from:end]
		from = end + 1
	}
	return out, spaced
}

// wording is a quote's words in every form they are read in, computed
// together: the lower-case words are cut from the one string that joins
// them (see Spaced), so a quote costs three allocations, not two a word.
type wording struct {
	cased  []string // as the quote writes them, punctuation left out
	lower  []string // the same words in lower case (nlp.Lower), index for index
	spaced string   // Spaced(lower)
}

func newWording(text string) wording {
	// The cased and the lower-case words are the two halves of one list.
	buf := tokenPool.Get().(*[]nlp.Token)
	defer tokenPool.Put(buf)
	toks := nlp.Tokenize((*buf)[:0], text)
	*buf = toks
	n := nonPunct(toks)
	words := make([]string, 2*n)
	cased, lower := words[:0:n], words[n:]
	for _, t := range toks {
		if t.Kind != nlp.Punct {
			cased = append(cased, t.Text(text))
		}
	}
	return wording{cased: cased, lower: lower, spaced: lowerSpacedInto(lower, cased)}
}

// key is the lower-case words joined by single spaces, what wordings are
// counted by.
func (w wording) key() string {
	if len(w.lower) == 0 {
		return ""
	}
	return w.spaced[1 : len(w.spaced)-1]
}

// statement is the wording in the forms sameStatement compares.
func (w wording) statement() statement {
	return statement{joined: w.spaced, content: contentWords(w.lower)}
}

// tokenPool holds the token buffers casedWords reads quotes through.
var tokenPool = sync.Pool{New: func() any { return new([]nlp.Token) }}

// casedWords returns the words of a quote as it writes them, punctuation
// left out: the form a diff shows them in.
func casedWords(text string) []string {
	buf := tokenPool.Get().(*[]nlp.Token)
	toks := nlp.Tokenize((*buf)[:0], text)
	n := 0
	for _, t := range toks {
		if t.Kind != nlp.Punct {
			n++
		}
	}
	out := make([]string, 0, n)
	for _, t := range toks {
		if t.Kind != nlp.Punct {
			out = append(out, t.Text(text))
		}
	}
	*buf = toks
	tokenPool.Put(buf)
	return out
}

// lowerWords returns words in lower case, the form they are compared in.
func lowerWords(words []string) []string {
	lower, _ := lowerSpaced(words)
	return lower
}

// lowerSpaced returns words in lower case (nlp.Lower) and Spaced of them,
// the words cut from that one string.
func lowerSpaced(words []string) ([]string, string) {
	out := make([]string, len(words))
	return out, lowerSpacedInto(out, words)
}

// lowerSpacedInto is lowerSpaced writing the lower-case words into out,
// which is as long as words.
func lowerSpacedInto(out, words []string) string {
	if len(words) == 0 {
		return "  "
	}
	var stack [512]byte
	buf := append(stack[:0], ' ')
	var ends [64]int32
	at := ends[:0]
	for _, w := range words {
		buf = append(nlp.Lower(buf, w), ' ')
		at = append(at, int32(len(buf)-1))
	}
	spaced := string(buf)
	from := int32(1)
	for i, end := range at {
		out[i] = spaced[from:end]
		from = end + 1
	}
	return spaced
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

// contentWords is ContentWords as a sorted list without repeats, which a
// statement compares by merging rather than through a map.
func contentWords(words []string) []string {
	// Counted first: the list is held as long as its statement, and a
	// quote's stop words are about half its words.
	n := 0
	for _, w := range words {
		if !nlp.IsStopWord(w) {
			n++
		}
	}
	out := make([]string, 0, n)
	for _, w := range words {
		if !nlp.IsStopWord(w) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// statement is a quote's words in the forms sameStatement compares.
type statement struct {
	joined  string   // the words with a space around each, for excerpts
	content []string // content words, sorted, each once
}

// SameStatements calls fn once for every pair i < j of the texts that
// report one statement (see sameStatement).
func SameStatements(texts []string, fn func(i, j int)) {
	sameStatements(readStatements(texts), fn)
}

// readStatements returns newStatement(Words(t)) for each of texts, their
// spaced forms cut from one string and their content words from one
// block: a story's account reads every quote group this way, and three
// allocations a quote were most of what it allocated for them.
func readStatements(texts []string) []statement {
	buf := tokenPool.Get().(*[]nlp.Token)
	defer tokenPool.Put(buf)
	type span struct{ start, end int32 }
	var joined []byte
	var words []span // each word's place in joined, lower-cased
	spans := make([]struct {
		words int32 // the text's first word in words
		end   int32 // its spaced form's end in joined
	}, len(texts))
	for i, text := range texts {
		toks := nlp.Tokenize((*buf)[:0], text)
		*buf = toks
		spans[i].words = int32(len(words))
		joined = append(joined, ' ')
		n := 0
		for _, t := range toks {
			if t.Kind != nlp.Punct {
				start := int32(len(joined))
				joined = append(nlp.Lower(joined, t.Text(text)), ' ')
				words = append(words, span{start, int32(len(joined) - 1)})
				n++
			}
		}
		if n == 0 {
			joined = append(joined, ' ') // "  ", as Spaced of no words
		}
		spans[i].end = int32(len(joined))
	}
	all := string(joined)
	// Content words: at most one a word, counted first so that the block
	// is made once at its size.
	content := 0
	for _, w := range words {
		if !nlp.IsStopWord(all[w.start:w.end]) {
			content++
		}
	}
	block := make([]string, 0, content)
	out := make([]statement, len(texts))
	from := int32(0)
	for i, t := range spans {
		last := int32(len(words))
		if i+1 < len(spans) {
			last = spans[i+1].words
		}
		at := len(block)
		for _, w := range words[t.words:last] {
			if s := all[w.start:w.end]; !nlp.IsStopWord(s) {
				block = append(block, s)
			}
		}
		slices.Sort(block[at:])
		kept := slices.Compact(block[at:])
		block = block[:at+len(kept)]
		out[i] = statement{joined: all[from:t.end], content: block[at:len(block):len(block)]}
		from = t.end
	}
	return out
}

// postingWindow bounds how much of one word's posting list a statement
// reads when the list is long: the entries within postingWindow places of
// its own, on either side. Both statements of a pair see each other or
// neither, and copies of one quote, which follow each other in every list
// of their words, still chain into one group through their neighbours. A
// list of real quotes is seldom this long; crafted text (short quotes over
// a few words) would otherwise make every quote meet every other.
const postingWindow = 16

// sameScratch is the working space of sameStatements, kept between calls
// in sameScratchPool: every story's quote groups are compared twice (when
// grouped and for the conflicts), and the word ids, posting lists and
// lists of words to look up were most of what the comparison allocated.
type sameScratch struct {
	ids      map[string]int32
	df       []int32
	postings [][]int32
	block    []int32
	terms    []sameTerm
	gens     [][]int32
	gen      []int32
	seen     []int32
}

// sameTerm is a content word of a statement and its id.
type sameTerm struct {
	word string
	id   int32
}

// maxKeptWords bounds the scratch kept for the next call: one crafted
// story's millions of words are not held after it.
const maxKeptWords = 1 << 16

var sameScratchPool = sync.Pool{New: func() any { return &sameScratch{ids: map[string]int32{}} }}

// put gives the scratch back, its strings dropped so that it holds no
// story's text, unless it grew past maxKeptWords.
func (sc *sameScratch) put() {
	if len(sc.ids) > maxKeptWords || cap(sc.block) > maxKeptWords || cap(sc.seen) > maxKeptWords {
		return
	}
	clear(sc.ids)
	clear(sc.terms[:cap(sc.terms)])
	sameScratchPool.Put(sc)
}

// grown returns s resliced to length n, made anew if its capacity is less;
// its elements are left as they were.
func grown[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

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
	sc := sameScratchPool.Get().(*sameScratch)
	defer sc.put()
	// Content words by id, in the order first met: document frequencies
	// and posting lists are slices cut from single blocks, not maps of
	// strings.
	total := 0
	for _, s := range st {
		total += len(s.content)
	}
	ids := sc.ids
	df := sc.df[:0]
	for _, s := range st {
		for _, w := range s.content {
			id, ok := ids[w]
			if !ok {
				id = int32(len(df))
				ids[w] = id
				df = append(df, 0)
			}
			df[id]++
		}
	}
	sc.df = df
	// Each word's list, in statement order, from one block.
	postings := grown(sc.postings, len(df))
	sc.postings = postings
	block := grown(sc.block, total)
	sc.block = block
	at := 0
	for id, n := range df {
		postings[id] = block[at : at : at+int(n)]
		at += int(n)
	}
	terms := sc.terms[:0]
	gens := grown(sc.gens, len(st))
	sc.gens = gens
	gen := slices.Grow(sc.gen[:0], total)
	for i, s := range st {
		terms = terms[:0]
		for _, w := range s.content {
			id := ids[w]
			postings[id] = append(postings[id], int32(i))
			terms = append(terms, sameTerm{w, id})
		}
		slices.SortFunc(terms, func(a, b sameTerm) int {
			if df[a.id] != df[b.id] {
				return int(df[a.id] - df[b.id])
			}
			return strings.Compare(a.word, b.word)
		})
		from := len(gen)
		for _, t := range terms[:min(len(terms), len(terms)*2/5+1)] {
			gen = append(gen, t.id)
		}
		gens[i] = gen[from:len(gen):len(gen)]
	}
	sc.terms, sc.gen = terms, gen
	seen := grown(sc.seen, len(st)) // the last statement that met each, +1
	clear(seen)
	sc.seen = seen
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
func sameStatement(a, b []string, ja, jb string) bool {
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
	// Both lists are sorted and without repeats.
	return float64(sorted.Shared(small, large)) >= 0.6*float64(len(small))
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
	cells := make([]int32, (n+1)*(m+1))
	for i := range lcs {
		lcs[i] = cells[i*(m+1) : (i+1)*(m+1) : (i+1)*(m+1)]
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
