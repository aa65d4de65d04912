// Package outlets reads the facts a user supplies about news outlets
// (--outlets FILE: owner, country, language, kind, lean) and attaches them
// to the articles of those outlets. storyfold ships no such facts of its
// own: who owns an outlet or which way it leans is the user's call.
package outlets

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

// List is a parsed outlet list, looked up by web domain or by name.
type List struct {
	byDomain map[string]*storyfold.OutletInfo
	byName   map[string]*storyfold.OutletInfo
	n        int
}

// Len returns the number of outlets the list describes.
func (l *List) Len() int {
	if l == nil {
		return 0
	}
	return l.n
}

// maxFile bounds an outlet list: a list of every outlet in the world is a
// few MB, and a larger file is a mistake.
const maxFile = 32 << 20

// Load reads an outlet list from a file.
func Load(path string) (*List, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("outlets: %w", err)
	}
	defer f.Close()
	l, err := Parse(io.LimitReader(f, maxFile+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return l, nil
}

// fields are the columns of a CSV list and the keys of a JSONL one; a
// row needs a domain or a name.
var fields = []string{"domain", "name", "owner", "country", "language", "kind", "lean"}

// Parse reads an outlet list: JSON Lines (one object a line, keys among
// fields) when its first character is "{", else CSV whose header names
// the columns (in any order; "display name" and "display_name" stand for
// name, "site" and "url" for domain). A row with neither domain nor name,
// a kind outside storyfold.OutletKinds, an unknown column or key, or a
// domain or name listed twice is an error naming its line.
func Parse(r io.Reader) (*List, error) {
	br := bufio.NewReader(r)
	data, err := io.ReadAll(br)
	if err != nil {
		return nil, fmt.Errorf("read outlet list: %w", err)
	}
	if len(data) > maxFile {
		return nil, fmt.Errorf("outlet list larger than %d bytes", maxFile)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	l := &List{byDomain: map[string]*storyfold.OutletInfo{}, byName: map[string]*storyfold.OutletInfo{}}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		return l, l.parseJSONL(data)
	}
	return l, l.parseCSV(data)
}

func (l *List) parseJSONL(data []byte) error {
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var o storyfold.OutletInfo
		if err := dec.Decode(&o); err != nil {
			return fmt.Errorf("line %d: %w", i+1, err)
		}
		if err := l.add(o); err != nil {
			return fmt.Errorf("line %d: %w", i+1, err)
		}
	}
	return nil
}

func (l *List) parseCSV(data []byte) error {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("header: %w", err)
	}
	col := make([]string, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		switch h {
		case "display name", "display_name", "outlet":
			h = "name"
		case "site", "url", "host":
			h = "domain"
		}
		if !slices.Contains(fields, h) {
			return fmt.Errorf("header: unknown column %q (want %s)", header[i], strings.Join(fields, ", "))
		}
		if slices.Contains(col[:i], h) {
			return fmt.Errorf("header: column %q given twice", h)
		}
		col[i] = h
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err // a csv.ParseError names its line
		}
		line, _ := cr.FieldPos(0)
		if len(rec) > len(col) {
			return fmt.Errorf("line %d: %d fields, the header names %d", line, len(rec), len(col))
		}
		var o storyfold.OutletInfo
		for i, v := range rec {
			v = strings.TrimSpace(v)
			switch col[i] {
			case "domain":
				o.Domain = v
			case "name":
				o.Name = v
			case "owner":
				o.Owner = v
			case "country":
				o.Country = v
			case "language":
				o.Language = v
			case "kind":
				o.Kind = v
			case "lean":
				o.Lean = v
			}
		}
		if err := l.add(o); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
}

// add checks and normalises one outlet and indexes it.
func (l *List) add(o storyfold.OutletInfo) error {
	o.Name = strings.TrimSpace(o.Name)
	o.Domain = Domain(o.Domain)
	if o.Domain == "" && o.Name == "" {
		return errors.New("neither domain nor name given")
	}
	kind := strings.Join(strings.FieldsFunc(strings.ToLower(o.Kind), func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), " ")
	if kind != "" && !slices.Contains(storyfold.OutletKinds, kind) {
		return fmt.Errorf("kind %q is not one of %s", o.Kind, strings.Join(storyfold.OutletKinds, ", "))
	}
	o.Kind = kind
	for _, s := range []*string{&o.Owner, &o.Country, &o.Language, &o.Lean} {
		*s = strings.TrimSpace(*s)
	}
	if o.Name == "" {
		o.Name = o.Domain
	}
	p := &o
	if o.Domain != "" {
		if l.byDomain[o.Domain] != nil {
			return fmt.Errorf("domain %q listed twice", o.Domain)
		}
		l.byDomain[o.Domain] = p
	}
	key := strings.ToLower(o.Name)
	if prev := l.byName[key]; prev != nil && prev.Domain == "" && o.Domain == "" {
		return fmt.Errorf("name %q listed twice", o.Name)
	}
	if l.byName[key] == nil {
		l.byName[key] = p
	}
	l.n++
	return nil
}

// Domain normalises a web address to the domain a list names: lower case,
// without scheme, port, path or "www.". It returns "" for text that is
// not a host name, such as "." or "a..b": a list keyed by one would name
// a domain no address has. Every "www." in front is taken off, so that
// the domain it returns is its own normal form, and Lookup, which takes
// one "www." off an address's host, finds it.
func Domain(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return ""
	}
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	h := strings.TrimSuffix(u.Hostname(), ".")
	if h == "" || !utf8.ValidString(h) || strings.IndexFunc(h, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '.'
	}) >= 0 {
		return ""
	}
	for strings.HasPrefix(h, "www.") {
		h = h[len("www."):]
	}
	if h == "" || strings.HasPrefix(h, ".") || strings.HasSuffix(h, ".") || strings.Contains(h, "..") {
		return "" // an empty label
	}
	return h
}

// Lookup finds an article's outlet in the list: by its URL's host, the
// host's parent domains in turn ("edition.cnn.com" is "cnn.com"'s), then
// by its Source against the names and domains listed, ignoring case. It
// returns nil when the list does not have it.
func (l *List) Lookup(a *storyfold.Article) *storyfold.OutletInfo {
	if l == nil {
		return nil
	}
	if a.URL != "" {
		if u, err := url.Parse(a.URL); err == nil {
			h := strings.TrimPrefix(strings.TrimSuffix(strings.ToLower(u.Hostname()), "."), "www.")
			for h != "" {
				if o := l.byDomain[h]; o != nil {
					return o
				}
				_, rest, ok := strings.Cut(h, ".")
				if !ok || !strings.Contains(rest, ".") {
					break // never a bare top-level domain
				}
				h = rest
			}
		}
	}
	src := strings.ToLower(strings.TrimSpace(a.Source))
	if src == "" {
		return nil
	}
	if o := l.byName[src]; o != nil {
		return o
	}
	return l.byDomain[Domain(src)]
}

// Apply sets the OutletInfo of every article the list describes (a copy
// of the list's entry each) and leaves the others as they are.
func (l *List) Apply(articles []storyfold.Article) {
	if l == nil {
		return
	}
	for i := range articles {
		l.ApplyOne(&articles[i])
	}
}

// ApplyOne is Apply for one article.
func (l *List) ApplyOne(a *storyfold.Article) {
	if o := l.Lookup(a); o != nil {
		c := *o
		a.OutletInfo = &c
	}
}
