package web

import (
	"context"
	"errors"
	"time"
)

// Load shedding. Every request the server answers with work of its own
// (a page, an API document or a search, whether built from the store or
// copied from the cache, and a POST once its body is read) takes one of
// a bounded number of places first. Those that find none wait in a
// bounded queue, blocked on a channel, so they cost no core and do not
// lengthen the scheduler's run queue, for a short time at most; past it,
// or when the queue is full, they are answered 503 with Retry-After at
// once. A server with two cores and fifty clients thus runs a handful of
// handlers at a time, and the health check, the metrics and the static
// files, which take no place, find a core within a few scheduling
// rounds instead of behind every request in the process.

// DefaultQueueWait bounds how long a request waits for a place when the
// config does not: long enough for the requests ahead of it to finish
// (a page is built in milliseconds), short enough that a client hears
// that the server is loaded before it gives up on its own.
const DefaultQueueWait = time.Second

// defaultQueuePerPlace sizes the queue from the places when the config
// does not: enough for bursts of a few dozen clients to wait rather than
// be turned away, few enough that a queue that does not drain is
// answered quickly.
const defaultQueuePerPlace = 16

var (
	// errQueueFull refuses a request that finds every place taken and
	// the queue full.
	errQueueFull = errors.New("the server is at its bound of requests at work and waiting")
	// errQueueWait refuses a request that waited its time out.
	errQueueWait = errors.New("no place among the requests at work came free in time")
)

// limiter admits a bounded number of holders at once and keeps a bounded
// number waiting, each for a bounded time.
type limiter struct {
	places  chan struct{}
	waiting chan struct{} // a token for each request waiting
	// wait bounds a wait; 0 waits until the request's context ends.
	wait time.Duration
	// timer starts the wait's deadline: time.NewTimer's channel and stop,
	// which tests replace to end a wait when they choose.
	timer func(time.Duration) (<-chan time.Time, func() bool)
	// queued, when set, is called as a request starts to wait: tests
	// learn of it without polling.
	queued func()
}

func newLimiter(places, queue int, wait time.Duration) *limiter {
	return &limiter{places: make(chan struct{}, places), waiting: make(chan struct{}, queue), wait: wait, timer: realTimer}
}

func realTimer(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}

// enter takes a place, waiting for one if the queue has room. It fails
// with errQueueFull, errQueueWait, or ctx's error when the request's
// deadline passes or its client leaves first.
func (l *limiter) enter(ctx context.Context) error { return l.take(ctx, l.wait, l.wait <= 0) }

// enterFor is enter with a wait of its own, bounded whatever the
// limiter's: a wait of 0 or less takes only a place free at once.
func (l *limiter) enterFor(ctx context.Context, wait time.Duration) error {
	return l.take(ctx, wait, false)
}

// take takes a place, waiting up to wait for one, or as long as ctx lets
// it when unbounded is set.
func (l *limiter) take(ctx context.Context, wait time.Duration, unbounded bool) error {
	select {
	case l.places <- struct{}{}:
		return nil
	default:
	}
	if wait <= 0 && !unbounded {
		return errQueueWait
	}
	select {
	case l.waiting <- struct{}{}:
	default:
		return errQueueFull
	}
	defer func() { <-l.waiting }()
	var expired <-chan time.Time
	if wait > 0 {
		c, stop := l.timer(wait)
		defer stop()
		expired = c
	}
	if l.queued != nil {
		l.queued()
	}
	select {
	case l.places <- struct{}{}:
		return nil
	case <-expired:
		return errQueueWait
	case <-ctx.Done():
		return ctx.Err()
	}
}

// leave gives the place back.
func (l *limiter) leave() { <-l.places }

// tryEnter takes a place if one is free at once.
func (l *limiter) tryEnter() bool {
	select {
	case l.places <- struct{}{}:
		return true
	default:
		return false
	}
}

// place is a request's place among the requests at work, which it gives
// back while it waits for something else (a builder) and then takes
// again. A nil place holds nothing.
type place struct {
	l    *limiter
	held bool
}

// placeKey is the context key of a request's place.
type placeKey struct{}

// placeOf returns the place of the request whose context ctx is, nil when
// it took none.
func placeOf(ctx context.Context) *place {
	p, _ := ctx.Value(placeKey{}).(*place)
	return p
}

// take takes the place unless it is held.
func (p *place) take(ctx context.Context) error {
	if p == nil || p.held {
		return nil
	}
	if err := p.l.enter(ctx); err != nil {
		return err
	}
	p.held = true
	return nil
}

// leave gives the place back if it is held.
func (p *place) leave() {
	if p != nil && p.held {
		p.l.leave()
		p.held = false
	}
}

// shedReason is the label a refusal is counted under in /metrics, "" for
// an error that is no refusal (a deadline, a client gone).
func shedReason(err error) string {
	switch {
	case errors.Is(err, errQueueFull):
		return "queue_full"
	case errors.Is(err, errQueueWait):
		return "queue_wait"
	}
	return ""
}
