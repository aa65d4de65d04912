package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The gazetteers are small word lists the name finders consult: places,
// demonyms, titles that come before a person's name, and pronouns. They are
// kept in code so the binary needs nothing downloaded; lookups take the
// lower-case form.

// IsPlace reports whether name (any case) is a country, a capital or a large
// city, a continent or a region.
func IsPlace(name string) bool { return in(places, name) }

// IsPlaceWords is IsPlace(strings.Join(words, " ")) without building the
// name: entity runs ask it of every run of capitalised words.
func IsPlaceWords(words []string) bool {
	var buf [64]byte
	b := buf[:0]
	for k, w := range words {
		if k > 0 {
			b = append(b, ' ')
		}
		b = AppendLower(b, w)
	}
	return places[string(b)]
}

// CountryOf returns the country a capital stands for when news writes it
// for the government ("Washington", "Moscow", "Kyiv"), or place itself.
func CountryOf(place string) string {
	if c, ok := capitals[place]; ok {
		return c
	}
	return place
}

var capitals = pairs("capitals")

// IsDemonym reports whether word (any case) is a nationality or regional
// adjective: "European", "Latvian". These are not entities.
func IsDemonym(word string) bool { return in(demonyms, word) }

// TitleWords reports how many of the words ending at words[len-1] are
// roles ("Defense Secretary", "Prime Minister", "Mr."), reading from the
// end; 0 when the last word is not one.
func TitleWords(words []string) int {
	n := 0
	for k := len(words) - 1; k >= 0 && roleWord(words[k]); k-- {
		n++
	}
	return n
}

// IsTitleWord reports whether word can stand in the title before a
// person's name: a role ("Secretary"), or what qualifies one ("NATO",
// "U.S.", "German" in "German Chancellor Olaf Scholz").
func IsTitleWord(word string) bool {
	return roleWord(word) || in(affiliations, word) || IsDemonym(word) || IsPlace(word)
}

// IsRoleWord reports whether word names a role itself ("Mayor",
// "Secretary", "Minister"), not only qualifies one ("National", "Foreign").
func IsRoleWord(word string) bool {
	return in(coreRoles, word) || strings.HasSuffix(word, ".") && in(coreRoles, word[:len(word)-1])
}

var coreRoles = list("core-roles")

func roleWord(word string) bool {
	return in(titleWords, word) || strings.HasSuffix(word, ".") && in(titleWords, word[:len(word)-1])
}

// in looks word up in a lower-case set without allocating for words of
// up to 64 bytes: these lookups run for every capitalised word of every
// article. The key is strings.ToLower(word), built rune by rune as
// strings.Map does it (an invalid byte becomes U+FFFD).
func in(set map[string]bool, word string) bool {
	var buf [64]byte
	return set[string(AppendLower(buf[:0], word))]
}

// AppendLower appends strings.ToLower(word) to dst, built rune by rune
// as strings.Map does it (an invalid byte becomes U+FFFD), so that a map
// keyed by lower-case strings is looked up without one being allocated.
func AppendLower(dst []byte, word string) []byte {
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
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += size
	}
	return dst
}

var places = list("places")

var demonyms = list("demonyms")

var titleWords = list("title-words")

// affiliations qualify a title: "NATO Secretary General", "White House
// spokeswoman".
var affiliations = list("affiliations")

// IsPlaceWord reports whether word ends the names of places and
// buildings: "National Mall", "Eugene Simpson Stadium Park".
func IsPlaceWord(word string) bool { return in(placeWords, word) }

var placeWords = list("place-words")

// IsOrgWord reports whether word ends organisation names ("Armed Forces",
// "Foreign Ministry", "Truth Social"): such a name is not a person's.
func IsOrgWord(word string) bool { return in(orgWords, word) }

var orgWords = list("org-words")

// IsTitledOrg reports whether n words, two or more, read by word, are all
// words that stand in titles and the last is an organisation's word that
// is no role ("Justice Department", "U.S. State Department", "Foreign
// Ministry"): with no name after them, such words are the organisation,
// where the title reading would leave nothing. The entity finder and the
// quote finder's cue subjects read them alike.
func IsTitledOrg(n int, word func(i int) string) bool {
	if n < 2 {
		return false
	}
	if last := word(n - 1); !IsOrgWord(last) || IsRoleWord(last) {
		return false
	}
	for i := range n {
		if !IsTitleWord(word(i)) {
			return false
		}
	}
	return true
}

// IsNotAName reports whether a capitalised word is never a person's name:
// days, months, platforms, single letters.
func IsNotAName(word string) bool { return utf8.RuneCountInString(word) < 2 || in(notNames, word) }

var notNames = list("not-names")

// IsDateAbbreviation reports whether a capitalised word abbreviates a
// month or a weekday ("Dec", "Sept", "Tues"). Some are given names too
// ("Jan"), so callers read it as a date only where a date is written:
// with its period and a numeral after it.
func IsDateAbbreviation(word string) bool { return in(dateAbbreviations, word) }

var dateAbbreviations = list("date-abbreviations")

// speakerPronouns stand for a person named before; "they" and "it" are
// left out, as they stand for groups and organisations too often to guess.
var speakerPronouns = map[string]bool{"he": true, "she": true}

// IsSpeakerPronoun reports whether word is a third-person pronoun that
// stands for a person ("he", "she").
func IsSpeakerPronoun(word string) bool {
	return len(word) <= 3 && in(speakerPronouns, word)
}
