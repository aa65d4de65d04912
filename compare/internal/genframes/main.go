// Command genframes writes compare/claim_frames.txt, the word classes of
// the claim frame (compare/frame.go), from a WordNet 3.0 database and the
// seeds in seeds.txt: each seed synset gives its class its words and those
// of its hyponyms down to the seed's depth. Debian's wordnet-base package
// installs the database in /usr/share/wordnet.
//
//	go run ./compare/internal/genframes -dict /usr/share/wordnet -out compare/claim_frames.txt
package main

import (
	"bufio"
	_ "embed"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

//go:embed seeds.txt
var seeds string

// frequentSenses is how many of a word's senses, in WordNet's order, count:
// a word joins a class only through one of its frequent senses, so that
// "fire" (a weapon, a kiln) is not dismissing someone unless seeded so.
const frequentSenses = 3

// synset is one WordNet synset: its words and its hyponyms.
type synset struct {
	words []string
	hypos []string
}

// db is one part of speech of a WordNet database.
type db struct {
	synsets map[string]*synset  // offset -> synset
	senses  map[string][]string // lemma -> synset offsets in sense order
}

func main() {
	dict := flag.String("dict", "/usr/share/wordnet", "the WordNet database directory")
	out := flag.String("out", "", "where to write the classes (stdout when empty)")
	flag.Parse()
	if err := run(*dict, *out); err != nil {
		log.Fatal(err)
	}
}

func run(dict, out string) error {
	dbs := map[string]*db{}
	for pos, name := range map[string]string{"v": "verb", "n": "noun"} {
		d, err := read(dict, name)
		if err != nil {
			return err
		}
		dbs[pos] = d
	}
	type entry struct{ class, pos, word string }
	seen := map[entry]bool{}
	var entries []entry
	dropped := map[entry]bool{}
	add := func(e entry) {
		if !seen[e] {
			seen[e] = true
			entries = append(entries, e)
		}
	}
	for _, l := range strings.Split(seeds, "\n") {
		f := strings.Fields(l)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) == 4 && f[3] == "=" {
			add(entry{f[0], f[1], f[2]})
			continue
		}
		if len(f) == 4 && f[3] == "-" {
			dropped[entry{f[0], f[1], f[2]}] = true
			continue
		}
		if len(f) != 5 {
			return fmt.Errorf("bad seed line %q", l)
		}
		d := dbs[f[1]]
		if d == nil {
			return fmt.Errorf("bad part of speech in %q", l)
		}
		sense, err := strconv.Atoi(f[3])
		if err != nil {
			return fmt.Errorf("bad sense in %q: %w", l, err)
		}
		depth, err := strconv.Atoi(f[4])
		if err != nil {
			return fmt.Errorf("bad depth in %q: %w", l, err)
		}
		offs := d.senses[f[2]]
		if sense < 1 || sense > len(offs) {
			return fmt.Errorf("no sense %d of %q", sense, f[2])
		}
		add(entry{f[0], f[1], f[2]})
		level := []string{offs[sense-1]}
		for step := 0; step <= depth && len(level) > 0; step++ {
			var next []string
			for _, off := range level {
				s := d.synsets[off]
				for _, w := range s.words {
					if frequent(d, w, off) {
						add(entry{f[0], f[1], w})
					}
				}
				next = append(next, s.hypos...)
			}
			level = next
		}
	}
	entries = slices.DeleteFunc(entries, func(e entry) bool { return dropped[e] })
	sort.Slice(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.class != b.class {
			return a.class < b.class
		}
		if a.pos != b.pos {
			return a.pos > b.pos
		}
		return a.word < b.word
	})
	var b strings.Builder
	b.WriteString("# The word classes of the claim frame (compare/frame.go): class, part of\n")
	b.WriteString("# speech (v, n) and lemma, one a line. Generated from WordNet 3.0 (see\n")
	b.WriteString("# nlp/wordnet/LICENSE-WordNet) and compare/internal/genframes/seeds.txt by\n")
	b.WriteString("#   go run ./compare/internal/genframes -dict /usr/share/wordnet -out compare/claim_frames.txt\n")
	b.WriteString("# Do not edit: change the seeds and run it again.\n")
	for _, e := range entries {
		fmt.Fprintf(&b, "%s %s %s\n", e.class, e.pos, e.word)
	}
	if out == "" {
		_, err := os.Stdout.WriteString(b.String())
		return err
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

// frequent reports whether synset off is among word's frequent senses. Only
// single words count: multi-word lemmas are not matched in text.
func frequent(d *db, word, off string) bool {
	if strings.ContainsAny(word, "_-") {
		return false
	}
	for i, o := range d.senses[word] {
		if i >= frequentSenses {
			break
		}
		if o == off {
			return true
		}
	}
	return false
}

// read loads one part of speech of the database.
func read(dict, name string) (*db, error) {
	d := &db{synsets: map[string]*synset{}, senses: map[string][]string{}}
	err := lines(filepath.Join(dict, "data."+name), func(l string) error {
		if strings.HasPrefix(l, " ") {
			return nil // the licence header
		}
		f := strings.Fields(strings.SplitN(l, "|", 2)[0])
		n, err := strconv.ParseInt(f[3], 16, 32)
		if err != nil {
			return fmt.Errorf("word count in %q: %w", f[0], err)
		}
		s := &synset{}
		for i := 0; i < int(n); i++ {
			w := strings.ToLower(f[4+2*i])
			if k := strings.IndexByte(w, '('); k >= 0 {
				w = w[:k] // an adjective's marker
			}
			s.words = append(s.words, w)
		}
		p := 4 + 2*int(n)
		np, err := strconv.Atoi(f[p])
		if err != nil {
			return fmt.Errorf("pointer count in %q: %w", f[0], err)
		}
		for i := 0; i < np; i++ {
			if f[p+1+4*i] == "~" {
				s.hypos = append(s.hypos, f[p+2+4*i])
			}
		}
		d.synsets[f[0]] = s
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = lines(filepath.Join(dict, "index."+name), func(l string) error {
		if strings.HasPrefix(l, " ") {
			return nil
		}
		f := strings.Fields(l)
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("sense count of %q: %w", f[0], err)
		}
		d.senses[f[0]] = f[len(f)-n:]
		return nil
	})
	return d, err
}

// lines calls fn with each line of a file.
func lines(path string, fn func(string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open wordnet file: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if err := fn(sc.Text()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}
