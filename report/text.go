package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/storyfold/storyfold"
)

// writeText writes the terminal report: each story with its outlets and
// dates, its articles, and what cleaning removed from each.
func writeText(out io.Writer, an *storyfold.Analysis, opts Options) error {
	w := bufio.NewWriter(out)
	bold := func(s string) string {
		if opts.Color {
			return "\x1b[1m" + s + "\x1b[0m"
		}
		return s
	}
	dim := func(s string) string {
		if opts.Color {
			return "\x1b[2m" + s + "\x1b[0m"
		}
		return s
	}
	arts := byID(an)
	fmt.Fprintf(w, "%s, %s\n", plural(len(an.Articles), "article", "articles"), plural(len(an.Stories), "story", "stories"))
	for n, st := range an.Stories {
		fmt.Fprintf(w, "\n%s\n", bold(fmt.Sprintf("Story %d · %s", n+1, terminalSafe(st.Headline, 120))))
		fmt.Fprintf(w, "  %s · %s · %s · %s\n", plural(len(st.Articles), "article", "articles"),
			plural(len(st.Sources), "outlet", "outlets"), dateRange(st), st.ID)
		if srcs := sortedSources(st, arts); len(srcs) > 0 {
			fmt.Fprintf(w, "  outlets: %s\n", terminalSafe(strings.Join(srcs, ", "), 300))
		}
		for _, id := range st.Articles {
			a := arts[id]
			if a == nil {
				continue
			}
			date := a.Date.String()
			if len(date) > 10 {
				date = date[:10]
			}
			if date == "" {
				date = "----------"
			}
			fmt.Fprintf(w, "\n  %s  %s\n", date, bold(terminalSafe(a.Title, 100)))
			meta := []string{terminalSafe(id, 60), terminalSafe(sourceName(a), 40)}
			if a.Byline != "" {
				meta = append(meta, "by "+terminalSafe(a.Byline, 60))
			}
			if a.Dateline != "" {
				meta = append(meta, "dateline "+terminalSafe(a.Dateline, 40))
			}
			if a.Language != "" {
				meta = append(meta, a.Language)
			}
			meta = append(meta, plural(len(a.Sentences), "sentence", "sentences"))
			fmt.Fprintf(w, "              %s\n", dim(strings.Join(meta, " · ")))
			if len(a.Duplicates) > 0 {
				fmt.Fprintf(w, "              copied by: %s\n", terminalSafe(strings.Join(a.Duplicates, ", "), 200))
			}
			if len(a.Removed) == 0 {
				continue
			}
			if !opts.Removed {
				fmt.Fprintf(w, "              removed: %s\n", removedSummary(a))
				continue
			}
			fmt.Fprintf(w, "              removed:\n")
			for _, r := range a.Removed {
				loc := ""
				if r.Line > 0 {
					loc = fmt.Sprintf("line %d, ", r.Line)
				}
				fmt.Fprintf(w, "                - %s%s: %s\n", loc, r.Reason, dim(terminalSafe(r.Text, 90)))
			}
		}
	}
	return w.Flush()
}
