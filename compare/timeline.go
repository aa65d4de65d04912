package compare

import (
	_ "embed"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storyfold/storyfold"
)

// Timeline bounds around the story's own dates: what happened more than
// eventsBefore days before its first article is background ("At that March
// 2 event ..."), more than eventsAfter days after its last a plan far off.
const (
	eventsBefore = 10
	eventsAfter  = 14
)

//go:embed timeline_background.txt
var backgroundData string

// backgroundCues tell a date that gives context from one that dates the
// story's events: "since 2022", "two years ago", "until 2014".
var backgroundCues = func() struct {
	before, after, had, participle map[string]bool
} {
	kinds := mustCues(backgroundData, "before", "after", "had", "participle")
	return struct {
		before, after, had, participle map[string]bool
	}{set(kinds["before"]), set(kinds["after"]), set(kinds["had"]), set(kinds["participle"])}
}()

// timeline lists the days the story's events happened, oldest first: each
// day (or week) once, across articles, with the text of its best sentence
// (the one of the most widely reported fact, a sentence that reads on its
// own before one that does not) and every sentence that gives it as a
// citation. Left out are dates of captions, and dates that are not the story's events: relative
// dates of an article with no date of its own, which cannot be placed;
// years, and months when the articles are dated, which give context
// ("since 2022", "in 2014"); dates after "since" or "until", before "ago",
// or in a sentence in the past perfect ("had been"), which tell the
// background; and, when the articles are dated, days far from those dates.
func timeline(members []*storyfold.Article, units []unit, facts []*factGroup) []storyfold.Event {
	// The rank of the fact each sentence states, by article and index.
	type sentKey struct{ article, sent int }
	rank := map[sentKey]int{}
	for r, f := range facts {
		for _, ui := range f.members {
			k := sentKey{units[ui].article, units[ui].sent}
			if old, ok := rank[k]; !ok || r < old {
				rank[k] = r
			}
		}
	}
	var first, last time.Time
	for _, a := range members {
		if !a.Date.Known() {
			continue
		}
		d := a.Date.UTC().Truncate(24 * time.Hour)
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if last.IsZero() || d.After(last) {
			last = d
		}
	}
	dated := !first.IsZero()

	type key struct {
		day  string
		gran storyfold.Granularity
	}
	type best struct {
		rank     int
		fits     bool
		article  int
		sentence int
	}
	events := map[key]*storyfold.Event{}
	bests := map[key]best{}
	cited := map[key]map[storyfold.SentenceRef]bool{}
	var keys []key
	// What a sentence's words say of all its dates (a caption, the past
	// perfect), read once per sentence: a long sentence may give many.
	// They are read only for a date that could date an event by itself
	// (eventDay), and the tense only of a sentence that is no caption.
	type sentFacts struct{ caption, perfect bool }
	sentInfo := map[sentKey]sentFacts{}
	for ai, a := range members {
		for _, d := range a.Dates {
			si := sentenceOf(a, d.Span.Start)
			if si < 0 || !eventDay(a, d, dated, first, last) {
				continue
			}
			sk := sentKey{ai, si}
			sf, ok := sentInfo[sk]
			if !ok {
				text := a.Text[a.Sentences[si].Start:a.Sentences[si].End]
				sf.caption = isCaption(text)
				sf.perfect = !sf.caption && pastPerfect(text)
				sentInfo[sk] = sf
			}
			if sf.caption || !storyEvent(a, d, si, dated, first, last, sf.perfect) {
				continue // a caption's day is the picture's
			}
			k := key{d.Date.Format("2006-01-02"), d.Granularity}
			ev, ok := events[k]
			if !ok {
				ev = &storyfold.Event{Date: storyfold.Date{Time: d.Date.Time}, Granularity: d.Granularity, Articles: []string{}}
				events[k] = ev
				keys = append(keys, k)
				cited[k] = map[storyfold.SentenceRef]bool{}
			}
			sent := a.Sentences[si]
			ref := storyfold.SentenceRef{Article: a.ID, Sentence: sent}
			if cited[k][ref] {
				continue
			}
			cited[k][ref] = true
			ev.Cites = append(ev.Cites, ref)
			// An event's articles are added in article order, so the
			// last one tells whether this one is in.
			if n := len(ev.Articles); n == 0 || ev.Articles[n-1] != a.ID {
				ev.Articles = append(ev.Articles, a.ID)
			}
			text := a.Text[sent.Start:sent.End]
			r, ok := rank[sentKey{ai, si}]
			if !ok {
				r = len(facts) // a sentence too short to compare
			}
			b := best{rank: r, fits: !leansBack(text), article: ai, sentence: si}
			if old, ok := bests[k]; !ok || better(b.fits, b.rank, old.fits, old.rank) {
				bests[k] = b
				ev.Text = text
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].day != keys[j].day {
			return keys[i].day < keys[j].day
		}
		return keys[i].gran < keys[j].gran
	})
	out := []storyfold.Event{}
	for _, k := range keys {
		out = append(out, *events[k])
	}
	if len(out) > maxEvents {
		// Keep the days most articles give, in date order.
		sort.SliceStable(out, func(i, j int) bool { return len(out[i].Articles) > len(out[j].Articles) })
		out = out[:maxEvents]
		sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date.Time) })
	}
	return out
}

// better reports whether a sentence that reads on its own or not (fits)
// and states the fact of the given rank words an event better than the
// one chosen so far.
func better(fits bool, rank int, oldFits bool, oldRank int) bool {
	if fits != oldFits {
		return fits
	}
	return rank < oldRank
}

// sentenceOf returns the index of the sentence of a that holds pos, or -1.
func sentenceOf(a *storyfold.Article, pos int) int {
	k := sort.Search(len(a.Sentences), func(i int) bool { return a.Sentences[i].End > pos })
	if k < len(a.Sentences) && a.Sentences[k].Start <= pos {
		return k
	}
	return -1
}

// storyEvent reports whether a date mention of sentence si of a dates one
// of the story's events, given the span of the articles' own dates (when
// dated) and whether the sentence is in the past perfect.
func storyEvent(a *storyfold.Article, d storyfold.DateMention, si int, dated bool, first, last time.Time, perfect bool) bool {
	if !eventDay(a, d, dated, first, last) {
		return false
	}
	sent := a.Sentences[si]
	return !backgroundCue(a.Text[sent.Start:sent.End], d.Span.Start-sent.Start, d.Span.End-sent.Start) && (d.Relative || !perfect)
}

// eventDay reports whether a date mention could date one of the story's
// events by the date alone: known, read against a known day when
// relative, a day or a week (a month only in an undated story, as
// written), and near the articles' own dates when dated. These are the
// tests of storyEvent that read no words of the sentence.
func eventDay(a *storyfold.Article, d storyfold.DateMention, dated bool, first, last time.Time) bool {
	if !d.Date.Known() || d.Relative && !a.Date.Known() {
		return false // a relative date with nothing to read it against
	}
	switch d.Granularity {
	case storyfold.GranularityDay, storyfold.GranularityWeek:
	case storyfold.GranularityMonth:
		if dated || d.Relative {
			return false
		}
	default:
		return false
	}
	if dated {
		day := d.Date.UTC().Truncate(24 * time.Hour)
		if day.Before(first.AddDate(0, 0, -eventsBefore)) || day.After(last.AddDate(0, 0, eventsAfter)) {
			return false
		}
	}
	return true
}

// background reports whether the date at sent[start:end] gives context
// rather than dates an event: after "since" or "until", before "ago", or,
// for a date given in full (perfect), in a sentence in the past perfect
// ("had been", "had met"): "had met on Wednesday" is still this week's
// news, "had served since 2010" is not.
func background(sent string, start, end int, perfect bool) bool {
	return backgroundCue(sent, start, end) || perfect && pastPerfect(sent)
}

// cueWindow is how many bytes either side of a date the background cues
// are looked for in: the three words before it and the one after, so a
// long sentence with many dates costs no more per date than a short one.
const cueWindow = 96

// backgroundCue reports whether a background cue stands next to the date
// at sent[start:end]: "since" or "until" before it, "ago" after it.
func backgroundCue(sent string, start, end int) bool {
	from := max(0, start-cueWindow)
	for from > 0 && !utf8.RuneStart(sent[from]) {
		from++
	}
	// The words are read into lists on the stack: none is kept.
	var bb, ab [48]string
	before := appendWords(bb[:0], sent[from:start])
	if from > 0 && len(before) > 0 {
		before = before[1:] // the window may cut the first word
	}
	if len(before) > 0 && backgroundCues.before[before[len(before)-1]] {
		return true
	}
	if len(before) > 2 && backgroundCues.before[strings.Join(before[len(before)-3:], " ")] {
		return true // "in the past"
	}
	to := min(len(sent), end+cueWindow)
	for to < len(sent) && !utf8.RuneStart(sent[to]) {
		to++
	}
	after := appendWords(ab[:0], sent[end:to])
	return len(after) > 0 && backgroundCues.after[after[0]]
}

// pastPerfect reports whether a sentence is in the past perfect ("had
// been", "had met").
func pastPerfect(sent string) bool {
	var buf [48]string
	ws := appendWords(buf[:0], sent)
	for i := 0; i+1 < len(ws); i++ {
		if backgroundCues.had[ws[i]] && (strings.HasSuffix(ws[i+1], "ed") || backgroundCues.participle[ws[i+1]]) {
			return true
		}
	}
	return false
}
