package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/parallel"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/store/sqlite"
	"github.com/storyfold/storyfold/web"
)

// benchHTTP stores n synthetic articles in a fresh SQLite file (or uses
// the file keep names when it already holds articles), serves them on
// loopback and loads the server with concurrent clients, each asking for
// one kind of page in turn, for the given time per kind: first with the
// cache off, so every answer is built from the store, then with it. The
// clients draw from every story, every page of the list and a few hundred
// queries, so the cache fills as a real server's would. It prints the
// latency percentiles per kind.
func benchHTTP(ctx context.Context, seeds []storyfold.Article, n, clients int, each time.Duration, seed uint64, keep string) error {
	path := keep
	if path == "" {
		dir, err := os.MkdirTemp("", "storyfold-bench-http")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "bench.db")
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	if stored, _, err := st.Counts(ctx); err != nil {
		return err
	} else if stored == 0 {
		files := synthesize(seeds, n, seed)
		reader := ingest.NewReader(nil)
		raw := make([]storyfold.Article, len(files))
		parallel.For(len(files), runtime.GOMAXPROCS(0), func(i int) {
			reader.ReadStream(fmt.Sprintf("bench/%07d.txt", i), bytes.NewReader(files[i]), func(a storyfold.Article) { raw[i] = a })
		})
		w, err := pipeline.NewWriter(ctx, st, cluster.DefaultOptions())
		if err != nil {
			return err
		}
		if _, err := w.Add(ctx, raw); err != nil {
			return err
		}
	}
	articles, stories, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("\nserver: %d articles in %d stories stored in %s; %d clients, %s per page kind, on loopback\n",
		articles, stories, time.Since(start).Round(time.Second), clients, each)
	kinds, err := benchPaths(ctx, st, seed)
	if err != nil {
		return err
	}
	for _, bytes := range []int{-1, web.DefaultCacheBytes} {
		if err := loadServer(ctx, st, bytes, kinds, clients, each); err != nil {
			return err
		}
	}
	return nil
}

// benchPaths returns what the clients ask for: every story's page and JSON,
// every page of the list, and searches for words of the stories'
// headlines, each list shuffled.
func benchPaths(ctx context.Context, st storyfold.Store, seed uint64) ([]pageKind, error) {
	all, total, err := st.StoryPage(ctx, storyfold.StoryQuery{Limit: 1 << 30})
	if err != nil || total == 0 {
		return nil, fmt.Errorf("no stories to ask for: %v", err)
	}
	var list, pages, jsons, searches []string
	for off := 0; off < total; off += 50 {
		list = append(list, fmt.Sprintf("/?offset=%d", off), fmt.Sprintf("/api/v1/stories?limit=50&offset=%d", off))
	}
	words := map[string]bool{}
	for _, s := range all {
		pages = append(pages, "/stories/"+s.ID)
		jsons = append(jsons, "/api/v1/stories/"+s.ID)
		for _, w := range strings.Fields(strings.ToLower(s.Headline)) {
			if w = strings.Trim(w, ".,:;'\"?!()"); len(w) > 4 && len(words) < 300 {
				words[w] = true
			}
		}
	}
	for w := range words {
		searches = append(searches, "/search?q="+url.QueryEscape(w))
	}
	slices.Sort(searches)
	rng := rand.New(rand.NewPCG(seed, 2))
	kinds := []pageKind{{"stories list", list}, {"story page", pages}, {"story JSON", jsons}, {"search", searches}}
	for _, k := range kinds {
		rng.Shuffle(len(k.paths), func(i, j int) { k.paths[i], k.paths[j] = k.paths[j], k.paths[i] })
	}
	return kinds, nil
}

// pageKind is a kind of page and the paths that ask for it.
type pageKind struct {
	name  string
	paths []string
}

// loadServer serves the store on loopback with the given cache size and
// loads each kind of page in turn.
func loadServer(ctx context.Context, st storyfold.Store, cacheBytes int, kinds []pageKind, clients int, each time.Duration) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: web.New(web.Config{Store: st, CacheBytes: cacheBytes})}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	if cacheBytes > 0 {
		fmt.Printf("with the response cache (%d MiB), filling as the clients go:\n", cacheBytes>>20)
	} else {
		fmt.Printf("without the cache, every request built from the store:\n")
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	fmt.Printf("%14s %9s %9s %9s %9s %9s %8s\n", "page", "requests", "req/s", "p50", "p90", "p99", "errors")
	for _, k := range kinds {
		lat, errs := load(ctx, client, base, k.paths, clients, each)
		slices.Sort(lat)
		pct := func(p float64) time.Duration {
			if len(lat) == 0 {
				return 0
			}
			return lat[min(len(lat)-1, int(p*float64(len(lat))))]
		}
		fmt.Printf("%14s %9d %9.0f %9s %9s %9s %8d\n", k.name, len(lat), float64(len(lat))/each.Seconds(),
			pct(0.5).Round(10*time.Microsecond), pct(0.9).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), errs)
	}
	return nil
}

// load runs clients that ask for the paths in turn until the time is up,
// and returns every request's latency and the count of failures.
func load(ctx context.Context, client *http.Client, base string, paths []string, clients int, d time.Duration) ([]time.Duration, int) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var mu sync.Mutex
	var all []time.Duration
	errs := 0
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for i := c; ctx.Err() == nil; i++ {
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+paths[i%len(paths)], nil)
				t := time.Now()
				res, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						bad++
					}
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					bad++
					continue
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			all = append(all, mine...)
			errs += bad
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	return all, errs
}
