package sqlstore

import (
	"bytes"
	"reflect"
	"strings"
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
			if left := len(ahead.encoded); left != 0 {
				t.Errorf("%d articles left encoded after the save", left)
			}
		})
	}
}

// TestAheadEncodesFeaturesAsSave checks that grouping features compressed
// ahead (EncodeWith) give the rows the save would encode itself: the
// blob made ahead for an article whose save carries the same features,
// and the save's own for one whose features changed since, one renamed
// and one given none ahead.
func TestAheadEncodesFeaturesAsSave(t *testing.T) {
	article := func(id string) storyfold.Article {
		return storyfold.Article{ID: id, Hash: "h" + id, Source: "A", Title: "Title " + id, Language: "en", Text: "Text of " + id + ".", Duplicates: []string{}}
	}
	blob := func(s string) []byte { return []byte(strings.Repeat(s, 64)) }
	c := Compression{Text: true, Doc: true, Index: true}
	articles := []storyfold.Article{article("1"), article("2"), article("3"), article("4")}
	features := [][]byte{blob("same"), blob("old"), blob("renamed"), nil}
	var ahead Ahead
	ahead.EncodeWith(articles, features, c)
	if e := ahead.encoded["h1"]; e.features == nil || bytes.Equal(e.features, features[0]) {
		t.Fatalf("features encoded ahead: %q, want them compressed", e.features)
	}
	batch := make([]storyfold.StoredArticle, len(articles))
	for i, a := range articles {
		batch[i] = storyfold.StoredArticle{Article: a, StoryID: "s", Features: features[i]}
	}
	batch[0].Features = blob("same") // equal, not the same slice
	batch[1].Features = blob("new")  // changed since
	batch[2].Article.ID = "3-2"      // renamed under the lock
	batch[3].Features = blob("late") // none given ahead
	got, _, err := EncodeIndexed(batch, c, "now", &ahead)
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := EncodeIndexed(batch, c, "now", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("encoded ahead:\n%v\nwant\n%v", got, want)
	}
}

// TestAheadKeepsTheNextBatch checks that a save takes only its own
// articles' encodings, so that a batch encoded while the one before waits
// for its save is still encoded at its own save, and that what no save
// takes is dropped after aheadSaves saves.
func TestAheadKeepsTheNextBatch(t *testing.T) {
	article := func(id string) storyfold.Article {
		return storyfold.Article{ID: id, Hash: "h" + id, Source: "A", Title: "Title " + id, Language: "en", Text: "Text of " + id + ".", Duplicates: []string{}}
	}
	stored := func(as ...storyfold.Article) []storyfold.StoredArticle {
		out := make([]storyfold.StoredArticle, len(as))
		for i, a := range as {
			out[i] = storyfold.StoredArticle{Article: a, StoryID: "s"}
		}
		return out
	}
	c := Compression{Text: true, Doc: true, Index: true}
	var ahead Ahead
	first, next, never := article("1"), article("2"), article("3")
	ahead.EncodeAs([]storyfold.Article{first}, c)
	ahead.EncodeAs([]storyfold.Article{next, never}, c)
	if got := ahead.take(stored(first)); len(got) != 1 || got[first.Hash].id != first.ID {
		t.Fatalf("the first save took %v, want its own article", got)
	}
	if got := ahead.take(stored(next)); len(got) != 1 || got[next.Hash].id != next.ID {
		t.Fatalf("the next save took %v, want its own article, encoded before the first save", got)
	}
	if _, ok := ahead.encoded[never.Hash]; !ok {
		t.Fatalf("an article no save took was dropped after %d saves, before %d", 2, aheadSaves)
	}
	for range aheadSaves {
		ahead.take(nil)
	}
	if len(ahead.encoded) != 0 {
		t.Errorf("%d articles kept after %d more saves, want none", len(ahead.encoded), aheadSaves)
	}
}
