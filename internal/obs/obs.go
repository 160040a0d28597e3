// Package obs is the services' shared logging and metrics plumbing (see
// package observe for what hosts see).
package obs

import (
	"context"
	"errors"
	"log/slog"
	"regexp"
	"time"

	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/observe"
	"github.com/babillard/babillard/storage"
)

// Sink is one service's logger and metrics. The zero value discards
// everything.
type Sink struct {
	service string
	log     *slog.Logger // nil: discard
	metrics observe.Metrics
}

// discard is the logger of a sink without one.
var discard = slog.New(slog.DiscardHandler)

// New returns the sink of service; a nil logger discards, nil metrics are
// none. A sink with neither is Off.
func New(service string, log *slog.Logger, metrics observe.Metrics) Sink {
	if log != nil {
		log = log.With(slog.String(observe.KeyService, service))
	}
	return Sink{service: service, log: log, metrics: metrics}
}

// Off reports that the sink neither logs nor measures: callers skip
// building the attributes of what they would report, so that a host
// without a logger or metrics pays nothing for them.
func (s Sink) Off() bool { return s.log == nil && s.metrics == nil }

// Logger returns the sink's logger (never nil).
func (s Sink) Logger() *slog.Logger {
	if s.log == nil {
		return discard
	}
	return s.log
}

// Metrics returns the sink's metrics, nil for none.
func (s Sink) Metrics() observe.Metrics { return s.metrics }

// Count reports a counter, if the sink has metrics.
func (s Sink) Count(ctx context.Context, name string, n int64, attrs ...slog.Attr) {
	if s.metrics != nil {
		s.metrics.Count(ctx, name, n, attrs...)
	}
}

// Observe reports a duration, if the sink has metrics.
func (s Sink) Observe(ctx context.Context, name string, d time.Duration, attrs ...slog.Attr) {
	if s.metrics != nil {
		s.metrics.Observe(ctx, name, d, attrs...)
	}
}

// Outcome classifies err; forbidden is the refusal sentinel
// (group.ErrForbidden, which this package cannot import). Any other error
// with a message for the user (an *i18n.Error: no credit, not in this
// state…) is a rule of the domain.
func Outcome(err, forbidden error) string {
	switch {
	case err == nil:
		return observe.OutcomeOK
	case errors.Is(err, forbidden):
		return observe.OutcomeRefused
	case errors.Is(err, i18n.ErrInvalid):
		return observe.OutcomeInvalid
	case errors.Is(err, storage.ErrNotFound):
		return observe.OutcomeNotFound
	case errors.Is(err, storage.ErrConflict):
		return observe.OutcomeConflict
	}
	var e *i18n.Error
	if errors.As(err, &e) {
		return observe.OutcomeRule
	}
	return observe.OutcomeFailed
}

// Done logs and counts the end of an action: Debug when it succeeded,
// Info when it was refused, invalid, or not allowed now (a conflict or a
// rule; with the refusal's code and the detail its user is not shown),
// Error on a failure. attrs identify what it was about (offer, group,
// actor…). It does nothing, and allocates nothing, when the sink is Off.
func (s Sink) Done(ctx context.Context, action string, start time.Time, err error, outcome string, attrs ...slog.Attr) {
	if s.Off() {
		return
	}
	d := time.Since(start)
	// The metrics' attributes are service, action and outcome; the log
	// record has its service from the logger already.
	measured := []slog.Attr{slog.String(observe.KeyService, s.service), slog.String(observe.KeyAction, action), slog.String(observe.KeyOutcome, outcome)}
	labels := measured[1:]
	s.Count(ctx, observe.MetricActions, 1, measured...)
	s.Observe(ctx, observe.MetricActionDuration, d, measured...)
	log := s.Logger()
	level, msg := slog.LevelDebug, "done"
	switch outcome {
	case observe.OutcomeOK:
	case observe.OutcomeRefused, observe.OutcomeNotFound:
		level, msg = slog.LevelInfo, "refused"
	case observe.OutcomeInvalid:
		level, msg = slog.LevelInfo, "invalid input"
	case observe.OutcomeConflict, observe.OutcomeRule:
		level, msg = slog.LevelInfo, "not allowed now"
	default:
		level, msg = slog.LevelError, "failed"
	}
	if !log.Enabled(ctx, level) {
		return
	}
	all := append(labels, attrs...)
	all = append(all, slog.Duration(observe.KeyDuration, d))
	if err != nil {
		all = append(all, ErrAttrs(err)...)
	}
	log.LogAttrs(ctx, level, msg, all...)
}

// ErrAttrs returns the attributes of an error: its message code when it
// has one, and its text (the detail a refused user is not shown) without
// any e-mail address. A validation error gives its codes only.
func ErrAttrs(err error) []slog.Attr {
	var ve *i18n.ValidationError
	if errors.As(err, &ve) {
		return []slog.Attr{slog.Any(observe.KeyCode, ve.Codes())}
	}
	var out []slog.Attr
	var e *i18n.Error
	if errors.As(err, &e) {
		out = append(out, slog.String(observe.KeyCode, e.Code))
	}
	return append(out, slog.String(observe.KeyDetail, Scrub(err.Error())))
}

// email matches what could be an e-mail address in a text, generously.
var email = regexp.MustCompile(`[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+`)

// sin matches what could be a social insurance number: nine digits, alone
// or in groups of three separated by a space, a hyphen or a dot.
var sin = regexp.MustCompile(`\b\d{3}[ .\-]?\d{3}[ .\-]?\d{3}\b`)

// Scrub returns text with every e-mail address replaced by "[email]" and
// every number that could be a social insurance number (nine digits, in
// groups of three or not) by "[number]".
func Scrub(text string) string {
	return sin.ReplaceAllString(email.ReplaceAllString(text, "[email]"), "[number]")
}
