package evaluate

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/pipeline"
)

// SemEvalSource is the "source" of an annotated line whose article is one
// side of a pair in the SemEval-2022 Task 8 pairs file: the articles are
// not copied into the annotation, which names them by line and side.
const SemEvalSource = "semeval2022"

// SemEvalRef names one article of the pairs file: Line is the 1-based line
// of the pair, Side 1 or 2 (text1/lang1 or text2/lang2), and ID the
// annotation's id, which must name that side's article.
type SemEvalRef struct {
	Line, Side int
	ID         string
}

// semEvalLine is the part of a pairs-file line an annotated article needs.
type semEvalLine struct {
	ID1   string `json:"id1"`
	ID2   string `json:"id2"`
	Lang1 string `json:"lang1"`
	Lang2 string `json:"lang2"`
	Text1 string `json:"text1"`
	Text2 string `json:"text2"`
}

// SemEvalArticles reads the articles refs name from a pairs file and
// prepares them together as pipeline.Prepare would any articles read, each
// with its id from the annotation and its language from the pair (the
// language finder is not asked). A reference that names no article (a line
// past the end, a side other than 1 or 2, an id that is not the side's) is
// left out and said in the error, which the other articles do not wait on:
// the caller may score those and report the error.
func SemEvalArticles(r io.Reader, refs []SemEvalRef) ([]storyfold.Article, error) {
	want := map[int][]SemEvalRef{}
	for _, ref := range refs {
		want[ref.Line] = append(want[ref.Line], ref)
	}
	var raw []storyfold.Article
	var errs []error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		rs := want[line]
		if len(rs) == 0 {
			continue
		}
		delete(want, line)
		var p semEvalLine
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			errs = append(errs, fmt.Errorf("pairs line %d: %w", line, err))
			continue
		}
		for _, ref := range rs {
			id, lang, text := p.ID1, p.Lang1, p.Text1
			switch ref.Side {
			case 1:
			case 2:
				id, lang, text = p.ID2, p.Lang2, p.Text2
			default:
				errs = append(errs, fmt.Errorf("annotated article %s: side %d of pairs line %d (want 1 or 2)", ref.ID, ref.Side, line))
				continue
			}
			// The annotation may prefix the pair's id ("semeval-1586893419").
			if id == "" || !strings.Contains(ref.ID, id) {
				errs = append(errs, fmt.Errorf("annotated article %s: pairs line %d side %d is article %s", ref.ID, line, ref.Side, id))
				continue
			}
			raw = append(raw, storyfold.Article{ID: ref.ID, Language: strings.ToLower(lang), Text: text})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read pairs: %w", err)
	}
	for _, ref := range refs {
		if _, ok := want[ref.Line]; ok {
			errs = append(errs, fmt.Errorf("annotated article %s: the pairs file has no line %d", ref.ID, ref.Line))
		}
	}
	if len(raw) == 0 {
		return nil, errors.Join(errs...)
	}
	return pipeline.Prepare(raw, nil, nil), errors.Join(errs...)
}
