package record

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

func TestQueryTerms(t *testing.T) {
	var many []string
	for i := range 40 {
		many = append(many, "w"+strconv.Itoa(i))
	}
	// 20 words of 30 bytes joined by spaces are 619 bytes: 16 fit in 512
	// (16*31-1 = 495), the 17th would make 526.
	var long []string
	for i := range 20 {
		long = append(long, strings.Repeat(string(rune('a'+i)), 30))
	}
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "peace talks", []string{"peace", "talks"}},
		{"duplicates", "the talks the the talks", []string{"the", "talks"}},
		{"case", "Kyiv KYIV kyiv talks", []string{"Kyiv", "talks"}},
		{"non-ASCII case", "Ümit ümit ÜMIT", []string{"Ümit"}},
		{"repeated 20000 times", strings.Repeat("the ", 20000), []string{"the"}},
		{"term cap", strings.Join(many, " "), many[:MaxQueryTerms]},
		{"term cap ignores repeats", strings.Repeat("x ", 100) + strings.Join(many, " "), append([]string{"x"}, many[:MaxQueryTerms-1]...)},
		{"byte cap at a term boundary", strings.Join(long, " "), long[:16]},
		{"term longer than the byte cap", strings.Repeat("z", MaxQueryBytes+1) + " talks", nil},
		{"term exactly the byte cap", strings.Repeat("z", MaxQueryBytes), []string{strings.Repeat("z", MaxQueryBytes)}},
		{"empty", "", nil},
		{"spaces", "   \t\n ", nil},
		{"punctuation only", `"" * ( ) - ^ : , .`, nil},
		{"FTS5 syntax", `NEAR( "x AND OR *`, []string{"NEAR", "x", "AND", "OR"}},
		{"quotes inside", `peace"talks col:umn^ pre*`, []string{"peace", "talks", "col", "umn", "pre"}},
		{"digits and letters", "Minsk-2 2015 2015", []string{"Minsk", "2", "2015"}},
		{"invalid UTF-8", "ab\xffcd ab", []string{"ab", "cd"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := QueryTerms(tt.text)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("QueryTerms(%.60q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestQueryWords(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"abbreviation kept whole", "U.S. sanctions u.s.", "U.S. sanctions"},
		{"repeated 20000 times", strings.Repeat("the\t", 20000), "the"},
		{"capped", strings.Repeat("ab ", 10) + strings.Repeat("x", MaxQueryBytes), "ab"},
		{"empty", " ", ""},
		{"punctuation only dropped", `"" * ( ) 3.5 -`, "3.5"},
		{"hyphen kept", "Saudi-Arabia saudi-arabia", "Saudi-Arabia"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := QueryWords(tt.text); got != tt.want {
				t.Errorf("QueryWords(%.40q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// FuzzQueryTerms checks the promises a store relies on for any input: the
// caps hold, no term repeats in any case, terms hold letters and digits
// only (so need no quoting), and normalising the result changes nothing;
// and the same of QueryWords.
func FuzzQueryTerms(f *testing.F) {
	for _, s := range []string{"", "the the THE", `NEAR( "x AND OR *`, strings.Repeat("ab ", 300), "Ümit ümit", "a\xffb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		terms := QueryTerms(text)
		if len(terms) > MaxQueryTerms {
			t.Fatalf("%d terms", len(terms))
		}
		joined := strings.Join(terms, " ")
		if len(joined) > MaxQueryBytes {
			t.Fatalf("%d bytes", len(joined))
		}
		for i, w := range terms {
			if w == "" || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
				t.Fatalf("term %q is not a word", w)
			}
			for _, v := range terms[:i] {
				if strings.EqualFold(v, w) {
					t.Fatalf("%q repeats %q", w, v)
				}
			}
		}
		if again := QueryTerms(joined); !reflect.DeepEqual(again, terms) {
			t.Fatalf("normalising %q again gave %q", terms, again)
		}
		words := QueryWords(text)
		if n := len(strings.Fields(words)); len(words) > MaxQueryBytes || n > MaxQueryTerms {
			t.Fatalf("QueryWords gave %d words in %d bytes", n, len(words))
		}
		if again := QueryWords(words); again != words {
			t.Fatalf("normalising %q again gave %q", words, again)
		}
	})
}

func TestSourceKey(t *testing.T) {
	tests := []struct {
		name, a, b string
		same       bool
	}{
		{"case", "Fox News", "FOX NEWS", true},
		{"spaces around", " fox news\t", "Fox News", true},
		{"outside ASCII", "ÜMIT Haber", "ümit haber", true},
		{"long s and Kelvin sign", "ſk", "SK", true},
		{"a prefix differs", "Fox", "Fox News", false},
		{"inner spaces count", "Fox  News", "Fox News", false},
		{"accents count", "Umit", "Ümit", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if same := SourceKey(tt.a) == SourceKey(tt.b); same != tt.same {
				t.Errorf("SourceKey(%q) = %q, SourceKey(%q) = %q; want equal: %v", tt.a, SourceKey(tt.a), tt.b, SourceKey(tt.b), tt.same)
			}
			if fold := strings.EqualFold(strings.TrimSpace(tt.a), strings.TrimSpace(tt.b)); fold != tt.same {
				t.Errorf("EqualFold says %v: the key and EqualFold disagree", fold)
			}
		})
	}
}

func TestIndexText(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"stop words blanked in place", "The mayor said it was over.", "    mayor                 ."},
		{"any case", "THE Mayor AND the council", "    Mayor         council"},
		{"nothing to drop", "Harbour closed", "Harbour closed"},
		{"inside words kept", "Theatre, another band", "Theatre, another band"},
		{"other scripts", "Élections à Zürich: the 選挙", "Élections à Zürich:     選挙"},
		{"stop words last", "mayor and the", "mayor        "},
		{"only a stop word", "The", "   "},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := IndexText(tt.text)
			if got != tt.want {
				t.Errorf("IndexText(%q) = %q, want %q", tt.text, got, tt.want)
			}
			if len(got) != len(tt.text) {
				t.Errorf("IndexText changed the length: %d, want %d", len(got), len(tt.text))
			}
			// A query drops what the index dropped.
			for _, w := range QueryTerms(tt.text) {
				if kept := strings.Contains(" "+got+" ", w); Searchable(w) && !kept {
					t.Errorf("searchable %q not indexed", w)
				}
			}
		})
	}
}
