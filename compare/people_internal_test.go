package compare

import (
	"fmt"
	"slices"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestPeopleInReadsOnlyTheSpan checks that peopleIn gives a sentence the
// mentions of people that start within it, in text order, and no others:
// speakersOf and speakerRole read these for each sentence, where they read
// every mention of every person of the article before, so that 10 MB of
// short attributed quotes (three speakers, 160,000 mentions) cost 11 s of
// CPU in those two alone. Each sentence here names two of three people;
// the whole article is read once in all.
func TestPeopleInReadsOnlyTheSpan(t *testing.T) {
	const sentences = 3000
	a := &storyfold.Article{ID: "a"}
	people := []string{"Smith", "Jones", "Garcia"}
	for _, p := range people {
		a.Entities = append(a.Entities, storyfold.Entity{Name: p, Type: storyfold.EntityPerson})
	}
	a.Entities = append(a.Entities, storyfold.Entity{Name: "Ministry", Type: storyfold.EntityOrg})
	var text []byte
	for i := range sentences {
		start := len(text)
		first, second := i%3, (i+1)%3
		for _, k := range []int{first, second} {
			at := len(text)
			text = fmt.Appendf(text, "%s and ", people[k])
			a.Entities[k].Mentions = append(a.Entities[k].Mentions, storyfold.Span{Start: at, End: at + len(people[k])})
		}
		at := len(text)
		text = append(text, "Ministry said. "...)
		a.Entities[3].Mentions = append(a.Entities[3].Mentions, storyfold.Span{Start: at, End: at + len("Ministry")})
		a.Sentences = append(a.Sentences, storyfold.Span{Start: start, End: len(text)})
	}
	a.Text = string(text)
	cx := newConflictContext(nil, []*storyfold.Article{a})
	defer conflictStems.Put(cx.stems)
	read := 0
	for i, s := range a.Sentences {
		got := cx.peopleIn(0, s)
		read += len(got)
		var want []storyfold.Span
		for _, e := range a.Entities[:3] {
			for _, m := range e.Mentions {
				if m.Start >= s.Start && m.Start < s.End {
					want = append(want, m)
				}
			}
		}
		slices.SortFunc(want, func(x, y storyfold.Span) int { return x.Start - y.Start })
		spans := make([]storyfold.Span, len(got))
		for k, m := range got {
			spans[k] = m.span
			if e := a.Entities[m.entity]; !slices.Contains(e.Mentions, m.span) {
				t.Fatalf("sentence %d: mention %v given as %s's, which it is not", i, m.span, e.Name)
			}
		}
		if !slices.Equal(spans, want) {
			t.Fatalf("sentence %d: got mentions %v, want %v", i, spans, want)
		}
	}
	if read != 2*sentences {
		t.Errorf("%d sentences read %d mentions of people, want %d", sentences, read, 2*sentences)
	}
}
