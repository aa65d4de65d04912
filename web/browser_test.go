package web_test

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold/web"
)

// chromium finds a headless Chromium, or skips the test; CI sets
// STORYFOLD_BROWSER_TEST=1, which turns the skip into a failure.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("STORYFOLD_BROWSER_TEST") != "" {
		t.Fatal("no Chromium found, and STORYFOLD_BROWSER_TEST asks for the browser test")
	}
	t.Skip("no Chromium found (install Debian's chromium to run the browser test)")
	return ""
}

// browse loads a page in headless Chromium and returns the DOM after load
// and what the page printed to the console; it saves a screenshot too.
func browse(t *testing.T, bin, url, screenshot string) (dom, console string) {
	t.Helper()
	flags := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0"}
	run := func(extra ...string) (string, string) {
		// Chromium sometimes crashes as it starts in a container; a crash
		// is retried, a failure to load is not.
		var err error
		var out, errOut bytes.Buffer
		for try := 0; try < 3; try++ {
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			out.Reset()
			errOut.Reset()
			args := append(append(append([]string{"--user-data-dir=" + t.TempDir()}, flags...), extra...), url)
			cmd := exec.CommandContext(ctx, bin, args...)
			cmd.Stdout, cmd.Stderr = &out, &errOut
			err = cmd.Run()
			cancel()
			var exit *exec.ExitError
			if err == nil || !errors.As(err, &exit) || exit.ProcessState.Exited() {
				break
			}
		}
		if err != nil {
			t.Fatalf("chromium %v: %v\n%s", extra, err, errOut.String())
		}
		return out.String(), errOut.String()
	}
	dom, log := run("--dump-dom")
	_, shotLog := run("--window-size=1280,2000", "--screenshot="+screenshot)
	var msgs []string
	for _, line := range strings.Split(log+shotLog, "\n") {
		if strings.Contains(line, ":CONSOLE") {
			msgs = append(msgs, line)
		}
	}
	if info, err := os.Stat(screenshot); err != nil || info.Size() == 0 {
		t.Errorf("no screenshot of %s: %v", url, err)
	}
	return dom, strings.Join(msgs, "\n")
}

// TestBrowser opens the stories list, the example story and one of its
// articles in a real browser, with a hostile article stored beside them,
// and checks what a reader sees, that the console stays quiet and that
// nothing the articles carry runs.
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	srv, st := newServer(t, web.Config{Token: token})
	hostilePages(t, srv)
	story := storyID(t, srv)
	evilStory, err := st.StoryOf(context.Background(), "evil")
	if err != nil {
		t.Fatal(err)
	}
	account, accountStory := newAccountServer(t)
	bigHandler, _, _ := bigServer(t, 30) // a story of 150 articles
	big := httptest.NewServer(bigHandler)
	t.Cleanup(big.Close)
	shots := t.TempDir()
	if dir := os.Getenv("STORYFOLD_SCREENSHOTS"); dir != "" {
		shots = dir
	}
	t.Logf("screenshots in %s", shots)
	for _, tt := range []struct {
		name, path string
		want       []*regexp.Regexp
		base       string // the server, when not srv
	}{
		{"stories", "/", []*regexp.Regexp{regexp.MustCompile(`US Denies Trump Peace Push`), regexp.MustCompile(`3 independent sources`)}, ""},
		{"story", "/stories/" + story, []*regexp.Regexp{
			regexp.MustCompile(`<h2>Summary</h2>`),
			regexp.MustCompile(`<a class="cite" href="/articles/[^"]+#article-[^"]+-at\d+"[^>]*>\[\d\]</a>`), // citations to sentences
			regexp.MustCompile(`<table class="heatmap">`),
			regexp.MustCompile(`<td class="cell contradicts"`),
			regexp.MustCompile(`<svg class="graph"[^>]*>`),
			regexp.MustCompile(`common source`),
			regexp.MustCompile(`Pyongyang`),
		}, ""},
		{"article", "/articles/002_2f982ed942a4fc52", []*regexp.Regexp{
			regexp.MustCompile(`class="sentence shared"`), regexp.MustCompile(`class="sentence exclusive"`), regexp.MustCompile(`class="sentence conflict"`)}, ""},
		{"hostile-article", "/articles/evil", []*regexp.Regexp{regexp.MustCompile(`&lt;script&gt;`)}, ""},
		{"hostile-story", "/stories/" + evilStory, nil, ""},
		// Restatements and a timeline citing its sentences, with hostile
		// markup in an entry.
		{"story-account", "/stories/" + accountStory, []*regexp.Regexp{
			regexp.MustCompile(`<a class="again" href="/articles/[^"]+#article-[^"]+-at\d+"[^>]*>\+1</a>`),
			regexp.MustCompile(`<ol class="timeline"`),
			regexp.MustCompile(`<a class="cite" href="/articles/[^"]+#article-[^"]+-at\d+"[^>]*>\[1b\]</a>`),
			regexp.MustCompile(`Talks began &lt;script&gt;`),
		}, account.URL},
		// A large story's second page of articles, numbered on from 26.
		{"story-window", "/stories/" + bigID + "?offset=25", []*regexp.Regexp{
			regexp.MustCompile(`Articles 26–50 of 150`),
			regexp.MustCompile(`<li value="26">`),
			regexp.MustCompile(`<table class="heatmap">`),
			regexp.MustCompile(`rel="prev"`),
			regexp.MustCompile(`rel="next"`),
		}, big.URL},
	} {
		t.Run(tt.name, func(t *testing.T) {
			base := srv.URL
			if tt.base != "" {
				base = tt.base
			}
			dom, console := browse(t, bin, base+tt.path, filepath.Join(shots, tt.name+".png"))
			for _, re := range tt.want {
				if !re.MatchString(dom) {
					t.Errorf("the page lacks %s", re)
				}
			}
			if console != "" {
				t.Errorf("console messages:\n%s", console)
			}
			// Had any of the article's markup run, it would have renamed
			// the page or left an element behind.
			if strings.Contains(dom, "<title>pwned") || regexp.MustCompile(`<(script|img)[\s>]`).MatchString(dom) {
				t.Errorf("markup from an article ran or was rendered as markup")
			}
		})
	}
}
