package cluster

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// twoQuakes is two events of one kind, undated, three articles each: two
// earthquakes told with the same words of the trade and different places,
// people and figures.
func twoQuakes() []Item {
	common := strings.Fields("earthquake magnitude buildings collapsed rescue teams rubble aftershocks seismologists survivors")
	events := []struct{ title, own string }{
		{"Earthquake strikes northern Chile", "Chile Antofagasta Calama Boric copper mines Pacific coast 7.1 2019"},
		{"Earthquake strikes western Turkey", "Turkey Izmir Bornova Erdogan Aegean ferry minarets 6.4 2020"},
	}
	rng := rand.New(rand.NewPCG(5, 5))
	e := NewExtractor()
	var items []Item
	for ev, x := range events {
		own := strings.Fields(x.own)
		for k := range 3 {
			var sb strings.Builder
			for range 6 {
				rng.Shuffle(len(common), func(i, j int) { common[i], common[j] = common[j], common[i] })
				rng.Shuffle(len(own), func(i, j int) { own[i], own[j] = own[j], own[i] })
				fmt.Fprintf(&sb, "Officials said the %s and %s were reported. ", strings.Join(common[:3], " "), strings.Join(own[:6], " "))
			}
			a := article(fmt.Sprintf("q%d-%d", ev, k), x.title, sb.String(), 0)
			items = append(items, Item{ID: a.ID, Hash: a.ID, Features: e.Extract(&a)})
		}
	}
	return items
}

// TestSplitEvents checks that a story holding two undated events of one
// kind is split into the two, and that without the split they stay merged
// (so the test shows what the split does).
func TestSplitEvents(t *testing.T) {
	groups := func(opts Options) [][]string {
		var out [][]string
		for _, g := range Batch(twoQuakes(), opts).Groups() {
			out = append(out, g.Articles)
		}
		return out
	}
	off := DefaultOptions()
	off.SplitBelow = 0
	for _, tc := range []struct {
		name string
		opts Options
		want [][]string
	}{
		{"without split", off, [][]string{{"q0-0", "q0-1", "q0-2", "q1-0", "q1-1", "q1-2"}}},
		{"default", DefaultOptions(), [][]string{{"q0-0", "q0-1", "q0-2"}, {"q1-0", "q1-1", "q1-2"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := groups(tc.opts); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("groups %v, want %v", got, tc.want)
			}
		})
	}
}

// TestLinkage checks average linkage on a story's articles: two tight
// pairs far apart stay two groups, in the order of their first article.
func TestLinkage(t *testing.T) {
	ix := New(DefaultOptions())
	a, b := ix.termID("a", ""), ix.termID("b", "")
	vs := []vecs{{words: []tw{{a, 1}}}, {words: []tw{{b, 1}}}, {words: []tw{{a, 1}}}, {words: []tw{{b, 1}}}}
	members := []int32{0, 1, 2, 3}
	for range members {
		ix.docs = append(ix.docs, doc{})
	}
	got := ix.linkage(members, vs, 0.5)
	if want := [][]int{{0, 2}, {1, 3}}; !reflect.DeepEqual(got, want) {
		t.Errorf("linkage %v, want %v", got, want)
	}
	if got := ix.linkage(members, vs, 0); len(got) != 1 {
		t.Errorf("threshold 0 left %d groups, want 1", len(got))
	}
}
