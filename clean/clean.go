// Package clean turns the dirty text scrapers produce into an article's
// paragraphs: it finds the headline and drops its repeats, removes the
// boilerplate around the story (audio prompts, newsletter calls to action,
// author bios, breadcrumbs, share and related links, lines an outlet repeats
// on every page, consent banners and disclaimers of any length), marks
// subheads, and lifts bylines, datelines and publication lines into
// metadata. It recognises news-agency credits (a
// dateline's "(AP)", "By Jane Doe, Reuters", "AFP" on its own line, "The
// Associated Press contributed to this report.") and records the agencies
// on the article. A page that is not an article (a robot check, a listing
// of links or offers) is left without text, which is how readers of the
// cleaned article learn there is none. Every line it drops is recorded on
// the article, so the cleaning can be audited, and cleaning a cleaned
// article changes nothing.
package clean

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// Options carries what cleaning one article may know beyond its own text.
type Options struct {
	// Recurring reports whether a line is one the article's outlet repeats
	// across its articles (a footer, a slogan). Nil means none are known.
	Recurring func(line string) bool
}

// para is a paragraph while it is being classified.
type para struct {
	text    string
	line    int // 1-based line of the input it starts on
	heading bool
	drop    storyfold.RemovalReason // removal reason, "" to keep
}

// Article cleans a.Text and returns the cleaned article: Text holds the kept
// paragraphs separated by blank lines, Paragraphs their spans, Removed what
// was dropped and why. A title, source, byline, date or dateline the text
// reveals is filled in where a is missing it.
func Article(a storyfold.Article, opts Options) storyfold.Article {
	out, lines, changed := cleanOnce(a, opts)
	// The rules look at a paragraph's place among the kept ones (the first
	// line, the last few, the line after the headline) and at the title, and
	// one pass changes both: a derived title, a dropped byline that brings a
	// breadcrumb to the top, a dateline cut off a line. Cleaning again until
	// nothing changes is what makes cleaning a cleaned article a no-op. The
	// later passes report lines of the cleaned text; map them back.
	for pass := 1; changed && pass < maxPasses; pass++ {
		in := out
		in.Removed, in.Paragraphs = nil, nil
		again, againLines, _ := cleanOnce(in, opts)
		changed = again.Text != out.Text || again.Title != out.Title
		for _, r := range again.Removed {
			r.Line = inputLine(lines, r.Line)
			out.Removed = append(out.Removed, r)
		}
		for k, l := range againLines {
			againLines[k] = inputLine(lines, l)
		}
		again.Removed, lines = out.Removed, againLines
		out = again
	}
	if out.Removed == nil {
		out.Removed = []storyfold.Removal{}
	}
	return out
}

// maxPasses bounds the passes of Article; real articles settle in two.
const maxPasses = 4

// inputLine maps a line of cleaned text (paragraphs one per line, separated
// by blank lines) to the input line its paragraph started on.
func inputLine(lines []int, cleaned int) int {
	if k := (cleaned - 1) / 2; k >= 0 && k < len(lines) {
		return lines[k]
	}
	return cleaned
}

// cleanOnce runs the cleaner once. It returns the input line each kept
// paragraph starts on, and whether it changed more than spacing.
func cleanOnce(a storyfold.Article, opts Options) (storyfold.Article, []int, bool) {
	ps := paragraphs(a.Text)
	c := cleaner{a: &a, ps: ps, opts: opts}
	changed := c.run()
	removed := c.removed()
	a.Removed = append(a.Removed, removed...)
	a.Agencies = addAgencies(a.Agencies, c.agencies...)

	// The kept paragraphs joined by blank lines. A pass that changes
	// nothing, as an article's last does, gives the text it was given:
	// that string is kept rather than built again.
	kept := 0
	for _, p := range c.ps {
		if p.drop == "" {
			kept++
		}
	}
	a.Paragraphs = slices.Grow(a.Paragraphs[:0], kept)
	lines := make([]int, 0, kept)
	n, same := 0, true
	for _, p := range c.ps {
		if p.drop != "" {
			continue
		}
		if n > 0 {
			same = same && strings.HasPrefix(a.Text[min(n, len(a.Text)):], "\n\n")
			n += len("\n\n")
		}
		start := n
		same = same && strings.HasPrefix(a.Text[min(n, len(a.Text)):], p.text)
		n += len(p.text)
		a.Paragraphs = append(a.Paragraphs, storyfold.Paragraph{Start: start, End: n, Heading: p.heading})
		lines = append(lines, p.line)
	}
	if !same || n != len(a.Text) {
		var b strings.Builder
		b.Grow(n)
		for _, p := range c.ps {
			if p.drop != "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(p.text)
		}
		a.Text = b.String()
	}
	if a.Paragraphs == nil {
		a.Paragraphs = []storyfold.Paragraph{}
	}
	return a, lines, changed || len(removed) > 0
}

type cleaner struct {
	a        *storyfold.Article
	ps       []para
	opts     Options
	cutStart []storyfold.Removal // pieces cut from inside paragraphs
	agencies []string            // the news agencies credited
	idx      []int               // kept's buffer
}

// run cleans the paragraphs and reports whether it derived the title from
// the text.
func (c *cleaner) run() bool {
	c.dropEmptyAndRepeats()
	c.dropBreadcrumbs()
	c.findHeadline()
	c.dropBoilerplate()
	wall := c.dropConsent()
	c.dropRecurring()
	c.dropAuthorBio()
	// Trails also sit between the headline and the text, and dropping a
	// byline or prompt can bring one to the top.
	c.dropBreadcrumbs()
	// A page that is only a listing or a robot check has no article; a
	// headline whose story is all boilerplate is the article's one line.
	if !c.dropListing() && !wall {
		c.keepLoneHeadline()
	}
	c.findDateline()
	c.findClosingCredit()
	c.markHeadings()
	if c.a.Title == "" {
		c.a.Title = derivedTitle(c.ps)
		return c.a.Title != ""
	}
	return false
}

// removed lists the dropped paragraphs in input order.
func (c *cleaner) removed() []storyfold.Removal {
	var out []storyfold.Removal
	for _, p := range c.ps {
		if p.drop != "" {
			out = append(out, storyfold.Removal{Line: p.line, Text: p.text, Reason: p.drop})
		}
	}
	return append(out, c.cutStart...)
}

// kept returns the indexes of the paragraphs not dropped so far. The list
// is the cleaner's buffer, good until the next call: each step reads it
// and is done with it before the next asks again.
func (c *cleaner) kept() []int {
	if c.idx == nil {
		c.idx = make([]int, 0, len(c.ps))
	}
	idx := c.idx[:0]
	for i, p := range c.ps {
		if p.drop == "" {
			idx = append(idx, i)
		}
	}
	c.idx = idx
	return idx
}

// dropEmptyAndRepeats drops paragraphs that repeat an earlier one word for
// word: scrapers duplicate blocks, and a story never says the same paragraph
// twice. A short line is dropped only when it repeats close by (a
// headline given twice): far apart, short lines repeat in earnest, as the
// labels of a table or the subheads of a list do.
func (c *cleaner) dropEmptyAndRepeats() {
	const near, longLine = 3, 8
	seen := make(map[uint64]int, len(c.ps)) // normal-form hash -> paragraph
	for i := range c.ps {
		key, empty := normalHash(c.ps[i].text)
		if empty {
			continue
		}
		if j, ok := seen[key]; ok && sameLine(c.ps[j].text, c.ps[i].text) &&
			(i-j <= near || wordsUpTo(c.ps[i].text, longLine) >= longLine) {
			c.ps[i].drop = storyfold.RemovedDuplicateLn
			seen[key] = i
			continue
		}
		seen[key] = i
	}
}

// dropBreadcrumbs removes the section labels and breadcrumb trails scrapers
// keep above the headline ("- Region:", "- World", "Home > World").
func (c *cleaner) dropBreadcrumbs() {
	for _, i := range c.kept() {
		p := &c.ps[i]
		if !isBreadcrumb(p.text) {
			return
		}
		p.drop = storyfold.RemovedBreadcrumb
	}
}

// findHeadline takes the first paragraph as the title when it reads as a
// headline, and drops every later paragraph that repeats the title.
func (c *cleaner) findHeadline() {
	kept := c.kept()
	if len(kept) < 2 {
		return // a text of one paragraph is the article, even if it is its title
	}
	first := &c.ps[kept[0]]
	title := c.a.Title
	switch {
	case title != "" && sameLine(first.text, title) && !endsWithPeriod(first.text):
		first.drop = storyfold.RemovedHeadline
	case title == "" && looksLikeHeadline(first.text, c.ps[kept[1]].text) && wireCreditLine(first.text) == nil:
		title = first.text
		c.a.Title = title
		first.drop = storyfold.RemovedHeadline
	}
	if title == "" || endsWithPeriod(title) {
		return
	}
	for i := range c.ps {
		p := &c.ps[i]
		if (p.drop == "" || p.drop == storyfold.RemovedDuplicateLn) && sameLine(p.text, title) {
			p.drop = storyfold.RemovedRepeat
		}
	}
}

// dropBoilerplate removes the short lines that are not part of the story:
// prompts, calls to action, share and related links, credits, bylines and
// publication lines (the last two are kept as metadata).
func (c *cleaner) dropBoilerplate() {
	for _, i := range c.kept() {
		p := &c.ps[i]
		reason, value, credited := classifyLine(p.text)
		if reason == "" {
			continue
		}
		p.drop = reason
		c.agencies = append(c.agencies, credited...)
		switch reason {
		case storyfold.RemovedByline:
			if c.a.Byline == "" {
				c.a.Byline = value
			}
		case storyfold.RemovedPublished:
			if !c.a.Date.Known() {
				if d, ok := nlp.ParseDate(value); ok {
					c.a.Date = d
				}
			}
		case storyfold.RemovedPromo, storyfold.RemovedCredit, storyfold.RemovedWireCredit:
			if c.a.Source == "" && value != "" {
				c.a.Source = value
			}
		}
	}
}

// maxRecurringShare caps how much of an article recurring-line removal may
// take: when most of an article recurs in other articles of its outlet it is
// a copy, not boilerplate.
const maxRecurringShare = 0.3

// dropRecurring removes lines the outlet repeats across its articles.
func (c *cleaner) dropRecurring() {
	if c.opts.Recurring == nil {
		return
	}
	var hit []int
	total, recurring := 0, 0
	for _, i := range c.kept() {
		n := len(c.ps[i].text)
		total += n
		if n <= maxRecurringLine && c.opts.Recurring(c.ps[i].text) {
			hit = append(hit, i)
			recurring += n
		}
	}
	if total == 0 || float64(recurring) > maxRecurringShare*float64(total) {
		return
	}
	for _, i := range hit {
		c.ps[i].drop = storyfold.RemovedRecurring
	}
}

// dropAuthorBio removes the author biography scrapers pick up after the
// story, and everything after it that is not story text either.
func (c *cleaner) dropAuthorBio() {
	kept := c.kept()
	from := len(kept) - 4
	if from < 1 {
		from = 1
	}
	for k := from; k < len(kept); k++ {
		if isAuthorBio(c.ps[kept[k]].text) {
			c.ps[kept[k]].drop = storyfold.RemovedBio
		}
	}
}

// findDateline lifts the dateline ("BRUSSELS, Belgium –") off the first
// paragraph into the article's metadata.
func (c *cleaner) findDateline() {
	kept := c.kept()
	if len(kept) == 0 {
		return
	}
	// The dateline opens the first paragraph of running text.
	for _, i := range kept[:min(2, len(kept))] {
		p := &c.ps[i]
		dl, rest := splitDateline(p.text)
		if dl == "" {
			continue
		}
		// The agency in the dateline's brackets is recorded on the
		// article and the place kept as the dateline; the piece cut keeps
		// the reason dateline, being one.
		place, credited := datelineCredit(dl)
		c.agencies = append(c.agencies, credited...)
		if c.a.Dateline == "" && place != "" {
			c.a.Dateline = place
		}
		c.cutStart = append(c.cutStart, storyfold.Removal{Line: p.line, Text: strings.TrimSpace(p.text[:len(p.text)-len(rest)]), Reason: storyfold.RemovedDateline})
		p.text = rest
		return
	}
}

// findClosingCredit cuts the agency credit some outlets put at the end of
// the last paragraph ("... entering the country. PTI").
func (c *cleaner) findClosingCredit() {
	kept := c.kept()
	if len(kept) == 0 {
		return
	}
	p := &c.ps[kept[len(kept)-1]]
	text, credit, credited := trailingCredit(p.text)
	if credited == nil {
		return
	}
	c.agencies = append(c.agencies, credited...)
	c.cutStart = append(c.cutStart, storyfold.Removal{Line: p.line, Text: credit, Reason: storyfold.RemovedWireCredit})
	p.text = text
}

// markHeadings marks the subheads inside the story.
func (c *cleaner) markHeadings() {
	kept := c.kept()
	for k, i := range kept {
		if k == 0 || k == len(kept)-1 {
			continue
		}
		if looksLikeSubhead(c.ps[i].text, c.ps[kept[k+1]].text) {
			c.ps[i].heading = true
		}
	}
}

// derivedTitle is the title of an article whose text has no headline: the
// first sentence of its first paragraph, shortened at a word boundary.
func derivedTitle(ps []para) string {
	for _, p := range ps {
		if p.drop != "" || p.heading {
			continue
		}
		spans := nlp.Sentences(nil, p.text, 0, len(p.text))
		if len(spans) == 0 {
			continue
		}
		return shorten(p.text[spans[0].Start:spans[0].End], 200)
	}
	return ""
}

// shorten cuts s to at most max bytes at a word boundary, marking the cut.
func shorten(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut < max/2 {
		cut = max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

// paragraphs splits raw text into paragraphs. Each line is a paragraph,
// except hard-wrapped prose, whose lines are joined back together.
func paragraphs(text string) []para {
	// At most a paragraph a line: sized once rather than grown.
	ps := make([]para, 0, strings.Count(text, "\n")+1)
	lineNo := 0
	prevBlank := true
	for len(text) > 0 {
		lineNo++
		var line string
		if i := strings.IndexAny(text, "\r\n"); i >= 0 {
			line = text[:i]
			if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			text = text[i+1:]
		} else {
			line, text = text, ""
		}
		line = cleanSpaces(line)
		if line == "" {
			prevBlank = true
			continue
		}
		if !prevBlank && len(ps) > 0 && isWrapped(ps[len(ps)-1].text, line) {
			ps[len(ps)-1].text += " " + line
		} else {
			ps = append(ps, para{text: line, line: lineNo})
		}
		prevBlank = false
	}
	return ps
}

// isWrapped reports whether next continues prev as hard-wrapped prose: prev
// is long, stops mid-sentence, and next starts in lower case or with a
// digit.
func isWrapped(prev, next string) bool {
	if len(prev) < 50 || len(prev) > 100 || endsSentence(prev) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(r) || unicode.IsDigit(r)
}

// cleanSpaces trims a line, turns tabs, no-break and other odd spaces into
// plain spaces, drops zero-width and control characters, and collapses
// runs of spaces.
func cleanSpaces(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; {
		c := s[i]
		if c < utf8.RuneSelf {
			clean = c >= ' ' && c != 0x7f && !(c == ' ' && i+1 < len(s) && s[i+1] == ' ')
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		clean = !(r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) || isInvisible(r))
		i += size
	}
	if clean {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading spaces
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			b.WriteRune(r)
			space = false
		case isInvisible(r):
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
				space = true
			}
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
			space = false
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// isInvisible reports whether r is a zero-width or soft-hyphen character,
// which scraped text carries and nobody reads.
func isInvisible(r rune) bool {
	return r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u00ad'
}

// normalize is the key two lines share when they say the same thing up to
// case, punctuation and spacing.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	n := normalReader{s: s}
	for r := n.next(); r >= 0; r = n.next() {
		b.WriteRune(r)
	}
	return b.String()
}

// sameLine reports whether a and b normalize to the same text. It walks both
// strings at once instead of building their normal forms, as it runs for
// every paragraph against the title.
func sameLine(a, b string) bool {
	x, y := normalReader{s: a}, normalReader{s: b}
	for {
		r1, r2 := x.next(), y.next()
		if r1 != r2 {
			return false
		}
		if r1 < 0 {
			return true
		}
	}
}

// normalReader yields the runes of normalize(s) one at a time, -1 at the end.
type normalReader struct {
	s       string
	i       int
	started bool
	space   bool // a separator is pending before the next letter
}

func (n *normalReader) next() rune {
	for n.i < len(n.s) {
		r, size := rune(n.s[n.i]), 1
		var alnum bool
		if r < utf8.RuneSelf {
			alnum = asciiAlnum[r]
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r, size = utf8.DecodeRuneInString(n.s[n.i:])
			alnum = unicode.IsLetter(r) || unicode.IsDigit(r)
			r = unicode.ToLower(r)
		}
		if !alnum {
			n.i += size
			n.space = n.started
			continue
		}
		if n.space {
			n.space = false
			return ' '
		}
		n.i += size
		n.started = true
		return r
	}
	return -1
}

var asciiAlnum = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// normalHash is a 64-bit FNV-1a hash of normalize(s), computed without
// building it, and whether normalize(s) is empty.
func normalHash(s string) (uint64, bool) {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	n := normalReader{s: s}
	for r := n.next(); r >= 0; r = n.next() {
		h = (h ^ uint64(r)) * prime
	}
	return h, !n.started
}

func endsWithPeriod(s string) bool {
	s = strings.TrimRight(s, "\"'”’) ")
	return strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "...")
}

// endsSentence reports whether s ends with sentence-final punctuation,
// possibly inside closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’) ")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…' || r == ':' || r == ';'
}

func words(s string) int { return wordsUpTo(s, len(s)) }

// wordsUpTo counts the words of s, stopping once there are more than limit:
// the rules ask whether a line is short, and paragraphs can be long.
func wordsUpTo(s string, limit int) int {
	n := 0
	in := false
	for _, r := range s {
		if r == ' ' || (r < utf8.RuneSelf && r >= '\t' && r <= '\r') || (r >= utf8.RuneSelf && unicode.IsSpace(r)) {
			in = false
		} else if !in {
			in = true
			if n++; n > limit {
				return n
			}
		}
	}
	return n
}

// cutField returns the first space-separated field of s and what follows
// it, like the first element of strings.Fields without the allocation.
func cutField(s string) (field, rest string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// capitalShare is the share of the words of s, stop words aside, that start
// with a capital letter: high for Title Case headlines and subheads.
func capitalShare(s string) float64 {
	caps, total := 0, 0
	var buf []byte
	for rest := s; rest != ""; {
		var w string
		w, rest = cutField(rest)
		w = strings.Trim(w, "\"'“”‘’()[],:;.!?-–—")
		if w == "" {
			continue
		}
		buf = nlp.Lower(buf[:0], w)
		if nlp.IsStopWord(string(buf)) && !nlp.IsCapitalized(w) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		total++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(caps) / float64(total)
}

// looksLikeHeadline reports whether the first paragraph of a text is its
// headline, given the paragraph after it.
func looksLikeHeadline(s, next string) bool {
	n := wordsUpTo(s, 25)
	if n < 2 || n > 25 || len(s) > 220 {
		return false
	}
	if sameLine(s, next) {
		return true // repeated headline, a scraper artefact
	}
	if endsWithPeriod(s) || strings.HasSuffix(s, ":") || strings.HasSuffix(s, ",") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) {
		return false
	}
	// Title Case, or a short line above longer running text.
	return capitalShare(s) >= 0.6 || (n <= 16 && wordsUpTo(next, n) > n)
}

// looksLikeSubhead reports whether a paragraph inside the story is a subhead:
// short, not a sentence, mostly capitalised, with running text after it.
func looksLikeSubhead(s, next string) bool {
	n := wordsUpTo(s, 14)
	if n < 1 || n > 14 || len(s) > 120 || endsSentence(s) || strings.HasSuffix(s, ",") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	if strings.ContainsAny(s, "“”\"") {
		return false
	}
	return wordsUpTo(next, n) > n && (capitalShare(s) >= 0.6 || n <= 5)
}

// maxRecurringLine bounds the lines recurring-line removal considers:
// footers and slogans are short, while a long paragraph an outlet repeats is
// background text worth keeping.
const maxRecurringLine = 200

// RecurringKey is the key under which a line is counted when looking for
// lines an outlet repeats across articles.
func RecurringKey(line string) string { return normalize(line) }

// Lines returns the lines of raw text as the cleaner sees them, for counting
// lines an outlet repeats across its articles.
func Lines(text string) []string {
	ps := paragraphs(text)
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if len(p.text) <= maxRecurringLine {
			out = append(out, p.text)
		}
	}
	return out
}
