package web_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/storyfold/storyfold/web"
)

// gzipped compresses b as a client would send it.
func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// article is one JSON line that reads as an article, distinct by n.
func article(n int) string {
	return fmt.Sprintf(`{"id": "body-%d", "source": "Wire", "title": "Harbour reopens %d", "text": "The harbour at Port %d reopened on Monday after a storm closed it for three days, the port authority said."}`+"\n", n, n, n)
}

// junk is n lines that are not JSON, as an attacker's body holds.
func junk(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "junk %d\n", i%200)
	}
	return b.Bytes()
}

// countingReader counts the bytes a handler reads of a request body.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += n
	return n, err
}

// TestIngestBodyLimits posts bodies over --max-body as sent or once
// decompressed, and bodies of many broken lines: the first are refused
// with 413, having read no more than the bound of what was sent, the
// second answered with a capped list of problems and an exact count of
// the rest. Plain and gzipped bodies that
// are within the limits still go in.
func TestIngestBodyLimits(t *testing.T) {
	const maxBody = 1 << 20
	h, _ := newHandler(t, web.Config{Token: token, MaxBody: maxBody})
	// 32 MiB of spaces compress to about 32 KB: under the limit as sent,
	// 32 times over it once unpacked.
	bomb := gzipped(t, bytes.Repeat([]byte(" "), 32<<20))
	if len(bomb) >= maxBody {
		t.Fatalf("the bomb is %d bytes compressed, not under the %d limit", len(bomb), maxBody)
	}
	good := []byte(article(1) + article(2))
	// A gzip cut short inside a last line of text that does not compress:
	// the two articles before it are read, the cut line reported.
	var tail strings.Builder
	for i := range 500 {
		fmt.Fprintf(&tail, "%08x", uint32(i)*2654435761)
	}
	whole := gzipped(t, []byte(article(6)+article(7)+tail.String()))
	truncated := whole[:len(whole)-100]
	bad5000 := func(n int) []byte { return append(junk(2500), append([]byte(article(n)), junk(2500)...)...) }
	for _, tt := range []struct {
		name   string
		body   []byte
		status int
		// error is what the error's message says; "" when there is none.
		error string
		// listed and more are the problems listed and counted beyond them.
		listed, more int
		// problem is what one of the listed problems says.
		problem string
		// read is the number of articles read, when the body is taken.
		read int
		// maxRead bounds the bytes of the body the server reads (0: all).
		maxRead int
	}{
		{name: "plain", body: good, status: 201, read: 2},
		{name: "gzip", body: gzipped(t, []byte(article(4)+article(5))), status: 201, read: 2},
		// The bomb is read whole as sent (that takes no place among the
		// requests at work), then unpacked in a place up to the bound.
		{name: "bomb", body: bomb, status: 413, error: "once decompressed"},
		{name: "too large as sent", body: bytes.Repeat([]byte(" "), 4*maxBody), status: 413, error: "over 1048576 bytes", maxRead: maxBody + 1},
		{name: "gzip in gzip", body: gzipped(t, gzipped(t, good)), status: 400, error: "gzip inside gzip"},
		{name: "truncated gzip", body: truncated, status: 201, read: 2, listed: 2, problem: "truncated or damaged gzip"},
		{name: "bad lines plain", body: bad5000(3), status: 201, read: 1, listed: 100, more: 4900, problem: "request.jsonl:100: bad JSON"},
		{name: "bad lines gzip", body: gzipped(t, bad5000(9)), status: 201, read: 1, listed: 100, more: 4900, problem: "request.jsonl:100: bad JSON"},
		{name: "only bad lines", body: gzipped(t, junk(150)), status: 400, error: "no article could be read", listed: 100, more: 50,
			problem: "request.jsonl:100: bad JSON"},
		// Reading stops at the 10,000th problem: the article after it is
		// not read, and the last problem listed says where it stopped.
		{name: "stopped", body: gzipped(t, append(junk(30000), article(8)...)), status: 400, error: "no article could be read",
			listed: 101, more: 9900, problem: "reading stopped at line 10000 after 10000 problems"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := &countingReader{r: bytes.NewReader(tt.body)}
			req := httptest.NewRequest(http.MethodPost, "/api/v1/articles", body)
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/x-ndjson")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			m := decode(t, rec.Body.Bytes())
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, firstBytes(rec.Body.Bytes()))
			}
			if tt.maxRead > 0 && body.n > tt.maxRead {
				t.Errorf("read %d of the body's %d bytes, want at most %d", body.n, len(tt.body), tt.maxRead)
			}
			msg := ""
			if e, ok := m["error"].(map[string]any); ok {
				msg, _ = e["message"].(string)
			}
			if tt.error == "" && msg != "" || !strings.Contains(msg, tt.error) {
				t.Errorf("error %q, want one saying %q", msg, tt.error)
			}
			if _, ok := m["problems"]; !ok && tt.status < 300 {
				t.Fatalf("no problems field: %s", firstBytes(rec.Body.Bytes()))
			}
			if read, _ := m["read"].(float64); int(read) != tt.read {
				t.Errorf("%v articles read, want %d", m["read"], tt.read)
			}
			problems, _ := m["problems"].([]any)
			more, _ := m["more_problems"].(float64)
			if len(problems) != tt.listed || int(more) != tt.more {
				t.Errorf("%d problems listed and %v more, want %d and %d", len(problems), more, tt.listed, tt.more)
			}
			if tt.problem != "" && !strings.Contains(fmt.Sprint(problems), tt.problem) {
				t.Errorf("problems %.300v, want one saying %q", problems, tt.problem)
			}
		})
	}
}

func firstBytes(b []byte) []byte {
	if len(b) > 400 {
		return b[:400]
	}
	return b
}

// TestIngestArticleLimit posts bodies of up to and over MaxArticles
// articles: a body over it is refused whole, before anything is stored,
// since a body of tiny articles costs far more than its bytes suggest.
func TestIngestArticleLimit(t *testing.T) {
	const limit = 10
	h, st := newHandler(t, web.Config{Token: token, MaxArticles: limit})
	body := func(from, n int) []byte {
		var b strings.Builder
		for i := range n {
			b.WriteString(article(from + i))
		}
		return []byte(b.String())
	}
	for _, tt := range []struct {
		name   string
		body   []byte
		status int
		stored int // articles stored by the end of the case
	}{
		{"at the limit", body(100, limit), 201, 5 + limit},
		{"over the limit", body(200, limit+1), 413, 5 + limit},
		{"over the limit, gzip", gzipped(t, body(300, 5*limit)), 413, 5 + limit},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/api/v1/articles", bytes.NewReader(tt.body))
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/x-ndjson")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Errorf("status %d, want %d: %s", rec.Code, tt.status, firstBytes(rec.Body.Bytes()))
			}
			if tt.status == 413 {
				if e, _ := decode(t, rec.Body.Bytes())["error"].(map[string]any); !strings.Contains(fmt.Sprint(e["message"]), "over 10 articles") {
					t.Errorf("error %v, want one saying the limit", e)
				}
			}
			if n, _, err := st.Counts(req.Context()); err != nil || n != tt.stored {
				t.Errorf("%d articles stored (%v), want %d", n, err, tt.stored)
			}
		})
	}
}
