package dates

import (
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"time"
)

// dataFS holds one file of date words per language outside English
// (data/<ISO 639-1>.txt); the header of each file describes its entries.
// English keeps its grammar in dates.go.
//
//go:embed data/*.txt
var dataFS embed.FS

// language holds the date words of one language.
type language struct {
	code     string
	months   map[string]time.Month
	weekdays map[string]time.Weekday
	relative map[string]int
	// before and after are the words that make a month alone a date;
	// link joins a day, its month and its year ("5 de marzo de 2021").
	before, after, link   map[string]bool
	yearBefore, yearAfter map[string]bool
	weekdayNeeds, future  map[string]bool
	lowercase             bool
	// words maps every word of the entries to itself, so a token's
	// lower-cased bytes are looked up without allocating.
	words map[string]string
}

// languages holds the languages of data/, by ISO 639-1 code.
var languages = func() map[string]*language {
	m, err := loadLanguages(dataFS)
	if err != nil {
		panic(err)
	}
	return m
}()

func loadLanguages(fsys fs.FS) (map[string]*language, error) {
	names, err := fs.Glob(fsys, "data/*.txt")
	if err != nil {
		return nil, fmt.Errorf("list date words: %w", err)
	}
	out := map[string]*language{}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read date words: %w", err)
		}
		code := strings.TrimSuffix(strings.TrimPrefix(name, "data/"), ".txt")
		l, err := parseLanguage(code, string(b))
		if err != nil {
			return nil, fmt.Errorf("date words %s: %w", name, err)
		}
		out[code] = l
	}
	return out, nil
}

// parseLanguage reads one language's file. A word given twice, or as two
// kinds of date word, is an error: the second entry would be silently lost.
func parseLanguage(code, data string) (*language, error) {
	l := &language{code: code, months: map[string]time.Month{}, weekdays: map[string]time.Weekday{}, relative: map[string]int{},
		before: map[string]bool{}, after: map[string]bool{}, link: map[string]bool{}, yearBefore: map[string]bool{},
		yearAfter: map[string]bool{}, weekdayNeeds: map[string]bool{}, future: map[string]bool{}, words: map[string]string{}}
	seen := map[string]int{}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		kind := f[0]
		if kind == "lowercase" && len(f) == 1 {
			l.lowercase = true
			continue
		}
		var value int
		switch kind {
		case "month", "weekday", "relative":
			if len(f) < 3 {
				return nil, fmt.Errorf("line %d: want %s, a number and a word", n+1, kind)
			}
			v, err := strconv.Atoi(f[1])
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n+1, err)
			}
			value, f = v, f[2:]
		default:
			if len(f) < 2 {
				return nil, fmt.Errorf("line %d: want %s and a word", n+1, kind)
			}
			f = f[1:]
		}
		if len(f) > 2 {
			return nil, fmt.Errorf("line %d: at most two words", n+1)
		}
		word := strings.ToLower(strings.Join(f, " "))
		key := kind + " " + word
		if kind == "month" || kind == "weekday" || kind == "relative" {
			key = "date " + word
		}
		if prev, ok := seen[key]; ok {
			return nil, fmt.Errorf("line %d: %q already given on line %d", n+1, word, prev)
		}
		seen[key] = n + 1
		for _, piece := range strings.FieldsFunc(word, func(r rune) bool { return r == ' ' || r == '-' }) {
			l.words[piece] = piece
		}
		l.words[word] = word
		switch kind {
		case "month":
			if value < 1 || value > 12 {
				return nil, fmt.Errorf("line %d: month %d", n+1, value)
			}
			l.months[word] = time.Month(value)
		case "weekday":
			if value < 0 || value > 6 {
				return nil, fmt.Errorf("line %d: weekday %d", n+1, value)
			}
			l.weekdays[word] = time.Weekday(value)
		case "relative":
			l.relative[word] = value
		case "before":
			l.before[word] = true
		case "after":
			l.after[word] = true
		case "link":
			l.link[word] = true
		case "year-before":
			l.yearBefore[word] = true
		case "year-after":
			l.yearAfter[word] = true
		case "weekday-needs":
			l.weekdayNeeds[word] = true
		case "future":
			l.future[word] = true
		default:
			return nil, fmt.Errorf("line %d: unknown kind %q", n+1, kind)
		}
	}
	return l, nil
}

// SetLanguage sets the language of the texts read next (ISO 639-1). A
// language without a file under data/, English among them, is read with
// the English grammar.
func (f *Finder) SetLanguage(lang string) { f.lang = languages[lang] }
