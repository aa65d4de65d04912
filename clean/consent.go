package clean

import (
	"embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// Consent banners, disclaimers and robot checks are often scraped as one
// long paragraph (55 words of "Aby ulepszyć witrynę ... Polityce
// prywatności", a 59-word MENAFN disclaimer), too long for the line rules,
// which judge only lines of maxBoilerplateWords or fewer. The phrases of
// data/consent mark such a paragraph at any length, but one phrase is never
// enough: a news paragraph may quote "privacy policy" once. A paragraph is
// boilerplate only when it has at least minConsentPhrases distinct phrases,
// one of them wording only a banner or a robot check uses (privacy words
// alone, "polityka prywatności" and "danych osobowych", are what news about
// a privacy fine says), and the sentences holding them make up at least
// consentShare of its words.
const (
	minConsentPhrases = 2
	consentShare      = 0.5
	// minGluedHead is the fewest words of text glued in front of a banner
	// (a headline the scraper ran into it) that are kept as the paragraph.
	minGluedHead = 3
)

// consentPhrase is one phrase of data/consent.
type consentPhrase struct {
	phrase string
	kind   consentKind
}

// consentKind says what a phrase of data/consent tells about a paragraph.
type consentKind uint8

const (
	// kindConsent is wording only a banner or a disclaimer uses.
	kindConsent consentKind = iota
	// kindPrivacy is a word a banner shares with news about privacy: it
	// counts towards a banner, but never makes one alone.
	kindPrivacy
	// kindWall marks a page served in place of the article (a robot
	// check, a captcha, "enable JavaScript"): a page made of nothing else
	// is not an article.
	kindWall
)

// consentIndex holds the phrases by the key of their first two runes, so a
// paragraph is scanned once, looking up each word start, however many
// phrases the languages list.
type consentIndex map[string][]int

var (
	consentPhrases []consentPhrase
	consentByKey   consentIndex
)

//go:embed data/consent/*.txt
var consentFiles embed.FS

func init() {
	var err error
	consentPhrases, err = loadConsent()
	if err != nil {
		panic(err) // the embedded data is malformed: a bug the tests catch
	}
	consentByKey = consentIndex{}
	for i, p := range consentPhrases {
		k := consentKey(p.phrase)
		consentByKey[k] = append(consentByKey[k], i)
		markConsentStart(p.phrase)
	}
}

// loadConsent reads every language's list of data/consent.
func loadConsent() ([]consentPhrase, error) {
	entries, err := consentFiles.ReadDir("data/consent")
	if err != nil {
		return nil, fmt.Errorf("read consent lists: %w", err)
	}
	var out []consentPhrase
	for _, e := range entries {
		data, err := consentFiles.ReadFile("data/consent/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("read consent list %s: %w", e.Name(), err)
		}
		for n, line := range strings.Split(string(data), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			p, err := parseConsentLine(line)
			if err != nil {
				return nil, fmt.Errorf("data/consent/%s:%d: %w", e.Name(), n+1, err)
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// parseConsentLine reads "consent<TAB>phrase", "privacy<TAB>phrase" or
// "wall<TAB>phrase".
func parseConsentLine(line string) (consentPhrase, error) {
	kind, phrase, ok := strings.Cut(line, "\t")
	if !ok || strings.TrimSpace(phrase) != phrase || utf8.RuneCountInString(phrase) < 4 {
		return consentPhrase{}, fmt.Errorf("want a kind and a phrase of four letters or more, tab-separated: %q", line)
	}
	if strings.ToLower(phrase) != phrase {
		return consentPhrase{}, fmt.Errorf("phrase not in lower case: %q", phrase)
	}
	r, _ := utf8.DecodeRuneInString(phrase)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return consentPhrase{}, fmt.Errorf("phrase must start with a letter or digit: %q", phrase)
	}
	switch kind {
	case "consent":
		return consentPhrase{phrase: phrase, kind: kindConsent}, nil
	case "privacy":
		return consentPhrase{phrase: phrase, kind: kindPrivacy}, nil
	case "wall":
		return consentPhrase{phrase: phrase, kind: kindWall}, nil
	}
	return consentPhrase{}, fmt.Errorf("unknown kind %q", kind)
}

// consentKey is the lower-case form of the first two runes of s.
func consentKey(s string) string {
	var buf [8]byte
	return string(appendConsentKey(buf[:0], s))
}

// appendConsentKey appends consentKey(s) to dst: a paragraph's word start
// is looked up through it without a string being allocated.
func appendConsentKey(dst []byte, s string) []byte {
	n := 0
	for _, r := range s {
		if n == 2 {
			break
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		n++
	}
	return dst
}

// consentMatch is a phrase found in a paragraph.
type consentMatch struct {
	at, end int // byte offsets into the paragraph
	phrase  int // index into consentPhrases
}

// findConsent appends to dst the phrases of data/consent found in s, in
// order. Phrases start at a word start. It runs on every paragraph, so a
// word start is looked up only when its first three bytes may begin a
// phrase.
func findConsent(dst []consentMatch, s string) []consentMatch {
	prevWord := false
	for i := 0; i < len(s); {
		c := s[i]
		var word bool
		size := 1
		if c < utf8.RuneSelf {
			word = asciiAlnum[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if word && !prevWord && i+2 < len(s) && consentStarts.has(s[i], s[i+1], s[i+2]) {
			dst = lookupConsent(dst, s, i)
		}
		prevWord = word
		i += size
	}
	return dst
}

// lookupConsent appends the phrases that start at s[i].
func lookupConsent(dst []consentMatch, s string, i int) []consentMatch {
	var buf [8]byte
	for _, k := range consentByKey[string(appendConsentKey(buf[:0], s[i:]))] {
		if end, ok := foldPrefix(s, i, consentPhrases[k].phrase); ok {
			dst = append(dst, consentMatch{at: i, end: end, phrase: k})
		}
	}
	return dst
}

// consentStarts holds the first three bytes a phrase of data/consent can
// start with.
var consentStarts startSet

// startSet is a set of three-byte starts, ASCII letters folded to lower
// case, kept as a hashed bit set: a false hit only costs a map lookup.
type startSet [1 << 16 / 64]uint64

func startHash(a, b, c byte) uint32 {
	return (uint32(lowerASCII(a))*0x9E3779B1 ^ uint32(lowerASCII(b))*0x85EBCA77 ^ uint32(lowerASCII(c))*0xC2B2AE3D) >> 16
}

func (s *startSet) add(a, b, c byte) {
	h := startHash(a, b, c)
	s[h/64] |= 1 << (h % 64)
}

func (s *startSet) has(a, b, c byte) bool {
	h := startHash(a, b, c)
	return s[h/64]&(1<<(h%64)) != 0
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// markConsentStart adds the first three bytes of phrase, and of the phrase
// with its first letter upper-cased, to consentStarts.
func markConsentStart(phrase string) {
	r, size := utf8.DecodeRuneInString(phrase)
	for _, f := range []rune{r, unicode.ToUpper(r), unicode.ToTitle(r)} {
		b := utf8.AppendRune(nil, f)
		b = append(b, phrase[size:]...)
		if len(b) >= 3 {
			consentStarts.add(b[0], b[1], b[2])
		}
	}
}

// foldPrefix reports whether s from i starts with phrase, which is in lower
// case, ignoring the case of s, and where the match ends.
func foldPrefix(s string, i int, phrase string) (int, bool) {
	for _, want := range phrase {
		if i >= len(s) {
			return 0, false
		}
		if c := s[i]; c < utf8.RuneSelf && want < utf8.RuneSelf {
			if rune(lowerASCII(c)) != want {
				return 0, false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.ToLower(r) != want && !(want == '"' && isQuoteRune(r)) {
			return 0, false
		}
		i += size
	}
	return i, true
}

// isQuoteRune reports whether r is a quotation mark, which a phrase's
// straight quote stands for.
func isQuoteRune(r rune) bool {
	return strings.ContainsRune("\"“”„«»", r)
}

// consentCut reports whether the paragraph s is consent, disclaimer or
// robot-check boilerplate, and from which byte it is: 0 when the whole
// paragraph is, later when a headline was glued in front of the banner
// ("Koniec finansowania WHO? Trump stawia warunek Aby ulepszyć witrynę
// ..."). wall reports whether a wall phrase was among its phrases.
func consentCut(s string) (cut int, wall, ok bool) {
	var buf [16]consentMatch
	ms := findConsent(buf[:0], s)
	if len(ms) < minConsentPhrases {
		return 0, false, false
	}
	distinct, strong := 0, false
	for k, m := range ms {
		seen := false
		for _, e := range ms[:k] {
			if e.phrase == m.phrase {
				seen = true
				break
			}
		}
		if !seen {
			distinct++
		}
		kind := consentPhrases[m.phrase].kind
		strong = strong || kind != kindPrivacy
		wall = wall || kind == kindWall
	}
	if distinct < minConsentPhrases || !strong {
		return 0, false, false
	}
	// The share of the words in sentences that hold a phrase.
	spans := nlp.Sentences(nil, s, 0, len(s))
	total, inConsent := words(s), 0
	first := -1 // the first sentence that holds a phrase
	k := 0
	for si, sp := range spans {
		hit := false
		for k < len(ms) && ms[k].at < sp.End {
			if ms[k].at >= sp.Start {
				hit = true
			}
			k++
		}
		if hit {
			inConsent += words(s[sp.Start:sp.End])
			if first < 0 {
				first = si
			}
		}
	}
	if first < 0 || float64(inConsent) < consentShare*float64(total) {
		return 0, false, false
	}
	from := spans[first].Start
	at := ms[0].at
	for _, m := range ms {
		if m.at >= from {
			at = m.at
			break
		}
	}
	return gluedHead(s, from, at), wall, true
}

// gluedHead returns where a banner starts when its first sentence, which
// starts at from, runs a headline into it, or from. The banner starts at
// its first phrase, at when that opens a new sentence the scraper glued on
// (a capital after a plain space: "Trump stawia warunek Aby ulepszyć
// witrynę"), or else after the last sentence end before the phrase that
// lost its space ("wykopalisk.Dołączony link do polityki prywatności"). At
// least minGluedHead words of the sentence must come before it.
func gluedHead(s string, from, at int) int {
	if r, _ := utf8.DecodeRuneInString(s[at:]); at > from && unicode.IsUpper(r) && s[at-1] == ' ' && words(s[from:at]) >= minGluedHead {
		return at
	}
	for j := at - 1; j > from; j-- {
		if c := s[j-1]; c != '.' && c != '!' && c != '?' {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[j:]); unicode.IsUpper(r) && words(s[from:j]) >= minGluedHead {
			return j
		}
	}
	return from
}

// dropConsent removes the paragraphs, of any length, that consent banners,
// disclaimers and robot checks make up, and cuts a banner off the headline
// glued in front of it. It reports whether a robot check or another wall
// was among them.
func (c *cleaner) dropConsent() (wall bool) {
	for i := range c.ps {
		p := &c.ps[i]
		if p.drop != "" {
			continue
		}
		cut, w, ok := consentCut(p.text)
		if !ok {
			continue
		}
		wall = wall || w
		if strings.TrimSpace(p.text[:cut]) == "" {
			p.drop = storyfold.RemovedPromo
			continue
		}
		c.cutStart = append(c.cutStart, storyfold.Removal{Line: p.line, Text: strings.TrimSpace(p.text[cut:]), Reason: storyfold.RemovedPromo})
		p.text = strings.TrimSpace(p.text[:cut])
	}
	return wall
}

// minListing is the fewest paragraphs a page needs before it can be judged
// a listing: an article of two or three short lines is a brief.
const minListing = 4

// isProse reports whether a paragraph reads as running text: long, or a
// sentence that ends with a period. A listing's lines are headlines and
// offers ("Wyprzedaż w CCC: te torebki ... 40 proc. mniej", "Volkswagen
// się wyprzedaje. SUV-y już od 600 zł miesięcznie!"). Text written without
// spaces (Japanese, Chinese) is measured in characters.
func isProse(s string) bool {
	const longLine, sentenceLine = 20, 6
	const unspaced, longRunes, sentenceRunes = 12, 60, 20
	n := wordsUpTo(s, longLine)
	period := endsWithPeriod(s) || strings.HasSuffix(strings.TrimRight(s, "」』）) "), "。")
	if n >= longLine || (n >= sentenceLine && period) {
		return true
	}
	runes := utf8.RuneCountInString(s)
	if n == 0 || runes/n < unspaced {
		return false
	}
	return runes >= longRunes || (runes >= sentenceRunes && period)
}

// dropListing removes every paragraph of a page that is not an article but
// a listing or a site's navigation: at least minListing paragraphs are left
// and none of them is prose. They are removed as related links, which they
// are, and the empty text tells the pipeline there is no article. It
// reports whether it did.
func (c *cleaner) dropListing() bool {
	n := 0
	for _, p := range c.ps {
		if p.drop == "" {
			if isProse(p.text) {
				return false
			}
			n++
		}
	}
	if n < minListing {
		return false
	}
	for i := range c.ps {
		if c.ps[i].drop == "" {
			c.ps[i].drop = storyfold.RemovedShare
		}
	}
	return true
}

// keepLoneHeadline gives back the headline as the text of an article whose
// every other paragraph was boilerplate (a headline above a consent
// banner): the headline is all of the story the page holds, and an article
// without text is dropped. A page that is not an article (a robot check, a
// listing) keeps nothing.
func (c *cleaner) keepLoneHeadline() {
	for _, p := range c.ps {
		if p.drop == "" {
			return
		}
	}
	for i := range c.ps {
		if c.ps[i].drop == storyfold.RemovedHeadline {
			c.ps[i].drop = ""
			return
		}
	}
}
