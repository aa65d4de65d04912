package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/htmlcheck"
	"github.com/storyfold/storyfold/report"
)

// speakers is the hand-made story of restated with quote groups as
// quote.Group builds them: one speaker with more statements than a row
// lists, a scare quote and a one-word quote beside a statement given
// without quotation marks, an altered wording, untrusted markup, and more
// speakers than who said what lists.
func speakers() *storyfold.Analysis {
	an := restated()
	st := an.Stories[0]
	q := func(speaker, text string, kind storyfold.QuoteKind, articles ...string) storyfold.Quote {
		out := storyfold.Quote{Speaker: speaker, Text: text, Kind: kind, Articles: articles}
		for _, a := range articles {
			out.Variants = append(out.Variants, storyfold.Variant{Article: a, Text: text})
		}
		return out
	}
	st.Quotes = []storyfold.Quote{
		q("Linda Carver", "We kept every library open and every pool too.", storyfold.QuoteDirect, "a", "b"),
		q("Linda Carver", "The bridge will reopen before the holidays.", storyfold.QuoteDirect, "a", "c"),
		q("Raj Patel", "the plan relies on optimistic tax forecasts", storyfold.QuoteReported, "b"),
		q("Linda Carver", "political", storyfold.QuoteDirect, "c"),
		q("Raj Patel", "reckless spending", storyfold.QuoteDirect, "c"),
		q("Linda Carver", "The closure was never political <script>alert(1)</script>", storyfold.QuoteUnmarked, "c"),
		q("Linda Carver", "We will publish every email about the lanes.", storyfold.QuoteDirect, "b"),
		q("Linda Carver", "Nobody on my staff ordered the closure.", storyfold.QuoteDirect, "a"),
		q("", "Nobody told us anything at all.", storyfold.QuoteDirect, "b"),
	}
	st.Quotes[0].Variants[1] = storyfold.Variant{Article: "b", Text: "We kept every library open.",
		Diff: "We kept every library open [-and every pool too-]", Missing: []string{"and every pool too"}, Added: []string{}}
	for i := range 8 {
		st.Quotes = append(st.Quotes, q(fmt.Sprintf("Council Member %c", 'A'+i), "The budget vote was the right call for the city.", storyfold.QuoteDirect, "c"))
	}
	return an
}

// whoSaidWhat returns the who-said-what part of a report: from its title
// to the next part.
func whoSaidWhat(t *testing.T, out, title, next string) string {
	t.Helper()
	_, rest, ok := strings.Cut(out, title)
	if !ok {
		t.Fatalf("no %q in the report:\n%s", title, out)
	}
	if i := strings.Index(rest, next); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// TestWhoSaidWhat checks who said what in every human report: one row per
// speaker, statements under it with the altered wording, no scare quote
// or single word, unmarked speech without quotation marks, and the rows
// and statements left out counted.
func TestWhoSaidWhat(t *testing.T) {
	for _, tt := range []struct {
		format      report.Format
		title, next string
		row         func(name string) string
	}{
		{report.Text, "who said what:", "\n\n", func(n string) string { return "\n    " + n + " " }},
		{report.Markdown, "**Who said what:**", "\n\n<", func(n string) string { return "\n| " + n + " |" }},
		{report.HTML, "<h2>Who said what</h2>", "</table>", func(n string) string { return `<th scope="row">` + n + " " }},
	} {
		t.Run(string(tt.format), func(t *testing.T) {
			var b bytes.Buffer
			if err := report.Write(&b, speakers(), tt.format, report.Options{}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			sec := whoSaidWhat(t, out, tt.title, tt.next)
			for _, name := range []string{"Linda Carver", "Raj Patel"} {
				if n := strings.Count(sec, tt.row(name)); n != 1 {
					t.Errorf("%s has %d rows, want 1:\n%s", name, n, sec)
				}
			}
			if strings.Index(sec, tt.row("Linda Carver")) > strings.Index(sec, tt.row("Raj Patel")) {
				t.Errorf("Linda Carver, in three articles, is not listed before Raj Patel, in one:\n%s", sec)
			}
			for _, bad := range []string{"political”", "“reckless spending", "Nobody told us", "Council Member H"} {
				if strings.Contains(sec, bad) {
					t.Errorf("who said what lists %q:\n%s", bad, sec)
				}
			}
			for _, want := range []string{"“We kept every library open and every pool too.”", "the plan relies on optimistic tax forecasts",
				"The closure was never political", "and 2 more statements", "and 2 more speakers", "and every pool too"} {
				if !strings.Contains(out, want) {
					t.Errorf("the report lacks %q:\n%s", want, sec)
				}
			}
			if strings.Contains(sec, "“The closure was never political") || strings.Contains(sec, "“the plan relies") {
				t.Errorf("speech without quotation marks is printed in them:\n%s", sec)
			}
			if tt.format != report.Text && strings.Contains(sec, "<script") {
				t.Errorf("untrusted markup is not escaped:\n%s", sec)
			}
			if tt.format == report.HTML {
				for _, p := range htmlcheck.Active(strings.NewReader(out)) {
					t.Error(p)
				}
			}
		})
	}
}
