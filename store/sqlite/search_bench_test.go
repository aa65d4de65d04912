package sqlite

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/benchdata"
	"github.com/storyfold/storyfold/store/internal/sqlstore"
)

var searchDB = flag.String("search-db", "", "a SQLite store (say, bench --scale's --scale-db file) that BenchmarkSearchStored searches; the benchmark is skipped without it")

// storeWords are the words bench --scale's clients search for: those of
// more than four letters in the first stories' headlines, at most n.
func storeWords(ctx context.Context, b testing.TB, s *Store, n int) []string {
	b.Helper()
	seen := map[string]bool{}
	var words []string
	for off := 0; len(words) < n; off += 100 {
		page, _, err := s.StoryPage(ctx, storyfold.StoryQuery{Limit: 100, Offset: off})
		if err != nil {
			b.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, st := range page {
			for _, w := range strings.Fields(strings.ToLower(st.Headline)) {
				if w = strings.Trim(w, ".,:;'\"?!()"); len(w) > 4 && !seen[w] && len(words) < n {
					seen[w] = true
					words = append(words, w)
				}
			}
		}
	}
	slices.Sort(words)
	return words
}

// BenchmarkSearchStored is a search page's store work (the first 20 hits
// of one headline word, their total and snippets) on a real store, the
// words taken in turn. It reports its CPU time (cpu-µs/op), steadier than
// its time on a shared machine:
//
//	go test ./store/sqlite -run '^$' -bench SearchStored -search-db FILE
func BenchmarkSearchStored(b *testing.B) {
	if *searchDB == "" {
		b.Skip("no -search-db")
	}
	ctx := context.Background()
	s, err := Open(ctx, *searchDB)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	words := storeWords(ctx, b, s, 300)
	if len(words) == 0 {
		b.Fatal("no words in the store's headlines")
	}
	i, cpu := 0, benchdata.CPUTime()
	for b.Loop() {
		if _, _, err := s.Search(ctx, storyfold.SearchQuery{Text: words[i%len(words)], Limit: 20}); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64((benchdata.CPUTime()-cpu)/time.Microsecond)/float64(b.N), "cpu-µs/op")
}

// sortedMatches is the page and total Search made of Matches before the
// engine ranked them (sqlstore's fallback for an engine without Ranked).
func sortedMatches(ctx context.Context, s *Store, text string, off, lim int) ([]sqlstore.Match, int, error) {
	matches, err := s.matches(ctx, text, max(storyfold.MaxSearchTotal, off+lim))
	if err != nil {
		return nil, 0, err
	}
	slices.SortStableFunc(matches, func(a, b sqlstore.Match) int { return cmp.Compare(b.Score, a.Score) })
	return matches[min(off, len(matches)):min(off+lim, len(matches))], min(len(matches), storyfold.MaxSearchTotal), nil
}

// TestRankedSameAsSorted holds ranked, which orders and cuts the matches
// in SQLite, to the page and total of ordering them in Go: equal scores
// (articles of the same text) the newest first, pages past the end still
// counted. With -search-db it also compares every headline word of that
// store, at several offsets.
func TestRankedSameAsSorted(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "storyfold.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	texts := []string{"Peace talks resumed in Geneva on Monday.", "The talks on peace stalled.", "Talks, talks and more talks about peace and war."}
	batch := &storyfold.Batch{}
	st := storyfold.NewStory("s1")
	for i := range 30 {
		id := "a" + strconv.Itoa(i)
		st.Articles = append(st.Articles, id)
		batch.Articles = append(batch.Articles, storyfold.StoredArticle{StoryID: "s1", Article: storyfold.Article{
			ID: id, Hash: "h" + id, Source: "A", Title: "Title " + strconv.Itoa(i%2), Language: "en",
			Text: texts[i%len(texts)], Duplicates: []string{}}})
	}
	batch.Stories = []*storyfold.Story{st}
	if err := s.Save(ctx, batch); err != nil {
		t.Fatal(err)
	}
	queries := []string{"peace", "talks", "peace talks", "geneva", "war", "title", "nothing", "the", ""}
	stores := []*Store{s}
	if *searchDB != "" {
		stored, err := Open(ctx, *searchDB)
		if err != nil {
			t.Fatal(err)
		}
		defer stored.Close()
		stores = append(stores, stored)
	}
	for n, s := range stores {
		qs := queries
		if n > 0 {
			qs = storeWords(ctx, t, s, 300)
		}
		for _, q := range qs {
			for _, page := range [][2]int{{0, 20}, {0, 3}, {20, 20}, {7, 5}, {29, 5}, {40, 20}, {990, 20}, {1000, 20}, {1500, 20}} {
				t.Run(fmt.Sprintf("%d/%s/%d+%d", n, q, page[0], page[1]), func(t *testing.T) {
					want, wantTotal, err := sortedMatches(ctx, s, q, page[0], page[1])
					if err != nil {
						t.Fatal(err)
					}
					got, total, err := s.ranked(ctx, q, page[0], page[1])
					if err != nil {
						t.Fatal(err)
					}
					if total != wantTotal || !slices.Equal(got, want) {
						t.Errorf("ranked: %d of %v, want %d of %v", total, got, wantTotal, want)
					}
				})
			}
		}
	}
}
