package compare

import "testing"

func TestIsFormula(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Mrs. Clinton’s spokesman, Mr. Merrill, did not respond to an email seeking comment.", true},
		{"A spokeswoman for the governor declined to comment on Friday.", true},
		{"The senator could not be reached for comment.", true},
		{"He said Clinton's team responded to the request for the emails in December.", false},
		{"Ms. Novak, who did not respond to repeated requests for comment, later posted an apology.", false},
		{"The council will return the money to the taxpayers next year.", false},
	} {
		t.Run(tc.text, func(t *testing.T) {
			if got := isFormula(tc.text); got != tc.want {
				t.Errorf("isFormula = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestFormulaStatesNoOtherClaim checks that a no-comment formula and a
// sentence that shares its words state two claims, and two formulas one.
func TestFormulaStatesNoOtherClaim(t *testing.T) {
	read := func(texts ...string) []unit {
		r := newReader(nil)
		t.Cleanup(r.release) // the units prepare their claims through it
		var units []unit
		for i, text := range texts {
			a := denialArticle(string(rune('a'+i)), text)
			units = append(units, r.units(i, a)...)
		}
		weigh(units, r.df, r.figures)
		return units
	}
	units := read("The mayor's office responded to the email from the council about the bridge contracts on Monday.",
		"The mayor's office did not respond to an email from the council about the bridge contracts on Monday.")
	if len(units) != 2 {
		t.Fatalf("%d units, want 2", len(units))
	}
	if _, same := sameClaimAs(&units[0], &units[1]); same {
		t.Error("a formula and a sentence sharing its words state one claim")
	}
	units = read("The mayor's office did not respond to an email from the council about the bridge contracts.",
		"The mayor's office did not respond to an email from the council about the bridge contracts on Monday.")
	if _, same := sameClaimAs(&units[0], &units[1]); !same {
		t.Error("two formulas of one office do not state one claim")
	}
}
