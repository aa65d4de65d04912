package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/report"
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
	mode := progressFlags(fs)
	var of outletsFlag
	of.register(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	switch {
	case *dbPath == "" && qf.url == "":
		return missing(fs, "--db FILE|URL (or --queue nats://HOST:PORT)")
	case *dbPath != "" && qf.url != "":
		return usagef(fs, "--db and --queue exclude each other: store here, or queue for workers")
	case len(paths) == 0 && ropts.fetch.urlList == "":
		return missing(fs, "a PATH, a URL or --urls FILE")
	}
	if ropts.outlets, err = of.load(); err != nil {
		return err
	}
	if qf.url != "" {
		q, err := qf.open(ctx)
		if err != nil {
			return err
		}
		defer q.Close()
		prog := newProgress(mode())
		msgs := &messages{out: prog.writer()}
		n, err := publishInputs(ctx, q, paths, ropts, prog, msgs)
		msgs.flush()
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
	limitIngestMemory()
	prog := newProgress(mode())
	msgs := &messages{out: prog.writer()}
	tot, err := ingestPaths(ctx, st, paths, ropts, group.options(), prog, msgs)
	prog.wait()
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "storyfold: %s read, %s new, %s already stored; %s updated\n", count(tot.read, "article", "articles"), report.Thousands(tot.new), report.Thousands(tot.known), count(len(tot.stories), "story", "stories"))
	if tot.read == 0 {
		return &exitError{code: 1, msg: "no article could be read"}
	}
	return nil
}

// ingestMemoryLimit is the soft limit ingest raises the default to. What
// ingest keeps grows with the store only through the grouping index (about
// 1.2 KB an article); the rest is a few batches. With the collector's
// default pacing the heap may reach twice what is live before it runs,
// about 3 GB for the index of a million articles: under this limit it runs
// sooner instead, so a run of a million articles stays under 2.5 GB,
// SQLite's own memory included, while the default for other commands
// (defaultMaxMemory) would make the collector run without end at that
// size.
const ingestMemoryLimit = 2 << 30

// limitIngestMemory raises the default memory limit to ingestMemoryLimit
// (at most half the machine's memory); a limit the user set through
// --max-memory, STORYFOLD_MAX_MEMORY or GOMEMLIMIT stands.
func limitIngestMemory() {
	if memoryLimit.source != "default" {
		return
	}
	limit := int64(ingestMemoryLimit)
	if m := machineMemory(); m > 0 && m/2 < limit {
		limit = max(m/2, memoryLimit.bytes)
	}
	debug.SetMemoryLimit(limit)
}

// storeGrace is how long a batch being stored when a signal comes may take
// to finish before it is rolled back: long enough for a usual batch (a
// second or two), short enough that the command obeys the signal.
const storeGrace = 2 * time.Second

// ingestTotals sum what the batches of one ingest did.
type ingestTotals struct {
	read, new, known, batches int
	// stories holds the stories the batches created or changed.
	stories map[string]bool
}

// ingestPaths reads paths and adds their articles to the store in batches
// (ingestBatch): each batch is read, prepared, folded and staged (its
// grouping features and stored documents made, Writer.Stage) while the one
// before it is stored and the stories of the ones before that are
// rebuilt, so memory holds a few batches whatever the input's size, and
// both cores work. A signal stops the reading at once;
// the batch being stored is finished if it can be within storeGrace, else
// rolled back (a second signal exits at once, losing only that
// transaction); the batches read but not stored are dropped, and the error
// says what was stored.
func ingestPaths(ctx context.Context, st storyfold.Store, paths []string, ropts readOptions, gopts cluster.Options, prog *progress, msgs *messages) (ingestTotals, error) {
	tot := ingestTotals{stories: make(map[string]bool)}
	w, err := pipeline.NewWriter(ctx, st, gopts)
	if err != nil {
		return tot, err
	}
	readCtx, stopReading := context.WithCancelCause(ctx)
	defer stopReading(nil)
	// A signal stops the reading at once, but the batch being stored
	// is given storeGrace to finish, and only then cancelled, which rolls
	// its transaction back: either way the store holds whole batches.
	storeCtx, cancelStore := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelStore()
	batches := make(chan *pipeline.Staged, 1)
	stored := prog.counter("storing")
	var storeErr error
	rolledBack := false
	storing := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			select {
			case <-time.After(storeGrace):
				cancelStore()
			case <-storing:
			}
		case <-storing:
		}
	}()
	go func() {
		defer close(storing)
		for b := range batches {
			if storeErr != nil || rolledBack || ctx.Err() != nil {
				continue // drained: nothing more is stored
			}
			// A story that runs on into the next batch is rebuilt
			// once that batch leaves it alone, or at the end.
			res, err := w.IngestStaged(storeCtx, b)
			// Stored, with stories left stale when the grace ran out
			// during their rebuild: the next writer rebuilds them.
			stale := errors.Is(err, pipeline.ErrStoriesStale) && storeCtx.Err() != nil
			if err != nil && !stale && storeCtx.Err() != nil {
				rolledBack = true
				continue
			}
			if err != nil && !stale {
				storeErr = err
				stopReading(err)
				continue
			}
			tot.new += res.New
			tot.known += res.Known
			tot.batches++
			for _, id := range res.Stories {
				tot.stories[id] = true
			}
			for _, orig := range sortedKeys(res.Renamed) {
				msgs.notef("article ID %q is stored with other content; this one is stored as %q", orig, res.Renamed[orig])
			}
			for range b.Len() {
				stored.incr()
			}
		}
	}()
	fold := newFolder()
	read := 0
	err = readBatches(readCtx, paths, ropts, ingestBatch, prog, msgs, func(raw []storyfold.Article) error {
		articles := fold.fold(prepare(fold.fresh(raw, msgs), prog, msgs), msgs)
		ropts.outlets.Apply(articles)
		read += len(articles)
		if len(articles) == 0 {
			return nil
		}
		// Staged here, the next batch's features and documents are made
		// while the one before is stored, not on the way to the lock.
		staged := w.Stage(articles)
		select {
		case batches <- staged:
			return nil
		case <-readCtx.Done():
			return context.Cause(readCtx)
		}
	})
	close(batches)
	<-storing
	if storeErr == nil && !rolledBack && ctx.Err() == nil {
		// The last batches' stories; if a signal ends this, they stay
		// marked stale, and the next writer rebuilds them.
		if err := w.Flush(storeCtx); err != nil && storeCtx.Err() == nil {
			storeErr = err
		}
	}
	stored.done()
	fold.done(msgs)
	msgs.flush()
	tot.read = read
	if sig := interruption(ctx); sig != nil {
		undone := ""
		if rolledBack {
			undone = fmt.Sprintf(" (the batch in flight rolled back after %v)", storeGrace)
		}
		return tot, &exitError{code: sig.code(), msg: fmt.Sprintf("interrupted: %s stored, %s%s; run again to continue — ingestion is idempotent",
			count(tot.new, "article", "articles"), count(tot.batches, "batch", "batches"), undone)}
	}
	if storeErr != nil {
		return tot, storeErr
	}
	return tot, err
}

// sortedKeys lists a map's keys in order, so messages come out the same
// way every run.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// plural picks the word for a count.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// count writes a count with its noun: "1 story", "1,200 stories".
func count(n int, one, many string) string {
	return report.Thousands(n) + " " + plural(n, one, many)
}

// analyzeStored is analyze with --db: it ingests the paths given, if any,
// and reports everything the database holds.
func analyzeStored(ctx context.Context, db string, paths []string, ropts readOptions, gopts cluster.Options, out *outputFlags, mode progressMode) error {
	st, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	if len(paths) > 0 {
		prog := newProgress(mode)
		msgs := &messages{out: prog.writer()}
		tot, err := ingestPaths(ctx, st, paths, ropts, gopts, prog, msgs)
		prog.wait()
		if err != nil {
			return err
		}
		if tot.read == 0 {
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
