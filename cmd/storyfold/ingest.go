package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/store/postgres"
	"github.com/storyfold/storyfold/store/sqlite"
)

// openStore opens the store a --db value names: a postgres:// URL names a
// PostgreSQL database, anything else a SQLite file.
func openStore(ctx context.Context, db string) (storyfold.Store, error) {
	scheme, _, ok := strings.Cut(db, "://")
	switch {
	case !ok, scheme == "file":
		return sqlite.Open(ctx, strings.TrimPrefix(db, "file://"))
	case scheme == "postgres", scheme == "postgresql":
		return postgres.Open(ctx, db)
	}
	return nil, fmt.Errorf("--db %s: not a database file or postgres:// URL", db)
}

// dbUsage is the --db flag's help.
const dbUsage = "where the articles and stories are kept: a SQLite file (created if missing) or a postgres:// URL"

func runIngest(ctx context.Context, args []string) error {
	fs := newFlags("ingest", "(--db FILE|URL | --queue nats://HOST:PORT) [flags] PATH|URL... (files, directories, - for standard input, pages and feeds)")
	var group groupFlags
	group.register(fs)
	dbPath := fs.String("db", "", dbUsage)
	var ropts readOptions
	ropts.register(fs)
	var qf queueFlags
	qf.register(fs, "queue the inputs for workers on this NATS server (nats://host:port) instead of storing them: pages to extract and to fetch, articles to store")
	quiet := fs.Bool("no-progress", false, "never show progress bars")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if (*dbPath == "") == (qf.url == "") || len(paths) == 0 && ropts.fetch.urlList == "" {
		fs.Usage()
		return errUsage
	}
	if qf.url != "" {
		q, err := qf.open(ctx)
		if err != nil {
			return err
		}
		defer q.Close()
		prog := newProgress(!*quiet)
		msgs := &messages{out: prog.writer()}
		n, err := publishInputs(ctx, q, paths, ropts, prog, msgs)
		prog.wait()
		if err != nil {
			return err
		}
		if n == 0 {
			return &exitError{code: 1, msg: "no article could be read"}
		}
		return nil
	}
	st, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	prog := newProgress(!*quiet)
	msgs := &messages{out: prog.writer()}
	res, n, err := ingestPaths(ctx, st, paths, ropts, group.options(), prog, msgs)
	prog.wait()
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "storyfold: %d read, %d new, %d already stored; %d stories updated\n", n, res.New, res.Known, len(res.Stories))
	if n == 0 {
		return &exitError{code: 1, msg: "no article could be read"}
	}
	return nil
}

// ingestPaths reads paths and adds their articles to the store, returning
// what changed and how many articles were read.
func ingestPaths(ctx context.Context, st storyfold.Store, paths []string, ropts readOptions, gopts cluster.Options, prog *progress, msgs *messages) (storyfold.IngestResult, int, error) {
	articles := read(ctx, paths, ropts, prog, msgs)
	if len(articles) == 0 {
		return storyfold.IngestResult{}, 0, nil
	}
	w, err := pipeline.NewWriter(ctx, st, gopts)
	if err != nil {
		return storyfold.IngestResult{}, len(articles), err
	}
	res, err := w.Ingest(ctx, articles)
	for orig, now := range res.Renamed {
		msgs.notef("article ID %q is stored with other content; this one is stored as %q", orig, now)
	}
	return res, len(articles), err
}

// analyzeStored is analyze with --db: it ingests the paths given, if any,
// and reports everything the database holds.
func analyzeStored(ctx context.Context, db string, paths []string, ropts readOptions, gopts cluster.Options, out *outputFlags, showProgress bool) error {
	st, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	if len(paths) > 0 {
		prog := newProgress(showProgress)
		msgs := &messages{out: prog.writer()}
		_, n, err := ingestPaths(ctx, st, paths, ropts, gopts, prog, msgs)
		prog.wait()
		if err != nil {
			return err
		}
		if n == 0 {
			return &exitError{code: 1, msg: "no article could be read"}
		}
	}
	an, err := loadAnalysis(ctx, st)
	if err != nil {
		return err
	}
	return out.write(an)
}

// loadAnalysis reads everything a store holds, stories largest first.
func loadAnalysis(ctx context.Context, st storyfold.Store) (*storyfold.Analysis, error) {
	articles, err := st.Articles(ctx, nil)
	if err != nil {
		return nil, err
	}
	stories, err := st.Stories(ctx)
	if err != nil {
		return nil, err
	}
	sortStories(stories)
	return &storyfold.Analysis{Articles: articles, Stories: stories}, nil
}
