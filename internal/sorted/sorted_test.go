package sorted

import "testing"

func TestShared(t *testing.T) {
	tests := []struct {
		name string
		a, b []int
		want int
	}{
		{"empty", nil, []int{1}, 0},
		{"disjoint", []int{1, 3}, []int{2, 4}, 0},
		{"some", []int{1, 2, 3, 5}, []int{2, 3, 4, 5}, 3},
		{"repeats clipped", []int{1, 1, 1, 2}, []int{1, 1, 2, 2}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Shared(tc.a, tc.b); got != tc.want {
				t.Errorf("Shared(%v, %v) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
			if got := Shared(tc.b, tc.a); got != tc.want {
				t.Errorf("Shared(%v, %v) = %d, want %d (not symmetric)", tc.b, tc.a, got, tc.want)
			}
		})
	}
}
