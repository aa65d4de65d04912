package cluster

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// featuresVersion starts every encoded Features, so a later format can read
// older records. Version 2 adds the language after the signature; a
// version 1 record reads as of unknown language.
const featuresVersion = 2

// MarshalBinary encodes the features compactly for a store.
func (f Features) MarshalBinary() ([]byte, error) {
	n := 1 + binary.MaxVarintLen32*2 + len(f.Sig)*4
	for _, t := range f.Terms {
		n += binary.MaxVarintLen32 + len(t.Term) + 4
	}
	b := make([]byte, 0, n)
	b = append(b, featuresVersion)
	b = binary.AppendVarint(b, int64(f.Day))
	b = binary.AppendUvarint(b, uint64(len(f.Terms)))
	for _, t := range f.Terms {
		b = binary.AppendUvarint(b, uint64(len(t.Term)))
		b = append(b, t.Term...)
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(t.Count))
	}
	b = binary.AppendUvarint(b, uint64(len(f.Sig)))
	for _, h := range f.Sig {
		b = binary.LittleEndian.AppendUint32(b, h)
	}
	b = binary.AppendUvarint(b, uint64(len(f.Lang)))
	b = append(b, f.Lang...)
	return b, nil
}

var errBadFeatures = errors.New("bad features record")

// UnmarshalBinary decodes what MarshalBinary encodes.
func (f *Features) UnmarshalBinary(b []byte) error {
	if len(b) == 0 || b[0] != 1 && b[0] != featuresVersion {
		return fmt.Errorf("%w: unknown version", errBadFeatures)
	}
	version := b[0]
	b = b[1:]
	day, k := binary.Varint(b)
	if k <= 0 {
		return errBadFeatures
	}
	b = b[k:]
	f.Day = int32(day)
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return errBadFeatures
	}
	b = b[k:]
	f.Terms = make([]TermCount, 0, n)
	for i := uint64(0); i < n; i++ {
		l, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < l+4 {
			return errBadFeatures
		}
		b = b[k:]
		term := string(b[:l])
		b = b[l:]
		f.Terms = append(f.Terms, TermCount{Term: term, Count: math.Float32frombits(binary.LittleEndian.Uint32(b))})
		b = b[4:]
	}
	n, k = binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n*4 || version == 1 && uint64(len(b)-k) != n*4 {
		return errBadFeatures
	}
	b = b[k:]
	f.Sig = nil
	if n > 0 {
		f.Sig = make([]uint32, n)
		for i := range f.Sig {
			f.Sig[i] = binary.LittleEndian.Uint32(b[i*4:])
		}
	}
	b = b[n*4:]
	f.Lang = ""
	if version == 1 {
		return nil
	}
	l, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) != l {
		return errBadFeatures
	}
	f.Lang = string(b[k:])
	return nil
}

// Restore puts back an article a store recorded, in the story and as the
// copy it was recorded in, without scoring it again: a restored index
// groups the next articles exactly as the one that stored it would have.
func (ix *Index) Restore(id, hash string, f Features, storyID, duplicateOf string) {
	f.Terms = withCross(f.Terms)
	ix.CountTerms(&f)
	di := ix.addDoc(id, hash, f)
	ix.indexSignature(di)
	if o, ok := ix.byID[duplicateOf]; ok && duplicateOf != "" {
		ix.docs[di].dupOf = o
	}
	s, ok := ix.storyIDs[storyID]
	if !ok {
		s = ix.newStory(storyID)
	}
	ix.join(s, di, ix.vectors(di))
}

// StoryOf returns the ID of the story an article is in, and the ID of the
// article it copies ("" when none).
func (ix *Index) StoryOf(id string) (story, duplicateOf string) {
	di, ok := ix.byID[id]
	if !ok {
		return "", ""
	}
	d := &ix.docs[di]
	if d.dupOf >= 0 {
		duplicateOf = ix.docs[d.dupOf].id
	}
	if d.story >= 0 {
		story = ix.stories[d.story].id
	}
	return story, duplicateOf
}

// Members returns the IDs of a story's articles in the order they were added.
func (ix *Index) Members(storyID string) []string {
	s, ok := ix.storyIDs[storyID]
	if !ok {
		return nil
	}
	ids := make([]string, len(ix.stories[s].members))
	for i, m := range ix.stories[s].members {
		ids[i] = ix.docs[m].id
	}
	return ids
}

// withCross returns terms with names across languages (CrossPrefix) added
// from the names within the language (NamePrefix) when it has none: a
// record stored before names had two keys keyed them one way, which then
// served both.
func withCross(terms []TermCount) []TermCount {
	for _, t := range terms {
		if strings.HasPrefix(t.Term, CrossPrefix) {
			return terms
		}
	}
	out := slices.Clone(terms)
	for _, t := range terms {
		if strings.HasPrefix(t.Term, NamePrefix) {
			out = append(out, TermCount{Term: CrossPrefix + t.Term[len(NamePrefix):], Count: t.Count})
		}
	}
	slices.SortFunc(out, func(a, b TermCount) int { return strings.Compare(a.Term, b.Term) })
	return out
}
