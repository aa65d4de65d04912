package wordnet

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/storyfold/storyfold/nlp/wordnet/internal/build"
	"github.com/storyfold/storyfold/nlp/wordnet/internal/format"
	"github.com/storyfold/storyfold/nlp/wordnet/internal/morphy"
)

func TestLemma(t *testing.T) {
	cases := []struct{ word, want string }{
		{"went", "go"},
		{"goes", "go"},
		{"children", "child"},
		{"better", "good"},
		{"negotiations", "negotiation"},
		{"decided", "decide"},
		{"talking", "talk"},
		{"stopped", "stop"},
		{"was", "be"},
		{"leaves", "leave"},
		{"geese", "goose"},
		{"women", "woman"},
		{"countries", "country"},
		{"buses", "bus"},
		{"largest", "large"},
		{"election", "election"},
		{"glass", "glass"},
		{"news", "news"},
		// Unknown words come back unchanged.
		{"xqzzyv", "xqzzyv"},
		{"", ""},
	}
	for _, c := range cases {
		t.Run(c.word, func(t *testing.T) {
			if got := Lemma(c.word); got != c.want {
				t.Errorf("Lemma(%q) = %q, want %q", c.word, got, c.want)
			}
		})
	}
}

func TestLemmaPOS(t *testing.T) {
	cases := []struct {
		word string
		pos  POS
		want string
	}{
		{"went", Verb, "go"},
		{"children", Noun, "child"},
		{"better", Adj, "good"},
		{"better", Adv, "well"},
		{"negotiations", Noun, "negotiation"},
		{"negotiated", Verb, "negotiate"},
		{"saw", Verb, "see"},
		{"saw", Noun, "saw"},
		{"happier", Adj, "happy"},
		{"axes", Noun, "ax"},
		{"being", Verb, "be"},
		// Guards: "is" is not the letter i, "glass" not a plural.
		{"is", Noun, ""},
		{"glass", Noun, "glass"},
		{"went", Noun, ""},
		{"quickly", Verb, ""},
		{"xqzzyv", Noun, ""},
		{"went", POS(9), ""},
	}
	for _, c := range cases {
		t.Run(c.word+"/"+string("nvar?"[min(int(c.pos), 4)]), func(t *testing.T) {
			if got := LemmaPOS(c.word, c.pos); got != c.want {
				t.Errorf("LemmaPOS(%q, %d) = %q, want %q", c.word, c.pos, got, c.want)
			}
		})
	}
}

func TestUnknown(t *testing.T) {
	for _, w := range []string{"", "xqzzyv", "Dog", "über", strings.Repeat("s", 500), "dogs\x00", "'s"} {
		t.Run(w[:min(len(w), 12)], func(t *testing.T) {
			got := Lookup(w)
			if got != 0 {
				t.Fatalf("Lookup(%q) = %v (%d), want 0", w, got, got)
			}
			dog := Lookup("dog")
			if Related(got, dog) != None || Similarity(got, dog) != 0 || Antonyms(got, dog) {
				t.Errorf("unknown word relates to dog")
			}
			if got.Lemma() != "" {
				t.Errorf("Word(0).Lemma() = %q, want empty", got.Lemma())
			}
		})
	}
	if Related(0, 0) != None {
		t.Errorf("two unknown words must not be the same word")
	}
	// Handles Lookup never gives out relate to nothing rather than panic.
	bogus := Word(1 << 30)
	if Related(bogus, bogus) != None || Similarity(bogus, Lookup("dog")) != 0 || Antonyms(bogus, bogus) || bogus.Lemma() != "" {
		t.Errorf("an invalid handle relates to something")
	}
}

func TestRelated(t *testing.T) {
	cases := []struct {
		a, b string
		want Relation
		ant  bool
	}{
		{"went", "goes", Same, false},
		{"saw", "seen", Same, false},
		{"children", "child", Same, false},
		{"car", "automobile", Synonym, false},
		{"talks", "negotiations", Synonym, false},
		{"buy", "purchase", Synonym, false},
		{"big", "large", Synonym, false},
		{"negotiate", "negotiation", Derived, false},
		{"decide", "decision", Derived, false},
		{"elect", "election", Derived, false},
		{"talks", "negotiate", Derived, false},
		{"sedan", "car", Broader, false},
		{"car", "sedan", Narrower, false},
		{"murder", "kill", Broader, false},
		{"journalist", "writer", Broader, false},
		{"rifle", "gun", Broader, false},
		{"early", "later", Antonym, true},
		{"dog", "canine", Broader, false},
		{"huge", "enormous", Similar, false},
		{"hot", "scorching", Similar, false},
		{"increase", "decrease", Antonym, true},
		{"rise", "fall", Antonym, true},
		{"win", "lose", Antonym, true},
		{"accept", "reject", Antonym, true},
		{"hot", "cold", Antonym, true},
		{"scorching", "icy", Antonym, true},
		{"victory", "defeat", Antonym, true},
		{"dog", "election", None, false},
		{"president", "banana", None, false},
		{"talks", "weather", None, false},
		{"increase", "election", None, false},
	}
	for _, c := range cases {
		t.Run(c.a+"/"+c.b, func(t *testing.T) {
			a, b := Lookup(c.a), Lookup(c.b)
			if a == 0 || b == 0 {
				t.Fatalf("Lookup(%q) = %d, Lookup(%q) = %d; want both known", c.a, a, c.b, b)
			}
			if got := Related(a, b); got != c.want {
				t.Errorf("Related(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
			}
			// The reverse direction: the same relation, or its converse.
			back := c.want
			switch back {
			case Broader:
				back = Narrower
			case Narrower:
				back = Broader
			}
			if got := Related(b, a); got != back {
				t.Errorf("Related(%s, %s) = %v, want %v", c.b, c.a, got, back)
			}
			if Antonyms(a, b) != c.ant || Antonyms(b, a) != c.ant {
				t.Errorf("Antonyms(%s, %s) = %v/%v, want %v", c.a, c.b, Antonyms(a, b), Antonyms(b, a), c.ant)
			}
			if s, ant := Compare(a, b); s != Similarity(a, b) || ant != Antonyms(a, b) {
				t.Errorf("Compare(%s, %s) = %v, %v; want %v, %v", c.a, c.b, s, ant, Similarity(a, b), Antonyms(a, b))
			}
			sa, sb := Similarity(a, b), Similarity(b, a)
			if sa != sb {
				t.Errorf("Similarity not symmetric: %v vs %v", sa, sb)
			}
			if (c.want == None || c.want == Antonym) != (sa == 0) {
				t.Errorf("Similarity(%s, %s) = %v for relation %v", c.a, c.b, sa, c.want)
			}
		})
	}
}

func TestSimilarityGrades(t *testing.T) {
	cases := []struct {
		a, b string
		want float64
	}{
		{"went", "go", ScoreSame},
		{"car", "automobile", ScoreSynonym},
		{"negotiate", "negotiation", ScoreDerived},
		{"sedan", "car", ScoreHyper1},
		{"car", "vehicle", ScoreHyper2},
		{"rifle", "gun", ScoreHyper2},
		{"huge", "enormous", ScoreSimilar},
		{"hot", "cold", 0},
		{"dog", "election", 0},
	}
	for _, c := range cases {
		t.Run(c.a+"/"+c.b, func(t *testing.T) {
			if got := Similarity(Lookup(c.a), Lookup(c.b)); got != c.want {
				t.Errorf("Similarity(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
			}
		})
	}
}

// TestCombos checks that a form of two lemmas relates through either.
func TestCombos(t *testing.T) {
	cases := []struct {
		form        string
		members     []string
		viaA, viaB  string
		wantA, want Relation
	}{
		{"saw", []string{"saw", "see"}, "see", "cut", Same, Broader},
		{"found", []string{"find", "found"}, "discovered", "established", Synonym, Synonym},
		{"left", []string{"leave", "left"}, "leaves", "right", Same, Antonym},
	}
	l := get()
	for _, c := range cases {
		t.Run(c.form, func(t *testing.T) {
			w := Lookup(c.form)
			if !l.isCombo(w) {
				t.Fatalf("Lookup(%q) = %v, want a combo", c.form, w)
			}
			var got []string
			for _, m := range l.members(w) {
				got = append(got, m.Lemma())
			}
			if strings.Join(got, ",") != strings.Join(c.members, ",") {
				t.Errorf("members = %v, want %v", got, c.members)
			}
			if r := Related(w, Lookup(c.viaA)); r != c.wantA {
				t.Errorf("Related(%s, %s) = %v, want %v", c.form, c.viaA, r, c.wantA)
			}
			if r := Related(w, Lookup(c.viaB)); r != c.want {
				t.Errorf("Related(%s, %s) = %v, want %v", c.form, c.viaB, r, c.want)
			}
			if r := Related(w, w); r != Same || Antonyms(w, w) {
				t.Errorf("Related(%s, itself) = %v, antonyms %v", c.form, r, Antonyms(w, w))
			}
		})
	}
}

func TestRelationString(t *testing.T) {
	for r, want := range map[Relation]string{None: "none", Synonym: "synonym", Antonym: "antonym", Relation(99): "unknown"} {
		if r.String() != want {
			t.Errorf("Relation(%d).String() = %q, want %q", r, r.String(), want)
		}
	}
}

// TestNoDuplicates checks every word list kept as data: the lemma list,
// the exception lists, the combos, the relation lists and morphy's rules.
func TestNoDuplicates(t *testing.T) {
	l := get()
	t.Run("lemmas", func(t *testing.T) {
		for i := 1; i < len(l.lemmas); i++ {
			if l.lemmas[i] <= l.lemmas[i-1] {
				t.Fatalf("lemma %q after %q: not strictly sorted", l.lemmas[i], l.lemmas[i-1])
			}
		}
		for i, s := range l.lemmas {
			if l.forms[s].self != Word(i+1) {
				t.Errorf("lemma %q maps to %d, want %d", s, l.forms[s].self, i+1)
			}
		}
	})
	t.Run("exceptions", func(t *testing.T) {
		for p, m := range l.exc {
			if len(m) == 0 && p != int(Adv) {
				t.Errorf("no exceptions for POS %d", p)
			}
			for form, bases := range m {
				seen := map[Word]bool{}
				for _, b := range bases {
					if seen[b] {
						t.Errorf("exception %q lists %q twice", form, b.Lemma())
					}
					seen[b] = true
				}
			}
		}
	})
	t.Run("combos", func(t *testing.T) {
		for key, w := range l.combos {
			ms := l.members(w)
			for i, m := range ms {
				if key[i] != m || (i > 0 && m <= ms[i-1]) {
					t.Fatalf("combo %v: members %v not strictly sorted or not its key", key, ms)
				}
			}
		}
	})
	t.Run("relations", func(t *testing.T) {
		for w := 1; w < len(l.relOff); w++ {
			list := l.relOf(Word(w))
			for i := 1; i < len(list); i++ {
				if list[i]>>8 <= list[i-1]>>8 {
					t.Fatalf("word %d: related ids not strictly increasing", w)
				}
			}
		}
	})
	t.Run("morphy rules", func(t *testing.T) {
		seen := map[morphy.Rule]bool{}
		for _, r := range morphy.Rules {
			if seen[r] {
				t.Errorf("duplicate rule %+v", r)
			}
			seen[r] = true
		}
		if _, err := morphy.Parse("n s -\nn s -\n"); err == nil {
			t.Errorf("Parse accepted a duplicate rule")
		}
	})
}

// TestSymmetric checks that every stored relation is stored both ways,
// which lets bits search only one list.
func TestSymmetric(t *testing.T) {
	l := get()
	n := len(l.lemmas)
	for a := 1; a <= n; a += 7 { // a sample keeps the test fast
		for _, v := range l.relOf(Word(a)) {
			b := Word(v >> 8)
			if back := find(l.relOf(b), Word(a)); back != flip(uint8(v)) {
				t.Fatalf("%s->%s bits %08b, back %08b", l.lemmas[a-1], l.lemmas[b-1], uint8(v), back)
			}
		}
	}
}

func TestConcurrent(t *testing.T) {
	words := strings.Fields("increase decrease talks negotiations went children sedan car hot cold dog election")
	var wg sync.WaitGroup
	results := make([][]Relation, 4)
	for g := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, a := range words {
				for _, b := range words {
					results[g] = append(results[g], Related(Lookup(a), Lookup(b)))
				}
			}
		}()
	}
	wg.Wait()
	for g := 1; g < len(results); g++ {
		for i := range results[0] {
			if results[g][i] != results[0][i] {
				t.Fatalf("goroutine %d disagrees at pair %d", g, i)
			}
		}
	}
}

func TestNoAllocs(t *testing.T) {
	Load()
	a, b := Lookup("negotiations"), Lookup("talks")
	cases := map[string]func(){
		"Lookup":     func() { Lookup("negotiations") },
		"LookupRule": func() { Lookup("stopped") },
		"Lemma":      func() { Lemma("children") },
		"Related":    func() { Related(a, b) },
		"Similarity": func() { Similarity(a, b) },
		"Antonyms":   func() { Antonyms(a, b) },
		"Compare":    func() { Compare(a, b) },
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, f); n != 0 {
				t.Errorf("%s allocates %v times per call", name, n)
			}
		})
	}
}

func TestDecodeRejectsCorrupt(t *testing.T) {
	raw := embedded
	cases := map[string][]byte{
		"empty":     nil,
		"bad magic": append([]byte("XXXXX\n"), raw[6:]...),
		"truncated": raw[:len(raw)/2],
		"trailing":  append(append([]byte{}, raw...), 0),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := decode(data); !errors.Is(err, format.ErrCorrupt) {
				t.Errorf("decodeRaw = %v, want ErrCorrupt", err)
			}
		})
	}
}

// dictDir is where Debian's wordnet-base installs the WordNet database; the
// WORDNET_DICT environment variable overrides it.
func dictDir() string {
	if d := os.Getenv("WORDNET_DICT"); d != "" {
		return d
	}
	return filepath.Join(string(filepath.Separator), "usr", "share", "wordnet")
}

// TestGeneratedFileUpToDate rebuilds the lexicon from the WordNet database,
// when present, and checks the embedded file is what the generator writes.
func TestGeneratedFileUpToDate(t *testing.T) {
	dict := dictDir()
	if _, err := os.Stat(filepath.Join(dict, "data.noun")); err != nil {
		t.Skipf("no WordNet database in %s: %v", dict, err)
	}
	if testing.Short() {
		t.Skip("rebuilding the lexicon takes seconds")
	}
	data, err := build.Build(dict)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "wordnet.bin")
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(written, embedded) {
		t.Fatalf("wordnet.bin is stale: the generator writes %d bytes, the embedded file has %d; run go generate ./nlp/wordnet", len(written), len(embedded))
	}
}

func FuzzLookup(f *testing.F) {
	for _, s := range []string{"went", "children", "saw", "stopped", "", "ies", "ss", "men", "xes"} {
		f.Add(s)
	}
	dog := Lookup("dog")
	f.Fuzz(func(t *testing.T, s string) {
		w := Lookup(s)
		if w == 0 {
			if Lemma(s) != s {
				t.Errorf("unknown %q lemmatised to %q", s, Lemma(s))
			}
			return
		}
		if w.Lemma() == "" || Lemma(s) == "" {
			t.Errorf("known %q has no lemma", s)
		}
		if Related(w, w) != Same || Similarity(w, w) != 1 {
			t.Errorf("%q not the same as itself", s)
		}
		if sim := Similarity(w, dog); sim < 0 || sim > 1 {
			t.Errorf("Similarity(%q, dog) = %v out of [0,1]", s, sim)
		}
		for p := Noun; p <= Adv; p++ {
			LemmaPOS(s, p)
		}
	})
}

func FuzzDecode(f *testing.F) {
	raw := embedded
	// Small seeds: a valid tiny lexicon and the head of the real one.
	var w format.Writer
	w.Header()
	w.Uvarint(2)
	w.FrontCoded("", "cat")
	w.FrontCoded("cat", "dog")
	w.Byte(1)
	w.Uvarint(3)
	w.Byte(1)
	w.Uvarint(5)
	w.Uvarint(1)
	w.Uvarint(2)
	w.Byte(format.Synonym)
	w.Uvarint(1)
	w.Uvarint(1)
	w.Byte(format.Synonym)
	w.Uvarint(1)
	w.Uvarint(4)
	w.Uvarint(0)
	w.Uvarint(0)
	for range 4 {
		w.Uvarint(0)
	}
	w.Uvarint(1)
	w.FrontCoded("", "dog")
	w.Uvarint(1)
	f.Add(w.Bytes())
	f.Add(raw[:200])
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := decode(data)
		if err != nil {
			if !errors.Is(err, format.ErrCorrupt) {
				t.Errorf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		// Whatever decodes must be safe to query.
		for w := Word(1); int(w) < len(l.relOff); w++ {
			l.bits(w, 1)
			l.sameLemma(w, 1)
		}
	})
}

// TestCombosReachable checks that Lookup finds the combos the generator
// made, by running it over the forms the generator enumerated: lemmas,
// exception forms and regular inflections. A miss would mean the runtime
// morphy and the generator's disagree.
func TestCombosReachable(t *testing.T) {
	l := get()
	hit := make(map[Word]bool, len(l.combos))
	try := func(f string) {
		if w := Lookup(f); l.isCombo(w) {
			hit[w] = true
		}
	}
	for _, lemma := range l.lemmas {
		try(lemma)
		for _, f := range build.Inflections(lemma) {
			try(f)
		}
	}
	for _, m := range l.exc {
		for f := range m {
			try(f)
		}
	}
	if len(hit) != len(l.combos) {
		t.Errorf("Lookup reaches %d of %d combos", len(hit), len(l.combos))
	}
}

// TestResolvedForms checks that the answers the generator stored for
// lemmas and irregular forms are what running morphy at run time gives.
func TestResolvedForms(t *testing.T) {
	l := get()
	bad := 0
	for k, f := range l.forms {
		if got := l.resolve(k); got != f.resolved {
			bad++
			if bad <= 5 {
				t.Errorf("%q: stored %v (%d), morphy gives %v (%d)", k, f.resolved, f.resolved, got, got)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d forms disagree", bad, len(l.forms))
	}
}
