package format

import (
	"errors"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var w Writer
	w.Header()
	w.Uvarint(300)
	w.Byte(7)
	w.FrontCoded("", "negotiate")
	w.FrontCoded("negotiate", "negotiation")
	r, err := NewReader(w.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if v := r.Uvarint(); v != 300 {
		t.Errorf("Uvarint = %d", v)
	}
	if b := r.Byte(); b != 7 {
		t.Errorf("Byte = %d", b)
	}
	buf, s1 := r.FrontCoded(nil, 0, 0)
	buf, s2 := r.FrontCoded(buf, s1, len(buf))
	if got := string(buf[s2:]); got != "negotiation" {
		t.Errorf("second word = %q", got)
	}
	if err := r.Done(); err != nil {
		t.Errorf("Done = %v", err)
	}
}

func TestReaderErrors(t *testing.T) {
	cases := map[string]func(r *Reader){
		"varint past end": func(r *Reader) { r.Uvarint() },
		"byte past end":   func(r *Reader) { r.Byte() },
		"count too large": func(r *Reader) { r.Count(1) },
	}
	for name, read := range cases {
		t.Run(name, func(t *testing.T) {
			var w Writer
			w.Header()
			if name == "count too large" {
				w.Uvarint(1000)
			}
			r, err := NewReader(w.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			read(r)
			if !errors.Is(r.Done(), ErrCorrupt) {
				t.Errorf("Done = %v, want ErrCorrupt", r.Done())
			}
		})
	}
	if _, err := NewReader([]byte("nope")); !errors.Is(err, ErrCorrupt) {
		t.Errorf("NewReader accepted a bad magic: %v", err)
	}
}
