package web_test

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/storyfold/storyfold/outlets"
	"github.com/storyfold/storyfold/web"
)

// The README's screenshot: the example story's page, as wide as a
// laptop's window shows it, cut to its first screenful.
const (
	shotWidth  = 1000
	shotHeight = 1250
)

// TestStoryScreenshot takes the screenshot of the example story's page
// that the README shows, in headless Chromium, with the example's outlet
// list. With STORYFOLD_SCREENSHOT=FILE it writes it there (the README's
// is docs/story.png: `STORYFOLD_SCREENSHOT=$PWD/docs/story.png go test
// ./web -run TestStoryScreenshot`); without, it checks that the
// screenshot is taken and small.
func TestStoryScreenshot(t *testing.T) {
	bin := chromium(t)
	list, err := outlets.Load("../examples/ukraine-talks-outlets.csv")
	if err != nil {
		t.Fatal(err)
	}
	srv := servedRaw(t, exampleRaw(t, nil), web.Config{Outlets: list})
	raw := filepath.Join(t.TempDir(), "story.png")
	chrome(t, bin, srv.URL+"/stories/"+storyID(t, srv), "--window-size=1000,1250", "--hide-scrollbars", "--screenshot="+raw)
	b, err := os.ReadFile(raw)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() != shotWidth || r.Dy() < shotHeight/2 {
		t.Fatalf("screenshot of %v", r)
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&out, paletted(img)); err != nil {
		t.Fatal(err)
	}
	if out.Len() > 300<<10 {
		t.Errorf("screenshot of %d bytes", out.Len())
	}
	if p := os.Getenv("STORYFOLD_SCREENSHOT"); p != "" {
		if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", p, out.Len())
	}
}

// paletted reduces a screenshot to its 256 commonest colours, each other
// pixel to the nearest of them: a page is mostly flat colours, and the
// file is a third the size.
func paletted(img image.Image) *image.Paletted {
	r := img.Bounds()
	counts := map[color.RGBA]int{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			counts[c]++
		}
	}
	colors := make([]color.RGBA, 0, len(counts))
	for c := range counts {
		colors = append(colors, c)
	}
	sort.Slice(colors, func(i, j int) bool {
		if counts[colors[i]] != counts[colors[j]] {
			return counts[colors[i]] > counts[colors[j]]
		}
		a, b := colors[i], colors[j]
		return uint32(a.R)<<24|uint32(a.G)<<16|uint32(a.B)<<8|uint32(a.A) < uint32(b.R)<<24|uint32(b.G)<<16|uint32(b.B)<<8|uint32(b.A)
	})
	pal := make(color.Palette, 0, 256)
	for _, c := range colors[:min(256, len(colors))] {
		pal = append(pal, c)
	}
	out := image.NewPaletted(r, pal)
	draw.Draw(out, r, img, r.Min, draw.Src)
	return out
}
