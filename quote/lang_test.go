package quote

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/entity"
	"github.com/storyfold/storyfold/internal/casefile"
	"github.com/storyfold/storyfold/nlp"
)

// TestLanguageCases runs the case files under testdata/lang: a short real
// excerpt of a language with its code, and the quotes wanted, one a line:
// the speaker, the cue and the words. Write "want" with -update and check
// it by reading.
func TestLanguageCases(t *testing.T) {
	casefile.Run(t, "testdata/lang", func(t *testing.T, f *casefile.File) []casefile.Section {
		text, ok := f.Get("text")
		lang, ok2 := f.Get("lang")
		if !ok || !ok2 {
			t.Fatal("a case needs a text and a lang section")
		}
		lang = strings.TrimSpace(lang)
		if !HasCues(lang) {
			t.Fatalf("no cues for %q", lang)
		}
		var b strings.Builder
		for _, q := range findIn(lang, strings.TrimSpace(text)) {
			fmt.Fprintf(&b, "%s | %s | %s\n", q.Speaker, q.Cue, q.Text)
		}
		return []casefile.Section{{Name: "want", Data: b.String()}}
	})
}

// findIn finds the quotes of a text of the given language, its entities
// read with that language's rules.
func findIn(lang, text string) []storyfold.Quotation {
	return findWith(NewFinder(), lang, text)
}

// findWith is findIn with the finder given, for tests that read what it
// counted.
func findWith(f *Finder, lang, text string) []storyfold.Quotation {
	var paras []storyfold.Paragraph
	var sents []storyfold.Span
	start := 0
	for _, p := range strings.Split(text, "\n\n") {
		paras = append(paras, storyfold.Paragraph{Start: start, End: start + len(p)})
		sents = nlp.Sentences(sents, text, start, start+len(p))
		start += len(p) + 2
	}
	ef := entity.NewFinder()
	ef.SetLanguage(lang)
	f.SetLanguage(lang)
	return f.Find(text, sents, paras, entity.Article("a", ef.Find(text, sents)))
}

// TestLangCueFiles checks every language's cue file: entries of a known
// kind, sorted, none twice, lower case, and a case file for the language.
func TestLangCueFiles(t *testing.T) {
	files, err := langData.ReadDir("data/lang")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Errorf("%d cue files, want the ten languages of issue 18", len(files))
	}
	for _, fi := range files {
		t.Run(fi.Name(), func(t *testing.T) {
			data, err := langData.ReadFile("data/lang/" + fi.Name())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := parseCues(string(data)); err != nil {
				t.Fatal(err)
			}
			entries := listLines(string(data))
			if !slices.IsSorted(entries) {
				t.Error("entries are not sorted")
			}
			seen := map[string]bool{}
			for _, e := range entries {
				if seen[e] {
					t.Errorf("%q is listed twice", e)
				}
				seen[e] = true
				if strings.ToLower(e) != e {
					t.Errorf("%q is not lower case", e)
				}
			}
		})
	}
	if _, err := parseCues("shout laut"); err == nil {
		t.Error("an unknown kind was accepted")
	}
}

// TestMarksByLanguage checks the quotation marks of other languages:
// German „…“ closes with what opens an English quote, »…« is German's
// reversed guillemets, « … » French, and a lone » of a menu or a French
// closing mark before the next « opens nothing.
func TestMarksByLanguage(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"German low-high", "Er sagte: „Wir schaffen das“, und ging.", []string{"Wir schaffen das"}},
		{"German low with English close", "Er sagte: „Wir schaffen das”, und ging.", []string{"Wir schaffen das"}},
		{"German reversed guillemets", "Er sagte: »Wir schaffen das«, und ging.", []string{"Wir schaffen das"}},
		{"French guillemets with spaces", "Il a dit : « Nous y arriverons », puis il est parti.", []string{"Nous y arriverons"}},
		{"a menu's lone mark", "Accueil » Politique » Monde", nil},
		{"a French closing mark before the next opening one", "au Québec », précisait-il. « Du matériel a été saisi »", []string{"Du matériel a été saisi"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range markedSpans(tc.text, []storyfold.Paragraph{{Start: 0, End: len(tc.text)}}) {
				got = append(got, tc.text[s.Start:s.End])
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("marked spans %q, want %q", got, tc.want)
			}
		})
	}
}

// TestLanguageWorstCase checks that a German text of many short quotes,
// each with its cue and a pronoun, is read in work linear in its length:
// every window the cues are read in is bounded. The work is counted, not
// timed: the words read in windows and the names stepped over (langWork),
// and the bytes allocated, which also catch a pass the count does not
// reach. Per quote, both must stay level from n quotes to 4n; a window
// that grew with the text would make them grow fourfold. (The window
// after a quote read to the text's end, tried once, multiplied the words
// read per quote by 4.0 and the bytes by 3.9.)
func TestLanguageWorstCase(t *testing.T) {
	type cost struct{ work, bytes float64 }
	measure := func(n int) cost {
		var b strings.Builder
		b.WriteString("Angela Merkel sprach in Berlin. ")
		for range n {
			b.WriteString("„Wir schaffen das, und zwar bald“, sagte sie. ")
		}
		text := b.String()
		f := NewFinder()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		qs := findWith(f, "de", text)
		runtime.ReadMemStats(&after)
		if len(qs) != n {
			t.Errorf("%d quotes, want %d", len(qs), n)
		}
		if f.langWork == 0 {
			t.Fatal("the language rules read no words")
		}
		return cost{float64(f.langWork) / float64(n), float64(after.TotalAlloc-before.TotalAlloc) / float64(n)}
	}
	small, large := measure(1000), measure(4000)
	t.Logf("per quote: %.1f and %.1f words read, %.0f and %.0f bytes allocated", small.work, large.work, small.bytes, large.bytes)
	if large.work > 1.1*small.work {
		t.Errorf("words read per quote grew from %.1f at 1,000 quotes to %.1f at 4,000: a window grows with the text", small.work, large.work)
	}
	if large.bytes > 1.5*small.bytes {
		t.Errorf("bytes allocated per quote grew from %.0f at 1,000 quotes to %.0f at 4,000: a pass grows with the text", small.bytes, large.bytes)
	}
}

// TestRoleNext checks the roles read after a speech verb: an article and
// the role, with up to two adjectives between them ("sagte der
// französische Finanzminister", pair 1565469236_1611359438), and a German
// role with no article before the clause's end ("sagte Bundeskanzler.",
// pair 1560662702_1560130287); a name or a function word between the
// article and a noun makes it no role.
func TestRoleNext(t *testing.T) {
	for _, tc := range []struct {
		lang, words string
		want        bool
	}{
		{"de", "der französische Finanzminister.", true},
		{"de", "der Pontifex heute bei der Neujahrsmesse", true},
		{"de", "Bundeskanzler.", true},
		{"de", "Bundeskanzler Olaf Scholz", false},
		{"de", "der Vater von Heinz", false},
		{"de", "der ehemalige langjährige Vorsitzende", true},
		{"de", "der sehr alte und kluge Minister", false},
		{"de", "die von Minister", false},
		{"es", "el ministro español de Finanzas", true},
		{"fr", "le nouveau ministre", true},
		{"fr", "Macron.", false},
	} {
		t.Run(tc.lang+" "+tc.words, func(t *testing.T) {
			f := NewFinder()
			f.SetLanguage(tc.lang)
			if _, got := f.lang.roleNext(f.readWords(tc.words, 0, len(tc.words))); got != tc.want {
				t.Errorf("roleNext = %v, want %v", got, tc.want)
			}
		})
	}
}
