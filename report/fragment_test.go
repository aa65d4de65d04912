package report

import (
	"testing"
)

// fragmentNames are every fragment's template and its count of values.
var fragmentNames = map[string]int{"cite": 3, "wordingCite": 2, "cellOpen": 2, "cellLink": 1, "cellAgain": 3,
	"segSame": 1, "segDel": 1, "segIns": 1, "colHead": 4, "colHeadTitled": 5,
	"nodeOpen": 1, "nodeOpenHidden": 1, "nodeBody": 6, "nodeDate": 1, "nodeLine": 3, "time": 1, "timeHidden": 1,
	"rect": 5, "outletItem": 3, "entity": 5, "articleItem": 4, "sourceLink": 1, "part": 2,
	"speakerRow": 2, "statement": 2, "statementDirect": 2, "variantLink": 2, "edge": 5, "pointOpen": 4, "pointCount": 3, "pointDate": 3,
	"conflictHead": 2, "majority": 1, "claim": 4, "familyOpen": 1, "familyLink": 2, "familyAgency": 1, "evidence": 1}

// hostileValues are values a fragment must write as its template does:
// plain ones it writes from its kept markup, and others it must leave to
// the template.
var hostileValues = []string{"", "a", "3b", "/articles/a-1#article-a-1-at12", "Fox News", "nytimes.com", "[2] reports this",
	`"><script>alert(1)</script>`, "javascript:alert(1)", "JavaScript:x", "data:text/html,x", "a:b", "/a/b:c", "#x:y",
	"it's", `say "no"`, "R&D", "a+b", "tab\there", "new\nline", "\x00", "\xff\xfe", "caf\u00e9", "\ufffd", "\ufdd0",
	"a b c", "%41", "?q=1&r=2", "mailto:x@example.com", "https://example.com/a b"}

// TestFragments writes every fragment with every combination of a plain
// value and a hostile one, and holds it to its template executed.
func TestFragments(t *testing.T) {
	for name, n := range fragmentNames {
		f := newFragment(name, n)
		t.Run(name, func(t *testing.T) {
			// Letters and digits are written as they are, from the
			// table, wherever a fragment writes them.
			for i := range n {
				for _, c := range []byte("aZ09") {
					if !f.same[i][c] {
						t.Errorf("value %d: %q is left to the template", i, c)
					}
				}
			}
			for i := range n {
				for _, v := range hostileValues {
					vals := make([]string, n)
					for j := range vals {
						vals[j] = "x1"
					}
					vals[i] = v
					var got htmlBuf
					f.writeTo(&got, vals...)
					if want := f.exec(vals); got.String() != want {
						t.Errorf("value %d %q: written %q, the template writes %q", i, v, got.String(), want)
					}
				}
			}
		})
	}
}

// FuzzFragments holds every fragment, given any values, to its template.
func FuzzFragments(f *testing.F) {
	for _, v := range hostileValues {
		f.Add(v, "x", "/articles/a#b")
	}
	frags := map[string]*fragment{}
	for name, n := range fragmentNames {
		frags[name] = newFragment(name, n)
	}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		for name, fr := range frags {
			vals := []string{a, b, c, a + b, c + a, b + c}[:fragmentNames[name]]
			var got htmlBuf
			fr.writeTo(&got, vals...)
			if want := fr.exec(vals); got.String() != want {
				t.Errorf("%s %q: written %q, the template writes %q", name, vals, got.String(), want)
			}
		}
	})
}
