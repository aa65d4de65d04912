package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/storyfold/storyfold"
)

//go:embed templates
var templateFS embed.FS

// Style is the stylesheet of every HTML view, for a page to inline or a
// server to serve.
var Style = func() string {
	b, err := templateFS.ReadFile("templates/style.css")
	if err != nil {
		panic(err) // embedded at build time: cannot be missing
	}
	return string(b)
}()

// Templates are the HTML views: "story", "storyItem", "article" and the
// single-file "report". Other packages (the server) add their pages to a
// clone. Every value reaches them as text, escaped by html/template;
// article content reaches a template.HTML only through a fragment
// (fragment.go), which writes it as html/template escapes it at that
// place.
var Templates = template.Must(template.New("views").Funcs(template.FuncMap{
	"join":        strings.Join,
	"staleNotice": func() string { return staleNotice },
}).ParseFS(templateFS, "templates/views.html"))

// partName names a part of a summary for a reader.
func partName(p string) string {
	switch storyfold.SummaryPart(p) {
	case storyfold.SummaryDisputed:
		return "disputed"
	case storyfold.SummaryExclusive:
		return "only in one outlet"
	}
	return p
}

// reportTemplates are the views the single-file report executes: a
// clone, since an html/template set that has run cannot be cloned, and
// the server clones Templates, possibly after a report was written in the
// same process.
var reportTemplates = template.Must(Templates.Clone())

// reportPage is what the single-file report shows.
type reportPage struct {
	Style    template.CSS
	Summary  string
	Stories  []StoryView
	Articles []ArticleView
}

// writeHTML writes the analysis as one self-contained HTML file: every
// story with its summary, coverage, conflicts, provenance graph, quotes and
// timeline, then every article with its sentences marked, linked by
// anchors, with inline CSS and SVG and no script or external request.
func writeHTML(w io.Writer, an *storyfold.Analysis) error {
	arts := byID(an)
	page := reportPage{Style: template.CSS(Style),
		Summary: fmt.Sprintf("%s, %s", plural(len(an.Articles), "article", "articles"), plural(len(an.Stories), "story", "stories"))}
	storyOf := map[string]*storyfold.Story{}
	for _, st := range an.Stories {
		page.Stories = append(page.Stories, NewStoryView(st, arts, AnchorHrefs))
		for _, id := range st.Articles {
			storyOf[id] = st
		}
	}
	for _, st := range an.Stories {
		for _, id := range st.Articles {
			if a := arts[id]; a != nil {
				page.Articles = append(page.Articles, NewArticleView(a, storyOf[id], arts, AnchorHrefs))
			}
		}
	}
	if err := reportTemplates.ExecuteTemplate(w, "report", page); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}
