package compare

import (
	_ "embed"
	"slices"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

//go:embed conflict_claimants.txt
var claimantData string

// claimants are the words read past between a figure and the verb of a
// relative clause about it (conflict_claimants.txt).
var claimants = dataSet(claimantData)

//go:embed conflict_relatives.txt
var noSubjectData string

// noSubject are the words of claimants that are no subject of the clause:
// relative pronouns and auxiliaries (conflict_relatives.txt).
var noSubject = dataSet(noSubjectData)

// figureAct is a figure a unit gives with the act a relative clause right
// after it tells of it, as "actor|kind/unit|lemma" keys, one for each
// person or organisation the unit names.
type figureAct struct {
	q    int // the figure's place in the unit's quantities
	keys []string
}

// figureActs returns the figures of a unit that a relative clause with a
// subject and a past-tense verb follows: "the $5.7 billion he initially
// demanded" and "none of the $2.7 billion that Mr. Trump demanded" give
// one sum for one act whatever else the two sentences say, and the
// sentences, each giving several sums, share too little of their words
// for the story's index to meet them. A participle with no subject ("$3.6
// billion allocated for") says nothing of who acted and is not read;
// durations are left out, as for figureKeys.
func (cx *conflictContext) figureActs(u int) []figureAct {
	if cx.figActsDone == nil {
		cx.figActs, cx.figActsDone = make([][]figureAct, len(cx.units)), make([]bool, len(cx.units))
	}
	if !cx.figActsDone[u] {
		cx.figActs[u], cx.figActsDone[u] = cx.readFigureActs(u), true
	}
	return cx.figActs[u]
}

// readFigureActs reads a unit's figureActs.
func (cx *conflictContext) readFigureActs(u int) []figureAct {
	x := &cx.units[u]
	if len(x.quantities) == 0 {
		return nil
	}
	var buf [8]string
	actors := x.appendActors(buf[:0])
	if len(actors) == 0 {
		return nil
	}
	text := cx.members[x.article].Text[x.span.Start:x.span.End]
	toks := cx.tokens(u)
	infos := cx.wordsOf(u)
	var out []figureAct
	for qi, q := range x.quantities {
		if q.Unit == "" || q.Kind == storyfold.QuantityDuration {
			continue
		}
		end := q.Span.End - x.span.Start
		i := slices.IndexFunc(toks, func(t nlp.Token) bool { return int(t.Start) >= end })
		if i < 0 {
			continue
		}
		lemma, subject := "", false
		for n := 0; i < len(toks) && n < 6; i, n = i+1, n+1 {
			t := toks[i]
			if t.Kind != nlp.Word {
				// The point of an abbreviated title ("Mr. Trump").
				if t.Text(text) == "." && i > 0 && toks[i-1].Kind == nlp.Word && claimants[infos[i-1].lower] {
					continue
				}
				break
			}
			w := infos[i]
			word := t.Text(text)
			switch {
			case claimants[w.lower]:
				subject = subject || !noSubject[w.lower]
				continue
			case word[0] >= 'A' && word[0] <= 'Z':
				subject = true
				continue
			case len(w.lower) > 4 && strings.HasSuffix(w.lower, "ly"):
				continue
			}
			if subject && !w.said && strings.HasSuffix(w.lower, "ed") {
				if l := cx.verbLemma(w); l != "" && l != w.lower {
					lemma = l
				}
			}
			break
		}
		if lemma == "" {
			continue
		}
		fa := figureAct{q: qi}
		for _, e := range actors {
			fa.keys = append(fa.keys, e+"|"+string(q.Kind)+"/"+q.Unit+"|"+lemma)
		}
		out = append(out, fa)
	}
	return out
}

// figureActKeys returns the keys of a unit's figureActs, sorted.
func (cx *conflictContext) figureActKeys(u int) []string {
	var out []string
	for _, fa := range cx.figureActs(u) {
		out = append(out, fa.keys...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// actFiguresDiffer compares the figures two units tie to one act (see
// figureActs), whatever other figures of the kind they give.
func (cx *conflictContext) actFiguresDiffer(a, b int) (storyfold.Quantity, storyfold.Quantity, bool) {
	fa, fb := cx.figureActs(a), cx.figureActs(b)
	for _, x := range fa {
		for _, y := range fb {
			if !shareKey(x.keys, y.keys) {
				continue
			}
			qx, qy := cx.units[a].quantities[x.q], cx.units[b].quantities[y.q]
			if sameFigure(qx, qy) || inRange(qx, qy) || inRange(qy, qx) || cx.statesBoth(a, qx, b, qy) {
				continue
			}
			return qx, qy, true
		}
	}
	return storyfold.Quantity{}, storyfold.Quantity{}, false
}
