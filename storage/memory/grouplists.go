package memory

import (
	"context"
	"math"
	"slices"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
)

// Paged group lists (group.ListStore). Each reads the full ordered list and
// keeps the window: a memory store holds what fits in memory.

// MembersOfGroupPage returns a group's memberships, active or not, after
// w.After in join time then user ID order, at most w.Limit (0: all).
func (s *Store) MembersOfGroupPage(ctx context.Context, groupID uuid.UUID, w page.Window) ([]group.Membership, error) {
	all, err := s.MembersOfGroup(ctx, groupID)
	return window(all, err, w, group.MemberKey)
}

// ActiveMembershipsOfUser returns a user's active memberships after
// w.After in join time then group ID order, at most w.Limit (0: all).
func (s *Store) ActiveMembershipsOfUser(ctx context.Context, userID uuid.UUID, w page.Window) ([]group.Membership, error) {
	all, err := s.MembershipsOfUser(ctx, userID)
	all = slices.DeleteFunc(all, func(m group.Membership) bool { return !m.Active })
	return window(all, err, w, group.MembershipKey)
}

// InvitationsOfGroupPage returns a group's invitations after w.After in
// creation time then ID order, at most w.Limit (0: all).
func (s *Store) InvitationsOfGroupPage(ctx context.Context, groupID uuid.UUID, w page.Window) ([]group.Invitation, error) {
	all, err := s.InvitationsOfGroup(ctx, groupID)
	return window(all, err, w, group.InvitationKey)
}

// GroupsOfCompanyPage returns a company's groups after w.After in creation
// time then ID order, at most w.Limit (0: all).
func (s *Store) GroupsOfCompanyPage(ctx context.Context, companyID uuid.UUID, w page.Window) ([]group.Group, error) {
	all, err := s.GroupsOfCompany(ctx, companyID)
	return window(all, err, w, group.GroupKey)
}

// JoinRequestsPage returns the requests matching q after w.After in
// creation time then ID order, at most w.Limit (0: all).
func (s *Store) JoinRequestsPage(ctx context.Context, q group.JoinRequestQuery, w page.Window) ([]group.JoinRequest, error) {
	all, err := s.JoinRequests(ctx, q)
	return window(all, err, w, group.JoinRequestKey)
}

// SearchCompaniesPage returns the companies matching q after w.After in
// legal name (byte-wise) then ID order, at most w.Limit (0: all); q.Limit
// is ignored.
func (s *Store) SearchCompaniesPage(ctx context.Context, q group.CompanyQuery, w page.Window) ([]group.Company, error) {
	q.Limit = math.MaxInt
	all, err := s.SearchCompanies(ctx, q)
	return window(all, err, w, group.CompanyKey)
}

// window keeps, of a list sorted by key, the records after w.After, at most
// w.Limit of them.
func window[T any](all []T, err error, w page.Window, key func(T) page.Key) ([]T, error) {
	if err != nil {
		return nil, err
	}
	i := 0
	if !w.After.IsZero() {
		i, _ = slices.BinarySearchFunc(all, w.After, func(item T, after page.Key) int {
			if key(item).Compare(after) <= 0 {
				return -1
			}
			return 1
		})
	}
	out := all[i:]
	if w.Limit > 0 && len(out) > w.Limit {
		out = out[:w.Limit]
	}
	return nonNil(slices.Clip(out)), nil
}
