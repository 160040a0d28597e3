package group

import (
	"context"
	"errors"
	"slices"

	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// Invite invites a person, by e-mail, to join the actor's group with roles.
// Any active member may invite, with the roles they hold themselves (a
// Principal with any role); inviting with another role is refused
// (ErrForbidden, code roles.beyond_inviter). It returns the invitation and
// its secret token, for the link the host e-mails; only the token's hash is
// stored, and the invitation expires after Options.InvitationTTL (14 days
// by default).
//
// The answer does not depend on who owns the address elsewhere: an address
// already tied to another company is invited like any other, and the rule
// that an account belongs to one company is enforced when the invitation is
// accepted (AcceptInvitation refuses it with member.other_company). Only an
// address that is already an active member of the actor's own group is
// refused (member.already).
func (s *Service) Invite(ctx context.Context, a Actor, email string, roles ...Role) (Invitation, string, error) {
	v := messages.Validator()
	email = s.professionalEmail(v, "email", email)
	roles, err := validRoles("roles", roles)
	v.Merge("", err)
	if err := v.Err(); err != nil {
		return Invitation{}, "", err
	}
	inv, token := s.newInvitation(a.GroupID, email, roles, a.UserID)
	err = s.store.Atomic(ctx, func(ctx context.Context) error {
		m, err := s.member(ctx, a)
		if err != nil {
			return err
		}
		if !m.Has(Principal) && slices.ContainsFunc(roles, func(r Role) bool { return !m.Has(r) }) {
			return messages.Error(ErrForbidden, "roles.beyond_inviter")
		}
		return s.invite(ctx, &inv)
	})
	if err != nil {
		return Invitation{}, "", err
	}
	return inv, token, nil
}

// InviteByBoard invites a person, by e-mail, to become the Principal of a
// group that has no active Principal: the group of a company the board made
// with CreateCompany, or an extra group made with CreateGroup, which start
// without members. It is how the board gives such a group its first
// member: the person accepts with AcceptInvitation like any invitation (the
// same e-mail address, an account of no other company), becomes the
// group's Principal and then invites and manages the others. The invitation
// records the moderator as its inviter.
//
// It needs PowerCreateCompanies (a board moderator or admin); a refusal
// comes before any look at the input. The address must be a professional
// one (a *ValidationError otherwise); an unknown group is group.not_found
// (unwrapping to storage.ErrNotFound); a group whose company is not active is ErrNotAllowed
// (company.not_active); a group that already has an active Principal is
// ErrNotAllowed (group.has_principal): its Principal invites. Calling it
// again sends a further invitation; the earlier ones stay valid until they
// expire. Every error leaves the store as it was.
func (s *Service) InviteByBoard(ctx context.Context, by Moderator, groupID uuid.UUID, email string) (Invitation, string, error) {
	var inv Invitation
	var token string
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.AuthorizeStaff(ctx, by, PowerCreateCompanies); err != nil {
			return err
		}
		v := messages.Validator()
		email := s.professionalEmail(v, "email", email)
		if err := v.Err(); err != nil {
			return err
		}
		inv, token = s.newInvitation(groupID, email, []Role{Principal}, by.ID)
		g, err := s.store.LockGroup(ctx, groupID)
		if err != nil {
			return found(err, "group.not_found")
		}
		c, err := s.store.Company(ctx, g.CompanyID)
		if err != nil {
			return err
		}
		if c.Status != CompanyActive {
			return messages.Error(ErrNotAllowed, "company.not_active")
		}
		members, err := s.store.MembersOfGroup(ctx, groupID)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(members, func(m Membership) bool { return m.Has(Principal) }) {
			return messages.Error(ErrNotAllowed, "group.has_principal")
		}
		return s.invite(ctx, &inv)
	})
	if err != nil {
		return Invitation{}, "", err
	}
	return inv, token, nil
}

// newInvitation returns a pending invitation and its token.
func (s *Service) newInvitation(groupID uuid.UUID, email string, roles []Role, by uuid.UUID) (Invitation, string) {
	now := s.now()
	token := s.opts.NewToken()
	return Invitation{ID: s.opts.NewID(), GroupID: groupID, Email: email, Roles: roles, InvitedBy: by,
		TokenHash: hashToken(token), ExpiresAt: now.Add(s.opts.InvitationTTL), Status: InvitationPending, SentCount: 1, CreatedAt: now}, token
}

// invite stores a new invitation and its event, after checking that the
// address is not already an active member of the group. Whether the
// address belongs to another company is deliberately not checked here
// (see Invite).
func (s *Service) invite(ctx context.Context, inv *Invitation) error {
	switch u, err := s.store.UserByEmail(ctx, inv.Email); {
	case errors.Is(err, storage.ErrNotFound):
	case err != nil:
		return err
	default:
		m, err := s.store.Membership(ctx, inv.GroupID, u.ID)
		switch {
		case err == nil && m.Active:
			return messages.Error(ErrNotAllowed, "member.already")
		case err != nil && !errors.Is(err, storage.ErrNotFound):
			return err
		}
	}
	if err := s.store.CreateInvitation(ctx, inv); err != nil {
		return err
	}
	return s.emit(ctx, TopicInvitationSent, inv.GroupID, inv.ID, inv.CreatedAt, invitationPayload(*inv, inv.InvitedBy))
}

// Invitations returns a page of the invitations of the actor's group,
// oldest first (creation time, then ID; see package page). Any active
// member may list them.
func (s *Service) Invitations(ctx context.Context, a Actor, p page.Page) (page.Result[Invitation], error) {
	if _, err := s.member(ctx, a); err != nil {
		return page.Result[Invitation]{}, err
	}
	return page.Fetch(p, func(w page.Window) ([]Invitation, error) {
		return s.store.InvitationsOfGroupPage(ctx, a.GroupID, w)
	}, InvitationKey)
}

// ResendInvitation sends a pending (or expired) invitation again: a new
// token with a new expiry replaces the old one, which stops working. Any
// active member of the group may resend. It returns the new token.
func (s *Service) ResendInvitation(ctx context.Context, a Actor, invitationID uuid.UUID) (Invitation, string, error) {
	now := s.now()
	token := s.opts.NewToken()
	var out Invitation
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		inv, err := s.groupInvitation(ctx, a, invitationID)
		if err != nil {
			return err
		}
		inv.TokenHash, inv.ExpiresAt, inv.SentCount = hashToken(token), now.Add(s.opts.InvitationTTL), inv.SentCount+1
		if err := s.store.UpdateInvitation(ctx, &inv); err != nil {
			return err
		}
		out = inv
		return s.emit(ctx, TopicInvitationSent, inv.GroupID, inv.ID, now, invitationPayload(inv, a.UserID))
	})
	if err != nil {
		return Invitation{}, "", err
	}
	return out, token, nil
}

// RevokeInvitation withdraws a pending invitation; its token stops working.
// The inviter or a member holding ManageMembers may revoke it.
func (s *Service) RevokeInvitation(ctx context.Context, a Actor, invitationID uuid.UUID) (Invitation, error) {
	now := s.now()
	var out Invitation
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		inv, err := s.groupInvitation(ctx, a, invitationID)
		if err != nil {
			return err
		}
		if inv.InvitedBy != a.UserID {
			if _, err := s.authorize(ctx, a, ManageMembers); err != nil {
				return err
			}
		}
		inv.Status, inv.DecidedBy, inv.DecidedAt = InvitationRevoked, a.UserID, now
		if err := s.store.UpdateInvitation(ctx, &inv); err != nil {
			return err
		}
		out = inv
		return s.emit(ctx, TopicInvitationRevoked, inv.GroupID, inv.ID, now, invitationPayload(inv, a.UserID))
	})
	return out, err
}

// groupInvitation loads a pending invitation of the actor's group, after
// checking the actor is an active member. Another group's invitation is not
// found, exactly like an unknown ID (invitation.not_found, unwrapping to
// storage.ErrNotFound): a member learns nothing of other groups.
func (s *Service) groupInvitation(ctx context.Context, a Actor, id uuid.UUID) (Invitation, error) {
	if _, err := s.member(ctx, a); err != nil {
		return Invitation{}, err
	}
	inv, err := s.store.Invitation(ctx, id)
	switch {
	case errors.Is(err, storage.ErrNotFound) || err == nil && inv.GroupID != a.GroupID:
		return Invitation{}, messages.Error(storage.ErrNotFound, "invitation.not_found")
	case err != nil:
		return inv, err
	case inv.Status != InvitationPending:
		return inv, messages.Error(ErrNotAllowed, "invitation.closed")
	}
	return inv, nil
}

// AcceptInvitation lets the user, who followed the link with token, into the
// invitation's group with its roles. The user's login e-mail must be the
// invited address; an unknown, replaced, revoked or expired token is
// ErrInvalidToken.
func (s *Service) AcceptInvitation(ctx context.Context, userID uuid.UUID, token string) (Membership, error) {
	now := s.now()
	var out Membership
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		inv, err := s.store.InvitationByTokenHash(ctx, hashToken(token))
		if errors.Is(err, storage.ErrNotFound) || err == nil && (inv.Status != InvitationPending || inv.Expired(now)) {
			return messages.Error(ErrInvalidToken, "token.invalid")
		}
		if err != nil {
			return err
		}
		u, err := s.store.User(ctx, userID)
		if err != nil {
			return err
		}
		if u.Email != inv.Email {
			return messages.Error(ErrForbidden, "invitation.wrong_email")
		}
		if _, err := s.store.LockGroup(ctx, inv.GroupID); err != nil {
			return err
		}
		if err := s.admit(ctx, userID, inv.GroupID, inv.Roles, inv.InvitedBy, now); err != nil {
			return err
		}
		inv.Status, inv.DecidedBy, inv.DecidedAt = InvitationAccepted, userID, now
		if err := s.store.UpdateInvitation(ctx, &inv); err != nil {
			return err
		}
		if out, err = s.store.Membership(ctx, inv.GroupID, userID); err != nil {
			return err
		}
		return s.emit(ctx, TopicInvitationAccepted, inv.GroupID, inv.ID, now, invitationPayload(inv, userID))
	})
	return out, err
}
