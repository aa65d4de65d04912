package compare_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/compare"
	"github.com/storyfold/storyfold/pipeline"
)

// cfArticle is one article of a conflict test: its outlet, its date
// (2006-01-02, "" for none) and its text.
type cfArticle struct {
	id, source, date, text string
}

// conflictStory builds a story as the pipeline does, from articles that may
// carry a date.
func conflictStory(t *testing.T, arts ...cfArticle) *storyfold.Story {
	t.Helper()
	var raw []storyfold.Article
	for _, a := range arts {
		r := storyfold.Article{ID: a.id, Source: a.source, Text: a.text}
		if a.date != "" {
			d, err := time.Parse("2006-01-02", a.date)
			if err != nil {
				t.Fatal(err)
			}
			r.Date = storyfold.Date{Time: d}
		}
		raw = append(raw, r)
	}
	prepared := pipeline.Prepare(raw, func(storyfold.Article) {}, func() {})
	members := make([]*storyfold.Article, len(prepared))
	for i := range prepared {
		members[i] = &prepared[i]
	}
	return pipeline.NewStory("s", members)
}

// cfFiller is unrelated text that gives each article more than one
// sentence, as real articles have.
const cfFiller = "\n\nSeparately, a museum in Lisbon opened a new wing devoted to tiles from the sixteenth century."

func TestConflicts(t *testing.T) {
	tests := []conflictCase{
		{
			name: "a different figure is a number conflict",
			arts: []cfArticle{
				{"a", "Alpha", "", "The Treasury said the federal deficit reached $1.2 trillion in the fiscal year that ended in September." + cfFiller},
				{"b", "Beta", "", "The federal deficit reached $1.9 trillion in the fiscal year that ended in September, the Treasury said." + cfFiller},
			},
			kind: storyfold.ConflictNumber, values: []string{"$1.2 trillion", "$1.9 trillion"},
		},
		{
			// BASIL (6e502405, reworded): income against taxes paid.
			name: "figures of different things are not a number conflict",
			arts: []cfArticle{
				{"a", "Alpha", "", "The tax returns released on Friday show that the Clintons earned $139 million in adjusted gross income from 2007 to 2014." + cfFiller},
				{"b", "Beta", "", "The tax returns released on Friday show that the Clintons paid $43 million in federal taxes from 2007 to 2014." + cfFiller},
			},
		},
		{
			name: "figures of one thing in other words are a number conflict",
			arts: []cfArticle{
				{"a", "Alpha", "", "The tax returns released on Friday show that the Clintons paid $139 million in federal taxes from 2007 to 2014." + cfFiller},
				{"b", "Beta", "", "The tax returns released on Friday show that the Clintons paid $43 million in taxes from 2007 to 2014." + cfFiller},
			},
			kind: storyfold.ConflictNumber, values: []string{"$139 million", "$43 million"},
		},
		{
			// BASIL (8abec8d9, shortened): two acts of two people, each on
			// its day.
			name: "a day of another person's act is not a date conflict",
			arts: []cfArticle{
				{"a", "Alpha", "2016-08-31", "Donald Trump tweeted on Tuesday that he had accepted an invitation to meet Enrique Peña Nieto in private in Mexico City." + cfFiller},
				{"b", "Beta", "2016-08-31", "On Wednesday, Vicente Fox expressed disbelief that Enrique Peña Nieto would invite Donald Trump for a private meeting in Mexico City." + cfFiller},
			},
		},
		{
			name: "a day of the same person's act is a date conflict",
			arts: []cfArticle{
				{"a", "Alpha", "2016-08-31", "Donald Trump tweeted on Tuesday that he had accepted an invitation to meet Enrique Peña Nieto in private in Mexico City." + cfFiller},
				{"b", "Beta", "2016-08-31", "Donald Trump tweeted on Wednesday that he had accepted an invitation to meet Enrique Peña Nieto in private in Mexico City." + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"Tuesday", "Wednesday"},
		},
		{
			name: "a rounded or hedged figure is not a conflict",
			arts: []cfArticle{
				{"a", "Alpha", "", "The phone call between the two presidents lasted nearly 1.5 hours, the Kremlin press office said." + cfFiller},
				{"b", "Beta", "", "The phone call between the two presidents lasted 90 minutes, the Kremlin press office said." + cfFiller},
			},
		},
		{
			name: "a relative date read against the article's date is a date conflict",
			arts: []cfArticle{
				// 14 February 2025 is a Friday: "on Wednesday" is the 12th.
				{"a", "Alpha", "2025-02-14", "The city council approved the new transit budget on Wednesday after a debate that lasted six hours." + cfFiller},
				{"b", "Beta", "2025-02-14", "The city council approved the new transit budget on February 10 after a debate that lasted six hours." + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"12 February 2025", "10 February 2025"},
		},
		{
			name: "a day in the same setting of two long sentences is a date conflict",
			arts: []cfArticle{
				// 16 March 2018 is a Friday: "on Wednesday" is the 14th.
				{"a", "Alpha", "2018-03-16", "Council member Tomas Brandt resigned from the city council on Wednesday, following months of questions about his travel expenses and several missed votes." + cfFiller},
				{"b", "Beta", "2018-03-16", "Tomas Brandt, the Riverside Democrat questioned for months about travel expenses that taxpayers covered, abruptly resigned from the city council on Friday afternoon." + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"14 March 2018", "16 March 2018"},
		},
		{
			name: "one person and one other name by two days of one week is a date conflict",
			arts: []cfArticle{
				{"a", "Alpha", "2012-08-15", "In an interview with Fox News on Tuesday, Mr. Ryan said he welcomed the back and forth over the budget." + cfFiller},
				{"b", "Beta", "2012-08-15", "Paul Ryan, in his first interview since being named as Mitt Romney's running mate, told Fox News on Sunday he thinks Medicare can be a winning issue." + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"Tuesday", "Sunday"},
		},
		{
			name: "the same day written two ways is no conflict",
			arts: []cfArticle{
				{"a", "Alpha", "2025-02-14", "The city council approved the new transit budget on Wednesday after a debate that lasted six hours." + cfFiller},
				{"b", "Beta", "2025-02-14", "The city council approved the new transit budget on February 12 after a debate that lasted six hours." + cfFiller},
			},
		},
		{
			name: "a different place in the same slot is a place conflict",
			arts: []cfArticle{
				{"a", "Alpha", "", "China welcomed the improved communication between Washington and Moscow after the call, officials in Beijing said on Friday." + cfFiller},
				{"b", "Beta", "", "China welcomed the improved communication between Pyongyang and Washington after the call, officials in Beijing said on Friday." + cfFiller},
			},
			kind: "place", values: []string{"Moscow", "Pyongyang"},
		},
		{
			name: "the Kremlin is in Moscow",
			arts: []cfArticle{
				{"a", "Alpha", "", "Officials at the Kremlin welcomed the improved communication with Washington after the long phone call." + cfFiller},
				{"b", "Beta", "", "Officials in Moscow welcomed the improved communication with Washington after the long phone call." + cfFiller},
			},
		},
		{
			name: "a joint statement credited to one of its authors is no conflict",
			arts: []cfArticle{
				{"a", "Alpha", "", "Chuck Schumer and Nancy Pelosi said the spending bill would leave millions of families without health insurance." + cfFiller},
				{"b", "Beta", "", "Nancy Pelosi said the spending bill would leave millions of families without health insurance." + cfFiller},
			},
		},
		{
			name: "a different speaker is a person conflict",
			arts: []cfArticle{
				{"a", "Alpha", "", "Chuck Schumer said the spending bill would leave millions of families without health insurance next year." + cfFiller},
				{"b", "Beta", "", "Nancy Pelosi said the spending bill would leave millions of families without health insurance next year." + cfFiller},
			},
			kind: "person", values: []string{"Chuck Schumer", "Nancy Pelosi"},
		},
		{
			name: "two people saying much the same thing is no conflict",
			arts: []cfArticle{
				{"a", "Alpha", "", "President Volodymyr Zelenskyy has emphasized the importance of his country being involved in any talks about its future." + cfFiller},
				{"b", "Beta", "", "NATO Secretary General Mark Rutte stressed the importance of Ukraine’s involvement in any discussions about its future." + cfFiller},
			},
		},
		{
			name: "a place conflict stands when both sentences name the country too",
			arts: []cfArticle{
				{"a", "Alpha", "", "China, Russia’s ally, welcomed the improved communication between Washington and Moscow after the call." + cfFiller},
				{"b", "Beta", "", "Russia’s ally China welcomed the improved communication between Pyongyang and Washington after the call." + cfFiller},
			},
			kind: "place", values: []string{"Moscow", "Pyongyang"},
		},
		{
			name: "a negated verb is a negation conflict",
			arts: []cfArticle{
				{"a", "Alpha", "", "The state senate approved the measure to expand early voting across every county by a wide margin." + cfFiller},
				{"b", "Beta", "", "The state senate did not approve the measure to expand early voting across every county by a wide margin." + cfFiller},
			},
			kind: storyfold.ConflictNegation,
		},
		{
			name: "one fact's days differ even with nothing shared around them",
			arts: []cfArticle{
				{"a", "Alpha", "2024-03-06", "Harbour commissioner Lena Ortiz endorsed the port authority's plan for a new container terminal on Monday during a visit to the docks." + cfFiller},
				{"b", "Beta", "2024-03-06", "Harbour commissioner Lena Ortiz announced on Tuesday that she will endorse the port authority's plan for a new container terminal." + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"Monday", "Tuesday"},
		},
		{
			name: "a day inside a quote is the speaker's, not a date conflict",
			arts: []cfArticle{
				{"a", "Alpha", "2024-03-06", "Harbour commissioner Lena Ortiz told reporters, “I will sign the terminal contract on Friday,” at the port authority's offices." + cfFiller},
				{"b", "Beta", "2024-03-06", "Harbour commissioner Lena Ortiz told reporters, “I will sign the terminal contract on Monday,” at the port authority's offices." + cfFiller},
			},
		},
		{
			name: "a show named Today is no day",
			arts: []cfArticle{
				{"a", "Alpha", "2024-03-07", "In an interview aired Tuesday on the “Today” program, Lena Ortiz defended the container terminal plan for the harbour." + cfFiller},
				{"b", "Beta", "2024-03-07", "In an interview aired Tuesday on the Today program, Lena Ortiz defended the container terminal plan for the harbour." + cfFiller},
			},
		},
		{
			name: "joint statements with a different second author are a person conflict",
			arts: []cfArticle{
				{"a", "Alpha", "", "Mayor Ann Lee and Governor Tom Hart said in a joint statement that the river bridge will reopen to traffic in May after repairs." + cfFiller},
				{"b", "Beta", "", "Mayor Ann Lee and Senator Bob Cole said in a joint statement that the river bridge will reopen to traffic in May after repairs." + cfFiller},
			},
			kind: "person", values: []string{"Tom Hart", "Bob Cole"},
		},
		{
			name: "a speaker set off by a phrase between commas is a speaker",
			arts: []cfArticle{
				{"a", "Alpha", "", "Tom Hart, the state transport secretary, told reporters that the river bridge will reopen to traffic in May after repairs." + cfFiller},
				{"b", "Beta", "", "State transport secretary Bob Cole told reporters that the river bridge will reopen to traffic in May after repairs." + cfFiller},
			},
			kind: "person", values: []string{"Tom Hart", "Bob Cole"},
		},
		{
			name: "a refusal agrees with a negation",
			arts: []cfArticle{
				{"a", "Alpha", "", "The candidate refused to take a position on the regional trade pact until its final text is published." + cfFiller},
				{"b", "Beta", "", "The candidate would not take a position on the regional trade pact until its final text is published." + cfFiller},
			},
		},
		{
			name: "a hedged negation denies a manner, not the act",
			arts: []cfArticle{
				{"a", "Alpha", "", "The special prosecutor's office disputed the newspaper report about the harbour contract on Friday evening." + cfFiller},
				{"b", "Beta", "", "The special prosecutor's office did not directly dispute the newspaper report about the harbour contract on Friday evening." + cfFiller},
			},
		},
		{
			name: "a city written with its state is one place",
			arts: []cfArticle{
				{"a", "Alpha", "", "The senator told a rally of supporters on Saturday in Columbus, Ohio, that the steel tariffs had cost the region thousands of jobs." + cfFiller},
				{"b", "Beta", "", "The senator told a rally of supporters on Saturday in Ohio that the steel tariffs had cost the region thousands of jobs." + cfFiller},
			},
		},
		{
			name: "an actor said not to do what another outlet says the actor did is a negation conflict",
			arts: []cfArticle{
				{"a", "Alpha", "", "U.S. Representative Blake Farenthold resigned from Congress on Friday, following multiple allegations of sexual harassment, misconduct and inappropriate behavior." + cfFiller},
				{"b", "Beta", "", "Representative Blake Farenthold, the Texas Republican who used taxpayer funds to settle a sexual harassment case with his former communications director, abruptly did not resign from Congress on Friday afternoon." + cfFiller},
			},
			kind: storyfold.ConflictNegation, values: []string{"resigned", "not resign"},
		},
		{
			name: "what a report says someone did is not the outlet saying it",
			arts: []cfArticle{
				{"a", "Alpha", "", "Mr. Blumenthal, a Democrat now running for the United States Senate, never served in Vietnam, records show." + cfFiller},
				{"b", "Beta", "", "Blumenthal's campaign called a report saying he had served in Vietnam during the war an outrageous distortion of his record." + cfFiller},
			},
		},
		{
			name: "one person tied to two places is a place conflict",
			arts: []cfArticle{
				{"a", "Alpha", "", "The contenders for the party's top job include Saul Anuzis, the former Republican chairman in Michigan, and Gentry Collins." + cfFiller},
				{"b", "Beta", "", "Steele faces challenges from Wisconsin's Reince Priebus, former Ohio Republican Party Chairman Saul Anuzis and others in the race." + cfFiller},
			},
			kind: "place", values: []string{"Michigan", "Ohio"},
		},
		{
			name: "a person's state and country are one place",
			arts: []cfArticle{
				{"a", "Alpha", "", "The contenders for the party's top job include Ann Wagner of Missouri, an ambassador in the Bush administration." + cfFiller},
				{"b", "Beta", "", "Steele faces challenges from former U.S. ambassador Ann Wagner and others in the race for the party's top job." + cfFiller},
			},
		},
		{
			name: "a county the gazetteer does not place may lie within the state",
			arts: []cfArticle{
				{"a", "Alpha", "", "Controversial Arizona Sheriff Joe Arpaio announced on Tuesday he will endorse Texas Governor Rick Perry." + cfFiller},
				{"b", "Beta", "", "Sheriff Joe Arpaio of Maricopa County, who calls himself the toughest sheriff in the country, backs Perry." + cfFiller},
			},
		},
		{
			name: "where a person speaks is not their place",
			arts: []cfArticle{
				{"a", "Alpha", "", "Rick Santorum, speaking to supporters in Ohio, said the president's energy plan had failed." + cfFiller},
				{"b", "Beta", "", "Rick Santorum of Pennsylvania is running second in the Republican race behind Mitt Romney." + cfFiller},
			},
		},
		{
			name: "no comment is a formula, not a negation",
			arts: []cfArticle{
				{"a", "Alpha", "", "A spokesman for the governor responded to the request from the committee on the state budget." + cfFiller},
				{"b", "Beta", "", "A spokesman for the governor did not respond to the request from the committee on the state budget." + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}

// conflictCase is a story of a few articles and the one conflict, other
// than an attribution, it must give ("" for none), with the values its
// description must name.
type conflictCase struct {
	name   string
	arts   []cfArticle
	kind   storyfold.ConflictKind
	values []string
	// rule, when set, is the rule the conflict must be found by (see
	// compare.ConflictRule).
	rule string
}

// runConflictCases builds each case's story and checks its conflicts.
func runConflictCases(t *testing.T, tests []conflictCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := conflictStory(t, tc.arts...)
			var found []storyfold.Conflict
			for _, c := range st.Conflicts {
				if c.Kind != storyfold.ConflictAttribution {
					found = append(found, c)
				}
			}
			if tc.kind == "" {
				if len(found) > 0 {
					t.Fatalf("conflicts %+v, want none", found)
				}
				return
			}
			if len(found) != 1 || found[0].Kind != tc.kind {
				t.Fatalf("conflicts %+v, want one %s conflict", found, tc.kind)
			}
			if got := compare.ConflictRule(found[0]); tc.rule != "" && got != tc.rule {
				t.Errorf("found by rule %q, want %q (%s)", got, tc.rule, found[0].Description)
			}
			for _, v := range tc.values {
				if !strings.Contains(found[0].Description, v) {
					t.Errorf("description %q does not name %q", found[0].Description, v)
				}
			}
			checkConflictClaims(t, st, found[0])
		})
	}
}

// checkConflictClaims checks a conflict's claims point at real sentences of
// their articles, one claim per article.
func checkConflictClaims(t *testing.T, st *storyfold.Story, c storyfold.Conflict) {
	t.Helper()
	var seen []string
	for _, cl := range c.Claims {
		if cl.Sentence.End <= cl.Sentence.Start {
			t.Errorf("claim %+v has no sentence", cl)
		}
		if slices.Contains(seen, cl.Article) {
			t.Errorf("article %s gives two claims in %+v", cl.Article, c.Claims)
		}
		seen = append(seen, cl.Article)
		if cl.Value == "" {
			t.Errorf("claim %+v has no value", cl)
		}
	}
	if len(seen) < 2 {
		t.Errorf("claims %+v, want two articles", c.Claims)
	}
}

// TestConflictStatedOnce checks that three articles, two of one figure
// and one of another, give one conflict with two sides.
func TestConflictStatedOnce(t *testing.T) {
	st := conflictStory(t,
		cfArticle{"a", "Alpha", "", "The storm destroyed 120 homes along the northern coast before it moved inland on Sunday night." + cfFiller},
		cfArticle{"b", "Beta", "", "The storm destroyed 120 homes along the northern coast before it moved inland late on Sunday." + cfFiller},
		cfArticle{"c", "Gamma", "", "The storm destroyed 190 homes along the northern coast before it moved inland on Sunday night." + cfFiller},
	)
	var numbers []storyfold.Conflict
	for _, c := range st.Conflicts {
		if c.Kind == storyfold.ConflictNumber {
			numbers = append(numbers, c)
		}
	}
	if len(numbers) != 1 {
		t.Fatalf("number conflicts %+v, want one", numbers)
	}
	if len(numbers[0].Claims) != 3 {
		t.Errorf("claims %+v, want one per article", numbers[0].Claims)
	}
	if numbers[0].Majority != "120 homes" {
		t.Errorf("majority %q, want 120 homes", numbers[0].Majority)
	}
	checkConflictClaims(t, st, numbers[0])
}

func TestAttributionConflicts(t *testing.T) {
	const words = "This bill will leave millions of working families without the health care they were promised"
	tests := []struct {
		name string
		arts []cfArticle
		want bool
	}{
		{
			name: "the same words given to two people",
			arts: []cfArticle{
				{"a", "Alpha", "", "Democrats attacked the spending plan on Monday.\n\n“" + words + ",” Chuck Schumer said on Monday." + cfFiller},
				{"b", "Beta", "", "Democrats attacked the spending plan on Monday.\n\n“" + words + ",” Nancy Pelosi said on Monday." + cfFiller},
			},
			want: true,
		},
		{
			name: "the person the sentence before is about is not a co-author",
			arts: []cfArticle{
				{"a", "Alpha", "", "Rick Perry unveiled his border plan in Phoenix on Monday.\n\n“" + words + ",” John Smith said on Monday." + cfFiller},
				{"b", "Beta", "", "Rick Perry unveiled his border plan in Phoenix on Monday.\n\n“" + words + ",” Rick Perry said on Monday." + cfFiller},
			},
			want: true,
		},
		{
			name: "a joint statement credited to one of its authors",
			arts: []cfArticle{
				{"a", "Alpha", "", "Democrats attacked the spending plan on Monday.\n\n“" + words + ",” Chuck Schumer and Nancy Pelosi said in a joint statement." + cfFiller},
				{"b", "Beta", "", "Democrats attacked the spending plan on Monday.\n\n“" + words + ",” Nancy Pelosi said in a statement." + cfFiller},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := conflictStory(t, tc.arts...)
			var got []storyfold.Conflict
			for _, c := range st.Conflicts {
				if c.Kind == storyfold.ConflictAttribution || c.Kind == storyfold.ConflictPerson {
					got = append(got, c)
				}
			}
			if !tc.want {
				if len(got) > 0 {
					t.Fatalf("conflicts %+v, want none", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("conflicts %+v, want one, stated once", st.Conflicts)
			}
			if got[0].Kind != storyfold.ConflictAttribution {
				t.Errorf("kind %q, want %q: the words are given to two people", got[0].Kind, storyfold.ConflictAttribution)
			}
			checkConflictClaims(t, st, got[0])
		})
	}
}
