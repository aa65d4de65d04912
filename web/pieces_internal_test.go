package web

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// TestReadUpTo reads bodies of sizes about the pieces' and the limit's,
// whole and in small reads, and checks that each comes back byte for
// byte, or is refused as over the limit, and that what came before an
// error is kept.
func TestReadUpTo(t *testing.T) {
	const limit = firstPiece + 3*piece + 10
	failure := errors.New("connection reset")
	for _, tt := range []struct {
		name string
		size int
		// small reads the body a few bytes at a time.
		small bool
		// fail ends the body with an error instead of io.EOF.
		fail bool
		over bool
	}{
		{name: "empty", size: 0},
		{name: "one byte", size: 1},
		{name: "the first piece", size: firstPiece},
		{name: "the first piece and one", size: firstPiece + 1, small: true},
		{name: "the first two pieces", size: firstPiece + piece},
		{name: "a piece less one", size: piece - 1},
		{name: "a piece", size: piece},
		{name: "a piece and one", size: piece + 1, small: true},
		{name: "the limit", size: limit},
		{name: "the limit in small reads", size: limit, small: true},
		{name: "over the limit", size: limit + 1, over: true},
		{name: "far over the limit", size: 10 * limit, over: true},
		{name: "an error after two pieces", size: firstPiece + 2*piece + 7, fail: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := make([]byte, tt.size)
			for i := range want {
				want[i] = byte(i * 7 / 3)
			}
			var r io.Reader = bytes.NewReader(want)
			if tt.small {
				r = iotest.HalfReader(iotest.OneByteReader(r))
			}
			if tt.fail {
				r = io.MultiReader(r, iotest.ErrReader(failure))
			}
			got, over, err := readUpTo(r, limit)
			if over != tt.over {
				t.Fatalf("over %v, want %v", over, tt.over)
			}
			if tt.fail != errors.Is(err, failure) {
				t.Errorf("error %v, want %v", err, tt.fail)
			}
			if !tt.over && !bytes.Equal(got, want) {
				t.Errorf("read %d bytes, not the %d sent", len(got), len(want))
			}
		})
	}
}
