package report_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/htmlcheck"
	"github.com/storyfold/storyfold/report"
)

// update rewrites the golden files of package report's tests.
var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// article builds an article of one paragraph from its sentences, with
// their spans, as the cleaner would.
func article(id, source string, sentences ...string) storyfold.Article {
	a := storyfold.Article{ID: id, Source: source, Title: "Bridge " + id, Language: "en",
		Date: storyfold.Date{Time: time.Date(2014, 1, 23, 0, 0, 0, 0, time.UTC)}}
	for i, s := range sentences {
		if i > 0 {
			a.Text += " "
		}
		a.Sentences = append(a.Sentences, storyfold.Span{Start: len(a.Text), End: len(a.Text) + len(s)})
		a.Text += s
	}
	a.Paragraphs = []storyfold.Paragraph{{Start: 0, End: len(a.Text)}}
	return a
}

// ref points at an article's i-th sentence.
func ref(a *storyfold.Article, i int) storyfold.SentenceRef {
	return storyfold.SentenceRef{Article: a.ID, Sentence: a.Sentences[i]}
}

// variant is an article's i-th sentence as a fact's wording.
func variant(a *storyfold.Article, i int) storyfold.Variant {
	s := a.Sentences[i]
	return storyfold.Variant{Article: a.ID, Text: a.Slice(s), Sentence: &s}
}

// restated is a story written by hand, as the reconciler builds them: a
// fact one article states twice, a timeline whose entries cite several
// sentences of an article, and untrusted markup in a restatement and in a
// timeline entry.
func restated() *storyfold.Analysis {
	an := &storyfold.Analysis{Articles: []storyfold.Article{
		article("a", "Daily Planet",
			"The bridge lanes were closed on Monday, officials said.",
			"Traffic backed up for hours.",
			"Officials repeated that the lanes were shut on Monday."),
		article("b", "Evening Star",
			"Officials said the bridge lanes closed on Monday.",
			"Subpoenas are due Feb. 5."),
		article("c", "Ledger",
			"The mayor said the closure was political <script>alert(1)</script>.",
			"Lanes were closed on Monday, the mayor <img src=x onerror=alert(2)> said again."),
	}}
	a, b, c := &an.Articles[0], &an.Articles[1], &an.Articles[2]
	st := storyfold.NewStory("s-bridge")
	st.Headline = "Bridge lanes closed"
	st.Articles = []string{"a", "b", "c"}
	st.Sources = []string{"Daily Planet", "Evening Star", "Ledger"}
	st.IndependentSources = 3
	st.First, st.Last = a.Date, a.Date
	st.Summary = []storyfold.SummarySentence{{Text: a.Slice(a.Sentences[0]), Articles: []string{"a", "b"}, Part: "consensus",
		Cites: []storyfold.SentenceRef{ref(a, 0), ref(b, 0)}}}
	st.Facts = []storyfold.Fact{
		{Text: a.Slice(a.Sentences[0]), Articles: []string{"a", "b", "c"}, Sources: 3,
			Variants: []storyfold.Variant{variant(a, 0), variant(a, 2), variant(b, 0), variant(c, 1)}},
		{Text: b.Slice(b.Sentences[1]), Articles: []string{"b"}, Sources: 1, Variants: []storyfold.Variant{variant(b, 1)}},
	}
	st.Timeline = []storyfold.Event{
		{Date: storyfold.Date{Time: time.Date(2014, 1, 20, 0, 0, 0, 0, time.UTC)}, Granularity: "day", Text: a.Slice(a.Sentences[0]),
			Articles: []string{"b", "a", "c"}, Cites: []storyfold.SentenceRef{ref(b, 0), ref(a, 2), ref(a, 0), ref(c, 1)}},
		{Date: storyfold.Date{Time: time.Date(2014, 1, 20, 0, 0, 0, 0, time.UTC)}, Granularity: "day", Text: c.Slice(c.Sentences[0]),
			Articles: []string{"c"}, Cites: []storyfold.SentenceRef{ref(c, 0)}},
		{Date: storyfold.Date{Time: time.Date(2014, 2, 1, 0, 0, 0, 0, time.UTC)}, Granularity: "month", Text: b.Slice(b.Sentences[1]),
			Articles: []string{"b"}, Cites: []storyfold.SentenceRef{ref(b, 1)}},
	}
	an.Stories = []*storyfold.Story{st}
	return an
}

// TestAccountGolden compares the text and Markdown reports of the
// hand-made stories (claims restated in other words; who said what) with
// their golden files; go test ./report -update rewrites them.
func TestAccountGolden(t *testing.T) {
	for _, tt := range []struct {
		format report.Format
		file   string
		story  func() *storyfold.Analysis
	}{
		{report.Text, "restated.txt", restated},
		{report.Markdown, "restated.md", restated},
		{report.Text, "speakers.txt", speakers},
		{report.Markdown, "speakers.md", speakers},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := report.Write(&b, tt.story(), tt.format, report.Options{}); err != nil {
				t.Fatal(err)
			}
			if path, ok := golden(t, tt.file, b.Bytes()); !ok {
				t.Errorf("the %s report differs from %s:\n%s", tt.format, path, b.String())
			}
		})
	}
}

// golden writes got to testdata/file with -update, and reports the
// file's path and whether it holds got.
func golden(t *testing.T, file string, got []byte) (string, bool) {
	t.Helper()
	path := filepath.Join("testdata", file)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to write it)", err)
	}
	return path, bytes.Equal(got, want)
}

// TestRestatementsAndTimelineInReports checks each human report for what a
// reader must find: the restatement counted beside the first wording, and
// the timeline with its citations.
func TestRestatementsAndTimelineInReports(t *testing.T) {
	for _, tt := range []struct {
		name   string
		format report.Format
		want   []string
	}{
		{"text counts the restatement", report.Text, []string{"x+1 x   x   The bridge lanes", "x+N: the article says it again"}},
		{"text timeline cites every article once", report.Text, []string{"2014-01-20  The bridge lanes were closed on Monday, officials said. [1, 2, 3]", "2014-02     Subpoenas are due Feb. 5. [2]"}},
		{"markdown counts the restatement", report.Markdown, []string{"| ✓+1 | ✓ | ✓ |"}},
		{"markdown timeline", report.Markdown, []string{"**Timeline**", "- **2014-01-20** The bridge lanes were closed on Monday, officials said. \\[1, 2, 3\\]"}},
		{"html links the restatement", report.HTML, []string{`class="again" href="#article-a-at` + strconv.Itoa(len("The bridge lanes were closed on Monday, officials said. Traffic backed up for hours. ")) + `"`, "4 wordings, 1 restatement"}},
		{"html timeline cites each sentence", report.HTML, []string{`<ol class="timeline"`, `<time datetime="2014-01-20">`, `<time datetime="2014-02">`, `>[1a]</a>`, `>[1b]</a>`, `>[2]</a>`, `class="same-date"`}},
		{"article page notes the restatement", report.HTML, []string{"a restatement of another sentence of this article; also reported by Evening Star [2] and Ledger [3]",
			"this article says it again in 1 other sentence"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := report.Write(&b, restated(), tt.format, report.Options{}); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("the %s report lacks %q", tt.format, w)
				}
			}
		})
	}
}

// TestRestatedReportIsSafe shows that the untrusted text of restatements
// and timeline entries stays text in every report, and that every link
// of the single-file report leads to an anchor in it.
func TestRestatedReportIsSafe(t *testing.T) {
	for _, f := range []report.Format{report.HTML, report.Markdown, report.Text} {
		t.Run(string(f), func(t *testing.T) {
			var b bytes.Buffer
			if err := report.Write(&b, restated(), f, report.Options{}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if f == report.Text {
				if strings.ContainsRune(out, '\x1b') {
					t.Error("the text report writes an escape sequence")
				}
				return
			}
			for _, p := range htmlcheck.Active(strings.NewReader(out)) {
				t.Error(p)
			}
			if strings.Contains(out, "<script") || strings.Contains(out, "<img") {
				t.Error("article markup reached the report unescaped")
			}
			if f != report.HTML {
				return
			}
			ids := map[string]bool{}
			for _, m := range regexp.MustCompile(`id="([^"]+)"`).FindAllStringSubmatch(out, -1) {
				ids[m[1]] = true
			}
			links := regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(out, -1)
			if len(links) == 0 {
				t.Fatal("no links")
			}
			for _, m := range links {
				if !ids[m[1]] {
					t.Errorf("link #%s leads nowhere", m[1])
				}
			}
		})
	}
}

// TestMostReportedFactsCountRestatements checks the list that replaces the
// facts-by-article table in stories of many articles.
func TestMostReportedFactsCountRestatements(t *testing.T) {
	an := restated()
	st := an.Stories[0]
	for i := 0; len(st.Articles) <= 20; i++ {
		st.Articles = append(st.Articles, "more-"+strconv.Itoa(i))
	}
	for _, tt := range []struct {
		format report.Format
		want   string
	}{
		{report.Text, "· 3 articles, 3 independent, 1 restatement"},
		{report.Markdown, "(3 articles, 3 independent, 1 restatement)"},
	} {
		t.Run(string(tt.format), func(t *testing.T) {
			var b bytes.Buffer
			if err := report.Write(&b, an, tt.format, report.Options{}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), tt.want) {
				t.Errorf("the %s report lacks %q", tt.format, tt.want)
			}
		})
	}
}

// TestOmittedInEveryReport checks that an account cut to its size bound
// says so, with its counts, in every report, and that a whole one says
// nothing of it.
func TestOmittedInEveryReport(t *testing.T) {
	cut := restated()
	cut.Stories[0].Omitted = &storyfold.Omitted{Quotes: 1234, Facts: 56, Variants: 1}
	for _, tt := range []struct {
		name   string
		an     *storyfold.Analysis
		format report.Format
		want   string
	}{
		{"text", cut, report.Text, "This account is cut to its bounds: it leaves out 1,234 more quote groups, 56 more facts and 1 more wording of the groups kept."},
		{"markdown", cut, report.Markdown, "> This account is cut to its bounds: it leaves out 1,234 more quote groups, 56 more facts and 1 more wording of the groups kept."},
		{"html", cut, report.HTML, `<p class="notice">This account is cut to its bounds: it leaves out 1,234 more quote groups, 56 more facts and 1 more wording of the groups kept.`},
		{"json", cut, report.JSON, `"omitted":{"facts":56,"quotes":1234,"variants":1}`},
		{"whole text", restated(), report.Text, ""},
		{"whole html", restated(), report.HTML, ""},
		{"whole json", restated(), report.JSON, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := report.Write(&b, tt.an, tt.format, report.Options{}); err != nil {
				t.Fatal(err)
			}
			got := strings.ReplaceAll(b.String(), " ", "")
			switch {
			case tt.want == "":
				if strings.Contains(b.String(), "cut to its bounds") || strings.Contains(b.String(), `"omitted"`) {
					t.Errorf("a whole account speaks of a bound:\n%s", b.String())
				}
			case tt.format == report.JSON:
				if !strings.Contains(strings.Join(strings.Fields(got), ""), tt.want) {
					t.Errorf("the JSON lacks %s", tt.want)
				}
			case !strings.Contains(b.String(), tt.want):
				t.Errorf("the %s report lacks %q", tt.format, tt.want)
			}
		})
	}
}

// TestStaleInEveryReport checks that a story whose account waits to be
// rebuilt says so in every report, and that a current one says nothing
// of it.
func TestStaleInEveryReport(t *testing.T) {
	stale := restated()
	stale.Stories[0].Stale = true
	const notice = "New articles joined this story since this account was built: it is being rebuilt, and may not include them yet."
	for _, tt := range []struct {
		name   string
		an     *storyfold.Analysis
		format report.Format
		want   string
	}{
		{"text", stale, report.Text, "  " + notice},
		{"markdown", stale, report.Markdown, "> " + notice},
		{"html", stale, report.HTML, `<p class="notice">` + notice + `</p>`},
		{"json", stale, report.JSON, `"stale":true`},
		{"current text", restated(), report.Text, ""},
		{"current markdown", restated(), report.Markdown, ""},
		{"current html", restated(), report.HTML, ""},
		{"current json", restated(), report.JSON, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := report.Write(&b, tt.an, tt.format, report.Options{}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if tt.format == report.JSON {
				out = strings.Join(strings.Fields(out), "")
			}
			switch {
			case tt.want == "":
				if strings.Contains(out, "being rebuilt") || strings.Contains(out, `"stale"`) {
					t.Errorf("a current account says it is stale:\n%s", out)
				}
			case !strings.Contains(out, tt.want):
				t.Errorf("the %s report lacks %q", tt.format, tt.want)
			}
		})
	}
}

func TestOmittedWords(t *testing.T) {
	for _, tt := range []struct {
		o    *storyfold.Omitted
		want string
	}{
		{nil, ""},
		{&storyfold.Omitted{}, ""},
		{&storyfold.Omitted{Exclusive: 1}, "1 more exclusive"},
		{&storyfold.Omitted{Quotes: 1234567, Timeline: 2}, "1,234,567 more quote groups and 2 more dates"},
		{&storyfold.Omitted{Facts: 999, Conflicts: 1000, Entities: 3}, "999 more facts, 1,000 more conflicts and 3 more names"},
	} {
		t.Run(tt.want, func(t *testing.T) {
			if got := report.Omitted(tt.o); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestThousands(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {1049970, "1,049,970"}, {-12500, "-12,500"}} {
		t.Run(tt.want, func(t *testing.T) {
			if got := report.Thousands(tt.n); got != tt.want {
				t.Errorf("report.Thousands(%d) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
}
