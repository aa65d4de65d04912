package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// outputWith runs the command from the repository root with extra
// environment variables and returns the digest of what it prints.
func outputWith(env []string, args ...string) ([32]byte, error) {
	cmd := exec.Command(binary, args...)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	if err := cmd.Run(); err != nil {
		return [32]byte{}, fmt.Errorf("%v: %w: %s", args, err, e.String())
	}
	return sha256.Sum256(o.Bytes()), nil
}

// TestDeterministic analyses the same input with one core, two and four,
// and three times at once, and compares the JSON byte for byte: nothing in
// the pipeline may depend on timing, map order or the number of cores.
func TestDeterministic(t *testing.T) {
	inputs := []string{"examples/ukraine-talks"}
	if _, err := os.Stat("../../../shared/data/basil/articles.jsonl"); err == nil {
		inputs = append(inputs, "../shared/data/basil/articles.jsonl")
	}
	for _, in := range inputs {
		t.Run(in, func(t *testing.T) {
			want, err := outputWith([]string{"GOMAXPROCS=1"}, "analyze", "--format", "json", in)
			if err != nil {
				t.Fatal(err)
			}
			for _, procs := range []string{"2", "4"} {
				got, err := outputWith([]string{"GOMAXPROCS=" + procs}, "analyze", "--format", "json", in)
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("GOMAXPROCS=%s gives other output than GOMAXPROCS=1", procs)
				}
			}
			// Several at once, competing for the cores.
			type result struct {
				sum [32]byte
				err error
			}
			results := make(chan result, 3)
			for range 3 {
				go func() {
					sum, err := outputWith(nil, "analyze", "--format", "json", in)
					results <- result{sum, err}
				}()
			}
			for range 3 {
				r := <-results
				if r.err != nil {
					t.Fatal(r.err)
				}
				if r.sum != want {
					t.Error("a run among three at once gives other output")
				}
			}
		})
	}
}
