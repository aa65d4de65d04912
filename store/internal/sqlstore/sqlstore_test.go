package sqlstore

import "testing"

func TestRebind(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"none", "SELECT n FROM version", "SELECT n FROM version"},
		{"in order", "WHERE a = ? AND b IN (?, ?) LIMIT ?", "WHERE a = $1 AND b IN ($2, $3) LIMIT $4"},
		{"ten and more", "??????????", "$1$2$3$4$5$6$7$8$9$10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Rebind(tt.in); got != tt.want {
				t.Errorf("Rebind(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
