package nlp

import (
	"strings"
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
	d, err := dps.Parse(dateConfig, s)
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
