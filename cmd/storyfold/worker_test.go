package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/storyfold/storyfold/internal/newssite"
	"github.com/storyfold/storyfold/queue"
	"github.com/storyfold/storyfold/store/postgres"
)

func startNATS(t *testing.T) (*queue.Server, *queue.Queue) {
	t.Helper()
	srv, err := queue.StartServer(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	q, err := queue.Open(context.Background(), srv.URL(), queue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return srv, q
}

// startWorker starts a worker process; stop ends it with SIGTERM.
func startWorker(t *testing.T, natsURL, db string, logs *strings.Builder) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(binary, "worker", "--queue", natsURL, "--db", db, "--allow-private", "--host-delay", "0", "--ack-wait", "3s", "--batch", "8")
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	return cmd
}

// TestWorkersShareAQueue has watch queue a feed's 60 pages, two workers
// share the jobs, and one is killed while it works: every article must be
// stored once, in one story each. It runs on SQLite, and on PostgreSQL
// when a server is given, as the tests of store/postgres say.
func TestWorkersShareAQueue(t *testing.T) {
	if testing.Short() {
		t.Skip("runs worker processes for several seconds")
	}
	t.Run("SQLite", func(t *testing.T) { workersShareAQueue(t, filepath.Join(t.TempDir(), "shared.db")) })
	t.Run("PostgreSQL", func(t *testing.T) {
		url := os.Getenv("STORYFOLD_POSTGRES_URL")
		if url == "" {
			t.Skip("no PostgreSQL server: set STORYFOLD_POSTGRES_URL")
		}
		schema := fmt.Sprintf("storyfold_workers_%d", os.Getpid())
		db, err := postgres.ResetSchema(context.Background(), url, schema)
		if err != nil {
			t.Fatal(err)
		}
		defer postgres.DropSchema(context.Background(), url, schema)
		workersShareAQueue(t, db)
	})
}

func workersShareAQueue(t *testing.T, db string) {
	site, stories := copiesSite(t, 60, 30*time.Millisecond)
	web := httptest.NewServer(site)
	defer web.Close()
	nats, q := startNATS(t)

	_, errOut, code := run(t, "watch", "--db", db, "--feeds", feedsFile(t, web.URL+"/feed.xml"), "--queue", nats.URL(), "--once", "--allow-private")
	if code != 0 {
		t.Fatalf("watch --queue: exit %d\n%s", code, errOut)
	}
	if n, err := q.Depth(context.Background()); err != nil || n != len(stories) {
		t.Fatalf("%d jobs queued (%v), want %d", n, err, len(stories))
	}
	var logs1, logs2 strings.Builder
	w1 := startWorker(t, nats.URL(), db, &logs1)
	startWorker(t, nats.URL(), db, &logs2)
	defer func() {
		if t.Failed() {
			t.Logf("worker 1:\n%s\nworker 2:\n%s", logs1.String(), logs2.String())
		}
	}()
	waitFor(t, "a first batch stored", 60*time.Second, func() bool { return storedArticles(t, db) > 0 })
	w1.Process.Kill()
	t.Logf("worker 1 killed with %d articles stored", storedArticles(t, db))
	waitFor(t, "every article stored and the queue empty", 120*time.Second, func() bool {
		n, err := q.Depth(context.Background())
		return err == nil && n == 0 && storedArticles(t, db) == len(stories)
	})

	st, err := openStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	articles, err := st.Articles(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	urls := map[string]bool{}
	for _, a := range articles {
		if urls[a.URL] {
			t.Errorf("%s stored twice", a.URL)
		}
		urls[a.URL] = true
	}
	for i := range stories {
		if u := web.URL + newssite.PagePath(i); !urls[u] {
			t.Errorf("%s was lost", u)
		}
	}
	members := 0
	all, _ := st.Stories(context.Background())
	for _, s := range all {
		members += len(s.Articles)
	}
	if members != len(stories) {
		t.Errorf("the stories list %d articles in all, want %d", members, len(stories))
	}
}

// TestIngestQueue queues files for workers: the HTML page is extracted by
// the worker, the text articles stored as they are.
func TestIngestQueue(t *testing.T) {
	nats, q := startNATS(t)
	dir := t.TempDir()
	page := "<html><head><title>Council approves budget</title></head><body><nav>Home | World</nav><article><h1>Council approves budget</h1>" +
		strings.Repeat("<p>The city council approved a budget of two billion dollars on Tuesday after a long debate over schools and roads.</p>\n", 6) +
		"</article></body></html>"
	if err := os.WriteFile(filepath.Join(dir, "budget.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, "ingest", "--queue", nats.URL(), "--no-progress", "examples/ukraine-talks", filepath.Join(dir, "budget.html"))
	if code != 0 || !strings.Contains(errOut, "queued 6 jobs: 1 page to extract") {
		t.Fatalf("ingest --queue: exit %d\n%s", code, errOut)
	}
	db := filepath.Join(dir, "queued.db")
	var logs strings.Builder
	startWorker(t, nats.URL(), db, &logs)
	waitFor(t, "the 6 articles stored", 60*time.Second, func() bool {
		n, err := q.Depth(context.Background())
		return err == nil && n == 0 && storedArticles(t, db) == 6
	})
	out, _, _ := run(t, "stories", "--db", db)
	if !strings.Contains(out, "Council approves budget") {
		t.Errorf("the extracted page is not a story:\n%s\n%s", out, logs.String())
	}
}
