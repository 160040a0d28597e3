package babillard

import (
	"context"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/offer"
	"github.com/google/uuid"
)

// UserExport is everything the board holds about a user, the data
// portability of Quebec's privacy law: its JSON (snake_case keys) is the
// structured, commonly used format a user receives. The group sections
// (profile, memberships, invitations_received, invitations_sent,
// join_requests) come first, then the offers they created and the steps
// they took, then their credit operations.
type UserExport struct {
	group.UserExport
	// Offers are the offers the user created and every step of an offer's
	// life they took.
	Offers offer.UserExport `json:"offers"`
	// Credits are the user's credit operations: ledger entries and
	// reservations they made or settled.
	Credits billing.UserExport `json:"credits"`
}

// DeleteUser deletes the acting user's own account (userID is the acting
// user) across the whole board, in one transaction; see
// DeleteUserByBoard.
func (b *Board) DeleteUser(ctx context.Context, userID uuid.UUID) (group.User, error) {
	return b.deleteUser(ctx, func(ctx context.Context) (group.Erasure, error) { return b.Groups.DeleteUser(ctx, userID) })
}

// DeleteUserByBoard deletes a user's account for the board's staff, across
// the whole board, in one transaction: the group service erases the
// account's personal data and deactivates, revokes and withdraws what it
// had (group.Service.DeleteUserByBoard says what, and why a last active
// Principal is refused); offer.EraseUser erases the account's addresses
// from the offers that took applications at them (and refuses while such
// an offer is under validation or online). Offers' history and the credit
// bank keep the user's opaque ID, which then names a group.FormerMember,
// and hold no other personal data of theirs, so the credit statements
// still balance and the history stays whole. A later registration with the
// same address is a new account.
func (b *Board) DeleteUserByBoard(ctx context.Context, by group.Moderator, userID uuid.UUID) (group.User, error) {
	return b.deleteUser(ctx, func(ctx context.Context) (group.Erasure, error) { return b.Groups.DeleteUserByBoard(ctx, by, userID) })
}

// deleteUser runs the deletion's steps in one transaction. Each package
// that holds personal data of users adds its step here, after the group
// service's, which checks the actor.
func (b *Board) deleteUser(ctx context.Context, groupStep func(ctx context.Context) (group.Erasure, error)) (group.User, error) {
	var out group.User
	err := b.Store.Atomic(ctx, func(ctx context.Context) error {
		erased, err := groupStep(ctx)
		if err != nil {
			return err
		}
		out = erased.User
		return offer.EraseUser(ctx, b.Store, erased.Addresses)
	})
	if err != nil {
		return group.User{}, err
	}
	return out, nil
}

// ExportUser returns everything the board holds about the acting user
// (userID), read in one transaction; see UserExport.
func (b *Board) ExportUser(ctx context.Context, userID uuid.UUID) (UserExport, error) {
	return b.exportUser(ctx, userID, func(ctx context.Context) (group.UserExport, error) { return b.Groups.ExportUser(ctx, userID) })
}

// ExportUserByBoard returns everything the board holds about a user, for
// the board's staff, read in one transaction; see UserExport.
func (b *Board) ExportUserByBoard(ctx context.Context, by group.Moderator, userID uuid.UUID) (UserExport, error) {
	return b.exportUser(ctx, userID, func(ctx context.Context) (group.UserExport, error) {
		return b.Groups.ExportUserByBoard(ctx, by, userID)
	})
}

// exportUser reads the group sections (the group service checks the
// actor), then each package's.
func (b *Board) exportUser(ctx context.Context, userID uuid.UUID, groupStep func(ctx context.Context) (group.UserExport, error)) (UserExport, error) {
	var out UserExport
	err := b.Store.Atomic(ctx, func(ctx context.Context) error {
		var err error
		if out.UserExport, err = groupStep(ctx); err != nil {
			return err
		}
		if out.Offers, err = offer.ExportUser(ctx, b.Store, userID); err != nil {
			return err
		}
		out.Credits, err = billing.ExportUser(ctx, b.Store, userID)
		return err
	})
	if err != nil {
		return UserExport{}, err
	}
	return out, nil
}
