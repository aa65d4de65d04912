package compare

import (
	"bytes"
	_ "embed"
	"slices"
	"strings"
	"unicode"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

//go:embed frame_roles.txt
var roleData string

// roleChangers are the words that open a title of another role ("vice",
// "deputy"): a suffix of the title after one of them is not the person's
// title.
var roleChangers = map[string]bool{}

func init() {
	for _, l := range dataLines(roleData) {
		roleChangers[l] = true
	}
}

// titleBodies are the words after a title that make it the title of a
// body the story's titles do not name.
var titleBodies = map[string]bool{"of": true, "for": true, "at": true}

// maxTitleWords bounds the words of a title ("U.S. Defense Secretary").
const maxTitleWords = 4

// titleHolder is the person a title stands for in a story, or none when
// two people hold it.
type titleHolder struct {
	ref       entityRef
	ambiguous bool
}

// titleKey normalises a title word so that outlets' spellings meet
// ("U.S." and "US").
func titleKey(w string) string {
	w = strings.ToLower(w)
	if strings.Contains(w, ".") && len(w) <= 6 {
		w = strings.ReplaceAll(w, ".", "")
	}
	return w
}

// appendTitleKey appends titleKey(w) to dst.
func appendTitleKey(dst []byte, w string) []byte {
	from := len(dst)
	dst = nlp.AppendLower(dst, w)
	if k := dst[from:]; len(k) <= 6 && bytes.IndexByte(k, '.') >= 0 {
		dst = append(dst[:from], bytes.ReplaceAll(k, []byte("."), nil)...)
	}
	return dst
}

// titleWord reports whether a word written before a name can be part of
// its title: a role ("President") or a capitalised qualifier ("US",
// "U.S.", "Defense"); a word ending a sentence ("Brussels."), a
// possessive ("Ukraine's") or a function word opening a sentence ("As")
// is not.
func titleWord(w string) bool {
	if nlp.IsRoleWord(w) {
		return true
	}
	if w == "" || !unicode.IsUpper([]rune(w)[0]) || nlp.IsStopWord(strings.ToLower(w)) {
		return false // "As President Trump said"
	}
	for _, c := range w {
		if !unicode.IsLetter(c) && c != '.' {
			return false
		}
	}
	return !strings.HasSuffix(w, ".") || strings.Count(w, ".") > 1
}

// learnTitles records, for each person of the story, the titles written
// before their name in its articles ("US President Donald Trump" gives
// "us president" and "president"), so that a sentence that names the
// person by title alone ("the US president spoke with Zelensky") states
// the act of that person. A title two people hold ("president" for Trump
// and Putin) stands for neither.
func (r *reader) learnTitles(members []*storyfold.Article) {
	for _, a := range members {
		for _, e := range a.Entities {
			if e.Type != storyfold.EntityPerson {
				continue
			}
			ref := r.storyEntity(e)
			if !nameable(ref) {
				continue
			}
			for _, m := range e.Mentions {
				before := strings.Fields(a.Text[max(0, m.Start-80):m.Start])
				if m.Start > 80 && len(before) > 0 {
					before = before[1:] // a word cut by the window
				}
				run := 0
				for run < maxTitleWords && run < len(before) && titleWord(before[len(before)-1-run]) {
					run++
				}
				if run == 0 || !nlp.IsRoleWord(before[len(before)-1]) {
					continue
				}
				words := before[len(before)-run:]
				for i := range words {
					if i > 0 && roleChangers[titleKey(words[i-1])] {
						continue // "President" of "Vice President" is another role
					}
					keys := make([]string, 0, len(words)-i)
					for _, w := range words[i:] {
						keys = append(keys, titleKey(w))
					}
					r.addTitle(strings.Join(keys, " "), ref)
				}
			}
		}
	}
}

// addTitle records that a person holds a title.
func (r *reader) addTitle(title string, ref entityRef) {
	h, ok := r.titles[title]
	switch {
	case !ok:
		r.titles[title] = titleHolder{ref: ref}
	case h.ref != ref:
		r.titles[title] = titleHolder{ambiguous: true}
	}
}

// roleMentions returns the unit's mentions with the people it names by
// title alone added: "the" and a title the story gives one person ("the
// US president", "the defense secretary"), not followed by a name. The
// claim frame reads them as it reads names.
func (r *reader) roleMentions(text string, at int, toks []nlp.Token, ms []frameMention) []frameMention {
	if len(r.titles) == 0 {
		return ms
	}
	var out []frameMention
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind != nlp.Word || !strings.EqualFold(t.Text(text), "the") {
			continue
		}
		// The title's words: consecutive words after "the" up to a role,
		// as the key of titles (their titleKeys, a space apart).
		key := r.keyBuf[:0]
		end := -1
		for j := i + 1; j < len(toks) && j <= i+maxTitleWords; j++ {
			w := toks[j]
			if w.Kind != nlp.Word {
				break
			}
			s := w.Text(text)
			if j > i+1 {
				key = append(key, ' ')
			}
			key = appendTitleKey(key, s)
			if nlp.IsRoleWord(s) {
				end = j
				break
			}
		}
		if end < 0 {
			continue
		}
		if end+1 < len(toks) {
			n := toks[end+1].Text(text)
			switch {
			case toks[end+1].Kind == nlp.Punct && n == "." && toks[end+1].Start == toks[end].End:
				continue // an abbreviated title: "the Rev. Jesse L. Jackson"
			case toks[end+1].Kind != nlp.Word:
			case unicode.IsUpper([]rune(n)[0]):
				continue // a name follows: "the US President Donald Trump"
			case titleBodies[strings.ToLower(n)]:
				continue // another body's title: "the president of the National Organization for Women"
			}
		}
		r.keyBuf = key
		h, ok := r.titles[string(key)]
		if !ok || h.ambiguous {
			continue
		}
		span := storyfold.Span{Start: at + int(toks[i+1].Start), End: at + int(toks[end].End)}
		if out == nil {
			out = append(make([]frameMention, 0, len(ms)+1), ms...)
		}
		// The title replaces the names inside it ("US" of "the US
		// president" is part of who, not a place).
		out = slices.DeleteFunc(out, func(m frameMention) bool { return m.span.Start < span.End && span.Start < m.span.End })
		out = append(out, frameMention{span: span, ref: h.ref})
		i = end
	}
	if out == nil {
		return ms
	}
	slices.SortFunc(out, func(x, y frameMention) int { return x.span.Start - y.span.Start })
	return out
}
