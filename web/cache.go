package web

import (
	"bytes"
	"net/http"
	"sync"
	"time"
)

// cache keeps the responses to read requests for a short time: a story
// page costs a few milliseconds to build, and a newsroom opens the same
// stories many times a minute. An ingest through the server empties it;
// writes by another process show after at most the TTL.
type cache struct {
	ttl      time.Duration
	maxBytes int

	mu    sync.Mutex
	gen   uint64 // bumped by every ingest
	items map[string]*cached
	order []string // keys, oldest first, for eviction
	bytes int
}

type cached struct {
	gen         uint64
	at          time.Time
	contentType string
	body        []byte
}

func newCache(ttl time.Duration, maxBytes int) *cache {
	return &cache{ttl: ttl, maxBytes: maxBytes, items: map[string]*cached{}}
}

// invalidate drops everything: the store changed.
func (c *cache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.items)
	c.order, c.bytes = c.order[:0], 0
}

func (c *cache) get(key string) (*cached, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.items[key]
	if e != nil && (e.gen != c.gen || time.Since(e.at) > c.ttl) {
		e = nil
	}
	return e, c.gen
}

func (c *cache) put(key string, gen uint64, e *cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || len(e.body) > c.maxBytes/16 {
		return // built before an ingest, or too big to keep
	}
	if old := c.items[key]; old != nil {
		c.bytes -= len(old.body)
	} else {
		c.order = append(c.order, key)
	}
	e.gen = gen
	c.items[key] = e
	c.bytes += len(e.body)
	for c.bytes > c.maxBytes && len(c.order) > 0 {
		k := c.order[0]
		c.order = c.order[1:]
		if old := c.items[k]; old != nil {
			c.bytes -= len(old.body)
			delete(c.items, k)
		}
	}
}

// wrap serves a read route from the cache, filling it on a miss with the
// route's 200 responses.
func (c *cache) wrap(h http.HandlerFunc) http.HandlerFunc {
	if c == nil || c.ttl <= 0 {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.RequestURI()
		e, gen := c.get(key)
		if e != nil {
			w.Header().Set("Content-Type", e.contentType)
			w.Header().Set("X-Cache", "hit")
			_, _ = w.Write(e.body)
			return
		}
		rec := &capture{header: http.Header{}, code: http.StatusOK}
		h(rec, r)
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.code)
		_, _ = w.Write(rec.body.Bytes())
		if rec.code == http.StatusOK {
			c.put(key, gen, &cached{at: time.Now(), contentType: rec.header.Get("Content-Type"), body: rec.body.Bytes()})
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
