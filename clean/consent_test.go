package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

// TestConsentData rejects a malformed line of data/consent and a phrase a
// file lists twice, and asks for a list in every language the boilerplate
// lists have.
func TestConsentData(t *testing.T) {
	entries, err := consentFiles.ReadDir("data/consent")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, e := range entries {
		have[e.Name()] = true
		data, err := consentFiles.ReadFile("data/consent/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for n, line := range strings.Split(string(data), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			p, err := parseConsentLine(line)
			if err != nil {
				t.Errorf("%s:%d: %v", e.Name(), n+1, err)
				continue
			}
			if at, dup := seen[p.phrase]; dup {
				t.Errorf("%s:%d: %q already on line %d", e.Name(), n+1, p.phrase, at)
			}
			seen[p.phrase] = n + 1
		}
	}
	langs, err := boilerplateFiles.ReadDir("data/boilerplate")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range langs {
		if !have[e.Name()] {
			t.Errorf("data/consent/%s missing: every language of data/boilerplate needs one", e.Name())
		}
	}
}

// TestParseConsentLine checks that the loader rejects what it must.
func TestParseConsentLine(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
	}{
		{"consent\tprivacy policy", true},
		{"wall\tnie jestem robotem", true},
		{"privacy\tprivacy policy", true},
		{"consent\tPrivacy policy", false},
		{"banner\tprivacy policy", false},
		{"consent privacy policy", false},
		{"consent\tabc", false},
		{"consent\t privacy policy", false},
		{"consent\t\"as is\"", false},
	} {
		t.Run(tc.line, func(t *testing.T) {
			if _, err := parseConsentLine(tc.line); (err == nil) != tc.ok {
				t.Errorf("error %v, want ok %v", err, tc.ok)
			}
		})
	}
}

// TestConsentParagraphs checks the rule for long paragraphs on excerpts of
// the SemEval-2022 sample's tuning half (the pair ids are given), and that
// a news paragraph that names a privacy policy, even twice, is kept.
func TestConsentParagraphs(t *testing.T) {
	tests := []struct {
		name string
		text string
		// head is what is kept of the paragraph: "" for none, the whole
		// text when the paragraph is not boilerplate.
		head string
		wall bool
	}{
		{
			name: "pl consent banner of 55 words (1610492040_1578536288)",
			text: "Aby ulepszyć witrynę, wyświetlać relewantne materiały informacyjne i dedykowane reklamy, zbieramy anonimowe informacje techniczne o Państwie, w tym za pomocą narzędzi naszych partnerów. Szczegółowy opis procesu przetwarzania danych znajdą Państwo w Polityce prywatności. Szczegółowy opis technologii, z których korzystamy, znajdą Państwo w Polityce wykorzystywania plików cookies i automatycznego logowania.",
		},
		{
			name: "ar MENAFN disclaimer of 59 words (1551687002_1551666366)",
			text: `تعمل شركة "شبكة الشرق الأوسط وشمال أفريقيا للخدمات المالية" على توفير المعلومات "كما هي" دون أي تعهدات أو ضمانات... سواء صريحة أو ضمنية.إذ أن هذا يعد إخلاء لمسؤوليتنا من ممارسات الخصوصية أو المحتوى الخاص بالمواقع المرفقة ضمن شبكتنا بما يشمل الصور ومقاطع الفيديو. لأية استفسارات تتعلق باستخدام وإعادة استخدام مصدر المعلومات هذه يرجى التواصل مع مزود المقال المذكور أعلاه.`,
		},
		{
			name: "pl robot check in one paragraph (1483758715_1483855447)",
			text: `Przykro nam, ale z adresu IP, z którego się łączy, zauważyliśmy ogromną liczbę połączeń.Zauważmy, że ktoś nadużywał adres IP, z którego używasz.Jeśli chcesz się z nami połączyć, wybierz "Nie jestem robotem".Twój adres IP: 207.241.233.112 szliśmy odnotować ilość połączeń. Podejrzewamy, że ktoś nadżył adresu IP, z którego korzystasz. Jeśli chcesz połączyć się z nami zaznacz "NIE JESTEM ROBOTEM". Twój adres IP: 207.241.233.112`,
			wall: true,
		},
		{
			name: "pl headline glued to a banner without a space (1483866541_1484156791)",
			text: "Od 1 stycznia obniżki dla spadków, dla uproszczenia i wsparcia przedsiębiorstw Trasy wykopalisk.Dołączony link do polityki prywatności, przypominamy podstawowe informacje na temat przetwarzania danych osobowych dostarczonych przez Ciebie podczas korzystania z naszego serwisu.  do Polityki Prywat przypominamy podstawowe informacje z danych dotyczących danych dostarczonych przez Ciebie i naszego serwisu.",
			head: "Od 1 stycznia obniżki dla spadków, dla uproszczenia i wsparcia przedsiębiorstw Trasy wykopalisk.",
		},
		{
			name: "pl two privacy words and no banner wording: kept (1483866541_1484156791, cut)",
			text: "Dołączony link do polityki prywatności, przypominamy informacje na temat przetwarzania danych osobowych.",
			head: "Dołączony link do polityki prywatności, przypominamy informacje na temat przetwarzania danych osobowych.",
		},
		{
			name: "pl headline glued to a banner by a space",
			text: "Koniec finansowania WHO? Trump stawia warunek Aby ulepszyć witrynę, wyświetlać relewantne materiały informacyjne i dedykowane reklamy, zbieramy anonimowe informacje techniczne o Państwie. Szczegółowy opis procesu przetwarzania danych znajdą Państwo w Polityce prywatności.",
			head: "Koniec finansowania WHO? Trump stawia warunek",
		},
		{
			name: "pl news paragraph naming a privacy policy once",
			text: "Urząd Ochrony Danych Osobowych nałożył na spółkę karę 2,8 mln zł. Według prezesa urzędu firma przez dwa lata nie informowała klientów o zmianach, a jej polityka prywatności nie wspominała o przekazywaniu danych partnerom. Spółka zapowiedziała odwołanie do sądu.",
			head: "Urząd Ochrony Danych Osobowych nałożył na spółkę karę 2,8 mln zł. Według prezesa urzędu firma przez dwa lata nie informowała klientów o zmianach, a jej polityka prywatności nie wspominała o przekazywaniu danych partnerom. Spółka zapowiedziała odwołanie do sądu.",
		},
		{
			name: "en news paragraph with two phrases in one of its sentences",
			text: "The regulator fined the company 1.2 million euros on Tuesday. Its investigators found that the firm's privacy policy never said it shared personal data with advertisers. The company said it would appeal, and that it had changed its practices in March. Shares fell 3 percent in Frankfurt after the announcement.",
			head: "The regulator fined the company 1.2 million euros on Tuesday. Its investigators found that the firm's privacy policy never said it shared personal data with advertisers. The company said it would appeal, and that it had changed its practices in March. Shares fell 3 percent in Frankfurt after the announcement.",
		},
		{
			name: "de story that asks readers to enable JavaScript for its comments",
			text: "Die Konferenz endete am Abend ohne gemeinsame Erklärung. Please enable JavaScript to view the comments powered by Disqus",
			head: "Die Konferenz endete am Abend ohne gemeinsame Erklärung. Please enable JavaScript to view the comments powered by Disqus",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			head := tc.text
			cut, wall, ok := consentCut(tc.text)
			if ok {
				head = strings.TrimSpace(tc.text[:cut])
			}
			if head != tc.head {
				t.Errorf("kept %q, want %q", head, tc.head)
			}
			if wall != tc.wall {
				t.Errorf("wall %v, want %v", wall, tc.wall)
			}
		})
	}
}

// TestNotArticles checks whole pages of the SemEval sample's tuning half:
// a page that is not an article (a robot check, a listing of offers, a
// site's navigation) is left without text, which is how the cleaner tells
// the pipeline there is no article, and every line is listed in Removed; a
// headline above a banner and nothing else keeps the headline as its
// text; a short brief of a few lines stays an article.
func TestNotArticles(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    string // the cleaned text
		removed map[string]int
	}{
		{
			name:    "pl robot check (1483758715_1483855447)",
			text:    `Przykro nam, ale z adresu IP, z którego się łączy, zauważyliśmy ogromną liczbę połączeń.Zauważmy, że ktoś nadużywał adres IP, z którego używasz.Jeśli chcesz się z nami połączyć, wybierz "Nie jestem robotem".Twój adres IP: 207.241.233.112 szliśmy odnotować ilość połączeń. Podejrzewamy, że ktoś nadżył adresu IP, z którego korzystasz. Jeśli chcesz połączyć się z nami zaznacz "NIE JESTEM ROBOTEM". Twój adres IP: 207.241.233.112`,
			removed: map[string]int{"call-to-action": 1},
		},
		{
			name:    "pl listing of offers (1622107953_1619946734)",
			text:    "Onet – Jesteś na bieżąco\nOferty\n\nWystarczy kilkadziesiąt złotych, żeby kupić na prezent smartband\n\nPiękno dzikiej przyrody i kolory Afryki - odkryj Kenię\n\nVolkswagen się wyprzedaje. SUV-y już od 600 zł miesięcznie!\n\nKasia Cichopek w modnej sukience sylwestrowej. Podobną kupisz za 59 zł\n\nWiedźmińska kolekcja ubrań od Medicine. Gratka dla fanów!\n\nOto siedem tanich smartfonów, które możesz podarować pod choinkę\n\nTOP10 tanich dronów z kamerą - idealne na prezent\n\nWielka wyprzedaż zimowych kurtek! Top pięć modeli już od 90 zł\n\nWyprzedaż w Outhorn. Damskie bluzy i kurtki nawet o połowę tańsze\n\nWyprzedaż w CCC: te torebki są idealne na co dzień i kosztują nawet 40 proc. mniej",
			removed: map[string]int{"share-links": 12},
		},
		{
			name:    "ar site navigation (1538556075_1538566306)",
			text:    "الحوار المتمدن\nالتبرع للموقع - ادعمونا\n\n\n\n\n\nالموقع الرئيسي لمؤسسة الحوار المتمدن\n\nيسارية , علمانية , ديمقراطية\n\n\"من أجل مجتمع مدني علماني ديمقراطي حديث يضمن الحرية والعدالة الاجتماعية للجميع\"\n\nحاز الحوار المتمدن على جائزة ابن رشد للفكر الحر والتى نالها أعلام في الفكر والثقافة",
			removed: map[string]int{"headline": 1, "call-to-action": 1, "share-links": 4},
		},
		{
			name:    "pl headline above a consent banner (1610492040_1578536288)",
			text:    "Koniec finansowania WHO? Trump stawia warunek\nAby ulepszyć witrynę, wyświetlać relewantne materiały informacyjne i dedykowane reklamy, zbieramy anonimowe informacje techniczne o Państwie, w tym za pomocą narzędzi naszych partnerów. Szczegółowy opis procesu przetwarzania danych znajdą Państwo w Polityce prywatności. Szczegółowy opis technologii, z których korzystamy, znajdą Państwo w Polityce wykorzystywania plików cookies i automatycznego logowania.\n\nKlikając na przycisk \"Zaakceptuj i zamknij\", jasno wyrażają Państwo zgodę na przetwarzanie danych w celu osiągnięcia powyższych celów.\n\nWycofać zgodę mogą Państwo, korzystając z metody określonej w Polityce prywatności.",
			want:    "Koniec finansowania WHO? Trump stawia warunek",
			removed: map[string]int{"call-to-action": 3},
		},
		{
			name:    "ar headline above a disclaimer (1551687002_1551666366)",
			text:    "الاردن- عريس إربد المصاب بكورونا يوجه رسالة للأردنيين\nتعمل شركة \"شبكة الشرق الأوسط وشمال أفريقيا للخدمات المالية\" على توفير المعلومات \"كما هي\" دون أي تعهدات أو ضمانات... سواء صريحة أو ضمنية.إذ أن هذا يعد إخلاء لمسؤوليتنا من ممارسات الخصوصية أو المحتوى الخاص بالمواقع المرفقة ضمن شبكتنا بما يشمل الصور ومقاطع الفيديو. لأية استفسارات تتعلق باستخدام وإعادة استخدام مصدر المعلومات هذه يرجى التواصل مع مزود المقال المذكور أعلاه.",
			want:    "الاردن- عريس إربد المصاب بكورونا يوجه رسالة للأردنيين",
			removed: map[string]int{"call-to-action": 1},
		},
		{
			name:    "a brief of short lines stays",
			text:    "Fire in Bydgoszcz\nOne person died\nTwelve firefighters at the scene\nPolice investigating",
			want:    "One person died\n\nTwelve firefighters at the scene\n\nPolice investigating",
			removed: map[string]int{"headline": 1},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Article(storyfold.Article{Text: tc.text}, Options{})
			if a.Text != tc.want {
				t.Errorf("text %q, want %q", a.Text, tc.want)
			}
			got := map[string]int{}
			for _, r := range a.Removed {
				got[string(r.Reason)]++
				if r.Text == "" {
					t.Errorf("removal %q with no text", r.Reason)
				}
			}
			for reason, n := range tc.removed {
				if got[reason] != n {
					t.Errorf("removed %v, want %d %q", got, n, reason)
				}
			}
			if len(got) != len(tc.removed) {
				t.Errorf("removed %v, want %v", got, tc.removed)
			}
			checkIdempotent(t, a)
		})
	}
}

// BenchmarkConsent measures the consent rule alone over the example
// articles' paragraphs, the cost it adds to every paragraph cleaned.
func BenchmarkConsent(b *testing.B) {
	files, _ := filepath.Glob("../examples/ukraine-talks/*.txt")
	var ps []string
	for _, p := range files {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		for _, para := range paragraphs(string(d)) {
			ps = append(ps, para.text)
		}
	}
	if len(ps) == 0 {
		b.Skip("examples not found")
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range ps {
			consentCut(p)
		}
	}
}

// TestConsentLanguages checks, for every language with a list in
// data/consent, that a banner written with its phrases is removed whole
// and that a story sentence naming one of them is kept. The banners are
// written for the test, in the wording sites of each language use; a
// language whose list has no case here fails the test.
func TestConsentLanguages(t *testing.T) {
	cases := []struct {
		lang, text string
		removed    bool
	}{
		{"ar", "نستخدم ملفات تعريف الارتباط لتحسين تجربتك. باستخدامك الموقع فإنك توافق على استخدام ملفات تعريف الارتباط وفق سياسة الخصوصية.", true},
		{"ar", "قالت الهيئة إن الشركة خالفت سياسة الخصوصية المعلنة وفرضت عليها غرامة قدرها مليون دولار.", false},
		{"de", "Diese Seite verwendet Cookies. Mit der Nutzung stimmen Sie zu; Einzelheiten finden Sie in unserer Datenschutzerklärung.", true},
		{"de", "Die Behörde verhängte ein Bußgeld, weil die Datenschutzerklärung des Konzerns unvollständig war.", false},
		{"en", "We use cookies to personalise content and ads. By clicking Accept all you agree; see our privacy policy and cookie settings.", true},
		{"en", "The regulator said the firm's privacy policy did not disclose the sale of location data.", false},
		{"es", "Utilizamos cookies propias y de terceros. Si continúa navegando, usted acepta su uso según nuestra política de cookies.", true},
		{"es", "La agencia multó a la empresa porque su política de privacidad no informaba de la venta de datos.", false},
		{"fr", "Nous utilisons des cookies pour mesurer l'audience. En poursuivant, vous acceptez notre politique de confidentialité.", true},
		{"fr", "La Cnil reproche à l'entreprise une politique de confidentialité trop vague, a-t-elle indiqué mardi.", false},
		{"it", "Questo sito utilizza cookie tecnici e di profilazione. Consulta l'informativa sulla privacy; accetta e chiudi per proseguire.", true},
		{"it", "Il Garante ha contestato all'azienda un'informativa sulla privacy incompleta, ha detto il portavoce.", false},
		{"nl", "Wij gebruiken cookies om de site te verbeteren. Lees ons privacybeleid en cookiebeleid voor meer informatie.", true},
		{"nl", "De toezichthouder noemde het privacybeleid van het bedrijf misleidend, zei een woordvoerder dinsdag.", false},
		{"pl", "Używając strony, wyrażasz zgodę na przetwarzanie danych. Wycofać zgodę można zgodnie z polityką prywatności.", true},
		{"pl", "Urząd zarzucił firmie, że jej polityka prywatności wprowadzała klientów w błąd, poinformował rzecznik.", false},
		{"pt", "Utilizamos cookies para melhorar a sua experiência. Ao continuar, você concorda com a nossa política de privacidade.", true},
		{"pt", "A autoridade multou a empresa porque a sua política de privacidade omitia a venda de dados.", false},
		{"ru", "Мы используем файлы cookie. Продолжая работу с сайтом, вы соглашаетесь с нашей политикой конфиденциальности.", true},
		{"ru", "Регулятор заявил, что политика конфиденциальности компании не соответствует закону.", false},
		{"tr", "Sitemizde çerez kullanıyoruz. Kişisel verilerin korunmasına ilişkin aydınlatma metni ve çerez politikası için tıklayın.", true},
		{"tr", "Kurul, şirketin gizlilik politikası nedeniyle para cezası verdiğini açıkladı.", false},
	}
	removed, kept := map[string]bool{}, map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.lang+"/"+tc.text, func(t *testing.T) {
			cut, _, ok := consentCut(tc.text)
			if got := ok && cut == 0; got != tc.removed {
				t.Errorf("removed %v (cut at %d, ok %v), want %v", got, cut, ok, tc.removed)
			}
		})
		if tc.removed {
			removed[tc.lang] = true
		} else {
			kept[tc.lang] = true
		}
	}
	entries, err := consentFiles.ReadDir("data/consent")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		lang := strings.TrimSuffix(e.Name(), ".txt")
		if !removed[lang] || !kept[lang] {
			t.Errorf("%s: no case of a banner removed and of a sentence kept", e.Name())
		}
	}
}
