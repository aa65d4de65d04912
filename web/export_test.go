package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"time"
)

// HoldQueue gives a test the events of s's queue for places: queued is
// told of each request that starts to wait, and a wait ends with
// queue_wait when the test sends on expire, never by the clock, so a
// test of the queue's deadline does not depend on how loaded the machine
// running it is.
func HoldQueue(s *Server, queued chan<- struct{}, expire <-chan time.Time) {
	s.inflight.queued = func() { queued <- struct{}{} }
	s.inflight.timer = func(time.Duration) (<-chan time.Time, func() bool) { return expire, func() bool { return true } }
}

// WatchBuilders tells queued of each request that starts to wait for a
// builder (MaxReads).
func WatchBuilders(s *Server, queued chan<- struct{}) {
	s.reads.queued = func() { queued <- struct{}{} }
}

// HoldPosts gives a test the events of s's wait for the analyses (the
// POSTs' turn, MaxIngests): queued is told of each POST that starts to
// wait, and a wait ends when the test sends on expire, never by the clock.
func HoldPosts(s *Server, queued chan<- struct{}, expire <-chan time.Time) {
	s.ingests.queued = func() { queued <- struct{}{} }
	s.ingests.timer = func(time.Duration) (<-chan time.Time, func() bool) { return expire, func() bool { return true } }
}

// HoldAnswers has a POST that waits for its analysis (PostAnswer) answered
// 202 when the test sends on expire, never by the clock.
func HoldAnswers(s *Server, expire <-chan time.Time) {
	s.answerTimer = func(time.Duration) (<-chan time.Time, func() bool) { return expire, func() bool { return true } }
}

// JobDone is closed when the analysis of the job id has ended; nil for an
// unknown job.
func JobDone(s *Server, id string) <-chan struct{} {
	j := s.jobs.get(id)
	if j == nil {
		return nil
	}
	return j.done
}

// HoldJobDeadlines has the deadline of every POST's analysis that starts
// afterwards pass when the test sends on expire, never by the clock.
func HoldJobDeadlines(s *Server, expire <-chan time.Time) {
	s.jobTimer = func(time.Duration) (<-chan time.Time, func() bool) { return expire, func() bool { return true } }
}

// StoryTemplate returns a function that writes the first page of the
// story id as pageStory does, from what it reads of the store once, so a
// benchmark measures the template alone.
func StoryTemplate(s *Server, id string) (func(io.Writer) error, error) {
	ctx := context.Background()
	st, err := s.cfg.Store.Story(ctx, id)
	if err != nil {
		return nil, err
	}
	all, err := s.cfg.Store.StoryHeads(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	heads := s.withOutlets(all[id])
	part := window(st, 0, storyPageArticles)
	arts, err := s.storyArticles(httptest.NewRequest(http.MethodGet, "/stories/"+id, nil), part, heads)
	if err != nil {
		return nil, err
	}
	body := newStoryBody(st, part, heads, arts, 0)
	p := page{Title: st.Headline, Body: body}
	return func(w io.Writer) error { return s.pages.ExecuteTemplate(w, "storyPage", p) }, nil
}
