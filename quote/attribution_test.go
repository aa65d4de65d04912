package quote

import "testing"

// TestEndsAttribution pins when the cue after a clause that quotes a
// fragment ends an inverted attribution: the sentence ends, or a comma
// follows with no quote opening at once, after the speaker's name or a
// few words of time or place; a colon, an object or a quote after it
// makes it introduce what follows.
func TestEndsAttribution(t *testing.T) {
	tests := []struct {
		name, rest, cue string
		want            bool
	}{
		{"the sentence ends", " Pelosi said.", "said", true},
		{"a comma and more clause", " Earnest said, and the two will discuss “how”", "said", true},
		{"time or place before the comma", " Mr. Corker said on Fox, was beginning", "said", true},
		{"the name after the cue ends it", " said Mr. Williams.", "said", true},
		{"a colon introduces", " Lamb said: “Sir, if”", "said", false},
		{"a quote after the comma", " Pelosi said, “Yes it is a power grab”", "said", false},
		{"a straight quote after the comma", ` Pelosi said, "Yes it is"`, "said", false},
		{"an object", " he warned a conservative audience that “some”", "warned", false},
		{"a clause after the name", " said Trump should “cancel”", "said", false},
		{"no cue", " the senator added nothing", "said", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := endsAttribution(tt.rest, tt.cue); got != tt.want {
				t.Errorf("endsAttribution(%q, %q) = %v, want %v", tt.rest, tt.cue, got, tt.want)
			}
		})
	}
}
