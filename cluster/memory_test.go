package cluster

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestContentHashKeys checks that a content hash finds the article stored
// under it whether the index keeps it as 16 bytes (32 lower-case hex
// digits) or as text, and that hashes differing as text never meet.
func TestContentHashKeys(t *testing.T) {
	const hex = "0123456789abcdef0123456789abcdef"
	cases := []struct {
		name         string
		stored, next string
		same         bool
	}{
		{"hex digits, the same", hex, hex, true},
		{"hex digits, another", hex, "0123456789abcdef0123456789abcdee", false},
		{"upper-case digits are another hash", hex, "0123456789ABCDEF0123456789ABCDEF", false},
		{"not hex, the same", "orig", "orig", true},
		{"not hex, another", "orig", "copy", false},
		{"31 digits", hex[:31], hex[:31], true},
		{"31 digits against 32", hex[:31], hex, false},
		{"no hash matches nothing", "", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ix := New(DefaultOptions())
			ix.storeHash(c.stored, 7)
			i, ok := ix.lookupHash(c.next)
			if ok != c.same || (ok && i != 7) {
				t.Errorf("lookupHash(%q) after storeHash(%q) = %d, %v; want found %v", c.next, c.stored, i, ok, c.same)
			}
		})
	}
}

// TestSignatureBlocks checks that signatures read back as added across
// the boundary of two blocks, and that a signature of another length is
// kept as none.
func TestSignatureBlocks(t *testing.T) {
	ix := New(DefaultOptions())
	rng := rand.New(rand.NewPCG(1, 2))
	var want [][]uint32
	for i := 0; i < sigBlock+3; i++ {
		sig := make([]uint32, sigSize)
		for j := range sig {
			sig[j] = rng.Uint32()
		}
		want = append(want, sig)
		ix.docs = append(ix.docs, doc{sig: ix.addSig(sig)})
	}
	ix.docs = append(ix.docs, doc{sig: ix.addSig(nil)}, doc{sig: ix.addSig(make([]uint32, sigSize+1))})
	for i, sig := range want {
		if got := ix.sigOf(int32(i)); !slices.Equal(got, sig) {
			t.Fatalf("signature %d read back differently", i)
		}
	}
	for i := len(want); i < len(ix.docs); i++ {
		if got := ix.sigOf(int32(i)); got != nil {
			t.Errorf("article %d of no or an odd-length signature has one of %d rows", i, len(got))
		}
	}
}
