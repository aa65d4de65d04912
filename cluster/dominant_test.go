package cluster

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestDominantStory checks that a batch made mostly of one story keeps it
// together: 120 rewrites of one report, each with most of its sentences
// in another order and one sentence of its own. Counting word rarity
// within such a batch weighs the story's shared words at almost nothing,
// so without a floor on the weights each rewrite's own sentence decided
// where it went, and the story fell apart.
func TestDominantStory(t *testing.T) {
	base := []string{
		"The harbour authority approved the new container terminal on Tuesday after a long debate.",
		"Commissioner Lena Ortiz said the terminal would double the port's capacity by 2030.",
		"Dockworkers from the eastern quays protested outside the authority's offices in the morning.",
		"The terminal will cost about 1.2 billion euros, shared by the city and private investors.",
		"Environmental groups warned that dredging the channel would harm the estuary's fisheries.",
		"Ortiz promised an independent study of the dredging before any work begins next spring.",
		"The vote passed seven to two, with both opposing members citing the cost to taxpayers.",
		"Shipping companies welcomed the decision and said larger vessels could now call at the port.",
	}
	rng := rand.New(rand.NewPCG(3, 3))
	vocab := strings.Fields("orchard violin glacier pepper lantern meadow saddle copper whistle harvest marble candle ferry thunder pebble blossom ribbon quarry falcon velvet")
	var items []Item
	e := NewExtractor()
	for i := range 120 {
		s := append([]string(nil), base...)
		rng.Shuffle(len(s), func(a, b int) { s[a], s[b] = s[b], s[a] })
		s = s[:5+rng.IntN(3)]
		// A sentence of its own: words no other rewrite has.
		var own []string
		for range 10 {
			w := []byte(vocab[rng.IntN(len(vocab))])
			for range 3 {
				w = append(w, byte('a'+rng.IntN(26)))
			}
			own = append(own, string(w))
		}
		s = append(s, "Meanwhile the "+strings.Join(own, " ")+".")
		a := article(fmt.Sprintf("r%03d", i), "Harbour authority approves container terminal", strings.Join(s, " "), 10+i%3)
		items = append(items, Item{ID: a.ID, Hash: a.ID, Features: e.Extract(&a)})
	}
	ix := Batch(items, DefaultOptions())
	largest := 0
	for _, g := range ix.Groups() {
		largest = max(largest, len(g.Articles))
	}
	if largest < 108 {
		t.Errorf("the largest story holds %d of 120 rewrites of one report, want at least 108 (%d stories)", largest, len(ix.Groups()))
	}
}
