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
		{"conflict_negation.txt", negationData, strings.ToLower},
		{"conflict_speech.txt", speechData, strings.ToLower},
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
