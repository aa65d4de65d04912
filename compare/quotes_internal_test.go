package compare

import (
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestMarkQuotes pins which quote groups align the sentences that give
// them: whole statements of six words or more, quoted inside one sentence
// by each article, or one whole sentence of a statement that another
// quotes at greater length; not a phrase one article quotes out of a
// longer statement of another.
func TestMarkQuotes(t *testing.T) {
	article := func(id, text, quoted string) *storyfold.Article {
		start := strings.Index(text, quoted)
		return &storyfold.Article{ID: id, Text: text,
			Sentences: []storyfold.Span{{Start: 0, End: len(text)}},
			Quotes:    []storyfold.Quotation{{Text: quoted, Span: storyfold.Span{Start: start, End: start + len(quoted)}}}}
	}
	tests := []struct {
		name     string
		a, b     [2]string // text, quoted words
		wantEdge bool
	}{
		{"a statement", [2]string{`Speaking outside the ministry on Monday after a cabinet session, Novak said: "We will rebuild every bridge the flood destroyed."`, "We will rebuild every bridge the flood destroyed."},
			[2]string{`In a televised address watched by families in shelters, the minister promised: "We will rebuild every bridge the flood destroyed."`, "We will rebuild every bridge the flood destroyed."}, true},
		{"a phrase", [2]string{`The speaker read the preamble, "We the people", before yielding the floor to the minority leader of the chamber.`, "We the people"},
			[2]string{`"We the people still have to pay for the salaries and the lights," the magazine's writer said of the cost of the session.`, "We the people still have to pay for the salaries and the lights,"}, false},
		{"a part of a longer statement", [2]string{`The minister vowed to "rebuild every bridge the flood destroyed" as he toured the valley with engineers on Monday.`, "rebuild every bridge the flood destroyed"},
			[2]string{`"We will rebuild every bridge the flood destroyed, but the roads and the railway will take years and far more money than we have," the minister said.`, "We will rebuild every bridge the flood destroyed, but the roads and the railway will take years and far more money than we have,"}, false},
		{"a whole sentence of a longer statement", [2]string{`Asked about the delays, Novak said on Monday: "Nobody will be left behind."`, "Nobody will be left behind."},
			[2]string{`Touring the shelters, Novak told families: "Nobody will be left behind. We will rebuild every bridge the flood destroyed."`, "Nobody will be left behind. We will rebuild every bridge the flood destroyed."}, true},
		{"a fragment that opens no sentence", [2]string{`Novak promised that the city "will rebuild every bridge" within a year.`, "will rebuild every bridge"},
			[2]string{`Touring the shelters, Novak told families: "Nobody will be left behind. We will rebuild every bridge."`, "Nobody will be left behind. We will rebuild every bridge."}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			members := []*storyfold.Article{article("a", tc.a[0], tc.a[1]), article("b", tc.b[0], tc.b[1])}
			r := newReader(nil)
			defer r.release() // the units prepare their claims through it
			var units []unit
			for ai, a := range members {
				units = append(units, r.units(ai, a)...)
			}
			group := storyfold.Quote{Text: tc.a[1], Articles: []string{"a", "b"},
				Variants: []storyfold.Variant{{Article: "a", Text: tc.a[1]}, {Article: "b", Text: tc.b[1]}}}
			edges := markQuotes(units, members, []storyfold.Quote{group})
			if got := len(edges) == 1; got != tc.wantEdge {
				t.Fatalf("edge %v, want %v", got, tc.wantEdge)
			}
			if !tc.wantEdge {
				return
			}
			e := edges[0]
			if _, same := sameClaimAs(&units[e.a], &units[e.b]); !same {
				t.Error("the sentences that give one statement do not state one claim")
			}
		})
	}
}

// TestQuoteSentenceContinued checks that a variant of unmarked speech
// that runs on past its cue, as quote.Group continues it, is placed at the
// sentence of the quote it continues rather than nowhere.
func TestQuoteSentenceContinued(t *testing.T) {
	text := "There is no betrayal there, said Hegseth ahead of a meeting. There is a recognition that the world is interested in peace. That will take time."
	a := &storyfold.Article{ID: "000", Text: text,
		Sentences: []storyfold.Span{{Start: 0, End: 60}, {Start: 61, End: 122}, {Start: 123, End: len(text)}},
		Quotes:    []storyfold.Quotation{{Text: "There is no betrayal there", Span: storyfold.Span{Start: 0, End: 26}, Kind: storyfold.QuoteUnmarked}}}
	for _, tc := range []struct {
		name, text string
		want       storyfold.Span
	}{
		{"as written", "There is no betrayal there", storyfold.Span{Start: 0, End: 60}},
		{"continued", "There is no betrayal there. There is a recognition that the world is interested in peace.", storyfold.Span{Start: 0, End: 60}},
		{"not in the article", "Something else entirely", storyfold.Span{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := quoteSentence(a, tc.text); got != tc.want {
				t.Errorf("quoteSentence(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}
