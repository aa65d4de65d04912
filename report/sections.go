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
var sectionFragments = sync.OnceValue(func() *sectionSet {
	return &sectionSet{
		speakerRow: newFragment("speakerRow", 2), statement: newFragment("statement", 2),
		statementDirect: newFragment("statementDirect", 2), variantLink: newFragment("variantLink", 2),
		conflictHead: newFragment("conflictHead", 2), majority: newFragment("majority", 1), claim: newFragment("claim", 4),
		familyOpen: newFragment("familyOpen", 1), familyLink: newFragment("familyLink", 2),
		familyAgency: newFragment("familyAgency", 1), evidence: newFragment("evidence", 1),
	}
})

// sectionSet names each fragment of sectionFragments after its template.
type sectionSet struct {
	speakerRow, statement, statementDirect, variantLink *fragment
	conflictHead, majority, claim                       *fragment
	familyOpen, familyLink, familyAgency, evidence      *fragment
}

// SpeakersHTML writes the rows of who said what, each speaker with their
// statements and the wordings that change them (see fragment). It reads
// them when the page is rendered, after any relabelling of the articles.
func (v StoryView) SpeakersHTML() template.HTML {
	fs := sectionFragments()
	b := newHTMLBuf()
	for _, s := range v.Speakers {
		b.WriteString("\n      ")
		fs.speakerRow.writeTo(b, s.Speaker, s.Count)
		b.WriteString("\n        ")
		for _, q := range v.Quotes[s.From:s.To] {
			if q.Direct {
				fs.statementDirect.writeTo(b, q.Text, q.Count)
			} else {
				fs.statement.writeTo(b, q.Text, q.Count)
			}
			b.WriteString("\n        ")
			for _, vr := range q.Variants {
				if !vr.Altered {
					continue
				}
				fs.variantLink.writeTo(b, vr.Article.Href, strconv.Itoa(vr.Article.Label))
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
		fs.conflictHead.writeTo(b, c.Kind, c.Description)
		b.WriteString("\n    ")
		if c.Majority != "" {
			fs.majority.writeTo(b, c.Majority)
		}
		b.WriteString("\n    ")
		for _, cl := range c.Claims {
			fs.claim.writeTo(b, cl.Href, strconv.Itoa(cl.Article.Label), cl.Value, cl.Text)
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
		fs.familyOpen.writeTo(b, f.Kind)
		for _, a := range f.Articles {
			fs.familyLink.writeTo(b, a.Href, strconv.Itoa(a.Label))
		}
		if f.Agency != "" {
			fs.familyAgency.writeTo(b, f.Agency)
		}
		b.WriteString("\n      <details><summary>evidence</summary><ul>")
		for _, e := range f.Evidence {
			fs.evidence.writeTo(b, e)
		}
		b.WriteString("</ul></details></li>")
	}
	return b.done()
}
