// Package htmlcheck reads HTML as a browser's tokenizer does and reports
// what could run: the tests of every HTML view use it to show that
// untrusted article text stays text.
package htmlcheck

import (
	"io"
	"strings"

	"golang.org/x/net/html"
)

// Active returns a line for each script, image or frame element, event
// handler attribute and javascript: URL in the document.
func Active(r io.Reader) []string {
	var out []string
	z := html.NewTokenizer(r)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "img", "iframe", "object", "embed":
			out = append(out, "<"+tok.Data+"> element")
		}
		for _, a := range tok.Attr {
			if strings.HasPrefix(a.Key, "on") || strings.Contains(strings.ToLower(a.Val), "javascript:") {
				out = append(out, "<"+tok.Data+" "+a.Key+"="+a.Val+">")
			}
		}
	}
}
