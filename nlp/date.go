package nlp

import (
	"strings"
	"sync"
	"time"

	dps "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-dateparser/date"

	"github.com/storyfold/storyfold"
)

// dateLayouts are the machine formats dates arrive in from feeds, JSON and
// HTML metadata; trying them first keeps the general parser for prose.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC850,
	time.ANSIC,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2006/01/02",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"Monday, January 2, 2006",
	"Mon, January 2, 2006",
	"January 2, 2006 3:04 PM",
	"January 2, 2006 15:04",
}

// dateConfig restricts the prose parser to English and to dates that name
// their day, month and year: a publication date with a guessed year is worse
// than none.
var dateConfig = &dps.Configuration{
	Languages:             []string{"en"},
	RequiredParts:         []string{"day", "month", "year"},
	IgnoreSurroundingText: true,
	ReturnTimeAsPeriod:    true,
}

// ParseDate reads a date written by a machine (RFC 3339, RFC 1123, ISO) or by
// a person ("Feb 12, 2025 3:45 PM ET"). Dates without a time of day come back
// at midnight UTC, so they print as dates.
func ParseDate(s string) (storyfold.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 80 {
		return storyfold.Date{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return storyfold.Date{Time: t}, true
		}
	}
	if !hasDigit(s) {
		return storyfold.Date{}, false
	}
	return parseProse(dateConfig, s)
}

// parseProse reads s with go-dateparser under cfg; a date that names its
// day comes back at midnight UTC, so it prints as a date.
func parseProse(cfg *dps.Configuration, s string) (storyfold.Date, bool) {
	d, err := dps.Parse(cfg, s)
	if err != nil || d.Time.IsZero() {
		return storyfold.Date{}, false
	}
	t := d.Time
	if d.Period >= date.Day {
		t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return storyfold.Date{Time: t}, true
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// langDateConfigs holds the prose configuration of each language asked for
// by ParseDateIn: one language at a time, day before month where figures
// leave it open, and the same three parts required as for English.
var (
	langDateMu      sync.Mutex
	langDateConfigs = map[string]*dps.Configuration{}
)

// ParseDateIn reads a date written by a person in the given language
// (ISO 639-1: "6 juin 2020", "el 5 de marzo de 2021", "29.01.2020"). English
// and an empty language are read as ParseDate reads them.
func ParseDateIn(s, lang string) (storyfold.Date, bool) {
	if lang == "" || lang == "en" {
		return ParseDate(s)
	}
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 80 {
		return storyfold.Date{}, false
	}
	langDateMu.Lock()
	cfg, ok := langDateConfigs[lang]
	if !ok {
		cfg = &dps.Configuration{
			Languages:             []string{lang},
			RequiredParts:         []string{"day", "month", "year"},
			DateOrder:             dps.DMY,
			IgnoreSurroundingText: true,
			ReturnTimeAsPeriod:    true,
		}
		langDateConfigs[lang] = cfg
	}
	langDateMu.Unlock()
	return parseProse(cfg, s)
}
