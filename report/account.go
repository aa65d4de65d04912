package report

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/storyfold/storyfold"
)

// maxCoverageFacts bounds the facts-by-outlet table: the most widely
// reported facts, which are the ones a reader compares. Past
// maxCoverageArticles columns the table lists each fact's count instead.
const (
	maxCoverageFacts    = 12
	maxCoverageArticles = 20
)

// citeLabels numbers a story's articles in the story's order, so a
// summary sentence can cite them as [1, 3].
func citeLabels(st *storyfold.Story) map[string]int {
	m := make(map[string]int, len(st.Articles))
	for i, id := range st.Articles {
		m[id] = i + 1
	}
	return m
}

func cite(labels map[string]int, ids []string) string {
	var parts []string
	for _, id := range ids {
		if n, ok := labels[id]; ok {
			parts = append(parts, strconv.Itoa(n))
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// summaryParts splits a summary into its parts, keeping their order.
func summaryParts(st *storyfold.Story) (consensus, disputed, only []storyfold.SummarySentence) {
	for _, s := range st.Summary {
		switch s.Part {
		case "disputed":
			disputed = append(disputed, s)
		case "exclusive":
			only = append(only, s)
		default:
			consensus = append(consensus, s)
		}
	}
	return
}

// coverage returns the facts of the table and, per fact, which of the
// story's articles report it.
func coverage(st *storyfold.Story) ([]storyfold.Fact, [][]bool) {
	facts := st.Facts
	if len(facts) > maxCoverageFacts {
		facts = facts[:maxCoverageFacts]
	}
	labels := citeLabels(st)
	rows := make([][]bool, len(facts))
	for i, f := range facts {
		rows[i] = make([]bool, len(st.Articles))
		for _, id := range f.Articles {
			if n, ok := labels[id]; ok {
				rows[i][n-1] = true
			}
		}
	}
	return facts, rows
}

// writeTextAccount writes a story's reconciled account for the terminal:
// the cited summary first, then sources, families, conflicts and the
// facts-by-outlet table.
func writeTextAccount(w *bufio.Writer, st *storyfold.Story, arts map[string]*storyfold.Article, dim func(string) string) {
	labels := citeLabels(st)
	consensus, disputed, only := summaryParts(st)
	if len(consensus) > 0 {
		fmt.Fprintf(w, "\n  summary:\n")
		for _, s := range consensus {
			fmt.Fprintf(w, "    %s %s\n", terminalSafe(s.Text, 300), dim(cite(labels, s.Articles)))
		}
	}
	if len(disputed) > 0 {
		fmt.Fprintf(w, "  disputed:\n")
		for _, s := range disputed {
			fmt.Fprintf(w, "    %s %s\n", terminalSafe(s.Text, 300), dim(cite(labels, s.Articles)))
		}
	}
	if len(only) > 0 {
		fmt.Fprintf(w, "  only in one outlet:\n")
		for _, s := range only {
			fmt.Fprintf(w, "    %s %s\n", terminalSafe(s.Text, 300), dim(cite(labels, s.Articles)))
		}
	}
	fmt.Fprintf(w, "\n  independent sources: %d of %s\n", st.IndependentSources, plural(len(st.Articles), "article", "articles"))
	for _, f := range st.Families {
		common := ""
		if f.Agency != "" {
			common = " · common source: " + terminalSafe(f.Agency, 60)
		}
		fmt.Fprintf(w, "    %s %s: %s%s\n", f.Kind, dim(cite(labels, f.Articles)), terminalSafe(strings.Join(f.Articles, ", "), 200), common)
		for _, e := range f.Evidence {
			fmt.Fprintf(w, "      %s\n", dim(terminalSafe(e, 200)))
		}
	}
	if len(st.Conflicts) > 0 {
		fmt.Fprintf(w, "\n  conflicts:\n")
		for _, c := range st.Conflicts {
			fmt.Fprintf(w, "    %s: %s\n", c.Kind, terminalSafe(c.Description, 240))
			if c.Majority != "" {
				fmt.Fprintf(w, "      most independent sources: %s\n", terminalSafe(c.Majority, 80))
			}
			for _, cl := range c.Claims {
				fmt.Fprintf(w, "      [%d] %s: %s\n", labels[cl.Article], terminalSafe(cl.Value, 40), dim(terminalSafe(cl.Text, 160)))
			}
		}
	}
	if facts, rows := coverage(st); len(facts) > 0 && len(st.Articles) > maxCoverageArticles {
		fmt.Fprintf(w, "\n  most reported facts:\n")
		for _, f := range facts {
			fmt.Fprintf(w, "    %s %s\n", terminalSafe(f.Text, 110), dim(fmt.Sprintf("· %s, %d independent", plural(len(f.Articles), "article", "articles"), f.Sources)))
		}
	} else if len(facts) > 0 {
		fmt.Fprintf(w, "\n  facts by article:\n    ")
		for i := range st.Articles {
			fmt.Fprintf(w, "%-3d", i+1)
		}
		fmt.Fprintf(w, "\n")
		for i, f := range facts {
			fmt.Fprintf(w, "    ")
			for _, on := range rows[i] {
				if on {
					fmt.Fprintf(w, "%-3s", "x")
				} else {
					fmt.Fprintf(w, "%-3s", ".")
				}
			}
			fmt.Fprintf(w, "%s\n", terminalSafe(f.Text, 110))
		}
	}
}

// writeMarkdownAccount writes a story's reconciled account in Markdown.
func writeMarkdownAccount(w *bufio.Writer, st *storyfold.Story) {
	labels := citeLabels(st)
	consensus, disputed, only := summaryParts(st)
	if len(consensus) > 0 {
		fmt.Fprintf(w, "**Summary**\n\n")
		for _, s := range consensus {
			fmt.Fprintf(w, "- %s %s\n", mdInline(s.Text), mdInline(cite(labels, s.Articles)))
		}
		fmt.Fprintf(w, "\n")
	}
	if len(disputed) > 0 {
		fmt.Fprintf(w, "**Disputed**\n\n")
		for _, s := range disputed {
			fmt.Fprintf(w, "- %s %s\n", mdInline(s.Text), mdInline(cite(labels, s.Articles)))
		}
		fmt.Fprintf(w, "\n")
	}
	if len(only) > 0 {
		fmt.Fprintf(w, "**Only in one outlet**\n\n")
		for _, s := range only {
			fmt.Fprintf(w, "- %s %s\n", mdInline(s.Text), mdInline(cite(labels, s.Articles)))
		}
		fmt.Fprintf(w, "\n")
	}
	fmt.Fprintf(w, "**Independent sources:** %d of %s.\n\n", st.IndependentSources, plural(len(st.Articles), "article", "articles"))
	for _, f := range st.Families {
		common := ""
		if f.Agency != "" {
			common = "common source: " + mdInline(f.Agency) + "; "
		}
		fmt.Fprintf(w, "- %s %s: %s%s\n", mdInline(f.Kind), mdInline(cite(labels, f.Articles)), common, mdInline(strings.Join(f.Evidence, "; ")))
	}
	if len(st.Families) > 0 {
		fmt.Fprintf(w, "\n")
	}
	if len(st.Conflicts) > 0 {
		fmt.Fprintf(w, "**Conflicts**\n\n")
		for _, c := range st.Conflicts {
			fmt.Fprintf(w, "- %s: %s\n", mdInline(c.Kind), mdInline(c.Description))
			for _, cl := range c.Claims {
				fmt.Fprintf(w, "  - \\[%d\\] %s: %s\n", labels[cl.Article], mdInline(cl.Value), mdCell(cl.Text))
			}
		}
		fmt.Fprintf(w, "\n")
	}
	if facts, rows := coverage(st); len(facts) > 0 && len(st.Articles) > maxCoverageArticles {
		fmt.Fprintf(w, "**Most reported facts**\n\n")
		for _, f := range facts {
			fmt.Fprintf(w, "- %s (%s, %d independent)\n", mdInline(f.Text), plural(len(f.Articles), "article", "articles"), f.Sources)
		}
		fmt.Fprintf(w, "\n")
	} else if len(facts) > 0 {
		fmt.Fprintf(w, "**Facts by article**\n\n| Fact |")
		for i := range st.Articles {
			fmt.Fprintf(w, " %d |", i+1)
		}
		fmt.Fprintf(w, "\n|---|")
		for range st.Articles {
			fmt.Fprintf(w, "---|")
		}
		fmt.Fprintf(w, "\n")
		for i, f := range facts {
			fmt.Fprintf(w, "| %s |", mdCell(f.Text))
			for _, on := range rows[i] {
				if on {
					fmt.Fprintf(w, " ✓ |")
				} else {
					fmt.Fprintf(w, "  |")
				}
			}
			fmt.Fprintf(w, "\n")
		}
		fmt.Fprintf(w, "\n")
	}
}
