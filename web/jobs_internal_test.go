package web

import (
	"net/http"
	"testing"
	"time"
)

// TestJobTable checks the table's bounds: a full table drops its oldest
// job for a new one, a job whose analysis ended over the TTL ago is
// dropped, and one still at work is kept however old.
func TestJobTable(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	tab := newJobTable(3, 15*time.Minute)
	tab.now = func() time.Time { return now }
	finish := func(j *job) { j.answer, j.finished = newAnswer(), now }

	var ids []string
	var jobs []*job
	for range 4 {
		j := &job{done: make(chan struct{})}
		jobs = append(jobs, j)
		ids = append(ids, tab.add(j))
	}
	if tab.get(ids[0]) != nil || tab.evicted != 1 {
		t.Errorf("a fourth job in a table of 3: the first is kept (evicted %d)", tab.evicted)
	}
	for _, id := range ids[1:] {
		if tab.get(id) == nil {
			t.Errorf("job %s dropped from a table with room", id)
		}
	}
	if ids[1] == ids[2] || len(ids[1]) != 26 {
		t.Errorf("IDs %q and %q: want 26 random characters each", ids[1], ids[2])
	}

	// Job 1 ends; job 2 ends later; job 3 is still at work.
	finish(jobs[1])
	now = now.Add(10 * time.Minute)
	finish(jobs[2])
	now = now.Add(6 * time.Minute)
	if tab.get(ids[1]) != nil {
		t.Error("a job that ended 16 minutes ago is kept")
	}
	if tab.get(ids[2]) == nil || tab.get(ids[3]) == nil {
		t.Error("a job that ended 6 minutes ago, or one at work, is dropped")
	}
	now = now.Add(time.Hour)
	if tab.get(ids[2]) != nil || tab.get(ids[3]) == nil || tab.size() != 1 {
		t.Errorf("an hour on: %d jobs kept, want only the one at work", tab.size())
	}
}

// TestPreferWait reads RFC 7240's wait preference.
func TestPreferWait(t *testing.T) {
	for _, tt := range []struct {
		prefer []string
		want   time.Duration
		ok     bool
	}{
		{nil, 0, false},
		{[]string{"wait=10"}, 10 * time.Second, true},
		{[]string{"respond-async, Wait = 5"}, 5 * time.Second, true},
		{[]string{`wait="7"`}, 7 * time.Second, true},
		{[]string{"return=minimal", "wait=0"}, 0, true},
		{[]string{"wait=-1"}, 0, false},
		{[]string{"wait=1.5"}, 0, false},
		{[]string{"waiting=3"}, 0, false},
		{[]string{"wait=99999999999"}, 0, false},
	} {
		h := http.Header{}
		for _, p := range tt.prefer {
			h.Add("Prefer", p)
		}
		if got, ok := preferWait(h); got != tt.want || ok != tt.ok {
			t.Errorf("Prefer %q: %v %v, want %v %v", tt.prefer, got, ok, tt.want, tt.ok)
		}
	}
}
