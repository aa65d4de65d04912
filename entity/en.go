package entity

import (
	_ "embed"
	"slices"
	"strings"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/nlp"
)

// English evidence that a capitalised run is no person though it reads
// like a name: a work's title after a noun for works, an organisation
// where someone's editors work, an organisation's name going on through
// "for". One entry a line in data/en.
var (
	//go:embed data/en/work-nouns.txt
	enWorkNounsData string
	//go:embed data/en/employer-nouns.txt
	enEmployerNounsData string
	//go:embed data/en/for-heads.txt
	enForHeadsData string
	//go:embed data/en/newspaper-words.txt
	enNewspaperWordsData string

	enWorkNouns      = lowerSet(enWorkNounsData)
	enEmployerNouns  = lowerSet(enEmployerNounsData)
	enForHeads       = lowerSet(enForHeadsData)
	enNewspaperWords = lowerSet(enNewspaperWordsData)
)

// workTitle reports whether the run of name words starting at token i
// follows a noun for works, with at most a comma between ("his first
// novel, Web of Angels", "the book The Dragon Waiting"). One word is left
// a name ("the book Bolton wrote"), and so is a run opening with a given
// name ("the film Michael Moore made").
func workTitle(word func(int) string, i int, name []string) bool {
	if len(name) < 2 {
		return false
	}
	if _, given := nlp.GivenName(name[0]); given {
		return false
	}
	k := i - 1
	if k >= 0 && word(k) == "," {
		k--
	}
	return k >= 0 && enWorkNouns[strings.ToLower(word(k))]
}

// employer reports whether the one-word run at token i, ending before
// token j, follows a job noun and "at" ("his editors at Tor"): the
// organisation they work at, not a place.
func employer(word func(int) string, i, j int) bool {
	return j == i+1 && i >= 2 && word(i-1) == "at" && enEmployerNouns[strings.ToLower(word(i-2))]
}

// employers retypes as organisations the one-word mentions typed as
// people with no role whose name is in orgs, the employers the article
// names: "Tor will publish" after "his editors at Tor".
func employers(out []Mention, orgs []string) {
	for k := range out {
		if out[k].Type == storyfold.EntityPerson && out[k].Role == "" && slices.Contains(orgs, out[k].Name) {
			out[k].Type = storyfold.EntityOrg
		}
	}
}

// retype gives the run's mentions typed as people with no role the type
// typ.
func retype(ms []Mention, typ storyfold.EntityType) {
	for k := range ms {
		if ms[k].Type == storyfold.EntityPerson && ms[k].Role == "" {
			ms[k].Type = typ
		}
	}
}

// OrgForWord reports whether w is a word an organisation's name opens
// with "for" after it: an organisation's word, or a centre ("Center for
// Economic Policy Research", "Centers for Disease Control"). The quote
// finder reads such names as one speaker, as this finder does.
func OrgForWord(w string) bool {
	return nlp.IsOrgWord(w) || enForHeads[strings.ToLower(w)]
}

// orgForAt reports whether the run [i, j) goes on through the word at j:
// a "for" after an organisation's word (orgForWord) with a capitalised
// word after it that is no given name ("Centre for Disease Control", not
// "the Senate for John Smith"), or an "and" and a capitalised word after
// such a "for" joined the run (forAt >= 0: "... Control and Prevention").
func orgForAt(word func(int) string, capital func(int) bool, i, j, forAt int) bool {
	if !capital(j + 1) {
		return false
	}
	if _, given := nlp.GivenName(word(j + 1)); given {
		return false
	}
	switch word(j) {
	case "for":
		return forAt < 0 && OrgForWord(word(j-1))
	case "and":
		return forAt >= i && !nlp.IsOrgWord(word(j+1))
	}
	return false
}

// newspaper reports whether words, two or more, name a newspaper: the
// last a newspaper's word, no other a title ("Argus Leader", "Chicago
// Tribune"; not "Senate Majority Leader").
func newspaper(words []string) bool {
	n := len(words)
	if n < 2 || !enNewspaperWords[strings.ToLower(words[n-1])] {
		return false
	}
	for _, w := range words[:n-1] {
		if nlp.IsTitleWord(w) || nlp.IsRoleWord(w) {
			return false
		}
	}
	return true
}

// newspaperRun is newspaper for the run of tokens [i, j).
func newspaperRun(word func(int) string, i, j int) bool {
	words := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		words = append(words, word(k))
	}
	return newspaper(words)
}

// english reports whether the finder reads English, the language the
// rules of this file are written for.
func (f *Finder) english() bool { return f.lang == "" || f.lang == "en" }

// acronymAnd returns where a run [i, j) goes on through the "and" at j:
// past the capitalised words after it, when the initials of the run's
// capitalised words with them are an acronym the text writes, three
// letters or more ("Customs and Border Protection" in a text that writes
// "CBP"); else j. Without that evidence "and" joins two names ("Apple and
// Google").
func (f *Finder) acronymAnd(word func(int) string, capital func(int) bool, i, j int) int {
	e := j + 1
	for capital(e) {
		e++
	}
	if e == j+1 {
		return j
	}
	var b strings.Builder
	for k := i; k < e; k++ {
		if w := word(k); capital(k) && len(w) > 0 {
			b.WriteByte(w[0])
		}
	}
	a := b.String()
	if len(a) < 3 || !isAcronym(a) {
		return j
	}
	if f.acronyms == nil {
		f.acronyms = map[string]bool{}
		for _, t := range f.allToks {
			if w := t.Text(f.text); t.Kind == nlp.Word && len(w) >= 3 && isAcronym(w) {
				f.acronyms[w] = true
			}
		}
	}
	if !f.acronyms[a] {
		return j
	}
	return e
}
