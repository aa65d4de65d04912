package web_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/cluster"
	"github.com/storyfold/storyfold/outlets"
	"github.com/storyfold/storyfold/pipeline"
	"github.com/storyfold/storyfold/report"
	"github.com/storyfold/storyfold/web"
)

// exampleRaw reads the example's five articles as analyze and ingest
// read plain text, with the sources set gives them (by index; "" leaves
// an article's outlet unknown).
func exampleRaw(t *testing.T, sources []string) []storyfold.Article {
	t.Helper()
	files, _ := filepath.Glob("../examples/ukraine-talks/*.txt")
	if len(files) != 5 {
		t.Fatalf("%d example files", len(files))
	}
	var raw []storyfold.Article
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a := storyfold.Article{ID: strings.TrimSuffix(filepath.Base(f), ".txt"), Text: string(b)}
		if sources != nil {
			a.Source = sources[i]
		}
		raw = append(raw, a)
	}
	return raw
}

// counts are one output's outlet and independent source counts of the
// example's one story.
type counts struct{ outlets, independent int }

// firstInt reads the number the pattern's first group matches in text.
func firstInt(t *testing.T, text string, pattern string) int {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no %s in\n%.2000s", pattern, text)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestOutletCountsAgree analyses the example as analyze does and stores
// it as ingest does, served, and reads the story's outlet count and
// independent sources from every output: text, Markdown, JSON and HTML
// reports, the list and story pages, and the API's list and story. They
// must all be one number each (issue 16: the text said "1 outlet" where
// the page said 2), the independent sources never more than the outlets,
// and the known outlets' names (sources) no more than the outlets. The
// sources are varied: the example as shipped (one outlet named by the
// text, four unknown), an outlet spelled in two cases (one outlet), and
// every outlet known.
func TestOutletCountsAgree(t *testing.T) {
	for _, tc := range []struct {
		name    string
		sources []string
		outlets int
	}{
		{"as shipped", nil, 5},
		{"one outlet in two cases, two unknown", []string{"Daily Planet", "DAILY PLANET", "", "", "Ledger"}, 4},
		{"all known", []string{"Daily Planet", "Ledger", "Evening Star", "Ledger", "Herald"}, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]counts{}
			// analyze: every report format.
			articles := pipeline.Prepare(exampleRaw(t, tc.sources), nil, nil)
			stories := pipeline.Group(articles, cluster.DefaultOptions())
			if len(stories) != 1 {
				t.Fatalf("%d stories", len(stories))
			}
			an := &storyfold.Analysis{Articles: articles, Stories: stories}
			write := func(f report.Format) string {
				var b bytes.Buffer
				if err := report.Write(&b, an, f, report.Options{}); err != nil {
					t.Fatal(err)
				}
				return b.String()
			}
			text := write(report.Text)
			got["text"] = counts{firstInt(t, text, `\d+ articles? · (\d+) outlets? ·`), firstInt(t, text, `independent sources: (\d+) of`)}
			md := write(report.Markdown)
			got["md"] = counts{firstInt(t, md, `\d+ articles? from (\d+) outlets?`), firstInt(t, md, `\*\*Independent sources:\*\* (\d+)`)}
			html := write(report.HTML)
			got["html"] = counts{firstInt(t, html, `\d+ articles? from (\d+) outlets?`), firstInt(t, html, `"sources-count">(\d+) independent source`)}
			var js struct {
				Stories []struct {
					Outlets     int      `json:"outlets"`
					Independent int      `json:"independent_sources"`
					Sources     []string `json:"sources"`
				} `json:"stories"`
			}
			if err := json.Unmarshal([]byte(write(report.JSON)), &js); err != nil {
				t.Fatal(err)
			}
			got["json"] = counts{js.Stories[0].Outlets, js.Stories[0].Independent}
			if len(js.Stories[0].Sources) > js.Stories[0].Outlets {
				t.Errorf("json: %d sources named, %d outlets", len(js.Stories[0].Sources), js.Stories[0].Outlets)
			}
			t.Run("sources", func(t *testing.T) { checkSources(t, js.Stories[0].Sources, articles) })

			// ingest and serve: the pages and the API.
			srv := servedRaw(t, exampleRaw(t, tc.sources), web.Config{})
			id := storyID(t, srv)
			_, home := get(t, srv.URL+"/")
			got["home page"] = counts{firstInt(t, string(home), `class="outlets-count">(\d+) outlet`), firstInt(t, string(home), `"sources-count">(\d+) independent source`)}
			_, page := get(t, srv.URL+"/stories/"+id)
			got["story page"] = counts{firstInt(t, string(page), `\d+ articles? from (\d+) outlets?`), firstInt(t, string(page), `"sources-count">(\d+) independent source`)}
			_, list := get(t, srv.URL+"/api/v1/stories")
			var apiList struct {
				Stories []struct {
					Outlets     int `json:"outlets"`
					Independent int `json:"independent_sources"`
				} `json:"stories"`
			}
			if err := json.Unmarshal(list, &apiList); err != nil || len(apiList.Stories) != 1 {
				t.Fatalf("api list %v: %s", err, list)
			}
			got["api list"] = counts{apiList.Stories[0].Outlets, apiList.Stories[0].Independent}
			_, one := get(t, srv.URL+"/api/v1/stories/"+id)
			var apiStory struct {
				Outlets     int `json:"outlets"`
				Independent int `json:"independent_sources"`
			}
			if err := json.Unmarshal(one, &apiStory); err != nil {
				t.Fatal(err)
			}
			got["api story"] = counts{apiStory.Outlets, apiStory.Independent}

			want := got["json"]
			if want.outlets != tc.outlets {
				t.Errorf("json: %d outlets, want %d", want.outlets, tc.outlets)
			}
			if want.independent > want.outlets || want.independent < 1 {
				t.Errorf("json: %d independent sources of %d outlets", want.independent, want.outlets)
			}
			for name, c := range got {
				if c != want {
					t.Errorf("%s: %d outlets, %d independent sources; json: %d, %d", name, c.outlets, c.independent, want.outlets, want.independent)
				}
			}
		})
	}
}

// checkSources checks a story's sources against its articles: the known
// outlets, each once whatever its case (storyfold.KnownOutlets), so that
// an outlet spelled in two cases is one name as it is one outlet.
func checkSources(t *testing.T, sources []string, articles []storyfold.Article) {
	t.Helper()
	members := make([]*storyfold.Article, len(articles))
	for i := range articles {
		members[i] = &articles[i]
	}
	want := storyfold.KnownOutlets(members)
	slices.SortFunc(want, strings.Compare)
	got := slices.Clone(sources)
	slices.SortFunc(got, strings.Compare)
	if slices.Equal(got, want) {
		return
	}
	t.Errorf("sources %q, want the known outlets %q", got, want)
}

// TestSourcesFolded checks the outlets /api/v1/sources and the home page's
// filter offer: one outlet whatever the case it is written in, and the
// articles that name no source counted apart, not listed as an outlet
// named "" (issue 16: the API listed {"source": "", "articles": 4}).
func TestSourcesFolded(t *testing.T) {
	raw := exampleRaw(t, []string{"Fox News", "", "FOX NEWS", "Ledger", "Fox News"})
	srv := servedRaw(t, raw, web.Config{})
	_, body := get(t, srv.URL+"/api/v1/sources")
	var api struct {
		Sources []storyfold.SourceCount `json:"sources"`
		Without *int                    `json:"articles_without_source"`
	}
	if err := json.Unmarshal(body, &api); err != nil {
		t.Fatal(err)
	}
	want := []storyfold.SourceCount{{Source: "Fox News", Articles: 3}, {Source: "Ledger", Articles: 1}}
	if !slices.Equal(api.Sources, want) || api.Without == nil || *api.Without != 1 {
		t.Errorf("api: %s, want sources %v and 1 article without a source", body, want)
	}
	for _, tt := range []struct {
		name, path string
		want, not  []string
	}{
		{"one option an outlet", "/", []string{`<option value="Fox News">Fox News</option>`}, []string{`FOX NEWS</option>`, `<option value=""></option>`}},
		{"the outlet asked in another case is chosen", "/?source=fox+news", []string{`<option value="Fox News" selected>`, "1 story"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) { checkPage(t, srv.URL+tt.path, 200, tt.want, tt.not) })
	}
}

// servedRaw stores raw articles in a fresh SQLite store, as ingest does
// (with the config's outlet list attached first), and serves it.
func servedRaw(t *testing.T, raw []storyfold.Article, cfg web.Config) *httptest.Server {
	t.Helper()
	var annotate func(*storyfold.Article)
	if l, ok := cfg.Outlets.(*outlets.List); ok {
		annotate = l.ApplyOne
	}
	st, in := storeArticles(t, raw, annotate)
	cfg.Store, cfg.Ingester = st, in
	srv := httptest.NewServer(web.New(cfg))
	t.Cleanup(srv.Close)
	return srv
}

// TestBlindspot lists the stories covered by one side only of an outlet
// fact, from a real store and the user's outlet list: the example's
// outlets are three named ones (two left-leaning, one right; in two
// countries; all national where the kind is given) and two unknown.
func TestBlindspot(t *testing.T) {
	list, err := outlets.Parse(strings.NewReader("name,country,kind,lean\n" +
		"Daily Planet,GB,national,left\nLedger,US,,left\nEvening Star,US,national,right\n"))
	if err != nil {
		t.Fatal(err)
	}
	srv := servedRaw(t, exampleRaw(t, []string{"Daily Planet", "", "Ledger", "", "Evening Star"}), web.Config{Outlets: list})
	plain := servedRaw(t, exampleRaw(t, nil), web.Config{})
	const card = `<div class="blindspot">`
	for _, tt := range []struct {
		name, path string
		status     int
		want, not  []string
	}{
		{"the form offers the facts", "/", 200, []string{`<select id="blindspot" name="blindspot">`, `<option value="lean">lean</option>`, `<input id="side" name="side"`}, []string{card}},
		{"both leans: no blindspot", "/?blindspot=lean", 200, []string{"0 stories covered by one side only of lean"}, []string{card}},
		{"two countries: no blindspot", "/?blindspot=country", 200, []string{"0 stories"}, []string{card}},
		{"one kind: a blindspot", "/?blindspot=kind", 200, []string{"1 story covered by one side only of kind", card + "Covered only by outlets of kind national</div>", `<option value="kind" selected>`}, nil},
		{"the side asked for", "/?blindspot=kind&side=National", 200, []string{"1 story", card}, nil},
		{"another side", "/?blindspot=kind&side=local", 200, []string{"0 stories"}, []string{card}},
		{"no fact known: no blindspot", "/?blindspot=owner", 200, []string{"0 stories"}, []string{card}},
		{"an unknown field", "/?blindspot=colour", 400, []string{"blindspot must be one of lean, country, owner, kind"}, []string{card}},
	} {
		t.Run(tt.name, func(t *testing.T) { checkPage(t, srv.URL+tt.path, tt.status, tt.want, tt.not) })
	}
	t.Run("no outlet list", func(t *testing.T) {
		res, body := get(t, plain.URL+"/?blindspot=lean")
		if res.StatusCode != 400 || !strings.Contains(string(body), "start the server with --outlets FILE") {
			t.Errorf("status %d", res.StatusCode)
		}
		if _, body := get(t, plain.URL+"/"); strings.Contains(string(body), `id="blindspot"`) {
			t.Error("a blindspot field without an outlet list")
		}
	})
}

// TestLanguagesEverywhere reads the example's languages (five English
// articles) from the reports, the pages and the API, as stored by ingest
// and read back: every output gives the same.
func TestLanguagesEverywhere(t *testing.T) {
	articles := pipeline.Prepare(exampleRaw(t, nil), nil, nil)
	stories := pipeline.Group(articles, cluster.DefaultOptions())
	an := &storyfold.Analysis{Articles: articles, Stories: stories}
	var text, md, html bytes.Buffer
	for _, w := range []struct {
		f report.Format
		b *bytes.Buffer
	}{{report.Text, &text}, {report.Markdown, &md}, {report.HTML, &html}} {
		if err := report.Write(w.b, an, w.f, report.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	srv := servedRaw(t, exampleRaw(t, nil), web.Config{})
	id := storyID(t, srv)
	_, home := get(t, srv.URL+"/")
	_, page := get(t, srv.URL+"/stories/"+id)
	for name, c := range map[string]struct{ out, want string }{
		"text":       {text.String(), "dates unknown · en · "},
		"md":         {md.String(), ", language en."},
		"html":       {html.String(), `title="articles by language">en</span>`},
		"home page":  {string(home), `title="articles by language">en</span>`},
		"story page": {string(page), `title="articles by language">en</span>`},
	} {
		if !strings.Contains(c.out, c.want) {
			t.Errorf("%s: no %q", name, c.want)
		}
	}
	want := []storyfold.LanguageCount{{Language: "en", Articles: 5}}
	_, list := get(t, srv.URL+"/api/v1/stories")
	var apiList struct {
		Stories []struct {
			Languages []storyfold.LanguageCount `json:"languages"`
		} `json:"stories"`
	}
	if err := json.Unmarshal(list, &apiList); err != nil || len(apiList.Stories) != 1 {
		t.Fatalf("api list %v: %s", err, list)
	}
	_, one := get(t, srv.URL+"/api/v1/stories/"+id)
	var apiStory struct {
		Languages []storyfold.LanguageCount `json:"languages"`
	}
	if err := json.Unmarshal(one, &apiStory); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]storyfold.LanguageCount{"analyze": stories[0].Languages, "api list": apiList.Stories[0].Languages, "api story": apiStory.Languages} {
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: languages %v, want %v", name, got, want)
		}
	}
}
