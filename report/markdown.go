package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/storyfold/storyfold"
)

// writeMarkdown writes the report as a Markdown document: a section per
// story with a table of its articles and the removed lines.
func writeMarkdown(out io.Writer, an *storyfold.Analysis, opts Options) error {
	w := bufio.NewWriter(out)
	arts := byID(an)
	fmt.Fprintf(w, "# storyfold report\n\n%s, %s.\n", plural(len(an.Articles), "article", "articles"), plural(len(an.Stories), "story", "stories"))
	for n, st := range an.Stories {
		fmt.Fprintf(w, "\n## %d. %s\n\n", n+1, mdInline(st.Headline))
		fmt.Fprintf(w, "%s from %s, %s. Story `%s`.\n\n", plural(len(st.Articles), "article", "articles"),
			plural(len(st.Sources), "outlet", "outlets"), dateRange(st), mdCode(st.ID))
		fmt.Fprintf(w, "| Date | Outlet | Title | Article | Removed |\n|---|---|---|---|---|\n")
		for _, id := range st.Articles {
			a := arts[id]
			if a == nil {
				continue
			}
			removed := removedSummary(a)
			if len(a.Duplicates) > 0 {
				removed = strings.TrimPrefix(removed+"; copied by "+strings.Join(a.Duplicates, ", "), "; ")
			}
			fmt.Fprintf(w, "| %s | %s | %s | `%s` | %s |\n", a.Date.String(), mdCell(sourceName(a)), mdCell(a.Title), mdCode(a.ID), mdCell(removed))
		}
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
