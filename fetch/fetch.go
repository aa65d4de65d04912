// Package fetch reads web pages and feeds politely and safely: a few
// requests at a time per host, spaced out, robots.txt honoured, every
// response bounded in time and size, transient failures retried with
// backoff, unchanged pages answered by conditional GET. By default it
// refuses to connect to private, loopback and link-local addresses,
// checked on the address actually dialled after DNS resolution, since the
// server fetches URLs its users submit.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/net/html/charset"
)

// UserAgent names storyfold to the sites it reads; robots.txt rules for
// "storyfold" apply to it.
const UserAgent = "storyfold/1.0 (+https://github.com/storyfold/storyfold; news story reader)"

// robotsAgent is the product token robots.txt groups are matched against.
const robotsAgent = "storyfold"

// Config sets a Fetcher's limits; its zero fields take the defaults.
type Config struct {
	UserAgent string
	// Timeout bounds one request from dialling to the last byte of the
	// body, so a server that trickles its answer cannot hold a worker.
	Timeout time.Duration
	// MaxBytes bounds a body after decompression (a gzip bomb stops here).
	MaxBytes int64
	// MaxRedirects bounds the redirects followed for one request.
	MaxRedirects int
	// Retries is how many times a request is tried again after a network
	// error, a 5xx or a 429, waiting Backoff, then twice as long, and so
	// on (or what Retry-After asks, up to a minute).
	Retries int
	Backoff time.Duration
	// PerHost bounds the requests in flight to one host, and HostDelay
	// spaces their starts; a robots.txt Crawl-delay longer than HostDelay
	// wins, up to a minute.
	PerHost   int
	HostDelay time.Duration
	// RobotsTTL is how long a host's robots.txt is kept.
	RobotsTTL time.Duration
	// AllowPrivate lets requests reach private, loopback and link-local
	// addresses: for feeds on one's own network, and for tests.
	AllowPrivate bool
}

func (c *Config) defaults() {
	if c.UserAgent == "" {
		c.UserAgent = UserAgent
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.MaxBytes <= 0 {
		c.MaxBytes = 10 << 20
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = 5
	}
	if c.Retries < 0 {
		c.Retries = 0
	}
	if c.Backoff <= 0 {
		c.Backoff = time.Second
	}
	if c.PerHost <= 0 {
		c.PerHost = 2
	}
	if c.HostDelay < 0 {
		c.HostDelay = 0
	}
	if c.RobotsTTL <= 0 {
		c.RobotsTTL = 6 * time.Hour
	}
}

// DefaultConfig is what the commands use unless told otherwise.
func DefaultConfig() Config {
	return Config{Retries: 2, HostDelay: time.Second}
}

// Reason says why a fetch failed, in a word fit for a metric's label.
type Reason string

// Why fetches fail.
const (
	BadURL     Reason = "bad_url"
	Private    Reason = "private_address"
	Robots     Reason = "robots"
	TooLarge   Reason = "too_large"
	Timeout    Reason = "timeout"
	Redirects  Reason = "redirects"
	HTTPStatus Reason = "http_status"
	NotText    Reason = "not_text"
	Network    Reason = "network"
	Canceled   Reason = "canceled"
	Other      Reason = "other"
)

// Error is a failed fetch.
type Error struct {
	URL    string
	Reason Reason
	// Status is the HTTP status of an HTTPStatus failure.
	Status int
	Err    error
}

func (e *Error) Error() string {
	return fmt.Sprintf("fetch %s: %v", e.URL, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Describe says what went wrong with a fetch without repeating its URL,
// for messages that name it already.
func Describe(err error) string {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Err.Error()
	}
	return err.Error()
}

// ReasonOf is the reason a fetch error gives, or Other.
func ReasonOf(err error) Reason {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Reason
	}
	return Other
}

// Label is the reason a fetch error gives, as a metric's label, or
// otherwise when the error did not come from a fetch (a page without an
// article, a document that is not a feed).
func Label(err error, otherwise string) string {
	if r := ReasonOf(err); r != Other {
		return string(r)
	}
	return otherwise
}

// Validators are what an earlier response said, for a conditional GET.
type Validators struct {
	ETag, LastModified string
}

// Response is a fetched page.
type Response struct {
	// URL is where the body came from, after redirects.
	URL string
	// ContentType is the media type the server declared, without
	// parameters.
	ContentType string
	// Body is the content. Text that is not XML has been decoded to UTF-8
	// by the charset the server or the page declares; XML is left for its
	// parser, which reads the encoding from its prolog.
	Body []byte
	// NotModified says the server answered 304 to a conditional GET: Body
	// is empty and the earlier content stands.
	NotModified bool
	Validators  Validators
}

// Fetcher fetches URLs. It is safe for concurrent use.
type Fetcher struct {
	cfg    Config
	client *http.Client

	mu     sync.Mutex
	hosts  map[string]*host
	robots map[string]*robotsEntry
}

// host is the politeness state of one host.
type host struct {
	slots chan struct{}
	mu    sync.Mutex
	next  time.Time
	delay time.Duration
}

// New returns a Fetcher with cfg's limits.
func New(cfg Config) *Fetcher {
	cfg.defaults()
	f := &Fetcher{cfg: cfg, hosts: make(map[string]*host), robots: make(map[string]*robotsEntry)}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !cfg.AllowPrivate {
		dialer.Control = refusePrivate
	}
	transport := &http.Transport{
		// No proxy from the environment: a proxy would dial for us, past
		// the address check.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: cfg.Timeout,
		MaxIdleConnsPerHost:   cfg.PerHost,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	f.client = &http.Client{
		Transport: transport,
		Timeout:   cfg.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > cfg.MaxRedirects {
				return &Error{URL: via[0].URL.String(), Reason: Redirects, Err: fmt.Errorf("more than %d redirects", cfg.MaxRedirects)}
			}
			if err := checkURL(req.URL); err != nil {
				return err
			}
			if req.Context().Value(robotsRequest{}) != nil {
				return nil
			}
			return f.allowed(req.Context(), req.URL)
		},
	}
	return f
}

// refusePrivate is the dialer's last check, on the resolved address it is
// about to connect to, so a name that resolves (or re-resolves) to an
// internal address is refused however it was reached.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	h, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip := net.ParseIP(h)
	if ip == nil || !Public(ip) {
		return &Error{URL: address, Reason: Private, Err: fmt.Errorf("refusing to connect to %s, a private, loopback or link-local address (--allow-private allows it)", h)}
	}
	return nil
}

// carrierNAT is the shared address space of RFC 6598, private in effect.
var carrierNAT = net.IPNet{IP: net.IPv4(100, 64, 0, 0), Mask: net.CIDRMask(10, 32)}

// Public reports whether ip is a public unicast address.
func Public(ip net.IP) bool {
	if v4 := ip.To4(); v4 != nil {
		ip = v4
		if v4[0] == 0 || carrierNAT.Contains(v4) || v4.Equal(net.IPv4bcast) {
			return false
		}
	}
	return !(ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified())
}

// checkURL accepts http and https URLs with a host.
func checkURL(u *url.URL) error {
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &Error{URL: u.String(), Reason: BadURL, Err: errors.New("not an http or https URL")}
	}
	return nil
}

// Fetch gets a URL, waiting its turn on the host, retrying what may pass.
// With validators, an unchanged page comes back NotModified.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, &Error{URL: rawURL, Reason: BadURL, Err: err}
	}
	if err := checkURL(u); err != nil {
		return nil, err
	}
	if err := f.allowed(ctx, u); err != nil {
		return nil, err
	}
	for attempt := 0; ; attempt++ {
		res, retryAfter, err := f.once(ctx, u, v)
		if err == nil || attempt >= f.cfg.Retries || !Transient(err) {
			return res, err
		}
		wait := f.cfg.Backoff << attempt
		wait += rand.N(wait/2 + 1) // jitter, so retries do not arrive together
		if retryAfter > 0 {
			wait = min(retryAfter, time.Minute)
		}
		select {
		case <-ctx.Done():
			return nil, &Error{URL: rawURL, Reason: Canceled, Err: ctx.Err()}
		case <-time.After(wait):
		}
	}
}

// Transient reports whether a fetch that failed may succeed if tried
// again later: a network error, a timeout, a 5xx or a 429.
func Transient(err error) bool {
	var fe *Error
	if !errors.As(err, &fe) {
		return false
	}
	switch fe.Reason {
	case Network, Timeout:
		return true
	case HTTPStatus:
		return fe.Status >= 500 || fe.Status == http.StatusTooManyRequests
	}
	return false
}

// once makes one request, in the host's turn.
func (f *Fetcher) once(ctx context.Context, u *url.URL, v Validators) (*Response, time.Duration, error) {
	release, err := f.turn(ctx, u.Host)
	if err != nil {
		return nil, 0, &Error{URL: u.String(), Reason: Canceled, Err: err}
	}
	defer release()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, 0, &Error{URL: u.String(), Reason: BadURL, Err: err}
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, 0, classify(u.String(), err)
	}
	defer resp.Body.Close()
	res := &Response{
		URL:        resp.Request.URL.String(),
		Validators: Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")},
	}
	res.ContentType, _, _ = mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch {
	case resp.StatusCode == http.StatusNotModified && (v.ETag != "" || v.LastModified != ""):
		res.NotModified = true
		return res, 0, nil
	case resp.StatusCode != http.StatusOK:
		return nil, retryAfter(resp.Header.Get("Retry-After")), &Error{URL: u.String(), Reason: HTTPStatus, Status: resp.StatusCode,
			Err: fmt.Errorf("HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))}
	case !textual(res.ContentType):
		return nil, 0, &Error{URL: u.String(), Reason: NotText, Err: fmt.Errorf("%s is not a page or a feed", res.ContentType)}
	case resp.ContentLength > f.cfg.MaxBytes:
		return nil, 0, &Error{URL: u.String(), Reason: TooLarge, Err: fmt.Errorf("%d bytes, over the %d-byte limit", resp.ContentLength, f.cfg.MaxBytes)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxBytes+1))
	if err != nil {
		return nil, 0, classify(u.String(), err)
	}
	if int64(len(body)) > f.cfg.MaxBytes {
		return nil, 0, &Error{URL: u.String(), Reason: TooLarge, Err: fmt.Errorf("over the %d-byte limit", f.cfg.MaxBytes)}
	}
	res.Body = decode(body, res.ContentType, resp.Header.Get("Content-Type"))
	return res, 0, nil
}

// classify names a transport error's reason.
func classify(rawURL string, err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		// Refused by our own checks (address, robots, redirects).
		return &Error{URL: rawURL, Reason: fe.Reason, Status: fe.Status, Err: fe.Err}
	}
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return &Error{URL: rawURL, Reason: Canceled, Err: err}
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return &Error{URL: rawURL, Reason: Timeout, Err: errors.New("timed out")}
	}
	return &Error{URL: rawURL, Reason: Network, Err: err}
}

// textual reports whether a media type may hold an article or a feed.
func textual(mt string) bool {
	switch {
	case mt == "", strings.HasPrefix(mt, "text/"), strings.HasSuffix(mt, "+xml"), strings.HasSuffix(mt, "/xml"),
		mt == "application/json", mt == "application/feed+json", strings.HasSuffix(mt, "+json"):
		return true
	}
	return false
}

// isXML reports whether a media type is XML, whose parser reads the
// encoding from the document's prolog.
func isXML(mt string) bool {
	return strings.HasSuffix(mt, "+xml") || strings.HasSuffix(mt, "/xml")
}

// decode returns a text body as UTF-8, by the charset the header declares,
// else the page's byte order mark or <meta>, as browsers do.
func decode(body []byte, mt, contentType string) []byte {
	if isXML(mt) {
		return body
	}
	enc, _, _ := charset.DetermineEncoding(body, contentType)
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}

// retryAfter reads a Retry-After header in seconds or as a date.
func retryAfter(h string) time.Duration {
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(0, time.Until(t))
	}
	return 0
}

// turn waits for a free slot on the host and for the host's delay since
// the last request started; release frees the slot.
func (f *Fetcher) turn(ctx context.Context, hostport string) (func(), error) {
	h := f.host(hostport)
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	h.mu.Lock()
	now := time.Now()
	start := h.next
	if start.Before(now) {
		start = now
	}
	h.next = start.Add(max(f.cfg.HostDelay, h.delay))
	h.mu.Unlock()
	if wait := time.Until(start); wait > 0 {
		select {
		case <-ctx.Done():
			<-h.slots
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
	return func() { <-h.slots }, nil
}

func (f *Fetcher) host(hostport string) *host {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.hosts[hostport]
	if h == nil {
		h = &host{slots: make(chan struct{}, f.cfg.PerHost)}
		f.hosts[hostport] = h
	}
	return h
}
