package web_test

import (
	"bytes"
	"context"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/htmlcheck"
	"github.com/storyfold/storyfold/web"
)

// accountStore serves the stored stories with what the reconciler adds to
// an account that the shipped example may not have: each story's first
// fact restated by its first article, and a timeline whose entries cite
// several sentences of an article, one entry carrying hostile markup. The
// sentences are the articles' own, so every link must lead to one.
type accountStore struct {
	storyfold.Store
}

// hostileEvent is a timeline entry's text as an article could word it.
const hostileEvent = `Talks began <script>document.title='pwned'</script><img src=x onerror="document.title='pwned'">.`

func (s accountStore) Story(ctx context.Context, id string) (*storyfold.Story, error) {
	st, err := s.Store.Story(ctx, id)
	if err != nil || len(st.Facts) == 0 || len(st.Articles) < 2 {
		return st, err
	}
	arts, err := s.Store.Articles(ctx, st.Articles[:2])
	if err != nil || len(arts) < 2 {
		return st, err
	}
	a, b := &arts[0], &arts[1]
	if a.ID != st.Articles[0] {
		a, b = b, a
	}
	// The first fact no article says twice gets the restatement, so the
	// page shows exactly one.
	fi := 0
	for i, f := range st.Facts {
		seen := map[string]bool{}
		twice := false
		for _, v := range f.Variants {
			twice = twice || seen[v.Article]
			seen[v.Article] = true
		}
		if !twice {
			fi = i
			break
		}
	}
	used := map[storyfold.Span]bool{}
	for _, v := range st.Facts[fi].Variants {
		if v.Article == a.ID && v.Sentence != nil {
			used[*v.Sentence] = true
		}
	}
	var free []storyfold.Span
	for _, sp := range a.Sentences {
		if !used[sp] {
			free = append(free, sp)
		}
	}
	if len(free) < 2 || len(b.Sentences) == 0 {
		return st, nil
	}
	f := &st.Facts[fi]
	if !containsString(f.Articles, a.ID) {
		f.Articles = append(f.Articles, a.ID)
	}
	f.Variants = append(f.Variants, storyfold.Variant{Article: a.ID, Text: a.Slice(free[0]), Sentence: &free[0]})
	day := storyfold.Date{Time: time.Date(2025, 2, 12, 0, 0, 0, 0, time.UTC)}
	st.Timeline = []storyfold.Event{
		{Date: day, Granularity: "day", Text: a.Slice(free[0]), Articles: []string{a.ID, b.ID},
			Cites: []storyfold.SentenceRef{{Article: a.ID, Sentence: free[0]}, {Article: a.ID, Sentence: free[1]}, {Article: b.ID, Sentence: b.Sentences[0]}}},
		{Date: day, Granularity: "day", Text: hostileEvent, Articles: []string{b.ID},
			Cites: []storyfold.SentenceRef{{Article: b.ID, Sentence: b.Sentences[len(b.Sentences)-1]}}},
		{Date: storyfold.Date{Time: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}, Granularity: "month", Text: b.Slice(b.Sentences[0]), Articles: []string{b.ID}},
	}
	return st, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// newAccountServer serves the example through accountStore.
func newAccountServer(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	base, st := newServer(t, web.Config{})
	id := storyID(t, base)
	srv := httptest.NewServer(web.New(web.Config{Store: accountStore{st}}))
	t.Cleanup(srv.Close)
	return srv, id
}

// TestStoryPageAccount checks the story page's restatements and timeline:
// the restatement counted and linked beside its article's first wording,
// the timeline as a dated list citing each sentence, every link leading
// to its sentence, and the hostile entry shown as text.
func TestStoryPageAccount(t *testing.T) {
	srv, id := newAccountServer(t)
	res, body := get(t, srv.URL+"/stories/"+id)
	if res.StatusCode != 200 {
		t.Fatalf("story page: %d", res.StatusCode)
	}
	page := string(body)
	for _, tt := range []struct {
		name string
		want *regexp.Regexp
	}{
		{"restatement counted and linked", regexp.MustCompile(`<a class="again" href="/articles/[^"#]+#article-[^"]+-at\d+" aria-label="says it again in 1 more sentence">\+1</a>`)},
		{"wordings listed with the restatement", regexp.MustCompile(`\d+ wordings, 1 restatement</summary>`)},
		{"restatement marked among the wordings", regexp.MustCompile(`<li class="again"><a class="cite" href="/articles/[^"#]+#article-`)},
		{"first wording linked from its cell", regexp.MustCompile(`<td class="cell (reports|contradicts)"[^>]*><a href="/articles/[^"#]+#article-`)},
		{"vertical timeline", regexp.MustCompile(`<ol class="timeline" id="timeline-`)},
		{"dated entries", regexp.MustCompile(`<time datetime="2025-02-12">2025-02-12</time>`)},
		{"a month", regexp.MustCompile(`<time datetime="2025-03">2025-03</time>`)},
		{"one date shown once", regexp.MustCompile(`<li class="same-date"><time datetime="2025-02-12" class="visually-hidden">`)},
		{"several sentences of one article", regexp.MustCompile(`(?s)aria-label="source 1a, [^"]+">\[1a\]</a><a class="cite" href="/articles/[^"#]+#article-[^"]+-at\d+" title="[^"]+" aria-label="source 1b, [^"]+">\[1b\]</a>`)},
		{"an entry without sentences cites its article", regexp.MustCompile(`<a class="cite" href="/articles/[^"#]+" title="[^"]+" aria-label="source 2, [^"]+">\[2\]</a></p></li>\s*</ol>`)},
		{"hostile text escaped", regexp.MustCompile(`Talks began &lt;script&gt;`)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.want.MatchString(page) {
				t.Errorf("the story page lacks %s", tt.want)
			}
		})
	}
	for _, p := range htmlcheck.Active(bytes.NewReader(body)) {
		t.Error(p)
	}
	// Every sentence link leads to a sentence of its article's page.
	links := regexp.MustCompile(`href="(/articles/[^"#]+)#([^"]+)"`).FindAllStringSubmatch(page, -1)
	pages := map[string]string{}
	for _, l := range links {
		if _, ok := pages[l[1]]; !ok {
			_, p := get(t, srv.URL+l[1])
			pages[l[1]] = string(p)
		}
		if !strings.Contains(pages[l[1]], `id="`+l[2]+`"`) {
			t.Errorf("%s has no sentence %s", l[1], l[2])
		}
	}
}
