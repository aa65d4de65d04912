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
			if !slices.Contains(reasonOrder, reason) {
				t.Errorf("%s:%d: unknown reason %q", e.Name(), n+1, reason)
			}
		}
	}
}

// TestBoilerplateLanguages checks lines of news pages in several
// languages are removed with their reason, and story sentences that open
// with the same words are kept.
func TestBoilerplateLanguages(t *testing.T) {
	for _, tc := range []struct {
		line, want string
	}{
		{"Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.", storyfold.RemovedPromo},
		{"Lesen Sie auch: Was die Koalition jetzt plant", storyfold.RemovedShare},
		{"Lire aussi : la réforme des retraites au Sénat", storyfold.RemovedShare},
		{"Suscríbete a nuestro boletín", storyfold.RemovedPromo},
		{"Czytaj także: Sejm przyjął ustawę", storyfold.RemovedShare},
		{"Читайте также: выборы в Москве", storyfold.RemovedShare},
		{"Tüm hakları saklıdır.", storyfold.RemovedCredit},
		{"Teilen", storyfold.RemovedShare},
		{"Die Regierung will die Teilung der Kosten neu regeln.", ""},
		{"Kabul etti ki anlaşma zor olacak.", ""},
		{"Abbonati in calo per il terzo anno consecutivo, secondo i dati.", ""},
	} {
		t.Run(tc.line, func(t *testing.T) {
			if got, _, _ := classifyLine(tc.line); got != tc.want {
				t.Errorf("reason %q, want %q", got, tc.want)
			}
		})
	}
}
