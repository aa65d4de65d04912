package web

import (
	"strconv"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

func TestShiftLabel(t *testing.T) {
	for _, tt := range []struct {
		in     string
		offset int
		want   string
	}{
		{"[3]", 25, "[28]"},
		{"[1] reports this", 50, "[51] reports this"},
		{"[12]: the text [4]", 10, "[22]: the text [4]"},
		{"?", 25, "?"},
		{"AP", 25, "AP"},
		{"[]", 25, "[]"},
		{"[x]", 25, "[x]"},
		{"[0]", 25, "[0]"},
		{"[-2]", 25, "[-2]"},
		{"[3", 25, "[3"},
		{"", 25, ""},
	} {
		t.Run(tt.in, func(t *testing.T) {
			if got := shiftLabel(tt.in, tt.offset); got != tt.want {
				t.Errorf("shiftLabel(%q, %d) = %q, want %q", tt.in, tt.offset, got, tt.want)
			}
		})
	}
}

// FuzzShiftLabel holds shiftLabel to changing nothing but the number that
// opens its input.
func FuzzShiftLabel(f *testing.F) {
	for _, s := range []string{"[3]", "[1] reports this", "?", "[", "[99999999999999999999]", "[1]]"} {
		f.Add(s, 7)
	}
	f.Fuzz(func(t *testing.T, s string, offset int) {
		offset = offset & 0xffff
		got := shiftLabel(s, offset)
		if got == s {
			return
		}
		// Only "[n]..." changes, and only its number.
		end := strings.IndexByte(s, ']')
		n, err := strconv.Atoi(s[1:end])
		if err != nil || n <= 0 {
			t.Fatalf("shiftLabel(%q) = %q, changing what is no label", s, got)
		}
		if want := "[" + strconv.Itoa(n+offset) + s[end:]; got != want {
			t.Fatalf("shiftLabel(%q, %d) = %q, want %q", s, offset, got, want)
		}
	})
}

// TestWindowEdges covers the windows a request can ask for and stories
// with parts missing.
func TestWindowEdges(t *testing.T) {
	st := storyfold.NewStory("s")
	for i := range 10 {
		st.Articles = append(st.Articles, "a"+strconv.Itoa(i))
	}
	st.Facts = []storyfold.Fact{{Text: "f", Articles: []string{"a1", "a7"}, Variants: []storyfold.Variant{{Article: "a1"}, {Article: "a7"}}}}
	st.Families = []storyfold.Family{{Kind: "near copies", Articles: []string{"a2", "a8"}, Origin: "a8"}}
	st.Conflicts = []storyfold.Conflict{{Kind: "number", Claims: []storyfold.Claim{{Article: "a0"}, {Article: "a9"}}}}
	for _, tt := range []struct {
		name                         string
		offset, limit                int
		articles, facts, fams, confl int
		origin                       string
		same                         bool
	}{
		{"whole", 0, 10, 10, 1, 1, 1, "a8", true},
		{"whole, larger limit", 0, 100, 10, 1, 1, 1, "a8", true},
		{"first five", 0, 5, 5, 1, 1, 1, "", false},
		{"last five", 5, 5, 5, 1, 1, 1, "a8", false},
		{"middle", 3, 3, 3, 0, 0, 0, "", false},
		{"past the end", 10, 5, 0, 0, 0, 0, "", false},
		{"far past the end", 1000, 5, 0, 0, 0, 0, "", false},
		{"negative offset", -5, 5, 5, 1, 1, 1, "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := window(st, tt.offset, tt.limit)
			if (w == st) != tt.same {
				t.Errorf("window is the story itself: %v, want %v", w == st, tt.same)
			}
			if len(w.Articles) != tt.articles || len(w.Facts) != tt.facts || len(w.Families) != tt.fams || len(w.Conflicts) != tt.confl {
				t.Errorf("%d articles, %d facts, %d families, %d conflicts; want %d, %d, %d, %d",
					len(w.Articles), len(w.Facts), len(w.Families), len(w.Conflicts), tt.articles, tt.facts, tt.fams, tt.confl)
			}
			if len(w.Families) > 0 && w.Families[0].Origin != tt.origin {
				t.Errorf("origin %q, want %q", w.Families[0].Origin, tt.origin)
			}
			if len(st.Articles) != 10 || len(st.Facts[0].Variants) != 2 || st.Families[0].Origin != "a8" {
				t.Fatal("window changed the story it was given")
			}
		})
	}
}
