package quantity

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

func TestFind(t *testing.T) {
	const h, m, y = 3600.0, 60.0, 365.25 * 86400
	tests := []struct {
		text string
		want []storyfold.Quantity // Kind, Value, Max, Unit, Approx, Text
	}{
		// The call length as the example outlets write it.
		{"the call lasted nearly one-and-a-half hours, officials said",
			[]storyfold.Quantity{{Kind: storyfold.QuantityDuration, Value: 1.5 * h, Unit: "s", Approx: true, Text: "nearly one-and-a-half hours"}}},
		{"It lasted almost 90 minutes, with both sides", []storyfold.Quantity{{Kind: storyfold.QuantityDuration, Value: 90 * m, Unit: "s", Approx: true, Text: "almost 90 minutes"}}},
		{"after nearly 1.5 hours of talks", []storyfold.Quantity{{Kind: storyfold.QuantityDuration, Value: 1.5 * h, Unit: "s", Approx: true, Text: "nearly 1.5 hours"}}},
		{"During the 90-minute call, Trump", []storyfold.Quantity{{Kind: storyfold.QuantityDuration, Value: 90 * m, Unit: "s", Text: "90-minute"}}},
		{"a two and a half hour meeting", []storyfold.Quantity{{Kind: storyfold.QuantityDuration, Value: 2.5 * h, Unit: "s", Text: "two and a half hour"}}},
		{"for half an hour", []storyfold.Quantity{{Kind: storyfold.QuantityDuration, Value: 0.5 * h, Unit: "s", Text: "half an hour"}}},
		{"lasted almost an hour and a half, aides said", []storyfold.Quantity{{Kind: storyfold.QuantityDuration, Value: 1.5 * h, Unit: "s", Approx: true, Text: "almost an hour and a half"}}},
		{"three days and a half of talks", []storyfold.Quantity{{Kind: storyfold.QuantityDuration, Value: 3.5 * 24 * h, Unit: "s", Text: "three days and a half"}}},
		{"an hour-long call", []storyfold.Quantity{{Kind: storyfold.QuantityDuration, Value: h, Unit: "s", Text: "an hour-long"}}},
		{"the nearly three-year war", []storyfold.Quantity{{Kind: storyfold.QuantityDuration, Value: 3 * y, Unit: "s", Approx: true, Text: "nearly three-year"}}},
		{"After three years of fighting", []storyfold.Quantity{{Kind: storyfold.QuantityDuration, Value: 3 * y, Unit: "s", Text: "three years"}}},
		{"talks of 10 to 15 minutes", []storyfold.Quantity{{Kind: storyfold.QuantityDuration, Value: 10 * m, Max: 15 * m, Unit: "s", Text: "10 to 15 minutes"}}},
		{"twenty-five days later", []storyfold.Quantity{{Kind: storyfold.QuantityDuration, Value: 25 * 86400, Unit: "s", Text: "twenty-five days"}}},
		// Counts.
		{"the post drew up to 12 million views", []storyfold.Quantity{{Kind: storyfold.QuantityCount, Value: 12e6, Unit: "views", Approx: true, Text: "up to 12 million views"}}},
		{"Millions have been displaced", []storyfold.Quantity{{Kind: storyfold.QuantityCount, Value: 1e6, Approx: true, Text: "Millions"}}},
		{"more than 1,200 soldiers", []storyfold.Quantity{{Kind: storyfold.QuantityCount, Value: 1200, Unit: "soldiers", Approx: true, Text: "more than 1,200 soldiers"}}},
		{"a dozen drones", []storyfold.Quantity{{Kind: storyfold.QuantityCount, Value: 12, Unit: "drones", Text: "a dozen drones"}}},
		{"between 200 and 300 people", []storyfold.Quantity{{Kind: storyfold.QuantityCount, Value: 200, Max: 300, Unit: "people", Text: "200 and 300 people"}}},
		// Money and percentages.
		{"a $3bn aid package", []storyfold.Quantity{{Kind: storyfold.QuantityMoney, Value: 3e9, Unit: "USD", Text: "$3bn"}}},
		{"aid worth €50 million", []storyfold.Quantity{{Kind: storyfold.QuantityMoney, Value: 50e6, Unit: "EUR", Text: "€50 million"}}},
		{"about 300 billion dollars", []storyfold.Quantity{{Kind: storyfold.QuantityMoney, Value: 300e9, Unit: "USD", Approx: true, Text: "about 300 billion dollars"}}},
		{"costs rose 4.5% in March", []storyfold.Quantity{{Kind: storyfold.QuantityPercent, Value: 4.5, Unit: "%", Text: "4.5%"}}},
		{"roughly 30 per cent of voters", []storyfold.Quantity{{Kind: storyfold.QuantityPercent, Value: 30, Unit: "%", Approx: true, Text: "roughly 30 per cent"}}},
		// Not quantities: dates, times, years, pronoun "one", ordinals.
		{"On February 12, 2025, at 3:30 p.m.", nil},
		{"Luis is one of the editors", nil},
		{"in 2014 the war began", nil},
		{"the 5th round and the 1990s", nil},
		{"No one desires peace", nil},
		{"", nil},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := f.Find(nil, tt.text, 0)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d quantities %+v, want %d", len(got), got, len(tt.want))
			}
			for i, g := range got {
				w := tt.want[i]
				if g.Kind != w.Kind || math.Abs(g.Value-w.Value) > 1e-6*math.Max(1, w.Value) || math.Abs(g.Max-w.Max) > 1e-6*math.Max(1, w.Max) ||
					g.Unit != w.Unit || g.Approx != w.Approx || g.Text != w.Text {
					t.Errorf("\n got %+v\nwant %+v", g, w)
				}
				if tt.text[g.Span.Start:g.Span.End] != g.Text {
					t.Errorf("span %v is %q, not the text %q", g.Span, tt.text[g.Span.Start:g.Span.End], g.Text)
				}
			}
		})
	}
}

func TestFindBase(t *testing.T) {
	text := "It lasted 90 minutes."
	got := NewFinder().Find(nil, text, 100)
	if len(got) != 1 || got[0].Span != (storyfold.Span{Start: 110, End: 120}) {
		t.Fatalf("got %+v", got)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"nearly one-and-a-half hours", "$3bn", "between 10 and 15 million", "1,2,3", "half a", "a", "twenty-", "US$", "10-", "—5%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, q := range NewFinder().Find(nil, text, 0) {
			if q.Span.Start < 0 || q.Span.End > len(text) || q.Span.Start >= q.Span.End {
				t.Fatalf("bad span %+v", q)
			}
			if text[q.Span.Start:q.Span.End] != q.Text {
				t.Fatalf("text %q is not the span's %q", q.Text, text[q.Span.Start:q.Span.End])
			}
			if math.IsNaN(q.Value) || math.IsInf(q.Value, 0) && !strings.ContainsAny(q.Text, "0123456789") {
				t.Fatalf("value %v from %q", q.Value, q.Text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(q.Text) {
				t.Fatalf("invalid text %q", q.Text)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	text := strings.Repeat("The call lasted nearly one-and-a-half hours, officials said on February 12, and the post drew 12 million views. ", 40)
	f := NewFinder()
	var dst []storyfold.Quantity
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		dst = f.Find(dst[:0], text, 0)
	}
}
