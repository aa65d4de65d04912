package quote

import (
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
