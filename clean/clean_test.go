package clean

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func reasons(a storyfold.Article) map[string][]string {
	m := map[string][]string{}
	for _, r := range a.Removed {
		m[string(r.Reason)] = append(m[string(r.Reason)], r.Text)
	}
	return m
}

func TestRules(t *testing.T) {
	body := "The minister said the talks would resume on Monday after a week of delays in the capital."
	body2 := "Officials from both sides declined to comment on the details of the proposal late on Sunday."
	tests := []struct {
		name     string
		in       storyfold.Article
		title    string
		removed  map[string]int // reason -> count
		keep     []string       // must stay in the text
		source   string
		byline   string
		dateline string
		date     string
		headings []string
	}{
		{name: "repeated headline", in: storyfold.Article{Text: "Talks Resume in Geneva\nTalks Resume in Geneva\n" + body},
			title: "Talks Resume in Geneva", removed: map[string]int{"headline": 1, "headline-repeat": 1}, keep: []string{body}},
		{name: "audio prompt and promo", in: storyfold.Article{Text: "Talks Resume in Geneva\n\nListen to this article\n" + body + "\nSign up for our daily newsletter\nDiscover more from The Daily Planet\n"},
			title: "Talks Resume in Geneva", removed: map[string]int{"headline": 1, "audio-prompt": 1, "call-to-action": 2}, source: "The Daily Planet"},
		{name: "breadcrumbs", in: storyfold.Article{Text: "- Region:\n- Europe\nHome > World > Europe\nTalks Resume in Geneva\n" + body},
			title: "Talks Resume in Geneva", removed: map[string]int{"breadcrumb": 3, "headline": 1}},
		{name: "byline and published line", in: storyfold.Article{Text: "Talks Resume in Geneva\nBy Jane Doe and John Roe\nPublished February 12, 2025\n" + body},
			title: "Talks Resume in Geneva", removed: map[string]int{"headline": 1, "byline": 1, "published-line": 1}, byline: "Jane Doe and John Roe", date: "2025-02-12"},
		{name: "dateline", in: storyfold.Article{Text: "Talks Resume in Geneva\nGENEVA, Switzerland (Reuters) – " + body},
			title: "Talks Resume in Geneva", dateline: "GENEVA, Switzerland", keep: []string{body}},
		{name: "author bio", in: storyfold.Article{Text: "Talks Resume in Geneva\n" + body + "\n" + body2 + "\nJane Doe is a senior correspondent covering diplomacy. She lives in Geneva."},
			removed: map[string]int{"headline": 1, "author-bio": 1}, keep: []string{body, body2}},
		{name: "subheads", in: storyfold.Article{Text: "Talks Resume in Geneva\n" + body + "\nWhat Comes Next\n" + body2},
			headings: []string{"What Comes Next"}},
		{name: "share bar and related", in: storyfold.Article{Text: "Talks Resume in Geneva\n" + body + "\nFacebook Twitter Email\nRelated: Ten things to know\nAdvertisement\n" + body2},
			removed: map[string]int{"headline": 1, "share-links": 2, "credit": 1}},
		{name: "known title", in: storyfold.Article{Title: "Talks Resume in Geneva", Text: "Talks Resume in Geneva\n\n" + body},
			removed: map[string]int{"headline": 1}},
		{name: "no headline: title from the first sentence", in: storyfold.Article{Text: body + "\n" + body2},
			title: body, removed: map[string]int{}, keep: []string{body}},
		{name: "hard-wrapped prose", in: storyfold.Article{Text: "Talks Resume\n\nThe minister said the talks would resume on Monday after\na week of delays in the capital.\n"},
			keep: []string{"on Monday after a week of delays"}},
		{name: "story text that mentions subscribers stays",
			in:   storyfold.Article{Text: "Talks Resume in Geneva\nThe company said it would refund every subscriber who had paid for the premium plan before the outage began last week, according to a statement released on its website on Monday."},
			keep: []string{"refund every subscriber"}},
		{name: "updated figures are not a publication line", in: storyfold.Article{Text: "Talks Resume in Geneva\nUpdated figures show 5 percent more.\n" + body},
			keep: []string{"Updated figures show 5 percent more."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Article(tt.in, Options{})
			if tt.title != "" && got.Title != tt.title {
				t.Errorf("title = %q, want %q", got.Title, tt.title)
			}
			rs := reasons(got)
			for reason, n := range tt.removed {
				if len(rs[reason]) != n {
					t.Errorf("removed %d %s lines, want %d (removed: %v)", len(rs[reason]), reason, n, rs)
				}
			}
			for _, k := range tt.keep {
				if !strings.Contains(got.Text, k) {
					t.Errorf("text lost %q:\n%s", k, got.Text)
				}
			}
			if tt.source != "" && got.Source != tt.source {
				t.Errorf("source = %q, want %q", got.Source, tt.source)
			}
			if tt.byline != "" && got.Byline != tt.byline {
				t.Errorf("byline = %q, want %q", got.Byline, tt.byline)
			}
			if tt.dateline != "" && got.Dateline != tt.dateline {
				t.Errorf("dateline = %q, want %q", got.Dateline, tt.dateline)
			}
			if tt.date != "" && got.Date.String() != tt.date {
				t.Errorf("date = %q, want %q", got.Date.String(), tt.date)
			}
			var heads []string
			for _, p := range got.Paragraphs {
				if p.Heading {
					heads = append(heads, got.ParagraphText(p))
				}
			}
			if strings.Join(heads, "|") != strings.Join(tt.headings, "|") {
				t.Errorf("headings = %q, want %q", heads, tt.headings)
			}
			checkIdempotent(t, got)
		})
	}
}

func TestRecurringLines(t *testing.T) {
	body := "The minister said the talks would resume on Monday after a week of delays in the capital."
	in := storyfold.Article{Text: "Talks Resume in Geneva\n" + body + "\nThe Daily Planet: news you can trust"}
	recurring := func(line string) bool {
		return RecurringKey(line) == RecurringKey("The Daily Planet: news you can trust")
	}
	got := Article(in, Options{Recurring: recurring})
	if rs := reasons(got); len(rs["recurring-line"]) != 1 {
		t.Errorf("recurring line not removed: %v", rs)
	}
	// When the recurring lines are most of the article, it is a copy and
	// they stay.
	all := func(string) bool { return true }
	got = Article(in, Options{Recurring: all})
	if !strings.Contains(got.Text, body) {
		t.Errorf("a copy lost its text to recurring-line removal")
	}
}

// checkIdempotent cleans a cleaned article again and expects no change.
func checkIdempotent(t *testing.T, a storyfold.Article) {
	t.Helper()
	again := Article(storyfold.Article{Title: a.Title, Source: a.Source, Text: a.Text}, Options{})
	if again.Text != a.Text {
		t.Errorf("cleaning is not idempotent:\nfirst:  %q\nsecond: %q", a.Text, again.Text)
	}
	if len(again.Removed) != 0 {
		t.Errorf("second cleaning removed %v", again.Removed)
	}
}

// golden is what the golden files record of a cleaned article.
type golden struct {
	Title    string              `json:"title"`
	Source   string              `json:"source"`
	Dateline string              `json:"dateline"`
	Byline   string              `json:"byline"`
	Agencies []string            `json:"agencies,omitempty"`
	Headings []string            `json:"headings"`
	Removed  []storyfold.Removal `json:"removed"`
	Text     string              `json:"text"`
}

// TestGolden cleans the example articles and the wire-credit excerpts
// written for the tests (testdata/wire), and compares with
// <dir>/<name>.golden.json; run with -update to rewrite them after a
// deliberate change, and read the diff.
func TestGolden(t *testing.T) {
	examples, _ := filepath.Glob("../examples/ukraine-talks/*.txt")
	wire, _ := filepath.Glob("testdata/wire/*.txt")
	if len(wire) == 0 {
		t.Fatal("testdata/wire has no articles")
	}
	goldenDir := map[string]string{}
	for _, f := range examples {
		goldenDir[f] = "testdata"
	}
	for _, f := range wire {
		goldenDir[f] = "testdata/wire"
	}
	for _, f := range append(examples, wire...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a := Article(storyfold.Article{Text: string(b)}, Options{})
		g := golden{Title: a.Title, Source: a.Source, Dateline: a.Dateline, Byline: a.Byline, Agencies: a.Agencies, Removed: a.Removed, Text: a.Text, Headings: []string{}}
		for _, p := range a.Paragraphs {
			if p.Heading {
				g.Headings = append(g.Headings, a.ParagraphText(p))
			}
		}
		got, _ := json.MarshalIndent(g, "", "  ")
		path := filepath.Join(goldenDir[f], strings.TrimSuffix(filepath.Base(f), ".txt")+".golden.json")
		if *update {
			if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./clean -update)", err)
		}
		if strings.TrimSpace(string(want)) != strings.TrimSpace(string(got)) {
			t.Errorf("%s: cleaned article differs from %s:\n%s", f, path, got)
		}
		checkIdempotent(t, a)
	}
}

func FuzzArticle(f *testing.F) {
	files, _ := filepath.Glob("../examples/ukraine-talks/*.txt")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("- a:\n- b\nBy X Y\nGENEVA – x\n\u200b\r\n\x00")
	f.Add("By A B, AP\n\nApril 29 (UPI) -- x y z w\n\n(Reuters) — a b c d. PTI\n\n(Reporting by A; Editing by B)\nWith AFP")
	f.Fuzz(func(t *testing.T, text string) {
		a := Article(storyfold.Article{Text: text}, Options{})
		for _, p := range a.Paragraphs {
			if p.Start < 0 || p.End > len(a.Text) || p.Start > p.End {
				t.Fatalf("bad paragraph %+v", p)
			}
		}
		if utf8.ValidString(text) && !utf8.ValidString(a.Text) {
			t.Fatalf("valid input gave invalid output")
		}
		again := Article(storyfold.Article{Title: a.Title, Source: a.Source, Text: a.Text}, Options{})
		if again.Text != a.Text {
			t.Fatalf("not idempotent:\n%q\n%q", a.Text, again.Text)
		}
	})
}

func BenchmarkArticle(b *testing.B) {
	files, _ := filepath.Glob("../examples/ukraine-talks/*.txt")
	var texts []string
	for _, p := range files {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(d))
	}
	if len(texts) == 0 {
		b.Skip("examples not found")
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Article(storyfold.Article{Text: texts[i%len(texts)]}, Options{})
	}
}

// TestArticleKeepsFields checks that cleaning, over all its passes, keeps
// what it does not own: the ID, URL, origin and metadata.
func TestArticleKeepsFields(t *testing.T) {
	in := storyfold.Article{ID: "a1", URL: "https://example.org/a1", Origin: "a1.txt", Language: "en",
		Meta: map[string]string{"k": "v"},
		Text: "- World\n\nA Headline Over The Text\n\nBy Jane Roe\n\nPARIS – The text of the article goes on here.\n\nSubscribe to our newsletter"}
	out := Article(in, Options{})
	if out.ID != in.ID || out.URL != in.URL || out.Origin != in.Origin || out.Language != in.Language || out.Meta["k"] != "v" {
		t.Fatalf("fields lost: %+v", out)
	}
	if out.Title != "A Headline Over The Text" || out.Byline != "Jane Roe" || out.Dateline != "PARIS" {
		t.Errorf("metadata: title %q, byline %q, dateline %q", out.Title, out.Byline, out.Dateline)
	}
	if out.Text != "The text of the article goes on here." {
		t.Errorf("text %q", out.Text)
	}
}
