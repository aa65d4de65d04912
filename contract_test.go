package storyfold

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestContractFieldsPresent checks that the JSON of values nobody filled
// still carries every contract field, empty: tools reading the contract
// need no special case for a missing byline, meta or diff.
func TestContractFieldsPresent(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
		want map[string]string // key -> its JSON
	}{
		{"article", Article{ID: "a"}, map[string]string{"byline": `""`, "dateline": `""`, "meta": `{}`, "origin": `""`, "agencies": `[]`,
			"removed": `[]`, "duplicates": `[]`, "entities": `[]`, "quotes": `[]`, "quantities": `[]`, "dates": `[]`, "sentences": `[]`, "paragraphs": `[]`, "outlet_info": `null`}},
		{"article by pointer", &Article{ID: "a"}, map[string]string{"meta": `{}`, "byline": `""`}},
		{"variant", Variant{Article: "a"}, map[string]string{"diff": `""`}},
		{"fact", Fact{}, map[string]string{"omitted_by": `[]`, "articles": `[]`, "variants": `[]`, "quantities": `[]`}},
		{"event", Event{}, map[string]string{"cites": `[]`, "articles": `[]`}},
		{"family", Family{}, map[string]string{"origin": `""`, "agency": `""`}},
		{"quotation", Quotation{}, map[string]string{"cue": `""`, "kind": `""`}},
		{"quote", Quote{}, map[string]string{"kind": `""`}},
		{"quantity", Quantity{}, map[string]string{"max": `0`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.v)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]json.RawMessage
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatal(err)
			}
			for k, want := range tc.want {
				if string(got[k]) != want {
					t.Errorf("%q is %s, want %s in %s", k, got[k], want, b)
				}
			}
		})
	}
}

// TestArticleRoundTrip checks that the contract's JSON reads back as the
// article it was written from.
func TestArticleRoundTrip(t *testing.T) {
	a := Article{ID: "a", Byline: "By Jane Doe", Meta: map[string]string{"k": "v"}, Sentences: []Span{{0, 4}}, Text: "Text",
		OutletInfo: &OutletInfo{Domain: "example.com", Name: "Example", Kind: "wire"}}
	b, err := json.Marshal(&a)
	if err != nil {
		t.Fatal(err)
	}
	var back Article
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Byline != a.Byline || back.Meta["k"] != "v" || back.OutletInfo == nil || *back.OutletInfo != *a.OutletInfo || !reflect.DeepEqual(back.Sentences, a.Sentences) {
		t.Errorf("read back %+v, want %+v", back, a)
	}
}

func TestCoverageBy(t *testing.T) {
	us := &OutletInfo{Name: "A", Country: "US", Kind: "national"}
	gb := &OutletInfo{Name: "B", Country: "GB", Kind: "wire"}
	us2 := &OutletInfo{Name: "C", Country: "US", Kind: "local"}
	arts := []*Article{
		{ID: "1", OutletInfo: us}, {ID: "2", OutletInfo: us}, // one outlet, two articles
		{ID: "3", OutletInfo: gb}, {ID: "4", OutletInfo: us2},
		{ID: "5"}, {ID: "6"}, // two unknown outlets
	}
	for _, tc := range []struct {
		field string
		want  []Share
	}{
		{ByCountry, []Share{{"US", 2, 3}, {"GB", 1, 1}, {"", 2, 2}}},
		{ByKind, []Share{{"local", 1, 1}, {"national", 1, 2}, {"wire", 1, 1}, {"", 2, 2}}},
		{"colour", []Share{{"", 5, 6}}},
	} {
		t.Run(tc.field, func(t *testing.T) {
			if got := CoverageBy(arts, tc.field); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("CoverageBy(%q) = %v, want %v", tc.field, got, tc.want)
			}
		})
	}
}
