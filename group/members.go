package group

import (
	"context"
	"errors"
	"slices"

	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// Members returns a page of the memberships of the actor's group, former
// members included (Active false), oldest first (join time, then user ID;
// see package page for cursors and sizes). Any active member may list them.
func (s *Service) Members(ctx context.Context, a Actor, p page.Page) (page.Result[Membership], error) {
	if _, err := s.member(ctx, a); err != nil {
		return page.Result[Membership]{}, err
	}
	return page.Fetch(p, func(w page.Window) ([]Membership, error) {
		return s.store.MembersOfGroupPage(ctx, a.GroupID, w)
	}, MemberKey)
}

// AddMember adds an existing user (of the group's company, or of none yet)
// to the actor's group with roles, or reactivates a former member. It needs
// ManageMembers. A user of another company is not found, exactly like an
// unknown ID (user.not_found, unwrapping to storage.ErrNotFound): a member
// learns nothing of other companies' accounts. A deleted account is
// ErrNotAllowed (user.deleted), an active member ErrNotAllowed
// (member.already).
func (s *Service) AddMember(ctx context.Context, a Actor, userID uuid.UUID, roles ...Role) (Membership, error) {
	roles, err := validRoles("roles", roles)
	if err != nil {
		return Membership{}, err
	}
	now := s.now()
	var out Membership
	err = s.store.Atomic(ctx, func(ctx context.Context) error {
		g, err := s.store.LockGroup(ctx, a.GroupID)
		if err != nil {
			return err
		}
		if _, err := s.authorize(ctx, a, ManageMembers); err != nil {
			return err
		}
		u, err := s.store.User(ctx, userID)
		switch {
		case errors.Is(err, storage.ErrNotFound) || err == nil && u.CompanyID != uuid.Nil && u.CompanyID != g.CompanyID:
			return messages.Error(storage.ErrNotFound, "user.not_found")
		case err != nil:
			return err
		}
		if err := s.admit(ctx, userID, a.GroupID, roles, a.UserID, now); err != nil {
			return err
		}
		out, err = s.store.Membership(ctx, a.GroupID, userID)
		return err
	})
	return out, err
}

// SetRoles replaces the roles of a member of the actor's group. It needs
// ManageMembers; the group must keep at least one active Principal, so
// demoting the last one is refused (ErrNotAllowed, member.last_principal).
// Someone who never was a member of the group is member.not_found
// (unwrapping to storage.ErrNotFound), a former member member.inactive.
func (s *Service) SetRoles(ctx context.Context, a Actor, userID uuid.UUID, roles ...Role) (Membership, error) {
	roles, err := validRoles("roles", roles)
	if err != nil {
		return Membership{}, err
	}
	now := s.now()
	var out Membership
	err = s.store.Atomic(ctx, func(ctx context.Context) error {
		m, err := s.lockedMember(ctx, a, userID, ManageMembers)
		if err != nil {
			return err
		}
		m.Roles = roles
		if err := s.keepPrincipal(ctx, m); err != nil {
			return err
		}
		if err := s.store.UpdateMembership(ctx, &m); err != nil {
			return err
		}
		out = m
		return s.emit(ctx, TopicMemberRolesChanged, a.GroupID, userID, now, MemberPayload{GroupID: a.GroupID, UserID: userID, Roles: roles, By: a.UserID})
	})
	return out, err
}

// RemoveMember deactivates a member of the actor's group: the membership is
// kept, inactive, so that history still names who did what. It needs
// ManageMembers, except that any member may leave (userID == a.UserID). The
// last active Principal can be neither removed nor leave. Someone who never
// was a member of the group is member.not_found (unwrapping to
// storage.ErrNotFound), a former member member.inactive.
func (s *Service) RemoveMember(ctx context.Context, a Actor, userID uuid.UUID) (Membership, error) {
	perm := ManageMembers
	if userID == a.UserID {
		perm = EditOwnProfile
	}
	now := s.now()
	var out Membership
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		m, err := s.lockedMember(ctx, a, userID, perm)
		if err != nil {
			return err
		}
		m.Active, m.RemovedAt, m.RemovedBy = false, now, a.UserID
		if err := s.keepPrincipal(ctx, m); err != nil {
			return err
		}
		if err := s.store.UpdateMembership(ctx, &m); err != nil {
			return err
		}
		out = m
		return s.emit(ctx, TopicMemberRemoved, a.GroupID, userID, now, MemberPayload{GroupID: a.GroupID, UserID: userID, Roles: m.Roles, By: a.UserID})
	})
	return out, err
}

// lockedMember locks the actor's group, checks the actor's permission and
// returns the target's active membership.
func (s *Service) lockedMember(ctx context.Context, a Actor, userID uuid.UUID, p Permission) (Membership, error) {
	if _, err := s.store.LockGroup(ctx, a.GroupID); err != nil {
		return Membership{}, err
	}
	if _, err := s.authorize(ctx, a, p); err != nil {
		return Membership{}, err
	}
	m, err := s.store.Membership(ctx, a.GroupID, userID)
	if errors.Is(err, storage.ErrNotFound) {
		return Membership{}, messages.Error(storage.ErrNotFound, "member.not_found")
	}
	if err != nil {
		return Membership{}, err
	}
	if !m.Active {
		return Membership{}, messages.Error(ErrNotAllowed, "member.inactive")
	}
	return m, nil
}

// keepPrincipal refuses a change of membership changed that would leave its
// group without an active Principal. The caller holds the group's lock.
func (s *Service) keepPrincipal(ctx context.Context, changed Membership) error {
	if changed.Has(Principal) {
		return nil
	}
	members, err := s.store.MembersOfGroup(ctx, changed.GroupID)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(members, func(m Membership) bool { return m.UserID != changed.UserID && m.Has(Principal) }) {
		return nil
	}
	return messages.Error(ErrNotAllowed, "member.last_principal")
}
