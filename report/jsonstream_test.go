package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/pipeline"
)

// wholeJSON is the JSON report as one document, encoded at once: the
// output streamJSON must reproduce byte for byte.
func wholeJSON(an *storyfold.Analysis) ([]byte, error) {
	arts := byID(an)
	outlets := make([]int, len(an.Stories))
	for i, st := range an.Stories {
		outlets[i] = Outlets(st, arts)
	}
	return wholeDocument(an.Articles, an.Stories, outlets)
}

// wholeDocument is wholeJSON with the stories' outlet counts given.
func wholeDocument(articles []storyfold.Article, stories []*storyfold.Story, outlets []int) ([]byte, error) {
	type document struct {
		Articles []storyfold.Article `json:"articles"`
		Stories  []StoryJSON         `json:"stories"`
	}
	doc := document{Articles: articles, Stories: []StoryJSON{}}
	if doc.Articles == nil {
		doc.Articles = []storyfold.Article{}
	}
	for i, st := range stories {
		doc.Stories = append(doc.Stories, StoryJSON{Story: st, Outlets: outlets[i]})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(true)
	err := enc.Encode(&doc)
	return b.Bytes(), err
}

// streamCorpus is n short articles in stories of three, with markup and
// quotes to escape, so the stream crosses several encoding windows.
func streamCorpus(n int) *storyfold.Analysis {
	raw := make([]storyfold.Article, n)
	for i := range raw {
		ev := i / 3
		raw[i] = storyfold.Article{
			ID:     fmt.Sprintf("a%04d", i),
			Source: fmt.Sprintf("Outlet %d <b>&</b>", i%7),
			Title:  fmt.Sprintf("Council %d votes on budget <script>", ev),
			Text: fmt.Sprintf("The council of town %d approved a budget of $%d million on Tuesday.\n\n"+
				"“We kept every library open,” Mayor Linda Carver%d said.", ev, ev+2, ev),
		}
	}
	arts := pipeline.Prepare(raw, nil, nil)
	return &storyfold.Analysis{Articles: arts, Stories: pipeline.Group(arts, cluster.DefaultOptions())}
}

func TestStreamJSONMatchesWholeDocument(t *testing.T) {
	big := streamCorpus(2*jsonWindow + 7)
	cases := []struct {
		name string
		an   *storyfold.Analysis
	}{
		{"empty", &storyfold.Analysis{}},
		{"articles without stories", &storyfold.Analysis{Articles: big.Articles[:5]}},
		{"one article", streamCorpus(1)},
		{"several windows", big},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want, err := wholeJSON(c.an)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := WriteJSON(&got, c.an); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("streamed JSON differs from the whole document (%d bytes against %d)\n%s", got.Len(), len(want), firstDiff(got.String(), string(want)))
			}
		})
	}
}

func TestWriteStoriesJSONMatchesWholeDocument(t *testing.T) {
	an := streamCorpus(12)
	outlets := make([]int, len(an.Stories))
	arts := byID(an)
	for i, st := range an.Stories {
		outlets[i] = Outlets(st, arts)
	}
	want, err := wholeDocument(nil, an.Stories, outlets)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := WriteStoriesJSON(&got, an.Stories, outlets); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("streamed stories differ from the whole document\n%s", firstDiff(got.String(), string(want)))
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

func TestStreamJSONReportsWriteErrors(t *testing.T) {
	err := WriteJSON(failingWriter{}, streamCorpus(jsonWindow+1))
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("got %v, want the writer's error", err)
	}
}

// firstDiff shows where two texts first differ.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-80)
	return fmt.Sprintf("at byte %d:\n got  %q\n want %q", i, got[lo:min(len(got), i+80)], want[lo:min(len(want), i+80)])
}
