package record

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestArticleDoc reads back what ArticleDoc writes, compressed or not, and
// what an earlier storyfold stored (the whole article with its text): the
// article comes back the same, its text from the text column where the
// document lacks it.
func TestArticleDoc(t *testing.T) {
	a := storyfold.Article{ID: "a1", Title: "Talks", Source: "Wire", Text: strings.Repeat("Leaders met on Friday. ", 40),
		Paragraphs: []storyfold.Paragraph{{Start: 0, End: 23}}, Sentences: []storyfold.Span{{Start: 0, End: 22}}}
	old, err := json.Marshal(&a)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		compress bool
		old      bool
	}{
		{"json", false, false},
		{"compressed", true, false},
		{"stored whole by an earlier storyfold", false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := old
			if !tt.old {
				if doc, err = ArticleDoc(a, tt.compress); err != nil {
					t.Fatal(err)
				}
				if bytes.Contains(doc, []byte("Leaders met")) {
					t.Errorf("the document holds the text, which the text column holds")
				}
				if got := bytes.HasPrefix(doc, zstdMagic); got != tt.compress {
					t.Errorf("compressed %v, want %v", got, tt.compress)
				}
			}
			got, err := Article(doc, a.Text, []string{"a2"})
			if err != nil {
				t.Fatal(err)
			}
			var want storyfold.Article
			if err := json.Unmarshal(old, &want); err != nil {
				t.Fatal(err)
			}
			want.Duplicates = []string{"a2"}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("read back\n%+v\nwant\n%+v", got, want)
			}
		})
	}
	if _, err := Article(append(append([]byte{}, zstdMagic...), 1, 2, 3), "", nil); err == nil {
		t.Errorf("a broken compressed document was read without an error")
	}
}

// TestStoryDocs reads back what StoryDocs writes, compressed or not,
// without the stale flag, which is never stored.
func TestStoryDocs(t *testing.T) {
	st := storyfold.NewStory("s1")
	st.Headline, st.Articles, st.Sources, st.Stale = "Talks", []string{"a1", "a2"}, []string{"Wire"}, true
	for _, compress := range []bool{false, true} {
		t.Run(map[bool]string{false: "json", true: "compressed"}[compress], func(t *testing.T) {
			doc, sources, err := StoryDocs(st, compress)
			if err != nil {
				t.Fatal(err)
			}
			var raw []byte
			switch d := doc.(type) {
			case string:
				raw = []byte(d)
			case []byte:
				raw = d
			}
			if got := bytes.HasPrefix(raw, zstdMagic); got != compress || sources != `["Wire"]` {
				t.Errorf("compressed %v, sources %s; want %v, [\"Wire\"]", got, sources, compress)
			}
			got, err := Story(raw)
			if err != nil {
				t.Fatal(err)
			}
			want := *st
			want.Stale = false
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("read back\n%+v\nwant\n%+v", *got, want)
			}
		})
	}
}

// TestFeaturesBlob reads back grouping features kept compressed or not.
func TestFeaturesBlob(t *testing.T) {
	plain := append([]byte{2}, bytes.Repeat([]byte("stem\x00\x00\x80\x3f"), 50)...)
	for _, compress := range []bool{false, true} {
		blob := FeaturesBlob(plain, compress)
		if compress && len(blob) >= len(plain) {
			t.Errorf("compressed %d bytes into %d", len(plain), len(blob))
		}
		got, err := Features(blob)
		if err != nil || !bytes.Equal(got, plain) {
			t.Errorf("compress %v: read back %q, %v", compress, got, err)
		}
	}
}

func TestTextBlob(t *testing.T) {
	tests := []struct{ name, text string }{
		{"empty", ""},
		{"prose", strings.Repeat("The harbour closed after the storm, officials said. ", 40)},
		{"opens with a parenthesis", "(AP) Élections: « résultats » 選挙"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, compress := range []bool{false, true} {
				var stored []byte
				switch v := TextBlob(tt.text, compress).(type) {
				case string:
					stored = []byte(v)
				case []byte:
					stored = v
				}
				if compress && len(tt.text) > 1000 && len(stored) >= len(tt.text)/2 {
					t.Errorf("compressed %d bytes into %d", len(tt.text), len(stored))
				}
				got, err := Text(stored)
				if err != nil || got != tt.text {
					t.Errorf("compress %v: read back %q, %v", compress, got, err)
				}
			}
		})
	}
}

// TestStoryOmittedReadsBack checks that the counts of what a bounded
// account left out are saved with it and read back, compressed or not,
// and that a document that cannot be read is told apart as
// storyfold.ErrUnreadable, which a server answers with its own page.
func TestStoryOmittedReadsBack(t *testing.T) {
	st := storyfold.NewStory("s1")
	st.Quotes = []storyfold.Quote{{Speaker: "Anna Berg", Text: "peace talks", Articles: []string{"a"}, Variants: []storyfold.Variant{}}}
	st.Omitted = &storyfold.Omitted{Quotes: 1234, Variants: 5}
	for _, compress := range []bool{false, true} {
		t.Run(map[bool]string{false: "json", true: "compressed"}[compress], func(t *testing.T) {
			doc, _, err := StoryDocs(st, compress)
			if err != nil {
				t.Fatal(err)
			}
			var b []byte
			switch d := doc.(type) {
			case string:
				b = []byte(d)
			case []byte:
				b = d
			}
			got, err := Story(b)
			if err != nil {
				t.Fatal(err)
			}
			if got.Omitted == nil || *got.Omitted != *st.Omitted {
				t.Errorf("omitted read back as %+v, want %+v", got.Omitted, st.Omitted)
			}
		})
	}
	for _, tc := range []struct {
		name string
		doc  []byte
	}{
		{"damaged frame", append(append([]byte{}, zstdMagic...), 1, 2, 3)},
		{"damaged json", []byte(`{"id":`)},
		// A single-segment frame declaring 300 MB of content, then an
		// empty last block: refused by its header.
		{"declared past the limit", append(append([]byte{}, zstdMagic...), 0xE0, 0, 0, 0xC0, 0x12, 0, 0, 0, 0, 0x01, 0, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Story(tc.doc)
			if !errors.Is(err, storyfold.ErrUnreadable) {
				t.Errorf("got %v, want an error wrapping ErrUnreadable", err)
			}
		})
	}
}

// TestArticleDocWithText reads back what ArticleDocWithText writes, and
// what CompressWithText makes of a plain document, given the text, and
// checks that it is smaller than the document compressed alone and that
// another text does not read it.
func TestArticleDocWithText(t *testing.T) {
	text := strings.Repeat("Leaders met on Friday in Geneva. ", 10) + `"We agreed on nothing," the minister said.`
	a := storyfold.Article{ID: "a1", Title: "Talks", Source: "Wire", Text: text,
		Quotes:     []storyfold.Quotation{{Text: "We agreed on nothing,", Speaker: "the minister", Cue: "said"}},
		Paragraphs: []storyfold.Paragraph{{Start: 0, End: len(text)}}, Sentences: []storyfold.Span{{Start: 0, End: 33}}}
	plain, err := ArticleDoc(a, false)
	if err != nil {
		t.Fatal(err)
	}
	alone, err := ArticleDoc(a, true)
	if err != nil {
		t.Fatal(err)
	}
	primed, err := ArticleDocWithText(a)
	if err != nil {
		t.Fatal(err)
	}
	converted, err := CompressWithText(plain, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(primed) >= len(alone) {
		t.Errorf("with the text, %d bytes; alone, %d", len(primed), len(alone))
	}
	for _, tt := range []struct {
		name string
		doc  []byte
	}{{"written", primed}, {"converted", converted}, {"converted twice", must(CompressWithText(converted, text))}} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Article(tt.doc, text, nil)
			if err != nil {
				t.Fatal(err)
			}
			g, _ := json.Marshal(&got)
			w, _ := json.Marshal(&a)
			if !bytes.Equal(g, w) {
				t.Errorf("read back %s, want %s", g, w)
			}
			if _, err := Article(tt.doc, strings.ToUpper(text), nil); err == nil {
				t.Error("another text read the document")
			}
		})
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
