package canada

import (
	"fmt"
	"time"
)

// TorontoZone is the IANA name of the Eastern Time zone used by most of
// Québec and Ontario (UTC−5, UTC−4 while daylight saving time is in
// effect).
const TorontoZone = "America/Toronto"

// LoadToronto loads the America/Toronto time zone, in which the board's
// deadlines, publication times and business days are reckoned.
//
// It needs the IANA time zone database: the system's (/usr/share/zoneinfo)
// or the copy embedded in a program that imports the time/tzdata package
// (import _ "time/tzdata" in package main, or build with -tags timetzdata);
// minimal container images often lack the former. On failure the error
// wraps both ErrTimeZone and the error of time.LoadLocation.
func LoadToronto() (*time.Location, error) {
	loc, err := time.LoadLocation(TorontoZone)
	if err != nil {
		return nil, fmt.Errorf("%w (import _ \"time/tzdata\" in the program to embed the zone database): %w", ErrTimeZone, err)
	}
	return loc, nil
}
