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
		{"a possessive and a curly apostrophe", "The talk's end. Talk’s start.", "talk", 20, "The [talk's] end. [Talk’s] start."},
		{"capitals beyond ASCII", "ÉLYSÉE said. Élysée again.", "élysée", 20, "[ÉLYSÉE] said. [Élysée] again."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Snippet(tt.text, tt.query, tt.words, "[", "]"); got != tt.want {
				t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

// TestMayStart holds mayStart, Snippet's filter in front of Lower, to
// its promise: it never turns away a word whose lowered form starts with
// the prefix, and it turns away an ASCII word that does not.
func TestMayStart(t *testing.T) {
	for _, tt := range []struct {
		word, prefix string
		want         bool
	}{
		{"Senate", "sen", true},
		{"SENATE", "sen", true},
		{"vote", "sen", false},
		{"se", "sen", false},
		{"Se's", "se", true},
		{"Ab's", "ab'", true}, // passed on: Lower drops the "'s" and decides
		{"Élysée", "él", true},
		{"ÉLYSÉE", "él", true},
		{"Sé", "sé", true},
		{"İstanbul", "i̇s", true},
		{"ⱥb", "ⱥ", true},
		{"Ⱥb", "ⱥ", true},
		{"x", "", true},
	} {
		t.Run(tt.word+"/"+tt.prefix, func(t *testing.T) {
			lowered := strings.HasPrefix(string(Lower(nil, tt.word)), tt.prefix)
			got := mayStart(tt.word, []byte(tt.prefix))
			if lowered && !got {
				t.Errorf("mayStart(%q, %q) = false, but Lower gives %q", tt.word, tt.prefix, Lower(nil, tt.word))
			}
			if got != tt.want {
				t.Errorf("mayStart(%q, %q) = %v, want %v", tt.word, tt.prefix, got, tt.want)
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
