package main

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold/internal/newssite"
)

// exampleSite serves the first n example articles as a news site (a feed
// of summaries and the pages they link to), and returns all of them.
func exampleSite(t *testing.T, n int) (*newssite.Site, *httptest.Server, []newssite.Story) {
	t.Helper()
	stories, err := newssite.Examples("../../examples/ukraine-talks", time.Date(2025, 2, 13, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	site := newssite.New(stories[:min(n, len(stories))]...)
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	return site, srv, stories
}

func TestIngestURLs(t *testing.T) {
	site, srv, _ := exampleSite(t, 5)
	db := filepath.Join(t.TempDir(), "urls.db")
	// Without --allow-private the loopback site is refused, page by page.
	_, errOut, code := run(t, "ingest", "--db", db, "--no-progress", srv.URL+"/feed.xml", srv.URL+newssite.PagePath(0))
	if code != 1 || !strings.Contains(errOut, "private") || !strings.Contains(errOut, "2 private_address") {
		t.Errorf("loopback fetch without --allow-private: exit %d\n%s", code, errOut)
	}
	if site.Requests("/feed.xml") != 0 {
		t.Error("the refused site was reached")
	}

	list := filepath.Join(t.TempDir(), "urls.txt")
	os.WriteFile(list, []byte("# the page first, then the feed that also lists it\n"+srv.URL+newssite.PagePath(0)+"\n\n"+srv.URL+"/feed.xml\n"), 0o644)
	_, errOut, code = run(t, "ingest", "--db", db, "--no-progress", "--allow-private", "--host-delay", "0", "--urls", list)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// The page read on its own and through the feed is one article.
	if !strings.Contains(errOut, "read once") || !strings.Contains(errOut, "5 articles read, 5 new") {
		t.Errorf("ingest said: %s", errOut)
	}
	out, _, _ := run(t, "stories", "--db", db)
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 || !strings.Contains(lines[1], " 5 ") {
		t.Errorf("stories:\n%s", out)
	}
}
