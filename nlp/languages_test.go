package nlp

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStemmerFor(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		words []string // words that must share a stem
	}{
		{"de", []string{"verhandlungen", "verhandlung"}},
		{"es", []string{"negociaciones", "negociación"}},
		{"fr", []string{"négociations", "négociation"}},
		{"it", []string{"negoziati", "negoziato"}},
		{"pt", []string{"negociações", "negociação"}},
		{"nl", []string{"onderhandelingen", "onderhandeling"}},
		{"ru", []string{"переговоры", "переговоров"}},
		{"tr", []string{"müzakereler", "müzakereleri"}},
		{"tr", []string{"ıstanbul", "istanbul"}},
		{"ar", []string{"المفاوضَات", "المفاوضات"}},
		{"ar", []string{"أمريكا", "امريكا"}},
		{"ar", []string{"وزارة", "الوزارة", "والوزارة", "بالوزارة"}},
		{"en", []string{"negotiations", "negotiation"}},
	} {
		t.Run(tc.lang+"/"+tc.words[0], func(t *testing.T) {
			s := NewStemmerFor(tc.lang)
			want := s.Stem([]byte(tc.words[0]))
			for _, w := range tc.words[1:] {
				if got := s.Stem([]byte(w)); got != want {
					t.Errorf("%s: %q stems to %q, %q to %q", tc.lang, tc.words[0], want, w, got)
				}
			}
		})
	}
	if NewStemmerFor("en").Stem([]byte("running")) != NewStemmer().Stem([]byte("running")) {
		t.Error("English stems differ between NewStemmer and NewStemmerFor(\"en\")")
	}
	if got := NewStemmerFor("xx").Stem([]byte("słowo")); got != "słowo" {
		t.Errorf("a language without a stemmer gave %q", got)
	}
}

func TestIsStopWordIn(t *testing.T) {
	for _, tc := range []struct {
		lang, word string
		want       bool
	}{
		{"de", "und", true}, {"de", "verhandlung", false},
		{"fr", "les", true}, {"es", "los", true}, {"pl", "oraz", true}, {"ru", "и", true}, {"tr", "ve", true},
		{"en", "the", true}, {"", "the", true}, {"xx", "the", true},
		{"de", "the", false},
	} {
		t.Run(tc.lang+"/"+tc.word, func(t *testing.T) {
			if got := IsStopWordIn(tc.lang, tc.word); got != tc.want {
				t.Errorf("IsStopWordIn(%q, %q) = %v, want %v", tc.lang, tc.word, got, tc.want)
			}
		})
	}
}

// TestStopwordFiles rejects a list that is not sorted, repeats a word or
// holds one that is not lower case.
func TestStopwordFiles(t *testing.T) {
	entries, err := stopwordFiles.ReadDir("stopwords")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 10 {
		t.Fatalf("%d lists, want the ten languages", len(entries))
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			data, err := stopwordFiles.ReadFile("stopwords/" + e.Name())
			if err != nil {
				t.Fatal(err)
			}
			var words []string
			for _, l := range strings.Split(string(data), "\n") {
				if l != "" && !strings.HasPrefix(l, "#") {
					words = append(words, l)
				}
			}
			if !slices.IsSorted(words) {
				t.Error("not sorted")
			}
			for i, w := range words {
				if i > 0 && words[i-1] == w {
					t.Errorf("%q twice", w)
				}
				if strings.ToLower(w) != w {
					t.Errorf("%q is not lower case", w)
				}
			}
		})
	}
}

func TestAnalyzerLanguage(t *testing.T) {
	a := NewAnalyzer()
	terms := func(lang, text string) []string {
		a.SetLanguage(lang)
		var out []string
		a.TextTerms(text, func(t Term) { out = append(out, t.Stem) })
		return out
	}
	de := terms("de", "Die Verhandlungen und die Verhandlung beginnen")
	if slices.Contains(de, "und") || slices.Contains(de, "die") {
		t.Errorf("German stop words kept: %q", de)
	}
	if len(de) < 2 || de[0] != de[1] {
		t.Errorf("German plural and singular not one stem: %q", de)
	}
	en := terms("en", "The negotiations and the negotiation begin")
	if len(en) < 2 || en[0] != en[1] || slices.Contains(en, "the") {
		t.Errorf("English terms %q", en)
	}
	if got := terms("", "The negotiations"); !slices.Equal(got, en[:1]) {
		t.Errorf("an unknown language does not read as English: %q", got)
	}
}

// FuzzStemFor checks that no language's stemmer fails on any word, valid
// UTF-8 or not, and that stemming is stable.
func FuzzStemFor(f *testing.F) {
	for _, s := range []string{"verhandlungen", "négociations", "переговоры", "müzakereler", "المفاوضات", "\xff\xfe", "İı", ""} {
		f.Add(s)
	}
	langs := []string{"ar", "de", "es", "fr", "it", "nl", "pl", "pt", "ru", "tr", "en"}
	stemmers := make([]*Stemmer, len(langs))
	for i, l := range langs {
		stemmers[i] = NewStemmerFor(l)
	}
	f.Fuzz(func(t *testing.T, w string) {
		for i, s := range stemmers {
			a := s.Stem([]byte(w))
			if b := NewStemmerFor(langs[i]).Stem([]byte(w)); a != b {
				t.Fatalf("%s: %q stems to %q, then %q", langs[i], w, a, b)
			}
		}
	})
}

func TestNameKey(t *testing.T) {
	for _, group := range [][]string{
		{"selenskyj", "zelensky", "zelenskyy", "зеленский", "zelenskiy", "zelenskij"},
		{"putin", "путин"},
		{"merkel", "merkel"},
		{"macron", "makron"},
		{"erdoğan", "erdogan"},
		{"müller", "muller"},
	} {
		t.Run("same/"+group[0], func(t *testing.T) {
			want := NameKey(group[0])
			for _, w := range group[1:] {
				if got := NameKey(w); got != want {
					t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q", group[0], want, w, got)
				}
			}
		})
	}
	for _, pair := range [][2]string{{"putin", "pution"}, {"biden", "boden"}, {"trump", "tramp"}} {
		t.Run("differ/"+pair[0]+"/"+pair[1], func(t *testing.T) {
			if NameKey(pair[0]) == NameKey(pair[1]) {
				t.Errorf("%q and %q share a key", pair[0], pair[1])
			}
		})
	}
}

// TestTurkishTruncation checks that Turkish forms of one word share their
// first six letters as a stem, with dotted and dotless i as one letter,
// where the Snowball stemmer split them (belediyesi and belediyeler,
// the verb forms of açıklamak, which it leaves whole).
func TestTurkishTruncation(t *testing.T) {
	s := NewStemmerFor("tr")
	for _, tc := range []struct{ words []string }{
		{[]string{"belediyesi", "belediyeler", "belediyesinden", "belediye"}},
		{[]string{"açıkladı", "açıklama", "açıklamasında", "AÇIKLADI"}},
		{[]string{"koronavirüs", "koronavirüsü", "koronavirüsten"}},
		{[]string{"yardımlar", "yardımı", "yardım"}},
		{[]string{"cezası", "cezasına"}},
		{[]string{"kişiler", "kişilerin"}},
	} {
		t.Run(tc.words[0], func(t *testing.T) {
			want := s.Stem(Lower(nil, tc.words[0]))
			for _, w := range tc.words[1:] {
				if got := s.Stem(Lower(nil, w)); got != want {
					t.Errorf("%s: stem %q, want %q", w, got, want)
				}
			}
		})
	}
	if got := s.Stem([]byte("cezası")); got != "cezasi" {
		t.Errorf("cezası: stem %q, want the six letters with dotless i folded", got)
	}
}

// TestPolishTruncation checks that Polish inflections of one word share a
// stem cut to five letters, and that a Polish name keys as it is written,
// not by its cut stem.
func TestPolishTruncation(t *testing.T) {
	s := NewStemmerFor("pl")
	for _, tc := range []struct{ words []string }{
		{[]string{"warszawa", "warszawy", "warszawie"}},
		{[]string{"prezydent", "prezydenta", "prezydentowi"}},
		{[]string{"wybory", "wyborów", "wyborach"}},
	} {
		t.Run(tc.words[0], func(t *testing.T) {
			want := s.Stem([]byte(tc.words[0]))
			if n := utf8.RuneCountInString(want); n != 5 {
				t.Errorf("stem %q has %d letters, want 5", want, n)
			}
			for _, w := range tc.words[1:] {
				if got := s.Stem([]byte(w)); got != want {
					t.Errorf("%s: stem %q, want %q", w, got, want)
				}
			}
		})
	}
	if got := s.Stem([]byte("łódź")); got != "łódź" {
		t.Errorf("a short word was cut: %q", got)
	}
	a := NewAnalyzer()
	a.SetLanguage("pl")
	var keys []string
	a.TextTerms("Spotkanie z Donaldem Tuskiem i Donaldem Trumpem", func(t Term) {
		if t.Name {
			keys = append(keys, t.Cross)
		}
	})
	if !slices.Contains(keys, "tuskiem") || !slices.Contains(keys, "trumpem") {
		t.Errorf("cross-language name keys %q, want the written names", keys)
	}
}

// TestShoutingHeadline checks that outside English the words of a
// sentence written in capitals are not names (a Turkish agency headline),
// that an acronym in a sentence of ordinary case still is, and that
// English keeps its rule.
func TestShoutingHeadline(t *testing.T) {
	names := func(lang, text string) []string {
		a := NewAnalyzer()
		a.SetLanguage(lang)
		var out []string
		a.TextTerms(text, func(t Term) {
			if t.Name {
				out = append(out, t.Stem)
			}
		})
		return out
	}
	for _, tc := range []struct {
		name, lang, text string
		want             int // names found
	}{
		{"turkish capitals", "tr", "İSTANBUL'DA UTANDIRAN GÖRÜNTÜ; GÖZALTINA ALINAN KİŞİ ADLİYEYE SEVKEDİLDİ", 0},
		{"turkish acronym", "tr", "CHP Genel Başkanı Kılıçdaroğlu partiye seslendi", 4},
		{"german capitals", "de", "POLIZEI SUCHT ZEUGEN NACH EINBRUCH", 0},
		{"two capitals of four", "de", "Streit: NRW und BVB streiten", 2},
		{"english capitals", "en", "POLICE SEEK WITNESSES AFTER BREAK-IN", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := names(tc.lang, tc.text); len(got) != tc.want {
				t.Errorf("names %q, want %d", got, tc.want)
			}
		})
	}
}

// TestArabicFolding checks, on real words, that the spellings and forms
// of one Arabic word fold to one term: hamza seats, alef variants, teh
// marbuta, alef maksura, tatweel and diacritics, the article with a joined
// preposition, and a relative adjective's feminine, plural and adverbial
// endings, which also meet the country's name (lang/arabic-nisba.txt).
func TestArabicFolding(t *testing.T) {
	s := NewStemmerFor("ar")
	for _, tc := range []struct{ words []string }{
		{[]string{"مسؤول", "مسئول", "المسؤول"}},
		{[]string{"ليبي", "ليبية", "الليبية", "والليبي"}},
		{[]string{"عسكري", "العسكرية", "عسكريّة"}},
		{[]string{"مصري", "المصرية", "بالمصرية"}},
		{[]string{"إيطاليا", "ايطاليا", "أيطاليا"}},
		{[]string{"مستشفى", "المستشفي", "المستشفی"}},
		{[]string{"كورونا", "کورونا"}},
		{[]string{"جامعة", "الجامعه", "الجـامعة"}},
		{[]string{"ليبيا", "الليبيين", "الليبيون", "ليبيًا"}},
		{[]string{"مصري", "المصريين", "مصريا"}},
		{[]string{"دولي", "دوليا", "الدولية"}},
		{[]string{"سوري", "سوريا", "السوريين"}},
	} {
		t.Run(tc.words[0], func(t *testing.T) {
			want := s.Stem([]byte(tc.words[0]))
			for _, w := range tc.words[1:] {
				if got := s.Stem([]byte(w)); got != want {
					t.Errorf("%s: term %q, want %q", w, got, want)
				}
			}
		})
	}
	// Short words ending in -iya stay whole: فيه is "in it", not a
	// relative adjective.
	// Short words with such an ending stay whole: فيه is "in it", مليون
	// "million", عليا "upper", none a relative adjective.
	for _, w := range []string{"فيه", "مليون", "عليا"} {
		if got := s.Stem([]byte(w)); got != w {
			t.Errorf("%s: term %q, want it whole", w, got)
		}
	}
	// A real excerpt (SemEval-2022 Arabic pair 1485928382, on Libya): the
	// country, the Libyans and the Libyan army are one term.
	a := NewAnalyzer()
	a.SetLanguage("ar")
	n := 0
	a.TextTerms("لن ترسل تركيا قوات عسكرية إلى ليبيا فورا. نحن لن نذهب إلى ليبيا من أجل القتال ضد الليبيين، بدعوة من الجيش الوطني الليبي", func(t Term) {
		if t.Stem == "ليبي" {
			n++
		}
	})
	if n != 4 {
		t.Errorf("the excerpt gave the term ليبي %d times, want 4 (ليبيا twice, الليبيين, الليبي)", n)
	}
}

// TestArabicStopWords checks that Arabic function words are stop words
// whatever seat their hamza is written with, and with the conjunction wa-
// or fa- joined to their front, while content words are not.
func TestArabicStopWords(t *testing.T) {
	for _, tc := range []struct {
		word string
		stop bool
	}{
		{"إلى", true},
		{"الى", true},
		{"ألى", true},
		{"وهذا", true},
		{"فقد", true},
		{"وكان", true},
		{"وزارة", false},
		{"فيروس", false},
		{"طرابلس", false},
	} {
		t.Run(tc.word, func(t *testing.T) {
			if got := IsStopWordIn("ar", tc.word); got != tc.stop {
				t.Errorf("IsStopWordIn(ar, %q) = %v, want %v", tc.word, got, tc.stop)
			}
		})
	}
}

// TestTurkishStopWordsInCapitals checks that a Turkish stop word written
// in capitals, whose I lower-cases to i outside Turkish rules, is still a
// stop word.
func TestTurkishStopWordsInCapitals(t *testing.T) {
	for _, w := range []string{"AYRICA", "ASLINDA", "ALTMIŞ"} {
		t.Run(w, func(t *testing.T) {
			lower := string(Lower(nil, w))
			if !IsStopWordIn("tr", lower) {
				t.Errorf("%s (%q) is no stop word", w, lower)
			}
		})
	}
	if IsStopWordIn("tr", "belediye") {
		t.Error("belediye is a stop word")
	}
}

// TestPolishShortWords checks that the case forms of short Polish words
// and names, which truncation to five letters does not reach, share a
// stem, and that the endings are listed longest first.
func TestPolishShortWords(t *testing.T) {
	s := NewStemmerFor("pl")
	for _, tc := range []struct{ words []string }{
		{[]string{"duda", "dudy", "dudą", "dudę"}},
		{[]string{"tusk", "tuska", "tuskiem", "tuskowi"}},
		{[]string{"kraj", "kraju", "krajem"}},
	} {
		t.Run(tc.words[0], func(t *testing.T) {
			want := s.Stem([]byte(tc.words[0]))
			for _, w := range tc.words[1:] {
				if got := s.Stem([]byte(w)); got != want {
					t.Errorf("%s: stem %q, want %q", w, got, want)
				}
			}
		})
	}
	for i := 1; i < len(polishEndings); i++ {
		if utf8.RuneCountInString(polishEndings[i]) > utf8.RuneCountInString(polishEndings[i-1]) {
			t.Errorf("ending %q comes after the shorter %q", polishEndings[i], polishEndings[i-1])
		}
	}
}

// TestStemmerBase checks the word a language cut short keeps beside its
// cut stem (Polish with one case ending shed, Turkish with
// dotless ı as i), and that the other languages keep none.
func TestStemmerBase(t *testing.T) {
	for _, tc := range []struct{ lang, word, stem, base string }{
		{"pl", "papieża", "papie", "papież"},
		{"pl", "franciszka", "franc", "franciszk"},
		{"pl", "dudy", "dud", "dud"},
		{"tr", "kılıçdaroğlu", "kiliçd", "kiliçdaroğlu"},
		{"de", "papstes", "papst", ""},
		{"en", "popes", "pope", ""},
		{"ar", "البابا", "بابا", ""},
	} {
		t.Run(tc.lang+"/"+tc.word, func(t *testing.T) {
			s := NewStemmerFor(tc.lang)
			if got := s.Base([]byte(tc.word)); got != "" {
				t.Errorf("base %q before the word was stemmed", got)
			}
			if got := s.Stem([]byte(tc.word)); got != tc.stem {
				t.Errorf("stem %q, want %q", got, tc.stem)
			}
			if got := s.Base([]byte(tc.word)); got != tc.base {
				t.Errorf("base %q, want %q", got, tc.base)
			}
		})
	}
}
