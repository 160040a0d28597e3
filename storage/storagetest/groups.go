package storagetest

import (
	"context"
	"testing"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

func (su *suite) testGroup(t *testing.T) {
	runCRUD(t, su, crud[group.Group]{
		build:   func(f *fixture) group.Group { return f.newGroup(f.company().ID) },
		create:  func(f *fixture, g *group.Group) error { return f.s.CreateGroup(f.ctx, g) },
		get:     func(f *fixture, g group.Group) (group.Group, error) { return f.s.Group(f.ctx, g.ID) },
		update:  func(f *fixture, g *group.Group) error { return f.s.UpdateGroup(f.ctx, g) },
		version: func(g *group.Group) *int64 { return &g.Version },
		change: func(g *group.Group) {
			g.Name += " bis"
			g.Profile.Description.FR += " Toujours."
			g.Profile.Address.City = "Sherbrooke"
		},
		sameID: func(f *fixture, g group.Group) group.Group {
			return f.newGroup(g.CompanyID, func(d *group.Group) { d.ID = g.ID })
		},
		missing: func(f *fixture, g group.Group) group.Group { g.ID = uuid.New(); return g },
	})
	t.Run("CreateMissingCompany", func(t *testing.T) {
		f := su.fixture(t)
		g := f.newGroup(uuid.New())
		wantErr(t, "CreateGroup of an unknown company", f.s.CreateGroup(f.ctx, &g), storage.ErrNotFound)
		_, err := f.s.Group(f.ctx, g.ID)
		wantErr(t, "Group after a refused create", err, storage.ErrNotFound)
	})
	t.Run("UpdateMissingCompany", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		moved := g
		moved.CompanyID = uuid.New()
		wantErr(t, "UpdateGroup to an unknown company", f.s.UpdateGroup(f.ctx, &moved), storage.ErrNotFound)
		got, err := f.s.Group(f.ctx, g.ID)
		f.must(err, "Group")
		wantEqual(t, "group after a refused update", got, g)
	})
	t.Run("LockGroup", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		got, err := f.s.LockGroup(f.ctx, g.ID)
		f.must(err, "LockGroup outside a transaction")
		wantEqual(t, "LockGroup outside a transaction", got, g)
		err = f.s.Atomic(f.ctx, func(ctx context.Context) error {
			got, err := f.s.LockGroup(ctx, g.ID)
			if err != nil {
				return err
			}
			wantEqual(t, "LockGroup in a transaction", got, g)
			_, err = f.s.LockGroup(ctx, uuid.New())
			wantErr(t, "LockGroup of an unknown group in a transaction", err, storage.ErrNotFound)
			return nil
		})
		f.must(err, "Atomic")
		_, err = f.s.LockGroup(f.ctx, uuid.New())
		wantErr(t, "LockGroup of an unknown group", err, storage.ErrNotFound)
	})
	t.Run("GroupsOfCompany", func(t *testing.T) {
		f := su.fixture(t)
		c := f.company()
		other := f.company()
		f.group(other.ID)
		tie := sortedIDs(3)
		// Stored out of order: the latest first, ties by descending ID.
		late := f.group(c.ID, func(g *group.Group) { g.CreatedAt = at(500) })
		var want []uuid.UUID
		for _, id := range []uuid.UUID{tie[2], tie[0], tie[1]} {
			f.group(c.ID, func(g *group.Group) { g.ID, g.CreatedAt = id, at(300) })
		}
		early := f.group(c.ID, func(g *group.Group) { g.CreatedAt = at(100) })
		want = append(want, early.ID, tie[0], tie[1], tie[2], late.ID)
		got, err := f.s.GroupsOfCompany(f.ctx, c.ID)
		f.must(err, "GroupsOfCompany")
		wantIDs(t, "GroupsOfCompany (by creation time, then ID)", ids(got, groupID), want)
		if len(got) > 0 {
			wantEqual(t, "first group", got[0], early)
		}
		got, err = f.s.GroupsOfCompany(f.ctx, uuid.New())
		if err != nil || len(got) != 0 {
			t.Errorf("GroupsOfCompany of an unknown company = %v, %v; want nothing, nil", got, err)
		}
	})
}
