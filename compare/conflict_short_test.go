package compare_test

import (
	"testing"

	"github.com/storyfold/storyfold"
)

// TestConflictsOfShortActs pins, on BASIL's sentences and the changed
// day `eval conflicts` makes, a past tense of three letters ("met") that
// keys an actor's act by a day as a longer one does. The controls keep
// the words and change the day back, or the act.
func TestConflictsOfShortActs(t *testing.T) {
	const (
		// BASIL 72fa9b13 (hpo, fox).
		metA = "Trump met on Wednesday with Lieberman and three other candidates: current acting FBI Director Andrew McCabe; Frank Keating, the former governor of Oklahoma who previously served as an FBI agent and in high-level positions in the Justice Department; and Richard McFeely, who served in the FBI for 24 years before retiring as executive assistant director in 2014."
		metB = "Trump also met Monday with current acting FBI Director Andrew McCabe, former Oklahoma Gov. Frank Keating and FBI official Richard McFeely."
	)
	tests := []conflictCase{
		{
			name: "one actor met on two days",
			arts: []cfArticle{
				{"a", "Alpha", "2017-05-18", metA + cfFiller},
				{"b", "Beta", "2017-05-18", metB + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"Wednesday 17 May 2017", "Monday 15 May 2017"},
		},
		{
			name: "control: the same day",
			arts: []cfArticle{
				{"a", "Alpha", "2017-05-18", metA + cfFiller},
				{"b", "Beta", "2017-05-18", "Trump also met Wednesday with current acting FBI Director Andrew McCabe, former Oklahoma Gov. Frank Keating and FBI official Richard McFeely." + cfFiller},
			},
		},
		{
			name: "control: another three-letter act on another day",
			arts: []cfArticle{
				{"a", "Alpha", "2017-05-18", metA + cfFiller},
				{"b", "Beta", "2017-05-18", "Trump also ran Monday with current acting FBI Director Andrew McCabe, former Oklahoma Gov. Frank Keating and FBI official Richard McFeely." + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}

// TestConflictsOfWhoseClauses pins, on BASIL 68748e7f's sentences and the
// changed age `eval conflicts` makes, a figure in a "whose" clause on the
// person the other sentence opens with: the sentences are led by
// different people (Hutchinson, Mattioli), yet the age is told of
// Mattioli in both. The control gives the clause to another parent than
// the one the other sentence opens with.
func TestConflictsOfWhoseClauses(t *testing.T) {
	const (
		asa        = "Former Rep. Asa Hutchinson presented the report of the task force.\n\n"
		hutchinson = "When he had finished introducing the report, Hutchinson called up Mark Mattioli, whose 3-year-old son, James Mattioli, was killed in December along with 19 other children at Sandy Hook Elementary School."
		mattioli   = "But the report did get support from at least one Newtown parent: Mark Mattioli, whose 6-year-old son, James, was killed."
	)
	tests := []conflictCase{
		{
			name: "the clause on the other sentence's lead",
			arts: []cfArticle{
				{"a", "Alpha", "2013-04-02", asa + hutchinson + cfFiller},
				{"b", "Beta", "2013-04-02", mattioli + cfFiller},
			},
			kind: storyfold.ConflictNumber, values: []string{"3", "6"},
		},
		{
			name: "control: the clause on another parent",
			arts: []cfArticle{
				{"a", "Alpha", "2013-04-02", asa + hutchinson + cfFiller},
				{"b", "Beta", "2013-04-02", "But the report did get support from at least one Newtown parent: Neil Heslin, whose 6-year-old son, James, was killed." + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}

// TestConflictsOfAnnouncements pins, on BASIL 97566c74's sentences and the
// changed day `eval conflicts` makes, one announcement dated two ways: the
// day set right on "announced", with a "that" clause sharing a content
// word ("debate"), though the clauses tell it in other verbs ("bowing
// out", "pulling out"). The controls: Trump's two announcements of BASIL
// 1e41e98b (an address delayed, a plan to reopen the government), one
// without a "that" clause, and clauses that share no word.
func TestConflictsOfAnnouncements(t *testing.T) {
	const (
		bowing  = "Donald Trump announced Tuesday that he is bowing out as the moderator for a Republican presidential debate later this month, after most candidates in the field opted not to attend."
		pulling = "Donald Trump has announced Sunday that he is pulling out of his own Dec. 27th debate."
		// Two sentences that open an article on other things, so that
		// neither sentence is a lede (see the lede rule).
		opening = "The primary calendar is crowded this winter.\n\nVoters in Iowa have heard from a dozen candidates.\n\n"
	)
	tests := []conflictCase{
		{
			name: "one announcement on two days",
			arts: []cfArticle{
				{"a", "Alpha", "2011-12-13", opening + bowing + cfFiller},
				{"b", "Beta", "2011-12-13", opening + pulling + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"Tuesday 13 December 2011", "Sunday 11 December 2011"},
		},
		{
			name: "control: two announcements, one without a clause",
			arts: []cfArticle{
				{"a", "Alpha", "2019-01-25", opening + "Trump announced Thursday that he would delay the address, but if the government re-opens then it could take place on Tuesday as had been previously scheduled." + cfFiller},
				{"b", "Beta", "2019-01-25", opening + "President Donald Trump announced Friday a short-term plan that will reopen the government for three weeks so that border security negotiations may continue without the devastating effects of the partial government shutdown." + cfFiller},
			},
		},
		{
			name: "control: two clauses sharing no word",
			arts: []cfArticle{
				{"a", "Alpha", "2011-12-13", opening + bowing + cfFiller},
				{"b", "Beta", "2011-12-13", opening + "Donald Trump has announced Sunday that he is endorsing his friend for governor." + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}
