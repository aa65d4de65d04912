// Package storyfold holds the domain types shared by every stage of the
// pipeline: readers produce Articles, the cleaner and the text analyser fill
// them in, the grouper folds them into Stories, and the stores and reports
// consume both. Stages talk to each other only through these types.
package storyfold

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ErrUnreadable is returned by a Store for a story whose saved document
// it holds but cannot read back (one saved, before accounts were bounded,
// larger than the store will decompress), so that a server answers it
// with a page saying so rather than as a failure of the store.
var ErrUnreadable = errors.New("the saved account cannot be read back")

// Article is one news article as storyfold understands it after reading and
// cleaning. Offsets in Paragraphs and Sentences are byte offsets into Text, so
// every later annotation can point back at the exact words it came from.
type Article struct {
	ID         string      `json:"id"`
	URL        string      `json:"url"`
	Source     string      `json:"source"`
	Title      string      `json:"title"`
	Byline     string      `json:"byline"`
	Date       Date        `json:"date"`
	Dateline   string      `json:"dateline"`
	Language   string      `json:"language"`
	Text       string      `json:"text"`
	Paragraphs []Paragraph `json:"paragraphs"`
	Sentences  []Span      `json:"sentences"`
	Removed    []Removal   `json:"removed"`
	Duplicates []string    `json:"duplicates"`
	// Quotes and Quantities are what the article says who said and which
	// figures it gives, each pointing at its place in Text.
	Entities   []Entity          `json:"entities"`
	Quotes     []Quotation       `json:"quotes"`
	Quantities []Quantity        `json:"quantities"`
	Dates      []DateMention     `json:"dates"`
	Meta       map[string]string `json:"meta"`
	// Origin names where the article was read from (file, file:line, URL),
	// so messages and audits can send a user back to the input.
	Origin string `json:"origin"`
	// Agencies are the news agencies the article credits (in a dateline,
	// a byline or a closing line), so copies of one wire report can be
	// told from independent reporting.
	Agencies []string `json:"agencies"`
	// Hash identifies the article's content: the same content read twice has
	// the same hash and is stored once.
	Hash string `json:"hash"`
	// OutletInfo holds what the user's outlet list (--outlets) says of
	// the article's outlet: owner, country, kind, lean. It is null when
	// the list does not name the outlet or no list was given. It is not
	// part of the content hash: the same article read with another list
	// is the same article.
	OutletInfo *OutletInfo `json:"outlet_info"`
	// Tokens are the tokens of Text (nlp.Tokenize), read once by
	// pipeline.Annotate so that the stages that read words (entities,
	// figures, dates, grouping features) share one tokenisation instead
	// of each making its own. They are never written or stored, and
	// pipeline.Features drops them once it has read them: an article
	// read back from a store has none, and a stage given none tokenises
	// the text itself.
	Tokens []Token `json:"-"`
}

// Token is a byte range of an article's Text and what it is made of: a
// word, a number or a punctuation mark. Package nlp makes them (nlp.Token
// is this type); it is defined here so that an Article can carry its
// tokens from one stage to the next.
type Token struct {
	Start, End int32
	Kind       TokenKind
}

// TokenKind says what a token is made of.
type TokenKind uint8

// Token kinds.
const (
	TokenWord   TokenKind = iota + 1 // letters, possibly with digits, apostrophes and abbreviation dots
	TokenNumber                      // starts with a digit: 90, 1.5, 12,000
	TokenPunct                       // any other single non-space character
)

// Text returns the token's text within s.
func (t Token) Text(s string) string { return s[t.Start:t.End] }

// MarshalJSON writes the article with every contract field present: a
// list or map nobody filled is written empty ([] or {}), never null or
// left out, so tools reading the contract need no special case.
func (a Article) MarshalJSON() ([]byte, error) {
	type plain Article // without this method
	p := plain(a)
	p.Paragraphs = orEmpty(p.Paragraphs)
	p.Sentences = orEmpty(p.Sentences)
	p.Removed = orEmpty(p.Removed)
	p.Duplicates = orEmpty(p.Duplicates)
	p.Entities = orEmpty(p.Entities)
	p.Quotes = orEmpty(p.Quotes)
	p.Quantities = orEmpty(p.Quantities)
	p.Dates = orEmpty(p.Dates)
	p.Agencies = orEmpty(p.Agencies)
	if p.Meta == nil {
		p.Meta = map[string]string{}
	}
	return json.Marshal(p)
}

// orEmpty returns an empty slice for a nil one, which JSON writes as [].
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Paragraph is a block of Text. Headings are the subheads inside an article,
// kept because they structure it, but never treated as reported facts.
type Paragraph struct {
	Start   int  `json:"start"`
	End     int  `json:"end"`
	Heading bool `json:"heading,omitempty"`
}

// Span is a half-open byte range [Start, End) into an article's Text. It is
// written in JSON as a two-element array to keep large outputs compact.
type Span struct {
	Start, End int
}

// MarshalJSON writes the span as [start, end].
func (s Span) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 16)
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(s.Start), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(s.End), 10)
	return append(b, ']'), nil
}

// UnmarshalJSON reads a span written as [start, end]. A span as
// MarshalJSON writes it is read without encoding/json, which a document
// of thousands of spans would call once each.
func (s *Span) UnmarshalJSON(b []byte) error {
	if len(b) > 2 && b[0] == '[' && b[len(b)-1] == ']' {
		if start, end, ok := bytes.Cut(b[1:len(b)-1], []byte(",")); ok {
			x, errX := strconv.Atoi(string(start))
			y, errY := strconv.Atoi(string(end))
			if errX == nil && errY == nil {
				s.Start, s.End = x, y
				return nil
			}
		}
	}
	var v [2]int
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("span: %w", err)
	}
	s.Start, s.End = v[0], v[1]
	return nil
}

// Removal records one piece of input the cleaner dropped, so a user can audit
// the cleaning and nothing disappears silently.
type Removal struct {
	// Line is the 1-based line of the input text the piece came from, or 0
	// when it was not a whole line (a dateline cut from a paragraph).
	Line   int           `json:"line,omitempty"`
	Text   string        `json:"text"`
	Reason RemovalReason `json:"reason"`
}

// RemovalReason says why a cleaner dropped a piece of input, so an audit of
// the cleaning can group and count the removals by cause.
type RemovalReason string

// Reasons a cleaner gives for a Removal.
const (
	RemovedHeadline    RemovalReason = "headline"
	RemovedRepeat      RemovalReason = "headline-repeat"
	RemovedListen      RemovalReason = "audio-prompt"
	RemovedPromo       RemovalReason = "call-to-action"
	RemovedBio         RemovalReason = "author-bio"
	RemovedBreadcrumb  RemovalReason = "breadcrumb"
	RemovedShare       RemovalReason = "share-links"
	RemovedByline      RemovalReason = "byline"
	RemovedPublished   RemovalReason = "published-line"
	RemovedDateline    RemovalReason = "dateline"
	RemovedRecurring   RemovalReason = "recurring-line"
	RemovedCredit      RemovalReason = "credit"
	RemovedDuplicateLn RemovalReason = "repeated-line"
	RemovedWireCredit  RemovalReason = "wire-credit"
)

// Slice returns the article text a span covers, or "" for a span that does
// not fit the text (an annotation from an older version of the article).
func (a *Article) Slice(s Span) string {
	if s.Start < 0 || s.End > len(a.Text) || s.Start > s.End {
		return ""
	}
	return a.Text[s.Start:s.End]
}

// ParagraphText returns the text of one of the article's paragraphs.
func (a *Article) ParagraphText(p Paragraph) string {
	return a.Slice(Span{p.Start, p.End})
}

// Date is a publication or event date. The zero Date means unknown and is
// written as JSON null; a date without a time of day is written as
// "2006-01-02", anything else as RFC 3339.
type Date struct {
	time.Time
}

// Known reports whether the date is set.
func (d Date) Known() bool { return !d.IsZero() }

// DateOnly reports whether the date carries no time of day.
func (d Date) DateOnly() bool {
	t := d.UTC()
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

// String formats the date as it is written in JSON, without quotes.
func (d Date) String() string {
	if !d.Known() {
		return ""
	}
	if d.DateOnly() {
		return d.UTC().Format("2006-01-02")
	}
	return d.Format(time.RFC3339)
}

// MarshalJSON writes null, "2006-01-02" or an RFC 3339 time.
func (d Date) MarshalJSON() ([]byte, error) {
	if !d.Known() {
		return []byte("null"), nil
	}
	// Both forms are digits, '-', ':', '+', 'T' and 'Z', which JSON
	// writes as they are: quoting them needs no encoder.
	s := d.String()
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"'), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	if s == nil {
		*d = Date{}
		return nil
	}
	parsed, err := ParseDate(*s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// ParseDate reads a date as its String writes it (a full time, or a day
// alone); "" is the unknown date. The JSON reading and the stores' binary
// documents both read dates through it, so they agree on what parses.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{t}, nil
		}
	}
	return Date{}, fmt.Errorf("date: cannot parse %q", s)
}

// Story is a group of articles about one event, with the reconciled account
// the later stages build from them.
type Story struct {
	ID       string   `json:"id"`
	Headline string   `json:"headline"`
	Articles []string `json:"articles"`
	// Sources lists the distinct outlets of the story's articles.
	Sources   []string          `json:"sources"`
	First     Date              `json:"first"`
	Last      Date              `json:"last"`
	Summary   []SummarySentence `json:"summary"`
	Facts     []Fact            `json:"facts"`
	Quotes    []Quote           `json:"quotes"`
	Entities  []Entity          `json:"entities"`
	Conflicts []Conflict        `json:"conflicts"`
	Families  []Family          `json:"families"`
	// Exclusive lists the facts only one article reports.
	Exclusive []Exclusive `json:"exclusive"`
	// Timeline lists the dated events the articles give, oldest first.
	Timeline []Event `json:"timeline"`
	// IndependentSources counts the articles that do not derive from one
	// another: each family counts once, as does every article outside one.
	IndependentSources int `json:"independent_sources"`
	// Languages counts the story's articles by their detected language,
	// most articles first (CountLanguages), so a reader sees at once that
	// a story joins reports in several languages, whose claims are
	// aligned across them only by names, figures and dates. It is empty
	// in stories stored before it was kept, until their account is built
	// again.
	Languages []LanguageCount `json:"languages"`
	// Omitted counts what the account leaves out to stay under its size
	// bound (see pipeline.MaxAccountBytes): the lists of an account grow
	// with its groups times its articles, and a story of a few crafted
	// articles would otherwise be saved too large to read back. Its
	// Quotes also count the quotations of an article past the first
	// quote.MaxGroupedQuotes, which are grouped with no other (the
	// articles keep them). It is absent from every story the bounds did
	// not touch.
	Omitted *Omitted `json:"omitted,omitempty"`
	// Stale is set on a story read from a store while articles that
	// joined it since are waiting for its account to be rebuilt: the
	// account shown is the last one saved. It is never stored.
	Stale bool `json:"stale,omitempty"`
}

// LanguageCount is how many of a story's articles are in one language.
type LanguageCount struct {
	// Language is the ISO 639-1 code the detector gave the articles.
	Language string `json:"language"`
	Articles int    `json:"articles"`
}

// CountLanguages counts articles by their detected language, most
// articles first, then by code. Articles whose language was not detected
// (too short, or no language the detector knows) are not counted, so the
// counts may add up to fewer than the articles.
func CountLanguages(articles []*Article) []LanguageCount {
	out := []LanguageCount{}
	for _, a := range articles {
		if a.Language == "" {
			continue
		}
		found := false
		for i := range out {
			if out[i].Language == a.Language {
				out[i].Articles++
				found = true
				break
			}
		}
		if !found {
			out = append(out, LanguageCount{Language: a.Language, Articles: 1})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Articles != out[j].Articles {
			return out[i].Articles > out[j].Articles
		}
		return out[i].Language < out[j].Language
	})
	return out
}

// LanguagesLine writes a story's languages for people: "en", or
// "de 3, en 2" when there are several; "" when none is known.
func LanguagesLine(langs []LanguageCount) string {
	if len(langs) == 1 {
		return langs[0].Language
	}
	parts := make([]string, len(langs))
	for i, l := range langs {
		parts[i] = l.Language + " " + strconv.Itoa(l.Articles)
	}
	return strings.Join(parts, ", ")
}

// Omitted counts the entries of a story's account left out by its size
// bound, list by list, so that every report can say how much more there
// was ("and 1,234 more quote groups") rather than pass a cut list off as
// whole. The entries kept are each list's first, in its own order.
type Omitted struct {
	Summary  int `json:"summary,omitempty"`
	Facts    int `json:"facts,omitempty"`
	Quotes   int `json:"quotes,omitempty"`
	Entities int `json:"entities,omitempty"`
	// Variants counts the wordings left out of the facts and quote
	// groups that were kept.
	Variants  int `json:"variants,omitempty"`
	Conflicts int `json:"conflicts,omitempty"`
	Families  int `json:"families,omitempty"`
	Exclusive int `json:"exclusive,omitempty"`
	Timeline  int `json:"timeline,omitempty"`
}

// Any reports whether anything was left out.
func (o *Omitted) Any() bool { return o != nil && *o != Omitted{} }

// SummarySentence is one sentence of a story's summary with the articles it
// comes from.
type SummarySentence struct {
	Text     string   `json:"text"`
	Articles []string `json:"articles"`
	// Part is where the sentence belongs: "consensus" (what the sources
	// agree on), "disputed" or "exclusive" (only in one outlet).
	Part SummaryPart `json:"part"`
	// Cites points at the sentence of each article that says it, so a
	// reader (or a page) goes from the summary to the source without
	// searching the articles' texts.
	Cites []SentenceRef `json:"cites"`
}

// SummaryPart is the part of a story's summary a sentence belongs to, so a
// report can set what the sources agree on apart from what one of them
// alone says or what they dispute.
type SummaryPart string

// Parts of a summary.
const (
	// SummaryConsensus is what the sources agree on.
	SummaryConsensus SummaryPart = "consensus"
	// SummaryDisputed is what the sources disagree on.
	SummaryDisputed SummaryPart = "disputed"
	// SummaryExclusive is what only one outlet reports.
	SummaryExclusive SummaryPart = "exclusive"
)

// SentenceRef points at one sentence of an article.
type SentenceRef struct {
	Article  string `json:"article"`
	Sentence Span   `json:"sentence"`
}

// Fact is one claim reported by one or more articles of a story: the
// sentences of different articles that say the same thing.
type Fact struct {
	Text     string    `json:"text"`
	Articles []string  `json:"articles"`
	Variants []Variant `json:"variants"`
	// Quantities are the figures of the canonical wording.
	Quantities []Quantity `json:"quantities"`
	// Sources counts the independent sources (families) reporting it.
	Sources int `json:"sources"`
	// OmittedBy lists the articles that leave out a fact most of the
	// story's independent sources report.
	OmittedBy []string `json:"omitted_by"`
	// CrossLanguage says the fact joins sentences of articles in
	// different languages, aligned by what needs no translation (the
	// names, figures and dates they share), not by their words: each
	// variant keeps its own language's wording. It is left out of the
	// JSON when false, as it is in every story of one language.
	CrossLanguage bool `json:"cross_language,omitempty"`
}

// MarshalJSON writes the fact with its lists present, empty or not.
func (f Fact) MarshalJSON() ([]byte, error) {
	type plain Fact
	p := plain(f)
	p.Articles = orEmpty(p.Articles)
	p.Variants = orEmpty(p.Variants)
	p.Quantities = orEmpty(p.Quantities)
	p.OmittedBy = orEmpty(p.OmittedBy)
	return json.Marshal(p)
}

// Exclusive is a fact only one article of a story reports.
type Exclusive struct {
	Article string `json:"article"`
	Source  string `json:"source"`
	Text    string `json:"text"`
}

// Event is a dated event of a story's timeline: what happened on a day,
// as the articles that give that day word it.
type Event struct {
	Date        Date        `json:"date"`
	Granularity Granularity `json:"granularity"`
	Text        string      `json:"text"`
	Articles    []string    `json:"articles"`
	// Cites points at the sentence of each article that dates the event.
	Cites []SentenceRef `json:"cites"`
}

// MarshalJSON writes the event with its lists present, empty or not.
func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	p := plain(e)
	p.Articles = orEmpty(p.Articles)
	p.Cites = orEmpty(p.Cites)
	return json.Marshal(p)
}

// Variant is one article's wording of a fact or a quote.
type Variant struct {
	Article string `json:"article"`
	Text    string `json:"text"`
	Diff    string `json:"diff"`
	// Missing and Added are the runs of words the variant leaves out of
	// the group's fullest wording and puts in, in order and in the casing
	// of the wording they come from, so that a reader sees what changed
	// without parsing Diff; a fact's variants leave them empty.
	Missing []string `json:"missing"`
	Added   []string `json:"added"`
	// Sentence is the variant's place in the article's text, for facts;
	// a quote's variant has none and leaves it out.
	Sentence *Span `json:"sentence,omitempty"`
}

// MarshalJSON writes the variant with its lists present, empty or not.
func (v Variant) MarshalJSON() ([]byte, error) {
	type plain Variant
	p := plain(v)
	p.Missing = orEmpty(p.Missing)
	p.Added = orEmpty(p.Added)
	return json.Marshal(p)
}

// Quantity is a normalised number found in text.
type Quantity struct {
	Kind  QuantityKind `json:"kind"`
	Value float64      `json:"value"`
	// Max is the upper end of a range ("10 to 15 minutes"), in Value's unit.
	Max    float64 `json:"max"`
	Unit   string  `json:"unit"`
	Approx bool    `json:"approx"`
	Text   string  `json:"text"`
	Span   Span    `json:"span"`
}

// QuantityKind is what a Quantity measures, which fixes the unit its Value
// is in, so figures written in different units can be compared.
type QuantityKind string

// Kinds of quantity.
const (
	QuantityDuration QuantityKind = "duration" // Value in seconds
	QuantityPercent  QuantityKind = "percent"  // Value in per cent
	QuantityMoney    QuantityKind = "money"    // Value in units of the currency named by Unit
	QuantityCount    QuantityKind = "count"    // Value a number of the things named by Unit, if any
)

// Quotation is one quote as one article gives it: the quoted words, exactly
// as they stand in the article's text, and who said them.
type Quotation struct {
	Text string `json:"text"`
	Span Span   `json:"span"`
	// Speaker is the speaker's name as the article gives it in full, or ""
	// when it is not clear: no speaker is better than a wrong one.
	Speaker string `json:"speaker"`
	// Cue is the word that attributes the quote (said, told, according to).
	Cue string `json:"cue"`
	// Marked is false for speech without quotation marks ("There is no
	// betrayal there, said Hegseth"; "Hegseth said that ...").
	Marked bool `json:"marked"`
	// Kind tells the three apart: "direct" words in quotation marks,
	// "unmarked" words given as said but without marks, before or after
	// the cue (", said Hegseth"), and "reported" speech, the clause after
	// a cue in the outlet's words ("Hegseth said that ...", "according to
	// Hegseth, ...").
	Kind QuoteKind `json:"kind"`
	// Scare is true for a word in quotation marks that no cue and no
	// speech word of its sentence gives to anyone ("give “space” to
	// Obama"): it stays among the article's quotes, with no speaker, but
	// is no one's statement, so it is not grouped as one nor scored as one.
	Scare bool `json:"scare,omitempty"`
}

// QuoteKind tells how an article gives what was said: the speaker's words
// in quotation marks, their words without marks, or the outlet's report of
// them, so reports print quotation marks only where the words are the
// speaker's.
type QuoteKind string

// Kinds of Quotation.
const (
	QuoteDirect   QuoteKind = "direct"
	QuoteUnmarked QuoteKind = "unmarked"
	QuoteReported QuoteKind = "reported"
)

// Said reports whether a quotation gives the speaker's own words, marked
// or not, as opposed to an outlet's report of what was said.
func (q *Quotation) Said() bool { return q.Kind != QuoteReported }

// DateMention is a date an article's text gives, resolved to a day when it
// can be: "on Wednesday" against the article's date, "February 12, 2025"
// as it stands.
type DateMention struct {
	Text string `json:"text"`
	Span Span   `json:"span"`
	// Date is the day meant (the first day of the week, month or year for
	// coarser mentions), null when it cannot be told.
	Date        Date        `json:"date"`
	Granularity Granularity `json:"granularity"` // day, week, month, year
	// Relative is true when the date was worked out from the article's
	// date ("last week", "on Friday", "February 12" without a year).
	Relative bool `json:"relative"`
}

// Granularity is how precisely a date is known: a day, or only the week,
// month or year, so a coarse mention is not taken for a day it only
// starts on.
type Granularity string

// Granularities of a date.
const (
	GranularityDay   Granularity = "day"
	GranularityWeek  Granularity = "week"
	GranularityMonth Granularity = "month"
	GranularityYear  Granularity = "year"
)

// Quote is a statement attributed to a speaker, possibly reported by several
// articles in different wordings.
type Quote struct {
	Speaker  string    `json:"speaker"`
	Text     string    `json:"text"`
	Articles []string  `json:"articles"`
	Variants []Variant `json:"variants"`
	// Kind is the Quotation kind of the wording Text gives: reports print
	// quotation marks only around direct quotes.
	Kind QuoteKind `json:"kind"`
}

// Direct reports whether the group's wording is words in quotation marks
// (groups stored before kinds were recorded are).
func (q *Quote) Direct() bool { return q.Kind == "" || q.Kind == QuoteDirect }

// Entity is a person, organisation, place or other named thing of a story.
type Entity struct {
	Name     string     `json:"name"`
	Type     EntityType `json:"type"` // person, org, place, other
	Aliases  []string   `json:"aliases"`
	Roles    []string   `json:"roles"`
	Articles []string   `json:"articles"`
	// Mentions are the spans of an article's text that name the entity;
	// set on an article's entities, not on a story's.
	Mentions []Span `json:"mentions,omitempty"`
}

// EntityType is what kind of thing an Entity names, so that only names of
// one type are merged and a conflict over a place is told from one over a
// person.
type EntityType string

// Types of entity.
const (
	EntityPerson EntityType = "person"
	EntityOrg    EntityType = "org"
	EntityPlace  EntityType = "place"
	// EntityOther is a named thing that is none of the above: an event,
	// a treaty, a law.
	EntityOther EntityType = "other"
)

// Conflict is a disagreement between articles of a story.
type Conflict struct {
	// Kind is what disagrees: number, place, person, org, date,
	// negation or attribution.
	Kind        ConflictKind `json:"kind"`
	Description string       `json:"description"`
	Claims      []Claim      `json:"claims"`
	// Majority is the value most independent sources give, "" on a tie.
	Majority string `json:"majority"`
}

// ConflictKind is what articles of a story disagree on, so a report can
// tell a disputed figure from a disputed day or speaker.
type ConflictKind string

// Kinds of conflict. An entity conflict takes the entity's type, so its
// kind has the same name as the EntityType.
const (
	ConflictNumber      ConflictKind = "number"
	ConflictDate        ConflictKind = "date"
	ConflictAttribution ConflictKind = "attribution"
	// ConflictNegation is one source saying a thing happened and another
	// that it did not.
	ConflictNegation ConflictKind = "negation"
	ConflictPerson   ConflictKind = ConflictKind(EntityPerson)
	ConflictOrg      ConflictKind = ConflictKind(EntityOrg)
	ConflictPlace    ConflictKind = ConflictKind(EntityPlace)
)

// Claim is one article's side of a conflict: the value it gives and the
// sentence it gives it in.
type Claim struct {
	Article  string `json:"article"`
	Text     string `json:"text"`
	Value    string `json:"value"`
	Sentence Span   `json:"sentence"`
}

// Family is a set of articles that derive from a common text: near copies,
// rewrites of one of them, or rewrites of a text outside the set (shared
// origin).
type Family struct {
	Kind     FamilyKind `json:"kind"`
	Articles []string   `json:"articles"`
	Evidence []string   `json:"evidence"`
	// Origin is the member the others derive from, when the dates show it.
	Origin string `json:"origin"`
	// Agency is the news agency every member credits, when they share
	// one: the family's common source.
	Agency string `json:"agency"`
}

// FamilyKind is how the members of a Family derive from a common text,
// which tells a reader how much independent reporting the family holds.
type FamilyKind string

// Kinds of family.
const (
	FamilyNearCopies   FamilyKind = "near copies"   // the same text, lightly edited
	FamilyRewrites     FamilyKind = "rewrites"      // reworded from a member dated before the others
	FamilySharedOrigin FamilyKind = "shared origin" // reworded from a common text, which may be outside the set
)

// NewStory returns a story with every list present, so the JSON contract
// always carries its arrays even before later stages fill them.
func NewStory(id string) *Story {
	return &Story{
		ID:        id,
		Articles:  []string{},
		Sources:   []string{},
		Summary:   []SummarySentence{},
		Facts:     []Fact{},
		Quotes:    []Quote{},
		Entities:  []Entity{},
		Conflicts: []Conflict{},
		Families:  []Family{},
		Exclusive: []Exclusive{},
		Timeline:  []Event{},
		Languages: []LanguageCount{},
	}
}

// Analysis is the result of a run: every article read and the stories they
// form. Its JSON form is the contract other tools read.
type Analysis struct {
	Articles []Article `json:"articles"`
	Stories  []*Story  `json:"stories"`
}
