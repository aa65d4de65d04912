package report

import (
	"fmt"
	"html/template"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
)

// testHrefs write links a test can read: article#start.
var testHrefs = Hrefs{
	Story:    func(id string) string { return "story:" + id },
	Article:  func(id string) string { return "article:" + id },
	Sentence: func(a string, start int) string { return fmt.Sprintf("%s#%d", a, start) },
}

func at(article, text string, start int) storyfold.Variant {
	return storyfold.Variant{Article: article, Text: text, Sentence: &storyfold.Span{Start: start, End: start + len(text)}}
}

// heatRow builds a fact's row over the columns of articles, each
// named by refs.
func heatRow(f storyfold.Fact, articles []string, refs map[string]ArticleRef, contradicts map[string][]string) HeatRow {
	cols := make([]ArticleRef, len(articles))
	for i, id := range articles {
		cols[i] = refs[id]
	}
	return newColumns(cols).heatRow(f, contradicts, testHrefs)
}

func TestHeatRowRestatements(t *testing.T) {
	refs := map[string]ArticleRef{"a": {Label: 1, ID: "a", Source: "a"}, "b": {Label: 2, ID: "b", Source: "b"}, "c": {Label: 3, ID: "c", Source: "c"}}
	articles := []string{"a", "b", "c"}
	type cell struct {
		kind, href string
		again      int
		againHref  string
	}
	tests := []struct {
		name        string
		fact        storyfold.Fact
		contradicts map[string][]string
		cells       []cell
		again       int
		title       string // in a's cell
	}{
		{"the first wording stands, the restatement is counted",
			storyfold.Fact{Text: "Lanes closed.", Articles: []string{"a", "b"},
				Variants: []storyfold.Variant{at("a", "Lanes closed.", 0), at("a", "The lanes were shut.", 40), at("b", "Lanes closed.", 7)}},
			nil,
			[]cell{{"reports", "a#0", 1, "a#40"}, {"reports", "b#7", 0, ""}, {"omits", "", 0, ""}}, 1, "says it again (1 restatement)"},
		{"restatements after other articles' wordings",
			storyfold.Fact{Text: "Lanes closed.", Articles: []string{"a", "b"},
				Variants: []storyfold.Variant{at("b", "Lanes closed.", 3), at("a", "Closed lanes.", 0), at("b", "Again closed.", 50), at("b", "Still closed.", 90)}},
			nil,
			[]cell{{"reports", "a#0", 0, ""}, {"reports", "b#3", 2, "b#50"}, {"omits", "", 0, ""}}, 2, "[1] reports this in its own words"},
		{"a restatement in conflict marks the article's cell",
			storyfold.Fact{Text: "Lanes closed.", Articles: []string{"a"},
				Variants: []storyfold.Variant{at("a", "Lanes closed.", 0), at("a", "Lanes closed on Tuesday.", 20)}},
			map[string][]string{"a": {"Lanes closed on Tuesday."}},
			[]cell{{"contradicts", "a#0", 1, "a#20"}, {"omits", "", 0, ""}, {"omits", "", 0, ""}}, 1, "[1] reports this"},
		{"a wording without its sentence links to the article",
			storyfold.Fact{Text: "Lanes closed.", Articles: []string{"c"}, Variants: []storyfold.Variant{{Article: "c", Text: "Lanes closed."}}},
			nil,
			[]cell{{"omits", "", 0, ""}, {"omits", "", 0, ""}, {"reports", "article:c", 0, ""}}, 0, "does not report"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			row := heatRow(tt.fact, articles, refs, tt.contradicts)
			if len(row.Cells) != len(tt.cells) {
				t.Fatalf("%d cells, want %d", len(row.Cells), len(tt.cells))
			}
			for i, want := range tt.cells {
				c := row.Cells[i]
				if got := (cell{c.Kind, c.Href, c.Again, c.AgainHref}); got != want {
					t.Errorf("cell %d = %+v, want %+v", i+1, got, want)
				}
			}
			if row.Again != tt.again {
				t.Errorf("%d restatements, want %d", row.Again, tt.again)
			}
			if len(row.Wordings) != len(tt.fact.Variants) {
				t.Errorf("%d wordings of %d variants", len(row.Wordings), len(tt.fact.Variants))
			}
			if !strings.Contains(row.Cells[0].Title, tt.title) {
				t.Errorf("first cell's title %q lacks %q", row.Cells[0].Title, tt.title)
			}
		})
	}
}

func TestEventView(t *testing.T) {
	refs := map[string]ArticleRef{"a": {Label: 1, ID: "a", Href: "article:a"}, "b": {Label: 2, ID: "b", Href: "article:b"}}
	day := storyfold.Date{Time: time.Date(2025, 2, 12, 0, 0, 0, 0, time.UTC)}
	sref := func(a string, start int) storyfold.SentenceRef {
		return storyfold.SentenceRef{Article: a, Sentence: storyfold.Span{Start: start, End: start + 10}}
	}
	tests := []struct {
		name  string
		event storyfold.Event
		date  string
		cites string
	}{
		{"one sentence an article", storyfold.Event{Date: day, Granularity: "day", Articles: []string{"a", "b"},
			Cites: []storyfold.SentenceRef{sref("b", 4), sref("a", 9)}}, "2025-02-12", "[1]a#9 [2]b#4"},
		{"several sentences of one article, in text order", storyfold.Event{Date: day, Granularity: "day", Articles: []string{"a", "b"},
			Cites: []storyfold.SentenceRef{sref("a", 90), sref("b", 4), sref("a", 9)}}, "2025-02-12", "[1a]a#9 [1b]a#90 [2]b#4"},
		{"a sentence of an article outside the story is left out", storyfold.Event{Date: day, Granularity: "day", Articles: []string{"a"},
			Cites: []storyfold.SentenceRef{sref("a", 9), sref("zz", 4)}}, "2025-02-12", "[1]a#9"},
		{"no sentences kept: the articles are cited", storyfold.Event{Date: day, Granularity: "month", Articles: []string{"b", "a"}},
			"2025-02", "[2]article:b [1]article:a"},
		{"a year", storyfold.Event{Date: day, Granularity: "year", Articles: []string{"a"}}, "2025", "[1]article:a"},
		{"no date", storyfold.Event{Granularity: "month", Articles: []string{"a"}}, "", "[1]article:a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := eventView(tt.event, refs, testHrefs)
			var cites []string
			for _, c := range e.Cites {
				cites = append(cites, fmt.Sprintf("[%d%s]%s", c.Label, c.Sub, c.Href))
			}
			if e.Date != tt.date || strings.Join(cites, " ") != tt.cites {
				t.Errorf("got %q %q, want %q %q", e.Date, strings.Join(cites, " "), tt.date, tt.cites)
			}
		})
	}
}

func TestLetters(t *testing.T) {
	for n, want := range map[int]string{0: "a", 1: "b", 25: "z", 26: "aa", 27: "ab", 51: "az", 52: "ba", 701: "zz", 702: "aaa"} {
		t.Run(want, func(t *testing.T) {
			if got := letters(n); got != want {
				t.Errorf("letters(%d) = %q, want %q", n, got, want)
			}
		})
	}
}

// TestArticleViewRestatements checks that every sentence of an article
// that states a fact is marked, the restatement saying what it is.
func TestArticleViewRestatements(t *testing.T) {
	text := "Lanes closed. Traffic jammed. Lanes were shut."
	a := &storyfold.Article{ID: "a", Text: text, Sentences: []storyfold.Span{{Start: 0, End: 13}, {Start: 14, End: 29}, {Start: 30, End: len(text)}},
		Paragraphs: []storyfold.Paragraph{{Start: 0, End: len(text)}}}
	st := &storyfold.Story{ID: "s", Articles: []string{"a", "b"}, Facts: []storyfold.Fact{{Text: "Lanes closed.", Articles: []string{"a", "b"},
		Variants: []storyfold.Variant{at("a", "Lanes closed.", 0), at("a", "Lanes were shut.", 30), at("b", "Lanes closed.", 0)}}}}
	// A fact worded in a clause: its link names the clause's start, which
	// the page gives inside its sentence.
	st.Facts = append(st.Facts, storyfold.Fact{Text: "jammed", Articles: []string{"a"}, Variants: []storyfold.Variant{at("a", "jammed", 22)}})
	v := NewArticleView(a, st, map[string]*storyfold.Article{"b": {ID: "b", Source: "Evening Star"}}, testHrefs)
	if got := v.Paragraphs[0][1].Anchors; len(got) != 1 || got[0] != SentenceID("a", 22) {
		t.Errorf("the clause's anchors = %q, want the sentence to hold %s", got, SentenceID("a", 22))
	}
	got := v.Paragraphs[0]
	for i, want := range []struct{ name, class, note string }{
		{"a shared sentence said again", "shared", "also reported by Evening Star [2]; this article says it again in 1 other sentence"},
		{"an exclusive sentence", "exclusive", "only this article reports this"},
		{"the restatement", "shared", "a restatement of another sentence of this article; also reported by Evening Star [2]"},
	} {
		t.Run(want.name, func(t *testing.T) {
			if got[i].Class != want.class || got[i].Note != want.note {
				t.Errorf("sentence %d: %q %q, want %q %q", i+1, got[i].Class, got[i].Note, want.class, want.note)
			}
		})
	}
}

// TestDistinctWordings checks that a wording given word for word by several
// articles is listed once with every citation, in first-seen order, and
// that a restatement stays apart from a first wording of the same words.
func TestDistinctWordings(t *testing.T) {
	ref := func(n int) ArticleRef { return ArticleRef{Label: n} }
	row := HeatRow{Wordings: []WordingView{
		{Article: ref(1), Text: "A said B."},
		{Article: ref(2), Text: "B, said A."},
		{Article: ref(3), Text: "A said B."},
		{Article: ref(3), Text: "A said B.", Again: true},
	}}
	got := row.Distinct()
	want := []struct {
		text   string
		again  bool
		labels []int
	}{{"A said B.", false, []int{1, 3}}, {"B, said A.", false, []int{2}}, {"A said B.", true, []int{3}}}
	if len(got) != len(want) {
		t.Fatalf("%d groups, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		t.Run(w.text, func(t *testing.T) {
			g := got[i]
			var labels []int
			for _, c := range g.Cites {
				labels = append(labels, c.Article.Label)
			}
			if g.Text != w.text || g.Again != w.again || fmt.Sprint(labels) != fmt.Sprint(w.labels) {
				t.Errorf("group %d = %q again=%v %v, want %q again=%v %v", i, g.Text, g.Again, labels, w.text, w.again, w.labels)
			}
		})
	}
}

// TestHeatCells holds a heatmap row's cells, written through fragments,
// to the template that wrote them one by one before (the reference
// below): cells written from the fragments' kept markup, and those with
// a title, kind or address the fragments' templates escape or refuse,
// give the same bytes.
func TestHeatCells(t *testing.T) {
	const reference = `{{range .Cells}}<td class="cell {{.Kind}}" title="{{.Title}}">{{if .Href}}<a href="{{.Href}}">{{.Mark}}</a>{{else}}{{.Mark}}{{end}}{{if .Again}}<a class="again" href="{{.AgainHref}}" aria-label="says it again in {{.Again}} more sentence{{if ne .Again 1}}s{{end}}">+{{.Again}}</a>{{end}}</td>{{end}}`
	ref := template.Must(template.New("cells").Parse(reference))
	omits := HeatCell{Kind: "omits", Mark: markOmits, Title: "[2] does not report this"}
	reports := HeatCell{Kind: "reports", Mark: markReports, Title: "[1] reports this", Href: "/articles/a1#article-a1-at0"}
	odd := func(c HeatCell, f func(*HeatCell)) HeatCell { f(&c); return c }
	rows := map[string][]HeatCell{
		"none":         nil,
		"omits only":   {omits, omits, omits},
		"reports only": {reports, reports},
		"mixed": {omits, reports, odd(reports, func(c *HeatCell) { c.Title = "[3] reports this in its own words" }), omits,
			odd(reports, func(c *HeatCell) { c.Kind, c.Mark = "contradicts", markContradicts }), omits},
		"restated": {omits, odd(reports, func(c *HeatCell) {
			c.Again, c.AgainHref, c.Title = 2, "/articles/a1#article-a1-at40", "[1] reports this · says it again (2 restatements)"
		}), reports, odd(reports, func(c *HeatCell) { c.Again, c.AgainHref = 1, "/articles/a1#article-a1-at9" })},
		"escaped": {odd(omits, func(c *HeatCell) { c.Title = `[4] "<b>" & +1 = x` }), reports,
			odd(reports, func(c *HeatCell) { c.Kind = `reports" onclick="x` }),
			odd(reports, func(c *HeatCell) { c.Href = `javascript:alert(1)` }),
			odd(reports, func(c *HeatCell) { c.Href = `/articles/a b"<>#article-a b"<>-at7` })},
	}
	for name, cells := range rows {
		t.Run(name, func(t *testing.T) {
			var want strings.Builder
			var got htmlBuf
			if err := ref.Execute(&want, HeatRow{Cells: cells}); err != nil {
				t.Fatal(err)
			}
			HeatRow{Cells: cells}.writeCells(&got)
			if got.String() != want.String() {
				t.Errorf("written\n%s\nwant\n%s", got.String(), want.String())
			}
		})
	}
}

// TestHeatmapMarksCrossLanguage writes "across languages" after the text
// of a fact aligned across languages, and after no other.
func TestHeatmapMarksCrossLanguage(t *testing.T) {
	refs := map[string]ArticleRef{"a": {Label: 1, ID: "a", Source: "a"}, "b": {Label: 2, ID: "b", Source: "b"}}
	articles := []string{"a", "b"}
	for _, cross := range []bool{true, false} {
		fact := storyfold.Fact{Text: "Moore, 100, walked 100 laps.", Articles: articles, CrossLanguage: cross,
			Variants: []storyfold.Variant{at("a", "Moore, 100, walked 100 laps.", 0), at("b", "Moore, 100, ist 100 Runden gelaufen.", 0)}}
		v := StoryView{Heatmap: []HeatRow{heatRow(fact, articles, refs, nil)}}
		got := string(v.HeatmapHTML())
		if n := strings.Count(got, ">across languages</span>"); n != map[bool]int{true: 1, false: 0}[cross] {
			t.Errorf("cross %v: the mark is written %d times in\n%s", cross, n, got)
		}
	}
}

// TestWordingsScanned holds the wordings of a row grouped by comparing
// them pairwise (up to maxScannedWordings) to the same grouped by a map
// (Distinct), for rows of repeated texts, restatements and hostile text.
func TestWordingsScanned(t *testing.T) {
	texts := []string{"Lanes closed.", `"<b>" & +1`, "Lanes closed.", "", "\xff", "Lanes closed on Tuesday."}
	for _, n := range []int{0, 1, 2, 7, 30, maxScannedWordings} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var row HeatRow
			for i := range n {
				row.Wordings = append(row.Wordings, WordingView{Article: ArticleRef{Label: i % 5}, Text: texts[(i*i)%len(texts)],
					Href: fmt.Sprintf("/articles/a%d#at%d", i%5, i), Again: i%3 == 2})
			}
			var scanned, grouped htmlBuf
			row.writeWordings(&scanned)
			writeGroups(&grouped, row.Distinct())
			if scanned.String() != grouped.String() {
				t.Errorf("scanned\n%s\ngrouped\n%s", scanned.String(), grouped.String())
			}
		})
	}
}
