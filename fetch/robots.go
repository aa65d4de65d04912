package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsEntry is a host's robots.txt, fetched once for every request that
// waits on it.
type robotsEntry struct {
	ready   chan struct{}
	group   *robotstxt.Group // nil: everything allowed
	refused error            // set: everything refused, for this reason
	expires time.Time
}

// robotsRequest marks the context of a robots.txt request, whose redirects
// are not themselves checked against robots.txt.
type robotsRequest struct{}

// unreachableTTL is how long a host whose robots.txt could not be read
// stays refused before it is asked again.
const unreachableTTL = 10 * time.Minute

// allowed reports, as an error, whether the host's robots.txt lets
// storyfold read u.
func (f *Fetcher) allowed(ctx context.Context, u *url.URL) error {
	key := u.Scheme + "://" + u.Host
	f.mu.Lock()
	e := f.robots[key]
	if e == nil || (isReady(e) && time.Now().After(e.expires)) {
		e = &robotsEntry{ready: make(chan struct{})}
		f.robots[key] = e
		f.mu.Unlock()
		f.loadRobots(ctx, key, e)
	} else {
		f.mu.Unlock()
	}
	select {
	case <-e.ready:
	case <-ctx.Done():
		return &Error{URL: u.String(), Reason: Canceled, Err: ctx.Err()}
	}
	if e.refused != nil {
		var fe *Error
		if errors.As(e.refused, &fe) {
			// Refused before robots.txt could say: the address, or a
			// cancelled context.
			return &Error{URL: u.String(), Reason: fe.Reason, Err: fe.Err}
		}
		return &Error{URL: u.String(), Reason: Robots, Err: e.refused}
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if e.group != nil && !e.group.Test(path) {
		return &Error{URL: u.String(), Reason: Robots, Err: errors.New("robots.txt disallows it")}
	}
	return nil
}

func isReady(e *robotsEntry) bool {
	select {
	case <-e.ready:
		return true
	default:
		return false
	}
}

// loadRobots fetches and reads a host's robots.txt, following RFC 9309: a
// file that is missing (4xx) or unreadable allows everything; a host that
// cannot answer (5xx, network errors) is refused for a while.
func (f *Fetcher) loadRobots(ctx context.Context, origin string, e *robotsEntry) {
	defer close(e.ready)
	e.expires = time.Now().Add(f.cfg.RobotsTTL)
	u, _ := url.Parse(origin + "/robots.txt")
	res, _, err := f.once(context.WithValue(ctx, robotsRequest{}, true), u, Validators{})
	var fe *Error
	switch {
	case err == nil:
		data, perr := robotstxt.FromBytes(res.Body)
		if perr != nil {
			return
		}
		e.group = data.FindGroup(robotsAgent)
		if e.group != nil && e.group.CrawlDelay > 0 {
			h := f.host(u.Host)
			h.mu.Lock()
			h.delay = min(e.group.CrawlDelay, time.Minute)
			h.mu.Unlock()
		}
	case errors.As(err, &fe) && fe.Reason == HTTPStatus && fe.Status >= 400 && fe.Status < 500:
	case errors.As(err, &fe) && (fe.Reason == NotText || fe.Reason == TooLarge || fe.Reason == Redirects):
	case errors.As(err, &fe) && fe.Reason == Canceled:
		// Nothing learned: the next request asks again.
		e.refused = err
		e.expires = time.Time{}
	default:
		e.refused = fmt.Errorf("robots.txt could not be read (%v), so the site is not read", errors.Unwrap(err))
		if errors.As(err, &fe) && fe.Reason == Private {
			e.refused = err
		}
		e.expires = time.Now().Add(min(f.cfg.RobotsTTL, unreachableTTL))
	}
}
