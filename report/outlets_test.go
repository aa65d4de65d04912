package report

import (
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
)

func TestAbbreviate(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Fox News", "Fox News"},
		{"Reuters", "Reuters"},
		{"Today's Esquire", "TE"},
		{"The New York Times", "NYT"},
		{"nytimes.com", "nytimes"},
		{"thecaucus.blogs.nytimes.com", "nytimes"},
		{"www.huffingtonpost.com", "huffing…"},
		{"unknown outlet “US Denies Trump”", "?"},
		{"", "?"},
		{"Bloombergbusinessweek", "Bloombe…"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			if got := Abbreviate(tt.in); got != tt.want {
				t.Errorf("Abbreviate(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNewCoverage(t *testing.T) {
	c := NewCoverage([]*storyfold.Article{
		{ID: "1", Source: "Ledger"}, {ID: "2", Source: "Daily Planet"}, {ID: "3", Title: "A"},
		{ID: "4", Source: "Evening Star"}, {ID: "5", Source: "daily planet"},
	})
	if got := strings.Join(c.Names(), "|"); got != "Daily Planet|Evening Star|Ledger|unknown outlet “A”" {
		t.Errorf("order %s", got)
	}
	if c[0].Width != 40 || c[1].X != 40 || c[3].Class != "unknown" || c[0].Class != "hue0" || c[2].Class != "hue2" {
		t.Errorf("bar %+v", c)
	}
	if got := c.Summary(); got != "Daily Planet 2, Evening Star 1, Ledger 1, unknown outlet “A” 1" {
		t.Errorf("summary %q", got)
	}
	if len(NewCoverage(nil)) != 0 {
		t.Error("a bar without outlets")
	}
	// Two unknown outlets are two, even when their titles read alike.
	twins := NewCoverage([]*storyfold.Article{{ID: "a", Title: "Same"}, {ID: "b", Title: "Same"}})
	if got := strings.Join(twins.Names(), "|"); got != "unknown outlet of article b|unknown outlet “Same”" {
		t.Errorf("unknown twins %s", got)
	}
}

func TestSourceLink(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com/a?b=1":       "https://example.com/a?b=1",
		" http://example.com/ ":           "http://example.com/",
		"javascript:alert(1)":             "",
		"data:text/html,<script>":         "",
		"//example.com/a":                 "",
		"file:///etc/passwd":              "",
		"":                                "",
		"https:///no-host":                "",
		"HTTPS://Example.com/Case?x=%20y": "https://Example.com/Case?x=%20y",
	} {
		t.Run(in, func(t *testing.T) {
			if got := SourceLink(in); got != want {
				t.Errorf("SourceLink(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestAlsoReported(t *testing.T) {
	arts := map[string]*storyfold.Article{"b": {ID: "b", Source: "Evening Star"}, "c": {ID: "c", Title: "Bridge shut"},
		"d": {ID: "d", Source: "D"}, "e": {ID: "e", Source: "E"}, "f": {ID: "f", Source: "F"}, "g": {ID: "g", Source: "G"}}
	labels := map[string]int{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7}
	for _, tt := range []struct {
		name     string
		articles []string
		want     string
	}{
		{"none", []string{"a"}, ""},
		{"one", []string{"a", "b"}, "also reported by Evening Star [2]"},
		{"an unknown outlet by its title", []string{"a", "b", "c"}, "also reported by Evening Star [2] and unknown outlet “Bridge shut” [3]"},
		{"an article not read, by number", []string{"a", "x"}, "also reported by article"},
		{"past four, counted", []string{"a", "b", "c", "d", "e", "f", "g"}, "also reported by Evening Star [2], unknown outlet “Bridge shut” [3], D [4], E [5] and 2 more articles"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := alsoReported("a", tt.articles, labels, arts); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTimeAxis(t *testing.T) {
	day := func(m, d int) storyfold.Date {
		return storyfold.Date{Time: time.Date(2025, time.Month(m), d, 0, 0, 0, 0, time.UTC)}
	}
	refs := map[string]ArticleRef{"a": {Label: 1, Source: "Daily Planet"}, "b": {Label: 2, Source: "Evening Star"}}
	events := []storyfold.Event{
		{Date: day(2, 1), Granularity: "day", Text: "Talks began.", Articles: []string{"a", "b"}},
		{Date: day(2, 1), Granularity: "day", Text: "Envoys met.", Articles: []string{"a"}},
		{Date: day(2, 2), Granularity: "day", Text: "A call.", Articles: []string{"b"}},
		{Date: day(3, 1), Granularity: "month", Text: "Summit.", Articles: []string{"b"}},
		{Text: "Undated.", Articles: []string{"a"}},
	}
	a := timeAxis(events, refs)
	if len(a.Points) != 3 {
		t.Fatalf("%d points, want a dot per date: %+v", len(a.Points), a.Points)
	}
	p := a.Points
	if p[0].X != axisMargin || p[2].X != axisWidth-axisMargin || p[1].X-p[0].X < axisGap {
		t.Errorf("positions %d %d %d", p[0].X, p[1].X, p[2].X)
	}
	if p[0].Count != 2 || p[0].Title != "2025-02-01: Talks began. · Envoys met. (Daily Planet, Evening Star)" {
		t.Errorf("first point %+v", p[0])
	}
	if p[0].Label != "2025-02-01" || p[1].Label != "" || p[2].Label != "2025-03" {
		t.Errorf("labels %q %q %q: the second runs into the first", p[0].Label, p[1].Label, p[2].Label)
	}
	if got := timeAxis(events[4:], refs); len(got.Points) != 0 {
		t.Errorf("an axis of undated entries: %+v", got)
	}
	if one := timeAxis(events[:1], refs); one.Points[0].X != axisWidth/2 {
		t.Errorf("a single date at %d, want the middle", one.Points[0].X)
	}
}

func TestSpread(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   []float64
		want []float64
	}{
		{"apart already", []float64{0, 50, 100}, []float64{0, 50, 100}},
		{"pushed apart", []float64{0, 1, 2}, []float64{0, 10, 20}},
		{"pushed back from the right", []float64{0, 100, 100}, []float64{0, 90, 100}},
		{"too many: even", []float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			xs := append([]float64(nil), tt.in...)
			spread(xs, 0, 100, 10)
			if tt.want == nil {
				if xs[0] != 0 || xs[len(xs)-1] != 100 {
					t.Errorf("%v", xs)
				}
				return
			}
			for i := range xs {
				if xs[i] != tt.want[i] {
					t.Errorf("%v, want %v", xs, tt.want)
					break
				}
			}
		})
	}
}

// TestPlurals checks counts of one in the text and Markdown reports: "1
// more date", "1 outlet", never "1 more dates".
func TestPlurals(t *testing.T) {
	st := storyfold.NewStory("s")
	st.Articles = []string{"a"}
	for i := 0; i <= maxTimeline; i++ {
		st.Timeline = append(st.Timeline, storyfold.Event{Date: storyfold.Date{Time: time.Date(2025, 1, i+1, 0, 0, 0, 0, time.UTC)}, Granularity: "day", Text: "x", Articles: []string{"a"}})
	}
	an := &storyfold.Analysis{Articles: []storyfold.Article{{ID: "a", Source: "Ledger", Title: "T"}}, Stories: []*storyfold.Story{st}}
	for _, tt := range []struct {
		format Format
		want   []string
	}{
		{Text, []string{"1 article, 1 story", "1 article · 1 outlet", "… 1 more date in the JSON report"}},
		{Markdown, []string{"1 article, 1 story.", "1 article from 1 outlet", "- … 1 more date in the JSON report"}},
		{HTML, []string{"1 article, 1 story", "1 article from 1 outlet"}},
	} {
		t.Run(string(tt.format), func(t *testing.T) {
			var b strings.Builder
			if err := Write(&b, an, tt.format, Options{}); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("no %q", w)
				}
			}
			if strings.Contains(b.String(), "1 more dates") || strings.Contains(b.String(), "1 outlets") {
				t.Error("a plural after 1")
			}
		})
	}
}
