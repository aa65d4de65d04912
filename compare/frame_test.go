package compare

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// frameArticle returns a one-sentence article naming the given entities
// (name: type) wherever their names, or a person's last name, stand.
func frameArticle(text string, entities map[string]storyfold.EntityType) *storyfold.Article {
	a := &storyfold.Article{ID: "a", Text: text, Sentences: []storyfold.Span{{Start: 0, End: len(text)}}}
	names := make([]string, 0, len(entities))
	for n := range entities {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		e := storyfold.Entity{Name: n, Type: entities[n]}
		forms := []string{n}
		if e.Type == storyfold.EntityPerson {
			forms = append(forms, n[strings.LastIndexByte(n, ' ')+1:])
		}
		e.Mentions = mentionsOf(text, forms...)
		a.Entities = append(a.Entities, e)
	}
	return a
}

// frameReader returns a reader for a story of the article's entities, each
// known by its last name too, and the article's mentions as the claim
// frame reads them.
func frameReader(a *storyfold.Article) (*reader, []frameMention) {
	var story []storyfold.Entity
	for _, e := range a.Entities {
		story = append(story, storyfold.Entity{Name: e.Name, Type: e.Type, Aliases: []string{e.Name[strings.LastIndexByte(e.Name, ' ')+1:]}})
	}
	r := newReader(story)
	var ms []frameMention
	for _, e := range a.Entities {
		for _, m := range e.Mentions {
			ms = append(ms, frameMention{m, r.storyEntity(storyfold.Entity{Name: a.Text[m.Start:m.End], Type: e.Type}), false})
		}
	}
	slices.SortFunc(ms, func(x, y frameMention) int { return x.span.Start - y.span.Start })
	return r, ms
}

// TestFrames pins the claim frames read off a sentence: the subject before
// the verb, the verb's class, and the other participant or the place. The
// sentences are from the example story and BASIL, some shortened.
func TestFrames(t *testing.T) {
	const (
		person = storyfold.EntityPerson
		org    = storyfold.EntityOrg
		place  = storyfold.EntityPlace
	)
	ukraine := map[string]storyfold.EntityType{"Donald Trump": person, "Vladimir Putin": person,
		"Volodymyr Zelenskyy": person, "Saudi Arabia": place, "White House": org, "Kyiv": place}
	for _, tc := range []struct {
		name, text string
		entities   map[string]storyfold.EntityType
		want       []string
	}{
		{"a verb and its object", "After speaking with Putin, Trump called Zelenskyy and shared details of their conversation.",
			ukraine, []string{"Donald Trump|communicate|o:Volodymyr Zelenskyy"}},
		{"role words before the object", "Trump subsequently briefed Ukrainian President Volodymyr Zelenskyy about the discussion.",
			ukraine, []string{"Donald Trump|communicate|o:Volodymyr Zelenskyy"}},
		{"a meeting's place, either name first", "Kyiv worried after President Trump announced his intention to meet with Putin in Saudi Arabia.",
			ukraine, []string{"Donald Trump|meet|p:Saudi Arabia"}},
		{"a subject restated by a pronoun", `Trump later told reporters at the White House that they would "meet in Saudi Arabia," though no date has been set.`,
			ukraine, []string{"Donald Trump|meet|p:Saudi Arabia"}},
		{"a noun of the class", "The controversy erupted after Trump revealed his first official conversation with Putin, announcing plans for peace negotiations in Saudi Arabia.",
			ukraine, []string{"Donald Trump|meet|p:Saudi Arabia"}},
		{"no subject but a description", "Following his conversation with Putin, the US president spoke with Volodymyr Zelenskyy by phone.",
			ukraine, nil},
		{"what is told is the claim", "Trump told Zelenskyy that the talks in Saudi Arabia would begin within days.",
			ukraine, nil},
		{"a possessive is no participant", "Oleksandr Merezhko, head of the committee, criticized Zelenskyy's critics as illogical.",
			map[string]storyfold.EntityType{"Oleksandr Merezhko": person, "Volodymyr Zelenskyy": person}, nil},
		{"a passive with its agent", "Netanyahu was invited by House Speaker John Boehner, the leader of the Republican-controlled chamber.",
			map[string]storyfold.EntityType{"Benjamin Netanyahu": person, "John Boehner": person, "House": org},
			[]string{"John Boehner|invite|o:Benjamin Netanyahu"}},
		{"who is fired pins the claim", "Peter Strzok was fired from the FBI because of what his own written words plainly showed.",
			map[string]storyfold.EntityType{"Peter Strzok": person, "FBI": org}, []string{"|fire|o:Peter Strzok"}},
		{"a name inside a compound", "Peter Strzok, who became a lightning rod after the revelation of anti-Trump text messages, has been fired.",
			map[string]storyfold.EntityType{"Peter Strzok": person, "Donald Trump": person}, nil},
		{"a one-word name", "Donald met with Putin earlier Friday morning after attending a church service.",
			map[string]storyfold.EntityType{"Donald": person, "Vladimir Putin": person}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := frameArticle(tc.text, tc.entities)
			r, ms := frameReader(a)
			defer r.release()
			got := r.frames(tc.text, 0, nlp.Tokenize(nil, tc.text), ms)
			if !slices.Equal(got, tc.want) {
				t.Errorf("frames = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestFrameDataHasNoDuplicates rejects a word listed twice, in one class
// or two: a word reads as one act.
func TestFrameDataHasNoDuplicates(t *testing.T) {
	seen := map[string]string{}
	for _, l := range dataLines(frameData) {
		f := strings.Fields(l)
		if len(f) != 3 {
			t.Errorf("bad line %q", l)
			continue
		}
		k := f[1] + " " + f[2]
		if c, ok := seen[k]; ok {
			t.Errorf("%s listed in %s and %s", k, c, f[0])
		}
		seen[k] = f[0]
	}
	if len(seen) == 0 {
		t.Error("no frame classes read")
	}
}

// TestPruneFrames pins that a frame an article states twice is dropped
// from that article only.
func TestPruneFrames(t *testing.T) {
	units := []unit{
		{article: 0, frames: []string{"A|meet|o:B"}},
		{article: 0, frames: []string{"A|meet|o:B", "A|meet|p:C"}},
		{article: 1, frames: []string{"A|meet|o:B"}},
	}
	pruneFrames(units)
	for i, want := range [][]string{{}, {"A|meet|p:C"}, {"A|meet|o:B"}} {
		t.Run(fmt.Sprintf("unit %d", i), func(t *testing.T) {
			if !slices.Equal(units[i].frames, want) {
				t.Errorf("unit %d frames = %q, want %q", i, units[i].frames, want)
			}
		})
	}
}

// TestLeads pins the people a sentence opens with as its subject, which
// keep a figure, day or place of another act from being a conflict. The
// sentences are from BASIL.
func TestLeads(t *testing.T) {
	const (
		person = storyfold.EntityPerson
		org    = storyfold.EntityOrg
	)
	for _, tc := range []struct {
		name, text string
		entities   map[string]storyfold.EntityType
		want       []string
	}{
		{"a subject", "Trump tweeted Tuesday that he had accepted an invitation to meet Peña Nieto in private.",
			map[string]storyfold.EntityType{"Donald Trump": person, "Enrique Peña Nieto": person}, []string{"Trump"}},
		{"after an opening phrase", "On Wednesday, Mr. Fox expressed disbelief that Mr. Peña Nieto would invite Mr. Trump for the private meeting.",
			map[string]storyfold.EntityType{"Vicente Fox": person, "Enrique Peña Nieto": person, "Donald Trump": person}, []string{"Fox"}},
		{"a pronoun subject", "He accused Obama of carrying out a confusing policy on the civil war in Libya.",
			map[string]storyfold.EntityType{"Barack Obama": person}, nil},
		{"a preposition's object past a title", "But in a letter to Mr. Gowdy on Friday, a lawyer for Mrs. Clinton said there was no need to turn over the server.",
			map[string]storyfold.EntityType{"Trey Gowdy": person, "Hillary Clinton": person}, nil},
		{"a joint subject", "Hillary and Bill Clinton earned roughly $141 million from 2007 to 2014, according to tax returns released Friday.",
			map[string]storyfold.EntityType{"Hillary Clinton": person, "Bill Clinton": person}, []string{"Clinton"}},
		{"an organisation read as a name, ending in capitals", "Presumptive GOP presidential nominee Mitt Romney on Tuesday joined a chorus of Republicans.",
			map[string]storyfold.EntityType{"Presumptive GOP": person, "Mitt Romney": person}, nil},
		{"an organisation", "A National Rifle Association task force released a 225-page report on Tuesday.",
			map[string]storyfold.EntityType{"National Rifle Association": org}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := frameArticle(tc.text, tc.entities)
			r, ms := frameReader(a)
			defer r.release()
			got := r.leads(tc.text, 0, nlp.Tokenize(nil, tc.text), ms)
			if !slices.Equal(got, tc.want) {
				t.Errorf("leads = %q, want %q", got, tc.want)
			}
		})
	}
}
