package report_test

import (
	"bytes"
	"html/template"
	"net/url"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/report"
)

// hostileStoryArticles are three reports of one event whose IDs, outlets,
// titles, addresses and words hold markup, quotes, ampersands, plus
// signs, colons and invalid UTF-8.
func hostileStoryArticles() []storyfold.Article {
	body := func(word, quote string) string {
		return "The city council " + word + " a budget of $2.4 billion on Tuesday after six hours of debate " + hostile + ".\n\n" +
			"“" + quote + ",” Mayor Linda Carver said on Tuesday.\n\n" +
			"Council member Raj Patel voted against the plan on March 3, 2025, saying it relies on optimistic tax forecasts & \"hope\".\n\n" +
			"The vote was 7-2, the clerk said; others put it at 6-3."
	}
	return []storyfold.Article{
		{ID: `a"><script>alert(1)</script>&+:1`, Title: "Budget " + hostile + " \xff\xfe", Source: `Outlet "&" + <b>'s</b>`,
			URL: "javascript:alert(3)", Date: storyfold.Date{}, Text: body("approved", "We kept every library open")},
		{ID: "javascript:alert(2)", Title: "Council passes budget", Source: `"><svg onload=alert(4)>`,
			URL: `https://example.com/budget?a=1&b="<x>"`, Text: body("passed", "We kept every <b>library</b> & pool open")},
		{ID: "b\xffc d'e", Title: "", Source: "news\xfe.example +plus",
			URL: "https://example.com/a b", Text: strings.ReplaceAll(body("approved", "We kept every library open, & more"), "7-2", "6-3")},
	}
}

// TestHostileStoryGolden holds the story views of hostile articles, with
// the single-file report's anchors and with the server's paths, and the
// single-file report itself, to the bytes the templates wrote before any
// part of them was written through fragments (testdata/hostile-story.html,
// written by that build).
func TestHostileStoryGolden(t *testing.T) {
	an := analysis(hostileStoryArticles())
	arts := map[string]*storyfold.Article{}
	for i := range an.Articles {
		arts[an.Articles[i].ID] = &an.Articles[i]
	}
	paths := report.Hrefs{
		Story:   func(id string) string { return "/stories/" + url.PathEscape(id) },
		Article: func(id string) string { return "/articles/" + url.PathEscape(id) },
		Sentence: func(a string, start int) string {
			return "/articles/" + url.PathEscape(a) + "#" + report.SentenceID(a, start)
		},
	}
	views := template.Must(report.Templates.Clone())
	var b bytes.Buffer
	for _, h := range []report.Hrefs{report.AnchorHrefs, paths} {
		for _, st := range an.Stories {
			if err := views.ExecuteTemplate(&b, "story", report.NewStoryView(st, arts, h)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := report.Write(&b, an, report.HTML, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if path, ok := golden(t, "hostile-story.html", b.Bytes()); !ok {
		t.Errorf("the hostile story's views differ from %s", path)
	}
}
