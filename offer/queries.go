package offer

import (
	"context"
	"time"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
)

// Get returns an offer of the actor's group (the View action). An archived
// offer is returned too, but has no action. An offer of another group
// answers exactly as a missing one: a *i18n.Error with code
// "offer.not_found" unwrapping to storage.ErrNotFound; so do the other
// calls that name an offer by ID.
func (s *Service) Get(ctx context.Context, a group.Actor, id uuid.UUID) (Offer, error) {
	b, err := s.resolve(ctx, member(a), a.GroupID)
	if err != nil {
		return Offer{}, err
	}
	o, err := s.offer(ctx, b, id)
	if err != nil {
		return Offer{}, err
	}
	if !group.CanAny(b.roles, group.ViewDashboard) {
		return Offer{}, machineError(ErrForbidden, "action.forbidden", ActionView, o.Status)
	}
	return o, nil
}

// GetByBoard returns any offer, for a moderator.
func (s *Service) GetByBoard(ctx context.Context, m group.Moderator, id uuid.UUID) (Offer, error) {
	b, err := s.resolve(ctx, board(m), uuid.Nil)
	if err != nil {
		return Offer{}, err
	}
	return s.offer(ctx, b, id)
}

// History returns a page of the steps of an offer of the actor's group,
// oldest first (time, then order of recording; see package page): who did
// what, when, from which status to which, with the board's notes.
func (s *Service) History(ctx context.Context, a group.Actor, id uuid.UUID, p page.Page) (page.Result[HistoryEntry], error) {
	if _, err := s.Get(ctx, a, id); err != nil {
		return page.Result[HistoryEntry]{}, err
	}
	return s.history(ctx, id, p)
}

// HistoryByBoard is History for a moderator.
func (s *Service) HistoryByBoard(ctx context.Context, m group.Moderator, id uuid.UUID, p page.Page) (page.Result[HistoryEntry], error) {
	if _, err := s.GetByBoard(ctx, m, id); err != nil {
		return page.Result[HistoryEntry]{}, err
	}
	return s.history(ctx, id, p)
}

func (s *Service) history(ctx context.Context, id uuid.UUID, p page.Page) (page.Result[HistoryEntry], error) {
	return page.Fetch(p, func(w page.Window) ([]HistoryEntry, error) {
		return s.store.HistoryPage(ctx, id, w)
	}, HistoryKey)
}

// Actions returns what the member may do with an offer of their group now,
// for a UI's buttons (see the package function Actions).
func (s *Service) Actions(ctx context.Context, a group.Actor, id uuid.UUID) ([]Action, error) {
	b, err := s.resolve(ctx, member(a), a.GroupID)
	if err != nil {
		return nil, err
	}
	o, err := s.offer(ctx, b, id)
	if err != nil {
		return nil, err
	}
	return Actions(o, Member, b.roles, s.clock()), nil
}

// List returns a page of the offers of the actor's group matching q (its
// GroupID is the actor's; q.Limit is ignored, p sets the page size), newest
// first (creation time, then ID; see package page); with no status, every
// status but Archived — the dashboard's default "All". Its Statuses and
// Title are capped (MaxQueryStatuses, MaxTitleLength). It needs
// group.ViewDashboard.
func (s *Service) List(ctx context.Context, a group.Actor, q Query, p page.Page) (page.Result[Offer], error) {
	if err := q.check(); err != nil {
		return page.Result[Offer]{}, err
	}
	if err := s.canView(ctx, a); err != nil {
		return page.Result[Offer]{}, err
	}
	q.GroupID, q.ByValidationDue = a.GroupID, false
	return page.Fetch(p, func(w page.Window) ([]Offer, error) {
		return s.store.OffersPage(ctx, q, w)
	}, CreatedKey)
}

// Counts returns how many offers of the actor's group are in each status,
// for the dashboard. It needs group.ViewDashboard.
func (s *Service) Counts(ctx context.Context, a group.Actor) (map[Status]int, error) {
	if err := s.canView(ctx, a); err != nil {
		return nil, err
	}
	return s.store.CountOffers(ctx, a.GroupID)
}

func (s *Service) canView(ctx context.Context, a group.Actor) error {
	b, err := s.resolve(ctx, member(a), a.GroupID)
	if err != nil {
		return err
	}
	if !group.CanAny(b.roles, group.ViewDashboard) {
		return machineError(ErrForbidden, "action.forbidden", ActionView, Draft)
	}
	return nil
}

// QueueItem is an offer waiting for the board's validation.
type QueueItem struct {
	Offer Offer `json:"offer"`
	// Overdue tells that its validation was due before now.
	Overdue bool `json:"overdue"`
}

// ValidationQueue returns a page of the offers in validation, the most
// urgent first (validation due time, then ID; see package page), flagging
// the overdue ones.
func (s *Service) ValidationQueue(ctx context.Context, m group.Moderator, p page.Page) (page.Result[QueueItem], error) {
	if _, err := s.resolve(ctx, board(m), uuid.Nil); err != nil {
		return page.Result[QueueItem]{}, err
	}
	now := s.clock()
	return page.Fetch(p, func(w page.Window) ([]QueueItem, error) {
		offers, err := s.store.OffersPage(ctx, Query{Statuses: []Status{InValidation}, ByValidationDue: true}, w)
		if err != nil {
			return nil, err
		}
		out := make([]QueueItem, len(offers))
		for i, o := range offers {
			out[i] = QueueItem{Offer: o, Overdue: !now.Before(o.ValidationDue)}
		}
		return out, nil
	}, func(item QueueItem) page.Key { return DueKey(item.Offer) })
}

// CanApply reports whether a job seeker may use the offer's Apply button
// at now: the offer is published and the application deadline in force (a
// day in loc, the board's zone) has not passed.
func CanApply(o Offer, now time.Time, loc *time.Location) bool {
	if o.Status != Published {
		return false
	}
	return !o.Deadline().Before(canada.DateOf(now.In(loc)))
}
