package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
)

// runFilters tests the rules storyfold.StoryQuery documents for its
// filters: outlets matched whole and without regard to case, undated
// stories in no date range, and From after To an error a caller can tell.
func runFilters(t *testing.T, open func(t *testing.T) storyfold.Store) {
	ctx := context.Background()
	day := storyfold.Date{Time: time.Date(2025, 2, 12, 0, 0, 0, 0, time.UTC)}
	later := storyfold.Date{Time: day.AddDate(0, 0, 10)}
	at := func(d storyfold.Date, days int) storyfold.Date { return storyfold.Date{Time: d.AddDate(0, 0, days)} }
	story := func(id string, d storyfold.Date, ids ...string) *storyfold.Story {
		st := storyfold.NewStory(id)
		st.Headline, st.Articles, st.First, st.Last = "Headline "+id, ids, d, d
		return st
	}
	dated := art("f1", "hf1", "Fox News", "Talks open")
	undated := art("f2", "hf2", "ÜMIT Haber", "Talks stall")
	undated.Date = storyfold.Date{}
	other := art("f3", "hf3", "Foxboro Reporter", "Talks end")
	other.Date = later
	batch := &storyfold.Batch{
		Articles: []storyfold.StoredArticle{
			{Article: dated, StoryID: "dated", Features: []byte{1}},
			{Article: undated, StoryID: "undated", Features: []byte{2}},
			{Article: other, StoryID: "other", Features: []byte{3}},
		},
		Stories: []*storyfold.Story{story("dated", day, "f1"), story("undated", storyfold.Date{}, "f2"), story("other", later, "f3")},
	}

	t.Run("Filters", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		if err := s.Save(ctx, batch); err != nil {
			t.Fatal(err)
		}
		noon := storyfold.Date{Time: day.Add(12 * time.Hour)}
		tests := []struct {
			name string
			q    storyfold.StoryQuery
			want []string // in the list's order
		}{
			{"no filter lists the undated last", storyfold.StoryQuery{}, []string{"other", "dated", "undated"}},
			{"outlet in lower case", storyfold.StoryQuery{Source: "fox news"}, []string{"dated"}},
			{"outlet in upper case", storyfold.StoryQuery{Source: "FOX NEWS"}, []string{"dated"}},
			{"outlet with spaces around", storyfold.StoryQuery{Source: "  Fox News "}, []string{"dated"}},
			{"outlet as stored", storyfold.StoryQuery{Source: "Fox News"}, []string{"dated"}},
			{"a prefix is no outlet", storyfold.StoryQuery{Source: "Fox"}, []string{}},
			{"part of a name is no outlet", storyfold.StoryQuery{Source: "News"}, []string{}},
			{"outlet outside ASCII in another case", storyfold.StoryQuery{Source: "ümit haber"}, []string{"undated"}},
			{"spaces only are no filter", storyfold.StoryQuery{Source: "  "}, []string{"other", "dated", "undated"}},
			{"outlet and text", storyfold.StoryQuery{Source: "foxboro reporter", Text: "end"}, []string{"other"}},
			{"from leaves out the undated", storyfold.StoryQuery{From: at(day, -1)}, []string{"other", "dated"}},
			{"to leaves out the undated", storyfold.StoryQuery{To: at(day, 1)}, []string{"dated"}},
			{"one day", storyfold.StoryQuery{From: day, To: day}, []string{"dated"}},
			{"to with a time takes in its day", storyfold.StoryQuery{From: at(day, -1), To: noon}, []string{"dated"}},
			{"from and to on one day, from at noon", storyfold.StoryQuery{From: noon, To: day}, []string{}},
			{"a range with no story", storyfold.StoryQuery{From: at(day, 1), To: at(day, 2)}, []string{}},
			{"IDs, in the list's order", storyfold.StoryQuery{IDs: []string{"undated", "other"}}, []string{"other", "undated"}},
			{"an ID not stored", storyfold.StoryQuery{IDs: []string{"dated", "gone"}}, []string{"dated"}},
			{"no IDs is no story", storyfold.StoryQuery{IDs: []string{}}, []string{}},
			{"IDs and an outlet", storyfold.StoryQuery{IDs: []string{"dated", "other"}, Source: "foxboro reporter"}, []string{"other"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				page, total, err := s.StoryPage(ctx, tt.q)
				if err != nil {
					t.Fatal(err)
				}
				got := []string{}
				for _, st := range page {
					got = append(got, st.ID)
					if st.Sources == nil {
						t.Errorf("story %s lists its outlets as nil, want a list, empty if need be", st.ID)
					}
				}
				if !reflect.DeepEqual(got, tt.want) || total != len(tt.want) {
					t.Errorf("got %v of %d, want %v", got, total, tt.want)
				}
			})
		}
	})

	t.Run("TooManyIDs", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		if _, _, err := s.StoryPage(ctx, storyfold.StoryQuery{IDs: make([]string, storyfold.MaxStoryIDs+1)}); err == nil {
			t.Errorf("%d IDs answered, want an error", storyfold.MaxStoryIDs+1)
		}
	})

	t.Run("DateRangeError", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		for _, q := range []storyfold.StoryQuery{
			{From: later, To: day},
			{From: at(day, 1), To: day, Source: "fox news"},
			{From: at(day, 1), To: day, Text: "talks"},
		} {
			if page, _, err := s.StoryPage(ctx, q); !errors.Is(err, storyfold.ErrDateRange) {
				t.Errorf("from %s to %s gave %v, %v; want ErrDateRange", q.From, q.To, page, err)
			}
		}
	})
}
