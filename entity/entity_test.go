package entity

import (
	"reflect"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

func annotate(id, text string) *storyfold.Article {
	a := &storyfold.Article{ID: id, Text: text}
	start := 0
	for _, p := range strings.Split(text, "\n\n") {
		a.Sentences = nlp.Sentences(a.Sentences, text, start, start+len(p))
		start += len(p) + 2
	}
	a.Entities = Article(id, NewFinder().Find(a.Text, a.Sentences))
	return a
}

func names(ents []storyfold.Entity, typ storyfold.EntityType) []string {
	var out []string
	for _, e := range ents {
		if e.Type == typ {
			out = append(out, e.Name)
		}
	}
	return out
}

func TestFindTypes(t *testing.T) {
	tests := []struct {
		text                 string
		people, orgs, places []string
	}{
		{"U.S. Defense Secretary Pete Hegseth met NATO Secretary General Mark Rutte in Brussels.",
			[]string{"Pete Hegseth", "Mark Rutte"}, []string{"NATO"}, []string{"United States", "Brussels"}},
		{"The European Union and the Kremlin disagreed. Latvian officials said so.",
			nil, []string{"European Union", "Kremlin"}, nil},
		{"Following the call, Trump spoke. Addressing reporters, Hegseth said little.",
			[]string{"Trump", "Hegseth"}, nil, nil},
		{"French Foreign Minister Jean-Noël Barrot met Ursula von der Leyen in Saudi Arabia.",
			[]string{"Ursula von der Leyen", "Jean-Noël Barrot"}, nil, []string{"Saudi Arabia"}},
		{"President Vladimir Putin of Russia called Donald Trump’s team.",
			[]string{"Vladimir Putin", "Donald Trump"}, nil, []string{"Russia"}},
		{"since World War II began", nil, nil, nil},
		{"The United States signaled a shift in US-Russia relations.",
			nil, nil, []string{"United States", "Russia"}},
		{"The former U.S. attorney for the District of Columbia Joseph diGenova spoke. diGenova was angry.",
			[]string{"Joseph diGenova"}, nil, []string{"District of Columbia", "United States"}},
		{"Representative Jackie Speier, Democrat of California, spoke to Special Counsel Robert Mueller.",
			[]string{"Jackie Speier", "Robert Mueller"}, nil, []string{"California"}},
		{"Twitter said the glitch was fixed in Kansas City.",
			nil, []string{"Twitter"}, []string{"Kansas City"}},
		{"no capital letters at all here", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(shortName(tt.text), func(t *testing.T) {
			a := annotate("a", tt.text)
			if got := names(a.Entities, storyfold.EntityPerson); !reflect.DeepEqual(got, tt.people) {
				t.Errorf("%q: people %v, want %v", tt.text, got, tt.people)
			}
			if got := names(a.Entities, storyfold.EntityOrg); !reflect.DeepEqual(got, tt.orgs) {
				t.Errorf("%q: orgs %v, want %v", tt.text, got, tt.orgs)
			}
			if got := names(a.Entities, storyfold.EntityPlace); !reflect.DeepEqual(got, tt.places) {
				t.Errorf("%q: places %v, want %v", tt.text, got, tt.places)
			}
			for _, e := range a.Entities {
				for _, m := range e.Mentions {
					if m.Start < 0 || m.End > len(tt.text) || m.Start >= m.End {
						t.Errorf("%q: bad mention %v of %s", tt.text, m, e.Name)
					}
				}
			}
		})
	}
}

func TestStoryMerge(t *testing.T) {
	arts := []*storyfold.Article{
		annotate("a1", "Defense Secretary Pete Hegseth spoke. Hegseth said the war must end. President Volodymyr Zelensky listened."),
		annotate("a2", "Hegseth denied it. Ukraine’s President Volodymyr Zelenskyy called for talks with Zelenskyy’s allies."),
		annotate("a3", "US Secretary of Defense Pete Hegseth met Latvian and European ministers."),
	}
	ents := Story(arts)
	byName := map[string]storyfold.Entity{}
	for _, e := range ents {
		byName[e.Name] = e
	}
	h, ok := byName["Pete Hegseth"]
	if !ok {
		t.Fatalf("no Pete Hegseth in %v", names(ents, storyfold.EntityPerson))
	}
	if !reflect.DeepEqual(h.Articles, []string{"a1", "a2", "a3"}) || !reflect.DeepEqual(h.Aliases, []string{"Hegseth"}) {
		t.Errorf("Hegseth: articles %v, aliases %v", h.Articles, h.Aliases)
	}
	if !reflect.DeepEqual(h.Roles, []string{"Defense Secretary", "Secretary of Defense"}) {
		t.Errorf("Hegseth roles %v", h.Roles)
	}
	var z []storyfold.Entity
	for _, e := range ents {
		if strings.HasPrefix(e.Name, "Volodymyr") {
			z = append(z, e)
		}
	}
	if len(z) != 1 || len(z[0].Aliases) != 2 {
		t.Errorf("Zelensky spellings not merged into one: %+v", z)
	}
	for _, e := range ents {
		if e.Name == "Latvian" || e.Name == "European" {
			t.Errorf("demonym %q taken as an entity", e.Name)
		}
		if e.Mentions != nil {
			t.Errorf("story entity %s carries article mentions", e.Name)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"Zelensky", "Zelenskyy", true}, {"Zelenskiy", "Zelensky", true}, {"Putin", "Puten", false},
		{"Johnson", "Johnston", true}, {"Smith", "Smyth", false}, {"Hegseth", "Hegseth", true},
	} {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := similarName(tt.a, tt.b); got != tt.same {
				t.Errorf("similarName(%q, %q) = %v", tt.a, tt.b, got)
			}
		})
	}
}

// shortName names a subtest after the opening words of its input.
func shortName(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30])
	}
	return s
}
