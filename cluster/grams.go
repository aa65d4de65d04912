package cluster

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// wordGramData is data/word-grams.txt: the languages whose words count by
// their character n-grams too, with the grams' length and weight.
//
//go:embed data/word-grams.txt
var wordGramData string

// wordGram is how one language's words are counted by their grams.
type wordGram struct {
	n      int     // letters a gram
	weight float32 // a gram's weight relative to the word's
}

// wordGrams maps a language to its grams (see data/word-grams.txt).
var wordGrams = func() map[string]wordGram {
	m, err := parseWordGrams(wordGramData)
	if err != nil {
		panic(err) // the file is embedded and tested: this is a bug
	}
	return m
}()

// parseWordGrams reads "language length weight" lines, # comments and
// blank lines skipped. A language listed twice, a length outside 2-8, a
// weight outside (0, 1] or a malformed line is an error.
func parseWordGrams(text string) (map[string]wordGram, error) {
	m := map[string]wordGram{}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, fmt.Errorf("word grams line %d: want a language, a length and a weight: %q", n+1, line)
		}
		size, err := strconv.Atoi(f[1])
		if err != nil {
			return nil, fmt.Errorf("word grams line %d: %w", n+1, err)
		}
		if size < 2 || size > 8 {
			return nil, fmt.Errorf("word grams line %d: length %d outside 2-8", n+1, size)
		}
		w, err := strconv.ParseFloat(f[2], 32)
		if err != nil {
			return nil, fmt.Errorf("word grams line %d: %w", n+1, err)
		}
		if w <= 0 || w > 1 {
			return nil, fmt.Errorf("word grams line %d: weight %v outside (0, 1]", n+1, w)
		}
		if _, dup := m[f[0]]; dup {
			return nil, fmt.Errorf("word grams line %d: %s listed twice", n+1, f[0])
		}
		m[f[0]] = wordGram{n: size, weight: float32(w)}
	}
	return m, nil
}

// GramPrefix marks a word's character n-gram (see data/word-grams.txt),
// so a gram never meets a stem or a whole word spelt alike.
const GramPrefix = "\x03"

// maxGramCache bounds the words whose gram terms an Extractor keeps.
const maxGramCache = 1 << 16

// gramTerms returns the gram terms of a word, GramPrefix before each,
// cached: a word shorter than a gram has none (its stem is the whole
// word already), and a word of exactly one gram's length none either.
func (e *Extractor) gramTerms(word string, n int) []string {
	if gs, ok := e.grams[word]; ok {
		return gs
	}
	rs := []rune(word)
	var gs []string
	if len(rs) > n {
		gs = make([]string, 0, len(rs)-n+1)
		for i := 0; i+n <= len(rs); i++ {
			gs = append(gs, GramPrefix+string(rs[i:i+n]))
		}
	}
	if e.grams == nil || len(e.grams) >= maxGramCache {
		e.grams = make(map[string][]string, 1024)
	}
	e.grams[word] = gs
	return gs
}
