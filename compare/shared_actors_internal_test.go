package compare

import (
	"slices"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestSharedActors checks which units conflictPairs reads event, act and
// home keys of: those naming a person or organisation that a
// value-bearing unit of another article names too. A place, a unit that
// bears no value and a second unit of the same article do not make an
// actor shared, and a name holding the keys' separator reads every unit
// and says so.
func TestSharedActors(t *testing.T) {
	person := func(n string) entityRef { return entityRef{name: n, typ: storyfold.EntityPerson} }
	org := func(n string) entityRef { return entityRef{name: n, typ: storyfold.EntityOrg} }
	place := func(n string) entityRef { return entityRef{name: n, typ: storyfold.EntityPlace} }
	type in struct {
		article  int
		bearing  bool
		entities []entityRef
	}
	tests := []struct {
		name      string
		units     []in
		want      []bool
		separated bool
	}{
		{"one person in two articles", []in{
			{0, true, []entityRef{person("Smith")}},
			{1, true, []entityRef{person("Smith"), person("Jones")}},
			{1, true, []entityRef{person("Jones")}},
		}, []bool{true, true, false}, false},
		{"an organisation counts, a place does not", []in{
			{0, true, []entityRef{org("Senate"), place("Ohio")}},
			{1, true, []entityRef{org("Senate")}},
			{2, true, []entityRef{place("Ohio")}},
		}, []bool{true, true, false}, false},
		{"two units of one article", []in{
			{0, true, []entityRef{person("Smith")}},
			{0, true, []entityRef{person("Smith")}},
		}, []bool{false, false}, false},
		{"a unit bearing no value shares nothing", []in{
			{0, true, []entityRef{person("Smith")}},
			{1, false, []entityRef{person("Smith")}},
		}, []bool{false, false}, false},
		{"a name with the separator turns the test off", []in{
			{0, true, []entityRef{person("A|B")}},
			{1, true, nil},
			{1, false, nil},
		}, []bool{true, true, true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units := make([]unit, len(tt.units))
			bearing := make([]bool, len(tt.units))
			for i, u := range tt.units {
				units[i].article, units[i].entities, bearing[i] = u.article, u.entities, u.bearing
			}
			got, separated := sharedActors(units, bearing)
			if !slices.Equal(got, tt.want) || separated != tt.separated {
				t.Errorf("sharedActors = %v, %v, want %v, %v", got, separated, tt.want, tt.separated)
			}
		})
	}
}
