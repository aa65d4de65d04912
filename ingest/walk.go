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
// files whose extension is not an article format, are passed over; symbolic
// links to files are followed, other links reported), and "-"
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
		// A directory named through a symbolic link is walked as the
		// directory it points at ("link/" makes WalkDir follow it), its
		// files still named under the link.
		root := p
		if lst, err := os.Lstat(p); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
			root = p + string(filepath.Separator)
		}
		var found []string
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				report(&Problem{Path: path, Msg: "cannot read: " + unwrapPath(err).Error()})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if path != root && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if formatByName(name) == Unknown && !isPlainName(name) {
				skipped++
				return nil
			}
			if !d.Type().IsRegular() {
				// A link to a file is read as the file, as one named
				// directly is; anything else is said, not dropped.
				if msg, ok := irregular(path, d); !ok {
					report(&Problem{Path: path, Msg: msg})
					return nil
				}
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

// irregular tells whether an entry of a directory that is not a regular
// file is still read: a symbolic link to a regular file is; links to
// directories are not followed (they may loop back), and broken or looping
// links, devices, pipes and sockets are skipped with the message returned.
func irregular(path string, d fs.DirEntry) (msg string, ok bool) {
	if d.Type()&fs.ModeSymlink == 0 {
		return "skipped: not a regular file", false
	}
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return "skipped: broken symbolic link: " + unwrapPath(err).Error(), false
	case st.IsDir():
		return "skipped: symbolic link to a directory (name the directory itself to read it)", false
	case !st.Mode().IsRegular():
		return "skipped: symbolic link to something other than a regular file", false
	}
	return "", true
}
