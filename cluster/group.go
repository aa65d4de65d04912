package cluster

import (
	"encoding/hex"
	"sort"

	"github.com/zeebo/xxh3"
)

// Item is an article handed to Batch.
type Item struct {
	ID, Hash string
	Features Features
}

// Batch groups a whole batch of articles. The articles are taken in date
// order (unknown dates last, ties by ID), with term frequencies counted over
// the whole batch first, so the order they were read in does not change the
// result; then every article is offered once more the story that suits it
// best now that all stories exist, which undoes most of what the early,
// thinly populated stories got wrong.
func Batch(items []Item, opts Options) *Index {
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := &items[order[a]], &items[order[b]]
		dx, dy := x.Features.Day, y.Features.Day
		if (dx == NoDay) != (dy == NoDay) {
			return dy == NoDay
		}
		if dx != dy {
			return dx < dy
		}
		return x.ID < y.ID
	})
	ix := New(opts)
	for _, i := range order {
		ix.CountTerms(&items[i].Features)
	}
	for _, i := range order {
		ix.Add(items[i].ID, items[i].Hash, items[i].Features, true)
	}
	ix.Refine()
	return ix
}

// Refine offers every article that is not a copy the best story for it
// among all current stories, moving it when another story suits it better
// than its own (measured without itself). Copies then follow their
// originals, within the date window.
func (ix *Index) Refine() {
	for di := range ix.docs {
		d := &ix.docs[di]
		if d.story < 0 || (d.dupOf >= 0 && ix.docs[d.dupOf].story == d.story) {
			continue
		}
		vec := ix.vector(d.terms)
		own := d.story
		ix.leave(int32(di), vec)
		s, _ := ix.best(vec, d.day, d.lang, -1)
		if s < 0 {
			if ix.stories[own].alive {
				// Nothing suits it: it keeps its own story only if it is
				// alone there, else it starts a new one.
				s = ix.newStory(StoryID(d.id))
			} else {
				s = own
				ix.stories[own].alive = true
			}
		}
		ix.join(s, int32(di), vec)
	}
	for di := range ix.docs {
		d := &ix.docs[di]
		if d.dupOf < 0 {
			continue
		}
		if want := ix.docs[d.dupOf].story; want != d.story && ix.inWindow(want, d.day) {
			vec := ix.vector(d.terms)
			ix.leave(int32(di), vec)
			ix.join(want, int32(di), vec)
		}
	}
}

// Group is one story of the index: its ID and its articles in the order
// they were added.
type Group struct {
	ID       string
	Articles []string
}

// Groups returns the index's stories, largest first, then by their first
// article.
func (ix *Index) Groups() []Group {
	var out []Group
	for s := range ix.stories {
		st := &ix.stories[s]
		if !st.alive || len(st.members) == 0 {
			continue
		}
		members := append([]int32(nil), st.members...)
		sort.Slice(members, func(i, j int) bool { return members[i] < members[j] })
		g := Group{ID: st.id, Articles: make([]string, len(members))}
		for i, m := range members {
			g.Articles[i] = ix.docs[m].id
		}
		out = append(out, g)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].Articles) != len(out[j].Articles) {
			return len(out[i].Articles) > len(out[j].Articles)
		}
		return ix.byID[out[i].Articles[0]] < ix.byID[out[j].Articles[0]]
	})
	return out
}

// StoryID names a story after the article that opened it, so the same batch
// gives the same IDs on every run.
func StoryID(firstArticle string) string {
	sum := xxh3.HashString(firstArticle)
	var b [8]byte
	for i := range b {
		b[i] = byte(sum >> (56 - 8*i))
	}
	return "s-" + hex.EncodeToString(b[:6])
}

// Copies maps each article that others copy to the IDs of its copies, in the
// order they were added.
func (ix *Index) Copies() map[string][]string {
	out := make(map[string][]string)
	for _, d := range ix.docs {
		if d.dupOf >= 0 {
			orig := ix.docs[d.dupOf].id
			out[orig] = append(out[orig], d.id)
		}
	}
	return out
}
