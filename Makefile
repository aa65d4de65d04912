# Everyday tasks. CI (.ci/run) runs lint, race, loaded and fuzz; the fuzz
# targets are listed once, in .ci/fuzz-targets, for both.
#
#   make test     the test suite
#   make race     the suite under the race detector, then the command's
#                 process tests on a race-built binary
#   make lint     gofmt, go vet and staticcheck
#   make loaded   the waiting tests, run while busy loops load every core
#   make fuzz     each fuzz target for FUZZTIME (20000x; a duration such as
#                 FUZZTIME=10m works too), minimising for FUZZMINIMIZETIME,
#                 FUZZJOBS targets at a time with FUZZPARALLEL workers each
#   make cover    coverage: each package's tests, then the command's tests
#                 through an instrumented binary, then both merged
#   make bench    the Go benchmarks once each (BENCH, BENCHTIME to choose)
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
MODULE := github.com/storyfold/storyfold
FUZZTIME ?= 20000x
FUZZMINIMIZETIME ?= 5s
FUZZ ?= .
FUZZJOBS ?= 1
FUZZPARALLEL ?=
COVERDIR ?= cover
# COVERRUN passes flags to the command's test binary: -test.run=Watch
COVERRUN ?=
BENCH ?= .
BENCHTIME ?= 1x
BENCHPKGS ?= ./nlp ./clean ./cluster ./compare
STATICCHECK ?= $(or $(shell command -v staticcheck),$(HOME)/go/bin/staticcheck)

.PHONY: test race lint loaded fuzz cover bench

test:
	go test ./...

# The command's tests build the binary they run with go build, which -race
# does not reach but GOFLAGS does: those that start a server, a watcher or
# a worker run again on a race-built binary (.ci/race-binary-tests).
race:
	go test -race ./...
	GOFLAGS=-race go test -run "$$(grep -v '^#' .ci/race-binary-tests | paste -sd'|')" ./cmd/storyfold/

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	go vet ./...
	$(STATICCHECK) ./...

loaded:
	.ci/loaded

fuzz:
	FUZZTIME=$(FUZZTIME) FUZZMINIMIZETIME=$(FUZZMINIMIZETIME) FUZZ='$(FUZZ)' FUZZJOBS=$(FUZZJOBS) FUZZPARALLEL=$(FUZZPARALLEL) .ci/fuzz

# The command's tests run the binary as a user would, so go test -cover
# sees almost none of the code they exercise (0.2% for cmd/storyfold).
# Their test binary is run with GOFLAGS asking the go build in its TestMain
# for an instrumented binary too, which writes its counters to GOCOVERDIR
# beside the test binary's own; go tool covdata then merges them with the
# other packages'.
cover:
	rm -rf $(COVERDIR)
	mkdir -p $(COVERDIR)/unit $(COVERDIR)/bin
	go test -count=1 -cover $$(go list ./... | grep -v '/cmd/storyfold$$') -args -test.gocoverdir=$(CURDIR)/$(COVERDIR)/unit
	go test -c -cover -coverpkg=$(MODULE)/... -o $(COVERDIR)/storyfold.test ./cmd/storyfold
	cd cmd/storyfold && GOFLAGS='-cover -coverpkg=$(MODULE)/...' GOCOVERDIR=$(CURDIR)/$(COVERDIR)/bin \
		$(CURDIR)/$(COVERDIR)/storyfold.test -test.count=1 -test.gocoverdir=$(CURDIR)/$(COVERDIR)/bin $(COVERRUN)
	@echo "== the command's tests, in process and through the binary"
	go tool covdata percent -i $(COVERDIR)/bin
	@echo "== every test, merged"
	go tool covdata percent -i $(COVERDIR)/unit,$(COVERDIR)/bin
	go tool covdata textfmt -i $(COVERDIR)/unit,$(COVERDIR)/bin -o $(COVERDIR)/all.out
	go tool cover -func $(COVERDIR)/all.out | tail -1
	@echo "go tool cover -html $(COVERDIR)/all.out shows it line by line"

bench:
	go test -run '^$$' -bench '$(BENCH)' -benchtime $(BENCHTIME) -benchmem $(BENCHPKGS)
