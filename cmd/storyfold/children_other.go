//go:build !linux

package main

import "syscall"

// dieWithParent does nothing here: only Linux signals a child when its
// parent ends. The bench still stops its children on every way out but
// the abrupt ones (a second Ctrl-C, SIGKILL).
func dieWithParent(*syscall.SysProcAttr) {}
