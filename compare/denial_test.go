package compare

import (
	"slices"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// denialArticle returns a one-sentence article naming the given people
// wherever their names (or last names) stand in the text.
func denialArticle(id, text string, people ...string) *storyfold.Article {
	a := &storyfold.Article{ID: id, Text: text, Sentences: []storyfold.Span{{Start: 0, End: len(text)}}}
	for _, p := range people {
		e := storyfold.Entity{Name: p, Type: "person"}
		last := p[strings.LastIndexByte(p, ' ')+1:]
		e.Mentions = mentionsOf(text, p, last)
		a.Entities = append(a.Entities, e)
	}
	return a
}

// TestDenials pins the denial frames read off a sentence: who denies, by
// the last person named before the cue and not as a possessive, and what,
// past articles and the containers of a claim.
func TestDenials(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		people     []string
		want       []string
	}{
		{"a denial verb", "However, Carter's chief of staff, Dana Novak, denied any wrongdoing by the ministry, saying the contracts were legal.",
			[]string{"Ann Carter", "Dana Novak"}, []string{"Dana Novak|wrongdo"}},
		{"a negated noun", "There is no cover-up here at all, Dana Novak told reporters outside the ministry on Monday.",
			[]string{"Dana Novak"}, nil}, // the speaker comes after the cue and is no quote's speaker here
		{"a degree word", "Dana Novak said the ministry was certainly not a place for secret contracts with builders.",
			[]string{"Dana Novak"}, []string{"Dana Novak|place"}},
		{"a claim's container", "Minister Dana Novak rejected claims that the tender had been rigged for a friend.",
			[]string{"Dana Novak"}, []string{"Dana Novak|tender"}},
		{"a thing denied, not a claim", "The law lets Dana Novak deny service to any company that has broken a contract before.",
			[]string{"Dana Novak"}, nil},
		{"a light verb", "Dana Novak said that she is not going to resign over the contracts with the builders.",
			[]string{"Dana Novak"}, nil},
		{"no longer", "Dana Novak said that the ministry no longer buys anything from the two builders.",
			[]string{"Dana Novak"}, nil},
		{"a one-word name", "Novak said the ministry had never signed a contract with the two builders at all.",
			[]string{"Novak"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := denialArticle("a", tc.text, tc.people...)
			r := newReader(a.Entities)
			defer r.release()
			units := r.units(0, a)
			var got []string
			for _, u := range units {
				got = append(got, u.denials...)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("denials %q, want %q", got, tc.want)
			}
		})
	}
}

// TestDenialAligns checks that three outlets' denials in their own words
// form one fact: they share the person and the thing denied, little else.
func TestDenialAligns(t *testing.T) {
	members := []*storyfold.Article{
		denialArticle("a", "Later on Thursday, the mayor's spokesman, Dana Novak, denied any wrongdoing in the handling of the bridge contracts.", "Dana Novak"),
		denialArticle("b", "Speaking to the city council in a tense evening session, Dana Novak rejected accusations of wrongdoing by her office.", "Dana Novak"),
		denialArticle("c", "Dana Novak insisted there had been no wrongdoing, and said the audit would clear the whole department within weeks.", "Dana Novak"),
	}
	st := &storyfold.Story{Entities: []storyfold.Entity{{Name: "Dana Novak", Type: "person", Articles: []string{"a", "b", "c"}}}}
	Reconcile(st, members)
	for _, f := range st.Facts {
		if len(f.Articles) == 3 {
			return
		}
	}
	t.Errorf("no fact covers the three denials: %+v", st.Facts)
}

// mentionsOf returns where the forms of a name stand in text, in order; a
// form inside a longer one found before it (the last name inside the full
// name) is not a mention of its own.
func mentionsOf(text string, forms ...string) []storyfold.Span {
	var out []storyfold.Span
	for _, form := range forms {
		for from := 0; ; {
			i := strings.Index(text[from:], form)
			if i < 0 {
				break
			}
			s := storyfold.Span{Start: from + i, End: from + i + len(form)}
			if !slices.ContainsFunc(out, func(m storyfold.Span) bool { return m.Start <= s.Start && s.End <= m.End }) {
				out = append(out, s)
			}
			from = s.End
		}
	}
	slices.SortFunc(out, func(x, y storyfold.Span) int { return x.Start - y.Start })
	return out
}
