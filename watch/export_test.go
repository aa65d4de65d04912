package watch

// OnPoll sets the hook a watcher calls as each poll ends, for the tests
// of package watch_test, which wait on polls, not on the clock.
func OnPoll(w *Watcher, f func(feed string)) { w.polled = f }
