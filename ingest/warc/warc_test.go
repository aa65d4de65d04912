package warc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// record writes one WARC record with the given type, fields and block.
func record(typ string, fields map[string]string, block string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: %s\r\n", typ)
	for k, v := range fields {
		fmt.Fprintf(&b, "%s: %s\r\n", k, v)
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s\r\n\r\n", len(block), block)
	return b.String()
}

func TestReader(t *testing.T) {
	page := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hello</p>"
	chunked := "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
	stream := record("warcinfo", nil, "software: test") +
		record("response", map[string]string{"WARC-Target-URI": "https://example.com/a", "Content-Type": "application/http; msgtype=response"}, page) +
		record("response", map[string]string{"Content-Type": "application/http; msgtype=response"}, chunked)
	r := NewReader(strings.NewReader(stream), 1<<20)
	var got []*Record
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, rec)
	}
	if len(got) != 3 || got[0].Type() != "warcinfo" || got[0].IsHTTPResponse() || !got[1].IsHTTPResponse() {
		t.Fatalf("records: %d, types %v", len(got), got)
	}
	if got[1].Header.Get("Warc-Target-Uri") != "https://example.com/a" || got[1].Offset <= got[0].Offset {
		t.Errorf("record 2: %v at %d", got[1].Header, got[1].Offset)
	}
	if !strings.HasPrefix(stream[got[1].Offset:], "WARC/1.0") || !strings.HasPrefix(stream[got[2].Offset:], "WARC/1.0") {
		t.Errorf("offsets %d, %d do not point at records", got[1].Offset, got[2].Offset)
	}
	for i, want := range []string{"<p>hello</p>", "hello"} {
		res, err := got[i+1].HTTPResponse(1 << 20)
		if err != nil || res.Status != 200 || string(res.Body) != want {
			t.Errorf("response %d: %+v, %v", i+1, res, err)
		}
	}
}

func TestDamaged(t *testing.T) {
	good := record("response", nil, "HTTP/1.1 200 OK\r\n\r\nbody")
	for _, tt := range []struct {
		name, stream string
		records      int
		err          string
	}{
		{"truncated block", good + good[:len(good)-20], 1, "truncated record"},
		{"truncated header", good + "WARC/1.0\r\nWARC-Type: resp", 1, "bad record header"},
		{"no length", good + "WARC/1.0\r\nWARC-Type: response\r\n\r\n", 1, "Content-Length"},
		{"not WARC", "GET / HTTP/1.1\r\n", 0, "not a WARC record"},
		{"empty", "", 0, "EOF"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.stream), 1<<20)
			n := 0
			var err error
			for {
				var rec *Record
				rec, err = r.Next()
				if err != nil {
					break
				}
				_ = rec
				n++
			}
			if n != tt.records || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%d records, error %v; want %d and %q", n, err, tt.records, tt.err)
			}
			if _, again := r.Next(); again == nil {
				t.Errorf("the reader went on after a broken record")
			}
		})
	}
}

func TestTooLarge(t *testing.T) {
	big := record("response", nil, "HTTP/1.1 200 OK\r\n\r\n"+strings.Repeat("x", 5000))
	small := record("response", nil, "HTTP/1.1 200 OK\r\n\r\nsmall")
	r := NewReader(strings.NewReader(big+small), 1000)
	if _, err := r.Next(); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("big record: %v, want ErrTooLarge", err)
	}
	rec, err := r.Next()
	if err != nil || !bytes.HasSuffix(rec.Block, []byte("small")) {
		t.Errorf("the record after a skipped one: %v", err)
	}
}

func TestGzipBomb(t *testing.T) {
	var body bytes.Buffer
	zw := gzip.NewWriter(&body)
	zw.Write(bytes.Repeat([]byte("a"), 1<<20))
	zw.Close()
	rec := &Record{Block: append([]byte("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n"), body.Bytes()...)}
	if _, err := rec.HTTPResponse(64 << 10); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("a body that inflates to 1 MB under a 64 KB cap: %v", err)
	}
	if res, err := rec.HTTPResponse(2 << 20); err != nil || len(res.Body) != 1<<20 {
		t.Errorf("the same body under a 2 MB cap: %v", err)
	}
}

func FuzzReader(f *testing.F) {
	f.Add(record("response", map[string]string{"Content-Type": "application/http"}, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nxx"))
	f.Add("WARC/1.0\r\nContent-Length: 99999999999\r\n\r\n")
	f.Add("WARC/1.0\r\nContent-Length: -1\r\n\r\n")
	f.Add("WARC/1.0\r\nContent-Length: 2\r\n\r\nabc\nWARC/ x\nWARC/1.0\r\nContent-Length: 1\r\n\r\nz\r\n\r\n")
	f.Add("WARC/1.0\r\nX-Long: " + strings.Repeat("h", 100000) + "\r\nContent-Length: 1\r\n\r\nz\r\n\r\n")
	f.Add(strings.Repeat("W", 70000) + "\r\n")
	f.Fuzz(func(t *testing.T, stream string) {
		r := NewReader(strings.NewReader(stream), 1<<16)
		for i := 0; i < 100; i++ {
			rec, err := r.Next()
			if rec != nil {
				if int64(len(rec.Block)) > 1<<16 {
					t.Fatalf("a block of %d bytes over the limit", len(rec.Block))
				}
				if rec.IsHTTPResponse() {
					rec.HTTPResponse(1 << 16)
				}
			}
			if err != nil && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrDamaged) {
				return
			}
		}
	})
}

// TestShortContentLength checks that a record whose Content-Length is too
// small costs that record only: the reader skips to the next record line
// and reads the records after it.
func TestShortContentLength(t *testing.T) {
	good := func(body string) string { return record("response", nil, "HTTP/1.1 200 OK\r\n\r\n"+body) }
	short := func(block string, by int) string {
		return fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", len(block)-by, block)
	}
	block := "HTTP/1.1 200 OK\r\n\r\nline one\r\nline two WARC/1.0 in the text\r\nWARC/ not a version\r\nend"
	for _, tt := range []struct {
		name, stream string
		bodies       []string // the blocks' bodies read, in order
		damaged      int      // records reported damaged
	}{
		{"short by 10, two good after", short(block, 10) + good("first") + good("second"), []string{"first", "second"}, 1},
		{"short inside a line", short(block, 3) + good("first") + good("second"), []string{"first", "second"}, 1},
		{"short, with no newline after", short(strings.Repeat("x", 100<<10), 50<<10) + good("first") + good("second"), []string{"first", "second"}, 1},
		{"short, last record", good("first") + short(block, 10), []string{"first"}, 1},
		{"exact, extra blank lines", good("first") + "\r\n\r\n" + good("second"), []string{"first", "second"}, 0},
		{"exact, LF only", strings.ReplaceAll(good("first"), "\r\n\r\nHTTP", "\n\nHTTP") + good("second"), []string{"first", "second"}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.stream), 1<<20)
			var bodies []string
			damaged := 0
			for {
				rec, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if errors.Is(err, ErrDamaged) {
					damaged++
					if !strings.Contains(err.Error(), "at byte ") {
						t.Errorf("the message does not give the offset: %v", err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("after %d records: %v", len(bodies), err)
				}
				if !strings.HasPrefix(tt.stream[rec.Offset:], "WARC/1.0") {
					t.Errorf("record offset %d does not point at a record", rec.Offset)
				}
				_, body, _ := strings.Cut(string(rec.Block), "\r\n\r\n")
				bodies = append(bodies, body)
			}
			if strings.Join(bodies, ",") != strings.Join(tt.bodies, ",") || damaged != tt.damaged {
				t.Errorf("read %q with %d damaged; want %q with %d", bodies, damaged, tt.bodies, tt.damaged)
			}
		})
	}
}

func TestTooLargeMessage(t *testing.T) {
	big := record("response", nil, strings.Repeat("x", 5000))
	_, err := NewReader(strings.NewReader(big), 1000).Next()
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Size != 5000 || tl.Limit != 1000 || tl.Offset != 0 {
		t.Fatalf("error %#v, want size 5000 and limit 1000", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "5000 bytes") || !strings.Contains(msg, "limit of 1000 bytes") {
		t.Errorf("message %q does not tell the size from the limit", msg)
	}
}

// TestHeaderBounded checks that a record's header and the line before it
// are read within bounds: a header that never ends is refused once over
// MaxHeader, and a first line longer than a buffer is no record, neither
// read into memory whole.
func TestHeaderBounded(t *testing.T) {
	for _, tt := range []struct {
		name, stream, want string
	}{
		{"header without end", "WARC/1.0\r\nWARC-Type: response\r\n" + strings.Repeat("X-Pad: "+strings.Repeat("p", 1000)+"\r\n", 2000), "bad record header: over 1048576 bytes"},
		{"long first line", strings.Repeat("W", 200000) + "\r\n", "not a WARC record"},
		{"long header line", "WARC/1.0\r\nX-Long: " + strings.Repeat("h", 100000) + "\r\nContent-Length: 1\r\n\r\nz\r\n\r\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.stream), 1<<16)
			rec, err := r.Next()
			if tt.want == "" {
				if err != nil || string(rec.Block) != "z" || len(rec.Header.Get("X-Long")) != 100000 {
					t.Fatalf("record %v, %v; want its block and long header read", rec, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}
