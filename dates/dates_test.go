package dates

import (
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

func find(text string, ref storyfold.Date) []storyfold.DateMention {
	return NewFinder().Find(text, nlp.Sentences(nil, text, 0, len(text)), ref)
}

func TestFind(t *testing.T) {
	// Thursday, February 13, 2025.
	ref := storyfold.Date{Time: time.Date(2025, 2, 13, 0, 0, 0, 0, time.UTC)}
	tests := []struct {
		text string
		want []dateWant
	}{
		{"Trump spoke with Putin on Wednesday.", wants("on Wednesday", "2025-02-12", storyfold.GranularityDay)},
		{"The leaders will meet on Friday in Riyadh.", wants("on Friday", "2025-02-14", storyfold.GranularityDay)},
		{"Talks collapsed last Friday.", wants("last Friday", "2025-02-07", storyfold.GranularityDay)},
		// A future word far from the weekday does not move it ahead.
		{"Rice criticized the minister on Tuesday over his plans to speak next month.", []dateWant{
			{"on Tuesday", "2025-02-11", storyfold.GranularityDay}, {"next month", "2025-03-01", storyfold.GranularityMonth}}},
		{"The mayor was in Riverton on Monday but was scheduled to return Tuesday.", []dateWant{
			{"on Monday", "2025-02-10", storyfold.GranularityDay}, {"Tuesday", "2025-02-18", storyfold.GranularityDay}}},
		{"The mayor cancelled a scheduled interview Monday night.", wants("Monday", "2025-02-10", storyfold.GranularityDay)},
		{"Rep. Lee is expected to announce his bid Friday.", wants("Friday", "2025-02-14", storyfold.GranularityDay)},
		{"Mr. Lee is expected to disclose his plans during a call with members on Monday evening.", wants("on Monday", "2025-02-17", storyfold.GranularityDay)},
		{"He appeared on ABC's This Week to defend the plan.", nil},
		{"Couples will be allowed to file jointly, the agency announced Thursday.", wants("Thursday", "2025-02-13", storyfold.GranularityDay)},
		{"“I will not speak again,” he told reporters Wednesday.", wants("Wednesday", "2025-02-12", storyfold.GranularityDay)},
		{"The mayor — who has said she will not run — met the council on Monday.", wants("on Monday", "2025-02-10", storyfold.GranularityDay)},
		{"They meet next Monday.", wants("next Monday", "2025-02-17", storyfold.GranularityDay)},
		{"The deal was signed on February 12, 2025, in Paris.", wants("February 12, 2025", "2025-02-12", storyfold.GranularityDay)},
		{"It began on 24 February 2022.", wants("24 February 2022", "2022-02-24", storyfold.GranularityDay)},
		{"The summit opens Feb. 14 in Munich.", wants("Feb. 14", "2025-02-14", storyfold.GranularityDay)},
		{"Elections were held in December.", wants("December", "2024-12-01", storyfold.GranularityMonth)},
		{"Russia annexed Crimea in 2014.", wants("2014", "2014-01-01", storyfold.GranularityYear)},
		{"He resigned two weeks ago.", wants("two weeks ago", "2025-01-27", storyfold.GranularityWeek)},
		{"Officials said yesterday that talks would start.", wants("yesterday", "2025-02-12", storyfold.GranularityDay)},
		{"Prices rose last month.", wants("last month", "2025-01-01", storyfold.GranularityMonth)},
		{"You may say so. They march on.", nil},
		{"In 1,200 cases and 90 minutes.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := find(tt.text, ref)
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %d dates", got, len(tt.want))
			}
			for i, g := range got {
				w := tt.want[i]
				if g.Text != w.text || g.Date.String() != w.date || g.Granularity != w.gran {
					t.Errorf("got %q %s %s, want %q %s %s", g.Text, g.Date, g.Granularity, w.text, w.date, w.gran)
				}
				if tt.text[g.Span.Start:g.Span.End] != g.Text {
					t.Errorf("span %v is not %q", g.Span, g.Text)
				}
			}
		})
	}
}

func TestFindUnknownReference(t *testing.T) {
	got := find("Trump called on Wednesday. The war began on 24 February 2022.", storyfold.Date{})
	if len(got) != 2 {
		t.Fatalf("got %+v", got)
	}
	if got[0].Date.Known() || !got[0].Relative {
		t.Errorf("a weekday without a reference date was resolved: %+v", got[0])
	}
	if got[1].Date.String() != "2022-02-24" {
		t.Errorf("an absolute date needs no reference: %+v", got[1])
	}
}

// dateWant is a date mention a test wants: its words, the day meant and
// how precisely the day is known.
type dateWant struct {
	text, date string
	gran       storyfold.Granularity
}

func wants(text, date string, gran storyfold.Granularity) []dateWant {
	return []dateWant{{text, date, gran}}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"on Wednesday", "February 12, 2025", "12 Feb", "May 99", "31 February 2025", "two weeks ago",
		"am 23. Februar", "29.01.2020", "el 5 de marzo de 2021", "28 Mayıs'ta", "١٢ آذار/مارس ٢٠٢٠", "segunda-feira", "يوم الأحد"} {
		f.Add(s)
	}
	ref := storyfold.Date{Time: time.Date(2025, 2, 13, 0, 0, 0, 0, time.UTC)}
	// Each input is read in English and in every language of data/.
	langs := []string{"en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "tr", "ar"}
	f.Fuzz(func(t *testing.T, text string) {
		finder := NewFinder()
		sentences := nlp.Sentences(nil, text, 0, len(text))
		for _, lang := range langs {
			finder.SetLanguage(lang)
			for _, m := range finder.Find(text, sentences, ref) {
				if m.Span.Start < 0 || m.Span.End > len(text) || m.Span.Start > m.Span.End || text[m.Span.Start:m.Span.End] != m.Text {
					t.Fatalf("%s: bad mention %+v", lang, m)
				}
			}
		}
	})
}
