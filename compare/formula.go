package compare

import (
	_ "embed"
	"strings"
)

//go:embed claim_formulas.txt
var formulaData string

// formulas are the phrases of claim_formulas.txt.
var formulas = dataLines(formulaData)

// isFormula reports whether a sentence holds a newsroom formula of no
// comment. Curly apostrophes read as straight ones.
func isFormula(text string) bool {
	if !strings.Contains(text, "respond") && !strings.Contains(text, "return") && !strings.Contains(text, "comment") && !strings.Contains(text, "reached") {
		return false // the common case, without lowering the sentence
	}
	lower := strings.ToLower(strings.ReplaceAll(text, "’", "'"))
	for _, f := range formulas {
		// In a relative clause ("Lauten, who did not respond to requests
		// for comment, later posted an apology") the formula is an aside
		// of a sentence that states something else.
		if i := strings.Index(lower, f); i >= 0 && !relative(lower[:i]) {
			return true
		}
	}
	return false
}

// relative reports whether the text before a formula ends a relative
// pronoun at most one word back ("who", "who did").
func relative(before string) bool {
	words := strings.Fields(before)
	for k := len(words) - 1; k >= 0 && k >= len(words)-2; k-- {
		if strings.Trim(words[k], ",") == "who" {
			return true
		}
	}
	return false
}
