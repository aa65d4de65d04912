package evaluate

import (
	"testing"

	"github.com/storyfold/storyfold/quote"
)

// TestSameQuote pins how a found quote is matched to an annotated one,
// the shared-words test above all: each word counts as often as both
// quotes have it, so a long statement that repeats "he" and "to" is not an
// unrelated short one.
func TestSameQuote(t *testing.T) {
	tests := []struct {
		name        string
		gold, found string
		want        bool
	}{
		{"opening words annotated", "he feels badly", "he feels badly for Flynn, who pleaded guilty", true},
		{"an excerpt of at least half", "the bill is dead on arrival", "the bill is dead", true},
		{"most words shared, reworded", "the talks will go on next week", "the talks will go on, next week", true},
		{"repeated common words are shared once",
			"he and Hillary Clinton both lied to the FBI",
			"it potentially exposed the president to obstruction of justice allegations since according to the tweet he would have known Flynn lied to agents when he allegedly asked Comey to lay off the Flynn investigation and later fired Comey",
			false},
		{"nothing shared", "the economy is strong", "we will not back down", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sameQuote(quote.Words(tt.gold), quote.Words(tt.found)); got != tt.want {
				t.Errorf("sameQuote(%q, %q) = %v, want %v", tt.gold, tt.found, got, tt.want)
			}
		})
	}
}

func TestSameSpeaker(t *testing.T) {
	tests := []struct {
		gold, found string
		want        bool
	}{
		{"Barack Obama", "Obama", true},
		{"Jesse Jackson Jr.", "Jackson", true},
		{"William Taylor III", "Taylor", true},
		{"Roger Stone, Jr.", "Stone", true},
		{"William Taylor III", "William Taylor", true},
		{"William Taylor III", "Lerner", false},
		{"Barack Obama", "Michelle", false},
		{"Trump Jr", "Donald Trump Jr.", true},
		{"III", "Taylor", false},
	}
	for _, tt := range tests {
		t.Run(tt.gold+"/"+tt.found, func(t *testing.T) {
			if got := SameSpeaker(tt.gold, tt.found); got != tt.want {
				t.Errorf("SameSpeaker(%q, %q) = %v, want %v", tt.gold, tt.found, got, tt.want)
			}
		})
	}
}
