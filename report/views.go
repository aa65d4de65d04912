package report

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/storyfold/storyfold"
)

// The views are what the HTML templates show: plain strings and numbers,
// worked out here so the templates stay declarative and every value
// reaches them as text for html/template to escape.

// ArticleRef is an article as a story cites it.
type ArticleRef struct {
	Label  int // its number in the story, for citations
	ID     string
	Title  string
	Source string
	Date   string
	Href   string
}

// Cite links a summary sentence to an article's sentence.
type Cite struct {
	Label int
	Href  string
}

// SummaryView is one summary sentence with its citations.
type SummaryView struct {
	Text  string
	Part  string
	Cites []Cite
}

// HeatCell is one article's relation to one fact.
type HeatCell struct {
	Kind string // reports, omits, contradicts
	// Mark is what the cell shows: a symbol for its kind, with the kind's
	// name for screen readers. It is markup of ours, never article text, so
	// it is kept whole to spare the page two escaped actions per cell.
	Mark  template.HTML
	Title string
}

// HeatRow is a fact and, per article, whether it reports it.
type HeatRow struct {
	Text    string
	Sources int
	Cells   []HeatCell
}

// ConflictView is a conflict with its claims.
type ConflictView struct {
	Kind, Description, Majority string
	Claims                      []ClaimView
}

// ClaimView is one side of a conflict in one article.
type ClaimView struct {
	Article ArticleRef
	Value   string
	Text    string
	Href    string
}

// Segment is a piece of a quote variant: unchanged, omitted or added.
type Segment struct {
	Text string
	Kind string // same, del, ins
}

// QuoteView is a quote group with its variants.
type QuoteView struct {
	Speaker  string
	Text     string
	Articles int
	Variants []VariantView
}

// VariantView is one article's wording of a quote.
type VariantView struct {
	Article  ArticleRef
	Segments []Segment
	Altered  bool
}

// EntityView is a person, organisation or place of a story.
type EntityView struct {
	Name, Type, Roles, Aliases string
	Articles                   int
}

// EventView is a dated event of the timeline.
type EventView struct {
	Date, Text string
	Articles   []ArticleRef
}

// FamilyView is a family of articles with its evidence.
type FamilyView struct {
	Kind     string
	Articles []ArticleRef
	Evidence []string
	Agency   string // the news agency every member credits, or ""
}

// StoryView is everything a story page shows.
type StoryView struct {
	ID, Headline, Href string
	Dates              string
	Count              int // articles
	Sources            []string
	Articles           []ArticleRef
	Independent        int
	Summary            []SummaryView
	Heatmap            []HeatRow
	Conflicts          []ConflictView
	Families           []FamilyView
	Quotes             []QuoteView
	Entities           []EntityView
	Timeline           []EventView
	Graph              Graph
}

// SentenceView is one sentence of an article, marked by what the other
// outlets make of it.
type SentenceView struct {
	ID    string
	Text  string
	Class string // shared, exclusive, conflict, or ""
	Note  string
}

// ArticleView is everything an article page shows.
type ArticleView struct {
	Ref       ArticleRef
	Story     string
	StoryHref string
	URL       string
	Byline    string
	Dateline  string
	Agencies  string // the news agencies the article credits, joined
	Language  string
	// Paragraphs hold the article's sentences, paragraph by paragraph.
	Paragraphs [][]SentenceView
	Removed    []storyfold.Removal
}

// Hrefs builds the links between views: in the single-file report they are
// anchors in one page, on the server paths.
type Hrefs struct {
	Story   func(id string) string
	Article func(id string) string
	// Sentence links to the article's sentence that starts at the byte
	// offset start.
	Sentence func(article string, start int) string
}

// AnchorHrefs links within one page.
var AnchorHrefs = Hrefs{
	Story:    func(id string) string { return "#story-" + id },
	Article:  func(id string) string { return "#article-" + id },
	Sentence: func(a string, start int) string { return "#" + SentenceID(a, start) },
}

// SentenceID is the anchor of an article's sentence in every view. It
// names the sentence by its byte offset, which the story keeps for every
// sentence it cites, so a story's views link to sentences without reading
// the articles' texts.
func SentenceID(article string, start int) string {
	return "article-" + article + "-at" + strconv.Itoa(start)
}

// NewStoryView builds a story page's view.
func NewStoryView(st *storyfold.Story, arts map[string]*storyfold.Article, h Hrefs) StoryView {
	v := StoryView{ID: st.ID, Headline: st.Headline, Href: h.Story(st.ID), Dates: DateRange(st.First, st.Last), Count: len(st.Articles),
		Sources: sortedSources(st, arts), Independent: st.IndependentSources}
	refs := map[string]ArticleRef{}
	for i, id := range st.Articles {
		r := ArticleRef{Label: i + 1, ID: id, Href: h.Article(id)}
		if a := arts[id]; a != nil {
			r.Title, r.Source, r.Date = a.Title, sourceName(a), a.Date.String()
			if len(r.Date) > 10 {
				r.Date = r.Date[:10]
			}
		}
		refs[id] = r
		v.Articles = append(v.Articles, r)
	}
	// A citation links to the sentence of the cited article that says it;
	// stories stored before summaries kept their citations link to the
	// article.
	for _, s := range st.Summary {
		sv := SummaryView{Text: s.Text, Part: s.Part}
		for _, id := range s.Articles {
			href := h.Article(id)
			for _, c := range s.Cites {
				if c.Article == id {
					href = h.Sentence(id, c.Sentence.Start)
					break
				}
			}
			sv.Cites = append(sv.Cites, Cite{Label: refs[id].Label, Href: href})
		}
		v.Summary = append(v.Summary, sv)
	}
	// The heatmap: a fact per row, an article per column.
	contradicts := map[[2]string]bool{}
	for _, c := range st.Conflicts {
		for _, cl := range c.Claims {
			contradicts[[2]string{cl.Article, cl.Text}] = true
		}
	}
	for i, f := range st.Facts {
		if i == maxHeatmapFacts {
			break
		}
		row := HeatRow{Text: f.Text, Sources: f.Sources}
		for _, id := range st.Articles {
			cell := HeatCell{Kind: "omits", Mark: cellMarks["omits"], Title: fmt.Sprintf("[%d] does not report this", refs[id].Label)}
			for _, fv := range f.Variants {
				if fv.Article != id {
					continue
				}
				// The row shows the fact's words; a cell shows its
				// article's only where they differ.
				cell = HeatCell{Kind: "reports", Mark: cellMarks["reports"], Title: fmt.Sprintf("[%d] reports this", refs[id].Label)}
				if fv.Text != f.Text {
					cell.Title = fmt.Sprintf("[%d]: %s", refs[id].Label, fv.Text)
				}
				for k := range contradicts {
					if k[0] == id && (strings.Contains(k[1], fv.Text) || strings.Contains(fv.Text, k[1])) {
						cell.Kind, cell.Mark = "contradicts", cellMarks["contradicts"]
					}
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		v.Heatmap = append(v.Heatmap, row)
	}
	for _, c := range st.Conflicts {
		cv := ConflictView{Kind: c.Kind, Description: c.Description, Majority: c.Majority}
		for _, cl := range c.Claims {
			href := h.Article(cl.Article)
			if cl.Sentence.End > 0 {
				href = h.Sentence(cl.Article, cl.Sentence.Start)
			}
			cv.Claims = append(cv.Claims, ClaimView{Article: refs[cl.Article], Value: cl.Value, Text: cl.Text, Href: href})
		}
		v.Conflicts = append(v.Conflicts, cv)
	}
	for _, f := range st.Families {
		fv := FamilyView{Kind: f.Kind, Evidence: f.Evidence, Agency: f.Agency}
		for _, id := range f.Articles {
			fv.Articles = append(fv.Articles, refs[id])
		}
		v.Families = append(v.Families, fv)
	}
	for _, q := range attributedQuotes(st) {
		qv := QuoteView{Speaker: q.Speaker, Text: q.Text, Articles: len(q.Articles)}
		for _, variant := range q.Variants {
			segs := diffSegments(variant.Diff)
			if variant.Diff == "" {
				segs = []Segment{{Text: variant.Text, Kind: "same"}}
			}
			qv.Variants = append(qv.Variants, VariantView{Article: refs[variant.Article], Segments: segs, Altered: variant.Diff != ""})
		}
		v.Quotes = append(v.Quotes, qv)
	}
	for _, e := range st.Entities {
		if len(v.Entities) == maxEntities {
			break
		}
		v.Entities = append(v.Entities, EntityView{Name: e.Name, Type: e.Type, Roles: strings.Join(e.Roles, "; "),
			Aliases: strings.Join(e.Aliases, ", "), Articles: len(e.Articles)})
	}
	for _, ev := range st.Timeline {
		e := EventView{Date: ev.Date.String(), Text: ev.Text}
		if len(e.Date) > 10 {
			e.Date = e.Date[:10]
		}
		switch ev.Granularity {
		case "month":
			e.Date = e.Date[:7]
		case "year":
			e.Date = e.Date[:4]
		}
		for _, id := range ev.Articles {
			e.Articles = append(e.Articles, refs[id])
		}
		v.Timeline = append(v.Timeline, e)
	}
	v.Graph = provenanceGraph(st, refs)
	return v
}

// cellMarks are the heatmap's cell contents by kind.
var cellMarks = map[string]template.HTML{
	"reports":     `✓<span class="visually-hidden"> reports</span>`,
	"omits":       `·<span class="visually-hidden"> omits</span>`,
	"contradicts": `✗<span class="visually-hidden"> contradicts</span>`,
}

// Bounds of a story page.
const (
	maxHeatmapFacts = 20
	maxEntities     = 16
)

// diffSegments splits a wdiff-style diff ("a [-b-] {+c+} d") into
// unchanged, omitted and added pieces.
func diffSegments(diff string) []Segment {
	var out []Segment
	for diff != "" {
		del, ins := strings.Index(diff, "[-"), strings.Index(diff, "{+")
		next, open, close, kind := -1, "", "", ""
		switch {
		case del >= 0 && (ins < 0 || del < ins):
			next, open, close, kind = del, "[-", "-]", "del"
		case ins >= 0:
			next, open, close, kind = ins, "{+", "+}", "ins"
		}
		if next < 0 {
			out = append(out, Segment{Text: diff, Kind: "same"})
			break
		}
		if next > 0 {
			out = append(out, Segment{Text: diff[:next], Kind: "same"})
		}
		rest := diff[next+len(open):]
		end := strings.Index(rest, close)
		if end < 0 {
			out = append(out, Segment{Text: rest, Kind: kind})
			break
		}
		out = append(out, Segment{Text: rest[:end], Kind: kind})
		diff = rest[end+len(close):]
	}
	return out
}

// NewArticleView builds an article page's view: its sentences marked
// shared (another outlet reports the same fact), exclusive, or in
// conflict.
func NewArticleView(a *storyfold.Article, st *storyfold.Story, h Hrefs) ArticleView {
	v := ArticleView{URL: a.URL, Byline: a.Byline, Dateline: a.Dateline, Agencies: strings.Join(a.Agencies, ", "), Language: a.Language, Removed: a.Removed}
	v.Ref = ArticleRef{ID: a.ID, Title: a.Title, Source: sourceName(a), Date: a.Date.String(), Href: h.Article(a.ID)}
	if len(v.Ref.Date) > 10 {
		v.Ref.Date = v.Ref.Date[:10]
	}
	class := make([]string, len(a.Sentences))
	note := make([]string, len(a.Sentences))
	if st != nil {
		v.Story, v.StoryHref = st.Headline, h.Story(st.ID)
		for i, id := range st.Articles {
			if id == a.ID {
				v.Ref.Label = i + 1
			}
		}
		mark := func(span storyfold.Span, c, n string) {
			for i, s := range a.Sentences {
				if span.Start < s.End && span.End > s.Start && (class[i] == "" || c == "conflict") {
					class[i], note[i] = c, n
				}
			}
		}
		for _, f := range st.Facts {
			for _, fv := range f.Variants {
				if fv.Article == a.ID && fv.Sentence != nil {
					mark(*fv.Sentence, "shared", plural(len(f.Articles)-1, "other article reports this", "other articles report this"))
				}
			}
		}
		for _, x := range st.Exclusive {
			if x.Article == a.ID {
				if k := strings.Index(a.Text, x.Text); k >= 0 {
					mark(storyfold.Span{Start: k, End: k + len(x.Text)}, "exclusive", "only this article reports this")
				}
			}
		}
		for _, c := range st.Conflicts {
			for _, cl := range c.Claims {
				if cl.Article == a.ID && cl.Sentence.End > 0 {
					mark(cl.Sentence, "conflict", c.Description)
				}
			}
		}
	}
	p := -1
	for i, s := range a.Sentences {
		if np := paragraphIndex(a, s.Start); np != p || len(v.Paragraphs) == 0 {
			v.Paragraphs = append(v.Paragraphs, nil)
			p = np
		}
		last := len(v.Paragraphs) - 1
		v.Paragraphs[last] = append(v.Paragraphs[last], SentenceView{ID: SentenceID(a.ID, s.Start), Text: a.Text[s.Start:s.End], Class: class[i], Note: note[i]})
	}
	return v
}

func paragraphIndex(a *storyfold.Article, pos int) int {
	for i, p := range a.Paragraphs {
		if pos >= p.Start && pos < p.End {
			return i
		}
	}
	return -1
}
