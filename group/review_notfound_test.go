package group_test

import (
	"testing"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
)

// TestUnknownIDsAreBilingualNotFound: every call that looks a group,
// company or request up by ID answers an unknown one with a bilingual
// *i18n.Error unwrapping to storage.ErrNotFound, and writes nothing.
func TestUnknownIDsAreBilingualNotFound(t *testing.T) {
	f := newFixture(t)
	jean := f.user("jean@acme-genie.ca", "Jean")
	before := f.events()
	calls := map[string]struct {
		code string
		call func() error
	}{
		"Group":         {"group.not_found", func() error { _, err := f.svc.Group(f.ctx, uuid.New()); return err }},
		"Company":       {"company.not_found", func() error { _, err := f.svc.Company(f.ctx, uuid.New()); return err }},
		"RequestToJoin": {"group.not_found", func() error { _, err := f.svc.RequestToJoin(f.ctx, jean.ID, uuid.New()); return err }},
		"RequestGroup":  {"company.not_found", func() error { _, err := f.svc.RequestGroup(f.ctx, jean.ID, uuid.New(), "Bureau"); return err }},
		"CreateGroup":   {"company.not_found", func() error { _, err := f.svc.CreateGroup(f.ctx, f.moderator, uuid.New(), "Bureau"); return err }},
		"InviteByBoard": {"group.not_found", func() error {
			_, _, err := f.svc.InviteByBoard(f.ctx, f.moderator, uuid.New(), "x@acme-genie.ca")
			return err
		}},
		"ApproveGroupRequest": {"request.not_found", func() error {
			_, _, err := f.svc.ApproveGroupRequest(f.ctx, f.moderator, uuid.New())
			return err
		}},
		"RefuseGroupRequest": {"request.not_found", func() error { _, err := f.svc.RefuseGroupRequest(f.ctx, f.moderator, uuid.New(), ""); return err }},
	}
	for name, c := range calls {
		t.Run(name, func(t *testing.T) { requireRefused(t, c.call(), storage.ErrNotFound, c.code) })
	}
	assert.Equal(t, before, f.events(), "nothing written")
	_, err := f.svc.Group(f.ctx, f.group.ID)
	assert.NoError(t, err)
	_, err = f.svc.Company(f.ctx, f.company.ID)
	assert.NoError(t, err)
}
