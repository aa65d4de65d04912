package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// interrupted is the cause of a context cancelled by a signal, so a
// command can tell a user's interruption from its own cancellations and
// say what it managed before it.
type interrupted struct {
	sig os.Signal
}

func (i *interrupted) Error() string { return "interrupted by " + i.sig.String() }

// code is the exit status of a process ended by the signal, as a shell
// reports it: 128 and the signal's number.
func (i *interrupted) code() int {
	if s, ok := i.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}

// interruption returns the signal that cancelled ctx, or nil.
func interruption(ctx context.Context) *interrupted {
	var i *interrupted
	if errors.As(context.Cause(ctx), &i) {
		return i
	}
	return nil
}

// withSignals returns a context cancelled by the first SIGINT or SIGTERM,
// with an *interrupted cause: commands stop reading, finish or roll back
// what they were writing and say what they stored. A second signal ends
// the process at once, for a user who will not wait; the stores are
// transactional, so that loses only the batch in flight. exit is os.Exit
// outside tests.
func withSignals(parent context.Context, stderr io.Writer, exit func(int)) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		var first os.Signal
		for {
			select {
			case sig := <-ch:
				if first == nil {
					first = sig
					cancel(&interrupted{sig: sig})
					continue
				}
				fmt.Fprintf(stderr, "storyfold: %s again: exiting at once\n", sig)
				exit((&interrupted{sig: sig}).code())
				return
			case <-done:
				return
			}
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(nil)
	}
}
