package clean

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/ingest"
)

// The wire-credit evaluation runs the cleaner on real text from the shared
// data (not in the repository: its texts are copyrighted) and compares what
// it credits with a hand annotation of every line that names an agency.
// testdata/wire-annotations.tsv holds the labels only: corpus, document,
// line, and the agency the line credits or "-" for a line that names one
// without crediting it (running text, a photo credit). Run
//
//	go test ./clean -run TestWireCreditsOnSharedData -v
//
// for the figures, and add -wirelist to print every candidate line with
// its prediction, to annotate new data.
var wireList = flag.Bool("wirelist", false, "print the lines that name an agency, for annotation")

const sharedDir = "../../shared"

// evalDoc is one text of the shared data.
type evalDoc struct{ corpus, id, text string }

func loadEvalDocs(t *testing.T) []evalDoc {
	t.Helper()
	var docs []evalDoc
	f, err := os.Open(filepath.Join(sharedDir, "data/basil/articles.jsonl"))
	if err != nil {
		t.Skipf("shared data not found: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var a struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("basil: %v", err)
		}
		docs = append(docs, evalDoc{"basil", a.ID, a.Text})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("basil: %v", err)
	}
	// The MSRP sentences are news text, some of them credit lines; each
	// is cleaned as an article of one paragraph.
	if f, err := os.Open(filepath.Join(sharedDir, "data/msrp/msr_paraphrase_train.txt")); err == nil {
		defer f.Close()
		seen := map[string]bool{}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Split(sc.Text(), "\t")
			if len(fields) < 5 {
				continue
			}
			for k, text := range fields[3:5] {
				if id := fields[1+k]; !seen[id] {
					seen[id] = true
					docs = append(docs, evalDoc{"msrp", id, text})
				}
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatalf("msrp: %v", err)
		}
	}
	bench := filepath.Join(sharedDir, "bench/extraction")
	b, err := os.ReadFile(filepath.Join(bench, "ground-truth.json"))
	if err != nil {
		t.Skipf("extraction benchmark not found: %v", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatalf("ground truth: %v", err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		docs = append(docs, evalDoc{"truth", id, truth[id].ArticleBody})
		// The page as the extractor gives it: with the bylines and
		// closing lines the human extraction leaves out.
		page, err := readGzip(filepath.Join(bench, "html", id+".html.gz"))
		if err != nil {
			t.Fatalf("page %s: %v", id, err)
		}
		p, err := ingest.Trafilatura{}.Extract(page, truth[id].URL)
		if err != nil {
			continue
		}
		docs = append(docs, evalDoc{"page", id, p.Text})
	}
	return docs
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return io.ReadAll(z)
}

// isCandidate reports whether a line is one the annotation covers: it
// names an agency, or reads like a sign-off that may credit one without
// naming it.
func isCandidate(line string) bool {
	lower := strings.ToLower(line)
	return namesAgency(line) || strings.Contains(lower, "reporting by") || strings.Contains(lower, "editing by") ||
		strings.Contains(lower, "contributed to this report")
}

// namesAgency reports whether a line names an agency in any of its forms,
// as a whole word: the candidates the annotation covers.
func namesAgency(line string) bool {
	lower := strings.ToLower(line)
	for form := range agencies.fold {
		if i := strings.Index(lower, form); i >= 0 && wholeWord(lower, i, len(form)) {
			return true
		}
	}
	for form := range agencies.exact {
		for from := 0; ; {
			i := strings.Index(line[from:], form)
			if i < 0 {
				break
			}
			i += from
			if wholeWord(line, i, len(form)) {
				return true
			}
			from = i + 1
		}
	}
	return false
}

func wholeWord(s string, i, n int) bool {
	isWord := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
	}
	return (i == 0 || !isWord(s[i-1])) && (i+n >= len(s) || !isWord(s[i+n]))
}

// creditedLines returns, for a cleaned article, the input lines the cleaner
// took a credit from and the agencies it took.
func creditedLines(a storyfold.Article) map[int][]string {
	out := map[int][]string{}
	for _, r := range a.Removed {
		var ag []string
		switch r.Reason {
		case storyfold.RemovedWireCredit:
			if ag = wireCreditLine(r.Text); ag == nil {
				ag = agencies.group(strings.Trim(r.Text, creditTrim))
			}
			if ag == nil {
				_, _, ag = classifyLine(r.Text)
			}
		case storyfold.RemovedDateline:
			_, ag = datelineCredit(strings.TrimRight(r.Text, " -–—"))
		case storyfold.RemovedByline:
			_, _, ag = classifyLine(r.Text)
		}
		if ag != nil {
			out[r.Line] = append(out[r.Line], ag...)
		}
	}
	return out
}

type annotation struct {
	corpus, id string
	line       int
	agency     string // "-" for a line that credits none
}

func readAnnotations(t *testing.T) map[string]annotation {
	t.Helper()
	b, err := os.ReadFile("testdata/wire-annotations.tsv")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]annotation{}
	for n, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			t.Fatalf("wire-annotations.tsv line %d: %d fields", n+1, len(f))
		}
		ln, err := strconv.Atoi(f[2])
		if err != nil {
			t.Fatalf("wire-annotations.tsv line %d: %v", n+1, err)
		}
		key := f[0] + "\t" + f[1] + "\t" + f[2]
		if _, dup := out[key]; dup {
			t.Fatalf("wire-annotations.tsv line %d: %s annotated twice", n+1, key)
		}
		out[key] = annotation{f[0], f[1], ln, f[3]}
	}
	return out
}

func TestWireCreditsOnSharedData(t *testing.T) {
	docs := loadEvalDocs(t)
	labels := readAnnotations(t)
	var tp, fp, fn, tn, wrong, unlabelled int
	perCorpus := map[string]*[2]int{} // corpus -> credits, look-alikes annotated
	seen := map[string]bool{}
	for _, d := range docs {
		a := Article(storyfold.Article{Text: d.text}, Options{})
		credited := creditedLines(a)
		for n, line := range strings.Split(d.text, "\n") {
			ln := n + 1
			if !isCandidate(line) && credited[ln] == nil {
				continue
			}
			key := d.corpus + "\t" + d.id + "\t" + strconv.Itoa(ln)
			pred := credited[ln]
			if *wireList {
				fmt.Printf("%s\t%q\t%q\n", key, pred, shorten(strings.TrimSpace(line), 160))
			}
			lab, ok := labels[key]
			if !ok {
				unlabelled++
				continue
			}
			seen[key] = true
			if perCorpus[d.corpus] == nil {
				perCorpus[d.corpus] = new([2]int)
			}
			if lab.agency == "-" {
				perCorpus[d.corpus][1]++
			} else {
				perCorpus[d.corpus][0]++
			}
			switch {
			case lab.agency == "-" && pred == nil:
				tn++
			case lab.agency == "-":
				fp++
				t.Logf("false credit %s: %q", key, pred)
			case pred == nil:
				fn++
				t.Logf("missed credit %s (%s)", key, lab.agency)
			case slices.Contains(pred, lab.agency):
				tp++
			default:
				wrong++
				t.Logf("wrong agency %s: %q, want %s", key, pred, lab.agency)
			}
		}
	}
	for key := range labels {
		if !seen[key] {
			t.Errorf("annotated line %s is not a candidate: the shared data changed?", key)
		}
	}
	precision := float64(tp) / float64(max(1, tp+fp+wrong))
	recall := float64(tp) / float64(max(1, tp+fn+wrong))
	t.Logf("credits: %d found, %d missed, %d wrong agency; look-alikes: %d kept, %d taken for credits; %d candidates unlabelled",
		tp, fn, wrong, tn, fp, unlabelled)
	t.Logf("precision %.3f, recall %.3f", precision, recall)
	for _, c := range []string{"basil", "msrp", "truth", "page"} {
		if n := perCorpus[c]; n != nil {
			t.Logf("%s: %d credits, %d look-alikes annotated", c, n[0], n[1])
		}
	}
	if tp+fn+wrong == 0 {
		t.Fatal("no annotated credit")
	}
	// Floors a little under what the rules reach, so that a change that
	// loses credits or removes running text fails.
	if precision < 0.95 || recall < 0.85 {
		t.Errorf("precision %.3f, recall %.3f: below 0.95 / 0.85", precision, recall)
	}
}
