package compare

import (
	"slices"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestConflictRule checks that every rule writes its own opening words,
// so that ConflictRule reads each conflict's rule back, and that a
// description no rule writes has none.
func TestConflictRule(t *testing.T) {
	seen := map[string]string{}
	for _, id := range Rules {
		what, ok := ruleWhat[id]
		if !ok {
			t.Fatalf("rule %q has no description", id)
		}
		if other, dup := seen[what]; dup {
			t.Errorf("rules %q and %q open alike: %q", other, id, what)
		}
		seen[what] = id
	}
	if len(ruleWhat) != len(Rules) {
		t.Errorf("%d descriptions for %d rules", len(ruleWhat), len(Rules))
	}
	tests := []struct {
		name, desc, want string
	}{
		{"an older rule", "The sources give different dates: Monday (a; 1 independent source) vs Tuesday (b; 1 independent source)", RuleDate},
		{"a narrower rule of the same kind", "The sources give different days for the same act: Tuesday (a; 1 independent source) vs Thursday (b; 1 independent source)", RuleActDay},
		{"a rule of another kind", "The sources give one title to different people: John Smith (a; 1 independent source) vs Mark Emmert (b; 1 independent source)", RuleTitle},
		{"no rule", "Something else: x vs y", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ConflictRule(storyfold.Conflict{Description: tt.desc}); got != tt.want {
				t.Errorf("ConflictRule(%q) = %q, want %q", tt.desc, got, tt.want)
			}
		})
	}
	for _, k := range conflictKinds {
		if !slices.Contains(Rules, k.rule) {
			t.Errorf("kind %s has rule %q, not listed in Rules", k.kind, k.rule)
		}
	}
}
