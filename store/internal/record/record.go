// Package record turns domain values into the columns the SQL stores keep
// and back, so SQLite and PostgreSQL store the same documents the same way.
package record

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unsafe"

	"github.com/klauspost/compress/zstd"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// ArticleDoc is the document kept for an article, without its text,
// which the store keeps in a column of its own (search reads it there),
// and without its duplicates, which are derived from the other articles'
// duplicate_of when read. With compress it is the article in the binary
// form of articledoc.go, zstd-compressed: what cleaning removed and the
// spans of sentences, entities, quotes, figures and dates take about
// twice the article's text as JSON and a third of that compressed
// (BASIL), and a store whose engine does not compress its rows (SQLite)
// would keep them whole. Without, it is the article's JSON.
func ArticleDoc(a storyfold.Article, compress bool) ([]byte, error) {
	if compress {
		buf := articleBuffers.Get().(*[]byte)
		defer putArticleBuffer(buf)
		*buf = appendArticleBinary((*buf)[:0], &a)
		return encoder.EncodeAll(*buf, make([]byte, 0, len(*buf)/4)), nil
	}
	return articleJSON(a)
}

// articleJSON is an article's document as JSON, the form of stores
// written before the binary one and of a store that keeps it plain.
func articleJSON(a storyfold.Article) ([]byte, error) {
	a.Duplicates = nil
	a.Text = ""
	// The method directly, not json.Marshal: that would scan the whole
	// document again to compact and validate what the method's own
	// json.Marshal has already written compact and escaped.
	return a.MarshalJSON()
}

// articleBuffers keeps the buffers article documents are written into
// before they are compressed, as storyBuffers does for stories.
var articleBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

func putArticleBuffer(b *[]byte) {
	if cap(*b) <= maxKeptBuffer {
		articleBuffers.Put(b)
	}
}

// FeaturesBlob is the grouping features as kept, compressed with
// compress: their terms compress well, their MinHash signature not at
// all, so the blob shrinks by about two fifths. Features as the cluster
// package encodes them open with a small version byte, never zstd's
// magic.
func FeaturesBlob(features []byte, compress bool) []byte {
	if !compress || len(features) == 0 {
		return features
	}
	return encoder.EncodeAll(features, make([]byte, 0, len(features)*3/4))
}

// TextBlob is an article's text as kept: with compress, zstd-compressed
// bytes (news text compresses to about a third, and the text is the
// largest thing a store keeps of an article), else the text itself. The
// full-text index is fed the plain text apart, so it never reads this
// column.
func TextBlob(text string, compress bool) any {
	if !compress {
		return text
	}
	buf := textBuffers.Get().(*[]byte)
	*buf = append((*buf)[:0], text...)
	blob := encoder.EncodeAll(*buf, make([]byte, 0, len(text)/2))
	if cap(*buf) <= maxKeptBuffer {
		textBuffers.Put(buf)
	}
	return blob
}

// textBuffers keeps the buffers TextBlob copies a text into for the
// encoder, which reads bytes: a text copied is dropped once compressed.
var textBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// Text reads an article's text as TextBlob keeps it, compressed or not.
// Text is UTF-8, in which zstd's magic (an opening parenthesis followed by
// a continuation byte) cannot occur, so a stored text is never taken for
// a compressed one.
func Text(stored []byte) (string, error) {
	if !bytes.HasPrefix(stored, zstdMagic) {
		return string(stored), nil
	}
	plain, err := decoder.DecodeAll(stored, nil)
	if err != nil {
		return "", fmt.Errorf("stored text: %w", err)
	}
	return string(plain), nil
}

// Features reads grouping features as FeaturesBlob keeps them.
func Features(blob []byte) ([]byte, error) {
	if !bytes.HasPrefix(blob, zstdMagic) {
		return blob, nil
	}
	plain, err := decoder.DecodeAll(blob, nil)
	if err != nil {
		return nil, fmt.Errorf("stored features: %w", err)
	}
	return plain, nil
}

// zstdMagic opens every zstd frame; a JSON document opens with '{'.
var zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}

// MaxStoryDoc is the largest story document the store saves, in bytes
// before compression: the decoder's limit, which a document must stay
// within to be read back. Accounts are built far below it
// (pipeline.MaxAccountBytes bounds their JSON, which is larger).
const MaxStoryDoc = maxDecoded

// maxDecoded bounds what the decoder unpacks, so that a damaged or
// hostile row cannot make a read allocate without limit.
const maxDecoded = 256 << 20

// encoderWindow is how far back the encoder looks for a match. Each of
// its encoders (one a core) keeps twice its window of history for good
// once it has compressed a document that large: 16 MB each with the
// default 8 MB window, live heap for the whole life of a server that took
// one 10 MB article. A 2 MB window keeps 4 MB and compresses a 5.5 MB
// story document and 10 MB texts within 1% of the default.
const encoderWindow = 2 << 20

// encoder and decoder are shared: EncodeAll and DecodeAll may be called
// from many goroutines at once.
var (
	encoder, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithWindowSize(encoderWindow))
	decoder, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(maxDecoded))
)

// StoryDocs are what is kept for a story: its whole document, and its
// outlets for the column lists read. With compress the document is the
// story in the binary form of storydoc.go, zstd-compressed, as bytes: an
// account's facts, variants and citations take several times the text
// of its articles, and compress about sevenfold. Without, it is the
// story's JSON, a string.
func StoryDocs(st *storyfold.Story, compress bool) (doc any, sources string, err error) {
	src, err := json.Marshal(st.Sources)
	if err != nil {
		return nil, "", fmt.Errorf("save story %s: %w", st.ID, err)
	}
	if !compress {
		// Stale is a fact about the store at the time of reading, never
		// part of the saved account.
		c := *st
		c.Stale = false
		d, err := json.Marshal(&c)
		if err != nil {
			return nil, "", fmt.Errorf("save story %s: %w", st.ID, err)
		}
		if err := checkStoryDoc(st, len(d)); err != nil {
			return nil, "", err
		}
		return string(d), string(src), nil
	}
	buf := storyBuffers.Get().(*[]byte)
	defer putStoryBuffer(buf)
	d, err := appendStoryDoc((*buf)[:0], st)
	*buf = d
	if err != nil {
		return nil, "", err
	}
	return encoder.EncodeAll(d, make([]byte, 0, len(d)/4)), string(src), nil
}

// appendStoryDoc appends a story's document in the binary form to b,
// within the size the store reads back. The binary form never holds
// Stale.
func appendStoryDoc(b []byte, st *storyfold.Story) ([]byte, error) {
	d := appendStoryBinary(b, st)
	if err := checkStoryDoc(st, len(d)); err != nil {
		return d, err
	}
	return d, nil
}

// storyBuffers keeps the buffers story documents are written into before
// they are compressed: a document is dropped once compressed, and writing
// each into a new buffer grown from 4 kB was the largest allocation of an
// ingest (9% of its bytes, BASIL ×10).
var storyBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// maxKeptBuffer bounds the buffers storyBuffers and textBuffers keep, so
// that the document of one story of thousands of articles, or one long
// text, is not held for good.
const maxKeptBuffer = 4 << 20

func putStoryBuffer(b *[]byte) {
	if cap(*b) <= maxKeptBuffer {
		storyBuffers.Put(b)
	}
}

// checkStoryDoc refuses a document past MaxStoryDoc. Accounts are
// bounded well below it when built; a document past it would be saved
// only to fail every read.
func checkStoryDoc(st *storyfold.Story, size int) error {
	if size > MaxStoryDoc {
		return fmt.Errorf("save story %s: its account is %d bytes, over the %d the store reads back: %w", st.ID, size, MaxStoryDoc, storyfold.ErrUnreadable)
	}
	return nil
}

// StoryDocsDense is StoryDocs compressed at a denser level than
// StoryDocs' fastest (7% smaller), for a store that keeps the text plain
// and must save elsewhere (PostgreSQL): stories are mostly rebuilt and
// saved outside the write lock, and Story reads either.
func StoryDocsDense(st *storyfold.Story) (doc []byte, sources string, err error) {
	src, err := json.Marshal(st.Sources)
	if err != nil {
		return nil, "", fmt.Errorf("save story %s: %w", st.ID, err)
	}
	buf := storyBuffers.Get().(*[]byte)
	defer putStoryBuffer(buf)
	d, err := appendStoryDoc((*buf)[:0], st)
	*buf = d
	if err != nil {
		return nil, "", err
	}
	return denseEncoder.EncodeAll(d, make([]byte, 0, len(d)/4)), string(src), nil
}

// denseEncoder is StoryDocsDense's.
var denseEncoder, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBetterCompression))

// Article reads an article's document (ArticleDoc's, binary and
// compressed or JSON and plain, ArticleDocWithText's, the compressed JSON
// of stores written before the binary form, or one stored whole with its
// text by an earlier storyfold), with its text column and the IDs of its
// copies.
func Article(doc []byte, text string, duplicates []string) (storyfold.Article, error) {
	var a storyfold.Article
	var err error
	switch {
	case bytes.HasPrefix(doc, zstdMagic):
		var plain []byte
		if plain, err = decodeDoc(doc, text); err != nil {
			return a, fmt.Errorf("stored article: %w", err)
		}
		if isBinaryArticle(plain) {
			// The unpacked document is this function's alone and never
			// written again, so the article's strings are slices of it
			// rather than of a copy.
			a, err = articleFromText(unsafe.String(unsafe.SliceData(plain), len(plain)))
		} else {
			err = json.Unmarshal(plain, &a)
		}
	case isBinaryArticle(doc):
		a, err = articleFromText(string(doc))
	default:
		err = json.Unmarshal(doc, &a)
	}
	if err != nil {
		return storyfold.Article{}, fmt.Errorf("stored article: %w", err)
	}
	if a.Text == "" {
		a.Text = text
	}
	a.Duplicates = duplicates
	if a.Duplicates == nil {
		a.Duplicates = []string{}
	}
	return a, nil
}

// Story reads a story's document, compressed or not, in the binary form
// or the JSON of stores written before it. A document it cannot read (one saved before accounts were bounded and larger than the
// decoder's limit, or damaged) is an error wrapping
// storyfold.ErrUnreadable: reading it again fails the same way.
func Story(doc []byte) (*storyfold.Story, error) {
	if bytes.HasPrefix(doc, zstdMagic) {
		// A frame that says it unpacks past the decoder's limit is
		// refused before any of it is unpacked: the decoder would work
		// through up to the limit first, half a second and 256 MB a read.
		var h zstd.Header
		if h.Decode(doc) == nil && h.HasFCS && h.FrameContentSize > maxDecoded {
			return nil, fmt.Errorf("stored story: %w: its account is %d bytes of JSON, over the %d the store reads", storyfold.ErrUnreadable, h.FrameContentSize, maxDecoded)
		}
		plain, err := decoder.DecodeAll(doc, nil)
		if err != nil {
			return nil, fmt.Errorf("stored story: %w: %w", storyfold.ErrUnreadable, err)
		}
		if isBinaryDoc(plain) {
			// The unpacked document is this function's alone and never
			// written again, so the story's strings are slices of it
			// rather than of a copy: a copy was 120 KB a 15-article
			// story page, a tenth of what a page allocates.
			return readBinaryStory(unsafe.String(unsafe.SliceData(plain), len(plain)))
		}
		doc = plain
	}
	if isBinaryDoc(doc) {
		return readBinaryStory(string(doc))
	}
	st := storyfold.NewStory("")
	if err := json.Unmarshal(doc, st); err != nil {
		return nil, fmt.Errorf("stored story: %w: %w", storyfold.ErrUnreadable, err)
	}
	return withLanguages(st), nil
}

// readBinaryStory reads a binary story document (storyFromText).
func readBinaryStory(doc string) (*storyfold.Story, error) {
	st, err := storyFromText(doc)
	if err != nil {
		return nil, fmt.Errorf("stored story: %w: %w", storyfold.ErrUnreadable, err)
	}
	return withLanguages(st), nil
}

// withLanguages gives a story saved before its languages were kept an
// empty list of them, as the JSON contract writes every list.
func withLanguages(st *storyfold.Story) *storyfold.Story {
	if st.Languages == nil {
		st.Languages = []storyfold.LanguageCount{}
	}
	return st
}

// Date reads a stored date, written by Date.String; "" is unknown.
func Date(s string) storyfold.Date {
	d, _ := storyfold.ParseDate(s) // written by Date.String: cannot fail
	return d
}

// Nullable stores "" as NULL.
func Nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// EndOfDay is a bound past every stored date on d's day: a date with a
// time sorts after the bare day.
func EndOfDay(d storyfold.Date) string { return d.String() + "\uffff" }

// MaxPage bounds a page, whatever is asked.
const MaxPage = 200

// Limit is the page size a query's limit asks for.
func Limit(n int) int {
	if n <= 0 || n > MaxPage {
		return MaxPage
	}
	return n
}

// snippetWords is about how long a search result's snippet is.
const snippetWords = 24

// Snippet is a search hit's passage of text, its matched words marked.
func Snippet(text, query string) string {
	return nlp.Snippet(text, query, snippetWords, storyfold.SnippetOpen, storyfold.SnippetClose)
}

// SourceKey is the form of an outlet's name that a source filter compares
// (see storyfold.StoryQuery): its spaces at either end trimmed and each
// letter replaced by the smallest of the letters strings.EqualFold takes
// for it, so two names have one key exactly when EqualFold says they are
// equal. Stores keep it beside the name, indexed, and compare keys: an
// engine's own lower() folds ASCII only, and not alike in SQLite and
// PostgreSQL.
func SourceKey(name string) string {
	return strings.Map(foldRune, strings.TrimSpace(name))
}

// foldRune is the smallest rune of r's simple case-folding orbit.
func foldRune(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// ArticleDocWithText is ArticleDoc compressed with the article's text as
// zstd's dictionary: the document's quotes, names and sentences are
// mostly the text's words, so it keeps about two fifths less than
// ArticleDoc compressed alone (2,177 to 1,289 bytes an article, BASIL;
// the JSON form was 2,824 to 1,829). Article reads it given the same
// text, which a store keeps beside it and never changes; the frame's
// dictionary ID says which documents need it.
func ArticleDocWithText(a storyfold.Article) ([]byte, error) {
	buf := articleBuffers.Get().(*[]byte)
	defer putArticleBuffer(buf)
	*buf = appendArticleBinary((*buf)[:0], &a)
	return compressWithText(*buf, a.Text)
}

// CompressWithText compresses a document kept plain by an earlier
// storyfold as ArticleDocWithText does, for a store that converts its
// rows.
func CompressWithText(doc []byte, text string) ([]byte, error) {
	if bytes.HasPrefix(doc, zstdMagic) {
		return doc, nil
	}
	return compressWithText(doc, text)
}

// textDict is the dictionary ID of a frame compressed with its article's
// text as the dictionary, above the range zstd reserves (below 32,768);
// storyfold keeps no other dictionary.
const textDict = 0x7e57d1c7

// textEncoders and textDecoders are kept for frames primed with a text:
// a frame's dictionary is set on reset, which costs far less than a new
// encoder or decoder (a few microseconds against a millisecond).
var (
	textEncoders = sync.Pool{New: func() any {
		e, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
		return e
	}}
	textDecoders = sync.Pool{New: func() any {
		d, _ := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(256<<20))
		return d
	}}
)

func compressWithText(doc []byte, text string) ([]byte, error) {
	if text == "" {
		return encoder.EncodeAll(doc, make([]byte, 0, len(doc)/4)), nil
	}
	e := textEncoders.Get().(*zstd.Encoder)
	defer textEncoders.Put(e)
	if err := e.ResetWithOptions(nil, zstd.WithEncoderDictRaw(textDict, []byte(text))); err != nil {
		return nil, fmt.Errorf("compress document: %w", err)
	}
	return e.EncodeAll(doc, make([]byte, 0, len(doc)/4)), nil
}

// decodeDoc decompresses a document, with text as the dictionary when
// its frame was compressed with it.
func decodeDoc(doc []byte, text string) ([]byte, error) {
	var h zstd.Header
	if err := h.Decode(doc); err != nil || h.DictionaryID != textDict {
		return decoder.DecodeAll(doc, nil)
	}
	d := textDecoders.Get().(*zstd.Decoder)
	defer textDecoders.Put(d)
	if err := d.ResetWithOptions(nil, zstd.WithDecoderDictRaw(textDict, []byte(text))); err != nil {
		return nil, err
	}
	return d.DecodeAll(doc, nil)
}
