package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/storyfold/storyfold/internal/parallel"
)

// jsonWindow is how many articles or stories are encoded at once, on all
// cores, before they are written in order: enough to keep the cores busy,
// few enough that the report is never held whole in memory (a 100,000
// article report is about 4 GB of JSON).
const jsonWindow = 256

// jsonElement is one element's encoding and the encoder that wrote it,
// kept in a pool with its buffers between windows and reports.
type jsonElement struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var jsonElements = sync.Pool{New: func() any {
	e := new(jsonElement)
	e.enc = json.NewEncoder(&e.buf)
	// Indented for depth two: json.Indent puts the prefix after every
	// newline, which is where the element's lines sit in the document.
	e.enc.SetIndent("    ", "  ")
	e.enc.SetEscapeHTML(true)
	return e
}}

// streamJSON writes analysisJSON{articles, stories} exactly as encodeJSON
// would (indented by two spaces, HTML's characters escaped, a final
// newline), but element by element through a buffered writer: each
// article and story is encoded on its own, on all cores, and indented one
// level deeper than the top, which is what json.Indent makes of it inside
// the whole document. The document is never built whole, so memory does
// not grow with the report and the encoding is not left to one core.
func streamJSON(w io.Writer, nArticles int, article func(i int) any, nStories int, story func(i int) any) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	bw.WriteString("{\n  \"articles\": ")
	if err := streamArray(bw, nArticles, article); err != nil {
		return err
	}
	bw.WriteString(",\n  \"stories\": ")
	if err := streamArray(bw, nStories, story); err != nil {
		return err
	}
	bw.WriteString("\n}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// streamArray writes one of the document's arrays at depth one: "[]" when
// empty, as json.Indent leaves it, else each element on a line of its own
// at depth two.
func streamArray(bw *bufio.Writer, n int, elem func(i int) any) error {
	if n == 0 {
		bw.WriteString("[]")
		return nil
	}
	bw.WriteByte('[')
	bufs := make([]*jsonElement, min(n, jsonWindow))
	errs := make([]error, len(bufs))
	for start := 0; start < n; start += jsonWindow {
		end := min(n, start+jsonWindow)
		parallel.For(end-start, runtime.GOMAXPROCS(0), func(k int) {
			bufs[k], errs[k] = indentedJSON(elem(start + k))
		})
		for k := 0; k < end-start; k++ {
			if errs[k] != nil {
				return fmt.Errorf("write json: %w", errs[k])
			}
			if start+k > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n    ")
			b := bufs[k].buf.Bytes()
			bw.Write(b[:len(b)-1]) // the encoder's final newline
			jsonElements.Put(bufs[k])
			bufs[k] = nil
		}
		if _, err := bw.Write(nil); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
	}
	bw.WriteString("\n  ]")
	return nil
}

// indentedJSON encodes v as the document's encoder would at depth two:
// HTML's characters escaped, indented, followed by a newline.
func indentedJSON(v any) (*jsonElement, error) {
	e := jsonElements.Get().(*jsonElement)
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		jsonElements.Put(e)
		return nil, err
	}
	return e, nil
}
