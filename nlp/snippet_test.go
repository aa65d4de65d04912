package nlp

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("Filler words say nothing here. ", 20)
	for _, tt := range []struct {
		name, text, query string
		words             int
		want              string
	}{
		{"stems match", "Leaders held talks on Tuesday.", "talk", 20, "Leaders held [talks] on Tuesday."},
		{"case and several words", "The Senate voted. A vote in the senate.", "senate vote", 20, "The [Senate] [voted]. A [vote] in the [senate]."},
		{"no match gives the opening", "One two three four five six.", "zebra", 3, "One two three…"},
		{"the densest passage", long + "Putin and Trump spoke for 90 minutes. " + long, "Putin Trump", 8, "…here. [Putin] and [Trump] spoke for 90…"},
		{"both words beat one word twice", "Putin spoke. Putin again. " + long + "Putin met Trump.", "Putin Trump", 6, "…. [Putin] met [Trump]."},
		{"empty text", "", "x", 5, ""},
		{"no letters in the query", "Some text here.", "!!", 2, "Some text…"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Snippet(tt.text, tt.query, tt.words, "[", "]"); got != tt.want {
				t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func FuzzSnippet(f *testing.F) {
	f.Add("Leaders held talks on Tuesday.", "talk", 5)
	f.Add("Ukraine’s “peace” talks — 1.5 hours", "peace hours", 3)
	f.Fuzz(func(t *testing.T, text, query string, words int) {
		if words < 1 || words > 1000 || strings.ContainsAny(text, "\x02\x03") {
			return // cleaning removes control characters, so marks never occur in article text
		}
		got := Snippet(text, query, words, "\x02", "\x03")
		plain := strings.NewReplacer("\x02", "", "\x03", "", "…", "").Replace(got)
		if !strings.Contains(strings.ReplaceAll(text, "…", ""), plain) {
			t.Errorf("snippet %q is not a passage of %q", got, text)
		}
	})
}

func BenchmarkSnippet(b *testing.B) {
	text := strings.Repeat("The president met senators on Tuesday to discuss the budget vote, officials said. ", 120)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Snippet(text, "senate budget vote", 16, "\x02", "\x03")
	}
}
