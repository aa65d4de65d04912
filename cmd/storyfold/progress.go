package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/storyfold/storyfold/report"
)

// progress shows one bar per stage on stderr, and only when stderr is a
// terminal and the run lasts more than a second: short runs and pipes stay
// quiet. Messages printed while a bar shows go through it, above the bars.
// With --progress and stderr not a terminal (a log, CI), each stage prints
// one plain line when it ends instead.
type progress struct {
	p *mpb.Progress
	// lines says stages print a line each as they end.
	lines bool
}

// progressMode is what the progress flags ask for.
type progressMode int

const (
	progressAuto  progressMode = iota // bars on a terminal, else nothing
	progressOff                       // --no-progress
	progressForce                     // --progress: bars on a terminal, else lines
)

// progressFlags registers --progress and --no-progress and returns what
// they ask for once parsed.
func progressFlags(fs *flag.FlagSet) func() progressMode {
	quiet := fs.Bool("no-progress", false, "never show progress bars")
	force := fs.Bool("progress", false, "show progress even when standard error is not a terminal: a line per stage as it ends")
	return func() progressMode {
		switch {
		case *quiet:
			return progressOff
		case *force:
			return progressForce
		}
		return progressAuto
	}
}

func newProgress(mode progressMode) *progress {
	if mode == progressOff {
		return &progress{}
	}
	if !isTerminal(os.Stderr) {
		return &progress{lines: mode == progressForce}
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
	// line is set when the stage prints a line as it ends.
	line *stageLine
}

// stageUnits names what each stage counts, for its line.
var stageUnits = map[string][2]string{
	"reading":      {"file", "files"},
	"queueing":     {"file", "files"},
	"cleaning":     {"article", "articles"},
	"grouping":     {"article", "articles"},
	"reconciling":  {"story", "stories"},
	"storing":      {"article", "articles"},
	"fetching":     {"page", "pages"},
	"WARC records": {"record", "records"},
}

// stageLine counts a stage shown as a line.
type stageLine struct {
	name  string
	n     atomic.Int64
	start time.Time
	once  sync.Once
}

func (p *progress) stage(name string, total int) *stage {
	if p.lines {
		return &stage{line: &stageLine{name: name, start: time.Now()}}
	}
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
	if p.lines {
		return &stage{line: &stageLine{name: name, start: time.Now()}}
	}
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
	if s.line != nil {
		s.line.n.Add(1)
		return
	}
	if s.b != nil && s.open {
		s.b.SetTotal(s.b.Current()+2, false)
	}
	if s.b != nil {
		s.b.Increment()
	}
}

// add counts n at once (a batch of articles grouped).
func (s *stage) add(n int) {
	if s.line != nil {
		s.line.n.Add(int64(n))
		return
	}
	if s.b != nil && s.open {
		s.b.SetTotal(s.b.Current()+int64(n)+1, false)
	}
	if s.b != nil {
		s.b.IncrBy(n)
	}
}

func (s *stage) done() {
	if l := s.line; l != nil {
		l.once.Do(func() {
			n := int(l.n.Load())
			what := report.Thousands(n)
			if u, ok := stageUnits[l.name]; ok {
				what = count(n, u[0], u[1])
			}
			fmt.Fprintf(os.Stderr, "storyfold: %s: %s in %s\n", l.name, what, time.Since(l.start).Round(time.Millisecond))
		})
		return
	}
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
