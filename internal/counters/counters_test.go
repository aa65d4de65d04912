package counters

import (
	"strings"
	"testing"
)

func TestWriteTo(t *testing.T) {
	s := New()
	s.Counter("storyfold_fetch_failures_total", "Fetches that failed, by reason.")
	s.Gauge("storyfold_queue_depth", "Jobs waiting.")
	s.Add("storyfold_fetch_failures_total", 1, "reason", "robots")
	s.Add("storyfold_fetch_failures_total", 2, "reason", "robots")
	s.Add("storyfold_fetch_failures_total", 1, "reason", `a"b`)
	s.Set("storyfold_queue_depth", 7)
	var b strings.Builder
	s.WriteTo(&b)
	want := `# HELP storyfold_fetch_failures_total Fetches that failed, by reason.
# TYPE storyfold_fetch_failures_total counter
storyfold_fetch_failures_total{reason="a\"b"} 1
storyfold_fetch_failures_total{reason="robots"} 3
# HELP storyfold_queue_depth Jobs waiting.
# TYPE storyfold_queue_depth gauge
storyfold_queue_depth 7
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if got := s.Get("storyfold_fetch_failures_total", "reason", "robots"); got != 3 {
		t.Errorf("Get = %v", got)
	}
}
