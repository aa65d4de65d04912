package storyfold

import (
	"context"
	"errors"
	"fmt"
)

// ErrNotFound is returned by a Store for an ID it does not hold.
var ErrNotFound = errors.New("not found")

// ErrDateRange is returned, wrapped, for a StoryQuery whose From falls on
// a later day than its To. Such a range holds no date at all, so it is the
// caller's mistake to report (the web answers 400), not an empty result to
// show.
var ErrDateRange = errors.New("the date range ends before it starts")

// Store keeps articles, their place in the story index, and stories. The
// embedded SQLite store and the PostgreSQL store implement it, and one
// conformance suite tests both. Code that only reads (pages, the API)
// should ask for a Reader, and code that only ingests for a Writer, so
// that a test or a wrapper implements just what is used.
type Store interface {
	Reader
	Writer
	// Close releases the store.
	Close() error
}

// Reader is what pages and the API read of a store: articles, stories,
// searches and counts, and the version that tells a cache when to drop
// what it built from them.
type Reader interface {
	// Articles returns the stored articles with the given IDs (all of them
	// when ids is nil), in the order they were stored.
	Articles(ctx context.Context, ids []string) ([]Article, error)
	// ArticleHeads returns what lists and story pages show of the articles
	// with the given IDs, in the order they were stored: ID, URL, source,
	// title, date and language, without the text or annotations, so a
	// page that lists many articles reads none of their documents.
	ArticleHeads(ctx context.Context, ids []string) ([]Article, error)
	// Stories returns every story, the most recently updated first.
	Stories(ctx context.Context) ([]*Story, error)
	// StoryPage returns a page of the stories that match q, the newest
	// first (by their last date), and how many match in all. A query
	// whose From falls after its To is an error wrapping ErrDateRange.
	StoryPage(ctx context.Context, q StoryQuery) ([]StorySummary, int, error)
	// Story returns one story, or ErrNotFound.
	Story(ctx context.Context, id string) (*Story, error)
	// Search returns a page of the articles that match a full-text query,
	// the best first, each with a snippet, and how many match in all, up
	// to MaxSearchTotal.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, int, error)
	// Sources returns the outlets with how many articles each has, the
	// largest first.
	Sources(ctx context.Context) ([]SourceCount, error)
	// StoryOf returns the ID of the story an article belongs to, or
	// ErrNotFound.
	StoryOf(ctx context.Context, articleID string) (string, error)
	// StoryMembers returns which articles one story has, in the order
	// they were stored, as index entries without their features, so a
	// story's account is rebuilt from what the store holds, whoever
	// stored it (a writer that has some of them in memory reads only the
	// others' documents, Articles), and a page can count a story's
	// outlets from its articles' heads without the story's document.
	StoryMembers(ctx context.Context, storyID string) ([]IndexEntry, error)
	// StoryHeads returns, for each of the stories with the given IDs
	// that has articles stored, the heads (as ArticleHeads gives them) of
	// its articles, copies included, in the order they were stored: what
	// StoryMembers and then ArticleHeads give for one story, in one read
	// for a page of stories.
	StoryHeads(ctx context.Context, storyIDs []string) (map[string][]Article, error)
	// Version returns a number that grows with every Save, by any process
	// sharing the store, so a reader can keep what it built from the store
	// for exactly as long as it stays true.
	Version(ctx context.Context) (int64, error)
	// Counts returns how many articles and stories are stored.
	Counts(ctx context.Context) (articles, stories int, err error)
}

// Writer is what ingestion needs of a store beyond reading: which
// articles it holds, the story index to catch up, the write lock, and the
// saves of batches and of rebuilt stories.
type Writer interface {
	// KnownHashes returns which of the content hashes are stored.
	KnownHashes(ctx context.Context, hashes []string) (map[string]bool, error)
	// Save stores a batch in one transaction: new articles with their
	// grouping state, and the stories they created or changed.
	Save(ctx context.Context, b *Batch) error
	// IndexEntries calls fn for every article stored after the one whose
	// Seq is after (all of them when after is 0), in the order they were
	// stored, with what the story index needs to be rebuilt or caught up.
	IndexEntries(ctx context.Context, after int64, fn func(IndexEntry) error) error
	// LockWrites waits until no other writer, in this process or any other
	// sharing the store, holds the write lock, and takes it until unlock is
	// called. A writer holds it from catching its story index up to saving
	// what it grouped with it, so two writers never group against stale
	// indexes; a writer that dies loses the lock with its process.
	LockWrites(ctx context.Context) (unlock func(), err error)
	// StaleStories returns the stories whose articles changed since their
	// account was last saved (see Batch.Stale), with their marks, the
	// oldest mark first: those with the given IDs, or all of them when
	// ids is nil.
	StaleStories(ctx context.Context, ids []string) ([]StaleStory, error)
	// SaveStories saves rebuilt stories, in one transaction: each, with
	// its stale mark cleared, only if the mark is still the one its
	// rebuild started from (marks[i] for stories[i]). A story whose
	// articles changed while it was being rebuilt keeps its newer mark and
	// is not saved (saved[i] is false): the rebuild that mark asks for
	// will be. A saved story keeps the time of its mark as its update
	// time, so lists order stories by when their articles changed, not by
	// when a rebuild happened to finish.
	SaveStories(ctx context.Context, stories []*Story, marks []int64) (saved []bool, err error)
}

// IngestResult says what an ingest changed.
type IngestResult struct {
	New, Known int
	// Renamed maps an article's original ID to the one it was stored under,
	// for articles whose ID the store already gives to other content.
	Renamed map[string]string
	// Stories lists the stories created or changed.
	Stories []string
}

// Batch is what one ingest writes.
type Batch struct {
	Articles []StoredArticle
	Stories  []*Story
	// Stale lists the stories whose articles the batch changed. Each is
	// marked stale in the batch's transaction, so the mark is durable
	// with the articles: a writer that dies before rebuilding them leaves
	// the marks for the next one (see StaleStories and SaveStories).
	Stale []string
}

// StaleStory is a story whose account is older than its articles. Mark
// changes every time a batch changes the story's articles.
type StaleStory struct {
	ID   string
	Mark int64
}

// StoredArticle is an article with its place in the story index.
type StoredArticle struct {
	Article     Article
	StoryID     string
	DuplicateOf string
	// Features is the grouping index's opaque record of the article.
	Features []byte
}

// IndexEntry is what rebuilding the story index needs of one article.
type IndexEntry struct {
	// Seq orders the stored articles: it grows with every article saved.
	Seq                            int64
	ID, Hash, StoryID, DuplicateOf string
	Features                       []byte
}

// StoryQuery selects stories: all of them when its fields are zero.
//
// Outlets are matched whole, ignoring case: Source "fox news" keeps the
// stories with an article from "Fox News" (or "FOX NEWS"), but "Fox" does
// not, since a prefix or part of a name would also take in other outlets
// ("Fox" is a prefix of "Foxboro Reporter"); /api/v1/sources lists the
// names to choose from. Case is folded as strings.EqualFold folds it, so
// "Ümit" and "ÜMIT" are one outlet too.
//
// A story with no known date matches no date range: once From or To is
// set, only stories whose dates are known and overlap [From, To] are kept,
// since an undated story cannot be said to fall in any period, and
// keeping it in every one filled each range with the same stories. With
// neither bound set, undated stories are listed with the others, last.
type StoryQuery struct {
	// Text matches the stories with an article whose title or text
	// matches it (full-text, every word).
	Text string
	// Source keeps the stories with an article from this outlet, its
	// name compared whole and without regard to case.
	Source string
	// From and To keep the stories whose dates overlap [From, To]; a zero
	// bound is open. To takes in the whole of its day, so a story dated
	// at noon on that day is kept. From on a later day than To is an
	// error wrapping ErrDateRange (see Check).
	From, To Date
	// IDs, when not nil, keeps only the stories with these IDs (none
	// when it is empty), at most MaxStoryIDs of them: a page naming the
	// stories of its search hits reads their summaries by ID, a bounded
	// read, rather than every story that matches the search's words.
	IDs           []string
	Limit, Offset int
}

// MaxStoryIDs bounds StoryQuery.IDs: one statement's list of arguments.
const MaxStoryIDs = 500

// Check returns an error wrapping ErrDateRange when q's From falls on a
// later day than its To, an error when it lists more than MaxStoryIDs
// IDs, and nil otherwise: callers that take a query from a user check it
// before asking a store, which checks it too. Dates are
// compared as stores compare them, as written (Date.String), To running to
// the end of its day: "\uffff" sorts after every time of day written
// after the bare date.
func (q StoryQuery) Check() error {
	if q.From.Known() && q.To.Known() && q.From.String() > q.To.String()+"\uffff" {
		return fmt.Errorf("from %s is after to %s: %w", q.From, q.To, ErrDateRange)
	}
	if len(q.IDs) > MaxStoryIDs {
		return fmt.Errorf("%d story IDs, more than %d", len(q.IDs), MaxStoryIDs)
	}
	return nil
}

// StorySummary is what a list of stories shows of each.
type StorySummary struct {
	ID                 string   `json:"id"`
	Headline           string   `json:"headline"`
	Articles           int      `json:"articles"`
	IndependentSources int      `json:"independent_sources"`
	Sources            []string `json:"sources"`
	First              Date     `json:"first"`
	Last               Date     `json:"last"`
}

// SearchQuery is a full-text search over articles.
type SearchQuery struct {
	Text          string
	Limit, Offset int
}

// MaxSearchTotal is where a search stops counting its matches: past it,
// "more than" says as much as the exact count, which costs a scan.
const MaxSearchTotal = 1000

// SearchHit is an article a search found.
type SearchHit struct {
	ArticleID string `json:"article"`
	StoryID   string `json:"story"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	Date      Date   `json:"date"`
	// Snippet is the matching passage, each matched word between
	// SnippetOpen and SnippetClose, which never occur in article text.
	Snippet string `json:"snippet"`
}

// The marks around matched words in a snippet: control characters, which
// cleaning removes from article text, so they cannot be forged by it.
const (
	SnippetOpen  = "\x02"
	SnippetClose = "\x03"
)

// SourceCount is an outlet and how many articles it has.
type SourceCount struct {
	Source   string `json:"source"`
	Articles int    `json:"articles"`
}
