package compare

import (
	"slices"
	"strings"
	"time"

	"github.com/storyfold/storyfold/nlp"
)

// claimKeys returns what two sentences that state one claim in their own
// words still share when they share too few of their rarest words for the
// story's index to meet them, each list sorted:
//
//   - acts, "actor|lemma": a person or organisation of the story the unit
//     names, wherever it stands, and the lemma of a verb it writes in the
//     past outside quotes and before any speech verb, not itself a speech
//     verb or one that credits words ("wrote", "tweeted": said on many
//     days): "Mr. Trump took the 35-word oath administered by Chief
//     Justice John G. Roberts Jr.", "Chief Justice John Roberts
//     administered the 38-word oath ..., capping Trump's unlikely
//     journey";
//   - cues, "lemma|listener": a speech verb and the person or organisation
//     right after it, whoever speaks ("Stone ... told Credico that he
//     should", "Mr. Stone told Mr. Credico he should").
//
// The pairs they make go through every kind's rules as any other pair
// does.
func (cx *conflictContext) claimKeys(u int) (acts, cues []string) {
	x := &cx.units[u]
	// The unit's people and organisations, on the stack: this runs for
	// every unit that gives a value.
	var buf [8]string
	actors := x.appendActors(buf[:0])
	if len(actors) == 0 {
		return nil, nil
	}
	a := cx.members[x.article]
	text := a.Text[x.span.Start:x.span.End]
	toks := cx.tokens(u)
	infos := cx.wordsOf(u)
	var prev *cxWord
	reported := false
	for i, t := range toks {
		if t.Kind != nlp.Word {
			continue
		}
		w := infos[i]
		before := prev
		prev = w
		if quoted(a, x.span.Start+int(t.Start)) {
			continue
		}
		if w.said {
			reported = true
			l := cx.verbLemma(w)
			if l == "" {
				l = w.lower
			}
			if e := listenerAfter(text, int(t.End), x.entities); e != "" {
				cues = append(cues, l+"|"+e)
			}
			continue
		}
		if reported || len(w.lower) < 4 || w.stop || before != nil && before.unasserting ||
			strings.HasSuffix(w.lower, "ing") || strings.HasSuffix(w.lower, "s") {
			continue
		}
		if l := cx.verbLemma(w); l != "" && l != w.lower {
			for _, e := range actors {
				acts = append(acts, e+"|"+l)
			}
		}
	}
	slices.Sort(acts)
	slices.Sort(cues)
	return slices.Compact(acts), slices.Compact(cues)
}

// listenerAfter returns the person or organisation named right after a
// speech verb ending at end, past an abbreviated title: "told Credico",
// "told Mr. Credico", "told Fox News".
func listenerAfter(text string, end int, entities []entityRef) string {
	rest := strings.TrimLeft(text[end:], " ")
	if sp := strings.IndexByte(rest, ' '); sp > 1 && sp <= 4 && rest[sp-1] == '.' && startsUpper(rest) {
		rest = rest[sp+1:]
	}
	for _, e := range entities {
		if !e.isActor() {
			continue
		}
		last := e.name[strings.LastIndexByte(e.name, ' ')+1:]
		if strings.HasPrefix(rest, e.name) || len(last) > 2 && strings.HasPrefix(rest, last) {
			return e.name
		}
	}
	return ""
}

// quoteRuns returns the runs of quoteRun words a unit quotes, sorted:
// two sentences that quote one statement alike, in part, state one claim
// whoever they credit it to ("is “not putting people back to work,”
// President Obama said", "“but God wants to see us help ourselves by
// putting people back to work!”").
func (cx *conflictContext) quoteRuns(u int) []string {
	x := &cx.units[u]
	if len(cx.members[x.article].Quotes) == 0 {
		return nil
	}
	words := cx.quotedWords(x)
	if len(words) < quoteRun {
		return nil
	}
	// The words are joined once; each run is a part of that string, not
	// a string of its own.
	joined := strings.Join(words, " ")
	starts := make([]int, len(words)+1)
	for i, w := range words {
		starts[i+1] = starts[i] + len(w) + 1
	}
	var out []string
	for i := 0; i+quoteRun <= len(words); i++ {
		if !slices.Contains(words[i:i+quoteRun], "") {
			out = append(out, joined[starts[i]:starts[i+quoteRun]-1])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// phraseRun is how many words, in a row and outside quotes, two sentences
// crediting different speakers must write alike to be read as one claim
// (see phraseRuns).
const phraseRun = 6

// calendarWords are the names of months and days, lower-cased: capitalised
// words a reported statement's run may hold ("decide by June whether to
// run").
var calendarWords = func() map[string]bool {
	m := map[string]bool{}
	for i := time.January; i <= time.December; i++ {
		m[strings.ToLower(i.String())] = true
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		m[strings.ToLower(d.String())] = true
	}
	return m
}()

// phraseRuns returns the runs of phraseRun words a unit that credits a
// speaker writes outside quotes after its first speech verb, in a row
// within one clause and with no capitalised word but the names of months
// and days, each with at least three words that are neither stop words
// nor speech verbs, as keys,
// sorted: two sentences that report one statement in the same words
// ("said he will decide by June whether to run", "told NBC News in an
// interview that plans to decide by June whether to run") state one claim
// whoever they credit it to, however little else they share.
func (cx *conflictContext) phraseRuns(u int) []string {
	x := &cx.units[u]
	if len(cx.speakersOf(u)) == 0 {
		return nil
	}
	a := cx.members[x.article]
	toks := cx.tokens(u)
	infos := cx.wordsOf(u)
	text := a.Text[x.span.Start:x.span.End]
	// The unit's words and the runs' offsets, on the stack: this runs
	// for every unit that credits a speaker.
	var wordBuf [96]*cxWord
	var startBuf [96]int
	words := wordBuf[:0] // nil where a clause, a quote or a name breaks the run
	reported := false
	for i, t := range toks {
		switch {
		case t.Kind != nlp.Word || quoted(a, x.span.Start+int(t.Start)):
			words = append(words, nil)
		case !reported:
			// Only what the speaker is said to have said: the words
			// before the speech verb say who and when.
			reported = infos[i].said
			words = append(words, nil)
		case startsUpper(t.Text(text)) && !calendarWords[infos[i].lower]:
			// A name ("the U.S. Fish and Wildlife Service", "the
			// Israeli elections") is the setting, not the statement.
			words = append(words, nil)
		default:
			words = append(words, infos[i])
		}
	}
	// Each stretch of words the run may cross is joined once; each run
	// is a part of that string, not a string of its own.
	var out []string
	starts := startBuf[:0]
	for from := 0; from < len(words); {
		if words[from] == nil {
			from++
			continue
		}
		to := from
		for to < len(words) && words[to] != nil {
			to++
		}
		if to-from >= phraseRun {
			var b strings.Builder
			n := to - from
			for _, w := range words[from:to] {
				n += len(w.lower)
			}
			b.Grow(n)
			starts = starts[:0]
			for k, w := range words[from:to] {
				if k > 0 {
					b.WriteByte(' ')
				}
				starts = append(starts, b.Len())
				b.WriteString(w.lower)
			}
			starts = append(starts, b.Len()+1)
			joined := b.String()
			for i := from; i+phraseRun <= to; i++ {
				content := 0
				for _, w := range words[i : i+phraseRun] {
					if w.said {
						content = -1
						break
					}
					if !w.stop {
						content++
					}
				}
				if content >= 3 {
					out = append(out, joined[starts[i-from]:starts[i-from+phraseRun]-1])
				}
			}
		}
		from = to
	}
	slices.Sort(out)
	return slices.Compact(out)
}
