package storyfold

import "testing"

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
