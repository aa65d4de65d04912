package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/storyfold/storyfold"
)

// readJSONArray reads a JSON array of article objects one element at a
// time. A small scanner cuts each element out of the stream (it only
// follows strings and brackets; encoding/json checks the element itself),
// so neither the array nor an element is ever held whole: an element over
// MaxSize is skimmed to its end without being kept, reported by its index
// and skipped, and the elements after it are read.
func (r *Reader) readJSONArray(name, base string, in *bufio.Reader, gz bool, emit func(storyfold.Article)) {
	s := arrayScanner{in: in, max: r.MaxSize}
	if err := s.open(); err != nil {
		r.problem(name, 0, false, "bad JSON: %s", describeScanErr(err, gz))
		return
	}
	for i := 1; ; i++ {
		raw, err := s.next()
		switch {
		case errors.Is(err, errArrayEnd):
			return
		case errors.Is(err, errElementTooLarge):
			r.problem(name, 0, false, "element %d: larger than the %s limit (--max-size); skipped", i, sizeString(r.MaxSize))
			continue
		case err != nil:
			r.problem(name, 0, false, "element %d: %s; the elements after it are not read", i, describeScanErr(err, gz))
			return
		}
		r.jsonArticle(name, fmt.Sprintf("%s-%d", base, i), 0, i, raw, emit)
	}
}

var (
	// errArrayEnd is the array's closing bracket: no more elements.
	errArrayEnd = errors.New("end of array")
	// errElementTooLarge is an element over the size limit, skimmed to
	// its end: the scanner can go on with the next one.
	errElementTooLarge = errors.New("element too large")
	// errCutShort is a stream that ends inside the array.
	errCutShort = errors.New("the array is cut short")
)

// describeScanErr words a scanner's error for a message.
func describeScanErr(err error, gz bool) string {
	if errors.Is(err, errCutShort) {
		return err.Error()
	}
	var se *arraySyntaxError
	if errors.As(err, &se) {
		return se.Error()
	}
	return describeReadErr(err, gz)
}

// arraySyntaxError is a byte where the array's framing does not allow it.
type arraySyntaxError struct {
	got  byte
	want string
}

func (e *arraySyntaxError) Error() string {
	return fmt.Sprintf("found %q where %s should be", e.got, e.want)
}

// arrayScanner cuts the elements of a JSON array out of a stream.
type arrayScanner struct {
	in  *bufio.Reader
	max int64
	// buf holds the element being read; it is reused from one element to
	// the next (jsonArticle copies what it keeps).
	buf []byte
	// over says the element being read passed max: it is skimmed, not
	// kept.
	over bool
	// started says an element was read, so a comma must come before the
	// next; done says the closing bracket was read.
	started, done bool
}

// open reads up to the array's opening bracket.
func (s *arrayScanner) open() error {
	c, err := s.skipSpace()
	if err != nil {
		return err
	}
	if c != '[' {
		return &arraySyntaxError{got: c, want: "the array's opening ["}
	}
	return nil
}

// skipSpace reads past white space (and a byte order mark) and returns the
// next byte, consumed.
func (s *arrayScanner) skipSpace() (byte, error) {
	for {
		c, err := s.in.ReadByte()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return 0, errCutShort
			}
			return 0, err
		}
		switch c {
		case ' ', '\t', '\r', '\n', 0xef, 0xbb, 0xbf:
			continue
		}
		return c, nil
	}
}

// next returns the next element, errArrayEnd after the last, or
// errElementTooLarge for an element skimmed for its size. Any other error
// leaves the stream where the array can not be followed further.
func (s *arrayScanner) next() ([]byte, error) {
	if s.done {
		return nil, errArrayEnd
	}
	c, err := s.skipSpace()
	if err != nil {
		return nil, err
	}
	if s.started {
		switch c {
		case ']':
			s.done = true
			return nil, errArrayEnd
		case ',':
		default:
			return nil, &arraySyntaxError{got: c, want: "a comma or the closing ]"}
		}
		if c, err = s.skipSpace(); err != nil {
			return nil, err
		}
	} else if c == ']' {
		s.done = true
		return nil, errArrayEnd
	}
	s.started = true
	s.buf, s.over = s.buf[:0], false
	if err := s.value(c); err != nil {
		return nil, err
	}
	if s.over {
		return nil, errElementTooLarge
	}
	return s.buf, nil
}

// keep adds bytes of the element, unless it has passed the limit.
func (s *arrayScanner) keep(b ...byte) {
	if s.over {
		return
	}
	if int64(len(s.buf)+len(b)) > s.max {
		s.over, s.buf = true, s.buf[:0]
		return
	}
	s.buf = append(s.buf, b...)
}

// value reads one value whose first byte, c, is already consumed.
func (s *arrayScanner) value(c byte) error {
	switch c {
	case ']', '}', ',', ':':
		return &arraySyntaxError{got: c, want: "an element"}
	case '"':
		s.keep(c)
		return s.str()
	case '{', '[':
		return s.nested(c)
	}
	// A number, true, false or null: up to the next delimiter, left
	// unread.
	s.keep(c)
	for {
		c, err := s.in.ReadByte()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return errCutShort
			}
			return err
		}
		switch c {
		case ',', ']', '}', ' ', '\t', '\r', '\n':
			return s.in.UnreadByte()
		}
		s.keep(c)
	}
}

// nested reads an object or a list whose opening bracket is consumed,
// following brackets outside strings.
func (s *arrayScanner) nested(open byte) error {
	s.keep(open)
	depth := 1
	for depth > 0 {
		c, err := s.in.ReadByte()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return errCutShort
			}
			return err
		}
		s.keep(c)
		switch c {
		case '"':
			if err := s.str(); err != nil {
				return err
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		}
	}
	return nil
}

// str reads the rest of a string whose opening quote is consumed, a
// buffer at a time: only quotes, and the backslashes before them, matter.
func (s *arrayScanner) str() error {
	// slashes counts the backslashes that end what was read so far.
	slashes := 0
	for {
		chunk, err := s.in.ReadSlice('"')
		s.keep(chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			slashes = trailingSlashes(chunk, slashes)
			continue
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return errCutShort
			}
			return err
		}
		// chunk ends with the quote: it closes the string unless an odd
		// run of backslashes escapes it.
		if trailingSlashes(chunk[:len(chunk)-1], slashes)%2 == 0 {
			return nil
		}
		slashes = 0
	}
}

// trailingSlashes counts the backslashes that end b, adding before, the
// count that ended the bytes before b, when b is all backslashes.
func trailingSlashes(b []byte, before int) int {
	n := len(b) - len(bytes.TrimRight(b, `\`))
	if n == len(b) {
		return before + n
	}
	return n
}
