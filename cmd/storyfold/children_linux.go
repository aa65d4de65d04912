package main

import "syscall"

// dieWithParent has the kernel send the child SIGTERM when the process
// that started it ends, whatever ends it: a bench killed, or ended at once
// by a second Ctrl-C, leaves no server or attackers behind. (The signal is
// sent when the starting thread ends; Go ends a thread only with a
// goroutine locked to it, which the bench does not have.)
func dieWithParent(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGTERM }
