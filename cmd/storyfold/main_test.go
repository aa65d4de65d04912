package main

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/syncbuf"
)

var binary string

// TestMain builds the command once; the tests run it as a user would.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "storyfold-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "storyfold")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run runs the command from the repository root.
func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = "../.."
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

var boilerplate = []string{"Listen To Story Above", "Subscribe to get", "Discover more from", "Luis Gochoco is", "- Region:", "- Category:"}

func TestAnalyzeExample(t *testing.T) {
	out, errOut, code := run(t, "analyze", "examples/ukraine-talks", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var an storyfold.Analysis
	if err := json.Unmarshal([]byte(out), &an); err != nil {
		t.Fatal(err)
	}
	if len(an.Stories) != 1 || len(an.Stories[0].Articles) != 5 {
		t.Fatalf("want one story of 5 articles, got %d stories", len(an.Stories))
	}
	for _, a := range an.Articles {
		if a.Title == "" || a.Language != "en" || a.Hash == "" {
			t.Errorf("%s: title %q language %q", a.ID, a.Title, a.Language)
		}
		if strings.Count(a.Text, a.Title) > 1 {
			t.Errorf("%s: title repeated in text", a.ID)
		}
		for _, b := range boilerplate {
			if strings.Contains(a.Text, b) {
				t.Errorf("%s: boilerplate %q left in text", a.ID, b)
			}
		}
		for _, r := range a.Removed {
			if r.Text == "" || r.Reason == "" {
				t.Errorf("%s: removal without text or reason: %+v", a.ID, r)
			}
		}
	}
	// The contract keeps its arrays present, empty or not.
	var generic struct {
		Articles []map[string]any `json:"articles"`
		Stories  []map[string]any `json:"stories"`
	}
	if err := json.Unmarshal([]byte(out), &generic); err != nil {
		t.Fatal(err)
	}
	arrays := func(kind string, objs []map[string]any, keys ...string) {
		for _, o := range objs {
			for _, k := range keys {
				if _, ok := o[k].([]any); !ok {
					t.Errorf("%s %v: %q is %v, not an array", kind, o["id"], k, o[k])
				}
			}
		}
	}
	arrays("story", generic.Stories, "articles", "summary", "facts", "quotes", "entities", "conflicts", "families", "exclusive", "timeline")
	checkAccount(t, &an)
	arrays("article", generic.Articles, "removed", "duplicates", "entities", "quotes", "quantities", "dates", "sentences", "paragraphs")
	// Text and Markdown reports name the story and the removed lines.
	text, _, _ := run(t, "analyze", "examples/ukraine-talks")
	md, _, _ := run(t, "analyze", "--format", "md", "examples/ukraine-talks")
	for _, rep := range []string{text, md} {
		if !strings.Contains(rep, "5 articles") || !strings.Contains(rep, "Listen To Story Above") {
			t.Errorf("report lacks the story or its removed lines:\n%s", rep)
		}
	}
	// The single-file HTML report, written with -o.
	file := filepath.Join(t.TempDir(), "report.html")
	if _, errOut, code := run(t, "analyze", "--format", "html", "-o", file, "examples/ukraine-talks"); code != 0 {
		t.Fatalf("html report: exit %d: %s", code, errOut)
	}
	page, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!doctype html>", `<svg class="graph"`, `class="heatmap"`, "Listen To Story Above", "independent source"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("html report lacks %q", want)
		}
	}
}

// checkAccount checks the example's reconciled account for what issue 4
// asks of it, by structure rather than by wording: a cited summary of the
// articles' own sentences, one figure reported alike by four outlets, a
// place conflict between two articles, and a family that makes fewer
// independent sources than articles.
func checkAccount(t *testing.T, an *storyfold.Analysis) {
	t.Helper()
	st := an.Stories[0]
	texts := map[string]*storyfold.Article{}
	for i := range an.Articles {
		texts[an.Articles[i].ID] = &an.Articles[i]
	}
	if len(st.Summary) < 3 || st.Summary[0].Part != "consensus" {
		t.Errorf("summary %+v: want at least three sentences, consensus first", st.Summary)
	}
	for _, s := range st.Summary {
		if len(s.Articles) == 0 {
			t.Errorf("summary sentence %q cites no article", s.Text)
		}
		if s.Part != "disputed" && !anyContains(texts, s.Articles, s.Text) {
			t.Errorf("summary sentence %q is not a sentence of the articles it cites", s.Text)
		}
	}
	// A fact whose every variant gives the same duration, in four articles.
	found := false
	for _, f := range st.Facts {
		values := map[float64]bool{}
		for _, v := range f.Variants {
			for _, q := range texts[v.Article].Quantities {
				if v.Sentence != nil && q.Kind == "duration" && q.Span.Start >= v.Sentence.Start && q.Span.End <= v.Sentence.End {
					values[q.Value] = true
				}
			}
		}
		if len(f.Articles) >= 4 && len(values) == 1 {
			found = true
		}
	}
	if !found {
		t.Errorf("no fact gives one duration in four articles: %+v", st.Facts)
	}
	place := false
	for _, c := range st.Conflicts {
		if c.Kind == "place" && len(c.Claims) >= 2 && c.Claims[0].Article != c.Claims[1].Article && c.Claims[0].Value != c.Claims[1].Value {
			place = true
		}
	}
	if !place {
		t.Errorf("no place conflict between two articles: %+v", st.Conflicts)
	}
	if len(st.Families) != 1 || len(st.Families[0].Articles) != 3 || st.IndependentSources != 3 {
		t.Errorf("families %+v, %d independent sources: want one family of three and three sources", st.Families, st.IndependentSources)
	}
}

func anyContains(texts map[string]*storyfold.Article, ids []string, s string) bool {
	for _, id := range ids {
		if a := texts[id]; a != nil && strings.Contains(a.Text, s) {
			return true
		}
	}
	return false
}

func TestAnalyzeBadInput(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bin.txt"), []byte("\x00\x01\x02\x03"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "bad.jsonl"), []byte("{oops\n"), 0o644)
	_, errOut, code := run(t, "analyze", dir)
	if code != 1 {
		t.Errorf("nothing readable: exit %d, want 1", code)
	}
	for _, want := range []string{"bin.txt: binary", "empty.txt: empty", "bad.jsonl:1: bad JSON"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	// With one good article among them, the run succeeds.
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("Talks Resume\nThe minister said the talks would resume on Monday.\n"), 0o644)
	if _, errOut, code := run(t, "analyze", dir); code != 0 {
		t.Errorf("exit %d with a good article: %s", code, errOut)
	}
	if _, _, code := run(t, "analyze", "--format", "xml", dir); code != 2 {
		t.Errorf("bad flag value: exit %d, want 2", code)
	}
}

func TestIngestIdempotent(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	count := regexp.MustCompile(`(\d+) new, (\d+) already stored`)
	for i, wantNew := range []int{5, 0} {
		_, errOut, code := run(t, "ingest", "--db", db, "examples/ukraine-talks")
		if code != 0 {
			t.Fatalf("ingest %d: exit %d: %s", i, code, errOut)
		}
		m := count.FindStringSubmatch(errOut)
		if m == nil {
			t.Fatalf("no counts in %q", errOut)
		}
		if n, _ := strconv.Atoi(m[1]); n != wantNew {
			t.Errorf("ingest %d: %d new, want %d", i, n, wantNew)
		}
	}
	out, _, _ := run(t, "stories", "--db", db)
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 || !strings.Contains(lines[1], " 5 ") {
		t.Errorf("stories:\n%s", out)
	}
	js, _, code := run(t, "analyze", "--db", db, "--format", "json")
	var an storyfold.Analysis
	if code != 0 || json.Unmarshal([]byte(js), &an) != nil || len(an.Articles) != 5 || len(an.Stories) != 1 {
		t.Errorf("analyze --db: exit %d, %d articles, %d stories", code, len(an.Articles), len(an.Stories))
	}
}

func shared(t *testing.T, path string) string {
	abs := sharedPath(path)
	if abs == "" {
		t.Skipf("%s not present (it sits beside the repository in development)", filepath.Join("../../../shared", path))
	}
	return abs
}

// sharedPath is the absolute path of a file of the shared data beside the
// repository, or "" when it is not there.
func sharedPath(path string) string {
	p := filepath.Join("../../../shared", path)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	abs, _ := filepath.Abs(p)
	return abs
}

var scoreLine = regexp.MustCompile(`F1 ([0-9.]+)`)

// TestGroupingBASIL checks the grouping target on the BASIL development set.
func TestGroupingBASIL(t *testing.T) {
	out, errOut, code := run(t, "eval", "clusters", shared(t, "data/basil/articles.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	m := scoreLine.FindStringSubmatch(out)
	if f, _ := strconv.ParseFloat(m[1], 64); m == nil || f < 0.95 {
		t.Errorf("BCubed F1 below 0.95:\n%s", out)
	}
}

// TestExtractionBenchmark checks the extraction target.
func TestExtractionBenchmark(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	out, errOut, code := run(t, "eval", "extraction", shared(t, "bench/extraction"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	m := scoreLine.FindStringSubmatch(out)
	if f, _ := strconv.ParseFloat(m[1], 64); m == nil || f < 0.955 {
		t.Errorf("extraction F1 below 0.955:\n%s", out)
	}
}

// TestQuotesBASIL guards quote extraction on the hand-annotated BASIL
// articles against regressions: the floors are the figures reached, a little
// below them, not the targets (BENCHMARKS.md has both). The
// held-out set was annotated after the speaker rules were written, and is
// not to be tuned against.
func TestQuotesBASIL(t *testing.T) {
	for _, tt := range []struct {
		gold   string
		floors [3]float64 // precision, recall, speaker accuracy
	}{
		{"evaluate/testdata/basil-quotes.jsonl", [3]float64{0.95, 0.97, 0.95}},
		{"evaluate/testdata/basil-quotes-heldout.jsonl", [3]float64{0.97, 0.97, 0.92}},
		// Scenes with several speakers: the tuning half's direct quotes.
		{"evaluate/testdata/basil-speech.jsonl", [3]float64{0.95, 0.97, 0.80}},
	} {
		t.Run(filepath.Base(tt.gold), func(t *testing.T) {
			out, errOut, code := run(t, "eval", "quotes", tt.gold, shared(t, "data/basil/articles.jsonl"))
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			scores := regexp.MustCompile(`direct +\d+ annotated, \d+ found, \d+ matched; precision ([0-9.]+), recall ([0-9.]+)\n +speaker accuracy ([0-9.]+)`).FindStringSubmatch(out)
			if scores == nil {
				t.Fatalf("no scores in:\n%s", out)
			}
			for i, floor := range tt.floors {
				if f, _ := strconv.ParseFloat(scores[i+1], 64); f < floor {
					t.Errorf("score %d is %.3f, below %.2f:\n%s", i+1, f, floor, out)
				}
			}
		})
	}
}

// TestServe runs `storyfold serve` on the example database as a user
// would: it answers on its address, writes with the token, and stops
// cleanly on SIGTERM.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "example.db")
	if _, errOut, code := run(t, "ingest", "--db", db, "--no-progress", "examples/ukraine-talks"); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(binary, "serve", "--db", db, "--addr", addr)
	cmd.Env = append(os.Environ(), "STORYFOLD_TOKEN=tok")
	logs := &syncbuf.Buffer{} // read while the server and its post worker write
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	// A race-built server on a loaded machine can take more than the ten
	// seconds this loop once allowed: wait up to the common guard.
	waitFor(t, "serve to answer its health check", guard, func() bool {
		res, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	})
	if childSupported {
		// Reads are answered before the post worker is ready; a POST
		// before then would be answered 503.
		waitFor(t, "the post worker to be ready", guard, func() bool { return strings.Contains(logs.String(), "post worker ready") })
	}
	if code, _, body := postTo(t, "http://"+addr, []byte(`{"id": "x", "title": "T", "text": "A council approved a budget of two billion dollars on Tuesday after a long debate."}`)); code != http.StatusCreated {
		t.Errorf("ingest with the token from the environment: %d %s", code, body)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(guard):
		t.Fatal("serve did not stop after SIGTERM")
	}
	if !strings.Contains(logs.String(), "msg=request") || !strings.Contains(logs.String(), "shutting down") {
		t.Errorf("no access log or shutdown line:\n%s", logs.String())
	}
}
