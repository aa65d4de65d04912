// Command gen writes the lexicon that package wordnet embeds from a WordNet
// 3.0 database; see package build for what it keeps. It is run by
// `go generate ./nlp/wordnet`.
//
// Usage:
//
//	go run ./internal/gen -dict DIR -out wordnet.bin
package main

import (
	"flag"
	"log"
	"os"

	"github.com/storyfold/storyfold/nlp/wordnet/internal/build"
)

func main() {
	dict := flag.String("dict", "", "WordNet dict directory holding data.noun, index.noun, noun.exc, cntlist.rev ...")
	out := flag.String("out", "wordnet.bin", "output file")
	flag.Parse()
	if *dict == "" {
		log.Fatal("gen: -dict is required")
	}
	data, err := build.Build(*dict)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatalf("gen: write output: %v", err)
	}
}
