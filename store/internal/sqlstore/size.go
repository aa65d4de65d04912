package sqlstore

import (
	"context"
	"fmt"
)

// Footprint is the space a store's articles take, for the benchmarks
// that hold bytes per article to a bound: Total is every table and index
// the store keeps, and the others are sums over the articles' columns as
// stored (after any compression), in bytes.
type Footprint struct {
	Total               int64
	Text, Doc, Features int64
	Articles            int64
	Relations           map[string]int64
}

// ColumnBytes sums the articles' stored columns into f.
func (r Reads) ColumnBytes(ctx context.Context, f *Footprint) error {
	err := QueryRow(ctx, r.DB, `SELECT count(*), coalesce(sum(octet_length(text)), 0), coalesce(sum(octet_length(doc)), 0),
		coalesce(sum(octet_length(features)), 0) FROM articles`, nil, &f.Articles, &f.Text, &f.Doc, &f.Features)
	if err != nil {
		return fmt.Errorf("column bytes: %w", err)
	}
	return nil
}
