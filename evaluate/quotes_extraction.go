package evaluate

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/pipeline"
)

// ExtractionSource is the "source" of an annotated line whose article is a
// page of the HTML-extraction benchmark: its text is the page's
// human-extracted body in the ground-truth file, which the annotation names
// by the page's id rather than copying it.
const ExtractionSource = "extraction"

// extractionPage is the part of a ground-truth entry an annotated article
// needs.
type extractionPage struct {
	Body string `json:"articleBody"`
	URL  string `json:"url"`
}

// ExtractionArticles reads the pages ids name from the extraction
// benchmark's ground truth ({"<id>": {"articleBody", "url"}}) and prepares
// them together as pipeline.Prepare would any articles read: the body is
// the text, the URL's host the outlet, and the language is the language
// finder's, as for BASIL's articles, which give none either. An id the file
// does not hold, or holds with an empty body, is left out and said in the
// error, which the other articles do not wait on: the caller may score
// those and report the error.
func ExtractionArticles(r io.Reader, ids []string) ([]storyfold.Article, error) {
	var pages map[string]extractionPage
	if err := json.NewDecoder(r).Decode(&pages); err != nil {
		return nil, fmt.Errorf("read extraction ground truth: %w", err)
	}
	var raw []storyfold.Article
	var errs []error
	for _, id := range ids {
		p, ok := pages[id]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("annotated article %s: not in the extraction ground truth", id))
			continue
		case p.Body == "":
			errs = append(errs, fmt.Errorf("annotated article %s: the extraction ground truth has no body for it", id))
			continue
		}
		raw = append(raw, storyfold.Article{ID: id, URL: p.URL, Source: ingest.HostSource(p.URL), Text: p.Body})
	}
	if len(raw) == 0 {
		return nil, errors.Join(errs...)
	}
	return pipeline.Prepare(raw, nil, nil), errors.Join(errs...)
}
