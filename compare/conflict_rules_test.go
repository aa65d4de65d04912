package compare_test

import (
	"testing"

	"github.com/storyfold/storyfold"
)

// TestConflictsInOtherWords pins the rules that find conflicts between
// sentences that state one claim in words too different for the slot of
// the value to match: a place each close sentence alone names, a role set
// off by commas, an announcement denied, an act's object past the words
// that say when, a sum of the same thing. The excerpts are BASIL sentences
// of the tuning half, one value changed as `eval conflicts` changes it;
// the negative cases come from the shipped example and BASIL.
func TestConflictsInOtherWords(t *testing.T) {
	tests := []conflictCase{
		{
			// BASIL 97b1305c, the second sentence reworded.
			name: "a place each close sentence alone names is a place conflict",
			arts: []cfArticle{
				{"a", "Alpha", "2010-07-14", "Delegates at the annual convention of the National Association for the Advancement of Colored People approved the measure Tuesday in Kansas City." + cfFiller},
				{"b", "Beta", "2010-07-14", "The measure was approved by delegates during the annual convention in Paris of the National Association for the Advancement of Colored People." + cfFiller},
			},
			kind: storyfold.ConflictPlace, values: []string{"Kansas City", "Paris"},
		},
		{
			// examples/ukraine-talks, articles 001 and 002.
			name: "a place in a title is not where the claim took place",
			arts: []cfArticle{
				{"a", "Alpha", "", "This follows Treasury Secretary Bessent’s recent visit to Kyiv, where discussions centered on exchanging security support for access to Ukraine’s rare earth resources." + cfFiller},
				{"b", "Beta", "", "This conference follows discussions between US Treasury Secretary Scott Bessent and Ukrainian officials, which centered on exchanging security support for access to rare earth resources." + cfFiller},
			},
		},
		{
			// BASIL b764f81f.
			name: "a role set off by commas before the name is the speaker's role",
			arts: []cfArticle{
				{"a", "Alpha", "", "Colorado Attorney General Mary Johnson said the lawsuit filed by Nebraska and Oklahoma was without merit." + cfFiller},
				{"b", "Beta", "", "Colorado’s attorney general, John Suthers, a Republican, said in a statement that the lawsuit from Nebraska and Oklahoma was without merit." + cfFiller},
			},
			kind: storyfold.ConflictPerson, values: []string{"Mary Johnson", "John Suthers"},
		},
		{
			// BASIL af4a3f41.
			name: "an announcement denied is a negation",
			arts: []cfArticle{
				{"a", "Alpha", "", "Mike Huckabee, a former Republican governor of Arkansas and preacher, has not announced his run for the presidency." + cfFiller},
				{"b", "Beta", "", "Mike Huckabee, the Baptist minister who became Arkansas governor, announced Tuesday he'll run for the 2016 Republican presidential nomination." + cfFiller},
			},
			kind: storyfold.ConflictNegation,
		},
		{
			// BASIL 74708dbf.
			name: "an act's object is read past the words that say when",
			arts: []cfArticle{
				{"a", "Alpha", "", "The contenders include Maria Cino, a veteran Republican operative, and Gentry Collins, who did not resign last month as political director." + cfFiller},
				{"b", "Beta", "", "Veteran Republican operative Maria Cino and recently resigned political director Gentry Collins also round out the list of contenders." + cfFiller},
			},
			kind: storyfold.ConflictNegation,
		},
		{
			// BASIL f506aafc.
			name: "two sums of campaign money are one figure told in other words",
			arts: []cfArticle{
				{"a", "Alpha", "2013-02-20", "Jesse L. Jackson Jr., the former Democratic representative from Illinois, pleaded guilty on Wednesday to one felony fraud count in connection with his use of $450,000 in campaign money to pay for living expenses and buy items like stuffed animals, elk heads and fur capes." + cfFiller},
				{"b", "Beta", "2013-02-20", "Former Rep. Jesse Jackson Jr. pleaded guilty Wednesday in federal court to charges that he spent $750,000 in campaign cash on personal items." + cfFiller},
			},
			kind: storyfold.ConflictNumber, values: []string{"$450,000", "$750,000"},
		},
		{
			// BASIL df5fe55a (an untouched story).
			name: "durations of the same noun are not one figure",
			arts: []cfArticle{
				{"a", "Alpha", "", "Summers added that he thinks Congress will pass the deal President Obama struck with Republicans, an agreement that has come under withering criticism from liberal Democrats over the two-year extension of tax cuts for the rich as well as the middle class." + cfFiller},
				{"b", "Beta", "", "Summers himself, downplayed the significance of continuing the Bush tax cuts back in September -- though he was speaking, then, about the rates for the rich and the tax cut deal, at that point in time, did not include money for a 13-month extension of unemployment insurance or other tax incentives to help lower income workers." + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}
