package main

import (
	"flag"
	"fmt"

	"github.com/storyfold/storyfold/outlets"
)

// outletsFlag is --outlets FILE, the user's facts about outlets (owner,
// country, language, kind, lean), which analyze, ingest and serve attach
// to the articles of the outlets it lists.
type outletsFlag struct {
	path string
}

func (o *outletsFlag) register(fs *flag.FlagSet) {
	fs.StringVar(&o.path, "outlets", "", "facts about outlets to attach to their articles: a CSV `FILE` with a header (domain, name, owner, country, language, kind, lean) or JSON Lines with those keys")
}

// load reads the list, nil when none was given.
func (o *outletsFlag) load() (*outlets.List, error) {
	if o.path == "" {
		return nil, nil
	}
	l, err := outlets.Load(o.path)
	if err != nil {
		return nil, fmt.Errorf("--outlets: %w", err)
	}
	return l, nil
}
