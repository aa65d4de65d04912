package morphy

import "testing"

func TestApply(t *testing.T) {
	cases := []struct {
		word   string
		rule   Rule
		want   string
		wantOK bool
	}{
		{"dogs", Rule{Noun, "s", ""}, "dog", true},
		{"glass", Rule{Noun, "s", ""}, "", false}, // -ss is no plural
		{"was", Rule{Noun, "s", ""}, "", false},   // stem "wa" too short
		{"countries", Rule{Noun, "ies", "y"}, "country", true},
		{"being", Rule{Verb, "ing", ""}, "be", true},
		{"king", Rule{Verb, "ing", ""}, "", false}, // stem "k" too short
		{"hoped", Rule{Verb, "ed", "e"}, "hope", true},
		{"women", Rule{Noun, "men", "man"}, "woman", true},
		{"dog", Rule{Noun, "s", ""}, "", false},
	}
	for _, c := range cases {
		t.Run(c.word+"-"+c.rule.Suffix, func(t *testing.T) {
			b, ok := Apply(c.word, c.rule, make([]byte, 0, 16))
			if ok != c.wantOK || string(b) != c.want {
				t.Errorf("Apply(%q, %+v) = %q, %v; want %q, %v", c.word, c.rule, b, ok, c.want, c.wantOK)
			}
		})
	}
}

func TestParse(t *testing.T) {
	if len(Rules) == 0 {
		t.Fatal("no rules")
	}
	for _, text := range []string{"n s", "x s -", "n s -\nn s -", "n - -"} {
		t.Run(text, func(t *testing.T) {
			if _, err := Parse(text); err == nil {
				t.Errorf("Parse(%q) accepted bad rules", text)
			}
		})
	}
	// ByLast keeps every rule, under the last byte of its suffix.
	n := 0
	for p := range ByLast {
		for b := range ByLast[p] {
			for _, r := range ByLast[p][b] {
				if r.Suffix[len(r.Suffix)-1] != byte(b) {
					t.Errorf("rule %+v under byte %q", r, byte(b))
				}
				n++
			}
		}
	}
	if n != len(Rules) {
		t.Errorf("ByLast holds %d rules, want %d", n, len(Rules))
	}
}

func FuzzParse(f *testing.F) {
	f.Add(rulesText)
	f.Fuzz(func(t *testing.T, text string) {
		rules, err := Parse(text)
		if err != nil {
			return
		}
		seen := map[Rule]bool{}
		for _, r := range rules {
			if seen[r] || r.Suffix == "" {
				t.Errorf("Parse returned bad or duplicate rule %+v", r)
			}
			seen[r] = true
			Apply("testing", r, nil)
		}
	})
}
