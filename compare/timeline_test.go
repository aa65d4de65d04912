package compare_test

import (
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/pipeline"
)

// riverArticle is an article for a story test: ID, outlet, title, publication
// day ("" when unknown) and text.
type riverArticle struct{ id, source, title, day, text string }

// riverStory prepares articles the way analyze does and builds their
// story.
func riverStory(t testing.TB, raw ...riverArticle) *storyfold.Story {
	t.Helper()
	var arts []storyfold.Article
	for _, r := range raw {
		a := storyfold.Article{ID: r.id, Source: r.source, Title: r.title, Text: r.text}
		if r.day != "" {
			d, err := time.Parse("2006-01-02", r.day)
			if err != nil {
				t.Fatalf("bad day %q: %v", r.day, err)
			}
			a.Date = storyfold.Date{Time: d}
		}
		arts = append(arts, a)
	}
	prepared := pipeline.Prepare(arts, nil, nil)
	members := make([]*storyfold.Article, len(prepared))
	for i := range prepared {
		members[i] = &prepared[i]
	}
	return pipeline.NewStory("s", members)
}

// rivertonStory is a mayor's resignation told by three outlets, with the
// sentences a summary must leave out (a caption, a dateline, sentences
// that lean on the one before) and background dates ("since 2019").
func rivertonStory(days [3]string) []riverArticle {
	return []riverArticle{
		{"a", "Riverton Post", "Riverton Mayor Resigns After Harbour Vote", days[0],
			"Members of the harbour crew at the north pier in Riverton on Sunday.\n\n" +
				"Riverton mayor Anna Berg resigned on Wednesday after the city council voted against her harbour expansion plan.\n\n" +
				"She had led the city since 2019 and won two elections.\n\n" +
				"The city council voted 7 to 2 against the harbour plan on Tuesday, ending two years of debate.\n\n" +
				"Berg said she would stay in office until a successor is chosen."},
		{"b", "Northland Wire", "Berg Steps Down in Riverton", days[1],
			"RIVERTON (NW) — Anna Berg, the mayor of Riverton, stepped down on Wednesday after the city council rejected her plan to expand the harbour.\n\n" +
				"The city council voted 7 to 2 against the harbour plan on Tuesday.\n\n" +
				"However, several councillors praised her work for the harbour.\n\n" +
				"The harbour has divided Riverton since 2022."},
		{"c", "Valley Times", "Harbour Defeat Ends Berg's Term", days[2],
			"Anna Berg quit as mayor of Riverton on Wednesday, a day after the city council rejected her harbour expansion plan.\n\n" +
				"The city council voted 7 to 2 against the harbour plan on Tuesday, after a long debate.\n\n" +
				"Berg also thanked the harbour workers for their patience.\n\n" +
				"An election for her successor will be held on April 12."},
	}
}

func TestTimelineEvents(t *testing.T) {
	// Thursday 6 and Friday 7 March 2025.
	st := riverStory(t, rivertonStory([3]string{"2025-03-06", "2025-03-06", "2025-03-07"})...)
	got := map[string]storyfold.Event{}
	for _, e := range st.Timeline {
		got[e.Date.String()+" "+string(e.Granularity)] = e
	}
	tests := []struct {
		key, word string
		articles  int
	}{
		{"2025-03-04 day", "voted", 3},     // "on Tuesday", in every article
		{"2025-03-05 day", "Wednesday", 3}, // "on Wednesday", read against each article's day
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			e, ok := got[tt.key]
			if !ok {
				t.Fatalf("no event on %s; timeline: %+v", tt.key, st.Timeline)
			}
			if len(e.Articles) != tt.articles || len(e.Cites) != tt.articles {
				t.Errorf("event %s cites %v (%d sentences), want %d articles", tt.key, e.Articles, len(e.Cites), tt.articles)
			}
			if !strings.Contains(e.Text, tt.word) {
				t.Errorf("event %s text %q lacks %q", tt.key, e.Text, tt.word)
			}
		})
	}
	for _, e := range st.Timeline {
		if e.Granularity == "year" || e.Date.Year() < 2025 {
			t.Errorf("background date listed as an event: %+v", e)
		}
		if strings.Contains(e.Text, "harbour crew") {
			t.Errorf("a caption's day listed as an event: %+v", e)
		}
		if e.Date.Month() == time.April {
			t.Errorf("a plan weeks after the story listed as one of its events: %+v", e)
		}
	}
}

func TestTimelineUndatedDropsRelativeDates(t *testing.T) {
	st := riverStory(t, rivertonStory([3]string{})...)
	for _, e := range st.Timeline {
		t.Errorf("undated articles gave an event: %+v", e)
	}
}
