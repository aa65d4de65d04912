package paraphrase

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// The word lists and the rarity table are data files, so they can be read,
// reviewed and regenerated without touching code.
var (
	//go:embed idf.txt
	idfData []byte
	//go:embed negation.txt
	negationData []byte
	//go:embed months.txt
	monthsData []byte
	//go:embed numberwords.txt
	numberWordsData []byte
)

var (
	// idfTable maps a stem to its inverse document frequency; see
	// internal/idfgen for how it is made.
	idfTable, idfUnknown = parseIDF(idfData)
	// negations are the words that negate their clause.
	negations = parseSet(negationData)
	// dateWords maps month and weekday names to a key: months 1-12,
	// weekdays 101-107.
	dateWords = parseDateWords(monthsData)
	// numberWords can state a figure without a digit.
	numberWords = parseSet(numberWordsData)
)

// idfOf returns the rarity of a stem; a stem the table lacks is as rare as
// the rarest it holds.
func idfOf(stem string) float32 {
	if v, ok := idfTable[stem]; ok {
		return v
	}
	return idfUnknown
}

// isNegation reports whether a lower-case word negates its clause.
func isNegation(lower string) bool {
	_, ok := negations[lower]
	return ok
}

// dataLines calls fn with each line of data that is not blank or a #
// comment, and its 1-based number.
func dataLines(data []byte, fn func(line string, n int)) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		fn(line, n)
	}
}

func parseSet(data []byte) map[string]struct{} {
	m := map[string]struct{}{}
	dataLines(data, func(line string, _ int) { m[line] = struct{}{} })
	return m
}

func parseDateWords(data []byte) map[string]int32 {
	m := map[string]int32{}
	dataLines(data, func(line string, n int) {
		word, key, ok := strings.Cut(line, "\t")
		v, err := strconv.Atoi(key)
		if !ok || err != nil {
			panic(fmt.Sprintf("paraphrase: months.txt:%d: want word<TAB>key", n))
		}
		m[word] = int32(v)
	})
	return m
}

// parseIDF reads "stem<TAB>idf" lines and a "#unknown<TAB>idf" line for
// the idf of stems the table lacks.
func parseIDF(data []byte) (map[string]float32, float32) {
	m := make(map[string]float32, 1<<15)
	unknown := float32(0)
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" {
			continue
		}
		word, num, ok := strings.Cut(line, "\t")
		v, err := strconv.ParseFloat(num, 32)
		if !ok || err != nil {
			if line[0] == '#' {
				continue
			}
			panic(fmt.Sprintf("paraphrase: idf.txt:%d: want stem<TAB>idf", n))
		}
		if word == "#unknown" {
			unknown = float32(v)
			continue
		}
		m[word] = float32(v)
	}
	if unknown == 0 {
		unknown = 10
	}
	return m, unknown
}
