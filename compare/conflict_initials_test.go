package compare

import "testing"

// TestInitialsOf pins when one organisation's name is the other's
// initials, in any order: two names of one body are not two bodies in
// one claim (BASIL c6a0e65c: "the DOJ document" against "after the
// Justice Department indicted 12 Russian intelligence officers" had been
// reported as an organisation conflict).
func TestInitialsOf(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"DOJ", "Justice Department", true},
		{"Justice Department", "DOJ", true},
		{"DOJ", "Department of Justice", true},
		{"FBI", "Federal Bureau of Investigation", true},
		{"DHS", "Homeland Security Department", true},
		{"I.R.S.", "Internal Revenue Service", true},
		{"DOJ", "Treasury Department", false},
		{"FBI", "CIA", false},
		{"NRA", "National Rifle", false},
		{"Justice Department", "State Department", false},
		{"DOJ", "Justice", false},
	} {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := initialsOf(tt.a, tt.b); got != tt.want {
				t.Errorf("initialsOf(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
