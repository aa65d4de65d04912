package dates

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// TestLanguageFiles loads every file of data/ and checks that a word given
// twice, an unknown kind or a month out of range is refused.
func TestLanguageFiles(t *testing.T) {
	for _, code := range []string{"de", "fr", "es", "it", "pt", "nl", "pl", "ru", "tr", "ar"} {
		t.Run(code, func(t *testing.T) {
			l, ok := languages[code]
			if !ok {
				t.Fatalf("no date words for %s", code)
			}
			if len(l.months) < 12 || len(l.weekdays) < 7 || len(l.relative) == 0 {
				t.Errorf("%d months, %d weekdays, %d relative words", len(l.months), len(l.weekdays), len(l.relative))
			}
			seen := map[time.Month]bool{}
			for _, m := range l.months {
				seen[m] = true
			}
			if len(seen) != 12 {
				t.Errorf("%d of the 12 months named", len(seen))
			}
		})
	}
	bad := map[string]string{
		"duplicate":      "month 3 märz\nmonth 3 März\n",
		"two kinds":      "month 5 mai\nweekday 1 mai\n",
		"unknown kind":   "season 1 winter\n",
		"month of 13":    "month 13 smarch\n",
		"three words":    "month 1 a b c\n",
		"missing number": "weekday montag\n",
	}
	for name, data := range bad {
		t.Run(name, func(t *testing.T) {
			if _, err := parseLanguage("xx", data); err == nil {
				t.Errorf("%q accepted", data)
			}
		})
	}
	if _, err := loadLanguages(fstest.MapFS{"data/xx.txt": {Data: []byte("month 1 a\nmonth 1 a\n")}}); err == nil {
		t.Error("a duplicated entry loaded")
	}
}

// TestMonthsAgreeWithDateparser reads "5 <month> 2021" with go-dateparser
// in each language for every month form of data/ it knows: the two readings
// must give one day, so a wrong month number in a file shows. Forms
// go-dateparser does not know (the Levantine Arabic months, some
// abbreviations) are counted, not failed: the scan reads them itself.
func TestMonthsAgreeWithDateparser(t *testing.T) {
	for code, l := range languages {
		t.Run(code, func(t *testing.T) {
			unknown := 0
			for word, mo := range l.months {
				d, ok := nlp.ParseDateIn("5 "+word+" 2021", code)
				if !ok {
					unknown++
					continue
				}
				if want := time.Date(2021, mo, 5, 0, 0, 0, 0, time.UTC); !d.Time.Equal(want) {
					t.Errorf("%q: go-dateparser reads %s, the file says month %d", word, d.Format("2006-01-02"), mo)
				}
			}
			t.Logf("%d of %d month forms unknown to go-dateparser", unknown, len(l.months))
		})
	}
}

// TestLanguagesWithoutExcerpts covers the languages of data/ that the
// SemEval pairs do not hold (Italian, Portuguese, Dutch, Russian) with
// sentences written for the test, and the guards every language shares.
func TestLanguagesWithoutExcerpts(t *testing.T) {
	// Thursday, 5 March 2020.
	ref := storyfold.Date{Time: time.Date(2020, 3, 5, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		lang, text string
		want       []string
	}{
		{"it", "Il decreto del 9 marzo 2020 è entrato in vigore ieri; se ne parlerà lunedì prossimo.", []string{"9 marzo 2020 2020-03-09", "ieri 2020-03-04", "lunedì 2020-03-09"}},
		{"pt", "Na segunda-feira, 2 de março de 2020, o governo falou; em abril haverá outra reunião.", []string{"2 de março de 2020 2020-03-02", "abril 2020-04-01"}},
		{"pt", "O ministro falou ontem na segunda-feira.", []string{"ontem 2020-03-04", "segunda-feira 2020-03-02"}},
		{"nl", "Op 3 maart 2020 en gisteren, sinds januari, in het jaar 2019.", []string{"3 maart 2020 2020-03-03", "gisteren 2020-03-04", "januari 2020-01-01", "2019 2019-01-01"}},
		{"ru", "5 января 2021 года, в марте, в среду; среда города; вчера.", []string{"5 января 2021 2021-01-05", "марте 2020-03-01", "среду 2020-03-04", "вчера 2020-03-04"}},
		// Versions, scores, times and dates in figures without a year.
		{"de", "Version 1.29.01.2020, das Spiel endete 3:1 um 18.30 Uhr am 29.01.", nil},
		// A day the month lacks is no day; its month and year remain.
		{"de", "Am kommenden Montag, am 31. Februar 2020.", []string{"Montag 2020-03-09", "Februar 2020 2020-02-01"}},
		// A capitalised month or weekday inside a sentence of a language
		// that writes them in lower case is a name.
		{"es", "Plácido Domingo cantó en Mayo, y el domingo volvió.", []string{"domingo 2020-03-01"}},
		{"fr", "La sonde vers Mars partira mi-mars.", []string{"mars 2020-03-01"}},
		// Turkish months that are also names or words need a day, a year,
		// "ayında" or a case ending.
		{"tr", "Kasım Bey geldi, Mart ayında ve Nisan'da döndü; 2019 yılında.", []string{"Mart 2020-03-01", "Nisan'da 2020-04-01", "2019 2019-01-01"}},
		{"ar", "الأحد لم يأت، وجاء يوم الأحد ثم أول أمس.", []string{"الأحد 2020-03-01", "أول أمس 2020-03-03"}},
		{"ar", "في ١٢ آذار ٢٠٢٠ وفي 5 كانون الثاني 2021.", []string{"١٢ آذار ٢٠٢٠ 2020-03-12", "5 كانون الثاني 2021 2021-01-05"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.text, func(t *testing.T) {
			f := NewFinder()
			f.SetLanguage(tt.lang)
			var got []string
			for _, m := range f.Find(tt.text, nlp.Sentences(nil, tt.text, 0, len(tt.text)), ref) {
				if tt.text[m.Span.Start:m.Span.End] != m.Text {
					t.Errorf("span %v is not %q", m.Span, m.Text)
				}
				got = append(got, m.Text+" "+m.Date.Format("2006-01-02"))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestEnglishUnchangedBySetLanguage checks that setting English, or a
// language without a file, reads as a finder never set does.
func TestEnglishUnchangedBySetLanguage(t *testing.T) {
	ref := storyfold.Date{Time: time.Date(2025, 2, 13, 0, 0, 0, 0, time.UTC)}
	text := "The deal was signed on February 12, 2025, in Paris; talks resume on Friday and ended last month."
	want := fmt.Sprint(find(text, ref))
	for _, lang := range []string{"en", "", "ja"} {
		f := NewFinder()
		f.SetLanguage("de")
		f.SetLanguage(lang)
		if got := fmt.Sprint(f.Find(text, nlp.Sentences(nil, text, 0, len(text)), ref)); got != want {
			t.Errorf("%q: got %s, want %s", lang, got, want)
		}
	}
}
