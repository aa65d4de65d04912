package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
)

// readBytes reads data under name with the given size limit and returns
// the articles' IDs and the problems.
func readBytes(name string, data []byte, maxSize int64) (ids []string, probs []*Problem) {
	r := NewReader(func(p *Problem) { probs = append(probs, p) })
	r.MaxSize = maxSize
	r.ReadStream(name, bytes.NewReader(data), func(a storyfold.Article) { ids = append(ids, a.ID) })
	return ids, probs
}

// TestJSONArrayStreamed checks that the elements of a JSON array are read
// one at a time and held to --max-size each (issue 14, finding 5): an
// element over the limit is refused by its index, naming the file, and
// the elements after it are read. Before, the array was decoded whole and
// every element stored whatever its size.
func TestJSONArrayStreamed(t *testing.T) {
	el := func(id, text string) string { return fmt.Sprintf(`{"id":%q,"text":%q}`, id, text) }
	big := strings.Repeat("The minister said the talks would resume. ", 100) // 4.2 KB
	for _, tt := range []struct {
		name  string
		data  string
		ids   string
		probs []string // in order, each in one problem's text
	}{
		{"two", "[" + el("a", "One.") + "," + el("b", "Two.") + "]", "a,b", nil},
		{"spaced", " \n[\n " + el("a", "One.") + " ,\n\t" + el("b", "Two.") + "\n]\n", "a,b", nil},
		{"byte order mark", "\xef\xbb\xbf[" + el("a", "One.") + "]", "a", nil},
		{"empty", "[]", "", nil},
		{"element over the limit", "[" + el("a", "One.") + "," + el("big", big) + "," + el("c", "Three.") + "]", "a,c", []string{"a.json: element 2: larger than the 1.0 KB limit (--max-size)"}},
		{"last element over the limit", "[" + el("a", "One.") + "," + el("big", big) + "]", "a", []string{"element 2: larger than"}},
		{"brackets and quotes in strings", "[" + `{"id":"q","text":"a ] and } and \" and [ {"}` + "," + el("r", "Two.") + "]", "q,r", nil},
		{"escaped backslash before the quote", "[" + `{"id":"s","text":"ends in a backslash \\"}` + "," + el("t", "Two.") + "]", "s,t", nil},
		{"nested values", "[" + `{"id":"n","text":"x","tags":[["a"],{"b":[1,2]}],"n":-1.5e3,"ok":true,"no":null}` + "]", "n", nil},
		{"wrong types", "[" + `{"id":5,"text":7}` + "," + el("b", "Two.") + "]", "b", []string{`element 1: field "text" is a number`}},
		{"not an object", "[" + `"just a string",12,` + el("b", "Two.") + "]", "b", []string{"element 1: bad JSON", "element 2: bad JSON"}},
		{"cut short", "[" + el("a", "One.") + `,{"id":"b","text":"Tw`, "a", []string{"element 2: the array is cut short"}},
		{"missing comma", "[" + el("a", "One.") + el("b", "Two.") + "]", "a", []string{"element 2: found '{' where a comma or the closing ] should be"}},
		{"trailing comma", "[" + el("a", "One.") + ",]", "a", []string{"element 2: found ']' where an element should be"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ids, probs := readBytes("a.json", []byte(tt.data), 1024)
			if got := strings.Join(ids, ","); got != tt.ids {
				t.Errorf("articles %q, want %q", got, tt.ids)
			}
			if len(probs) != len(tt.probs) {
				t.Fatalf("problems %v, want %d", probs, len(tt.probs))
			}
			for i, p := range probs {
				if !strings.Contains(p.Error(), tt.probs[i]) || !strings.HasPrefix(p.Error(), "a.json") {
					t.Errorf("problem %q, want it to name a.json and hold %q", p.Error(), tt.probs[i])
				}
			}
		})
	}
}

// TestJSONArrayElementNotHeld checks that an element over the limit is
// skimmed, not gathered: the scanner's buffer stays within the limit
// however large the element.
func TestJSONArrayElementNotHeld(t *testing.T) {
	const limit = 4 << 10
	data := `[{"id":"big","text":"` + strings.Repeat("word ", 1<<20) + `"},{"id":"b","text":"Two."}]`
	s := arrayScanner{in: bufio.NewReader(strings.NewReader(data)), max: limit}
	if err := s.open(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.next(); err != errElementTooLarge {
		t.Fatalf("first element: %v, want errElementTooLarge", err)
	}
	if cap(s.buf) > 2*limit {
		t.Errorf("the scanner grew its buffer to %d bytes for a limit of %d", cap(s.buf), limit)
	}
	if raw, err := s.next(); err != nil || !strings.Contains(string(raw), `"b"`) {
		t.Errorf("second element: %q, %v", raw, err)
	}
	if _, err := s.next(); err != errArrayEnd {
		t.Errorf("after the last element: %v, want errArrayEnd", err)
	}
}

// TestJSONLineWrongTypes checks issue 14's case of a JSON line whose text
// is a number: it is refused by its line, not read as an article.
func TestJSONLineWrongTypes(t *testing.T) {
	ids, probs := readBytes("x.jsonl", []byte(`{"id":5,"text":7}`+"\n"+`{"id":6,"text":"Fine."}`+"\n"), DefaultMaxSize)
	if strings.Join(ids, ",") != "6" || len(probs) != 1 || probs[0].Error() != `x.jsonl:1: field "text" is a number, not a string; skipped` {
		t.Errorf("articles %v, problems %v", ids, probs)
	}
}

// TestFeedOverLimit checks that a feed over --max-size is refused as too
// large, not cut at the limit and reported as broken XML.
func TestFeedOverLimit(t *testing.T) {
	item := `<item><title>T</title><link>https://a.example/%d</link><description>` + strings.Repeat("word ", 30) + `</description></item>`
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><link>https://a.example/</link>`)
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, item, i)
	}
	b.WriteString(`</channel></rss>`)
	for _, tt := range []struct {
		name  string
		limit int64
		want  string
	}{
		{"over", 4 << 10, "feed larger than the 4.0 KB limit (--max-size)"},
		{"within", 1 << 20, "40 of 40 items carry only a summary"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := readBytes("f.rss", []byte(b.String()), tt.limit)
			if len(probs) != 1 || !strings.Contains(probs[0].Msg, tt.want) {
				t.Errorf("problems %v, want one holding %q", probs, tt.want)
			}
		})
	}
}

// endless is an input that never ends: the same JSON lines, numbered, for
// as long as it is read. It counts the bytes read.
type endless struct {
	mu   sync.Mutex
	n    int
	buf  []byte
	read int64
}

func (e *endless) Read(p []byte) (int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for len(e.buf) < len(p) {
		e.n++
		e.buf = fmt.Appendf(e.buf, `{"id":"e%d","text":"Line %d of an input without end."}`+"\n", e.n, e.n)
	}
	n := copy(p, e.buf)
	e.buf = e.buf[:copy(e.buf, e.buf[n:])]
	e.read += int64(n)
	return n, nil
}

// gzipEndless is endless gzip-compressed, through a pipe.
func gzipEndless(t *testing.T) io.Reader {
	pr, pw := io.Pipe()
	t.Cleanup(func() { pr.Close() })
	go func() {
		zw := gzip.NewWriter(pw)
		_, err := io.Copy(zw, &endless{})
		pw.CloseWithError(err)
	}()
	return pr
}

// TestReadStreamContext checks that reading stops once its context is done
// (issue 14, finding 4: a signal was ignored while reading), on plain and
// compressed input that never ends, and that nothing is reported or
// emitted after. The test waits on events; its 30 s guard only keeps a
// broken reader from hanging the suite.
func TestReadStreamContext(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   func(t *testing.T) io.Reader
		file string
	}{
		{"json lines", func(*testing.T) io.Reader { return &endless{} }, "in.jsonl"},
		{"gzip json lines", gzipEndless, "in.jsonl.gz"},
		{"text", func(*testing.T) io.Reader { return &endless{} }, "in.txt"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			var mu sync.Mutex
			var probs []*Problem
			r := NewReader(func(p *Problem) { mu.Lock(); probs = append(probs, p); mu.Unlock() })
			r.MaxSize = 1 << 40 // a text file is read whole: let the context stop it
			emitted, after := 0, 0
			done := make(chan struct{})
			go func() {
				defer close(done)
				r.ReadStreamContext(ctx, tt.file, tt.in(t), func(a storyfold.Article) {
					if ctx.Err() != nil {
						after++
					}
					if emitted++; emitted == 1000 {
						cancel()
					}
				})
			}()
			if tt.file == "in.txt" {
				// A text file yields its article at its end, which never
				// comes: stop it while it reads.
				time.Sleep(10 * time.Millisecond)
				cancel()
			}
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("still reading 30 s after the context was cancelled")
			}
			mu.Lock()
			defer mu.Unlock()
			if after > 0 || len(probs) > 0 {
				t.Errorf("%d articles emitted and problems %v reported after the cancellation", after, probs)
			}
		})
	}
}
