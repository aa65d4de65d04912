package compare_test

import (
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/compare"
)

// TestConflictsOfOtherActs pins the rules that keep apart values of
// different acts or measures, each read off a false conflict of BASIL's
// untouched stories (the sentences cut short), with a control that
// changes only what the rule reads and must still conflict: "not only"
// affirms, a day in an "after" clause or of a plan dates another event,
// an act addressed the other way round or to someone else is another
// act, a figure of other years or one the other sentence also gives is
// no contradiction. The positive cases are changes `eval conflicts`
// found with this session's rules: a denial within one fact, a figure of
// one actor's act on one day, one House Speaker named twice, one place
// written within two others.
func TestConflictsOfOtherActs(t *testing.T) {
	const (
		schiff = "“Undoubtedly there is collusion,” Schiff told The Washington Post on Tuesday."
		steele = "Fox News confirmed Steele sent an e-mail to committee members Saturday night with the subject line, \"conference call.\""
		gowdy  = "Committee Chairman Rep. Trey Gowdy, R-S.C., made the request in a letter sent Tuesday to Clinton's lawyer."
		rates  = "The new ones show that from 2007 through 2014 the couple paid $43,885,310 in federal taxes, for an effective tax rate of 31.55 percent."
	)
	tests := []conflictCase{
		{
			// BASIL 2a3fde8a.
			name: "not only criticized is no denial",
			arts: []cfArticle{
				{"a", "Alpha", "2018-08-13", "The report by the inspector general, Michael E. Horowitz, not only criticized his conduct in sending the texts but also his use of personal email accounts to handle sensitive information." + cfFiller},
				{"b", "Beta", "2018-08-13", "The inspector general report also criticized Strzok for his use of personal email accounts to handle sensitive information." + cfFiller},
			},
		},
		{
			name: "control: did not criticize is a denial",
			arts: []cfArticle{
				{"a", "Alpha", "2018-08-13", "The report by the inspector general, Michael E. Horowitz, did not criticize his conduct in sending the texts or his use of personal email accounts to handle sensitive information." + cfFiller},
				{"b", "Beta", "2018-08-13", "The inspector general report also criticized Strzok for his use of personal email accounts to handle sensitive information." + cfFiller},
			},
			kind: storyfold.ConflictNegation,
		},
		{
			// BASIL b7021938.
			name: "a day after after dates another event",
			arts: []cfArticle{
				{"a", "Alpha", "2019-03-28", "“Undoubtedly, there is collusion,” Schiff told The Washington Post after Attorney General William Barr's four-page summary of Mueller's investigation was released Sunday." + cfFiller},
				{"b", "Beta", "2019-03-28", schiff + cfFiller},
			},
		},
		{
			name: "control: the same sentence dating the telling",
			arts: []cfArticle{
				{"a", "Alpha", "2019-03-28", "“Undoubtedly, there is collusion,” Schiff told The Washington Post on Sunday about Attorney General William Barr's four-page summary of Mueller's investigation." + cfFiller},
				{"b", "Beta", "2019-03-28", schiff + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"Sunday", "Tuesday"},
		},
		{
			// BASIL 74708dbf.
			name: "a planned day is not the day of an act done",
			arts: []cfArticle{
				{"a", "Alpha", "2010-12-13", "Mr. Steele is expected to disclose his intentions during a conference call with committee members on Monday evening." + cfFiller},
				{"b", "Beta", "2010-12-13", steele + cfFiller},
			},
		},
		{
			name: "control: an act done on another day",
			arts: []cfArticle{
				{"a", "Alpha", "2010-12-13", "Mr. Steele disclosed his intentions in an e-mail to committee members on Monday evening." + cfFiller},
				{"b", "Beta", "2010-12-13", steele + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"Monday", "Saturday"},
		},
		{
			// BASIL c5534b7e.
			name: "a letter to the other sentence's subject is another act",
			arts: []cfArticle{
				{"a", "Alpha", "2015-03-31", gowdy + cfFiller},
				{"b", "Beta", "2015-03-31", "But in a letter to Mr. Gowdy on Friday, a lawyer for Mrs. Clinton said there was no need to turn over the server." + cfFiller},
			},
		},
		{
			// BASIL 6e502405.
			name: "tax rates of other years are other figures",
			arts: []cfArticle{
				{"a", "Alpha", "2016-08-12", rates + cfFiller},
				{"b", "Beta", "2016-08-12", "The Clintons' effective federal tax rate for 2014 was 35.7 percent." + cfFiller},
			},
		},
		{
			name: "control: a tax rate of the same years",
			arts: []cfArticle{
				{"a", "Alpha", "2016-08-12", rates + cfFiller},
				{"b", "Beta", "2016-08-12", "From 2007 through 2014 the Clintons paid an effective federal tax rate of 35.7 percent." + cfFiller},
			},
			kind: storyfold.ConflictNumber, values: []string{"31.55%", "35.7%"},
		},
		{
			// BASIL 6e502405.
			name: "earnings over eight years are not earnings of 2011 to 2014",
			arts: []cfArticle{
				{"a", "Alpha", "2016-08-12", "According to the returns, the Clintons earned $140,937,785 over the eight year span, primarily from book sales and speaking fees." + cfFiller},
				{"b", "Beta", "2016-08-12", "Mr. Clinton earned nearly $20 million between 2011 and 2014 from book sales and speaking fees." + cfFiller},
			},
		},
		{
			// BASIL 6e502405.
			name: "a sentence that gives both rates contradicts neither",
			arts: []cfArticle{
				{"a", "Alpha", "2016-08-12", "The couple paid an effective tax rate of roughly 36 percent in federal taxes." + cfFiller},
				{"b", "Beta", "2016-08-12", "The couple's effective tax rate in federal taxes was 35.7 percent, while the effective tax rate for federal, state and local taxes was 45.8 percent." + cfFiller},
			},
		},
		{
			// BASIL 70c75d68 and 1e41e98b, one story by storyfold's grouping.
			name: "negotiations are not an act negotiated",
			arts: []cfArticle{
				{"a", "Alpha", "2019-01-25", "But Democrats continued to insist they will not negotiate with Mr. Trump over border security until the government reopens." + cfFiller},
				{"b", "Beta", "2019-01-25", "President Donald Trump announced Friday a short-term plan that will reopen the government so that border security negotiations may continue." + cfFiller},
			},
		},
		{
			// BASIL 11c9f251, one verb negated as eval conflicts does. In
			// the story the two sentences are one fact with a similarity
			// of 0.38, under negationPair; alone, they are found either
			// way, so this case guards the finding, not the threshold.
			name: "a denial of a sentence of one fact",
			arts: []cfArticle{
				{"a", "Alpha", "2013-11-17", "Mary Cheney, the younger sister of Liz Cheney, a Wyoming Senate candidate, sharply did not criticize her sister’s stance on same-sex marriage and urged her own Facebook friends to share the message." + cfFiller},
				{"b", "Beta", "2013-11-17", "Mary Cheney, the younger sister of Wyoming U.S Senate candidate Liz Cheney (R) and daughter of former Vice President Dick Cheney, criticized her sister's opposition to same-sex marriage in a Friday Facebook post." + cfFiller},
			},
			kind: storyfold.ConflictNegation,
		},
		{
			// BASIL 68748e7f, one figure changed as eval conflicts does.
			name: "a figure of one actor's act on one day",
			arts: []cfArticle{
				{"a", "Alpha", "2013-04-02", "Former Rep. Asa Hutchinson (R-Ark.) on Tuesday released a 225-page report on school safety funded by the National Rifle Association." + cfFiller},
				{"b", "Beta", "2013-04-02", "With the Senate set to debate gun control this month, a National Rifle Association task force released a 425-page report on Tuesday that called for armed police officers in every American school." + cfFiller},
			},
			kind: storyfold.ConflictNumber, values: []string{"225", "425"},
		},
		{
			// BASIL 2f3e86b6, the speaker changed as eval conflicts does.
			name: "one House Speaker is one person",
			arts: []cfArticle{
				{"a", "Alpha", "2019-03-08", "But House Speaker John Smith, D-Calif., said the bill \"restores the people's faith that government works for the public interest.\"" + cfFiller},
				{"b", "Beta", "2019-03-08", "“This is a historic day, a pivotal day, a day that will make a difference,” House Speaker Nancy Pelosi (D-Calif.) said." + cfFiller},
			},
			kind: storyfold.ConflictPerson, values: []string{"John Smith", "Nancy Pelosi"},
		},
		{
			// BASIL 9879bbc0, the place changed as eval conflicts does.
			name: "one place written within two others",
			arts: []cfArticle{
				{"a", "Alpha", "2013-01-23", "The classified version of a State Department review of last year's assault on an American compound in Benghazi, France, found that it was impossible to say what exactly motivated the attackers." + cfFiller},
				{"b", "Beta", "2013-01-23", "Hillary Rodham Clinton on Wednesday vigorously defended her handling of last September’s attack on the United States diplomatic compound in Benghazi, Libya, which killed four Americans." + cfFiller},
			},
			kind: storyfold.ConflictPlace, values: []string{"France", "Libya"}, rule: compare.RuleSeat,
		},
		{
			name: "a place written within a place that holds the other's is no conflict",
			arts: []cfArticle{
				{"a", "Alpha", "2018-10-24", "Investigators said the package was found at a mail facility in Manhattan, New York, early on Wednesday morning by postal workers." + cfFiller},
				{"b", "Beta", "2018-10-24", "Investigators said the package was found at a mail facility in Manhattan, United States, early on Wednesday morning by postal workers." + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}
