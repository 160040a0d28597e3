package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
)

// The group service over PostgreSQL: the invariants the service keeps with
// the store's locks must hold under real concurrency, not only in memory.

// board sets up a company whose "Groupe 001" has one Principal.
func board(t testing.TB, store group.Store) (*group.Service, group.Actor) {
	t.Helper()
	ctx := context.Background()
	svc := group.New(store, &group.Options{Now: func() time.Time { return time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC) }})
	u, err := svc.RegisterUser(ctx, "marie@acme-genie.ca", group.UserProfile{FirstName: "Marie", LastName: "Tremblay"})
	mustNil(t, err)
	_, req, err := svc.RequestCompany(ctx, u.ID, group.CompanyInput{
		LegalName: "Acme Génie-Conseil inc.", NEQ: "1143920115", Phone: "514-555-0100",
		HeadOffice: group.Address{Street: "1000, rue Sherbrooke Ouest", City: "Montréal", Province: "QC", PostalCode: "H3A 3G4"},
	})
	mustNil(t, err)
	_, g, err := svc.ApproveGroupRequest(ctx, staffAdmin(t, store, svc), req.ID)
	mustNil(t, err)
	return svc, group.Actor{UserID: u.ID, GroupID: g.ID}
}

func TestGroupServiceConcurrentDemotionsKeepAPrincipal(t *testing.T) {
	store := newStore(t)
	svc, principal := board(t, store)
	ctx := context.Background()
	actors := []group.Actor{principal}
	for i := range 5 {
		u, err := svc.RegisterUser(ctx, fmt.Sprintf("p%d@acme-genie.ca", i), group.UserProfile{FirstName: "P", LastName: "P"})
		mustNil(t, err)
		_, err = svc.AddMember(ctx, principal, u.ID, group.Principal)
		mustNil(t, err)
		actors = append(actors, group.Actor{UserID: u.ID, GroupID: principal.GroupID})
	}
	var wg sync.WaitGroup
	for _, a := range actors {
		wg.Go(func() {
			if _, err := svc.SetRoles(ctx, a, a.UserID, group.PostingManager); err != nil && !errors.Is(err, group.ErrNotAllowed) {
				t.Errorf("demote: %v", err)
			}
		})
	}
	wg.Wait()
	members, err := store.MembersOfGroup(ctx, principal.GroupID)
	mustNil(t, err)
	principals := 0
	for _, m := range members {
		if m.Has(group.Principal) {
			principals++
		}
	}
	if principals != 1 {
		t.Fatalf("%d Principals remain, want exactly 1", principals)
	}
}

func TestGroupServiceConcurrentApprovalsAdmitOnce(t *testing.T) {
	store := newStore(t)
	svc, principal := board(t, store)
	ctx := context.Background()
	u, err := svc.RegisterUser(ctx, "jean@acme-genie.ca", group.UserProfile{FirstName: "Jean", LastName: "Roy"})
	mustNil(t, err)
	req, err := svc.RequestToJoin(ctx, u.ID, principal.GroupID)
	mustNil(t, err)
	var wg sync.WaitGroup
	var mu sync.Mutex
	approved := 0
	for range 6 {
		wg.Go(func() {
			_, err := svc.ApproveJoinRequest(ctx, principal, req.ID)
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				approved++
			}
		})
	}
	wg.Wait()
	if approved != 1 {
		t.Fatalf("%d approvals succeeded, want exactly 1", approved)
	}
	members, err := store.MembersOfGroup(ctx, principal.GroupID)
	mustNil(t, err)
	equal(t, len(members), 2)
}

// BenchmarkJoinRequestApproval measures the storage round trip of approving
// a join request (authorisation, group lock, membership, user, request and
// outbox event in one transaction) on the in-memory store, the baseline, and
// on PostgreSQL, in the same run. Requests are prepared, untimed, in batches
// of 500 on a fresh board, so the stores stay small whatever b.N.
func BenchmarkJoinRequestApproval(b *testing.B) {
	stores := []struct {
		name string
		open func(testing.TB) group.Store
	}{
		{"memory", func(testing.TB) group.Store { return memory.New() }},
		{"postgres", func(t testing.TB) group.Store { return newStore(t) }},
	}
	const batch = 500
	for _, st := range stores {
		b.Run(st.name, func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			for done := 0; done < b.N; done += batch {
				b.StopTimer()
				svc, principal := board(b, st.open(b))
				requests := make([]uuid.UUID, min(batch, b.N-done))
				for i := range requests {
					u, err := svc.RegisterUser(ctx, fmt.Sprintf("u%d@acme-genie.ca", i), group.UserProfile{FirstName: "U", LastName: "U"})
					mustNil(b, err)
					r, err := svc.RequestToJoin(ctx, u.ID, principal.GroupID)
					mustNil(b, err)
					requests[i] = r.ID
				}
				b.StartTimer()
				for _, id := range requests {
					if _, err := svc.ApproveJoinRequest(ctx, principal, id); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
