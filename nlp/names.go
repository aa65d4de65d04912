package nlp

// Gender is what a given name, a title or a role tells of a person's
// gender, for matching "he" and "she" to the person meant. It is a guess
// from common usage, used only to rule a pronoun's candidates out.
type Gender uint8

// Genders.
const (
	Unknown Gender = iota
	Male
	Female
)

// PronounGender returns the gender "he" or "she" refers to.
func PronounGender(pronoun string) Gender {
	switch pronoun {
	case "he", "He", "him", "his":
		return Male
	case "she", "She", "her":
		return Female
	}
	return Unknown
}

// GivenName reports whether word is a common given name, and the gender it
// usually has (Unknown for names given to both: "Jordan", "Alex").
func GivenName(word string) (Gender, bool) {
	switch {
	case in(maleNames, word):
		return Male, true
	case in(femaleNames, word):
		return Female, true
	case in(unisexNames, word):
		return Unknown, true
	}
	return Unknown, false
}

// TitleGender returns the gender a title or role word implies: "Mrs.",
// "Congresswoman", "King".
func TitleGender(word string) Gender {
	switch {
	case in(maleTitles, word) || len(word) > 1 && word[len(word)-1] == '.' && in(maleTitles, word[:len(word)-1]):
		return Male
	case in(femaleTitles, word) || len(word) > 1 && word[len(word)-1] == '.' && in(femaleTitles, word[:len(word)-1]):
		return Female
	}
	return Unknown
}

var maleTitles = list("male-titles")

var femaleTitles = list("female-titles")

// The name lists hold the given names most common in English-language
// news: frequent American and British names and those of public figures
// elsewhere.
var maleNames = list("male-names")

var femaleNames = list("female-names")

var unisexNames = list("unisex-names")

// EditDistance is the Levenshtein distance of a and b, or max+1 once it is
// known to exceed max.
func EditDistance(a, b []rune, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
