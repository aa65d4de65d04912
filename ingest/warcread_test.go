package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// warcRecord writes one response record holding an HTTP response, gzipped
// as a member of its own when zip is set, as CC-NEWS ships them.
func warcRecord(uri, date, status, contentType, body string, zip bool) []byte {
	block := fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\n\r\n%s", status, contentType, body)
	rec := fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: %s\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		uri, date, len(block), block)
	if !zip {
		return []byte(rec)
	}
	return gz([]byte(rec))
}

func articlePage(title, sentence string) string {
	return "<html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1>" +
		strings.Repeat("<p>"+sentence+"</p>", 4) + "</article></body></html>"
}

func TestReadWARC(t *testing.T) {
	var file bytes.Buffer
	file.Write(gz([]byte("WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\ntest\r\n\r\n")))
	file.Write(warcRecord("https://www.example.com/talks", "2025-02-12T10:00:00Z", "200 OK", "text/html; charset=utf-8",
		articlePage("Leaders agree to talks", "The two leaders spoke by phone for ninety minutes on Wednesday and agreed to meet."), true))
	file.Write(warcRecord("https://example.com/logo.png", "2025-02-12T10:00:01Z", "200 OK", "image/png", "\x89PNG\x00\x00", true))
	file.Write(warcRecord("https://example.com/gone", "2025-02-12T10:00:02Z", "404 Not Found", "text/html", "<p>not here</p>", true))
	file.Write(warcRecord("https://example.com/", "2025-02-12T10:00:03Z", "200 OK", "text/html", "<html><body><nav>Home</nav></body></html>", true))
	file.Write(warcRecord("https://news.example.org/vote", "2025-02-13T08:00:00Z", "200 OK", "text/html; charset=windows-1252",
		articlePage("Caf\xe9 owners vote", "Caf\xe9 owners in the city voted on Thursday to keep their terraces open through the winter."), true))
	whole := file.Bytes()
	arts, probs := collect(t, "news.warc.gz", whole, 0)
	if len(arts) != 2 {
		t.Fatalf("read %d articles, want 2; problems %v", len(arts), probs)
	}
	a := arts[0]
	if a.URL != "https://www.example.com/talks" || a.Source != "example.com" || a.ID != "news-2" || !strings.Contains(a.Text, "ninety minutes") ||
		a.Date.Format("2006-01-02") != "2025-02-12" || !strings.Contains(a.Origin, "record 2") {
		t.Errorf("first article: %+v", a)
	}
	if !strings.Contains(arts[1].Text, "Café owners") {
		t.Errorf("a windows-1252 page was not decoded by its declared charset: %q", arts[1].Text[:40])
	}
	if len(probs) != 1 || !probs[0].Warning || !strings.Contains(probs[0].Msg, "1 of 3 HTML pages had no article text") {
		t.Errorf("problems: %v", probs)
	}

	// Cut inside the last record: what came before is kept, and the
	// message names the record.
	arts, probs = collect(t, "cut.warc.gz", whole[:len(whole)-40], 0)
	if len(arts) != 1 || len(probs) == 0 || !strings.Contains(probs[0].Error(), "record 6: at byte") || !strings.Contains(probs[0].Error(), "truncated") {
		t.Errorf("truncated: %d articles, problems %v", len(arts), probs)
	}

	// Broken from the first record: said so, with nothing claimed read.
	if _, probs := collect(t, "first.warc", []byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 500\r\n\r\nHTTP/1.1"), 0); len(probs) != 1 ||
		probs[0].Warning || !strings.Contains(probs[0].Msg, "record 1: ") || !strings.Contains(probs[0].Msg, "nothing could be read") {
		t.Errorf("a file broken at its first record: %v", probs)
	}

	// Uncompressed, known by its first bytes whatever its name.
	var plain bytes.Buffer
	plain.Write(warcRecord("https://example.com/talks", "2025-02-12T10:00:00Z", "200 OK", "text/html",
		articlePage("Leaders agree to talks", "The two leaders spoke by phone for ninety minutes on Wednesday and agreed to meet."), false))
	if arts, probs := collect(t, "archive.dat", plain.Bytes(), 0); len(arts) != 1 || len(probs) != 0 {
		t.Errorf("uncompressed WARC: %d articles, problems %v", len(arts), probs)
	}
}

// TestReadWARCDamaged checks the messages of records skipped in a WARC
// file: a record over --max-size names its size and the limit apart, and
// a record whose Content-Length is too small is reported once by number
// and offset while the records after it are read.
func TestReadWARCDamaged(t *testing.T) {
	talks := warcRecord("https://example.com/talks", "2025-02-12T10:00:00Z", "200 OK", "text/html",
		articlePage("Leaders agree to talks", "The two leaders spoke by phone for ninety minutes on Wednesday and agreed to meet."), false)
	vote := warcRecord("https://example.org/vote", "2025-02-13T08:00:00Z", "200 OK", "text/html",
		articlePage("Owners vote", "Cafe owners in the city voted on Thursday to keep their terraces open through the winter."), false)
	damaged := damageLength(talks, 40)
	for _, tt := range []struct {
		name     string
		file     []byte
		max      int64
		articles int
		msg      []string
	}{
		{"short length, two good after", append(append(damaged, talks...), vote...), 0, 2, []string{"record 1: at byte 0: record longer than its Content-Length", "next record, at byte "}},
		{"too large", append(append([]byte{}, talks...), vote...), 300, 0, []string{"record 1: at byte 0: record of ", " bytes, over the 300 bytes limit (--max-size)"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			arts, probs := collect(t, "news.warc", tt.file, tt.max)
			if len(arts) != tt.articles || len(probs) == 0 {
				t.Fatalf("%d articles, problems %v; want %d and a problem", len(arts), probs, tt.articles)
			}
			for _, want := range tt.msg {
				if !strings.Contains(probs[0].Msg, want) {
					t.Errorf("message %q lacks %q", probs[0].Msg, want)
				}
			}
		})
	}
}

// damageLength lowers a record's Content-Length by n bytes.
func damageLength(rec []byte, n int) []byte {
	i := bytes.LastIndex(rec, []byte("Content-Length: "))
	j := i + len("Content-Length: ")
	k := j + bytes.IndexByte(rec[j:], '\r')
	var length int
	fmt.Sscan(string(rec[j:k]), &length)
	out := append([]byte{}, rec[:j]...)
	out = append(out, fmt.Sprint(length-n)...)
	return append(out, rec[k:]...)
}
