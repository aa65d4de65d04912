package evaluate

import "testing"

func TestTFIDFPeer(t *testing.T) {
	texts := []string{
		"The city council approved the new transit budget on Wednesday after a six-hour debate.",
		"Der Stadtrat hat am Mittwoch nach einer sechsstündigen Debatte den neuen Verkehrshaushalt gebilligt.",
		"The city council approved the new transit budget on Wednesday after a debate of six hours.",
		"A museum in Lisbon opened a new wing devoted to tiles from the sixteenth century.",
	}
	g := TFIDFPeer(texts, 0.3)
	if g[0] != g[2] {
		t.Errorf("two wordings of one report in groups %d and %d", g[0], g[2])
	}
	if g[0] == g[3] || g[0] == g[1] {
		t.Errorf("unrelated texts grouped: %v", g)
	}
	if got := TFIDFPeer(nil, 0.3); len(got) != 0 {
		t.Errorf("no texts gave %v", got)
	}
}

func TestPairScores(t *testing.T) {
	var s PairScores
	for _, p := range [][2]bool{{true, true}, {true, false}, {false, true}, {false, false}, {true, true}} {
		s.Add(p[0], p[1])
	}
	if s.Pairs != 5 || s.Same != 3 || s.Predicted != 3 || s.Right != 2 {
		t.Fatalf("counts %+v", s)
	}
	if want := 2.0 / 3; s.P != want || s.R != want || s.F1 < want-1e-9 || s.F1 > want+1e-9 {
		t.Errorf("P %.3f R %.3f F1 %.3f, want 0.667 each", s.P, s.R, s.F1)
	}
}

func FuzzCharGrams(f *testing.F) {
	f.Add("Selenskyj / Zelensky — Зеленский")
	f.Add("\xff\xfe a")
	f.Fuzz(func(t *testing.T, s string) {
		for g, n := range charGrams(s) {
			if n < 1 || len([]rune(g)) != CharGrams {
				t.Fatalf("gram %q counted %v", g, n)
			}
		}
	})
}
