package cluster

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// article builds an annotated article from text.
func article(id, title, text string, day int) storyfold.Article {
	a := storyfold.Article{ID: id, Title: title, Text: text}
	a.Sentences = nlp.Sentences(nil, text, 0, len(text))
	if day > 0 {
		a.Date.Time = a.Date.AddDate(2025, 0, day)
	}
	return a
}

// corpus is three small events, three articles each, written differently.
func corpus() []storyfold.Article {
	events := []struct{ title, words string }{
		{"Earthquake strikes northern Chile", "earthquake Chile magnitude Antofagasta tremor buildings collapsed rescue teams seismologists aftershocks coast"},
		{"Central bank raises interest rates", "central bank interest rates inflation governor Lagarde eurozone borrowing costs markets bonds"},
		{"Wildfire forces evacuations in California", "wildfire California evacuations firefighters acres containment Los Angeles winds homes burned"},
	}
	var out []storyfold.Article
	rng := rand.New(rand.NewPCG(7, 7))
	for e, ev := range events {
		words := strings.Fields(ev.words)
		for k := 0; k < 3; k++ {
			var sb strings.Builder
			for s := 0; s < 6; s++ {
				rng.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
				fmt.Fprintf(&sb, "Officials said the %s were reported on the day. ", strings.Join(words[:6], " "))
			}
			out = append(out, article(fmt.Sprintf("e%d-%d", e, k), ev.title, sb.String(), 10+e*30+k))
		}
	}
	return out
}

func groupsOf(arts []storyfold.Article) [][]string {
	e := NewExtractor()
	items := make([]Item, len(arts))
	for i := range arts {
		items[i] = Item{ID: arts[i].ID, Hash: arts[i].ID, Features: e.Extract(&arts[i])}
	}
	ix := Batch(items, DefaultOptions())
	var out [][]string
	for _, g := range ix.Groups() {
		ids := append([]string(nil), g.Articles...)
		sort.Strings(ids)
		out = append(out, ids)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func TestBatchGroupsEvents(t *testing.T) {
	got := groupsOf(corpus())
	want := [][]string{{"e0-0", "e0-1", "e0-2"}, {"e1-0", "e1-1", "e1-2"}, {"e2-0", "e2-1", "e2-2"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("groups = %v, want %v", got, want)
	}
}

func TestBatchOrderIndependent(t *testing.T) {
	base := groupsOf(corpus())
	for seed := uint64(1); seed <= 5; seed++ {
		arts := corpus()
		rand.New(rand.NewPCG(seed, 0)).Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
		if got := groupsOf(arts); !reflect.DeepEqual(got, base) {
			t.Errorf("shuffle %d: groups = %v, want %v", seed, got, base)
		}
	}
}

func TestDateWindowSplits(t *testing.T) {
	arts := corpus()[:3]
	arts[2] = article("late", arts[2].Title, arts[2].Text, 200)
	got := groupsOf(arts)
	if len(got) != 2 {
		t.Errorf("an article 190 days later joined the story: %v", got)
	}
}

func TestNearDuplicates(t *testing.T) {
	text := "The minister said the talks would resume on Monday after a week of delays in the capital. " +
		"Officials from both delegations declined to comment on the details of the proposal late on Sunday night in Geneva. " +
		"Diplomats familiar with the negotiations said a framework agreement covering the border and prisoner exchanges was close. " +
		"The previous round collapsed in March when one side walked out over the sequencing of a ceasefire and sanctions relief. " +
		"Analysts cautioned that any deal would still need approval from parliament, where opposition lawmakers have vowed to block it. " +
		"Markets rallied on the news, with the currency gaining more than two percent against the dollar in early trading on Monday."
	copyText := strings.Replace(text, "Sunday night", "Sunday evening", 1)
	other := "A completely different report about football scores and the weather in the north of England this weekend."
	arts := []storyfold.Article{article("orig", "T", text, 1), article("copy", "T", copyText, 2), article("other", "U", other, 3)}
	e := NewExtractor()
	ix := New(DefaultOptions())
	for i := range arts {
		ix.Add(arts[i].ID, arts[i].ID, e.Extract(&arts[i]), false)
	}
	if got := ix.Copies(); !reflect.DeepEqual(got, map[string][]string{"orig": {"copy"}}) {
		t.Errorf("copies = %v", got)
	}

	if s1, _ := ix.StoryOf("orig"); s1 == "" {
		t.Error("original has no story")
	} else if s2, dup := ix.StoryOf("copy"); s2 != s1 || dup != "orig" {
		t.Errorf("copy in story %s (dup of %q), original in %s", s2, dup, s1)
	}
	// A reprint months later is still listed as a copy, but opens its own
	// story: it is news again.
	late := article("reprint", "T", copyText, 200)
	ix.Add("reprint", "reprint", e.Extract(&late), false)
	if s, dup := ix.StoryOf("reprint"); dup != "orig" {
		t.Errorf("reprint copies %q, want orig", dup)
	} else if s1, _ := ix.StoryOf("orig"); s == s1 {
		t.Error("a reprint 199 days later joined the original's story")
	}
	// The same hash again is not added twice.
	ix.Add("again", "orig", e.Extract(&arts[0]), false)
	if ix.Len() != 4 {
		t.Errorf("index holds %d articles, want 4", ix.Len())
	}
}

func TestFeaturesRoundTrip(t *testing.T) {
	arts := corpus()
	e := NewExtractor()
	f := e.Extract(&arts[0])
	b, err := f.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var g Features
	if err := g.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f, g) {
		t.Errorf("round trip changed features")
	}
}

// TestRestore checks that an index rebuilt from what a store records
// groups the next article as the original index does.
func TestRestore(t *testing.T) {
	arts := corpus()
	e := NewExtractor()
	live := New(DefaultOptions())
	restored := New(DefaultOptions())
	for i := range arts[:8] {
		f := e.Extract(&arts[i])
		live.Add(arts[i].ID, arts[i].ID, f, false)
		story, dup := live.StoryOf(arts[i].ID)
		b, _ := f.MarshalBinary()
		var g Features
		if err := g.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		restored.Restore(arts[i].ID, arts[i].ID, g, story, dup)
	}
	last := arts[8]
	f := e.Extract(&last)
	live.Add(last.ID, last.ID, f, false)
	restored.Add(last.ID, last.ID, f, false)
	a, _ := live.StoryOf(last.ID)
	b, _ := restored.StoryOf(last.ID)
	if a == "" || a != b {
		t.Errorf("restored index put %s in %q, live index in %q", last.ID, b, a)
	}
}

func FuzzFeaturesUnmarshal(f *testing.F) {
	arts := corpus()
	b, _ := NewExtractor().Extract(&arts[0]).MarshalBinary()
	f.Add(b)
	f.Add([]byte{1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var g Features
		_ = g.UnmarshalBinary(data)
	})
}

func BenchmarkAdd(b *testing.B) {
	arts := corpus()
	e := NewExtractor()
	fs := make([]Features, len(arts))
	for i := range arts {
		fs[i] = e.Extract(&arts[i])
	}
	ix := New(DefaultOptions())
	for i := 0; b.Loop(); i++ {
		ix.Add(fmt.Sprint(i), fmt.Sprint(i), fs[i%len(fs)], false)
	}
}

// TestMostHits checks the counting selection of candidate stories against a
// full sort by hits, then recency.
func TestMostHits(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 200; trial++ {
		ix := &Index{hits: make([]uint16, 500)}
		var found []int32
		for s := range ix.hits {
			if rng.IntN(3) == 0 {
				ix.hits[s] = uint16(1 + rng.IntN(queryTerms))
				found = append(found, int32(s))
			}
		}
		rng.Shuffle(len(found), func(i, j int) { found[i], found[j] = found[j], found[i] })
		n := 1 + rng.IntN(40)
		want := append([]int32(nil), found...)
		sort.Slice(want, func(i, j int) bool {
			if ix.hits[want[i]] != ix.hits[want[j]] {
				return ix.hits[want[i]] > ix.hits[want[j]]
			}
			return want[i] > want[j]
		})
		want = want[:min(n, len(want))]
		got := append([]int32(nil), ix.mostHits(append([]int32(nil), found...), n)...)
		sort.Slice(want, func(i, j int) bool { return want[i] < want[j] })
		sort.Slice(got, func(i, j int) bool { return got[i] < got[j] })
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d, n %d: got %v, want %v", trial, n, got, want)
		}
	}
}

func TestSelectTop(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 500; trial++ {
		v := make([]int, 1+rng.IntN(300))
		for i := range v {
			v[i] = rng.IntN(50)
		}
		k := 1 + rng.IntN(len(v))
		sorted := append([]int(nil), v...)
		sort.Sort(sort.Reverse(sort.IntSlice(sorted)))
		selectTop(v, k, func(a, b int) bool { return a > b })
		top := append([]int(nil), v[:k]...)
		sort.Sort(sort.Reverse(sort.IntSlice(top)))
		if !reflect.DeepEqual(top, sorted[:k]) {
			t.Fatalf("trial %d: top %d of %v is %v", trial, k, sorted, top)
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	arts := corpus()
	e := NewExtractor()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		e.Extract(&arts[i%len(arts)])
	}
}
