package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/web"
)

// startingIngester is a server's post worker started in the background,
// so that the server answers reads while the worker loads its story index
// (about three minutes on a store of a million articles). Until the start
// has ended, and after a start that failed, a POST is refused at once
// with web.ErrWritesUnavailable (503 with Retry-After, the message saying
// why) rather than held in a place at work for a worker that cannot take
// it.
type startingIngester struct {
	p   *postIngester
	log *slog.Logger
	// started is closed once the first start has ended, well or not.
	started chan struct{}
	mu      sync.Mutex
	// failed is why the last start failed, nil once one succeeded.
	failed error
}

// startInBackground starts p's worker on its own goroutine and returns at
// once. A start that fails is logged at ERROR with its reason; the
// server's minute-by-minute rebuild of stale stories (Rebuild) tries
// again, and a start that then succeeds turns writes on.
func startInBackground(ctx context.Context, p *postIngester, log *slog.Logger) *startingIngester {
	s := &startingIngester{p: p, log: log, started: make(chan struct{})}
	go func() {
		defer close(s.started)
		t := time.Now()
		err := p.Start(ctx)
		s.mu.Lock()
		s.failed = err
		s.mu.Unlock()
		switch {
		case err == nil:
			log.Info("post worker ready", slog.Duration("took", time.Since(t).Round(time.Millisecond)))
		case ctx.Err() == nil:
			log.Error("post worker could not start: POSTs are answered 503 until it does", slog.String("error", err.Error()))
		}
	}()
	return s
}

// unavailable says why s cannot take articles now, nil when it can.
func (s *startingIngester) unavailable() error {
	select {
	case <-s.started:
	default:
		return fmt.Errorf("%w: the post worker is still starting (loading the story index); try again shortly", web.ErrWritesUnavailable)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed != nil {
		return fmt.Errorf("%w: the post worker could not start: %v", web.ErrWritesUnavailable, s.failed)
	}
	return nil
}

// Add implements web.Ingester.
func (s *startingIngester) Add(ctx context.Context, raw []storyfold.Article) (storyfold.IngestResult, error) {
	if err := s.unavailable(); err != nil {
		return storyfold.IngestResult{}, err
	}
	return s.p.Add(ctx, raw)
}

// Rebuild rebuilds the stories left stale, as the worker's start does:
// nothing while that start is under way. After a failed start it is the
// next try, and one that succeeds turns writes on.
func (s *startingIngester) Rebuild(ctx context.Context) (int, error) {
	select {
	case <-s.started:
	default:
		return 0, nil
	}
	n, err := s.p.Rebuild(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed != nil && err == nil {
		s.failed = nil
		s.log.Info("post worker ready after a failed start")
	}
	return n, err
}

// Close stops the worker, as postIngester.Close does.
func (s *startingIngester) Close(grace time.Duration) { s.p.Close(grace) }
