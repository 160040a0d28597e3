//go:build !race

package noc

// raceEnabled reports whether the tests run under the race detector.
const raceEnabled = false
