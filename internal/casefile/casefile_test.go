package casefile

import (
	"testing"
)

func TestParseFormat(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		comment  string
		sections []Section
	}{
		{"comment and two sections", "a case\n-- text --\nHello.\n-- want --\nx\ny\n", "a case\n", []Section{{"text", "Hello.\n"}, {"want", "x\ny\n"}}},
		{"no final newline", "-- text --\nHello.", "", []Section{{"text", "Hello.\n"}}},
		{"an empty section", "-- text --\n-- want --\n", "", []Section{{"text", ""}, {"want", ""}}},
		{"a marker look-alike inside", "-- text --\n--- not a marker --\n-- x\n", "", []Section{{"text", "--- not a marker --\n-- x\n"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := Parse([]byte(tc.in))
			if f.Comment != tc.comment {
				t.Errorf("comment %q, want %q", f.Comment, tc.comment)
			}
			if len(f.Sections) != len(tc.sections) {
				t.Fatalf("sections %+v, want %+v", f.Sections, tc.sections)
			}
			for i := range f.Sections {
				if f.Sections[i] != tc.sections[i] {
					t.Errorf("section %d %+v, want %+v", i, f.Sections[i], tc.sections[i])
				}
			}
			again := Parse(f.Format())
			if string(again.Format()) != string(f.Format()) {
				t.Errorf("formatting is not stable: %q", f.Format())
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add("-- a --\nx\n-- b --\n")
	f.Add("comment\n-- --\n")
	f.Fuzz(func(t *testing.T, in string) {
		p := Parse([]byte(in))
		if got := Parse(p.Format()); string(got.Format()) != string(p.Format()) {
			t.Fatalf("not stable: %q", in)
		}
	})
}
