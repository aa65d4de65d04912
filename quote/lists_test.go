package quote

import (
	"slices"
	"strings"
	"testing"
)

// TestSpeakerLists checks the embedded word lists of speaker attribution:
// not empty, sorted, no entry twice, lower case, and none of the overlaps
// under which the rules would read one word two ways.
func TestSpeakerLists(t *testing.T) {
	lists := []struct{ name, data string }{
		{"speaker-cues", speakerCuesData},
		{"unmarked-cues", unmarkedCuesData},
		{"subordinate-openers", subordinateData},
		{"attribution-tail", attributionTailData},
		{"speaker-participles", speakerParticiplesData},
		{"speaker-fillers", speakerFillersData},
		{"speaker-adverbs", speakerAdverbsData},
		{"object-skips", objectSkipsData},
		{"attribution-listeners", attributionListenersData},
		{"organisation-nouns", organisationNounsData},
		{"head-org-nouns", headOrgNounsData},
		{"clause-openers", clauseOpenersData},
		{"weekdays", weekdaysData},
		{"name-prepositions", namePrepositionsData},
		{"clause-conjunctions", clauseConjunctionsData},
		{"person-roles", personRolesData},
		{"name-givers", nameGiversData},
		{"answer-nouns", answerNounsData},
		{"time-nouns", timeNounsData},
		{"label-nouns", labelNounsData},
		{"work-nouns", workNounsData},
		{"work-noun-skips", workNounSkipsData},
		{"name-particles", nameParticlesData},
		{"clause-subjects", clauseSubjectsData},
		{"clause-joiners", clauseJoinersData},
		{"accusation-verbs", accusationVerbsData},
		{"inverted-cues", invertedCuesData},
		{"closing-cues", closingCuesData},
		{"inside-verbs", insideVerbsData},
		{"unnamed-speakers", unnamedSpeakersData},
		{"source-nouns", sourceNounsData},
		{"qualified-roles", qualifiedRolesData},
		{"document-cues", documentCuesData},
		{"word-cues", wordCuesData},
		{"org-ends", orgEndsData},
		{"object-prepositions", objectPrepositionsData},
		{"view-nouns", viewNounsData},
		{"view-verbs", viewVerbsData},
	}
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			entries := listLines(l.data)
			if len(entries) == 0 {
				t.Fatal("empty list")
			}
			if !slices.IsSorted(entries) {
				t.Error("entries are not sorted")
			}
			seen := map[string]bool{}
			for _, e := range entries {
				if seen[e] {
					t.Errorf("%q is listed twice", e)
				}
				seen[e] = true
				if strings.ToLower(e) != e || strings.ContainsAny(e, " \t") {
					t.Errorf("%q is not one lower-case word", e)
				}
			}
		})
	}
	overlaps := []struct {
		name string
		a, b map[string]bool
	}{
		// A cue that is also a filler would be skipped on the way to the
		// speaker ("Hegseth also said").
		{"speaker-cues and speaker-fillers", cues, fillers},
		{"speaker-cues and speaker-participles", cues, participles},
		{"speaker-cues and speaker-adverbs", cues, plainAdverbs},
		{"speaker-fillers and object-skips", fillers, objectSkips},
		// A cue read only inverted must not be read anywhere else.
		{"speaker-cues and inverted-cues", cues, invertedCues},
		// A cue read only at a sentence's end must not be read anywhere else.
		{"speaker-cues and closing-cues", cues, closingCues},
		// The two lists of prepositions before a participle's noun are
		// read together.
		{"name-prepositions and object-prepositions", namePrepositions, objectPrepositions},
		// A source noun is read only where unnamed-speakers has none.
		{"unnamed-speakers and source-nouns", unnamedSpeakers, sourceNouns},
		// A noun is read either way, not both.
		{"organisation-nouns and head-org-nouns", orgNouns, headOrgNouns},
	}
	for _, o := range overlaps {
		t.Run("no overlap of "+o.name, func(t *testing.T) {
			for w := range o.a {
				if o.b[w] {
					t.Errorf("%q is in both", w)
				}
			}
		})
	}
	// Every cue of unmarked speech attributes marked quotes too.
	t.Run("unmarked-cues in speaker-cues", func(t *testing.T) {
		for w := range speechCues {
			if !cues[w] {
				t.Errorf("%q is an unmarked cue but not a speaker cue", w)
			}
		}
	})
}
