package sqlstore

import (
	"reflect"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestAheadEncodesAsSave checks that rows encoded ahead of a save are the
// rows the save would encode itself, that an article renamed since it was
// encoded is encoded again under its new ID, and that a save leaves
// nothing behind.
func TestAheadEncodesAsSave(t *testing.T) {
	articles := []storyfold.Article{
		{ID: "a1", Hash: "h1", Source: "A", Title: "Harbour closed", Language: "en", Text: "The harbour closed after the storm.", Duplicates: []string{}},
		{ID: "a2", Hash: "h2", Source: "B", Title: "Storm passes", Language: "en", Text: "The storm passed at dawn.", Duplicates: []string{}},
	}
	for _, tt := range []struct {
		name string
		c    Compression
	}{
		{"plain", Compression{}},
		{"compressed", Compression{Text: true, Doc: true}},
		{"compressed and indexed", Compression{Text: true, Doc: true, Index: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var ahead Ahead
			ahead.EncodeAs(articles, tt.c)
			batch := []storyfold.StoredArticle{{Article: articles[0], StoryID: "s1"}, {Article: articles[1], StoryID: "s1"}}
			batch[1].Article.ID = "a2-2" // renamed under the lock
			got, gotIndex, err := EncodeIndexed(batch, tt.c, "now", &ahead)
			if err != nil {
				t.Fatal(err)
			}
			want, wantIndex, err := EncodeIndexed(batch, tt.c, "now", nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("encoded ahead:\n%v\nwant\n%v", got, want)
			}
			if !reflect.DeepEqual(gotIndex, wantIndex) {
				t.Errorf("index texts ahead %q, want %q", gotIndex, wantIndex)
			}
			if tt.c.Index && (len(wantIndex) != 2 || wantIndex[0][1] != "    harbour closed           storm.") {
				t.Errorf("index texts %q, want the text without its stop words", wantIndex)
			}
			if left := ahead.take(); len(left) != 0 {
				t.Errorf("%d articles left encoded after the save", len(left))
			}
		})
	}
}
