package quote

import (
	"slices"
	"strings"
	"testing"
)

// TestIndirect checks each form of reported speech on excerpts written for
// the test: the clause found, its speaker and its cue.
func TestIndirect(t *testing.T) {
	type rep struct{ text, speaker, cue string }
	tests := []struct {
		name string
		text string
		want []rep
	}{
		{"said that",
			"Senator Mary Walsh said that the budget would be cut next year.",
			[]rep{{"the budget would be cut next year", "Mary Walsh", "said"}}},
		{"said without that",
			"Senator Mary Walsh said the budget would be cut next year.",
			[]rep{{"the budget would be cut next year", "Mary Walsh", "said"}}},
		{"told reporters",
			"Governor Tom Becker told reporters the bridge would reopen in May.",
			[]rep{{"the bridge would reopen in May", "Tom Becker", "told"}}},
		{"told the committee that",
			"Defense Secretary Anna Morel told the committee that the plan had no funding.",
			[]rep{{"the plan had no funding", "Anna Morel", "told"}}},
		{"warned that",
			"Central bank chief Paul Hartmann warned that inflation could rise again.",
			[]rep{{"inflation could rise again", "Paul Hartmann", "warned"}}},
		{"denied that, after a time",
			"Mayor Linda Cho denied on Tuesday that she had misled the council.",
			[]rep{{"she had misled the council", "Linda Cho", "denied"}}},
		{"said in a statement that",
			"Acme Corporation said in a statement that its factories would stay open.",
			[]rep{{"its factories would stay open", "Acme Corporation", "said"}}},
		{"a possessor's noun cue",
			"Walsh dismissed Governor Tom Becker's comment on Sunday that the bridge would reopen in May.",
			[]rep{{"the bridge would reopen in May", "Tom Becker", "comment"}}},
		{"a noun cue without that",
			"Critics questioned Anna Morel's insistence she never saw the plan.",
			[]rep{{"she never saw the plan", "Anna Morel", "insistence"}}},
		{"according to X, clause",
			"According to Senator Mary Walsh, the vote will be held on Friday.",
			[]rep{{"the vote will be held on Friday", "Mary Walsh", "according to"}}},
		{"clause, according to X",
			"The vote will be held on Friday, according to Senator Mary Walsh.",
			[]rep{{"The vote will be held on Friday", "Mary Walsh", "according to"}}},
		{"subject before an appositive",
			"Representative Dan Miller, who chairs the panel, said the evidence was thin.",
			[]rep{{"the evidence was thin", "Dan Miller", "said"}}},
		{"pronoun subject",
			"Mayor Linda Cho spoke on Monday. She said the roads would be repaired.",
			[]rep{{"the roads would be repaired", "Linda Cho", "said"}}},
		{"participle after a clause",
			"Senator Mary Walsh broke with the governor, saying the plan would fail.",
			[]rep{{"the plan would fail", "Mary Walsh", "saying"}}},
		{"two cues of one subject",
			"Mayor Linda Cho claimed it would recover, but admitted that taxes would rise.",
			[]rep{{"it would recover", "Linda Cho", "claimed"}, {"taxes would rise", "Linda Cho", "admitted"}}},
		{"a partial quote inside the clause",
			"Mayor Linda Cho said the plan was \"dead on arrival\" in the council.",
			[]rep{{"the plan was \"dead on arrival\" in the council", "Linda Cho", "said"}}},
		{"nothing but a quote is direct speech only",
			"Mayor Linda Cho said she \"would never resign.\"",
			nil},
		{"no speaker that is no person",
			"Texas said the river had flooded twice this year.",
			nil},
		{"a document without a named author: no speaker",
			"The report said the river had flooded twice this year.",
			[]rep{{"the river had flooded twice this year", "", "said"}}},
		{"a noun object is no clause",
			"Mayor Linda Cho stressed the importance of the vote.",
			nil},
		{"according to X, an appositive, clause",
			"According to Mayor Linda Cho, who spoke on Monday, the vote is off.",
			[]rep{{"the vote is off", "Linda Cho", "according to"}}},
		{"an infinitive is no cue",
			"Mayor Linda Cho wants to say the river is clean.",
			nil},
		{"inverted attribution is read once",
			"There is no betrayal there, said Hegseth ahead of a meeting.",
			[]rep{{"There is no betrayal there", "Hegseth", "said"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []rep
			for _, q := range find(tt.text) {
				if !q.Marked {
					got = append(got, rep{q.Text, q.Speaker, q.Cue})
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i].text != tt.want[i].text || !strings.HasSuffix(got[i].speaker, tt.want[i].speaker) || got[i].cue != tt.want[i].cue {
					t.Errorf("got %q, want %q", got[i], tt.want[i])
				}
			}
		})
	}
}

// TestIndirectLists checks the embedded word lists of reported speech:
// sorted (so a new entry goes in one place and a duplicate shows beside
// its twin), no entry twice, lower case, and no word in two lists, where
// the rules would read it two ways.
func TestIndirectLists(t *testing.T) {
	lists := map[string]string{
		"indirect-cues":         indirectCuesData,
		"indirect-participles":  indirectParticiplesData,
		"indirect-skips":        indirectSkipsData,
		"indirect-listeners":    indirectListenersData,
		"indirect-openers":      indirectOpenersData,
		"indirect-determiners":  indirectDeterminersData,
		"participle-objects":    participleObjectsData,
		"indirect-prepositions": prepositionsData,
		"indirect-nouns":        indirectNounsData,
		"personal-titles":       personalTitlesData,
		"question-cues":         questionCuesData,
		"indirect-phrasal":      indirectPhrasalData,
	}
	owner := map[string]string{}
	for _, name := range []string{"indirect-cues", "indirect-participles", "indirect-skips", "indirect-listeners", "indirect-openers", "indirect-determiners", "participle-objects", "indirect-prepositions", "indirect-nouns", "personal-titles", "question-cues", "indirect-phrasal"} {
		t.Run(name, func(t *testing.T) {
			entries := listLines(lists[name])
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
				if strings.ToLower(e) != e {
					t.Errorf("%q is not lower case", e)
				}
				if other, ok := owner[e]; ok {
					t.Errorf("%q is in %s too", e, other)
				}
				owner[e] = name
			}
		})
	}
	// Lists read in one place only, beside a word of another list: each
	// sorted, lower case, no entry twice.
	for name, data := range map[string]string{
		"indirect-attempts": indirectAttemptsData,
		"document-nouns":    documentNounsData,
		"noun-cue-verbs":    nounCueVerbsData,
		"title-roles":       titleRolesData,
		"unnamed-speakers":  unnamedSpeakersData,
	} {
		t.Run(name, func(t *testing.T) {
			entries := listLines(data)
			if len(entries) == 0 {
				t.Fatal("empty list")
			}
			if !slices.IsSorted(entries) {
				t.Error("entries are not sorted")
			}
			seen := map[string]bool{}
			for _, e := range entries {
				key := strings.Fields(e)[0]
				if seen[key] {
					t.Errorf("%q is listed twice", key)
				}
				seen[key] = true
				if strings.ToLower(e) != e {
					t.Errorf("%q is not lower case", e)
				}
			}
		})
	}
	// Every title gives at least one role.
	for title, roles := range titleRoles {
		if len(roles) == 0 {
			t.Errorf("title %q gives no role", title)
		}
	}
	// The verbs of saying are cues.
	for _, w := range listLines(indirectBareData) {
		if !indirectCues[w] {
			t.Errorf("%q is in indirect-bare but not in indirect-cues", w)
		}
	}
	// The cues that need "that" are cues, listed sorted and once each
	// (a subset of indirect-cues, so outside the disjoint lists above).
	if that := listLines(indirectThatCuesData); len(that) == 0 || !slices.IsSorted(that) || len(slices.Compact(slices.Clone(that))) != len(that) {
		t.Errorf("indirect-that-cues is empty, unsorted or has an entry twice: %q", that)
	}
	for _, w := range listLines(indirectThatCuesData) {
		if !indirectCues[w] {
			t.Errorf("%q is in indirect-that-cues but not in indirect-cues", w)
		}
	}
	// The participles that close a clause are not among the cues that
	// open one.
	for w := range indirectParticiples {
		if cues[w] && indirectCues[w] {
			t.Errorf("%q is both a participle and a finite cue", w)
		}
	}
}

// TestMultiSpeakerScene checks a scene where two people speak in turn and
// a third is only mentioned: each quote and each reported clause goes to
// the cue's subject, and "she" and "he" to the last speaker of that gender.
func TestMultiSpeakerScene(t *testing.T) {
	text := "President Alan Ward met Chancellor Maria Lenz in Bonn on Monday.\n\n" +
		"“We have no time to lose,” Ward said, standing next to Lenz and her husband, Peter Lenz.\n\n" +
		"Maria Lenz said the talks had been useful. “We agree on more than we disagree,” she said.\n\n" +
		"“You can mark it down,” he added, turning to Lenz."
	want := []struct{ text, speaker string }{
		{"We have no time to lose,", "Alan Ward"},
		{"the talks had been useful", "Maria Lenz"},
		{"We agree on more than we disagree,", "Maria Lenz"},
		{"You can mark it down,", "Alan Ward"},
	}
	got := find(text)
	if len(got) != len(want) {
		t.Fatalf("got %d quotes %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		t.Run(w.text, func(t *testing.T) {
			if got[i].Text != w.text || got[i].Speaker != w.speaker {
				t.Errorf("got %q by %q, want %q by %q", got[i].Text, got[i].Speaker, w.text, w.speaker)
			}
		})
	}
}

// TestExpand checks that an acronym speaker is the organisation the
// article named in full.
func TestExpand(t *testing.T) {
	text := "The National Republican Senatorial Committee attacked the senator on Monday. The NRSC said the senator should speak out."
	var got []string
	for _, q := range find(text) {
		got = append(got, q.Speaker)
	}
	if len(got) != 1 || got[0] != "National Republican Senatorial Committee" {
		t.Errorf("speakers %q, want the committee's full name", got)
	}
}
