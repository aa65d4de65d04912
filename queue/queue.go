// Package queue is the work queue between the processes that find articles
// (watch, ingest) and the workers that fetch, extract and store them: a
// NATS JetStream stream with work-queue retention, so each job is kept on
// the server's disk until a worker acknowledges it, after storing its
// article. A worker that dies leaves its jobs unacknowledged, and the
// server hands them to another worker when their ack wait runs out.
package queue

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/ingest"
)

// Names on the server.
const (
	Stream   = "STORYFOLD_JOBS"
	Subject  = "storyfold.jobs"
	Consumer = "storyfold-workers"
)

// Kinds of job.
const (
	// Page: fetch the page at Item.URL and read its article; Item holds
	// what the feed item told of it.
	Page = "page"
	// URL: fetch what Item.URL holds, a page or a feed.
	URL = "url"
	// HTML: extract the article from HTML, a page read from a file or a
	// WARC record; Item holds its ID, origin, URL and fallback date.
	HTML = "html"
	// Article: an article whose text is in hand, to clean and store.
	Article = "article"
)

// Job is one unit of work.
type Job struct {
	Kind string            `json:"kind"`
	Item storyfold.Article `json:"item"`
	HTML []byte            `json:"html,omitempty"`
}

// Options set how jobs are delivered.
type Options struct {
	// AckWait is how long a worker has to acknowledge a job before the
	// server hands it to another: longer than a batch takes.
	AckWait time.Duration
	// MaxDeliver is how many times a job is handed out before it is
	// given up.
	MaxDeliver int
}

// Queue is a connection to the job stream.
type Queue struct {
	nc     *nats.Conn
	js     jetstream.JetStream
	stream jetstream.Stream
	opts   Options

	mu       sync.Mutex
	consumer jetstream.Consumer
}

// Open connects to a NATS server (nats://host:port) and creates the
// stream if it does not exist.
func Open(ctx context.Context, url string, opts Options) (*Queue, error) {
	if opts.AckWait <= 0 {
		opts.AckWait = 2 * time.Minute
	}
	if opts.MaxDeliver <= 0 {
		opts.MaxDeliver = 5
	}
	nc, err := nats.Connect(url, nats.Name("storyfold"), nats.MaxReconnects(-1))
	if err != nil {
		return nil, fmt.Errorf("queue %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue %s: %w", url, err)
	}
	stream, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:      Stream,
		Subjects:  []string{Subject},
		Retention: jetstream.WorkQueuePolicy,
		Storage:   jetstream.FileStorage,
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue %s: create stream: %w", url, err)
	}
	return &Queue{nc: nc, js: js, stream: stream, opts: opts}, nil
}

// Close drains and closes the connection.
func (q *Queue) Close() error {
	return q.nc.Drain()
}

// ErrTooLarge is a job larger than the server takes in one message.
var ErrTooLarge = errors.New("job larger than the queue's largest message")

// Publish puts jobs on the queue and returns once the server has stored
// each of them. Jobs too large for one message are left out, the others
// published, and the error says which (errors.Is ErrTooLarge).
func (q *Queue) Publish(ctx context.Context, jobs ...Job) error {
	futures := make([]jetstream.PubAckFuture, 0, len(jobs))
	var tooLarge []error
	for i := range jobs {
		data, err := encode(&jobs[i])
		if err != nil {
			return err
		}
		if int64(len(data)) > q.nc.MaxPayload() {
			tooLarge = append(tooLarge, fmt.Errorf("%s: %w (%d bytes compressed, at most %d)", jobs[i].Item.Origin, ErrTooLarge, len(data), q.nc.MaxPayload()))
			continue
		}
		f, err := q.js.PublishAsync(Subject, data)
		if err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		futures = append(futures, f)
	}
	for _, f := range futures {
		select {
		case <-f.Ok():
		case err := <-f.Err():
			return fmt.Errorf("publish: %w", err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return errors.Join(tooLarge...)
}

// encode is a job as gzipped JSON: pages compress several times over, and
// a message's size is bounded.
func encode(j *Job) ([]byte, error) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err := json.NewEncoder(zw).Encode(j); err != nil {
		return nil, fmt.Errorf("encode job: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("encode job: %w", err)
	}
	return buf.Bytes(), nil
}

// maxJob bounds a job once decompressed.
const maxJob = 64 << 20

func decode(data []byte) (Job, error) {
	var j Job
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return j, fmt.Errorf("decode job: %w", err)
	}
	if err := json.NewDecoder(io.LimitReader(zr, maxJob)).Decode(&j); err != nil {
		return j, fmt.Errorf("decode job: %w", err)
	}
	return j, nil
}

// Delivery is a job handed to a worker, to be settled once: Ack when it is
// stored (or will never be), Retry when a later try may succeed.
type Delivery struct {
	Job Job
	// Err is set for a message that is not a job; Ack drops it.
	Err error
	// Attempt counts the deliveries of this job, from 1.
	Attempt int
	msg     jetstream.Msg
}

// Ack settles the job for good.
func (d *Delivery) Ack() error { return d.msg.Ack() }

// AckSync settles the job for good and waits until the server confirms
// it has dropped the job, so its depth no longer counts it. Ack does not
// wait: a worker whose ack is lost has the job again and stores it once.
func (d *Delivery) AckSync(ctx context.Context) error { return d.msg.DoubleAck(ctx) }

// Retry hands the job back to be delivered again after a delay.
func (d *Delivery) Retry(delay time.Duration) error { return d.msg.NakWithDelay(delay) }

// Working tells the server the job is still being worked on, resetting
// its ack wait.
func (d *Delivery) Working() error { return d.msg.InProgress() }

func (q *Queue) workers(ctx context.Context) (jetstream.Consumer, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.consumer != nil {
		return q.consumer, nil
	}
	c, err := q.stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:    Consumer,
		AckPolicy:  jetstream.AckExplicitPolicy,
		AckWait:    q.opts.AckWait,
		MaxDeliver: q.opts.MaxDeliver,
	})
	if err != nil {
		return nil, fmt.Errorf("queue consumer: %w", err)
	}
	q.consumer = c
	return c, nil
}

// Fetch waits up to wait for at most n jobs. The wait is cut to half the
// ack wait: a job delivered early in a longer wait would be handed out
// again before it was worked on.
func (q *Queue) Fetch(ctx context.Context, n int, wait time.Duration) ([]*Delivery, error) {
	// While the client reconnects, a pull request waits in its buffer
	// and times out like an empty queue: say the server is away instead,
	// so a worker logs it rather than idling as if there were no work.
	if !q.nc.IsConnected() {
		return nil, fmt.Errorf("fetch jobs: %w", ErrDisconnected)
	}
	c, err := q.workers(ctx)
	if err != nil {
		return nil, err
	}
	wait = min(wait, q.opts.AckWait/2)
	batch, err := c.Fetch(n, jetstream.FetchMaxWait(wait))
	if err != nil {
		return nil, fmt.Errorf("fetch jobs: %w", err)
	}
	var out []*Delivery
	for msg := range batch.Messages() {
		d := &Delivery{msg: msg, Attempt: 1}
		if md, err := msg.Metadata(); err == nil {
			d.Attempt = int(md.NumDelivered)
		}
		d.Job, d.Err = decode(msg.Data())
		out = append(out, d)
	}
	if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) {
		return out, fmt.Errorf("fetch jobs: %w", err)
	}
	return out, nil
}

// ErrDisconnected is the error of a fetch while the client has no
// connection to the queue's server.
var ErrDisconnected = errors.New("not connected to the queue server")

// MaxDeliver is how many times a job is handed out before it is given up.
func (q *Queue) MaxDeliver() int { return q.opts.MaxDeliver }

// Depth is how many jobs wait: not yet delivered, or delivered and not yet
// acknowledged.
func (q *Queue) Depth(ctx context.Context) (int, error) {
	info, err := q.stream.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("queue depth: %w", err)
	}
	return int(info.State.Msgs), nil
}

// HTMLJob is the job of extracting a raw page.
func HTMLJob(p ingest.RawPage) Job {
	return Job{Kind: HTML, Item: storyfold.Article{ID: p.ID, Origin: p.Origin, URL: p.URL, Date: p.Date}, HTML: p.HTML}
}

// RawPage is the page an HTML job carries.
func (j *Job) RawPage() ingest.RawPage {
	return ingest.RawPage{ID: j.Item.ID, Origin: j.Item.Origin, URL: j.Item.URL, HTML: j.HTML, Date: j.Item.Date}
}
