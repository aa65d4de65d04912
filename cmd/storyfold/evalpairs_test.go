package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEvalPairs runs `eval pairs` on a small file of rated pairs as a user
// would, with a broken line among them: it reports the line and scores the
// rest, for storyfold and the peer.
func TestEvalPairs(t *testing.T) {
	report := "The city council approved the new transit budget on Wednesday after a debate that lasted six hours. Council member Ana Ruiz said the vote was a victory for commuters. The budget adds three bus lines and extends the tram to the airport by 2027."
	rewrite := "On Wednesday the city council approved the new transit budget after a six-hour debate. Ana Ruiz, a council member, called the vote a victory for commuters. The plan adds three bus lines and takes the tram to the airport by 2027."
	other := "A museum in Lisbon opened a new wing devoted to tiles from the sixteenth century. The curator said the collection had been in storage for decades. Visitors queued for hours on the first day."
	var lines []string
	for _, p := range []map[string]any{
		{"id1": "a", "id2": "b", "lang1": "en", "lang2": "en", "text1": report, "text2": rewrite, "overall": 1.0},
		{"id1": "a", "id2": "c", "lang1": "en", "lang2": "en", "text1": report, "text2": other, "overall": 4.0},
	} {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(b))
	}
	lines = append(lines, `{"id1": "x", broken`)
	path := filepath.Join(t.TempDir(), "pairs.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, "eval", "pairs", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "pairs.jsonl:3:") {
		t.Errorf("the broken line is not reported by number: %q", errOut)
	}
	row := regexp.MustCompile(`(?m)^en-en +2 +1 \| +1\.000 +1\.000 +1\.000 +\| +1\.000 +1\.000 +1\.000$`)
	if !row.MatchString(out) {
		t.Errorf("no perfect en-en row for an easy pair and an unrelated one:\n%s", out)
	}
	// Grouped in one batch with the pairs of another language (-together),
	// the English pairs score the same: the German article joins neither.
	de := map[string]any{"id1": "d", "id2": "e", "lang1": "de", "lang2": "de", "overall": 4.0,
		"text1": "Der Stadtrat von Hamburg hat am Mittwoch einen neuen Haushalt für Schulen beschlossen. Die Bürgermeisterin sprach von einem guten Tag für Familien.",
		"text2": "In den Alpen ist am Wochenende viel Neuschnee gefallen. Die Lawinengefahr ist nach Angaben der Bergwacht hoch."}
	b, err := json.Marshal(de)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(strings.Join(append(lines[:2:2], string(b)), "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = run(t, "eval", "pairs", "-together", path)
	if code != 0 {
		t.Fatalf("-together: exit %d: %s", code, errOut)
	}
	if !row.MatchString(out) {
		t.Errorf("-together: no perfect en-en row:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^de-de +1 +0 \|`).MatchString(out) {
		t.Errorf("-together: no de-de row:\n%s", out)
	}
}

// TestEvalClusters runs `eval clusters` on a small gold file as a user
// would: two reports of one event published two months apart, and an
// unrelated article. With their dates the two reports are out of each
// other's window and stay apart; with --no-dates they are grouped by what
// they say. The TF-IDF peer, which never reads dates, is scored beside
// storyfold in both runs.
func TestEvalClusters(t *testing.T) {
	report := "The city council approved the new transit budget after a debate that lasted six hours. Council member Ana Ruiz said the vote was a victory for commuters. The budget adds three bus lines and extends the tram to the airport by 2027."
	rewrite := "The city council approved the new transit budget after a six-hour debate. Ana Ruiz, a council member, called the vote a victory for commuters. The plan adds three bus lines and takes the tram to the airport by 2027."
	other := "A museum in Lisbon opened a new wing devoted to tiles from the sixteenth century. The curator said the collection had been in storage for decades. Visitors queued for hours on the first day."
	var lines []string
	for _, a := range []map[string]any{
		{"id": "a", "cluster": "budget", "date": "2020-01-06", "title": "Council approves transit budget", "text": report},
		{"id": "b", "cluster": "budget", "date": "2020-03-09", "title": "Transit budget approved", "text": rewrite},
		{"id": "c", "cluster": "museum", "date": "2020-01-07", "title": "Lisbon museum opens tile wing", "text": other},
	} {
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(b))
	}
	path := filepath.Join(t.TempDir(), "gold.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	peer := regexp.MustCompile(`(?m)^peer BCubed +P 1\.000 +R 1\.000 +F1 1\.000$`)
	for _, tc := range []struct {
		name   string
		args   []string
		header string
		ours   *regexp.Regexp
	}{
		{"with dates", nil, "with dates)", regexp.MustCompile(`(?m)^grouping: 3 articles, 2 gold clusters, 3 stories`)},
		{"no dates", []string{"--no-dates"}, "dates removed)", regexp.MustCompile(`(?m)^BCubed +P 1\.000 +R 1\.000 +F1 1\.000$`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{"eval", "clusters"}, tc.args...), path)
			out, errOut, code := run(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if !strings.Contains(out, tc.header) {
				t.Errorf("the header does not say %q:\n%s", tc.header, out)
			}
			if !tc.ours.MatchString(out) {
				t.Errorf("storyfold's line %q missing:\n%s", tc.ours, out)
			}
			if !peer.MatchString(out) {
				t.Errorf("no perfect peer line:\n%s", out)
			}
		})
	}
}
