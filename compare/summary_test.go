package compare_test

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/pipeline"
)

// update rewrites the golden files of package compare's tests.
var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// basilStories reads the BASIL articles beside the repository and builds
// one story per gold cluster, in the file's order; it skips the test when
// the data is absent.
func basilStories(t *testing.T) []*storyfold.Story {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "data", "basil", "articles.jsonl")
	f, err := os.Open(p)
	if err != nil {
		t.Skipf("BASIL not present (it sits beside the repository in development): %v", err)
	}
	defer f.Close()
	var order []string
	by := map[string][]storyfold.Article{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r struct {
			storyfold.Article
			Cluster string `json:"cluster"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("reading %s: %v", p, err)
		}
		if _, ok := by[r.Cluster]; !ok {
			order = append(order, r.Cluster)
		}
		by[r.Cluster] = append(by[r.Cluster], r.Article)
	}
	var all []storyfold.Article
	for _, c := range order {
		all = append(all, by[c]...)
	}
	prepared := pipeline.Prepare(all, nil, nil)
	var out []*storyfold.Story
	k := 0
	for _, c := range order {
		n := len(by[c])
		members := make([]*storyfold.Article, 0, n)
		for i := k; i < k+n && i < len(prepared); i++ {
			members = append(members, &prepared[i])
		}
		k += n
		out = append(out, pipeline.NewStory(c, members))
	}
	return out
}

// TestDumpBASIL writes every BASIL story's summary and timeline to the file
// STORYFOLD_DUMP names, for reading by hand.
func TestDumpBASIL(t *testing.T) {
	path := os.Getenv("STORYFOLD_DUMP")
	if path == "" {
		t.Skip("STORYFOLD_DUMP not set")
	}
	var b strings.Builder
	for i, st := range basilStories(t) {
		fmt.Fprintf(&b, "#### %d %s | %s | %s..%s | sources %d\n", i, st.ID, st.Headline, st.First, st.Last, st.IndependentSources)
		for _, s := range st.Summary {
			fmt.Fprintf(&b, "  S[%s] %s %v\n", s.Part, strings.ReplaceAll(s.Text, "\n", " "), s.Articles)
		}
		for _, e := range st.Timeline {
			fmt.Fprintf(&b, "  T %s %s: %s %v\n", e.Date, e.Granularity, strings.ReplaceAll(e.Text, "\n", " "), e.Articles)
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSummaryLeadsWithTheEvent(t *testing.T) {
	st := riverStory(t, rivertonStory([3]string{"2025-03-06", "2025-03-06", "2025-03-07"})...)
	if len(st.Summary) == 0 {
		t.Fatal("no summary")
	}
	lead := st.Summary[0]
	if lead.Part != "consensus" || !strings.Contains(lead.Text, "Berg") ||
		!(strings.Contains(lead.Text, "resigned") || strings.Contains(lead.Text, "stepped down") || strings.Contains(lead.Text, "quit")) {
		t.Errorf("the summary opens with %+v, not the resignation", lead)
	}
	if len(lead.Articles) < 2 {
		t.Errorf("the lead cites %v, want every article that states it", lead.Articles)
	}
	never := []string{"Members of the harbour crew", "RIVERTON (NW)", "However,", "She had led", "also thanked"}
	seen := map[string]bool{}
	for _, s := range st.Summary {
		for _, w := range never {
			if strings.Contains(s.Text, w) {
				t.Errorf("summary sentence %q should be left out (%q)", s.Text, w)
			}
		}
		if seen[s.Text] {
			t.Errorf("summary repeats %q", s.Text)
		}
		seen[s.Text] = true
		if len(s.Cites) != len(s.Articles) {
			t.Errorf("summary sentence %q cites %d sentences for %d articles", s.Text, len(s.Cites), len(s.Articles))
		}
	}
}

// TestSummaryGolden keeps the summary and timeline of the Riverton story
// in testdata/summary-riverton.golden; -update rewrites it.
func TestSummaryGolden(t *testing.T) {
	st := riverStory(t, rivertonStory([3]string{"2025-03-06", "2025-03-06", "2025-03-07"})...)
	got, err := json.MarshalIndent(struct {
		Summary  []storyfold.SummarySentence `json:"summary"`
		Timeline []storyfold.Event           `json:"timeline"`
	}{st.Summary, st.Timeline}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "summary-riverton.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("summary and timeline differ from %s (run with -update if the change is meant):\n%s", path, got)
	}
}
