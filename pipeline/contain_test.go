package pipeline

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

// TestContain checks that a finder's panic on one article is kept from
// ending the run: the stage is reported on one line naming the article
// and the stage, the finders are marked broken, and a stage that returns
// leaves them whole.
func TestContain(t *testing.T) {
	var log bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&log, nil)))
	defer slog.SetDefault(old)

	for _, tt := range []struct {
		name       string
		find       func()
		wantBroken bool
	}{
		{"returns", func() {}, false},
		{"panics", func() { panic("a finder's bug") }, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			log.Reset()
			broken := false
			contain(&broken, "art-7", "quotes", tt.find)
			if broken != tt.wantBroken {
				t.Errorf("broken = %v, want %v", broken, tt.wantBroken)
			}
			line := strings.TrimSpace(log.String())
			switch {
			case !tt.wantBroken && line != "":
				t.Errorf("a stage that returned logged %q", line)
			case tt.wantBroken && (strings.Count(line, "\n") != 0 || !strings.Contains(line, "article=art-7") || !strings.Contains(line, "stage=quotes")):
				t.Errorf("the failure's line %q does not name the article and the stage on one line", line)
			}
		})
	}
}
