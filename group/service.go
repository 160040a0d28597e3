package group

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/internal/obs"
	"github.com/babillard/babillard/observe"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// Sentinel errors of the package. Refusals come as *i18n.Error values with a
// stable code and French and English text that unwrap to one of these;
// invalid input comes as *ValidationError (unwrapping to i18n.ErrInvalid).
var (
	// ErrForbidden: the actor may not do this (missing permission, not an
	// active member of the group, another company's group).
	ErrForbidden = errors.New("group: forbidden")
	// ErrNotAllowed: the action does not fit the current state (a request
	// already decided, the last Principal removed, an invitation revoked…).
	ErrNotAllowed = errors.New("group: not allowed in the current state")
	// ErrInvalidToken: an invitation or e-mail token is unknown, voided or
	// expired.
	ErrInvalidToken = errors.New("group: invalid or expired token")
)

// ValidationError lists every faulty field of an input; see
// i18n.ValidationError.
type ValidationError = i18n.ValidationError

// Actor is a member acting within one of their groups. The service checks,
// at every call, that the user is an active member of the group and what
// their roles allow; it never trusts a role claimed by the caller.
type Actor struct {
	UserID  uuid.UUID `json:"user_id"`
	GroupID uuid.UUID `json:"group_id"`
}

// Moderator names a member of the board's staff. The host authenticates
// them and passes their ID; the services look the ID up on the staff roster
// (see Staff, AuthorizeStaff) at every call and trust nothing else, then
// record the ID on what they decide.
type Moderator struct {
	ID uuid.UUID `json:"id"`
}

// DefaultInvitationTTL is how long an invitation's link stays valid unless
// Options.InvitationTTL says otherwise.
const DefaultInvitationTTL = 14 * 24 * time.Hour

// DefaultEmailChangeTTL is how long the link that verifies a new e-mail
// address stays valid.
const DefaultEmailChangeTTL = 48 * time.Hour

// Options tunes a Service. The zero value (or nil) is valid.
type Options struct {
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// NewID returns a new identifier; nil means UUID version 7.
	NewID func() uuid.UUID
	// NewToken returns a new secret token for invitation and e-mail links;
	// nil means crypto/rand.Text (26 base32 characters, 130 bits).
	NewToken func() string
	// IsFreeMail reports whether an e-mail domain is a free or disposable
	// webmail domain, refused as a professional address; nil means
	// IsFreeMailDomain.
	IsFreeMail func(domain string) bool
	// InvitationTTL is how long an invitation stays valid; 0 means
	// DefaultInvitationTTL.
	InvitationTTL time.Duration
	// EmailChangeTTL is how long an e-mail verification link stays valid; 0
	// means DefaultEmailChangeTTL.
	EmailChangeTTL time.Duration
	// Logger receives the service's log records (see package observe);
	// nil discards them.
	Logger *slog.Logger
	// Metrics receives the service's counters and durations (see package
	// observe); nil means none.
	Metrics observe.Metrics
}

// Service runs the employer side of a board: companies, groups, users,
// memberships and roles, join requests and invitations. It is safe for
// concurrent use; every mutation runs in one store transaction and appends
// its events to the outbox in that transaction.
type Service struct {
	store Store
	opts  Options
	obs   obs.Sink
}

// New returns a Service over store. opts may be nil.
func New(store Store, opts *Options) *Service {
	s := &Service{store: store}
	if opts != nil {
		s.opts = *opts
	}
	s.obs = obs.New("group", s.opts.Logger, s.opts.Metrics)
	if s.opts.Now == nil {
		s.opts.Now = time.Now
	}
	if s.opts.NewID == nil {
		s.opts.NewID = func() uuid.UUID { return uuid.Must(uuid.NewV7()) }
	}
	if s.opts.NewToken == nil {
		s.opts.NewToken = rand.Text
	}
	if s.opts.IsFreeMail == nil {
		s.opts.IsFreeMail = IsFreeMailDomain
	}
	if s.opts.InvitationTTL <= 0 {
		s.opts.InvitationTTL = DefaultInvitationTTL
	}
	if s.opts.EmailChangeTTL <= 0 {
		s.opts.EmailChangeTTL = DefaultEmailChangeTTL
	}
	return s
}

// now returns the service's current time in UTC, at microsecond precision
// like every store.
func (s *Service) now() time.Time { return s.opts.Now().UTC().Truncate(time.Microsecond) }

// hashToken returns the SHA-256 of a token: tokens are random with 130 bits
// of entropy, so a plain hash is enough to keep stored hashes useless to a
// reader of the database.
func hashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// forbidden returns the refusal for a missing permission.
func forbidden(p Permission) error {
	for _, row := range PermissionMatrix() {
		if row.Permission == p {
			return &i18n.Error{Code: "forbidden." + string(p), Err: ErrForbidden, Message: messages.Text("forbidden.permission", row.FR, row.EN)}
		}
	}
	return messages.Error(ErrForbidden, "forbidden")
}

// member loads the actor's active membership in their group.
func (s *Service) member(ctx context.Context, a Actor) (Membership, error) {
	if a.UserID == uuid.Nil || a.GroupID == uuid.Nil {
		return Membership{}, messages.Error(ErrForbidden, "forbidden.not_member")
	}
	m, err := s.store.Membership(ctx, a.GroupID, a.UserID)
	if errors.Is(err, storage.ErrNotFound) || err == nil && !m.Active {
		return Membership{}, messages.Error(ErrForbidden, "forbidden.not_member")
	}
	return m, err
}

// authorize checks that the actor is an active member of their group whose
// roles hold p.
func (s *Service) authorize(ctx context.Context, a Actor, p Permission) (m Membership, err error) {
	defer s.logAuthorize(ctx, a, p, time.Now(), &err)
	m, err = s.member(ctx, a)
	if err != nil {
		return m, err
	}
	if !m.Can(p) {
		return m, forbidden(p)
	}
	return m, nil
}

// Authorize answers "may this user do p in this group?": nil when the user
// is an active member whose roles hold p, an *i18n.Error unwrapping to
// ErrForbidden otherwise. Other packages (offers, billing) call it before
// every mutation.
func (s *Service) Authorize(ctx context.Context, a Actor, p Permission) error {
	_, err := s.authorize(ctx, a, p)
	return err
}

// found returns err, a store's answer, as the bilingual not-found error
// code (unwrapping to storage.ErrNotFound) when it is storage.ErrNotFound,
// and unchanged otherwise (nil included).
func found(err error, code string) error {
	if errors.Is(err, storage.ErrNotFound) {
		return messages.Error(storage.ErrNotFound, code)
	}
	return err
}

// event builds an outbox event with a JSON payload.
func (s *Service) event(topic string, groupID, subject uuid.UUID, at time.Time, payload any) (storage.Event, error) {
	data, err := json.Marshal(payload)
	if err != nil {
		return storage.Event{}, fmt.Errorf("group: encode %s event: %w", topic, err)
	}
	return storage.Event{ID: s.opts.NewID(), Topic: topic, GroupID: groupID, Subject: subject, Payload: data, OccurredAt: at}, nil
}

// emit appends one event to the outbox (within the caller's transaction).
func (s *Service) emit(ctx context.Context, topic string, groupID, subject uuid.UUID, at time.Time, payload any) error {
	e, err := s.event(topic, groupID, subject, at, payload)
	if err != nil {
		return err
	}
	return s.store.AppendEvents(ctx, e)
}
