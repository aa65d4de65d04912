package quote

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/internal/casefile"
)

// TestGroupCases runs the case files under testdata/groups: each gives a
// story's articles (a section "article ID" each, paragraphs separated by
// blank lines) and its entities ("entities": name | type | aliases), and
// the quote groups wanted: each group's speaker, kind and text, then each
// variant's article, text, diff, and missing and added words. They pin how
// unmarked speech is continued across a story and what the variants say
// changed. Add a case by adding a file; write its "want" with -update and
// check it by reading.
func TestGroupCases(t *testing.T) {
	casefile.Run(t, "testdata/groups", func(t *testing.T, f *casefile.File) []casefile.Section {
		var arts []*storyfold.Article
		for _, s := range f.Sections {
			id, ok := strings.CutPrefix(s.Name, "article ")
			if !ok {
				continue
			}
			text := strings.TrimSpace(s.Data)
			a := &storyfold.Article{ID: id, Text: text}
			var ents []storyfold.Entity
			a.Paragraphs, a.Sentences, ents = annotate(text)
			a.Quotes = NewFinder().Find(text, a.Sentences, a.Paragraphs, ents)
			arts = append(arts, a)
		}
		if len(arts) == 0 {
			t.Fatal("no article sections")
		}
		var ents []storyfold.Entity
		data, _ := f.Get("entities")
		for _, l := range strings.Split(strings.TrimSpace(data), "\n") {
			if l == "" {
				continue
			}
			parts := strings.Split(l, "|")
			if len(parts) != 3 {
				t.Fatalf("entity line %q: want name | type | aliases", l)
			}
			e := storyfold.Entity{Name: strings.TrimSpace(parts[0]), Type: storyfold.EntityType(strings.TrimSpace(parts[1]))}
			for _, al := range strings.Split(parts[2], ",") {
				if al = strings.TrimSpace(al); al != "" {
					e.Aliases = append(e.Aliases, al)
				}
			}
			ents = append(ents, e)
		}
		var b strings.Builder
		for _, q := range Group(arts, ents) {
			fmt.Fprintf(&b, "group | %s | %s | %s | statement %t\n", q.Speaker, q.Kind, q.Text, IsStatement(&q))
			for _, v := range q.Variants {
				fmt.Fprintf(&b, "  %s | %s | %s | missing %q | added %q\n", v.Article, v.Text, v.Diff, v.Missing, v.Added)
			}
		}
		return []casefile.Section{{Name: "want", Data: b.String()}}
	})
}

func TestIsStatement(t *testing.T) {
	tests := []struct {
		text string
		kind storyfold.QuoteKind
		want bool
	}{
		{"concessions", storyfold.QuoteDirect, false},
		{"closely involved", storyfold.QuoteDirect, false},
		{"enduring.", storyfold.QuoteDirect, false},
		{"a lasting peace", storyfold.QuoteDirect, false},
		{"We understand it,", storyfold.QuoteDirect, true},
		{"Absolutely not true.", storyfold.QuoteDirect, true},
		{"There is no betrayal there", storyfold.QuoteDirect, true},
		// Reported speech of three words is the outlet's clause, not a
		// phrase marked as someone's.
		{"talks would continue", storyfold.QuoteReported, true},
		{"talks continue", storyfold.QuoteReported, false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			q := storyfold.Quote{Text: tt.text, Kind: tt.kind}
			if got := IsStatement(&q); got != tt.want {
				t.Errorf("IsStatement(%q, %s) = %t, want %t", tt.text, tt.kind, got, tt.want)
			}
		})
	}
}

func TestDiffRuns(t *testing.T) {
	tests := []struct {
		canon, variant string
		missing, added []string
	}{
		{"We are here to talk to Moscow", "we are here to negotiate with Moscow", []string{"talk to"}, []string{"negotiate with"}},
		{"the United States is invested and interested", "the United States is interested", []string{"invested and"}, nil},
		{"peace now", "Peace now and Forever", nil, []string{"and Forever"}},
		{"There is no betrayal there.", "there is no betrayal there", nil, nil},
	}
	for _, tt := range tests {
		t.Run(shortName(tt.variant), func(t *testing.T) {
			ca, cb := casedWords(tt.canon), casedWords(tt.variant)
			d := diffWords(lowerWords(ca), lowerWords(cb), ca, cb)
			if !slices.Equal(d.missing, tt.missing) || !slices.Equal(d.added, tt.added) {
				t.Errorf("diff(%q, %q): missing %q added %q, want %q and %q", tt.canon, tt.variant, d.missing, d.added, tt.missing, tt.added)
			}
		})
	}
}

func TestQuotationOf(t *testing.T) {
	a := &storyfold.Article{Quotes: []storyfold.Quotation{
		{Text: "We will win", Kind: storyfold.QuoteDirect},
		{Text: "There is no betrayal there", Kind: storyfold.QuoteUnmarked},
	}}
	tests := []struct {
		text string
		want int
	}{
		{"We will win", 0},
		{"There is no betrayal there", 1},
		{"There is no betrayal there. There is a recognition that the world is interested in peace.", 1},
		{"We will win. And then some.", -1}, // only unmarked speech is continued
		{"There is no betrayal", -1},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := QuotationOf(a, tt.text); got != tt.want {
				t.Errorf("QuotationOf(%q) = %d, want %d", tt.text, got, tt.want)
			}
		})
	}
}

// TestGroupBoundsQuotesPerArticle checks that an article's quotations past
// MaxGroupedQuotes enter no quote group and are counted as left out, and
// that those within the bound are still grouped across articles: two
// articles quoting the same 300 more statements than the bound give
// MaxGroupedQuotes groups of two variants each and leave out 600. Before
// the bound every quotation of a 10 MB crafted article (247,000) became a
// group of its own.
func TestGroupBoundsQuotesPerArticle(t *testing.T) {
	const extra = 300
	articles := make([]*storyfold.Article, 2)
	for k := range articles {
		a := &storyfold.Article{ID: fmt.Sprintf("a%d", k)}
		for i := range MaxGroupedQuotes + extra {
			a.Quotes = append(a.Quotes, storyfold.Quotation{Text: fmt.Sprintf("harbour%d ferries%d will%d sail%d again%d", i, i, i, i, i),
				Kind: storyfold.QuoteDirect, Marked: true})
		}
		articles[k] = a
	}
	for _, tt := range []struct {
		name     string
		articles []*storyfold.Article
		groups   int
		variants int
		left     int
	}{
		{"one article", articles[:1], MaxGroupedQuotes, MaxGroupedQuotes, extra},
		{"two articles", articles, MaxGroupedQuotes, 2 * MaxGroupedQuotes, 2 * extra},
	} {
		t.Run(tt.name, func(t *testing.T) {
			groups, left := GroupBounded(tt.articles, nil)
			variants := 0
			for _, g := range groups {
				variants += len(g.Variants)
			}
			if len(groups) != tt.groups || variants != tt.variants || left != tt.left {
				t.Errorf("got %d groups of %d variants, %d left out; want %d groups of %d variants, %d left out",
					len(groups), variants, left, tt.groups, tt.variants, tt.left)
			}
			if len(Group(tt.articles, nil)) != len(groups) {
				t.Error("Group and GroupBounded disagree")
			}
		})
	}
}

// TestGroupLeavesOutScareQuotes checks that a scare quote, kept among an
// article's quotes as no one's words, joins no quote group, while the
// same word quoted as someone's word in another article still forms one.
func TestGroupLeavesOutScareQuotes(t *testing.T) {
	scare := &storyfold.Article{ID: "a", Quotes: []storyfold.Quotation{
		{Text: "fast-track", Kind: storyfold.QuoteDirect, Marked: true, Scare: true},
	}}
	word := &storyfold.Article{ID: "b", Quotes: []storyfold.Quotation{
		{Text: "fast-track", Speaker: "Mitch McConnell", Cue: "called", Kind: storyfold.QuoteDirect, Marked: true},
	}}
	for _, tt := range []struct {
		name       string
		articles   []*storyfold.Article
		articleIDs []string
	}{
		{"scare only", []*storyfold.Article{scare}, nil},
		{"scare and word", []*storyfold.Article{scare, word}, []string{"b"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, g := range Group(tt.articles, nil) {
				got = append(got, g.Articles...)
			}
			if !slices.Equal(got, tt.articleIDs) {
				t.Errorf("grouped articles %v, want %v", got, tt.articleIDs)
			}
		})
	}
}
