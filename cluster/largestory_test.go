package cluster

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// pseudoWord is a made-up word no other article uses, as rare as a name
// or a detail found in one article only.
func pseudoWord(rng *rand.Rand) string {
	const cons, vows = "bdfgklmnprstvz", "aeiou"
	var b strings.Builder
	for range 3 + rng.IntN(2) {
		b.WriteByte(cons[rng.IntN(len(cons))])
		b.WriteByte(vows[rng.IntN(len(vows))])
	}
	return b.String()
}

// rewrites returns n rewrites of one report, dated over three days from
// day: each keeps 80-95% of the report's sentences, shuffled, and adds
// one paragraph of its own of twelve words no other article has, as
// outlets rewriting a wire story add a detail of their own.
func rewrites(rng *rand.Rand, n, day int) []Item {
	report := []string{
		"The senate passed the infrastructure bill late on Tuesday after weeks of negotiation.",
		"Senator Collins said the bridges and tunnels of the northeast would be repaired first.",
		"The bill sets aside funds for railways, highways, broadband and water pipes.",
		"Opponents argued the spending would raise the deficit and fuel inflation.",
		"The vote was 69 to 30, with nineteen Republicans joining the Democrats.",
		"The House is expected to take up the infrastructure bill next month.",
		"Transportation Secretary Buttigieg praised the senate for its bipartisan work.",
		"Governors of several states welcomed the money for roads and bridges.",
		"The bill also funds charging stations for electric vehicles across the country.",
		"Negotiators spent the weekend drafting the final text of the infrastructure bill.",
	}
	e := NewExtractor()
	items := make([]Item, n)
	for i := range items {
		s := append([]string(nil), report...)
		rng.Shuffle(len(s), func(a, b int) { s[a], s[b] = s[b], s[a] })
		s = s[:len(s)*(80+rng.IntN(15))/100]
		own := make([]string, 12)
		for k := range own {
			own[k] = pseudoWord(rng)
		}
		s = append(s, "Locally, "+strings.Join(own, " ")+".")
		a := article(fmt.Sprintf("r%04d", i), "Senate passes infrastructure bill", strings.Join(s, " "), day+rng.IntN(3))
		items[i] = Item{ID: a.ID, Hash: a.ID, Features: e.Extract(&a)}
	}
	return items
}

// others returns n articles of unrelated events, one event of five
// articles every eleven days from day, so that no two events share a date
// window.
func others(rng *rand.Rand, n, day int) []Item {
	e := NewExtractor()
	items := make([]Item, n)
	var words []string
	for i := range items {
		if i%5 == 0 {
			words = words[:0]
			for range 12 {
				words = append(words, pseudoWord(rng))
			}
		}
		var sb strings.Builder
		for range 6 {
			rng.Shuffle(len(words), func(a, b int) { words[a], words[b] = words[b], words[a] })
			fmt.Fprintf(&sb, "Officials said the %s were reported. ", strings.Join(words[:6], " "))
		}
		a := article(fmt.Sprintf("o%04d", i), words[0]+" "+words[1], sb.String(), day+11*(i/5))
		items[i] = Item{ID: a.ID, Hash: a.ID, Features: e.Extract(&a)}
	}
	return items
}

// TestRewritesStayOneStory checks that many rewrites of one report, added
// batch by batch after an archive of other events, as a writer stores
// them, make one story. Each rewrite's own paragraph holds twelve words
// no other article has, its heaviest, enough to fill the query for
// candidate stories, while the report's words grow common, so light, as
// the story grows. When that query took the heaviest terms whether or
// not any story was posted under them, these 300 rewrites made 240, 295
// and 200 stories in the three cases below (and 1,000 rewrites of one
// BASIL article stored after 200 others, 81 stories).
func TestRewritesStayOneStory(t *testing.T) {
	for _, tc := range []struct {
		name             string
		archive, stories int
	}{
		{"alone", 0, 300},
		{"after 200 others", 200, 300},
		{"after 1000 others", 1000, 300},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(15, 2))
			items := append(others(rng, tc.archive, 1), rewrites(rng, tc.stories, 1)...)
			var ix *Index
			for len(items) > 0 {
				n := min(len(items), 100)
				batch := items[:n]
				items = items[n:]
				if ix == nil {
					ix = Batch(batch, DefaultOptions())
					continue
				}
				for i := range batch {
					ix.CountTerms(&batch[i].Features)
				}
				for _, it := range batch {
					ix.Add(it.ID, it.Hash, it.Features, true)
				}
			}
			var sizes []int
			for _, g := range ix.Groups() {
				n := 0
				for _, id := range g.Articles {
					if strings.HasPrefix(id, "r") {
						n++
					}
				}
				if n > 0 {
					sizes = append(sizes, n)
				}
			}
			if len(sizes) != 1 {
				t.Errorf("%d rewrites of one report made %d stories, of sizes %v; want 1", tc.stories, len(sizes), sizes)
			}
		})
	}
}
