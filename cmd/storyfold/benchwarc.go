package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/ingest"
)

// benchWARCPages is where bench finds real HTML pages for --warc.
const benchWARCPages = "../shared/bench/extraction/html"

// buildWARC writes n response records, real pages taken in turn from
// dir, into a WARC file gzipped record by record as CC-NEWS ships them.
func buildWARC(dir string, n int) ([]byte, error) {
	paths, _ := filepath.Glob(filepath.Join(dir, "*.html*"))
	if len(paths) == 0 {
		return nil, fmt.Errorf("no HTML pages in %s for --warc", dir)
	}
	var pages [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		if zr, err := gzip.NewReader(bytes.NewReader(b)); err == nil {
			if b, err = io.ReadAll(zr); err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
		}
		pages = append(pages, b)
	}
	var file bytes.Buffer
	var raw int
	for i := 0; i < n; i++ {
		// Past the first round every page is a copy with one word of its
		// first paragraph changed, as a wire story reprinted is: a new
		// article, not one stored already.
		page := pages[i%len(pages)]
		if i >= len(pages) {
			page = bytes.Replace(page, []byte("</p>"), []byte(fmt.Sprintf(" (copy %d)</p>", i)), 1)
		}
		block := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(page))
		rec := fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bench.example/%d\r\nWARC-Date: 2025-02-12T10:00:00Z\r\n"+
			"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n", i, len(block)+len(page))
		zw := gzip.NewWriter(&file)
		zw.Write([]byte(rec))
		zw.Write([]byte(block))
		zw.Write(page)
		zw.Write([]byte("\r\n\r\n"))
		zw.Close()
		raw += len(rec) + len(block) + len(page) + 4
	}
	fmt.Printf("\nWARC: %d response records (%d real pages in turn, each round's copies one word apart), %.1f MB, %.1f MB gzipped record by record\n",
		n, len(pages), float64(raw)/(1<<20), float64(file.Len())/(1<<20))
	return file.Bytes(), nil
}

// benchWARC times reading and extracting a WARC file in this process, with
// 1 and 2 goroutines extracting.
func benchWARC(file []byte, n int) error {
	fmt.Printf("%9s %10s %10s %12s\n", "workers", "articles", "time", "records/s")
	for _, workers := range []int{1, 2} {
		r := ingest.NewReader(nil)
		r.Workers = workers
		articles := 0
		start := time.Now()
		r.ReadStream("bench.warc.gz", bytes.NewReader(file), func(storyfold.Article) { articles++ })
		d := time.Since(start)
		fmt.Printf("%9d %10d %10s %12.0f\n", workers, articles, d.Round(time.Millisecond), float64(n)/d.Seconds())
	}
	return nil
}
