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
	checkLists(t, []namedList{
		{"given-names", deGivenNamesData},
		{"titles", deTitlesData},
		{"speech-verbs", deSpeechVerbsData},
		{"place-endings", dePlaceEndingsData},
		{"not-orgs", deNotOrgsData},
		{"noun-endings", deNounEndingsData},
		{"places", dePlacesData},
		{"particles", deParticlesData},
		{"predicate-articles", dePredicateArticlesData},
	})
}

// namedList is an evidence list and the name its subtest runs under.
type namedList struct{ name, data string }

// checkLists runs checkEvidenceList on each list, failing an empty one.
func checkLists(t *testing.T, lists []namedList) {
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			entries := lines(l.data)
			if len(entries) == 0 {
				t.Fatal("empty list")
			}
			checkEvidenceList(t, entries)
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
		// An age in brackets introduces a person; the article and the
		// title before the name are no part of it.
		{"de", "Der Fernsehmoderator Thore Schölermann (35) ist froh. Schölermann moderiert.", []string{"Thore Schölermann", "Schölermann"}},
		{"de", "Die Zahl (35) stieg.", nil},
		// A given name before an abstract noun is no person's name.
		{"de", "Ich bringe die Gelassenheit und Jana Herzlichkeit in die Sendung.", nil},
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

// TestRomanceLists checks the evidence lists of Spanish, French, Italian
// and Portuguese: each language has every list, not empty, sorted (case
// aside), no entry twice.
func TestRomanceLists(t *testing.T) {
	for _, lang := range []string{"es", "fr", "it", "pt"} {
		for _, name := range romanceFiles {
			t.Run(lang+"/"+name, func(t *testing.T) {
				entries := romanceList(lang, name)
				if len(entries) == 0 {
					t.Fatal("empty list")
				}
				checkEvidenceList(t, entries)
			})
		}
	}
}

// TestRomanceNames checks the evidence a name needs in Spanish, French,
// Italian and Portuguese, and that an English text is read as before.
func TestRomanceNames(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		want       []string // "type:name"
	}{
		{"es", "Así lo anunció el Gobierno de España.", []string{"org:Gobierno de España"}},
		{"es", "El presidente Sánchez viajó a Alemania y a Londres.", []string{"person:Sánchez", "place:Alemania", "place:Londres"}},
		{"es", "La Cámara de Diputados votó en Pinal de Amoles.", []string{"org:Cámara de Diputados"}},
		{"es", "Según María Pérez, el Ministerio del Interior mintió.", []string{"person:María Pérez", "org:Ministerio del Interior"}},
		{"fr", "Selon le Ministère de la Santé, la France et le Royaume-Uni ont voté.", []string{"org:Ministère de la Santé", "place:France", "place:Royaume-Uni"}},
		{"it", "Il Governo ha detto che Giuseppe Conte andrà in Germania.", []string{"org:Governo", "person:Giuseppe Conte", "place:Germania"}},
		{"pt", "O Ministério da Saúde disse que João Silva está no Brasil.", []string{"org:Ministério da Saúde", "person:João Silva", "place:Brasil"}},
		// "Del" and "Así" stay names in English.
		{"en", "Senator Ted Cruz met Benicio Del Toro in Mexico. Así said so.", []string{"person:Ted Cruz", "person:Benicio Del Toro", "place:Mexico", "person:Así"}},
	} {
		t.Run(tc.lang+"/"+tc.text, func(t *testing.T) {
			f := NewFinder()
			f.SetLanguage(tc.lang)
			var got []string
			for _, m := range f.Find(tc.text, nlp.Sentences(nil, tc.text, 0, len(tc.text))) {
				got = append(got, string(m.Type)+":"+m.Name)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// checkEvidenceList fails t when a list of evidence words is not sorted
// (case aside) or names an entry twice.
func checkEvidenceList(t *testing.T, entries []string) {
	t.Helper()
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
}
