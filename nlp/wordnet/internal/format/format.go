// Package format is the byte layout of the embedded lexicon, shared by the
// generator that writes it and package wordnet that reads it.
//
// The file is the magic "SFWN1\n" followed by unsigned varints and bytes:
//
//	lemma count N, then N lemmas front-coded against the previous one
//	  (shared prefix length, suffix length, suffix bytes), sorted
//	per lemma: a POS bit mask byte, then one tag count per POS in the mask
//	per lemma: related count, then (id delta, relation bits byte) pairs
//	per lemma: cluster count, then cluster value deltas (cluster<<1, low bit
//	  set for a cluster opposite the lemma's)
//	combo count, then per combo: member count and member id deltas
//	per POS: exception count, then front-coded forms each followed by its
//	  base count and base ids
//	resolved count, then front-coded forms each followed by the Word that
//	  Lookup returns for it, for the lemmas and exception forms that do not
//	  resolve to themselves
//
// Lemma ids in the file are Word values: index in the sorted list plus one.
package format

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Magic starts every lexicon file; the digit is the layout version.
const Magic = "SFWN3\n"

// Relation bits stored with each related lemma, from the first lemma's
// point of view.
const (
	Synonym   = 1 << 0 // share one of their frequent synsets
	Antonym   = 1 << 1 // a frequent synset of one is an antonym of one of the other's
	Derived   = 1 << 2 // a derivational ("+") pointer joins them
	Similar   = 1 << 3 // adjectives in one similar-to cluster (computed from clusters, not stored)
	Broader1  = 1 << 4 // the second is a direct hypernym of the first
	Narrower1 = 1 << 5 // the second is a direct hyponym of the first
	Broader2  = 1 << 6 // the second is a hypernym two steps up
	Narrower2 = 1 << 7 // the second is a hyponym two steps down
)

// MaxMembers is the most lemmas one surface form may stand for; more are
// cut, keeping the lowest ids, identically in the generator and the reader.
const MaxMembers = 4

// Writer appends the file's primitives to a buffer.
type Writer struct{ buf []byte }

// Header writes the magic.
func (w *Writer) Header() { w.buf = append(w.buf, Magic...) }

// Uvarint writes an unsigned varint.
func (w *Writer) Uvarint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }

// Byte writes one byte.
func (w *Writer) Byte(b byte) { w.buf = append(w.buf, b) }

// FrontCoded writes s as the length of its common prefix with prev and the
// rest, which shrinks a sorted word list to about a third.
func (w *Writer) FrontCoded(prev, s string) {
	n := 0
	for n < len(prev) && n < len(s) && prev[n] == s[n] {
		n++
	}
	w.Uvarint(uint64(n))
	w.Uvarint(uint64(len(s) - n))
	w.buf = append(w.buf, s[n:]...)
}

// Bytes returns what was written.
func (w *Writer) Bytes() []byte { return w.buf }

// ErrCorrupt is returned for any malformed input.
var ErrCorrupt = errors.New("corrupt wordnet lexicon")

// Reader decodes the primitives, remembering the first error so callers
// can check once at the end of a section.
type Reader struct {
	buf []byte
	pos int
	err error
}

// NewReader checks the magic and returns a reader positioned after it.
func NewReader(b []byte) (*Reader, error) {
	if len(b) < len(Magic) || string(b[:len(Magic)]) != Magic {
		return nil, fmt.Errorf("read wordnet lexicon header: %w", ErrCorrupt)
	}
	return &Reader{buf: b, pos: len(Magic)}, nil
}

// Err returns the first error met, wrapped with the offset.
func (r *Reader) Err() error { return r.err }

func (r *Reader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("wordnet lexicon at byte %d: %w", r.pos, ErrCorrupt)
	}
	r.pos = len(r.buf)
}

// Uvarint reads an unsigned varint, or 0 after an error.
func (r *Reader) Uvarint() uint64 {
	v, n := binary.Uvarint(r.buf[r.pos:])
	if n <= 0 {
		r.fail()
		return 0
	}
	r.pos += n
	return v
}

// Count reads a varint that sizes something still to be read, failing when
// it exceeds what is left of the input divided by per (the least bytes one
// item takes), so corrupt counts cannot make the reader allocate wildly.
func (r *Reader) Count(per int) int {
	v := r.Uvarint()
	if v > uint64((len(r.buf)-r.pos)/per) {
		r.fail()
		return 0
	}
	return int(v)
}

// Byte reads one byte.
func (r *Reader) Byte() byte {
	if r.pos >= len(r.buf) {
		r.fail()
		return 0
	}
	b := r.buf[r.pos]
	r.pos++
	return b
}

// FrontCoded reads a string written by Writer.FrontCoded after prev,
// appending it to dst, and returns dst and the string's start in it.
func (r *Reader) FrontCoded(dst []byte, prevStart, prevEnd int) ([]byte, int) {
	shared := r.Uvarint()
	n := r.Uvarint()
	if r.err != nil || shared > uint64(prevEnd-prevStart) || n > uint64(len(r.buf)-r.pos) {
		r.fail()
		return dst, len(dst)
	}
	start := len(dst)
	dst = append(dst, dst[prevStart:prevStart+int(shared)]...)
	dst = append(dst, r.buf[r.pos:r.pos+int(n)]...)
	r.pos += int(n)
	return dst, start
}

// Done reports whether the whole input was consumed without error.
func (r *Reader) Done() error {
	if r.err != nil {
		return r.err
	}
	if r.pos != len(r.buf) {
		return fmt.Errorf("wordnet lexicon: %d trailing bytes: %w", len(r.buf)-r.pos, ErrCorrupt)
	}
	return nil
}
