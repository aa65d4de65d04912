//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package main

import (
	"errors"
	"syscall"
)

// childSupported says a server can analyse POSTs in a child process of
// lower priority here: not on this system, where serve analyses them
// itself (--posts inline).
const childSupported = false

func childAttr() *syscall.SysProcAttr { return nil }

func lowerPriority(pid, nice int) error {
	return errors.New("lowering a process's priority is not supported here")
}
