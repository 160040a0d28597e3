package group

import (
	"context"
	"errors"
	"slices"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// Invite invites a person, by e-mail, to join the actor's group with roles.
// Any active member may invite, with the roles they hold themselves (a
// Principal with any role). It returns the invitation and its secret token,
// for the link the host e-mails; only the token's hash is stored, and the
// invitation expires after Options.InvitationTTL (14 days by default).
func (s *Service) Invite(ctx context.Context, a Actor, email string, roles ...Role) (Invitation, string, error) {
	v := messages.Validator()
	email = s.professionalEmail(v, "email", email)
	roles, err := validRoles("roles", roles)
	v.Merge("", err)
	if err := v.Err(); err != nil {
		return Invitation{}, "", err
	}
	now := s.now()
	token := s.opts.NewToken()
	inv := Invitation{ID: s.opts.NewID(), GroupID: a.GroupID, Email: email, Roles: roles, InvitedBy: a.UserID,
		TokenHash: hashToken(token), ExpiresAt: now.Add(s.opts.InvitationTTL), Status: InvitationPending, SentCount: 1, CreatedAt: now}
	err = s.store.Atomic(ctx, func(ctx context.Context) error {
		m, err := s.member(ctx, a)
		if err != nil {
			return err
		}
		if !m.Has(Principal) && slices.ContainsFunc(roles, func(r Role) bool { return !m.Has(r) }) {
			v.Add("roles", "roles.beyond_inviter")
			return v.Err()
		}
		g, err := s.store.Group(ctx, a.GroupID)
		if err != nil {
			return err
		}
		switch u, err := s.store.UserByEmail(ctx, email); {
		case errors.Is(err, storage.ErrNotFound):
		case err != nil:
			return err
		case u.CompanyID != uuid.Nil && u.CompanyID != g.CompanyID:
			v.Add("email", "email.other_company")
			return v.Err()
		default:
			if m, err := s.store.Membership(ctx, g.ID, u.ID); err == nil && m.Active {
				return messages.Error(ErrNotAllowed, "member.already")
			}
		}
		if err := s.store.CreateInvitation(ctx, &inv); err != nil {
			return err
		}
		return s.emit(ctx, TopicInvitationSent, g.ID, inv.ID, now, invitationPayload(inv, a.UserID))
	})
	if err != nil {
		return Invitation{}, "", err
	}
	return inv, token, nil
}

// Invitations lists the invitations of the actor's group, oldest first.
// Any active member may list them.
func (s *Service) Invitations(ctx context.Context, a Actor) ([]Invitation, error) {
	if _, err := s.member(ctx, a); err != nil {
		return nil, err
	}
	return s.store.InvitationsOfGroup(ctx, a.GroupID)
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
// checking the actor is an active member.
func (s *Service) groupInvitation(ctx context.Context, a Actor, id uuid.UUID) (Invitation, error) {
	if _, err := s.member(ctx, a); err != nil {
		return Invitation{}, err
	}
	inv, err := s.store.Invitation(ctx, id)
	switch {
	case err != nil:
		return inv, err
	case inv.GroupID != a.GroupID:
		return inv, messages.Error(ErrForbidden, "forbidden.other_group")
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
