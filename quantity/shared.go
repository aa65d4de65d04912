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
	Kind, Unit string
	Value      float64
	Mentions   []Mention
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

// Format writes a normalised value for people: durations in the largest
// fitting unit, money with its currency, counts with their noun.
func Format(kind string, value float64, unit string) string {
	switch kind {
	case Duration:
		for _, u := range []struct {
			name string
			secs float64
		}{{"years", year}, {"days", day}, {"hours", hour}, {"minutes", minute}} {
			if value >= u.secs {
				return trimFloat(value/u.secs) + " " + u.name
			}
		}
		return trimFloat(value) + " seconds"
	case Percent:
		return trimFloat(value) + "%"
	case Money:
		return unit + " " + trimFloat(value)
	}
	return strings.TrimSpace(trimFloat(value) + " " + unit)
}

func trimFloat(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%.0f", v)
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}
