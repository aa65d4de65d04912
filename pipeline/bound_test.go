package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/quote"
	"github.com/storyfold/storyfold/store/sqlite"
)

// craftedQuotes is an article of short attributed quotes over a small
// vocabulary, the shape whose quote groups grow with the story's articles
// (see quotesText in the worst-case benchmarks), of about size bytes.
func craftedQuotes(size int) string {
	vocab := strings.Fields("peace talks deal war aid tax vote plan")
	speakers := []string{"said Anna Berg", "Boris Cole said", "he said", "said Carla Diaz", "she added"}
	r := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	for b.Len() < size {
		b.WriteString(`"`)
		for w := range 2 + r.IntN(5) {
			if w > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(vocab[r.IntN(len(vocab))])
		}
		b.WriteString(`," `)
		b.WriteString(speakers[r.IntN(len(speakers))])
		b.WriteString(". ")
		if r.IntN(6) == 0 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// copiesOf is n articles of one text from n outlets, prepared.
func copiesOf(text string, n int) []storyfold.Article {
	raw := make([]storyfold.Article, n)
	for i := range raw {
		raw[i] = storyfold.Article{ID: fmt.Sprintf("copy-%d", i), Source: fmt.Sprintf("outlet%d.example", i), Title: "Crafted quotes",
			Date: storyfold.Date{Time: time.Date(2024, 5, 6+i, 0, 0, 0, 0, time.UTC)}, Text: text}
	}
	return Prepare(raw, nil, nil)
}

func ptrs(articles []storyfold.Article) []*storyfold.Article {
	p := make([]*storyfold.Article, len(articles))
	for i := range articles {
		p[i] = &articles[i]
	}
	return p
}

// withBound sets MaxAccountBytes for one test.
func withBound(t *testing.T, n int) {
	t.Helper()
	old := MaxAccountBytes
	MaxAccountBytes = n
	t.Cleanup(func() { MaxAccountBytes = old })
}

// TestBoundLeavesRealStoriesAlone checks that the example story is
// untouched by the bound and that the size estimate is an upper bound of
// its JSON, and not a loose one: the bound's guarantee rests on it.
func TestBoundLeavesRealStoriesAlone(t *testing.T) {
	articles := exampleArticlesIn(t)
	withBound(t, 0)
	whole := NewStory("s", ptrs(articles))
	withBound(t, 32<<20)
	bounded := NewStory("s", ptrs(articles))
	if !reflect.DeepEqual(whole, bounded) {
		t.Fatalf("the bound changed a real story: omitted %+v", bounded.Omitted)
	}
	for _, tc := range []struct {
		name string
		v    any
		size func() int
	}{
		{"facts", whole.Facts, func() int { return sum(whole.Facts, factSize) }},
		{"quotes", whole.Quotes, func() int { return sum(whole.Quotes, quoteSize) }},
		{"entities", whole.Entities, func() int { return sum(whole.Entities, entitySize) }},
		{"summary", whole.Summary, func() int { return sum(whole.Summary, summarySize) }},
		{"exclusive", whole.Exclusive, func() int { return sum(whole.Exclusive, exclusiveSize) }},
		{"families", whole.Families, func() int { return sum(whole.Families, familySize) }},
		{"timeline", whole.Timeline, func() int { return sum(whole.Timeline, eventSize) }},
		{"conflicts", whole.Conflicts, func() int { return sum(whole.Conflicts, conflictSize) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.v)
			if err != nil {
				t.Fatal(err)
			}
			est := tc.size()
			if est < len(b) || (len(b) > 1000 && est > 2*len(b)) {
				t.Errorf("estimated %d bytes for %d of JSON", est, len(b))
			}
		})
	}
}

func sum[T any](s []T, size func(*T) int) int {
	n := 2
	for i := range s {
		n += size(&s[i]) + 1
	}
	return n
}

func exampleArticlesIn(t *testing.T) []storyfold.Article {
	t.Helper()
	files, _ := filepath.Glob("../examples/ukraine-talks/*.txt")
	if len(files) < 4 {
		t.Fatalf("found %d example articles", len(files))
	}
	var raw []storyfold.Article
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raw = append(raw, storyfold.Article{ID: strings.TrimSuffix(filepath.Base(f), ".txt"), Text: string(b)})
	}
	return Prepare(raw, nil, nil)
}

// TestBoundCraftedStory builds a story of copies of a crafted article
// under a small bound, as four copies of a 10 MB one are built under the
// real one: its JSON must stay under the bound, every list keep its first
// entries, and the counts of what was left out add up.
func TestBoundCraftedStory(t *testing.T) {
	articles := copiesOf(craftedQuotes(24<<10), 4)
	withBound(t, 0)
	whole := NewStory("s", ptrs(copiesOf(craftedQuotes(24<<10), 4)))
	const limit = 64 << 10
	withBound(t, limit)
	st := NewStory("s", ptrs(articles))
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > limit {
		t.Errorf("the bounded account is %d bytes of JSON, over %d", len(b), limit)
	}
	om := st.Omitted
	if !om.Any() || om.Quotes == 0 {
		t.Fatalf("nothing counted as left out: %+v", om)
	}
	for _, tc := range []struct {
		name              string
		kept, left, whole int
	}{
		{"quotes", len(st.Quotes), om.Quotes, len(whole.Quotes)},
		{"facts", len(st.Facts), om.Facts, len(whole.Facts)},
		{"exclusive", len(st.Exclusive), om.Exclusive, len(whole.Exclusive)},
		{"conflicts", len(st.Conflicts), om.Conflicts, len(whole.Conflicts)},
		{"entities", len(st.Entities), om.Entities, len(whole.Entities)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.kept+tc.left != tc.whole {
				t.Errorf("kept %d and left out %d of %d", tc.kept, tc.left, tc.whole)
			}
		})
	}
	for i := range st.Quotes {
		if st.Quotes[i].Text != whole.Quotes[i].Text {
			t.Fatalf("quote group %d is %q, want the whole account's %q: the first groups are kept", i, st.Quotes[i].Text, whole.Quotes[i].Text)
		}
	}
}

// TestBoundCutsVariants checks that one group repeated across many
// articles keeps its first variants and counts the rest.
func TestBoundCutsVariants(t *testing.T) {
	vs := make([]storyfold.Variant, 500)
	for i := range vs {
		vs[i] = storyfold.Variant{Article: fmt.Sprintf("a%d", i), Text: strings.Repeat("word ", 40)}
	}
	st := storyfold.NewStory("s")
	st.Quotes = []storyfold.Quote{{Speaker: "Anna Berg", Text: "words", Variants: vs}}
	limit := 64 << 10
	Bound(st, limit)
	got := len(st.Quotes[0].Variants)
	if got == 0 || got >= 500 || st.Omitted == nil || st.Omitted.Variants != 500-got {
		t.Fatalf("kept %d variants, omitted %+v", got, st.Omitted)
	}
	if n := quoteSize(&st.Quotes[0]); n > limit/entryShare {
		t.Errorf("the group is %d bytes, over its share %d", n, limit/entryShare)
	}
}

// TestBoundedStoryReadsBack stores a story of copies of a crafted
// article, as POSTs of a 10 MB one did: the saved account must read back
// with the counts of what it left out. Before the bound its document grew
// past what the store reads back.
func TestBoundedStoryReadsBack(t *testing.T) {
	const limit = 64 << 10
	withBound(t, limit)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w, err := NewWriter(ctx, st, cluster.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	text := craftedQuotes(24 << 10)
	for i := range 4 {
		// One POST a copy, each under its own ID and outlet.
		a := storyfold.Article{ID: fmt.Sprintf("post-%d", i), Source: fmt.Sprintf("outlet%d.example", i), Title: "Crafted quotes",
			Date: storyfold.Date{Time: time.Date(2024, 5, 6, i, 0, 0, 0, time.UTC)}, Text: text}
		if _, err := w.Add(ctx, []storyfold.Article{a}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	list, err := st.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || len(list[0].Articles) != 4 {
		t.Fatalf("%d stories, want one of the 4 copies", len(list))
	}
	got, err := st.Story(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Omitted.Any() || got.Omitted.Quotes == 0 {
		t.Fatalf("the stored story counts nothing left out: %+v", got.Omitted)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > limit {
		t.Errorf("the stored account is %d bytes of JSON, over %d", len(b), limit)
	}
}

// TestNewStoryBoundsQuotesPerArticle checks that a story's quote groups
// take at most quote.MaxGroupedQuotes quotations of each article and that
// its account counts the rest (Omitted.Quotes), while the articles keep
// all theirs. Before the bound, each of the 247,000 quotations of a 10 MB
// crafted POST was a group the conflict stage read.
func TestNewStoryBoundsQuotesPerArticle(t *testing.T) {
	text := craftedQuotes(100 << 10)
	for _, tt := range []struct {
		name   string
		copies int
	}{{"one article", 1}, {"two copies", 2}} {
		t.Run(tt.name, func(t *testing.T) {
			articles := copiesOf(text, tt.copies)
			found, left := 0, 0
			for _, a := range articles {
				found += len(a.Quotes)
				left += max(0, len(a.Quotes)-quote.MaxGroupedQuotes)
			}
			if left == 0 {
				t.Fatalf("the crafted articles have %d quotations, none past the bound of %d an article", found, quote.MaxGroupedQuotes)
			}
			st := NewStory("s", ptrs(articles))
			variants := 0
			for _, q := range st.Quotes {
				variants += len(q.Variants)
			}
			if variants != found-left || st.Omitted == nil || st.Omitted.Quotes != left {
				t.Errorf("%d quotations: the groups hold %d, omitted %+v; want %d held, %d omitted", found, variants, st.Omitted, found-left, left)
			}
			after := 0
			for _, a := range articles {
				after += len(a.Quotes)
			}
			if after != found {
				t.Errorf("the articles hold %d quotations after the story was built, %d before", after, found)
			}
		})
	}
}

// TestStrBoundsJSONSize checks str, which reads each byte through a
// table, on a string of each kind of character: plain ASCII, the HTML
// characters and controls encoding/json escapes as six bytes, quotes,
// backslashes, tabs and newlines (two bytes, counted as six, from above),
// multi-byte characters, the two line separators and bytes that are no
// UTF-8. The sizes are what str gave before the table, so that accounts
// are cut where they were; each is at least what encoding/json writes.
func TestStrBoundsJSONSize(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want int
	}{
		{"empty", "", 2},
		{"plain", "Senate votes on Tuesday, 51-49.", 33},
		{"quotes and backslash", `he said "no" \ again`, 37},
		{"html", "<b>A & B</b>", 39},
		{"controls", "a\tb\nc\x00d\x1f", 30},
		{"multi-byte", "Zürich — “Øresund” 東京", 35},
		{"line separators", "a\u2028b\u2029c", 17},
		{"invalid", "a\xffb\xc3", 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc, err := json.Marshal(tt.s)
			if err != nil {
				t.Fatal(err)
			}
			got := str(tt.s)
			if got != tt.want {
				t.Errorf("str(%q) = %d, want %d", tt.s, got, tt.want)
			}
			if got < len(enc) {
				t.Errorf("str(%q) = %d, under the %d bytes of %s", tt.s, got, len(enc), enc)
			}
		})
	}
}
