package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/internal/newssite"
	"github.com/storyfold/storyfold/store/sqlite"
	"github.com/storyfold/storyfold/store/storetest"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func feedsFile(t *testing.T, urls ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "feeds.txt")
	if err := os.WriteFile(path, []byte("# test feeds\n"+strings.Join(urls, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// waitFor polls cond until it holds or the time is up. The time is a
// guard against a hang, not a budget: the tests run under the race
// detector and on loaded machines, so it is set far beyond what the wait
// takes on an idle one.
func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func getJSON(url string, v any) error {
	res, err := http.Get(url)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		return fmt.Errorf("%s: %s", url, res.Status)
	}
	return json.NewDecoder(res.Body).Decode(v)
}

// TestServeWatch is the end to end: a feed served by a local site
// is watched by serve, its items fetched, grouped and shown.
func TestServeWatch(t *testing.T) {
	site, srv, all := exampleSite(t, 3)
	db := filepath.Join(t.TempDir(), "watch.db")
	addr := freeAddr(t)
	cmd := exec.Command(binary, "serve", "--db", db, "--addr", addr, "--watch", feedsFile(t, srv.URL+"/feed.xml"),
		"--allow-private", "--host-delay", "0", "--interval", "200ms", "--max-interval", "1s")
	var logs strings.Builder
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if t.Failed() {
			t.Log(logs.String())
		}
	}()
	type storyList struct {
		Stories []struct {
			ID       string `json:"id"`
			Headline string `json:"headline"`
			Articles int    `json:"articles"`
		} `json:"stories"`
	}
	articles := func() int {
		var l storyList
		if getJSON("http://"+addr+"/api/v1/stories", &l) != nil || len(l.Stories) != 1 {
			return -1
		}
		return l.Stories[0].Articles
	}
	waitFor(t, "the feed's 3 articles in one story", 60*time.Second, func() bool { return articles() == 3 })
	site.Publish(all[3:]...)
	waitFor(t, "the 2 new articles to join the story", 60*time.Second, func() bool { return articles() == len(all) })

	var l storyList
	if err := getJSON("http://"+addr+"/api/v1/stories", &l); err != nil {
		t.Fatal(err)
	}
	res, err := http.Get("http://" + addr + "/stories/" + l.Stories[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if first := ingest.URLID(srv.URL + newssite.PagePath(0)); res.StatusCode != 200 || !strings.Contains(string(page), first) {
		t.Errorf("story page: %s, without the first article, %s", res.Status, first)
	}
	res, err = http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{`storyfold_watch_polls_total{result="changed"}`, `storyfold_ingest_articles_total{outcome="new"} 5`, "storyfold_fetch_pages_total 5"} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %s:\n%s", want, metrics)
		}
	}
}

// TestWatchKilled kills a watcher with SIGKILL at random moments while it
// fetches and stores a feed of 60 articles, then lets one finish: the
// database must hold every article once, grouped as a watcher that was
// never killed groups them, and no kill may leave a batch half stored.
func TestWatchKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes for several seconds")
	}
	site, stories := copiesSite(t, 60, 20*time.Millisecond)
	srv := httptest.NewServer(site)
	defer srv.Close()
	feeds := feedsFile(t, srv.URL+"/feed.xml")
	args := func(db string, more ...string) []string {
		return append([]string{"watch", "--db", db, "--feeds", feeds, "--allow-private", "--host-delay", "0", "--per-host", "4"}, more...)
	}
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.db")
	start := time.Now()
	if _, errOut, code := run(t, args(clean, "--once")...); code != 0 {
		t.Fatalf("watch --once: exit %d\n%s", code, errOut)
	}
	whole := time.Since(start)
	t.Logf("a watcher never killed took %v", whole)

	// Kills spread over the second half of a whole run, where the pages
	// are read and the batch is grouped and saved.
	killed := filepath.Join(dir, "killed.db")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	for round := 0; round < 5; round++ {
		cmd := exec.Command(binary, args(killed)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wait := whole/2 + time.Duration(rng.Int64N(int64(whole*2/3)))
		time.Sleep(wait)
		cmd.Process.Kill()
		cmd.Wait()
		n := storedArticles(t, killed)
		t.Logf("round %d: killed after %v with %d articles stored", round, wait.Round(time.Millisecond), n)
		if n != 0 && n != len(stories) {
			t.Fatalf("a kill left %d of the batch's %d articles stored", n, len(stories))
		}
	}
	if _, errOut, code := run(t, args(killed, "--once")...); code != 0 {
		t.Fatalf("watch --once after the kills: exit %d\n%s", code, errOut)
	}
	got, want := grouping(t, killed), grouping(t, clean)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("after the kills the stories are\n%v\nwithout kills\n%v", got, want)
	}
	if n := storedArticles(t, killed); n != len(stories) {
		t.Errorf("%d articles stored, want %d", n, len(stories))
	}
}

func storedArticles(t *testing.T, db string) int {
	t.Helper()
	if _, err := os.Stat(db); err != nil && !strings.Contains(db, "://") {
		return 0
	}
	st, err := openStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, _, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// copiesSite is a news site of n stories, each an example article with a
// line of its own on top, so every page is a new article; each page takes
// delay to answer.
func copiesSite(t *testing.T, n int, delay time.Duration) (*newssite.Site, []newssite.Story) {
	t.Helper()
	_, _, base := exampleSite(t, 0)
	var stories []newssite.Story
	for i := 0; i < n; i++ {
		b := base[i%len(base)]
		stories = append(stories, newssite.Story{
			Title: fmt.Sprintf("%s (%d)", b.Title, i),
			Text:  fmt.Sprintf("Dispatch %d, filed by correspondent number %d of the desk.\n%s", i, i, b.Text),
			Date:  b.Date.Add(time.Duration(i) * time.Minute),
		})
	}
	site := newssite.New(stories...)
	site.Delay = delay
	return site, stories
}

// grouping opens a database and lists its stories' members.
func grouping(t *testing.T, db string) []string {
	t.Helper()
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	return storetest.Grouping(t, st)
}
