//go:build unix

package pipeline

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/clean"
	"github.com/storyfold/storyfold/dates"
	"github.com/storyfold/storyfold/entity"
	"github.com/storyfold/storyfold/internal/benchdata"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/quantity"
	"github.com/storyfold/storyfold/quote"
)

// The worst-case benchmarks time every per-article stage on crafted
// articles of 1, 2, 5 and 10 MB (10 MB is the default --max-size), so that
// a stage whose cost grows faster than the text shows it in the ratio of
// one size's figures to the next. The articles are generated here, never
// committed: sentences written for this file drawn at random, or a
// pattern, to the size. Sub-benchmarks are KIND/SIZE/STAGE; run them one
// kind or one stage at a time, for instance
//
//	go test ./pipeline -run '^$' -bench 'WorstCase/quotes/' -benchtime 1x
//	go test ./pipeline -run '^$' -bench 'WorstCase/.*/.*/quote$' -benchtime 1x
//
// The story stage includes compare.Reconcile, which is still quadratic in
// the length of one sentence: leave it out of the weekdays kind above a
// few hundred KB. Write the articles out as plain-text files, for timing
// the whole command, with
//
//	go test ./pipeline -run TestWriteWorstCase -worstcase.write DIR
var (
	worstWrite = flag.String("worstcase.write", "", "write the crafted articles as plain-text files into this directory")
	worstSizes = flag.String("worstcase.sizes", "1,2,5,10", "sizes in MB of the crafted articles")
)

// craftedKinds are the shapes of text that have made stages superlinear:
// many short quotes over a small vocabulary, one word repeated, plain prose,
// texts dense in names, figures or dates, one long sentence of weekdays
// and one long run of capitalised words.
var craftedKinds = []struct {
	name string
	gen  func(size int) string
}{
	{"quotes", quotesText},
	{"repeat", repeatText},
	{"prose", proseText},
	{"names", namesText},
	{"figures", figuresText},
	{"dates", datesText},
	{"weekdays", weekdaysText},
	{"capitals", capitalsText},
}

// quotesText is short quotes over a vocabulary of eight content words, each
// attributed, many to a paragraph: every quote shares words with most
// others, so any pass over pairs of quotes sharing a word is quadratic.
func quotesText(size int) string {
	vocab := strings.Fields("peace talks deal war aid tax vote plan")
	speakers := []string{"said Anna Berg", "Boris Cole said", "he said", "said Carla Diaz", "she added", "Dmitri Evans told reporters"}
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for b.Len() < size {
		for s := 0; s < 6; s++ {
			n := 2 + r.IntN(5)
			b.WriteString(`"`)
			for w := 0; w < n; w++ {
				if w > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(vocab[r.IntN(len(vocab))])
			}
			b.WriteString(`," `)
			b.WriteString(speakers[r.IntN(len(speakers))])
			b.WriteString(". ")
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// repeatText is one word repeated, with no punctuation and no line break:
// one paragraph and one sentence as long as the article.
func repeatText(size int) string {
	return strings.Repeat("the ", size/4)
}

// proseSentences are sentences of made-up news, written for this
// benchmark, with the quotes, names, figures and dates real reports have.
var proseSentences = []string{
	`BRUSSELS — Negotiators from the two governments resumed talks on Tuesday over the disputed water rights along the river, the third round since March 4, 2024, officials said.`,
	`"We are closer than we have ever been, but the last mile is always the hardest," said Marta Lindqvist, the European envoy who has chaired the sessions.`,
	`"Nobody will sign a text that leaves their farmers dry."`,
	`The dispute concerns about 1.2 billion cubic meters of water a year, roughly 40% of the river's flow in a dry summer.`,
	`Farmers downstream say their harvests fell by a fifth last year.`,
	`Foreign Minister Tomas Arvelo told reporters in the capital that his delegation had brought "new maps and an open mind."`,
	`He declined to say whether the government would accept international monitoring.`,
	`A spokesman for the other side, Ilse Baumgartner, said the proposal on the table was "a serious basis for an agreement" and that a deal could be reached by the end of June.`,
	`Critics in both parliaments accuse the negotiators of secrecy.`,
	`Opposition leader Paul Okafor called the talks "a closed room with open wounds" and demanded that the draft be published within 30 days.`,
	`The talks are expected to last until Friday.`,
	`A previous round, held in Geneva on Nov. 18, 2023, ended without a joint statement after 14 hours of meetings.`,
	`According to the World Bank, the region's irrigation systems lose about $350 million a year to leaks and evaporation.`,
	`Lindqvist said both sides "keep forgetting what is at stake when they count."`,
	`"This is not about maps," Arvelo said on Wednesday. "It is about trust."`,
	`Some 2,400 farmers protested outside the ministry last week, police said.`,
}

// proseText is paragraphs of two to five sentences drawn from
// proseSentences, to the size. Paragraphs are drawn, not repeated, so that
// cleaning, which drops a paragraph the article repeats, keeps most of them.
func proseText(size int) string {
	r := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	for b.Len() < size {
		n := 2 + r.IntN(4)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(proseSentences[r.IntN(len(proseSentences))])
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

var (
	givenNames = strings.Fields("Anna Boris Carla Dmitri Elena Felix Greta Hugo Ines Jonas Karin Luis Mara Nils Olga Pavel Rosa Stefan Tara Viktor")
	places     = strings.Fields("Vienna Lisbon Oslo Prague Warsaw Madrid Athens Dublin")
)

// syllables make up surnames: three of them give 27,000, so that an
// article of many names names many people, each a few times.
var syllables = strings.Fields("ka ro len mi to sa ve ri no da lu be ta ni go re mo fa si pe la vi ko de ru ha ze bo ti ne")

// namesText is sentences that each name three or four people and a place:
// well-known given names with surnames drawn from 27,000, and surnames
// alone.
func namesText(size int) string {
	r := rand.New(rand.NewPCG(5, 6))
	surname := func() string {
		s := syllables[r.IntN(len(syllables))] + syllables[r.IntN(len(syllables))] + syllables[r.IntN(len(syllables))]
		return strings.ToUpper(s[:1]) + s[1:]
	}
	name := func() string {
		return givenNames[r.IntN(len(givenNames))] + " " + surname()
	}
	var b strings.Builder
	for b.Len() < size {
		for s := 0; s < 4; s++ {
			fmt.Fprintf(&b, "%s met %s and %s in %s, and %s joined them later. ", name(), name(), name(), places[r.IntN(len(places))], surname())
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// figuresText is sentences full of figures: percentages, money, counts and
// ranges.
func figuresText(size int) string {
	r := rand.New(rand.NewPCG(7, 8))
	var b strings.Builder
	for b.Len() < size {
		for s := 0; s < 4; s++ {
			fmt.Fprintf(&b, "The fund rose %d.%d%% to $%d.%d million, with %d,%03d workers, %d of %d seats and between %d and %d people. ",
				r.IntN(100), r.IntN(10), r.IntN(1000), r.IntN(10), 1+r.IntN(99), r.IntN(1000), r.IntN(50), 50+r.IntN(50), r.IntN(1000), 1000+r.IntN(1000))
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// datesText is sentences full of dates, absolute and relative.
func datesText(size int) string {
	r := rand.New(rand.NewPCG(9, 10))
	months := strings.Fields("January February March April May June July August September October November December")
	days := strings.Fields("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
	var b strings.Builder
	for b.Len() < size {
		for s := 0; s < 4; s++ {
			fmt.Fprintf(&b, "The council met on %s %d, %d, again on %s, last week and on %d-%02d-%02d, and will meet next %s. ",
				months[r.IntN(12)], 1+r.IntN(28), 1990+r.IntN(40), days[r.IntN(7)], 1990+r.IntN(40), 1+r.IntN(12), 1+r.IntN(28), days[r.IntN(7)])
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// capitalsText is one run of capitalised words with no punctuation: given
// names and made-up surnames, read as one long candidate name.
func capitalsText(size int) string {
	r := rand.New(rand.NewPCG(11, 12))
	var b strings.Builder
	for b.Len() < size {
		b.WriteString(givenNames[r.IntN(len(givenNames))])
		b.WriteByte(' ')
		first := syllables[r.IntN(len(syllables))]
		b.WriteString(strings.ToUpper(first[:1]) + first[1:])
		b.WriteString(syllables[r.IntN(len(syllables))])
		b.WriteByte(' ')
	}
	return b.String()
}

// weekdaysText is one sentence of weekdays with no punctuation, each of
// which is read with the tense of the words before it.
func weekdaysText(size int) string {
	days := strings.Fields("Monday Tuesday Wednesday Thursday Friday")
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString("the council met on ")
		b.WriteString(days[i%len(days)])
		b.WriteByte(' ')
	}
	return b.String()
}

// craftedSize is one size the -worstcase.sizes flag asks for.
type craftedSize struct {
	label string // as given, in MB: "0.5MB"
	bytes int
}

// worstSizeList returns the sizes the -worstcase.sizes flag asks for.
func worstSizeList(tb testing.TB) []craftedSize {
	var out []craftedSize
	for _, f := range strings.Split(*worstSizes, ",") {
		f = strings.TrimSpace(f)
		mb, err := strconv.ParseFloat(f, 64)
		if err != nil || mb <= 0 {
			tb.Fatalf("-worstcase.sizes: %q is not a size in MB", f)
		}
		out = append(out, craftedSize{label: f + "MB", bytes: int(mb * (1 << 20))})
	}
	return out
}

// craftedArticle is a crafted article as a raw article and as each stage's
// input, built once per kind and size.
type craftedArticle struct {
	raw       storyfold.Article
	cleaned   storyfold.Article  // cleaned, with sentences
	annotated storyfold.Article  // through Annotate
	entities  []storyfold.Entity // of a story of the annotated article alone
}

var (
	craftedMu    sync.Mutex
	craftedCache = map[string]*craftedArticle{}
)

// crafted returns the article of a kind and size, cleaning and annotating
// it on first use (outside any timer the caller runs). Only the last one is
// kept: a 10 MB article annotated holds a few hundred MB.
func crafted(tb testing.TB, kind int, size int) *craftedArticle {
	tb.Helper()
	key := fmt.Sprint(kind, "/", size)
	craftedMu.Lock()
	defer craftedMu.Unlock()
	if c := craftedCache[key]; c != nil {
		return c
	}
	clear(craftedCache)
	raw := storyfold.Article{ID: "crafted", Source: "crafted", Title: "Crafted " + craftedKinds[kind].name,
		Date: storyfold.Date{Time: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)}, Text: craftedKinds[kind].gen(size)}
	c := &craftedArticle{raw: raw}
	c.cleaned = clean.Article(raw, clean.Options{})
	for _, p := range c.cleaned.Paragraphs {
		if !p.Heading {
			c.cleaned.Sentences = nlp.Sentences(c.cleaned.Sentences, c.cleaned.Text, p.Start, p.End)
		}
	}
	c.annotated = Annotate(c.cleaned)
	c.entities = entity.Story([]*storyfold.Article{&c.annotated})
	craftedCache[key] = c
	return c
}

// BenchmarkWorstCase times each stage on each kind of crafted article at
// each size: BenchmarkWorstCase/KIND/MB/STAGE. Besides ns/op it reports
// cpu-ms/op, the process's CPU time per run (all its threads, the
// garbage collector's included).
func BenchmarkWorstCase(b *testing.B) {
	stages := []struct {
		name string
		run  func(b *testing.B, c *craftedArticle)
	}{
		{"clean", func(b *testing.B, c *craftedArticle) {
			for b.Loop() {
				clean.Article(c.raw, clean.Options{})
			}
		}},
		{"sentences", func(b *testing.B, c *craftedArticle) {
			var dst []storyfold.Span
			for b.Loop() {
				dst = dst[:0]
				for _, p := range c.cleaned.Paragraphs {
					dst = nlp.Sentences(dst, c.cleaned.Text, p.Start, p.End)
				}
			}
		}},
		{"tokenize", func(b *testing.B, c *craftedArticle) {
			var dst []nlp.Token
			for b.Loop() {
				dst = nlp.Tokenize(dst[:0], c.cleaned.Text)
			}
		}},
		{"entity", func(b *testing.B, c *craftedArticle) {
			f := entity.NewFinder()
			for b.Loop() {
				entity.Article(c.cleaned.ID, f.Find(c.cleaned.Text, c.cleaned.Sentences))
			}
		}},
		{"quantity", func(b *testing.B, c *craftedArticle) {
			f := quantity.NewFinder()
			var dst []storyfold.Quantity
			for b.Loop() {
				dst = dst[:0]
				for _, s := range c.cleaned.Sentences {
					dst = f.Find(dst, c.cleaned.Text[s.Start:s.End], s.Start)
				}
			}
		}},
		{"dates", func(b *testing.B, c *craftedArticle) {
			f := dates.NewFinder()
			for b.Loop() {
				f.Find(c.cleaned.Text, c.cleaned.Sentences, c.raw.Date)
			}
		}},
		{"quote", func(b *testing.B, c *craftedArticle) {
			f := quote.NewFinder()
			a := &c.annotated
			for b.Loop() {
				f.Find(a.Text, a.Sentences, a.Paragraphs, a.Entities)
			}
		}},
		{"quotegroup", func(b *testing.B, c *craftedArticle) {
			members := []*storyfold.Article{&c.annotated}
			for b.Loop() {
				quote.Group(members, c.entities)
			}
		}},
		{"prepare", func(b *testing.B, c *craftedArticle) {
			for b.Loop() {
				Prepare([]storyfold.Article{c.raw}, nil, nil)
			}
		}},
		{"story", func(b *testing.B, c *craftedArticle) {
			for b.Loop() {
				a := c.annotated
				NewStory("crafted", []*storyfold.Article{&a})
			}
		}},
	}
	for k, kind := range craftedKinds {
		b.Run(kind.name, func(b *testing.B) {
			for _, size := range worstSizeList(b) {
				b.Run(size.label, func(b *testing.B) {
					for _, st := range stages {
						b.Run(st.name, func(b *testing.B) {
							c := crafted(b, k, size.bytes)
							b.SetBytes(int64(len(c.raw.Text)))
							runtime.GC() // the setup's garbage is not the stage's
							before := benchdata.CPUTime()
							st.run(b, c)
							b.ReportMetric(float64(benchdata.CPUTime()-before)/float64(b.N)/1e6, "cpu-ms/op")
						})
					}
				})
			}
		})
	}
}

// TestWriteWorstCase writes the crafted articles, one plain-text file per
// kind and size, for timing `storyfold analyze` on them; it does nothing
// without -worstcase.write.
func TestWriteWorstCase(t *testing.T) {
	if *worstWrite == "" {
		t.Skip("no -worstcase.write directory given")
	}
	if err := os.MkdirAll(*worstWrite, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, kind := range craftedKinds {
		for _, size := range worstSizeList(t) {
			// A little under the size, so the file stays within a
			// --max-size of the same number of MB.
			text := kind.gen(size.bytes - 4096)
			name := filepath.Join(*worstWrite, kind.name+"-"+size.label+".txt")
			if err := os.WriteFile(name, []byte("Crafted "+kind.name+"\n\n"+text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
