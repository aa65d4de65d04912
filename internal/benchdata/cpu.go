//go:build unix

package benchdata

import (
	"syscall"
	"time"
)

// CPUTime returns the CPU time the process has used, user and system, or
// 0 when the system cannot tell: on a shared machine it says more of a
// stage's cost than the wall clock, which counts the time other processes
// hold the cores.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
