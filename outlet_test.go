package storyfold

import (
	"slices"
	"testing"
)

func TestOutlet(t *testing.T) {
	for _, tc := range []struct {
		name        string
		a           Article
		outlet, lbl string
	}{
		{"the input's name", Article{ID: "a1", Source: " The Herald ", URL: "https://www.example.com/x"}, "The Herald", "The Herald"},
		{"the URL's host", Article{ID: "a1", URL: "https://WWW.Example.com/news/1"}, "example.com", "example.com"},
		{"unknown, with a title", Article{ID: "a1", Title: "Talks begin in Riyadh as both sides send their foreign ministers"}, "", "unknown outlet “Talks begin in Riyadh as both sides…”"},
		{"unknown, no title", Article{ID: "a1"}, "", "unknown outlet of article a1"},
		{"a URL without a host", Article{ID: "a1", URL: "file.txt"}, "", "unknown outlet of article a1"},
		{"the user's outlet list", Article{ID: "a1", Source: "reuters", OutletInfo: &OutletInfo{Name: "Reuters"}}, "Reuters", "Reuters"},
		{"a list entry without a name", Article{ID: "a1", Source: "The Herald", OutletInfo: &OutletInfo{}}, "The Herald", "The Herald"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.Outlet(); got != tc.outlet {
				t.Errorf("Outlet() = %q, want %q", got, tc.outlet)
			}
			if got := tc.a.OutletLabel(); got != tc.lbl {
				t.Errorf("OutletLabel() = %q, want %q", got, tc.lbl)
			}
		})
	}
}

// TestOutletCount checks the one outlet count every output gives: known
// outlets once whatever their case, each article of unknown outlet as an
// outlet of its own (two of one title too), and the known outlets' names
// in the spelling of their first article.
func TestOutletCount(t *testing.T) {
	for _, tc := range []struct {
		name   string
		arts   []*Article
		count  int
		known  []string
		labels []string
	}{
		{"none", nil, 0, []string{}, nil},
		{"one outlet in two cases", []*Article{{ID: "1", Source: "Fox News"}, {ID: "2", Source: "FOX NEWS"}}, 1, []string{"Fox News"}, []string{"Fox News"}},
		{"a host and a name", []*Article{{ID: "1", URL: "https://www.ledger.example/a"}, {ID: "2", Source: "Ledger"}}, 2, []string{"ledger.example", "Ledger"}, []string{"ledger.example", "Ledger"}},
		{"unknown outlets are one each", []*Article{{ID: "1", Title: "Same"}, {ID: "2", Title: "Same"}, {ID: "3", Source: "Herald"}}, 3, []string{"Herald"},
			[]string{"unknown outlet “Same”", "unknown outlet of article 2", "Herald"}},
		{"the list's name", []*Article{{ID: "1", Source: "reuters", OutletInfo: &OutletInfo{Name: "Reuters"}}, {ID: "2", URL: "https://reuters.com/x", OutletInfo: &OutletInfo{Name: "Reuters"}}}, 1, []string{"Reuters"}, []string{"Reuters"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CountOutlets(tc.arts); got != tc.count {
				t.Errorf("CountOutlets = %d, want %d", got, tc.count)
			}
			if got := KnownOutlets(tc.arts); !slices.Equal(got, tc.known) {
				t.Errorf("KnownOutlets = %q, want %q", got, tc.known)
			}
			groups := OutletsOf(tc.arts)
			var labels []string
			for _, g := range groups {
				labels = append(labels, g.Label)
			}
			if !slices.Equal(labels, tc.labels) || len(groups) != tc.count {
				t.Errorf("OutletsOf labels %q, want %q", labels, tc.labels)
			}
		})
	}
}
