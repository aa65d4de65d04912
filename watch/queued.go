package watch

import (
	"context"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/queue"
)

// Queued hands items to workers through the queue: the items that carry
// only a summary as pages to fetch, the others as articles to store. An
// item is done once the queue server has it on disk.
type Queued struct {
	Queue *queue.Queue
}

// Handle implements Handler.
func (q *Queued) Handle(ctx context.Context, items []storyfold.Article) ([]string, error) {
	jobs := make([]queue.Job, len(items))
	for i, it := range items {
		kind := queue.Page
		if it.Text != "" {
			kind = queue.Article
		}
		jobs[i] = queue.Job{Kind: kind, Item: it}
	}
	if err := q.Queue.Publish(ctx, jobs...); err != nil {
		return nil, err
	}
	done := make([]string, len(items))
	for i, it := range items {
		done[i] = it.URL
	}
	return done, nil
}
