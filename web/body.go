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
	data, err := io.ReadAll(io.LimitReader(src, limit+1))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, "", sentTooLarge(limit)
	case int64(len(data)) > limit:
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
