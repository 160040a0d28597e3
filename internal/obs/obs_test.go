package obs_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/internal/obs"
	"github.com/babillard/babillard/observe"
	"github.com/babillard/babillard/storage"
)

func TestScrub(t *testing.T) {
	for in, want := range map[string]string{
		"user marie@acme.ca exists":                                            "user [email] exists",
		`"a.b+c@x.example", <d@y.example>`:                                     `"[email]", <[email]>`,
		"no address, but an @ alone":                                           "no address, but an @ alone",
		"duplicate key (email)=(x@y) already":                                  "duplicate key (email)=([email]) already",
		"SIN 046 454 286 refused":                                              "SIN [number] refused",
		"sin=046-454-286, 046454286.":                                          "sin=[number], [number].",
		"offer 0190c3a2-0000-7000-8000-000000000000 at 2026-03-08 count 12345": "offer 0190c3a2-0000-7000-8000-000000000000 at 2026-03-08 count 12345",
	} {
		if got := obs.Scrub(in); got != want {
			t.Errorf("Scrub(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOutcome(t *testing.T) {
	forbidden := errors.New("forbidden")
	for _, c := range []struct {
		err  error
		want string
	}{
		{nil, observe.OutcomeOK},
		{fmt.Errorf("x: %w", forbidden), observe.OutcomeRefused},
		{&i18n.Error{Code: "c", Err: forbidden}, observe.OutcomeRefused},
		{&i18n.ValidationError{}, observe.OutcomeInvalid},
		{fmt.Errorf("x: %w", storage.ErrNotFound), observe.OutcomeNotFound},
		{storage.ErrConflict, observe.OutcomeConflict},
		{&i18n.Error{Code: "credit.none", Err: errors.New("no credit")}, observe.OutcomeRule},
		{context.DeadlineExceeded, observe.OutcomeFailed},
	} {
		if got := obs.Outcome(c.err, forbidden); got != c.want {
			t.Errorf("Outcome(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}

func TestDoneLevels(t *testing.T) {
	var buf bytes.Buffer
	s := obs.New("test", slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})), nil)
	ctx := context.Background()
	s.Done(ctx, "a", time.Now(), nil, observe.OutcomeOK)
	s.Done(ctx, "b", time.Now(), errors.New("store down for x@y.example"), observe.OutcomeFailed)
	s.Done(ctx, "c", time.Now(), nil, observe.OutcomeRefused)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines:\n%s", len(lines), buf.String())
	}
	for i, want := range []string{"level=DEBUG msg=done service=test action=a outcome=ok",
		`level=ERROR msg=failed service=test action=b outcome=failed`, "level=INFO msg=refused service=test action=c outcome=refused"} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d = %s, want %s", i, lines[i], want)
		}
	}
	if !strings.Contains(lines[1], `detail="store down for [email]"`) {
		t.Errorf("the failure's detail is missing or holds an address: %s", lines[1])
	}
	// The zero Sink and a nil logger discard.
	obs.Sink{}.Done(ctx, "x", time.Now(), nil, observe.OutcomeOK)
	obs.New("x", nil, nil).Done(ctx, "x", time.Now(), errors.New("e"), observe.OutcomeFailed)
}
