package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/report"
)

func runStories(ctx context.Context, args []string) error {
	fs := newFlags("stories", "--db FILE|URL [flags]")
	dbPath := fs.String("db", "", dbUsage)
	format := fs.String("format", "text", "text or json")
	limit := fs.Int("n", 0, "list at most this many stories (0: all)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dbPath == "" {
		return missing(fs, "--db FILE|URL")
	}
	if !strings.Contains(*dbPath, "://") {
		// Listing reads: a missing file is a mistake, not a new database.
		if _, err := os.Stat(*dbPath); err != nil {
			return fmt.Errorf("--db %s: %w", *dbPath, err)
		}
	}
	st, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	stories, err := st.Stories(ctx)
	if err != nil {
		return err
	}
	sortStories(stories)
	if *limit > 0 && len(stories) > *limit {
		stories = stories[:*limit]
	}
	outlets := make([]int, len(stories))
	for i, s := range stories {
		if outlets[i], err = countOutlets(ctx, st, s.ID); err != nil {
			return err
		}
	}
	if *format == "json" {
		return report.WriteStoriesJSON(os.Stdout, stories, outlets)
	}
	w := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "STORY\tARTICLES\tOUTLETS\tINDEPENDENT\tFIRST\tLAST\tLANGUAGES\tHEADLINE")
	for i, s := range stories {
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n", s.ID, len(s.Articles), outlets[i], s.IndependentSources,
			orDash(s.First.String()), orDash(s.Last.String()),
			orDash(strings.ReplaceAll(strings.Map(printable, storyfold.LanguagesLine(s.Languages)), ", ", ",")), strings.Map(printable, s.Headline))
	}
	return w.Flush()
}

// countOutlets counts a stored story's outlets as every output does
// (storyfold.CountOutlets), from its articles' heads.
func countOutlets(ctx context.Context, st storyfold.Reader, storyID string) (int, error) {
	members, err := st.StoryMembers(ctx, storyID)
	if err != nil {
		return 0, fmt.Errorf("story %s: %w", storyID, err)
	}
	ids := make([]string, len(members))
	for i, m := range members {
		ids[i] = m.ID
	}
	heads, err := st.ArticleHeads(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("story %s: %w", storyID, err)
	}
	ptrs := make([]*storyfold.Article, len(heads))
	for i := range heads {
		ptrs[i] = &heads[i]
	}
	return storyfold.CountOutlets(ptrs), nil
}

// sortStories orders stories with the most articles first, then the newest.
func sortStories(stories []*storyfold.Story) {
	sort.SliceStable(stories, func(i, j int) bool {
		if len(stories[i].Articles) != len(stories[j].Articles) {
			return len(stories[i].Articles) > len(stories[j].Articles)
		}
		return stories[i].Last.After(stories[j].Last.Time)
	})
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	if len(s) > 10 {
		return s[:10]
	}
	return s
}

// printable drops control characters (terminal escapes) from untrusted text.
func printable(r rune) rune {
	if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
		return -1
	}
	return r
}
