package storyfold_test

import (
	"errors"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
)

func TestStoryQueryCheck(t *testing.T) {
	day := func(d int, h int) storyfold.Date {
		return storyfold.Date{Time: time.Date(2025, 2, d, h, 0, 0, 0, time.UTC)}
	}
	tests := []struct {
		name     string
		from, to storyfold.Date
		bad      bool
	}{
		{"no bounds", storyfold.Date{}, storyfold.Date{}, false},
		{"from only", day(12, 0), storyfold.Date{}, false},
		{"to only", storyfold.Date{}, day(12, 0), false},
		{"in order", day(11, 0), day(12, 0), false},
		{"one day", day(12, 0), day(12, 0), false},
		{"from later that day", day(12, 15), day(12, 0), false},
		{"from the day after", day(13, 0), day(12, 0), true},
		{"years apart", storyfold.Date{Time: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)}, storyfold.Date{Time: time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := storyfold.StoryQuery{From: tt.from, To: tt.to}.Check()
			if got := errors.Is(err, storyfold.ErrDateRange); got != tt.bad || (err != nil) != tt.bad {
				t.Errorf("Check() = %v, want an ErrDateRange: %v", err, tt.bad)
			}
		})
	}
}
