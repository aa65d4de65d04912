package report

import (
	"html/template"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/storyfold/storyfold"
)

// TimeAxis is a story's timeline drawn as a line of days, for SVG: a dot
// per date the articles give, placed by its day, sized by how many
// outlets give it, with the date under it where there is room. It draws
// no link and no text a reader needs: the timeline's list says it all,
// with its citations, for screen readers and for a page without the
// drawing.
type TimeAxis struct {
	Width, Height int
	// X1 and X2 are the ends of the line, at height Y.
	X1, X2, Y int
	// CountY and LabelY are where the counts above the dots and the
	// dates under them stand.
	CountY, LabelY int
	Points         []AxisPoint
}

// AxisPoint is one date of the timeline.
type AxisPoint struct {
	X, R int
	// Label is the date written under the dot, "" where it would run into
	// the one before.
	Label string
	// Count is how many outlets give the date, written above the dot.
	Count int
	// Title is the dot's tooltip: the date, what happened, who says so.
	Title string
}

// Layout of the axis, in SVG units.
const (
	axisWidth  = 400
	axisHeight = 64
	axisMargin = 36
	axisY      = 30
	axisGap    = 14 // the least distance between two dots
	axisLabel  = 74 // the least distance between two dates written
)

// timeAxis places a timeline's dated entries on a line of days. Entries
// of one date are one dot; dots too close to tell apart are pushed apart,
// in order. It is empty when fewer than one entry has a date.
func timeAxis(events []storyfold.Event, refs map[string]ArticleRef) TimeAxis {
	type point struct {
		day     time.Time
		label   string
		texts   []string
		outlets []string
		seen    map[string]bool
	}
	var points []*point
	byDate := map[string]*point{}
	for _, ev := range events {
		if !ev.Date.Known() {
			continue
		}
		label := eventDate(ev)
		p := byDate[label]
		if p == nil {
			p = &point{day: ev.Date.UTC(), label: label, seen: map[string]bool{}}
			byDate[label] = p
			points = append(points, p)
		}
		p.texts = append(p.texts, ev.Text)
		for _, id := range ev.Articles {
			if r, ok := refs[id]; ok && !p.seen[r.Source] {
				p.seen[r.Source] = true
				p.outlets = append(p.outlets, r.Source)
			}
		}
	}
	if len(points) == 0 {
		return TimeAxis{}
	}
	// Entries come oldest first; a stable order by day keeps them so when
	// a stored timeline is not.
	for i := 1; i < len(points); i++ {
		for j := i; j > 0 && points[j].day.Before(points[j-1].day); j-- {
			points[j], points[j-1] = points[j-1], points[j]
		}
	}
	a := TimeAxis{Width: axisWidth, Height: axisHeight, X1: axisMargin / 2, X2: axisWidth - axisMargin/2, Y: axisY, CountY: axisY - 12, LabelY: axisY + 24}
	left, right := float64(axisMargin), float64(axisWidth-axisMargin)
	first, last := points[0].day, points[len(points)-1].day
	xs := make([]float64, len(points))
	for i, p := range points {
		if span := last.Sub(first); span > 0 {
			xs[i] = left + (right-left)*float64(p.day.Sub(first))/float64(span)
		} else {
			xs[i] = (left + right) / 2
		}
	}
	spread(xs, left, right, axisGap)
	lastLabel := -1e9
	for i, p := range points {
		title := p.label + ": " + strings.Join(p.texts, " · ")
		if len(p.outlets) > 0 {
			title += " (" + strings.Join(p.outlets, ", ") + ")"
		}
		ap := AxisPoint{X: int(xs[i] + 0.5), R: 4 + min(len(p.outlets), 4), Count: len(p.outlets), Title: title}
		if xs[i]-lastLabel >= axisLabel {
			ap.Label, lastLabel = p.label, xs[i]
		}
		a.Points = append(a.Points, ap)
	}
	return a
}

// spread pushes sorted positions apart to at least gap between
// neighbours, keeping them in [left, right] and in order; when they cannot
// all fit, they are spaced evenly.
func spread(xs []float64, left, right, gap float64) {
	n := len(xs)
	if n < 2 {
		return
	}
	if gap*float64(n-1) > right-left {
		for i := range xs {
			xs[i] = left + (right-left)*float64(i)/float64(n-1)
		}
		return
	}
	for i := 1; i < n; i++ {
		xs[i] = max(xs[i], xs[i-1]+gap)
	}
	xs[n-1] = min(xs[n-1], right)
	for i := n - 2; i >= 0; i-- {
		xs[i] = min(xs[i], xs[i+1]-gap)
	}
}

// Summary says how many dates the axis shows, for its text alternative.
func (a TimeAxis) Summary() string {
	return plural(len(a.Points), "date", "dates") + " on a line of days"
}

// pointFragments write a date of the axis: its dot with its tooltip, the
// count above it, the date under it.
var pointFragments = sync.OnceValue(func() [3]*fragment {
	return [3]*fragment{newFragment("pointOpen", 4), newFragment("pointCount", 3), newFragment("pointDate", 3)}
})

// PointsHTML writes the axis's dates (see fragment).
func (a TimeAxis) PointsHTML() template.HTML {
	fs := pointFragments()
	y, cy, ly := strconv.Itoa(a.Y), strconv.Itoa(a.CountY), strconv.Itoa(a.LabelY)
	b := newHTMLBuf()
	for _, p := range a.Points {
		x := strconv.Itoa(p.X)
		fs[0].writeTo(b, p.Title, x, y, strconv.Itoa(p.R))
		if p.Count != 0 {
			fs[1].writeTo(b, x, cy, strconv.Itoa(p.Count))
		}
		if p.Label != "" {
			fs[2].writeTo(b, x, ly, p.Label)
		}
		b.WriteString("</g>")
	}
	return b.done()
}
