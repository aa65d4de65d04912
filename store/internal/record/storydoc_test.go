package record

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/internal/benchdata"
	"github.com/storyfold/storyfold/pipeline"
)

var basilPath = flag.String("basil", "../../../../shared/data/basil/articles.jsonl", "BASIL's articles (JSONL), whose stories TestStoryBinaryMatchesJSON saves")

// jsonStory is a story as the JSON document of stores written before the
// binary form gives it back.
func jsonStory(t *testing.T, st *storyfold.Story) *storyfold.Story {
	t.Helper()
	doc, _, err := StoryDocs(st, false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Story([]byte(doc.(string)))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// binaryStory is a story saved in the binary form, compressed, and read
// back.
func binaryStory(t *testing.T, st *storyfold.Story) *storyfold.Story {
	t.Helper()
	doc, _, err := StoryDocs(st, true)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := decoder.DecodeAll(doc.([]byte), nil)
	if err != nil || !isBinaryDoc(plain) {
		t.Fatalf("the document saved is not in the binary form (%v)", err)
	}
	got, err := Story(doc.([]byte))
	if err != nil {
		t.Fatal(err)
	}
	dense, _, err := StoryDocsDense(st)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := Story(dense); err != nil || !reflect.DeepEqual(again, got) {
		t.Fatalf("the dense document reads otherwise (%v)", err)
	}
	return got
}

// filled is a story with every field of every value set, the lists of
// the values inside its lists n long (-1: nil), so that a field the
// binary form forgot shows as a difference from the JSON.
func filled(n int) *storyfold.Story {
	seed := 0
	st := &storyfold.Story{}
	fill(reflect.ValueOf(st).Elem(), 0, n, &seed)
	st.Stale = false
	return st
}

var dateType = reflect.TypeFor[storyfold.Date]()

func fill(v reflect.Value, depth, n int, seed *int) {
	*seed++
	k := *seed
	if v.Type() == dateType {
		dates := []time.Time{
			time.Date(2025, 2, 12, 0, 0, 0, 0, time.UTC),
			time.Date(2025, 2, 12, 14, 30, 5, 123456789, time.FixedZone("", 3600)),
			time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC),
			{},
		}
		v.Set(reflect.ValueOf(storyfold.Date{Time: dates[k%len(dates)]}))
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1, n, seed)
			}
		}
	case reflect.String:
		words := []string{"plain %d", "<b>&amp; “quoted” %d</b>", "bad \xff\xfe utf-8 %d", "", "line\u2028sep %d \x00"}
		v.SetString(fmt.Sprintf(words[k%len(words)], k))
	case reflect.Int, reflect.Int32:
		v.SetInt(int64(k * (1 - 2*(k%2)) * 1000))
	case reflect.Uint8:
		v.SetUint(uint64(k % 3))
	case reflect.Map:
		if depth > 1 && n < 0 {
			return
		}
		m := reflect.MakeMap(v.Type())
		for range max(n, 0) + 1 {
			key, val := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(key, depth+1, n, seed)
			fill(val, depth+1, n, seed)
			m.SetMapIndex(key, val)
		}
		v.Set(m)
	case reflect.Float64:
		floats := []float64{1.5, math.Copysign(0, -1), 1e300, 0.1 + 0.2, math.SmallestNonzeroFloat64, float64(k)}
		v.SetFloat(floats[k%len(floats)])
	case reflect.Bool:
		v.SetBool(k%2 == 1)
	case reflect.Pointer:
		if depth > 1 && n < 0 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), depth+1, n, seed)
		v.Set(p)
	case reflect.Slice:
		size := 2
		if depth > 1 {
			size = n
		}
		if size < 0 {
			return
		}
		s := reflect.MakeSlice(v.Type(), size, size)
		for i := range size {
			fill(s.Index(i), depth+1, n, seed)
		}
		v.Set(s)
	default:
		panic("fill: no value for " + v.Type().String())
	}
}

// TestStoryBinaryMatchesJSON reads back from the binary form exactly
// what the JSON document of the same story gives: every field, lists
// nil or empty as JSON leaves them, strings as encoding/json leaves them.
func TestStoryBinaryMatchesJSON(t *testing.T) {
	cases := map[string]*storyfold.Story{
		"every field":            filled(2),
		"inner lists empty":      filled(0),
		"inner lists nil":        filled(-1),
		"a new story":            storyfold.NewStory("s1"),
		"a story of nil lists":   {ID: "s2", Stale: true},
		"an omission of nothing": {ID: "s3", Omitted: &storyfold.Omitted{}},
	}
	for name, st := range cases {
		t.Run(name, func(t *testing.T) {
			want, got := jsonStory(t, st), binaryStory(t, st)
			if !reflect.DeepEqual(got, want) {
				a, _ := json.Marshal(got)
				b, _ := json.Marshal(want)
				t.Errorf("the binary form reads back\n%s\nthe JSON\n%s", a, b)
			}
		})
	}
	t.Run("BASIL", func(t *testing.T) {
		arts := pipeline.Prepare(benchdata.ReadBASIL(t, *basilPath), nil, nil)
		stories := pipeline.Group(arts, cluster.DefaultOptions())
		for _, st := range stories {
			if want, got := jsonStory(t, st), binaryStory(t, st); !reflect.DeepEqual(got, want) {
				t.Fatalf("story %s: the binary form reads otherwise than the JSON", st.ID)
			}
		}
		t.Logf("%d stories", len(stories))
	})
}

// TestStoryBinaryDamaged reads every cut and many damaged copies of a
// binary document: each is an error wrapping ErrUnreadable, or a story,
// never a panic or an allocation past the document.
func TestStoryBinaryDamaged(t *testing.T) {
	doc := storyBinary(filled(2))
	for i := range len(doc) {
		if _, err := Story(doc[:i]); !errors.Is(err, storyfold.ErrUnreadable) && i > 0 {
			t.Fatalf("cut at %d of %d: %v", i, len(doc), err)
		}
	}
	for i := 2; i < len(doc); i += 3 {
		for _, b := range []byte{0x00, 0x7f, 0xff} {
			bad := append([]byte(nil), doc...)
			bad[i] = b
			_, _ = Story(bad)
		}
	}
	if _, err := Story([]byte{docMagic, docVersion + 1}); !errors.Is(err, storyfold.ErrUnreadable) {
		t.Errorf("a later version was read: %v", err)
	}
}

// BenchmarkStoryRead reads the stored document of BASIL's story of most
// facts, as JSON (stores written before the binary form) and binary, and
// writes it, compressed, in either form.
//
//	go test ./store/internal/record -run '^$' -bench StoryRead -benchmem
func BenchmarkStoryRead(b *testing.B) {
	arts := pipeline.Prepare(benchdata.ReadBASIL(b, *basilPath), nil, nil)
	var st *storyfold.Story
	for _, s := range pipeline.Group(arts, cluster.DefaultOptions()) {
		if st == nil || len(s.Facts) > len(st.Facts) {
			st = s
		}
	}
	plain, _, err := StoryDocs(st, false)
	if err != nil {
		b.Fatal(err)
	}
	jsonDoc := encoder.EncodeAll([]byte(plain.(string)), nil)
	binDoc, _, err := StoryDocs(st, true)
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range []struct {
		name string
		doc  []byte
	}{{"json", jsonDoc}, {"binary", binDoc.([]byte)}} {
		b.Run(d.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Story(d.doc); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(d.doc)), "stored-bytes")
		})
	}
	b.Run("write/json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			plain, _, err := StoryDocs(st, false)
			if err != nil {
				b.Fatal(err)
			}
			encoder.EncodeAll([]byte(plain.(string)), nil)
		}
	})
	b.Run("write/binary", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := StoryDocs(st, true); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// FuzzStory reads any bytes as a stored story's document, binary or JSON:
// a damaged document is an error wrapping ErrUnreadable, never a panic,
// and a story that reads back is written again, in the binary form, into
// a document that reads back into a story giving that same document (the
// writer, not the reader, makes strings valid UTF-8, so the story itself
// may differ from a damaged document's by those bytes).
func FuzzStory(f *testing.F) {
	f.Add(storyBinary(filled(2)))
	f.Add(storyBinary(filled(0)))
	f.Add(storyBinary(storyfold.NewStory("s1")))
	f.Add([]byte(`{"id":"s1","headline":"h","articles":["a"]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		st, err := Story(doc)
		if err != nil {
			if !errors.Is(err, storyfold.ErrUnreadable) && isBinaryDoc(doc) {
				t.Fatalf("a damaged binary document gives %v, not ErrUnreadable", err)
			}
			return
		}
		doc = storyBinary(st)
		again, err := Story(doc)
		if err != nil {
			t.Fatalf("a story read back is written into a document that does not read: %v", err)
		}
		if !bytes.Equal(storyBinary(again), doc) {
			t.Fatalf("a story read back reads otherwise once written again")
		}
	})
}

// TestStoryVersion1 reads a document written before the story's languages
// were kept: every other field as written, and an empty list of
// languages, as a JSON document of that time reads. (The story has no
// facts, whose cross-language mark version 2 added too.)
func TestStoryVersion1(t *testing.T) {
	st := filled(2)
	st.Languages, st.Facts = nil, nil
	doc := storyBinary(st)
	if doc[len(doc)-1] != 0 {
		t.Fatalf("a nil list of languages is not written as one 0 byte at the end")
	}
	old := append([]byte{docMagic, 1}, doc[2:len(doc)-1]...)
	got, err := Story(old)
	if err != nil {
		t.Fatal(err)
	}
	if got.Languages == nil || len(got.Languages) != 0 {
		t.Errorf("languages of a version 1 document: %#v, want empty", got.Languages)
	}
	got.Languages = nil
	want, err := Story(doc)
	if err != nil {
		t.Fatal(err)
	}
	want.Languages = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("a version 1 document reads otherwise than version 2")
	}
	if _, err := Story(append([]byte{docMagic, 1}, doc[2:]...)); err == nil {
		t.Errorf("a version 1 document with bytes past its values was read")
	}
}
