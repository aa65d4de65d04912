package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/quantity"
)

// writeMarkdown writes the report as a Markdown document: a section per
// story with a table of its articles and the removed lines.
func writeMarkdown(out io.Writer, an *storyfold.Analysis, opts Options) error {
	w := bufio.NewWriter(out)
	arts := byID(an)
	fmt.Fprintf(w, "# storyfold report\n\n%s, %s.\n", plural(len(an.Articles), "article", "articles"), plural(len(an.Stories), "story", "stories"))
	for n, st := range an.Stories {
		fmt.Fprintf(w, "\n## %d. %s\n\n", n+1, mdInline(st.Headline))
		fmt.Fprintf(w, "%s from %s, %s%s. Story `%s`.\n\n", plural(len(st.Articles), "article", "articles"),
			plural(Outlets(st, arts), "outlet", "outlets"), DateRange(st.First, st.Last),
			mdInline(languagesPart(st, arts, ", language ")), mdCode(st.ID))
		writeMarkdownAccount(w, st)
		fmt.Fprintf(w, "| # | Date | Outlet | Title | Article | Removed |\n|---|---|---|---|---|---|\n")
		for i, id := range st.Articles {
			a := arts[id]
			if a == nil {
				continue
			}
			removed := removedSummary(a)
			if len(a.Duplicates) > 0 {
				removed = strings.TrimPrefix(removed+"; copied by "+strings.Join(a.Duplicates, ", "), "; ")
			}
			fmt.Fprintf(w, "| %d | %s | %s | %s | `%s` | %s |\n", i+1, a.Date.String(), mdCell(a.OutletLabel()), mdCell(a.Title), mdCode(a.ID), mdCell(removed))
		}
		writeMarkdownLayer(w, st, arts)
		if !opts.Removed {
			continue
		}
		var lines []string
		for _, id := range st.Articles {
			a := arts[id]
			if a == nil {
				continue
			}
			for _, r := range a.Removed {
				lines = append(lines, fmt.Sprintf("- `%s` %s: %s", mdCode(a.ID), r.Reason, mdInline(terminalSafe(r.Text, 120))))
			}
		}
		if len(lines) > 0 {
			fmt.Fprintf(w, "\n<details><summary>Removed lines</summary>\n\n%s\n\n</details>\n", strings.Join(lines, "\n"))
		}
	}
	return w.Flush()
}

// mdInline escapes the characters that would turn untrusted text into
// Markdown or HTML markup.
func mdInline(s string) string {
	s = terminalSafe(s, 0)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '|', '!', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCell is mdInline for a table cell, cut to a readable length.
func mdCell(s string) string { return mdInline(terminalSafe(s, 140)) }

// mdCode makes text safe inside a code span.
func mdCode(s string) string { return strings.ReplaceAll(terminalSafe(s, 80), "`", "'") }

// writeMarkdownLayer writes who is in a story, the figures several outlets
// give, and a who-said-what table.
func writeMarkdownLayer(w *bufio.Writer, st *storyfold.Story, arts map[string]*storyfold.Article) {
	if people := mainPeople(st); len(people) > 0 {
		fmt.Fprintf(w, "\n**People:** ")
		for i, e := range people {
			if i > 0 {
				fmt.Fprintf(w, "; ")
			}
			fmt.Fprintf(w, "%s", mdInline(e.Name))
			if len(e.Roles) > 0 {
				fmt.Fprintf(w, " (%s)", mdInline(terminalSafe(strings.Join(e.Roles, ", "), 80)))
			}
		}
		fmt.Fprintf(w, "\n")
	}
	if figures := quantity.SharedFigures(storyArticles(st, arts)); len(figures) > 0 {
		fmt.Fprintf(w, "\n**Figures given by several articles:**\n\n")
		for _, f := range figures {
			var words []string
			for _, m := range f.Mentions {
				words = append(words, fmt.Sprintf("“%s” (`%s`)", mdInline(m.Text), mdCode(m.Article)))
			}
			fmt.Fprintf(w, "- %s: %s\n", mdInline(quantity.Format(f.Kind, f.Value, f.Unit)), strings.Join(words, ", "))
		}
	}
	if rows, more := whoSaidWhat(st); len(rows) > 0 {
		fmt.Fprintf(w, "\n**Who said what:**\n\n| Speaker | Articles | Statements and altered wordings |\n|---|---|---|\n")
		for _, r := range rows {
			var cell []string
			for _, q := range r.Quotes {
				text := mdCell(q.Text)
				if q.Direct() {
					text = "“" + text + "”"
				}
				line := fmt.Sprintf("%s (%s)", text, plural(len(q.Articles), "article", "articles"))
				for _, v := range altered(q) {
					line += fmt.Sprintf("<br>&nbsp;&nbsp;`%s`: %s", mdCode(v.Article), mdCell(v.Diff))
				}
				cell = append(cell, line)
			}
			if r.More > 0 {
				cell = append(cell, "and "+plural(r.More, "more statement", "more statements"))
			}
			fmt.Fprintf(w, "| %s | %d | %s |\n", mdCell(r.Speaker), r.Articles, strings.Join(cell, "<br>"))
		}
		if more > 0 {
			fmt.Fprintf(w, "\nand %s\n", plural(more, "more speaker", "more speakers"))
		}
	}
}
