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
}
