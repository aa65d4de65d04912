package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/storyfold/storyfold/report"
	"github.com/storyfold/storyfold/store/sqlite"
)

// guard bounds every wait of these tests. They wait on events (a count in
// the database, the process's exit), never on a time budget: the guard
// only keeps a broken build from hanging the suite, and is generous so
// that a loaded machine does not fail them.
const guard = 60 * time.Second

// TestWithSignals checks the signal handling itself: the first SIGTERM
// cancels the context with the signal as its cause, the second exits at
// once with the signal's status.
func TestWithSignals(t *testing.T) {
	exited := make(chan int, 1)
	ctx, stop := withSignals(context.Background(), io.Discard, func(code int) { exited <- code })
	defer stop()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(guard):
		t.Fatal("the first SIGTERM did not cancel the context")
	}
	if sig := interruption(ctx); sig == nil || sig.code() != 128+int(syscall.SIGTERM) {
		t.Fatalf("cause %v, want the signal", context.Cause(ctx))
	}
	select {
	case code := <-exited:
		t.Fatalf("exited (%d) after one signal", code)
	default:
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exited:
		if code != 143 {
			t.Errorf("exit status %d, want 143", code)
		}
	case <-time.After(guard):
		t.Fatal("the second SIGTERM did not exit")
	}
}

// feedArticles writes distinct JSON lines to w until a write fails (the
// process exited) and counts them.
func feedArticles(w io.WriteCloser, written *int, mu *sync.Mutex) {
	defer w.Close()
	words := strings.Fields("minister council talks budget river school court storm election harbour vaccine strike bridge market festival")
	for i := 0; ; i++ {
		var b strings.Builder
		for j := 0; j < 60; j++ {
			b.WriteString(words[(i*7+j*j+i/len(words))%len(words)])
			b.WriteByte(' ')
		}
		line := fmt.Sprintf(`{"id":"g%d","source":"outlet%d","title":"Report %d","text":"Report %d. %s on day %d."}`+"\n", i, i%5, i, i, b.String(), i)
		if _, err := io.WriteString(w, line); err != nil {
			return
		}
		mu.Lock()
		*written = i + 1
		mu.Unlock()
	}
}

var storedLine = regexp.MustCompile(`interrupted: ([0-9,]+) articles stored, ([0-9,]+) batch`)

// TestInterruptedWhileReading sends SIGTERM to ingest and analyze while
// they read an input that never ends (issue 14, finding 4: the signal was
// ignored while reading, and finding 3: nothing was stored before the
// input ended). ingest must store its first batches while the input is
// still open, then stop at the signal, exit 143 and say what it stored;
// analyze must stop and say it wrote nothing.
func TestInterruptedWhileReading(t *testing.T) {
	for _, tt := range []struct {
		name string
		args func(db string) []string
	}{
		{"ingest", func(db string) []string { return []string{"ingest", "--no-progress", "--db", db, "-"} }},
		{"analyze", func(string) []string { return []string{"analyze", "--no-progress", "-"} }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "s.db")
			cmd := exec.Command(binary, tt.args(db)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			var mu sync.Mutex
			written := 0
			go feedArticles(stdin, &written, &mu)
			deadline := time.Now().Add(guard)
			// The event to wait for: ingest has stored a first batch
			// (the input is still open); analyze has read past one.
			for ready := false; !ready; {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatalf("no progress before the guard; stderr:\n%s", stderr.String())
				}
				time.Sleep(100 * time.Millisecond)
				if tt.name == "ingest" {
					ready = dbArticleCount(db) >= ingestBatch.articles
				} else {
					mu.Lock()
					ready = written > 3*ingestBatch.articles
					mu.Unlock()
				}
			}
			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			select {
			case err = <-exited:
			case <-time.After(guard):
				cmd.Process.Kill()
				t.Fatalf("still running %v after SIGTERM; stderr:\n%s", guard, stderr.String())
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 143 {
				t.Errorf("exit %v, want status 143", err)
			}
			out := stderr.String()
			if tt.name == "analyze" {
				if !strings.Contains(out, "interrupted after reading") || !strings.Contains(out, "nothing written") {
					t.Errorf("stderr does not say what was done:\n%s", out)
				}
				return
			}
			m := storedLine.FindStringSubmatch(out)
			if m == nil || !strings.Contains(out, "run again to continue — ingestion is idempotent") {
				t.Fatalf("stderr does not say what was stored:\n%s", out)
			}
			n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
			if got := dbArticleCount(db); n < ingestBatch.articles || got != n {
				t.Errorf("said %d articles stored, the database holds %d; want the same, at least %d", n, got, ingestBatch.articles)
			}
		})
	}
}

// dbArticleCount counts the articles a database holds, 0 while it cannot
// be read.
func dbArticleCount(db string) int {
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		return 0
	}
	defer st.Close()
	n, _, err := st.Counts(ctx)
	if err != nil {
		return 0
	}
	return n
}

// TestBadLinesFolded checks that a file of bad lines writes a bounded
// stderr (issue 14, finding 3: a gzip of 1 GB of bad lines wrote one line
// per line, 13.7 GB): the first few with their line numbers, the rest in
// one counted line.
func TestBadLinesFolded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.jsonl.gz")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	const lines = 200000
	zw.Write(bytes.Repeat([]byte("{oops\n"), lines))
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, "analyze", "--no-progress", path)
	if code != 1 {
		t.Errorf("exit %d, want 1 (nothing could be read)", code)
	}
	want := fmt.Sprintf("bad.jsonl.gz: %s more lines like \"line 1: bad JSON", report.Thousands(lines-shownPerKind))
	if n := strings.Count(errOut, "\n"); n > 2*shownPerKind || !strings.Contains(errOut, want) || !strings.Contains(errOut, "bad.jsonl.gz:5: bad JSON") {
		t.Errorf("%d lines on stderr, want a few and %q:\n%.2000s", n, want, errOut)
	}
}
