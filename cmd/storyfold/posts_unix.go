//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package main

import (
	"fmt"
	"syscall"
)

// childSupported says a server can analyse POSTs in a child process of
// lower priority here.
const childSupported = true

// childAttr starts a post worker in a process group of its own, so that
// its priority can be lowered for all of its threads at once (on Linux
// each thread has its own nice value, and setpriority of a process alone
// changes only its first thread) and a terminal's Ctrl-C reaches the
// server alone, which then stops its worker.
func childAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }

// lowerPriority sets the nice value of every thread of the process group
// pid leads. Threads the worker starts later inherit the value of the
// thread that starts them.
func lowerPriority(pid, nice int) error {
	if err := syscall.Setpriority(syscall.PRIO_PGRP, pid, nice); err != nil {
		return fmt.Errorf("setpriority: %w", err)
	}
	return nil
}
