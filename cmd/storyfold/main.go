// Command storyfold reads news articles, cleans them and folds them into
// stories. Each subcommand lives in a file of its own; this file only
// dispatches.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string) error
}

func commands() []command {
	return []command{
		{"analyze", "read articles and report their stories", runAnalyze},
		{"ingest", "add articles to a database and update its stories", runIngest},
		{"stories", "list the stories in a database", runStories},
		{"serve", "serve a database's stories: web pages and a JSON API", runServe},
		{"watch", "poll feeds and add their new articles to a database", runWatch},
		{"worker", "fetch, extract and store the jobs of a queue", runWorker},
		{"extract", "print what is extracted from each input", runExtract},
		{"eval", "score extraction or grouping on a benchmark", runEval},
		{"bench", "measure throughput and memory", runBench},
	}
}

// internalCommands are commands storyfold starts itself, not listed in
// its usage: serve's post worker, the attack replay's attackers.
func internalCommands() []command {
	return []command{
		{"post-worker", "analyse and store a server's POSTs (started by serve --posts child)", runPostWorker},
		{"bench-attackers", "the attackers of bench --attacks in a process of their own (started by bench)", runBenchAttackers},
	}
}

// errUsage marks a mistake in the command line that was already reported;
// main exits with status 2.
var errUsage = errors.New("usage")

// usageError is a mistake in the command line, said in one line: main
// prints it with a pointer to the command's -h and exits with status 2,
// rather than burying the one thing wrong under every flag's help.
type usageError struct {
	cmd string // the command's name, "eval clusters"
	msg string
}

func (e *usageError) Error() string { return e.msg }

// usagef returns a usageError for the command fs parses.
func usagef(fs *flag.FlagSet, format string, args ...any) error {
	return &usageError{cmd: fs.Name(), msg: fmt.Sprintf(format, args...)}
}

// missing names what a command line lacks: "--db is required".
func missing(fs *flag.FlagSet, what ...string) error {
	if len(what) == 1 {
		return usagef(fs, "%s is required", what[0])
	}
	return usagef(fs, "%s are required", strings.Join(what, " and "))
}

// usageLine is the one line a usageError prints.
func usageLine(e *usageError) string {
	return fmt.Sprintf("storyfold %s: %s (see 'storyfold %s -h')", e.cmd, e.msg, e.cmd)
}

// exitError carries an exit status other than 1.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func main() {
	ctx, stop := withSignals(context.Background(), os.Stderr, os.Exit)
	defer stop()
	args, mem, err := applyMemoryLimit(os.Args[1:], os.Getenv, debug.SetMemoryLimit)
	memoryLimit = mem
	if err != nil {
		fmt.Fprintf(os.Stderr, "storyfold: %v\n", err)
		os.Exit(2)
	}
	if len(args) < 1 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage()
		if len(args) < 1 {
			os.Exit(2)
		}
		return
	}
	name := args[0]
	for _, c := range append(commands(), internalCommands()...) {
		if c.name != name {
			continue
		}
		err := c.run(ctx, args[1:])
		var ee *exitError
		var ue *usageError
		if sig := interruption(ctx); sig != nil && err != nil && !(errors.As(err, &ee) && ee.code == sig.code()) {
			// A command that failed once interrupted, and did not say
			// so itself, still exits as a process the signal ended
			// would, and says why.
			msg := "interrupted: " + err.Error()
			var cause *interrupted
			if errors.As(err, &cause) {
				msg = cause.Error()
			}
			err = &exitError{code: sig.code(), msg: msg}
		}
		switch {
		case err == nil:
		case errors.Is(err, flag.ErrHelp):
		case errors.As(err, &ue):
			fmt.Fprintln(os.Stderr, usageLine(ue))
			os.Exit(2)
		case errors.Is(err, errUsage):
			os.Exit(2)
		case errors.As(err, &ee):
			if ee.msg != "" {
				fmt.Fprintf(os.Stderr, "storyfold %s: %s\n", name, ee.msg)
			}
			os.Exit(ee.code)
		default:
			fmt.Fprintf(os.Stderr, "storyfold %s: %v\n", name, err)
			os.Exit(1)
		}
		return
	}
	fmt.Fprintf(os.Stderr, "storyfold: unknown command %q\n\n", name)
	usage()
	os.Exit(2)
}

func usage() {
	fmt.Fprintf(os.Stderr, "storyfold folds news articles into stories.\n\nUsage: storyfold COMMAND [flags] [PATH...]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(os.Stderr, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(os.Stderr, "\nEvery command also takes --max-memory SIZE (or STORYFOLD_MAX_MEMORY): a soft limit\n"+
		"on the process's memory, at which the garbage collector works harder; 768MiB by\n"+
		"default (at most half the machine's), \"off\" for none. GOMEMLIMIT is honoured too.\n")
	fmt.Fprintf(os.Stderr, "\nRun 'storyfold COMMAND -h' for a command's flags.\n")
}

// newFlags returns a flag set that prints its usage with a one-line synopsis
// on -h, and reports errors instead of exiting. The flag package prints a
// bad flag's error, then the usage: the error goes to a buffer parseFlags
// reads, and the usage is printed only when no error came before it (-h),
// so a mistake is one line.
func newFlags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	errs := &bytes.Buffer{}
	fs.SetOutput(errs)
	fs.Usage = func() {
		if errs.Len() > 0 {
			return
		}
		fs.SetOutput(os.Stderr)
		defer fs.SetOutput(errs)
		fmt.Fprintf(os.Stderr, "Usage: storyfold %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, with flags allowed before and after the
// positional arguments ("analyze DIR --format json"), and returns the
// positional ones. A bad flag becomes a usageError. After "--" everything
// is positional.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if b, ok := fs.Output().(*bytes.Buffer); ok {
			b.Reset()
		}
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef(fs, "%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
