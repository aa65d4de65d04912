// Package report writes an analysis for people (a terminal report, a
// Markdown document, HTML views and a single-file HTML report) and for
// programs (the JSON contract). Article text is
// untrusted: every report escapes it for the medium it writes to.
package report

import (
	"fmt"
	"io"
	"math/bits"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/quote"
)

// Format names an output format.
type Format string

// Output formats.
const (
	Text     Format = "text"
	Markdown Format = "md"
	JSON     Format = "json"
	HTML     Format = "html"
)

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	switch Format(strings.ToLower(s)) {
	case Text, "txt", "terminal":
		return Text, nil
	case Markdown, "markdown":
		return Markdown, nil
	case JSON:
		return JSON, nil
	case HTML, "htm":
		return HTML, nil
	}
	return "", fmt.Errorf("unknown format %q (want text, md, json or html)", s)
}

// Options tune the human reports.
type Options struct {
	// Color enables terminal emphasis.
	Color bool
	// Removed lists every removed line instead of counting them.
	Removed bool
}

// Write writes the analysis in the given format.
func Write(w io.Writer, an *storyfold.Analysis, f Format, opts Options) error {
	switch f {
	case JSON:
		return WriteJSON(w, an)
	case Markdown:
		return writeMarkdown(w, an, opts)
	case HTML:
		return writeHTML(w, an)
	default:
		return writeText(w, an, opts)
	}
}

// WriteJSON writes the JSON contract, indented, with every list present.
// Each story carries, beside its own fields, "outlets": its outlet count
// as every other output gives it (Outlets), which its "sources" (the
// known outlets' names) may fall short of.
func WriteJSON(w io.Writer, an *storyfold.Analysis) error {
	arts := byID(an)
	return streamJSON(w, len(an.Articles), func(i int) any { return &an.Articles[i] },
		len(an.Stories), func(i int) any {
			st := an.Stories[i]
			return &StoryJSON{Story: st, Outlets: Outlets(st, arts)}
		})
}

// WriteStoriesJSON writes stories without their articles in the JSON
// contract's shape (an empty "articles"), each with its outlet count
// (outlets, by index), which the caller counted from the articles' heads.
func WriteStoriesJSON(w io.Writer, stories []*storyfold.Story, outlets []int) error {
	return streamJSON(w, 0, nil, len(stories), func(i int) any {
		return &StoryJSON{Story: stories[i], Outlets: outlets[i]}
	})
}

// StoryJSON is a story as the JSON outputs write it (analyze's report and
// the server's API): the story's fields and its outlet count, which the
// stored story does not hold.
type StoryJSON struct {
	*storyfold.Story
	// Outlets counts the story's distinct outlets (storyfold.CountOutlets):
	// each known outlet once, each article of unknown outlet as one.
	Outlets int `json:"outlets"`
}

// byID indexes the analysis's articles.
func byID(an *storyfold.Analysis) map[string]*storyfold.Article {
	m := make(map[string]*storyfold.Article, len(an.Articles))
	for i := range an.Articles {
		m[an.Articles[i].ID] = &an.Articles[i]
	}
	return m
}

// removedSummary counts an article's removals by reason, in the order the
// reasons first appear.
func removedSummary(a *storyfold.Article) string {
	if len(a.Removed) == 0 {
		return ""
	}
	counts := map[storyfold.RemovalReason]int{}
	var order []storyfold.RemovalReason
	for _, r := range a.Removed {
		if counts[r.Reason] == 0 {
			order = append(order, r.Reason)
		}
		counts[r.Reason]++
	}
	parts := make([]string, len(order))
	for i, r := range order {
		parts[i] = fmt.Sprintf("%s ×%d", r, counts[r])
	}
	return strings.Join(parts, ", ")
}

// DateRange writes a story's first and last dates for people: one day, a
// range, or "dates unknown".
func DateRange(first, last storyfold.Date) string {
	switch {
	case !first.Known():
		return "dates unknown"
	case first.Format("2006-01-02") == last.Format("2006-01-02"):
		return first.Format("2006-01-02")
	}
	return first.Format("2006-01-02") + " – " + last.Format("2006-01-02")
}

// terminalSafe removes control characters (escape sequences included) from
// untrusted text before it reaches a terminal, and cuts it to max runes.
func terminalSafe(s string, max int) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if r == '\n' || r == '\t' {
			r = ' '
		}
		if unicode.IsControl(r) || r == utf8.RuneError || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			continue
		}
		if max > 0 && n >= max {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// Plural writes a count with its noun in the number it takes: "1
// story", "2 stories".
func Plural(n int, one, many string) string { return plural(n, one, many) }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// storyArticles returns a story's articles in its order.
func storyArticles(st *storyfold.Story, arts map[string]*storyfold.Article) []*storyfold.Article {
	out := make([]*storyfold.Article, 0, len(st.Articles))
	for _, id := range st.Articles {
		if a := arts[id]; a != nil {
			out = append(out, a)
		}
	}
	return out
}

// maxPeople bounds the people a report lists per story, and maxSpeakers
// and maxStatements the rows of who said what and the statements under
// each; the JSON output has them all.
const (
	maxPeople     = 10
	maxSpeakers   = 8
	maxStatements = 3
)

// mainPeople returns the people of a story named by the most articles.
func mainPeople(st *storyfold.Story) []storyfold.Entity {
	var out []storyfold.Entity
	for _, e := range st.Entities {
		if e.Type == storyfold.EntityPerson && len(out) < maxPeople {
			out = append(out, e)
		}
	}
	return out
}

// speakerRow is one row of who said what: a speaker (the story's entity)
// and their statements, the most widely given first.
type speakerRow struct {
	Speaker string
	// Articles counts the articles that carry any of their statements.
	Articles int
	Quotes   []storyfold.Quote
	// More counts their statements left out under maxStatements.
	More int
}

// whoSaidWhat gathers the story's statements with a speaker into one row
// per speaker, the speakers most articles carry first, and returns at most
// maxSpeakers rows and how many speakers it left out. A quote that is not
// a statement (quote.IsStatement: a word or two, a scare quote) is left
// out of it, though the story's quote groups keep it.
func whoSaidWhat(st *storyfold.Story) (rows []speakerRow, more int) {
	at := map[string]int{}
	// The articles that carry a speaker's statements, as a set of bits
	// over the articles' numbers (number, in order of first sight): a map
	// of articles a speaker cost more than the rest of the view.
	number := make(map[string]int, len(st.Articles))
	for _, a := range st.Articles {
		if _, ok := number[a]; !ok {
			number[a] = len(number)
		}
	}
	var carried [][]uint64
	for i := range st.Quotes {
		q := &st.Quotes[i]
		if q.Speaker == "" || !quote.IsStatement(q) {
			continue
		}
		k, ok := at[q.Speaker]
		if !ok {
			k = len(rows)
			at[q.Speaker] = k
			rows = append(rows, speakerRow{Speaker: q.Speaker})
			carried = append(carried, nil)
		}
		for _, a := range q.Articles {
			n, ok := number[a]
			if !ok {
				n = len(number)
				number[a] = n
			}
			if w := n / 64; w >= len(carried[k]) {
				carried[k] = append(carried[k], make([]uint64, w+1-len(carried[k]))...)
			}
			carried[k][n/64] |= 1 << (n % 64)
		}
		if len(rows[k].Quotes) < maxStatements {
			rows[k].Quotes = append(rows[k].Quotes, *q)
		} else {
			rows[k].More++
		}
	}
	for k := range rows {
		for _, w := range carried[k] {
			rows[k].Articles += bits.OnesCount64(w)
		}
	}
	// Stable: among speakers as widely carried, the one whose statement
	// is the more widely given stays first.
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Articles > rows[j].Articles })
	if len(rows) > maxSpeakers {
		return rows[:maxSpeakers], len(rows) - maxSpeakers
	}
	return rows, 0
}

// marks puts a quote group's wording in quotation marks when it is words
// in quotation marks; speech given without them (", said Hegseth") and
// reported speech ("Hegseth said that ...") are printed as they are.
func marks(q *storyfold.Quote, text string) string {
	if q.Direct() {
		return "“" + text + "”"
	}
	return text
}

// altered lists the articles whose wording of a quote differs from the
// canonical one, with how.
func altered(q storyfold.Quote) []storyfold.Variant {
	var out []storyfold.Variant
	for _, v := range q.Variants {
		if v.Diff != "" {
			out = append(out, v)
		}
	}
	return out
}
