// Package nlp holds the text foundations every later stage reads through:
// tokens, sentences, stems, stop words and capitalised names. Everything here
// is a hand-written scanner over the text: these functions run over every
// word of every article, so they avoid regular expressions and allocation.
package nlp

import (
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

// TokenKind says what a token is made of.
type TokenKind = storyfold.TokenKind

// Token kinds.
const (
	Word   = storyfold.TokenWord   // letters, possibly with digits, apostrophes and abbreviation dots
	Number = storyfold.TokenNumber // starts with a digit: 90, 1.5, 12,000
	Punct  = storyfold.TokenPunct  // any other single non-space character
)

// Token is a byte range of a text (storyfold.Token, so that an article
// can carry its tokens between stages); its Text method returns its
// text within the string it was read from.
type Token = storyfold.Token

// Tokenize appends the tokens of text to dst and returns it. Words keep
// internal apostrophes (don't, Ukraine’s) and abbreviation dots (U.S.,
// a.m.); numbers keep decimal and thousands separators (1.5, 12,000).
// Hyphens and other punctuation are tokens of their own, so "US-Russia"
// yields US, -, Russia.
func Tokenize(dst []Token, text string) []Token {
	n := len(text)
	i := 0
	for i < n {
		// ASCII first, through one table: most of a text is.
		if c := text[i]; c < utf8.RuneSelf {
			switch asciiClass[c] {
			case asciiSpace:
				i++
				continue
			case asciiLetter:
				end := scanWord(text, i)
				dst = append(dst, Token{Start: int32(i), End: int32(end), Kind: Word})
				i = end
				continue
			}
		}
		r, size := decode(text, i)
		switch {
		case isSpace(r):
			i += size
		case isDigit(r):
			end := scanNumber(text, i)
			dst = append(dst, Token{Start: int32(i), End: int32(end), Kind: Number})
			i = end
		case isLetter(r):
			end := scanWord(text, i)
			dst = append(dst, Token{Start: int32(i), End: int32(end), Kind: Word})
			i = end
		default:
			dst = append(dst, Token{Start: int32(i), End: int32(i + size), Kind: Punct})
			i += size
		}
	}
	return dst
}

// What an ASCII byte is to the tokenizer: the classes Tokenize and
// scanWord read before decoding a rune (other is 0).
const (
	asciiSpace  = 1 + iota // isSpace
	asciiLetter            // isLetter, so isWordRune
	asciiDigit             // isDigit, so isWordRune
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch r := rune(c); {
		case isSpace(r):
			t[c] = asciiSpace
		case isLetter(r):
			t[c] = asciiLetter
		case isDigit(r):
			t[c] = asciiDigit
		}
	}
	return t
}()

func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
	}
	return unicode.IsLetter(r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// scanWord returns the end of the word starting at i.
func scanWord(s string, i int) int {
	n := len(s)
	seg := 0      // letters since the word start or the last abbreviation dot
	dots := false // the word already holds an abbreviation dot
	for i < n {
		if c := s[i]; c < utf8.RuneSelf && asciiClass[c] >= asciiLetter {
			seg++
			i++
			continue
		}
		r, size := decode(s, i)
		switch {
		case isWordRune(r):
			seg++
			i += size
		case isApostrophe(r) && i+size < n:
			// Keep the apostrophe only between letters: don't, Ukraine’s.
			next, _ := decode(s, i+size)
			if !isLetter(next) || seg == 0 {
				return i
			}
			i += size
		case r == '.' && seg == 1:
			// Single letters followed by dots form an abbreviation: U.S.,
			// a.m. The final dot belongs to the word once it has one inside.
			if i+1 < n {
				next, nsize := decode(s, i+1)
				if isLetter(next) && i+1+nsize < n && s[i+1+nsize] == '.' {
					dots = true
					seg = 0
					i++
					continue
				}
			}
			if dots {
				return i + 1
			}
			return i
		default:
			return i
		}
	}
	return i
}

// scanNumber returns the end of the number starting at i.
func scanNumber(s string, i int) int {
	n := len(s)
	for i < n {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			i++
		case (c == '.' || c == ',') && i+1 < n && s[i+1] >= '0' && s[i+1] <= '9':
			i++
		default:
			r, size := decode(s, i)
			if c >= utf8.RuneSelf && isDigit(r) {
				i += size
				continue
			}
			// A unit glued to the number (90km, 5th) stays with it.
			if isLetter(r) {
				return scanWord(s, i)
			}
			return i
		}
	}
	return i
}

// IsCapitalized reports whether a word starts with an upper-case letter.
func IsCapitalized(word string) bool {
	if word == "" {
		return false
	}
	r, _ := decode(word, 0)
	return unicode.IsUpper(r)
}

// IsNameWord reports whether a word can be part of a name: capitalised, or
// a short lower-case particle glued to a capital ("diGenova", "deBlasio").
func IsNameWord(word string) bool {
	if IsCapitalized(word) {
		return true
	}
	for _, p := range nameParticles {
		if len(word) > len(p)+2 && word[:len(p)] == p && 'A' <= word[len(p)] && word[len(p)] <= 'Z' {
			return true
		}
	}
	return false
}

// nameParticles glue to the capital of a surname; "iPhone" and "eBay"
// start otherwise.
var nameParticles = []string{"di", "de", "da", "du", "la", "le", "mc", "mac", "van", "von", "al", "el", "d'"}

// Lower appends the lower-case form of word to dst, with typographic
// apostrophes made straight and a trailing possessive ('s) removed, so
// "Ukraine’s" and "ukraine" share a key.
func Lower(dst []byte, word string) []byte {
	start := len(dst)
	for i := 0; i < len(word); {
		c := word[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(word[i:])
		if r == '’' {
			dst = append(dst, '\'')
		} else {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		i += size
	}
	if k := len(dst); k-start > 2 && dst[k-2] == '\'' && dst[k-1] == 's' {
		dst = dst[:k-2]
	}
	return dst
}

// SentenceTokens appends to dst the tokens of text[s.Start:s.End], with
// offsets into that sentence, exactly as Tokenize(dst, text[s.Start:s.End])
// would, read from all, the tokens of the whole text (Tokenize(nil,
// text)), so that stages reading an article sentence by sentence share one
// tokenisation of it. Tokenize carries nothing from one token to the next
// but its position, so the whole text's tokens that lie inside the
// sentence are the sentence's own, unless a token of the whole text
// crosses one of its ends (a word the sentence cuts, or one that reads
// past its end to decide where it stops: "U.S." cut after the S); then,
// or when an end is not at the start of a character, the sentence is
// tokenised again.
func SentenceTokens(dst []Token, all []Token, text string, s storyfold.Span) []Token {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return Tokenize(dst, text[s.Start:s.End])
	}
	if (s.Start < len(text) && !utf8.RuneStart(text[s.Start])) || (s.End < len(text) && !utf8.RuneStart(text[s.End])) {
		return Tokenize(dst, text[s.Start:s.End])
	}
	// The first token ending after the sentence's start.
	lo, hi := 0, len(all)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(all[m].End) <= s.Start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(all) && int(all[lo].Start) < s.Start {
		return Tokenize(dst, text[s.Start:s.End]) // a token crosses the start
	}
	base := int32(s.Start)
	for i := lo; i < len(all); i++ {
		t := all[i]
		if int(t.Start) >= s.End {
			break
		}
		if int(t.End) > s.End {
			// A token crosses the end: give back what was appended.
			return Tokenize(dst[:len(dst)-(i-lo)], text[s.Start:s.End])
		}
		dst = append(dst, Token{Start: t.Start - base, End: t.End - base, Kind: t.Kind})
	}
	return dst
}
