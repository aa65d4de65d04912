package compare

import (
	_ "embed"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

//go:embed claim_denials.txt
var denialData string

// The denial frame's word lists, read from claim_denials.txt.
var (
	denialNegators = map[string]bool{}
	denialVerbs    = map[string]bool{}
	denialSkipped  = map[string]bool{}
	denialBlockers = map[string]bool{}
)

func init() {
	for _, l := range dataLines(denialData) {
		switch {
		case strings.HasPrefix(l, "+"):
			denialVerbs[l[1:]] = true
		case strings.HasPrefix(l, "~"):
			denialSkipped[l[1:]] = true
		case strings.HasPrefix(l, "-"):
			denialBlockers[l[1:]] = true
		default:
			denialNegators[l] = true
		}
	}
}

// articles are the skipped words that do not make a verb's object a
// claim.
var articles = map[string]bool{"a": true, "an": true, "the": true}

// denialReach bounds the words read past between a denial's cue and what
// it denies.
const denialReach = 4

// personMention is a person a unit names, where it names them.
type personMention struct {
	span storyfold.Span
	name string
}

// denials returns the denial frames a unit states: who denies (the last
// person named before the cue, not as a possessive, else the speaker of
// the words) and the stem of what is denied, as "name|stem". A denial is
// a claim whose wording varies most between outlets and whose words
// overlap least: "Hegseth denied any betrayal of Ukraine", "There is no
// betrayal there, said Hegseth", "Hegseth emphasized that the effort was
// certainly not a betrayal" share one name and one word, yet each says
// that Hegseth denies a betrayal.
func (r *reader) denials(text string, at int, toks []nlp.Token, persons []personMention, speakers []string) []string {
	var out []string
	// The unit's words as appendUnits looked them up, when it is the
	// caller: whether each may open a denial is read once a word.
	var infos []*wordInfo
	if len(r.wordsAt) == len(toks) {
		infos = r.wordsAt
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind != nlp.Word {
			continue
		}
		if infos != nil && infos[i] != nil && !r.mayDeny(infos[i]) {
			continue
		}
		// Indexing by the converted bytes allocates nothing: this runs
		// for every word of the story.
		r.buf = nlp.Lower(r.buf[:0], t.Text(text))
		negator := denialNegators[string(r.buf)]
		if !negator && !denialVerbs[string(r.buf)] {
			continue
		}
		what, framed := "", negator
		for j, n := i+1, 0; j < len(toks) && n <= denialReach; j++ {
			w := toks[j]
			if w.Kind != nlp.Word {
				if w.Kind == nlp.Punct && strings.ContainsAny(w.Text(text), ".,;:!?") {
					break
				}
				continue
			}
			r.buf = nlp.Lower(r.buf[:0], w.Text(text))
			lw := string(r.buf)
			if denialBlockers[lw] {
				break
			}
			if denialSkipped[lw] || nlp.IsRoleWord(w.Text(text)) {
				// A verb denies a claim ("denied any betrayal", "rejected
				// claims that"), not a thing ("denied service").
				framed = framed || !articles[lw]
				n++
				continue
			}
			if s := w.Text(text); s[0] >= 'A' && s[0] <= 'Z' || nlp.IsStopWord(lw) || len(lw) < 4 {
				break // a name, or a word too slight to be what is denied
			}
			what = r.stems.Stem(r.buf)
			break
		}
		if what == "" || !framed {
			continue
		}
		who := ""
		for _, p := range persons {
			if p.span.Start >= at+int(t.Start) {
				break
			}
			if !strings.HasPrefix(text[p.span.End-at:], "'s") && !strings.HasPrefix(text[p.span.End-at:], "’s") {
				who = p.name
			}
		}
		if who == "" && len(speakers) == 1 {
			who = speakers[0]
		}
		// One word is too little to tell a person by ("Oh", "I've"
		// read as names).
		if strings.ContainsAny(who, " .") {
			out = append(out, who+"|"+what)
		}
	}
	return out
}

// mayDeny reports whether a word lower-cased (nlp.Lower) is a denial's
// negator or verb, worked out once a word (see wordInfo.deny).
func (r *reader) mayDeny(w *wordInfo) bool {
	if w.deny == 0 {
		w.deny = 1
		if denialNegators[w.cx.lower] || denialVerbs[w.cx.lower] {
			w.deny = 2
		}
	}
	return w.deny == 2
}
