package compare

import (
	"testing"

	"github.com/storyfold/storyfold"
)

// TestIndependentSources pins the one definition of independent sources:
// a copy family counts once, an outlet counts once, an article of unknown
// outlet is a source of its own, and the count never exceeds the outlets.
func TestIndependentSources(t *testing.T) {
	art := func(id, source, url string) *storyfold.Article {
		return &storyfold.Article{ID: id, Source: source, URL: url}
	}
	for _, tc := range []struct {
		name     string
		members  []*storyfold.Article
		families []int // each article's copy family
		want     int
	}{
		{"three outlets, no copies", []*storyfold.Article{art("a", "Alpha", ""), art("b", "Beta", ""), art("c", "Gamma", "")}, []int{0, 1, 2}, 3},
		{"one outlet's two reports", []*storyfold.Article{art("a", "Alpha", ""), art("b", "alpha", ""), art("c", "Gamma", "")}, []int{0, 1, 2}, 2},
		{"a copy family across outlets", []*storyfold.Article{art("a", "Alpha", ""), art("b", "Beta", ""), art("c", "Gamma", "")}, []int{0, 0, 1}, 2},
		{"an outlet by its URL", []*storyfold.Article{art("a", "", "https://www.alpha.example/1"), art("b", "", "https://alpha.example/2")}, []int{0, 1}, 1},
		{"unknown outlets", []*storyfold.Article{art("a", "", ""), art("b", "", "")}, []int{0, 1}, 2},
		{"a family and an outlet chained", []*storyfold.Article{art("a", "Alpha", ""), art("b", "Beta", ""), art("c", "Beta", ""), art("d", "Delta", "")}, []int{0, 0, 1, 2}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			for _, f := range tc.families {
				n = max(n, f+1)
			}
			source, count := independentSources(tc.members, tc.families, n)
			if count != tc.want {
				t.Errorf("count %d, want %d (sources %v)", count, tc.want, source)
			}
			outlets := map[string]bool{}
			for _, a := range tc.members {
				outlets[a.OutletLabel()] = true
			}
			if count > len(outlets) {
				t.Errorf("%d independent sources of %d outlets", count, len(outlets))
			}
		})
	}
}
