// Package observe is what a host plugs in to watch a board: the services
// log through a *slog.Logger (their Options.Logger, nil to discard) and
// count and time what they do through a Metrics hook (their
// Options.Metrics, nil for none), which a host bridges to Prometheus,
// OpenTelemetry or anything else.
//
// Log records and metrics carry identifiers and codes, never personal
// data: the attributes are the keys below (offer, group, actor, action…),
// holding UUIDs, action names and message codes. An e-mail address, a SIN,
// a token or a description never reaches a log line; an error's text is
// logged with any e-mail address in it replaced by "[email]" and any
// number that could be a SIN (nine digits) by "[number]": a host's Tick
// part that fails with such an error does not leak it either.
//
// Levels: Debug for every action done and every Tick part that had
// nothing to do; Info for refusals (with the detail the user is not
// shown), invalid input, what the current state does not allow, and Tick
// parts that moved something; Error for store failures, Tick parts that
// failed and panics.
package observe

import (
	"context"
	"log/slog"
	"time"
)

// Metrics receives the library's counters and durations. Implementations
// must be safe for concurrent use and should not block. attrs are the same
// low-cardinality attributes as the log records' (service, action,
// outcome, part), never identifiers.
type Metrics interface {
	// Count adds n to the counter name.
	Count(ctx context.Context, name string, n int64, attrs ...slog.Attr)
	// Observe records one duration of name.
	Observe(ctx context.Context, name string, d time.Duration, attrs ...slog.Attr)
}

// The metrics the library reports.
const (
	// MetricActions counts the services' actions, with attributes
	// service, action and outcome.
	MetricActions = "babillard.actions"
	// MetricActionDuration times the services' actions, with the same
	// attributes.
	MetricActionDuration = "babillard.action.duration"
	// MetricTickItems counts what a Tick part moved (offers advanced,
	// credits expired…), with attribute part.
	MetricTickItems = "babillard.tick.items"
	// MetricTickErrors counts the Tick parts that failed, with attribute
	// part.
	MetricTickErrors = "babillard.tick.errors"
	// MetricTickDuration times each Tick part, with attribute part.
	MetricTickDuration = "babillard.tick.duration"
)

// The attribute keys of the library's log records and metrics.
const (
	KeyService   = "service"   // "group", "billing", "offer", "board"
	KeyAction    = "action"    // what was asked: "approve", "authorize"…
	KeyOutcome   = "outcome"   // see the Outcome constants
	KeyOffer     = "offer"     // an offer's ID
	KeyGroup     = "group"     // a group's ID
	KeyActor     = "actor"     // the acting user's ID
	KeyModerator = "moderator" // the acting moderator's ID
	KeyCode      = "code"      // a refusal's message code
	KeyDetail    = "detail"    // what a refusal's user is not told
	KeyError     = "error"     // an error's text, e-mail addresses and SIN-like numbers removed
	KeyPart      = "part"      // a Tick part's name
	KeyCount     = "count"     // how many things a step moved
	KeyDuration  = "duration"  // how long a step took
)

// The outcomes of an action (attribute KeyOutcome).
const (
	OutcomeOK       = "ok"        // done
	OutcomeRefused  = "refused"   // the actor may not: group.ErrForbidden
	OutcomeInvalid  = "invalid"   // invalid input: i18n.ErrInvalid
	OutcomeNotFound = "not_found" // storage.ErrNotFound
	OutcomeConflict = "conflict"  // storage.ErrConflict
	OutcomeRule     = "rule"      // refused by a rule of the domain (no credit, wrong state…): an *i18n.Error
	OutcomeFailed   = "failed"    // anything else: the store, the context…
)
