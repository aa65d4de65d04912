package sqlstore

import (
	"context"
	"fmt"

	"github.com/storyfold/storyfold/store/internal/record"
)

// FillSourceKeys sets every stored article's source_key column to its
// outlet's key (record.SourceKey): a migration that adds the column runs
// it, since the engines' SQL cannot compute the key. It reads the
// distinct outlets, not the articles, so it costs one update an outlet.
func FillSourceKeys(ctx context.Context, tx DB) error {
	var sources []string
	err := tx.Query(ctx, "SELECT DISTINCT source FROM articles", nil, func(scan func(...any) error) error {
		var s string
		if err := scan(&s); err != nil {
			return err
		}
		sources = append(sources, s)
		return nil
	})
	if err != nil {
		return fmt.Errorf("fill source keys: %w", err)
	}
	for _, s := range sources {
		if err := tx.Exec(ctx, "UPDATE articles SET source_key = ? WHERE source = ?", []any{record.SourceKey(s), s}); err != nil {
			return fmt.Errorf("fill source keys: %w", err)
		}
	}
	return nil
}
