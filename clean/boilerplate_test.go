package clean

import (
	"slices"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestBoilerplateData rejects a malformed line and a phrase a file lists
// twice in data/boilerplate. Languages may share a phrase ("foto:"): each
// file is its language's whole list.
func TestBoilerplateData(t *testing.T) {
	entries, err := boilerplateFiles.ReadDir("data/boilerplate")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 11 {
		t.Fatalf("%d files, want English and ten more languages", len(entries))
	}
	for _, e := range entries {
		seen := map[string]int{}
		data, err := boilerplateFiles.ReadFile("data/boilerplate/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(data), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			reason, kind, phrase, ok := splitRule(line)
			if !ok {
				t.Errorf("%s:%d: malformed %q", e.Name(), n+1, line)
				continue
			}
			key := kind + "\t" + phrase
			if at, dup := seen[key]; dup {
				t.Errorf("%s:%d: %q already on line %d", e.Name(), n+1, line, at)
			}
			seen[key] = n + 1
			if !slices.Contains(reasonOrder, storyfold.RemovalReason(reason)) {
				t.Errorf("%s:%d: unknown reason %q", e.Name(), n+1, reason)
			}
		}
	}
}

// TestBoilerplateLanguages checks, for every language with a list in
// data/boilerplate, that lines of its news pages (consent banners, share
// and "read more" lines, newsletter calls, robot walls) are removed with
// their reason, and that a story sentence opening with the same words is
// kept. A language whose list has no case here fails the test.
func TestBoilerplateLanguages(t *testing.T) {
	cases := []struct {
		lang, line string
		want       storyfold.RemovalReason
	}{
		{"en", "Sign up for our newsletter", storyfold.RemovedPromo},
		{"en", "Sign language interpreters stood beside the governor.", ""},
		{"de", "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.", storyfold.RemovedPromo},
		{"de", "Lesen Sie auch: Was die Koalition jetzt plant", storyfold.RemovedShare},
		{"de", "Teilen", storyfold.RemovedShare},
		{"de", "Die Regierung will die Teilung der Kosten neu regeln.", ""},
		{"fr", "Lire aussi : la réforme des retraites au Sénat", storyfold.RemovedShare},
		{"fr", "Abonnez-vous à notre newsletter", storyfold.RemovedPromo},
		{"fr", "Partager le coût des travaux reste le principal désaccord.", ""},
		{"es", "Suscríbete a nuestro boletín", storyfold.RemovedPromo},
		{"es", "Compartir", storyfold.RemovedShare},
		{"es", "Compartir la carga fiscal fue la propuesta del ministro.", ""},
		{"it", "Leggi anche: il governo approva la manovra", storyfold.RemovedShare},
		{"it", "Abbonati in calo per il terzo anno consecutivo, secondo i dati.", ""},
		{"pt", "Leia também: o governo anuncia novas medidas", storyfold.RemovedShare},
		{"pt", "Partilhar", storyfold.RemovedShare},
		{"pt", "Leia o relatório completo, disse o ministro aos deputados.", ""},
		{"nl", "Lees ook: kabinet valt over stikstof", storyfold.RemovedShare},
		{"nl", "Delen", storyfold.RemovedShare},
		{"nl", "Delen van gegevens met de politie blijft omstreden.", ""},
		{"pl", "Czytaj także: Sejm przyjął ustawę", storyfold.RemovedShare},
		{"pl", "Podejrzewamy, że ktoś nadużył adresu IP, z którego korzystasz.", storyfold.RemovedPromo},
		{"pl", "Czytaj uważnie umowę, radzi rzecznik praw konsumenta.", ""},
		{"ru", "Читайте также: выборы в Москве", storyfold.RemovedShare},
		{"ru", "Поделиться", storyfold.RemovedShare},
		{"ru", "Читайте внимательно условия договора, советует юрист.", ""},
		{"tr", "Tüm hakları saklıdır.", storyfold.RemovedCredit},
		{"tr", "İlginizi çekebilir: Merkez Bankası faiz kararını açıkladı", storyfold.RemovedShare},
		{"tr", "Kabul etti ki anlaşma zor olacak.", ""},
		{"ar", "اقرأ أيضا: الحكومة تعلن عن إجراءات جديدة", storyfold.RemovedShare},
		{"ar", "التبرع للموقع - ادعمونا", storyfold.RemovedPromo},
		{"ar", "أعلنت وزارة الصحة عن حالات جديدة.", ""},
	}
	removed, kept := map[string]bool{}, map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.lang+"/"+tc.line, func(t *testing.T) {
			if got, _, _ := classifyLine(tc.line); got != tc.want {
				t.Errorf("reason %q, want %q", got, tc.want)
			}
		})
		if tc.want != "" {
			removed[tc.lang] = true
		} else {
			kept[tc.lang] = true
		}
	}
	entries, err := boilerplateFiles.ReadDir("data/boilerplate")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		lang := strings.TrimSuffix(e.Name(), ".txt")
		if !removed[lang] || !kept[lang] {
			t.Errorf("%s: no case of a line removed and of a sentence kept", e.Name())
		}
	}
}

// TestMatchesIndex checks the indexed phrase look-up against the lists it
// indexes, read one phrase after another, on lines made of every phrase
// alone, closed by a dot, opening a line and inside one.
func TestMatchesIndex(t *testing.T) {
	plain := func(lower string, r *phraseRule) bool {
		trimmed := strings.TrimRight(lower, ".:!")
		return slices.Contains(r.equal, trimmed) ||
			slices.ContainsFunc(r.prefix, func(p string) bool { return strings.HasPrefix(lower, p) }) ||
			slices.ContainsFunc(r.contains, func(c string) bool { return strings.Contains(lower, c) })
	}
	lines := []string{"", ".", "plain words of a story"}
	for _, r := range phraseRules {
		for _, list := range [][]string{r.equal, r.prefix, r.contains} {
			for _, p := range list {
				lines = append(lines, p, p+".", p+" and more", "some "+p+" more", "x"+p, p[:len(p)-1])
			}
		}
	}
	for i := range phraseRules {
		r := &phraseRules[i]
		t.Run(string(r.reason), func(t *testing.T) {
			for _, line := range lines {
				if got, want := matches(line, r), plain(line, r); got != want {
					t.Errorf("matches(%q) = %v, want %v", line, got, want)
				}
			}
		})
	}
}
