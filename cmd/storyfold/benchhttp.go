package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/trace"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
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
	st, _, closeStore, err := openBenchStore(ctx, keep, "storyfold-bench-http")
	if err != nil {
		return err
	}
	defer closeStore()
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
		if err := loadServer(ctx, web.Config{Store: st, CacheBytes: bytes}, kinds, clients, each); err != nil {
			return err
		}
	}
	return nil
}

// benchPaths returns what the clients ask for: every story's page and JSON,
// every page of the list, and searches for words of the stories'
// headlines, each list shuffled.
func benchPaths(ctx context.Context, st storyfold.Store, seed uint64) ([]pageKind, error) {
	all, err := everyStory(ctx, st)
	if err != nil || len(all) == 0 {
		return nil, fmt.Errorf("no stories to ask for: %v", err)
	}
	total := len(all)
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
func loadServer(ctx context.Context, cfg web.Config, kinds []pageKind, clients int, each time.Duration) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: web.New(cfg)}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	stories := "the story cache's default size"
	switch {
	case cfg.StoryCacheBytes < 0:
		stories = "no story cache"
	case cfg.StoryCacheBytes > 0:
		stories = fmt.Sprintf("a story cache of %d MiB", cfg.StoryCacheBytes>>20)
	}
	if cfg.CacheBytes > 0 {
		fmt.Printf("with the response cache (%d MiB), filling as the clients go, %s; load average %s:\n", cfg.CacheBytes>>20, stories, loadAverage())
	} else {
		fmt.Printf("without the response cache, every request built from the store, %s; load average %s:\n", stories, loadAverage())
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	fmt.Printf("%14s %9s %9s %9s %9s %9s %9s %8s\n", "page", "requests", "req/s", "p50", "p90", "p99", "CPU/req", "errors")
	for _, k := range kinds {
		shed0 := shedCounts(client, base)
		cpu0 := processCPU()
		lat, errs := load(ctx, client, base, k.paths, clients, each)
		// The process's CPU a request answered, the clients' share and
		// the collector's included: unlike the latencies, it does not
		// grow with what other processes take of the cores.
		cpu := time.Duration(0)
		if len(lat) > 0 {
			cpu = (processCPU() - cpu0) / time.Duration(len(lat))
		}
		why := errorKinds(errs, shed0, shedCounts(client, base))
		slices.Sort(lat)
		pct := func(p float64) time.Duration {
			if len(lat) == 0 {
				return 0
			}
			return lat[min(len(lat)-1, int(p*float64(len(lat))))]
		}
		fmt.Printf("%14s %9d %9.0f %9s %9s %9s %9s %8d%s\n", k.name, len(lat), float64(len(lat))/each.Seconds(),
			pct(0.5).Round(10*time.Microsecond), pct(0.9).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond),
			cpu.Round(10*time.Microsecond), errs.total(), why)
	}
	return nil
}

// loadErrors counts a load's failed requests by HTTP status (0 for a
// request that got no answer).
type loadErrors map[int]int

func (e loadErrors) total() int {
	n := 0
	for _, c := range e {
		n += c
	}
	return n
}

// shedCounts reads the server's storyfold_http_shed_total from /metrics,
// summed over routes, by reason: the requests refused a place in the
// queue (queue_full) or after waiting for one (queue_wait).
func shedCounts(client *http.Client, base string) map[string]float64 {
	out := map[string]float64{}
	res, err := client.Get(base + "/metrics")
	if err != nil {
		return out
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	for _, line := range strings.Split(string(b), "\n") {
		rest, ok := strings.CutPrefix(line, "storyfold_http_shed_total{")
		if !ok {
			continue
		}
		labels, value, _ := strings.Cut(rest, "} ")
		v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil {
			continue
		}
		for _, l := range strings.Split(labels, ",") {
			if r, ok := strings.CutPrefix(l, "reason="); ok {
				out[strings.Trim(r, `"`)] += v
			}
		}
	}
	return out
}

// errorKinds says what a load's errors were: each status, and of the
// 503s those shed at the queue (the shed counts' growth, before to
// after) and the rest, answered 503 past their deadline. "" when there
// were none.
func errorKinds(errs loadErrors, before, after map[string]float64) string {
	if errs.total() == 0 {
		return ""
	}
	var parts []string
	statuses := slices.Sorted(maps.Keys(errs))
	for _, st := range statuses {
		name := strconv.Itoa(st)
		if st == 0 {
			name = "no answer"
		}
		part := fmt.Sprintf("%s %d", name, errs[st])
		if st == http.StatusServiceUnavailable {
			shed := 0
			var by []string
			for _, reason := range slices.Sorted(maps.Keys(after)) {
				if n := int(after[reason] - before[reason]); n > 0 {
					shed += n
					by = append(by, fmt.Sprintf("%s %d", reason, n))
				}
			}
			by = append(by, fmt.Sprintf("over time %d", max(0, errs[st]-shed)))
			part += " (" + strings.Join(by, ", ") + ")"
		}
		parts = append(parts, part)
	}
	return "  errors: " + strings.Join(parts, "; ")
}

// load runs clients that ask for the paths in turn until the time is up,
// and returns every request's latency and the count of failures.
func load(ctx context.Context, client *http.Client, base string, paths []string, clients int, d time.Duration) ([]time.Duration, loadErrors) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var mu sync.Mutex
	var all []time.Duration
	errs := loadErrors{}
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			bad := loadErrors{}
			for i := c; ctx.Err() == nil; i++ {
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+paths[i%len(paths)], nil)
				t := time.Now()
				res, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						bad[0]++
					}
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					bad[res.StatusCode]++
					continue
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			all = append(all, mine...)
			for st, n := range bad {
				errs[st] += n
			}
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	return all, errs
}

// attackOptions configures the attack replay.
type attackOptions struct {
	articles  int           // synthetic articles in the store, beside the large story
	large     int           // articles of the one large story
	clients   int           // clients loading story pages at once
	quiet     time.Duration // the probes alone, before the attacks
	attack    time.Duration // the probes with the attacks
	healthP99 time.Duration // the bound on the health check's p99 under attack
	seed      uint64
	keep      string // SQLite file to keep the store in, "" for a temporary one
	// kinds names the attacks to run (search, bomb, quotes, pages, slow);
	// none runs them all.
	kinds []string
	// url is a server already serving the store (storyfold serve --db
	// of the same file) to attack instead of one in this process, and
	// token its write token: the attackers and probes then share no
	// process with it.
	url, token string
	// maxReads and maxIngests are the server's settings (0: its
	// defaults), to measure what its bounds are worth.
	maxReads, maxIngests int
	// maxInflight, maxQueue and queueWait are the server's load shedding
	// (serve's --max-inflight, --max-queue, --queue-wait; 0: its
	// defaults).
	maxInflight, maxQueue int
	queueWait             time.Duration
	// cacheMB is the server's --cache-mb (negative: its default).
	cacheMB int
	// trace names a file to write an execution trace of the attacked
	// phase to ("" for none).
	trace string
	// posts says where the server analyses POSTs, as serve's --posts
	// and --posts-nice do.
	posts postsFlags
	// layout says which processes the server, the attackers and the
	// probes run in, without url: layoutThree or layoutOne.
	layout string
}

// The layouts of the attack replay (bench --attack-layout).
const (
	// layoutThree runs the server (storyfold serve) and the attackers
	// (storyfold bench-attackers) as children of the bench, which runs
	// the probes: the attackers' CPU and garbage are not the server's
	// or the probes', as for a server attacked from other machines.
	layoutThree = "three"
	// layoutOne runs the server, the attackers and the probes in the
	// bench's process: the harsher test, as the attackers' work and
	// collections share the server's process.
	layoutOne = "one"
)

// attackKinds are the attacks the replay knows, in --attack-kinds.
var attackKinds = []string{"search", "bomb", "quotes", "pages", "slow"}

// anyAttack says whether kinds (--attack-kinds) names an attack to run:
// all do when it is empty, none when it names only others ("none").
func anyAttack(kinds []string) bool {
	if len(kinds) == 0 {
		return true
	}
	for _, k := range kinds {
		if slices.Contains(attackKinds, k) {
			return true
		}
	}
	return false
}

// benchAttacks replays the attacks of issue 14 on a server serving a store
// on loopback, as `serve` runs it (its handler, its HTTP timeouts), and
// checks that the server keeps answering its health check while they run.
// Three probes, one request at a time each, ask for /healthz, a story page
// and a search throughout: first alone, then while attackers send
// repeated-word searches, a gzip bomb, a 10 MB article of crafted quotes,
// story pages of the largest story by the dozen (each with a parameter of
// its own, which once missed the cache every time) and bodies a byte at a
// time. By default (layoutThree) the server is a storyfold serve and the
// attackers a storyfold bench-attackers, both children of this process,
// which runs the probes alone: a real server's attackers are other
// machines, whose work shares neither its process nor its collector. It
// prints the probes' percentiles, what each attacker got and the
// processes' peak memory, and fails when the health check's p99 under
// attack is over the bound.
func benchAttacks(ctx context.Context, seeds []storyfold.Article, o attackOptions) error {
	st, dbPath, closeStore, err := openBenchStore(ctx, o.keep, "storyfold-bench-attacks")
	if err != nil {
		return err
	}
	defer closeStore()
	// A writer (and the story index it loads) is made only to store the
	// corpus or for a server in this process: the probes' process of the
	// three keeps no more than the probes need.
	var writer *pipeline.Writer
	needWriter := func() error {
		if writer == nil {
			writer, err = pipeline.NewWriter(ctx, st, cluster.DefaultOptions())
		}
		return err
	}
	start := time.Now()
	if stored, _, err := st.Counts(ctx); err != nil {
		return err
	} else if stored == 0 {
		if err := needWriter(); err != nil {
			return err
		}
		if err := storeAttackCorpus(ctx, writer, seeds, o); err != nil {
			return err
		}
	}
	articles, stories, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	all, err := everyStory(ctx, st)
	if err != nil || len(all) == 0 {
		return fmt.Errorf("no stories to ask for: %v", err)
	}
	largest := slices.MaxFunc(all, func(a, b storyfold.StorySummary) int { return a.Articles - b.Articles })
	fmt.Printf("\nattack replay: %d articles in %d stories stored in %s, the largest story %d articles; %d cores (GOMAXPROCS %d)\n",
		articles, stories, time.Since(start).Round(time.Second), largest.Articles, runtime.NumCPU(), runtime.GOMAXPROCS(0))

	token, base := "bench-attacks", strings.TrimSuffix(o.url, "/")
	cache := cacheBytes(o.cacheMB)
	var logFile *os.File // the server's log, when this process started it
	var server *serveChild
	switch {
	case base != "":
		token = o.token
		fmt.Printf("the server is %s, another process: its memory and log are not this process's, and the limits and cache are its own\n", base)
	case o.layout == layoutThree:
		if server, err = startServeChild(ctx, dbPath, o); err != nil {
			return err
		}
		defer server.stop()
		base, token, logFile = server.base, server.token, server.log
		fmt.Printf("server process: pid %d, storyfold serve of the store at %s (--posts %s)", server.pid(), base, o.posts.where)
		if server.workerPID != 0 {
			fmt.Printf(", its post worker pid %d", server.workerPID)
		}
		fmt.Println("\nthe probes are this process's clients and the attackers another process's (--attack-layout three), as a real server's attackers are other machines")
	default:
		fmt.Println("the attackers and the probes are clients in this process, as the server is (--attack-layout one): their work counts in the process's CPU and memory, and their goroutines share its scheduler with the server's, which a server attacked from other machines would not")
		if err := needWriter(); err != nil {
			return err
		}
		// The server analyses as serve's does.
		writer.SetWorkers(serveWorkers())
		// The server logs every request as serve does, a line written
		// to a file at each (serve writes to stderr): a log that cost
		// nothing here would flatter the server.
		logFile, err = os.CreateTemp("", "storyfold-bench-attacks-*.log")
		if err != nil {
			return err
		}
		defer os.Remove(logFile.Name())
		defer logFile.Close()
		var ingester web.Ingester = writer
		if o.posts.where == postsChild {
			// The post worker's start and end are logged with the
			// server's requests; its own stderr is this process's.
			// It is started before the attacks, which measure
			// POSTs, not its start.
			child, err := newPostWorker(dbPath, groupFlags{threshold: cluster.DefaultOptions().Threshold, window: cluster.DefaultOptions().WindowDays},
				"", o.posts.nice, slog.New(slog.NewTextHandler(logFile, nil)))
			if err != nil {
				return err
			}
			defer child.Close(postsGrace)
			if err := child.Start(ctx); err != nil {
				return err
			}
			ingester = child
			if o.maxIngests == 0 {
				o.maxIngests = childMaxIngests
			}
			fmt.Printf("the server analyses POSTs in a child process at nice %d (--posts %s)\n", o.posts.nice, postsChild)
		}
		handler := web.New(web.Config{Store: st, Ingester: ingester, Token: token, MaxReads: o.maxReads, MaxIngests: o.maxIngests, CacheBytes: cache,
			MaxInflight: o.maxInflight, MaxQueue: o.maxQueue, QueueWait: o.queueWait, PostAnswer: web.DefaultPostAnswer,
			Log: slog.New(slog.NewTextHandler(logFile, nil))})
		defer func() {
			// A POST answered 202 may still be at work when the
			// replay ends: it gets the post worker's grace, no more.
			grace, cancel := context.WithTimeout(ctx, postsGrace)
			defer cancel()
			handler.Close(grace)
		}()
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		srv := newHTTPServer(handler)
		go srv.Serve(ln)
		defer srv.Close()
		base = "http://" + ln.Addr().String()
	}
	switch {
	case o.url != "":
	case cache > 0 || cache == 0 && o.cacheMB < 0:
		fmt.Printf("the server keeps answers in its cache (%d MiB)\n", max(cache, web.DefaultCacheBytes)>>20)
	default:
		fmt.Printf("the server has no cache: every answer is built from the store\n")
	}

	// The attackers of the three processes build their payloads in
	// their own process, before the probes start.
	var payloads attackPayloads
	var remote *attackChild
	if server != nil && anyAttack(o.kinds) {
		remote, err = startAttackChild(ctx, attackJob{Base: base, Token: token, Kinds: o.kinds, Clients: o.clients, Seed: o.seed,
			Time: o.attack, Largest: largest.ID, LargestArticles: largest.Articles, BustFrom: attackBustFrom})
		if err != nil {
			return err
		}
		defer remote.stop()
		fmt.Printf("attackers process: pid %d, storyfold bench-attackers\n%s\n", remote.cmd.Process.Pid, remote.payloads)
	} else {
		payloads = buildAttackPayloads(o.seed, o.kinds)
		fmt.Println(payloads.describe())
	}

	// Each probe runs on its own goroutine, so each draws from its own
	// source: a rand.Rand is not safe for concurrent use.
	storyRng, searchRng := rand.New(rand.NewPCG(o.seed, 3)), rand.New(rand.NewPCG(o.seed, 5))
	var ordinary, words []string
	for _, s := range all {
		if s.Articles <= 10 && len(ordinary) < 500 {
			ordinary = append(ordinary, s.ID)
		}
		for _, w := range strings.Fields(strings.ToLower(s.Headline)) {
			if w = strings.Trim(w, ".,:;'\"?!()"); len(w) > 4 && len(words) < 300 {
				words = append(words, w)
			}
		}
	}
	if len(ordinary) == 0 {
		ordinary = append(ordinary, largest.ID)
	}
	if len(words) == 0 {
		words = append(words, "talks")
	}
	var bust atomic.Int64 // a query parameter that makes every probe a cache miss
	probes := []*probe{
		{name: "health", path: func() string { return "/healthz" }, every: 20 * time.Millisecond},
		{name: "story page", path: func() string {
			return fmt.Sprintf("/stories/%s?b=%d", url.PathEscape(ordinary[storyRng.IntN(len(ordinary))]), bust.Add(1))
		}, every: 50 * time.Millisecond},
		{name: "search", path: func() string {
			return fmt.Sprintf("/search?q=%s&b=%d", url.QueryEscape(words[searchRng.IntN(len(words))]), bust.Add(1))
		}, every: 50 * time.Millisecond},
	}
	mem := &peakRSS{}
	var serverMem, workerMem *peakRSS // the server's and its post workers', when this process started it
	if server != nil {
		pid := strconv.Itoa(server.pid())
		serverMem = &peakRSS{of: func() []string { return []string{pid} }}
		workerMem = &peakRSS{of: func() []string { return childrenOf(pid) }}
	}
	fmt.Printf("\n%-8s %-22s %9s %9s %9s %9s %9s %s\n", "phase", "requests", "count", "p50", "p90", "p99", "max", "statuses")
	for _, phase := range []struct {
		name    string
		d       time.Duration
		attacks bool
	}{{"quiet", o.quiet, false}, {"attacked", o.attack, true}} {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		pctx, cancel := context.WithTimeout(ctx, phase.d)
		sched, gc0, cpu0, wall0, load0 := schedLatencies(), readGC(), processCPU(), time.Now(), loadAverage()
		before := readServerMetrics(ctx, base)
		var wg sync.WaitGroup
		stopMem := mem.watch(pctx)
		if server != nil {
			stopSelf, stopServer, stopWorker := stopMem, serverMem.watch(pctx), workerMem.watch(pctx)
			stopMem = func() { stopSelf(); stopServer(); stopWorker() }
		}
		for _, p := range probes {
			p.reset()
			wg.Add(1)
			go func() { defer wg.Done(); p.run(pctx, base) }()
		}
		var attackers []*attacker
		stopTrace := func() {}
		if phase.attacks {
			if o.trace != "" {
				if stopTrace, err = startTrace(o.trace); err != nil {
					cancel()
					return err
				}
			}
			if remote != nil {
				if err := remote.begin(); err != nil {
					cancel()
					return err
				}
			} else {
				attackers = startAttacks(pctx, &wg, base, token, payloads, largest, o.clients, &bust, o.kinds)
			}
		}
		wg.Wait()
		stopTrace()
		cancel()
		stopMem()
		var reports []attackerReport
		for _, a := range attackers {
			reports = append(reports, a.report())
		}
		var theirs attackMsg
		if remote != nil && phase.attacks {
			if theirs, err = remote.result(ctx); err != nil {
				return err
			}
			reports = theirs.Attackers
		}
		for _, p := range probes {
			fmt.Println(p.row(phase.name))
		}
		for _, r := range reports {
			fmt.Println(r.row(phase.name))
		}
		whose := "server and clients"
		switch {
		case server != nil:
			whose = "the probes only"
		case o.url != "":
			whose = "clients only"
		}
		fmt.Printf("%-8s peak resident memory of the process (%s): %d MB\n", phase.name, whose, mem.take()>>20)
		if server != nil {
			fmt.Printf("%-8s peak resident memory of the server process: %d MB, of its post worker: %d MB (sampled every 100 ms)\n",
				phase.name, serverMem.take()>>20, workerMem.take()>>20)
		}
		if remote != nil && phase.attacks {
			fmt.Printf("%-8s the attackers' process: peak resident memory %d MB, used %.2f of %d cores\n", phase.name,
				theirs.PeakRSS>>20, theirs.CPU.Seconds()/max(theirs.Wall.Seconds(), 1e-9), runtime.NumCPU())
		}
		fmt.Printf("%-8s the process used %.2f of %d cores; Go scheduling latency p50 %s p99 %s; load average %s then %s\n", phase.name,
			(processCPU()-cpu0).Seconds()/time.Since(wall0).Seconds(), runtime.NumCPU(),
			sched.since(0.5), sched.since(0.99), load0, loadAverage())
		fmt.Printf("%-8s the collector: %s\n", phase.name, gc0.since(processCPU()-cpu0))
		after := readServerMetrics(ctx, base)
		if after.healthCount > before.healthCount {
			fmt.Printf("%-8s the health handler itself took %s on average, as the server's /metrics measure it\n", phase.name,
				time.Duration((after.healthSum-before.healthSum)/float64(after.healthCount-before.healthCount)*float64(time.Second)).Round(time.Microsecond))
		}
		if fi, err := statLog(logFile); err == nil {
			fmt.Printf("%-8s the server's log, written as serve writes it, holds %d MB\n", phase.name, fi.Size()>>20)
		}
		fmt.Printf("%-8s the server shed %d requests for want of a place at work (%d finding the queue full, %d waiting too long)\n", phase.name,
			after.shedFull+after.shedWait-before.shedFull-before.shedWait, after.shedFull-before.shedFull, after.shedWait-before.shedWait)
	}
	if server != nil {
		fmt.Printf("\nthe server process's peak resident memory over its life (VmHWM): %d MB\n", procStatusOf(strconv.Itoa(server.pid()), "VmHWM")>>20)
	}
	health := probes[0]
	p99 := health.pct(0.99)
	fmt.Printf("\nthe health check under attack: p99 %s, max %s, %d failed (bound: p99 under %s)\n",
		p99.Round(10*time.Microsecond), health.pct(1).Round(10*time.Microsecond), health.failed, o.healthP99)
	if p99 >= o.healthP99 || health.failed > 0 || health.count() == 0 {
		return fmt.Errorf("bench attacks: the health check's p99 under attack was %s with %d failures, over the bound of %s",
			p99.Round(10*time.Microsecond), health.failed, o.healthP99)
	}
	return nil
}

// startTrace starts an execution trace written to path and returns what
// stops it.
func startTrace(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("trace: %w", err)
	}
	if err := trace.Start(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("trace: %w", err)
	}
	return func() { trace.Stop(); f.Close() }, nil
}

// storeAttackCorpus stores the synthetic corpus and one large story: a
// thousand rewrites of one article would make a story page of megabytes
// were it not paged.
func storeAttackCorpus(ctx context.Context, w *pipeline.Writer, seeds []storyfold.Article, o attackOptions) error {
	batches := [][][]byte{synthesize(seeds, o.articles, o.seed), synthesizeStory(seeds, seeds[:1], o.large, o.seed)}
	for b, files := range batches {
		reader := ingest.NewReader(nil)
		raw := make([]storyfold.Article, len(files))
		parallel.For(len(files), runtime.GOMAXPROCS(0), func(i int) {
			reader.ReadStream(fmt.Sprintf("attack%d-%07d.txt", b, i), bytes.NewReader(files[i]), func(a storyfold.Article) { raw[i] = a })
		})
		for len(raw) > 0 {
			n := min(len(raw), 100)
			if _, err := w.Add(ctx, raw[:n]); err != nil {
				return fmt.Errorf("store the corpus: %w", err)
			}
			raw = raw[n:]
		}
	}
	return nil
}

// everyStory lists every story of a store, page by page: a store caps the
// page it returns (200 stories in SQLite), newest first, so one page of a
// large store left out its oldest stories, and the attack replay reported
// the largest of the newest 200 as the largest story (15 articles, when
// the store held one of 991).
func everyStory(ctx context.Context, st storyfold.Store) ([]storyfold.StorySummary, error) {
	var all []storyfold.StorySummary
	for {
		page, total, err := st.StoryPage(ctx, storyfold.StoryQuery{Limit: 1 << 30, Offset: len(all)})
		if err != nil {
			return nil, fmt.Errorf("list the stories: %w", err)
		}
		all = append(all, page...)
		if len(page) == 0 || len(all) >= total {
			return all, nil
		}
	}
}

// attackPayloads are the attacks' bodies and queries, built once.
type attackPayloads struct {
	search       string // a query string: "the" 800 times
	bomb         []byte // gzip of junk lines
	bombUnpacked int
	quotes       []byte // one JSON article of crafted quotes, "%d" where its serial goes
}

// describe says what the payloads are, in one line.
func (p attackPayloads) describe() string {
	line := fmt.Sprintf("payloads: a search of %q x800 (%d-byte URL)", "the", len(p.search))
	if p.bomb != nil {
		line += fmt.Sprintf(", a gzip bomb of %d KB unpacking to %d MB", len(p.bomb)>>10, p.bombUnpacked>>20)
	}
	if p.quotes != nil {
		line += fmt.Sprintf(", a %.1f MB article of crafted quotes", float64(len(p.quotes))/(1<<20))
	}
	return line
}

// buildAttackPayloads builds the payloads of the given kinds of attack
// (all when none is named).
func buildAttackPayloads(seed uint64, kinds []string) attackPayloads {
	on := func(kind string) bool { return len(kinds) == 0 || slices.Contains(kinds, kind) }
	var p attackPayloads
	p.search = "q=" + url.QueryEscape(strings.TrimSpace(strings.Repeat("the ", 800)))
	if on("bomb") {
		p.bomb, p.bombUnpacked = gzipBomb()
	}
	if on("quotes") {
		p.quotes = craftedQuotes(seed)
	}
	return p
}

// gzipBomb is junk lines, as the 3 MB gzip that took the server
// to 7.8 GB, unpacking to a gigabyte.
func gzipBomb() ([]byte, int) {
	var zb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zb, gzip.BestCompression)
	line := []byte("this line is no JSON at all, and the next is the same\n")
	chunk := bytes.Repeat(line, (1<<20)/len(line))
	unpacked := 0
	for unpacked < 1<<30 {
		_, _ = zw.Write(chunk)
		unpacked += len(chunk)
	}
	_ = zw.Close()
	return zb.Bytes(), unpacked
}

// craftedQuotes is one JSON article of many short quotes over a small
// vocabulary, each attributed, up to 10 MB (the default --max-size),
// which made quote matching quadratic. "%d" marks where a serial goes.
func craftedQuotes(seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 4))
	vocab := strings.Fields("talks peace war deal army city border troops aid vote plan court")
	speakers := []string{"Smith", "Jones", "the minister", "a spokesman", "Garcia"}
	var text strings.Builder
	for text.Len() < 10<<20-200 {
		text.WriteString(`"`)
		for k := range 3 + rng.IntN(4) {
			if k > 0 {
				text.WriteByte(' ')
			}
			text.WriteString(vocab[rng.IntN(len(vocab))])
		}
		text.WriteString(`," said `)
		text.WriteString(speakers[rng.IntN(len(speakers))])
		text.WriteString(". ")
		if rng.IntN(8) == 0 {
			text.WriteString("\n\n")
		}
	}
	doc, _ := json.Marshal(map[string]string{"id": "crafted-%d", "title": "Crafted quotes %d", "source": "attacker", "text": text.String()})
	return append(doc, '\n')
}

// attacker is one kind of attack and what it got back.
type attacker struct {
	name string
	mu   sync.Mutex
	lat  []time.Duration
	// statuses counts the answers by status; "error" counts requests that
	// got none, "closed" connections the server closed, "unfinished"
	// requests still waiting for their answer when the attack ended.
	statuses map[string]int
	// oldest is the age of the oldest unfinished request.
	oldest time.Duration
}

// cut notes a request the end of the attack cut off, d after it was sent.
func (a *attacker) cut(d time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.statuses["unfinished"]++
	a.oldest = max(a.oldest, d)
}

func (a *attacker) note(status string, d time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.statuses[status]++
	if d > 0 {
		a.lat = append(a.lat, d)
	}
}

// attackerReport is what one attacker got: its latencies, its answers by
// status and the age of its oldest unfinished request.
type attackerReport struct {
	Name     string
	Lat      latencies
	Statuses map[string]int
	Oldest   time.Duration
}

func (a *attacker) report() attackerReport {
	a.mu.Lock()
	defer a.mu.Unlock()
	return attackerReport{Name: a.name, Lat: summarize(a.lat), Statuses: maps.Clone(a.statuses), Oldest: a.oldest}
}

func (r attackerReport) row(phase string) string {
	row := fmt.Sprintf("%-8s %-22s %s %s", phase, r.Name, r.Lat, statusList(r.Statuses))
	if r.Oldest > 0 {
		row += fmt.Sprintf(" (the oldest unfinished sent %s before the end)", r.Oldest.Round(100*time.Millisecond))
	}
	return row
}

// startAttacks starts every attacker; they stop when ctx ends.
func startAttacks(ctx context.Context, wg *sync.WaitGroup, base, token string, p attackPayloads, largest storyfold.StorySummary, clients int, bust *atomic.Int64, kinds []string) []*attacker {
	newAttacker := func(name string) *attacker { return &attacker{name: name, statuses: map[string]int{}} }
	search := newAttacker("search 'the' x800")
	bomb := newAttacker("gzip bomb POST")
	quotes := newAttacker("10 MB quotes POST")
	quoteJobs := newAttacker("10 MB quotes job")
	pages := newAttacker(fmt.Sprintf("largest story x%d", clients))
	slow := newAttacker("slow bodies x200")
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients + 8, MaxConnsPerHost: clients + 8}}
	// loop runs n clients of attacker a, each sending req's requests one
	// after the other; after, when set, is told of each answer, its body
	// read, before the client sends its next.
	loop := func(a *attacker, n int, req func(i int) (*http.Request, error), after func(res *http.Response, sent time.Time)) {
		for c := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := c; ctx.Err() == nil; i += n {
					r, err := req(i)
					if err != nil {
						a.note("error", 0)
						return
					}
					t := time.Now()
					res, err := client.Do(r.WithContext(ctx))
					if err != nil {
						if ctx.Err() == nil {
							a.note("error", 0)
						} else {
							a.cut(time.Since(t))
						}
						continue
					}
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					a.note(strconv.Itoa(res.StatusCode), time.Since(t))
					if after != nil {
						after(res, t)
					}
				}
			}()
		}
	}
	searchPaths := []string{"/api/v1/search?", "/search?", "/?"}
	on := func(kind string) bool { return len(kinds) == 0 || slices.Contains(kinds, kind) }
	var started []*attacker
	if on("search") {
		started = append(started, search)
	}
	loop(search, 4*b2i(on("search")), func(i int) (*http.Request, error) {
		return http.NewRequest(http.MethodGet, base+searchPaths[i%len(searchPaths)]+p.search+"&b="+strconv.FormatInt(bust.Add(1), 10), nil)
	}, nil)
	post := func(body []byte) (*http.Request, error) {
		r, err := http.NewRequest(http.MethodPost, base+"/api/v1/articles", bytes.NewReader(body))
		if err == nil {
			r.Header.Set("Authorization", "Bearer "+token)
			r.Header.Set("Content-Type", "application/x-ndjson")
		}
		return r, err
	}
	if on("bomb") {
		started = append(started, bomb)
	}
	loop(bomb, b2i(on("bomb")), func(int) (*http.Request, error) { return post(p.bomb) }, nil)
	if on("quotes") {
		started = append(started, quotes, quoteJobs)
	}
	loop(quotes, b2i(on("quotes")), func(i int) (*http.Request, error) {
		// A new serial each time, so no POST is known already.
		return post(bytes.ReplaceAll(p.quotes, []byte("%d"), []byte(strconv.Itoa(i)+"-"+strconv.FormatInt(time.Now().UnixNano(), 36))))
	}, func(res *http.Response, sent time.Time) {
		// A POST answered 202 is answered; its job is followed to its
		// end before the next POST, as a client that wants its
		// articles stored does, and its time counted apart.
		if res.StatusCode == http.StatusAccepted {
			followJob(ctx, client, base+res.Header.Get("Location"), token, quoteJobs, sent)
		}
	})
	storyPaths := []string{"/stories/" + url.PathEscape(largest.ID) + "?", "/api/v1/stories/" + url.PathEscape(largest.ID) + "?"}
	if largest.Articles > 25 {
		// Its second page of articles too.
		storyPaths = append(storyPaths, "/stories/"+url.PathEscape(largest.ID)+"?offset=25&")
	}
	if on("pages") {
		started = append(started, pages)
	}
	loop(pages, clients*b2i(on("pages")), func(i int) (*http.Request, error) {
		return http.NewRequest(http.MethodGet, base+storyPaths[i%len(storyPaths)]+"b="+strconv.FormatInt(bust.Add(1), 10), nil)
	}, nil)
	if on("slow") {
		started = append(started, slow)
	}
	for c := range 200 * b2i(on("slow")) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slowBody(ctx, slow, base, token, c%2 == 0)
		}()
	}
	return started
}

// followJob asks for a job (its url) every jobPoll until its analysis
// ends, and notes how it ended ("done 201", "failed timeout") and when,
// counted from its POST's sending; a job still at work when ctx ends is
// noted as unfinished.
func followJob(ctx context.Context, client *http.Client, url, token string, a *attacker, sent time.Time) {
	tick := time.NewTicker(jobPoll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			a.cut(time.Since(sent))
			return
		case <-tick.C:
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			a.note("error", 0)
			return
		}
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := client.Do(req)
		if err != nil {
			if ctx.Err() == nil {
				a.note("error", 0)
				return
			}
			continue // the loop notes it cut
		}
		var job struct {
			State  string
			Status int
			Error  struct{ Code string }
		}
		err = json.NewDecoder(res.Body).Decode(&job)
		res.Body.Close()
		switch {
		case err != nil || res.StatusCode != http.StatusOK:
			a.note("job "+strconv.Itoa(res.StatusCode), time.Since(sent))
			return
		case job.State == "done":
			a.note("done "+strconv.Itoa(job.Status), time.Since(sent))
			return
		case job.State == "failed":
			a.note("failed "+job.Error.Code, time.Since(sent))
			return
		}
	}
}

// jobPoll is how often the bench asks for a job's state.
const jobPoll = 250 * time.Millisecond

// b2i is 1 for true.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// slowBody opens a connection and sends a request a byte at a time, twice
// a second: its headers when headers is set, else a POST's body after
// whole headers. It notes how the connection ended: closed by the server,
// or still open when the attack ended.
func slowBody(ctx context.Context, a *attacker, base, token string, headers bool) {
	host := strings.TrimPrefix(base, "http://")
	for ctx.Err() == nil {
		var d net.Dialer
		conn, err := d.DialContext(ctx, "tcp", host)
		if err != nil {
			if ctx.Err() == nil {
				a.note("error", 0)
			}
			return
		}
		head := "GET /healthz HTTP/1.1\r\nHost: " + host + "\r\nX-Slow: " + strings.Repeat("a", 4096) + "\r\n\r\n"
		// The bytes sent slowly: the headers, or a body of spaces (its
		// bytes are not kept: 200 bodies of a megabyte each would be the
		// clients' garbage, collected in the server's process).
		slow, byteAt := len(head), func(i int) byte { return head[i] }
		t := time.Now()
		if !headers {
			post := "POST /api/v1/articles HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token +
				"\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000000\r\n\r\n"
			if _, err := io.WriteString(conn, post); err != nil {
				conn.Close()
				a.note("closed", 0)
				continue
			}
			slow, byteAt = 1000000, func(int) byte { return ' ' }
		}
		closed := make(chan struct{})
		go func() {
			// The server closes the connection, or answers (408, 400)
			// and closes it.
			_, _ = io.Copy(io.Discard, bufio.NewReader(conn))
			close(closed)
		}()
		outcome := "open at the end"
	send:
		for i := 0; i < slow; i++ {
			select {
			case <-ctx.Done():
				break send
			case <-closed:
				outcome = "closed by the server"
				break send
			case <-time.After(500 * time.Millisecond):
			}
			if _, err := conn.Write([]byte{byteAt(i)}); err != nil {
				outcome = "closed by the server"
				break
			}
		}
		conn.Close()
		<-closed
		if outcome == "open at the end" {
			a.note(outcome, 0)
			return
		}
		a.note(outcome, time.Since(t))
	}
}

// probe asks for one kind of page, one request at a time, at a steady
// pace, as a monitor or a reader does, and keeps the latencies.
type probe struct {
	name   string
	path   func() string
	every  time.Duration
	lat    []time.Duration
	failed int
	codes  map[string]int
}

func (p *probe) reset() { p.lat, p.failed, p.codes = p.lat[:0], 0, map[string]int{} }

func (p *probe) count() int { return len(p.lat) }

// run asks until ctx ends. Each request opens a connection of its own, as
// a health checker does, so the latency includes being accepted.
func (p *probe) run(ctx context.Context, base string) {
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	tick := time.NewTicker(p.every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+p.path(), nil)
		t := time.Now()
		// A region of its own in an execution trace (--attack-trace):
		// what ran while the probe waited.
		region := trace.StartRegion(ctx, "probe "+p.name)
		res, err := client.Do(req)
		if err != nil {
			region.End()
			if ctx.Err() == nil {
				p.failed++
				p.codes["error"]++
			}
			continue
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		region.End()
		p.codes[strconv.Itoa(res.StatusCode)]++
		if res.StatusCode != http.StatusOK {
			p.failed++
			continue
		}
		p.lat = append(p.lat, time.Since(t))
	}
}

func (p *probe) pct(q float64) time.Duration {
	s := slices.Clone(p.lat)
	slices.Sort(s)
	return pctOf(s, q)
}

func (p *probe) row(phase string) string {
	return fmt.Sprintf("%-8s %-22s %s %s", phase, "probe: "+p.name, summarize(p.lat), statusList(p.codes))
}

// pctOf is the q-quantile of sorted latencies (q = 1: the largest).
func pctOf(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(q*float64(len(sorted))))]
}

// latencies sums up a list of latencies: their count, p50, p90, p99 and
// the largest. It is what an attacker reports, also across processes (the
// attackers' process sends it as JSON).
type latencies struct {
	Count              int
	P50, P90, P99, Max time.Duration
}

// summarize sums up the latencies lat.
func summarize(lat []time.Duration) latencies {
	s := slices.Clone(lat)
	slices.Sort(s)
	return latencies{Count: len(s), P50: pctOf(s, 0.5), P90: pctOf(s, 0.9), P99: pctOf(s, 0.99), Max: pctOf(s, 1)}
}

// String writes the count, p50, p90, p99 and the largest, as the
// replay's table has them.
func (l latencies) String() string {
	f := func(d time.Duration) string {
		if l.Count == 0 {
			return "-"
		}
		return d.Round(10 * time.Microsecond).String()
	}
	return fmt.Sprintf("%9d %9s %9s %9s %9s", l.Count, f(l.P50), f(l.P90), f(l.P99), f(l.Max))
}

// statusList writes counts by status, sorted.
func statusList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// peakRSS follows the resident memory of this process or, when of is
// set, the sum of that of the processes it names (a server and its post
// worker, read by the bench that started them).
type peakRSS struct {
	of   func() []string // the processes' /proc names; nil: this one
	mu   sync.Mutex
	peak int64
}

// watch samples the resident memory every 100 ms until the returned
// function is called.
func (m *peakRSS) watch(ctx context.Context) func() {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			m.sample()
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return func() { cancel(); <-done }
}

// sample reads VmRSS from /proc (Linux); elsewhere it falls back, for
// this process, on the memory the Go runtime holds from the system.
func (m *peakRSS) sample() {
	var rss int64
	if m.of != nil {
		for _, pid := range m.of() {
			rss += procStatusOf(pid, "VmRSS")
		}
	} else if rss = procStatus("VmRSS"); rss == 0 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		rss = int64(ms.Sys)
	}
	m.mu.Lock()
	m.peak = max(m.peak, rss)
	m.mu.Unlock()
}

// take returns the peak since the last take.
func (m *peakRSS) take() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.peak
	m.peak = 0
	return p
}

// schedHist is a reading of the Go runtime's scheduling latencies: how
// long goroutines waited to run once ready. A probe slow while this is
// high waited for a core, not for the server.
type schedHist struct {
	name    string // the runtime metric's
	counts  []uint64
	buckets []float64
}

// readHist reads the runtime's histogram of durations of the given name.
func readHist(name string) schedHist {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindFloat64Histogram {
		return schedHist{name: name}
	}
	h := s[0].Value.Float64Histogram()
	return schedHist{name: name, counts: slices.Clone(h.Counts), buckets: h.Buckets}
}

// schedLatencies reads the histogram now, to compare with a later reading.
func schedLatencies() schedHist { return readHist("/sched/latencies:seconds") }

// gcReading is what the collector has done so far: with a later reading,
// it tells whether collection stood in the health check's way.
type gcReading struct {
	cycles, allocated uint64
	cpu               float64 // seconds of CPU the collector took
	pauses            schedHist
}

func readGC() gcReading {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/gc/heap/allocs:bytes"}, {Name: "/cpu/classes/gc/total:cpu-seconds"}}
	metrics.Read(s)
	var g gcReading
	if s[0].Value.Kind() == metrics.KindUint64 {
		g.cycles = s[0].Value.Uint64()
	}
	if s[1].Value.Kind() == metrics.KindUint64 {
		g.allocated = s[1].Value.Uint64()
	}
	if s[2].Value.Kind() == metrics.KindFloat64 {
		g.cpu = s[2].Value.Float64()
	}
	g.pauses = readHist("/sched/pauses/total/gc:seconds")
	return g
}

// since writes what the collector did since the reading, of the process's
// CPU time cpu over the same span.
func (before gcReading) since(cpu time.Duration) string {
	now := readGC()
	share := 0.0
	if cpu > 0 {
		share = 100 * (now.cpu - before.cpu) / cpu.Seconds()
	}
	return fmt.Sprintf("%d collections, %d MB allocated, %.0f%% of the process's CPU (an estimate of the runtime's); stop-the-world pauses p99 %s, max %s",
		now.cycles-before.cycles, (now.allocated-before.allocated)>>20, share, before.pauses.since(0.99), before.pauses.since(1))
}

// since returns the q-quantile of the latencies since the reading.
func (before schedHist) since(q float64) time.Duration {
	now := readHist(before.name)
	if len(now.counts) == 0 || len(before.counts) != len(now.counts) {
		return 0
	}
	var total uint64
	diff := make([]uint64, len(now.counts))
	for i := range now.counts {
		diff[i] = now.counts[i] - before.counts[i]
		total += diff[i]
	}
	if total == 0 {
		return 0
	}
	want := min(total-1, uint64(q*float64(total)))
	var cum uint64
	for i, c := range diff {
		cum += c
		if cum > want {
			hi := now.buckets[i+1]
			if math.IsInf(hi, 1) {
				hi = now.buckets[i]
			}
			return time.Duration(hi * float64(time.Second)).Round(time.Microsecond)
		}
	}
	return 0
}

// processCPU is the CPU time the process has used, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadAverage is the machine's one-minute load average, "?" where /proc
// does not tell it: the replay's figures mean little on a machine other
// work keeps busy.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}

// synthesizeStory writes n articles of one event, as many outlets rewrite
// a wire report: each keeps two thirds of one base article's paragraphs,
// in a shuffled order, and adds one from another article, so no
// two are near copies (which would be folded into one) and all join one
// story.
func synthesizeStory(seeds, bases []storyfold.Article, n int, seed uint64) [][]byte {
	rng := rand.New(rand.NewPCG(seed, seed^0x57021))
	date := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	files := make([][]byte, n)
	for i := range files {
		b := bases[i%len(bases)]
		ps := bodyParagraphs(b)
		rng.Shuffle(len(ps), func(x, y int) { ps[x], ps[y] = ps[y], ps[x] })
		ps = ps[:max(1, len(ps)*(55+rng.IntN(25))/100)]
		for range 1 {
			if o := bodyParagraphs(seeds[rng.IntN(len(seeds))]); len(o) > 0 {
				ps = append(ps, o[rng.IntN(len(o))])
			}
		}
		var w strings.Builder
		fmt.Fprintf(&w, "%s\n\nPublished %s\n\n", b.Title, date.AddDate(0, 0, rng.IntN(3)).Format("January 2, 2006"))
		for _, p := range ps {
			w.WriteString(p)
			w.WriteString("\n\n")
		}
		files[i] = []byte(w.String())
	}
	return files
}

// serverMetrics is what the bench reads of the server's /metrics.
type serverMetrics struct {
	// healthSum and healthCount are the time the health handler has
	// taken in all and how often it ran: with the probe's own latency,
	// they tell the handler's work from waiting to be accepted and
	// scheduled.
	healthSum   float64
	healthCount uint64
	// shedFull and shedWait count the requests the server refused a
	// place at work, finding its queue full or waiting too long.
	shedFull, shedWait uint64
}

// readServerMetrics reads the server's /metrics; zero when it cannot.
func readServerMetrics(ctx context.Context, base string) serverMetrics {
	var m serverMetrics
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics", nil)
	if err != nil {
		return m
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return m
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	const health = `{route="GET /healthz"} `
	count := func(v string) uint64 {
		f, _ := strconv.ParseFloat(v, 64)
		return uint64(f)
	}
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "storyfold_http_request_duration_seconds_sum"+health); ok {
			m.healthSum, _ = strconv.ParseFloat(v, 64)
		}
		if v, ok := strings.CutPrefix(line, "storyfold_http_request_duration_seconds_count"+health); ok {
			m.healthCount = count(v)
		}
		if rest, ok := strings.CutPrefix(line, `storyfold_http_shed_total{reason="`); ok {
			reason, rest, _ := strings.Cut(rest, `"`)
			_, v, _ := strings.Cut(rest, "} ")
			switch reason {
			case "queue_full":
				m.shedFull += count(v)
			case "queue_wait":
				m.shedWait += count(v)
			}
		}
	}
	return m
}

// openBenchStore opens the SQLite file a bench keeps (keep), or one in a
// temporary directory named by prefix that the returned close removes.
func openBenchStore(ctx context.Context, keep, prefix string) (*sqlite.Store, string, func(), error) {
	path, cleanup := keep, func() {}
	if path == "" {
		dir, err := os.MkdirTemp("", prefix)
		if err != nil {
			return nil, "", nil, err
		}
		cleanup = func() { os.RemoveAll(dir) }
		path = filepath.Join(dir, "bench.db")
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		cleanup()
		return nil, "", nil, err
	}
	return st, path, func() { st.Close(); cleanup() }, nil
}

// statLog is the in-process server's log file's Stat, an error when the
// server is another process.
func statLog(f *os.File) (os.FileInfo, error) {
	if f == nil {
		return nil, os.ErrNotExist
	}
	return f.Stat()
}
