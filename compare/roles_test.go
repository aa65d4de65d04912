package compare

import (
	"slices"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// TestRoleSubjects pins the frames of sentences that name their subject by
// title alone: the title stands for the story's person who holds it, as
// written before the person's name in another article of the story, and
// for no one when two people hold it. The sentences are from the example
// story and BASIL, some shortened.
func TestRoleSubjects(t *testing.T) {
	const person = storyfold.EntityPerson
	ukraine := map[string]storyfold.EntityType{"Donald Trump": person, "Vladimir Putin": person, "Volodymyr Zelenskyy": person,
		"Pete Hegseth": person, "John Healey": person, "JD Vance": person}
	// The other articles of the story, where the titles are written.
	titled := []string{
		"In a shocking move, US President Donald Trump agreed to launch negotiations with Russian President Vladimir Putin.",
		"U.S. Defense Secretary Pete Hegseth denied claims of abandoning Kyiv, while British Defense Secretary John Healey disagreed.",
		"Zelenskyy will meet US Vice President JD Vance on Friday.",
	}
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"a title one person holds", "Following his conversation with Putin, the US president spoke with Volodymyr Zelenskyy by phone.",
			[]string{"Donald Trump|communicate|o:Volodymyr Zelenskyy"}},
		{"a title three people hold", "Following his conversation with Putin, the president spoke with Volodymyr Zelenskyy by phone.", nil},
		{"a title two people hold", "Later the defense secretary met with Zelenskyy in Kyiv.", nil},
		{"a title with its country", "Later the U.S. defense secretary met with Volodymyr Zelenskyy.",
			[]string{"Pete Hegseth|meet|o:Volodymyr Zelenskyy"}},
		{"a vice president is no president", "Later the vice president met with Volodymyr Zelenskyy.",
			[]string{"JD Vance|meet|o:Volodymyr Zelenskyy"}},
		{"another body's title", "Later the president of the Ukrainian Football Association met with Volodymyr Zelenskyy.", nil},
		{"a title no one is given", "Later the French president met with Volodymyr Zelenskyy.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var arts []*storyfold.Article
			for _, s := range append(titled, tc.text) {
				arts = append(arts, frameArticle(s, ukraine))
			}
			a := arts[len(arts)-1]
			r, ms := frameReader(a)
			defer r.release()
			r.learnTitles(arts)
			toks := nlp.Tokenize(nil, tc.text)
			got := r.frames(tc.text, 0, toks, r.roleMentions(tc.text, 0, toks, ms))
			if !slices.Equal(got, tc.want) {
				t.Errorf("frames = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestRoleDataHasNoDuplicates rejects a word listed twice.
func TestRoleDataHasNoDuplicates(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range dataLines(roleData) {
		if seen[l] {
			t.Errorf("%q listed twice", l)
		}
		seen[l] = true
	}
}
