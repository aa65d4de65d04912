package web

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

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
	var b bytes.Buffer
	if err := s.pages.ExecuteTemplate(&b, name, p); err != nil {
		s.cfg.Log.Error("template", slog.String("page", name), slog.Any("error", err))
		http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

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
	s.cfg.Log.Error("store", slog.String("path", r.URL.Path), slog.Any("error", err))
	s.pageError(w, r, http.StatusInternalServerError, "The store failed; the server log says why.")
}

// storiesBody is the stories list.
type storiesBody struct {
	Stories    []report.StoryView
	Total      int
	Source     string
	Prev, Next string
}

func (s *Server) pageStories(w http.ResponseWriter, r *http.Request) {
	q, err := storyQuery(r)
	if err != nil {
		s.pageError(w, r, http.StatusBadRequest, err.Error())
		return
	}
	stories, total, err := s.cfg.Store.StoryPage(r.Context(), q)
	if err != nil {
		s.storeFailed(w, r, err)
		return
	}
	body := storiesBody{Total: total, Source: q.Source}
	for _, st := range stories {
		body.Stories = append(body.Stories, report.StoryView{ID: st.ID, Headline: st.Headline, Href: hrefs.Story(st.ID),
			Count: st.Articles, Independent: st.IndependentSources, Sources: st.Sources, Dates: report.DateRange(st.First, st.Last)})
	}
	body.Prev, body.Next = pagerLinks(r, q.Offset, q.Limit, total)
	s.render(w, r, http.StatusOK, "storiesPage", page{Title: "Stories", Query: q.Text, Body: body})
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

// storyArticles loads the metadata of a story's articles, by ID: a story
// page shows no article's text.
func (s *Server) storyArticles(r *http.Request, st *storyfold.Story) (map[string]*storyfold.Article, error) {
	arts, err := s.cfg.Store.ArticleHeads(r.Context(), st.Articles)
	if err != nil {
		return nil, err
	}
	m := make(map[string]*storyfold.Article, len(arts))
	for i := range arts {
		m[arts[i].ID] = &arts[i]
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
	s.render(w, r, http.StatusOK, "articlePage", page{Title: arts[0].Title, Body: report.NewArticleView(&arts[0], st, hrefs)})
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
	Hits  []searchHit
	Total int
	// Capped says that more articles match than the store counts.
	Capped     bool
	Prev, Next string
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
	body := searchBody{Total: total, Capped: total >= storyfold.MaxSearchTotal}
	for _, h := range hits {
		date := h.Date.String()
		body.Hits = append(body.Hits, searchHit{ID: h.ArticleID, Title: h.Title, Source: h.Source, Date: date[:min(10, len(date))],
			Href: hrefs.Article(h.ArticleID), StoryHref: hrefs.Story(h.StoryID), Snippet: snippetParts(h.Snippet)})
	}
	body.Prev, body.Next = pagerLinks(r, offset, limit, total)
	s.render(w, r, http.StatusOK, "searchPage", page{Title: "Search", Query: text, Body: body})
}
