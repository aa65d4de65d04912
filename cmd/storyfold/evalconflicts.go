package main

import (
	"context"
	"errors"
)

// evalConflicts measures conflict detection by changing one value in one
// article of each gold story.
func evalConflicts(ctx context.Context, args []string) error {
	return errors.New("eval conflicts: not built yet")
}
