// Package storetest is the conformance suite every storyfold.Store must
// pass. Each backend's tests call Run with a function that opens a fresh,
// empty store.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/store/internal/record"
)

// Run runs the suite. open returns an empty store; reopen, when not nil,
// returns the same store opened again (to test that data survives).
func Run(t *testing.T, open func(t *testing.T) storyfold.Store, reopen func(t *testing.T) storyfold.Store) {
	ctx := context.Background()
	day := storyfold.Date{Time: time.Date(2025, 2, 12, 0, 0, 0, 0, time.UTC)}
	story := func(id string, ids ...string) *storyfold.Story {
		st := storyfold.NewStory(id)
		st.Headline, st.Articles, st.Sources, st.First, st.Last = "Headline "+id, ids, []string{"A"}, day, day
		return st
	}
	batch := &storyfold.Batch{
		Articles: []storyfold.StoredArticle{
			{Article: art("a1", "h1", "A", "One"), StoryID: "s1", Features: []byte{1, 2, 3}},
			{Article: art("a2", "h2", "B", "Two"), StoryID: "s1", DuplicateOf: "a1", Features: []byte{4}},
			{Article: art("a3", "h3", "A", "Three"), StoryID: "s2", Features: []byte{5}},
		},
		Stories: []*storyfold.Story{story("s1", "a1", "a2"), story("s2", "a3")},
	}

	t.Run("SaveAndRead", func(t *testing.T) {
		s := open(t)
		if err := s.Save(ctx, batch); err != nil {
			t.Fatal(err)
		}
		known, err := s.KnownHashes(ctx, []string{"h1", "h3", "nope"})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(known, map[string]bool{"h1": true, "h3": true}) {
			t.Errorf("known = %v", known)
		}
		arts, err := s.Articles(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(arts) != 3 || arts[0].ID != "a1" || arts[2].ID != "a3" {
			t.Fatalf("articles = %v", arts)
		}
		want := art("a1", "h1", "A", "One")
		want.Duplicates = []string{"a2"}
		// Compared as written: a list nobody filled may come back empty
		// rather than nil, which the JSON contract does not tell apart.
		if got, wantJSON := mustJSON(t, arts[0]), mustJSON(t, want); got != wantJSON {
			t.Errorf("article round trip:\n got %s\nwant %s", got, wantJSON)
		}
		some, err := s.Articles(ctx, []string{"a3", "missing"})
		if err != nil || len(some) != 1 || some[0].ID != "a3" {
			t.Errorf("articles by id = %v, %v", some, err)
		}
		none, err := s.Articles(ctx, []string{})
		if err != nil || len(none) != 0 {
			t.Errorf("no ids gave %v, %v", none, err)
		}
		stories, err := s.Stories(ctx)
		if err != nil || len(stories) != 2 {
			t.Fatalf("stories = %v, %v", stories, err)
		}
		for _, st := range stories {
			if st.ID == "s1" && !reflect.DeepEqual(st, story("s1", "a1", "a2")) {
				t.Errorf("story round trip: %+v", st)
			}
		}
		var entries []storyfold.IndexEntry
		if err := s.IndexEntries(ctx, 0, func(e storyfold.IndexEntry) error { entries = append(entries, e); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(entries) != 3 || !reflect.DeepEqual(entries[1], storyfold.IndexEntry{Seq: entries[1].Seq, ID: "a2", Hash: "h2", StoryID: "s1", DuplicateOf: "a1", Features: []byte{4}}) {
			t.Errorf("index entries = %+v", entries)
		}
		s.Close()
	})

	t.Run("Idempotent", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		for i := 0; i < 2; i++ {
			if err := s.Save(ctx, batch); err != nil {
				t.Fatal(err)
			}
		}
		arts, err := s.Articles(ctx, nil)
		if err != nil || len(arts) != 3 {
			t.Errorf("saving twice stored %d articles (%v), want 3", len(arts), err)
		}
		stories, _ := s.Stories(ctx)
		if len(stories) != 2 {
			t.Errorf("saving twice stored %d stories, want 2", len(stories))
		}
	})

	t.Run("StoryUpdate", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		v0, err := s.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Save(ctx, batch); err != nil {
			t.Fatal(err)
		}
		v1, err := s.Version(ctx)
		if err != nil || v1 <= v0 {
			t.Errorf("a save moved the version from %d to %d (%v)", v0, v1, err)
		}
		more := &storyfold.Batch{
			Articles: []storyfold.StoredArticle{{Article: art("a4", "h4", "C", "Four"), StoryID: "s2", Features: []byte{6}}},
			Stories:  []*storyfold.Story{story("s2", "a3", "a4")},
		}
		if err := s.Save(ctx, more); err != nil {
			t.Fatal(err)
		}
		stories, _ := s.Stories(ctx)
		for _, st := range stories {
			if st.ID == "s2" && len(st.Articles) != 2 {
				t.Errorf("story s2 not updated: %v", st.Articles)
			}
		}
		if v2, err := s.Version(ctx); err != nil || v2 <= v1 {
			t.Errorf("a story update moved the version from %d to %d (%v)", v1, v2, err)
		}
	})

	t.Run("ListTotalFollowsSaves", func(t *testing.T) {
		// The unfiltered list's total and the outlets' counts may be
		// kept between saves; each save must still show in them, and a
		// caller changing the counts it was given changes no later
		// answer.
		s := open(t)
		defer s.Close()
		for i, want := range []int{1, 2, 2} {
			id := fmt.Sprintf("t%d", min(i, 1))
			a := fmt.Sprintf("ta%d", i)
			b := &storyfold.Batch{
				Articles: []storyfold.StoredArticle{{Article: art(a, "th"+a, "A", "Title "+a), StoryID: id, Features: []byte{1}}},
				Stories:  []*storyfold.Story{story(id, a)},
			}
			if err := s.Save(ctx, b); err != nil {
				t.Fatal(err)
			}
			for range 2 { // once counted, once kept
				if _, total, err := s.StoryPage(ctx, storyfold.StoryQuery{Limit: 1}); err != nil || total != want {
					t.Errorf("after save %d: total %d, %v; want %d", i+1, total, err, want)
				}
				sources, err := s.Sources(ctx)
				if err != nil || !reflect.DeepEqual(sources, []storyfold.SourceCount{{Source: "A", Articles: i + 1}}) {
					t.Errorf("after save %d: sources %+v, %v; want A with %d", i+1, sources, err, i+1)
				}
				if len(sources) > 0 {
					sources[0].Articles = -1
				}
			}
		}
	})

	t.Run("Queries", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		if err := s.Save(ctx, batch); err != nil {
			t.Fatal(err)
		}
		ids := func(stories []storyfold.StorySummary) []string {
			out := []string{}
			for _, st := range stories {
				out = append(out, st.ID)
			}
			sort.Strings(out)
			return out
		}
		after := storyfold.Date{Time: day.AddDate(0, 0, 1)}
		before := storyfold.Date{Time: day.AddDate(0, 0, -1)}
		for _, tt := range []struct {
			name  string
			q     storyfold.StoryQuery
			want  []string
			total int
		}{
			{"all", storyfold.StoryQuery{}, []string{"s1", "s2"}, 2},
			{"a page", storyfold.StoryQuery{Limit: 1}, nil, 2},
			{"past the end", storyfold.StoryQuery{Offset: 5}, []string{}, 2},
			{"by source", storyfold.StoryQuery{Source: "B"}, []string{"s1"}, 1},
			{"by text", storyfold.StoryQuery{Text: "three"}, []string{"s2"}, 1},
			{"text with query syntax", storyfold.StoryQuery{Text: `"thr AND (`}, []string{}, 0},
			{"dates around", storyfold.StoryQuery{From: before, To: after}, []string{"s1", "s2"}, 2},
			{"from after", storyfold.StoryQuery{From: after}, []string{}, 0},
			{"to before", storyfold.StoryQuery{To: before}, []string{}, 0},
			{"to the day", storyfold.StoryQuery{To: day}, []string{"s1", "s2"}, 2},
		} {
			got, total, err := s.StoryPage(ctx, tt.q)
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
				continue
			}
			if total != tt.total || tt.want != nil && !reflect.DeepEqual(ids(got), tt.want) || tt.want == nil && len(got) != 1 {
				t.Errorf("%s: got %v of %d, want %v of %d", tt.name, ids(got), total, tt.want, tt.total)
			}
		}
		page, _, _ := s.StoryPage(ctx, storyfold.StoryQuery{Source: "B"})
		if len(page) != 1 || page[0].Headline != "Headline s1" || page[0].Articles != 2 || !reflect.DeepEqual(page[0].Sources, []string{"A"}) ||
			!page[0].First.Equal(day.Time) {
			t.Errorf("story summary: %+v", page)
		}
		heads, err := s.ArticleHeads(ctx, []string{"a3", "a1", "nope"})
		if err != nil || len(heads) != 2 || heads[0].ID != "a1" || heads[1].ID != "a3" || heads[0].Text != "" {
			t.Errorf("article heads: %+v, %v", heads, err)
		} else if full, _ := s.Articles(ctx, []string{"a1"}); heads[0].Title != full[0].Title || heads[0].Source != full[0].Source ||
			heads[0].URL != full[0].URL || !heads[0].Date.Equal(full[0].Date.Time) || heads[0].Language != full[0].Language {
			t.Errorf("article head %+v does not match the article's metadata", heads[0])
		}
		st, err := s.Story(ctx, "s1")
		if err != nil || st.ID != "s1" || len(st.Articles) != 2 {
			t.Errorf("story s1: %+v, %v", st, err)
		}
		if _, err := s.Story(ctx, "nope"); !errors.Is(err, storyfold.ErrNotFound) {
			t.Errorf("missing story: %v, want ErrNotFound", err)
		}
		hits, total, err := s.Search(ctx, storyfold.SearchQuery{Text: "three"})
		if err != nil || total != 1 || len(hits) != 1 || hits[0].ArticleID != "a3" || hits[0].StoryID != "s2" ||
			!strings.Contains(hits[0].Snippet, storyfold.SnippetOpen+"Three"+storyfold.SnippetClose) {
			t.Errorf("search three: %+v of %d, %v", hits, total, err)
		}
		hits, total, err = s.Search(ctx, storyfold.SearchQuery{Text: "body", Limit: 2})
		if err != nil || total != 3 || len(hits) != 2 {
			t.Errorf("search body, page of 2: %d of %d, %v", len(hits), total, err)
		}
		if _, _, err := s.Search(ctx, storyfold.SearchQuery{Text: `NEAR( "x AND OR *`}); err != nil {
			t.Errorf("search with query syntax: %v", err)
		}
		sources, err := s.Sources(ctx)
		if err != nil || !reflect.DeepEqual(sources, []storyfold.SourceCount{{Source: "A", Articles: 2}, {Source: "B", Articles: 1}}) {
			t.Errorf("sources = %+v, %v", sources, err)
		}
		if id, err := s.StoryOf(ctx, "a3"); err != nil || id != "s2" {
			t.Errorf("story of a3 = %q, %v", id, err)
		}
		if _, err := s.StoryOf(ctx, "nope"); !errors.Is(err, storyfold.ErrNotFound) {
			t.Errorf("story of a missing article: %v, want ErrNotFound", err)
		}
		if a, n, err := s.Counts(ctx); err != nil || a != 3 || n != 2 {
			t.Errorf("counts = %d articles, %d stories, %v", a, n, err)
		}
	})

	// HostileSearch holds a store to bounded work for queries a person
	// would not type but an attacker would: a word repeated thousands of
	// times, thousands of distinct words, punctuation only. The text
	// query the store sends its engine must hold each word once in any
	// case and at most record.MaxQueryTerms words and MaxQueryBytes bytes
	// (a query that grew with what was typed took minutes in FTS5): the
	// suite reads it (TextQueryer) rather than timing the search, so the
	// check is the same on any machine. And a repeated or re-cased word
	// must mean what it means once.
	t.Run("HostileSearch", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		q, ok := s.(TextQueryer)
		if !ok {
			t.Fatalf("%T does not show the suite its text query: give it a TextQuery method in its package's export_test.go", s)
		}
		if err := s.Save(ctx, batch); err != nil {
			t.Fatal(err)
		}
		// A long text repeating the query's word is what made a repeated
		// query word cost most.
		long := art("a4", "h4", "B", "Four")
		long.Text = strings.Repeat("The body of the text. ", 50)
		if err := s.Save(ctx, &storyfold.Batch{
			Articles: []storyfold.StoredArticle{{Article: long, StoryID: "s3", Features: []byte{6}}},
			Stories:  []*storyfold.Story{story("s3", "a4")},
		}); err != nil {
			t.Fatal(err)
		}
		var distinct strings.Builder
		for i := range 20000 {
			distinct.WriteString("w" + strconv.Itoa(i) + " ")
		}
		tests := []struct {
			name         string
			text         string
			hits, groups int
		}{
			{"repeated word", strings.Repeat("body ", 20000), 4, 3},
			{"repeated word in any case", strings.Repeat("Body BODY body ", 7000) + "three", 1, 1},
			{"distinct words", distinct.String(), 0, 0},
			{"punctuation only", strings.Repeat(`"" * ( ) - ^ : `, 2000), 0, 0},
			{"query syntax between words", `"body" (three*) ^`, 1, 1},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				// The query is checked before it is run: one that is
				// not bounded would take minutes.
				words := strings.Fields(strings.ReplaceAll(q.TextQuery(tt.text), `"`, ""))
				if n := len(strings.Join(words, " ")); len(words) > record.MaxQueryTerms || n > record.MaxQueryBytes {
					t.Fatalf("the query sent to the engine holds %d words, %d bytes; want at most %d and %d", len(words), n, record.MaxQueryTerms, record.MaxQueryBytes)
				}
				for i, w := range words {
					for _, v := range words[:i] {
						if strings.EqualFold(v, w) {
							t.Fatalf("the query sent to the engine holds %q and %q: want each word once", v, w)
						}
					}
				}
				hits, total, err := s.Search(ctx, storyfold.SearchQuery{Text: tt.text})
				if err != nil || total != tt.hits || len(hits) != tt.hits {
					t.Errorf("search: %d hits of %d, %v; want %d", len(hits), total, err, tt.hits)
				}
				page, total, err := s.StoryPage(ctx, storyfold.StoryQuery{Text: tt.text})
				if err != nil || total != tt.groups || len(page) != tt.groups {
					t.Errorf("story page: %d stories of %d, %v; want %d", len(page), total, err, tt.groups)
				}
			})
		}
	})

	t.Run("IndexEntriesAfter", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		if err := s.Save(ctx, batch); err != nil {
			t.Fatal(err)
		}
		var seqs []int64
		if err := s.IndexEntries(ctx, 0, func(e storyfold.IndexEntry) error { seqs = append(seqs, e.Seq); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(seqs) != 3 || seqs[0] <= 0 || seqs[1] <= seqs[0] || seqs[2] <= seqs[1] {
			t.Fatalf("sequence numbers %v do not grow from 1", seqs)
		}
		var after []string
		if err := s.IndexEntries(ctx, seqs[0], func(e storyfold.IndexEntry) error { after = append(after, e.ID); return nil }); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(after, []string{"a2", "a3"}) {
			t.Errorf("entries after the first = %v, want [a2 a3]", after)
		}
		stop := errors.New("stop")
		if err := s.IndexEntries(ctx, 0, func(storyfold.IndexEntry) error { return stop }); !errors.Is(err, stop) {
			t.Errorf("an error from fn came back as %v", err)
		}
	})

	t.Run("LockWrites", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		others := []storyfold.Store{s}
		if reopen != nil {
			// A second handle on the same store stands for another process.
			other := reopen(t)
			defer other.Close()
			others = append(others, other)
		}
		unlock, err := s.LockWrites(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range others {
			short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
			if u, err := o.LockWrites(short); err == nil {
				u()
				t.Errorf("handle %d took the write lock while it was held", i)
			}
			cancel()
		}
		got := make(chan error, 1)
		go func() {
			u, err := others[len(others)-1].LockWrites(ctx)
			if err == nil {
				u()
			}
			got <- err
		}()
		time.Sleep(20 * time.Millisecond)
		unlock()
		unlock() // a second call is harmless
		select {
		case err := <-got:
			if err != nil {
				t.Errorf("waiting for the lock: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("the lock was not handed on when released")
		}
	})

	runStale(t, open, reopen, batch, story)
	runFilters(t, open)

	if reopen != nil {
		t.Run("Reopen", func(t *testing.T) {
			s := open(t)
			if err := s.Save(ctx, batch); err != nil {
				t.Fatal(err)
			}
			s.Close()
			s = reopen(t)
			defer s.Close()
			arts, err := s.Articles(ctx, nil)
			if err != nil || len(arts) != 3 {
				t.Errorf("after reopening: %d articles, %v", len(arts), err)
			}
		})
	}
}

// Grouping lists a store's stories as their members, sorted and joined by
// spaces, in sorted order: two stores that group alike give equal lists.
func Grouping(t testing.TB, s storyfold.Store) []string {
	t.Helper()
	stories, err := s.Stories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, st := range stories {
		ids := append([]string(nil), st.Articles...)
		sort.Strings(ids)
		out = append(out, strings.Join(ids, " "))
	}
	sort.Strings(out)
	return out
}

// mustJSON is v as JSON.
func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TextQueryer is implemented, in its package's tests only (export_test.go),
// by every store the suite runs on: TextQuery is the text query the store
// sends its search engine for what a person typed, as it sends it (words
// apart by spaces, quoted or not), by the code its searches call, so that
// HostileSearch can hold the query to its bounds without timing it.
type TextQueryer interface {
	TextQuery(text string) string
}
