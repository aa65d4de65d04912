package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"sync"

	"github.com/storyfold/storyfold"
	"github.com/storyfold/storyfold/ingest"
	"github.com/storyfold/storyfold/pipeline"
)

// messages prints one line per problem on stderr, through the progress bars
// when they show, and counts them.
type messages struct {
	mu       sync.Mutex
	out      io.Writer
	errors   int
	warnings int
}

func (m *messages) problem(p *ingest.Problem) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if p.Warning {
		m.warnings++
		fmt.Fprintf(m.out, "storyfold: warning: %s\n", p.Error())
		return
	}
	m.errors++
	fmt.Fprintf(m.out, "storyfold: %s\n", p.Error())
}

func (m *messages) notef(format string, args ...any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintf(m.out, "storyfold: "+format+"\n", args...)
}

// readOptions are the reading flags every reading command shares.
type readOptions struct {
	maxSize int64
}

// read reads every input path, in parallel, cleans and annotates the
// articles, and folds articles with the same content into one. Articles come
// back in a stable order whatever the scheduling.
func read(paths []string, opts readOptions, prog *progress, msgs *messages) []storyfold.Article {
	files, skipped := ingest.Files(paths, msgs.problem)
	if skipped > 0 {
		msgs.notef("passed over %d files whose extension is not an article format", skipped)
	}
	reader := ingest.NewReader(msgs.problem)
	if opts.maxSize > 0 {
		reader.MaxSize = opts.maxSize
	}
	type found struct {
		file, seq int
		a         storyfold.Article
	}
	var (
		mu   sync.Mutex
		all  []found
		wg   sync.WaitGroup
		jobs = make(chan int)
	)
	bar := prog.stage("reading", len(files))
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for fi := range jobs {
				var local []found
				emit := func(a storyfold.Article) {
					local = append(local, found{fi, len(local), a})
				}
				if files[fi] == "-" {
					reader.ReadStream("-", os.Stdin, emit)
				} else {
					reader.ReadFile(files[fi], emit)
				}
				mu.Lock()
				all = append(all, local...)
				mu.Unlock()
				bar.incr()
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	bar.done()
	sort.Slice(all, func(i, j int) bool {
		if all[i].file != all[j].file {
			return all[i].file < all[j].file
		}
		return all[i].seq < all[j].seq
	})
	raw := make([]storyfold.Article, len(all))
	for i, f := range all {
		raw[i] = f.a
	}

	clean := prog.stage("cleaning", len(raw))
	articles := pipeline.Prepare(raw, func(a storyfold.Article) {
		msgs.problem(&ingest.Problem{Path: a.Origin, Msg: "no article text left after cleaning"})
	}, clean.incr)
	clean.done()
	return foldSame(articles, msgs)
}

// foldSame keeps one article per content hash, and renames an article whose
// ID another article with different content already has, so nothing is lost.
func foldSame(articles []storyfold.Article, msgs *messages) []storyfold.Article {
	byHash := make(map[string]string, len(articles))
	ids := make(map[string]bool, len(articles))
	out := articles[:0]
	same := 0
	for _, a := range articles {
		if first, ok := byHash[a.Hash]; ok {
			same++
			if same <= 5 {
				msgs.notef("%s: same content as article %s, read once", a.Origin, first)
			}
			continue
		}
		if ids[a.ID] {
			base := a.ID
			for n := 2; ids[a.ID]; n++ {
				a.ID = fmt.Sprintf("%s-%d", base, n)
			}
			msgs.problem(&ingest.Problem{Path: a.Origin, Msg: fmt.Sprintf("article ID %q is taken by other content; named %q", base, a.ID), Warning: true})
		}
		byHash[a.Hash] = a.ID
		ids[a.ID] = true
		out = append(out, a)
	}
	if same > 5 {
		msgs.notef("%d articles in all had the same content as another and were read once", same)
	}
	return out
}
