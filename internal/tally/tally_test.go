package tally

import "testing"

func TestMajority(t *testing.T) {
	for _, tt := range []struct {
		m    map[string]int
		want string
	}{
		{nil, ""},
		{map[string]int{"person": 3, "org": 1}, "person"},
		{map[string]int{"b": 2, "a": 2, "c": 1}, "a"},
	} {
		if got := Majority(tt.m); got != tt.want {
			t.Errorf("Majority(%v) = %q, want %q", tt.m, got, tt.want)
		}
	}
}
