//go:build linux

package noc

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// threadCPU returns the CPU time consumed by the calling OS thread: unlike the wall clock, it does
// not count the time the thread waits for a core on a shared machine.
func threadCPU() time.Duration {
	const clockThreadCPUTimeID = 3
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	return time.Duration(ts.Nano())
}

// latencies codes each query (passes times) and returns the sorted per-call thread-CPU times,
// net of the clock's own cost.
func latencies(c *Coder, qs []evalQuery, passes int, lang func(evalQuery) Lang) []time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var overhead time.Duration
	for i := 0; i < 1000; i++ {
		a := threadCPU()
		overhead += threadCPU() - a
	}
	overhead /= 1000
	var d []time.Duration
	for p := 0; p < passes; p++ {
		for _, q := range qs {
			a := threadCPU()
			c.Code(q.title, lang(q))
			d = append(d, threadCPU()-a-overhead)
		}
	}
	slices.Sort(d)
	return d
}

func pct(d []time.Duration, p float64) time.Duration { return d[int(p*float64(len(d)-1))] }

// TestLatencyReport prints the per-title CPU time of Code (median, 90th and 99th percentiles) on
// one core, for titles in the index's vocabulary and for held-out titles. Run with NOC_LATENCY=1.
func TestLatencyReport(t *testing.T) {
	if os.Getenv("NOC_LATENCY") == "" {
		t.Skip("set NOC_LATENCY=1 to measure the latency")
	}
	c := Default()
	qs := benchTitles(t)
	c.Code("warm up", FR)
	given := func(q evalQuery) Lang { return q.lang }
	auto := func(evalQuery) Lang { return Auto }
	d := latencies(c, qs, 5, given)
	fmt.Printf("posting-style titles, language given: median %v, p90 %v, p99 %v (n=%d)\n", pct(d, .5), pct(d, .9), pct(d, .99), len(d))
	d = latencies(c, qs, 5, auto)
	fmt.Printf("posting-style titles, language guessed: median %v, p90 %v, p99 %v (n=%d)\n", pct(d, .5), pct(d, .9), pct(d, .99), len(d))
	// Titles the index has never seen: the held-out split, on a coder built on the rest.
	ex, err := officialExamples()
	if err != nil {
		t.Fatal(err)
	}
	sp := makeSplit(ex)
	held, err := newCoder(append(sp.train, sp.calib...), defaultParams())
	if err != nil {
		t.Fatal(err)
	}
	hq := postingStyled(sp.test, variantSeed)[:2000]
	held.Code("warm up", FR)
	d = latencies(held, hq, 3, given)
	fmt.Printf("held-out posting-style titles (not in the index): median %v, p90 %v, p99 %v (n=%d)\n", pct(d, .5), pct(d, .9), pct(d, .99), len(d))
}
