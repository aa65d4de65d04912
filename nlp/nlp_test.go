package nlp

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/neurosnap/sentences/english"

	"github.com/storyfold/storyfold"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"U.S. Defense Secretary", []string{"U.S.", "Defense", "Secretary"}},
		{"Ukraine’s voice, don't", []string{"Ukraine’s", "voice", ",", "don't"}},
		{"US-Russia talks", []string{"US", "-", "Russia", "talks"}},
		{"nearly 1.5 hours, 12,000 troops", []string{"nearly", "1.5", "hours", ",", "12,000", "troops"}},
		{"the 90-minute call", []string{"the", "90", "-", "minute", "call"}},
		{"at 3 p.m. on Friday", []string{"at", "3", "p.m.", "on", "Friday"}},
		{"John F. Kennedy", []string{"John", "F", ".", "Kennedy"}},
		{"“Quoted.”", []string{"“", "Quoted", ".", "”"}},
		{"Zelenskyy’", []string{"Zelenskyy", "’"}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(shortName(tt.in), func(t *testing.T) {
			var got []string
			for _, tok := range Tokenize(nil, tt.in) {
				got = append(got, tok.Text(tt.in))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLower(t *testing.T) {
	for in, want := range map[string]string{"Ukraine’s": "ukraine", "NATO": "nato", "Ärger": "ärger", "it's": "it", "US": "us"} {
		if got := string(Lower(nil, in)); got != want {
			t.Errorf("Lower(%q) = %q, want %q", in, got, want)
		}
	}
}

func sentences(text string) []string {
	var out []string
	for _, s := range Sentences(nil, text, 0, len(text)) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Trump spoke. Putin listened.", []string{"Trump spoke.", "Putin listened."}},
		{"Gen. Mark Milley and Dr. Jill Biden met Mr. Smith.", []string{"Gen. Mark Milley and Dr. Jill Biden met Mr. Smith."}},
		{"It happened on Jan. 5 in the U.S. Capitol.", []string{"It happened on Jan. 5 in the U.S. Capitol."}},
		{"Troops left the U.S. The talks began.", []string{"Troops left the U.S.", "The talks began."}},
		{"John F. Kennedy was shot.", []string{"John F. Kennedy was shot."}},
		{`He said, "There is no betrayal. There is a recognition." Then he left.`,
			[]string{`He said, "There is no betrayal.`, `There is a recognition."`, "Then he left."}},
		{"“Why?” he asked. Nobody knew.", []string{"“Why?” he asked.", "Nobody knew."}},
		{"Wait... What happened?! Nothing.", []string{"Wait...", "What happened?!", "Nothing."}},
		{"Prices rose 2.5% in 2024. Analysts were surprised.", []string{"Prices rose 2.5% in 2024.", "Analysts were surprised."}},
		{"Acme Inc. said profits fell. Acme Inc. Chief Jane Doe agreed.", []string{"Acme Inc. said profits fell.", "Acme Inc. Chief Jane Doe agreed."}},
		{"No terminal punctuation", []string{"No terminal punctuation"}},
		{"   ", nil},
	}
	for _, tt := range tests {
		t.Run(shortName(tt.in), func(t *testing.T) {
			if got := sentences(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestSentencesAgainstPunkt compares the splitter with a Punkt
// implementation (neurosnap/sentences, trained on English) on the example
// articles: the two should agree on nearly every boundary.
func TestSentencesAgainstPunkt(t *testing.T) {
	files, _ := filepath.Glob("../examples/ukraine-talks/*.txt")
	if len(files) == 0 {
		t.Skip("examples not found")
	}
	punkt, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		t.Fatal(err)
	}
	ours, theirs, agree := 0, 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, para := range strings.Split(string(b), "\n") {
			para = strings.TrimSpace(para)
			if para == "" {
				continue
			}
			mine := map[string]bool{}
			for _, s := range sentences(para) {
				mine[s] = true
			}
			ours += len(mine)
			for _, s := range punkt.Tokenize(para) {
				text := strings.TrimSpace(s.Text)
				theirs++
				if mine[text] {
					agree++
				}
			}
		}
	}
	p, r := float64(agree)/float64(ours), float64(agree)/float64(theirs)
	t.Logf("sentences: ours %d, Punkt %d, identical %d (%.3f of ours, %.3f of Punkt's)", ours, theirs, agree, p, r)
	if p < 0.95 || r < 0.95 {
		t.Errorf("splitter agrees with Punkt on %.3f/%.3f of sentences, want >= 0.95", p, r)
	}
}

func TestLanguage(t *testing.T) {
	tests := map[string]string{
		"The Kremlin said the call between the two leaders lasted nearly an hour and a half, and that both of them agreed it was time to work together.":      "en",
		"Der Kreml teilte mit, dass das Gespräch zwischen den beiden Präsidenten fast anderthalb Stunden gedauert habe und beide sich einig gewesen seien.":   "de",
		"Le Kremlin a indiqué que la conversation entre les deux présidents avait duré près d'une heure et demie et qu'ils étaient d'accord pour coopérer.":   "fr",
		"El Kremlin informó que la llamada entre los dos presidentes duró casi una hora y media y que ambos coincidieron en que era hora de trabajar juntos.": "es",
		"": "",
	}
	for text, want := range tests {
		if got := Language(text); got != want {
			t.Errorf("Language(%.30q...) = %q, want %q", text, got, want)
		}
	}
}

func TestStemmer(t *testing.T) {
	s := NewStemmer()
	for in, want := range map[string]string{"negotiations": "negoti", "negotiating": "negoti", "talks": "talk", "betrayal": "betray", "ukraine": "ukrain"} {
		if got := s.Stem([]byte(in)); got != want {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := map[string]string{
		"2025-02-13":                        "2025-02-13",
		"2025-02-13T10:00:00Z":              "2025-02-13T10:00:00Z",
		"February 12, 2025":                 "2025-02-12",
		"Wed, 12 Feb 2025 15:04:05 +0000":   "2025-02-12T15:04:05Z",
		"3:45 PM ET, Wed February 12, 2025": "2025-02-12T15:45:00-05:00",
		"Thursday":                          "",
		"page 3":                            "",
		strings.Repeat("1", 100):            "",
	}
	for in, want := range tests {
		d, _ := ParseDate(in)
		if got := d.String(); got != want {
			t.Errorf("ParseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"Mr. Smith went. He said “hi.” Then U.S. troops left…", "a.b.c. D", "?!?!", "\"\"\"", "x. y. Z."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range Sentences(nil, text, 0, len(text)) {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("bad span %v after %d in %q", s, prev, text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(text[s.Start:s.End]) {
				t.Fatalf("span %v cuts a character in %q", s, text)
			}
			prev = s.End
		}
	})
}

func FuzzTokenize(f *testing.F) {
	f.Add("U.S. 1,000.5 don’t a.m. x-y")
	f.Fuzz(func(t *testing.T, text string) {
		prev := int32(0)
		all := Tokenize(nil, text)
		for _, tok := range all {
			if tok.Start < prev || tok.End <= tok.Start || int(tok.End) > len(text) {
				t.Fatalf("bad token %v in %q", tok, text)
			}
			prev = tok.End
		}
		// A span's tokens read from the whole text's are those of the
		// span alone: the text's sentences, and the spans between a few
		// cut points.
		spans := Sentences(nil, text, 0, len(text))
		cuts := []int{0, len(text) / 3, len(text) / 2, len(text) - len(text)/3, len(text)}
		for _, a := range cuts {
			for _, b := range cuts {
				if a <= b {
					spans = append(spans, storyfold.Span{Start: a, End: b})
				}
			}
		}
		for _, s := range spans {
			want := Tokenize(nil, text[s.Start:s.End])
			if got := SentenceTokens(nil, all, text, s); !slices.Equal(got, want) {
				t.Fatalf("%q %v: got %v, want %v", text, s, got, want)
			}
		}
	})
}

func benchText(b *testing.B) string {
	files, _ := filepath.Glob("../examples/ukraine-talks/*.txt")
	var sb strings.Builder
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(d)
	}
	if sb.Len() == 0 {
		b.Skip("examples not found")
	}
	return sb.String()
}

func BenchmarkTokenize(b *testing.B) {
	text := benchText(b)
	var toks []Token
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		toks = Tokenize(toks[:0], text)
	}
}

func BenchmarkSentences(b *testing.B) {
	text := benchText(b)
	var spans []storyfold.Span
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		spans = Sentences(spans[:0], text, 0, len(text))
	}
}

func BenchmarkTerms(b *testing.B) {
	text := benchText(b)
	an := NewAnalyzer()
	spans := Sentences(nil, text, 0, len(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		an.Terms(text, spans, func(Term) {})
	}
}

// shortName names a subtest after the opening words of its input.
func shortName(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30])
	}
	return s
}
