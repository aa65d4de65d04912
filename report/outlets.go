package report

import (
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

// OutletShare is one outlet of a story and how many of its articles it
// published.
type OutletShare struct {
	Name  string // as OutletLabel gives it
	Short string // abbreviated, for narrow places
	// Articles counts the outlet's articles; X and Width place its
	// segment on a bar 100 units long.
	Articles int
	X, Width float64
	// Class colours the segment: one of a few hues by position, or
	// "unknown" for an article whose outlet is not known.
	Class string
	// At and Span are X and Width as the bar writes them, and Count
	// the articles in words ("3 articles"), worked out once so the
	// template calls no function a segment.
	At, Span, Count string
}

// Coverage is a story's outlets, the busiest first, as a bar.
type Coverage []OutletShare

// coverageFragments write a segment of the bar and an outlet of the list.
var coverageFragments = sync.OnceValue(func() [2]*fragment {
	return [2]*fragment{newFragment("rect", 5), newFragment("outletItem", 3)}
})

// BarHTML writes the bar's segments (see fragment).
func (c Coverage) BarHTML() template.HTML {
	f := coverageFragments()[0]
	b := newHTMLBuf()
	for _, s := range c {
		f.writeTo(b, s.Class, s.At, s.Span, s.Name, s.Count)
	}
	return b.done()
}

// ListHTML writes the outlets' list items (see fragment).
func (c Coverage) ListHTML() template.HTML {
	f := coverageFragments()[1]
	b := newHTMLBuf()
	for _, s := range c {
		f.writeTo(b, s.Class, s.Name, strconv.Itoa(s.Articles))
	}
	return b.done()
}

// Names lists the outlets' names in the coverage's order.
func (c Coverage) Names() []string {
	out := make([]string, len(c))
	for i, s := range c {
		out[i] = s.Name
	}
	return out
}

// Summary says the coverage in words, for the bar's text alternative:
// "Fox News 2, nytimes.com 1".
func (c Coverage) Summary() string {
	parts := make([]string, len(c))
	for i, s := range c {
		parts[i] = s.Name + " " + strconv.Itoa(s.Articles)
	}
	return strings.Join(parts, ", ")
}

// coverageHues is how many colours the bar's segments take in turn.
const coverageHues = 6

// NewCoverage builds the bar of a set of articles' outlets (as
// storyfold.OutletsOf groups them, so its length is the outlet count
// every output gives) and their article counts: the busiest first, ties
// by name, so the bar is the same on every run.
func NewCoverage(articles []*storyfold.Article) Coverage {
	groups := storyfold.OutletsOf(articles)
	sort.SliceStable(groups, func(i, j int) bool {
		if len(groups[i].Articles) != len(groups[j].Articles) {
			return len(groups[i].Articles) > len(groups[j].Articles)
		}
		return groups[i].Label < groups[j].Label
	})
	total := 0
	for _, g := range groups {
		total += len(g.Articles)
	}
	out := make(Coverage, 0, len(groups))
	x := 0.0
	hue := 0
	for _, g := range groups {
		s := OutletShare{Name: g.Label, Short: Abbreviate(g.Label), Articles: len(g.Articles), X: x}
		s.Width = 100 * float64(s.Articles) / float64(max(1, total))
		if !g.Known {
			s.Short = "?"
			s.Class = "unknown"
		} else {
			s.Class = "hue" + strconv.Itoa(hue%coverageHues)
			hue++
		}
		x += s.Width
		s.At, s.Span, s.Count = fmt.Sprintf("%.2f", s.X), fmt.Sprintf("%.2f", s.Width), plural(s.Articles, "article", "articles")
		out = append(out, s)
	}
	return out
}

// storyCoverage is the coverage of a story's articles that arts holds.
func storyCoverage(st *storyfold.Story, arts map[string]*storyfold.Article) Coverage {
	members := make([]*storyfold.Article, 0, len(st.Articles))
	for _, id := range st.Articles {
		if a := arts[id]; a != nil {
			members = append(members, a)
		}
	}
	return NewCoverage(members)
}

// Outlets is the outlet count every output gives for a story: its
// articles' distinct outlets (storyfold.CountOutlets). An article arts
// does not hold counts as an outlet of its own, as an article of unknown
// outlet does.
func Outlets(st *storyfold.Story, arts map[string]*storyfold.Article) int {
	members := make([]*storyfold.Article, 0, len(st.Articles))
	for _, id := range st.Articles {
		a := arts[id]
		if a == nil {
			a = &storyfold.Article{ID: id}
		}
		members = append(members, a)
	}
	return storyfold.CountOutlets(members)
}

// Languages is a story's languages as every report gives them: those the
// story keeps, else (a story stored before it kept them) counted from
// the articles arts holds.
func Languages(st *storyfold.Story, arts map[string]*storyfold.Article) []storyfold.LanguageCount {
	if len(st.Languages) > 0 {
		return st.Languages
	}
	members := make([]*storyfold.Article, 0, len(st.Articles))
	for _, id := range st.Articles {
		if a := arts[id]; a != nil {
			members = append(members, a)
		}
	}
	return storyfold.CountLanguages(members)
}

// languagesPart is a story's languages for a line of a report, after
// label (made plural with an "s" for several): " · en", ", languages de
// 3, en 2", or "" when none is known.
func languagesPart(st *storyfold.Story, arts map[string]*storyfold.Article, label string) string {
	langs := Languages(st, arts)
	if len(langs) == 0 {
		return ""
	}
	if len(langs) > 1 && strings.HasSuffix(label, "language ") {
		label = strings.TrimSuffix(label, " ") + "s "
	}
	return label + storyfold.LanguagesLine(langs)
}

// stopWords are left out of an outlet's initials.
var stopWords = map[string]bool{"the": true, "of": true, "and": true, "a": true, "an": true, "for": true, "on": true, "at": true}

// shortLength is the longest name a column's head shows whole.
const shortLength = 8

// Abbreviate shortens an outlet's name for a column's head: a name of up
// to eight characters whole ("Fox News", "Reuters"), a web address by its
// site ("nytimes.com" is "nytimes"), a longer name by the initials of its
// words ("Today's Esquire" is "TE", "The New York Times" "NYT"), and an
// unknown outlet as "?". The full name goes beside it, in a tooltip.
func Abbreviate(name string) string {
	name = strings.TrimSpace(name)
	switch {
	case name == "" || strings.HasPrefix(name, "unknown outlet"):
		return "?"
	case utf8.RuneCountInString(name) <= shortLength:
		return name
	case !strings.ContainsAny(name, " \t") && strings.Contains(name, "."):
		site := strings.TrimPrefix(strings.ToLower(name), "www.")
		if i := strings.LastIndexByte(site, '.'); i > 0 {
			site = site[:i] // the top-level domain
		}
		if i := strings.LastIndexByte(site, '.'); i >= 0 {
			site = site[i+1:] // the site, without its subdomains
		}
		return cut(site, shortLength)
	}
	var initials []rune
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '/' }) {
		r, _ := utf8.DecodeRuneInString(w)
		if stopWords[strings.ToLower(w)] || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue
		}
		initials = append(initials, unicode.ToUpper(r))
	}
	if len(initials) >= 2 && len(initials) <= 5 {
		return string(initials)
	}
	return cut(name, shortLength)
}
