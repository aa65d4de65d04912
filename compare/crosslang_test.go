package compare

import (
	"testing"

	"github.com/storyfold/storyfold"
)

func TestFigureKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"1.000", "1000"},
		{"1,000", "1000"},
		{"12.345.678", "12345678"},
		{"2,5", "2.5"},
		{"2.5", "2.5"},
		{"90", "90"},
		{"2016", "2016"},
		{"7", ""}, // English writes it as a word
		{"90.", "90"},
		{"1,5", "1.5"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := figureKey(c.in); got != c.want {
				t.Errorf("figureKey(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestPartOfName(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"COVID-19", true},
		{"Covid-19-Patienten", true},
		{"G20", true},
		{"2nd", true},
		{"lasted 90 minutes", false},
		{"1990-2000", false},
		{"(19)", false},
	} {
		t.Run(c.text, func(t *testing.T) {
			start := -1
			for i := 0; i < len(c.text); i++ {
				if c.text[i] >= '0' && c.text[i] <= '9' {
					start = i
					break
				}
			}
			end := start
			for end < len(c.text) && c.text[end] >= '0' && c.text[end] <= '9' {
				end++
			}
			if got := partOfName(c.text, start, end); got != c.want {
				t.Errorf("partOfName(%q) = %v, want %v", c.text, got, c.want)
			}
		})
	}
}

func TestCrossSame(t *testing.T) {
	for _, c := range []struct {
		name string
		a, b anchors
		want bool
	}{
		{"a name and a figure", anchors{names: []string{"putin", "trump"}, figures: []string{"90"}}, anchors{names: []string{"trump"}, figures: []string{"90"}}, true},
		{"three names, no figure", anchors{names: []string{"merkel", "putin", "trump"}}, anchors{names: []string{"merkel", "putin", "trump"}}, false},
		{"a figure, no name", anchors{figures: []string{"90"}}, anchors{figures: []string{"90"}}, false},
		{"names and other figures", anchors{names: []string{"trump"}, figures: []string{"90"}}, anchors{names: []string{"trump"}, figures: []string{"120"}}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, got := crossSame(&c.a, &c.b); got != c.want {
				t.Errorf("crossSame = %v, want %v", got, c.want)
			}
		})
	}
}

func TestMultilingual(t *testing.T) {
	art := func(lang string) *storyfold.Article { return &storyfold.Article{Language: lang} }
	for _, c := range []struct {
		name    string
		members []*storyfold.Article
		want    bool
	}{
		{"one language", []*storyfold.Article{art("en"), art("en")}, false},
		{"unknown counts as none", []*storyfold.Article{art("en"), art(""), art("en")}, false},
		{"two", []*storyfold.Article{art("en"), art(""), art("de")}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := multilingual(c.members); got != c.want {
				t.Errorf("multilingual = %v, want %v", got, c.want)
			}
		})
	}
}
