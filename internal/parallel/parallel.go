// Package parallel runs independent pieces of work on a few goroutines. It
// is shared by the stages that fan out (reading a WARC file's pages) and
// the pipeline that runs them, so neither repeats a worker pool.
package parallel

import "sync"

// For runs fn(0..n-1) on at most workers goroutines and returns when every
// call has.
func For(n, workers int, fn func(i int)) {
	workers = max(1, min(workers, n))
	var wg sync.WaitGroup
	next := make(chan int, 256)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
