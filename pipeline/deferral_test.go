package pipeline

import (
	"testing"
	"time"
)

// TestDeferralDue holds each of the deferral's rules to its doc: a story
// is due once it has gone quiet, once it has waited long enough and
// doubled, or once it has waited the most batches or time allowed, and
// not before.
func TestDeferralDue(t *testing.T) {
	d := Deferral{Quiet: 4, Batches: 16, Most: 64, For: 5 * time.Minute}
	t0 := time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		s    deferredStory
		n    int64
		now  time.Time
		want bool
	}{
		{"changed by this batch", deferredStory{first: 10, last: 10, since: t0, built: 5, size: 9}, 10, t0, false},
		{"left alone three batches", deferredStory{first: 10, last: 10, since: t0, built: 5, size: 9}, 13, t0, false},
		{"left alone four batches", deferredStory{first: 10, last: 10, since: t0, built: 5, size: 9}, 14, t0, true},
		{"waited Batches, not doubled", deferredStory{first: 10, last: 26, since: t0, built: 5, size: 9}, 26, t0, false},
		{"waited Batches, doubled", deferredStory{first: 10, last: 26, since: t0, built: 5, size: 10}, 26, t0, true},
		{"doubled, not waited Batches", deferredStory{first: 10, last: 25, since: t0, built: 5, size: 50}, 25, t0, false},
		{"opened by its first batch, waited Batches", deferredStory{first: 10, last: 26, since: t0, size: 3}, 26, t0, true},
		{"waited Most, not doubled", deferredStory{first: 10, last: 74, since: t0, built: 500, size: 501}, 74, t0, true},
		{"waited For", deferredStory{first: 10, last: 11, since: t0, built: 500, size: 501}, 11, t0.Add(5 * time.Minute), true},
		{"not yet For", deferredStory{first: 10, last: 11, since: t0, built: 500, size: 501}, 11, t0.Add(5*time.Minute - time.Second), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := d.due(tt.s, tt.n, tt.now); got != tt.want {
				t.Errorf("due(%+v, batch %d) = %v, want %v", tt.s, tt.n, got, tt.want)
			}
		})
	}
}
