package web

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"

	"github.com/storyfold/storyfold/ingest"
)

// bodyError is a request body that cannot be read, with the status, code
// and message it is answered with.
type bodyError struct {
	status    int
	code, msg string
}

// readBody reads a POSTed body, decompressing it when it is gzip (told by
// its first bytes, as the ingest reader tells files). Both the bytes sent
// and the bytes they decompress to are bounded by limit: without the second
// bound a few kilobytes of gzip unpack into gigabytes, and the ingest
// reader, which bounds only each JSON line, would read them all. Reading
// stops at the first byte over either bound. A gzip stream damaged after
// some data keeps that data, as `storyfold ingest` keeps the lines before
// the damage, and says so in the returned warning.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) (data []byte, warning string, fail *bodyError) {
	br := bufio.NewReader(http.MaxBytesReader(w, r.Body, limit))
	var src io.Reader = br
	gz := false
	if magic, _ := br.Peek(2); isGzip(magic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				return nil, "", sentTooLarge(limit)
			}
			if clientGone(r, err) {
				return nil, "", clientClosed
			}
			return nil, "", &bodyError{http.StatusBadRequest, "bad_request", "bad gzip header: " + err.Error()}
		}
		defer zr.Close()
		src, gz = zr, true
	}
	data, over, err := readUpTo(src, limit)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, "", sentTooLarge(limit)
	case over:
		// Only a decompressed body can get here: the bytes sent are cut
		// off at limit by MaxBytesReader.
		return nil, "", &bodyError{http.StatusRequestEntityTooLarge, "too_large",
			fmt.Sprintf("the body is over %d bytes once decompressed (--max-body bounds the gzip and what it unpacks to)", limit)}
	case err != nil && clientGone(r, err):
		return nil, "", clientClosed
	case err != nil && gz && damagedGzip(err):
		if len(data) == 0 {
			return nil, "", &bodyError{http.StatusBadRequest, "bad_request", "truncated or damaged gzip"}
		}
		warning = fmt.Sprintf("truncated or damaged gzip; read the first %d bytes it unpacks to", len(data))
	case err != nil:
		return nil, "", &bodyError{http.StatusBadRequest, "bad_request", "the body could not be read"}
	}
	if gz && isGzip(data) {
		// The ingest reader would unpack this second layer itself, with no
		// bound on the total.
		return nil, "", &bodyError{http.StatusBadRequest, "bad_request", "the body is gzip inside gzip; compress it once"}
	}
	return data, warning, nil
}

// readSent reads a POSTed body as sent, up to limit bytes, without
// decompressing it: reading takes no place among the requests at work,
// since a client that sends slowly costs a connection and no core, while
// unpacking and reading it is work that waits its turn. The body is then
// the bytes read, for readBody to unpack and bound again.
// The new body holds pieces of a pool until it is closed, which the
// caller does once it has read it.
func readSent(w http.ResponseWriter, r *http.Request, limit int64) *bodyError {
	sent, over, err := readPieces(http.MaxBytesReader(w, r.Body, limit), limit)
	var tooLarge *http.MaxBytesError
	switch {
	case over:
		return sentTooLarge(limit)
	case errors.As(err, &tooLarge):
		sent.Close()
		return sentTooLarge(limit)
	case err != nil && clientGone(r, err):
		sent.Close()
		return clientClosed
	case err != nil:
		sent.Close()
		return &bodyError{http.StatusBadRequest, "bad_request", "the body could not be read"}
	}
	r.Body = sent
	return nil
}

// Bodies are read in pieces a pool keeps: the first small, so that a
// client sending slowly holds little until it has sent more, the others
// large, so that a body of megabytes is a few dozen of them.
const (
	firstPiece = 4 << 10
	piece      = 256 << 10
)

var (
	firstPieces = sync.Pool{New: func() any { return new([firstPiece]byte) }}
	largePieces = sync.Pool{New: func() any { return new([piece]byte) }}
)

// readUpTo reads r to its end, or until it has read over limit bytes
// (over is then set and data nil), and returns what it read: on an error
// other than the end of r, what came before it. It reads into pieces a
// pool keeps (readPieces), then copies them into one slice of the size
// read. A body refused for its size thus costs no allocation, and one
// kept a single allocation of its size: io.ReadAll, which grows its slice
// by doubling, allocated and zeroed about twice the limit for every gzip
// bomb, a quarter of the server's CPU under the replayed attacks
// (`storyfold bench --attacks`).
func readUpTo(r io.Reader, limit int64) (data []byte, over bool, err error) {
	p, over, err := readPieces(r, limit)
	if over {
		return nil, true, nil
	}
	defer p.Close()
	data = make([]byte, p.size)
	_, _ = io.ReadFull(p, data)
	return data, false, err
}

// pieces is what a reader gave, kept in pieces of a pool; reading it
// reads them in turn, and closing it gives them back.
type pieces struct {
	first *[firstPiece]byte
	rest  []*[piece]byte
	size  int64 // bytes held
	read  int64 // bytes read of them
}

// buf returns the i-th piece.
func (p *pieces) buf(i int) []byte {
	if i == 0 {
		return p.first[:]
	}
	return p.rest[i-1][:]
}

// readPieces reads r to its end, or until it has read over limit bytes
// (over is then set, the pieces given back, and p nil). On an error other
// than the end of r, p holds what came before it.
func readPieces(r io.Reader, limit int64) (p *pieces, over bool, err error) {
	p = &pieces{first: firstPieces.Get().(*[firstPiece]byte)}
	cur, filled := p.first[:], 0 // the piece read into, and its bytes read
	for err == nil {
		if filled == len(cur) {
			next := largePieces.Get().(*[piece]byte)
			p.rest, cur, filled = append(p.rest, next), next[:], 0
		}
		var n int
		n, err = r.Read(cur[filled:])
		filled += n
		p.size += int64(n)
		if p.size > limit {
			p.Close()
			return nil, true, nil
		}
	}
	if err == io.EOF {
		err = nil
	}
	return p, false, err
}

func (p *pieces) Read(b []byte) (int, error) {
	if p.read >= p.size {
		return 0, io.EOF
	}
	// The piece that holds byte p.read, and where in it.
	i, at := 0, p.read
	if at >= firstPiece {
		i, at = 1+int((at-firstPiece)/piece), (at-firstPiece)%piece
	}
	buf := p.buf(i)
	n := copy(b, buf[at:min(int64(len(buf)), at+p.size-p.read)])
	p.read += int64(n)
	return n, nil
}

// Close gives the pieces back to the pool; p reads as empty after.
func (p *pieces) Close() error {
	if p.first != nil {
		firstPieces.Put(p.first)
	}
	for _, c := range p.rest {
		largePieces.Put(c)
	}
	*p = pieces{}
	return nil
}

// clientClosed answers a body whose client went away while sending it.
var clientClosed = &bodyError{StatusClientClosed, "client_closed", "the client went away while sending the body"}

func sentTooLarge(limit int64) *bodyError {
	return &bodyError{http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the body is over %d bytes", limit)}
}

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// damagedGzip tells a gzip stream cut short or corrupted from a failure to
// read the request itself.
func damagedGzip(err error) bool {
	var corrupt flate.CorruptInputError
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.As(err, &corrupt)
}

// maxListedProblems bounds the problems an answer lists; the rest are
// counted in more_problems. A body of a million broken lines would
// otherwise be answered with a million messages, a hundred megabytes.
const maxListedProblems = 100

// stopAfterProblems is how many problems end the reading of a body: far
// past what is listed, so the count is exact for any body a person meant
// to send, while a body of junk costs a bounded amount of work.
const stopAfterProblems = 10_000

// problemList keeps the first problems of a request and counts the rest.
// The ingest reader reports on the goroutine that reads, so it needs no
// lock.
type problemList struct {
	listed  []string
	more    int
	stopped bool
	line    int // the line of the last problem counted
}

// add keeps or counts one problem.
func (p *problemList) add(msg string) {
	if len(p.listed) < maxListedProblems {
		p.listed = append(p.listed, msg)
		return
	}
	p.more++
}

// total is the number of problems counted.
func (p *problemList) total() int { return len(p.listed) + p.more }

// report is the ingest reader's Report: it counts problems until there are
// stopAfterProblems, then stops the reading through stop and ignores the
// problems the reader reports as it winds down.
func (p *problemList) report(stop *stopReader) func(*ingest.Problem) {
	return func(pr *ingest.Problem) {
		if p.stopped {
			return
		}
		p.add(pr.Error())
		if pr.Line > 0 {
			p.line = pr.Line
		}
		if p.total() >= stopAfterProblems {
			p.stopped = true
			stop.stopped = true
		}
	}
}

// stopNote is the listed problem that says where reading stopped.
func (p *problemList) stopNote(name string) string {
	at := ""
	if p.line > 0 {
		at = " at line " + strconv.Itoa(p.line)
	}
	return fmt.Sprintf("%s: reading stopped%s after %d problems; the rest of the body was not read", name, at, stopAfterProblems)
}

// result is the problems as an answer lists them: never null.
func (p *problemList) result() []string {
	if p.listed == nil {
		return []string{}
	}
	return p.listed
}

// errStopped ends the reading of a body with too many problems.
var errStopped = errors.New("reading stopped: too many problems")

// stopReader reads from r until stopped is set.
type stopReader struct {
	r       io.Reader
	stopped bool
}

func (s *stopReader) Read(b []byte) (int, error) {
	if s.stopped {
		return 0, errStopped
	}
	return s.r.Read(b)
}
