package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// jsonFields are the fields of a JSON article storyfold reads itself; any
// other field is kept in the article's metadata.
var jsonFields = map[string]bool{"id": true, "url": true, "source": true, "title": true, "date": true, "text": true, "html": true}

// jsonFieldNames lists jsonFields in a fixed order, so that of two fields of
// the wrong type the same one is always reported.
var jsonFieldNames = [...]string{"id", "url", "source", "title", "date", "text", "html"}

// readJSONL reads JSON Lines, one article a line, reporting a broken line
// and going on with the next. A stream that opens with "[" is read as one
// JSON array of articles instead.
func (r *Reader) readJSONL(name string, in *bufio.Reader, gz bool, emit func(storyfold.Article)) {
	base := baseID(name)
	if head, _ := in.Peek(1024); len(bytes.TrimLeft(head, " \t\r\n\ufeff")) > 0 && bytes.TrimLeft(head, " \t\r\n\ufeff")[0] == '[' {
		r.readJSONArray(name, base, in, gz, emit)
		return
	}
	line := 0
	for {
		raw, err := readLine(in, r.MaxSize)
		if len(raw) > 0 || !errors.Is(err, io.EOF) {
			line++
		}
		if errors.Is(err, errLineTooLong) {
			r.problem(name, line, false, "line longer than the %s limit (--max-size)", sizeString(r.MaxSize))
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			if len(raw) > 0 {
				r.problem(name, line, false, "%s; the line is cut short", describeReadErr(err, gz))
			} else {
				r.problem(name, line, false, "%s after %d lines", describeReadErr(err, gz), line)
			}
			return
		}
		if trimmed := bytes.TrimSpace(raw); len(trimmed) > 0 {
			r.jsonArticle(name, base, line, 0, trimmed, emit)
		}
		if err != nil {
			return
		}
	}
}

// jsonArticle reads one article object, from a line of JSON Lines or the
// element elem (from 1) of a JSON array. Articles without an id get the
// file's base name and their line number.
func (r *Reader) jsonArticle(name, base string, line, elem int, raw []byte, emit func(storyfold.Article)) {
	// An element has no line of its own: its problems name its index.
	where := ""
	if elem > 0 {
		where = fmt.Sprintf("element %d: ", elem)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		r.problem(name, line, false, "%sbad JSON: %s", where, jsonError(err))
		return
	}
	// The known fields are strings (null counts as absent): a number, a
	// list or an object there is a mistake in the file, reported with its
	// line rather than read as text.
	var fields [len(jsonFieldNames)]string
	for i, key := range jsonFieldNames {
		v, ok := obj[key]
		if !ok {
			continue
		}
		var s *string
		if err := json.Unmarshal(v, &s); err != nil {
			// A whole number is a fine id: many data sets number their
			// articles.
			var n json.Number
			if key == "id" && json.Unmarshal(v, &n) == nil && !strings.ContainsAny(n.String(), ".eE") {
				fields[i] = n.String()
				continue
			}
			r.problem(name, line, false, "%sfield %q is %s, not a string; skipped", where, key, jsonKind(v))
			return
		}
		if s != nil {
			fields[i] = strings.TrimSpace(*s)
		}
	}
	str := func(key string) string {
		for i, k := range jsonFieldNames {
			if k == key {
				return fields[i]
			}
		}
		return ""
	}
	a := storyfold.Article{
		ID:     str("id"),
		URL:    str("url"),
		Source: str("source"),
		Title:  str("title"),
		Origin: name,
	}
	if line > 0 {
		a.Origin = fmt.Sprintf("%s:%d", name, line)
	}
	if d := str("date"); d != "" {
		if parsed, ok := nlp.ParseDate(d); ok {
			a.Date = parsed
		} else {
			r.problem(name, line, true, "%scannot read date %q; left unknown", where, shortQuote(d))
		}
	}
	if text := str("text"); text != "" {
		a.Text = r.decodeText(name, line, []byte(text))
	} else if page := str("html"); page != "" {
		extracted, ok := r.readHTML(a.Origin, []byte(page), a.URL)
		if !ok {
			return
		}
		extracted.ID, extracted.Origin = a.ID, a.Origin
		if a.Title != "" {
			extracted.Title = a.Title
		}
		if a.Source != "" {
			extracted.Source = a.Source
		}
		if a.Date.Known() {
			extracted.Date = a.Date
		}
		a = extracted
	} else if a.URL != "" && r.Summaries != nil {
		// A link alone: its page is for the caller to fetch, as a feed
		// item's that carries only a summary.
		if a.ID == "" {
			a.ID = URLID(a.URL)
		}
		if a.Source == "" {
			a.Source = HostSource(a.URL)
		}
		r.Summaries(FeedItem{Article: a})
		return
	} else {
		r.problem(name, line, false, "%sno \"text\" or \"html\" field", where)
		return
	}
	if a.Source == "" {
		a.Source = HostSource(a.URL)
	}
	if a.ID == "" {
		a.ID = base
		if line > 0 {
			a.ID = fmt.Sprintf("%s-%d", base, line)
		}
	}
	for k, v := range obj {
		if jsonFields[k] {
			continue
		}
		if a.Meta == nil {
			a.Meta = make(map[string]string)
		}
		var s string
		if json.Unmarshal(v, &s) == nil {
			a.Meta[k] = s
		} else {
			a.Meta[k] = string(v)
		}
	}
	emit(a)
}

var errLineTooLong = errors.New("line too long")

// readLine reads one line without its newline. A line over max bytes is
// skipped to its end and reported as errLineTooLong, so one huge line cannot
// exhaust memory.
func readLine(in *bufio.Reader, max int64) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := in.ReadSlice('\n')
		if int64(len(buf)+len(chunk)) > max {
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = in.ReadSlice('\n')
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return nil, err
			}
			return nil, errLineTooLong
		}
		buf = append(buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(buf, "\r\n"), err
	}
}

// jsonError shortens encoding/json's messages to what a user can act on.
func jsonError(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v at byte %d", se, se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("expected a JSON object, got %s", te.Value)
	}
	return err.Error()
}

// jsonKind names the type of a JSON value for a message.
func jsonKind(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "empty"
	}
	switch v[0] {
	case '[':
		return "a list"
	case '{':
		return "an object"
	case 't', 'f':
		return "a boolean"
	}
	return "a number"
}

func shortQuote(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
