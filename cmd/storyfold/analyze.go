package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/report"
)

// groupFlags are the grouping flags analyze, ingest and eval share.
type groupFlags struct {
	threshold float64
	window    int
}

func (g *groupFlags) register(fs *flag.FlagSet) {
	d := cluster.DefaultOptions()
	g.threshold, g.window = d.Threshold, d.WindowDays
	fs.Var((*unitFlag)(&g.threshold), "threshold", "similarity (0-1) an article needs with a story to join it; higher splits stories finer")
	fs.Var((*daysFlag)(&g.window), "window", "largest gap in days between an article and a story it joins, when dates are known")
}

// unitFlag is a flag between 0 and 1: a similarity of 2 is a typo, and
// grouping with it would quietly put every article in a story of its own.
type unitFlag float64

func (f *unitFlag) String() string { return strconv.FormatFloat(float64(*f), 'g', -1, 64) }

func (f *unitFlag) Set(v string) error {
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return errors.New("not a number")
	}
	if x < 0 || x > 1 || math.IsNaN(x) {
		return errors.New("must be between 0 and 1")
	}
	*f = unitFlag(x)
	return nil
}

// daysFlag is a number of days, 0 or more.
type daysFlag int

func (f *daysFlag) String() string { return strconv.Itoa(int(*f)) }

func (f *daysFlag) Set(v string) error {
	n, err := strconv.Atoi(v)
	if err != nil {
		return errors.New("not a whole number of days")
	}
	if n < 0 {
		return errors.New("must be 0 or more days")
	}
	*f = daysFlag(n)
	return nil
}

func (g *groupFlags) options() cluster.Options {
	o := cluster.DefaultOptions()
	o.Threshold, o.WindowDays = g.threshold, g.window
	return o
}

// outputFlags are the report flags.
type outputFlags struct {
	format string
	output string
	brief  bool
}

func (o *outputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.format, "format", "text", "report format: text, md, json or html")
	fs.StringVar(&o.output, "o", "", "write the report to this file instead of standard output")
	fs.BoolVar(&o.brief, "brief", false, "count removed lines per reason instead of listing them")
}

// write writes the analysis as the flags ask.
func (o *outputFlags) write(an *storyfold.Analysis) error {
	format, err := report.ParseFormat(o.format)
	if err != nil {
		return err
	}
	var w io.Writer = os.Stdout
	color := format == report.Text && isTerminal(os.Stdout) && os.Getenv("NO_COLOR") == ""
	if o.output != "" && o.output != "-" {
		f, err := os.Create(o.output)
		if err != nil {
			return fmt.Errorf("create report: %w", err)
		}
		defer f.Close()
		w = f
		color = false
	}
	if err := report.Write(w, an, format, report.Options{Color: color, Removed: !o.brief}); err != nil {
		return err
	}
	if f, ok := w.(*os.File); ok && f != os.Stdout {
		return f.Close()
	}
	return nil
}

func runAnalyze(ctx context.Context, args []string) error {
	fs := newFlags("analyze", "[flags] PATH|URL... (files, directories, - for standard input, pages and feeds)")
	var (
		out    outputFlags
		group  groupFlags
		ropts  readOptions
		dbPath = fs.String("db", "", dbUsage+"; with no PATH, report what it holds. Without it every article is held in memory: past a few hundred thousand articles, ingest into a database")
		of     outletsFlag
	)
	of.register(fs)
	mode := progressFlags(fs)
	out.register(fs)
	group.register(fs)
	ropts.register(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if _, err := report.ParseFormat(out.format); err != nil {
		return usagef(fs, "%v", err)
	}
	if ropts.outlets, err = of.load(); err != nil {
		return err
	}
	if *dbPath != "" {
		return analyzeStored(ctx, *dbPath, paths, ropts, group.options(), &out, mode())
	}
	if len(paths) == 0 && ropts.fetch.urlList == "" {
		return missing(fs, "a PATH, a URL or --urls FILE (or --db to report a database)")
	}
	prog := newProgress(mode())
	msgs := &messages{out: prog.writer()}
	// The input is read, prepared and grouped in the batches ingest
	// stores, and grouped as ingest groups them, so that both give the
	// same stories: the prepared articles are the output and are kept,
	// the raw ones are let go batch by batch.
	var articles []storyfold.Article
	fold := newFolder()
	grouper := pipeline.NewGrouper(group.options())
	// Grouping goes on batch by batch as the input is read; its bar
	// counts the articles grouped so far.
	grouped := prog.counter("grouping")
	err = readBatches(ctx, paths, ropts, ingestBatch, prog, msgs, func(raw []storyfold.Article) error {
		batch := fold.fold(prepare(fold.fresh(raw, msgs), prog, msgs), msgs)
		ropts.outlets.Apply(batch)
		grouper.Add(batch)
		grouped.add(len(batch))
		articles = append(articles, batch...)
		return nil
	})
	fold.done(msgs)
	msgs.flush()
	if sig := interruption(ctx); sig != nil {
		prog.wait()
		return &exitError{code: sig.code(), msg: fmt.Sprintf("interrupted after reading %s; nothing written", count(len(articles), "article", "articles"))}
	}
	if err != nil {
		prog.wait()
		return err
	}
	grouped.done()
	// Each story's account: facts, conflicts, families, summary.
	bar := prog.counter("reconciling")
	stories := grouper.Stories(articles, bar.incr)
	bar.done()
	prog.wait()
	if len(articles) == 0 {
		return &exitError{code: 1, msg: "no article could be read"}
	}
	return out.write(&storyfold.Analysis{Articles: articles, Stories: stories})
}
