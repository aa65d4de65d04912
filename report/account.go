package report

import (
	"bufio"
	"fmt"
	"sort"
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
		case storyfold.SummaryDisputed:
			disputed = append(disputed, s)
		case storyfold.SummaryExclusive:
			only = append(only, s)
		default:
			consensus = append(consensus, s)
		}
	}
	return
}

// coverage returns the facts of the table and, per fact, how many of
// each of the story's articles' sentences state it: 0 when the article
// does not report it, 1 for its wording, more when it says it again.
func coverage(st *storyfold.Story) ([]storyfold.Fact, [][]int) {
	facts := st.Facts
	if len(facts) > maxCoverageFacts {
		facts = facts[:maxCoverageFacts]
	}
	labels := citeLabels(st)
	rows := make([][]int, len(facts))
	for i, f := range facts {
		rows[i] = make([]int, len(st.Articles))
		for _, id := range f.Articles {
			if n, ok := labels[id]; ok {
				rows[i][n-1] = 1
			}
		}
		for id, k := range restatements(f) {
			if n, ok := labels[id]; ok {
				rows[i][n-1] += k
			}
		}
	}
	return facts, rows
}

// restatements counts, per article, the sentences that state a fact past
// the article's first wording of it; nil when no article says it twice.
func restatements(f storyfold.Fact) map[string]int {
	var out map[string]int
	for i, v := range f.Variants {
		for _, p := range f.Variants[:i] {
			if p.Article == v.Article {
				if out == nil {
					out = map[string]int{}
				}
				out[v.Article]++
				break
			}
		}
	}
	return out
}

// totalRestatements counts a fact's restatements, in all its articles.
func totalRestatements(f storyfold.Fact) int {
	n := 0
	for _, k := range restatements(f) {
		n += k
	}
	return n
}

// coverageMark writes a cell of the facts-by-article table: mark when the
// article reports the fact, with "+N" when it says it N more times.
func coverageMark(n int, mark, none string) string {
	switch {
	case n == 0:
		return none
	case n == 1:
		return mark
	}
	return mark + "+" + strconv.Itoa(n-1)
}

// eventCites lists the articles a timeline entry cites, by their numbers
// in the story: its articles and those of its sentences, each once.
func eventCites(labels map[string]int, ev storyfold.Event) string {
	seen := map[string]bool{}
	var ids []string
	for _, id := range ev.Articles {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, c := range ev.Cites {
		if !seen[c.Article] {
			seen[c.Article] = true
			ids = append(ids, c.Article)
		}
	}
	sort.SliceStable(ids, func(i, j int) bool { return labels[ids[i]] < labels[ids[j]] })
	return cite(labels, ids)
}

// maxTimeline bounds the timeline entries the text and Markdown reports
// list; the HTML views and the JSON have them all.
const maxTimeline = 20

// writeTextAccount writes a story's reconciled account for the terminal:
// the cited summary first, then sources, families, conflicts and the
// facts-by-outlet table.
func writeTextAccount(w *bufio.Writer, st *storyfold.Story, arts map[string]*storyfold.Article, dim func(string) string) {
	labels := citeLabels(st)
	if st.Stale {
		fmt.Fprintf(w, "\n  %s\n", staleNotice)
	}
	if st.Omitted.Any() {
		fmt.Fprintf(w, "\n  %s\n", omittedNotice(st.Omitted))
	}
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
			again := ""
			if n := totalRestatements(f); n > 0 {
				again = ", " + plural(n, "restatement", "restatements")
			}
			fmt.Fprintf(w, "    %s %s\n", terminalSafe(f.Text, 110), dim(fmt.Sprintf("· %s, %d independent%s%s", plural(len(f.Articles), "article", "articles"), f.Sources, again, crossNote(f))))
		}
	} else if len(facts) > 0 {
		// A column is as wide as its widest mark: "x+2" where an article
		// says a fact three times.
		width := 3
		again := false
		for _, row := range rows {
			for _, n := range row {
				width = max(width, len(coverageMark(n, "x", "."))+1)
				again = again || n > 1
			}
		}
		fmt.Fprintf(w, "\n  facts by article:\n    ")
		for i := range st.Articles {
			fmt.Fprintf(w, "%-*d", width, i+1)
		}
		fmt.Fprintf(w, "\n")
		for i, f := range facts {
			fmt.Fprintf(w, "    ")
			for _, n := range rows[i] {
				fmt.Fprintf(w, "%-*s", width, coverageMark(n, "x", "."))
			}
			fmt.Fprintf(w, "%s%s\n", terminalSafe(f.Text, 110), dim(crossNote(f)))
		}
		if again {
			fmt.Fprintf(w, "    %s\n", dim("x+N: the article says it again in N more sentences"))
		}
	}
	if len(st.Timeline) > 0 {
		fmt.Fprintf(w, "\n  timeline:\n")
		for i, ev := range st.Timeline {
			if i == maxTimeline {
				fmt.Fprintf(w, "    %s\n", dim("… "+plural(len(st.Timeline)-maxTimeline, "more date", "more dates")+" in the JSON report"))
				break
			}
			fmt.Fprintf(w, "    %-10s  %s %s\n", eventDate(ev), terminalSafe(ev.Text, 200), dim(eventCites(labels, ev)))
		}
	}
}

// writeMarkdownAccount writes a story's reconciled account in Markdown.
func writeMarkdownAccount(w *bufio.Writer, st *storyfold.Story) {
	labels := citeLabels(st)
	if st.Stale {
		fmt.Fprintf(w, "> %s\n\n", staleNotice)
	}
	if st.Omitted.Any() {
		fmt.Fprintf(w, "> %s\n\n", omittedNotice(st.Omitted))
	}
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
		fmt.Fprintf(w, "- %s %s: %s%s\n", mdInline(string(f.Kind)), mdInline(cite(labels, f.Articles)), common, mdInline(strings.Join(f.Evidence, "; ")))
	}
	if len(st.Families) > 0 {
		fmt.Fprintf(w, "\n")
	}
	if len(st.Conflicts) > 0 {
		fmt.Fprintf(w, "**Conflicts**\n\n")
		for _, c := range st.Conflicts {
			fmt.Fprintf(w, "- %s: %s\n", mdInline(string(c.Kind)), mdInline(c.Description))
			for _, cl := range c.Claims {
				fmt.Fprintf(w, "  - \\[%d\\] %s: %s\n", labels[cl.Article], mdInline(cl.Value), mdCell(cl.Text))
			}
		}
		fmt.Fprintf(w, "\n")
	}
	if facts, rows := coverage(st); len(facts) > 0 && len(st.Articles) > maxCoverageArticles {
		fmt.Fprintf(w, "**Most reported facts**\n\n")
		for _, f := range facts {
			again := ""
			if n := totalRestatements(f); n > 0 {
				again = ", " + plural(n, "restatement", "restatements")
			}
			fmt.Fprintf(w, "- %s (%s, %d independent%s%s)\n", mdInline(f.Text), plural(len(f.Articles), "article", "articles"), f.Sources, again, crossNote(f))
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
		again := false
		for i, f := range facts {
			fmt.Fprintf(w, "| %s%s |", mdCell(f.Text), crossNote(f))
			for _, n := range rows[i] {
				fmt.Fprintf(w, " %s |", coverageMark(n, "✓", ""))
				again = again || n > 1
			}
			fmt.Fprintf(w, "\n")
		}
		if again {
			fmt.Fprintf(w, "\n✓+N: the article says it again in N more sentences.\n")
		}
		fmt.Fprintf(w, "\n")
	}
	if len(st.Timeline) > 0 {
		fmt.Fprintf(w, "**Timeline**\n\n")
		for i, ev := range st.Timeline {
			if i == maxTimeline {
				fmt.Fprintf(w, "- … %s in the JSON report\n", plural(len(st.Timeline)-maxTimeline, "more date", "more dates"))
				break
			}
			date := eventDate(ev)
			if date == "" {
				date = "undated"
			}
			fmt.Fprintf(w, "- **%s** %s %s\n", date, mdInline(ev.Text), mdInline(eventCites(labels, ev)))
		}
		fmt.Fprintf(w, "\n")
	}
}

// Omitted says, in words, what a story's account left out to stay under
// its bounds (its size, the quotations grouped per article), "" when it left out nothing: "1,234 more quote groups,
// 56 more facts and 890 more wordings". Every report prints it where the
// account begins, so that a cut account is never taken for a whole one;
// the JSON carries the counts themselves.
func Omitted(o *storyfold.Omitted) string {
	if !o.Any() {
		return ""
	}
	var parts []string
	for _, p := range []struct {
		n         int
		one, many string
	}{
		{o.Quotes, "more quote group", "more quote groups"},
		{o.Facts, "more fact", "more facts"},
		{o.Variants, "more wording of the groups kept", "more wordings of the groups kept"},
		{o.Exclusive, "more exclusive", "more exclusives"},
		{o.Conflicts, "more conflict", "more conflicts"},
		{o.Entities, "more name", "more names"},
		{o.Timeline, "more date", "more dates"},
		{o.Summary, "more summary sentence", "more summary sentences"},
		{o.Families, "more family", "more families"},
	} {
		if p.n > 0 {
			word := p.many
			if p.n == 1 {
				word = p.one
			}
			parts = append(parts, Thousands(p.n)+" "+word)
		}
	}
	if len(parts) > 1 {
		parts[len(parts)-2] += " and " + parts[len(parts)-1]
		parts = parts[:len(parts)-1]
	}
	return strings.Join(parts, ", ")
}

// omittedNotice is the line the text and Markdown reports open a cut
// account with.
func omittedNotice(o *storyfold.Omitted) string {
	return "This account is cut to its bounds: it leaves out " + Omitted(o) + "."
}

// staleNotice is the line a report opens a story with while articles
// that joined it wait for its account to be rebuilt (storyfold.Story's
// Stale): an ingest rebuilds a story once a run of batches leaves it
// alone, so a reader may see the account from before them and must know.
const staleNotice = "New articles joined this story since this account was built: it is being rebuilt, and may not include them yet."

// Thousands writes n with a comma between groups of three digits, as
// people read counts.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// crossNote marks a fact aligned across languages (by the names, figures
// and days its sentences share, not by their words) for a reader, "" for
// every other fact.
func crossNote(f storyfold.Fact) string {
	if !f.CrossLanguage {
		return ""
	}
	return " (across languages)"
}
