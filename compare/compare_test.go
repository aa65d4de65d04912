package compare_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/pipeline"
)

// story prepares raw articles (ID, outlet, text) the way analyze does and
// reconciles them as one story.
func story(t testing.TB, raw ...[3]string) *storyfold.Story {
	t.Helper()
	var arts []storyfold.Article
	for _, r := range raw {
		arts = append(arts, storyfold.Article{ID: r[0], Source: r[1], Text: r[2]})
	}
	prepared := pipeline.Prepare(arts, func(storyfold.Article) {}, func() {})
	members := make([]*storyfold.Article, len(prepared))
	for i := range prepared {
		members[i] = &prepared[i]
	}
	return pipeline.NewStory("s", members)
}

func factWith(st *storyfold.Story, word string) *storyfold.Fact {
	for i := range st.Facts {
		for _, v := range st.Facts[i].Variants {
			if strings.Contains(v.Text, word) {
				return &st.Facts[i]
			}
		}
	}
	return nil
}

// Three outlets report one call; one gives another length.
var callStory = [][3]string{
	{"a", "Alpha News", "The phone call between Trump and Putin lasted 90 minutes, according to the Kremlin press office.\n\n" +
		"Both leaders agreed that their negotiating teams would meet in Riyadh next month.\n\n" +
		"European ministers gathered in Brussels to discuss the consequences for Ukraine and for NATO."},
	{"b", "Beta Daily", "The Kremlin press office said the phone call between Trump and Putin lasted two hours.\n\n" +
		"Farmers in Iowa worried about the price of soybeans as the harvest began early this year.\n\n" +
		"The weather service expects heavy rain across the Midwest for most of the coming week."},
	{"c", "Gamma Wire", "According to the Kremlin press office, the phone call between Trump and Putin lasted almost an hour and a half.\n\n" +
		"A museum in Lisbon opened a new wing devoted to tiles from the sixteenth century.\n\n" +
		"Local football fans celebrated a late winner in the derby on Saturday night."},
}

func TestFactsAlignParaphrasesAndFigures(t *testing.T) {
	st := story(t, callStory...)
	f := factWith(st, "phone call")
	if f == nil {
		t.Fatalf("no fact for the call; facts: %+v", st.Facts)
	}
	if len(f.Articles) != 3 {
		t.Errorf("call fact reported by %v, want all three articles", f.Articles)
	}
	for _, v := range f.Variants {
		if v.Sentence == nil || !strings.Contains(v.Text, "call") {
			t.Errorf("variant %+v does not point at its sentence", v)
		}
	}
	// Unrelated sentences stay apart: no fact joins soybeans and tiles.
	for _, f := range st.Facts {
		if len(f.Articles) > 1 && !strings.Contains(f.Text, "call") {
			t.Errorf("unrelated sentences joined: %+v", f.Variants)
		}
	}
}

func TestNumberConflictWithMajority(t *testing.T) {
	st := story(t, callStory...)
	var c *storyfold.Conflict
	for i := range st.Conflicts {
		if st.Conflicts[i].Kind == storyfold.ConflictNumber {
			c = &st.Conflicts[i]
		}
	}
	if c == nil {
		t.Fatalf("no number conflict in %+v", st.Conflicts)
	}
	values := map[string]string{}
	for _, cl := range c.Claims {
		values[cl.Article] = cl.Value
	}
	if values["a"] == "" || values["b"] == "" || values["c"] == "" {
		t.Fatalf("claims %+v, want one per article", c.Claims)
	}
	if c.Majority != "1.5 hours" {
		t.Errorf("majority %q, want 1.5 hours (two of three independent sources)", c.Majority)
	}
	if !strings.Contains(c.Description, "2 hours") {
		t.Errorf("description %q does not name the other figure", c.Description)
	}
}

func TestPlaceConflictButNotSpellingOrCapital(t *testing.T) {
	st := story(t,
		[3]string{"a", "Alpha", "China welcomed the improved communication between Washington and Moscow after the call, officials in Beijing said on Friday."},
		[3]string{"b", "Beta", "China welcomed the improved communication between Pyongyang and Washington after the call, officials in Beijing said on Friday."},
		[3]string{"c", "Gamma", "Ukrainian President Volodymyr Zelensky met the foreign ministers of France and Germany in Kyiv for three hours on Tuesday."},
		[3]string{"d", "Delta", "Ukrainian President Volodymyr Zelenskyy met the foreign ministers of France and Germany in Ukraine for three hours on Tuesday."},
	)
	places := st.Conflicts
	if len(places) != 1 || places[0].Kind != "place" {
		t.Fatalf("conflicts %+v, want the one place conflict", st.Conflicts)
	}
	got := map[string]bool{}
	for _, cl := range places[0].Claims {
		got[cl.Value] = true
	}
	if !got["Moscow"] || !got["Pyongyang"] {
		t.Errorf("claims %+v, want Moscow against Pyongyang", places[0].Claims)
	}
}

// base is a wire report of ten claims; rewrite rewords it in the same order
// and keeps its quote; independent reports the event in its own words.
var base = []string{
	"The city council approved a new budget of $2.4 billion on Tuesday after a debate that lasted six hours.",
	"Mayor Linda Carver said the budget protects libraries and parks while raising police salaries.",
	"“This budget keeps every branch library open and every pool staffed,” Carver told reporters at City Hall.",
	"Council member Raj Patel voted against the plan, saying it relies on optimistic tax forecasts.",
	"The budget includes $310 million for road repairs, the largest such sum in a decade.",
	"Transit fares will stay at $2.75 for the third year in a row under the plan.",
	"Teachers unions praised a raise of four percent for classroom aides across the district.",
	"Business groups warned that a new parking levy could drive shoppers to suburban malls.",
	"The plan takes effect on July 1 and must still be signed by the state comptroller.",
	"Carver said she expects a surplus next spring if sales tax receipts hold up through the winter.",
}

func rewrite(s string) string {
	r := strings.NewReplacer("approved", "passed", "debate", "discussion", "protects", "preserves", "raising", "increasing",
		"voted against", "opposed", "relies on", "depends on", "largest", "biggest", "stay at", "remain at",
		"praised", "welcomed", "warned", "cautioned", "drive", "push", "takes effect", "goes into force", "expects", "anticipates")
	return r.Replace(s)
}

var independent = []string{
	"After six hours of argument, councillors voted 9 to 4 for a spending plan worth $2.4 billion.",
	"Opponents led by Raj Patel said the revenue estimates were too rosy to trust.",
	"Road repairs get $310 million, city documents show, more than in any year since 2014.",
	"Shop owners downtown fear the parking levy will hurt trade in the busy holiday season.",
	"Residents who spoke at the hearing mostly asked for more frequent bus service on weekends.",
	"The comptroller's office said it would review the plan within thirty days of receiving it.",
}

func TestFamiliesAndIndependentSources(t *testing.T) {
	var rewritten []string
	for _, s := range base {
		rewritten = append(rewritten, rewrite(s))
	}
	st := story(t,
		[3]string{"wire", "Wire", strings.Join(base, "\n\n")},
		[3]string{"rewrite", "Farm", strings.Join(rewritten, "\n\n")},
		[3]string{"copy", "Mirror", strings.Join(base, "\n\n") + "\n\nRead more local news on our site every day of the week."},
		[3]string{"own", "Local Paper", strings.Join(independent, "\n\n")},
	)
	if st.IndependentSources != 2 {
		t.Errorf("independent sources %d, want 2 (the wire family and the own report); families %+v", st.IndependentSources, st.Families)
	}
	if len(st.Families) != 1 {
		t.Fatalf("families %+v, want one", st.Families)
	}
	f := st.Families[0]
	if strings.Join(f.Articles, ",") != "wire,rewrite,copy" && len(f.Articles) != 3 {
		t.Errorf("family %v, want wire, rewrite and copy", f.Articles)
	}
	for _, id := range f.Articles {
		if id == "own" {
			t.Errorf("the independent report joined the family: %+v", f)
		}
	}
	if len(f.Evidence) == 0 {
		t.Errorf("family without evidence: %+v", f)
	}
	if f.Kind != storyfold.FamilySharedOrigin {
		t.Errorf("kind %q, want %q: no member is dated first", f.Kind, storyfold.FamilySharedOrigin)
	}
}

func TestSummaryCitesItsSources(t *testing.T) {
	st := story(t, callStory...)
	if len(st.Summary) == 0 {
		t.Fatal("no summary")
	}
	texts := map[string]string{}
	for _, r := range callStory {
		texts[r[0]] = r[2]
	}
	for _, s := range st.Summary {
		if len(s.Articles) == 0 {
			t.Errorf("summary sentence %q cites nothing", s.Text)
		}
		if s.Part == storyfold.SummaryDisputed {
			continue
		}
		found := false
		for _, id := range s.Articles {
			if strings.Contains(texts[id], s.Text) {
				found = true
			}
		}
		if !found {
			t.Errorf("summary sentence %q is not a sentence of the articles it cites %v", s.Text, s.Articles)
		}
	}
}

func TestDegenerateStories(t *testing.T) {
	tests := []struct {
		name string
		raw  [][3]string
	}{
		{"one article", [][3]string{{"a", "A", strings.Join(base, "\n\n")}}},
		{"no sentences", [][3]string{{"a", "A", "Hi."}, {"b", "B", "..."}}},
		{"exact copies", [][3]string{{"a", "A", strings.Join(base, "\n\n")}, {"b", "B", strings.Join(base, "\n\n")}, {"c", "C", strings.Join(base, "\n\n")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := story(t, tt.raw...)
			if st.IndependentSources < 1 || st.IndependentSources > len(tt.raw) {
				t.Errorf("%s: independent sources %d", tt.name, st.IndependentSources)
			}
			if st.Facts == nil || st.Conflicts == nil || st.Families == nil || st.Summary == nil || st.Exclusive == nil || st.Timeline == nil {
				t.Errorf("%s: a list is nil: %+v", tt.name, st)
			}
			if len(st.Conflicts) != 0 {
				t.Errorf("%s: conflicts %+v", tt.name, st.Conflicts)
			}
		})
	}
	if st := story(t, [3]string{"a", "A", strings.Join(base, "\n\n")}); len(st.Summary) == 0 {
		t.Error("one article: no summary")
	}
}

// BenchmarkReconcile measures a story of n articles: rewrites of a base
// report with a sentence of their own each, so facts are large groups.
func BenchmarkReconcile(b *testing.B) {
	for _, n := range benchSizes {
		var raw [][3]string
		for i := 0; i < n; i++ {
			text := base
			if i%2 == 1 {
				text = nil
				for _, s := range base {
					text = append(text, rewrite(s))
				}
			}
			own := fmt.Sprintf("Reporter %d noted that the vote came %d minutes after midnight in the council chamber.", i, i%60)
			raw = append(raw, [3]string{fmt.Sprint("a", i), fmt.Sprint("Outlet ", i), strings.Join(text, "\n\n") + "\n\n" + own})
		}
		var arts []storyfold.Article
		for _, r := range raw {
			arts = append(arts, storyfold.Article{ID: r[0], Source: r[1], Text: r[2]})
		}
		prepared := pipeline.Prepare(arts, func(storyfold.Article) {}, func() {})
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				members := make([]*storyfold.Article, len(prepared))
				for i := range prepared {
					members[i] = &prepared[i]
				}
				pipeline.NewStory("s", members)
			}
		})
	}
}

var benchSizes = []int{50, 500, 1000, 2000}

func TestLargeStoryOfCopies(t *testing.T) {
	var raw [][3]string
	for i := 0; i < 300; i++ {
		own := fmt.Sprintf("Reporter %d noted that the vote came %d minutes after midnight in the council chamber.", i, i%60)
		raw = append(raw, [3]string{fmt.Sprint("a", i), fmt.Sprint("Outlet ", i), strings.Join(base, "\n\n") + "\n\n" + own})
	}
	st := story(t, raw...)
	if len(st.Facts) == 0 || len(st.Facts[0].Articles) != 300 {
		t.Fatalf("the most reported fact has %d articles, want all 300", len(st.Facts[0].Articles))
	}
	if st.IndependentSources != 1 {
		t.Errorf("independent sources %d, want 1: they are copies of one text", st.IndependentSources)
	}
}

// TestFactsAcrossLanguages aligns a German and an English sentence that
// give one name and one figure as one fact marked cross-language, each in
// its own wording, and leaves the sentences that share none apart; a story
// of one language marks no fact.
func TestFactsAcrossLanguages(t *testing.T) {
	en := [3]string{"en", "Alpha News", "The phone call between Trump and Putin lasted 90 minutes, according to the Kremlin press office.\n\n" +
		"Farmers in Iowa worried about the price of soybeans as the harvest began early this year.\n\n" +
		"The weather service expects heavy rain across the Midwest for most of the coming week."}
	de := [3]string{"de", "Beta Zeitung", "Das Telefonat zwischen Trump und Putin dauerte nach Angaben des Kremls 90 Minuten.\n\n" +
		"In der Stadt wurde am Wochenende ein neues Museum für moderne Kunst eröffnet, das viele Besucher anzog.\n\n" +
		"Die Bauern klagen über die Trockenheit und über die niedrigen Preise für ihr Getreide in diesem Sommer."}
	st := story(t, en, de)
	if got := st.Languages; len(got) != 2 {
		t.Fatalf("languages %v, want de and en", got)
	}
	f := factWith(st, "dauerte")
	if f == nil || !f.CrossLanguage || len(f.Articles) != 2 {
		t.Fatalf("the call's length across languages: %+v", f)
	}
	if g := factWith(st, "Museum"); g != nil {
		t.Errorf("a sentence with no shared name and figure joined a fact: %+v", g)
	}
	for _, f := range story(t, callStory...).Facts {
		if f.CrossLanguage {
			t.Errorf("a fact of an English story is marked cross-language: %q", f.Text)
		}
	}
}
