package report

import (
	"html/template"
	"strconv"
	"sync"
)

// sectionFragments write who said what (a speaker's row, a statement,
// direct or not, a variant's link), the conflicts (a conflict's head, its
// majority, a claim) and the families (a family's opening, a link to a
// member, its agency, a line of evidence): the parts of a story page
// repeated per speaker, statement, claim or family (see fragment).
var sectionFragments = sync.OnceValue(func() [11]*fragment {
	return [11]*fragment{
		newFragment("speakerRow", 2), newFragment("statement", 2), newFragment("statementDirect", 2), newFragment("variantLink", 2),
		newFragment("conflictHead", 2), newFragment("majority", 1), newFragment("claim", 4),
		newFragment("familyOpen", 1), newFragment("familyLink", 2), newFragment("familyAgency", 1), newFragment("evidence", 1),
	}
})

// SpeakersHTML writes the rows of who said what, each speaker with their
// statements and the wordings that change them (see fragment). It reads
// them when the page is rendered, after any relabelling of the articles.
func (v StoryView) SpeakersHTML() template.HTML {
	fs := sectionFragments()
	b := newHTMLBuf()
	for _, s := range v.Speakers {
		b.WriteString("\n      ")
		fs[0].writeTo(b, s.Speaker, s.Count)
		b.WriteString("\n        ")
		for _, q := range v.Quotes[s.From:s.To] {
			if q.Direct {
				fs[2].writeTo(b, q.Text, q.Count)
			} else {
				fs[1].writeTo(b, q.Text, q.Count)
			}
			b.WriteString("\n        ")
			for _, vr := range q.Variants {
				if !vr.Altered {
					continue
				}
				fs[3].writeTo(b, vr.Article.Href, strconv.Itoa(vr.Article.Label))
				b.WriteString("\n          ")
				vr.writeSegments(b)
				b.WriteString("</div>")
			}
			b.WriteString("</div>\n        ")
		}
		if s.More != 0 {
			b.WriteString(`<p class="meta">and `)
			b.WriteString(strconv.Itoa(s.More))
			b.WriteString(" more statement")
			if s.More != 1 {
				b.WriteByte('s')
			}
			b.WriteString("</p>")
		}
		b.WriteString("\n      </td></tr>\n    ")
	}
	return b.done()
}

// ConflictsHTML writes the conflicts, each with its claims (see
// fragment). It reads them when the page is rendered, after any
// relabelling of the articles.
func (v StoryView) ConflictsHTML() template.HTML {
	fs := sectionFragments()
	b := newHTMLBuf()
	for _, c := range v.Conflicts {
		b.WriteString("\n  <div class=\"conflict-block\">\n    ")
		fs[4].writeTo(b, c.Kind, c.Description)
		b.WriteString("\n    ")
		if c.Majority != "" {
			fs[5].writeTo(b, c.Majority)
		}
		b.WriteString("\n    ")
		for _, cl := range c.Claims {
			fs[6].writeTo(b, cl.Href, strconv.Itoa(cl.Article.Label), cl.Value, cl.Text)
		}
		b.WriteString("\n  </div>\n  ")
	}
	return b.done()
}

// FamiliesHTML writes the families of articles, each with its members
// and its evidence (see fragment). It reads them when the page is
// rendered, after any relabelling of the articles.
func (v StoryView) FamiliesHTML() template.HTML {
	fs := sectionFragments()
	b := newHTMLBuf()
	for _, f := range v.Families {
		fs[7].writeTo(b, f.Kind)
		for _, a := range f.Articles {
			fs[8].writeTo(b, a.Href, strconv.Itoa(a.Label))
		}
		if f.Agency != "" {
			fs[9].writeTo(b, f.Agency)
		}
		b.WriteString("\n      <details><summary>evidence</summary><ul>")
		for _, e := range f.Evidence {
			fs[10].writeTo(b, e)
		}
		b.WriteString("</ul></details></li>")
	}
	return b.done()
}
