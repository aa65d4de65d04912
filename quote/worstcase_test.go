package quote

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

// craftedStatements returns n short quotes over a vocabulary of v content
// words, the shape that made every quote meet every other: any two share a
// word, and every word's posting list holds most of the quotes.
func craftedStatements(n, v int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	vocab := make([]string, v)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%dx", i)
	}
	out := make([]string, n)
	for i := range out {
		words := make([]string, 2+r.IntN(5))
		for k := range words {
			words[k] = vocab[r.IntN(v)]
		}
		out[i] = strings.Join(words, " ")
	}
	return out
}

// newStatement is a statement of words as it was read one quote at a
// time, before readStatements: the reference readStatements is held to.
func newStatement(words []string) statement {
	return statement{joined: Spaced(words), content: contentWords(words)}
}

func statementsOf(texts []string) []statement {
	st := make([]statement, len(texts))
	for i, t := range texts {
		st[i] = newStatement(Words(t))
	}
	return st
}

// TestSameStatementsLinear counts the pairs sameStatements compares on
// crafted quotes: at most 128 per quote, whatever their number, where
// trying every pair that shares a word compared 78 million pairs at
// 16,000 quotes, about 4,900 per quote.
func TestSameStatementsLinear(t *testing.T) {
	const perQuote = 128
	for _, n := range []int{1000, 4000, 16000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			st := statementsOf(craftedStatements(n, 8, 7))
			found := 0
			compared := sameStatements(st, func(i, j int) { found++ })
			if compared > perQuote*n {
				t.Errorf("%d quotes: %d pairs compared, more than %d per quote", n, compared, perQuote)
			}
			if found == 0 {
				t.Errorf("%d quotes: no pair found the same", n)
			}
		})
	}
}

// TestSameStatementsAllPairs checks sameStatements against trying every
// pair, where no posting list is long enough to be windowed: it must find
// exactly the pairs sameStatement accepts.
func TestSameStatementsAllPairs(t *testing.T) {
	tests := []struct {
		name  string
		texts []string
	}{
		{"small vocabulary", craftedStatements(30, 6, 1)},
		{"larger vocabulary", craftedStatements(2*postingWindow+1, 10, 2)},
		{"excerpts and rewordings", []string{
			"There is no betrayal there. There is a recognition that the whole world is invested in peace.",
			"There is no betrayal there",
			"there is a recognition that the whole world is invested in peace and in security",
			"Europe must step up",
			"Europe must step up now",
			"We want peace",
			"the whole world is invested",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := statementsOf(tt.texts)
			var want, got [][2]int
			for i := range st {
				for j := i + 1; j < len(st); j++ {
					if sameStatement(st[i].content, st[j].content, st[i].joined, st[j].joined) {
						want = append(want, [2]int{i, j})
					}
				}
			}
			sameStatements(st, func(i, j int) { got = append(got, [2]int{i, j}) })
			cmp := func(a, b [2]int) int {
				if a[0] != b[0] {
					return a[0] - b[0]
				}
				return a[1] - b[1]
			}
			slices.SortFunc(got, cmp)
			if !slices.Equal(got, want) {
				t.Errorf("pairs %v, want %v", got, want)
			}
			if len(want) == 0 {
				t.Fatal("the case has no pair to find")
			}
		})
	}
}

// TestGroupChainsCopies checks that copies of one statement in many
// articles, among many other quotes over the same words, still form one
// group when their posting lists are read only in part.
func TestGroupChainsCopies(t *testing.T) {
	const articles = 200
	noise := craftedStatements(articles*3, 8, 3)
	statement := "The ceasefire must hold along the whole river w1x w2x"
	var members []*storyfold.Article
	for i := 0; i < articles; i++ {
		a := &storyfold.Article{ID: fmt.Sprintf("a%03d", i)}
		for k := 0; k < 3; k++ {
			a.Quotes = append(a.Quotes, storyfold.Quotation{Text: noise[3*i+k], Marked: true})
		}
		a.Quotes = append(a.Quotes, storyfold.Quotation{Text: statement, Speaker: "Marta Lindqvist", Marked: true})
		members = append(members, a)
	}
	groups := Group(members, nil)
	for _, g := range groups {
		if g.Text == statement {
			if len(g.Articles) != articles {
				t.Errorf("the statement's group has %d articles, want %d", len(g.Articles), articles)
			}
			return
		}
	}
	t.Fatal("no group for the statement")
}

// TestFoldKey checks foldKey against strings.EqualFold.
func TestFoldKey(t *testing.T) {
	tests := []struct {
		a, b string
	}{
		{"Pete Hegseth", "pete hegseth"},
		{"Pete Hegseth", "Pete Hegset"},
		{"KELVIN", "\u212aelvin"}, // the Kelvin sign folds to K
		{"straße", "STRASSE"},     // no simple folding between ß and SS
		{"Ærø", "æRØ"},
		{"\xff", "\xfe"}, // invalid bytes read as the same replacement rune
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got, want := foldKey(tt.a) == foldKey(tt.b), strings.EqualFold(tt.a, tt.b); got != want {
				t.Errorf("same key %v, EqualFold %v", got, want)
			}
		})
	}
}

func FuzzFoldKey(f *testing.F) {
	f.Add("Pete Hegseth", "PETE HEGSETH")
	f.Add("\u212a", "k")
	f.Add("ſ", "S")
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := foldKey(a) == foldKey(b), strings.EqualFold(a, b); got != want {
			t.Errorf("foldKey(%q) == foldKey(%q) is %v, EqualFold %v", a, b, got, want)
		}
	})
}

// FuzzUnquotedTail checks that the tail people reads is the end of the
// whole unquoted text, and all of it when it says it was not cut.
func FuzzUnquotedTail(f *testing.F) {
	f.Add(`He said “we will stay,” Trusty said, and “no,” added Barrot, who spoke last.`, uint16(3), uint16(40))
	f.Add(strings.Repeat(`“a b,” said X and `, 60), uint16(0), uint16(900))
	f.Fuzz(func(t *testing.T, text string, from, to uint16) {
		if !utf8.ValidString(text) {
			return
		}
		quoted := markedSpans(text, []storyfold.Paragraph{{Start: 0, End: len(text)}})
		lo, hi := min(int(from), len(text)), min(int(to), len(text))
		if lo > hi {
			lo, hi = hi, lo
		}
		// The finder reads from a sentence's or a name's start, never
		// from inside a character.
		for lo > 0 && lo < len(text) && !utf8.RuneStart(text[lo]) {
			lo--
		}
		for hi > lo && hi < len(text) && !utf8.RuneStart(text[hi]) {
			hi--
		}
		whole := unquoted(text, lo, hi, quoted, 0)
		if want := unquotedAll(text, lo, hi, quoted); whole != want {
			t.Errorf("unquoted %q, reading every quote %q", whole, want)
		}
		tail, cut := unquotedTail(text, lo, hi, quoted)
		if !cut && tail != whole {
			t.Errorf("not cut, but %q is not %q", tail, whole)
		}
		if cut && !strings.HasSuffix(whole, tail) {
			t.Errorf("%q does not end %q", tail, whole)
		}
		if head := unquoted(text, lo, hi, quoted, headReach); head != whole[:min(len(whole), headReach)] {
			t.Errorf("%q is not the first %d bytes of %q", head, headReach, whole)
		}
	})
}

// unquotedAll is unquoted as it was before it searched for the first quote
// and took a limit: every quote is read.
func unquotedAll(text string, from, to int, quoted []storyfold.Span) string {
	var b strings.Builder
	pos := from
	for _, q := range quoted {
		if q.End <= from || q.Start >= to {
			continue
		}
		if q.Start > pos {
			b.WriteString(text[pos:q.Start])
		}
		if q.End <= to && strings.IndexByte(",.?!", text[q.End-1]) >= 0 {
			b.WriteByte(text[q.End-1])
		}
		pos = max(pos, q.End)
	}
	if pos < to {
		b.WriteString(text[pos:to])
	}
	return b.String()
}

// TestLastField checks lastField against strings.Fields.
func TestLastField(t *testing.T) {
	for _, s := range []string{"", " ", "Dempsey responded", "he said \u00a0 ", "a\u2003b", "one"} {
		t.Run(s, func(t *testing.T) {
			want := ""
			if f := strings.Fields(s); len(f) > 0 {
				want = f[len(f)-1]
			}
			if got := lastField(s); got != want {
				t.Errorf("lastField(%q) = %q, want %q", s, got, want)
			}
		})
	}
}

// TestReadStatements holds readStatements, which reads a list of quotes
// into one string and one block, to newStatement(Words(text)) of each.
func TestReadStatements(t *testing.T) {
	tests := []struct {
		name  string
		texts []string
	}{
		{"none", nil},
		{"empty and punctuation only", []string{"", "…", "We will win.", " — ", "“No.”"}},
		{"repeats and stop words", []string{"the the THE and of", "Peace, peace and PEACE now", "It is what it is"}},
		{"non-ASCII", []string{"Ukraine’s voice must be central", "ÉTAT d'urgence: İstanbul", "Die Straße ist ZU"}},
		{"crafted", craftedStatements(50, 8, 3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := readStatements(tt.texts), statementsOf(tt.texts)
			if len(got) != len(want) {
				t.Fatalf("%d statements, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i].joined != want[i].joined || !slices.Equal(got[i].content, want[i].content) {
					t.Errorf("%q: %q %q, want %q %q", tt.texts[i], got[i].joined, got[i].content, want[i].joined, want[i].content)
				}
			}
		})
	}
}
