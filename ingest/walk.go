package ingest

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Files expands paths into the files to read: a file stands for itself, a
// directory for every readable file below it (hidden files and folders, and
// files whose extension is not an article format, are passed over), and "-"
// for standard input. Files come in a stable order. skipped counts the files
// passed over by extension, so the user can be told.
func Files(paths []string, report func(*Problem)) (files []string, skipped int) {
	seen := make(map[string]bool)
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		if p == "-" {
			add(p)
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			report(&Problem{Path: p, Msg: "cannot read: " + unwrapPath(err).Error()})
			continue
		}
		if !st.IsDir() {
			add(p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				report(&Problem{Path: path, Msg: "cannot read: " + unwrapPath(err).Error()})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if path != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			if formatByName(name) == Unknown && !isPlainName(name) {
				skipped++
				return nil
			}
			found = append(found, path)
			return nil
		})
		if err != nil {
			report(&Problem{Path: p, Msg: "cannot walk: " + err.Error()})
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return files, skipped
}

// isPlainName reports whether a file name has no extension (a bare gzip
// suffix aside), so its content decides its format.
func isPlainName(name string) bool {
	name = strings.TrimSuffix(strings.ToLower(name), ".gz")
	return filepath.Ext(name) == ""
}
