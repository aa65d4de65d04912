package queue_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

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

// guard bounds any one wait on the server: far beyond what it takes on a
// loaded machine, it only turns a hang into a failure.
const guard = 30 * time.Second

// fetchSome fetches until at least one job comes, within the guard.
func fetchSome(t *testing.T, q *queue.Queue, n int) []*queue.Delivery {
	t.Helper()
	for end := time.Now().Add(guard); time.Now().Before(end); {
		got, err := q.Fetch(context.Background(), n, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) > 0 {
			return got
		}
	}
	t.Fatalf("no job delivered within %v", guard)
	return nil
}

func TestPublishFetchAck(t *testing.T) {
	ctx := context.Background()
	// The ack wait is what a dead worker's jobs wait: long enough that a
	// loaded machine settles the first job before it runs out.
	_, q := startQueue(t, queue.Options{AckWait: 2 * time.Second})
	page := strings.Repeat("<p>Some words of a page.</p>\n", 20000) // 560 KB, well compressed
	jobs := []queue.Job{
		{Kind: queue.Page, Item: storyfold.Article{ID: "a", URL: "https://example.com/a", Title: "A"}},
		{Kind: queue.HTML, Item: storyfold.Article{ID: "b", Origin: "x.warc, record 2"}, HTML: []byte(page)},
	}
	// Publish returns once the server has stored both.
	if err := q.Publish(ctx, jobs...); err != nil {
		t.Fatal(err)
	}
	if n, err := q.Depth(ctx); err != nil || n != 2 {
		t.Errorf("depth %d, %v; want 2", n, err)
	}
	var got []*queue.Delivery
	for len(got) < 2 {
		got = append(got, fetchSome(t, q, 2-len(got))...)
	}
	if got[0].Job.Item.Title != "A" || string(got[1].Job.HTML) != page || got[0].Attempt != 1 || got[1].Attempt != 1 {
		t.Errorf("jobs came back as %+v, %d bytes of HTML", got[0].Job, len(got[1].Job.HTML))
	}
	// The first is acknowledged; the second is not, and comes back when
	// its ack wait runs out, as if its worker had died.
	if err := got[0].AckSync(ctx); err != nil {
		t.Fatalf("ack: %v", err)
	}
	if n, err := q.Depth(ctx); err != nil || n != 1 {
		t.Errorf("depth %d, %v once the server confirmed an ack; want 1", n, err)
	}
	again := fetchSome(t, q, 10)
	if len(again) != 1 || again[0].Job.Item.ID != "b" || again[0].Attempt != 2 {
		t.Fatalf("after the ack wait: %d jobs, the first %+v", len(again), again[0].Job.Item)
	}
	if err := again[0].AckSync(ctx); err != nil {
		t.Fatalf("ack: %v", err)
	}
	if n, err := q.Depth(ctx); err != nil || n != 0 {
		t.Errorf("%d jobs left (%v) after the server confirmed both acks", n, err)
	}
}

func TestRetry(t *testing.T) {
	ctx := context.Background()
	_, q := startQueue(t, queue.Options{MaxDeliver: 2})
	if err := q.Publish(ctx, queue.Job{Kind: queue.URL, Item: storyfold.Article{URL: "https://example.com/"}}); err != nil {
		t.Fatal(err)
	}
	for attempt := 1; attempt <= 2; attempt++ {
		got := fetchSome(t, q, 1)
		if len(got) != 1 || got[0].Attempt != attempt {
			t.Fatalf("attempt %d: %d jobs, attempt %d", attempt, len(got), got[0].Attempt)
		}
		if err := got[0].Retry(10 * time.Millisecond); err != nil {
			t.Fatal(err)
		}
	}
	// Not delivered a third time: a wait many times the retry delay sees
	// nothing (a slow machine can only make this pass wrongly, not fail).
	if got, _ := q.Fetch(ctx, 1, 500*time.Millisecond); len(got) != 0 {
		t.Errorf("a job was delivered past MaxDeliver")
	}
}

// TestBadMessage publishes a message that is not a job on the stream's
// subject: it is delivered with an error, and Ack drops it.
func TestBadMessage(t *testing.T) {
	ctx := context.Background()
	srv, q := startQueue(t, queue.Options{})
	nc, err := nats.Connect(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.Publish(ctx, queue.Subject, []byte("not gzip")); err != nil {
		t.Fatal(err)
	}
	got := fetchSome(t, q, 1)
	if len(got) != 1 || got[0].Err == nil {
		t.Fatalf("a message that is not a job came as %d deliveries, error %v", len(got), got[0].Err)
	}
	if err := got[0].AckSync(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := q.Depth(ctx); err != nil || n != 0 {
		t.Errorf("%d jobs left (%v)", n, err)
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
