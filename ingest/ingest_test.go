package ingest

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/storyfold/storyfold"
)

// collect reads one file and returns its articles and problems.
func collect(t *testing.T, name string, data []byte, maxSize int64) ([]storyfold.Article, []*Problem) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var probs []*Problem
	r := NewReader(func(p *Problem) { mu.Lock(); probs = append(probs, p); mu.Unlock() })
	if maxSize > 0 {
		r.MaxSize = maxSize
	}
	var arts []storyfold.Article
	r.ReadFile(path, func(a storyfold.Article) { arts = append(arts, a) })
	return arts, probs
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

const page = `<!DOCTYPE html><html><head><title>Talks Resume in Geneva | The Planet</title>
<meta property="og:site_name" content="The Planet"><meta property="article:published_time" content="2025-02-12T10:00:00Z">
<meta name="author" content="Jane Doe"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks Resume in Geneva</h1>
<p>The minister said the talks would resume on Monday after a week of delays in the capital, according to officials familiar with the plans.</p>
<p>Officials from both sides declined to comment on the details of the proposal late on Sunday, but diplomats said a deal was close.</p>
<p>The negotiations, which began last year, have stalled several times over the question of borders and the timing of any ceasefire.</p>
</article><footer>Copyright 2025 The Planet</footer></body></html>`

func TestReadFormats(t *testing.T) {
	text := []byte("Talks Resume in Geneva\nThe minister said the talks would resume.\n")
	tests := []struct {
		name     string
		data     []byte
		articles int
		problems int
		check    func(t *testing.T, a []storyfold.Article)
	}{
		{name: "000_abc.txt", data: text, articles: 1, check: func(t *testing.T, a []storyfold.Article) {
			if a[0].ID != "000_abc" {
				t.Errorf("id = %q, want 000_abc", a[0].ID)
			}
		}},
		{name: "story.txt.gz", data: gz(text), articles: 1, check: func(t *testing.T, a []storyfold.Article) {
			if a[0].ID != "story" || !strings.Contains(a[0].Text, "minister") {
				t.Errorf("gzip text not read: %+v", a[0])
			}
		}},
		{name: "page.html", data: []byte(page), articles: 1, check: func(t *testing.T, a []storyfold.Article) {
			if !strings.Contains(a[0].Text, "declined to comment") || strings.Contains(a[0].Text, "Home") {
				t.Errorf("extraction: %q", a[0].Text)
			}
			if a[0].Source != "The Planet" || a[0].Date.String() == "" || a[0].Byline != "Jane Doe" {
				t.Errorf("metadata: source %q date %q author %q", a[0].Source, a[0].Date, a[0].Byline)
			}
		}},
		{name: "noext", data: []byte(page), articles: 1},
		{name: "feed.jsonl", data: []byte(`{"id":"a1","url":"https://www.example.com/x","title":"T","date":"2025-02-12","text":"Body text here.","cluster":"c7"}
{"broken
{"id":"a3","html":` + jsonString(page) + `}

{"id":"a4"}
{"text":"no id here"}
`), articles: 3, problems: 2, check: func(t *testing.T, a []storyfold.Article) {
			if a[0].Source != "example.com" || a[0].Meta["cluster"] != "c7" || a[0].Date.String() != "2025-02-12" {
				t.Errorf("jsonl fields: %+v", a[0])
			}
			if !strings.Contains(a[1].Text, "declined") {
				t.Errorf("jsonl html not extracted: %q", a[1].Text)
			}
			if a[2].ID != "feed-6" {
				t.Errorf("id of a line without one = %q, want feed-6", a[2].ID)
			}
		}},
		{name: "array.json", data: []byte(`[{"id":"x","text":"One."},{"id":"y","text":"Two."}]`), articles: 2},
		{name: "empty.txt", data: nil, problems: 1},
		{name: "blank.txt", data: []byte("  \n\n "), problems: 1},
		{name: "binary.txt", data: []byte("\x00\x01\x02PK\x03\x04"), problems: 1},
		{name: "latin1.txt", data: []byte("Caf\xe9 Talks\nThe minister said the caf\xe9 would reopen.\n"), articles: 1, problems: 1, check: func(t *testing.T, a []storyfold.Article) {
			if !strings.Contains(a[0].Text, "café") {
				t.Errorf("Windows-1252 not decoded: %q", a[0].Text)
			}
		}},
		{name: "truncated.txt.gz", data: half(gz(bytes.Repeat(text, 200))), articles: 1, problems: 1},
		{name: "truncated.jsonl.gz", data: half(gz(bytes.Repeat([]byte(`{"id":"z","text":"Body."}`+"\n"), 2000))), articles: -1, problems: 1},
		{name: "no-article.html", data: []byte("<html><body><nav>Home</nav></body></html>"), problems: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, probs := collect(t, tt.name, tt.data, 0)
			if tt.articles < 0 && len(arts) > 0 {
				tt.articles = len(arts) // some: the lines before the damage
			}
			if len(arts) != tt.articles || len(probs) != tt.problems {
				t.Fatalf("got %d articles, %d problems %v; want %d, %d", len(arts), len(probs), probs, tt.articles, tt.problems)
			}
			for _, p := range probs {
				if !strings.Contains(p.Error(), tt.name) {
					t.Errorf("problem does not name the file: %v", p)
				}
			}
			if tt.check != nil {
				tt.check(t, arts)
			}
		})
	}
}

func TestSizeLimit(t *testing.T) {
	_, probs := collect(t, "big.txt", bytes.Repeat([]byte("word "), 1000), 100)
	if len(probs) != 1 || !strings.Contains(probs[0].Msg, "limit") {
		t.Errorf("oversize file: %v", probs)
	}
	arts, probs := collect(t, "lines.jsonl", []byte(`{"id":"a","text":"`+strings.Repeat("x", 200)+`"}`+"\n"+`{"id":"b","text":"short"}`+"\n"), 100)
	if len(arts) != 1 || arts[0].ID != "b" || len(probs) != 1 || probs[0].Line != 1 {
		t.Errorf("oversize line: %d articles, %v", len(arts), probs)
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"b/2.txt", "a.html", "c.jpg", ".hidden/x.txt", "d", "e.jsonl.gz"} {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte("x"), 0o644)
	}
	var probs []*Problem
	files, skipped := Files([]string{dir, filepath.Join(dir, "missing"), "-"}, func(p *Problem) { probs = append(probs, p) })
	var rel []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		if f == "-" {
			r = "-"
		}
		rel = append(rel, r)
	}
	if got := strings.Join(rel, ","); got != "a.html,b/2.txt,d,e.jsonl.gz,-" {
		t.Errorf("files = %s", got)
	}
	if skipped != 1 || len(probs) != 1 {
		t.Errorf("skipped %d, problems %v", skipped, probs)
	}
}

// half cuts a gzip stream in the middle, as an interrupted download does.
func half(b []byte) []byte { return b[:len(b)/2] }

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// FuzzReadStream feeds arbitrary bytes to the reader under each format's
// name: nothing may panic, and every article must have an ID and text.
func FuzzReadStream(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"x"}`+"\n{bad"), "x.jsonl")
	f.Add([]byte(page), "p.html")
	f.Add(gz([]byte("hello")), "t.txt.gz")
	f.Add([]byte("[{\"text\":1}]"), "a.json")
	f.Add([]byte(`[{"id":"q","text":"a ] } \" [ {"} , {"id":"s","text":"x\\"},"s",1,[{}]]`), "b.json")
	f.Add([]byte(`[{"id":"a","text":"`+strings.Repeat("long ", 20000)+`"},{"id":"b","text":"ok"}]`), "c.json")
	f.Add([]byte(`[{"id":"a","text":"cut`), "d.json")
	f.Add([]byte(`{"id":5,"text":7}`), "e.jsonl")
	f.Add([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>t</title><description>&lt;p&gt;x</description></item></channel></rss>`), "f.rss")
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 19\r\n\r\nHTTP/1.1 200 OK\r\n\r\n\r\n\r\n"), "a.warc")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		r := NewReader(func(*Problem) {})
		r.MaxSize = 1 << 16
		r.ReadStream(name, bytes.NewReader(data), func(a storyfold.Article) {
			if a.ID == "" || a.Text == "" {
				t.Fatalf("article without id or text: %+v", a)
			}
		})
	})
}

// TestJSONWrongTypes checks that a known field of the wrong type is a
// problem naming the line (or the array element), that the line is
// skipped, and that the other lines are read.
func TestJSONWrongTypes(t *testing.T) {
	good := `{"id":"ok","text":"Body text.","title":"T","date":"2025-02-12"}`
	for _, tt := range []struct {
		name, file, bad string
		msg             string // in the problem, after the file and line
	}{
		{"text number", "a.jsonl", `{"id":"x","text":7}`, `field "text" is a number`},
		{"id fraction", "a.jsonl", `{"id":5.5,"text":"Body."}`, `field "id" is a number`},
		{"title list", "a.jsonl", `{"id":"x","title":[],"text":"Body."}`, `field "title" is a list`},
		{"date number", "a.jsonl", `{"id":"x","date":3,"text":"Body."}`, `field "date" is a number`},
		{"html object", "a.jsonl", `{"id":"x","html":{}}`, `field "html" is an object`},
		{"url boolean", "a.jsonl", `{"id":"x","url":true,"text":"Body."}`, `field "url" is a boolean`},
		{"array element", "a.json", `{"id":"x","text":7}`, `element 2: field "text" is a number`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := good + "\n" + tt.bad + "\n" + strings.Replace(good, `"ok"`, `"ok2"`, 1) + "\n"
			wantLine := 2
			if strings.HasSuffix(tt.file, ".json") {
				data = "[" + good + "," + tt.bad + "," + strings.Replace(good, `"ok"`, `"ok2"`, 1) + "]"
				wantLine = 0
			}
			arts, probs := collect(t, tt.file, []byte(data), 0)
			if len(arts) != 2 || len(probs) != 1 {
				t.Fatalf("%d articles, problems %v; want 2 and 1", len(arts), probs)
			}
			if p := probs[0]; p.Line != wantLine || p.Warning || !strings.Contains(p.Msg, tt.msg) || !strings.Contains(p.Error(), tt.file) {
				t.Errorf("problem %q (line %d), want line %d and %q", p.Error(), p.Line, wantLine, tt.msg)
			}
		})
	}
	// A whole number is an id.
	if arts, probs := collect(t, "w.jsonl", []byte(`{"id":5,"text":"Body."}`+"\n"), 0); len(arts) != 1 || len(probs) != 0 || arts[0].ID != "5" {
		t.Errorf("whole-number id: %+v, %v", arts, probs)
	}
	// null is an absent field, and other fields keep any type as metadata.
	arts, probs := collect(t, "n.jsonl", []byte(`{"id":"n","title":null,"text":"Body.","words":12,"tags":["a"]}`+"\n"), 0)
	if len(arts) != 1 || len(probs) != 0 || arts[0].Meta["words"] != "12" || arts[0].Meta["tags"] != `["a"]` {
		t.Errorf("null and metadata fields: %+v, %v", arts, probs)
	}
}

// TestFilesSymlinks checks the symbolic links inside a directory: a link
// to a file is read as the file, as one named directly is, and every
// other link is reported by name, none dropped in silence.
func TestFilesSymlinks(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "target.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	links := map[string]string{
		"file-link.txt": filepath.Join(outside, "target.txt"),
		"dangling.txt":  filepath.Join(outside, "missing.txt"),
		"dir-link":      outside,
		"sub/loop":      dir,
		"self.txt":      filepath.Join(dir, "self.txt"),
		"pic-link.jpg":  filepath.Join(outside, "missing.jpg"), // passed over by its extension
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	for _, tt := range []struct {
		name     string
		root     string
		files    string
		reported []string
	}{
		{"directory", dir, "a.txt,file-link.txt", []string{"dangling.txt", "dir-link", "self.txt", "sub/loop"}},
		{"named through a link", "dir-link", "dir-link/target.txt", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := tt.root
			if !filepath.IsAbs(root) {
				root = filepath.Join(dir, root)
			}
			var reported []string
			files, skipped := Files([]string{root}, func(p *Problem) {
				r, _ := filepath.Rel(dir, p.Path)
				reported = append(reported, r)
				if !strings.Contains(p.Msg, "skipped: ") {
					t.Errorf("message %q does not say the link was skipped", p.Msg)
				}
			})
			var rel []string
			for _, f := range files {
				r, _ := filepath.Rel(dir, f)
				rel = append(rel, r)
			}
			sort.Strings(reported)
			if got := strings.Join(rel, ","); got != tt.files {
				t.Errorf("files %s, want %s", got, tt.files)
			}
			if strings.Join(reported, ",") != strings.Join(tt.reported, ",") {
				t.Errorf("reported %v, want %v", reported, tt.reported)
			}
			if tt.root == dir && skipped != 1 {
				t.Errorf("skipped %d by extension, want 1", skipped)
			}
		})
	}
}
