package quantity

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/storyfold/storyfold"
)

// Shared is a figure that several articles of a story give, each in its own
// words: "nearly one-and-a-half hours", "almost 90 minutes" and "the
// 90-minute call" are one 5,400-second duration.
type Shared struct {
	Kind     storyfold.QuantityKind
	Unit     string
	Value    float64
	Mentions []Mention
}

// Mention is one article's wording of a shared figure.
type Mention struct {
	Article string
	Text    string
	Approx  bool
}

// tolerance is how far apart two values may be and still be one figure:
// outlets round, and a hedge ("nearly") moves a figure a little.
const tolerance = 0.05

// SharedFigures returns the figures that at least two of the articles give,
// the most widely given first.
func SharedFigures(articles []*storyfold.Article) []Shared {
	var out []Shared
	for _, a := range articles {
		for _, q := range a.Quantities {
			if q.Max != 0 {
				continue // ranges are compared as facts, not here
			}
			k := -1
			for i := range out {
				s := &out[i]
				if s.Kind == q.Kind && s.Unit == q.Unit && math.Abs(s.Value-q.Value) <= tolerance*math.Max(math.Abs(s.Value), math.Abs(q.Value)) {
					k = i
					break
				}
			}
			if k < 0 {
				out = append(out, Shared{Kind: q.Kind, Unit: q.Unit, Value: q.Value})
				k = len(out) - 1
			}
			out[k].Mentions = append(out[k].Mentions, Mention{Article: a.ID, Text: q.Text, Approx: q.Approx})
		}
	}
	shared := out[:0]
	for _, s := range out {
		if articlesOf(s) >= 2 {
			shared = append(shared, s)
		}
	}
	sort.SliceStable(shared, func(i, j int) bool { return articlesOf(shared[i]) > articlesOf(shared[j]) })
	return shared
}

func articlesOf(s Shared) int {
	seen := map[string]bool{}
	for _, m := range s.Mentions {
		seen[m.Article] = true
	}
	return len(seen)
}

// Format writes a normalised value for people: durations in the unit
// people would write them in ("90 minutes", "1.5 hours", "3 years"), money
// with its currency sign and scale word ("$1.2 trillion"), counts with
// their noun. A reader sees "USD 1200000000000" as a machine's number.
func Format(kind storyfold.QuantityKind, value float64, unit string) string {
	switch kind {
	case storyfold.QuantityDuration:
		return formatDuration(value)
	case storyfold.QuantityPercent:
		return trimFloat(value) + "%"
	case storyfold.QuantityMoney:
		return formatMoney(value, unit)
	}
	return strings.TrimSpace(formatCount(value) + " " + unit)
}

// Written formats a quantity as Format does, with "about" before a figure
// the article hedged and the upper end of a range: "about 90 minutes",
// "10 to 15 minutes".
func Written(q storyfold.Quantity) string {
	s := Format(q.Kind, q.Value, q.Unit)
	if q.Max > q.Value {
		hi := Format(q.Kind, q.Max, q.Unit)
		switch q.Kind {
		case storyfold.QuantityDuration:
			// Both ends in the upper end's unit: "10 to 15 minutes".
			secs, name := durationUnit(q.Max)
			s = trimFloat(q.Value/secs) + " to " + trimFloat(q.Max/secs) + " " + name
		case storyfold.QuantityMoney:
			s = formatMoney(q.Value, q.Unit) + " to " + hi
		case storyfold.QuantityPercent:
			s = trimFloat(q.Value) + " to " + hi
		default:
			s = formatCount(q.Value) + " to " + hi
		}
	}
	if q.Approx {
		s = "about " + s
	}
	return s
}

// durationUnits are the units a duration is written in, largest first,
// each with the smallest value written in it: 90 minutes stays minutes,
// 2 hours and more are hours.
var durationUnits = []struct {
	name  string
	secs  float64
	least float64
}{{"years", year, 1}, {"months", year / 12, 2}, {"weeks", 7 * day, 2}, {"days", day, 2}, {"hours", hour, 1}, {"minutes", minute, 1}}

func formatDuration(v float64) string {
	secs, name := durationUnit(v)
	if n := v / secs; n != 1 {
		return trimFloat(n) + " " + name
	}
	return "1 " + strings.TrimSuffix(name, "s")
}

// durationUnit returns the unit a duration is written in: the largest in
// which it is at least the unit's least value, and whole or with one
// decimal below twice that.
func durationUnit(v float64) (float64, string) {
	for _, u := range durationUnits {
		n := v / u.secs
		if n >= u.least && (n >= 2*u.least || math.Abs(n*10-math.Round(n*10)) < 1e-9) {
			return u.secs, u.name
		}
	}
	return 1, "seconds"
}

// currencySymbols write the common currencies as people do.
var currencySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}

// scales name large figures: "$1.2 trillion", "3.5 million".
var scales = []struct {
	name string
	v    float64
}{{"trillion", 1e12}, {"billion", 1e9}, {"million", 1e6}}

func formatMoney(v float64, unit string) string {
	if sym, ok := currencySymbols[unit]; ok {
		return sym + formatCount(v)
	}
	return formatCount(v) + " " + unit
}

// formatCount writes a number with its scale word when it is a million or
// more ("1.2 trillion"), with thousands separators below.
func formatCount(v float64) string {
	for _, s := range scales {
		if math.Abs(v) >= s.v {
			return trimFloat(v/s.v) + " " + s.name
		}
	}
	if v == math.Trunc(v) && math.Abs(v) >= 10000 {
		digits := fmt.Sprintf("%.0f", math.Abs(v))
		var b strings.Builder
		if v < 0 {
			b.WriteByte('-')
		}
		for i, c := range digits {
			if i > 0 && (len(digits)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(c)
		}
		return b.String()
	}
	return trimFloat(v)
}

func trimFloat(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%.0f", v)
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}
