package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/quantity"
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
		outlets := storyCoverage(st, arts)
		fmt.Fprintf(w, "  %s · %s · %s%s · %s\n", plural(len(st.Articles), "article", "articles"),
			plural(Outlets(st, arts), "outlet", "outlets"), DateRange(st.First, st.Last),
			terminalSafe(languagesPart(st, arts, " · "), 120), st.ID)
		if len(outlets) > 0 {
			fmt.Fprintf(w, "  outlets: %s\n", terminalSafe(strings.Join(outlets.Names(), ", "), 300))
		}
		writeTextAccount(w, st, arts, dim)
		writeTextLayer(w, st, arts, dim)
		for i, id := range st.Articles {
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
			fmt.Fprintf(w, "\n  [%d] %s  %s\n", i+1, date, bold(terminalSafe(a.Title, 100)))
			meta := []string{terminalSafe(id, 60), terminalSafe(a.OutletLabel(), 60)}
			if a.Byline != "" {
				meta = append(meta, "by "+terminalSafe(a.Byline, 60))
			}
			if a.Dateline != "" {
				meta = append(meta, "dateline "+terminalSafe(a.Dateline, 40))
			}
			if len(a.Agencies) > 0 {
				meta = append(meta, "credits "+terminalSafe(strings.Join(a.Agencies, ", "), 60))
			}
			if a.Language != "" {
				meta = append(meta, a.Language)
			}
			meta = append(meta, plural(len(a.Sentences), "sentence", "sentences"))
			fmt.Fprintf(w, "                  %s\n", dim(strings.Join(meta, " · ")))
			if len(a.Duplicates) > 0 {
				fmt.Fprintf(w, "                  copied by: %s\n", terminalSafe(strings.Join(a.Duplicates, ", "), 200))
			}
			if len(a.Removed) == 0 {
				continue
			}
			if !opts.Removed {
				fmt.Fprintf(w, "                  removed: %s\n", removedSummary(a))
				continue
			}
			fmt.Fprintf(w, "                  removed:\n")
			for _, r := range a.Removed {
				loc := ""
				if r.Line > 0 {
					loc = fmt.Sprintf("line %d, ", r.Line)
				}
				fmt.Fprintf(w, "                    - %s%s: %s\n", loc, r.Reason, dim(terminalSafe(r.Text, 90)))
			}
		}
	}
	return w.Flush()
}

// writeTextLayer writes who is in a story, the figures several outlets
// give, and who said what.
func writeTextLayer(w *bufio.Writer, st *storyfold.Story, arts map[string]*storyfold.Article, dim func(string) string) {
	if people := mainPeople(st); len(people) > 0 {
		fmt.Fprintf(w, "\n  people:\n")
		for _, e := range people {
			roles := ""
			if len(e.Roles) > 0 {
				roles = " (" + terminalSafe(strings.Join(e.Roles, "; "), 80) + ")"
			}
			fmt.Fprintf(w, "    %s%s %s\n", terminalSafe(e.Name, 60), roles, dim("· "+plural(len(e.Articles), "article", "articles")))
		}
	}
	if figures := quantity.SharedFigures(storyArticles(st, arts)); len(figures) > 0 {
		fmt.Fprintf(w, "\n  figures given by several articles:\n")
		for _, f := range figures {
			var words []string
			for _, m := range f.Mentions {
				words = append(words, fmt.Sprintf("%q (%s)", terminalSafe(m.Text, 40), terminalSafe(m.Article, 24)))
			}
			fmt.Fprintf(w, "    %s: %s\n", quantity.Format(f.Kind, f.Value, terminalSafe(f.Unit, 20)), strings.Join(words, ", "))
		}
	}
	if rows, more := whoSaidWhat(st); len(rows) > 0 {
		fmt.Fprintf(w, "\n  who said what:\n")
		for _, r := range rows {
			fmt.Fprintf(w, "    %s %s\n", terminalSafe(r.Speaker, 40), dim("· "+plural(r.Articles, "article", "articles")))
			for _, q := range r.Quotes {
				fmt.Fprintf(w, "      %s %s\n", marks(&q, terminalSafe(q.Text, 110)), dim("· "+plural(len(q.Articles), "article", "articles")))
				for _, v := range altered(q) {
					fmt.Fprintf(w, "        %s %s\n", dim(terminalSafe(v.Article, 24)+" words differ:"), terminalSafe(v.Diff, 140))
				}
			}
			if r.More > 0 {
				fmt.Fprintf(w, "      %s\n", dim("and "+plural(r.More, "more statement", "more statements")))
			}
		}
		if more > 0 {
			fmt.Fprintf(w, "    %s\n", dim("and "+plural(more, "more speaker", "more speakers")))
		}
	}
}
