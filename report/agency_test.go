package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/report"
)

// wireCopies are three outlets' runs of one agency story, each crediting
// the agency in its dateline, lightly edited as papers do.
func wireCopies() []storyfold.Article {
	body := "The city council approved a budget of $2.4 billion on Tuesday after six hours of debate, ending a standoff that had threatened to close libraries and pools across the city for the summer months.\n\n" +
		"“We kept every library open and every pool staffed,” Mayor Linda Carver said after the vote, which passed eight to three with two members absent from the chamber.\n\n" +
		"Council member Raj Patel voted against the plan, saying it relies on optimistic tax forecasts that the city's own auditors questioned in a report released last month.\n\n" +
		"The budget takes effect on July 1 and includes a hiring freeze for most departments, a two percent raise for teachers and a new fund for road repairs in the eastern districts."
	var out []storyfold.Article
	for i, src := range []string{"Daily Planet", "Evening Star", "Morning Ledger"} {
		text := "SPRINGFIELD (AP) — " + body
		if i == 1 {
			text = strings.Replace(text, "six hours", "nearly six hours", 1)
		}
		out = append(out, storyfold.Article{ID: string(rune('a' + i)), Title: "Council passes budget", Source: src, Text: text})
	}
	return out
}

func TestFamilyCommonAgency(t *testing.T) {
	an := analysis(wireCopies())
	var fam *storyfold.Family
	for _, st := range an.Stories {
		for i := range st.Families {
			if len(st.Families[i].Articles) == 3 {
				fam = &st.Families[i]
			}
		}
	}
	if fam == nil {
		t.Fatalf("the three copies form no family: %+v", an.Stories)
	}
	if fam.Agency != "Associated Press" {
		t.Fatalf("family agency = %q, want Associated Press", fam.Agency)
	}
	for _, tt := range []struct {
		format report.Format
		want   string
	}{
		{report.Text, "common source: Associated Press"},
		{report.Markdown, "common source: Associated Press"},
		{report.HTML, "common source: Associated Press"},
		{report.HTML, ">common source Associated Press: "},
		{report.HTML, "credits Associated Press"},
	} {
		t.Run(string(tt.format)+" "+tt.want, func(t *testing.T) {
			var b bytes.Buffer
			if err := report.Write(&b, an, tt.format, report.Options{}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), tt.want) {
				t.Errorf("%s report lacks %q", tt.format, tt.want)
			}
		})
	}
}

// TestFamilyWithoutCommonAgency checks that a family whose members credit
// different agencies names none.
func TestFamilyWithoutCommonAgency(t *testing.T) {
	raw := wireCopies()
	raw[2].Text = strings.Replace(raw[2].Text, "(AP)", "(Reuters)", 1)
	an := analysis(raw)
	families := 0
	for _, st := range an.Stories {
		for _, f := range st.Families {
			families++
			if f.Agency != "" {
				t.Errorf("family %v names %q as its common source", f.Articles, f.Agency)
			}
		}
	}
	if families == 0 {
		t.Fatal("the copies form no family")
	}
	var b bytes.Buffer
	if err := report.Write(&b, an, report.Text, report.Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "common source:") {
		t.Error("the text report names a common source")
	}
}
