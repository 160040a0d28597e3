package babillard

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/babillard/babillard/internal/obs"
	"github.com/babillard/babillard/observe"
)

// The names of the board's Tick parts, in the order Tick runs them.
const (
	// TickOffers moves the offers whose time has come (offer.Service.Advance):
	// its count is the offers changed.
	TickOffers = "offers.advance"
	// TickCredits expires the credits whose lots expired
	// (billing.Service.ExpireDue): its count is the credits expired.
	TickCredits = "credits.expire"
)

// TickPart is one job that time moves: Run does what is due at now and
// returns how many things it moved.
type TickPart struct {
	// Name names the part in reports, logs and metrics ("offers.advance").
	Name string
	// Run does the part's work at now. It should be idempotent, as Tick
	// may run again at the same now (after a failure, from a second
	// process).
	Run func(ctx context.Context, now time.Time) (int, error)
}

// TickPartReport is what one part of a Tick did.
type TickPartReport struct {
	// Name is the part's name.
	Name string `json:"name"`
	// Count is how many things the part moved (reported even when it
	// failed part of the way).
	Count int `json:"count"`
	// Err is why the part failed, nil when it did not. In JSON it is the
	// error's text, "error", absent when the part succeeded.
	Err error `json:"-"`
	// Duration is how long the part ran.
	Duration time.Duration `json:"duration"`
}

// MarshalJSON encodes the report with its error as text ("error"), left
// out when the part succeeded, so that a stored or sent report keeps why a
// part failed.
func (p TickPartReport) MarshalJSON() ([]byte, error) {
	type fields TickPartReport // the same fields, without this method
	var text string
	if p.Err != nil {
		text = p.Err.Error()
	}
	return json.Marshal(struct {
		fields
		Error string `json:"error,omitempty"`
	}{fields(p), text})
}

// TickReport is what a Tick did, part by part, in the order they ran.
type TickReport struct {
	// Now is the time the Tick ran at.
	Now time.Time `json:"now"`
	// Parts are the parts' reports, every part included.
	Parts []TickPartReport `json:"parts"`
}

// Part returns the report of the part name, if it ran.
func (r TickReport) Part(name string) (TickPartReport, bool) {
	for _, p := range r.Parts {
		if p.Name == name {
			return p, true
		}
	}
	return TickPartReport{}, false
}

// Err returns the failures of the parts joined (each prefixed with its
// part's name), or nil when every part succeeded.
func (r TickReport) Err() error {
	var errs []error
	for _, p := range r.Parts {
		if p.Err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.Name, p.Err))
		}
	}
	return errors.Join(errs...)
}

// libraryTickParts lists what time moves in the library, in the order Tick
// runs it: every job of a later service joins this list.
func (b *Board) libraryTickParts() []TickPart {
	return []TickPart{
		{Name: TickOffers, Run: func(ctx context.Context, now time.Time) (int, error) { return b.Offers.Advance(ctx, now) }},
		{Name: TickCredits, Run: func(ctx context.Context, now time.Time) (int, error) { return b.Billing.ExpireDue(ctx, now) }},
	}
}

// Tick runs everything that time moves on the board at now: offers
// published, warned, expired and unfeatured (TickOffers), credits expired
// (TickCredits), then the host's Options.TickParts. A part that fails (or
// panics) does not stop the others: Tick runs them all and reports each,
// and returns the report with the failures joined (the report's Err). The
// host owns the schedule: call Tick every minute or so, with the current
// time; every part is idempotent, so a Tick that failed can simply run
// again, and two processes may tick at once.
//
// Each part is logged (Debug when it had nothing to do, Info when it moved
// something, Error when it failed) and measured (see package observe).
func (b *Board) Tick(ctx context.Context, now time.Time) (TickReport, error) {
	parts := b.tickParts
	if parts == nil { // a Board not made by New
		parts = b.libraryTickParts()
	}
	report := TickReport{Now: now, Parts: make([]TickPartReport, 0, len(parts))}
	for _, part := range parts {
		report.Parts = append(report.Parts, b.runTickPart(ctx, part, now))
	}
	return report, report.Err()
}

// runTickPart runs one part, turning a panic into its error, and logs and
// measures it.
func (b *Board) runTickPart(ctx context.Context, part TickPart, now time.Time) (r TickPartReport) {
	r.Name = part.Name
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			r.Err = fmt.Errorf("babillard: tick part %s panicked: %v", part.Name, p)
		}
		r.Duration = time.Since(start)
		b.logTickPart(ctx, r)
	}()
	if part.Run == nil {
		r.Err = fmt.Errorf("babillard: tick part %s has no Run", part.Name)
		return r
	}
	r.Count, r.Err = part.Run(ctx, now)
	return r
}

func (b *Board) logTickPart(ctx context.Context, r TickPartReport) {
	label := slog.String(observe.KeyPart, r.Name)
	b.obs.Count(ctx, observe.MetricTickItems, int64(r.Count), label)
	b.obs.Observe(ctx, observe.MetricTickDuration, r.Duration, label)
	level, msg := slog.LevelDebug, "tick part done"
	switch {
	case r.Err != nil:
		b.obs.Count(ctx, observe.MetricTickErrors, 1, label)
		level, msg = slog.LevelError, "tick part failed"
	case r.Count > 0:
		level = slog.LevelInfo
	}
	log := b.obs.Logger()
	if !log.Enabled(ctx, level) {
		return
	}
	attrs := []slog.Attr{label, slog.Int(observe.KeyCount, r.Count), slog.Duration(observe.KeyDuration, r.Duration)}
	if r.Err != nil {
		attrs = append(attrs, slog.String(observe.KeyError, obsScrub(r.Err)))
	}
	log.LogAttrs(ctx, level, msg, attrs...)
}

// obsScrub is an error's text without e-mail addresses.
func obsScrub(err error) string { return obs.Scrub(err.Error()) }
