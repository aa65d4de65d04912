package wordnet

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode"
)

// msrpPath is the Microsoft Research Paraphrase Corpus training file in the
// shared data set beside the repository; it is not shipped (copyright).
const msrpPath = "../../../shared/data/msrp/msr_paraphrase_train.txt"

func loadStopwords(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile("testdata/stopwords.txt")
	if err != nil {
		t.Fatal(err)
	}
	stop := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		w := strings.TrimSpace(line)
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		if stop[w] {
			t.Errorf("testdata/stopwords.txt: duplicate %q", w)
		}
		stop[w] = true
	}
	return stop
}

// contentWords lowercases s and keeps its words of letters, without stop
// words.
func contentWords(s string, stop map[string]bool) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !stop[w] && len(w) > 1 {
			out = append(out, w)
		}
	}
	return out
}

// bestMatch is the mean, over the words of x, of their best match among the
// words of y: 1 for the same string, then either the same lemma only
// (graded false) or Similarity (graded true).
func bestMatch(x, y []string, graded bool) float64 {
	if len(x) == 0 {
		return 0
	}
	wy := make([]Word, len(y))
	for j, w := range y {
		wy[j] = Lookup(w)
	}
	sum := 0.0
	for _, a := range x {
		wa := Lookup(a)
		best := 0.0
		for j, b := range y {
			switch {
			case a == b:
				best = 1
			case graded:
				best = max(best, Similarity(wa, wy[j]))
			case Related(wa, wy[j]) == Same:
				best = 1
			}
		}
		sum += best
	}
	return sum / float64(len(x))
}

// auc is the probability that a random positive scores above a random
// negative, ties counting half.
func auc(pos, neg []float64) float64 {
	good := 0.0
	for _, a := range pos {
		for _, b := range neg {
			switch {
			case a > b:
				good++
			case a == b:
				good += 0.5
			}
		}
	}
	return good / float64(len(pos)*len(neg))
}

// basilPath is the BASIL article set beside the repository: 100 events, each
// reported by three outlets.
const basilPath = "../../../shared/data/basil/articles.jsonl"

// TestBASILTitles is a check on data the lexicon's thresholds were not
// tuned on: headlines of one event by different outlets should match each
// other's words better than headlines of different events, and Similarity
// should separate them at least as well as lemma matches alone.
func TestBASILTitles(t *testing.T) {
	f, err := os.Open(basilPath)
	if err != nil {
		t.Skipf("BASIL not available: %v", err)
	}
	defer f.Close()
	stop := loadStopwords(t)
	type article struct {
		Cluster, Title string
	}
	var arts []article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var a article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("parse BASIL line: %v", err)
		}
		arts = append(arts, a)
	}
	if len(arts) < 10 {
		t.Fatalf("only %d articles", len(arts))
	}
	var posL, negL, posG, negG []float64
	for i := range arts {
		for j := i + 1; j < len(arts); j++ {
			x, y := contentWords(arts[i].Title, stop), contentWords(arts[j].Title, stop)
			l := (bestMatch(x, y, false) + bestMatch(y, x, false)) / 2
			g := (bestMatch(x, y, true) + bestMatch(y, x, true)) / 2
			if arts[i].Cluster == arts[j].Cluster {
				posL, posG = append(posL, l), append(posG, g)
			} else {
				negL, negG = append(negL, l), append(negG, g)
			}
		}
	}
	aucL, aucG := auc(posL, negL), auc(posG, negG)
	t.Logf("%d same-event and %d other headline pairs; AUC of mean best match: lemma only %.4f, with Similarity %.4f", len(posL), len(negL), aucL, aucG)
	if aucG < aucL {
		t.Errorf("Similarity lowers the AUC: %.4f < %.4f", aucG, aucL)
	}
}

func TestStopwordsNoDuplicates(t *testing.T) {
	if len(loadStopwords(t)) == 0 {
		t.Fatal("empty stop word list")
	}
}

// TestMSRPSignal measures, on the MSRP sentence pairs, how often each
// relation joins a content word of one sentence to one of the other in
// paraphrase pairs and in non-paraphrase pairs, and the ranking quality
// (AUC) of a naive feature, the mean best match of sentence 1's content
// words in sentence 2, with lemma matches only and with Similarity. It
// checks that relations which should mark paraphrases are more frequent in
// paraphrases and that Similarity does not make the feature worse.
func TestMSRPSignal(t *testing.T) {
	f, err := os.Open(msrpPath)
	if err != nil {
		t.Skipf("MSRP not available: %v", err)
	}
	defer f.Close()
	stop := loadStopwords(t)
	words := func(s string) []string { return contentWords(s, stop) }
	type scored struct {
		label         int
		lemma, graded float64
	}
	var pairs []scored
	var perRel [8][2]int
	var n [2]int
	known, total := 0, 0
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 5 {
			continue
		}
		label := 0
		if c[0] == "1" {
			label = 1
		}
		n[label]++
		w1, w2 := words(c[3]), words(c[4])
		x2 := make([]Word, len(w2))
		for j, w := range w2 {
			x2[j] = Lookup(w)
		}
		var lemma, graded float64
		for _, a := range w1 {
			x := Lookup(a)
			total++
			if x != 0 {
				known++
			}
			bestL, bestG := 0.0, 0.0
			for j, b := range w2 {
				if a == b {
					bestL, bestG = 1, 1
					continue
				}
				r := Related(x, x2[j])
				perRel[r][label]++
				if r == Same {
					bestL = 1
				}
				bestG = max(bestG, Similarity(x, x2[j]))
			}
			lemma += bestL
			graded += bestG
		}
		d := float64(max(len(w1), 1))
		pairs = append(pairs, scored{label, lemma / d, graded / d})
	}
	if n[0] == 0 || n[1] == 0 {
		t.Fatalf("MSRP file has %d positive and %d negative pairs", n[1], n[0])
	}
	split := func(get func(scored) float64) (pos, neg []float64) {
		for _, p := range pairs {
			if p.label == 1 {
				pos = append(pos, get(p))
			} else {
				neg = append(neg, get(p))
			}
		}
		return pos, neg
	}
	rate := func(r Relation, label int) float64 { return float64(perRel[r][label]) / float64(n[label]) }
	t.Logf("%d paraphrase and %d other pairs; %.1f%% of sentence-1 content tokens known", n[1], n[0], 100*float64(known)/float64(total))
	for r := Same; r <= Narrower; r++ {
		t.Logf("%-8v word pairs per sentence pair: paraphrases %.3f, others %.3f", r, rate(r, 1), rate(r, 0))
	}
	aucLemma := auc(split(func(p scored) float64 { return p.lemma }))
	aucGraded := auc(split(func(p scored) float64 { return p.graded }))
	t.Logf("AUC of mean best match: lemma only %.4f, with Similarity %.4f", aucLemma, aucGraded)
	for _, r := range []Relation{Synonym, Derived} {
		if rate(r, 1) <= rate(r, 0) {
			t.Errorf("%v links are not more frequent in paraphrases (%.3f vs %.3f)", r, rate(r, 1), rate(r, 0))
		}
	}
	if aucGraded < aucLemma {
		t.Errorf("Similarity lowers the AUC: %.4f < %.4f", aucGraded, aucLemma)
	}
}
