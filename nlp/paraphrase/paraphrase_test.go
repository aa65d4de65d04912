package paraphrase

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"strings"
	"testing"
)

// score prepares two texts and scores them.
func score(p *Preparer, x, y string) float64 {
	var a, b Sentence
	p.Prepare(&a, x, nil)
	p.Prepare(&b, y, nil)
	return Score(&a, &b)
}

func TestModelLoads(t *testing.T) {
	if modelErr != nil {
		t.Fatalf("embedded model: %v (refit with internal/fit)", modelErr)
	}
	if Threshold <= 0 || Threshold >= 1 {
		t.Errorf("Threshold = %v, want in (0, 1)", Threshold)
	}
}

// TestPairs checks the scorer on hand-written pairs. A restatement must
// score as the same claim with no conflict. A sentence on the same topic
// that states another claim must not. A changed figure, name or date, a
// negation or an antonym leaves the wording alike: such a pair is the same
// claim as MSRP's judges see it (see Conflict), and Conflicts must report
// the change.
func TestPairs(t *testing.T) {
	p := NewPreparer()
	tests := []struct {
		name     string
		a, b     string
		same     bool
		conflict Conflict
	}{
		{"paraphrase",
			"The company said its quarterly profit rose 12 percent to $3.4 billion.",
			"Quarterly profit at the company climbed 12 percent to $3.4 billion, it said.", true, 0},
		{"paraphrase reordered",
			"The minister resigned on Tuesday after weeks of pressure from his own party.",
			"After weeks of pressure from his party, the minister stepped down on Tuesday.", true, 0},
		{"paraphrase passive",
			"Police arrested two men in connection with the robbery, officials said.",
			"Two men were arrested by police in connection with the robbery.", true, 0},
		{"same topic, different claim",
			"The council approved the new stadium plan by a wide margin on Thursday.",
			"Residents protested outside the council meeting about traffic near the new stadium.", false, 0},
		{"same people, different claim",
			"The minister resigned on Tuesday after weeks of pressure from his own party.",
			"The minister's party will choose a new leader at its conference in the autumn.", false, 0},
		{"figure changed",
			"The company said its quarterly profit rose 12 percent to $3.4 billion.",
			"The company said its quarterly profit rose 9 percent to $3.1 billion.", true, ConflictFigure},
		{"negated",
			"The minister resigned on Tuesday after weeks of pressure from his own party.",
			"The minister did not resign on Tuesday despite weeks of pressure from his own party.", true, ConflictNegation},
		{"antonym",
			"Shares of the carmaker rose sharply in early trading on Monday.",
			"Shares of the carmaker fell sharply in early trading on Monday.", true, ConflictAntonym},
		{"name changed",
			"Senator Warren criticised the bank's chief executive during the hearing.",
			"Senator Collins criticised the bank's chief executive during the hearing.", true, ConflictName},
		{"date changed",
			"The trial is scheduled to begin on March 3 in federal court.",
			"The trial is scheduled to begin on June 15 in federal court.", true, ConflictDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a, b Sentence
			p.Prepare(&a, tt.a, nil)
			p.Prepare(&b, tt.b, nil)
			if got := Score(&a, &b); (got >= Threshold) != tt.same {
				t.Errorf("Score = %.3f (threshold %.3f), want same=%v", got, Threshold, tt.same)
			}
			if got := Conflicts(&a, &b); got != tt.conflict {
				t.Errorf("Conflicts = %v, want %v", got, tt.conflict)
			}
			if Conflicts(&a, &b) != Conflicts(&b, &a) {
				t.Errorf("Conflicts is not symmetric")
			}
		})
	}
}

// TestAnnotations checks that caller-given names override the surface
// forms: two spellings of one entity key are one name, two keys are a
// conflict.
func TestAnnotations(t *testing.T) {
	p := NewPreparer()
	x := "Zelensky met the envoy in Kyiv on Friday to discuss the ceasefire."
	y := "Zelenskyy met the envoy in Kyiv on Friday to discuss the ceasefire."
	var a, b Sentence
	p.Prepare(&a, x, &Annotations{Names: []string{"volodymyr zelensky", "kyiv"}, Days: []int32{20100}})
	p.Prepare(&b, y, &Annotations{Names: []string{"volodymyr zelensky", "kyiv"}, Days: []int32{20100}})
	if !Same(&a, &b) || Conflicts(&a, &b) != 0 {
		t.Errorf("one entity spelt two ways: Score %.3f, Conflicts %v; want same, none", Score(&a, &b), Conflicts(&a, &b))
	}
	p.Prepare(&b, y, &Annotations{Names: []string{"someone else", "kyiv"}, Days: []int32{20101}})
	if got := Conflicts(&a, &b); got != ConflictName|ConflictDate {
		t.Errorf("two entities, two days: Conflicts %v, want name+date", got)
	}
}

func TestSymmetric(t *testing.T) {
	p := NewPreparer()
	pairs := readTestPairs(t)
	for _, pr := range pairs {
		t.Run(pr.ID1, func(t *testing.T) {
			ab, ba := score(p, pr.Text1, pr.Text2), score(p, pr.Text2, pr.Text1)
			if math.Abs(ab-ba) > 1e-9 {
				t.Errorf("Score(a,b) = %v, Score(b,a) = %v", ab, ba)
			}
		})
	}
}

// TestPrepareReuse checks that a Sentence reused for a second text keeps
// nothing of the first.
func TestPrepareReuse(t *testing.T) {
	p := NewPreparer()
	x := "The council rejected a plan to build a new library downtown."
	y := "Police arrested two men in connection with the robbery on May 4."
	var a, b, fresh Sentence
	p.Prepare(&a, "A long first sentence about 12 things, 40 people and Mr Smith on March 9, with no end in sight.", nil)
	p.Prepare(&a, x, nil)
	p.Prepare(&fresh, x, nil)
	p.Prepare(&b, y, nil)
	if got, want := Score(&a, &b), Score(&fresh, &b); got != want {
		t.Errorf("reused sentence scored %v, fresh one %v", got, want)
	}
}

func readTestPairs(t testing.TB) []Pair {
	f, err := os.Open("testdata/pairs.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pairs, err := ReadPairs(f, "testdata/pairs.txt", func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	return pairs
}

func TestReadPairs(t *testing.T) {
	f, err := os.Open("testdata/pairs.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var warnings []string
	pairs, err := ReadPairs(f, "pairs.txt", func(msg string) { warnings = append(warnings, msg) })
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 6 {
		t.Errorf("read %d pairs, want 6", len(pairs))
	}
	if len(pairs) > 0 && (pairs[0].ID1 != "1" || !pairs[0].Same || pairs[1].Same) {
		t.Errorf("first pairs read as %+v, %+v", pairs[0], pairs[1])
	}
	if len(warnings) != 1 || !strings.HasPrefix(warnings[0], "pairs.txt:7:") {
		t.Errorf("warnings = %q, want one for pairs.txt:7", warnings)
	}
}

// TestDataFiles rejects duplicate entries in the embedded word lists and
// the rarity table.
func TestDataFiles(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
	}{{"negation.txt", negationData}, {"months.txt", monthsData}, {"numberwords.txt", numberWordsData}, {"idf.txt", idfData}} {
		t.Run(tt.name, func(t *testing.T) {
			seen := map[string]int{}
			sc := bufio.NewScanner(bytes.NewReader(tt.data))
			n, entries := 0, 0
			for sc.Scan() {
				n++
				line := strings.TrimSpace(sc.Text())
				if line == "" || (line[0] == '#' && !strings.HasPrefix(line, "#unknown")) {
					continue
				}
				key, _, _ := strings.Cut(line, "\t")
				if prev, ok := seen[key]; ok {
					t.Errorf("%s:%d: %q repeats line %d", tt.name, n, key, prev)
				}
				seen[key] = n
				entries++
			}
			if entries == 0 {
				t.Errorf("%s has no entries", tt.name)
			}
		})
	}
}

func FuzzScore(f *testing.F) {
	f.Add("The company said its quarterly profit rose 12 percent to $3.4 billion.", "Quarterly profit climbed 12 percent, it said.")
	f.Add("", "")
	f.Add("Not on May 5.", "never, on Friday 31st")
	f.Add("U.S. $1,200.50 don't", "’s ’’ 12,000 1.50")
	p := NewPreparer()
	var a, b Sentence
	f.Fuzz(func(t *testing.T, x, y string) {
		p.Prepare(&a, x, nil)
		p.Prepare(&b, y, nil)
		ab, ba := Score(&a, &b), Score(&b, &a)
		if !(ab >= 0 && ab <= 1) {
			t.Fatalf("Score = %v, want in [0, 1]", ab)
		}
		if math.Abs(ab-ba) > 1e-9 {
			t.Fatalf("Score(a,b) = %v, Score(b,a) = %v", ab, ba)
		}
	})
}

// msrpPath is the shared MSRP training part, beside the repository.
const msrpPath = "../../../shared/data/msrp/msr_paraphrase_train.txt"

func readMSRP(t testing.TB) []Pair {
	f, err := os.Open(msrpPath)
	if err != nil {
		t.Skipf("MSRP not available: %v", err)
	}
	defer f.Close()
	pairs, err := ReadPairs(f, msrpPath, func(msg string) { t.Log(msg) })
	if err != nil {
		t.Fatal(err)
	}
	return pairs
}

// TestCrossValidateMSRP runs the 10-fold cross-validation the shipped model
// is reported with and checks the targets, and that refitting on all pairs
// gives the embedded model back. It takes some 10 s on one core, so
// -short skips it.
func TestCrossValidateMSRP(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the MSRP cross-validation")
	}
	pairs := readMSRP(t)
	x := PairFeatures(pairs)
	y := make([]bool, len(pairs))
	for i, p := range pairs {
		y[i] = p.Same
	}
	res, err := CrossValidate(x, y, 10, 1, DefaultFitOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("10-fold CV: accuracy %.4f ± %.4f, F1 %.4f ± %.4f", res.Accuracy, res.AccuracySD, res.F1, res.F1SD)
	if res.Accuracy < 0.78 {
		t.Errorf("cross-validated accuracy %.4f, want >= 0.78", res.Accuracy)
	}
	if res.F1 < 0.84 {
		t.Errorf("cross-validated F1 %.4f, want >= 0.84", res.F1)
	}
	m, err := Fit(x, y, DefaultFitOptions())
	if err != nil {
		t.Fatal(err)
	}
	for i, fx := range x {
		if got, want := defaultModel.predict(fx), m.predict(fx); math.Abs(got-want) > 1e-6 {
			t.Fatalf("pair %d: embedded model gives %v, a refit %v: refit with internal/fit", pairs[i].Line, got, want)
		}
	}
}

func BenchmarkPrepareScore(b *testing.B) {
	pairs := readTestPairs(b)
	if f, err := os.Open(msrpPath); err == nil {
		pairs, _ = ReadPairs(f, msrpPath, func(string) {})
		f.Close()
	}
	p := NewPreparer()
	var x, y Sentence
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		pr := &pairs[i%len(pairs)]
		p.Prepare(&x, pr.Text1, nil)
		p.Prepare(&y, pr.Text2, nil)
		Score(&x, &y)
	}
}

func BenchmarkScore(b *testing.B) {
	pairs := readTestPairs(b)
	p := NewPreparer()
	xs, ys := make([]Sentence, len(pairs)), make([]Sentence, len(pairs))
	for i, pr := range pairs {
		p.Prepare(&xs[i], pr.Text1, nil)
		p.Prepare(&ys[i], pr.Text2, nil)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		Score(&xs[i%len(xs)], &ys[i%len(ys)])
	}
}
