package nlp

import (
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// languagePrefix is how much text language detection reads: trigram
// profiles settle well within a few hundred characters, and reading more
// only costs time.
const languagePrefix = 600

// Language returns the ISO 639-1 code of the language text is written in, or
// "" when the text is too short or too mixed to tell.
func Language(text string) string {
	if len(text) > languagePrefix {
		cut := languagePrefix
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	info := whatlanggo.Detect(text)
	if info.Lang < 0 || (info.Confidence < 0.2 && utf8.RuneCountInString(text) < 40) {
		return ""
	}
	return info.Lang.Iso6391()
}
