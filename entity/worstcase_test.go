package entity

import (
	"fmt"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestMergeLinear counts how often merging asks whether two people are
// one on an article naming many different people: a bounded number of
// times per name, where comparing each new name with every person met
// before asks n²/2 times.
func TestMergeLinear(t *testing.T) {
	tests := []struct {
		name     string
		fullName func(i int) string
	}{
		// Surnames spread over many buckets.
		{"spread", func(i int) string { return fmt.Sprintf("Anna %c%c%cberg%d", 'A'+i%26, 'a'+i/26%26, 'a'+i/676%26, i) }},
		// One surname and given names too short to be variants of one
		// another: different people in one bucket, read only in part.
		{"one bucket", func(i int) string { return fmt.Sprintf("%c%c%c Karaman", 'A'+i%26, 'a'+i/26%26, 'a'+i/676%26) }},
	}
	const n, perName = 5000, 256
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forms := make([]form, n)
			for i := range forms {
				forms[i] = form{article: "a", name: tt.fullName(i), typ: storyfold.EntityPerson, weight: 1,
					span: storyfold.Span{Start: 10 * i, End: 10*i + 9}}
			}
			ents, compared := mergeCounted(forms, []string{"a"}, true)
			if compared > perName*n {
				t.Errorf("%d names asked %d times, more than %d a name", n, compared, perName)
			}
			if len(ents) != n {
				t.Errorf("%d entities, want %d", len(ents), n)
			}
		})
	}
}

// TestSurnameBucket checks that names merge may take for one person share
// a bucket.
func TestSurnameBucket(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Volodymyr Zelensky", "Zelenskyy"},
		{"Zelenskiy", "ZELENSKY"},
		{"Pete Hegseth", "Hegseth"},
		{"Ana Ruiz", "ana ruiz"},
		{"Karl \u212aarlsson", "Karlsson"}, // the Kelvin sign folds to K
		{"ſmith", "Smith"},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if !sameEntity(tt.a, tt.b, storyfold.EntityPerson, map[storyfold.EntityType]int{storyfold.EntityPerson: 1}) && !sameEntity(tt.b, tt.a, storyfold.EntityPerson, map[storyfold.EntityType]int{storyfold.EntityPerson: 1}) {
				t.Fatalf("%q and %q are not one person", tt.a, tt.b)
			}
			if surnameBucket(tt.a) != surnameBucket(tt.b) {
				t.Errorf("%q in bucket %q, %q in %q", tt.a, surnameBucket(tt.a), tt.b, surnameBucket(tt.b))
			}
		})
	}
}

func FuzzSurnameBucket(f *testing.F) {
	f.Add("Volodymyr Zelensky", "Zelenskyy")
	f.Add("ſmith", "Smith")
	f.Fuzz(func(t *testing.T, a, b string) {
		if sameEntity(a, b, storyfold.EntityPerson, map[storyfold.EntityType]int{storyfold.EntityPerson: 1}) && surnameBucket(a) != surnameBucket(b) {
			t.Errorf("%q and %q are one person in buckets %q and %q", a, b, surnameBucket(a), surnameBucket(b))
		}
	})
}
