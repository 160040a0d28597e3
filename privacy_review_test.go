package babillard_test

import (
	"testing"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPrivacyCallsWithoutAUser: deleting or exporting nobody (uuid.Nil) is
// refused (forbidden.other_user) and an unknown user is user.not_found
// (storage.ErrNotFound), both bilingual *i18n.Error values; neither writes
// anything, and a board role without the privacy power is refused too.
func TestPrivacyCallsWithoutAUser(t *testing.T) {
	onEveryStore(t, func(t *testing.T, store babillard.Store) {
		w := newPrivacyWorld(t, store)
		before := w.outboxLen()
		check := func(what string, err, sentinel error, code string) {
			t.Helper()
			require.ErrorIs(t, err, sentinel, what)
			var ie *i18n.Error
			require.ErrorAs(t, err, &ie, what)
			assert.Equal(t, code, ie.Code, what)
			assert.NotEmpty(t, ie.Message.FR, what)
			assert.NotEmpty(t, ie.Message.EN, what)
		}
		_, err := w.board.DeleteUser(w.ctx, uuid.Nil)
		check("DeleteUser(nil)", err, group.ErrForbidden, "forbidden.other_user")
		_, err = w.board.ExportUser(w.ctx, uuid.Nil)
		check("ExportUser(nil)", err, group.ErrForbidden, "forbidden.other_user")
		unknown := uuid.New()
		_, err = w.board.DeleteUser(w.ctx, unknown)
		check("DeleteUser(unknown)", err, storage.ErrNotFound, "user.not_found")
		_, err = w.board.DeleteUserByBoard(w.ctx, w.moderator, unknown)
		check("DeleteUserByBoard(unknown)", err, storage.ErrNotFound, "user.not_found")
		_, err = w.board.ExportUserByBoard(w.ctx, w.moderator, unknown)
		check("ExportUserByBoard(unknown)", err, storage.ErrNotFound, "user.not_found")

		assert.Equal(t, before, w.outboxLen(), "nothing written")

		mod, err := w.board.Groups.AddStaff(w.ctx, w.moderator, uuid.New(), group.StaffModerator, group.StaffFinance)
		require.NoError(t, err)
		before = w.outboxLen()
		_, err = w.board.DeleteUserByBoard(w.ctx, group.Moderator{ID: mod.UserID}, w.luc.UserID)
		check("DeleteUserByBoard by a moderator", err, group.ErrForbidden, "forbidden.staff.handle_privacy")
		_, err = w.board.ExportUserByBoard(w.ctx, group.Moderator{ID: mod.UserID}, w.luc.UserID)
		check("ExportUserByBoard by a moderator", err, group.ErrForbidden, "forbidden.staff.handle_privacy")
		assert.Equal(t, before, w.outboxLen(), "the refusals wrote nothing")
		u, err := w.board.Groups.User(w.ctx, w.luc.UserID)
		require.NoError(t, err)
		assert.False(t, u.Deleted())
	})
}

// outboxLen counts the outbox's events, delivered or not.
func (w *privacyWorld) outboxLen() int {
	w.t.Helper()
	events, err := w.board.Store.(storage.OutboxReader).ReadEvents(w.ctx, storage.EventQuery{})
	require.NoError(w.t, err)
	return len(events)
}
