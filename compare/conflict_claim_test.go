package compare_test

import (
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/compare"
)

// TestConflictsOfOneClaimInFewWords pins the pairs the story's index
// misses, as sentences of one claim in other words share too few of their
// rarest words, and that what they share still meets: one actor and one
// act, one speech verb to one listener, five words quoted alike, one
// modal act affirmed and denied. Each
// pair goes through the kinds' own rules, so each case has a control
// that shares the rest but not the key, or the key but not the claim,
// and must not conflict. The sentences are BASIL's (cut short where
// marked), the changes those `eval conflicts` makes; the vague
// magnitudes are BASIL's too.
func TestConflictsOfOneClaimInFewWords(t *testing.T) {
	const (
		// BASIL aab91277: the name opening the sentence is the subject
		// of "told" past the phrases set off by commas, and "Dec. 1" is
		// a date, not a person who told.
		stone = "Stone, according to the indictment, “on multiple occasions” around Dec. 1, 2017, told Credico (“Person 2”) that he should “do a ‘Frank Pentangeli’” in his testimony before the House Permanent Select Committee on Intelligence “to avoid contradicting Stone’s testimony.”"
		// BASIL 2153fb3e.
		obama = "The House vote to reaffirm that \"In God We Trust\" is the U.S. motto is \"not putting people back to work,\" President Obama said Wednesday in a speech pushing his jobs bill."
		// BASIL 38f7cbb7; the other sentence is the one `eval conflicts`
		// changes, "would" to "would not".
		sestak = "President Obama’s chief of staff used former President Bill Clinton as an intermediary to see if Representative Joe Sestak would drop out of Pennsylvania’s Democratic Senate primary if given a prominent, but unpaid, advisory position, the White House said on Friday."
		// BASIL 84b3c118, the first cut short (after "Wearing a dark
		// suit ... matching gloves,").
		trump = "Mr. Trump took the 35-word oath administered by Chief Justice John G. Roberts Jr. precisely at noon."
		oath  = "Chief Justice John Roberts administered the 38-word oath at 12:00 p.m., capping Trump’s unlikely journey from New York City real estate developer and reality TV star to the nation’s highest office."
	)
	tests := []conflictCase{
		{
			name: "one speech verb to one listener: a different speaker",
			arts: []cfArticle{
				{"a", "Alpha", "2019-01-25", "Mr. John Smith told Mr. Credico he should “do a ‘Frank Pentangeli’” before the House committee, the indictment said, a reference to a “Godfather” character who lies to Congress about his interactions with the Mafia." + cfFiller},
				{"b", "Beta", "2019-01-25", "Roger Stone was arrested at his home in Fort Lauderdale.\n\n" + stone + cfFiller},
			},
			kind: storyfold.ConflictPerson, values: []string{"John Smith", "Stone"},
		},
		{
			name: "control: the same speaker to another listener",
			arts: []cfArticle{
				{"a", "Alpha", "2019-01-25", "Mr. John Smith told Mr. Corsi he should “do a ‘Frank Pentangeli’” before the House committee, the indictment said, a reference to a “Godfather” character who lies to Congress about his interactions with the Mafia." + cfFiller},
				{"b", "Beta", "2019-01-25", "Roger Stone was arrested at his home in Fort Lauderdale.\n\n" + stone + cfFiller},
			},
		},
		{
			name: "control: another person named before the verb is its subject",
			arts: []cfArticle{
				{"a", "Alpha", "2019-01-25", "Mr. John Smith told Mr. Credico he should “do a ‘Frank Pentangeli’” before the House committee, the indictment said, a reference to a “Godfather” character who lies to Congress about his interactions with the Mafia." + cfFiller},
				{"b", "Beta", "2019-01-25", "Roger Stone was arrested at his home in Fort Lauderdale.\n\nStone, according to the indictment, “on multiple occasions” around Dec. 1, 2017, his friend John Smith told Credico (“Person 2”) that he should “do a ‘Frank Pentangeli’” in his testimony before the House Permanent Select Committee on Intelligence “to avoid contradicting Stone’s testimony.”" + cfFiller},
			},
		},
		{
			name: "five words quoted alike: a different speaker",
			arts: []cfArticle{
				{"a", "Alpha", "2011-11-02", "The president spoke at a bridge over the Ohio River in Cincinnati.\n\n“I trust in God,” President John Smith said on Wednesday, “but God wants to see us help ourselves by putting people back to work!”" + cfFiller},
				{"b", "Beta", "2011-11-02", "President Barack Obama spoke in Washington on the jobs bill.\n\n" + obama + cfFiller},
			},
			kind: storyfold.ConflictPerson, values: []string{"John Smith", "Obama"},
		},
		{
			name: "control: four words quoted alike",
			arts: []cfArticle{
				{"a", "Alpha", "2011-11-02", "The president spoke at a bridge over the Ohio River in Cincinnati.\n\n“I trust in God,” President John Smith said on Wednesday, “but God wants to see us help ourselves by putting people to work!”" + cfFiller},
				{"b", "Beta", "2011-11-02", "President Barack Obama spoke in Washington on the jobs bill.\n\n" + obama + cfFiller},
			},
		},
		{
			name: "one actor and one act: a different figure",
			arts: []cfArticle{
				{"a", "Alpha", "2017-01-20", trump + cfFiller},
				{"b", "Beta", "2017-01-20", oath + cfFiller},
			},
			kind: storyfold.ConflictNumber, values: []string{"35", "38"},
		},
		{
			name: "control: the oath taken, not administered",
			arts: []cfArticle{
				{"a", "Alpha", "2017-01-20", "Mr. Trump took the 35-word oath precisely at noon." + cfFiller},
				{"b", "Beta", "2017-01-20", oath + cfFiller},
			},
		},
		{
			name: "one modal act affirmed and denied",
			arts: []cfArticle{
				{"a", "Alpha", "2010-05-28", sestak + cfFiller},
				{"b", "Beta", "2010-05-28", "The White House asked former President Bill Clinton to talk to Rep. Joe Sestak about the possibility of obtaining a senior position in the Obama administration if he would not drop out of the Democratic primary race against establishment-backed Sen. Arlen Specter, the Obama administration said in a report released Friday morning." + cfFiller},
			},
			kind: storyfold.ConflictNegation,
		},
		{
			name: "control: a modal act against a denied act",
			arts: []cfArticle{
				{"a", "Alpha", "2010-05-28", sestak + cfFiller},
				{"b", "Beta", "2010-05-28", "The White House asked former President Bill Clinton to talk to Rep. Joe Sestak about the possibility of obtaining a senior position in the Obama administration after he did not drop out of the Democratic primary race against establishment-backed Sen. Arlen Specter, the Obama administration said in a report released Friday morning." + cfFiller},
			},
		},
		{
			// BASIL 84b3c118: the outlets agree.
			name: "dozens is not contradicted by about 60",
			arts: []cfArticle{
				{"a", "Alpha", "2017-01-20", "While dozens of House Democrats boycotted Friday’s ceremonies – a move that fueled disputes with Trump’s team over the weekend – other prominent Democrats and past presidents of both parties were in attendance for the transfer of power." + cfFiller},
				{"b", "Beta", "2017-01-20", "In a city that gave just 4 percent of its vote to Mr. Trump, many residents left town and about 60 House Democrats boycotted the event at the transfer of power." + cfFiller},
			},
		},
		{
			// BASIL 472158a1, the figure `eval conflicts` changes.
			name: "thousands is contradicted by millions",
			arts: []cfArticle{
				{"a", "Alpha", "2016-07-28", "Bloomberg also charged that Trump had \"left behind a well-documented record of bankruptcies and thousands of lawsuits and angry shareholders and contractors who feel cheated.\"" + cfFiller},
				{"b", "Beta", "2016-07-28", "Bloomberg also charged that Trump had \"left behind a well-documented record of bankruptcies and millions of lawsuits and angry shareholders and contractors who feel cheated.\"" + cfFiller},
			},
			kind: storyfold.ConflictNumber, values: []string{"1000", "1 million"},
		},
		{
			// BASIL 08bb9bee, the day `eval conflicts` changes; each
			// article gives the other's day elsewhere.
			name: "one actor's act on two days, each article giving both days",
			arts: []cfArticle{
				{"a", "Alpha", "2012-08-21", "Mitt Romney joined several other Republicans Sunday in calling on Missouri Rep. Todd Akin to give up his bid for Senate over his controversial comments on rape, as the Republican congressman continued to hold his ground and vowed to stay in the race.\n\nIn a statement released Tuesday afternoon, they said his presence does not serve \"the national interest.\"" + cfFiller},
				{"b", "Beta", "2012-08-21", "Presumptive GOP presidential nominee Mitt Romney on Tuesday joined a chorus of Republicans calling for Rep. Todd Akin (R-Mo.) to drop out of the U.S. Senate race in Missouri.\n\nOn Sunday, Akin prompted outrage with his response to a question about supporting abortion in the case of rape." + cfFiller},
			},
			kind: storyfold.ConflictDate, rule: compare.RuleActDay, values: []string{"Sunday", "Tuesday"},
		},
		{
			name: "control: two acts of one actor, each article giving both days",
			arts: []cfArticle{
				{"a", "Alpha", "2012-08-21", "Mitt Romney spoke with several other Republicans Sunday about Missouri Rep. Todd Akin and his bid for Senate over his controversial comments on rape, as the Republican congressman continued to hold his ground and vowed to stay in the race.\n\nIn a statement released Tuesday afternoon, they said his presence does not serve \"the national interest.\"" + cfFiller},
				{"b", "Beta", "2012-08-21", "Presumptive GOP presidential nominee Mitt Romney on Tuesday joined a chorus of Republicans calling for Rep. Todd Akin (R-Mo.) to drop out of the U.S. Senate race in Missouri.\n\nOn Sunday, Akin prompted outrage with his response to a question about supporting abortion in the case of rape." + cfFiller},
			},
		},
		{
			// BASIL df6a55fb, the negation `eval conflicts` adds.
			name: "an act being prepared, denied as a coming act",
			arts: []cfArticle{
				{"a", "Alpha", "2017-05-10", "The House Intelligence Committee will not issue subpoenas to Michael T. Flynn, President Trump’s first national security adviser, the committee’s senior Democrat said on Wednesday, escalating Mr. Flynn’s troubles with Congress." + cfFiller},
				{"b", "Beta", "2017-05-10", "WASHINGTON ― The House intelligence committee is preparing to issue subpoenas against Michael Flynn after the former national security adviser denied a request to voluntarily turn over documents related to the committee’s Russia probe." + cfFiller},
			},
			kind: storyfold.ConflictNegation, rule: compare.RuleDenial,
		},
		{
			name: "control: a not anywhere in the affirming sentence",
			arts: []cfArticle{
				{"a", "Alpha", "2017-05-10", "The House Intelligence Committee will not issue subpoenas to Michael T. Flynn, President Trump’s first national security adviser, the committee’s senior Democrat said on Wednesday, escalating Mr. Flynn’s troubles with Congress." + cfFiller},
				{"b", "Beta", "2017-05-10", "WASHINGTON ― The House intelligence committee is preparing to issue subpoenas against Michael Flynn after the former national security adviser did not answer a request to voluntarily turn over documents related to the committee’s Russia probe." + cfFiller},
			},
		},
		{
			// BASIL 58ed2376, the negation `eval conflicts` adds to the
			// first.
			name: "a modal act of a relative clause after an announcement",
			arts: []cfArticle{
				{"a", "Alpha", "2014-02-26", "Prominent Republicans are calling for Ariz. Gov. Jan Brewer to veto a controversial bill that would not allow businesses to deny service over religious beliefs." + cfFiller},
				{"b", "Beta", "2014-02-26", "Arizona Gov. Jan Brewer (R) announced her decision to veto legislation on Wednesday that would have allowed businesses to legally refuse service to anyone on \"religious freedom\" grounds, effectively allowing them to discriminate against same-sex couples." + cfFiller},
			},
			kind: storyfold.ConflictNegation, rule: compare.RuleDenial,
		},
		{
			name: "control: the modal act in what the speaker said",
			arts: []cfArticle{
				{"a", "Alpha", "2014-02-26", "Prominent Republicans are calling for Ariz. Gov. Jan Brewer to veto a controversial bill that would not allow businesses to deny service over religious beliefs." + cfFiller},
				{"b", "Beta", "2014-02-26", "Arizona Gov. Jan Brewer (R) announced her decision to veto legislation on Wednesday, saying she would have allowed businesses to legally refuse service to anyone on \"religious freedom\" grounds, effectively allowing them to discriminate against same-sex couples." + cfFiller},
			},
		},
		{
			// BASIL 1f99798f, the place `eval conflicts` changes in the
			// first: the second's list of names gives the home in a
			// clause of names alone.
			name: "a home given in a clause of names",
			arts: []cfArticle{
				{"a", "Alpha", "2018-10-25", "Forensic investigators in Quantico, Va., have been sifting through the packages addressed to former President Barack Obama, former Secretary of State Hillary Clinton, liberal billionaire George Soros, former Attorney General Eric Holder, former CIA Director John Brennan and Texas Democratic Rep. Maxine Waters." + cfFiller},
				{"b", "Beta", "2018-10-25", "The packages — virtually identical in plain manila envelopes — have been addressed to former President Barack Obama; former Vice President Joseph R. Biden Jr.; former Secretary of State Hillary Clinton; Representative Maxine Waters of California; former Attorney General Eric Holder; John O. Brennan, a former C.I.A. director, the actor Robert De Niro; and George Soros, the billionaire Democratic donor." + cfFiller},
			},
			kind: storyfold.ConflictPlace, rule: compare.RuleHome, values: []string{"Texas", "California"},
		},
		{
			name: "control: the same home in a clause of names",
			arts: []cfArticle{
				{"a", "Alpha", "2018-10-25", "Forensic investigators in Quantico, Va., have been sifting through the packages addressed to former President Barack Obama, former Secretary of State Hillary Clinton, liberal billionaire George Soros, former Attorney General Eric Holder, former CIA Director John Brennan and California Democratic Rep. Maxine Waters." + cfFiller},
				{"b", "Beta", "2018-10-25", "The packages — virtually identical in plain manila envelopes — have been addressed to former President Barack Obama; former Vice President Joseph R. Biden Jr.; former Secretary of State Hillary Clinton; Representative Maxine Waters of California; former Attorney General Eric Holder; John O. Brennan, a former C.I.A. director, the actor Robert De Niro; and George Soros, the billionaire Democratic donor." + cfFiller},
			},
		},
		{
			// BASIL 4f473faf, the place `eval conflicts` changes in the
			// second.
			name: "one actor's travel to two places",
			arts: []cfArticle{
				{"a", "Alpha", "2015-03-30", "Washington Gov. Jay Inslee (D) announced Monday that he would ban state-funded travel to Indiana, where a controversial new law could allow businesses to deny service to gay and lesbian individuals for religious reasons." + cfFiller},
				{"b", "Beta", "2015-03-31", "The backlash to Indiana's new religious freedom law grew Monday, even as state lawmakers move to clarify the legislation, with Wash. Gov. Jay Inslee and Seattle Mayor Ed Murray banning government-funded travel to Georgia." + cfFiller},
			},
			kind: storyfold.ConflictPlace, rule: compare.RuleJourney, values: []string{"Indiana", "Georgia"},
		},
		{
			name: "control: each article sends the travel to both places",
			arts: []cfArticle{
				{"a", "Alpha", "2015-03-30", "Washington Gov. Jay Inslee (D) announced Monday that he would ban state-funded travel to Indiana, where a controversial new law could allow businesses to deny service to gay and lesbian individuals for religious reasons.\n\nA similar law in Georgia was debated." + cfFiller},
				{"b", "Beta", "2015-03-31", "The backlash to Indiana's new religious freedom law grew Monday, even as state lawmakers move to clarify the legislation, with Wash. Gov. Jay Inslee and Seattle Mayor Ed Murray banning government-funded travel to Georgia." + cfFiller},
			},
		},
		{
			// BASIL be026bd1, the place `eval conflicts` changes in the
			// first: a place written before the journey noun. The first
			// names "Sarah Sanders", whom the whole story makes one person
			// with the second's "Sarah Huckabee Sanders", and two
			// sentences do not.
			name: "one actor's trip written two ways to two places",
			arts: []cfArticle{
				{"a", "Alpha", "2017-11-09", "Speaking to reporters following the president’s Paris trip on Air Force One, White House Press Secretary Sarah Huckabee Sanders also cautioned against a rush to judgment." + cfFiller},
				{"b", "Beta", "2017-11-10", "White House press secretary Sarah Huckabee Sanders, traveling with the president on his trip to Asia, told reporters that Trump “believes that we cannot allow a mere allegation ― in this case, one from many years ago ― to destroy a person’s life” but that if the allegations are true, “Judge Moore will do the right thing and step aside.”" + cfFiller},
			},
			kind: storyfold.ConflictPlace, rule: compare.RuleJourney, values: []string{"Paris", "Asia"},
		},
		{
			name: "control: the place of another noun",
			arts: []cfArticle{
				{"a", "Alpha", "2017-11-09", "Speaking to reporters following the president’s Paris speech on Air Force One, White House Press Secretary Sarah Huckabee Sanders also cautioned against a rush to judgment." + cfFiller},
				{"b", "Beta", "2017-11-10", "White House press secretary Sarah Huckabee Sanders, traveling with the president on his trip to Asia, told reporters that Trump “believes that we cannot allow a mere allegation ― in this case, one from many years ago ― to destroy a person’s life” but that if the allegations are true, “Judge Moore will do the right thing and step aside.”" + cfFiller},
			},
		},
		{
			// BASIL 01c59743, the place `eval conflicts` changes in the
			// first: "U.S. troops" says whose troops, not where they go.
			// A third article, as the story has, so that words both
			// others use still weigh.
			name: "one actor's troops out of two places",
			arts: []cfArticle{
				{"a", "Alpha", "2018-12-20", "Earlier this week, Trump went against Mattis by abruptly withdrawing U.S. troops from France." + cfFiller},
				{"b", "Beta", "2018-12-20", "But on Thursday, in an extraordinary rebuke of the president, he decided that Mr. Trump’s decision to withdraw roughly 2,000 American troops from Syria was a step too far." + cfFiller},
				{"c", "Gamma", "2018-12-21", "Defense Secretary Jim Mattis resigned on Thursday." + cfFiller},
			},
			kind: storyfold.ConflictPlace, rule: compare.RuleJourney, values: []string{"France", "Syria"},
		},
		{
			name: "control: the troops' own country is not where they go",
			arts: []cfArticle{
				{"a", "Alpha", "2018-12-20", "Earlier this week, Trump went against Mattis by abruptly withdrawing U.S. troops." + cfFiller},
				{"b", "Beta", "2018-12-20", "But on Thursday, in an extraordinary rebuke of the president, he decided that Mr. Trump’s decision to withdraw roughly 2,000 American troops from Syria was a step too far." + cfFiller},
				{"c", "Gamma", "2018-12-21", "Defense Secretary Jim Mattis resigned on Thursday." + cfFiller},
			},
		},
	}
	runConflictCases(t, tests)
}
