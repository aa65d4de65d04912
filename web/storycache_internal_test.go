package web

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestStoryCacheBound holds the story cache to its bound in bytes,
// dropping the least recently read story first, to the store version
// it was filled at, and to never keeping what an older version read.
func TestStoryCacheBound(t *testing.T) {
	item := func(id string, size int) *storyItem {
		return &storyItem{id: id, story: &storyfold.Story{ID: id}, size: size}
	}
	for _, tt := range []struct {
		name string
		run  func(c *storyCache)
		kept []string
		gone []string
	}{
		{"under the bound", func(c *storyCache) {
			c.put(1, item("a", 100))
			c.put(1, item("b", 100))
		}, []string{"a", "b"}, nil},
		{"least recently read dropped", func(c *storyCache) {
			for _, id := range []string{"a", "b", "c", "d"} {
				c.put(1, item(id, 250))
			}
			c.get("a", 1)
			c.put(1, item("e", 250))
		}, []string{"a", "c", "d", "e"}, []string{"b"}},
		{"over a quarter never kept", func(c *storyCache) {
			c.put(1, item("a", 300))
		}, nil, []string{"a"}},
		{"a new version empties it", func(c *storyCache) {
			c.put(1, item("a", 100))
			c.put(2, item("b", 100))
		}, []string{"b"}, []string{"a"}},
		{"an older version's read not kept", func(c *storyCache) {
			c.put(2, item("a", 100))
			c.put(1, item("b", 100))
		}, []string{"a"}, []string{"b"}},
		{"read again replaces", func(c *storyCache) {
			c.put(1, item("a", 200))
			c.put(1, item("a", 250))
			c.put(1, item("b", 250))
		}, []string{"a", "b"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newStoryCache(1000)
			tt.run(c)
			v := c.current
			for _, id := range tt.kept {
				if c.get(id, v) == nil {
					t.Errorf("%s not kept", id)
				}
			}
			for _, id := range tt.gone {
				if c.get(id, v) != nil {
					t.Errorf("%s kept", id)
				}
			}
			if c.bytes > c.maxBytes {
				t.Errorf("%d bytes kept, bound %d", c.bytes, c.maxBytes)
			}
			n := 0
			for e := c.lru.Front(); e != nil; e = e.Next() {
				n += e.Value.(*storyItem).size
			}
			if n != c.bytes || c.lru.Len() != len(c.items) {
				t.Errorf("counted %d bytes in %d items, listed %d in %d", c.bytes, len(c.items), n, c.lru.Len())
			}
		})
	}
	if newStoryCache(-1) != nil || newStoryCache(0) != nil {
		t.Error("a cache of no bytes made")
	}
}

// TestSizeOf holds the story cache's estimate to the bytes values refer
// to outside themselves.
func TestSizeOf(t *testing.T) {
	type inner struct {
		S string
		N int
	}
	type outer struct {
		List []inner
		P    *inner
		M    map[string]int
		Arr  [2]string
		Flat [4]int
	}
	for _, tt := range []struct {
		name string
		v    any
		want int
	}{
		{"string", "hello", 5},
		{"int", 7, 0},
		{"nil slice", []string(nil), 0},
		{"slice of strings", []string{"ab", "cde"}, 2*16 + 5},
		{"slice's spare capacity", make([]int, 1, 4), 4 * 8},
		{"pointer", &inner{S: "xyz"}, 24 + 3},
		{"struct", outer{List: []inner{{S: "a"}, {S: "bc"}}, P: &inner{}, M: map[string]int{"k": 1}, Arr: [2]string{"q", "rs"}},
			2*24 + 3 + 24 + 2*(16+8) + 1 + 3},
		{"story", storyfold.Story{ID: "s-1", Articles: []string{"a1", "a2"}}, 3 + 2*16 + 4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := sizerOf(reflect.TypeOf(tt.v))(reflect.ValueOf(tt.v)); got != tt.want {
				t.Errorf("size of %s = %d, want %d", fmt.Sprintf("%T", tt.v), got, tt.want)
			}
		})
	}
}
