package ingest

import (
	"bytes"
	"strings"
	"testing"
)

const story = "The two leaders spoke by phone for ninety minutes on Wednesday and agreed that their teams would meet in Riyadh next week to begin talks. "

func TestReadFeed(t *testing.T) {
	rss := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Planet</title><link>https://www.planet.example/</link>
<item><title>Leaders agree to talks</title><link>https://www.planet.example/world/talks</link><guid>talks-1</guid>
<dc:creator>Jane Doe</dc:creator><pubDate>Wed, 12 Feb 2025 18:30:00 GMT</pubDate>
<description>Leaders agree to talks.</description>
<content:encoded><![CDATA[<p>` + strings.Repeat(story, 3) + `</p><p>` + strings.Repeat(story, 2) + `</p>]]></content:encoded></item>
<item><title>Markets rise</title><link>https://www.planet.example/markets</link><description>Stocks rose on Thursday.</description></item>
</channel></rss>`
	arts, probs := collect(t, "planet.rss", []byte(rss), 0)
	if len(arts) != 1 {
		t.Fatalf("read %d articles, want 1; problems %v", len(arts), probs)
	}
	a := arts[0]
	if a.Title != "Leaders agree to talks" || a.URL != "https://www.planet.example/world/talks" || a.Source != "planet.example" ||
		a.Byline != "Jane Doe" || a.Date.Format("2006-01-02") != "2025-02-12" || !strings.Contains(a.Text, "ninety minutes") || a.Meta["guid"] != "talks-1" {
		t.Errorf("article: %+v", a)
	}
	if len(probs) != 1 || !probs[0].Warning || !strings.Contains(probs[0].Msg, "1 of 2 items carry only a summary") {
		t.Errorf("problems: %v", probs)
	}

	atom := `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Talks</title><link href="https://wire.example/talks"/><id>urn:1</id><updated>2025-02-13T08:00:00Z</updated>
<content type="html">&lt;p&gt;` + strings.Repeat(story, 4) + `&lt;/p&gt;</content></entry></feed>`
	// Known by its content, whatever its name.
	arts, probs = collect(t, "wire", []byte(atom), 0)
	if len(arts) != 1 || arts[0].Source != "wire.example" || arts[0].Date.Format("2006-01-02") != "2025-02-13" || len(probs) != 0 {
		t.Errorf("atom: %+v, problems %v", arts, probs)
	}

	for _, bad := range []string{`<?xml version="1.0"?><rss><channel><item><title>cut`, `not xml at all`} {
		if arts, probs := collect(t, "bad.rss", []byte(bad), 0); len(arts) != 0 || len(probs) == 0 {
			t.Errorf("%q: %d articles, problems %v", bad, len(arts), probs)
		}
	}
}

// FuzzParseFeed checks that no feed, however broken, panics the parser,
// and that every item it gives has an ID and, when it is a whole article,
// its text.
func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><link>https://a.example/</link><item><title>t</title><link>https://a.example/1</link><guid>g1</guid><pubDate>Wed, 12 Feb 2025 10:00:00 +0000</pubDate><description>&lt;p&gt;x</description></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>E</title><link href="https://b.example/e"/><updated>2025-02-12T10:00:00Z</updated><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://c.example/1","content_html":"<p>x</p>"}]}`))
	f.Add([]byte(`<rss><channel><item><title>unterminated`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(nil)
		items, err := r.ParseFeed("fuzz.xml", bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, it := range items {
			if it.Article.ID == "" {
				t.Errorf("an item without an ID: %+v", it.Article)
			}
			if it.Full && it.Article.Text == "" {
				t.Errorf("a whole article without text: %+v", it.Article)
			}
		}
	})
}
