package web

import (
	"container/list"
	"net/http"
	"reflect"
	"sync"

	"github.com/storyfold/storyfold"
)

// storyCache keeps stories as the story routes read them (the decoded
// story document, and the heads of the story's articles with the
// outlets' facts attached), for as long as the store has not changed.
// It is not the response cache: it holds no page or answer, every page
// and API answer is still built, windowed and written for each request;
// what it saves is unpacking and decoding the stored document and
// reading the heads (about a third of a story page's CPU on a
// 20,000-article store, and the garbage that decoding leaves for the
// collector, whose work on two cores lengthens every other request).
// As the response cache does, it asks the store its version on every
// read (one row), so nothing a save changed is ever served; a newer
// version empties it. It is bounded by an estimate of the bytes its
// stories hold, and drops the least recently read story first.
//
// What it holds is shared by every request that reads it: the routes
// only read a story and its heads (window copies what it restricts), and
// the race tests of the story routes hold them to that.
type storyCache struct {
	maxBytes int

	mu      sync.Mutex
	current int64 // the store version the items were read at
	items   map[string]*list.Element
	lru     list.List // *storyItem, most recently read first
	bytes   int
}

// storyItem is a story as the routes read it.
type storyItem struct {
	id    string
	story *storyfold.Story
	heads []*storyfold.Article
	size  int
}

// DefaultStoryCacheBytes holds the decoded accounts of a few thousand
// stories of the common size (tens of kilobytes each).
const DefaultStoryCacheBytes = 64 << 20

func newStoryCache(maxBytes int) *storyCache {
	if maxBytes <= 0 {
		return nil
	}
	return &storyCache{maxBytes: maxBytes, items: map[string]*list.Element{}}
}

// get returns the story read as id at version v, nil when none is kept.
func (c *storyCache) get(id string, v int64) *storyItem {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.current {
		if v < c.current {
			return nil // a request that read the version before a save
		}
		c.reset(v)
		return nil
	}
	e := c.items[id]
	if e == nil {
		return nil
	}
	c.lru.MoveToFront(e)
	return e.Value.(*storyItem)
}

// put keeps it, read at version v, unless the store has moved on since or
// it alone is over a quarter of the bound. Heads alone (a story of the
// list) do not replace a story kept with its heads.
func (c *storyCache) put(v int64, it *storyItem) {
	if it.size > c.maxBytes/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.current {
		if v < c.current {
			return
		}
		c.reset(v)
	}
	if old := c.items[it.id]; old != nil {
		if it.story == nil && old.Value.(*storyItem).story != nil {
			c.lru.MoveToFront(old)
			return
		}
		c.bytes -= old.Value.(*storyItem).size
		c.lru.Remove(old)
	}
	c.items[it.id] = c.lru.PushFront(it)
	c.bytes += it.size
	for c.bytes > c.maxBytes {
		last := c.lru.Back()
		drop := last.Value.(*storyItem)
		c.lru.Remove(last)
		delete(c.items, drop.id)
		c.bytes -= drop.size
	}
}

// reset empties the cache for version v. The caller holds mu.
func (c *storyCache) reset(v int64) {
	c.current = v
	clear(c.items)
	c.lru.Init()
	c.bytes = 0
}

// story reads the story id and the heads of its articles (storyHeads),
// from the story cache when the server keeps one. A story not found, or
// a store that fails, is answered by the store's error as without the
// cache.
func (s *Server) story(r *http.Request, id string) (*storyfold.Story, []*storyfold.Article, error) {
	c, v := s.storyCacheAt(r)
	var heads []*storyfold.Article
	headsKept := false
	if c != nil {
		if it := c.get(id, v); it != nil {
			if it.story != nil {
				return it.story, it.heads, nil
			}
			heads, headsKept = it.heads, true
		}
	}
	st, err := s.cfg.Store.Story(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	if !headsKept || st.ID != id {
		if heads, err = s.storyHeads(r, st.ID); err != nil {
			return nil, nil, err
		}
	}
	if c != nil {
		c.put(v, &storyItem{id: id, story: st, heads: heads, size: storySize(st, heads)})
	}
	return st, heads, nil
}

// storiesHeads reads the heads of the articles of each of the stories
// ids (StoryHeads, with the outlets' facts attached), in one read for
// those the story cache does not keep.
func (s *Server) storiesHeads(r *http.Request, ids []string) (map[string][]*storyfold.Article, error) {
	c, v := s.storyCacheAt(r)
	out := make(map[string][]*storyfold.Article, len(ids))
	missing := ids
	if c != nil {
		missing = nil
		for _, id := range ids {
			if it := c.get(id, v); it != nil {
				out[id] = it.heads
			} else {
				missing = append(missing, id)
			}
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	heads, err := s.cfg.Store.StoryHeads(r.Context(), missing)
	if err != nil {
		return nil, err
	}
	for _, id := range missing {
		hs := s.withOutlets(heads[id])
		out[id] = hs
		if c != nil {
			c.put(v, &storyItem{id: id, heads: hs, size: storySize(nil, hs)})
		}
	}
	return out, nil
}

// storyCacheAt returns the story cache and the store's version, read
// before anything the request reads from the store, so that what it
// reads is as new as the version or newer, never older (the response
// cache's read of it when it read one first, see versionKey); a nil
// cache when the server keeps none or the version cannot be read.
func (s *Server) storyCacheAt(r *http.Request) (*storyCache, int64) {
	if s.stories == nil {
		return nil, 0
	}
	if v, ok := r.Context().Value(versionKey{}).(int64); ok {
		return s.stories, v
	}
	v, err := s.cfg.Store.Version(r.Context())
	if err != nil {
		return nil, 0
	}
	return s.stories, v
}

// versionKey is the context key of the store version the response cache
// read for a request before its handler ran.
type versionKey struct{}

// storyItemOverhead is what an item costs the cache beyond its story and
// heads: the map entry, the list element, the item.
const storyItemOverhead = 200

// storySize estimates the heap a story and its heads hold: every string's
// bytes and every slice's backing array, walked by a sizer made once for
// each type, long lists from a sample of their elements (see sizer; paid
// on a miss only). Strings that share bytes (a decoded document's are
// slices of it) are counted each time, so it errs on the side of more:
// about 0.3 MB for a 15-article story of bench --scale, whose document
// unpacks to about 0.13 MB.
func storySize(st *storyfold.Story, heads []*storyfold.Article) int {
	n := storyItemOverhead
	if st != nil {
		n += sizerOf(reflect.TypeFor[*storyfold.Story]())(reflect.ValueOf(st))
	}
	return n + sizerOf(reflect.TypeFor[[]*storyfold.Article]())(reflect.ValueOf(heads))
}

// sizer returns the heap a value refers to outside its own bytes (which
// its parent, a struct or a slice, counts): a string's bytes, what a
// pointer points at, a slice's backing array, and so on down.
type sizer func(reflect.Value) int

// sizeSample is how many elements of a list a sizer walks, the rest
// taken to be like them.
const sizeSample = 16

// sizers holds the sizer of each type asked for.
var sizers sync.Map

// sizerOf returns t's sizer, made on first use.
func sizerOf(t reflect.Type) sizer {
	if s, ok := sizers.Load(t); ok {
		return s.(sizer)
	}
	s := makeSizer(t, map[reflect.Type]bool{})
	if s == nil {
		s = func(reflect.Value) int { return 0 }
	}
	sizers.Store(t, s)
	return s
}

// makeSizer makes t's sizer, nil for a type that refers to nothing
// outside itself; making holds the types being made, whose sizers a
// recursive type finds again at run time.
func makeSizer(t reflect.Type, making map[reflect.Type]bool) sizer {
	if making[t] {
		return func(v reflect.Value) int { return sizerOf(t)(v) }
	}
	making[t] = true
	defer delete(making, t)
	switch t.Kind() {
	case reflect.String:
		return func(v reflect.Value) int { return v.Len() }
	case reflect.Pointer:
		elem, size := makeSizer(t.Elem(), making), int(t.Elem().Size())
		return func(v reflect.Value) int {
			if v.IsNil() {
				return 0
			}
			if elem == nil {
				return size
			}
			return size + elem(v.Elem())
		}
	case reflect.Interface:
		return func(v reflect.Value) int {
			if v.IsNil() {
				return 0
			}
			e := v.Elem()
			return int(e.Type().Size()) + sizerOf(e.Type())(e)
		}
	case reflect.Slice:
		elem, size := makeSizer(t.Elem(), making), int(t.Elem().Size())
		return func(v reflect.Value) int {
			if v.IsNil() {
				return 0
			}
			n := v.Cap() * size
			if elem == nil {
				return n
			}
			// A long list is estimated from sizeSample of its elements,
			// spread over it, so that sizing a story costs about the
			// same whatever its size.
			l := v.Len()
			step := max(1, l/sizeSample)
			walked, m := 0, 0
			for i := 0; i < l; i += step {
				m += elem(v.Index(i))
				walked++
			}
			if walked > 0 {
				n += m * l / walked
			}
			return n
		}
	case reflect.Array:
		elem := makeSizer(t.Elem(), making)
		if elem == nil {
			return nil
		}
		return func(v reflect.Value) int {
			n := 0
			for i := range v.Len() {
				n += elem(v.Index(i))
			}
			return n
		}
	case reflect.Map:
		key, elem, size := makeSizer(t.Key(), making), makeSizer(t.Elem(), making), int(t.Key().Size()+t.Elem().Size())
		return func(v reflect.Value) int {
			// A map's buckets take about twice its entries.
			n := 2 * v.Len() * size
			if key == nil && elem == nil {
				return n
			}
			for it := v.MapRange(); it.Next(); {
				if key != nil {
					n += key(it.Key())
				}
				if elem != nil {
					n += elem(it.Value())
				}
			}
			return n
		}
	case reflect.Struct:
		type field struct {
			i int
			s sizer
		}
		var fields []field
		for i := range t.NumField() {
			if s := makeSizer(t.Field(i).Type, making); s != nil {
				fields = append(fields, field{i, s})
			}
		}
		if len(fields) == 0 {
			return nil
		}
		return func(v reflect.Value) int {
			n := 0
			for _, f := range fields {
				n += f.s(v.Field(f.i))
			}
			return n
		}
	}
	return nil
}
