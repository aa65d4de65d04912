package web

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/report"
)

//go:embed templates
var templateFS embed.FS

// pages returns the report's views with the server's pages added.
func pages() *template.Template {
	t := template.Must(report.Templates.Clone())
	return template.Must(t.ParseFS(templateFS, "templates/pages.html"))
}

// hrefs link the server's pages.
var hrefs = report.Hrefs{
	Story:   func(id string) string { return "/stories/" + url.PathEscape(id) },
	Article: func(id string) string { return "/articles/" + url.PathEscape(id) },
	Sentence: func(a string, start int) string {
		return "/articles/" + url.PathEscape(a) + "#" + report.SentenceID(a, start)
	},
}

// page is what every page template gets.
type page struct {
	Title string
	Query string
	Body  any
}

// render writes a page; a template error is logged and answered with 500,
// never half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	b := pageBufs.Get().(*bytes.Buffer)
	defer func() {
		if b.Cap() <= maxPooledPage {
			b.Reset()
			pageBufs.Put(b)
		}
	}()
	if err := s.pages.ExecuteTemplate(b, name, p); err != nil {
		s.cfg.Log.Error("template", slog.String("page", name), slog.Any("error", err))
		http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// pageBufs are the buffers pages are rendered into: a story page of 15
// articles is about 130 KB, and a buffer grown from nothing for each
// page, doubling, left twice that to collect. Every writer of a
// response copies what it is given, so a buffer is reused once written.
// One grown past maxPooledPage (a story of hundreds of articles) is
// dropped, not kept.
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledPage = 1 << 20

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "errorPage", page{Title: http.StatusText(status), Body: msg})
}

// storeFailed answers a store error on a page.
func (s *Server) storeFailed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, storyfold.ErrNotFound) {
		s.pageError(w, r, http.StatusNotFound, "There is no such story or article.")
		return
	}
	if clientGone(r, err) || errors.Is(err, context.DeadlineExceeded) {
		s.busy(w, r, err)
		return
	}
	if errors.Is(err, storyfold.ErrUnreadable) {
		s.unreadable(r, err)
		s.pageError(w, r, http.StatusInternalServerError, unreadableStory)
		return
	}
	s.cfg.Log.Error("store", slog.String("path", r.URL.Path), slog.Any("error", err))
	s.pageError(w, r, http.StatusInternalServerError, "The store failed; the server log says why.")
}

// storiesBody is the stories list.
type storiesBody struct {
	Stories []report.StoryView
	Total   int
	// The filters, as asked for: an outlet, and a date range.
	Source, From, To string
	// Sources are the outlets the filter offers: every outlet stored.
	Sources []string
	// Blindspot is the outlet fact (lean, country, owner, kind) whose
	// one-sided stories the list shows, "" for every story; Side the
	// value it asks for, "" for any; Fields the facts offered, empty
	// when the server has no outlet list.
	Blindspot, Side string
	Fields          []string
	// Scanned is set when a blindspot list read only the newest
	// maxBlindspotScan stories.
	Scanned int
	// Error says why the filters could not be applied, "" when they were.
	Error string
	// Past is set on a page past the last story: First links back to
	// the first page.
	Past       bool
	First      string
	Prev, Next string
}

// maxFilterSources bounds the outlets the filter offers.
const maxFilterSources = 500

// blindspotFields are the outlet facts a blindspot list may be asked for.
var blindspotFields = []string{storyfold.ByLean, storyfold.ByCountry, storyfold.ByOwner, storyfold.ByKind}

// maxBlindspotScan bounds the stories a blindspot list reads, the newest
// first, to find the one-sided ones: each costs a read of its articles'
// heads, so the list's cost stays bounded whatever the store holds.
const maxBlindspotScan = 1000

func (s *Server) pageStories(w http.ResponseWriter, r *http.Request) {
	q, qerr := storyQuery(r)
	body := storiesBody{Source: r.URL.Query().Get("source"), From: r.URL.Query().Get("from"), To: r.URL.Query().Get("to"),
		Blindspot: strings.ToLower(strings.TrimSpace(r.URL.Query().Get("blindspot"))), Side: strings.TrimSpace(r.URL.Query().Get("side"))}
	if s.cfg.Outlets != nil {
		body.Fields = blindspotFields
	}
	sources, err := s.cfg.Store.Sources(r.Context())
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	folded, _ := foldSources(sources)
	for _, c := range folded {
		if len(body.Sources) < maxFilterSources {
			body.Sources = append(body.Sources, c.Source)
		}
		// The filter matches outlets in any case: the select shows the
		// outlet asked for in any case as chosen.
		if strings.EqualFold(strings.TrimSpace(body.Source), c.Source) {
			body.Source = c.Source
		}
	}
	slices.SortFunc(body.Sources, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	if qerr == nil && body.Blindspot != "" && !slices.Contains(blindspotFields, body.Blindspot) {
		qerr = fmt.Errorf("blindspot must be one of %s", strings.Join(blindspotFields, ", "))
	}
	if qerr == nil && body.Blindspot != "" && s.cfg.Outlets == nil {
		qerr = errors.New("blindspots need facts about outlets: start the server with --outlets FILE")
	}
	if qerr != nil {
		// The filters stay on the page, with what is wrong with them.
		body.Error = qerr.Error()
		s.render(w, r, http.StatusBadRequest, "storiesPage", page{Title: "Stories", Query: q.Text, Body: body})
		return
	}
	var stories []storyView
	var total int
	if body.Blindspot != "" {
		stories, total, body.Scanned, err = s.blindspots(r, q, body.Blindspot, body.Side)
	} else {
		stories, total, err = s.storyViews(r, q)
	}
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	body.Total = total
	for _, v := range stories {
		body.Stories = append(body.Stories, v.StoryView)
	}
	body.Prev, body.Next = pagerLinks(r, q.Offset, q.Limit, total)
	if len(stories) == 0 && q.Offset > 0 && total > 0 {
		body.Past = true
		body.First = pageAt(r, 0)
		body.Prev = ""
	}
	s.render(w, r, http.StatusOK, "storiesPage", page{Title: "Stories", Query: q.Text, Body: body})
}

// storyView is a story of the list with its articles' heads, which its
// card's coverage bar, its outlet count and a blindspot are read from.
type storyView struct {
	report.StoryView
	heads []*storyfold.Article
}

// storyViews reads a page of the stories that match q, as the list
// shows them.
func (s *Server) storyViews(r *http.Request, q storyfold.StoryQuery) ([]storyView, int, error) {
	stories, total, err := s.cfg.Store.StoryPage(r.Context(), q)
	if err != nil {
		return nil, 0, err
	}
	ids := make([]string, len(stories))
	for i, st := range stories {
		ids[i] = st.ID
	}
	// The page's stories' heads in one read, not two a story.
	heads, err := s.storiesHeads(r, ids)
	if err != nil {
		return nil, 0, err
	}
	out := make([]storyView, 0, len(stories))
	for _, st := range stories {
		v := storyView{StoryView: report.StoryView{ID: st.ID, Headline: st.Headline, Href: hrefs.Story(st.ID),
			Count: st.Articles, Independent: st.IndependentSources, Sources: st.Sources, Dates: report.DateRange(st.First, st.Last)},
			heads: heads[st.ID]}
		if st.Last.Known() {
			v.Updated = st.Last.Format("2006-01-02")
		}
		v.Coverage = report.NewCoverage(v.heads)
		v.Outlets = len(v.Coverage)
		v.Sources = v.Coverage.Names()
		v.Languages = storyfold.LanguagesLine(storyfold.CountLanguages(v.heads))
		out = append(out, v)
	}
	return out, total, nil
}

// blindspots reads the stories that match q, the newest first, up to
// maxBlindspotScan of them, and keeps those covered by one side only of
// an outlet fact: every outlet of the story whose fact the list gives
// has the same value (side, when it is not ""). Outlets the list does
// not describe are left out of the comparison, and a story none of whose
// outlets it describes is no blindspot. It returns the page of q's limit
// and offset, how many are one-sided, and how many stories it read when
// it stopped at the bound (0 when it read every match).
func (s *Server) blindspots(r *http.Request, q storyfold.StoryQuery, field, side string) (page []storyView, total, scanned int, err error) {
	all := q
	all.Offset, all.Limit = 0, maxLimit
	var keep []storyView
	for read := 0; read < maxBlindspotScan; {
		views, n, err := s.storyViews(r, all)
		if err != nil {
			return nil, 0, 0, err
		}
		for _, v := range views {
			if value, ok := oneSided(v.heads, field); ok && (side == "" || strings.EqualFold(side, value)) {
				v.Blindspot = field + " " + value
				keep = append(keep, v)
			}
		}
		read += len(views)
		all.Offset += len(views)
		if len(views) == 0 || all.Offset >= n {
			break
		}
		if read >= maxBlindspotScan {
			scanned = read
		}
	}
	total = len(keep)
	from := min(q.Offset, total)
	return keep[from:min(total, from+q.Limit)], total, scanned, nil
}

// oneSided says whether the articles' outlets that have a value of the
// fact all have the same one, and which.
func oneSided(heads []*storyfold.Article, field string) (string, bool) {
	var known []storyfold.Share
	for _, sh := range storyfold.CoverageBy(heads, field) {
		if sh.Value != "" {
			known = append(known, sh)
		}
	}
	if len(known) != 1 {
		return "", false
	}
	return known[0].Value, true
}

// storyHeads reads the heads of a story's articles, copies included (an
// outlet that ran a copy carried the story), with the user's outlet facts
// attached: what the story's outlets are counted, named and compared by,
// as the reports count them. One small read, no story document.
func (s *Server) storyHeads(r *http.Request, storyID string) ([]*storyfold.Article, error) {
	heads, err := s.cfg.Store.StoryHeads(r.Context(), []string{storyID})
	if err != nil {
		return nil, err
	}
	return s.withOutlets(heads[storyID]), nil
}

// withOutlets attaches the user's outlet facts to articles' heads and
// returns pointers to them.
func (s *Server) withOutlets(heads []storyfold.Article) []*storyfold.Article {
	out := make([]*storyfold.Article, len(heads))
	for i := range heads {
		if s.cfg.Outlets != nil {
			s.cfg.Outlets.ApplyOne(&heads[i])
		}
		out[i] = &heads[i]
	}
	return out
}

// pagerLinks returns the links to the pages before and after, "" at the
// ends. They carry the parameters the page is answered by and no other,
// so a page is the same whatever else its address holds, as the cache
// takes it to be.
func pagerLinks(r *http.Request, offset, limit, total int) (prev, next string) {
	q := r.URL.Query()
	v := url.Values{}
	for _, name := range cacheParams {
		if x := q.Get(name); x != "" {
			v.Set(name, x)
		}
	}
	at := func(o int) string {
		v.Set("offset", strconv.Itoa(o))
		return r.URL.Path + "?" + v.Encode()
	}
	if offset > 0 {
		prev = at(max(0, offset-limit))
	}
	if offset+limit < total {
		next = at(offset + limit)
	}
	return prev, next
}

// pageAt links to the page of the list at offset, with the parameters
// the list is answered by, as pagerLinks does; offset 0 is left out.
func pageAt(r *http.Request, offset int) string {
	q := r.URL.Query()
	v := url.Values{}
	for _, name := range cacheParams {
		if x := q.Get(name); x != "" && name != "offset" {
			v.Set(name, x)
		}
	}
	if offset > 0 {
		v.Set("offset", strconv.Itoa(offset))
	}
	if len(v) == 0 {
		return r.URL.Path
	}
	return r.URL.Path + "?" + v.Encode()
}

// storyArticles gives the heads of a story's articles by ID, for its
// page, which shows no article's text: those of heads, the story's
// articles as stored (storyHeads), and for any the story's document
// names that they lack (a document saved before an article left the
// story), their own read.
func (s *Server) storyArticles(r *http.Request, st *storyfold.Story, heads []*storyfold.Article) (map[string]*storyfold.Article, error) {
	m := make(map[string]*storyfold.Article, len(st.Articles))
	for _, id := range st.Articles {
		m[id] = nil
	}
	for _, h := range heads {
		if _, ok := m[h.ID]; ok {
			m[h.ID] = h
		}
	}
	var missing []string
	for _, id := range st.Articles {
		if m[id] == nil {
			missing = append(missing, id)
			delete(m, id)
		}
	}
	if len(missing) == 0 {
		return m, nil
	}
	arts, err := s.cfg.Store.ArticleHeads(r.Context(), missing)
	if err != nil {
		return nil, err
	}
	for _, a := range s.withOutlets(arts) {
		m[a.ID] = a
	}
	return m, nil
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	arts, err := s.cfg.Store.Articles(r.Context(), []string{id})
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	if len(arts) == 0 {
		s.pageError(w, r, http.StatusNotFound, "There is no such article.")
		return
	}
	var st *storyfold.Story
	if sid, err := s.cfg.Store.StoryOf(r.Context(), id); err == nil {
		st, _ = s.cfg.Store.Story(r.Context(), sid)
	}
	others, err := s.sharingArticles(r, id, st)
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "articlePage", page{Title: arts[0].Title, Body: report.NewArticleView(&arts[0], st, others, hrefs)})
}

// sharingArticles reads the heads of the articles that share a fact with
// an article, for its page to name their outlets: only those, not every
// article of its story.
func (s *Server) sharingArticles(r *http.Request, id string, st *storyfold.Story) (map[string]*storyfold.Article, error) {
	if st == nil {
		return nil, nil
	}
	seen := map[string]bool{}
	var ids []string
	for _, f := range st.Facts {
		if !slices.Contains(f.Articles, id) {
			continue
		}
		for _, o := range f.Articles {
			if o != id && !seen[o] {
				seen[o] = true
				ids = append(ids, o)
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	heads, err := s.cfg.Store.ArticleHeads(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	m := make(map[string]*storyfold.Article, len(heads))
	for i := range heads {
		if s.cfg.Outlets != nil {
			s.cfg.Outlets.ApplyOne(&heads[i])
		}
		m[heads[i].ID] = &heads[i]
	}
	return m, nil
}

// searchHit is a search result as the page shows it.
type searchHit struct {
	ID, Title, Source, Date string
	Href, StoryHref         string
	Snippet                 []snippetPart
}

type snippetPart struct {
	Text string
	Mark bool
}

// snippetParts splits a snippet at the store's match marks.
func snippetParts(s string) []snippetPart {
	var out []snippetPart
	for s != "" {
		open := strings.Index(s, storyfold.SnippetOpen)
		if open < 0 {
			out = append(out, snippetPart{Text: s})
			break
		}
		if open > 0 {
			out = append(out, snippetPart{Text: s[:open]})
		}
		s = s[open+len(storyfold.SnippetOpen):]
		end := strings.Index(s, storyfold.SnippetClose)
		if end < 0 {
			out = append(out, snippetPart{Text: s, Mark: true})
			break
		}
		out = append(out, snippetPart{Text: s[:end], Mark: true})
		s = s[end+len(storyfold.SnippetClose):]
	}
	return out
}

type searchBody struct {
	// Groups hold the hits story by story, in the order of each story's
	// best hit.
	Groups []searchGroup
	Hits   int // on this page
	Total  int
	// Capped says that more articles match than the store counts.
	Capped     bool
	Prev, Next string
}

// searchGroup is a story and its articles among a search's hits.
type searchGroup struct {
	Headline, Href string
	Hits           []searchHit
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	text := strings.TrimSpace(r.URL.Query().Get("q"))
	if text == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	limit, offset, err := paging(r, defaultLimit)
	if err != nil {
		s.pageError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	hits, total, err := s.cfg.Store.Search(r.Context(), storyfold.SearchQuery{Text: text, Limit: limit, Offset: offset})
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	body := searchBody{Total: total, Capped: total >= storyfold.MaxSearchTotal, Hits: len(hits)}
	group := map[string]int{}
	for _, h := range hits {
		date := h.Date.String()
		hit := searchHit{ID: h.ArticleID, Title: h.Title, Source: h.Source, Date: date[:min(10, len(date))],
			Href: hrefs.Article(h.ArticleID), StoryHref: hrefs.Story(h.StoryID), Snippet: snippetParts(h.Snippet)}
		k, ok := group[h.StoryID]
		if !ok {
			k = len(body.Groups)
			group[h.StoryID] = k
			body.Groups = append(body.Groups, searchGroup{Href: hrefs.Story(h.StoryID)})
		}
		body.Groups[k].Hits = append(body.Groups[k].Hits, hit)
	}
	if err := s.headlines(r, body.Groups, group); err != nil {
		s.storeFailed(w, r, err)
		return
	}
	body.Prev, body.Next = pagerLinks(r, offset, limit, total)
	s.render(w, r, http.StatusOK, "searchPage", page{Title: "Search", Query: text, Body: body})
}

// headlines names the stories of a search's hits, in one read of those
// stories' columns by their IDs. It had listed every story with an article
// matching the search's words (a read that grows with the store: 0.5-0.7
// s for a common word at 40,000 articles, past the search's deadline at a
// million) and read whole the stories that list did not reach.
func (s *Server) headlines(r *http.Request, groups []searchGroup, group map[string]int) error {
	if len(groups) == 0 {
		return nil
	}
	ids := make([]string, 0, len(group))
	for id := range group {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	found, _, err := s.cfg.Store.StoryPage(r.Context(), storyfold.StoryQuery{IDs: ids, Limit: len(ids)})
	if err != nil {
		return err
	}
	// A story not found (gone since the search) keeps no headline: the
	// page names it by its first article.
	for _, st := range found {
		if k, ok := group[st.ID]; ok {
			groups[k].Headline = st.Headline
		}
	}
	return nil
}
