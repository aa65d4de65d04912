// Package casefile reads and writes test case files in the txtar format:
// a comment, then sections each opened by a line "-- name --". A finder's
// cases are one file each under its package's testdata, so a new case is a
// new file, and the expected output sits beside the input it came from.
package casefile

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Update, set by the -update flag of any test binary that imports this
// package, rewrites the expected sections of the case files from what the
// code produces.
var Update = flag.Bool("update", false, "rewrite the expected sections of case files (and golden files) from the output")

// Section is one named part of a case file.
type Section struct {
	Name string
	Data string
}

// File is a parsed case file.
type File struct {
	Comment  string
	Sections []Section
}

// Get returns the data of the named section and whether it is there.
func (f *File) Get(name string) (string, bool) {
	for _, s := range f.Sections {
		if s.Name == name {
			return s.Data, true
		}
	}
	return "", false
}

// Set replaces the named section's data, or adds the section at the end.
func (f *File) Set(name, data string) {
	for i := range f.Sections {
		if f.Sections[i].Name == name {
			f.Sections[i].Data = data
			return
		}
	}
	f.Sections = append(f.Sections, Section{name, data})
}

// Parse reads a case file. Every section's data ends in a newline unless
// it is empty.
func Parse(data []byte) *File {
	f := &File{}
	var cur *Section
	var b strings.Builder
	flush := func() {
		if cur != nil {
			cur.Data = b.String()
			f.Sections = append(f.Sections, *cur)
		} else {
			f.Comment = b.String()
		}
		b.Reset()
	}
	for line := range strings.Lines(string(data)) {
		if name, ok := marker(line); ok {
			flush()
			cur = &Section{Name: name}
			continue
		}
		b.WriteString(line)
		if !strings.HasSuffix(line, "\n") {
			b.WriteByte('\n')
		}
	}
	flush()
	return f
}

// marker returns the name of a section's opening line.
func marker(line string) (string, bool) {
	line = strings.TrimRight(line, "\r\n")
	if !strings.HasPrefix(line, "-- ") || !strings.HasSuffix(line, " --") || len(line) < 7 {
		return "", false
	}
	return strings.TrimSpace(line[3 : len(line)-3]), true
}

// Format writes a case file back.
func (f *File) Format() []byte {
	var b bytes.Buffer
	b.WriteString(f.Comment)
	for _, s := range f.Sections {
		fmt.Fprintf(&b, "-- %s --\n", s.Name)
		b.WriteString(s.Data)
		if s.Data != "" && !strings.HasSuffix(s.Data, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// Run runs one subtest for each case file (*.txtar) in dir. produce reads
// a case's input sections and returns the sections it makes, by name;
// each must equal the file's section of that name. With -update the file
// is rewritten with the sections produce made. A file with a "skip"
// section holds the right answer to a case the code gets wrong: the
// section says what is wrong, and the case is skipped until it is fixed.
func Run(t *testing.T, dir string, produce func(t *testing.T, f *File) []Section) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no case files in %s", dir)
	}
	slices.Sort(paths)
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f := Parse(data)
			if why, ok := f.Get("skip"); ok {
				t.Skipf("%s: a known error, not fixed yet: %s", path, strings.TrimSpace(why))
			}
			got := produce(t, f)
			if *Update {
				for _, s := range got {
					f.Set(s.Name, s.Data)
				}
				if err := os.WriteFile(path, f.Format(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, s := range got {
				want, ok := f.Get(s.Name)
				if !ok {
					t.Errorf("%s: no section %q (run with -update to write it)", path, s.Name)
					continue
				}
				if want != s.Data {
					t.Errorf("%s: section %q\ngot:\n%s\nwant:\n%s", path, s.Name, s.Data, want)
				}
			}
		})
	}
}
