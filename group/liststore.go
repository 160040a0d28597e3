package group

import (
	"context"

	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
)

// ListStore is the paged reading of the group service: each method returns
// the records strictly after w.After in its documented order, at most
// w.Limit of them (0: all). The order's Key of a record is given by the
// matching *Key function (MemberKey…), which stores and callers share.
type ListStore interface {
	// MembersOfGroupPage returns a group's memberships, active or not,
	// ordered by join time then user ID (MemberKey).
	MembersOfGroupPage(ctx context.Context, groupID uuid.UUID, w page.Window) ([]Membership, error)
	// ActiveMembershipsOfUser returns a user's active memberships ordered
	// by join time then group ID (MembershipKey).
	ActiveMembershipsOfUser(ctx context.Context, userID uuid.UUID, w page.Window) ([]Membership, error)
	// InvitationsOfGroupPage returns a group's invitations ordered by
	// creation time then ID (InvitationKey).
	InvitationsOfGroupPage(ctx context.Context, groupID uuid.UUID, w page.Window) ([]Invitation, error)
	// GroupsOfCompanyPage returns a company's groups ordered by creation
	// time then ID (GroupKey).
	GroupsOfCompanyPage(ctx context.Context, companyID uuid.UUID, w page.Window) ([]Group, error)
	// JoinRequestsPage returns the requests matching q ordered by creation
	// time then ID (JoinRequestKey).
	JoinRequestsPage(ctx context.Context, q JoinRequestQuery, w page.Window) ([]JoinRequest, error)
	// SearchCompaniesPage returns the companies matching q (q.Limit is
	// ignored: w.Limit counts) ordered by legal name, byte-wise, then ID
	// (CompanyKey).
	SearchCompaniesPage(ctx context.Context, q CompanyQuery, w page.Window) ([]Company, error)
}

// MemberKey is a membership's position in a group's member list: join
// time, then user ID.
func MemberKey(m Membership) page.Key { return page.Key{Time: m.JoinedAt, ID: m.UserID} }

// MembershipKey is a membership's position in a user's membership list:
// join time, then group ID.
func MembershipKey(m Membership) page.Key { return page.Key{Time: m.JoinedAt, ID: m.GroupID} }

// InvitationKey is an invitation's position in its group's list: creation
// time, then ID.
func InvitationKey(inv Invitation) page.Key { return page.Key{Time: inv.CreatedAt, ID: inv.ID} }

// GroupKey is a group's position in its company's list: creation time,
// then ID.
func GroupKey(g Group) page.Key { return page.Key{Time: g.CreatedAt, ID: g.ID} }

// JoinRequestKey is a join request's position in every request list:
// creation time, then ID.
func JoinRequestKey(r JoinRequest) page.Key { return page.Key{Time: r.CreatedAt, ID: r.ID} }

// CompanyKey is a company's position in search results: legal name
// (byte-wise), then ID.
func CompanyKey(c Company) page.Key { return page.Key{Text: c.LegalName, ID: c.ID} }
