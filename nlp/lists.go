package nlp

import (
	"embed"
	"strings"
)

// The word lists of the gazetteer and the name finder, one file a list:
// places, roles and titles, organisation and place words, given names.
//
//go:embed data/*.txt
var listFiles embed.FS

// dataLines returns the entries of an embedded list: its lines without
// comments ("#") and blank lines, trimmed. A missing file is a bug caught
// by any test, so it panics.
func dataLines(fs embed.FS, path string) []string {
	data, err := fs.ReadFile(path)
	if err != nil {
		panic(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// list returns data/name.txt as a lower-case set, for in.
func list(name string) map[string]bool {
	m := map[string]bool{}
	for _, w := range dataLines(listFiles, "data/"+name+".txt") {
		m[strings.ToLower(w)] = true
	}
	return m
}

// pairs returns data/name.txt, lines "key|value", as a map.
func pairs(name string) map[string]string {
	m := map[string]string{}
	for _, l := range dataLines(listFiles, "data/"+name+".txt") {
		if k, v, ok := strings.Cut(l, "|"); ok {
			m[k] = v
		}
	}
	return m
}
