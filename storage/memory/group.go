package memory

import (
	"bytes"
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
)

// This file implements group.Store.

// defaultCompanyLimit is the number of companies SearchCompanies returns
// when the query sets no limit.
const defaultCompanyLimit = 50

// companyRow is a stored company with its folded search text, computed once
// per write rather than once per search.
type companyRow struct {
	c      group.Company
	search string
}

// membershipKey identifies a membership: one per (group, user).
type membershipKey struct{ group, user uuid.UUID }

// The copy functions return a deep copy of a record in the store's form
// (times in UTC to the microsecond). They serve on the way in and on the way
// out, so that the caller and the store never share memory.

func copyCompany(c group.Company) group.Company {
	c.CreatedAt = ts(c.CreatedAt)
	return c
}

func copyGroup(g group.Group) group.Group {
	g.CreatedAt = ts(g.CreatedAt)
	return g
}

func copyUser(u group.User) group.User {
	u.PendingEmailHash = slices.Clone(u.PendingEmailHash)
	u.PendingEmailExpires = ts(u.PendingEmailExpires)
	u.CreatedAt = ts(u.CreatedAt)
	return u
}

func copyMembership(m group.Membership) group.Membership {
	m.Roles = slices.Clone(m.Roles)
	m.JoinedAt = ts(m.JoinedAt)
	m.RemovedAt = ts(m.RemovedAt)
	return m
}

func copyJoinRequest(r group.JoinRequest) group.JoinRequest {
	r.DecidedAt = ts(r.DecidedAt)
	r.CreatedAt = ts(r.CreatedAt)
	return r
}

func copyInvitation(inv group.Invitation) group.Invitation {
	inv.Roles = slices.Clone(inv.Roles)
	inv.TokenHash = slices.Clone(inv.TokenHash)
	inv.ExpiresAt = ts(inv.ExpiresAt)
	inv.DecidedAt = ts(inv.DecidedAt)
	inv.CreatedAt = ts(inv.CreatedAt)
	return inv
}

// Companies.

// CreateCompany stores a new company with version 1 and sets c.Version. A
// taken ID is storage.ErrDuplicate; companies may share names and registry
// numbers.
func (s *Store) CreateCompany(ctx context.Context, c *group.Company) error {
	row := copyCompany(*c)
	row.Version = 1
	err := s.write(ctx, func(t *tx) error {
		if _, ok := s.companies.get(row.ID); ok {
			return errDuplicate("company", row.ID)
		}
		s.companies.put(t, row.ID, companyRow{c: row, search: row.SearchText()})
		return nil
	})
	if err == nil {
		c.Version = 1
	}
	return err
}

// Company returns a company by ID.
func (s *Store) Company(ctx context.Context, id uuid.UUID) (group.Company, error) {
	var out group.Company
	err := s.read(ctx, func() error {
		row, ok := s.companies.get(id)
		if !ok {
			return errNotFound("company", id)
		}
		out = copyCompany(row.c)
		return nil
	})
	return out, err
}

// UpdateCompany writes a company if c.Version is the stored version, and
// increments c.Version; otherwise it is storage.ErrConflict and nothing is
// written.
func (s *Store) UpdateCompany(ctx context.Context, c *group.Company) error {
	row := copyCompany(*c)
	err := s.write(ctx, func(t *tx) error {
		cur, ok := s.companies.get(row.ID)
		if !ok {
			return errNotFound("company", row.ID)
		}
		if cur.c.Version != row.Version {
			return errConflict("company", row.ID, row.Version, cur.c.Version)
		}
		row.Version++
		s.companies.put(t, row.ID, companyRow{c: row, search: row.SearchText()})
		return nil
	})
	if err == nil {
		c.Version = row.Version
	}
	return err
}

// SearchCompanies returns the companies matching q, ordered by legal name
// (byte-wise) then ID, at most q.Limit (50 when q.Limit is zero or
// negative). The keyword is folded with group.Fold here, so callers may pass
// raw text; the registry number is compared once spaces and hyphens are
// removed.
func (s *Store) SearchCompanies(ctx context.Context, q group.CompanyQuery) ([]group.Company, error) {
	keyword := group.Fold(q.Keyword)
	registry := strings.NewReplacer(" ", "", "-", "").Replace(q.RegistryNumber)
	limit := q.Limit
	if limit <= 0 {
		limit = defaultCompanyLimit
	}
	var out []group.Company
	err := s.read(ctx, func() error {
		for _, row := range s.companies.all() {
			if q.Status != "" && row.c.Status != q.Status {
				continue
			}
			if registry != "" && !slices.Contains(row.c.RegistryNumbers(), registry) {
				continue
			}
			if keyword != "" && !group.MatchesKeyword(row.search, keyword) {
				continue
			}
			out = append(out, row.c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b group.Company) int {
		return cmp.Or(strings.Compare(a.LegalName, b.LegalName), compareID(a.ID, b.ID))
	})
	out = out[:min(len(out), limit)]
	for i := range out {
		out[i] = copyCompany(out[i])
	}
	return nonNil(out), nil
}

// Groups.

// CreateGroup stores a new group with version 1 and sets g.Version. Its
// company must exist (storage.ErrNotFound otherwise).
func (s *Store) CreateGroup(ctx context.Context, g *group.Group) error {
	row := copyGroup(*g)
	row.Version = 1
	err := s.write(ctx, func(t *tx) error {
		if _, ok := s.groups.get(row.ID); ok {
			return errDuplicate("group", row.ID)
		}
		if _, ok := s.companies.get(row.CompanyID); !ok {
			return errNotFound("company", row.CompanyID)
		}
		s.groups.put(t, row.ID, row)
		return nil
	})
	if err == nil {
		g.Version = 1
	}
	return err
}

// Group returns a group by ID.
func (s *Store) Group(ctx context.Context, id uuid.UUID) (group.Group, error) {
	var out group.Group
	err := s.read(ctx, func() error {
		g, ok := s.groups.get(id)
		if !ok {
			return errNotFound("group", id)
		}
		out = copyGroup(g)
		return nil
	})
	return out, err
}

// LockGroup returns a group. Within a transaction the whole store is
// already locked exclusively, so the group is locked too until the
// transaction ends; outside one, LockGroup is Group.
func (s *Store) LockGroup(ctx context.Context, id uuid.UUID) (group.Group, error) {
	return s.Group(ctx, id)
}

// UpdateGroup writes a group if g.Version is the stored version, and
// increments g.Version; otherwise it is storage.ErrConflict and nothing is
// written. The group's company must exist.
func (s *Store) UpdateGroup(ctx context.Context, g *group.Group) error {
	row := copyGroup(*g)
	err := s.write(ctx, func(t *tx) error {
		cur, ok := s.groups.get(row.ID)
		if !ok {
			return errNotFound("group", row.ID)
		}
		if cur.Version != row.Version {
			return errConflict("group", row.ID, row.Version, cur.Version)
		}
		if _, ok := s.companies.get(row.CompanyID); !ok {
			return errNotFound("company", row.CompanyID)
		}
		row.Version++
		s.groups.put(t, row.ID, row)
		return nil
	})
	if err == nil {
		g.Version = row.Version
	}
	return err
}

// GroupsOfCompany returns a company's groups ordered by creation time then
// ID (none for an unknown company).
func (s *Store) GroupsOfCompany(ctx context.Context, companyID uuid.UUID) ([]group.Group, error) {
	var out []group.Group
	err := s.read(ctx, func() error {
		for _, g := range s.groups.all() {
			if g.CompanyID == companyID {
				out = append(out, copyGroup(g))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b group.Group) int {
		return compareTimeID(a.CreatedAt, b.CreatedAt, a.ID, b.ID)
	})
	return nonNil(out), nil
}

// Users.

// CreateUser stores a new user with version 1 and sets u.Version. A taken
// ID or e-mail is storage.ErrDuplicate.
func (s *Store) CreateUser(ctx context.Context, u *group.User) error {
	row := copyUser(*u)
	row.Version = 1
	err := s.write(ctx, func(t *tx) error {
		if _, ok := s.users.get(row.ID); ok {
			return errDuplicate("user", row.ID)
		}
		if _, ok := s.userByEmail.get(row.Email); ok {
			return errDuplicate("user e-mail of", row.ID)
		}
		s.users.put(t, row.ID, row)
		s.userByEmail.put(t, row.Email, row.ID)
		return nil
	})
	if err == nil {
		u.Version = 1
	}
	return err
}

// User returns a user by ID.
func (s *Store) User(ctx context.Context, id uuid.UUID) (group.User, error) {
	var out group.User
	err := s.read(ctx, func() error {
		u, ok := s.users.get(id)
		if !ok {
			return errNotFound("user", id)
		}
		out = copyUser(u)
		return nil
	})
	return out, err
}

// UserByEmail returns the user whose login e-mail is email, compared
// exactly (the caller normalises it).
func (s *Store) UserByEmail(ctx context.Context, email string) (group.User, error) {
	var out group.User
	err := s.read(ctx, func() error {
		id, ok := s.userByEmail.get(email)
		if !ok {
			return errNotFound("user by e-mail", "")
		}
		u, _ := s.users.get(id)
		out = copyUser(u)
		return nil
	})
	return out, err
}

// UserByPendingEmailHash returns the user whose pending e-mail change has
// this token hash; an empty hash matches nobody. It scans the users.
func (s *Store) UserByPendingEmailHash(ctx context.Context, hash []byte) (group.User, error) {
	var out group.User
	err := s.read(ctx, func() error {
		if len(hash) > 0 {
			for _, u := range s.users.all() {
				if bytes.Equal(u.PendingEmailHash, hash) {
					out = copyUser(u)
					return nil
				}
			}
		}
		return errNotFound("user with pending e-mail hash", "")
	})
	return out, err
}

// UpdateUser writes a user if u.Version is the stored version, and
// increments u.Version; otherwise it is storage.ErrConflict. An e-mail taken
// by another user is storage.ErrDuplicate. Nothing is written on error.
func (s *Store) UpdateUser(ctx context.Context, u *group.User) error {
	row := copyUser(*u)
	err := s.write(ctx, func(t *tx) error {
		cur, ok := s.users.get(row.ID)
		if !ok {
			return errNotFound("user", row.ID)
		}
		if cur.Version != row.Version {
			return errConflict("user", row.ID, row.Version, cur.Version)
		}
		if row.Email != cur.Email {
			if _, taken := s.userByEmail.get(row.Email); taken {
				return errDuplicate("user e-mail of", row.ID)
			}
			s.userByEmail.delete(t, cur.Email)
			s.userByEmail.put(t, row.Email, row.ID)
		}
		row.Version++
		s.users.put(t, row.ID, row)
		return nil
	})
	if err == nil {
		u.Version = row.Version
	}
	return err
}

// Memberships.

// CreateMembership stores a new membership with version 1 and sets
// m.Version. Its group and user must exist (storage.ErrNotFound); a second
// membership of the same user in the same group is storage.ErrDuplicate.
func (s *Store) CreateMembership(ctx context.Context, m *group.Membership) error {
	row := copyMembership(*m)
	row.Version = 1
	key := membershipKey{row.GroupID, row.UserID}
	err := s.write(ctx, func(t *tx) error {
		if _, ok := s.groups.get(row.GroupID); !ok {
			return errNotFound("group", row.GroupID)
		}
		if _, ok := s.users.get(row.UserID); !ok {
			return errNotFound("user", row.UserID)
		}
		if _, ok := s.memberships.get(key); ok {
			return errDuplicate("membership", key)
		}
		s.memberships.put(t, key, row)
		return nil
	})
	if err == nil {
		m.Version = 1
	}
	return err
}

// Membership returns the membership of a user in a group, active or not.
func (s *Store) Membership(ctx context.Context, groupID, userID uuid.UUID) (group.Membership, error) {
	var out group.Membership
	key := membershipKey{groupID, userID}
	err := s.read(ctx, func() error {
		m, ok := s.memberships.get(key)
		if !ok {
			return errNotFound("membership", key)
		}
		out = copyMembership(m)
		return nil
	})
	return out, err
}

// UpdateMembership writes a membership, identified by its group and user,
// if m.Version is the stored version, and increments m.Version; otherwise it
// is storage.ErrConflict and nothing is written.
func (s *Store) UpdateMembership(ctx context.Context, m *group.Membership) error {
	row := copyMembership(*m)
	key := membershipKey{row.GroupID, row.UserID}
	err := s.write(ctx, func(t *tx) error {
		cur, ok := s.memberships.get(key)
		if !ok {
			return errNotFound("membership", key)
		}
		if cur.Version != row.Version {
			return errConflict("membership", key, row.Version, cur.Version)
		}
		row.Version++
		s.memberships.put(t, key, row)
		return nil
	})
	if err == nil {
		m.Version = row.Version
	}
	return err
}

// MembersOfGroup returns a group's memberships, active or not, ordered by
// join time then user ID.
func (s *Store) MembersOfGroup(ctx context.Context, groupID uuid.UUID) ([]group.Membership, error) {
	out, err := s.selectMemberships(ctx, func(m group.Membership) bool { return m.GroupID == groupID })
	slices.SortFunc(out, func(a, b group.Membership) int {
		return compareTimeID(a.JoinedAt, b.JoinedAt, a.UserID, b.UserID)
	})
	return out, err
}

// MembershipsOfUser returns a user's memberships, active or not, ordered by
// join time then group ID.
func (s *Store) MembershipsOfUser(ctx context.Context, userID uuid.UUID) ([]group.Membership, error) {
	out, err := s.selectMemberships(ctx, func(m group.Membership) bool { return m.UserID == userID })
	slices.SortFunc(out, func(a, b group.Membership) int {
		return compareTimeID(a.JoinedAt, b.JoinedAt, a.GroupID, b.GroupID)
	})
	return out, err
}

func (s *Store) selectMemberships(ctx context.Context, keep func(group.Membership) bool) ([]group.Membership, error) {
	return selectRows(ctx, s, &s.memberships, keep, nil, copyMembership)
}

// Join requests.

// CreateJoinRequest stores a new join request with version 1 and sets
// r.Version. Its user and company must exist (storage.ErrNotFound); its
// GroupID is not checked (uuid.Nil for a new group).
func (s *Store) CreateJoinRequest(ctx context.Context, r *group.JoinRequest) error {
	row := copyJoinRequest(*r)
	row.Version = 1
	err := s.write(ctx, func(t *tx) error {
		if _, ok := s.joinRequests.get(row.ID); ok {
			return errDuplicate("join request", row.ID)
		}
		if err := s.checkJoinRequestRefs(row); err != nil {
			return err
		}
		s.joinRequests.put(t, row.ID, row)
		return nil
	})
	if err == nil {
		r.Version = 1
	}
	return err
}

func (s *Store) checkJoinRequestRefs(r group.JoinRequest) error {
	if _, ok := s.users.get(r.UserID); !ok {
		return errNotFound("user", r.UserID)
	}
	if _, ok := s.companies.get(r.CompanyID); !ok {
		return errNotFound("company", r.CompanyID)
	}
	return nil
}

// JoinRequest returns a join request by ID.
func (s *Store) JoinRequest(ctx context.Context, id uuid.UUID) (group.JoinRequest, error) {
	var out group.JoinRequest
	err := s.read(ctx, func() error {
		r, ok := s.joinRequests.get(id)
		if !ok {
			return errNotFound("join request", id)
		}
		out = copyJoinRequest(r)
		return nil
	})
	return out, err
}

// UpdateJoinRequest writes a join request if r.Version is the stored
// version, and increments r.Version; otherwise it is storage.ErrConflict and
// nothing is written. Its user and company must exist.
func (s *Store) UpdateJoinRequest(ctx context.Context, r *group.JoinRequest) error {
	row := copyJoinRequest(*r)
	err := s.write(ctx, func(t *tx) error {
		cur, ok := s.joinRequests.get(row.ID)
		if !ok {
			return errNotFound("join request", row.ID)
		}
		if cur.Version != row.Version {
			return errConflict("join request", row.ID, row.Version, cur.Version)
		}
		if err := s.checkJoinRequestRefs(row); err != nil {
			return err
		}
		row.Version++
		s.joinRequests.put(t, row.ID, row)
		return nil
	})
	if err == nil {
		r.Version = row.Version
	}
	return err
}

// JoinRequests returns the requests matching q, ordered by creation time
// then ID.
func (s *Store) JoinRequests(ctx context.Context, q group.JoinRequestQuery) ([]group.JoinRequest, error) {
	var out []group.JoinRequest
	err := s.read(ctx, func() error {
		for _, r := range s.joinRequests.all() {
			switch {
			case q.UserID != uuid.Nil && r.UserID != q.UserID,
				q.GroupID != uuid.Nil && r.GroupID != q.GroupID,
				q.CompanyID != uuid.Nil && r.CompanyID != q.CompanyID,
				q.Status != "" && r.Status != q.Status,
				q.NewGroup != nil && r.NewGroup != *q.NewGroup:
				continue
			}
			out = append(out, copyJoinRequest(r))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b group.JoinRequest) int {
		return compareTimeID(a.CreatedAt, b.CreatedAt, a.ID, b.ID)
	})
	return nonNil(out), nil
}

// Invitations.

// CreateInvitation stores a new invitation with version 1 and sets
// inv.Version. Its group must exist (storage.ErrNotFound).
func (s *Store) CreateInvitation(ctx context.Context, inv *group.Invitation) error {
	row := copyInvitation(*inv)
	row.Version = 1
	err := s.write(ctx, func(t *tx) error {
		if _, ok := s.invitations.get(row.ID); ok {
			return errDuplicate("invitation", row.ID)
		}
		if _, ok := s.groups.get(row.GroupID); !ok {
			return errNotFound("group", row.GroupID)
		}
		s.invitations.put(t, row.ID, row)
		return nil
	})
	if err == nil {
		inv.Version = 1
	}
	return err
}

// Invitation returns an invitation by ID.
func (s *Store) Invitation(ctx context.Context, id uuid.UUID) (group.Invitation, error) {
	var out group.Invitation
	err := s.read(ctx, func() error {
		inv, ok := s.invitations.get(id)
		if !ok {
			return errNotFound("invitation", id)
		}
		out = copyInvitation(inv)
		return nil
	})
	return out, err
}

// InvitationByTokenHash returns the invitation whose current token has this
// hash, whatever its status; an empty hash matches none. It scans the
// invitations.
func (s *Store) InvitationByTokenHash(ctx context.Context, hash []byte) (group.Invitation, error) {
	var out group.Invitation
	err := s.read(ctx, func() error {
		if len(hash) > 0 {
			for _, inv := range s.invitations.all() {
				if bytes.Equal(inv.TokenHash, hash) {
					out = copyInvitation(inv)
					return nil
				}
			}
		}
		return errNotFound("invitation with token hash", "")
	})
	return out, err
}

// UpdateInvitation writes an invitation if inv.Version is the stored
// version, and increments inv.Version; otherwise it is storage.ErrConflict
// and nothing is written. Its group must exist.
func (s *Store) UpdateInvitation(ctx context.Context, inv *group.Invitation) error {
	row := copyInvitation(*inv)
	err := s.write(ctx, func(t *tx) error {
		cur, ok := s.invitations.get(row.ID)
		if !ok {
			return errNotFound("invitation", row.ID)
		}
		if cur.Version != row.Version {
			return errConflict("invitation", row.ID, row.Version, cur.Version)
		}
		if _, ok := s.groups.get(row.GroupID); !ok {
			return errNotFound("group", row.GroupID)
		}
		row.Version++
		s.invitations.put(t, row.ID, row)
		return nil
	})
	if err == nil {
		inv.Version = row.Version
	}
	return err
}

// InvitationsOfGroup returns a group's invitations ordered by creation time
// then ID.
func (s *Store) InvitationsOfGroup(ctx context.Context, groupID uuid.UUID) ([]group.Invitation, error) {
	var out []group.Invitation
	err := s.read(ctx, func() error {
		for _, inv := range s.invitations.all() {
			if inv.GroupID == groupID {
				out = append(out, copyInvitation(inv))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b group.Invitation) int {
		return compareTimeID(a.CreatedAt, b.CreatedAt, a.ID, b.ID)
	})
	return nonNil(out), nil
}

// nonNil returns s, or an empty slice if s is nil, so that lists encode as
// [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
