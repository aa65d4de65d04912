package main

import (
	"context"
	"errors"

	"github.com/storyfold/storyfold/cluster"
)

func runIngest(ctx context.Context, args []string) error  { return errors.New("todo") }
func runStories(ctx context.Context, args []string) error { return errors.New("todo") }
func runExtract(ctx context.Context, args []string) error { return errors.New("todo") }
func runBench(ctx context.Context, args []string) error   { return errors.New("todo") }
func analyzeStored(ctx context.Context, db string, paths []string, r readOptions, o cluster.Options, out *outputFlags, p bool) error {
	return errors.New("todo")
}
