package quote

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestIsEntityLowering holds isEntity, which lowers a speaker into a
// buffer on the stack, to the look-ups through strings.ToLower it
// replaced, on names in any case, non-ASCII letters and invalid bytes.
func TestIsEntityLowering(t *testing.T) {
	f := NewFinder()
	f.entities = []storyfold.Entity{
		{Name: "Mark Rutte", Type: storyfold.EntityPerson},
		{Name: "The Associated Press", Type: storyfold.EntityOrg, Aliases: []string{"AP"}},
		{Name: "Recep Tayyip Erdoğan", Type: storyfold.EntityPerson},
		{Name: "İstanbul Bar", Type: storyfold.EntityOrg},
		{Name: "Bad \xffByte", Type: storyfold.EntityPerson},
		{Name: "Brussels", Type: storyfold.EntityPlace},
	}
	f.knownBuilt = false
	old := func(speaker string) bool {
		if speaker == "" {
			return false
		}
		k := f.known()
		l := strings.ToLower(speaker)
		return k[l] || k[strings.TrimPrefix(l, "the ")] || k["\x00"+strings.ToLower(lastWord(speaker))]
	}
	for _, speaker := range []string{"", "Mark Rutte", "MARK RUTTE", "Rutte", "the Mark Rutte", "The Associated Press",
		"Associated Press", "the AP", "ap", "Erdoğan", "ERDOĞAN", "İstanbul Bar", "istanbul bar", "Byte", "\xffbyte",
		"bad \xffbyte", "Brussels", "the", "The ", "a spokesman", strings.Repeat("Long ", 40) + "Rutte"} {
		t.Run(speaker, func(t *testing.T) {
			if got, want := f.isEntity(speaker), old(speaker); got != want {
				t.Errorf("isEntity(%q) = %t, want %t", speaker, got, want)
			}
		})
	}
}

// TestContainsMark holds containsMark, which reads bytes, to
// strings.ContainsAny over quoteMarks, which decodes runes.
func TestContainsMark(t *testing.T) {
	for _, s := range []string{"", "plain text", `a "b"`, "“x", "x”", "„x", "«x", "x»", "‘single’ only", "a — dash",
		"\xe2\x80", "\xe2\x80\x9b", "\xe2\x80\x9f", "\xc2", "\xc2\xa0", "\xff\xe2\x80\x9c", "\xe2\xe2\x80\x9d", "é«", "\xc2\xc2\xbb"} {
		if got, want := containsMark(s), strings.ContainsAny(s, quoteMarks); got != want {
			t.Errorf("containsMark(%q) = %t, want %t", s, got, want)
		}
	}
	// Strings of the marks' bytes and their neighbours in every order.
	alphabet := []byte{'"', 'a', ' ', 0xC2, 0xAB, 0xBB, 0xAA, 0xE2, 0x80, 0x9C, 0x9D, 0x9E, 0x9F, 0x99, 0xFF}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, rng.IntN(6))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if got, want := containsMark(string(b)), strings.ContainsAny(string(b), quoteMarks); got != want {
			t.Fatalf("containsMark(%q) = %t, want %t", b, got, want)
		}
	}
	for _, m := range quoteMarks {
		if !containsMark("a " + string(m) + " b") {
			t.Errorf("mark %q not found", m)
		}
	}
}
