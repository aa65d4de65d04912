package main

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// progress shows one bar per stage on stderr, and only when stderr is a
// terminal and the run lasts more than a second: short runs and pipes stay
// quiet. Messages printed while a bar shows go through it, above the bars.
type progress struct {
	p *mpb.Progress
}

func newProgress(enabled bool) *progress {
	if !enabled || !isTerminal(os.Stderr) {
		return &progress{}
	}
	delay := make(chan any)
	time.AfterFunc(time.Second, func() { close(delay) })
	return &progress{p: mpb.New(mpb.WithOutput(os.Stderr), mpb.WithRenderDelay(delay), mpb.WithWidth(40))}
}

// stage is one bar; its methods are safe on a nil bar.
type stage struct {
	b *mpb.Bar
	// open says the total grows with the count.
	open bool
}

func (p *progress) stage(name string, total int) *stage {
	if p.p == nil {
		return &stage{}
	}
	b := p.p.AddBar(int64(total),
		mpb.PrependDecorators(decor.Name(name, decor.WCSyncSpaceR), decor.CountersNoUnit("%d/%d", decor.WCSyncSpace)),
		mpb.AppendDecorators(decor.AverageSpeed(nil, "%.0f/s", decor.WCSyncSpace), decor.Elapsed(decor.ET_STYLE_GO, decor.WCSyncSpace)),
		mpb.BarRemoveOnComplete(),
	)
	return &stage{b: b}
}

// counter is a stage whose total is not known beforehand: it counts.
func (p *progress) counter(name string) *stage {
	if p.p == nil {
		return &stage{}
	}
	b := p.p.AddBar(0,
		mpb.PrependDecorators(decor.Name(name, decor.WCSyncSpaceR), decor.CurrentNoUnit("%d", decor.WCSyncSpace)),
		mpb.AppendDecorators(decor.AverageSpeed(nil, "%.0f/s", decor.WCSyncSpace), decor.Elapsed(decor.ET_STYLE_GO, decor.WCSyncSpace)),
		mpb.BarRemoveOnComplete(),
	)
	return &stage{b: b, open: true}
}

func (s *stage) incr() {
	if s.b != nil && s.open {
		s.b.SetTotal(s.b.Current()+2, false)
	}
	if s.b != nil {
		s.b.Increment()
	}
}

func (s *stage) done() {
	if s.b != nil {
		s.b.SetTotal(-1, true)
	}
}

// writer is where messages go while bars may show.
func (p *progress) writer() io.Writer {
	if p.p == nil {
		return os.Stderr
	}
	return p.p
}

func (p *progress) wait() {
	if p.p != nil {
		p.p.Wait()
	}
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// lazyCounter is a counter bar shown from its first count on, for work
// that may not come (WARC records among other files).
type lazyCounter struct {
	once sync.Once
	p    *progress
	name string
	s    *stage
}

func (l *lazyCounter) incr() {
	l.once.Do(func() { l.s = l.p.counter(l.name) })
	l.s.incr()
}

func (l *lazyCounter) done() {
	if l.s != nil {
		l.s.done()
	}
}
