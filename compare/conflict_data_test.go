package compare

import (
	"strings"
	"testing"
)

// TestConflictDataHasNoDuplicates rejects a place listed twice (with two
// parents, or two names) and a negation word listed twice.
func TestConflictDataHasNoDuplicates(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		key        func(string) string
	}{
		{"conflict_within.txt", withinData, func(l string) string {
			if a, _, ok := strings.Cut(l, "="); ok {
				return strings.ToLower(a)
			}
			a, _, _ := strings.Cut(l, "|")
			return strings.ToLower(a)
		}},
		// A word is a negator, a refusal (+), a hedge (~) or a formula
		// verb (-), never two of them.
		{"conflict_negation.txt", negationData, func(l string) string { return strings.ToLower(strings.TrimLeft(l, "+~-")) }},
		{"conflict_speech.txt", speechData, strings.ToLower},
		{"conflict_unasserted.txt", unassertedData, strings.ToLower},
		// A word links a name to its place (a title's neighbour) or ends
		// the phrase after the name (>), never both.
		{"conflict_home.txt", homeData, func(l string) string { return strings.ToLower(strings.TrimLeft(l, ">")) }},
		// A word is a negator, a denial verb (+), a word read past (~) or
		// a blocker (-), never two of them.
		{"claim_denials.txt", denialData, func(l string) string { return strings.ToLower(strings.TrimLeft(l, "+~-")) }},
		{"claim_formulas.txt", formulaData, strings.ToLower},
		{"conflict_when.txt", whenData, strings.ToLower},
		{"conflict_announce.txt", announceData, strings.ToLower},
		{"conflict_sittings.txt", sittingData, strings.ToLower},
		{"conflict_compounds.txt", compoundData, strings.ToLower},
		{"conflict_particles.txt", particleData, strings.ToLower},
		{"conflict_leads.txt", leadData, strings.ToLower},
		{"conflict_copulas.txt", copulaData, strings.ToLower},
		{"conflict_subordinate.txt", subordinateData, strings.ToLower},
		{"conflict_planned.txt", plannedData, strings.ToLower},
		{"conflict_tied.txt", tiedData, strings.ToLower},
		{"conflict_modals.txt", modalData, strings.ToLower},
		{"conflict_intent.txt", intentData, strings.ToLower},
		{"conflict_claimants.txt", claimantData, strings.ToLower},
		{"conflict_relatives.txt", noSubjectData, strings.ToLower},
		// A word is a journey noun (its place after it only: >) or a
		// link (~), never both.
		{"conflict_journeys.txt", journeyData, func(l string) string { return strings.ToLower(strings.TrimLeft(l, ">~")) }},
		{"conflict_vague.txt", vagueData, func(l string) string { w, _, _ := strings.Cut(l, " "); return w }},
		// A word is a title one person holds or a word that makes it
		// another role (-), never both.
		{"conflict_heads.txt", headData, func(l string) string { return strings.ToLower(strings.TrimLeft(l, "-")) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			seen := map[string]bool{}
			lines := dataLines(tc.data)
			if len(lines) == 0 {
				t.Fatal("no entries")
			}
			for _, l := range lines {
				k := tc.key(l)
				if seen[k] {
					t.Errorf("duplicate entry %q", l)
				}
				seen[k] = true
			}
		})
	}
}

// TestSynonymsAreOneGroupEach rejects a word on two lines of
// claim_synonyms.txt, which would make it the synonym of two heads.
func TestSynonymsAreOneGroupEach(t *testing.T) {
	seen := map[string]int{}
	lines := dataLines(synonymData)
	if len(lines) == 0 {
		t.Fatal("no entries")
	}
	for i, l := range lines {
		for _, w := range strings.Fields(l) {
			if j, ok := seen[w]; ok {
				t.Errorf("%q on lines %d and %d", w, j+1, i+1)
			}
			seen[w] = i
		}
	}
}

func TestSameOrWithin(t *testing.T) {
	for _, tc := range []struct {
		x, y string
		want bool
	}{
		{"Kremlin", "Moscow", true},
		{"Kremlin", "Russia", true},
		{"Moscow", "Russia", true},
		{"U.S.", "America", true},
		{"White House", "United States", true},
		{"Moscow", "Pyongyang", false},
		{"Chicago", "Houston", false},
		{"Kyiv", "Russia", false},
	} {
		t.Run(tc.x+"/"+tc.y, func(t *testing.T) {
			if got := sameOrWithin(tc.x, tc.y); got != tc.want {
				t.Errorf("sameOrWithin(%q, %q) = %v, want %v", tc.x, tc.y, got, tc.want)
			}
		})
	}
}

// TestChainSpeaker checks which texts after a name make it a speaker:
// a speech verb reached through names, titles and places, or through a
// phrase between commas.
func TestChainSpeaker(t *testing.T) {
	for _, tc := range []struct {
		rest string
		want bool
	}{
		{" said in a statement.", true},
		{" and Senate Leader Bob Cole said in a joint statement.", true},
		{" of Ohio and Senator Bob Cole of Iowa, the party's leaders, said on Friday.", true},
		{", the state transport secretary, told reporters.", true},
		{", the state transport secretary, just told reporters.", true},
		{"'s plan would hurt shops, critics said.", false},
		{" ordered the bridge closed, officials said.", false},
		{", who opposed the plan, was not available.", false},
		{" said", true},
		{"", false},
	} {
		t.Run(tc.rest, func(t *testing.T) {
			if got := chainSpeaker(tc.rest); got != tc.want {
				t.Errorf("chainSpeaker(%q) = %v, want %v", tc.rest, got, tc.want)
			}
		})
	}
}

// TestOutermost checks that a place the list, or the sentence, sets
// within another counts once.
func TestOutermost(t *testing.T) {
	for _, tc := range []struct {
		name   string
		places []string
		inner  map[string]bool
		want   []string
	}{
		{"gazetteer", []string{"Kremlin", "Moscow"}, nil, []string{"Moscow"}},
		{"written", []string{"Columbus", "Ohio"}, map[string]bool{"Columbus": true}, []string{"Ohio"}},
		{"apart", []string{"Chicago", "Houston"}, nil, []string{"Chicago", "Houston"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := outermost(tc.places, tc.inner)
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("outermost(%v) = %v, want %v", tc.places, got, tc.want)
			}
		})
	}
}

// FuzzChainSpeaker checks that reading who spoke off any text after a
// name never panics, and that a chain found through a phrase between
// commas is found by chainSpeaker too.
func FuzzChainSpeaker(f *testing.F) {
	for _, s := range []string{" said.", ", the secretary, told reporters.", " and Senator Bob Cole of Iowa, the leader, said", ",", ", ,", "'s plan"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, rest string) {
		if appositiveSpeaker(rest) && !chainSpeaker(rest) {
			t.Errorf("appositiveSpeaker(%q) but not chainSpeaker", rest)
		}
	})
}

// TestRelativesAreClaimants checks that each word conflict_relatives.txt
// lists is one conflict_claimants.txt reads past: figureActs asks of a
// claimant only whether it is one of them (noSubject).
func TestRelativesAreClaimants(t *testing.T) {
	for _, w := range dataLines(noSubjectData) {
		if !claimants[w] {
			t.Errorf("%q is a relative but no claimant", w)
		}
	}
}
