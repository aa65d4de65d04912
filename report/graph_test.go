package report

import (
	"testing"

	"github.com/storyfold/storyfold"
)

func TestGraphAgency(t *testing.T) {
	refs := map[string]ArticleRef{"a": {Label: 1, Source: "Daily Planet"}, "b": {Label: 2, Source: "Evening Star"}, "c": {Label: 3, Source: "Ledger"}}
	tests := []struct {
		name          string
		family        storyfold.Family
		label, agency string // of the family's top node
		hidden        bool
		nodes         int
	}{
		{"shared origin of an agency: the agency is the hidden source",
			storyfold.Family{Kind: "shared origin", Articles: []string{"a", "b"}, Agency: "Agence France-Presse"}, "AFP", "", true, 4},
		{"shared origin, no agency",
			storyfold.Family{Kind: "shared origin", Articles: []string{"a", "b"}}, "?", "", true, 4},
		{"near copies of an agency story: the agency above the first",
			storyfold.Family{Kind: "near copies", Articles: []string{"a", "b"}, Agency: "Reuters"}, "[1]", "Reuters", false, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &storyfold.Story{Articles: []string{"a", "b", "c"}, Families: []storyfold.Family{tt.family}}
			g := provenanceGraph(st, refs)
			top := g.Nodes[0]
			if top.Label != tt.label || top.Agency != tt.agency || top.Hidden != tt.hidden {
				t.Errorf("top node = %+v, want label %q, agency %q, hidden %v", top, tt.label, tt.agency, tt.hidden)
			}
			if len(g.Nodes) != tt.nodes {
				t.Errorf("%d nodes, want %d", len(g.Nodes), tt.nodes)
			}
		})
	}
}

func TestAgencyInitials(t *testing.T) {
	for in, want := range map[string]string{"Associated Press": "AP", "Agence France-Presse": "AFP", "Reuters": "Reu", "EFE": "EFE", "Press Trust of India": "PTI"} {
		t.Run(in, func(t *testing.T) {
			if got := agencyInitials(in); got != want {
				t.Errorf("agencyInitials(%q) = %q, want %q", in, got, want)
			}
		})
	}
}
