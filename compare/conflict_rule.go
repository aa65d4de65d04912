package compare

import (
	"strings"

	"github.com/storyfold/storyfold"
)

// A conflict rule is the test that found a conflict. Each has its own
// opening words in the conflict's description, so a reader sees why two
// sentences were set against each other, and ConflictRule, the benchmark
// and anyone reading a report can tell the rules apart and weigh each
// by the false conflicts it gives.
const (
	RuleFigure  = "figure"  // one figure of one kind, for one thing
	RuleDate    = "date"    // one day, for one claim or one actor's act
	RulePlace   = "place"   // another place in the same claim
	RuleHome    = "home"    // one person tied to two places
	RuleOrg     = "org"     // another organisation in the same claim
	RulePerson  = "person"  // another person credited with the claim
	RuleDenial  = "denial"  // a claim and its negation
	RuleQuoteBy = "quoteby" // the same words given to different speakers

	// The rules of 2026-12-07 (third session).
	RuleLabel     = "label"     // a number used as a label ("Amendment 34/64")
	RuleActDay    = "act-day"   // the same past-tense act by two days
	RuleQuoteDay  = "quote-day" // the same quoted words on two days
	RuleWhere     = "where"     // one person in two places on one day
	RuleTitle     = "title"     // one title of one body for two people
	RulePredicate = "predicate" // a denied predicate after "be"
	RuleReported  = "reported"  // an act in reported speech, denied

	// The rule of 2026-12-07 (fourth session).
	RuleSeat = "seat" // one place written within two others ("Benghazi, Libya/France")

	// The rule of 2026-12-07 (sixth session).
	RuleJourney = "journey" // one actor's journey to two places ("travel to Indiana/Paris")

	// The rules of 2026-12-07 (seventh session).
	RuleLedeDay  = "lede-day" // two articles opening on one person's act, on two days
	RuleCompound = "compound" // one place joined to two others ("U.S.-Israel/France-Israel relations")

	// The rule of 2026-12-07 (eighth session).
	RuleSpent  = "figure-act" // one sum tied to one actor's act ("the $5.7 billion he demanded")
	RulePhrase = "phrase"     // six unquoted words alike, credited to different speakers
)

// ruleWhat holds the opening words of each rule's descriptions. The
// rules older than the seven of the third session keep the words they
// had, so existing reports read as before.
var ruleWhat = map[string]string{
	RuleFigure:    "The sources give different figures",
	RuleDate:      "The sources give different dates",
	RulePlace:     "The sources name a different place in the same claim",
	RuleHome:      "The sources tie the same person to different places",
	RuleOrg:       "The sources name a different org in the same claim",
	RulePerson:    "The sources credit different people with the same claim",
	RuleDenial:    "One source says it happened, another that it did not",
	RuleQuoteBy:   "The sources give the same words to different speakers",
	RuleLabel:     "The sources give a different number to the same label",
	RuleActDay:    "The sources give different days for the same act",
	RuleQuoteDay:  "The sources give different days for the same quoted words",
	RuleWhere:     "The sources put the same person in different places on one day",
	RuleTitle:     "The sources give one title to different people",
	RulePredicate: "One source says it is so of someone, another that it is not",
	RuleReported:  "One source reports an act, another that it did not happen",
	RuleSeat:      "The sources put the same place in different places",
	RuleJourney:   "The sources send the same journey to different places",
	RuleLedeDay:   "The sources open on the same person's act on different days",
	RuleCompound:  "The sources join the same place to different places",
	RuleSpent:     "The sources give different figures for the same act",
	RulePhrase:    "The sources credit different people with the same words",
}

// ConflictRule returns the rule that found a conflict, read off its
// description, or "" for a description no rule writes.
func ConflictRule(c storyfold.Conflict) string {
	best := ""
	for id, what := range ruleWhat {
		if strings.HasPrefix(c.Description, what+":") && (best == "" || len(what) > len(ruleWhat[best])) {
			best = id
		}
	}
	return best
}

// Rules lists every rule, older ones first, for reports that count
// conflicts by rule.
var Rules = []string{RuleFigure, RuleDate, RulePlace, RuleHome, RuleOrg, RulePerson, RuleDenial, RuleQuoteBy,
	RuleLabel, RuleActDay, RuleQuoteDay, RuleWhere, RuleTitle, RulePredicate, RuleReported, RuleSeat, RuleJourney, RuleLedeDay, RuleCompound, RuleSpent, RulePhrase}
