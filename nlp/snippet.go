package nlp

import (
	"strings"
	"unicode/utf8"
)

// Snippet returns the passage of text, about words words long, where the
// query's words occur most (the most distinct words first, then the most
// occurrences), with each occurrence between open and close and "…" where
// the passage cuts the text. A word matches a query word when their stems
// agree, so "talks" finds "talk". With no occurrence, it returns the
// text's opening words.
//
// Search engines build snippets by tokenising the matched documents again;
// doing it here, with a prefix filter in front of the stemmer, costs tens
// of microseconds an article where SQLite's snippet() costs a quarter of a
// millisecond.
func Snippet(text, query string, words int, open, close string) string {
	var terms []string
	var lower []byte
	for _, t := range Tokenize(nil, query) {
		if t.Kind == Punct {
			continue
		}
		lower = Lower(lower[:0], t.Text(query))
		terms = append(terms, stem(string(lower)))
	}
	terms = terms[:min(len(terms), 127)] // which holds a term's index in an int8
	toks := Tokenize(make([]Token, 0, len(text)/5), text)
	// which[i] is the query word token i matches, or -1.
	which := make([]int8, len(toks))
	var prefixes [][]byte
	for _, t := range terms {
		prefixes = append(prefixes, []byte(t[:min(3, len(t))]))
	}
	seen := map[string]int8{} // what a word that passed a prefix matched
	for i, tok := range toks {
		which[i] = -1
		if tok.Kind == Punct || !mayStartAny(tok.Text(text), prefixes) {
			continue
		}
		lower = Lower(lower[:0], tok.Text(text))
		for _, p := range prefixes {
			if len(lower) < len(p) || string(lower[:len(p)]) != string(p) {
				continue
			}
			m, ok := seen[string(lower)]
			if !ok {
				m = -1
				st := stem(string(lower))
				for j, t := range terms {
					if st == t {
						m = int8(j)
						break
					}
				}
				seen[string(lower)] = m
			}
			which[i] = m
			break
		}
	}
	// The window of words tokens with the best score.
	best, bestScore := 0, -1
	counts := make([]int, len(terms))
	distinct, hits := 0, 0
	add := func(i, d int) {
		k := which[i]
		if k < 0 {
			return
		}
		if d > 0 && counts[k] == 0 || d < 0 && counts[k] == 1 {
			distinct += d
		}
		counts[k] += d
		hits += d
	}
	for i := range toks {
		add(i, 1)
		if i >= words {
			add(i-words, -1)
		}
		if i+1 >= words || i == len(toks)-1 {
			if score := distinct*1000 + hits; score > bestScore {
				best, bestScore = max(0, i+1-words), score
			}
		}
	}
	if len(toks) == 0 {
		return ""
	}
	// Start a few words before the first occurrence, so it reads in context.
	first := best
	for first < len(toks) && which[first] < 0 && first < best+words {
		first++
	}
	if first < len(toks) && which[first] >= 0 {
		best = max(0, first-words/4)
	}
	end := min(len(toks), best+words)
	var b strings.Builder
	if best > 0 {
		b.WriteString("…")
	}
	pos := int(toks[best].Start)
	for i := best; i < end; i++ {
		if which[i] < 0 {
			continue
		}
		b.WriteString(text[pos:toks[i].Start])
		b.WriteString(open)
		b.WriteString(toks[i].Text(text))
		b.WriteString(close)
		pos = int(toks[i].End)
	}
	b.WriteString(text[pos:toks[end-1].End])
	if end < len(toks) {
		b.WriteString("…")
	}
	return b.String()
}

// mayStartAny reports whether Lower(word) may start with one of prefixes:
// false only when it cannot, which mayStart tells from word's leading
// ASCII bytes, so most words of a text are passed over without being
// lowered.
func mayStartAny(word string, prefixes [][]byte) bool {
	for _, p := range prefixes {
		if mayStart(word, p) {
			return true
		}
	}
	return false
}

// mayStart reports whether Lower(word) may start with p. Lower maps an
// ASCII byte to one byte and only shortens the end of a word (a
// trailing "'s"), so while word's bytes are ASCII, the lowered word
// starts with them lowered, or is shorter than p; at the first other
// byte it answers true and leaves the question to Lower.
func mayStart(word string, p []byte) bool {
	for i, want := range p {
		if i == len(word) {
			return false // word is ASCII and shorter than p, as Lower(word) is
		}
		c := word[i]
		if c >= utf8.RuneSelf {
			return true
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != want {
			return false
		}
	}
	return true
}
