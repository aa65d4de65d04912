package nlp

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// cyrillic writes Russian and Ukrainian letters in Latin, the way news in
// Latin script spells names (Зеленский, Zelenskiy).
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i", 'й': "i",
	'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f",
	'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	'і': "i", 'ї': "i", 'є': "ye", 'ґ': "g",
}

// latinLetters folds the Latin letters that do not decompose into a base
// letter and a mark.
var latinLetters = map[rune]string{'ß': "ss", 'ø': "o", 'ł': "l", 'æ': "ae", 'œ': "oe", 'đ': "d", 'ı': "i", 'þ': "th"}

// nameKeySpellings writes the letter groups transliterations spell
// several ways one way. A Replacer is safe for concurrent use; building
// one costs more than the replacing, so there is one for the process.
var nameKeySpellings = strings.NewReplacer("tsch", "ch", "sch", "sh", "ph", "f", "ck", "k", "kh", "h", "zh", "j")

// NameKey returns the form of a lower-case name word that spellings of one
// name share across languages and transliterations: Selenskyj, Zelensky,
// Zelenskyy and Зеленский all give "selenski". Diacritics are dropped,
// Cyrillic is written in Latin, and the letters that transliterations
// swap are written one way (y and j as i, w as v, z as s, ph as f, c as k
// outside ch), doubled letters once. It is a key for matching names, not
// a spelling to show.
func NameKey(lower string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(lower) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case cyrillic[r] != "" || r == 'ъ' || r == 'ь':
			b.WriteString(cyrillic[r])
		case latinLetters[r] != "":
			b.WriteString(latinLetters[r])
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	s := b.String()
	// Every group but ck has an h: most words have neither, and skip
	// the replacer's copy.
	if strings.IndexByte(s, 'h') >= 0 || strings.Contains(s, "ck") {
		s = nameKeySpellings.Replace(s)
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case 'y', 'j':
			c = 'i'
		case 'w':
			c = 'v'
		case 'z':
			c = 's'
		case 'c':
			if i+1 >= len(s) || s[i+1] != 'h' {
				c = 'k'
			}
		}
		if n := len(out); n > 0 && out[n-1] == c {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}
