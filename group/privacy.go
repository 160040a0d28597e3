package group

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// This file carries the employer side of Quebec's privacy law (the Act
// respecting the protection of personal information in the private sector,
// as amended by Law 25): a user may have their account deleted and may
// obtain everything the library holds about them. Board.DeleteUser and
// Board.ExportUser, in the root package, add the offers and the credit bank
// to what this file does for groups; hosts call those.

// PrivacyStore is the part of Store that deletes and exports a user's data.
// storage/memory and storage/postgres implement it; storage/storagetest
// proves it.
type PrivacyStore interface {
	// EraseUser writes u, whose personal data the caller has blanked (an
	// empty Email: Deleted is true), optimistic on Version like UpdateUser.
	// Its former e-mail is free at once for a new account; erased users
	// share the empty e-mail, which UserByEmail never finds. A u with an
	// e-mail is refused (storage.ErrConflict) and nothing is written.
	EraseUser(ctx context.Context, u *User) error
	// InvitationsToEmails returns the invitations sent to any of emails
	// (compared exactly; the empty string matches none), whatever their
	// status, ordered by creation time then ID.
	InvitationsToEmails(ctx context.Context, emails ...string) ([]Invitation, error)
	// InvitationsSentBy returns the invitations whose InvitedBy is userID,
	// ordered by creation time then ID.
	InvitationsSentBy(ctx context.Context, userID uuid.UUID) ([]Invitation, error)
	// EventsOfSubject returns the outbox events whose Subject is subject,
	// acknowledged or not, oldest first (by OccurredAt, then in the order
	// they were appended).
	EventsOfSubject(ctx context.Context, subject uuid.UUID) ([]storage.Event, error)
	// RedactEvents replaces, in the payload of every outbox event about
	// subject (every event when subject is uuid.Nil), acknowledged or not,
	// each JSON string value equal to one of values with "" (see
	// storage.RedactJSON), and returns how many events changed. Empty values
	// are ignored; the rest of each payload, its keys and their order are
	// kept.
	RedactEvents(ctx context.Context, subject uuid.UUID, values ...string) (int, error)
}

// RequestWithdrawn is the status of a join request withdrawn because its
// requester's account was deleted.
const RequestWithdrawn RequestStatus = "withdrawn"

// Topics of the privacy steps.
const (
	TopicUserDeleted          = "group.user.deleted"           // UserDeletedPayload
	TopicJoinRequestWithdrawn = "group.join_request.withdrawn" // RequestPayload
)

// UserDeletedPayload describes the deletion of a user's account. It holds
// no personal data: the user's opaque ID, when, and who asked (the user
// themself, or the board's staff member's ID with ByBoard true).
type UserDeletedPayload struct {
	UserID    uuid.UUID `json:"user_id"`
	DeletedAt time.Time `json:"deleted_at"`
	By        uuid.UUID `json:"by"`
	ByBoard   bool      `json:"by_board,omitempty"`
}

// FormerMember is how a deleted user is named wherever history shows who
// did what.
var FormerMember = i18n.Text{FR: "ancien membre", EN: "former member"}

// Deleted reports whether the account was deleted: its personal data is
// erased and only its opaque ID remains, for the history that names it.
// Every live account has a login e-mail; a deleted one has none.
func (u User) Deleted() bool { return u.Email == "" }

// DisplayName returns how history and lists name the user: "First Last" in
// both languages, or FormerMember once the account is deleted.
func (u User) DisplayName() i18n.Text {
	if u.Deleted() {
		return FormerMember
	}
	name := u.FirstName + " " + u.LastName
	return i18n.Text{FR: name, EN: name}
}

// knownUser loads a user; an unknown one is user.not_found, unwrapping to
// storage.ErrNotFound.
func (s *Service) knownUser(ctx context.Context, id uuid.UUID) (User, error) {
	u, err := s.store.User(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return u, messages.Error(storage.ErrNotFound, "user.not_found")
	}
	return u, err
}

// liveUser loads a user and refuses a deleted account.
func (s *Service) liveUser(ctx context.Context, id uuid.UUID) (User, error) {
	u, err := s.store.User(ctx, id)
	if err == nil && u.Deleted() {
		return u, messages.Error(ErrNotAllowed, "user.deleted")
	}
	return u, err
}

// Erasure is what deleting an account erased: the account as it now
// stands (Deleted), and the e-mail addresses it had (login, pending,
// earlier ones) that no other account uses now, which the other packages'
// steps of babillard.Board.DeleteUser erase from their own records.
// Addresses is empty when the account was already deleted; it is never
// encoded (json:"-"), so that no log or response carries them again.
type Erasure struct {
	User      User     `json:"user"`
	Addresses []string `json:"-"`
}

// DeleteUser deletes the acting user's own account (userID is the acting
// user: nobody but the board deletes another person's account); see
// DeleteUserByBoard for what it does. Hosts that run offers and credits
// call babillard.Board.DeleteUser, which does this and the rest in one
// transaction.
func (s *Service) DeleteUser(ctx context.Context, userID uuid.UUID) (Erasure, error) {
	return s.deleteUser(ctx, userID, userID, false)
}

// DeleteUserByBoard deletes a user's account for the board's staff (a
// request received by the board's privacy officer).
//
// It refuses, with an *i18n.Error unwrapping to ErrNotAllowed that names
// the group, while the user is the last active Principal of a group: the
// group would be left with nobody to run it. Otherwise, in one
// transaction, it erases the user's name, e-mail, function, phone,
// extension and pending e-mail change (the e-mail is free at once for a
// new account), deactivates their memberships, revokes the pending
// invitations sent to their addresses and erases those addresses from
// every invitation, withdraws their pending join requests, erases their
// addresses from the outbox's event payloads, and appends
// TopicUserDeleted, without personal data. Their addresses are the login,
// the pending one and the earlier ones; an earlier address that another
// account uses now is that person's, and only the user's own events forget
// it.
//
// What must stay stays: the user's ID is kept as an opaque identifier (a
// random UUID that names nobody once the account holds no personal data),
// so memberships, invitations they sent, join requests, offers' history
// and credit entries still say that one member did these things, and name
// them FormerMember (User.DisplayName). Deleting a deleted account returns
// it, changing nothing. An unknown user is user.not_found, unwrapping to
// storage.ErrNotFound; a DeleteUser without a user (uuid.Nil) is refused
// (ErrForbidden, forbidden.other_user).
func (s *Service) DeleteUserByBoard(ctx context.Context, by Moderator, userID uuid.UUID) (Erasure, error) {
	var out Erasure
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.AuthorizeStaff(ctx, by, PowerHandlePrivacy); err != nil {
			return err
		}
		var err error
		out, err = s.deleteUser(ctx, userID, by.ID, true)
		return err
	})
	if err != nil {
		return Erasure{}, err
	}
	return out, nil
}

func (s *Service) deleteUser(ctx context.Context, userID, by uuid.UUID, byBoard bool) (Erasure, error) {
	if userID == uuid.Nil {
		return Erasure{}, messages.Error(ErrForbidden, "forbidden.other_user")
	}
	now := s.now()
	var out Erasure
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		u, err := s.knownUser(ctx, userID)
		if err != nil {
			return err
		}
		if u.Deleted() {
			out = Erasure{User: u}
			return nil
		}
		all, addresses, err := s.addressesOf(ctx, u)
		if err != nil {
			return err
		}
		if err := s.leaveGroups(ctx, u.ID, by, now); err != nil {
			return err
		}
		if err := s.withdrawRequests(ctx, u.ID, by, now); err != nil {
			return err
		}
		if err := s.scrubInvitations(ctx, addresses, by, now); err != nil {
			return err
		}
		u.Email, u.FirstName, u.LastName, u.Function, u.Phone, u.Extension = "", "", "", "", "", ""
		u.PendingEmail, u.PendingEmailHash, u.PendingEmailExpires = "", nil, time.Time{}
		if err := s.store.EraseUser(ctx, &u); err != nil {
			return err
		}
		if _, err := s.store.RedactEvents(ctx, uuid.Nil, addresses...); err != nil {
			return err
		}
		if _, err := s.store.RedactEvents(ctx, u.ID, all...); err != nil {
			return err
		}
		out = Erasure{User: u, Addresses: addresses}
		return s.emit(ctx, TopicUserDeleted, uuid.Nil, u.ID, now, UserDeletedPayload{UserID: u.ID, DeletedAt: now, By: by, ByBoard: byBoard})
	})
	if err != nil {
		return Erasure{}, err
	}
	return out, nil
}

// addressesOf returns every e-mail address the library has held for u
// (all): the login, the pending one, and the earlier ones its e-mail change
// events name; and those of them that no other account uses now (own). An
// address u left, which someone registered since, is that person's now:
// what is recorded under it elsewhere than in u's own events can no longer
// be told apart from theirs.
func (s *Service) addressesOf(ctx context.Context, u User) (all, own []string, err error) {
	out := []string{u.Email}
	if u.PendingEmail != "" {
		out = append(out, u.PendingEmail)
	}
	events, err := s.store.EventsOfSubject(ctx, u.ID)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range events {
		if e.Topic != TopicEmailChangeRequested && e.Topic != TopicEmailChanged {
			continue
		}
		var p EmailChangePayload
		if json.Unmarshal(e.Payload, &p) != nil || p.UserID != u.ID {
			continue
		}
		out = append(out, p.OldEmail, p.NewEmail)
	}
	slices.Sort(out)
	all = slices.DeleteFunc(slices.Compact(out), func(a string) bool { return a == "" })
	for _, a := range all {
		other, err := s.store.UserByEmail(ctx, a)
		switch {
		case errors.Is(err, storage.ErrNotFound):
		case err != nil:
			return nil, nil, err
		case other.ID != u.ID:
			continue
		}
		own = append(own, a)
	}
	return all, own, nil
}

// leaveGroups deactivates the user's active memberships, after checking
// that none leaves its group without an active Principal.
func (s *Service) leaveGroups(ctx context.Context, userID, by uuid.UUID, now time.Time) error {
	all, err := s.store.MembershipsOfUser(ctx, userID)
	if err != nil {
		return err
	}
	for _, m := range all {
		if !m.Active {
			continue
		}
		g, err := s.store.LockGroup(ctx, m.GroupID)
		if err != nil {
			return err
		}
		if m, err = s.store.Membership(ctx, m.GroupID, userID); err != nil {
			return err
		}
		m.Active, m.RemovedAt, m.RemovedBy = false, now, by
		if err := s.keepPrincipal(ctx, m); errors.Is(err, ErrNotAllowed) {
			return messages.Error(ErrNotAllowed, "user.last_principal", g.Name)
		} else if err != nil {
			return err
		}
		if err := s.store.UpdateMembership(ctx, &m); err != nil {
			return err
		}
		if err := s.emit(ctx, TopicMemberRemoved, m.GroupID, userID, now, MemberPayload{GroupID: m.GroupID, UserID: userID, Roles: m.Roles, By: by}); err != nil {
			return err
		}
	}
	return nil
}

// withdrawRequests withdraws the user's pending join requests.
func (s *Service) withdrawRequests(ctx context.Context, userID, by uuid.UUID, now time.Time) error {
	pending, err := s.store.JoinRequests(ctx, JoinRequestQuery{UserID: userID, Status: RequestPending})
	if err != nil {
		return err
	}
	for _, r := range pending {
		r.Status, r.DecidedBy, r.DecidedAt = RequestWithdrawn, by, now
		if err := s.store.UpdateJoinRequest(ctx, &r); err != nil {
			return err
		}
		if err := s.emit(ctx, TopicJoinRequestWithdrawn, r.GroupID, r.ID, now, requestPayload(r)); err != nil {
			return err
		}
	}
	return nil
}

// scrubInvitations revokes the pending invitations sent to addresses and
// erases the addresses (and any token hash left) from every invitation
// sent to them.
func (s *Service) scrubInvitations(ctx context.Context, addresses []string, by uuid.UUID, now time.Time) error {
	invs, err := s.store.InvitationsToEmails(ctx, addresses...)
	if err != nil {
		return err
	}
	for _, inv := range invs {
		revoke := inv.Status == InvitationPending
		if revoke {
			inv.Status, inv.DecidedBy, inv.DecidedAt = InvitationRevoked, by, now
		}
		inv.Email, inv.TokenHash = "", nil
		if err := s.store.UpdateInvitation(ctx, &inv); err != nil {
			return err
		}
		if revoke {
			if err := s.emit(ctx, TopicInvitationRevoked, inv.GroupID, inv.ID, now, invitationPayload(inv, by)); err != nil {
				return err
			}
		}
	}
	return nil
}

// UserExport is everything the group side of the library holds about a
// user, in a structured, commonly used format (JSON with these keys): the
// portability that Quebec's privacy law grants. babillard.Board.ExportUser
// adds the offers and credit operations.
type UserExport struct {
	// Profile is the account: login and pending e-mail, names, function,
	// phone, company, creation time.
	Profile User `json:"profile"`
	// Memberships are the user's places in groups, former ones included,
	// with each group's and company's names.
	Memberships []MembershipExport `json:"memberships"`
	// InvitationsReceived are the invitations sent to the user's addresses;
	// InvitationsSent those the user sent.
	InvitationsReceived []Invitation `json:"invitations_received"`
	InvitationsSent     []Invitation `json:"invitations_sent"`
	// JoinRequests are the user's requests to join or open groups.
	JoinRequests []JoinRequest `json:"join_requests"`
}

// MembershipExport is a membership with the names of its group and company.
type MembershipExport struct {
	Membership
	GroupName   string    `json:"group_name"`
	CompanyID   uuid.UUID `json:"company_id"`
	CompanyName string    `json:"company_name"`
}

// ExportUser returns what the group side holds about the acting user
// (userID); see ExportUserByBoard.
func (s *Service) ExportUser(ctx context.Context, userID uuid.UUID) (UserExport, error) {
	return s.exportUser(ctx, userID)
}

// ExportUserByBoard returns what the group side holds about a user, for
// the board's staff: the profile, memberships (former ones included) with
// group and company names, invitations received and sent, join requests.
// Secrets stay out (token hashes are never exported). A deleted user's
// export holds what remains: the opaque ID and its history. An unknown user
// is user.not_found, unwrapping to storage.ErrNotFound; an ExportUser
// without a user (uuid.Nil) is refused (ErrForbidden, forbidden.other_user).
func (s *Service) ExportUserByBoard(ctx context.Context, by Moderator, userID uuid.UUID) (UserExport, error) {
	var out UserExport
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.AuthorizeStaff(ctx, by, PowerHandlePrivacy); err != nil {
			return err
		}
		var err error
		out, err = s.exportUser(ctx, userID)
		return err
	})
	if err != nil {
		return UserExport{}, err
	}
	return out, nil
}

func (s *Service) exportUser(ctx context.Context, userID uuid.UUID) (UserExport, error) {
	if userID == uuid.Nil {
		return UserExport{}, messages.Error(ErrForbidden, "forbidden.other_user")
	}
	var out UserExport
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		u, err := s.knownUser(ctx, userID)
		if err != nil {
			return err
		}
		u.PendingEmailHash = nil // secrets stay out
		out.Profile = u
		ms, err := s.store.MembershipsOfUser(ctx, userID)
		if err != nil {
			return err
		}
		out.Memberships = make([]MembershipExport, 0, len(ms))
		for _, m := range ms {
			g, err := s.store.Group(ctx, m.GroupID)
			if err != nil {
				return err
			}
			c, err := s.store.Company(ctx, g.CompanyID)
			if err != nil {
				return err
			}
			out.Memberships = append(out.Memberships, MembershipExport{Membership: m, GroupName: g.Name, CompanyID: c.ID, CompanyName: c.LegalName})
		}
		_, addresses, err := s.addressesOf(ctx, u)
		if err != nil {
			return err
		}
		if out.InvitationsReceived, err = s.store.InvitationsToEmails(ctx, addresses...); err != nil {
			return err
		}
		if out.InvitationsSent, err = s.store.InvitationsSentBy(ctx, userID); err != nil {
			return err
		}
		for _, list := range [][]Invitation{out.InvitationsReceived, out.InvitationsSent} {
			for i := range list {
				list[i].TokenHash = nil
			}
		}
		out.JoinRequests, err = s.store.JoinRequests(ctx, JoinRequestQuery{UserID: userID})
		return err
	})
	if err != nil {
		return UserExport{}, err
	}
	return out, nil
}
