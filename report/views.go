package report

import (
	"html/template"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/storyfold/storyfold"
)

// The views are what the HTML templates show: plain strings and numbers,
// worked out here so the templates stay declarative and every value
// reaches them as text for html/template to escape.

// ArticleRef is an article as a story cites it.
type ArticleRef struct {
	Label int // its number in the story, for citations
	ID    string
	Title string
	// Source names the article's outlet for a reader (OutletLabel), and
	// Short abbreviates it for a column's head.
	Source string
	Short  string
	Date   string
	Href   string
	// Link is the article's own address, when a reader may follow it.
	Link string
}

// Cite links a summary sentence or a timeline entry to an article's
// sentence.
type Cite struct {
	Label int
	Href  string
	// Outlet names the cited article's outlet, for the link's tooltip.
	Outlet string
	// Sub tells apart the sentences of one article a timeline entry cites
	// ("a", "b", ...), "" when the entry cites one sentence of it.
	Sub string
	// Tag is the citation as the page writes it, Label then Sub ("3b"),
	// one value for the template instead of two (Number sets it).
	Tag string
}

// Cites are the citations of a summary sentence or a timeline entry.
type Cites []Cite

// citeFragment is a citation's link.
var citeFragment = sync.OnceValue(func() *fragment { return newFragment("cite", 3) })

// writeTo writes the citations' links, as the template "cite" writes
// each (see fragment), when the page is rendered, after any relabelling
// of the articles.
func (cs Cites) writeTo(b *htmlBuf) {
	f := citeFragment()
	for _, c := range cs {
		f.writeTo(b, c.Href, c.Outlet, c.Tag)
	}
}

// Number sets the citation's Label, and its Tag with it.
func (c *Cite) Number(label int) {
	c.Label, c.Tag = label, strconv.Itoa(label)+c.Sub
}

// SummaryView is one summary sentence with its citations.
type SummaryView struct {
	Text  string
	Part  string
	Cites Cites
	// Apart is set on a sentence the sources do not agree on, which the
	// page labels with its part's name (PartName).
	Apart    bool
	PartName string
}

// Consensus reports whether the sentence is one the sources agree on, which
// the page shows without a part label; the template asks this rather than
// spelling the part's name, so the name lives in one place.
func (v SummaryView) Consensus() bool {
	return storyfold.SummaryPart(v.Part) == storyfold.SummaryConsensus
}

// HeatCell is one article's relation to one fact.
type HeatCell struct {
	Kind string // reports, omits, contradicts
	// Mark is what the cell shows: a symbol for its kind, with the kind's
	// name for screen readers. It is markup of ours, never article text, so
	// it is kept whole to spare the page two escaped actions per cell.
	Mark  template.HTML
	Title string
	// Href links to the sentence the article first states the fact in,
	// "" when it does not report it.
	Href string
	// Again counts the article's restatements of the fact (its other
	// sentences that say it again) and AgainHref links to the first.
	Again     int
	AgainHref string
}

// HeatRow is a fact and, per article, whether it reports it.
type HeatRow struct {
	Text    string
	Sources int
	// Cross says the fact is aligned across languages, by the names,
	// figures and days its sentences share (storyfold.Fact's
	// CrossLanguage).
	Cross bool
	Cells []HeatCell
	// Wordings are the sentences that state the fact, each article's
	// first wording followed by its restatements, so a reader can compare
	// the outlets' words and find every place an article says it.
	Wordings []WordingView
	// Again counts the restatements among the wordings.
	Again int
	// Tally counts the wordings and restatements in words ("3 wordings,
	// 1 restatement") where the row lists them (more than one wording,
	// or any restatement), "" where it does not.
	Tally string
}

// Cell fragments: a cell's opening tag, the link to its sentence, its
// restatements' link.
var cellFragments = sync.OnceValue(func() [3]*fragment {
	return [3]*fragment{newFragment("cellOpen", 2), newFragment("cellLink", 1), newFragment("cellAgain", 3)}
})

// writeCells writes the row's cells, each as the template of a cell
// wrote it (TestHeatCells), its kind, title and addresses through
// fragments (see fragment), its mark, markup of ours, as it is: four to
// eleven escaped actions a cell, the bulk of a large story's page. It
// reads Cells when the page is rendered, after any relabelling of the
// articles.
func (r HeatRow) writeCells(b *htmlBuf) {
	fs := cellFragments()
	for i := range r.Cells {
		c := &r.Cells[i]
		fs[0].writeTo(b, c.Kind, c.Title)
		if c.Href != "" {
			fs[1].writeTo(b, c.Href)
			b.WriteString(string(c.Mark))
			b.WriteString(`</a>`)
		} else {
			b.WriteString(string(c.Mark))
		}
		if c.Again > 0 {
			s := "s"
			if c.Again == 1 {
				s = ""
			}
			fs[2].writeTo(b, c.AgainHref, strconv.Itoa(c.Again), s)
		}
		b.WriteString(`</td>`)
	}
}

// WordingGroup is one wording of a fact with every sentence that gives it
// word for word: rewrites of one report repeat a sentence across dozens of
// articles, and listing it once with all its citations keeps a large
// story's page small.
type WordingGroup struct {
	Text  string
	Again bool
	Cites []WordingView
}

// Distinct groups the row's wordings by their text (restatements apart),
// in the order each text first comes. It reads Wordings when the page is
// rendered, after any relabelling of the articles.
func (r HeatRow) Distinct() []WordingGroup {
	out := make([]WordingGroup, 0, len(r.Wordings))
	type key struct {
		text  string
		again bool
	}
	at := make(map[key]int, len(r.Wordings))
	for _, w := range r.Wordings {
		k := key{w.Text, w.Again}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, WordingGroup{Text: w.Text, Again: w.Again})
		}
		out[i].Cites = append(out[i].Cites, w)
	}
	return out
}

// wordingFragment is a link to a fact's wording.
var wordingFragment = sync.OnceValue(func() *fragment { return newFragment("wordingCite", 2) })

// textFragment writes text.
func textFragment() *fragment { return segmentFragments()[0] }

// writeWordings writes the row's wordings, grouped by their text
// (Distinct), each with the links to its sentences (see fragment).
func (r HeatRow) writeWordings(b *htmlBuf) {
	if len(r.Wordings) > maxScannedWordings {
		writeGroups(b, r.Distinct())
		return
	}
	// Few wordings, as on a page of at most 25 articles: grouped by
	// comparing each with those after it, with no map nor group built.
	f, text := wordingFragment(), textFragment()
	var done [maxScannedWordings]bool
	for i := range r.Wordings {
		if done[i] {
			continue
		}
		g := &r.Wordings[i]
		openWording(b, g.Again)
		for j := i; j < len(r.Wordings); j++ {
			if w := &r.Wordings[j]; !done[j] && w.Again == g.Again && w.Text == g.Text {
				done[j] = true
				f.writeTo(b, w.Href, strconv.Itoa(w.Article.Label))
			}
		}
		closeWording(b, text, g.Again, g.Text)
	}
}

// openWording opens a wording's list item, marked when it is a
// restatement within one article.
func openWording(b *htmlBuf, again bool) {
	if again {
		b.WriteString(`<li class="again">`)
	} else {
		b.WriteString(`<li>`)
	}
}

// closeWording writes a wording's text after its links and closes its
// list item.
func closeWording(b *htmlBuf, text *fragment, again bool, s string) {
	if again {
		b.WriteString(` <span class="part">again</span>`)
	}
	b.WriteByte(' ')
	text.writeTo(b, s)
	b.WriteString(`</li>`)
}

// maxScannedWordings is the most wordings writeWordings groups by
// comparing them pairwise; past it, by a map (Distinct).
const maxScannedWordings = 64

// writeGroups writes a row's wordings grouped by their text (Distinct).
func writeGroups(b *htmlBuf, groups []WordingGroup) {
	f, text := wordingFragment(), textFragment()
	for _, g := range groups {
		openWording(b, g.Again)
		for _, w := range g.Cites {
			f.writeTo(b, w.Href, strconv.Itoa(w.Article.Label))
		}
		closeWording(b, text, g.Again, g.Text)
	}
}

// HeatmapHTML writes the heatmap's rows, a fact each with its wordings
// and cells (see fragment). It reads them when the page is rendered,
// after any relabelling of the articles.
func (v StoryView) HeatmapHTML() template.HTML {
	text := textFragment()
	b := newHTMLBuf()
	for _, r := range v.Heatmap {
		b.WriteString("\n      <tr><td>")
		text.writeTo(b, r.Text)
		if r.Cross {
			b.WriteString(` <span class="part" title="aligned by the names, figures and dates the sentences share, each in its own language">across languages</span>`)
		}
		if r.Tally != "" {
			b.WriteString("\n        <details class=\"wordings\"><summary>")
			text.writeTo(b, r.Tally)
			b.WriteString("</summary>\n          <ul>")
			r.writeWordings(b)
			b.WriteString("</ul></details>")
		}
		b.WriteString("</td><td>")
		text.writeTo(b, strconv.Itoa(r.Sources))
		b.WriteString("</td>\n      ")
		r.writeCells(b)
		b.WriteString("</tr>\n    ")
	}
	return b.done()
}

// partFragment is a summary sentence's label.
var partFragment = sync.OnceValue(func() *fragment { return newFragment("part", 2) })

// SummaryHTML writes the summary's sentences, each with its label where
// the sources do not agree on it and its citations (see fragment). It
// reads them when the page is rendered, after any relabelling.
func (v StoryView) SummaryHTML() template.HTML {
	text, part := textFragment(), partFragment()
	b := newHTMLBuf()
	for _, s := range v.Summary {
		b.WriteString("\n    <li>")
		if s.Apart {
			part.writeTo(b, s.Part, s.PartName)
		}
		text.writeTo(b, s.Text)
		b.WriteString("\n      ")
		s.Cites.writeTo(b)
		b.WriteString("</li>\n    ")
	}
	return b.done()
}

// timeFragments write a timeline entry's date, shown or (the entry
// before has the same) hidden.
var timeFragments = sync.OnceValue(func() [2]*fragment {
	return [2]*fragment{newFragment("time", 1), newFragment("timeHidden", 1)}
})

// TimelineHTML writes the timeline's entries, each with its date, its
// text and its citations (see fragment). It reads them when the page is
// rendered, after any relabelling of the articles.
func (v StoryView) TimelineHTML() template.HTML {
	fs, text := timeFragments(), textFragment()
	b := newHTMLBuf()
	for _, e := range v.Timeline {
		t := fs[0]
		if e.SameDate {
			b.WriteString(`<li class="same-date">`)
			t = fs[1]
		} else {
			b.WriteString(`<li>`)
		}
		if e.Date != "" {
			t.writeTo(b, e.Date)
		}
		b.WriteString("\n      <p>")
		text.writeTo(b, e.Text)
		b.WriteByte(' ')
		e.Cites.writeTo(b)
		b.WriteString("</p></li>\n    ")
	}
	return b.done()
}

// WordingView is one sentence that states a fact.
type WordingView struct {
	Article ArticleRef
	Text    string
	Href    string
	// Again is true for a restatement: the article has said the fact in
	// an earlier wording.
	Again bool
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
	// Del and Ins tell the kinds apart for the template, which would
	// call a function a segment to compare Kind.
	Del, Ins bool
}

// segment is a piece of a quote variant of the given kind.
func segment(text, kind string) Segment {
	return Segment{Text: text, Kind: kind, Del: kind == "del", Ins: kind == "ins"}
}

// SpeakerView is one row of who said what: a speaker with their
// statements, Quotes[From:To] of the story's view, so that every quote's
// variants stay in one list.
type SpeakerView struct {
	Speaker  string
	Articles int // articles carrying any of their statements
	// Count is Articles in words ("3 articles").
	Count    string
	From, To int
	More     int // statements not listed
}

// QuoteView is a quote group with its variants.
type QuoteView struct {
	Speaker  string
	Text     string
	Direct   bool // words in quotation marks, printed in them
	Articles int
	// Count is Articles in words ("3 articles").
	Count    string
	Variants []VariantView
}

// VariantView is one article's wording of a quote.
type VariantView struct {
	Article  ArticleRef
	Segments []Segment
	Altered  bool
}

// segmentFragments write a quote's unchanged, omitted and added pieces.
var segmentFragments = sync.OnceValue(func() [3]*fragment {
	return [3]*fragment{newFragment("segSame", 1), newFragment("segDel", 1), newFragment("segIns", 1)}
})

// SegmentsHTML writes the variant's pieces, as the templates "segSame",
// "segDel" and "segIns" write each (see fragment).
func (v VariantView) SegmentsHTML() template.HTML {
	b := newHTMLBuf()
	v.writeSegments(b)
	return b.done()
}

// writeSegments writes the variant's pieces to b (SegmentsHTML).
func (v VariantView) writeSegments(b *htmlBuf) {
	fs := segmentFragments()
	for _, s := range v.Segments {
		f := fs[0]
		switch {
		case s.Del:
			f = fs[1]
		case s.Ins:
			f = fs[2]
		}
		f.writeTo(b, s.Text)
	}
}

// EntityView is a person, organisation or place of a story.
type EntityView struct {
	Name, Type, Roles, Aliases string
	Articles                   int
}

// EventView is a dated event of the timeline.
type EventView struct {
	// Date is written as precisely as the articles give it (2025-02-12,
	// 2025-02 or 2025), which is also a valid <time> datetime.
	Date, Text string
	Articles   []ArticleRef
	// Cites link to every sentence that dates the event, by article; an
	// entry stored before timelines kept their sentences cites its
	// articles.
	Cites Cites
	// SameDate is true when the entry before has the same date, which the
	// timeline then shows once.
	SameDate bool
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
	// Sources names the story's outlets, the busiest first, and Coverage
	// counts their articles for a bar; a list of stories may give its
	// sources without their counts (Coverage empty).
	Sources  []string
	Coverage Coverage
	// Outlets is the story's outlet count (Outlets), the same in every
	// output; Sources may name fewer on a list that has not read them.
	Outlets int
	// Languages is the story's languages as a line (LanguagesLine): "en",
	// or "de 3, en 2"; "" when none is known.
	Languages string
	// Blindspot, on a list of one-sided stories, names the side that
	// covered the story ("lean right"), "" elsewhere.
	Blindspot string
	// Updated is the date of the story's latest article, "" when unknown.
	Updated     string
	Articles    []ArticleRef
	Independent int
	Summary     []SummaryView
	Heatmap     []HeatRow
	Conflicts   []ConflictView
	Families    []FamilyView
	// Quotes are the statements of who said what, speaker by speaker;
	// Speakers are its rows, and MoreSpeakers counts the speakers left out.
	Quotes       []QuoteView
	Speakers     []SpeakerView
	MoreSpeakers int
	Entities     []EntityView
	Timeline     []EventView
	// Axis draws the dated entries of the timeline on a line of days.
	Axis  TimeAxis
	Graph Graph
	// Omitted says what the account left out to stay under its size
	// bound ("1,234 more quote groups"), "" when nothing.
	Omitted string
	// Stale is set while articles that joined the story wait for its
	// account to be rebuilt (see staleNotice).
	Stale bool
}

// headFragments write a column's head of the heatmap, without and with
// its article's title.
var headFragments = sync.OnceValue(func() [2]*fragment {
	return [2]*fragment{newFragment("colHead", 4), newFragment("colHeadTitled", 5)}
})

// HeadsHTML writes the heatmap's column heads, an article each, as the
// templates "colHead" and "colHeadTitled" write each (see fragment). It
// reads Articles when the page is rendered, after any relabelling.
func (v StoryView) HeadsHTML() template.HTML {
	fs := headFragments()
	b := newHTMLBuf()
	for _, r := range v.Articles {
		label := strconv.Itoa(r.Label)
		if r.Title == "" {
			fs[0].writeTo(b, r.Href, label, r.Source, r.Short)
		} else {
			fs[1].writeTo(b, r.Href, label, r.Source, r.Short, r.Title)
		}
	}
	return b.done()
}

// listFragments write a row of the entities' table, an item of the
// articles' list and its link to the original.
var listFragments = sync.OnceValue(func() [3]*fragment {
	return [3]*fragment{newFragment("entity", 5), newFragment("articleItem", 4), newFragment("sourceLink", 1)}
})

// EntitiesHTML writes the entities' rows (see fragment).
func (v StoryView) EntitiesHTML() template.HTML {
	f := listFragments()[0]
	b := newHTMLBuf()
	for _, e := range v.Entities {
		f.writeTo(b, e.Name, e.Type, e.Roles, e.Aliases, strconv.Itoa(e.Articles))
	}
	return b.done()
}

// ArticlesHTML writes the list of the story's articles (see fragment).
// It reads them when the page is rendered, after any relabelling.
func (v StoryView) ArticlesHTML() template.HTML {
	fs, text := listFragments(), textFragment()
	b := newHTMLBuf()
	for _, r := range v.Articles {
		name := r.Title
		if name == "" {
			name = r.ID
		}
		fs[1].writeTo(b, strconv.Itoa(r.Label), r.Href, name, r.Source)
		if r.Date != "" {
			b.WriteString(" · ")
			text.writeTo(b, r.Date)
		}
		b.WriteString(`</span>`)
		if r.Link != "" {
			fs[2].writeTo(b, r.Link)
		}
		b.WriteString(`</li>`)
	}
	return b.done()
}

// SentenceView is one sentence of an article, marked by what the other
// outlets make of it.
type SentenceView struct {
	ID    string
	Text  string
	Class string // shared, exclusive, conflict, or ""
	Note  string
	// Anchors are the other places in the sentence a story's view links
	// to: a fact's clause or a claim that starts inside it.
	Anchors []string
}

// ArticleView is everything an article page shows.
type ArticleView struct {
	Ref       ArticleRef
	Story     string
	StoryHref string
	URL       string
	// Link is URL when it is a web address a reader may follow, else "".
	Link     string
	Byline   string
	Dateline string
	Agencies string // the news agencies the article credits, joined
	Language string
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
	return NewWindowView(st, arts, h, StoryTotals{Count: len(st.Articles), Coverage: storyCoverage(st, arts),
		Outlets: Outlets(st, arts), Languages: storyfold.LanguagesLine(Languages(st, arts))})
}

// StoryTotals are what a story's view says of the whole story: its
// article count, its outlets' coverage, its outlet count and its
// languages (LanguagesLine).
type StoryTotals struct {
	Count     int
	Coverage  Coverage
	Outlets   int
	Languages string
}

// NewWindowView builds the view of st, a window of a story's articles,
// saying of the whole story what totals give: a server's page counts
// them over all the story's articles, which arts does not hold, so they
// are not counted over the window's for nothing.
func NewWindowView(st *storyfold.Story, arts map[string]*storyfold.Article, h Hrefs, totals StoryTotals) StoryView {
	v := StoryView{ID: st.ID, Headline: st.Headline, Href: h.Story(st.ID), Dates: DateRange(st.First, st.Last), Count: totals.Count,
		Independent: st.IndependentSources, Omitted: Omitted(st.Omitted), Stale: st.Stale}
	if st.Last.Known() {
		v.Updated = st.Last.Format("2006-01-02")
	}
	v.Coverage = totals.Coverage
	v.Sources = v.Coverage.Names()
	v.Outlets = totals.Outlets
	v.Languages = totals.Languages
	refs := make(map[string]ArticleRef, len(st.Articles))
	v.Articles = make([]ArticleRef, 0, len(st.Articles))
	for i, id := range st.Articles {
		r := ArticleRef{Label: i + 1, ID: id, Href: h.Article(id), Source: "unknown outlet of article " + id}
		if a := arts[id]; a != nil {
			r.Title, r.Source, r.Date, r.Link = a.Title, a.OutletLabel(), a.Date.String(), SourceLink(a.URL)
			if len(r.Date) > 10 {
				r.Date = r.Date[:10]
			}
		}
		r.Short = Abbreviate(r.Source)
		refs[id] = r
		v.Articles = append(v.Articles, r)
	}
	// A citation links to the sentence of the cited article that says it;
	// stories stored before summaries kept their citations link to the
	// article.
	for _, s := range st.Summary {
		sv := SummaryView{Text: s.Text, Part: string(s.Part)}
		if sv.Apart = !sv.Consensus(); sv.Apart {
			sv.PartName = partName(sv.Part)
		}
		sv.Cites = make(Cites, 0, len(s.Articles))
		for _, id := range s.Articles {
			href := ""
			for _, c := range s.Cites {
				if c.Article == id {
					href = h.Sentence(id, c.Sentence.Start)
					break
				}
			}
			if href == "" {
				href = h.Article(id)
			}
			r := refs[id]
			c := Cite{Href: href, Outlet: r.Source}
			c.Number(r.Label)
			sv.Cites = append(sv.Cites, c)
		}
		v.Summary = append(v.Summary, sv)
	}
	// The heatmap: a fact per row, an article per column.
	contradicts := map[string][]string{}
	for _, c := range st.Conflicts {
		for _, cl := range c.Claims {
			contradicts[cl.Article] = append(contradicts[cl.Article], cl.Text)
		}
	}
	// The most reported facts, and past them every fact a conflict
	// contradicts: a reader looks for the disputes on the map.
	cols := newColumns(v.Articles)
	for i, f := range st.Facts {
		if i >= maxHeatmapFacts && (len(contradicts) == 0 || !slices.ContainsFunc(f.Variants, func(fv storyfold.Variant) bool {
			return contradicted(contradicts[fv.Article], fv.Text)
		})) {
			continue
		}
		v.Heatmap = append(v.Heatmap, cols.heatRow(f, contradicts, h))
	}
	for _, c := range st.Conflicts {
		cv := ConflictView{Kind: string(c.Kind), Description: c.Description, Majority: c.Majority}
		for _, cl := range c.Claims {
			var href string
			if cl.Sentence.End > 0 {
				href = h.Sentence(cl.Article, cl.Sentence.Start)
			} else {
				href = h.Article(cl.Article)
			}
			cv.Claims = append(cv.Claims, ClaimView{Article: refs[cl.Article], Value: cl.Value, Text: cl.Text, Href: href})
		}
		v.Conflicts = append(v.Conflicts, cv)
	}
	for _, f := range st.Families {
		fv := FamilyView{Kind: string(f.Kind), Evidence: f.Evidence, Agency: f.Agency}
		for _, id := range f.Articles {
			fv.Articles = append(fv.Articles, refs[id])
		}
		v.Families = append(v.Families, fv)
	}
	rows, more := whoSaidWhat(st)
	v.MoreSpeakers = more
	for _, r := range rows {
		sv := SpeakerView{Speaker: r.Speaker, Articles: r.Articles, Count: plural(r.Articles, "article", "articles"), From: len(v.Quotes), More: r.More}
		for _, q := range r.Quotes {
			qv := QuoteView{Speaker: q.Speaker, Text: q.Text, Articles: len(q.Articles), Count: plural(len(q.Articles), "article", "articles"), Direct: q.Direct()}
			for _, variant := range q.Variants {
				segs := diffSegments(variant.Diff)
				if variant.Diff == "" {
					segs = []Segment{segment(variant.Text, "same")}
				}
				qv.Variants = append(qv.Variants, VariantView{Article: refs[variant.Article], Segments: segs, Altered: variant.Diff != ""})
			}
			v.Quotes = append(v.Quotes, qv)
		}
		sv.To = len(v.Quotes)
		v.Speakers = append(v.Speakers, sv)
	}
	for _, e := range st.Entities {
		if len(v.Entities) == maxEntities {
			break
		}
		v.Entities = append(v.Entities, EntityView{Name: e.Name, Type: string(e.Type), Roles: strings.Join(e.Roles, "; "),
			Aliases: strings.Join(e.Aliases, ", "), Articles: len(e.Articles)})
	}
	for i, ev := range st.Timeline {
		e := eventView(ev, refs, h)
		e.SameDate = i > 0 && e.Date == v.Timeline[i-1].Date
		v.Timeline = append(v.Timeline, e)
	}
	v.Axis = timeAxis(st.Timeline, refs)
	v.Graph = provenanceGraph(st, refs)
	return v
}

// columns are the heatmap's columns, an article each, with what a cell
// says of its article worked out once for every row.
type columns struct {
	refs []ArticleRef
	// at numbers an article's column.
	at map[string]int
	// omits, reports and own are a cell's tooltips: its article does not
	// report the fact, reports it, reports it in its own words.
	omits, reports, own []string
	// A row's scratch, a value a column: the index of the article's
	// first wording among the row's, its restatements, the first one's
	// address, and whether a wording of it is contradicted.
	first     []int
	again     []int
	againHref []string
	contra    []bool
}

// newColumns makes the heatmap's columns of a story's articles.
func newColumns(refs []ArticleRef) *columns {
	n := len(refs)
	c := &columns{refs: refs, at: make(map[string]int, n), omits: make([]string, n), reports: make([]string, n), own: make([]string, n),
		first: make([]int, n), again: make([]int, n), againHref: make([]string, n), contra: make([]bool, n)}
	for i, r := range refs {
		// A cell's tooltip names its article by number, as the page
		// cites it; its column's head names the outlet (in full on
		// hover), which repeated in every cell would weigh more than the
		// rest of a story's page.
		who := "[" + strconv.Itoa(r.Label) + "]"
		c.omits[i], c.reports[i], c.own[i] = who+" does not report this", who+" reports this", who+" reports this in its own words"
		c.at[r.ID] = i
	}
	return c
}

// The heatmap's cell contents by kind.
const (
	markReports     template.HTML = `✓<span class="vh"> reports</span>`
	markOmits       template.HTML = `·<span class="vh"> omits</span>`
	markContradicts template.HTML = `✗<span class="vh"> contradicts</span>`
)

// heatRow builds a fact's row of the heatmap. An article's cell stands
// for its first wording of the fact, which links to its sentence; its
// restatements are counted beside it and listed among the wordings, so
// none is lost and none takes the first wording's place.
func (cs *columns) heatRow(f storyfold.Fact, contradicts map[string][]string, h Hrefs) HeatRow {
	row := HeatRow{Text: f.Text, Sources: f.Sources, Cross: f.CrossLanguage, Wordings: make([]WordingView, 0, len(f.Variants))}
	for i := range cs.first {
		cs.first[i], cs.again[i], cs.againHref[i], cs.contra[i] = -1, 0, "", false
	}
	var others map[string]bool // articles of no column that have a wording
	for _, fv := range f.Variants {
		w := WordingView{Text: fv.Text}
		if fv.Sentence != nil {
			w.Href = h.Sentence(fv.Article, fv.Sentence.Start)
		} else {
			w.Href = h.Article(fv.Article)
		}
		c, ok := cs.at[fv.Article]
		if ok {
			w.Article = cs.refs[c]
			if cs.first[c] >= 0 {
				w.Again = true
				if cs.again[c] == 0 {
					cs.againHref[c] = w.Href
				}
				cs.again[c]++
			} else {
				cs.first[c] = len(row.Wordings)
			}
			if !cs.contra[c] {
				if claims := contradicts[fv.Article]; len(claims) > 0 && contradicted(claims, fv.Text) {
					cs.contra[c] = true
				}
			}
		} else if others[fv.Article] {
			w.Again = true
		} else {
			if others == nil {
				others = map[string]bool{}
			}
			others[fv.Article] = true
		}
		if w.Again {
			row.Again++
		}
		row.Wordings = append(row.Wordings, w)
	}
	if len(row.Wordings) > 1 || row.Again > 0 {
		row.Tally = plural(len(row.Wordings), "wording", "wordings")
		if row.Again > 0 {
			row.Tally += ", " + plural(row.Again, "restatement", "restatements")
		}
	}
	row.Cells = make([]HeatCell, len(cs.refs))
	for i, r := range cs.refs {
		c := cs.at[r.ID]
		k := cs.first[c]
		if k < 0 {
			row.Cells[i] = HeatCell{Kind: "omits", Mark: markOmits, Title: cs.omits[c]}
			continue
		}
		// The row shows the fact's words; a cell shows its article's only
		// where they differ.
		w := &row.Wordings[k]
		cell := HeatCell{Kind: "reports", Mark: markReports, Title: cs.reports[c], Href: w.Href}
		if w.Text != f.Text {
			// Its own words are among the row's wordings; repeating them
			// in every cell would weigh more than the rest of the page.
			cell.Title = cs.own[c]
		}
		if cell.Again, cell.AgainHref = cs.again[c], cs.againHref[c]; cell.Again > 0 {
			cell.Title += " · says it again (" + plural(cell.Again, "restatement", "restatements") + ")"
		}
		if cs.contra[c] {
			cell.Kind, cell.Mark = "contradicts", markContradicts
		}
		row.Cells[i] = cell
	}
	return row
}

// contradicted reports whether a wording overlaps one of the sentences its
// article gives a side of a conflict in.
func contradicted(claims []string, text string) bool {
	for _, c := range claims {
		if strings.Contains(c, text) || strings.Contains(text, c) {
			return true
		}
	}
	return false
}

// eventView builds a timeline entry with a citation for every sentence
// that dates it, the article's number first and a letter when it cites
// several sentences of one article: [1a] [1b] [3].
func eventView(ev storyfold.Event, refs map[string]ArticleRef, h Hrefs) EventView {
	e := EventView{Date: eventDate(ev), Text: ev.Text, Articles: make([]ArticleRef, 0, len(ev.Articles))}
	for _, id := range ev.Articles {
		e.Articles = append(e.Articles, refs[id])
	}
	if len(ev.Cites) == 0 {
		for _, r := range e.Articles {
			if r.Label > 0 {
				c := Cite{Href: r.Href, Outlet: r.Source}
				c.Number(r.Label)
				e.Cites = append(e.Cites, c)
			}
		}
		return e
	}
	// The cited sentences of the story's articles, by article number,
	// then place.
	type cited struct {
		label, start int
		article      string
		outlet       string
	}
	cites := make([]cited, 0, len(ev.Cites))
	for _, c := range ev.Cites {
		if r := refs[c.Article]; r.Label > 0 {
			cites = append(cites, cited{label: r.Label, start: c.Sentence.Start, article: c.Article, outlet: r.Source})
		}
	}
	slices.SortStableFunc(cites, func(a, b cited) int {
		if a.label != b.label {
			return a.label - b.label
		}
		return a.start - b.start
	})
	e.Cites = make(Cites, 0, len(cites))
	for i := 0; i < len(cites); {
		j := i
		for j < len(cites) && cites[j].article == cites[i].article {
			j++
		}
		for k := i; k < j; k++ {
			c := Cite{Href: h.Sentence(cites[k].article, cites[k].start), Outlet: cites[k].outlet}
			if j-i > 1 {
				c.Sub = letters(k - i)
			}
			c.Number(cites[k].label)
			e.Cites = append(e.Cites, c)
		}
		i = j
	}
	return e
}

// letters names the n-th (from 0) of several sentences of one article:
// a, b, ..., z, aa, ab, ...
func letters(n int) string {
	if n < 26 {
		return string(rune('a' + n))
	}
	return letters(n/26-1) + string(rune('a'+n%26))
}

// eventDate writes a timeline entry's date as precisely as the articles
// give it: a day, a month or a year.
func eventDate(ev storyfold.Event) string {
	d := ev.Date.String()
	if len(d) > 10 {
		d = d[:10]
	}
	switch {
	case ev.Granularity == storyfold.GranularityMonth && len(d) >= 7:
		d = d[:7]
	case ev.Granularity == storyfold.GranularityYear && len(d) >= 4:
		d = d[:4]
	}
	return d
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
			out = append(out, segment(diff, "same"))
			break
		}
		if next > 0 {
			out = append(out, segment(diff[:next], "same"))
		}
		rest := diff[next+len(open):]
		end := strings.Index(rest, close)
		if end < 0 {
			out = append(out, segment(rest, kind))
			break
		}
		out = append(out, segment(rest[:end], kind))
		diff = rest[end+len(close):]
	}
	return out
}

// NewArticleView builds an article page's view: its sentences marked
// shared (another outlet reports the same fact), exclusive, or in
// conflict, each saying which outlets report it too. arts holds the
// story's other articles (their heads suffice), to name their outlets;
// one missing from it is named by its number.
func NewArticleView(a *storyfold.Article, st *storyfold.Story, arts map[string]*storyfold.Article, h Hrefs) ArticleView {
	v := ArticleView{URL: a.URL, Link: SourceLink(a.URL), Byline: a.Byline, Dateline: a.Dateline, Agencies: strings.Join(a.Agencies, ", "),
		Language: a.Language, Removed: a.Removed}
	v.Ref = ArticleRef{ID: a.ID, Title: a.Title, Source: a.OutletLabel(), Date: a.Date.String(), Href: h.Article(a.ID)}
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
		labels := citeLabels(st)
		for _, f := range st.Facts {
			others, class := alsoReported(a.ID, f.Articles, labels, arts), "shared"
			if others == "" {
				others, class = "only this article reports this", "exclusive"
			}
			said := 0
			for _, fv := range f.Variants {
				if fv.Article == a.ID && fv.Sentence != nil {
					said++
				}
			}
			// Every sentence of the article that states the fact is
			// marked, its restatements too, each saying so.
			n := 0
			for _, fv := range f.Variants {
				if fv.Article != a.ID || fv.Sentence == nil {
					continue
				}
				note := others
				switch {
				case n > 0:
					note = "a restatement of another sentence of this article; " + others
				case said > 1:
					note = others + "; this article says it again in " + plural(said-1, "other sentence", "other sentences")
				}
				mark(*fv.Sentence, class, note)
				n++
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
	var anchors [][]string
	if st != nil {
		anchors = linkedInside(a, st)
	}
	p := -1
	for i, s := range a.Sentences {
		if np := paragraphIndex(a, s.Start); np != p || len(v.Paragraphs) == 0 {
			v.Paragraphs = append(v.Paragraphs, nil)
			p = np
		}
		last := len(v.Paragraphs) - 1
		sv := SentenceView{ID: SentenceID(a.ID, s.Start), Text: a.Text[s.Start:s.End], Class: class[i], Note: note[i]}
		if anchors != nil {
			sv.Anchors = anchors[i]
		}
		v.Paragraphs[last] = append(v.Paragraphs[last], sv)
	}
	return v
}

// maxNamed bounds the outlets a sentence's tooltip names; past them it
// counts the rest.
const maxNamed = 4

// alsoReported names the outlets of the articles other than id that
// report a fact, by outlet and number: "also reported by Today's Esquire
// [3] and nytimes.com [4]". It is "" when no other article does.
func alsoReported(id string, articles []string, labels map[string]int, arts map[string]*storyfold.Article) string {
	var names []string
	rest := 0
	for _, o := range articles {
		if o == id {
			continue
		}
		if len(names) == maxNamed {
			rest++
			continue
		}
		name := "article"
		if a := arts[o]; a != nil {
			name = a.OutletLabel()
		}
		if n := labels[o]; n > 0 {
			name += " [" + strconv.Itoa(n) + "]"
		}
		names = append(names, name)
	}
	switch {
	case len(names) == 0:
		return ""
	case rest > 0:
		return "also reported by " + strings.Join(names, ", ") + " and " + plural(rest, "more article", "more articles")
	case len(names) == 1:
		return "also reported by " + names[0]
	}
	return "also reported by " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// SourceLink returns an article's address when a reader may follow it (an
// http or https URL with a host), "" otherwise: an address read from the
// input is untrusted, and no other scheme is linked.
func SourceLink(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// linkedInside returns, per sentence of an article, the anchors of the
// places inside it that the story's views link to: a fact's wording or a
// conflict's claim may be a clause, which a link names by its own start.
// A place no sentence holds is given to the sentence before it (or the
// first), so no link of the story leads nowhere.
func linkedInside(a *storyfold.Article, st *storyfold.Story) [][]string {
	if len(a.Sentences) == 0 {
		return nil
	}
	starts := map[int]bool{}
	for _, f := range st.Facts {
		for _, v := range f.Variants {
			if v.Article == a.ID && v.Sentence != nil {
				starts[v.Sentence.Start] = true
			}
		}
	}
	for _, c := range st.Conflicts {
		for _, cl := range c.Claims {
			if cl.Article == a.ID && cl.Sentence.End > 0 {
				starts[cl.Sentence.Start] = true
			}
		}
	}
	for _, s := range st.Summary {
		for _, c := range s.Cites {
			if c.Article == a.ID {
				starts[c.Sentence.Start] = true
			}
		}
	}
	for _, e := range st.Timeline {
		for _, c := range e.Cites {
			if c.Article == a.ID {
				starts[c.Sentence.Start] = true
			}
		}
	}
	for _, s := range a.Sentences {
		delete(starts, s.Start)
	}
	if len(starts) == 0 {
		return nil
	}
	sorted := make([]int, 0, len(starts))
	for k := range starts {
		sorted = append(sorted, k)
	}
	sort.Ints(sorted)
	out := make([][]string, len(a.Sentences))
	for _, k := range sorted {
		// The last sentence starting before k holds it, or is the
		// nearest before it.
		i := sort.Search(len(a.Sentences), func(i int) bool { return a.Sentences[i].Start > k }) - 1
		i = max(i, 0)
		out[i] = append(out[i], SentenceID(a.ID, k))
	}
	return out
}

func paragraphIndex(a *storyfold.Article, pos int) int {
	for i, p := range a.Paragraphs {
		if pos >= p.Start && pos < p.End {
			return i
		}
	}
	return -1
}
