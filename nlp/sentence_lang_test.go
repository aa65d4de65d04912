package nlp

import (
	"slices"
	"testing"
)

// TestSentencesByLanguage pins sentence splitting on short news excerpts
// of each language storyfold reads: ordinal days ("am 23. Februar"),
// abbreviations that precede a name or a street ("z. B.", "ul.", "Dhr."),
// and each language's quotation marks („…“, « … », ¿…?) and question mark
// (؟).
func TestSentencesByLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		want       []string
	}{
		{"en", "Gen. Mark Milley spoke on Jan. 5 in Washington. The talks ended.",
			[]string{"Gen. Mark Milley spoke on Jan. 5 in Washington.", "The talks ended."}},
		{"de", "Die Wahl findet am 23. Februar statt. Danach beginnt z. B. die Auszählung. Er sagte: „Wir sind bereit.“ Dann ging er.",
			[]string{"Die Wahl findet am 23. Februar statt.", "Danach beginnt z. B. die Auszählung.", "Er sagte: „Wir sind bereit.“", "Dann ging er."}},
		{"fr", "« Nous sommes prêts. » M. Macron l'a dit lundi. Le sommet a eu lieu à Hanoï.",
			[]string{"« Nous sommes prêts. »", "M. Macron l'a dit lundi.", "Le sommet a eu lieu à Hanoï."}},
		{"es", "¿Qué pasará ahora? El Sr. Sánchez no respondió. La reunión terminó.",
			[]string{"¿Qué pasará ahora?", "El Sr. Sánchez no respondió.", "La reunión terminó."}},
		{"it", "Il sig. Rossi è arrivato a Roma. La riunione è finita.",
			[]string{"Il sig. Rossi è arrivato a Roma.", "La riunione è finita."}},
		{"pt", "O Sr. Silva falou ontem. A reunião terminou.",
			[]string{"O Sr. Silva falou ontem.", "A reunião terminou."}},
		{"nl", "Dhr. Rutte sprak dinsdag. Het kabinet viel.",
			[]string{"Dhr. Rutte sprak dinsdag.", "Het kabinet viel."}},
		{"pl", "Protest zaczął się przy ul. Wiejskiej. Policja zatrzymała 12 osób.",
			[]string{"Protest zaczął się przy ul. Wiejskiej.", "Policja zatrzymała 12 osób."}},
		{"ru", "Встреча прошла на ул. Тверской. Президент не приехал.",
			[]string{"Встреча прошла на ул. Тверской.", "Президент не приехал."}},
		{"tr", "Prof. Dr. Ahmet Yılmaz açıklama yaptı. Toplantı sona erdi.",
			[]string{"Prof. Dr. Ahmet Yılmaz açıklama yaptı.", "Toplantı sona erdi."}},
		{"ar", "هل انتهت الأزمة؟ قال الوزير إن المحادثات مستمرة.",
			[]string{"هل انتهت الأزمة؟", "قال الوزير إن المحادثات مستمرة."}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			var got []string
			for _, sp := range Sentences(nil, tc.text, 0, len(tc.text)) {
				got = append(got, tc.text[sp.Start:sp.End])
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("sentences\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}
