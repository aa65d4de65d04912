package queue_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/queue"
)

func startQueue(t *testing.T, opts queue.Options) (*queue.Server, *queue.Queue) {
	t.Helper()
	srv, err := queue.StartServer(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	q, err := queue.Open(context.Background(), srv.URL(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return srv, q
}

func TestPublishFetchAck(t *testing.T) {
	ctx := context.Background()
	_, q := startQueue(t, queue.Options{AckWait: 500 * time.Millisecond})
	page := strings.Repeat("<p>Some words of a page.</p>\n", 20000) // 560 KB, well compressed
	jobs := []queue.Job{
		{Kind: queue.Page, Item: storyfold.Article{ID: "a", URL: "https://example.com/a", Title: "A"}},
		{Kind: queue.HTML, Item: storyfold.Article{ID: "b", Origin: "x.warc, record 2"}, HTML: []byte(page)},
	}
	if err := q.Publish(ctx, jobs...); err != nil {
		t.Fatal(err)
	}
	if n, err := q.Depth(ctx); err != nil || n != 2 {
		t.Errorf("depth %d, %v; want 2", n, err)
	}
	got, err := q.Fetch(ctx, 10, time.Second)
	if err != nil || len(got) != 2 {
		t.Fatalf("fetched %d jobs, %v", len(got), err)
	}
	if got[0].Job.Item.Title != "A" || string(got[1].Job.HTML) != page || got[0].Attempt != 1 {
		t.Errorf("jobs came back as %+v, %d bytes of HTML", got[0].Job, len(got[1].Job.HTML))
	}
	// The first is acknowledged; the second is not, and comes back when
	// its ack wait runs out, as if its worker had died.
	got[0].Ack()
	var again []*queue.Delivery
	for end := time.Now().Add(5 * time.Second); len(again) == 0 && err == nil && time.Now().Before(end); {
		again, err = q.Fetch(ctx, 10, time.Second) // the wait is cut to half the ack wait
	}
	if err != nil || len(again) != 1 || again[0].Job.Item.ID != "b" || again[0].Attempt != 2 {
		t.Fatalf("after the ack wait: %d jobs, %v", len(again), err)
	}
	again[0].Ack()
	time.Sleep(100 * time.Millisecond)
	if n, _ := q.Depth(ctx); n != 0 {
		t.Errorf("%d jobs left after both were acknowledged", n)
	}
}

func TestRetry(t *testing.T) {
	ctx := context.Background()
	_, q := startQueue(t, queue.Options{MaxDeliver: 2})
	if err := q.Publish(ctx, queue.Job{Kind: queue.URL, Item: storyfold.Article{URL: "https://example.com/"}}); err != nil {
		t.Fatal(err)
	}
	for attempt := 1; attempt <= 2; attempt++ {
		got, err := q.Fetch(ctx, 1, 2*time.Second)
		if err != nil || len(got) != 1 || got[0].Attempt != attempt {
			t.Fatalf("attempt %d: %d jobs, %v", attempt, len(got), err)
		}
		got[0].Retry(10 * time.Millisecond)
	}
	if got, _ := q.Fetch(ctx, 1, 300*time.Millisecond); len(got) != 0 {
		t.Errorf("a job was delivered past MaxDeliver")
	}
}

func TestTooLarge(t *testing.T) {
	ctx := context.Background()
	_, q := startQueue(t, queue.Options{})
	noise := make([]byte, 9<<20) // incompressible, over the server's 8 MiB
	rand.NewChaCha8([32]byte{1}).Read(noise)
	err := q.Publish(ctx,
		queue.Job{Kind: queue.HTML, Item: storyfold.Article{ID: "huge", Origin: "x.warc, record 7"}, HTML: noise},
		queue.Job{Kind: queue.Article, Item: storyfold.Article{ID: "small", Text: "x"}})
	if !errors.Is(err, queue.ErrTooLarge) || !strings.Contains(err.Error(), "record 7") {
		t.Errorf("publishing a huge job: %v", err)
	}
	if n, _ := q.Depth(ctx); n != 1 {
		t.Errorf("%d jobs queued, want the small one", n)
	}
}
