package storagetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

func (su *suite) testJoinRequest(t *testing.T) {
	runCRUD(t, su, crud[group.JoinRequest]{
		build: func(f *fixture) group.JoinRequest {
			c, g := f.companyGroup()
			return f.newJoinRequest(f.user().ID, c.ID, g.ID)
		},
		create:  func(f *fixture, r *group.JoinRequest) error { return f.s.CreateJoinRequest(f.ctx, r) },
		get:     func(f *fixture, r group.JoinRequest) (group.JoinRequest, error) { return f.s.JoinRequest(f.ctx, r.ID) },
		update:  func(f *fixture, r *group.JoinRequest) error { return f.s.UpdateJoinRequest(f.ctx, r) },
		version: func(r *group.JoinRequest) *int64 { return &r.Version },
		change: func(r *group.JoinRequest) {
			r.Status = group.RequestRefused
			r.DecidedBy = uuid.New()
			r.DecidedAt = r.CreatedAt.Add(25 * time.Hour)
			r.Reason += "Raison. "
		},
		sameID: func(f *fixture, r group.JoinRequest) group.JoinRequest {
			return f.newJoinRequest(r.UserID, r.CompanyID, uuid.Nil, func(d *group.JoinRequest) { d.ID = r.ID })
		},
		missing: func(f *fixture, r group.JoinRequest) group.JoinRequest { r.ID = uuid.New(); return r },
	})
	t.Run("NewGroupRequest", func(t *testing.T) {
		f := su.fixture(t)
		c := f.company()
		r := f.joinRequest(f.user().ID, c.ID, uuid.Nil)
		got, err := f.s.JoinRequest(f.ctx, r.ID)
		f.must(err, "JoinRequest")
		wantEqual(t, "new-group request", got, r)
		// Approved: the request names the group created.
		g := f.group(c.ID)
		r.Status, r.GroupID, r.DecidedBy, r.DecidedAt = group.RequestApproved, g.ID, uuid.New(), at(1000)
		f.must(f.s.UpdateJoinRequest(f.ctx, &r), "UpdateJoinRequest")
		got, err = f.s.JoinRequest(f.ctx, r.ID)
		f.must(err, "JoinRequest")
		wantEqual(t, "approved new-group request", got, r)
	})
	t.Run("CreateMissingUser", func(t *testing.T) {
		f := su.fixture(t)
		c, g := f.companyGroup()
		r := f.newJoinRequest(uuid.New(), c.ID, g.ID)
		wantErr(t, "CreateJoinRequest of an unknown user", f.s.CreateJoinRequest(f.ctx, &r), storage.ErrNotFound)
		_, err := f.s.JoinRequest(f.ctx, r.ID)
		wantErr(t, "JoinRequest after a refused create", err, storage.ErrNotFound)
	})
	t.Run("CreateMissingCompany", func(t *testing.T) {
		f := su.fixture(t)
		r := f.newJoinRequest(f.user().ID, uuid.New(), uuid.Nil)
		wantErr(t, "CreateJoinRequest for an unknown company", f.s.CreateJoinRequest(f.ctx, &r), storage.ErrNotFound)
		_, err := f.s.JoinRequest(f.ctx, r.ID)
		wantErr(t, "JoinRequest after a refused create", err, storage.ErrNotFound)
	})
	t.Run("UpdateMissingReferences", func(t *testing.T) {
		f := su.fixture(t)
		c, g := f.companyGroup()
		r := f.joinRequest(f.user().ID, c.ID, g.ID)
		bad := r
		bad.UserID = uuid.New()
		wantErr(t, "UpdateJoinRequest to an unknown user", f.s.UpdateJoinRequest(f.ctx, &bad), storage.ErrNotFound)
		bad = r
		bad.CompanyID = uuid.New()
		wantErr(t, "UpdateJoinRequest to an unknown company", f.s.UpdateJoinRequest(f.ctx, &bad), storage.ErrNotFound)
		got, err := f.s.JoinRequest(f.ctx, r.ID)
		f.must(err, "JoinRequest")
		wantEqual(t, "request after refused updates", got, r)
	})
	t.Run("Query", su.testJoinRequestQuery)
}

func (su *suite) testJoinRequestQuery(t *testing.T) {
	// data stores requests over two users, two companies and their groups,
	// every status and both kinds, with ties on creation time; it returns
	// them with what the queries use.
	type world struct {
		reqs         []group.JoinRequest
		u1, u2       uuid.UUID
		c1, c2       uuid.UUID
		gA, gB, gC   uuid.UUID
		tieAt        int
		tieIDsSorted []uuid.UUID
	}
	data := func(f *fixture) world {
		f.t.Helper()
		w := world{tieAt: 700}
		c1, c2 := f.company(), f.company()
		w.c1, w.c2 = c1.ID, c2.ID
		w.gA, w.gB, w.gC = f.group(c1.ID).ID, f.group(c1.ID).ID, f.group(c2.ID).ID
		w.u1, w.u2 = f.user().ID, f.user().ID
		w.tieIDsSorted = sortedIDs(3)
		type spec struct {
			user, company, grp uuid.UUID
			status             group.RequestStatus
			min                int
			id                 uuid.UUID
		}
		specs := []spec{
			{w.u1, w.c1, w.gA, group.RequestPending, 900, uuid.Nil},
			{w.u2, w.c1, w.gA, group.RequestApproved, w.tieAt, w.tieIDsSorted[2]},
			{w.u1, w.c1, uuid.Nil, group.RequestPending, w.tieAt, w.tieIDsSorted[0]},
			{w.u2, w.c1, w.gB, group.RequestRefused, 100, uuid.Nil},
			{w.u1, w.c2, w.gC, group.RequestApproved, 300, uuid.Nil},
			{w.u2, w.c2, uuid.Nil, group.RequestRefused, w.tieAt, w.tieIDsSorted[1]},
			{w.u1, w.c1, w.gB, group.RequestPending, 50, uuid.Nil},
			{w.u2, w.c2, uuid.Nil, group.RequestPending, 800, uuid.Nil},
		}
		for _, s := range specs {
			w.reqs = append(w.reqs, f.joinRequest(s.user, s.company, s.grp, func(r *group.JoinRequest) {
				r.Status, r.CreatedAt = s.status, at(s.min)
				if s.id != uuid.Nil {
					r.ID = s.id
				}
				if s.status != group.RequestPending {
					r.DecidedBy, r.DecidedAt = uuid.New(), at(s.min+10)
				}
			}))
		}
		return w
	}
	yes, no := true, false
	cases := []struct {
		name  string
		query func(w world) group.JoinRequestQuery
	}{
		{"All", func(w world) group.JoinRequestQuery { return group.JoinRequestQuery{} }},
		{"UserID", func(w world) group.JoinRequestQuery { return group.JoinRequestQuery{UserID: w.u1} }},
		{"GroupID", func(w world) group.JoinRequestQuery { return group.JoinRequestQuery{GroupID: w.gA} }},
		{"OtherGroupID", func(w world) group.JoinRequestQuery { return group.JoinRequestQuery{GroupID: w.gB} }},
		{"CompanyID", func(w world) group.JoinRequestQuery { return group.JoinRequestQuery{CompanyID: w.c2} }},
		{"Status", func(w world) group.JoinRequestQuery { return group.JoinRequestQuery{Status: group.RequestPending} }},
		{"NewGroupTrue", func(w world) group.JoinRequestQuery { return group.JoinRequestQuery{NewGroup: &yes} }},
		{"NewGroupFalse", func(w world) group.JoinRequestQuery { return group.JoinRequestQuery{NewGroup: &no} }},
		{"CompanyStatusNewGroup", func(w world) group.JoinRequestQuery {
			return group.JoinRequestQuery{CompanyID: w.c1, Status: group.RequestPending, NewGroup: &no}
		}},
		{"UserAndCompany", func(w world) group.JoinRequestQuery {
			return group.JoinRequestQuery{UserID: w.u2, CompanyID: w.c2}
		}},
		{"GroupAndStatus", func(w world) group.JoinRequestQuery {
			return group.JoinRequestQuery{GroupID: w.gA, Status: group.RequestApproved}
		}},
		{"EveryField", func(w world) group.JoinRequestQuery {
			return group.JoinRequestQuery{UserID: w.u1, GroupID: w.gB, CompanyID: w.c1, Status: group.RequestPending, NewGroup: &no}
		}},
		{"NoMatch", func(w world) group.JoinRequestQuery {
			return group.JoinRequestQuery{GroupID: w.gC, Status: group.RequestRefused}
		}},
		{"UnknownUser", func(w world) group.JoinRequestQuery { return group.JoinRequestQuery{UserID: uuid.New()} }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := su.fixture(t)
			w := data(f)
			q := tc.query(w)
			got, err := f.s.JoinRequests(f.ctx, q)
			f.must(err, "JoinRequests")
			var want []group.JoinRequest
			for _, r := range w.reqs {
				if matchRequest(r, q) {
					want = append(want, r)
				}
			}
			sortRequests(want)
			wantIDs(t, fmt.Sprintf("JoinRequests(%+v)", q), ids(got, requestID), ids(want, requestID))
			if !t.Failed() {
				wantEqual(t, "requests found", got, want)
			}
		})
	}
	t.Run("Order", func(t *testing.T) {
		f := su.fixture(t)
		w := data(f)
		got, err := f.s.JoinRequests(f.ctx, group.JoinRequestQuery{})
		f.must(err, "JoinRequests")
		// Spelled out, rather than sorted by the suite's own code.
		r := w.reqs
		want := []uuid.UUID{r[6].ID, r[3].ID, r[4].ID, w.tieIDsSorted[0], w.tieIDsSorted[1], w.tieIDsSorted[2], r[7].ID, r[0].ID}
		wantIDs(t, "JoinRequests (by creation time, then ID)", ids(got, requestID), want)
	})
}

// matchRequest is the suite's reference for JoinRequestQuery.
func matchRequest(r group.JoinRequest, q group.JoinRequestQuery) bool {
	return (q.UserID == uuid.Nil || r.UserID == q.UserID) &&
		(q.GroupID == uuid.Nil || r.GroupID == q.GroupID) &&
		(q.CompanyID == uuid.Nil || r.CompanyID == q.CompanyID) &&
		(q.Status == "" || r.Status == q.Status) &&
		(q.NewGroup == nil || r.NewGroup == *q.NewGroup)
}
