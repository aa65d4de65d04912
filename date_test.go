package storyfold

import (
	"encoding/json"
	"testing"
	"time"
)

// TestDateJSON holds Date's MarshalJSON, which quotes its string without
// an encoder, to what encoding/json writes for that string, over dates
// and times in zones east and west of UTC, years of one to five digits
// and before year zero.
func TestDateJSON(t *testing.T) {
	east := time.FixedZone("east", 5*3600+30*60)
	west := time.FixedZone("west", -8*3600)
	for _, tc := range []struct {
		name string
		d    Date
	}{
		{"unknown", Date{}},
		{"date only", Date{time.Date(2019, 1, 25, 0, 0, 0, 0, time.UTC)}},
		{"utc time", Date{time.Date(2019, 1, 25, 13, 4, 5, 0, time.UTC)}},
		{"east", Date{time.Date(2019, 1, 25, 13, 4, 5, 0, east)}},
		{"west", Date{time.Date(2019, 12, 31, 23, 59, 59, 0, west)}},
		{"nanoseconds", Date{time.Date(2019, 1, 25, 13, 4, 5, 123456789, time.UTC)}},
		{"year 1", Date{time.Date(1, 2, 3, 0, 0, 0, 0, time.UTC)}},
		{"year 8000", Date{time.Date(8000, 2, 3, 4, 5, 6, 0, time.UTC)}},
		{"year 12345", Date{time.Date(12345, 2, 3, 0, 0, 0, 0, time.UTC)}},
		{"before year zero", Date{time.Date(-44, 3, 15, 0, 0, 0, 0, time.UTC)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.d.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			want := []byte("null")
			if tc.d.Known() {
				if want, err = json.Marshal(tc.d.String()); err != nil {
					t.Fatal(err)
				}
			}
			if string(got) != string(want) {
				t.Fatalf("written %s, encoding/json writes %s", got, want)
			}
		})
	}
}
