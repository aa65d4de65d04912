package main

import (
	"math"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

func TestMemParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		bad  bool
	}{
		{in: "768MiB", want: 768 << 20},
		{in: "768mib", want: 768 << 20},
		{in: "1GiB", want: 1 << 30},
		{in: "1.5GiB", want: 3 << 29},
		{in: "1GB", want: 1e9},
		{in: "2G", want: 2 << 30},
		{in: "512 MB", want: 512e6},
		{in: "805306368", want: 805306368},
		{in: "805306368B", want: 805306368},
		{in: "off", want: math.MaxInt64},
		{in: "OFF", want: math.MaxInt64},
		{in: "1e30", want: math.MaxInt64},
		{in: "", bad: true},
		{in: "MiB", bad: true},
		{in: "-1GiB", bad: true},
		{in: "NaN", bad: true},
		{in: "lots", bad: true},
		{in: "1 gigabyte", bad: true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseSize(tc.in)
			if tc.bad {
				if err == nil {
					t.Fatalf("parseSize(%q) = %d, want an error", tc.in, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("parseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestMemTakeFlag(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		value string
		given bool
		rest  []string
		bad   bool
	}{
		{name: "absent", args: []string{"analyze", "dir"}, rest: []string{"analyze", "dir"}},
		{name: "before the command", args: []string{"--max-memory", "1GiB", "analyze", "dir"}, value: "1GiB", given: true, rest: []string{"analyze", "dir"}},
		{name: "among the command's flags", args: []string{"analyze", "dir", "--max-memory=512MiB", "--format", "json"}, value: "512MiB", given: true, rest: []string{"analyze", "dir", "--format", "json"}},
		{name: "one dash", args: []string{"ingest", "-max-memory", "off", "x"}, value: "off", given: true, rest: []string{"ingest", "x"}},
		{name: "the last wins", args: []string{"--max-memory=1G", "serve", "--max-memory=2G"}, value: "2G", given: true, rest: []string{"serve"}},
		{name: "after -- it is a file", args: []string{"analyze", "--", "--max-memory", "1G"}, rest: []string{"analyze", "--", "--max-memory", "1G"}},
		{name: "a longer flag is not it", args: []string{"bench", "--max-memory-x", "1"}, rest: []string{"bench", "--max-memory-x", "1"}},
		{name: "no value", args: []string{"analyze", "--max-memory"}, bad: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			value, given, rest, err := takeMaxMemory(tc.args)
			if tc.bad {
				if err == nil {
					t.Fatalf("takeMaxMemory(%q): want an error", tc.args)
				}
				return
			}
			if err != nil || value != tc.value || given != tc.given || !slices.Equal(rest, tc.rest) {
				t.Fatalf("takeMaxMemory(%q) = %q, %v, %q, %v; want %q, %v, %q", tc.args, value, given, rest, err, tc.value, tc.given, tc.rest)
			}
		})
	}
}

func TestMemChooseLimit(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	const gib = 1 << 30
	for _, tc := range []struct {
		name      string
		flag      string
		flagGiven bool
		env       func(string) string
		machine   int64
		want      memorySetting
		set       bool
		bad       string
	}{
		{name: "default", env: env(), machine: 24 * gib, want: memorySetting{768 << 20, "default"}, set: true},
		{name: "default, machine unknown", env: env(), want: memorySetting{768 << 20, "default"}, set: true},
		{name: "default, 1 GiB container", env: env(), machine: gib, want: memorySetting{512 << 20, "default"}, set: true},
		{name: "default, tiny container", env: env(), machine: 64 << 20, want: memorySetting{minMaxMemory, "default"}, set: true},
		{name: "GOMEMLIMIT is the runtime's", env: env("GOMEMLIMIT", "2GiB"), machine: 24 * gib, want: memorySetting{source: "GOMEMLIMIT"}},
		{name: "the variable over GOMEMLIMIT", env: env("GOMEMLIMIT", "2GiB", "STORYFOLD_MAX_MEMORY", "1GiB"), want: memorySetting{gib, "STORYFOLD_MAX_MEMORY"}, set: true},
		{name: "the flag over both", flag: "3GiB", flagGiven: true, env: env("GOMEMLIMIT", "2GiB", "STORYFOLD_MAX_MEMORY", "1GiB"), want: memorySetting{3 * gib, "--max-memory"}, set: true},
		{name: "off", flag: "off", flagGiven: true, env: env(), want: memorySetting{math.MaxInt64, "--max-memory"}, set: true},
		{name: "a bad flag", flag: "lots", flagGiven: true, env: env(), bad: "--max-memory: \"lots\" is not a size"},
		{name: "a bad variable", env: env("STORYFOLD_MAX_MEMORY", "1 gigabyte"), bad: "STORYFOLD_MAX_MEMORY: \"1 gigabyte\""},
		{name: "too small", flag: "10MiB", flagGiven: true, env: env(), bad: "10 MiB is under the smallest limit, 64 MiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, set, err := chooseMemoryLimit(tc.flag, tc.flagGiven, tc.env, tc.machine)
			if tc.bad != "" {
				if err == nil || !strings.Contains(err.Error(), tc.bad) {
					t.Fatalf("got %+v, %v; want an error containing %q", got, err, tc.bad)
				}
				return
			}
			if err != nil || got != tc.want || set != tc.set {
				t.Fatalf("got %+v, set %v, %v; want %+v, set %v", got, set, err, tc.want, tc.set)
			}
		})
	}
}

func TestMemApplySetsTheLimit(t *testing.T) {
	var set []int64
	rest, s, err := applyMemoryLimit([]string{"analyze", "--max-memory", "900MiB", "dir"}, func(string) string { return "" },
		func(n int64) int64 { set = append(set, n); return 0 })
	if err != nil || !slices.Equal(rest, []string{"analyze", "dir"}) || s.source != "--max-memory" || !slices.Equal(set, []int64{900 << 20}) {
		t.Fatalf("rest %q, setting %+v, set %v, %v", rest, s, set, err)
	}
	set = nil
	if _, _, err := applyMemoryLimit([]string{"analyze"}, func(k string) string {
		if k == "GOMEMLIMIT" {
			return "1GiB"
		}
		return ""
	}, func(n int64) int64 { set = append(set, n); return 0 }); err != nil || len(set) != 0 {
		t.Fatalf("with GOMEMLIMIT set: limit set to %v (%v), want it left to the runtime", set, err)
	}
}

// TestMemFlagOnTheCommandLine runs the command with the flag where a user
// would put it, and with a mistake in it and in the variable.
func TestMemFlagOnTheCommandLine(t *testing.T) {
	want, errOut, code := run(t, "analyze", "examples/ukraine-talks", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, args := range [][]string{
		{"--max-memory", "512MiB", "analyze", "examples/ukraine-talks", "--format", "json"},
		{"analyze", "examples/ukraine-talks", "--max-memory=off", "--format", "json"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, errOut, code := run(t, args...)
			if code != 0 || out != want {
				t.Fatalf("exit %d, output the same: %v; stderr %s", code, out == want, errOut)
			}
		})
	}
	t.Run("a bad flag", func(t *testing.T) {
		_, errOut, code := run(t, "analyze", "examples/ukraine-talks", "--max-memory", "lots")
		if code != 2 || !strings.Contains(errOut, "--max-memory: \"lots\" is not a size") {
			t.Fatalf("exit %d, stderr %q; want 2 and the flag named", code, errOut)
		}
	})
	t.Run("a bad variable", func(t *testing.T) {
		cmd := exec.Command(binary, "stories", "--db", "nowhere.db")
		cmd.Env = append(cmd.Environ(), "STORYFOLD_MAX_MEMORY=12")
		out, err := cmd.CombinedOutput()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "STORYFOLD_MAX_MEMORY: 12 bytes is under the smallest limit") {
			t.Fatalf("%v: %s; want exit 2 naming the variable", err, out)
		}
	})
}
