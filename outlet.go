package storyfold

import (
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"
)

// Outlet returns the outlet that published the article: the display name
// the user's outlet list gives it (OutletInfo), else the input's or the
// page's name for it (Source), else the host of its URL without "www.".
// It is "" when none is known.
func (a *Article) Outlet() string {
	if a.OutletInfo != nil {
		if s := strings.TrimSpace(a.OutletInfo.Name); s != "" {
			return s
		}
	}
	if s := strings.TrimSpace(a.Source); s != "" {
		return s
	}
	if a.URL == "" {
		return ""
	}
	u, err := url.Parse(a.URL)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// OutletLabel names the article's outlet for a reader: its Outlet, or when
// that is unknown "unknown outlet" with the article's title (or ID), so
// that two unknown outlets are never shown as one, nor as a bare ID.
func (a *Article) OutletLabel() string {
	if o := a.Outlet(); o != "" {
		return o
	}
	what := strings.TrimSpace(a.Title)
	if what == "" {
		return "unknown outlet of article " + a.ID
	}
	const maxTitle = 40
	if utf8.RuneCountInString(what) > maxTitle {
		cut := string([]rune(what)[:maxTitle])
		if i := strings.LastIndexByte(cut, ' '); i > 0 {
			cut = cut[:i] // at a word's end
		}
		what = strings.TrimSpace(cut) + "…"
	}
	return "unknown outlet “" + what + "”"
}

// OutletKey identifies the article's outlet for counting: its Outlet in
// lower case, so "Fox News" and "FOX NEWS" are one outlet, or for an
// article of unknown outlet a key of its own (its ID), so that unknown
// outlets are never counted as one. Every count of outlets (reports,
// pages, API, coverage bars, independent sources) compares articles by
// this key, so the counts agree.
func (a *Article) OutletKey() string {
	if o := a.Outlet(); o != "" {
		return strings.ToLower(o)
	}
	return "\x00" + a.ID
}

// OutletGroup is one outlet of a set of articles: its name for a reader
// and the articles it published.
type OutletGroup struct {
	// Label is the first article's OutletLabel; when two unknown outlets
	// would read alike (two articles of one title), the later one is
	// named by its article's ID.
	Label    string
	Known    bool // the outlet is known (Outlet is not "")
	Articles []*Article
}

// OutletsOf groups articles by outlet (OutletKey), in the order of their
// first articles. Its length is the outlet count every output gives: each
// known outlet once whatever its case, each article of unknown outlet as
// an outlet of its own.
func OutletsOf(articles []*Article) []OutletGroup {
	var out []OutletGroup
	at := map[string]int{}
	labels := map[string]bool{}
	for _, a := range articles {
		if a == nil {
			continue
		}
		k := a.OutletKey()
		if i, ok := at[k]; ok {
			out[i].Articles = append(out[i].Articles, a)
			continue
		}
		g := OutletGroup{Label: a.OutletLabel(), Known: a.Outlet() != "", Articles: []*Article{a}}
		if labels[g.Label] && !g.Known {
			g.Label = "unknown outlet of article " + a.ID
		}
		labels[g.Label] = true
		at[k] = len(out)
		out = append(out, g)
	}
	return out
}

// CountOutlets counts the distinct outlets of articles, as OutletsOf
// groups them. A story's independent sources never exceed it: articles
// of one outlet are one source.
func CountOutlets(articles []*Article) int {
	seen := map[string]bool{}
	for _, a := range articles {
		if a != nil {
			seen[a.OutletKey()] = true
		}
	}
	return len(seen)
}

// KnownOutlets lists the distinct known outlets of articles (Outlet, in
// the spelling of the first article of each, compared without case), in
// the order of their first articles: what a story's Sources holds. An
// article of unknown outlet adds no name, so a story's Sources may be
// shorter than its outlet count.
func KnownOutlets(articles []*Article) []string {
	out := []string{}
	for _, g := range OutletsOf(articles) {
		if g.Known {
			out = append(out, g.Articles[0].Outlet())
		}
	}
	return out
}

// OutletInfo is what a user's outlet list says of one outlet: who owns it,
// where it is and what kind of outlet it is. storyfold never guesses these:
// they come from the file given to --outlets, so a desk decides what
// counts as "national" or which lean an outlet has.
type OutletInfo struct {
	// Domain is the outlet's web address without scheme or "www."
	// ("reuters.com"); pages on its subdomains are the outlet's too.
	Domain string `json:"domain"`
	// Name is the outlet's display name ("Reuters").
	Name     string `json:"name"`
	Owner    string `json:"owner"`
	Country  string `json:"country"`
	Language string `json:"language"`
	// Kind is one of OutletKinds.
	Kind string `json:"kind"`
	// Lean is the user's own label ("left", "centre", "right"), or "".
	Lean string `json:"lean"`
}

// OutletKinds are the kinds an outlet list may give.
var OutletKinds = []string{"wire", "national", "local", "aggregator", "public broadcaster"}

// Outlet fields CoverageBy counts by.
const (
	ByCountry  = "country"
	ByOwner    = "owner"
	ByKind     = "kind"
	ByLean     = "lean"
	ByLanguage = "language"
)

// Field returns one of the outlet's facts by its name (ByCountry ...), ""
// for an unknown name or a fact the list leaves empty.
func (o *OutletInfo) Field(name string) string {
	if o == nil {
		return ""
	}
	switch name {
	case ByCountry:
		return o.Country
	case ByOwner:
		return o.Owner
	case ByKind:
		return o.Kind
	case ByLean:
		return o.Lean
	case ByLanguage:
		return o.Language
	}
	return ""
}

// Share is how many of a story's outlets, and of its articles, have one
// value of an outlet fact.
type Share struct {
	// Value is the fact's value, "" for outlets the list does not
	// describe (or describes without this fact).
	Value    string `json:"value"`
	Outlets  int    `json:"outlets"`
	Articles int    `json:"articles"`
}

// CoverageBy counts articles' outlets by one of their facts (ByCountry,
// ByOwner, ByKind, ByLean, ByLanguage): for a story's articles, its
// coverage by country or owner, the bar a desk reads to see which side
// carried a story and which did not. Each outlet counts once per value
// however many articles it has; an article of unknown outlet counts as
// an outlet of its own. Shares come most outlets first, then by value,
// with the unknown ("") last.
func CoverageBy(articles []*Article, field string) []Share {
	type acc struct {
		outlets map[string]bool
		n       int
	}
	by := map[string]*acc{}
	for _, a := range articles {
		v := a.OutletInfo.Field(field)
		s := by[v]
		if s == nil {
			s = &acc{outlets: map[string]bool{}}
			by[v] = s
		}
		s.n++
		s.outlets[a.OutletKey()] = true
	}
	out := make([]Share, 0, len(by))
	for v, s := range by {
		out = append(out, Share{Value: v, Outlets: len(s.outlets), Articles: s.n})
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Value == "") != (out[j].Value == "") {
			return out[j].Value == ""
		}
		if out[i].Outlets != out[j].Outlets {
			return out[i].Outlets > out[j].Outlets
		}
		return out[i].Value < out[j].Value
	})
	return out
}
