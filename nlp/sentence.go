package nlp

import (
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

// Abbreviations that are followed by a name or a number and so never end a
// sentence: "Gen. Mark Milley", "Jan. 5", "No. 10".
var nameAbbrevs = setOf(
	"mr", "mrs", "ms", "dr", "prof", "jr", "sr", "gen", "sen", "sens", "rep", "reps", "gov", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "brig",
	"st", "mt", "ft", "rev", "hon", "pres", "supt", "insp", "det", "atty", "messrs", "mme", "mlle", "sr", "jr",
	"jan", "feb", "febr", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
	"no", "nos", "vol", "fig", "pp", "art", "ch", "sec", "approx", "est", "ave", "blvd", "rd",
	"vs", "v", "cf", "al",
)

// Abbreviations that may end a sentence: they split only when the next word
// is one that usually opens a sentence ("in the U.S. The talks ...").
var endAbbrevs = setOf(
	"inc", "corp", "co", "ltd", "llc", "plc", "etc", "bros",
	"u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "d.c", "n.y", "l.a",
)

// sentenceOpeners are the capitalised words that most often start an English
// sentence; after an ambiguous abbreviation they signal a boundary.
var sentenceOpeners = setOf(
	"a", "an", "the", "he", "she", "it", "they", "we", "i", "you", "but", "and", "or", "so", "yet", "in", "on", "at", "for", "to", "as",
	"this", "that", "these", "those", "his", "her", "its", "their", "our", "there", "here", "however", "after", "before", "when", "while",
	"if", "some", "many", "most", "one", "two", "officials", "meanwhile", "still", "also", "other", "what", "why", "how", "who", "no",
)

func setOf(words ...string) map[string]struct{} {
	m := make(map[string]struct{}, len(words))
	for _, w := range words {
		m[w] = struct{}{}
	}
	return m
}

// Sentences appends to dst the sentence spans of text[start:end] (a
// paragraph), as offsets into text. A sentence ends at . ! ? or … followed by
// closing quotes or brackets and a space, unless the next word starts in
// lower case ("Why?" he asked), or the period belongs to an abbreviation or
// an initial (Gen. Milley, John F. Kennedy). Quotes that run over several
// sentences split like the prose around them; the closing quotation mark
// stays with the sentence it ends.
func Sentences(dst []storyfold.Span, text string, start, end int) []storyfold.Span {
	s := skipSpace(text, start, end)
	i := s
	for i < end {
		c := text[i]
		if c != '.' && c != '!' && c != '?' && !(c == 0xE2 && hasPrefixAt(text, i, "…")) && !(c == 0xD8 && hasPrefixAt(text, i, "؟")) {
			i++
			continue
		}
		term := i
		// Run over repeated terminal marks and the closing quotes or
		// brackets that follow them.
		j := i
		for j < end {
			r, size := decode(text, j)
			if r == '.' || r == '!' || r == '?' || r == '…' || r == '؟' || isCloser(r) {
				j += size
				continue
			}
			// French sets its closing guillemet apart by a space:
			// « Nous sommes prêts. » ends there.
			if isSpace(r) {
				if k := skipSpace(text, j, end); k < end && k-j <= 6 {
					if q, qs := decode(text, k); q == '»' || q == '›' {
						j = k + qs
						continue
					}
				}
			}
			break
		}
		if j < end {
			r, _ := decode(text, j)
			if !isSpace(r) {
				i = j
				if i == term {
					i++
				}
				continue
			}
		}
		next := skipSpace(text, j, end)
		if next >= end {
			break
		}
		if isBoundary(text, s, term, next, end) {
			dst = append(dst, storyfold.Span{Start: s, End: trimRightSpace(text, s, j)})
			s = next
		}
		i = next
	}
	if e := trimRightSpace(text, s, end); e > s {
		dst = append(dst, storyfold.Span{Start: s, End: e})
	}
	return dst
}

// isBoundary decides whether the terminal mark at term ends the sentence
// that started at s, given that the next sentence would start at next.
func isBoundary(text string, s, term, next, end int) bool {
	r, _ := decode(text, next)
	// Skip opening quotes and brackets to find the first letter.
	k := next
	for k < end && isOpener(r) {
		k += utf8.RuneLen(r)
		if k < end {
			r, _ = decode(text, k)
		}
	}
	if unicode.IsLower(r) {
		return false
	}
	if text[term] != '.' {
		return true
	}
	if term+1 < end && text[term+1] == '.' {
		return true // an ellipsis written as dots
	}
	// The word before the period.
	w := term
	for w > s {
		r, size := utf8.DecodeLastRuneInString(text[:w])
		if !isWordRune(r) && r != '.' {
			break
		}
		w -= size
	}
	word := text[w:term]
	if word == "" {
		return true
	}
	var buf [32]byte
	lower := buf[:0]
	if len(word) <= len(buf) {
		lower = Lower(lower, word)
	}
	if _, ok := nameAbbrevs[string(lower)]; ok {
		return false
	}
	if langAbbrevs[string(lower)] {
		return false
	}
	if isOrdinalDay(word) && nextIsMonth(text, k, end) {
		// "am 23. Februar": a day written as an ordinal.
		return false
	}
	// A single capital letter is an initial: John F. Kennedy.
	if rc := utf8.RuneCountInString(word); rc == 1 && IsCapitalized(word) {
		return false
	}
	if _, ok := endAbbrevs[string(lower)]; ok || isDottedAbbrev(word) {
		return opensSentence(text, k, end)
	}
	return true
}

// opensSentence reports whether the word at i is a usual sentence opener.
func opensSentence(text string, i, end int) bool {
	j := i
	for j < end {
		r, size := decode(text, j)
		if !isWordRune(r) && !isApostrophe(r) {
			break
		}
		j += size
	}
	if j == i || j-i > 16 {
		return false
	}
	var buf [64]byte
	_, ok := sentenceOpeners[string(Lower(buf[:0], text[i:j]))]
	return ok
}

// isDottedAbbrev reports whether word has a dot inside it (U.S, a.m).
func isDottedAbbrev(word string) bool {
	for i := 1; i < len(word)-1; i++ {
		if word[i] == '.' {
			return true
		}
	}
	return false
}

// isCloser reports whether r closes a quotation or a bracket after a
// sentence's final mark. German closes its quotations with the marks
// English opens them with („…“, ‚…‘), and they end a sentence as often.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '»', '›', '“', '‘', '」', '』':
		return true
	}
	return false
}

// isOpener reports whether r opens a quotation, a bracket or, in
// Spanish, a question or an exclamation, before a sentence's first letter.
func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '«', '‹', '„', '‚', '「', '『', '¿', '¡':
		return true
	}
	return false
}

func hasPrefixAt(s string, i int, p string) bool {
	return len(s)-i >= len(p) && s[i:i+len(p)] == p
}

func skipSpace(text string, i, end int) int {
	for i < end {
		r, size := decode(text, i)
		if !isSpace(r) {
			break
		}
		i += size
	}
	return i
}

func trimRightSpace(text string, start, end int) int {
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[:end])
		if !isSpace(r) {
			break
		}
		end -= size
	}
	return end
}

// langAbbrevs and months are the abbreviations that never end a sentence
// and the month names of the languages beyond English (see
// lang/abbreviations.txt and lang/months.txt).
var (
	langAbbrevs = lowerSet(dataLines(langFiles, "lang/abbreviations.txt"))
	months      = lowerSet(dataLines(langFiles, "lang/months.txt"))
)

func lowerSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isOrdinalDay reports whether word is a day of the month: one or two
// digits.
func isOrdinalDay(word string) bool {
	if len(word) == 0 || len(word) > 2 {
		return false
	}
	for i := 0; i < len(word); i++ {
		if word[i] < '0' || word[i] > '9' {
			return false
		}
	}
	return true
}

// nextIsMonth reports whether the word at i is a month name of a language
// that writes a day as an ordinal with a period.
func nextIsMonth(text string, i, end int) bool {
	j := i
	for j < end {
		r, size := decode(text, j)
		if !isWordRune(r) {
			break
		}
		j += size
	}
	if j == i || j-i > 24 {
		return false
	}
	var buf [64]byte
	return months[string(Lower(buf[:0], text[i:j]))]
}
