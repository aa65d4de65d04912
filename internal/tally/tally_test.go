package tally

import "testing"

func TestMajority(t *testing.T) {
	for _, tt := range []struct {
		name string
		m    map[string]int
		want string
	}{
		{"no votes", nil, ""},
		{"a clear majority", map[string]int{"person": 3, "org": 1}, "person"},
		{"a tie goes to the first in order", map[string]int{"b": 2, "a": 2, "c": 1}, "a"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Majority(tt.m); got != tt.want {
				t.Errorf("Majority(%v) = %q, want %q", tt.m, got, tt.want)
			}
		})
	}
}
