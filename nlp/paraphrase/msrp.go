package paraphrase

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Pair is one labelled sentence pair of a file in MSRP's format.
type Pair struct {
	ID1, ID2     string
	Text1, Text2 string
	// Same is the human judges' verdict: the two sentences state the same
	// claim.
	Same bool
	// Line is the pair's line in its file, for messages.
	Line int
}

// ReadPairs reads sentence pairs in the Microsoft Research Paraphrase
// Corpus's format: a header line, then tab-separated lines of Quality (1 or
// 0), #1 ID, #2 ID, #1 String, #2 String, in UTF-8 with an optional
// byte-order mark. A malformed line is skipped and reported to warn as one
// line naming name:line; only a read error fails the whole file.
func ReadPairs(r io.Reader, name string, warn func(msg string)) ([]Pair, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	var pairs []Pair
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
			if strings.HasPrefix(line, "Quality") {
				continue
			}
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 || (f[0] != "0" && f[0] != "1") {
			warn(fmt.Sprintf("%s:%d: want 5 tab-separated fields starting with 0 or 1, skipped", name, n))
			continue
		}
		pairs = append(pairs, Pair{ID1: f[1], ID2: f[2], Text1: f[3], Text2: f[4], Same: f[0] == "1", Line: n})
	}
	if err := sc.Err(); err != nil {
		return pairs, fmt.Errorf("read %s: %w", name, err)
	}
	return pairs, nil
}
