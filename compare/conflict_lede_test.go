package compare_test

import (
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/compare"
)

// TestConflictsOfOneActInOtherWords pins the days of one act that two
// outlets tell with other verbs or with the day far from the verb: two
// ledes that open on one person, one actor's act with the same object
// wherever its verb stands, and one person's interview with one named
// partner. The sentences are BASIL's, the changed days those `eval
// conflicts` makes; each case has a control that keeps the words and
// breaks the one thing the rule reads.
func TestConflictsOfOneActInOtherWords(t *testing.T) {
	const (
		// BASIL 79bf99c6: the two ledes, in other verbs.
		pelosiA = "California Democratic Rep. Nancy Pelosi on Wednesday was appointed to an eighth term as House minority leader, surviving a challenge from a Midwestern Democrat backed by caucus members frustrated over repeated election loses and an aging leadership team."
		pelosiB = "WASHINGTON ― House Minority Leader Nancy Pelosi (D-Calif.) was re-elected to her leadership post Monday morning."
		// BASIL 87609973: "went after" is a verb and its particle, not a
		// clause of another event.
		trumpA = "President Trump went after \"Crooked\" Hillary Clinton aide Huma Abedin on Sunday, appearing to call on the “Deep State” Justice Department to look at potential security issues in her handling of classified material after a recent email dump."
		trumpB = "WASHINGTON ― President Donald Trump on Tuesday renewed his attack on his “deep state” Justice Department, and said a top aide to 2016 election rival Hillary Clinton should be jailed."
		// BASIL af4a3f41, after two sentences of background so that
		// neither is a lede.
		huckA = "Mike Huckabee, the Baptist minister who became Arkansas governor, announced Tuesday he'll run for the 2016 Republican presidential nomination."
		huckB = "Mike Huckabee, a former Republican governor of Arkansas and preacher who has announced his run for the presidency on Sunday, has been outspoken on a range of matters, particularly foreign policy and social issues like same-sex marriage."
		// BASIL 2ec04201.
		ryanA = "Paul Ryan went on offense Tuesday in response to criticism over his Medicare plan, using an interview with Fox News coupled with a new TV ad to claim President Obama’s health care plan treats the treasured entitlement like a “piggy bank,” while the “Romney-Ryan” plan preserves it."
		ryanB = "In an interview with Fox News on Sunday, Mr. Ryan said he welcomed the back and forth."
		// Two sentences that open an article on other things.
		opening  = "The primary calendar is crowded this spring.\n\nVoters in Iowa have heard from a dozen candidates.\n\n"
		medicare = "The politics of Medicare have become almost as complicated as the policy itself.\n\nThe campaigns traded charges over benefits all week.\n\n"
	)
	tests := []conflictCase{
		{
			name: "two ledes on one person: different days",
			arts: []cfArticle{
				{"a", "Alpha", "2016-11-30", pelosiA + cfFiller},
				{"b", "Beta", "2016-11-30", pelosiB + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"30 November 2016", "28 November 2016"}, rule: compare.RuleLedeDay,
		},
		{
			name: "control: an article published before the other's day",
			arts: []cfArticle{
				{"a", "Alpha", "2016-11-30", pelosiA + cfFiller},
				{"b", "Beta", "2016-11-28", pelosiB + cfFiller},
			},
		},
		{
			name: "control: two ledes on different people",
			arts: []cfArticle{
				{"a", "Alpha", "2016-11-30", pelosiA + cfFiller},
				{"b", "Beta", "2016-11-30", "WASHINGTON ― House Minority Whip Steny Hoyer (D-Md.) was re-elected to his leadership post Monday morning." + cfFiller},
			},
		},
		{
			name: "control: the sentences deep in their articles",
			arts: []cfArticle{
				{"a", "Alpha", "2016-11-30", opening + pelosiA + cfFiller},
				{"b", "Beta", "2016-11-30", opening + pelosiB + cfFiller},
			},
		},
		{
			name: "two ledes on one person: a verb's particle is no clause",
			arts: []cfArticle{
				{"a", "Alpha", "2018-01-02", trumpA + cfFiller},
				{"b", "Beta", "2018-01-02", trumpB + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"31 December 2017", "2 January 2018"}, rule: compare.RuleLedeDay,
		},
		{
			name: "control: the day in a clause of another event",
			arts: []cfArticle{
				{"a", "Alpha", "2018-01-02", "President Trump spoke after Hillary Clinton aide Huma Abedin testified on Sunday, appearing to call on the “Deep State” Justice Department to look at potential security issues in her handling of classified material after a recent email dump." + cfFiller},
				{"b", "Beta", "2018-01-02", trumpB + cfFiller},
			},
		},
		{
			name: "one actor's act with its object, the verb far from the day",
			arts: []cfArticle{
				{"a", "Alpha", "2015-05-05", opening + huckA + cfFiller},
				{"b", "Beta", "2015-05-05", opening + huckB + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"5 May 2015", "3 May 2015"}, rule: compare.RuleActDay,
		},
		{
			name: "control: the same verb with another object",
			arts: []cfArticle{
				{"a", "Alpha", "2015-05-05", opening + huckA + cfFiller},
				{"b", "Beta", "2015-05-05", opening + "Mike Huckabee, a former Republican governor of Arkansas and preacher who has announced his retirement from television on Sunday, has been outspoken on a range of matters, particularly foreign policy and social issues like same-sex marriage." + cfFiller},
			},
		},
		{
			name: "one interview with one named partner",
			arts: []cfArticle{
				{"a", "Alpha", "2012-08-15", medicare + ryanA + cfFiller},
				{"b", "Beta", "2012-08-15", medicare + ryanB + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"14 August 2012", "12 August 2012"}, rule: compare.RuleActDay,
		},
		{
			name: "control: an interview with another partner",
			arts: []cfArticle{
				{"a", "Alpha", "2012-08-15", medicare + ryanA + cfFiller},
				{"b", "Beta", "2012-08-15", medicare + "In an interview with CNN on Sunday, Mr. Ryan said he welcomed the back and forth." + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}

// TestConflictsOfHomesInJoinedTitles pins a place tied to a person
// through the first of two titles joined by "and" before the name, the
// second's head no role word of the lists. The sentences are BASIL
// 450755dd's, the change the one `eval conflicts` makes.
func TestConflictsOfHomesInJoinedTitles(t *testing.T) {
	const other = "Hundreds of thousands of people across the country headed to Chick-fil-A restaurants on Wednesday, answering a call from Mike Huckabee, the former governor of Arkansas, to show support for the fast-food chain after the company’s president drew criticism for his opposition to same-sex marriage."
	tests := []conflictCase{
		{
			name: "two joined titles before the name",
			arts: []cfArticle{
				{"a", "Alpha", "2012-08-01", "Chick-fil-A Appreciation Day – as it is being called was the idea of former Paris governor and Fox News contributor Mike Huckabee." + cfFiller},
				{"b", "Beta", "2012-08-01", other + cfFiller},
			},
			kind: storyfold.ConflictPlace, values: []string{"Paris", "Arkansas"}, rule: compare.RuleHome,
		},
		{
			name: "control: another person's title joined before the name",
			arts: []cfArticle{
				{"a", "Alpha", "2012-08-01", "Chick-fil-A Appreciation Day – as it is being called was the idea of Paris Mayor Anne Hidalgo and Fox News contributor Mike Huckabee." + cfFiller},
				{"b", "Beta", "2012-08-01", other + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}

// TestConflictsOfCompoundPlaces pins one place joined by a hyphen to two
// others before one noun, in sentences naming one actor. The sentences
// are BASIL 2b9468af's, the change the one `eval conflicts` makes.
func TestConflictsOfCompoundPlaces(t *testing.T) {
	const other = "National Security Adviser Susan Rice warned that Israeli Prime Minister Benjamin Netanyahu’s upcoming Capitol Hill address will be a “destructive” force in long-standing U.S.-Israel relations, adding more political acrimony to the already contentious visit."
	rice := func(pair string) string {
		return "Susan Rice, President Barack Obama's national security adviser, said Israeli Prime Minister Benjamin Netanyahu's planned speech in front of a joint session of Congress will be \"destructive\" to " + pair + "."
	}
	tests := []conflictCase{
		{
			name: "one place joined to two others",
			arts: []cfArticle{
				{"a", "Alpha", "2015-02-25", rice("France-Israel relations") + cfFiller},
				{"b", "Beta", "2015-02-25", other + cfFiller},
			},
			kind: storyfold.ConflictPlace, values: []string{"France", "United States"}, rule: compare.RuleCompound,
		},
		{
			name: "control: the same pair in the other order",
			arts: []cfArticle{
				{"a", "Alpha", "2015-02-25", rice("Israel-U.S. relations") + cfFiller},
				{"b", "Beta", "2015-02-25", other + cfFiller},
			},
		},
		{
			name: "control: a noun the pair does not qualify",
			arts: []cfArticle{
				{"a", "Alpha", "2015-02-25", rice("France-Israel visitors") + cfFiller},
				{"b", "Beta", "2015-02-25", other + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}

// TestConflictsOfPlacesJoinedByAnd pins one place joined by "and" to two
// others as one party, in sentences naming one actor. The sentences are
// BASIL b764f81f's, the change the one `eval conflicts` makes.
func TestConflictsOfPlacesJoinedByAnd(t *testing.T) {
	const (
		asked = "Colorado's top law enforcement official promises to vigorously defend the state's historic law legalizing marijuana after Nebraska and Oklahoma asked the U.S. Supreme Court to declare it unconstitutional, saying the drug is freely flowing into neighboring states."
		filed = "The states of Paris and Oklahoma filed a federal lawsuit in the U.S. Supreme Court Thursday, claiming that Colorado's legalization of recreational marijuana is unconstitutional under federal law."
	)
	tests := []conflictCase{
		{
			name: "one place joined by and to two others",
			arts: []cfArticle{
				{"a", "Alpha", "2014-12-19", asked + cfFiller},
				{"b", "Beta", "2014-12-19", filed + cfFiller},
			},
			kind: storyfold.ConflictPlace, values: []string{"Nebraska", "Paris"}, rule: compare.RuleCompound,
		},
		{
			name: "control: each article names both places",
			arts: []cfArticle{
				{"a", "Alpha", "2014-12-19", asked + "\n\nOfficials in Paris said they were watching the case." + cfFiller},
				{"b", "Beta", "2014-12-19", filed + "\n\nNebraska's attorney general spoke to reporters." + cfFiller},
			},
		},
		{
			name: "control: the last two of a longer list",
			arts: []cfArticle{
				{"a", "Alpha", "2014-12-19", asked + cfFiller},
				{"b", "Beta", "2014-12-19", "The states of Kansas, Paris and Oklahoma filed a federal lawsuit in the U.S. Supreme Court Thursday, claiming that Colorado's legalization of recreational marijuana is unconstitutional under federal law." + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}

// TestConflictsOfFiguresOfOneAct pins one sum tied to one actor's act by a
// relative clause ("the $5.7 billion he initially demanded", "the $2.7
// billion that Mr. Trump demanded") in sentences that each give other sums
// and share too few words for the story's index to meet them. The
// sentences are BASIL 3ae35b16's, the change the one `eval conflicts`
// makes; the controls keep the words and break what the rule reads.
func TestConflictsOfFiguresOfOneAct(t *testing.T) {
	const (
		grants   = "Trump is also expected to approve Congress’ spending bill, which grants him $1.375 billion for the wall, as opposed to the $5.7 billion he initially demanded."
		included = "The spending package passed Thursday by Congress included none of the $2.7 billion that Mr. Trump demanded for 234 miles of steel wall."
	)
	tests := []conflictCase{
		{
			name: "one sum for one act, other sums besides",
			arts: []cfArticle{
				{"a", "Alpha", "2019-02-15", grants + cfFiller},
				{"b", "Beta", "2019-02-15", included + cfFiller},
			},
			kind: storyfold.ConflictNumber, values: []string{"$5.7 billion", "$2.7 billion"}, rule: compare.RuleSpent,
		},
		{
			name: "control: the same sum",
			arts: []cfArticle{
				{"a", "Alpha", "2019-02-15", grants + cfFiller},
				{"b", "Beta", "2019-02-15", strings.Replace(included, "$2.7", "$5.7", 1) + cfFiller},
			},
		},
		{
			name: "control: another act",
			arts: []cfArticle{
				{"a", "Alpha", "2019-02-15", grants + cfFiller},
				{"b", "Beta", "2019-02-15", strings.Replace(included, "Mr. Trump demanded", "Mr. Trump vetoed", 1) + cfFiller},
			},
		},
		{
			name: "control: a participle with no subject",
			arts: []cfArticle{
				{"a", "Alpha", "2019-02-15", grants + cfFiller},
				{"b", "Beta", "2019-02-15", strings.Replace(included, "that Mr. Trump demanded", "demanded by the White House", 1) + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}

// TestConflictsOfOneStatementInOneWording pins a statement two outlets
// report in six unquoted words alike, after the speech verb, credited to
// different speakers. The sentences are BASIL 005a2961's, the change the
// one `eval conflicts` makes; the controls are the untouched pair, the
// run before the speech verb, and a run through a name (the untouched
// BASIL pairs of 2b9468af and 542cd22c it once joined).
func TestConflictsOfOneStatementInOneWording(t *testing.T) {
	const (
		nbc   = "John Smith told NBC News in an interview that plans to decide by June whether to run."
		trump = "Trump, who placed second in an NBC/ Wall Street Journal poll of potential 2012 Republican candidates, said he will decide by June whether to run, and if he is the GOP nominee, \"I'd like to beat him straight up,\" not on the basis of the question of where Obama was born."
	)
	tests := []conflictCase{
		{
			name: "one statement credited to two speakers",
			arts: []cfArticle{
				{"a", "Alpha", "2011-04-07", nbc + cfFiller},
				{"b", "Beta", "2011-04-07", trump + cfFiller},
			},
			kind: storyfold.ConflictPerson, values: []string{"John Smith", "Trump"}, rule: compare.RulePhrase,
		},
		{
			name: "control: one speaker",
			arts: []cfArticle{
				{"a", "Alpha", "2011-04-07", strings.Replace(nbc, "John Smith", "Trump", 1) + cfFiller},
				{"b", "Beta", "2011-04-07", trump + cfFiller},
			},
		},
		{
			name: "control: the run before the speech verb",
			arts: []cfArticle{
				{"a", "Alpha", "2011-04-07", "John Smith, who plans to decide by June whether to run, told NBC News in an interview he was weighing it." + cfFiller},
				{"b", "Beta", "2011-04-07", trump + cfFiller},
			},
		},
		{
			name: "control: a run through a name",
			arts: []cfArticle{
				{"a", "Alpha", "2015-02-25", "Ms. Rice said in an interview that the speech two weeks before the Israeli elections was destructive." + cfFiller},
				{"b", "Beta", "2015-02-25", "Obama has said he will not meet with Netanyahu ahead of his speech in March, saying it would be \"inappropriate\" to meet with the leader two weeks before the Israeli elections." + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}
