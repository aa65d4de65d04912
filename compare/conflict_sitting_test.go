package compare_test

import (
	"testing"

	"github.com/storyfold/storyfold"
)

// TestConflictsBesideInterviewDays pins, on BASIL 79bf99c6's ledes and the
// changed day `eval conflicts` makes, the day an article gives to an
// interview ("in a Monday interview with The Washington Post"): it dates
// that sitting, not another act, so the two ledes that date Pelosi's
// re-election on two days disagree though each article gives the other's
// day elsewhere. The controls keep the day, and give the day elsewhere to
// an act rather than to an interview (two events of the week, no
// conflict).
func TestConflictsBesideInterviewDays(t *testing.T) {
	const (
		// BASIL 79bf99c6 (fox, hpo), the fox day changed.
		fox     = "California Democratic Rep. Nancy Pelosi on Monday was appointed to an eighth term as House minority leader, surviving a challenge from a Midwestern Democrat backed by caucus members frustrated over repeated election loses and an aging leadership team.\n\n"
		foxWed  = "“We know how to win elections,” she said Wednesday."
		hpoLede = "WASHINGTON ― House Minority Leader Nancy Pelosi (D-Calif.) was re-elected to her leadership post Wednesday morning. But more than 60 Democrats voted against her.\n\n"
		hpoMon  = "Pelosi said she did not agree with Ryan’s assessment in a Monday interview with The Washington Post."
	)
	tests := []conflictCase{
		{
			name: "the other day is an interview's",
			arts: []cfArticle{
				{"a", "fox", "2016-11-30", fox + foxWed + cfFiller},
				{"b", "hpo", "2016-11-30", hpoLede + hpoMon + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"Monday 28 November 2016", "Wednesday 30 November 2016"},
		},
		{
			name: "the other day after the interview",
			arts: []cfArticle{
				{"a", "fox", "2016-11-30", fox + foxWed + cfFiller},
				{"b", "hpo", "2016-11-30", hpoLede + "Pelosi said in an interview on Monday that she did not agree with Ryan’s assessment." + cfFiller},
			},
			kind: storyfold.ConflictDate, values: []string{"Monday 28 November 2016", "Wednesday 30 November 2016"},
		},
		{
			name: "control: the same day",
			arts: []cfArticle{
				{"a", "fox", "2016-11-30", "California Democratic Rep. Nancy Pelosi on Wednesday was appointed to an eighth term as House minority leader, surviving a challenge from a Midwestern Democrat backed by caucus members frustrated over repeated election loses and an aging leadership team.\n\n" + foxWed + cfFiller},
				{"b", "hpo", "2016-11-30", hpoLede + hpoMon + cfFiller},
			},
		},
		{
			name: "control: the other day is an act's",
			arts: []cfArticle{
				{"a", "fox", "2016-11-30", fox + foxWed + cfFiller},
				{"b", "hpo", "2016-11-30", hpoLede + "Pelosi met Ryan on Monday to hear his assessment." + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}
