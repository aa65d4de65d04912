package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	neturl "net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold/outlets"
	"github.com/storyfold/storyfold/web"
)

// axeScript finds the test's own copy of axe-core (the npm package's
// axe.min.js), named by STORYFOLD_AXE: a file, or the directory npm
// installed it under. It returns "" when there is none, and fails when CI
// (STORYFOLD_BROWSER_TEST=1) asks for the browser test.
func axeScript(t *testing.T) string {
	t.Helper()
	p := os.Getenv("STORYFOLD_AXE")
	for _, c := range []string{p, filepath.Join(p, "axe.min.js"), filepath.Join(p, "node_modules", "axe-core", "axe.min.js")} {
		if info, err := os.Stat(c); p != "" && err == nil && !info.IsDir() {
			return c
		}
	}
	if os.Getenv("STORYFOLD_BROWSER_TEST") != "" {
		t.Fatal("no axe-core (STORYFOLD_AXE names its axe.min.js), and STORYFOLD_BROWSER_TEST asks for the browser test")
	}
	return ""
}

// checkScript runs in the page once it has loaded: it measures whether the
// page is wider than the window and, when axe-core is loaded, runs it, then
// writes what it found into the page as JSON for --dump-dom to return.
const checkScript = `(async () => {
  const out = {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, violations: []};
  if (typeof axe !== "undefined") {
    try {
      const r = await axe.run(document, {resultTypes: ["violations"]});
      out.violations = r.violations.filter(v => v.impact === "serious" || v.impact === "critical").map(v =>
        ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
      out.axe = true;
    } catch (e) { out.error = String(e); }
  }
  if (window.parent !== window) {
    window.parent.postMessage(JSON.stringify(out), "*");
    return;
  }
  const pre = document.createElement("pre");
  pre.id = "storyfold-check";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();`

// frameScript runs in the page that frames one at a phone's width
// (headless Chromium's windows are 500 px wide at the least): it shows
// what the framed page's checks found.
const frameScript = `window.addEventListener("message", e => {
  const pre = document.createElement("pre");
  pre.id = "storyfold-check";
  pre.textContent = e.data;
  document.body.appendChild(pre);
});`

// instrument serves h's pages with the checks added: the page's scripts
// are its own (none), so only the test's are let in, from the test's own
// addresses; nothing comes from a network.
func instrument(h http.Handler, axe string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/__test/axe.js":
			b, err := os.ReadFile(axe)
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(b)
			return
		case "/__test/check.js":
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, checkScript)
			return
		case "/__test/frame.js":
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, frameScript)
			return
		case "/__test/frame":
			// The page at src, framed at width w.
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>frame</title></head><body style="margin:0"><iframe title="page" src="%s" width="%s" height="2000" style="border:0;display:block"></iframe><script src="/__test/frame.js"></script></body></html>`,
				html.EscapeString(r.URL.Query().Get("src")), html.EscapeString(r.URL.Query().Get("w")))
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		body := rec.Body.Bytes()
		if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			// The page's policy, with the test's scripts allowed.
			w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'")
			w.Header().Del("X-Frame-Options") // framed at a phone's width
			add := `<script src="/__test/check.js"></script>`
			if axe != "" {
				add = `<script src="/__test/axe.js"></script>` + add
			}
			body = bytes.Replace(body, []byte("</body>"), []byte(add+"</body>"), 1)
			w.Header().Del("Content-Length")
		}
		w.WriteHeader(rec.Code)
		w.Write(body)
	})
}

// chrome runs headless Chromium on a page with the given flags and
// returns what it printed.
func chrome(t *testing.T, bin, url string, extra ...string) string {
	t.Helper()
	flags := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars"}
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
	return out.String()
}

// minWindow is the narrowest window headless Chromium opens; a page is
// shown narrower in a frame.
const minWindow = 500

// TestBrowserWidths opens the home, story, article and search pages at a
// desk's width (1400 px) and a phone's (390 px) in headless Chromium: it
// takes a screenshot of each, checks that nothing makes the page wider
// than the window, and runs axe-core in the page, failing on any serious
// or critical violation.
func TestBrowserWidths(t *testing.T) {
	bin := chromium(t)
	axe := axeScript(t)
	// With the example's outlet list, so the list's form has every field.
	list, err := outlets.Load("../examples/ukraine-talks-outlets.csv")
	if err != nil {
		t.Fatal(err)
	}
	h, _ := newHandler(t, web.Config{Outlets: list})
	srv := httptest.NewServer(instrument(h, axe))
	t.Cleanup(srv.Close)
	story := storyID(t, srv)
	account, accountStory := newAccountServer(t)
	shots := t.TempDir()
	if dir := os.Getenv("STORYFOLD_SCREENSHOTS"); dir != "" {
		shots = dir
	}
	t.Logf("screenshots in %s (axe-core: %v)", shots, axe != "")
	accountSrv := httptest.NewServer(instrument(account.Config.Handler, axe))
	t.Cleanup(accountSrv.Close)
	pages := []struct{ name, base, path string }{
		{"home", srv.URL, "/"},
		{"story", srv.URL, "/stories/" + story},
		{"story-timeline", accountSrv.URL, "/stories/" + accountStory},
		{"article", srv.URL, "/articles/002_2f982ed942a4fc52"},
		{"search", srv.URL, "/search?q=Putin"},
	}
	for _, width := range []int{1400, 390} {
		for _, p := range pages {
			t.Run(fmt.Sprintf("%s-%d", p.name, width), func(t *testing.T) {
				url := p.base + p.path
				size := fmt.Sprintf("--window-size=%d,2000", width)
				if width < minWindow {
					url = p.base + "/__test/frame?w=" + strconv.Itoa(width) + "&src=" + neturl.QueryEscape(p.path)
					size = fmt.Sprintf("--window-size=%d,2000", minWindow)
				}
				chrome(t, bin, url, size, "--screenshot="+filepath.Join(shots, fmt.Sprintf("%s-%d.png", p.name, width)))
				dom := chrome(t, bin, url, size, "--virtual-time-budget=20000", "--dump-dom")
				_, res, ok := strings.Cut(dom, `<pre id="storyfold-check">`)
				res, _, _ = strings.Cut(res, "</pre>")
				var got struct {
					ScrollWidth, InnerWidth int
					Axe                     bool
					Error                   string
					Violations              []struct {
						ID, Impact, Help string
						Nodes            []string
					}
				}
				if !ok {
					t.Fatalf("the page's checks did not run")
				}
				res = strings.NewReplacer("&quot;", `"`, "&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(res)
				if err := json.Unmarshal([]byte(res), &got); err != nil {
					t.Fatalf("the checks' result: %v\n%s", err, res)
				}
				if got.ScrollWidth > got.InnerWidth {
					t.Errorf("the page is %d px wide in a window of %d px", got.ScrollWidth, got.InnerWidth)
				}
				if got.Error != "" {
					t.Errorf("axe-core failed: %s", got.Error)
				}
				if axe != "" && !got.Axe {
					t.Errorf("axe-core did not run")
				}
				for _, v := range got.Violations {
					t.Errorf("axe: %s (%s): %s at %v", v.ID, v.Impact, v.Help, v.Nodes)
				}
			})
		}
	}
}
