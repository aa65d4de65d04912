package compare

import (
	"strings"

	"github.com/storyfold/storyfold/nlp"
)

// synonymGroups are words newsrooms use for one another; each line's words
// are read as its first. The table is small on purpose: a synonym that is
// wrong in some context joins two different claims, which costs more than
// a paraphrase missed.
var synonymGroups = []string{
	"talks negotiations negotiation discussions",
	"talk negotiate",
	"say state tell add note announce declare remark",
	"said stated told added noted announced declared remarked",
	"call conversation phone",
	"war conflict",
	"start begin launch initiate commence",
	"started began launched initiated commenced",
	"end halt stop",
	"ended halted stopped",
	"deny reject dismiss",
	"denied rejected dismissed",
	"criticize criticise slam blast condemn",
	"criticized criticised slammed blasted condemned",
	"chief secretary minister head",
	"defense defence",
	"troops soldiers forces",
	"killed dead died",
	"agreement deal accord",
	"meeting summit",
	"immediately swiftly quickly promptly",
	"lasted took",
}

// synonyms maps the stem of each word above to the stem of its line's
// first word.
var synonyms = func() map[string]string {
	st := nlp.NewStemmer()
	m := map[string]string{}
	for _, line := range synonymGroups {
		words := strings.Fields(line)
		head := st.Stem([]byte(words[0]))
		for _, w := range words[1:] {
			if s := st.Stem([]byte(w)); s != head {
				m[s] = head
			}
		}
	}
	return m
}()
