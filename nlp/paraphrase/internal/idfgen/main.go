// Command idfgen writes the rarity table the paraphrase scorer weights words
// by: for each stem, its inverse document frequency over sentences, each
// sentence of the BASIL articles and of MSRP's pairs counting as one
// document. Only the numbers are kept, not the texts; stems seen once are
// left out and get the table's "#unknown" idf, as rare as a stem can be.
//
//	go run ./nlp/paraphrase/internal/idfgen \
//	    -basil ../shared/data/basil/articles.jsonl \
//	    -msrp ../shared/data/msrp/msr_paraphrase_train.txt \
//	    -out nlp/paraphrase/idf.txt
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/nlp/paraphrase"
)

func main() {
	basil := flag.String("basil", "", "BASIL articles (JSONL with a text field)")
	msrp := flag.String("msrp", "", "MSRP pairs (tab-separated)")
	out := flag.String("out", "nlp/paraphrase/idf.txt", "table to write")
	minDF := flag.Int("min-df", 2, "leave out stems in fewer sentences")
	flag.Parse()
	if err := run(*basil, *msrp, *out, *minDF); err != nil {
		fmt.Fprintf(os.Stderr, "idfgen: %v\n", err)
		os.Exit(1)
	}
}

func run(basil, msrp, out string, minDF int) error {
	c := counter{df: map[string]int{}, prep: paraphrase.NewPreparer()}
	if basil != "" {
		f, err := os.Open(basil)
		if err != nil {
			return fmt.Errorf("read basil: %w", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		var spans []storyfold.Span
		for sc.Scan() {
			var a struct {
				Text string `json:"text"`
			}
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				f.Close()
				return fmt.Errorf("read basil: %w", err)
			}
			spans = nlp.Sentences(spans[:0], a.Text, 0, len(a.Text))
			for _, s := range spans {
				c.add(a.Text[s.Start:s.End])
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return fmt.Errorf("read basil: %w", err)
		}
	}
	if msrp != "" {
		f, err := os.Open(msrp)
		if err != nil {
			return fmt.Errorf("read msrp: %w", err)
		}
		pairs, err := paraphrase.ReadPairs(f, msrp, func(string) {})
		f.Close()
		if err != nil {
			return err
		}
		// A sentence recurs across pairs; count each text once.
		seen := map[string]bool{}
		for _, p := range pairs {
			for _, s := range []string{p.Text1, p.Text2} {
				if !seen[s] {
					seen[s] = true
					c.add(s)
				}
			}
		}
	}
	if c.n == 0 {
		return fmt.Errorf("no sentences: give -basil and/or -msrp")
	}
	stems := make([]string, 0, len(c.df))
	for s, d := range c.df {
		if d >= minDF {
			stems = append(stems, s)
		}
	}
	sort.Strings(stems)
	var b strings.Builder
	fmt.Fprintf(&b, "# idf = ln((N+1)/(df+1)) over N=%d sentences; regenerate with internal/idfgen.\n", c.n)
	fmt.Fprintf(&b, "#unknown\t%.2f\n", math.Log(float64(c.n+1)))
	for _, s := range stems {
		fmt.Fprintf(&b, "%s\t%.2f\n", s, math.Log(float64(c.n+1)/float64(c.df[s]+1)))
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	fmt.Fprintf(os.Stderr, "idfgen: %d sentences, %d stems written to %s\n", c.n, len(stems), out)
	return nil
}

// counter counts the sentences each stem occurs in.
type counter struct {
	df   map[string]int
	prep *paraphrase.Preparer
	n    int
	seen map[string]bool
}

// add counts one sentence, its words normalised as the scorer's Preparer
// normalises them.
func (c *counter) add(text string) {
	c.n++
	if c.seen == nil {
		c.seen = map[string]bool{}
	}
	clear(c.seen)
	c.prep.WordKeys(text, func(st string) {
		if !c.seen[st] {
			c.seen[st] = true
			c.df[st]++
		}
	})
}
