// Command stopgen writes the stop word lists of the languages storyfold
// groups beyond English, one file a language under nlp/stopwords, from the
// stopwords-iso collection (npm package stopwords-iso, MIT licence):
//
//	npm install stopwords-iso@1.1.0
//	go run ./nlp/internal/stopgen -in node_modules/stopwords-iso/stopwords-iso.json -out nlp/stopwords
//
// Each list is lower-cased, deduplicated and sorted, one word a line,
// under a header naming its source. Entries that are digits or
// punctuation only are left out: the tokenizer never gives them as words.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
)

// languages are the languages beyond English the lists are written for.
var languages = []string{"ar", "de", "es", "fr", "it", "nl", "pl", "pt", "ru", "tr"}

func main() {
	in := flag.String("in", "node_modules/stopwords-iso/stopwords-iso.json", "the stopwords-iso JSON file")
	out := flag.String("out", "nlp/stopwords", "the directory to write the lists to")
	flag.Parse()
	data, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	var lists map[string][]string
	if err := json.Unmarshal(data, &lists); err != nil {
		log.Fatalf("%s: %v", *in, err)
	}
	for _, lang := range languages {
		words, ok := lists[lang]
		if !ok {
			log.Fatalf("%s: no list for %q", *in, lang)
		}
		var keep []string
		for _, w := range words {
			w = strings.ToLower(strings.TrimSpace(w))
			if strings.IndexFunc(w, unicode.IsLetter) < 0 || strings.ContainsRune(w, ' ') {
				continue
			}
			keep = append(keep, w)
		}
		slices.Sort(keep)
		keep = slices.Compact(keep)
		var b strings.Builder
		fmt.Fprintf(&b, "# Stop words of language %q: the stopwords-iso collection (npm stopwords-iso 1.1.0,\n# MIT licence, see LICENSE-stopwords-iso), written by nlp/internal/stopgen. Do not edit.\n", lang)
		for _, w := range keep {
			b.WriteString(w)
			b.WriteByte('\n')
		}
		if err := os.WriteFile(filepath.Join(*out, lang+".txt"), []byte(b.String()), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
