package report

import (
	"html/template"
	"strconv"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

// Graph is the provenance graph of a story, laid out for SVG as a tree
// read top to bottom: each family's common source (an article, or a text
// outside the set drawn dashed) with its members indented under it, then
// every independent article. Each node is a row naming its outlet, date
// and title, so the graph reads at the width of a phone as of a desk.
type Graph struct {
	Width, Height int
	Nodes         []GraphNode
	Edges         []GraphEdge
}

// GraphNode is an article, or the hidden source of a family.
type GraphNode struct {
	X, Y   int
	Label  string // "[3]", or the agency's initials or "?" for a hidden source
	Name   string // the outlet, or what the hidden source is
	Date   string // the article's date, "" when unknown
	Line   string // the article's title, cut to fit the row
	Title  string // the tooltip: everything the row cuts
	Href   string
	Hidden bool
	// Agency is the news agency every member of the node's family
	// credits, named on the family's source as the common source.
	Agency string
	// TextAt is TextX, and NameY and LineY are where the name and the
	// line of text stand, worked out once so the template calls no
	// function a node.
	TextAt, NameY, LineY int
}

// nodeFragments write a node of the graph: its opening, shown or
// hidden, with its tooltip; its circle, label and name; its date; its
// line of text; a link.
var nodeFragments = sync.OnceValue(func() [6]*fragment {
	return [6]*fragment{newFragment("nodeOpen", 1), newFragment("nodeOpenHidden", 1), newFragment("nodeBody", 6),
		newFragment("nodeDate", 1), newFragment("nodeLine", 3), newFragment("cellLink", 1)}
})

// NodesHTML writes the graph's nodes (see fragment), each followed by
// the space the template puts between them. It reads them when the page
// is rendered, after any relabelling of the articles.
func (g Graph) NodesHTML() template.HTML {
	fs := nodeFragments()
	b := newHTMLBuf()
	for _, n := range g.Nodes {
		open := fs[0]
		if n.Hidden {
			open = fs[1]
		}
		open.writeTo(b, n.Title)
		if n.Href != "" {
			fs[5].writeTo(b, n.Href)
		}
		x, y := strconv.Itoa(n.X), strconv.Itoa(n.Y)
		fs[2].writeTo(b, x, y, n.Label, strconv.Itoa(n.TextAt), strconv.Itoa(n.NameY), n.Name)
		if n.Date != "" {
			fs[3].writeTo(b, n.Date)
		}
		b.WriteString(`</text>`)
		if n.Line != "" {
			fs[4].writeTo(b, strconv.Itoa(n.TextAt), strconv.Itoa(n.LineY), n.Line)
		}
		if n.Href != "" {
			b.WriteString(`</a>`)
		}
		b.WriteString("</g>\n    ")
	}
	return b.done()
}

// TextX is where a node's text starts, right of its circle.
func (n GraphNode) TextX() int { return n.X + graphRadius + 8 }

// GraphEdge links a source to an article derived from it: down from the
// source, then across to the article.
type GraphEdge struct {
	X1, Y1, X2, Y2 int
	Kind           string // copy, rewrite, shared
}

// Layout of the graph, in SVG units (a unit is a CSS pixel at the
// graph's natural width, which fits a phone's screen).
const (
	graphWidth  = 400
	graphRow    = 46
	graphTop    = 26
	graphRadius = 14
	graphIndent = 36
	// graphChar is the width of an average character of the node's
	// text, to cut titles to the row.
	graphChar = 6.6
)

// provenanceGraph lays out a story's families and independent articles.
func provenanceGraph(st *storyfold.Story, refs map[string]ArticleRef) Graph {
	var g Graph
	inFamily := map[string]bool{}
	y := graphTop
	node := func(r ArticleRef, x, y int) GraphNode {
		n := GraphNode{X: x, Y: y, Label: "[" + strconv.Itoa(r.Label) + "]", Name: r.Source, Date: r.Date, Href: r.Href}
		n.Title = n.Label + " " + r.Source
		if r.Date != "" {
			n.Title += " · " + r.Date
		}
		if r.Title != "" {
			n.Title += ": " + r.Title
		}
		n.Line = r.Title
		return n
	}
	for _, f := range st.Families {
		var top GraphNode
		members := f.Articles
		switch {
		case f.Origin != "":
			top = node(refs[f.Origin], 0, y)
			var rest []string
			for _, id := range members {
				if id != f.Origin {
					rest = append(rest, id)
				}
			}
			members = rest
		case f.Kind == storyfold.FamilySharedOrigin && f.Agency != "":
			// The common text is the agency's story every member credits.
			top = GraphNode{Y: y, Label: agencyInitials(f.Agency), Name: f.Agency + " (common source)", Hidden: true,
				Line:  "a story every member credits, not among the articles",
				Title: "a story by " + f.Agency + ", which every member credits, not among the articles"}
		case f.Kind == storyfold.FamilySharedOrigin:
			top = GraphNode{Y: y, Label: "?", Name: "common source", Line: "a text the family derives from, not among the articles",
				Title: "a text the family derives from, not among the articles", Hidden: true}
		default: // near copies: the first is drawn as the one the others copy
			top = node(refs[members[0]], 0, y)
			members = members[1:]
		}
		kind := "rewrite"
		switch f.Kind {
		case storyfold.FamilyNearCopies:
			kind = "copy"
		case storyfold.FamilySharedOrigin:
			kind = "shared"
		}
		if f.Agency != "" && !top.Hidden {
			top.Agency = f.Agency
			top.Title += " · common source: " + f.Agency
			top.Line = "common source " + f.Agency + ": " + top.Line
		}
		top.X = graphRadius + 4
		g.Nodes = append(g.Nodes, top)
		for _, id := range members {
			y += graphRow
			x := top.X + graphIndent
			g.Nodes = append(g.Nodes, node(refs[id], x, y))
			g.Edges = append(g.Edges, GraphEdge{X1: top.X, Y1: top.Y + graphRadius, X2: x - graphRadius, Y2: y, Kind: kind})
		}
		y += graphRow
		for _, id := range f.Articles {
			inFamily[id] = true
		}
	}
	for _, id := range st.Articles {
		if inFamily[id] {
			continue
		}
		g.Nodes = append(g.Nodes, node(refs[id], graphRadius+4, y))
		y += graphRow
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		room := int(float64(graphWidth-n.TextX()-4) / graphChar)
		n.Name = cut(n.Name, room-len(n.Date)-3)
		n.Line = cut(n.Line, room)
		n.TextAt, n.NameY, n.LineY = n.TextX(), n.Y-3, n.Y+13
	}
	g.Width = graphWidth
	g.Height = max(y-graphRow, graphTop) + graphRadius + 16
	return g
}

// cut shortens s to at most n runes, ending it with "…" when it cuts.
func cut(s string, n int) string {
	if n < 2 || utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// agencyInitials is the label of an agency's node, which fits in a circle:
// the capitals of its name ("AP" for Associated Press, "AFP" for Agence
// France-Presse), or the start of a one-word name ("Reu" for Reuters).
func agencyInitials(name string) string {
	var caps []rune
	start := true
	for _, r := range name {
		if start && unicode.IsUpper(r) {
			caps = append(caps, r)
		}
		start = r == ' ' || r == '-'
	}
	if len(caps) >= 2 && len(caps) <= 4 {
		return string(caps)
	}
	if rs := []rune(name); len(rs) > 3 {
		return string(rs[:3])
	}
	return name
}

// edgeFragment is an edge of the graph.
var edgeFragment = sync.OnceValue(func() *fragment { return newFragment("edge", 5) })

// EdgesHTML writes the graph's edges (see fragment).
func (g Graph) EdgesHTML() template.HTML {
	f := edgeFragment()
	b := newHTMLBuf()
	for _, e := range g.Edges {
		f.writeTo(b, e.Kind, strconv.Itoa(e.X1), strconv.Itoa(e.Y1), strconv.Itoa(e.Y2), strconv.Itoa(e.X2))
	}
	return b.done()
}
