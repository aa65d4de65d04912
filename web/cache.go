package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// cache keeps the responses to read requests for as long as the store has
// not changed: a story page costs a millisecond or more to build, and a
// newsroom opens the same stories many times a minute. Every request asks
// the store for its version (one row read), so a save by this server or by
// any other process sharing the store ends every cached answer at once;
// nothing stale is ever served.
type cache struct {
	version  func(context.Context) (int64, error)
	maxBytes int
	// answered is when the store last answered a request (Unix
	// nanoseconds): told its version, or served a read that succeeded.
	// The health check takes it for its own read.
	answered atomic.Int64

	mu      sync.Mutex
	current int64 // the store version the items were built from
	items   map[string]*cached
	order   []string // keys, oldest first, for eviction
	bytes   int
	// building holds the answers being built now, by key and version:
	// every save empties the cache at once, and without it the clients
	// of a popular page would all build it again together, each holding
	// a core, while the first answer would serve them all.
	building map[flightKey]*flight
	// waiting, when set, is called as a request starts to wait for an
	// answer another request is building (for tests).
	waiting func()
	// refused answers a request that waited for another's answer and
	// then could not build its own: refused a place, or out of time
	// (Server.busy; a bare 503 when unset).
	refused func(http.ResponseWriter, *http.Request, error)
}

// flightKey names an answer being built: its key and the store version
// it is built from.
type flightKey struct {
	key     string
	version int64
}

// flight is an answer being built, which the requests for the same key
// and version wait for instead of building it again.
type flight struct {
	done chan struct{}
	// e is the answer, once done is closed; nil when the request that
	// built it did not get a 200 (a shed request, a deadline), and the
	// waiters then build their own.
	e *cached
}

type cached struct {
	contentType string
	body        []byte
}

// itemOverhead is what an item costs the cache beyond its body and key:
// the map entry, the key's place in order, the item and its content type.
const itemOverhead = 160

// size is what an item holds of the heap, which the cache bounds: its
// body's whole capacity (a body is copied to its length before it is
// kept, see keep), its key and its bookkeeping.
func (e *cached) size(key string) int {
	return cap(e.body) + len(key) + len(e.contentType) + itemOverhead
}

// keep is the body of a response as the cache keeps it: the buffer a
// response is built in grows by doubling, so its spare capacity is up to
// as large again as the body, and the cache would hold half as much again
// as it counts. A body with more than an eighth spare is copied.
func keep(body []byte) []byte {
	if cap(body)-len(body) > len(body)/8 {
		return bytes.Clone(body)
	}
	return body
}

// storeAnswered tells whether the store answered a read within the last d.
func (c *cache) storeAnswered(d time.Duration) bool {
	t := c.answered.Load()
	return t != 0 && time.Since(time.Unix(0, t)) < d
}

func newCache(version func(context.Context) (int64, error), maxBytes int) *cache {
	return &cache{version: version, maxBytes: maxBytes, items: map[string]*cached{}, building: map[flightKey]*flight{}}
}

// join returns the answer being built for key at version v and false, or,
// when none is, registers one the caller is to build and returns it and
// true.
func (c *cache) join(key string, v int64) (*flight, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fk := flightKey{key, v}
	if f := c.building[fk]; f != nil {
		return f, false
	}
	f := &flight{done: make(chan struct{})}
	c.building[fk] = f
	return f, true
}

// refuse answers a request the cache could not serve, as refused says.
func (c *cache) refuse(w http.ResponseWriter, r *http.Request, err error) {
	if c.refused != nil {
		c.refused(w, r, err)
		return
	}
	http.Error(w, "busy", http.StatusServiceUnavailable)
}

// land ends the flight of key at version v with its answer e (nil for
// none) and releases its waiters.
func (c *cache) land(key string, v int64, f *flight, e *cached) {
	f.e = e
	c.mu.Lock()
	delete(c.building, flightKey{key, v})
	c.mu.Unlock()
	close(f.done)
}

// get returns the item for key if it was built from store version v. A
// newer version empties the cache.
func (c *cache) get(key string, v int64) *cached {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.current {
		if v < c.current {
			return nil // a request that read the version before a save
		}
		c.current = v
		clear(c.items)
		c.order, c.bytes = c.order[:0], 0
	}
	return c.items[key]
}

// put keeps an item built from store version v, unless the store has moved
// on since.
func (c *cache) put(key string, v int64, e *cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	size := e.size(key)
	if v != c.current || size > c.maxBytes/16 {
		return
	}
	if old := c.items[key]; old != nil {
		c.bytes -= old.size(key)
	} else {
		c.order = append(c.order, key)
	}
	c.items[key] = e
	c.bytes += size
	for c.bytes > c.maxBytes && len(c.order) > 0 {
		k := c.order[0]
		c.order = c.order[1:]
		if old := c.items[k]; old != nil {
			c.bytes -= old.size(k)
			delete(c.items, k)
		}
	}
}

// wrap serves a read route from the cache, filling it on a miss with the
// route's 200 responses. When the store cannot tell its version, the
// route is served without the cache.
func (c *cache) wrap(h http.HandlerFunc) http.HandlerFunc {
	if c == nil || c.maxBytes <= 0 {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := c.version(r.Context())
		if err != nil {
			h(w, r)
			return
		}
		c.answered.Store(time.Now().UnixNano())
		key := cacheKey(r.URL)
		if e := c.get(key, v); e != nil {
			w.Header().Set("Content-Type", e.contentType)
			w.Header().Set("X-Cache", "hit")
			_, _ = w.Write(e.body)
			return
		}
		// What the handler reads is read after this version: the story
		// cache takes it rather than ask the store again.
		r = r.WithContext(context.WithValue(r.Context(), versionKey{}, v))
		f, leader := c.join(key, v)
		if !leader {
			// Another request is building this answer: wait for it,
			// blocked rather than building it again, and serve it. Waiting
			// is no work, so the request's place among those at work is
			// given back meanwhile: the builder may need one.
			p := placeOf(r.Context())
			p.leave()
			if c.waiting != nil {
				c.waiting()
			}
			select {
			case <-f.done:
			case <-r.Context().Done():
				c.refuse(w, r, r.Context().Err())
				return
			}
			if f.e != nil {
				w.Header().Set("Content-Type", f.e.contentType)
				w.Header().Set("X-Cache", "shared")
				_, _ = w.Write(f.e.body)
				return
			}
			if err := p.take(r.Context()); err != nil {
				c.refuse(w, r, err)
				return
			}
			h(w, r)
			return
		}
		var e *cached
		defer func() { c.land(key, v, f, e) }()
		rec := &capture{header: http.Header{}, code: http.StatusOK}
		h(rec, r)
		for k, vals := range rec.header {
			w.Header()[k] = vals
		}
		w.WriteHeader(rec.code)
		_, _ = w.Write(rec.body.Bytes())
		if rec.code == http.StatusOK {
			e = &cached{contentType: rec.header.Get("Content-Type"), body: keep(rec.body.Bytes())}
			c.put(key, v, e)
		}
	}
}

// capture records a response to copy it to the client and the cache.
type capture struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (c *capture) Header() http.Header         { return c.header }
func (c *capture) WriteHeader(code int)        { c.code = code }
func (c *capture) Write(b []byte) (int, error) { return c.body.Write(b) }
func (c *capture) status() int                 { return c.code }

// cacheParams are the query parameters some read route reads. Any other
// changes no answer, so it is left out of the cache's key: a client that
// adds ?x=1, ?x=2, ... to a story's address gets the cached page rather
// than making the server build it again and again, and cannot fill the
// cache with copies of one answer.
var cacheParams = []string{"q", "source", "from", "to", "limit", "offset", "blindspot", "side"}

// cacheKey is a request's key in the cache: its path and the parameters
// it is answered by, in a fixed order.
func cacheKey(u *url.URL) string {
	if u.RawQuery == "" {
		return u.Path
	}
	q := u.Query()
	var b strings.Builder
	b.WriteString(u.Path)
	sep := byte('?')
	for _, name := range cacheParams {
		// The handlers read a parameter's first value only.
		if v, ok := q[name]; ok && len(v) > 0 {
			b.WriteByte(sep)
			b.WriteString(name)
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v[0]))
			sep = '&'
		}
	}
	return b.String()
}
