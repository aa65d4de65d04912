package storyfold

import (
	"encoding/json"
	"testing"
)

// TestSpanJSON reads spans as encoding/json reads a two-number array,
// the shortcut for [start,end] included, and writes them back the same.
func TestSpanJSON(t *testing.T) {
	for _, in := range []string{"[1,2]", "[0,0]", "[-3,17]", "[ 4 , 5 ]", "[1,2,3]", "[7]", "[]", "null", "[1.5,2]", "[1e2,3]", "[99999999999999999999,1]", `["1",2]`} {
		t.Run(in, func(t *testing.T) {
			var want [2]int
			wantErr := json.Unmarshal([]byte(in), &want)
			var got Span
			err := got.UnmarshalJSON([]byte(in))
			if (err != nil) != (wantErr != nil) || err == nil && (got != Span{want[0], want[1]}) {
				t.Fatalf("read %+v, %v; encoding/json reads %v, %v", got, err, want, wantErr)
			}
			if err != nil {
				return
			}
			b, _ := got.MarshalJSON()
			ref, _ := json.Marshal(want)
			if string(b) != string(ref) {
				t.Errorf("written %s, want %s", b, ref)
			}
		})
	}
}
