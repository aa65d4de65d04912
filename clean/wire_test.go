package clean

import (
	"slices"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
)

func TestAgencyListParses(t *testing.T) {
	if _, err := parseAgencies(agenciesData); err != nil {
		t.Fatalf("agencies.txt: %v", err)
	}
	if _, err := parseCreditForms(creditLinesData); err != nil {
		t.Fatalf("credit-lines.txt: %v", err)
	}
	// Every canonical name is a form of itself.
	for _, c := range agencies.fold {
		if got, ok := agencies.agency(c); !ok || got != c {
			t.Errorf("canonical %q looks up as %q", c, got)
		}
	}
}

func TestAgencyListRejectsDuplicates(t *testing.T) {
	tests := []struct{ name, data string }{
		{"same long form in another case", "Foo News | Bar Wire\nBaz | bar wire\n"},
		{"same short form", "Foo News | FN\nFine News | FN\n"},
		{"a form with and without The", "Foo News\nThe Foo News\n"},
		{"empty form", "Foo News | | FN\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := parseAgencies(tt.data); err == nil {
				t.Errorf("no error for %q", tt.data)
			}
		})
	}
	if _, err := parseCreditForms("with {agency}\nwith {agency}\n"); err == nil {
		t.Error("a credit form listed twice is accepted")
	}
	if _, err := parseCreditForms("reporting by * => Nobody Wire\n"); err == nil {
		t.Error("a credit form with an unknown agency is accepted")
	}
	if _, err := parseCreditForms("información de {agency}\n"); err == nil {
		t.Error("a credit form that is not ASCII is accepted")
	}
}

func TestAgencyForms(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"AP", "Associated Press"},
		{"The Associated Press", "Associated Press"},
		{"THE ASSOCIATED PRESS", "Associated Press"},
		{"REUTERS", "Reuters"},
		{"Agence France-Presse", "Agence France-Presse"},
		{"dpa", "Deutsche Presse-Agentur"},
		{"Ap", ""}, // short forms only as written
		{"ap", ""},
		{"pa", ""},
		{"CNN", ""}, // a network, not an agency
		{"Michael Bloomberg", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, _ := agencies.agency(tt.in)
			if got != tt.want {
				t.Errorf("agency(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestWireCredits cleans short excerpts written for the test, in the forms
// agencies credit themselves, next to running text that names an agency
// and must stay.
func TestWireCredits(t *testing.T) {
	const head = "Senate Passes Budget Deal\n\n"
	body := "The Senate approved the spending plan late on Tuesday after a week of talks between party leaders."
	body2 := "The measure now goes to the House, where its fate is less certain, aides said on Wednesday."
	tests := []struct {
		name     string
		text     string
		agencies []string
		removed  map[string]int // reason -> count
		keep     []string       // must stay in the text
		gone     []string       // must not stay in the text
		byline   string
		dateline string
	}{
		{name: "AP dateline", text: head + "WASHINGTON (AP) — " + body + "\n\n" + body2,
			agencies: []string{"Associated Press"}, removed: map[string]int{"dateline": 1}, dateline: "WASHINGTON", keep: []string{body}, gone: []string{"(AP)"}},
		{name: "Reuters dateline with region", text: head + "KYIV, Ukraine (Reuters) - " + body + "\n\n" + body2,
			agencies: []string{"Reuters"}, dateline: "KYIV, Ukraine", keep: []string{body}},
		{name: "date-only UPI dateline", text: head + "April 29 (UPI) — " + body + "\n\n" + body2,
			agencies: []string{"United Press International"}, dateline: "April 29", keep: []string{body}, gone: []string{"(UPI)", "April 29"}},
		{name: "place and date dateline", text: head + "LONDON, Feb 12 (Reuters) - " + body + "\n\n" + body2,
			agencies: []string{"Reuters"}, dateline: "LONDON, Feb 12", keep: []string{body}},
		{name: "mixed-case place with a credit", text: head + "Denver (AP) – " + body + "\n\n" + body2,
			agencies: []string{"Associated Press"}, dateline: "Denver", keep: []string{body}},
		{name: "credit alone before the dash", text: head + "(Bloomberg) -- " + body + "\n\n" + body2,
			agencies: []string{"Bloomberg"}, removed: map[string]int{"dateline": 1}, keep: []string{body}, gone: []string{"(Bloomberg)"}},
		{name: "two agencies in the brackets", text: head + "BEIRUT (Reuters/AFP) - " + body + "\n\n" + body2,
			agencies: []string{"Agence France-Presse", "Reuters"}, dateline: "BEIRUT"},
		{name: "a network is not an agency", text: head + "(CNN) — " + body + "\n\n" + body2,
			keep: []string{"(CNN) — " + body}},
		{name: "mixed-case words before a dash without a credit stay", text: head + "Then (finally) - " + body + "\n\n" + body2,
			keep: []string{"Then (finally) - "}},
		{name: "byline with an agency", text: head + "By Jill Carter and Sam Moreno, Associated Press\n\n" + body + "\n\n" + body2,
			agencies: []string{"Associated Press"}, removed: map[string]int{"byline": 1}, byline: "Jill Carter and Sam Moreno"},
		{name: "byline with a bar", text: head + "By Jane Roe | AP\n\n" + body + "\n\n" + body2,
			agencies: []string{"Associated Press"}, byline: "Jane Roe"},
		{name: "byline that is only the agency", text: head + "By Reuters\n\n" + body + "\n\n" + body2,
			agencies: []string{"Reuters"}, removed: map[string]int{"wire-credit": 1, "byline": 0}},
		{name: "a person's byline is not a credit", text: head + "By Michael Bloomberg\n\n" + body + "\n\n" + body2,
			removed: map[string]int{"byline": 1}, byline: "Michael Bloomberg"},
		{name: "agency alone on a line", text: head + "AFP\n\n" + body + "\n\n" + body2,
			agencies: []string{"Agence France-Presse"}, removed: map[string]int{"wire-credit": 1}},
		{name: "contributed line", text: head + body + "\n\n" + body2 + "\n\nThe Associated Press contributed to this report.",
			agencies: []string{"Associated Press"}, removed: map[string]int{"wire-credit": 1, "credit": 0}},
		{name: "writer contributed", text: head + body + "\n\n" + body2 + "\n\nAssociated Press writers Mark Olsen in Kyiv and Dana Ruiz in Moscow contributed.",
			agencies: []string{"Associated Press"}, removed: map[string]int{"wire-credit": 1}},
		{name: "Reuters sign-off", text: head + body + "\n\n" + body2 + "\n\n(Reporting by Anna Petrova in Kyiv; Writing by Tom Hale; Editing by Lisa Grant)",
			agencies: []string{"Reuters"}, removed: map[string]int{"wire-credit": 1}},
		{name: "an agency among the contributors", text: head + body + "\n\n" + body2 + "\n\nStaff writer Ann Lee and The Associated Press contributed to this report.",
			agencies: []string{"Associated Press"}, removed: map[string]int{"wire-credit": 1}},
		{name: "staff contributors are not a wire credit", text: head + body + "\n\n" + body2 + "\n\nStaff writers Ann Lee and Bo Kim contributed to this report.",
			removed: map[string]int{"credit": 1, "wire-credit": 0}},
		{name: "material from an agency", text: head + body + "\n\n" + body2 + "\n\nMaterial from the Associated Press supplemented this report.",
			agencies: []string{"Associated Press"}, removed: map[string]int{"wire-credit": 1}},
		{name: "with AFP", text: head + body + "\n\n" + body2 + "\n\nWith AFP",
			agencies: []string{"Agence France-Presse"}, removed: map[string]int{"wire-credit": 1}},
		{name: "dash and agency", text: head + body + "\n\n" + body2 + "\n\n— Reuters",
			agencies: []string{"Reuters"}, removed: map[string]int{"wire-credit": 1}},
		{name: "agency copyright", text: head + body + "\n\n" + body2 + "\n\nCopyright 2025 The Associated Press. All rights reserved.",
			agencies: []string{"Associated Press"}, removed: map[string]int{"wire-credit": 1}},
		{name: "correction note is not a credit", text: head + body + "\n\n" + body2 + "\n\nThis story has been corrected to fix the spelling of a name.",
			removed: map[string]int{"credit": 1, "wire-credit": 0}},
		{name: "credit at the end of the last paragraph", text: head + body + "\n\n" + body2 + " PTI",
			agencies: []string{"Press Trust of India"}, removed: map[string]int{"wire-credit": 1}, keep: []string{body2}, gone: []string{"PTI"}},
		{name: "dateline and closing credit of two agencies", text: head + "PARIS (AP) — " + body + "\n\n" + body2 + "\n\nReuters contributed to this report.",
			agencies: []string{"Associated Press", "Reuters"}},
		{name: "running text that cites agencies stays", text: head + "Reuters reported on Monday that the talks had stalled over the final figure.\n\n" +
			"The minister told The Associated Press that a deal was close.\n\nAn AP count showed 40 senators in favour.\n\n" +
			"Bloomberg contributed $5 million to the campaign.\n\n" + body,
			keep:    []string{"Reuters reported on Monday", "told The Associated Press", "An AP count", "Bloomberg contributed $5 million"},
			removed: map[string]int{"wire-credit": 0}},
		{name: "agency name ending running text stays", text: head + body + "\n\n" + "The figures were first published by Reuters.",
			keep: []string{"first published by Reuters."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Article(storyfold.Article{Text: tt.text}, Options{})
			if !slices.Equal(got.Agencies, tt.agencies) {
				t.Errorf("agencies = %q, want %q", got.Agencies, tt.agencies)
			}
			rs := reasons(got)
			for reason, n := range tt.removed {
				if len(rs[reason]) != n {
					t.Errorf("removed %d %s lines, want %d (removed: %q)", len(rs[reason]), reason, n, rs)
				}
			}
			for _, k := range tt.keep {
				if !strings.Contains(got.Text, k) {
					t.Errorf("text lost %q:\n%s", k, got.Text)
				}
			}
			for _, g := range tt.gone {
				if strings.Contains(got.Text, g) {
					t.Errorf("text kept %q:\n%s", g, got.Text)
				}
			}
			if got.Byline != tt.byline {
				t.Errorf("byline = %q, want %q", got.Byline, tt.byline)
			}
			if tt.dateline != "" && got.Dateline != tt.dateline {
				t.Errorf("dateline = %q, want %q", got.Dateline, tt.dateline)
			}
			checkIdempotent(t, got)
		})
	}
}

// TestAgenciesKeptAcrossCleanings checks that cleaning an article that
// already records agencies keeps them, merged with the ones found.
func TestAgenciesKeptAcrossCleanings(t *testing.T) {
	in := storyfold.Article{Agencies: []string{"Reuters"}, Text: "Budget Deal Passes\n\nWASHINGTON (AP) — The Senate approved the spending plan late on Tuesday."}
	got := Article(in, Options{})
	if want := []string{"Associated Press", "Reuters"}; !slices.Equal(got.Agencies, want) {
		t.Errorf("agencies = %q, want %q", got.Agencies, want)
	}
	if len(in.Agencies) != 1 {
		t.Errorf("the input's agencies changed: %q", in.Agencies)
	}
}
