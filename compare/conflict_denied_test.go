package compare_test

import (
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/compare"
)

// TestConflictsOfDatesAndDenials pins the rules that find a changed day,
// a denied claim and a changed label number where the two sentences word
// the claim differently: a predicate denied after "is not" or "was not"
// against the same word written plainly about the same actor, an act told
// in reported speech with its subject right before the verb, the same act
// in the past by two days, the same words quoted from one person on two
// days, one person in two places on one day, one title of one body given
// to two people, a number that names a measure. The excerpts are BASIL
// sentences of the tuning half, one value changed as `eval conflicts`
// changes it; the negative cases are BASIL sentences as they stand.
func TestConflictsOfDatesAndDenials(t *testing.T) {
	tests := []conflictCase{
		{
			// BASIL 0c78e748.
			name: "a participle denied after was not against its noun",
			arts: []cfArticle{
				{"a", "Alpha", "2017-12-04", "Clinton was not interviewed by FBI agents as part of the investigation into her exclusive use of a private email system while secretary of state." + cfFiller},
				{"b", "Beta", "2017-12-04", "Mrs. Clinton gave a voluntary interview to the bureau in July 2016 during its investigation into whether she or her aides broke the law by corresponding through a private email server set up for her use as secretary of state." + cfFiller},
			},
			kind: storyfold.ConflictNegation,
			rule: compare.RulePredicate,
		},
		{
			// BASIL b764f81f.
			name: "an adjective denied after is not against the same adjective",
			arts: []cfArticle{
				{"a", "Alpha", "2014-12-18", "The states of Nebraska and Oklahoma filed a federal lawsuit in the U.S. Supreme Court Thursday, claiming that Colorado's legalization of recreational marijuana is not unconstitutional under federal law." + cfFiller},
				{"b", "Beta", "2014-12-19", "Colorado's top law enforcement official promises to vigorously defend the state's historic law legalizing marijuana after Nebraska and Oklahoma asked the U.S. Supreme Court to declare it unconstitutional, saying the drug is freely flowing into neighboring states." + cfFiller},
			},
			kind: storyfold.ConflictNegation,
		},
		{
			// BASIL c9e4d35f.
			name: "an act reported with its subject before the verb is denied",
			arts: []cfArticle{
				{"a", "Alpha", "2019-01-18", "The special counsel investigating Russian interference in the 2016 election disputed on Friday a report that said President Trump had not directed Michael D. Cohen, his longtime lawyer and fixer, to lie to Congress about his role in negotiations to build a skyscraper in Moscow." + cfFiller},
				{"b", "Beta", "2019-01-18", "In a rare statement issued Friday night, special counsel Robert Mueller’s team disputed BuzzFeed’s explosive report Thursday that said President Donald Trump directed attorney Michael Cohen to lie to Congress." + cfFiller},
			},
			kind: storyfold.ConflictNegation,
			rule: compare.RuleReported,
		},
		{
			// BASIL 06ffda2d, as it stands.
			name: "the object of a denial is no predicate denied",
			arts: []cfArticle{
				{"a", "Alpha", "2018-04-06", "U.S. Representative Blake Farenthold resigned from Congress on Friday, following multiple allegations of sexual harassment, misconduct and inappropriate behavior." + cfFiller},
				{"b", "Beta", "2018-04-06", "In a video in December announcing his resignation, Mr. Farenthold continued to deny the allegations." + cfFiller},
			},
		},
		{
			// BASIL 4f473faf.
			name: "the same act in the past by two days dates it",
			arts: []cfArticle{
				{"a", "Alpha", "2015-03-31", "But state lawmakers and Republican Gov. Mike Pence have been defending and trying to explain the Religious Freedom Restoration Act ever since the governor signed it into law on Tuesday." + cfFiller},
				{"b", "Beta", "2015-03-29", "The governor, a Republican, told The Indianapolis Star on Saturday that he was taken aback by negative reactions to the state’s Religious Freedom Restoration Act, which he signed into law on Thursday." + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"Tuesday", "Thursday"},
			rule: compare.RuleActDay,
		},
		{
			// BASIL 4f473faf, the act of the first sentence changed.
			name: "another act by another day is another event",
			arts: []cfArticle{
				{"a", "Alpha", "2015-03-31", "But state lawmakers and Republican Gov. Mike Pence have been defending and trying to explain the Religious Freedom Restoration Act ever since the legislature passed it on Tuesday." + cfFiller},
				{"b", "Beta", "2015-03-29", "The governor, a Republican, told The Indianapolis Star on Saturday that he was taken aback by negative reactions to the state’s Religious Freedom Restoration Act, which he signed into law on Thursday." + cfFiller},
			},
		},
		{
			// BASIL 4f473faf, the first day moved weeks away.
			name: "the same act by days weeks apart is done twice",
			arts: []cfArticle{
				{"a", "Alpha", "2015-03-31", "But state lawmakers and Republican Gov. Mike Pence have been defending and trying to explain the Religious Freedom Restoration Act ever since the governor signed it into law on March 3." + cfFiller},
				{"b", "Beta", "2015-03-29", "The governor, a Republican, told The Indianapolis Star on Saturday that he was taken aback by negative reactions to the state’s Religious Freedom Restoration Act, which he signed into law on Thursday." + cfFiller},
			},
		},
		{
			// BASIL 4f473faf, the object of the first act changed.
			name: "the same verb with another object by another day is another act",
			arts: []cfArticle{
				{"a", "Alpha", "2015-03-31", "But state lawmakers and Republican Gov. Mike Pence have been defending and trying to explain the Religious Freedom Restoration Act ever since the governor signed a budget bill on Tuesday." + cfFiller},
				{"b", "Beta", "2015-03-29", "The governor, a Republican, told The Indianapolis Star on Saturday that he was taken aback by negative reactions to the state’s Religious Freedom Restoration Act, which he signed into law on Thursday." + cfFiller},
			},
		},
		{
			// BASIL a4f1d515, "are" negated as `eval conflicts` negates it:
			// the denied name and the sentence naming it share too little
			// else (0.21 of their words) to be one claim.
			name: "a name denied after are against a list that names it",
			arts: []cfArticle{
				{"a", "Alpha", "2013-06-07", "The companies that participate knowingly in the program are not Microsoft, Yahoo, Google, Facebook, PalTalk, AOL, Skype, YouTube and Apple, the Washington Post reports." + cfFiller},
				{"b", "Beta", "2013-06-07", "He appeared to be attempting to push back against early reports that the government had direct access to the huge computer servers at Google, Microsoft, Facebook and similar companies." + cfFiller},
			},
		},
		{
			// BASIL 96b7046f.
			name: "the same words quoted from one person on two days",
			arts: []cfArticle{
				{"a", "Alpha", "2014-12-01", "On Wednesday, the aide, Elizabeth Lauten, 31, who has more than 14,000 followers on Twitter as @DCGopGirl and at the time was a spokeswoman for a little-known congressman from Tennessee, wrote an open letter to Sasha and Malia Obama on her Facebook page, saying they should “try showing a little class” and “dress like you deserve respect, not a spot at a bar.”" + cfFiller},
				{"b", "Beta", "2014-11-30", "Elizabeth Lauten wrote in a now-deleted Facebook post Friday that Malia and Sasha Obama, aged 16 and 13 respectively, should \"try showing a little class\" and described their outfits as more appropriate for \"a spot at the bar.\"" + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"Wednesday", "Friday"},
			rule: compare.RuleQuoteDay,
		},
		{
			// BASIL 96b7046f, the first day moved weeks away.
			name: "the same words quoted weeks apart are said twice",
			arts: []cfArticle{
				{"a", "Alpha", "2014-12-01", "On November 3, the aide, Elizabeth Lauten, 31, who has more than 14,000 followers on Twitter as @DCGopGirl and at the time was a spokeswoman for a little-known congressman from Tennessee, wrote an open letter to Sasha and Malia Obama on her Facebook page, saying they should “try showing a little class” and “dress like you deserve respect, not a spot at a bar.”" + cfFiller},
				{"b", "Beta", "2014-11-30", "Elizabeth Lauten wrote in a now-deleted Facebook post Friday that Malia and Sasha Obama, aged 16 and 13 respectively, should \"try showing a little class\" and described their outfits as more appropriate for \"a spot at the bar.\"" + cfFiller},
			},
		},
		{
			// BASIL 65cb14cb.
			name: "one person in two places on one day",
			arts: []cfArticle{
				{"a", "Alpha", "2012-02-19", "It was during a campaign stop in Florida on Saturday that Mr. Santorum described what he called the “phony theology” of Mr. Obama’s agenda." + cfFiller},
				{"b", "Beta", "2012-02-19", "In a speech to Tea Party conservatives on Saturday in Columbus, Ohio, Santorum had dismissed Obama’s politics as being based in “some phony theology.”" + cfFiller},
			},
			kind: storyfold.ConflictPlace, values: []string{"Florida", "Ohio"},
			rule: compare.RuleWhere,
		},
		{
			// BASIL 65cb14cb, as it stands.
			name: "a city and the state it lies in are one place",
			arts: []cfArticle{
				{"a", "Alpha", "2012-02-19", "It was during a campaign stop in Ohio on Saturday that Mr. Santorum described what he called the “phony theology” of Mr. Obama’s agenda." + cfFiller},
				{"b", "Beta", "2012-02-19", "In a speech to Tea Party conservatives on Saturday in Columbus, Ohio, Santorum had dismissed Obama’s politics as being based in “some phony theology.”" + cfFiller},
			},
		},
		{
			// BASIL 4f473faf.
			name: "one title of one body given to two people",
			arts: []cfArticle{
				{"a", "Alpha", "2015-03-31", "“We are especially concerned about how this legislation could affect our student-athletes and employees,” said NCAA President John Smith." + cfFiller},
				{"b", "Beta", "2015-03-29", "In a statement on Thursday, the N.C.A.A. president, Mark Emmert, said the organization was “deeply concerned” about the legislation." + cfFiller},
			},
			kind: storyfold.ConflictPerson, values: []string{"John Smith", "Mark Emmert"},
			rule: compare.RuleTitle,
		},
		{
			// BASIL 4f473faf, the first title made a past one.
			name: "a former holder of a title is another person",
			arts: []cfArticle{
				{"a", "Alpha", "2015-03-31", "“We are especially concerned about how this legislation could affect our student-athletes and employees,” said former NCAA President John Smith." + cfFiller},
				{"b", "Beta", "2015-03-29", "In a statement on Thursday, the N.C.A.A. president, Mark Emmert, said the organization was “deeply concerned” about the legislation." + cfFiller},
			},
		},
		{
			// examples/ukraine-talks, articles 001 and 003.
			name: "a title run into by other words names no body",
			arts: []cfArticle{
				{"a", "Alpha", "", "Trump has been pushing for a swift resolution to the conflict, while Ukraine's President Volodymyr Zelenskyy has emphasized the importance of his country being involved in any negotiations." + cfFiller},
				{"b", "Beta", "", "An unprecedented warming of relations between the two countries has caused Kyiv to worry that it may be left out of peace discussions regarding Ukraine after President Trump announced his intention to meet with Putin in Saudi Arabia." + cfFiller},
			},
		},
		{
			// BASIL b764f81f.
			name: "a number that names a measure",
			arts: []cfArticle{
				{"a", "Alpha", "2014-12-19", "The two states filed a lawsuit seeking a court order to prevent Colorado from enforcing the measure known as Amendment 34, which was approved by voters in 2012 and allows recreational marijuana for adults over 21." + cfFiller},
				{"b", "Beta", "2014-12-18", "Colorado voters approved Amendment 64, legalizing recreational marijuana in the state, in 2012." + cfFiller},
			},
			kind: storyfold.ConflictNumber, values: []string{"34", "64"},
			rule: compare.RuleLabel,
		},
	}
	runConflictCases(t, tests)
}
