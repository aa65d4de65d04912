package record

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/benchdata"
	"github.com/storyfold/storyfold/pipeline"
)

// jsonArticle is an article as the JSON document of stores written
// before the binary form gives it back, with its text and copies.
func jsonArticle(t *testing.T, a storyfold.Article) storyfold.Article {
	t.Helper()
	doc, err := ArticleDoc(a, false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Article(doc, a.Text, a.Duplicates)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// binaryArticle is an article saved in the binary form, compressed alone
// (SQLite's) and with its text as the dictionary (PostgreSQL's), and read
// back; both must read the same.
func binaryArticle(t *testing.T, a storyfold.Article) storyfold.Article {
	t.Helper()
	doc, err := ArticleDoc(a, true)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := decoder.DecodeAll(doc, nil)
	if err != nil || !isBinaryArticle(plain) {
		t.Fatalf("the document saved is not in the binary form (%v)", err)
	}
	got, err := Article(doc, a.Text, a.Duplicates)
	if err != nil {
		t.Fatal(err)
	}
	primed, err := ArticleDocWithText(a)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := Article(primed, a.Text, a.Duplicates); err != nil || !reflect.DeepEqual(again, got) {
		t.Fatalf("the document compressed with the text reads otherwise (%v)", err)
	}
	if again, err := Article(plain, a.Text, a.Duplicates); err != nil || !reflect.DeepEqual(again, got) {
		t.Fatalf("the document uncompressed reads otherwise (%v)", err)
	}
	return got
}

// filledArticle is an article with every field of every value set, the
// lists of the values inside its lists n long (-1: nil), so that a field
// the binary form forgot shows as a difference from the JSON. Its tokens,
// never stored, are dropped.
func filledArticle(n int) storyfold.Article {
	seed := 0
	var a storyfold.Article
	fill(reflect.ValueOf(&a).Elem(), 0, n, &seed)
	a.Tokens = nil
	return a
}

// TestArticleBinaryMatchesJSON reads back from the binary form exactly
// what the JSON document of the same article gives: every field, lists
// nil or empty as JSON leaves them, strings as encoding/json leaves them.
func TestArticleBinaryMatchesJSON(t *testing.T) {
	cases := map[string]storyfold.Article{
		"every field":       filledArticle(2),
		"inner lists empty": filledArticle(0),
		"inner lists nil":   filledArticle(-1),
		"nothing but an ID": {ID: "a1"},
		"empty lists": {ID: "a2", Paragraphs: []storyfold.Paragraph{}, Entities: []storyfold.Entity{{Name: "X", Aliases: []string{}, Mentions: []storyfold.Span{}}},
			Meta: map[string]string{}, Agencies: []string{}, OutletInfo: &storyfold.OutletInfo{}},
	}
	for name, a := range cases {
		t.Run(name, func(t *testing.T) {
			if want, got := jsonArticle(t, a), binaryArticle(t, a); !reflect.DeepEqual(got, want) {
				x, _ := json.Marshal(got)
				y, _ := json.Marshal(want)
				t.Errorf("the binary form reads back\n%s\nthe JSON\n%s", x, y)
			}
		})
	}
}

// TestArticleBinaryBASIL saves BASIL's prepared articles in the binary
// form and reads them back: each is the article it was (decode(encode(a))
// is a, its tokens aside), and what its JSON document gives, so that every
// output made from a stored article is the same whichever form it was
// kept in.
func TestArticleBinaryBASIL(t *testing.T) {
	articles := pipeline.Prepare(benchdata.ReadBASIL(t, *basilPath), nil, nil)
	for _, a := range articles {
		a.Tokens = nil
		got := binaryArticle(t, a)
		if want := jsonArticle(t, a); !reflect.DeepEqual(got, want) {
			t.Fatalf("article %s: the binary form reads otherwise than the JSON", a.ID)
		}
		if want := contractLists(a); !reflect.DeepEqual(got, want) {
			v, w := reflect.ValueOf(got), reflect.ValueOf(want)
			for i := range v.NumField() {
				if !reflect.DeepEqual(v.Field(i).Interface(), w.Field(i).Interface()) {
					t.Errorf("article %s, field %s: read back %#v, saved %#v", a.ID, v.Type().Field(i).Name, v.Field(i).Interface(), w.Field(i).Interface())
				}
			}
			t.FailNow()
		}
	}
	t.Logf("%d articles", len(articles))
}

// contractLists is a with the lists and the map its JSON always writes
// ([] and {}) empty where they are nil, as every reader of a stored
// article, JSON or binary, gives them.
func contractLists(a storyfold.Article) storyfold.Article {
	a.Paragraphs = orEmpty(a.Paragraphs)
	a.Sentences = orEmpty(a.Sentences)
	a.Removed = orEmpty(a.Removed)
	a.Duplicates = orEmpty(a.Duplicates)
	a.Entities = orEmpty(a.Entities)
	a.Quotes = orEmpty(a.Quotes)
	a.Quantities = orEmpty(a.Quantities)
	a.Dates = orEmpty(a.Dates)
	a.Agencies = orEmpty(a.Agencies)
	if a.Meta == nil {
		a.Meta = map[string]string{}
	}
	return a
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// TestArticleBinaryDamaged reads every cut and many damaged copies of a
// binary document: each is an error or an article, never a panic, and a
// later version is refused.
func TestArticleBinaryDamaged(t *testing.T) {
	doc := appendArticleBinary(nil, new(filledArticle(2)))
	for i := range len(doc) {
		if _, err := Article(doc[:i], "", nil); err == nil && i > 0 {
			t.Fatalf("cut at %d of %d was read", i, len(doc))
		}
	}
	for i := 2; i < len(doc); i += 3 {
		for _, b := range []byte{0x00, 0x7f, 0xff} {
			bad := append([]byte(nil), doc...)
			bad[i] = b
			_, _ = Article(bad, "", nil)
		}
	}
	if _, err := Article([]byte{articleMagic, articleVersion + 1}, "", nil); err == nil {
		t.Errorf("a later version was read")
	}
}

// FuzzArticle reads any bytes as a stored article's document, binary or
// JSON, never panicking: an article that reads back is written again in
// the binary form into a document that reads, and from then on writing
// and reading give the same document.
func FuzzArticle(f *testing.F) {
	f.Add(appendArticleBinary(nil, new(filledArticle(2))))
	f.Add(appendArticleBinary(nil, new(filledArticle(0))))
	f.Add(appendArticleBinary(nil, &storyfold.Article{ID: "a1"}))
	f.Add([]byte(`{"id":"a1","title":"t","meta":{"k":"v"}}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		a, err := Article(doc, "", nil)
		if err != nil {
			return
		}
		again, err := Article(appendArticleBinary(nil, &a), "", nil)
		if err != nil {
			t.Fatalf("an article read back is written into a document that does not read: %v", err)
		}
		// The writer, not the reader, makes strings valid UTF-8 and nil
		// lists empty, so the article may differ from a damaged
		// document's, but never once written and read again.
		doc = appendArticleBinary(nil, &again)
		last, err := Article(doc, "", nil)
		if err != nil || !bytes.Equal(appendArticleBinary(nil, &last), doc) {
			t.Fatalf("an article read back reads otherwise once written again (%v)", err)
		}
	})
}
