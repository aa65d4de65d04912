package report

import (
	"html/template"
	"strings"
	"testing"
)

// sectionTemplates are the parts of the story template that
// SpeakersHTML, ConflictsHTML, FamiliesHTML, EdgesHTML and PointsHTML
// replaced, as they were, each in the element it stands in.
const sectionTemplates = `
{{define "speakers"}}<tbody>{{$quotes := .Quotes}}
    {{range .Speakers}}
      <tr><th scope="row">{{.Speaker}} <span class="meta">· {{.Count}}</span></th><td>
        {{range slice $quotes .From .To}}<div class="statement">{{if .Direct}}“{{.Text}}”{{else}}{{.Text}}{{end}} <span class="meta">· {{.Count}}</span>
        {{range .Variants}}{{if .Altered}}<div class="variant"><a href="{{.Article.Href}}">[{{.Article.Label}}]</a>
          {{.SegmentsHTML}}</div>{{end}}{{end}}</div>
        {{end}}{{if .More}}<p class="meta">and {{.More}} more statement{{if ne .More 1}}s{{end}}</p>{{end}}
      </td></tr>
    {{end}}</tbody>{{end}}
{{define "conflicts"}}<h2>Conflicts</h2>
  {{range .Conflicts}}
  <div class="conflict-block">
    <div><span class="pill">{{.Kind}}</span> {{.Description}}</div>
    {{if .Majority}}<div class="majority">Most independent sources: {{.Majority}}</div>{{end}}
    {{range .Claims}}<div class="claim"><a href="{{.Href}}">[{{.Article.Label}}]</a> <span class="value">{{.Value}}</span>: {{.Text}}</div>{{end}}
  </div>
  {{end}}{{end}}
{{define "families"}}<ul>
    {{range .Families}}<li><span class="pill">{{.Kind}}</span> {{range .Articles}}<a href="{{.Href}}">[{{.Label}}]</a> {{end}}{{if .Agency}}<span class="meta">common source: {{.Agency}}</span>{{end}}
      <details><summary>evidence</summary><ul>{{range .Evidence}}<li class="meta">{{.}}</li>{{end}}</ul></details></li>{{end}}
  </ul>{{end}}
{{define "edges"}}<svg class="graph">
    {{range .Graph.Edges}}<path class="edge {{.Kind}}" d="M{{.X1}} {{.Y1}}V{{.Y2}}H{{.X2}}"/>{{end}}
  </svg>{{end}}
{{define "points"}}{{with .Axis}}{{$y := .Y}}{{$cy := .CountY}}{{$ly := .LabelY}}<svg class="axis">
    {{range .Points}}<g class="point"><title>{{.Title}}</title><circle cx="{{.X}}" cy="{{$y}}" r="{{.R}}"/>{{if .Count}}<text class="count" x="{{.X}}" y="{{$cy}}" text-anchor="middle">{{.Count}}</text>{{end}}{{if .Label}}<text class="date" x="{{.X}}" y="{{$ly}}" text-anchor="middle">{{.Label}}</text>{{end}}</g>{{end}}
  </svg>{{end}}{{end}}
{{define "speakersNew"}}<tbody>
    {{.SpeakersHTML}}</tbody>{{end}}
{{define "conflictsNew"}}<h2>Conflicts</h2>
  {{.ConflictsHTML}}{{end}}
{{define "familiesNew"}}<ul>
    {{.FamiliesHTML}}
  </ul>{{end}}
{{define "edgesNew"}}<svg class="graph">
    {{.Graph.EdgesHTML}}
  </svg>{{end}}
{{define "pointsNew"}}{{with .Axis}}<svg class="axis">
    {{.PointsHTML}}
  </svg>{{end}}{{end}}
`

// hostileSectionsView is a story view whose every value in who said
// what, the conflicts, the families, the graph's edges and the axis is
// one of hostileValues, in turn, with the counts that choose what the
// template writes (a direct statement or not, an altered variant or
// not, more statements or none, a majority, an agency) both ways.
func hostileSectionsView(k int) StoryView {
	h := func(i int) string { return hostileValues[(k+i)%len(hostileValues)] }
	ref := func(i int) ArticleRef { return ArticleRef{Label: (k + i) % 3, Href: h(i), ID: h(i + 1)} }
	var v StoryView
	for s := range 3 {
		sv := SpeakerView{Speaker: h(s), Count: h(s + 1), From: len(v.Quotes), More: (k + s) % 3}
		for q := range 2 {
			qv := QuoteView{Text: h(s + q + 2), Count: h(s + q + 3), Direct: (k+s+q)%2 == 0}
			for i := range 3 {
				qv.Variants = append(qv.Variants, VariantView{Article: ref(i), Altered: (k+i)%2 == 1,
					Segments: []Segment{segment(h(i+4), "same"), segment(h(i+5), "del"), segment(h(i+6), "ins")}})
			}
			v.Quotes = append(v.Quotes, qv)
		}
		sv.To = len(v.Quotes)
		v.Speakers = append(v.Speakers, sv)
	}
	for c := range 2 {
		cv := ConflictView{Kind: h(c), Description: h(c + 1)}
		if (k+c)%2 == 0 {
			cv.Majority = h(c + 2)
		}
		for i := range 2 {
			cv.Claims = append(cv.Claims, ClaimView{Article: ref(i), Href: h(i + 3), Value: h(i + 4), Text: h(i + 5)})
		}
		v.Conflicts = append(v.Conflicts, cv)
	}
	for f := range 2 {
		fv := FamilyView{Kind: h(f), Evidence: []string{h(f + 1), h(f + 2)}, Articles: []ArticleRef{ref(f), ref(f + 1)}}
		if (k+f)%2 == 1 {
			fv.Agency = h(f + 3)
		}
		v.Families = append(v.Families, fv)
	}
	for e := range 2 {
		v.Graph.Edges = append(v.Graph.Edges, GraphEdge{X1: k + e, Y1: -k, X2: 3, Y2: 400 + e, Kind: h(e)})
	}
	v.Axis = TimeAxis{Y: 30, CountY: 18, LabelY: 54}
	for p := range 3 {
		ap := AxisPoint{X: k * p, R: 4 + p, Count: (k + p) % 2, Title: h(p)}
		if (k+p)%3 != 0 {
			ap.Label = h(p + 1)
		}
		v.Axis.Points = append(v.Axis.Points, ap)
	}
	return v
}

// TestSectionsAsTemplate holds the sections written through fragments
// to the template they replaced, byte for byte, on views whose values
// are all hostile.
func TestSectionsAsTemplate(t *testing.T) {
	tmpl := template.Must(template.New("sections").Parse(sectionTemplates))
	for _, name := range []string{"speakers", "conflicts", "families", "edges", "points"} {
		t.Run(name, func(t *testing.T) {
			for k := range hostileValues {
				v := hostileSectionsView(k)
				var want, got strings.Builder
				if err := tmpl.ExecuteTemplate(&want, name, v); err != nil {
					t.Fatal(err)
				}
				if err := tmpl.ExecuteTemplate(&got, name+"New", v); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Errorf("view %d: written\n%s\nthe template writes\n%s", k, got.String(), want.String())
				}
			}
		})
	}
}
