package group

import (
	"context"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// Store is the persistence the group service needs. storage/memory and
// storage/postgres implement it; storage/storagetest proves any
// implementation.
//
// Conventions shared by every method: a missing record is
// storage.ErrNotFound; Create* stores version 1 (setting the argument's
// Version) and returns storage.ErrDuplicate for a taken ID or unique key;
// Update* writes only when the argument's Version equals the stored one,
// stores Version+1 and increments the argument's Version, and returns
// storage.ErrConflict otherwise; lists are ordered as documented and never
// nil-versus-empty sensitive.
type Store interface {
	storage.Transactor
	storage.Outbox
	ListStore
	PrivacyStore
	StaffStore

	// CreateCompany stores a new company.
	CreateCompany(ctx context.Context, c *Company) error
	// Company returns a company by ID.
	Company(ctx context.Context, id uuid.UUID) (Company, error)
	// UpdateCompany writes a company (optimistic on Version).
	UpdateCompany(ctx context.Context, c *Company) error
	// SearchCompanies returns companies matching q, ordered by legal name
	// then ID, at most q.Limit.
	SearchCompanies(ctx context.Context, q CompanyQuery) ([]Company, error)

	// CreateGroup stores a new group; its company must exist.
	CreateGroup(ctx context.Context, g *Group) error
	// Group returns a group by ID.
	Group(ctx context.Context, id uuid.UUID) (Group, error)
	// LockGroup returns a group and, within a transaction, keeps concurrent
	// transactions from locking it until this one ends. Services lock a
	// group before changing its memberships, so that invariants over all
	// members (at least one Principal) hold under concurrency.
	LockGroup(ctx context.Context, id uuid.UUID) (Group, error)
	// UpdateGroup writes a group (optimistic on Version).
	UpdateGroup(ctx context.Context, g *Group) error
	// GroupsOfCompany returns a company's groups ordered by creation time
	// then ID.
	GroupsOfCompany(ctx context.Context, companyID uuid.UUID) ([]Group, error)

	// CreateUser stores a new user; a taken e-mail is storage.ErrDuplicate.
	CreateUser(ctx context.Context, u *User) error
	// User returns a user by ID.
	User(ctx context.Context, id uuid.UUID) (User, error)
	// UserByEmail returns the user whose login e-mail is email (already
	// normalised by the caller).
	UserByEmail(ctx context.Context, email string) (User, error)
	// UserByPendingEmailHash returns the user whose pending e-mail change
	// has this token hash.
	UserByPendingEmailHash(ctx context.Context, hash []byte) (User, error)
	// UpdateUser writes a user (optimistic on Version); an e-mail taken by
	// another user is storage.ErrDuplicate.
	UpdateUser(ctx context.Context, u *User) error

	// CreateMembership stores a new membership; the group and the user must
	// exist; a second membership of the same user in the same group is
	// storage.ErrDuplicate.
	CreateMembership(ctx context.Context, m *Membership) error
	// Membership returns the membership of user in group, active or not.
	Membership(ctx context.Context, groupID, userID uuid.UUID) (Membership, error)
	// UpdateMembership writes a membership (optimistic on Version).
	UpdateMembership(ctx context.Context, m *Membership) error
	// MembersOfGroup returns a group's memberships, active or not, ordered
	// by join time then user ID.
	MembersOfGroup(ctx context.Context, groupID uuid.UUID) ([]Membership, error)
	// MembershipsOfUser returns a user's memberships, active or not, ordered
	// by join time then group ID.
	MembershipsOfUser(ctx context.Context, userID uuid.UUID) ([]Membership, error)

	// CreateJoinRequest stores a new join request.
	CreateJoinRequest(ctx context.Context, r *JoinRequest) error
	// JoinRequest returns a join request by ID.
	JoinRequest(ctx context.Context, id uuid.UUID) (JoinRequest, error)
	// UpdateJoinRequest writes a join request (optimistic on Version).
	UpdateJoinRequest(ctx context.Context, r *JoinRequest) error
	// JoinRequests returns the requests matching q, ordered by creation time
	// then ID.
	JoinRequests(ctx context.Context, q JoinRequestQuery) ([]JoinRequest, error)

	// CreateInvitation stores a new invitation.
	CreateInvitation(ctx context.Context, inv *Invitation) error
	// Invitation returns an invitation by ID.
	Invitation(ctx context.Context, id uuid.UUID) (Invitation, error)
	// InvitationByTokenHash returns the invitation whose current token has
	// this hash.
	InvitationByTokenHash(ctx context.Context, hash []byte) (Invitation, error)
	// UpdateInvitation writes an invitation (optimistic on Version).
	UpdateInvitation(ctx context.Context, inv *Invitation) error
	// InvitationsOfGroup returns a group's invitations ordered by creation
	// time then ID.
	InvitationsOfGroup(ctx context.Context, groupID uuid.UUID) ([]Invitation, error)
}

// CompanyQuery selects companies. Zero fields select everything; set fields
// combine with AND.
type CompanyQuery struct {
	// Keyword, folded with Fold, must occur in the company's SearchText.
	// Several words must each occur.
	Keyword string `json:"keyword"`
	// RegistryNumber, digits and letters only, must equal one of the
	// company's RegistryNumbers.
	RegistryNumber string `json:"registry_number"`
	// Status restricts to one status ("" means any).
	Status CompanyStatus `json:"status"`
	// Limit caps the result (0 means 50).
	Limit int `json:"limit"`
}

// JoinRequestQuery selects join requests. Zero fields select everything;
// set fields combine with AND.
type JoinRequestQuery struct {
	UserID  uuid.UUID `json:"user_id"`
	GroupID uuid.UUID `json:"group_id"`
	// CompanyID restricts to one company.
	CompanyID uuid.UUID     `json:"company_id"`
	Status    RequestStatus `json:"status"`
	// NewGroup restricts to new-group requests (true) or to requests for
	// existing groups (false); nil means both.
	NewGroup *bool `json:"new_group,omitempty"`
}
