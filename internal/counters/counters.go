// Package counters keeps named, labelled counters and gauges and writes
// them in the Prometheus text format, for the /metrics of the long-running
// commands (watch, worker) without a metrics library.
package counters

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
)

// Set is a family of metrics. Its zero value is not usable: use New.
type Set struct {
	mu     sync.Mutex
	help   map[string]string
	kinds  map[string]string
	values map[string]map[string]float64 // name -> rendered labels -> value
}

// New returns an empty set.
func New() *Set {
	return &Set{help: map[string]string{}, kinds: map[string]string{}, values: map[string]map[string]float64{}}
}

// Counter declares a counter, which only grows.
func (s *Set) Counter(name, help string) { s.declare(name, help, "counter") }

// Gauge declares a gauge, which is set.
func (s *Set) Gauge(name, help string) { s.declare(name, help, "gauge") }

func (s *Set) declare(name, help, kind string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.help[name], s.kinds[name] = help, kind
	if s.values[name] == nil {
		s.values[name] = map[string]float64{}
	}
}

// Add adds n to a counter; labels are name, value pairs.
func (s *Set) Add(name string, n float64, labels ...string) {
	s.update(name, labels, func(v float64) float64 { return v + n })
}

// Set sets a gauge.
func (s *Set) Set(name string, v float64, labels ...string) {
	s.update(name, labels, func(float64) float64 { return v })
}

func (s *Set) update(name string, labels []string, f func(float64) float64) {
	key := render(labels)
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.values[name]
	if m == nil {
		panic("counters: " + name + " was not declared")
	}
	m[key] = f(m[key])
}

// Get returns a metric's value, for tests and logs.
func (s *Set) Get(name string, labels ...string) float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.values[name][render(labels)]
}

func render(labels []string) string {
	if len(labels) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('{')
	for i := 0; i+1 < len(labels); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%s=%q", labels[i], labels[i+1])
	}
	b.WriteByte('}')
	return b.String()
}

// WriteTo writes the set in the Prometheus text format, names and labels
// sorted.
func (s *Set) WriteTo(w io.Writer) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	names := make([]string, 0, len(s.values))
	for n := range s.values {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s %s\n", n, s.help[n], n, s.kinds[n])
		keys := make([]string, 0, len(s.values[n]))
		for k := range s.values[n] {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "%s%s %g\n", n, k, s.values[n][k])
		}
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}
