// Package newssite is a news site for tests: an RSS feed whose items carry
// only summaries, the article pages they link to, and a robots.txt, served
// by an http.Handler that tests put behind httptest. Stories can be
// published while it serves, and it answers conditional GETs as real
// sites do, so a watcher's polling can be tested end to end.
package newssite

import (
	"fmt"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Story is one article the site publishes.
type Story struct {
	Title, Text string
	Date        time.Time
}

// Site is the handler.
type Site struct {
	mu      sync.Mutex
	stories []Story
	version int
	// Robots is the robots.txt served; empty serves 404.
	Robots string
	// Requests counts the requests by path.
	requests sync.Map
	// Fail makes article pages answer 500 while set.
	Fail atomic.Bool
	// Delay is how long each article page takes to answer.
	Delay time.Duration
}

// New returns a site publishing the stories.
func New(stories ...Story) *Site {
	return &Site{stories: stories}
}

// Publish adds stories, which the feed lists from its next request.
func (s *Site) Publish(stories ...Story) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stories = append(s.stories, stories...)
	s.version++
}

// Requests returns how many requests a path has had.
func (s *Site) Requests(path string) int {
	n, _ := s.requests.Load(path)
	if n == nil {
		return 0
	}
	return int(n.(*atomic.Int64).Load())
}

// PagePath is the path of the i-th story's page.
func PagePath(i int) string { return fmt.Sprintf("/news/%d.html", i) }

func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n, _ := s.requests.LoadOrStore(r.URL.Path, new(atomic.Int64))
	n.(*atomic.Int64).Add(1)
	s.mu.Lock()
	stories := append([]Story(nil), s.stories...)
	version := s.version
	s.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt":
		if s.Robots == "" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, s.Robots)
	case r.URL.Path == "/feed.xml":
		etag := fmt.Sprintf(`"v%d-%d"`, version, len(stories))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		base := "http://" + r.Host
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test News</title><link>` + base + `/</link>`)
		// Newest first, as feeds list them.
		for i := len(stories) - 1; i >= 0; i-- {
			st := stories[i]
			summary := st.Text
			if words := strings.Fields(summary); len(words) > 25 {
				summary = strings.Join(words[:25], " ") + "..."
			}
			fmt.Fprintf(&b, "<item><title>%s</title><link>%s%s</link><guid>%s%s</guid><pubDate>%s</pubDate><description>%s</description></item>",
				html.EscapeString(st.Title), base, PagePath(i), base, PagePath(i), st.Date.UTC().Format(time.RFC1123Z), html.EscapeString(summary))
		}
		b.WriteString("</channel></rss>")
		fmt.Fprint(w, b.String())
	case strings.HasPrefix(r.URL.Path, "/news/"):
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/news/%d.html", &i); err != nil || i < 0 || i >= len(stories) {
			http.NotFound(w, r)
			return
		}
		if s.Delay > 0 {
			select {
			case <-time.After(s.Delay):
			case <-r.Context().Done():
				return
			}
		}
		if s.Fail.Load() {
			http.Error(w, "unavailable", http.StatusInternalServerError)
			return
		}
		st := stories[i]
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!DOCTYPE html><html><head><title>%s | Test News</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>%s</h1>",
			html.EscapeString(st.Title), html.EscapeString(st.Title))
		for _, p := range strings.Split(st.Text, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				fmt.Fprintf(w, "<p>%s</p>\n", html.EscapeString(p))
			}
		}
		fmt.Fprint(w, "</article><footer>Copyright Test News</footer></body></html>")
	default:
		http.NotFound(w, r)
	}
}

// Examples reads the .txt articles of a directory as stories, titled by
// their first line, an hour apart from start.
func Examples(dir string, start time.Time) ([]Story, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no .txt articles in %s (%v)", dir, err)
	}
	var out []Story
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		text := strings.TrimSpace(string(b))
		title, _, _ := strings.Cut(text, "\n")
		out = append(out, Story{Title: strings.TrimSpace(title), Text: text, Date: start.Add(time.Duration(i) * time.Hour)})
	}
	return out, nil
}
