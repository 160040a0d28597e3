package babillard_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/babillardtest"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/observe"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// metricsRecorder is an observe.Metrics that keeps what it is told.
type metricsRecorder struct {
	mu        sync.Mutex
	counts    map[string]int64
	durations map[string]int
}

func (m *metricsRecorder) key(name string, attrs []slog.Attr) string {
	var b strings.Builder
	b.WriteString(name)
	for _, a := range attrs {
		b.WriteString(" " + a.String())
	}
	return b.String()
}

func (m *metricsRecorder) Count(_ context.Context, name string, n int64, attrs ...slog.Attr) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.counts[m.key(name, attrs)] += n
}

func (m *metricsRecorder) Observe(_ context.Context, name string, _ time.Duration, attrs ...slog.Attr) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.durations[m.key(name, attrs)]++
}

var _ observe.Metrics = (*metricsRecorder)(nil)

// records parses a JSON log.
func records(t *testing.T, log string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.Lines(log) {
		var r map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &r), line)
		out = append(out, r)
	}
	return out
}

// find returns the records that have every key/value of want.
func find(recs []map[string]any, want map[string]any) []map[string]any {
	var out []map[string]any
next:
	for _, r := range recs {
		for k, v := range want {
			if r[k] != v {
				continue next
			}
		}
		out = append(out, r)
	}
	return out
}

// A whole flow with a JSON logger at Debug level: the records name offers,
// groups, actors and actions, and never an e-mail address, an invitation
// token or an offer's text.
func TestLogsCarryNoPersonalData(t *testing.T) {
	var buf syncBuffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	metrics := &metricsRecorder{counts: map[string]int64{}, durations: map[string]int{}}
	// A host's Tick part fails with personal data in its error's text.
	const sin = "046 454 286"
	leaky := babillard.TickPart{Name: "host.sync", Run: func(context.Context, time.Time) (int, error) {
		return 0, errors.New("sync of candidate jean.roy@courriel.example (SIN " + sin + ") failed")
	}}
	b := babillardtest.NewBoard(t, memory.New(), babillardtest.WithOptions(babillard.Options{Logger: logger, Metrics: metrics,
		TickParts: []babillard.TickPart{leaky}}))
	ctx := context.Background()

	// An invitation accepted: an address and a token go through the
	// services.
	const invited = "nouvelle.recrue@acme-genie.example"
	_, token, err := b.Groups.Invite(ctx, b.Principal, invited, group.PostingManager)
	require.NoError(t, err)
	u, err := b.Groups.RegisterUser(ctx, invited, group.UserProfile{FirstName: "Nouvelle", LastName: "Recrue"})
	require.NoError(t, err)
	_, err = b.Groups.AcceptInvitation(ctx, u.ID, token)
	require.NoError(t, err)
	_, err = b.Groups.AcceptInvitation(ctx, u.ID, token)
	assert.Error(t, err, "a token is used once")

	// An offer's life, with its apply address.
	content := babillardtest.ValidContent()
	o := b.Publish(content)
	_, err = b.Offers.Extend(ctx, b.PostingManager, o.ID, uuid.New())
	require.NoError(t, err)

	// Refusals: a Finance manager edits the profile; a member of another
	// company reads the offer.
	_, err = b.Groups.UpdateProfile(ctx, b.FinanceManager, babillardtest.CompleteProfile())
	assert.ErrorIs(t, err, group.ErrForbidden)
	paul, err := b.Groups.RegisterUser(ctx, "paul@beton.example", group.UserProfile{FirstName: "Paul", LastName: "Roy"})
	require.NoError(t, err)
	in := babillardtest.ValidCompany()
	in.LegalName = "Béton inc."
	_, req, err := b.Groups.RequestCompany(ctx, paul.ID, in)
	require.NoError(t, err)
	_, other, err := b.Groups.ApproveGroupRequest(ctx, b.Moderator, req.ID)
	require.NoError(t, err)
	stranger := group.Actor{UserID: paul.ID, GroupID: other.ID}
	_, err = b.Offers.Get(ctx, stranger, o.ID)
	assert.Error(t, err)

	_, err = b.Tick(ctx, b.Clock.Advance(40*24*time.Hour))
	require.ErrorContains(t, err, "host.sync: ", "only the host's part fails")

	log := buf.String()
	require.NotEmpty(t, log)
	assert.Contains(t, log, `"error":"sync of candidate [email] (SIN [number]) failed"`)
	assert.Len(t, find(records(t, log), map[string]any{"service": "board", "part": "host.sync", "level": "ERROR",
		"error": "sync of candidate [email] (SIN [number]) failed"}), 1, "a failed part is logged at Error")
	for _, secret := range []string{"@", token, invited, "paul", "Recrue", "Concevoir", content.Title.FR,
		"inspecter des ponts", sin, "046454286"} {
		assert.NotContains(t, log, secret)
	}

	recs := records(t, log)
	// The stranger's read is logged with what the stranger is not told.
	refused := find(recs, map[string]any{"service": "offer", "action": "resolve", "offer_group": o.GroupID.String(),
		"actor": paul.ID.String(), "group": other.ID.String(), "level": "INFO"})
	if assert.Len(t, refused, 1) {
		assert.Equal(t, observe.OutcomeRefused, refused[0]["outcome"])
		assert.Equal(t, "the offer belongs to another group", refused[0]["detail"], "the detail the user may not be told")
	}
	// The Finance manager's edit is refused by the permission check.
	denied := find(recs, map[string]any{"service": "group", "action": "authorize", "outcome": observe.OutcomeRefused,
		"actor": b.FinanceManager.UserID.String(), "permission": string(group.EditCompany)})
	if assert.Len(t, denied, 1) {
		assert.Equal(t, "forbidden."+string(group.EditCompany), denied[0]["code"])
	}
	// Actions done are logged at Debug with their actor.
	assert.Len(t, find(recs, map[string]any{"service": "offer", "action": string(offer.ActionApprove), "outcome": "ok",
		"offer": o.ID.String(), "moderator": b.Moderator.ID.String(), "level": "DEBUG"}), 1)
	assert.Len(t, find(recs, map[string]any{"service": "billing", "action": "grant", "outcome": "ok"}), 4, "the ready board's grants")
	// Tick reports each part.
	assert.Len(t, find(recs, map[string]any{"service": "board", "part": babillard.TickOffers, "level": "INFO", "count": 1.0}), 1)
	assert.Len(t, find(recs, map[string]any{"service": "board", "part": babillard.TickCredits, "level": "DEBUG", "count": 0.0}), 1)

	metrics.mu.Lock()
	defer metrics.mu.Unlock()
	assert.Equal(t, int64(1), metrics.counts["babillard.actions service=offer action=approve outcome=ok"])
	assert.Equal(t, int64(1), metrics.counts["babillard.tick.items part=offers.advance"])
	assert.Equal(t, 1, metrics.durations["babillard.tick.duration part=credits.expire"])
	assert.Equal(t, int64(1), metrics.counts["babillard.actions service=group action=authorize outcome=refused"])
}
