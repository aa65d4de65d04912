package web_test

import (
	"bytes"
	"context"
	"flag"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/benchdata"
	"github.com/storyfold/storyfold/store/sqlite"
	"github.com/storyfold/storyfold/web"
)

var (
	basilPath = flag.String("basil", "../../shared/data/basil/articles.jsonl", "BASIL's articles (JSONL), stored for BenchmarkStoredStory")
	storedDB  = flag.String("stored-db", "", "a SQLite store (say, bench --scale's --scale-db file) whose stories BenchmarkStoredStory serves instead of BASIL's")
)

// BenchmarkStoredStory measures a story page and the API's story, cache
// off, over a real SQLite store: BASIL's 300 articles ingested as
// `ingest` stores them, or the store -stored-db names. It serves
// four stories: the one of most articles, one of two, one of fifteen
// (when there is one) and the largest with both quotes and conflicts,
// each as a page, an answer of the API and the page's template alone,
// without the story cache, and as a page with it (page-kept).
// It is skipped without the BASIL file. Run it with
//
//	go test ./web -run '^$' -bench StoredStory -benchmem
//	go test ./web -run '^$' -bench StoredStory -benchmem -stored-db FILE
//
// Each run reports its CPU time (cpu-µs/op) beside its time, which on a
// loaded machine measures the load as much as the page.
func BenchmarkStoredStory(b *testing.B) {
	st := storedStore(b)
	stories := pickStories(b, st)
	h := web.New(web.Config{Store: st, CacheBytes: -1, StoryCacheBytes: -1})
	// kept keeps the stories it reads decoded (the story cache), as a
	// server does by default: page-kept is a page whose story was read
	// before, still built from it.
	kept := web.New(web.Config{Store: st, CacheBytes: -1})
	for _, s := range stories {
		for _, p := range []struct {
			name, path string
			h          http.Handler
		}{
			{"page", "/stories/" + s.id, h},
			{"api", "/api/v1/stories/" + s.id, h},
			{"page-kept", "/stories/" + s.id, kept},
		} {
			b.Run(s.name+"/"+p.name, func(b *testing.B) {
				b.ReportAllocs()
				cpu := benchdata.CPUTime()
				for b.Loop() {
					if rec := serve(p.h, http.MethodGet, p.path, "", nil); rec.Code != http.StatusOK {
						b.Fatalf("%s: %d", p.path, rec.Code)
					}
				}
				reportCPU(b, cpu)
			})
		}
		// The page's template alone, its view built once.
		b.Run(s.name+"/template", func(b *testing.B) {
			render, err := web.StoryTemplate(h, s.id)
			if err != nil {
				b.Fatal(err)
			}
			// Once before the clock: what a process does once (the
			// fragments' templates, html/template's escaping of the
			// page's) is not the page's.
			var buf bytes.Buffer
			if err := render(&buf); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			cpu := benchdata.CPUTime()
			for b.Loop() {
				buf.Reset()
				if err := render(&buf); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
			b.SetBytes(int64(buf.Len()))
		})
	}
}

// reportCPU reports the process's CPU time a run since cpu, in
// microseconds: on a machine other work loads, the time a run takes
// measures the load as much as the page; its CPU time much less.
func reportCPU(b *testing.B, cpu time.Duration) {
	b.ReportMetric(float64((benchdata.CPUTime()-cpu)/time.Microsecond)/float64(b.N), "cpu-µs/op")
}

// storedStore opens -stored-db, or stores BASIL's articles in a new file
// as `ingest` does.
func storedStore(b *testing.B) storyfold.Store {
	b.Helper()
	ctx := context.Background()
	if *storedDB != "" {
		st, err := sqlite.Open(ctx, *storedDB)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		return st
	}
	st, _ := storeArticles(b, benchdata.ReadBASIL(b, *basilPath), nil)
	return st
}

type pickedStory struct{ name, id string }

// pickStories finds the largest story, one of two articles, one of
// fifteen, and the largest of the 200 largest that has quotes and
// conflicts.
func pickStories(b *testing.B, st storyfold.Store) []pickedStory {
	b.Helper()
	ctx := context.Background()
	var all []storyfold.StorySummary
	for q := (storyfold.StoryQuery{Limit: 200}); ; q.Offset += q.Limit {
		page, total, err := st.StoryPage(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, page...)
		if len(page) == 0 || q.Offset+q.Limit >= total {
			break
		}
	}
	if len(all) == 0 {
		b.Fatal("the store holds no story")
	}
	largest, small := all[0], ""
	for _, s := range all {
		if s.Articles > largest.Articles {
			largest = s
		}
		if small == "" && s.Articles == 2 {
			small = s.ID
		}
	}
	out := []pickedStory{{"largest", largest.ID}}
	if small != "" {
		out = append(out, pickedStory{"two", small})
	}
	// Fifteen articles, the commonest size of a story of bench --scale's
	// stores, when there is one.
	if i := slices.IndexFunc(all, func(s storyfold.StorySummary) bool { return s.Articles == 15 }); i >= 0 {
		out = append(out, pickedStory{"fifteen", all[i].ID})
	}
	sorted := slices.Clone(all)
	slices.SortStableFunc(sorted, func(x, y storyfold.StorySummary) int { return y.Articles - x.Articles })
	for _, s := range sorted[:min(200, len(sorted))] {
		doc, err := st.Story(ctx, s.ID)
		if err != nil {
			b.Fatal(err)
		}
		if len(doc.Quotes) > 0 && len(doc.Conflicts) > 0 {
			out = append(out, pickedStory{"conflicts", s.ID})
			break
		}
	}
	return out
}
