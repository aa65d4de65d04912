// Package ingest reads articles from files, directories and streams: plain
// text, HTML and JSON Lines, each possibly gzip-compressed. Readers only
// read: they turn bytes into raw articles with whatever metadata the input
// carries, and report every problem with the file (and line) it came from,
// going on with the rest. Cleaning and analysis happen later.
package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/storyfold/storyfold"
)

// DefaultMaxSize is the largest file, or JSON line, read by default.
const DefaultMaxSize = 10 << 20

// Problem is something wrong with one input. A warning means the input was
// still read (perhaps partly); otherwise it was skipped.
type Problem struct {
	Path    string
	Line    int
	Msg     string
	Warning bool
}

func (p *Problem) Error() string {
	loc := p.Path
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return loc + ": " + p.Msg
}

// Reader reads articles. Its zero value is not usable: set MaxSize and HTML
// (NewReader does).
type Reader struct {
	// MaxSize bounds a file (after decompression) or a JSON line.
	MaxSize int64
	// HTML extracts the article from an HTML page.
	HTML Extractor
	// Workers bounds the goroutines that extract the pages of one WARC
	// file (GOMAXPROCS when 0).
	Workers int
	// OnRecord, when set, is called for each WARC record read, to show
	// progress through a large archive.
	OnRecord func()
	// RawPages, when set, receives the HTML pages (of HTML files and WARC
	// records) instead of their extracted articles, for a caller that has
	// them extracted elsewhere (by queue workers).
	RawPages func(RawPage)
	// Summaries, when set, receives the feed items that carry only a
	// summary, and the JSON lines that give only a "url", so that a caller
	// that can fetch their links reads them; unset, the items are counted
	// in a warning and the lines reported.
	Summaries func(FeedItem)
	// Report receives every problem; it may be called from several
	// goroutines at once when files are read in parallel.
	Report func(*Problem)

	// ctx stops the reading of one stream: it is set only on the copy
	// of the Reader that ReadStreamContext makes for that stream.
	ctx context.Context
}

// NewReader returns a reader with the default size limit and HTML extractor.
func NewReader(report func(*Problem)) *Reader {
	return &Reader{MaxSize: DefaultMaxSize, HTML: Trafilatura{}, Report: report}
}

func (r *Reader) problem(path string, line int, warning bool, format string, args ...any) {
	if r.Report != nil {
		r.Report(&Problem{Path: path, Line: line, Msg: fmt.Sprintf(format, args...), Warning: warning})
	}
}

// Format is a kind of input.
type Format int

// Input formats.
const (
	Unknown Format = iota
	Text
	HTML
	JSONL
	WARC
	Feed
)

func (f Format) String() string {
	return [...]string{"unknown", "text", "html", "jsonl", "warc", "feed"}[f]
}

// formatByName tells a file's format from its extension, ignoring a
// trailing .gz.
func formatByName(name string) Format {
	name = strings.ToLower(strings.TrimSuffix(strings.ToLower(name), ".gz"))
	switch filepath.Ext(name) {
	case ".txt", ".text":
		return Text
	case ".html", ".htm", ".xhtml", ".shtml":
		return HTML
	case ".jsonl", ".ndjson", ".json":
		return JSONL
	case ".warc", ".arc":
		return WARC
	case ".rss", ".atom", ".xml":
		return Feed
	}
	return Unknown
}

// sniff tells the format from the first bytes of the content.
func sniff(head []byte) Format {
	head = bytes.TrimLeft(head, " \t\r\n\ufeff")
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if len(head) == 0 {
		return Text
	}
	if head[0] == '{' || head[0] == '[' {
		return JSONL
	}
	if head[0] == '<' {
		lower := bytes.ToLower(head[:min(len(head), 1024)])
		if !bytes.Contains(lower, []byte("<html")) {
			for _, m := range []string{"<rss", "<feed", "<rdf:rdf"} {
				if bytes.Contains(lower, []byte(m)) {
					return Feed
				}
			}
		}
		for _, m := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<p", "<div", "<article", "<!--"} {
			if bytes.Contains(lower, []byte(m)) {
				return HTML
			}
		}
	}
	return Text
}

// ReadFile reads one file, or standard input when path is "-" (as Files
// lists it), and calls emit for each article in it.
func (r *Reader) ReadFile(path string, emit func(storyfold.Article)) {
	r.ReadFileContext(context.Background(), path, emit)
}

// ReadFileContext is ReadFile stopped by ctx: once ctx is done the reading
// stops at its next read of the input (within one buffer, 64 KB), and the
// problems it meets from then on are not reported, since they are only
// the interruption's echo.
func (r *Reader) ReadFileContext(ctx context.Context, path string, emit func(storyfold.Article)) {
	if ctx.Err() != nil {
		return
	}
	if path == "-" {
		r.ReadStreamContext(ctx, "-", os.Stdin, emit)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		r.problem(path, 0, false, "cannot open: %v", unwrapPath(err))
		return
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		r.problem(path, 0, false, "is a directory")
		return
	}
	r.ReadStreamContext(ctx, path, f, emit)
}

// buffered keeps the readers' buffers between streams: a reader of many
// small files would otherwise allocate and clear 64 KB for each.
var buffered = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

func getBuffered(r io.Reader) *bufio.Reader {
	br := buffered.Get().(*bufio.Reader)
	br.Reset(r)
	return br
}

func putBuffered(br *bufio.Reader) {
	br.Reset(nil)
	buffered.Put(br)
}

// ReadStream reads one input stream (a file, or standard input named "-")
// and calls emit for each article in it.
func (r *Reader) ReadStream(name string, in io.Reader, emit func(storyfold.Article)) {
	r.ReadStreamContext(context.Background(), name, in, emit)
}

// ReadStreamContext is ReadStream stopped by ctx, as ReadFileContext is.
// Both the input and, for gzip, its decompressed stream are checked, so a
// small compressed read that expands a thousandfold still stops soon.
func (r *Reader) ReadStreamContext(ctx context.Context, name string, in io.Reader, emit func(storyfold.Article)) {
	if ctx.Done() == nil {
		r.readStream(name, in, emit)
		return
	}
	// A copy of the reader, whose problems stop with ctx: the Reader
	// itself may be shared by goroutines reading other streams.
	cr := *r
	if r.Report != nil {
		cr.Report = func(p *Problem) {
			if ctx.Err() == nil {
				r.Report(p)
			}
		}
	}
	cr.ctx = ctx
	cr.readStream(name, ctxReader{ctx, in}, func(a storyfold.Article) {
		if ctx.Err() == nil {
			emit(a)
		}
	})
}

// ctxReader fails its reads once its context is done, which ends every
// reading loop at its next read however it handles errors.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// wrap makes a stream read in the reader's context fail once it is done.
func (r *Reader) wrap(in io.Reader) io.Reader {
	if r.ctx == nil {
		return in
	}
	return ctxReader{r.ctx, in}
}

func (r *Reader) readStream(name string, in io.Reader, emit func(storyfold.Article)) {
	br := getBuffered(in)
	defer putBuffered(br)
	in2 := br
	gz := false
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			r.problem(name, 0, false, "bad gzip header: %v", err)
			return
		}
		defer zr.Close()
		// Concatenated members are read as one stream, as gzip(1) does.
		in2 = getBuffered(r.wrap(zr))
		defer putBuffered(in2)
		gz = true
	}
	head, err := in2.Peek(4096)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) && len(head) == 0 {
		r.problem(name, 0, false, "cannot read: %v", describeReadErr(err, gz))
		return
	}
	if len(bytes.TrimSpace(head)) == 0 {
		r.problem(name, 0, false, "empty file")
		return
	}
	// A WARC file holds binary records among the pages: tell it first.
	if formatByName(name) == WARC || bytes.HasPrefix(head, []byte("WARC/")) {
		r.readWARC(name, in2, emit)
		return
	}
	if isBinary(head) {
		r.problem(name, 0, false, "binary file, not an article")
		return
	}
	format := formatByName(name)
	if format == Unknown {
		format = sniff(head)
	}
	switch format {
	case JSONL:
		r.readJSONL(name, in2, gz, emit)
		return
	case Feed:
		r.readFeed(name, in2, emit)
		return
	}
	data, err := io.ReadAll(io.LimitReader(in2, r.MaxSize+1))
	if int64(len(data)) > r.MaxSize {
		r.problem(name, 0, false, "larger than the %s limit (--max-size)", sizeString(r.MaxSize))
		return
	}
	if err != nil {
		if len(data) == 0 {
			r.problem(name, 0, false, "cannot read: %v", describeReadErr(err, gz))
			return
		}
		r.problem(name, 0, true, "%v; read the first %s", describeReadErr(err, gz), sizeString(int64(len(data))))
	}
	id := baseID(name)
	switch format {
	case HTML:
		if r.RawPages != nil {
			r.RawPages(RawPage{ID: id, Origin: name, HTML: data})
			return
		}
		a, ok := r.readHTML(name, data, "")
		if !ok {
			return
		}
		a.ID = id
		emit(a)
	default:
		text := r.decodeText(name, 0, data)
		emit(storyfold.Article{ID: id, Text: text, Origin: name})
	}
}

// minHTMLWords is the least text an HTML page must yield to count as an
// article: below it the extractor found a menu or a caption, not a story.
const minHTMLWords = 8

// readHTML extracts the article of an HTML page, reporting a page without
// one.
func (r *Reader) readHTML(name string, data []byte, pageURL string) (storyfold.Article, bool) {
	a, err := r.extractHTML(name, data, pageURL)
	if err != nil {
		r.problem(name, 0, false, "%v", err)
		return storyfold.Article{}, false
	}
	return a, true
}

// errNoText is a page whose extracted text is too short to be an article.
var errNoText = errors.New("no article text in HTML")

// extractHTML extracts the article of an HTML page.
func (r *Reader) extractHTML(name string, data []byte, pageURL string) (storyfold.Article, error) {
	page, err := r.HTML.Extract(data, pageURL)
	if err != nil {
		return storyfold.Article{}, fmt.Errorf("no article in HTML: %w", err)
	}
	if len(strings.Fields(page.Text)) < minHTMLWords {
		return storyfold.Article{}, errNoText
	}
	a := storyfold.Article{
		URL:    page.URL,
		Source: page.Site,
		Title:  page.Title,
		Byline: page.Author,
		Date:   page.Date,
		Text:   page.Text,
		Origin: name,
	}
	if a.URL == "" {
		a.URL = pageURL
	}
	if a.Source == "" {
		a.Source = HostSource(a.URL)
	}
	return a, nil
}

// HostSource names an outlet by its URL's host, without "www.".
func HostSource(rawURL string) string {
	if rawURL == "" {
		return ""
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// decodeText returns data as UTF-8 text. Text that is not valid UTF-8 is
// either UTF-8 with a few damaged bytes (they become U+FFFD) or text in a
// legacy single-byte encoding, read as Windows-1252, the usual one on the
// web; either way the user is told.
func (r *Reader) decodeText(name string, line int, data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data)
	}
	bad, multi := 0, 0
	for i := 0; i < len(data); {
		c, size := utf8.DecodeRune(data[i:])
		if c == utf8.RuneError && size == 1 {
			bad++
		} else if size > 1 {
			multi++
		}
		i += size
	}
	if multi > bad {
		r.problem(name, line, true, "%d bytes of invalid UTF-8 replaced with U+FFFD", bad)
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	r.problem(name, line, true, "not valid UTF-8; read as Windows-1252")
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return string(out)
}

// isBinary reports whether the start of a file is binary data rather than
// text: text has no NUL bytes and few control characters.
func isBinary(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	return ctrl*10 > len(head)
}

// baseID is the article ID a file gives: its base name without extensions
// ("000_5d10fcc076255972.txt.gz" gives "000_5d10fcc076255972").
func baseID(name string) string {
	if name == "-" {
		return "stdin"
	}
	base := filepath.Base(name)
	if i := strings.IndexByte(base[1:], '.'); i >= 0 {
		base = base[:i+1]
	}
	return base
}

func describeReadErr(err error, gz bool) string {
	if gz && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum)) {
		return "truncated or damaged gzip"
	}
	return unwrapPath(err).Error()
}

// unwrapPath drops the path an *os.PathError repeats, since messages name the
// file already.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
