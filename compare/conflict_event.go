package compare

import (
	_ "embed"
	"strings"

	"github.com/storyfold/storyfold"
)

// personIn reports whether a unit names a person by the story's name.
func (cx *conflictContext) personIn(u int, name string) bool {
	for _, e := range cx.units[u].entities {
		if e.name == name && e.typ == storyfold.EntityPerson {
			return true
		}
	}
	return false
}

// notObject reports whether a word after a verb says when rather than
// what was done (conflict_when.txt: "announced Tuesday he'll run"), or
// is a pronoun's contraction ("he'll") or a number.
func notObject(w string) bool {
	return whenWords[w] || strings.ContainsAny(w, "'’0123456789")
}

//go:embed conflict_when.txt
var whenData string

//go:embed conflict_announce.txt
var announceData string

var (
	// whenWords say when an act was done (conflict_when.txt).
	whenWords = dataSet(whenData)
	// announcing are the speech verbs whose act, not only its content,
	// an outlet may deny (conflict_announce.txt).
	announcing = dataSet(announceData)
)

// dataSet returns the entries of an embedded list as a set.
func dataSet(data string) map[string]bool {
	out := map[string]bool{}
	for _, l := range dataLines(data) {
		out[l] = true
	}
	return out
}
