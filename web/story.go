package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/report"
)

// storyPageArticles is how many articles a story page shows at most: the
// heatmap has a column per article, each fact's wordings a line, the
// provenance graph a node, so a page of every article of a story of
// hundreds was megabytes (1.8 MB took 1.15 s at the 99th percentile under
// 50 clients). Twenty-five columns still fit a screen. Past them the page
// links to the next articles.
const storyPageArticles = 25

// window returns the part of a story that concerns its articles from
// offset, at most limit of them: those articles, and every part of the
// account (summary citations, facts and their wordings, quotes, entities,
// conflicts, families, exclusive facts, the timeline) restricted to them,
// dropping the parts that concern none of them. What is said of the whole
// story (its headline, dates, outlets, independent sources, the facts'
// source counts) is kept. A window that holds the whole story is the
// story itself, untouched. The work and the size of what is returned are
// bounded by the window, whatever the story's size.
func window(st *storyfold.Story, offset, limit int) *storyfold.Story {
	offset = min(max(0, offset), len(st.Articles))
	end := min(len(st.Articles), offset+limit)
	if offset == 0 && end == len(st.Articles) {
		return st
	}
	in := make(map[string]bool, end-offset)
	for _, id := range st.Articles[offset:end] {
		in[id] = true
	}
	keep := func(ids []string) []string {
		out := make([]string, 0, min(len(ids), len(in)))
		for _, id := range ids {
			if in[id] {
				out = append(out, id)
			}
		}
		return out
	}
	cites := func(refs []storyfold.SentenceRef) []storyfold.SentenceRef {
		if refs == nil {
			return nil
		}
		out := make([]storyfold.SentenceRef, 0, min(len(refs), len(in)))
		for _, c := range refs {
			if in[c.Article] {
				out = append(out, c)
			}
		}
		return out
	}
	variants := func(vs []storyfold.Variant) []storyfold.Variant {
		out := make([]storyfold.Variant, 0, min(len(vs), len(in)))
		for _, v := range vs {
			if in[v.Article] {
				out = append(out, v)
			}
		}
		return out
	}
	w := *st
	w.Articles = slices.Clone(st.Articles[offset:end])
	w.Summary = make([]storyfold.SummarySentence, 0, len(st.Summary))
	for _, s := range st.Summary {
		s.Articles, s.Cites = keep(s.Articles), cites(s.Cites)
		w.Summary = append(w.Summary, s)
	}
	w.Facts = []storyfold.Fact{}
	for _, f := range st.Facts {
		f.Articles, f.Variants = keep(f.Articles), variants(f.Variants)
		if len(f.Articles) == 0 && len(f.Variants) == 0 {
			continue
		}
		if f.OmittedBy != nil {
			f.OmittedBy = keep(f.OmittedBy)
		}
		w.Facts = append(w.Facts, f)
	}
	w.Quotes = []storyfold.Quote{}
	for _, q := range st.Quotes {
		q.Articles, q.Variants = keep(q.Articles), variants(q.Variants)
		if len(q.Articles) == 0 && len(q.Variants) == 0 {
			continue
		}
		w.Quotes = append(w.Quotes, q)
	}
	w.Entities = []storyfold.Entity{}
	for _, e := range st.Entities {
		if e.Articles = keep(e.Articles); len(e.Articles) > 0 {
			w.Entities = append(w.Entities, e)
		}
	}
	w.Conflicts = []storyfold.Conflict{}
	for _, c := range st.Conflicts {
		claims := make([]storyfold.Claim, 0, len(c.Claims))
		for _, cl := range c.Claims {
			if in[cl.Article] {
				claims = append(claims, cl)
			}
		}
		if len(claims) > 0 {
			c.Claims = claims
			w.Conflicts = append(w.Conflicts, c)
		}
	}
	w.Families = []storyfold.Family{}
	for _, f := range st.Families {
		if f.Articles = keep(f.Articles); len(f.Articles) == 0 {
			continue
		}
		if !in[f.Origin] {
			f.Origin = ""
		}
		w.Families = append(w.Families, f)
	}
	w.Exclusive = []storyfold.Exclusive{}
	for _, x := range st.Exclusive {
		if in[x.Article] {
			w.Exclusive = append(w.Exclusive, x)
		}
	}
	w.Timeline = []storyfold.Event{}
	for _, e := range st.Timeline {
		if e.Articles = keep(e.Articles); len(e.Articles) > 0 {
			e.Cites = cites(e.Cites)
			w.Timeline = append(w.Timeline, e)
		}
	}
	return &w
}

// storyJSON is a story as the API answers it: the story's own fields,
// its articles and what concerns them paged, and where the page is.
type storyJSON struct {
	*storyfold.Story
	// ArticlesTotal counts the story's articles; ArticlesOffset and
	// ArticlesLimit are the page's, as asked for with offset and limit.
	ArticlesTotal  int `json:"articles_total"`
	ArticlesOffset int `json:"articles_offset"`
	ArticlesLimit  int `json:"articles_limit"`
	// Outlets counts the whole story's outlets, as every output does
	// (storyfold.CountOutlets).
	Outlets int `json:"outlets"`
}

// apiStory answers a story, paged by its articles: offset and limit (1
// to 100, default 100) pick the articles, and every list of the account
// keeps what concerns them (see window). A story of no more articles than
// the limit is answered whole, as it is stored.
func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := paging(r, maxLimit)
	if err != nil {
		apiError(w, http.StatusBadRequest, "bad_request", err.Error())
		return
	}
	st, heads, err := s.story(r, r.PathValue("id"))
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, storyJSON{Story: window(st, offset, limit), ArticlesTotal: len(st.Articles),
		ArticlesOffset: offset, ArticlesLimit: limit, Outlets: storyfold.CountOutlets(heads)})
}

// storyBody is a story page: the view of a window of the story, and where
// the window lies among the story's articles.
type storyBody struct {
	View report.StoryView
	// From and To number the window's first and last articles (from 1),
	// of Total.
	From, To, Total int
	Prev, Next      string
}

func (s *Server) pageStory(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := paging(r, storyPageArticles)
	if err != nil {
		s.pageError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	limit = min(limit, storyPageArticles)
	// What is said of the whole story (its articles, outlets and their
	// bar) is counted over all its articles (heads), as the list and the
	// API count it, not over the page's; the page's articles are among
	// them.
	st, heads, err := s.story(r, r.PathValue("id"))
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	if offset > 0 && offset >= len(st.Articles) {
		s.pageError(w, r, http.StatusNotFound, "The story has "+report.Plural(len(st.Articles), "article", "articles")+"; there are none past them.")
		return
	}
	part := window(st, offset, limit)
	arts, err := s.storyArticles(r, part, heads)
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	body := newStoryBody(st, part, heads, arts, offset)
	body.Prev, body.Next = pagerLinks(r, offset, limit, len(st.Articles))
	s.render(w, r, http.StatusOK, "storyPage", page{Title: st.Headline, Body: body})
}

// newStoryBody builds the page of part, the window of st from offset:
// heads are the heads of all st's articles, arts the window's.
func newStoryBody(st, part *storyfold.Story, heads []*storyfold.Article, arts map[string]*storyfold.Article, offset int) storyBody {
	cov := report.NewCoverage(heads)
	view := report.NewWindowView(part, arts, hrefs, report.StoryTotals{Count: len(st.Articles), Coverage: cov, Outlets: len(cov),
		Languages: storyLanguages(st, heads)})
	if offset > 0 {
		relabel(&view, offset)
	}
	return storyBody{View: view, From: offset + 1, To: offset + len(part.Articles), Total: len(st.Articles)}
}

// relabel numbers a window's articles from offset+1, as they are numbered
// in the whole story, where the view numbered them from 1: every citation
// and cell of the page names an article by that number.
func relabel(v *report.StoryView, offset int) {
	ref := func(r *report.ArticleRef) {
		if r.Label > 0 {
			r.Label += offset
		}
	}
	refs := func(rs []report.ArticleRef) {
		for i := range rs {
			ref(&rs[i])
		}
	}
	cites := func(cs []report.Cite) {
		for i := range cs {
			if cs[i].Label > 0 {
				cs[i].Number(cs[i].Label + offset)
			}
		}
	}
	refs(v.Articles)
	for i := range v.Summary {
		cites(v.Summary[i].Cites)
	}
	for i := range v.Heatmap {
		row := &v.Heatmap[i]
		for j := range row.Wordings {
			ref(&row.Wordings[j].Article)
		}
		for j := range row.Cells {
			row.Cells[j].Title = shiftLabel(row.Cells[j].Title, offset)
		}
	}
	for i := range v.Conflicts {
		for j := range v.Conflicts[i].Claims {
			ref(&v.Conflicts[i].Claims[j].Article)
		}
	}
	for i := range v.Families {
		refs(v.Families[i].Articles)
	}
	for i := range v.Quotes {
		for j := range v.Quotes[i].Variants {
			ref(&v.Quotes[i].Variants[j].Article)
		}
	}
	for i := range v.Timeline {
		refs(v.Timeline[i].Articles)
		cites(v.Timeline[i].Cites)
	}
	for i := range v.Graph.Nodes {
		v.Graph.Nodes[i].Label = shiftLabel(v.Graph.Nodes[i].Label, offset)
		v.Graph.Nodes[i].Title = shiftLabel(v.Graph.Nodes[i].Title, offset)
	}
}

// shiftLabel adds offset to the article number that opens s ("[3]...");
// anything else is returned as it is.
func shiftLabel(s string, offset int) string {
	if !strings.HasPrefix(s, "[") {
		return s
	}
	end := strings.IndexByte(s, ']')
	if end < 2 {
		return s
	}
	n, err := strconv.Atoi(s[1:end])
	if err != nil || n <= 0 {
		return s
	}
	return "[" + strconv.Itoa(n+offset) + s[end:]
}

// storyLanguages is a story's languages as its page and the list show
// them: those it keeps, else (a story stored before it kept them) counted
// from its articles' heads.
func storyLanguages(st *storyfold.Story, heads []*storyfold.Article) string {
	if len(st.Languages) > 0 {
		return storyfold.LanguagesLine(st.Languages)
	}
	return storyfold.LanguagesLine(storyfold.CountLanguages(heads))
}
