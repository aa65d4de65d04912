package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

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
	fs.Float64Var(&g.threshold, "threshold", d.Threshold, "similarity (0-1) an article needs with a story to join it; higher splits stories finer")
	fs.IntVar(&g.window, "window", d.WindowDays, "largest gap in days between an article and a story it joins, when dates are known")
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
		quiet  = fs.Bool("no-progress", false, "never show progress bars")
	)
	out.register(fs)
	group.register(fs)
	ropts.register(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if _, err := report.ParseFormat(out.format); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return errUsage
	}
	if *dbPath != "" {
		return analyzeStored(ctx, *dbPath, paths, ropts, group.options(), &out, !*quiet)
	}
	if len(paths) == 0 && ropts.fetch.urlList == "" {
		fs.Usage()
		return errUsage
	}
	prog := newProgress(!*quiet)
	msgs := &messages{out: prog.writer()}
	// The input is read and prepared in batches: the prepared articles
	// are the output and are kept, the raw ones are let go batch by
	// batch.
	var articles []storyfold.Article
	fold := newFolder()
	err = readBatches(ctx, paths, ropts, ingestBatch, prog, msgs, func(raw []storyfold.Article) error {
		articles = append(articles, fold.fold(prepare(fold.fresh(raw, msgs), prog, msgs), msgs)...)
		return nil
	})
	fold.done(msgs)
	msgs.flush()
	if sig := interruption(ctx); sig != nil {
		prog.wait()
		return &exitError{code: sig.code(), msg: fmt.Sprintf("interrupted after reading %s articles; nothing written", commas(len(articles)))}
	}
	if err != nil {
		prog.wait()
		return err
	}
	stories := pipeline.Group(articles, group.options())
	prog.wait()
	if len(articles) == 0 {
		return &exitError{code: 1, msg: "no article could be read"}
	}
	return out.write(&storyfold.Analysis{Articles: articles, Stories: stories})
}
