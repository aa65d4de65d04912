// Package warc reads WARC files (ISO 28500, versions 0.18 to 1.1), the
// format web archives and Common Crawl's CC-NEWS ship pages in. It reads
// records one at a time from an uncompressed stream; a .warc.gz file is a
// series of gzip members, one per record, which compress/gzip reads as one
// stream. It only splits records and parses their headers: what a record
// holds is the caller's business.
package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
)

// Record is one WARC record. Block is the record's content, read into
// memory, up to the reader's size limit.
type Record struct {
	// Header holds the record's named fields, canonicalised
	// (Warc-Type, Warc-Target-Uri, Content-Length, ...).
	Header textproto.MIMEHeader
	Block  []byte
	// Offset is where the record starts in the (uncompressed) stream.
	Offset int64
}

// Type is the record's WARC-Type: warcinfo, response, request, resource,
// metadata, revisit, conversion or continuation.
func (r *Record) Type() string { return r.Header.Get("Warc-Type") }

// ErrTooLarge is matched (errors.Is) by the *TooLargeError returned for a
// record whose block is over the reader's limit; the reader skips it and
// can go on.
var ErrTooLarge = errors.New("record too large")

// TooLargeError is a record skipped for its size, with both the record's
// size and the limit, which a message must not confuse.
type TooLargeError struct {
	Offset int64 // where the record starts
	Size   int64 // its Content-Length
	Limit  int64 // the reader's limit
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("at byte %d: record of %d bytes, over the limit of %d bytes", e.Offset, e.Size, e.Limit)
}

// Is makes a *TooLargeError match ErrTooLarge.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// ErrDamaged is returned, wrapped, for a record whose block runs on past
// its Content-Length (the length is too small): the bytes after the block
// are not the next record. The reader has then skipped ahead to the next
// line that starts a record, so the records after the damaged one are
// still read; the record returned with it holds only its first
// Content-Length bytes and is best left unused.
var ErrDamaged = errors.New("record longer than its Content-Length")

// Reader reads records from a stream.
type Reader struct {
	counted *countingReader
	in      *bufio.Reader
	max     int64
	err     error
}

// NewReader returns a reader of the stream; a block over maxBlock bytes is
// skipped with ErrTooLarge.
func NewReader(in io.Reader, maxBlock int64) *Reader {
	cr := &countingReader{r: in}
	br := bufio.NewReaderSize(cr, 64<<10)
	return &Reader{counted: cr, in: br, max: maxBlock}
}

// offset is the position in the stream of the next byte to read.
func (r *Reader) offset() int64 { return r.counted.n - int64(r.in.Buffered()) }

// Next returns the next record, or io.EOF at the end of the stream. Any
// other error but one matching ErrTooLarge or ErrDamaged leaves the stream
// where it can not be read further: the record's framing is lost.
func (r *Reader) Next() (*Record, error) {
	if r.err != nil {
		return nil, r.err
	}
	// Records are separated by two CRLFs; tolerate any blank lines.
	var version string
	var start int64
	for {
		start = r.offset()
		// A line is read a buffer at a time: a line longer than the
		// buffer is no version line, and is not held to find out.
		raw, err := r.in.ReadSlice('\n')
		line := string(raw)
		if errors.Is(err, bufio.ErrBufferFull) {
			return nil, r.fail(fmt.Errorf("at byte %d: not a WARC record (starts %q)", start, short(line)))
		}
		if err != nil {
			if errors.Is(err, io.EOF) && strings.TrimSpace(line) == "" {
				return nil, r.fail(io.EOF)
			}
			if !errors.Is(err, io.EOF) {
				return nil, r.fail(fmt.Errorf("at byte %d: %w", start, err))
			}
			return nil, r.fail(fmt.Errorf("at byte %d: truncated record: %w", start, io.ErrUnexpectedEOF))
		}
		if line = strings.TrimRight(line, "\r\n"); line != "" {
			version = line
			break
		}
	}
	if !strings.HasPrefix(version, "WARC/") {
		return nil, r.fail(fmt.Errorf("at byte %d: not a WARC record (starts %q)", start, short(version)))
	}
	block, err := r.headerBlock()
	if err != nil {
		return nil, r.fail(fmt.Errorf("at byte %d: bad record header: %w", start, err))
	}
	hdr, err := textproto.NewReader(bufio.NewReader(bytes.NewReader(block))).ReadMIMEHeader()
	if err != nil {
		return nil, r.fail(fmt.Errorf("at byte %d: bad record header: %w", start, err))
	}
	n, err := strconv.ParseInt(strings.TrimSpace(hdr.Get("Content-Length")), 10, 64)
	if err != nil || n < 0 {
		return nil, r.fail(fmt.Errorf("at byte %d: record without a valid Content-Length", start))
	}
	rec := &Record{Header: hdr, Offset: start}
	if n > r.max {
		if _, err := io.CopyN(io.Discard, r.in, n); err != nil {
			return nil, r.fail(fmt.Errorf("at byte %d: truncated record: %w", start, io.ErrUnexpectedEOF))
		}
		// A record skipped for its size needs no second message when
		// its length was also wrong: skipping ahead is enough.
		if !r.aligned() {
			r.resync()
		}
		return rec, &TooLargeError{Offset: start, Size: n, Limit: r.max}
	}
	rec.Block = make([]byte, n)
	got, err := io.ReadFull(r.in, rec.Block)
	if err != nil {
		rec.Block = rec.Block[:got]
		return rec, r.fail(fmt.Errorf("at byte %d: truncated record (%d of %d bytes): %w", start, got, n, io.ErrUnexpectedEOF))
	}
	if !r.aligned() {
		from := r.offset()
		if r.resync() {
			return rec, fmt.Errorf("at byte %d: %w of %d bytes; skipped %d bytes to the next record, at byte %d", start, ErrDamaged, n, r.offset()-from, r.offset())
		}
		return rec, fmt.Errorf("at byte %d: %w of %d bytes; no record after it", start, ErrDamaged, n)
	}
	return rec, nil
}

// MaxHeader bounds a record's header block (its named fields, not its
// content): real headers take a few hundred bytes, and a header that never
// ends must not be read into memory whole.
const MaxHeader = 1 << 20

// headerBlock reads a record's header up to and including the blank line
// that ends it, a buffer at a time, refusing one over MaxHeader.
func (r *Reader) headerBlock() ([]byte, error) {
	var block []byte
	lineStart := 0
	for {
		chunk, err := r.in.ReadSlice('\n')
		if len(block)+len(chunk) > MaxHeader {
			return nil, fmt.Errorf("over %d bytes", MaxHeader)
		}
		block = append(block, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		if len(bytes.TrimRight(block[lineStart:], "\r\n")) == 0 {
			return block, nil
		}
		lineStart = len(block)
	}
}

// aligned reports whether the stream, after a block, goes on as it should:
// blank lines (the two CRLFs that end a record, or more), then the next
// record's "WARC/" or the end of the stream. The blank lines are consumed.
// A read error counts as aligned: the next call to Next reports it.
func (r *Reader) aligned() bool {
	for {
		b, err := r.in.Peek(1)
		if err != nil {
			return true
		}
		if b[0] != '\r' && b[0] != '\n' && b[0] != ' ' && b[0] != '\t' {
			break
		}
		r.in.Discard(1)
	}
	head, _ := r.in.Peek(len(recordStart))
	// A stream cut inside "WARC/" is aligned too: Next says it is
	// truncated.
	return bytes.HasPrefix(recordStart, head)
}

// recordStart starts every record.
var recordStart = []byte("WARC/")

// resync skips to the next line that starts a record ("WARC/" and a version
// number, such as "WARC/1.0"), from a position known not to start one,
// and reports whether it found one before the end of the stream. Lines are
// read a buffer at a time, so a block with no newline costs no memory.
func (r *Reader) resync() bool {
	lineStart := false
	for {
		if lineStart && r.atVersionLine() {
			return true
		}
		_, err := r.in.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			lineStart = false
		case err != nil:
			return false
		default:
			lineStart = true
		}
	}
}

// atVersionLine reports whether the stream is at a record's first line:
// "WARC/", digits and dots, and the end of the line (or of the stream).
func (r *Reader) atVersionLine() bool {
	head, _ := r.in.Peek(32)
	if !bytes.HasPrefix(head, recordStart) {
		return false
	}
	rest := head[len(recordStart):]
	digits := 0
	for digits < len(rest) && (rest[digits] >= '0' && rest[digits] <= '9' || rest[digits] == '.') {
		digits++
	}
	if digits == 0 {
		return false
	}
	rest = rest[digits:]
	return len(rest) == 0 || rest[0] == '\n' || rest[0] == '\r'
}

func (r *Reader) fail(err error) error {
	r.err = err
	return err
}

func short(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// IsHTTPResponse reports whether a record holds an HTTP response (the
// block is the status line, headers and body).
func (r *Record) IsHTTPResponse() bool {
	if r.Type() != "response" {
		return false
	}
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	return strings.HasPrefix(ct, "application/http") || ct == "" && bytes.HasPrefix(r.Block, []byte("HTTP/"))
}

// Response is the HTTP response a response record holds.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// HTTPResponse parses the HTTP response in a response record: chunked
// transfer coding is undone, and a gzip- or deflate-encoded body is
// decompressed up to maxBody bytes (more is an error: a gzip bomb).
func (r *Record) HTTPResponse(maxBody int64) (*Response, error) {
	res, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(r.Block)), nil)
	if err != nil {
		return nil, fmt.Errorf("bad HTTP response: %w", err)
	}
	defer res.Body.Close()
	var body io.Reader = res.Body
	switch strings.ToLower(strings.TrimSpace(res.Header.Get("Content-Encoding"))) {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(res.Body)
		if err != nil {
			return nil, fmt.Errorf("bad gzip body: %w", err)
		}
		body = zr
	case "deflate":
		body = flate.NewReader(res.Body)
	default:
		return nil, fmt.Errorf("body in an unknown encoding %q", res.Header.Get("Content-Encoding"))
	}
	data, err := io.ReadAll(io.LimitReader(body, maxBody+1))
	if int64(len(data)) > maxBody {
		return nil, fmt.Errorf("body larger than %d bytes", maxBody)
	}
	if err != nil && len(data) == 0 {
		return nil, fmt.Errorf("cannot read the body: %w", err)
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: data}, nil
}
