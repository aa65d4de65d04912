package web

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzReadBody feeds readBody any body, plain or gzip: it must never
// return more than its limit, and must answer a failure with a status
// that says the body was refused.
func FuzzReadBody(f *testing.F) {
	const limit = 1 << 10
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(bytes.Repeat([]byte("{}\n"), 2000))
	zw.Close()
	for _, seed := range [][]byte{nil, []byte(`{"text": "a"}`), zipped.Bytes(), zipped.Bytes()[:40], {0x1f, 0x8b}, bytes.Repeat([]byte("x"), limit+1)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/articles", bytes.NewReader(body))
		data, _, fail := readBody(httptest.NewRecorder(), req, limit)
		if fail != nil {
			if fail.status != http.StatusBadRequest && fail.status != http.StatusRequestEntityTooLarge || fail.msg == "" {
				t.Fatalf("refused with %d %q", fail.status, fail.msg)
			}
			return
		}
		if len(data) > limit {
			t.Fatalf("read %d bytes, over the %d limit", len(data), limit)
		}
		if len(body) > limit && !isGzip(body) {
			t.Fatalf("took a plain body of %d bytes, over the %d limit", len(body), limit)
		}
	})
}
