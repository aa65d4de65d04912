package compare_test

import (
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// factsOf returns the facts whose wordings contain word, in any article.
func factsOf(st *storyfold.Story, word string) []*storyfold.Fact {
	var out []*storyfold.Fact
	for i := range st.Facts {
		for _, v := range st.Facts[i].Variants {
			if strings.Contains(v.Text, word) {
				out = append(out, &st.Facts[i])
				break
			}
		}
	}
	return out
}

// exclusiveWith reports whether a sentence containing word is listed as
// only in one outlet.
func exclusiveWith(st *storyfold.Story, word string) bool {
	for _, e := range st.Exclusive {
		if strings.Contains(e.Text, word) {
			return true
		}
	}
	return false
}

// TestAlignment pins how sentences of different articles become one fact:
// the words and names they share weighted by rarity, words WordNet relates,
// and a claim an article states twice.
func TestAlignment(t *testing.T) {
	filler := [][]string{
		{"Farmers in Iowa worried about the price of soybeans as the harvest began early this year.",
			"The weather service expects heavy rain across the Midwest for most of the coming week."},
		{"A museum in Lisbon opened a new wing devoted to tiles from the sixteenth century.",
			"Local football fans celebrated a late winner in the derby on Saturday night."},
		{"The city council voted to extend the opening hours of the public library on Sundays.",
			"A new bakery on the harbour front sold out of bread within two hours of opening."},
	}
	article := func(i int, lines ...string) [3]string {
		id := string(rune('a' + i))
		return [3]string{id, "Outlet " + strings.ToUpper(id), strings.Join(append(append([]string{}, lines...), filler[i]...), "\n\n")}
	}
	tests := []struct {
		name     string
		articles [][]string
		word     string // a word of the claim's wordings
		want     int    // articles the claim's fact holds
		variants int    // wordings it lists, restatements included (0: any)
	}{
		{
			name: "words sharing a stem",
			articles: [][]string{
				{"The president will nominate Todd Jones, the acting director of the firearms agency, to lead it permanently."},
				{"Officials said the nomination of Todd Jones as permanent director of the firearms agency was sent on Wednesday."},
			},
			word: "Jones", want: 2,
		},
		{
			name: "names and words shared",
			articles: [][]string{
				{"The controversy erupted after Trump revealed plans for a first meeting with Putin in Saudi Arabia next month, officials said."},
				{"Kyiv worried after President Trump announced his intention to meet with Putin in Saudi Arabia next month."},
			},
			word: "Saudi", want: 2,
		},
		{
			name: "a claim said twice",
			articles: [][]string{
				{"Defence ministers from twelve countries agreed to send air defence systems to Ukraine before the winter.",
					"Ministers from twelve countries agreed to send the air defence systems to Ukraine before winter, the statement said."},
				{"Defence ministers of twelve countries agreed on Thursday to send air defence systems to Ukraine before the winter."},
			},
			word: "air defence", want: 2, variants: 3,
		},
		{
			name: "the same words in another claim are no restatement",
			articles: [][]string{
				{"Governor Jay Inslee said Washington will ban state-funded travel to Indiana over the new law.",
					"San Francisco and Seattle have also imposed bans on city-funded travel to the state over the law."},
				{"Washington will impose a ban on state-funded travel to Indiana over the law, Governor Jay Inslee said."},
			},
			word: "Inslee", want: 2, variants: 2,
		},
		{
			name: "one statement quoted",
			articles: [][]string{
				{"Speaking to reporters outside the crowded ministry building after a long cabinet session about budgets, pensions, taxes, railway tickets, teachers' salaries and hospital wards in the northern provinces, Novak said: \"We will rebuild every bridge the flood destroyed.\""},
				{"In a televised address late in the evening, watched by thousands of families still living in shelters, gyms, churches and schools across the valley since the storm, the minister promised: \"We will rebuild every bridge the flood destroyed.\""},
			},
			word: "rebuild", want: 2,
		},
		{
			name: "one topic, two claims",
			articles: [][]string{
				{"The ministers agreed to send air defence systems to Ukraine before the winter begins."},
				{"The ministers rejected a plan to train Ukrainian pilots in Poland during the winter months."},
			},
			word: "ministers", want: 0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var raw [][3]string
			for i, lines := range tc.articles {
				raw = append(raw, article(i, lines...))
			}
			st := story(t, raw...)
			fs := factsOf(st, tc.word)
			if tc.want == 0 {
				for _, f := range fs {
					if len(f.Articles) > 1 {
						t.Fatalf("different claims joined: %+v", f.Variants)
					}
				}
				return
			}
			if len(fs) != 1 {
				t.Fatalf("%d facts hold %q, want 1; facts %+v, exclusive %+v", len(fs), tc.word, st.Facts, st.Exclusive)
			}
			if got := len(fs[0].Articles); got != tc.want {
				t.Errorf("fact holds %d articles %v, want %d", got, fs[0].Articles, tc.want)
			}
			if tc.variants > 0 && len(fs[0].Variants) != tc.variants {
				t.Errorf("fact lists %d wordings, want %d: %+v", len(fs[0].Variants), tc.variants, fs[0].Variants)
			}
			if exclusiveWith(st, tc.word) {
				t.Errorf("a wording of the claim is listed as only in one outlet: %+v", st.Exclusive)
			}
		})
	}
}
