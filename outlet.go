package storyfold

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// Outlet returns the outlet that published the article: the input's or the
// page's name for it (Source), else the host of its URL without "www.".
// It is "" when neither is known.
func (a *Article) Outlet() string {
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
