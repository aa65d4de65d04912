package evaluate

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/compare"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/pipeline"
)

// readArticles reads and prepares a JSONL file of articles.
func readArticles(t *testing.T, path string) []storyfold.Article {
	t.Helper()
	var raw []storyfold.Article
	r := ingest.NewReader(func(p *ingest.Problem) { t.Errorf("read: %v", p) })
	r.ReadFile(path, func(a storyfold.Article) { raw = append(raw, a) })
	return pipeline.Prepare(raw, nil, nil)
}

// TestConflictsSmall runs the benchmark on two stories written for it:
// every kind it can make there is made, and the untouched stories have no
// conflict.
func TestConflictsSmall(t *testing.T) {
	arts := readArticles(t, filepath.Join("testdata", "conflict-stories.jsonl"))
	rep := Conflicts(arts, ConflictOptions{Seed: 1})
	all := []*ConflictScores{&rep.Dev, &rep.HeldOut}
	made := map[string]int{}
	detected := map[string]int{}
	untouched := 0
	for _, s := range all {
		untouched += s.Untouched
		for k, ks := range s.Kinds {
			made[k] += ks.Made
			detected[k] += ks.Detected
		}
	}
	if untouched != 0 {
		t.Errorf("%d conflicts on the untouched stories, want none", untouched)
	}
	for _, k := range []string{ChangeFigure, ChangeDate, ChangePlace, ChangeSpeaker} {
		t.Run(k, func(t *testing.T) {
			if made[k] != 2 {
				t.Fatalf("%d changes made, want one per story", made[k])
			}
			if detected[k] != made[k] {
				for _, s := range all {
					for _, c := range s.Changes {
						if c.Kind == k && !c.Detected {
							t.Errorf("missed %q -> %q in %s: %s", c.Before, c.After, c.Article, c.Sentence)
						}
					}
				}
			}
		})
	}
	// Each conflict is counted once under the rule that found it.
	for _, s := range all {
		found, byRule, unrelated, unrelatedByRule := 0, 0, 0, 0
		for _, c := range s.Changes {
			if c.Detected {
				found++
				if !slices.Contains(compare.Rules, c.DetectedBy) {
					t.Errorf("change %q -> %q found by unknown rule %q", c.Before, c.After, c.DetectedBy)
				}
			}
			unrelated += len(c.Unrelated)
		}
		for _, r := range s.Rules {
			byRule += r.Detected
			unrelatedByRule += r.Unrelated
		}
		if byRule != found || unrelatedByRule != unrelated {
			t.Errorf("rules count %d found and %d unrelated, changes %d and %d", byRule, unrelatedByRule, found, unrelated)
		}
	}
	// Deterministic: the same seed makes the same changes.
	again := Conflicts(arts, ConflictOptions{Seed: 1})
	if len(again.Dev.Changes) != len(rep.Dev.Changes) {
		t.Fatalf("second run made %d changes, first %d", len(again.Dev.Changes), len(rep.Dev.Changes))
	}
	for i, c := range again.Dev.Changes {
		if c.Sentence != rep.Dev.Changes[i].Sentence {
			t.Errorf("change %d differs between runs: %q vs %q", i, c.Sentence, rep.Dev.Changes[i].Sentence)
		}
	}
}

// TestConflictsBASIL runs the benchmark on BASIL when it is present and
// guards against regressions: the figures are in the report of the eval
// command (storyfold eval conflicts).
func TestConflictsBASIL(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "basil", "articles.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skip("BASIL is not present")
	}
	rep := Conflicts(readArticles(t, path), ConflictOptions{Seed: 1})
	for _, half := range []struct {
		name string
		s    *ConflictScores
	}{{"dev", &rep.Dev}, {"held-out", &rep.HeldOut}} {
		t.Run(half.name, func(t *testing.T) {
			s := half.s
			var parts []string
			for _, k := range ChangeKinds {
				ks := s.Kinds[k]
				parts = append(parts, fmt.Sprintf("%s %d/%d", k, ks.Detected, ks.Made))
			}
			t.Logf("%s; %.2f false conflicts per 20 untouched stories", strings.Join(parts, ", "), s.FalsePer20())
			if s.FalsePer20() > 3 {
				t.Errorf("%.2f conflicts per 20 untouched stories", s.FalsePer20())
			}
			if fig := s.Kinds[ChangeFigure]; fig.Made == 0 || fig.Recall() < 0.5 {
				t.Errorf("figure recall %.2f of %d changes", fig.Recall(), fig.Made)
			}
		})
	}
}

// TestConflictDataHasNoDuplicates rejects an entry listed twice in the
// benchmark's word lists.
func TestConflictDataHasNoDuplicates(t *testing.T) {
	for name, data := range map[string]string{"conflict-places.txt": placesData, "conflict-names.txt": namesData, "conflict-numbers.txt": numbersData, "conflict-grammar.txt": grammarData} {
		t.Run(name, func(t *testing.T) {
			seen := map[string]bool{}
			entries := lines(data)
			if len(entries) == 0 {
				t.Fatal("no entries")
			}
			for _, l := range entries {
				key := strings.ToLower(l)
				if name != "conflict-names.txt" {
					// Places are keyed by name, grammar words by the word,
					// numbers by the word changed.
					f := strings.Fields(l)
					key = strings.ToLower(strings.Join(f[1:], " "))
					if name == "conflict-numbers.txt" {
						key = f[0]
					}
				}
				if seen[key] {
					t.Errorf("duplicate entry %q", l)
				}
				seen[key] = true
			}
		})
	}
}

// TestClauseDay pins the days the harness reads as another act's: a day
// in a clause opened by "after", "when" and the like, on BASIL's
// sentences (aab91277).
func TestClauseDay(t *testing.T) {
	for _, tc := range []struct {
		sentence, day string
		want          bool
	}{
		{"After appearing in court on Wednesday, Stone said he plans to plead not guilty to the charges.", "Wednesday", true},
		{"“I believe this is a politically motivated investigation,” Stone said Friday.", "Friday", false},
		// A comma closes the clause: the day is the main act's.
		{"After the hearing, Stone said on Friday that he would plead not guilty.", "Friday", false},
		// The opener stands more than clauseReach words before the day.
		{"Stone was arrested after agents of the bureau raided his home in Florida early on Friday.", "Friday", false},
		{"The senator spoke to reporters when she arrived on Tuesday.", "Tuesday", true},
	} {
		t.Run(tc.sentence, func(t *testing.T) {
			at := strings.Index(tc.sentence, tc.day)
			got := clauseDay(tc.sentence, storyfold.Span{Start: 0, End: len(tc.sentence)}, storyfold.Span{Start: at, End: at + len(tc.day)})
			if got != tc.want {
				t.Errorf("clauseDay = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestNegateLeavesParticiples pins the verbs the harness negates: a
// finite verb in the past, not a participle that modifies a noun, whose
// negation no reader could take for a denial (BASIL 58f414e5, 3db93526,
// 70c744ad), and the base form WordNet gives ("injure", not "injur").
func TestNegateLeavesParticiples(t *testing.T) {
	for _, tc := range []struct {
		sentence, want string
	}{
		{"The Trumps also met with Crystal Griner, one of the two U.S. Capitol Police officers injured in the attack, and her wife.", ""},
		{"In a statement released Tuesday, he decried the Obama administration’s decision to use foreign aid to promote rights for gays and lesbians abroad.", "did not decry"},
		{"It now trumps the state of residency when it comes to federal tax status for same-sex married couples.", ""},
		{"The Wednesday attack injured Scalise and two U.S. Capitol Police officers.", "did not injure"},
		{"The gunman injured the officers in the attack.", "did not injure"},
		// A figure after the verb is its object (evaluate/testdata's
		// storm story).
		{"The storm destroyed 120 homes along the northern coast of Florida.", "did not destroy"},
	} {
		t.Run(tc.sentence, func(t *testing.T) {
			a := storyfold.Article{Text: tc.sentence}
			_, got, ok := negate(&a, storyfold.Span{Start: 0, End: len(tc.sentence)})
			if !ok {
				got = ""
			}
			if got != tc.want {
				t.Errorf("negate = %q, want %q", got, tc.want)
			}
		})
	}
}

// changedStoryConflicts builds the whole BASIL story cluster with the
// first sent in its article whose ID ends in suffix replaced by with, as
// `eval conflicts` changes a sentence, and returns the descriptions of its
// conflicts of kind. It skips the test when BASIL is not present.
func changedStoryConflicts(t *testing.T, cluster, suffix, sent, with string, kind storyfold.ConflictKind) []string {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "data", "basil", "articles.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skip("BASIL is not present")
	}
	var members []storyfold.Article
	for _, a := range readArticles(t, path) {
		if a.Meta["cluster"] == cluster {
			members = append(members, a)
		}
	}
	i := slices.IndexFunc(members, func(a storyfold.Article) bool { return strings.HasSuffix(a.ID, suffix) })
	if i < 0 {
		t.Fatalf("no article %s in the story", suffix)
	}
	changed := members[i]
	at := strings.Index(changed.Text, sent)
	if at < 0 {
		t.Fatalf("no %q in %s", sent, changed.ID)
	}
	changed.Text = changed.Text[:at] + with + changed.Text[at+len(sent):]
	changed.Sentences, changed.Entities, changed.Quotes, changed.Quantities, changed.Dates = nil, nil, nil, nil, nil
	changed = pipeline.Annotate(changed)
	var found []string
	for _, c := range buildStory(cluster, members, i, &changed).Conflicts {
		if c.Kind == kind {
			found = append(found, c.Description)
		}
	}
	return found
}

// TestConflictsOfPlacesUnderOneCountryBASIL pins, on BASIL 005a2961 when
// it is present, two states sent to in one claim by two outlets, one of
// which also names the country both lie in ("born in the United States
// and has sent investigators to Hawaii"): the country does not excuse
// the other's "investigators to Kansas" (a state of Hawaii's length, so
// the text's offsets hold). The alignment puts the two sentences in one
// fact only with the articles' other sentences, so the case is built
// from the whole story. The control is the story as it is.
func TestConflictsOfPlacesUnderOneCountryBASIL(t *testing.T) {
	for _, tc := range []struct {
		name, with string
		want       bool
	}{
		{"another state", "investigators to Kansas", true},
		{"control: the story as it is", "investigators to Hawaii", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found := changedStoryConflicts(t, "005a2961-0c2e-4575-8eec-770ba52a08e0", "_1", "investigators to Hawaii", tc.with, storyfold.ConflictPlace)
			if got := slices.ContainsFunc(found, func(d string) bool { return strings.Contains(d, "Kansas") && strings.Contains(d, "Hawaii") }); got != tc.want {
				t.Errorf("place conflicts %q, want Kansas against Hawaii: %v", found, tc.want)
			}
		})
	}
}

// TestConflictsOfAnOrganisationsNamesBASIL pins, on the whole BASIL story
// c6a0e65c, that an organisation's initials and its name are one body:
// "According to the DOJ document" in one article against "after the
// Justice Department indicted 12 Russian intelligence officers" in
// another had been reported as an organisation conflict. The control
// puts another department in the second sentence.
func TestConflictsOfAnOrganisationsNamesBASIL(t *testing.T) {
	for _, tc := range []struct {
		name, with string
		want       bool
	}{
		{"control: another department", "the Treasury Department indicted", true},
		{"the story as it is", "the Justice Department indicted", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found := changedStoryConflicts(t, "c6a0e65c-4f8b-41de-8200-cd700f683c64", "_2", "the Justice Department indicted", tc.with, storyfold.ConflictOrg)
			if got := slices.ContainsFunc(found, func(d string) bool { return strings.Contains(d, "DOJ") }); got != tc.want {
				t.Errorf("organisation conflicts %q, want one of DOJ: %v", found, tc.want)
			}
		})
	}
}

// TestConflictsOfListedCountsBASIL pins, on the whole BASIL story
// f11c2566, a count of one named thing compared though its sentence
// lists other counts: Boehner's "50 of our members ..., 89 freshmen ...,
// and we have 32 districts that are in states" in one article against
// "And we have 32 districts that are in states" in another, the first
// changed as `eval conflicts` changes it. The controls: the story as it
// is, and a count of another thing ("52 governors", as long as the
// words it replaces, so that the paragraphs stay where they were).
func TestConflictsOfListedCountsBASIL(t *testing.T) {
	for _, tc := range []struct {
		name, with string
		want       bool
	}{
		{"another count of the districts", "we have 52 districts that", true},
		{"control: the story as it is", "we have 32 districts that", false},
		{"control: a count of another thing", "we have 52 governors that", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found := changedStoryConflicts(t, "f11c2566-848a-4e29-b8c5-4de0a81114e4", "_1", "we have 32 districts that", tc.with, storyfold.ConflictNumber)
			if got := slices.ContainsFunc(found, func(d string) bool { return strings.Contains(d, "52") && strings.Contains(d, "32") }); got != tc.want {
				t.Errorf("figure conflicts %q, want 52 against 32: %v", found, tc.want)
			}
			if !tc.want && len(found) > 0 {
				t.Errorf("figure conflicts %q, want none", found)
			}
		})
	}
}
