// Package pipeline strings the stages together for a batch of articles:
// clean and annotate them in parallel, then group them into stories. It
// holds no logic of its own beyond the order of the stages and the
// bookkeeping that spans articles (lines an outlet repeats).
package pipeline

import (
	"encoding/hex"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"

	"github.com/zeebo/xxh3"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/clean"
	"github.com/storyfold/storyfold/dates"
	"github.com/storyfold/storyfold/entity"
	"github.com/storyfold/storyfold/internal/parallel"
	"github.com/storyfold/storyfold/nlp"
	"github.com/storyfold/storyfold/quantity"
	"github.com/storyfold/storyfold/quote"
)

// MinRecurring is how many distinct articles of one outlet must share a line
// before it counts as that outlet's boilerplate.
const MinRecurring = 3

// Prepare cleans and annotates raw articles (paragraphs, sentences,
// language, content hash), using all cores. Articles whose text is empty
// after cleaning are dropped and passed to empty. done is called once per
// article, from any goroutine, for progress reporting; it may be nil.
func Prepare(raw []storyfold.Article, empty func(storyfold.Article), done func()) []storyfold.Article {
	return prepare(raw, empty, done, runtime.GOMAXPROCS(0))
}

// prepare is Prepare on at most workers goroutines.
func prepare(raw []storyfold.Article, empty func(storyfold.Article), done func(), workers int) []storyfold.Article {
	// Outlet hints first: recurring lines are counted per outlet.
	parallel.For(len(raw), workers, func(i int) {
		if raw[i].Source == "" {
			raw[i].Source = clean.SourceHint(raw[i].Text)
		}
	})
	recurring := RecurringLines(raw)

	out := make([]storyfold.Article, len(raw))
	keep := make([]bool, len(raw))
	parallel.For(len(raw), workers, func(i int) {
		var opts clean.Options
		if set := recurring[raw[i].Source]; len(set) > 0 {
			opts.Recurring = func(line string) bool { return set[lineHash(line)] }
		}
		a := Annotate(clean.Article(raw[i], opts))
		out[i] = a
		keep[i] = strings.TrimSpace(a.Text) != ""
		if done != nil {
			done()
		}
	})
	kept := out[:0]
	for i, a := range out {
		if keep[i] {
			kept = append(kept, a)
		} else if empty != nil {
			empty(raw[i])
		}
	}
	return kept
}

// finders are the per-article extractors, which keep buffers between
// articles; the pool gives each worker its own.
type finders struct {
	names   *entity.Finder
	quotes  *quote.Finder
	figures *quantity.Finder
	dates   *dates.Finder
}

var finderPool = sync.Pool{New: func() any {
	return &finders{names: entity.NewFinder(), quotes: quote.NewFinder(), figures: quantity.NewFinder(), dates: dates.NewFinder()}
}}

// Annotate fills in what the text foundations give a cleaned article: its
// sentences, language and content hash, and what Extract finds.
func Annotate(a storyfold.Article) storyfold.Article {
	a.Sentences = a.Sentences[:0]
	for _, p := range a.Paragraphs {
		if !p.Heading {
			a.Sentences = nlp.Sentences(a.Sentences, a.Text, p.Start, p.End)
		}
	}
	if a.Sentences == nil {
		a.Sentences = []storyfold.Span{}
	}
	if a.Language == "" {
		a.Language = nlp.Language(a.Text)
	}
	// One tokenisation of the text for every stage that reads its words,
	// kept on the article until its grouping features are read.
	a.Tokens = nlp.Tokenize(make([]nlp.Token, 0, len(a.Text)/5+16), a.Text)
	if a.Duplicates == nil {
		a.Duplicates = []string{}
	}
	a = Extract(a)
	a.Hash = ContentHash(a)
	return a
}

// Extract fills in who and what an annotated article names: its entities,
// quotes, figures and dates. Entities, figures and dates read the
// article's Tokens, which must be those of its Text (Annotate sets them);
// an article without them is tokenised here.
func Extract(a storyfold.Article) storyfold.Article {
	f := finderPool.Get().(*finders)
	broken := false
	defer func() {
		if !broken {
			finderPool.Put(f)
		}
	}()
	if a.Tokens == nil {
		a.Tokens = nlp.Tokenize(nil, a.Text)
	}
	// The finders are pooled, so each article sets its own language; an
	// English or undetected one resets them to the English rules.
	f.names.SetLanguage(a.Language)
	f.quotes.SetLanguage(a.Language)
	f.dates.SetLanguage(a.Language)
	a.Entities = nil
	contain(&broken, a.ID, "entities", func() { a.Entities = entity.Article(a.ID, f.names.FindTokens(a.Text, a.Tokens, a.Sentences)) })
	a.Quotes = nil
	contain(&broken, a.ID, "quotes", func() { a.Quotes = f.quotes.Find(a.Text, a.Sentences, a.Paragraphs, a.Entities) })
	figures := a.Quantities[:0]
	a.Quantities = nil
	contain(&broken, a.ID, "figures", func() {
		for _, s := range a.Sentences {
			figures = f.figures.FindSentence(figures, a.Text, a.Tokens, s)
		}
		a.Quantities = figures
	})
	a.Dates = nil
	contain(&broken, a.ID, "dates", func() { a.Dates = f.dates.FindTokens(a.Text, a.Tokens, a.Sentences, a.Date) })
	if a.Dates == nil {
		a.Dates = []storyfold.DateMention{}
	}
	if a.Quotes == nil {
		a.Quotes = []storyfold.Quotation{}
	}
	if a.Quantities == nil {
		a.Quantities = []storyfold.Quantity{}
	}
	return a
}

// contain runs one finder on one article and keeps a bug in it from
// ending the run: a panic leaves that finder's output empty for this
// article alone, says so on one line naming the article and the stage,
// and marks the pooled finders broken so they are not used again. The
// article itself, and every other stage's findings, are kept.
func contain(broken *bool, id, stage string, find func()) {
	defer func() {
		if r := recover(); r != nil {
			*broken = true
			slog.Warn("article analysis stage failed; its findings are left out", slog.String("article", id),
				slog.String("stage", stage), slog.String("panic", fmt.Sprint(r)))
		}
	}()
	find()
}

// ContentHash identifies an article's content: the outlet, the title and the
// clean text. The same article read twice, from any file, has the same hash;
// the same text published by two outlets does not (it is syndication, which
// the duplicate detector reports).
func ContentHash(a storyfold.Article) string {
	sum := contentDigest(a).Bytes()
	return hex.EncodeToString(sum[:])
}

// RecurringLines finds, for every outlet, the lines that at least
// MinRecurring of its distinct articles share. Articles of unknown outlet are
// left out: a line shared across outlets is as likely wire copy as
// boilerplate.
func RecurringLines(raw []storyfold.Article) map[string]map[uint64]bool {
	counts := make(map[string]map[uint64]int)
	seenText := make(map[uint64]bool)
	seenLine := make(map[uint64]bool) // one article's lines, cleared for each
	h := xxh3.New()
	for _, a := range raw {
		if a.Source == "" {
			continue
		}
		// The hash of Source, NUL, Text, without a copy of the text.
		h.Reset()
		h.WriteString(a.Source)
		h.WriteString("\x00")
		h.WriteString(a.Text)
		th := h.Sum64()
		if seenText[th] {
			continue // the same article twice counts once
		}
		seenText[th] = true
		m := counts[a.Source]
		if m == nil {
			m = make(map[uint64]int)
			counts[a.Source] = m
		}
		clear(seenLine)
		for _, line := range clean.Lines(a.Text) {
			lh := lineHash(line)
			if !seenLine[lh] {
				seenLine[lh] = true
				m[lh]++
			}
		}
	}
	out := make(map[string]map[uint64]bool)
	for src, m := range counts {
		for h, n := range m {
			if n >= MinRecurring {
				if out[src] == nil {
					out[src] = make(map[uint64]bool)
				}
				out[src][h] = true
			}
		}
	}
	return out
}

func lineHash(line string) uint64 { return xxh3.HashString(clean.RecurringKey(line)) }

// ContentSum is ContentHash as a number, for a reader that keeps one for
// every article it has read.
func ContentSum(a storyfold.Article) uint64 { return contentDigest(a).Lo }

func contentDigest(a storyfold.Article) xxh3.Uint128 {
	h := xxh3.New()
	h.WriteString(strings.ToLower(a.Source))
	h.WriteString("\x00")
	h.WriteString(a.Title)
	h.WriteString("\x00")
	h.WriteString(a.Text)
	return h.Sum128()
}
