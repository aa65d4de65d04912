package report

import (
	"strconv"
	"unicode"

	"github.com/storyfold/storyfold"
)

// Graph is the provenance graph of a story, laid out for SVG: a column per
// family, its common source on top (an article, or a hidden text drawn
// dashed), and a column per independent article.
type Graph struct {
	Width, Height int
	Nodes         []GraphNode
	Edges         []GraphEdge
}

// GraphNode is an article, or the hidden source of a family.
type GraphNode struct {
	X, Y   int
	Label  string // "[3]", or "?" for a hidden source
	Name   string // the outlet, shortened
	Title  string // the tooltip
	Href   string
	Hidden bool
	// Agency is the news agency every member of the node's family
	// credits, drawn above the family's source.
	Agency string
}

// GraphEdge links a source to an article derived from it.
type GraphEdge struct {
	X1, Y1, X2, Y2 int
	Kind           string // copy, rewrite, shared
}

// Layout of the graph, in SVG units: each article has a slot of its own,
// a family's source stands centred above its members.
const (
	graphSlot  = 120
	graphRow   = 90
	graphTop   = 36
	nameLength = 16
)

// provenanceGraph lays out a story's families and independent articles.
func provenanceGraph(st *storyfold.Story, refs map[string]ArticleRef) Graph {
	var g Graph
	inFamily := map[string]bool{}
	slot := 0
	rows := 1
	node := func(r ArticleRef, x, y int) GraphNode {
		return GraphNode{X: x, Y: y, Label: "[" + strconv.Itoa(r.Label) + "]", Name: shortName(r.Source), Title: r.Title, Href: r.Href}
	}
	for _, f := range st.Families {
		var top GraphNode
		members := f.Articles
		switch {
		case f.Origin != "":
			top = node(refs[f.Origin], 0, graphTop)
			var rest []string
			for _, id := range members {
				if id != f.Origin {
					rest = append(rest, id)
				}
			}
			members = rest
		case f.Kind == "shared origin" && f.Agency != "":
			// The common text is the agency's story every member credits.
			top = GraphNode{Y: graphTop, Label: agencyInitials(f.Agency), Name: shortName(f.Agency), Hidden: true,
				Title: "a story by " + f.Agency + ", which every member credits, not among the articles"}
		case f.Kind == "shared origin":
			top = GraphNode{Y: graphTop, Label: "?", Name: "common source", Title: "a text the family derives from, not among the articles", Hidden: true}
		default: // near copies: the first is drawn as the one the others copy
			top = node(refs[members[0]], 0, graphTop)
			members = members[1:]
		}
		kind := "rewrite"
		switch f.Kind {
		case "near copies":
			kind = "copy"
		case "shared origin":
			kind = "shared"
		}
		if f.Agency != "" && !top.Hidden {
			top.Agency = shortName(f.Agency)
			top.Title += " · common source: " + f.Agency
		}
		top.X = slot*graphSlot + len(members)*graphSlot/2
		g.Nodes = append(g.Nodes, top)
		y := graphTop + graphRow
		for i, id := range members {
			x := (slot+i)*graphSlot + graphSlot/2
			g.Nodes = append(g.Nodes, node(refs[id], x, y))
			g.Edges = append(g.Edges, GraphEdge{X1: top.X, Y1: top.Y + 18, X2: x, Y2: y - 18, Kind: kind})
		}
		rows = 2
		for _, id := range f.Articles {
			inFamily[id] = true
		}
		slot += max(1, len(members))
	}
	for _, id := range st.Articles {
		if inFamily[id] {
			continue
		}
		g.Nodes = append(g.Nodes, node(refs[id], slot*graphSlot+graphSlot/2, graphTop))
		slot++
	}
	g.Width = max(1, slot) * graphSlot
	g.Height = graphTop + graphRow*(rows-1) + 50
	return g
}

// shortName shortens a name to fit under a node.
func shortName(name string) string {
	if len([]rune(name)) > nameLength {
		return string([]rune(name)[:nameLength-1]) + "…"
	}
	return name
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
