package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
)

// extracted is what extract prints for each input article.
type extracted struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Text     string `json:"text"`
	Date     string `json:"date"`
	Author   string `json:"author"`
	Source   string `json:"source"`
	Language string `json:"language"`
	URL      string `json:"url"`
}

func runExtract(ctx context.Context, args []string) error {
	fs := newFlags("extract", "[flags] FILE... (or - for standard input)")
	format := fs.String("format", "json", "json (one object per line) or text")
	var ropts readOptions
	ropts.register(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return missing(fs, "a FILE (or - for standard input)")
	}
	if *format != "json" && *format != "text" {
		return usagef(fs, "unknown format %q (want json or text)", *format)
	}
	msgs := &messages{out: os.Stderr}
	articles := read(ctx, paths, ropts, &progress{}, msgs)
	enc := json.NewEncoder(os.Stdout)
	for _, a := range articles {
		e := extracted{ID: a.ID, Title: a.Title, Text: a.Text, Date: a.Date.String(), Author: a.Byline,
			Source: a.Source, Language: a.Language, URL: a.URL}
		if *format == "text" {
			fmt.Printf("# %s\n%s\n\n%s\n\n", e.ID, e.Title, e.Text)
			continue
		}
		if err := enc.Encode(&e); err != nil {
			return fmt.Errorf("write: %w", err)
		}
	}
	if len(articles) == 0 {
		return &exitError{code: 1, msg: "no article could be read"}
	}

	return nil
}
