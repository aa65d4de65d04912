package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/parallel"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/queue"
	"github.com/storyfold/storyfold/store/postgres"
)

// benchStore is a fresh, empty store for a bench, and how to drop it.
type benchStore struct {
	name, db string
	drop     func()
}

// freshStores returns an empty SQLite file and, with pg, an empty
// PostgreSQL schema.
func freshStores(ctx context.Context, pg, tag string) ([]benchStore, error) {
	dir, err := os.MkdirTemp("", "storyfold-bench")
	if err != nil {
		return nil, err
	}
	stores := []benchStore{{name: "SQLite", db: filepath.Join(dir, "bench.db"), drop: func() { os.RemoveAll(dir) }}}
	if pg != "" {
		schema := "storyfold_bench_" + tag
		url, err := postgres.ResetSchema(ctx, pg, schema)
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		stores = append(stores, benchStore{name: "PostgreSQL", db: url, drop: func() { postgres.DropSchema(context.Background(), pg, schema) }})
	}
	return stores, nil
}

// benchStores times ingesting n synthetic articles, prepared beforehand,
// in batches of 500: grouping them against what is stored, rebuilding the
// stories they change and saving, into each store.
func benchStores(ctx context.Context, seeds []storyfold.Article, n int, seed uint64, pg string) error {
	files := synthesize(seeds, n, seed)
	reader := ingest.NewReader(nil)
	raw := make([]storyfold.Article, len(files))
	parallel.For(len(files), runtime.GOMAXPROCS(0), func(i int) {
		reader.ReadStream(fmt.Sprintf("bench/%07d.txt", i), bytes.NewReader(files[i]), func(a storyfold.Article) { raw[i] = a })
	})
	articles := pipeline.Prepare(raw, nil, nil)
	stores, err := freshStores(ctx, pg, "store")
	if err != nil {
		return err
	}
	fmt.Printf("\ningest into a store: %d articles, prepared beforehand, in batches of 500 (grouping, stories rebuilt, save)\n", len(articles))
	fmt.Printf("%12s %10s %12s %10s\n", "store", "time", "articles/s", "stories")
	for _, bs := range stores {
		err := func() error {
			defer bs.drop()
			st, err := openStore(ctx, bs.db)
			if err != nil {
				return err
			}
			defer st.Close()
			w, err := pipeline.NewWriter(ctx, st, cluster.DefaultOptions())
			if err != nil {
				return err
			}
			start := time.Now()
			for i := 0; i < len(articles); i += 500 {
				if _, err := w.Ingest(ctx, articles[i:min(i+500, len(articles))]); err != nil {
					return err
				}
			}
			d := time.Since(start)
			_, stories, _ := st.Counts(ctx)
			fmt.Printf("%12s %10s %12.0f %10d\n", bs.name, d.Round(time.Millisecond), float64(len(articles))/d.Seconds(), stories)
			return nil
		}()
		if err != nil {
			return fmt.Errorf("%s: %w", bs.name, err)
		}
	}
	return nil
}

// benchWorkers queues a WARC file's records as extraction jobs on a NATS
// server run in this process, then times worker processes taking them
// until the queue is empty: every article extracted, cleaned, grouped and
// stored. Each worker is held to one core (GOMAXPROCS=1, one job at a
// time), so that 2 workers on 2 cores show how the work spreads.
func benchWorkers(ctx context.Context, file []byte, pg string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "storyfold-bench-queue")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	warcPath := filepath.Join(dir, "bench.warc.gz")
	if err := os.WriteFile(warcPath, file, 0o644); err != nil {
		return err
	}
	fmt.Printf("\nqueued WARC records, extracted and stored by worker processes (one core each: GOMAXPROCS=1 --jobs 1; batches of 8),\ntimed from starting the workers to an empty queue\n")
	fmt.Printf("%12s %8s %8s %10s %10s %10s %9s\n", "store", "workers", "records", "articles", "time", "records/s", "speed-up")
	base := map[string]float64{}
	for _, workers := range []int{1, 2} {
		stores, err := freshStores(ctx, pg, "workers")
		if err != nil {
			return err
		}
		for _, bs := range stores {
			jobs, articles, d, err := runWorkers(ctx, self, warcPath, bs.db, workers, filepath.Join(dir, fmt.Sprintf("nats-%s-%d", bs.name, workers)))
			bs.drop()
			if err != nil {
				return fmt.Errorf("%s, %d workers: %w", bs.name, workers, err)
			}
			rate := float64(jobs) / d.Seconds()
			if workers == 1 {
				base[bs.name] = rate
			}
			fmt.Printf("%12s %8d %8d %10d %10s %10.1f %8.2fx\n", bs.name, workers, jobs, articles, d.Round(time.Millisecond), rate, rate/base[bs.name])
		}
	}
	return nil
}

// runWorkers queues the WARC file on a fresh NATS server and times n
// workers emptying the queue into db: it returns the jobs, the articles
// stored and the time.
func runWorkers(ctx context.Context, self, warcPath, db string, n int, natsDir string) (int, int, time.Duration, error) {
	srv, err := queue.StartServer(natsDir)
	if err != nil {
		return 0, 0, 0, err
	}
	defer srv.Stop()
	q, err := queue.Open(ctx, srv.URL(), queue.Options{})
	if err != nil {
		return 0, 0, 0, err
	}
	defer q.Close()
	quiet := &messages{out: io.Discard}
	jobs, err := publishInputs(ctx, q, []string{warcPath}, readOptions{}, &progress{}, quiet)
	if err != nil {
		return 0, 0, 0, err
	}
	// The store's schema is made before the clock starts.
	st, err := openStore(ctx, db)
	if err != nil {
		return 0, 0, 0, err
	}
	defer st.Close()
	start := time.Now()
	var cmds []*exec.Cmd
	for i := 0; i < n; i++ {
		cmd := exec.CommandContext(ctx, self, "worker", "--queue", srv.URL(), "--db", db, "--jobs", "1", "--batch", "8")
		cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
		if err := cmd.Start(); err != nil {
			return 0, 0, 0, err
		}
		cmds = append(cmds, cmd)
	}
	defer func() {
		for _, c := range cmds {
			c.Process.Signal(syscall.SIGTERM)
			c.Wait()
		}
	}()
	for {
		depth, err := q.Depth(ctx)
		if err != nil {
			return 0, 0, 0, err
		}
		if depth == 0 {
			break
		}
		select {
		case <-ctx.Done():
			return 0, 0, 0, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	d := time.Since(start)
	articles, _, err := st.Counts(ctx)
	if err != nil {
		return 0, 0, 0, err
	}
	return jobs, articles, d, nil
}
