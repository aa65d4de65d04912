// Package morphy holds WordNet's detachment rules for inflected forms, shared
// by the lexicon generator and the runtime lemmatiser so that both derive
// exactly the same base forms from a word.
package morphy

import (
	_ "embed"
	"fmt"
	"strings"
)

// POS numbers the parts of speech in the order WordNet's files use: noun,
// verb, adjective, adverb.
const (
	Noun = 0
	Verb = 1
	Adj  = 2
	Adv  = 3
)

// MinStem is the shortest stem a rule may leave before adding its ending.
// Shorter stems turn function words into rare nouns ("is" into "i", the
// letter; "us" into "u", uranium).
const MinStem = 2

// MinStemS is the shortest stem the bare "-s" rule may leave: "was", "has"
// and "its" would otherwise become "wa", "ha" and "it" (Washington,
// hahnium, information technology).
const MinStemS = 3

// Rule is one detachment rule: a word of part of speech POS ending in Suffix
// may be the inflection of the word with Suffix replaced by Ending.
type Rule struct {
	POS    int
	Suffix string
	Ending string
}

//go:embed rules.txt
var rulesText string

// Rules are the detachment rules in trial order, parsed once from rules.txt.
var Rules = mustParse(rulesText)

// ByPOS gives, for each part of speech, its rules in trial order.
var ByPOS = func() [4][]Rule {
	var by [4][]Rule
	for _, r := range Rules {
		by[r.POS] = append(by[r.POS], r)
	}
	return by
}()

// ByLast gives, for each part of speech and last byte of a word, the rules
// whose suffix ends in that byte, in trial order: a word is then only
// tested against the rules that can apply.
var ByLast = func() *[4][256][]Rule {
	var by [4][256][]Rule
	for _, r := range Rules {
		last := r.Suffix[len(r.Suffix)-1]
		by[r.POS][last] = append(by[r.POS][last], r)
	}
	return &by
}()

func mustParse(text string) []Rule {
	rules, err := Parse(text)
	if err != nil {
		panic(err)
	}
	return rules
}

// Parse reads rules in the rules.txt format, rejecting malformed and
// repeated rules so that a mistake in the data shows up at once.
func Parse(text string) ([]Rule, error) {
	var rules []Rule
	seen := map[Rule]bool{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, fmt.Errorf("morphy rules line %d: want 3 fields, got %d", i+1, len(f))
		}
		var r Rule
		switch f[0] {
		case "n":
			r.POS = Noun
		case "v":
			r.POS = Verb
		case "a":
			r.POS = Adj
		default:
			return nil, fmt.Errorf("morphy rules line %d: unknown part of speech %q", i+1, f[0])
		}
		r.Suffix = f[1]
		if r.Suffix == "" || r.Suffix == "-" {
			return nil, fmt.Errorf("morphy rules line %d: empty suffix", i+1)
		}
		if f[2] != "-" {
			r.Ending = f[2]
		}
		if seen[r] {
			return nil, fmt.Errorf("morphy rules line %d: duplicate rule %q", i+1, line)
		}
		seen[r] = true
		rules = append(rules, r)
	}
	return rules, nil
}

// Apply writes into buf the base form the rule derives from word and returns
// it, or false when the rule does not apply. It allocates nothing when buf
// is large enough, so callers can look the result up in a map with
// m[string(b)] in a hot loop.
func Apply(word string, r Rule, buf []byte) ([]byte, bool) {
	if !strings.HasSuffix(word, r.Suffix) {
		return nil, false
	}
	stem := word[:len(word)-len(r.Suffix)]
	min := MinStem
	if r.Suffix == "s" && r.Ending == "" {
		min = MinStemS
		// "glass", "boss": a word ending in -ss is not a plural.
		if strings.HasSuffix(stem, "s") {
			return nil, false
		}
	}
	if len(stem) < min {
		return nil, false
	}
	buf = append(buf[:0], stem...)
	buf = append(buf, r.Ending...)
	return buf, true
}
