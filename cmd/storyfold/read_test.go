package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestMaxSizeFlag checks that a --max-size of 0 or less is a usage error
// (exit 2, with a message), not the default in silence, in every command
// that reads.
func TestMaxSizeFlag(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, tt := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"analyze zero", []string{"analyze", "--max-size", "0", "examples/ukraine-talks"}, 2, "--max-size must be positive"},
		{"analyze negative", []string{"analyze", "--max-size=-1", "examples/ukraine-talks"}, 2, "--max-size must be positive"},
		{"extract zero", []string{"extract", "--max-size", "0", "README.md"}, 2, "--max-size must be positive"},
		{"ingest negative", []string{"ingest", "--db", db, "--max-size", "-100", "examples/ukraine-talks"}, 2, "--max-size must be positive"},
		{"not a number", []string{"analyze", "--max-size", "10MB", "examples/ukraine-talks"}, 2, "not a whole number of bytes"},
		{"positive", []string{"extract", "--max-size", "1000000", "README.md"}, 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := run(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, firstLine(errOut), tt.code, tt.msg)
			}
		})
	}
}

func TestPositiveSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1", 1, true}, {" 2048 ", 2048, true}, {"0", 0, false}, {"-1", 0, false}, {"1e6", 0, false}, {"", 0, false},
	} {
		t.Run(tt.in, func(t *testing.T) {
			var s positiveSize
			err := s.Set(tt.in)
			if (err == nil) != tt.ok || tt.ok && int64(s) != tt.want {
				t.Errorf("Set(%q) = %d, %v; want %d, ok %v", tt.in, s, err, tt.want, tt.ok)
			}
		})
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
