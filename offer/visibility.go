package offer

import (
	"context"
	"errors"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// errNotFound is the answer for an offer that does not exist, and for one
// the actor may not see: a *i18n.Error with code "offer.not_found"
// unwrapping to storage.ErrNotFound. Both are built here, identical, so
// that an offer's ID tells nothing about another group.
func errNotFound() error { return messages.Error(storage.ErrNotFound, "offer.not_found") }

// hidden answers for an offer that exists but belongs to another group than
// the member's: the caller gets errNotFound; this is the one place where the
// difference is known, and it goes to the service's log.
func (s *Service) hidden(ctx context.Context, o Offer, b by) error {
	s.otherGroup(ctx, b.member, o.GroupID)
	return errNotFound()
}

// offer returns offer id as b may see it: a member sees the offers of their
// own group, the board and the clock see every offer. A missing offer and
// another group's answer errNotFound alike; other store failures are
// returned as they are. b's membership must be checked before (resolve),
// so that a user who is not a member of the group they claim is refused
// the same way whether the offer exists or not.
func (s *Service) offer(ctx context.Context, b by, id uuid.UUID) (Offer, error) {
	o, err := s.store.Offer(ctx, id)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return Offer{}, errNotFound()
	case err != nil:
		return Offer{}, err
	case b.who == Member && o.GroupID != b.member.GroupID:
		return Offer{}, s.hidden(ctx, o, b)
	}
	return o, nil
}
