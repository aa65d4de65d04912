package compare

import (
	"slices"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestNameNear checks that nameNear reads a name's words as
// strings.Fields(strings.ToLower(name)) gives them: every kind of space
// between them, letters outside ASCII, an invalid byte.
func TestNameNear(t *testing.T) {
	near := map[string]bool{"nancy": true, "pelosi": true, "zelenskyy": true, "élysée": true, "\uFFFDx": true}
	tests := []struct {
		name string
		want bool
	}{
		{"Nancy Pelosi", true},
		{"  Nancy\tPelosi ", true},
		{"Nancy\u00a0Pelosi", true}, // a no-break space is a space to strings.Fields
		{"ÉLYSÉE", true},
		{"Nancy Reagan", false},
		{"", true},
		{"\xffX", true},
		{"Volodymyr Zelenskyy", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := true
			for _, w := range strings.Fields(strings.ToLower(tt.name)) {
				want = want && near[w]
			}
			if want != tt.want {
				t.Fatalf("the table is wrong for %q: strings.Fields gives %v", tt.name, want)
			}
			if got := nameNear(tt.name, near); got != tt.want {
				t.Errorf("nameNear(%q) = %v, want %v", tt.name, got, tt.want)
			}
		})
	}
}

// TestPostingLists checks that the postings of one list a kind of key
// give each key the units, in unit order, and each unit's places in its
// keys' lists, that a list a key gave, with a unit giving one key twice
// and a unit giving none, used twice in a row as keyPairs uses them.
func TestPostingLists(t *testing.T) {
	kinds := [][][]string{
		{{"a|x", "b|y"}, nil, {"a|x"}, {"c|z", "c|z"}, {"b|y", "a|x"}},
		{nil, {"q"}, nil, {"q", "r"}, {"r"}},
	}
	var ps pairScratch
	for ki, keys := range kinds {
		units := make([]unit, len(keys))
		want := map[string][]int32{}
		wantAt := make([][]int, len(units))
		for i := range units {
			for _, k := range keys[i] {
				wantAt[i] = append(wantAt[i], len(want[k]))
				want[k] = append(want[k], int32(i))
			}
		}
		_, at := ps.scratch(len(units))
		pl := ps.post(units, keys, at, true)
		for k, list := range want {
			if got := pl.of(k); !slices.Equal(got, list) {
				t.Errorf("kind %d: key %q posts %v, want %v", ki, k, got, list)
			}
		}
		if got := pl.of("none"); got != nil {
			t.Errorf("kind %d: an unknown key posts %v", ki, got)
		}
		for i := range units {
			if !slices.Equal(at[i], wantAt[i]) {
				t.Errorf("kind %d: unit %d is at %v, want %v", ki, i, at[i], wantAt[i])
			}
		}
	}
}

// TestMentionsIn checks that a unit's mentions of one entity are those
// inside its span, whether they are given as a run of the entity's list
// or copied (one running past the span's end), and that the list is not
// changed by a caller appending to them.
func TestMentionsIn(t *testing.T) {
	text := "Pelosi met Schumer. Pelosi said Pelosi-Schumer talks went on."
	pelosi := []storyfold.Span{{Start: 0, End: 6}, {Start: 20, End: 26}, {Start: 32, End: 38}}
	a := &storyfold.Article{Text: text, Entities: []storyfold.Entity{
		{Name: "Nancy Pelosi", Aliases: []string{"Pelosi"}, Type: storyfold.EntityPerson, Mentions: pelosi},
		{Name: "Schumer", Type: storyfold.EntityPerson, Mentions: []storyfold.Span{{Start: 11, End: 18}, {Start: 39, End: 70}}},
	}}
	orig := slices.Clone(pelosi)
	cx := newConflictContext(nil, []*storyfold.Article{a})
	tests := []struct {
		name string
		span storyfold.Span
		want []storyfold.Span
	}{
		{"pelosi", storyfold.Span{Start: 20, End: len(text)}, pelosi[1:]},
		{"PELOSI", storyfold.Span{Start: 0, End: 19}, pelosi[:1]},
		{"pelosi", storyfold.Span{Start: 7, End: 19}, nil},
		{"schumer", storyfold.Span{Start: 0, End: len(text)}, []storyfold.Span{{Start: 11, End: 18}}},
		{"nobody", storyfold.Span{Start: 0, End: len(text)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cx.mentionsIn(0, tt.name, tt.span)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("mentionsIn(%q, %v) = %v, want %v", tt.name, tt.span, got, tt.want)
			}
			_ = append(got, storyfold.Span{Start: 1, End: 2})
			if !slices.Equal(pelosi, orig) {
				t.Errorf("appending to the mentions changed the entity's list: %v", pelosi)
			}
		})
	}
}
