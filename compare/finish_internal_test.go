package compare

import (
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestFinishOneFamily checks that a conflict whose sides all come from one
// copy family says so, rather than leaving two "1 independent source"
// counts that read as two sources, and that sides of two families do not.
func TestFinishOneFamily(t *testing.T) {
	members := []*storyfold.Article{{ID: "a", Source: "Wire"}, {ID: "b", Source: "Daily"}}
	mk := func(value, article string, fam int) *side {
		return &side{value: value, claims: []storyfold.Claim{{Article: article, Value: value}}, fams: map[int]bool{fam: true}}
	}
	const note = "one copy family"
	tests := []struct {
		name     string
		fams     [2]int
		wantNote bool
	}{
		{"one family", [2]int{0, 0}, true},
		{"two families", [2]int{0, 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := finish(storyfold.ConflictPlace, "The sources name a different place in the same claim",
				[]*side{mk("Moscow", "a", tt.fams[0]), mk("Pyongyang", "b", tt.fams[1])}, members)
			if got := strings.Contains(c.Description, note); got != tt.wantNote {
				t.Errorf("description %q: note %v, want %v", c.Description, got, tt.wantNote)
			}
			if !strings.Contains(c.Description, "Moscow (Wire; 1 independent source) vs Pyongyang (Daily; 1 independent source)") {
				t.Errorf("description %q lacks the sides", c.Description)
			}
		})
	}
}
