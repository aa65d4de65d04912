package build

import (
	"testing"
)

func newLexicon() *lexicon {
	return &lexicon{key: map[int64]int{}, lemmaID: map[string]int{}, indexEntries: map[string][]indexEntry{}}
}

// Lines in the WordNet 3.0 format (glosses shortened).
const (
	dataCar   = "02958343 06 n 05 car 0 auto 0 automobile 0 machine 6 motorcar 0 002 @ 03791235 n 0000 ~ 04166281 n 0000 | a motor vehicle"
	dataMotor = "03791235 06 n 01 motor_vehicle 0 001 ~ 02958343 n 0000 | a self-propelled wheeled vehicle"
	indexCar  = "car n 1 2 @ ~ 1 1 02958343  "
)

func TestAddDataLine(t *testing.T) {
	lx := newLexicon()
	if err := lx.addDataLine(dataCar, 0); err != nil {
		t.Fatal(err)
	}
	s := lx.synsets[0]
	if got := len(s.words); got != 5 || s.words[2] != "automobile" {
		t.Errorf("words = %v", s.words)
	}
	// Pointers are resolved later; both are kept ("@" and "~" is not).
	if len(lx.pending) != 1 || lx.pending[0].sym != "@" || lx.pending[0].offset != 3791235 {
		t.Errorf("pending pointers = %+v", lx.pending)
	}
	bad := []string{
		"",
		"02958343 06 n",
		"x 06 n 01 car 0 000",
		"02958343 06 n zz car 0 000",
		"02958343 06 n 02 car 0",
		"02958343 06 n 01 car 0 x",
		"02958343 06 n 01 car 0 001 @ 03791235 n",
		"02958343 06 n 01 car 0 001 @ x n 0000",
		"02958343 06 n 01 car 0 001 @ 03791235 q 0000",
	}
	for _, line := range bad {
		t.Run(line, func(t *testing.T) {
			if err := newLexicon().addDataLine(line, 0); err == nil {
				t.Errorf("accepted %q", line)
			}
		})
	}
}

func TestAddIndexLine(t *testing.T) {
	lx := newLexicon()
	for _, l := range []string{dataCar, dataMotor} {
		if err := lx.addDataLine(l, 0); err != nil {
			t.Fatal(err)
		}
	}
	if err := lx.addIndexLine(indexCar, 0); err != nil {
		t.Fatal(err)
	}
	if e := lx.indexEntries["car"]; len(e) != 1 || len(e[0].synsets) != 1 || e[0].synsets[0] != 0 {
		t.Errorf("entries = %+v", e)
	}
	bad := []string{
		"car n 1",
		"car n x 2 @ ~ 1 1 02958343",
		"car n 1 x @ ~ 1 1 02958343",
		"car n 1 99 @ ~ 1 1 02958343",
		"car n 1 -9 @ ~ 1 1 02958343",
		"car n 2 2 @ ~ 1 1 02958343",
		"car n 1 2 @ ~ 1 1 99999999",
	}
	for _, line := range bad {
		t.Run(line, func(t *testing.T) {
			if err := lx.addIndexLine(line, 0); err == nil {
				t.Errorf("accepted %q", line)
			}
		})
	}
}

func TestInflections(t *testing.T) {
	cases := map[string][]string{
		"country": {"countries"},
		"make":    {"making", "maker"},
		"man":     {"men"},
		"talk":    {"talks", "talked", "talking"},
	}
	for lemma, want := range cases {
		t.Run(lemma, func(t *testing.T) {
			got := map[string]bool{}
			for _, f := range Inflections(lemma) {
				if got[f] {
					t.Errorf("%q listed twice", f)
				}
				got[f] = true
			}
			for _, w := range want {
				if !got[w] {
					t.Errorf("Inflections(%q) lacks %q", lemma, w)
				}
			}
		})
	}
}

func FuzzAddDataLine(f *testing.F) {
	f.Add(dataCar)
	f.Add(dataMotor)
	f.Fuzz(func(t *testing.T, line string) {
		lx := newLexicon()
		if err := lx.addDataLine(line, 0); err == nil && len(lx.synsets) != 1 {
			t.Errorf("accepted line made %d synsets", len(lx.synsets))
		}
	})
}

func FuzzAddIndexLine(f *testing.F) {
	f.Add(indexCar)
	f.Fuzz(func(t *testing.T, line string) {
		lx := newLexicon()
		if err := lx.addDataLine(dataCar, 0); err != nil {
			t.Fatal(err)
		}
		_ = lx.addIndexLine(line, 0) // must not panic
	})
}
