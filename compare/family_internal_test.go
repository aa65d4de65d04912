package compare

import (
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestSameQuotes checks that two articles' quote wordings, read once per
// story, count the groups they give in the same words as comparing every
// group's variants for each pair did: whatever the spacing and case, the
// last variant an article gives of a group, and an empty variant never
// matching.
func TestSameQuotes(t *testing.T) {
	v := func(article, text string) storyfold.Variant { return storyfold.Variant{Article: article, Text: text} }
	tests := []struct {
		name   string
		quotes []storyfold.Quote
		want   int
	}{
		{"same words, other spacing and case", []storyfold.Quote{{Variants: []storyfold.Variant{v("a", "We will  win."), v("b", "we will\nwin.")}}}, 1},
		{"other words", []storyfold.Quote{{Variants: []storyfold.Variant{v("a", "We will win."), v("b", "We shall win.")}}}, 0},
		{"one article only", []storyfold.Quote{{Variants: []storyfold.Variant{v("a", "We will win."), v("c", "We will win.")}}}, 0},
		{"the last variant of an article", []storyfold.Quote{{Variants: []storyfold.Variant{v("a", "We will win."), v("b", "We will win."), v("a", "We will win it all.")}}}, 0},
		{"an empty variant", []storyfold.Quote{{Variants: []storyfold.Variant{v("a", ""), v("b", "")}}}, 0},
		{"blank variants alike", []storyfold.Quote{{Variants: []storyfold.Variant{v("a", " "), v("b", "  ")}}}, 1},
		{"groups counted apart", []storyfold.Quote{
			{Variants: []storyfold.Variant{v("a", "One."), v("b", "One.")}},
			{Variants: []storyfold.Variant{v("c", "Two.")}},
			{Variants: []storyfold.Variant{v("b", "Three."), v("a", "Three.")}},
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := quotesByArticle(tt.quotes)
			if got := sameQuotes(w["a"], w["b"]); got != tt.want {
				t.Errorf("sameQuotes(a, b) = %d, want %d", got, tt.want)
			}
			if got := sameQuotes(w["b"], w["a"]); got != tt.want {
				t.Errorf("sameQuotes(b, a) = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestCountFields checks countFields and firstField against strings.Fields
// on texts with Unicode spaces, no spaces, and bytes that are not UTF-8.
func TestCountFields(t *testing.T) {
	for _, s := range []string{"", " ", "one", "  two words ", "a\tb\nc\vd\fe\rf", "non\u00a0breaking\u0085next", "em\u2003space", "bad\xffbyte \xff", "“Quoted,” he said.", "ends with space\u3000"} {
		t.Run(s, func(t *testing.T) {
			want := strings.Fields(s)
			if got := countFields(s); got != len(want) {
				t.Errorf("countFields(%q) = %d, want %d", s, got, len(want))
			}
			if trimmed := strings.TrimSpace(s); trimmed != "" {
				if got := firstField(trimmed); got != strings.Fields(trimmed)[0] {
					t.Errorf("firstField(%q) = %q, want %q", trimmed, got, strings.Fields(trimmed)[0])
				}
			}
		})
	}
}
