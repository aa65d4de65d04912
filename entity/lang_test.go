package entity

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/casefile"
	"github.com/storyfold/storyfold/nlp"
)

// TestLanguageCases runs the case files under testdata/lang: a short real
// excerpt of a language with its code, and the mentions wanted, as
// TestCases writes them. Write "want" with -update and check it by
// reading.
func TestLanguageCases(t *testing.T) {
	casefile.Run(t, "testdata/lang", func(t *testing.T, f *casefile.File) []casefile.Section {
		text, ok := f.Get("text")
		lang, ok2 := f.Get("lang")
		if !ok || !ok2 {
			t.Fatal("a case needs a text and a lang section")
		}
		sentences := nlp.Sentences(nil, text, 0, len(text))
		fi := NewFinder()
		fi.SetLanguage(strings.TrimSpace(lang))
		var b strings.Builder
		for _, m := range fi.Find(text, sentences) {
			fmt.Fprintf(&b, "%s | %s | %s", text[m.Span.Start:m.Span.End], m.Name, m.Type)
			if m.Role != "" {
				fmt.Fprintf(&b, " | %s", m.Role)
			}
			b.WriteByte('\n')
		}
		return []casefile.Section{{Name: "want", Data: b.String()}}
	})
}

// TestGermanLists checks the German evidence lists: not empty, sorted
// (case aside), no entry twice.
func TestGermanLists(t *testing.T) {
	for _, l := range []struct{ name, data string }{
		{"given-names", deGivenNamesData},
		{"titles", deTitlesData},
		{"speech-verbs", deSpeechVerbsData},
		{"place-endings", dePlaceEndingsData},
		{"not-orgs", deNotOrgsData},
	} {
		t.Run(l.name, func(t *testing.T) {
			entries := lines(l.data)
			if len(entries) == 0 {
				t.Fatal("empty list")
			}
			low := make([]string, len(entries))
			for i, e := range entries {
				low[i] = strings.ToLower(e)
			}
			if !slices.IsSorted(low) {
				t.Error("entries are not sorted")
			}
			seen := map[string]bool{}
			for _, e := range low {
				if seen[e] {
					t.Errorf("%q is listed twice", e)
				}
				seen[e] = true
			}
		})
	}
}

// TestGermanNouns checks that common German nouns are no names and that
// English text is read as before when the language is set to English.
func TestGermanNouns(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		want       []string
	}{
		{"de", "Die Witwe unterschrieb den Vertrag. Letztes Jahr sagte Sie nichts.", nil},
		{"de", "Kanzlerin Merkel sagte, Angela Merkel werde reisen.", []string{"Merkel", "Angela Merkel"}},
		{"en", "Chancellor Angela Merkel said so.", []string{"Angela Merkel"}},
	} {
		t.Run(tc.lang+"/"+tc.text, func(t *testing.T) {
			f := NewFinder()
			f.SetLanguage(tc.lang)
			var got []string
			for _, m := range f.Find(tc.text, nlp.Sentences(nil, tc.text, 0, len(tc.text))) {
				if m.Type == storyfold.EntityPerson {
					got = append(got, m.Name)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("people %q, want %q", got, tc.want)
			}
		})
	}
}
