package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/web"
)

// bigStore serves, beside the stored example story, a story made of the
// example's articles repeated: every article, fact wording, quote wording,
// claim, family member and timeline citation n times over, under new IDs.
type bigStore struct {
	storyfold.Store
	big  *storyfold.Story
	doc  []byte            // big, encoded
	orig map[string]string // a copy's ID -> the example article's
}

const bigID = "s-big"

func newBigStore(t testing.TB, st storyfold.Store, exampleID string, copies int) *bigStore {
	t.Helper()
	ex, err := st.Story(context.Background(), exampleID)
	if err != nil {
		t.Fatal(err)
	}
	b := &bigStore{Store: st, orig: map[string]string{}}
	big := *ex
	big.ID = bigID
	copyID := func(id string, k int) string { return fmt.Sprintf("%s-c%04d", id, k) }
	ids := func(list []string) []string {
		var out []string
		for k := range copies {
			for _, id := range list {
				out = append(out, copyID(id, k))
			}
		}
		return out
	}
	big.Articles = ids(ex.Articles)
	for k := range copies {
		for _, id := range ex.Articles {
			b.orig[copyID(id, k)] = id
		}
	}
	variants := func(vs []storyfold.Variant) []storyfold.Variant {
		var out []storyfold.Variant
		for k := range copies {
			for _, v := range vs {
				v.Article = copyID(v.Article, k)
				out = append(out, v)
			}
		}
		return out
	}
	refs := func(rs []storyfold.SentenceRef) []storyfold.SentenceRef {
		var out []storyfold.SentenceRef
		for k := range copies {
			for _, r := range rs {
				r.Article = copyID(r.Article, k)
				out = append(out, r)
			}
		}
		return out
	}
	big.Summary = nil
	for _, s := range ex.Summary {
		s.Articles, s.Cites = ids(s.Articles), refs(s.Cites)
		big.Summary = append(big.Summary, s)
	}
	big.Facts = nil
	for _, f := range ex.Facts {
		f.Articles, f.Variants, f.OmittedBy = ids(f.Articles), variants(f.Variants), ids(f.OmittedBy)
		big.Facts = append(big.Facts, f)
	}
	big.Quotes = nil
	for _, q := range ex.Quotes {
		q.Articles, q.Variants = ids(q.Articles), variants(q.Variants)
		big.Quotes = append(big.Quotes, q)
	}
	big.Entities = nil
	for _, e := range ex.Entities {
		e.Articles = ids(e.Articles)
		big.Entities = append(big.Entities, e)
	}
	big.Conflicts = nil
	for _, c := range ex.Conflicts {
		var claims []storyfold.Claim
		for k := range copies {
			for _, cl := range c.Claims {
				cl.Article = copyID(cl.Article, k)
				claims = append(claims, cl)
			}
		}
		c.Claims = claims
		big.Conflicts = append(big.Conflicts, c)
	}
	big.Families = nil
	for k := range copies {
		for _, f := range ex.Families {
			var members []string
			for _, id := range f.Articles {
				members = append(members, copyID(id, k))
			}
			f.Articles = members
			if f.Origin != "" {
				f.Origin = copyID(f.Origin, k)
			}
			big.Families = append(big.Families, f)
		}
	}
	big.Exclusive = nil
	for k := range copies {
		for _, x := range ex.Exclusive {
			x.Article = copyID(x.Article, k)
			big.Exclusive = append(big.Exclusive, x)
		}
	}
	big.Timeline = nil
	for _, e := range ex.Timeline {
		e.Articles, e.Cites = ids(e.Articles), refs(e.Cites)
		big.Timeline = append(big.Timeline, e)
	}
	b.big = &big
	return b
}

func (b *bigStore) Story(ctx context.Context, id string) (*storyfold.Story, error) {
	if id != bigID {
		return b.Store.Story(ctx, id)
	}
	// A copy decoded from its document, as a store reads it.
	if b.doc == nil {
		doc, err := json.Marshal(b.big)
		if err != nil {
			return nil, err
		}
		b.doc = doc
	}
	var st storyfold.Story
	return &st, json.Unmarshal(b.doc, &st)
}

func (b *bigStore) ArticleHeads(ctx context.Context, ids []string) ([]storyfold.Article, error) {
	var out []storyfold.Article
	for _, id := range ids {
		orig, ok := b.orig[id]
		if !ok {
			orig = id
		}
		heads, err := b.Store.ArticleHeads(ctx, []string{orig})
		if err != nil {
			return nil, err
		}
		for _, h := range heads {
			h.ID = id
			out = append(out, h)
		}
	}
	return out, nil
}

// bigServer serves the example story and stories of its articles
// repeated.
func bigServer(t testing.TB, copies int) (http.Handler, *bigStore, string) {
	t.Helper()
	h, st := newHandler(t, web.Config{})
	_, id, _ := strings.Cut(serve(h, http.MethodGet, "/api/v1/stories", "", nil).Body.String(), `"id":"`)
	id, _, _ = strings.Cut(id, `"`)
	big := newBigStore(t, st, id, copies)
	// A minute, not the default 10 s: under the race detector on a loaded
	// machine the 2,000-article story takes seconds to build.
	return web.New(web.Config{Store: big, CacheBytes: -1, Timeout: time.Minute}), big, id
}

// TestStoryPageBounded holds a story page's size to its window of
// articles: a story of 2,000 articles costs what one of 250 does, and
// both pages list 25 and link on to the next.
func TestStoryPageBounded(t *testing.T) {
	sizes := map[int]int{}
	for _, copies := range []int{50, 400} {
		h, big, _ := bigServer(t, copies)
		rec := serve(h, http.MethodGet, "/stories/"+bigID, "", nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("%d copies: %d %s", copies, rec.Code, rec.Body)
		}
		page := rec.Body.String()
		sizes[copies] = len(page)
		if n := strings.Count(page, `<li value="`); n != 25 {
			t.Errorf("%d articles: %d listed, want 25", len(big.big.Articles), n)
		}
		if want := fmt.Sprintf("Articles 1–25 of %d", len(big.big.Articles)); !strings.Contains(page, want) {
			t.Errorf("the page does not say %q", want)
		}
		if !strings.Contains(page, `href="/stories/`+bigID+`?offset=25" rel="next"`) {
			t.Errorf("no link to the next articles")
		}
	}
	if sizes[400] > sizes[50]*11/10 {
		t.Errorf("the page grows with the story: %d bytes at 250 articles, %d at 2,000", sizes[50], sizes[400])
	}
	t.Logf("story page: %d bytes at 250 articles, %d at 2,000", sizes[50], sizes[400])
}

// TestStoryPageWindow walks a large story's pages: each lists its own
// articles, numbered as in the whole story, and cites only them.
func TestStoryPageWindow(t *testing.T) {
	h, big, _ := bigServer(t, 30) // 150 articles
	label := regexp.MustCompile(`\[(\d+)[a-z]?\]`)
	for _, tt := range []struct {
		query      string
		status     int
		from, to   int
		prev, next bool
	}{
		{"", 200, 1, 25, false, true},
		{"?offset=50", 200, 51, 75, true, true},
		{"?offset=140", 200, 141, 150, true, false},
		{"?offset=10&limit=100", 200, 11, 35, true, true},
		{"?offset=10&limit=5", 200, 11, 15, true, true},
		{"?offset=150", 404, 0, 0, false, false},
		{"?offset=-1", 400, 0, 0, false, false},
		{"?limit=500", 400, 0, 0, false, false},
	} {
		t.Run(tt.query, func(t *testing.T) {
			rec := serve(h, http.MethodGet, "/stories/"+bigID+tt.query, "", nil)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if tt.status != 200 {
				return
			}
			page := rec.Body.String()
			var listed []int
			for _, m := range regexp.MustCompile(`<li value="(\d+)">`).FindAllStringSubmatch(page, -1) {
				var n int
				fmt.Sscan(m[1], &n)
				listed = append(listed, n)
			}
			if len(listed) == 0 || listed[0] != tt.from || listed[len(listed)-1] != tt.to {
				t.Errorf("articles %v, want %d to %d", listed, tt.from, tt.to)
			}
			for _, m := range label.FindAllStringSubmatch(page, -1) {
				var n int
				fmt.Sscan(m[1], &n)
				if n < tt.from || n > tt.to {
					t.Errorf("the page cites [%d], outside its articles %d-%d", n, tt.from, tt.to)
					break
				}
			}
			// Every article the page links to is one of its own.
			for _, m := range regexp.MustCompile(`href="/articles/([^"#]+)`).FindAllStringSubmatch(page, -1) {
				if i := slices.Index(big.big.Articles, m[1]); i < tt.from-1 || i >= tt.to {
					t.Errorf("the page links to %s, article %d", m[1], i+1)
					break
				}
			}
			if got := strings.Contains(page, `rel="prev"`); got != tt.prev {
				t.Errorf("prev link %v, want %v", got, tt.prev)
			}
			if got := strings.Contains(page, `rel="next"`); got != tt.next {
				t.Errorf("next link %v, want %v", got, tt.next)
			}
		})
	}
}

// TestAPIStoryPaging pages a story's JSON by its articles, and answers a
// story no larger than the page as it is stored, with the paging fields
// added.
func TestAPIStoryPaging(t *testing.T) {
	h, big, small := bigServer(t, 60) // 300 articles
	t.Run("small story unchanged", func(t *testing.T) {
		rec := serve(h, http.MethodGet, "/api/v1/stories/"+small, "", nil)
		var got map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		st, err := big.Store.Story(context.Background(), small)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := json.Marshal(st)
		var want map[string]any
		_ = json.Unmarshal(doc, &want)
		for k, v := range map[string]float64{"articles_total": float64(len(st.Articles)), "articles_offset": 0, "articles_limit": 100,
			"outlets": float64(len(st.Articles))} { // the example's five outlets, four unknown
			if got[k] != v {
				t.Errorf("%s = %v, want %v", k, got[k], v)
			}
			delete(got, k)
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) {
			t.Errorf("the story differs from the stored one:\n%s\n%s", g, w)
		}
	})
	for _, tt := range []struct {
		query         string
		status        int
		offset, count int
	}{
		{"", 200, 0, 100},
		{"?limit=10&offset=20", 200, 20, 10},
		{"?offset=295", 200, 295, 5},
		{"?offset=300", 200, 300, 0},
		{"?limit=0", 400, 0, 0},
		{"?limit=101", 400, 0, 0},
		{"?offset=x", 400, 0, 0},
	} {
		t.Run("big"+tt.query, func(t *testing.T) {
			rec := serve(h, http.MethodGet, "/api/v1/stories/"+bigID+tt.query, "", nil)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.status != 200 {
				return
			}
			var got struct {
				storyfold.Story
				Total  int `json:"articles_total"`
				Offset int `json:"articles_offset"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			want := big.big.Articles[tt.offset : tt.offset+tt.count]
			if !slices.Equal(got.Articles, want) || got.Total != 300 || got.Offset != tt.offset {
				t.Fatalf("articles %d from %d of %d, want %d from %d of 300", len(got.Articles), got.Offset, got.Total, tt.count, tt.offset)
			}
			in := func(id string) bool { return slices.Contains(want, id) }
			for _, f := range got.Facts {
				for _, v := range f.Variants {
					if !in(v.Article) {
						t.Fatalf("a fact's wording of %s, outside the page", v.Article)
					}
				}
			}
			for _, c := range got.Conflicts {
				for _, cl := range c.Claims {
					if !in(cl.Article) {
						t.Fatalf("a claim of %s, outside the page", cl.Article)
					}
				}
			}
			for _, e := range got.Timeline {
				for _, id := range e.Articles {
					if !in(id) {
						t.Fatalf("a timeline entry of %s, outside the page", id)
					}
				}
			}
			if tt.count > 0 && (len(got.Facts) == 0 || len(got.Summary) == 0) {
				t.Errorf("the page lost the account: %d facts, %d summary sentences", len(got.Facts), len(got.Summary))
			}
		})
	}
}

// BenchmarkStoryPageLarge builds a story page of a 2,000-article story,
// uncached: the work is that of its first 25 articles, but for decoding
// the story's document, which the store does whole.
func BenchmarkStoryPageLarge(b *testing.B) {
	h, _, _ := bigServer(b, 400)
	b.ReportAllocs()
	for b.Loop() {
		if rec := serve(h, http.MethodGet, "/stories/"+bigID, "", nil); rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}
