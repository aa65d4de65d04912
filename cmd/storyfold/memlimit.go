package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

// defaultMaxMemory is the soft memory limit a storyfold process runs under
// unless told otherwise. Issue 14 bounds the process's memory at 1 GB
// whatever it is fed, and the crafted 10 MB articles went past it (1.23 GB
// for the quotes article) mostly because the collector let garbage pile up
// to twice the live heap. The Go runtime's limit covers only the memory
// Go manages: the binary's code, SQLite's page cache (modernc allocates it
// outside the Go heap) and the kernel's own bookkeeping come on top, and
// the runtime may overshoot a little before it collects, so the limit sits
// a quarter below the bound. Ordinary work (an ingest of 20,000 articles
// peaks at about 320 MB) never comes near it, so it costs nothing there.
const defaultMaxMemory = 768 << 20

// minMaxMemory is the smallest limit accepted: below it the collector
// would run all the time, on the runtime's cap of half the CPU, for a
// process whose code and tables alone take about 100 MB.
const minMaxMemory = 64 << 20

// memorySetting is the soft memory limit chosen and what chose it.
type memorySetting struct {
	bytes  int64  // math.MaxInt64 for no limit
	source string // "--max-memory", "STORYFOLD_MAX_MEMORY" or "default"
}

// takeMaxMemory removes --max-memory SIZE (or --max-memory=SIZE, with one
// dash or two) from args and returns its value: a global flag, accepted
// before the command's name or among its own flags, since every command
// should honour it and their flag sets are their own. Arguments after
// "--" are positional and left alone. The last of several wins, as with
// the flag package.
func takeMaxMemory(args []string) (value string, given bool, rest []string, err error) {
	rest = make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, val, hasVal := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "max-memory" {
			rest = append(rest, a)
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return "", false, nil, errors.New("flag needs an argument: --max-memory")
			}
			i++
			val = args[i]
		}
		value, given = val, true
	}
	return value, given, rest, nil
}

// chooseMemoryLimit decides the soft memory limit: the --max-memory flag,
// then STORYFOLD_MAX_MEMORY, then GOMEMLIMIT (which the runtime has
// applied already: ok is false, nothing to set), then the default. The
// default is defaultMaxMemory, or half the memory the process may use when
// that is less (a 1 GB container gets 512 MiB): the other half is for what
// the limit does not count and for the rest of the machine. machine is
// that memory in bytes, 0 when unknown.
func chooseMemoryLimit(flagValue string, flagGiven bool, getenv func(string) string, machine int64) (s memorySetting, ok bool, err error) {
	switch {
	case flagGiven:
		s.source = "--max-memory"
		s.bytes, err = parseSize(flagValue)
	case getenv("STORYFOLD_MAX_MEMORY") != "":
		s.source = "STORYFOLD_MAX_MEMORY"
		s.bytes, err = parseSize(getenv("STORYFOLD_MAX_MEMORY"))
	case getenv("GOMEMLIMIT") != "":
		return memorySetting{source: "GOMEMLIMIT"}, false, nil
	default:
		s = memorySetting{bytes: defaultMaxMemory, source: "default"}
		if machine > 0 && machine/2 < s.bytes {
			s.bytes = max(machine/2, minMaxMemory)
		}
		return s, true, nil
	}
	if err != nil {
		return memorySetting{}, false, fmt.Errorf("%s: %w", s.source, err)
	}
	if s.bytes < minMaxMemory {
		return memorySetting{}, false, fmt.Errorf("%s: %s is under the smallest limit, %s (\"off\" for none)", s.source, formatSize(s.bytes), formatSize(minMaxMemory))
	}
	return s, true, nil
}

// sizeUnits are the suffixes parseSize accepts, GOMEMLIMIT's and their
// decimal cousins, longest first so "MiB" is not read as "B".
var sizeUnits = []struct {
	suffix string
	mult   float64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40},
	{"B", 1},
}

// parseSize reads a memory size: a number of bytes with an optional unit
// ("768MiB", "1.5GB", "2G", "805306368"), or "off" for no limit, as
// GOMEMLIMIT takes it. Units are case-insensitive.
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if strings.EqualFold(t, "off") {
		return math.MaxInt64, nil
	}
	mult := 1.0
	for _, u := range sizeUnits {
		if len(t) > len(u.suffix) && strings.EqualFold(t[len(t)-len(u.suffix):], u.suffix) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(f) || f < 0 {
		return 0, fmt.Errorf("%q is not a size: a number with an optional unit, as in 768MiB or 1GB, or \"off\"", s)
	}
	if f*mult >= math.MaxInt64 {
		return math.MaxInt64, nil
	}
	return int64(f * mult), nil
}

// formatSize writes n bytes in MiB, as the messages speak of limits, or
// in bytes when under one.
func formatSize(n int64) string {
	switch {
	case n == math.MaxInt64:
		return "off"
	case n < 1<<20:
		return strconv.FormatInt(n, 10) + " bytes"
	case n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
}

// machineMemory is the memory this process may use, in bytes: the
// machine's, or its control group's limit when that is smaller (a
// container's); 0 when neither can be read (not Linux).
func machineMemory() int64 {
	var best int64
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == "MemTotal:" {
				if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil {
					best = kb << 10
				}
			}
		}
	}
	for _, path := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && (best == 0 || n < best) {
			best = n
		}
	}
	return best
}

// applyMemoryLimit takes --max-memory out of args, chooses the limit and
// sets it, so the collector works harder as the heap nears it instead of
// letting garbage double the live heap: a soft limit, which the runtime
// passes (spending at most about half the CPU on collection) when the
// live heap alone is larger, so a big input is slowed, never failed. It
// returns the remaining arguments; an error is a mistake in the flag or
// the variable.
// memoryLimit is the limit main chose, so a command that holds more by
// design (ingest's grouping index) can raise the default, never a limit
// the user gave.
var memoryLimit memorySetting

func applyMemoryLimit(args []string, getenv func(string) string, set func(int64) int64) ([]string, memorySetting, error) {
	value, given, rest, err := takeMaxMemory(args)
	if err != nil {
		return nil, memorySetting{}, err
	}
	s, ok, err := chooseMemoryLimit(value, given, getenv, machineMemory())
	if err != nil {
		return nil, memorySetting{}, err
	}
	if ok {
		set(s.bytes)
	}
	return rest, s, nil
}
