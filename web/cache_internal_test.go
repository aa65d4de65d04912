package web

import (
	"fmt"
	"math"
	"net/url"
	"strings"
	"testing"
)

func TestCacheKey(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"/stories/s1", "/stories/s1?b=1"},
		{"/stories/s1?b=1", "/stories/s1?b=2"},
		{"/?q=talks&offset=20", "/?offset=20&q=talks&utm_source=x"},
		{"/search?q=a+b", "/search?q=a%20b"},
		{"/?q=x&q=y", "/?q=x"},
	} {
		t.Run(tt.a+" = "+tt.b, func(t *testing.T) {
			if ka, kb := key(t, tt.a), key(t, tt.b); ka != kb {
				t.Errorf("%q -> %q, %q -> %q: want one key", tt.a, ka, tt.b, kb)
			}
		})
	}
	for _, tt := range []struct{ a, b string }{
		{"/stories/s1", "/stories/s2"},
		{"/stories/s1", "/stories/s1?offset=25"},
		{"/?q=talks", "/?q=talk"},
		{"/?source=AP", "/?source=AP&from=2025-01-01"},
		{"/?q=a%26offset%3D1", "/?q=a&offset=1"},
		{"/api/v1/stories", "/api/v1/stories?limit=5"},
	} {
		t.Run(tt.a+" != "+tt.b, func(t *testing.T) {
			if ka, kb := key(t, tt.a), key(t, tt.b); ka == kb {
				t.Errorf("%q and %q share the key %q", tt.a, tt.b, ka)
			}
		})
	}
}

func key(t *testing.T, target string) string {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	return cacheKey(u)
}

// FuzzCacheKey holds the cache's key to the parameters the routes read:
// adding any other parameter leaves it as it was.
func FuzzCacheKey(f *testing.F) {
	for _, s := range []string{"q=talks&offset=20", "source=AP&from=2025-01-01&to=2025-02-01", "q=%zz", "limit=5&limit=6", ""} {
		f.Add(s, "b", "1")
	}
	f.Fuzz(func(t *testing.T, query, name, value string) {
		u := &url.URL{Path: "/stories/x", RawQuery: query}
		k := cacheKey(u)
		if !strings.HasPrefix(k, "/stories/x") {
			t.Fatalf("key %q lost the path", k)
		}
		for _, p := range cacheParams {
			if p == name {
				return
			}
		}
		extra := url.Values{name: {value}}.Encode()
		u2 := &url.URL{Path: u.Path, RawQuery: query + "&" + extra}
		if query == "" {
			u2.RawQuery = extra
		}
		// Only when the added parameter parses apart from the rest does
		// it leave the others as they were.
		q1, err1 := url.ParseQuery(u.RawQuery)
		q2, err2 := url.ParseQuery(u2.RawQuery)
		if err1 != nil || err2 != nil {
			return
		}
		for _, p := range cacheParams {
			if q1.Get(p) != q2.Get(p) {
				return
			}
		}
		if k2 := cacheKey(u2); k2 != k {
			t.Fatalf("adding %s changed the key: %q -> %q", extra, k, k2)
		}
	})
}

// TestCacheCountsWhatItHolds checks that the cache bounds the heap its
// items hold, not their lengths: a body built in a doubling buffer is kept
// as a copy of about its length, and the total counted is the capacities held.
func TestCacheCountsWhatItHolds(t *testing.T) {
	c := newCache(nil, 1<<20)
	c.current = 1
	for i := range 40 {
		body := make([]byte, 10_000, 20_000) // as a doubling buffer leaves it
		c.put(fmt.Sprintf("/stories/s%d", i), 1, &cached{contentType: "text/html", body: keep(body)})
	}
	held := 0
	for k, e := range c.items {
		if cap(e.body) > len(e.body)+len(e.body)/8 {
			t.Errorf("%s keeps %d bytes of capacity for %d of body", k, cap(e.body), len(e.body))
		}
		held += cap(e.body) + len(k)
	}
	if held > c.bytes || c.bytes > c.maxBytes {
		t.Errorf("the cache holds %d bytes and counts %d, bound %d", held, c.bytes, c.maxBytes)
	}
}

func TestCacheCeiling(t *testing.T) {
	for _, tt := range []struct {
		limit int64
		want  int
	}{
		{768 << 20, 192 << 20},
		{math.MaxInt64, math.MaxInt},
		{4 << 30, 1 << 30},
	} {
		t.Run(fmt.Sprint(tt.limit), func(t *testing.T) {
			if got := CacheCeiling(tt.limit); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}
