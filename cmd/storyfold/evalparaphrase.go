package main

import (
	"context"
	"errors"
)

// evalParaphrase scores the same-claim scorer on sentence pairs in MSRP's
// format.
func evalParaphrase(ctx context.Context, args []string) error {
	return errors.New("eval paraphrase: not built yet")
}
