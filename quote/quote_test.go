package quote

import (
	"strings"
	"testing"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/entity"
	"github.com/storyfold/storyfold/nlp"
)

// annotate splits text whose paragraphs are separated by blank lines, as
// cleaned article text is, and finds its entities.
func annotate(text string) ([]storyfold.Paragraph, []storyfold.Span, []storyfold.Entity) {
	var paras []storyfold.Paragraph
	var sents []storyfold.Span
	start := 0
	for _, p := range strings.Split(text, "\n\n") {
		paras = append(paras, storyfold.Paragraph{Start: start, End: start + len(p)})
		sents = nlp.Sentences(sents, text, start, start+len(p))
		start += len(p) + 2
	}
	return paras, sents, entity.Article("a", entity.NewFinder().Find(text, sents))
}

func find(text string) []storyfold.Quotation {
	paras, sents, ents := annotate(text)
	return NewFinder().Find(text, sents, paras, ents)
}

type want struct{ text, speaker string }

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"a title before a one-word name that is also a place's",
			"Representative Jim Jordan questioned the commissioner. Mr. Shulman answered. “Dozens of visits and it never came up?” Mr. Jordan said.",
			[]want{{"Dozens of visits and it never came up?", "Jim Jordan"}}},
		{"a possessor's noun cue, not the clause's subject",
			"Mayor Linda Cho dismissed Senator Tom Becker's comment on Sunday that the council is under a “reign of terror” from its own members.",
			[]want{{"the council is under a “reign of terror” from its own members", "Tom Becker"}, {"reign of terror", "Tom Becker"}}},
		{"a role held under its head word",
			"Secretary of State Anna Morel testified for five hours. Critics questioned the secretary's insistence that she never read the “urgent cables” herself.",
			[]want{{"she never read the “urgent cables” herself", "Anna Morel"}, {"urgent cables", "Anna Morel"}}},
		{"cue before with comma",
			"Addressing these worries in Brussels, Hegseth stated, “There is no betrayal there. There is a recognition that the whole world is invested in peace.” He added that peace would require concessions.",
			[]want{{"There is no betrayal there. There is a recognition that the whole world is invested in peace.", "Hegseth"}}},
		{"titles stripped, full name kept",
			"Prior to his meeting, US Secretary of Defense Pete Hegseth stated, “There is no betrayal there.”",
			[]want{{"There is no betrayal there.", "Pete Hegseth"}}},
		{"cue after, name after cue",
			"“We want peace,” said NATO Secretary General Mark Rutte.",
			[]want{{"We want peace,", "Mark Rutte"}}},
		{"cue after, name before cue",
			"\"Europe must step up,\" Rutte told reporters on Thursday.",
			[]want{{"Europe must step up,", "Rutte"}}},
		{"pronoun resolved to the person named before",
			"Defense Secretary Pete Hegseth spoke in Brussels. “It is not a betrayal,” he said.",
			[]want{{"It is not a betrayal,", "Pete Hegseth"}}},
		{"partial quote inside a sentence",
			"U.S. Defense Secretary Pete Hegseth emphasized that the effort to negotiate peace was \"certainly not a betrayal\" of Ukrainian forces.",
			[]want{{"the effort to negotiate peace was \"certainly not a betrayal\" of Ukrainian forces", "Pete Hegseth"}, {"certainly not a betrayal", "Pete Hegseth"}}},
		{"participle after a clause",
			"German Chancellor Scholz opposed any settlement, while Defense Minister Pistorius criticized Washington’s concessions to Moscow, stating, “It would have been better to speak about it at the table.”",
			[]want{{"It would have been better to speak about it at the table.", "Pistorius"}}},
		{"organisation speaker",
			"“The talks will go ahead,” the Kremlin said in a statement.",
			[]want{{"The talks will go ahead,", "the Kremlin"}}},
		{"according to",
			"The call was “highly productive”, according to Donald Trump.",
			[]want{{"The call was “highly productive”", "Donald Trump"}, {"highly productive", "Donald Trump"}}},
		{"quote over two paragraphs",
			"Hegseth said: “We are here to talk.\n\n“And we will listen to our allies.”",
			[]want{{"We are here to talk.\n\n“And we will listen to our allies.", "Hegseth"}}},
		{"reported speech without marks",
			"There is no betrayal there, said Hegseth ahead of a meeting with NATO counterparts in Brussels.",
			[]want{{"There is no betrayal there", "Hegseth"}}},
		{"surname resolved to the earlier full name",
			"Pete Hegseth arrived in Brussels on Wednesday.\n\nThere is no betrayal there, said Hegseth ahead of a meeting.",
			[]want{{"There is no betrayal there", "Pete Hegseth"}}},
		{"no speaker rather than a wrong one",
			"The slogan “peace through strength” was everywhere.",
			[]want{{"peace through strength", ""}}},
		{"unclosed quote dropped",
			"He said “this never closes.\n\nNext paragraph without a mark.",
			nil},
		{"unnamed officials: unmarked speech without a speaker",
			"The talks began on Monday, officials in Brussels said.",
			[]want{{"The talks began on Monday", ""}}},
		{"no cue, no reported speech",
			"The talks began on Monday, officials in Brussels arrived late.",
			nil},
		{"lower-case title after the cue",
			"“It would have been better,” stated German defense minister Boris Pistorius.",
			[]want{{"It would have been better,", "Boris Pistorius"}}},
		{"a sentence that only attributes the quote before it",
			"Trump spoke to reporters. “I believe this effort will succeed, hopefully soon!” Trump stated.",
			[]want{{"I believe this effort will succeed, hopefully soon!", "Trump"}}},
		{"a following sentence with an object does not attribute",
			"Merezhko dismissed the remarks as “illogical.” He urged the U.S. to visit Ukraine.",
			[]want{{"illogical.", ""}}},
		{"he is the subject of the sentence before, not the last name",
			"Polish Foreign Minister Radosław Sikorski argued for talks with Vladimir Putin.\n\n“Poland remains steadfast,” he said.",
			[]want{{"Poland remains steadfast,", "Radosław Sikorski"}}},
		{"an opening clause is not the statement: the clause after the cue is",
			"After speaking with Putin, Trump said the talks would start soon.",
			[]want{{"the talks would start soon", "Trump"}}},
		{"the cue of a quote is not read past the next quote",
			"President Volodymyr Zelenskyy spoke. Zelenskyy called the talk “meaningful” in a post on X. “President Trump shared details,” he wrote.",
			[]want{{"meaningful", "Volodymyr Zelenskyy"}, {"President Trump shared details,", "Volodymyr Zelenskyy"}}},
		{"an appositive between the speaker and the cue",
			"“The ban is a low priority,” Matt Bennett, a spokesman for Third Way, a research group, said.",
			[]want{{"The ban is a low priority,", "Matt Bennett"}}},
		{"a party tag after the name",
			"“This is very emotional for me,” Rep. Jesse Jackson Jr., D-Ill., said on the floor.",
			[]want{{"This is very emotional for me,", "Jesse Jackson Jr"}}},
		{"place is not a speaker",
			"“We are ready,” Ukraine said.",
			[]want{{"We are ready,", ""}}},
		{"a second quote in the paragraph goes on with its speaker past a name only mentioned",
			"“We will rebuild,” said Maria Lopez, mayor of the Kansas City suburb of Olathe. “And we will do it this year.”",
			[]want{{"We will rebuild,", "Maria Lopez"}, {"And we will do it this year.", "Maria Lopez"}}},
		{"a paragraph that is only a quote goes on with the speaker before",
			"“The charges are baseless,” Tom Reyes, who has advised the governor since 2019, told local radio.\n\n“We will fight them in court.”",
			[]want{{"The charges are baseless,", "Tom Reyes"}, {"We will fight them in court.", "Tom Reyes"}}},
		{"a name after the cue that opens a clause is not the speaker",
			"Judge Amy Carter said the defendant was “plainly reckless” with the funds.",
			[]want{{"the defendant was “plainly reckless” with the funds", "Amy Carter"}, {"plainly reckless", "Amy Carter"}}},
		{"a word quoted in running text is not attributed by the name after it",
			"Senator Paul Dixon went after “Greedy” Acme executive John Marsh on Monday, appearing to call on regulators to act.",
			[]want{{"Greedy", "Paul Dixon"}}},
		{"a participle opening the sentence takes the subject after the quote",
			"Calling the plan “a disgrace,” Governor Ann Miles vetoed it on Friday.",
			[]want{{"a disgrace,", "Ann Miles"}}},
		{"a described organisation is the one named just before",
			"Acme Corp. denied the report on Monday.\n\n“We have never sold user data,” the tech giant said in a statement.",
			[]want{{"We have never sold user data,", "Acme Corp"}}},
		{"she is not the man named last",
			"Linda Moss met Governor Tom Hale on Monday. Hale left early.\n\n“It was a good meeting,” she said.",
			[]want{{"It was a good meeting,", "Linda Moss"}}},
		{"a quote over paragraphs goes on with the speaker before",
			"“We are ready,” Bob Smith said.\n\n“We will go on.\n\n“And we will win.”",
			[]want{{"We are ready,", "Bob Smith"}, {"We will go on.\n\n“And we will win.", "Bob Smith"}}},
		{"no cue: the main clause's subject, not a name nearer the quote",
			"Karen Wise wrote in a now-deleted post on Friday evening that the mayor and council member Tom Reyes, both of them new, should “try showing a little humility” at meetings.",
			[]want{{"try showing a little humility", "Karen Wise"}}},
		{"an adverb between the speaker and the cue",
			"President Alan Ward even acknowledged that the city was “not prepared” for the storm.",
			[]want{{"the city was “not prepared” for the storm", "Alan Ward"}, {"not prepared", "Alan Ward"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := find(tt.text)
			if len(got) != len(tt.want) {
				t.Errorf("%s: got %d quotes %+v, want %d", tt.name, len(got), got, len(tt.want))
				return
			}
			for i, g := range got {
				if g.Text != tt.want[i].text || g.Speaker != tt.want[i].speaker {
					t.Errorf("%s:\n got %q by %q\nwant %q by %q", tt.name, g.Text, g.Speaker, tt.want[i].text, tt.want[i].speaker)
				}
				if tt.text[g.Span.Start:g.Span.End] != g.Text {
					t.Errorf("%s: span %v is not the text", tt.name, g.Span)
				}
			}
		})
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"Mayor Linda Cho said that the plan would fail.", "According to Linda Cho, the vote is off.", "The vote is off, according to a Fox News poll.", "Cho told reporters the\n\nplan, saying “x”.", "He said that", "X said, that", "“a”", "\"a \"b\" c\"", "“““", "”””", "x, said Y Z.", "A said: “b\n\n“c”", "\"\n\n\"", strings.Repeat("“", 100), "“a,” B C said.\n\n“d\n\n“e”", "“a\n\nb.” c", "Ann Lee's comment that it is “x”.", "the secretary's insistence she saw it", "'s claim that", "A’s remark that “b” c", "“x?” Mr. Jordan said.",
		// The paths of the fourth round: roles from titles, attempts, noun
		// cues with their verb, documents' participles, "which said",
		// unnamed subjects, joint statements, a quote after reported speech.
		"Gov. Al Ray spoke. “a,” the governor said.", "The House speaker continued, noting that x", "He tried to explain that", "went on to say that y z", "A raised the concern that b c.", "laid out his belief that", "Ann Lee issued a statement saying b c", "the Acme Group, a firm, which said it", "Critics, however, say the law is bad.", ", who said that x y", "“a,” B (D) and C D (D) said. “e”", "Ann Lee says she sees x. “y”", "When A B went, C D said. “e,” he said.", "said Tuesday’s x y", "said Mr. B was “c”",
		// Unmarked speech continued across a story (see groupPair).
		"There is no betrayal there, said Hegseth in Brussels. There is a recognition that the world is invested and interested in peace. That will take time.",
		"a b c, said D. a b c d e f. a b c d e f. a b c d e f. a b c d e f.",
		// The paths of the fifteenth round: a given name alone, a noun
		// before a fragment, "they" after a quote, a role's appositive
		// after "according to", a pull quote's dash, "told" closing a
		// statement, a participle after an opening phrase.
		"Dale Ford spoke. “a,” Dale wrote.", "Apple was “pulled in,” Cook said.", "Acme have denied it.\n\n“a,” they said.", "“a,” they said.",
		"According to his aunt, Jane Starner, “a”", "According to his aunt, “a”", "“a b.” — Neil Gaiman", "“a” —", "a b c d, Cook told Benioff.", "a, Cook told",
		"On Saturday, she praised him, saying she hoped it would “b.”", ", she said, saying"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, q := range find(text) {
			if q.Span.Start < 0 || q.Span.End > len(text) || q.Span.Start > q.Span.End {
				t.Fatalf("bad span %+v", q)
			}
			if text[q.Span.Start:q.Span.End] != q.Text {
				t.Fatalf("text %q is not the span's", q.Text)
			}
		}
		groupPair(t, text)
	})
}

// groupPair groups the quotes of text with those of a second article that
// quotes all its sentences in quotation marks after a cue, with "and"
// dropped, so that unmarked speech in text is continued and variants
// differ, and checks what every variant says changed.
func groupPair(t *testing.T, text string) {
	t.Helper()
	mk := func(id, text string) *storyfold.Article {
		a := &storyfold.Article{ID: id, Text: text}
		var ents []storyfold.Entity
		a.Paragraphs, a.Sentences, ents = annotate(text)
		a.Quotes = NewFinder().Find(text, a.Sentences, a.Paragraphs, ents)
		return a
	}
	other := "He said: “" + strings.ReplaceAll(strings.NewReplacer("“", "", "”", "", "\"", "").Replace(text), " and ", " ") + "”"
	arts := []*storyfold.Article{mk("a", text), mk("b", other)}
	for _, q := range Group(arts, nil) {
		for _, v := range q.Variants {
			a := arts[0]
			if v.Article == "b" {
				a = arts[1]
			}
			if QuotationOf(a, v.Text) < 0 {
				t.Fatalf("variant %q is no quotation of its article", v.Text)
			}
			if v.Missing == nil || v.Added == nil {
				t.Fatalf("variant %+v has a nil list", v)
			}
			if v.Diff == "" && (len(v.Missing) > 0 || len(v.Added) > 0) {
				t.Fatalf("variant %+v lists changes its diff does not", v)
			}
			for _, w := range v.Missing {
				if !strings.Contains(v.Diff, "[-"+w+"-]") {
					t.Fatalf("missing %q is not in the diff %q", w, v.Diff)
				}
			}
			for _, w := range v.Added {
				if !strings.Contains(v.Diff, "{+"+w+"+}") {
					t.Fatalf("added %q is not in the diff %q", w, v.Diff)
				}
			}
			if v.Article == "a" && len(v.Text) > len(text)+len(". ")*maxContinued {
				t.Fatalf("variant %q is longer than its article", v.Text)
			}
		}
	}
}

// TestLinear checks that thousands of quotation marks cost no more than
// linear time, by size of output rather than a clock.
func TestManyMarks(t *testing.T) {
	text := strings.Repeat("“a ” said B C. ", 5000) + strings.Repeat("\"", 10000)
	qs := find(text)
	if len(qs) != 5000 {
		t.Errorf("got %d quotes, want 5000", len(qs))
	}
}

func BenchmarkFind(b *testing.B) {
	text := strings.Repeat("Addressing these worries in Brussels, Hegseth stated, “There is no betrayal there.” He added that peace would require concessions. “We want peace,” said NATO Secretary General Mark Rutte. There is no betrayal there, said Hegseth ahead of a meeting.\n\n", 10)
	text = strings.TrimSpace(text)
	paras, sents, ents := annotate(text)
	f := NewFinder()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		f.Find(text, sents, paras, ents)
	}
}

func TestDiff(t *testing.T) {
	tests := []struct{ canon, variant, want string }{
		{"There is no betrayal there.", "there is no betrayal there", ""},
		{"the whole world and the United States is invested and interested in peace",
			"the whole world and the United States is interested in peace",
			"the whole world and the United States is [-invested and-] interested in peace"},
		{"we are here to talk", "we are here to negotiate", "we are here to [-talk-] {+negotiate+}"},
		// An excerpt omits nothing.
		{"I had a lengthy and highly productive call with President Putin", "lengthy and highly productive", ""},
		{"peace now", "peace now and forever", "peace now {+and forever+}"},
	}
	for _, tt := range tests {
		t.Run(shortName(tt.variant), func(t *testing.T) {
			if got := Diff(tt.canon, tt.variant); got != tt.want {
				t.Errorf("Diff(%q, %q) = %q, want %q", tt.canon, tt.variant, got, tt.want)
			}
		})
	}
}

func TestGroup(t *testing.T) {
	mk := func(id, text string) *storyfold.Article {
		a := &storyfold.Article{ID: id, Text: text}
		a.Paragraphs = []storyfold.Paragraph{{Start: 0, End: len(text)}}
		a.Sentences = nlp.Sentences(nil, text, 0, len(text))
		a.Quotes = NewFinder().Find(text, a.Sentences, a.Paragraphs, entity.Article(id, entity.NewFinder().Find(text, a.Sentences)))
		return a
	}
	arts := []*storyfold.Article{
		mk("a", "Defense Secretary Pete Hegseth said: “The whole world is invested and interested in peace.”"),
		mk("b", "“The whole world is interested in peace,” Hegseth said."),
		mk("c", "“We will not send troops,” said Hegseth. The Kremlin said “nothing”."),
	}
	ents := []storyfold.Entity{{Name: "Pete Hegseth", Type: "person", Aliases: []string{"Hegseth"}}}
	qs := Group(arts, ents)
	if len(qs) != 3 {
		t.Fatalf("got %d groups: %+v", len(qs), qs)
	}
	q := qs[0]
	if q.Speaker != "Pete Hegseth" || len(q.Articles) != 2 || len(q.Variants) != 2 {
		t.Fatalf("first group %+v", q)
	}
	altered := 0
	for _, v := range q.Variants {
		if strings.Contains(v.Diff, "[-invested and-]") {
			altered++
		}
	}
	if altered != 1 {
		t.Errorf("the variant that drops words is not flagged: %+v", q.Variants)
	}
}

// shortName names a subtest after the opening words of its input.
func shortName(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30])
	}
	return s
}
