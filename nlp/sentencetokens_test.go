package nlp

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestSentenceTokens checks that a sentence's tokens read from the whole
// text's are those of the sentence tokenised alone, at the ends where
// lookahead or a cut word would make them differ and at every span of
// texts full of such ends.
func TestSentenceTokens(t *testing.T) {
	tests := []struct {
		name string
		text string
		span storyfold.Span
	}{
		{"whole sentences", "He said so. She left.", storyfold.Span{Start: 12, End: 21}},
		{"an abbreviation cut after its letter", "in the U.S. today", storyfold.Span{Start: 0, End: 10}},
		{"an abbreviation cut inside", "in the U.S. today", storyfold.Span{Start: 0, End: 8}},
		{"an apostrophe at the end", "Ukraine’s voice", storyfold.Span{Start: 0, End: 10}},
		{"a number cut at its separator", "12,000 troops", storyfold.Span{Start: 0, End: 3}},
		{"a start inside a word", "Zelenskyy spoke", storyfold.Span{Start: 3, End: 15}},
		{"a start inside a character", "“Quoted.”", storyfold.Span{Start: 1, End: 9}},
		{"an end inside a character", "“Quoted.”", storyfold.Span{Start: 0, End: 10}},
		{"empty", "abc", storyfold.Span{Start: 1, End: 1}},
		{"at the end", "abc", storyfold.Span{Start: 3, End: 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			all := Tokenize(nil, tc.text)
			want := Tokenize(nil, tc.text[tc.span.Start:tc.span.End])
			got := SentenceTokens(nil, all, tc.text, tc.span)
			if !slices.Equal(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
	t.Run("every span", func(t *testing.T) {
		texts := []string{
			"U.S. and a.m. in the U.S.A. Mr. J. R. R. Tolkien's don't Ukraine’s ’tis 12,000.5, 90km 5th 1.5. A.B.C.D",
			"«Привет», — сказал он. 3,5 млн. Selenskyj’s E.U.-Gipfel … x.y z'",
			"a'b '' ’’ .. ,, 1,,2 1..2 a.b.c. A. B. 9a.b. \xff\xfe bad\x80bytes é\u0301",
		}
		rng := rand.New(rand.NewPCG(1, 2))
		for _, text := range texts {
			all := Tokenize(nil, text)
			for range 3000 {
				a, b := rng.IntN(len(text)+1), rng.IntN(len(text)+1)
				if a > b {
					a, b = b, a
				}
				s := storyfold.Span{Start: a, End: b}
				want := Tokenize(nil, text[a:b])
				if got := SentenceTokens([]Token{{Start: 1, End: 2, Kind: Word}}, all, text, s); !slices.Equal(got[1:], want) {
					t.Fatalf("%q %v: got %v, want %v", text, s, got[1:], want)
				}
			}
		}
	})
	t.Run("the example's sentences", func(t *testing.T) {
		files, _ := filepath.Glob(filepath.Join("..", "examples", "ukraine-talks", "*.txt"))
		if len(files) == 0 {
			t.Fatal("no example articles")
		}
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			all := Tokenize(nil, text)
			sents := Sentences(nil, text, 0, len(text))
			for _, s := range sents {
				want := Tokenize(nil, text[s.Start:s.End])
				if got := SentenceTokens(nil, all, text, s); !slices.Equal(got, want) {
					t.Errorf("%s %v: got %v, want %v", file, s, got, want)
				}
			}
		}
	})
}
