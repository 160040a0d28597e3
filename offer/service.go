package offer

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/internal/obs"
	"github.com/babillard/babillard/observe"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// ActionCreate names the creation of a draft in an offer's history. It is
// not a row of the table: it has no "from" status.
const ActionCreate Action = "create"

// Members tells the offer service who a member is and what a group shows
// publicly: group.Service provides it.
type Members interface {
	// Switch returns the user's active membership in the group, or an
	// error unwrapping to group.ErrForbidden.
	Switch(ctx context.Context, userID, groupID uuid.UUID) (group.Actor, group.Membership, error)
	// Group returns a group with its public profile.
	Group(ctx context.Context, id uuid.UUID) (group.Group, error)
	// CheckReadyToPost returns a *i18n.ValidationError naming what the
	// group's public profile still lacks, or nil.
	CheckReadyToPost(ctx context.Context, groupID uuid.UUID) error
	// AuthorizeStaff returns nil when m is an active member of the board's
	// staff roster holding power p, an error unwrapping to
	// group.ErrForbidden otherwise.
	AuthorizeStaff(ctx context.Context, m group.Moderator, p group.StaffPower) error
}

// Credit is a kind of credit an offer uses.
type Credit string

// The credits of an offer's life.
const (
	// CreditPosting is the posting credit of the offer's profile (Engineer
	// or CPI), reserved on submission and consumed on approval.
	CreditPosting Credit = "posting"
	// CreditFeatured is the featured option.
	CreditFeatured Credit = "featured"
	// CreditExtension is one 7-day extension.
	CreditExtension Credit = "extension"
)

// Credits is the credit bank as the offer service needs it; the Board
// adapts billing.Service to it. Every method is called inside the offer
// service's transaction (its ctx), so that an offer and its credits change
// together or not at all. ref identifies the use: the offer's ID for the
// posting and the featured option chosen at creation, the caller's
// idempotency key for each later optimization (see Service.Extend).
type Credits interface {
	// Reserve sets a credit aside for the offer; an error unwrapping to
	// billing.ErrNoCredit when the group has none.
	Reserve(ctx context.Context, by group.Actor, o Offer, c Credit, ref uuid.UUID) error
	// Release returns a reserved credit to the bank; by is a member, or
	// uuid.Nil users and a non-nil moderator for the board.
	Release(ctx context.Context, by group.Actor, board group.Moderator, o Offer, c Credit, ref uuid.UUID) error
	// Consume spends a reserved credit (the board's approval).
	Consume(ctx context.Context, board group.Moderator, o Offer, c Credit, ref uuid.UUID) error
	// Use reserves and spends a credit at once (an optimization applied by
	// a member to a published offer).
	Use(ctx context.Context, by group.Actor, o Offer, c Credit, ref uuid.UUID) error
}

// Options tunes a Service. The zero value (or nil) is valid.
type Options struct {
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// NewID returns new identifiers; nil means UUID version 7.
	NewID func() uuid.UUID
	// Vocabulary holds the board's lists; the zero value means
	// DefaultVocabulary.
	Vocabulary *Vocabulary
	// Calendar counts business days; nil means canada.QuebecCalendar.
	Calendar *canada.Calendar
	// Location is the board's time zone; nil means America/Toronto.
	Location *time.Location
	// Logger receives the service's log records (see package observe);
	// nil discards them.
	Logger *slog.Logger
	// Metrics receives the service's counters and durations (see package
	// observe); nil means none.
	Metrics observe.Metrics
}

// Service runs the life of job offers. It is safe for concurrent use.
type Service struct {
	store   Store
	members Members
	credits Credits
	now     func() time.Time
	newID   func() uuid.UUID
	rules   Rules
	obs     obs.Sink
}

// New returns a Service. It fails only when opts.Location is nil and the
// machine has no America/Toronto zone data (programs import time/tzdata).
func New(store Store, members Members, credits Credits, opts *Options) (*Service, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	s := &Service{store: store, members: members, credits: credits, now: o.Now, newID: o.NewID}
	s.obs = obs.New("offer", o.Logger, o.Metrics)
	if s.now == nil {
		s.now = time.Now
	}
	if s.newID == nil {
		s.newID = func() uuid.UUID { return uuid.Must(uuid.NewV7()) }
	}
	s.rules.Vocabulary = DefaultVocabulary()
	if o.Vocabulary != nil {
		s.rules.Vocabulary = *o.Vocabulary
	}
	s.rules.Calendar = canada.QuebecCalendar()
	if o.Calendar != nil {
		s.rules.Calendar = *o.Calendar
	}
	s.rules.Location = o.Location
	if s.rules.Location == nil {
		loc, err := canada.LoadToronto()
		if err != nil {
			return nil, err
		}
		s.rules.Location = loc
	}
	return s, nil
}

// Rules returns the vocabularies, calendar and time zone the service checks
// offers with.
func (s *Service) Rules() Rules { return s.rules }

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// by is who acts: a member of the offer's group, a moderator, or the clock.
type by struct {
	who       Who
	member    group.Actor
	moderator group.Moderator
	roles     []group.Role
}

func (b by) id() uuid.UUID {
	switch b.who {
	case Member:
		return b.member.UserID
	case Board:
		return b.moderator.ID
	}
	return uuid.Nil
}

// resolve checks the actor: a member must be an active member of groupID,
// the group they act for (whose offers they may then see, see offer); a
// moderator an active staff member holding group.PowerModerateOffers on the
// roster.
func (s *Service) resolve(ctx context.Context, b by, groupID uuid.UUID) (by, error) {
	switch b.who {
	case Member:
		_, m, err := s.members.Switch(ctx, b.member.UserID, groupID)
		if err != nil {
			return b, err
		}
		b.roles = m.Roles
	case Board:
		if err := s.members.AuthorizeStaff(ctx, b.moderator, group.PowerModerateOffers); err != nil {
			return b, err
		}
	}
	return b, nil
}

// step is what an action does to an offer besides its status.
type step func(ctx context.Context, o *Offer, t Transition, now time.Time) error

// act runs action on offer id for b in one transaction: it checks the actor,
// that the offer is theirs to see, and the table, applies change, moves the
// status, records the history entry and the events.
func (s *Service) act(ctx context.Context, id uuid.UUID, action Action, b by, note string, change step) (Offer, error) {
	start := time.Now()
	now := s.clock()
	var out Offer
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		b, err := s.resolve(ctx, b, b.member.GroupID)
		if err != nil {
			return err
		}
		o, err := s.offer(ctx, b, id)
		if err != nil {
			return err
		}
		t, err := Next(o, action, b.who, b.roles, now)
		if err != nil {
			return err
		}
		from := o.Status
		if change != nil {
			if err := change(ctx, &o, t, now); err != nil {
				return err
			}
		}
		if readOnly(action) {
			out = o
			return nil
		}
		o.Status, o.UpdatedAt = t.To, now
		if err := s.store.UpdateOffer(ctx, &o); err != nil {
			return err
		}
		if err := s.record(ctx, o, action, from, b, note, now); err != nil {
			return err
		}
		out = o
		return nil
	})
	s.done(ctx, action, id, b, start, err)
	return out, err
}

// readOnly reports whether an action leaves its offer as it is (a
// duplicate is a new offer with a history of its own).
func readOnly(a Action) bool { return a == ActionDuplicate || a == ActionView || a == ActionHistory }

// record appends the history entry of a step, and its event when it has
// one.
func (s *Service) record(ctx context.Context, o Offer, action Action, from Status, b by, note string, at time.Time) error {
	if err := s.store.AppendHistory(ctx, HistoryEntry{OfferID: o.ID, At: at, Action: action, From: from, To: o.Status,
		By: b.id(), Role: b.who, Note: note}); err != nil {
		return err
	}
	topic := topicOf(action, from, o.Status)
	if topic == "" {
		return nil
	}
	if err := s.emit(ctx, topic, o, at, note); err != nil {
		return err
	}
	if action == ActionApprove && o.Status == Published {
		return s.emit(ctx, TopicPublished, o, at, "")
	}
	return nil
}

// emit appends an offer event to the outbox.
func (s *Service) emit(ctx context.Context, topic string, o Offer, at time.Time, note string) error {
	payload, err := json.Marshal(EventPayload{OfferID: o.ID, GroupID: o.GroupID, Title: o.Content.Title, Status: o.Status,
		Note: note, ExpiresAt: o.ExpiresAt, FeaturedUntil: o.FeaturedUntil, LastDayOnline: o.LastDayOnline(s.rules.Location)})
	if err != nil {
		return fmt.Errorf("offer: encode %s event: %w", topic, err)
	}
	return s.store.AppendEvents(ctx, storage.Event{ID: s.newID(), Topic: topic, GroupID: o.GroupID, Subject: o.ID, Payload: payload, OccurredAt: at})
}

// member and board build the actor of a call.
func member(a group.Actor) by    { return by{who: Member, member: a} }
func board(m group.Moderator) by { return by{who: Board, moderator: m} }
func clockActor() by             { return by{who: Clock} }

// EventPayload is the payload of every offer event.
type EventPayload struct {
	OfferID       uuid.UUID `json:"offer_id"`
	GroupID       uuid.UUID `json:"group_id"`
	Title         i18n.Text `json:"title"`
	Status        Status    `json:"status"`
	Note          string    `json:"note,omitempty"`
	ExpiresAt     time.Time `json:"expires_at,omitzero"`
	FeaturedUntil time.Time `json:"featured_until,omitzero"`
	// LastDayOnline is the date the employer is shown as the last day
	// online (see Offer.LastDayOnline); absent when there is none.
	LastDayOnline canada.Date `json:"last_day_online,omitzero"`
}
