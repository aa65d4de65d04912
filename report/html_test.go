package report_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/internal/htmlcheck"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/report"
)

// analysis prepares and groups raw articles as analyze does.
func analysis(raw []storyfold.Article) *storyfold.Analysis {
	arts := pipeline.Prepare(raw, func(storyfold.Article) {}, func() {})
	stories := pipeline.Group(arts, cluster.DefaultOptions())
	return &storyfold.Analysis{Articles: arts, Stories: stories}
}

const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)>`

func hostileArticles() []storyfold.Article {
	body := "The city council approved a budget of $2.4 billion on Tuesday after six hours of debate " + hostile + ".\n\n" +
		"“We kept every library open,” Mayor Linda Carver said " + hostile + ".\n\n" +
		"Council member Raj Patel voted against the plan, saying it relies on optimistic tax forecasts."
	return []storyfold.Article{
		{ID: "a", Title: "Budget " + hostile, Source: "Outlet " + hostile, URL: "javascript:alert(3)", Text: body},
		{ID: "b", Title: "Council passes budget", Source: `"><svg onload=alert(4)>`, URL: "https://example.com/budget", Text: strings.ReplaceAll(body, "approved", "passed")},
	}
}

func TestHTMLEscapesUntrustedText(t *testing.T) {
	var b bytes.Buffer
	if err := report.Write(&b, analysis(hostileArticles()), report.HTML, report.Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<script", "<img", `href="javascript:`, "<svg onload"} {
		if strings.Contains(strings.ToLower(out), strings.ToLower(bad)) {
			t.Errorf("report contains %q unescaped", bad)
		}
	}
	// Parsed as a browser would: nothing that runs; the hostile markup is
	// text.
	for _, p := range htmlcheck.Active(strings.NewReader(out)) {
		t.Error(p)
	}
	if !strings.Contains(out, "&lt;script&gt;") {
		t.Error("the hostile text is not shown escaped")
	}
	if !strings.Contains(out, "Content-Security-Policy") || !strings.Contains(out, "default-src 'none'") {
		t.Error("no strict Content-Security-Policy")
	}
}

func TestHTMLReportLinksResolve(t *testing.T) {
	var b bytes.Buffer
	if err := report.Write(&b, analysis(hostileArticles()), report.HTML, report.Options{}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{`<svg class="graph"`, `class="heatmap"`, `<h2>Summary</h2>`, `class="sentence`} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %s", want)
		}
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
	// A link to an article's own address is followed only when a reader
	// clicks it, and passes nothing on; nothing else points outside.
	for _, m := range regexp.MustCompile(`<[^>]*(src|href)="(https?:)?//[^>]*>`).FindAllString(out, -1) {
		if !strings.HasPrefix(m, `<a `) || !strings.Contains(m, `rel="noopener noreferrer nofollow"`) {
			t.Errorf("the report loads something from the network: %s", m)
		}
	}
	if !strings.Contains(out, `href="https://example.com/budget" rel="noopener noreferrer nofollow"`) {
		t.Error("the article's address is not a link")
	}
}
