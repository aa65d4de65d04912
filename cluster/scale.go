package cluster

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// thresholdScaleData is data/threshold-scale.txt: per language, the factor
// its thresholds are scaled by.
//
//go:embed data/threshold-scale.txt
var thresholdScaleData string

// thresholdScales maps a language to its factor (see thresholdScale).
var thresholdScales = mustScales("threshold scales", thresholdScaleData)

// mustScales is parseScales of an embedded list, which its tests check:
// an error there is a bug.
func mustScales(what, text string) map[string]float64 {
	m, err := parseScales(what, text)
	if err != nil {
		panic(err)
	}
	return m
}

// parseScales reads a list of "language factor" lines, # comments and
// blank lines skipped; what names the list in errors. A language listed
// twice, a factor outside (0, 1] or a malformed line is an error.
func parseScales(what, text string) (map[string]float64, error) {
	m := map[string]float64{}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 {
			return nil, fmt.Errorf("%s line %d: want a language and a factor: %q", what, n+1, line)
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", what, n+1, err)
		}
		if v <= 0 || v > 1 {
			return nil, fmt.Errorf("%s line %d: factor %v outside (0, 1]", what, n+1, v)
		}
		if _, dup := m[f[0]]; dup {
			return nil, fmt.Errorf("%s line %d: %s listed twice", what, n+1, f[0])
		}
		m[f[0]] = v
	}
	return m, nil
}

// thresholdScale returns the factor a language's join and split
// thresholds are scaled by: below 1 for a language whose articles of one
// story share fewer terms than English's do (see data/threshold-scale.txt),
// 1 for English, an unknown language and any language not listed.
func thresholdScale(lang string) float64 {
	return scaleOf(thresholdScales, lang)
}

// scaleOf returns lang's factor in m, 1 for a language not listed.
func scaleOf(m map[string]float64, lang string) float64 {
	if v, ok := m[lang]; ok {
		return v
	}
	return 1
}

// nameWeightData is data/name-weight.txt: per language, the weight of a
// name's own term beside its word.
//
//go:embed data/name-weight.txt
var nameWeightData string

// nameWeights maps a language to its name weight (see nameWeight).
var nameWeights = mustScales("name weights", nameWeightData)

// nameWeight returns how much a name's term within its language (see
// NamePrefix) counts in an article of the language, beside the word the
// name also counts as: below 1 for a language whose stories of one
// person or place but two events were merged on the name (see
// data/name-weight.txt), 1 for English, an unknown language and any
// language not listed.
func nameWeight(lang string) float32 {
	return float32(scaleOf(nameWeights, lang))
}
