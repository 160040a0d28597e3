package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/storage"
	"github.com/babillard/babillard/storage/postgres"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// t0 has nanoseconds and a zone other than UTC: the store returns times in
// UTC, to the microsecond.
var t0 = time.Date(2026, 3, 14, 9, 26, 53, 589793789, time.FixedZone("EST", -5*3600))

func us(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func newID(t testing.TB) uuid.UUID {
	t.Helper()
	id, err := uuid.NewV7()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func mustNil(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustIs(t testing.TB, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("error %v, want %v", err, target)
	}
}

func equal[T any](t testing.TB, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
}

type fixture struct {
	company group.Company
	group   group.Group
	user    group.User
}

// seed stores a company, one of its groups and a user.
func seed(t testing.TB, s *postgres.Store) fixture {
	t.Helper()
	ctx := context.Background()
	f := fixture{
		company: group.Company{ID: newID(t), LegalName: "Boulangerie Côté inc.", NEQ: "1143567890",
			BusinessNumber: "123456782RT0001", HeadOffice: group.Address{City: "Montréal", Province: "QC", Country: "CA"},
			Status: group.CompanyActive, CreatedAt: t0},
	}
	mustNil(t, s.CreateCompany(ctx, &f.company))
	f.group = group.Group{ID: newID(t), CompanyID: f.company.ID, Name: group.DefaultGroupName,
		Profile: group.Profile{Name: "Côté", Description: i18n.Text{FR: "Pains", EN: "Bread"}}, CreatedAt: t0}
	mustNil(t, s.CreateGroup(ctx, &f.group))
	f.user = group.User{ID: newID(t), Email: newID(t).String() + "@example.com", FirstName: "Ève", CreatedAt: t0}
	mustNil(t, s.CreateUser(ctx, &f.user))
	return f
}

func TestMigrationsFS(t *testing.T) {
	names, err := fs.Glob(postgres.MigrationsFS(), "*.sql")
	mustNil(t, err)
	equal(t, names, []string{"0001_groups.sql", "0002_outbox.sql", "0003_billing.sql", "0004_offers.sql", "0005_staff.sql", "0006_list_pages.sql", "0007_privacy.sql", "0008_offer_optimizations.sql", "0009_promo.sql"})
}

func TestMigrateIdempotentAndConcurrent(t *testing.T) {
	dsn := requireDB(t)
	schema := newSchema(t, dsn)
	ctx := context.Background()
	const n = 6
	stores := make([]*postgres.Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			stores[i], errs[i] = postgres.Open(ctx, dsn, &postgres.Options{Schema: schema})
		})
	}
	wg.Wait()
	for i := range n {
		mustNil(t, errs[i])
		t.Cleanup(stores[i].Close)
	}
	s := stores[0]
	mustNil(t, s.Migrate(ctx))
	mustNil(t, s.Migrate(ctx))

	var versions []int
	rows, err := s.Pool().Query(ctx, `SELECT version FROM `+pgx.Identifier{schema, "babillard_schema_migrations"}.Sanitize()+` ORDER BY version`)
	mustNil(t, err)
	versions, err = pgx.CollectRows(rows, pgx.RowTo[int])
	mustNil(t, err)
	equal(t, versions, []int{1, 2, 3, 4, 5, 6, 7, 8, 9})

	// Open puts the schema on the search_path of its connections.
	var path string
	mustNil(t, s.Pool().QueryRow(ctx, `SELECT current_schema()`).Scan(&path))
	equal(t, path, schema)
	f := seed(t, s)
	got, err := stores[n-1].Company(ctx, f.company.ID)
	mustNil(t, err)
	equal(t, got.ID, f.company.ID)
}

func TestSkipMigrations(t *testing.T) {
	dsn := requireDB(t)
	schema := newSchema(t, dsn)
	ctx := context.Background()
	pool := newPool(t, dsn)

	// The host runs the migrations itself, from MigrationsFS.
	tx, err := pool.Begin(ctx)
	mustNil(t, err)
	_, err = tx.Exec(ctx, `CREATE SCHEMA `+pgx.Identifier{schema}.Sanitize())
	mustNil(t, err)
	_, err = tx.Exec(ctx, `SET LOCAL search_path TO `+pgx.Identifier{schema}.Sanitize())
	mustNil(t, err)
	names, err := fs.Glob(postgres.MigrationsFS(), "*.sql")
	mustNil(t, err)
	for _, name := range names {
		body, err := fs.ReadFile(postgres.MigrationsFS(), name)
		mustNil(t, err)
		_, err = tx.Exec(ctx, string(body))
		mustNil(t, err)
	}
	mustNil(t, tx.Commit(ctx))

	s, err := postgres.New(ctx, pool, &postgres.Options{Schema: schema, SkipMigrations: true})
	mustNil(t, err)
	s.Close() // not its pool: a no-op
	f := seed(t, s)
	_, err = s.Group(ctx, f.group.ID)
	mustNil(t, err)
	var exists bool
	mustNil(t, pool.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, schema+".babillard_schema_migrations").Scan(&exists))
	equal(t, exists, false)
}

func TestSchemasAreIsolated(t *testing.T) {
	a, b := newStore(t), newStore(t)
	f := seed(t, a)
	_, err := b.Company(context.Background(), f.company.ID)
	mustIs(t, err, storage.ErrNotFound)
	// b's pool has the default search_path: the store qualifies its tables.
	_, err = a.Company(context.Background(), f.company.ID)
	mustNil(t, err)
}

func TestRoundTrip(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	f := seed(t, s)
	if f.company.Version != 1 || f.group.Version != 1 || f.user.Version != 1 {
		t.Fatalf("versions after create: %d %d %d", f.company.Version, f.group.Version, f.user.Version)
	}

	c, err := s.Company(ctx, f.company.ID)
	mustNil(t, err)
	want := f.company
	want.CreatedAt = us(t0)
	equal(t, c, want)

	g, err := s.Group(ctx, f.group.ID)
	mustNil(t, err)
	wantG := f.group
	wantG.CreatedAt = us(t0)
	equal(t, g, wantG)

	u := f.user
	u.PendingEmail, u.PendingEmailHash, u.PendingEmailExpires = "new@example.com", []byte{1, 2, 3}, t0.Add(time.Hour)
	u.CompanyID = f.company.ID
	mustNil(t, s.UpdateUser(ctx, &u))
	equal(t, u.Version, int64(2))
	got, err := s.UserByPendingEmailHash(ctx, []byte{1, 2, 3})
	mustNil(t, err)
	wantU := u
	wantU.CreatedAt, wantU.PendingEmailExpires = us(t0), us(t0.Add(time.Hour))
	equal(t, got, wantU)
	got, err = s.UserByEmail(ctx, u.Email)
	mustNil(t, err)
	equal(t, got, wantU)
	_, err = s.UserByPendingEmailHash(ctx, nil)
	mustIs(t, err, storage.ErrNotFound)

	m := group.Membership{GroupID: f.group.ID, UserID: f.user.ID, Roles: []group.Role{group.Principal, group.FinanceManager},
		Active: true, JoinedAt: t0}
	mustNil(t, s.CreateMembership(ctx, &m))
	m.Active, m.RemovedAt, m.RemovedBy = false, t0.Add(time.Minute), f.user.ID
	mustNil(t, s.UpdateMembership(ctx, &m))
	gotM, err := s.Membership(ctx, f.group.ID, f.user.ID)
	mustNil(t, err)
	wantM := m
	wantM.JoinedAt, wantM.RemovedAt = us(t0), us(t0.Add(time.Minute))
	equal(t, gotM, wantM)

	r := group.JoinRequest{ID: newID(t), UserID: f.user.ID, CompanyID: f.company.ID, NewGroup: true,
		GroupName: "Agence", Status: group.RequestPending, CreatedAt: t0}
	mustNil(t, s.CreateJoinRequest(ctx, &r))
	gotR, err := s.JoinRequest(ctx, r.ID)
	mustNil(t, err)
	wantR := r
	wantR.CreatedAt = us(t0)
	equal(t, gotR, wantR)

	inv := group.Invitation{ID: newID(t), GroupID: f.group.ID, Email: "x@example.com", Roles: []group.Role{group.PostingManager},
		InvitedBy: f.user.ID, TokenHash: []byte("h1"), ExpiresAt: t0.Add(72 * time.Hour), Status: group.InvitationPending,
		SentCount: 1, CreatedAt: t0}
	mustNil(t, s.CreateInvitation(ctx, &inv))
	gotI, err := s.InvitationByTokenHash(ctx, []byte("h1"))
	mustNil(t, err)
	wantI := inv
	wantI.CreatedAt, wantI.ExpiresAt = us(t0), us(t0.Add(72*time.Hour))
	equal(t, gotI, wantI)
}

func TestErrors(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	f := seed(t, s)

	// Duplicates.
	dupC := f.company
	mustIs(t, s.CreateCompany(ctx, &dupC), storage.ErrDuplicate)
	dupU := group.User{ID: newID(t), Email: f.user.Email, CreatedAt: t0}
	mustIs(t, s.CreateUser(ctx, &dupU), storage.ErrDuplicate)
	equal(t, dupU.Version, int64(0))
	m := group.Membership{GroupID: f.group.ID, UserID: f.user.ID, Roles: []group.Role{group.Principal}, Active: true, JoinedAt: t0}
	mustNil(t, s.CreateMembership(ctx, &m))
	m2 := m
	mustIs(t, s.CreateMembership(ctx, &m2), storage.ErrDuplicate)

	// Missing references.
	mustIs(t, s.CreateGroup(ctx, &group.Group{ID: newID(t), CompanyID: newID(t), CreatedAt: t0}), storage.ErrNotFound)
	mustIs(t, s.CreateMembership(ctx, &group.Membership{GroupID: f.group.ID, UserID: newID(t), JoinedAt: t0}), storage.ErrNotFound)
	mustIs(t, s.CreateJoinRequest(ctx, &group.JoinRequest{ID: newID(t), UserID: f.user.ID, CompanyID: f.company.ID,
		GroupID: newID(t), CreatedAt: t0}), storage.ErrNotFound)
	mustIs(t, s.CreateInvitation(ctx, &group.Invitation{ID: newID(t), GroupID: newID(t), CreatedAt: t0}), storage.ErrNotFound)

	// Missing records.
	_, err := s.Group(ctx, newID(t))
	mustIs(t, err, storage.ErrNotFound)
	_, err = s.Membership(ctx, f.group.ID, newID(t))
	mustIs(t, err, storage.ErrNotFound)
	mustIs(t, s.UpdateGroup(ctx, &group.Group{ID: newID(t), CompanyID: f.company.ID, Version: 1}), storage.ErrNotFound)

	// Stale versions.
	g := f.group
	g.Name = "Groupe 002"
	mustNil(t, s.UpdateGroup(ctx, &g))
	equal(t, g.Version, int64(2))
	stale := f.group
	mustIs(t, s.UpdateGroup(ctx, &stale), storage.ErrConflict)
	equal(t, stale.Version, int64(1))

	// An e-mail taken by another user, a token hash held by another
	// invitation.
	other := group.User{ID: newID(t), Email: "other@example.com", CreatedAt: t0}
	mustNil(t, s.CreateUser(ctx, &other))
	other.Email = f.user.Email
	mustIs(t, s.UpdateUser(ctx, &other), storage.ErrDuplicate)
	equal(t, other.Version, int64(1))
	inv1 := group.Invitation{ID: newID(t), GroupID: f.group.ID, TokenHash: []byte("a"), CreatedAt: t0}
	inv2 := group.Invitation{ID: newID(t), GroupID: f.group.ID, TokenHash: []byte("b"), CreatedAt: t0}
	mustNil(t, s.CreateInvitation(ctx, &inv1))
	mustNil(t, s.CreateInvitation(ctx, &inv2))
	inv2.TokenHash = []byte("a")
	mustIs(t, s.UpdateInvitation(ctx, &inv2), storage.ErrDuplicate)
	inv3 := group.Invitation{ID: newID(t), GroupID: f.group.ID, TokenHash: []byte("a"), CreatedAt: t0}
	mustIs(t, s.CreateInvitation(ctx, &inv3), storage.ErrDuplicate)

	// Unknown roles never reach the table.
	bad := group.Membership{GroupID: f.group.ID, UserID: other.ID, Roles: []group.Role{"admin"}, JoinedAt: t0}
	if err := s.CreateMembership(ctx, &bad); err == nil {
		t.Fatal("membership with an unknown role stored")
	}
}

// Expected errors inside a transaction leave it usable, as in memory.
func TestErrorsKeepTransactionUsable(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	f := seed(t, s)
	var created group.User
	err := s.Atomic(ctx, func(ctx context.Context) error {
		dup := f.user
		mustIs(t, s.CreateUser(ctx, &dup), storage.ErrDuplicate)
		mustIs(t, s.CreateGroup(ctx, &group.Group{ID: newID(t), CompanyID: newID(t)}), storage.ErrNotFound)
		stale := f.company
		stale.Version = 7
		mustIs(t, s.UpdateCompany(ctx, &stale), storage.ErrConflict)
		other := group.User{ID: newID(t), Email: "o@example.com", CreatedAt: t0}
		mustNil(t, s.CreateUser(ctx, &other))
		other.Email = f.user.Email
		mustIs(t, s.UpdateUser(ctx, &other), storage.ErrDuplicate)
		mustIs(t, s.AppendEvents(ctx, storage.Event{ID: f.user.ID}, storage.Event{ID: f.user.ID}), storage.ErrDuplicate)
		created = other
		return nil
	})
	mustNil(t, err)
	_, err = s.User(ctx, created.ID)
	mustNil(t, err)
}

func TestAtomic(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	f := seed(t, s)
	boom := errors.New("boom")

	// An error rolls back, uncommitted writes are invisible outside.
	u := group.User{ID: newID(t), Email: "a@example.com", CreatedAt: t0}
	err := s.Atomic(ctx, func(ctx context.Context) error {
		mustNil(t, s.CreateUser(ctx, &u))
		if _, err := s.User(ctx, u.ID); err != nil {
			return err
		}
		if _, err := s.User(context.Background(), u.ID); !errors.Is(err, storage.ErrNotFound) {
			return fmt.Errorf("uncommitted user visible outside: %v", err)
		}
		return boom
	})
	mustIs(t, err, boom)
	_, err = s.User(ctx, u.ID)
	mustIs(t, err, storage.ErrNotFound)

	// A panic rolls back and goes on.
	func() {
		defer func() {
			if recover() != boom {
				t.Fatal("Atomic did not re-panic")
			}
		}()
		_ = s.Atomic(ctx, func(ctx context.Context) error {
			mustNil(t, s.CreateUser(ctx, &u))
			panic(boom)
		})
	}()
	_, err = s.User(ctx, u.ID)
	mustIs(t, err, storage.ErrNotFound)

	// A nested Atomic joins: its writes roll back with the outer error.
	err = s.Atomic(ctx, func(ctx context.Context) error {
		if err := s.Atomic(ctx, func(ctx context.Context) error { return s.CreateUser(ctx, &u) }); err != nil {
			return err
		}
		return boom
	})
	mustIs(t, err, boom)
	_, err = s.User(ctx, u.ID)
	mustIs(t, err, storage.ErrNotFound)

	// Nil commits, across aggregates and the outbox.
	g := f.group
	err = s.Atomic(ctx, func(ctx context.Context) error {
		if err := s.CreateUser(ctx, &u); err != nil {
			return err
		}
		g.Name = "Renamed"
		if err := s.UpdateGroup(ctx, &g); err != nil {
			return err
		}
		return s.AppendEvents(ctx, storage.Event{ID: newID(t), Topic: "group.renamed", GroupID: g.ID, OccurredAt: t0})
	})
	mustNil(t, err)
	_, err = s.User(ctx, u.ID)
	mustNil(t, err)
	evs, err := s.ClaimEvents(ctx, "w", 10, time.Minute, t0)
	mustNil(t, err)
	equal(t, len(evs), 1)

	// Another store's transaction is not this store's.
	other := newStore(t)
	err = s.Atomic(ctx, func(ctx context.Context) error {
		_, err := other.Company(ctx, f.company.ID)
		mustIs(t, err, storage.ErrNotFound)
		return nil
	})
	mustNil(t, err)
}

func TestWithTx(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	seed(t, s)
	pool := s.Pool()

	u := group.User{ID: newID(t), Email: "host@example.com", CreatedAt: t0}
	tx, err := pool.Begin(ctx)
	mustNil(t, err)
	txCtx := s.WithTx(ctx, tx)
	mustNil(t, s.CreateUser(txCtx, &u))
	// Atomic joins the host's transaction and leaves it open.
	mustNil(t, s.Atomic(txCtx, func(ctx context.Context) error {
		return s.AppendEvents(ctx, storage.Event{ID: newID(t), Topic: "user.created", Subject: u.ID, OccurredAt: t0})
	}))
	_, err = s.User(ctx, u.ID)
	mustIs(t, err, storage.ErrNotFound)
	mustNil(t, tx.Rollback(ctx))
	_, err = s.User(ctx, u.ID)
	mustIs(t, err, storage.ErrNotFound)

	tx, err = pool.Begin(ctx)
	mustNil(t, err)
	mustNil(t, s.CreateUser(s.WithTx(ctx, tx), &u))
	mustNil(t, tx.Commit(ctx))
	_, err = s.User(ctx, u.ID)
	mustNil(t, err)
}

func TestLockGroup(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	f := seed(t, s)

	locked := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.Atomic(ctx, func(ctx context.Context) error {
			if _, err := s.LockGroup(ctx, f.group.ID); err != nil {
				return err
			}
			close(locked)
			<-release
			return nil
		})
	}()
	<-locked
	second := make(chan time.Time, 1)
	go func() {
		_ = s.Atomic(ctx, func(ctx context.Context) error {
			_, err := s.LockGroup(ctx, f.group.ID)
			second <- time.Now()
			return err
		})
	}()
	time.Sleep(200 * time.Millisecond)
	select {
	case <-second:
		t.Fatal("second LockGroup did not wait")
	default:
	}
	releasedAt := time.Now()
	close(release)
	mustNil(t, <-done)
	if got := <-second; got.Before(releasedAt) {
		t.Fatal("second LockGroup returned before the first transaction ended")
	}
	_, err := s.LockGroup(ctx, newID(t))
	mustIs(t, err, storage.ErrNotFound)
}

func TestLists(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	f := seed(t, s)

	// Groups of a company: by creation time then ID.
	later := group.Group{ID: newID(t), CompanyID: f.company.ID, CreatedAt: t0.Add(time.Second)}
	same := group.Group{ID: newID(t), CompanyID: f.company.ID, CreatedAt: t0}
	mustNil(t, s.CreateGroup(ctx, &later))
	mustNil(t, s.CreateGroup(ctx, &same))
	gs, err := s.GroupsOfCompany(ctx, f.company.ID)
	mustNil(t, err)
	ids := []uuid.UUID{f.group.ID, same.ID}
	slices.SortFunc(ids, func(a, b uuid.UUID) int { return slices.Compare(a[:], b[:]) })
	ids = append(ids, later.ID)
	equal(t, idsOf(gs, func(g group.Group) uuid.UUID { return g.ID }), ids)
	gs, err = s.GroupsOfCompany(ctx, newID(t))
	mustNil(t, err)
	equal(t, len(gs), 0)

	// Members and memberships: by join time.
	u2 := group.User{ID: newID(t), Email: "u2@example.com", CreatedAt: t0}
	mustNil(t, s.CreateUser(ctx, &u2))
	for i, m := range []group.Membership{
		{GroupID: f.group.ID, UserID: u2.ID, JoinedAt: t0.Add(2 * time.Hour), Active: true},
		{GroupID: f.group.ID, UserID: f.user.ID, JoinedAt: t0.Add(time.Hour), Active: true},
		{GroupID: later.ID, UserID: f.user.ID, JoinedAt: t0},
	} {
		if err := s.CreateMembership(ctx, &m); err != nil {
			t.Fatal(i, err)
		}
	}
	ms, err := s.MembersOfGroup(ctx, f.group.ID)
	mustNil(t, err)
	equal(t, idsOf(ms, func(m group.Membership) uuid.UUID { return m.UserID }), []uuid.UUID{f.user.ID, u2.ID})
	ms, err = s.MembershipsOfUser(ctx, f.user.ID)
	mustNil(t, err)
	equal(t, idsOf(ms, func(m group.Membership) uuid.UUID { return m.GroupID }), []uuid.UUID{later.ID, f.group.ID})

	// Join requests.
	yes, no := true, false
	reqs := []group.JoinRequest{
		{ID: newID(t), UserID: u2.ID, CompanyID: f.company.ID, GroupID: f.group.ID, Status: group.RequestPending, CreatedAt: t0.Add(time.Minute)},
		{ID: newID(t), UserID: u2.ID, CompanyID: f.company.ID, NewGroup: true, Status: group.RequestPending, CreatedAt: t0},
		{ID: newID(t), UserID: f.user.ID, CompanyID: f.company.ID, GroupID: f.group.ID, Status: group.RequestRefused, CreatedAt: t0},
	}
	for i := range reqs {
		mustNil(t, s.CreateJoinRequest(ctx, &reqs[i]))
	}
	reqID := func(r group.JoinRequest) uuid.UUID { return r.ID }
	for _, tc := range []struct {
		q    group.JoinRequestQuery
		want []uuid.UUID
	}{
		{group.JoinRequestQuery{}, []uuid.UUID{reqs[1].ID, reqs[2].ID, reqs[0].ID}},
		{group.JoinRequestQuery{UserID: u2.ID}, []uuid.UUID{reqs[1].ID, reqs[0].ID}},
		{group.JoinRequestQuery{GroupID: f.group.ID, Status: group.RequestPending}, []uuid.UUID{reqs[0].ID}},
		{group.JoinRequestQuery{CompanyID: f.company.ID, NewGroup: &yes}, []uuid.UUID{reqs[1].ID}},
		{group.JoinRequestQuery{UserID: u2.ID, NewGroup: &no}, []uuid.UUID{reqs[0].ID}},
		{group.JoinRequestQuery{CompanyID: newID(t)}, nil},
	} {
		got, err := s.JoinRequests(ctx, tc.q)
		mustNil(t, err)
		if !slices.Equal(idsOf(got, reqID), tc.want) {
			t.Errorf("JoinRequests(%+v) = %v, want %v", tc.q, idsOf(got, reqID), tc.want)
		}
	}
	// Approving a new-group request names the group created.
	reqs[1].GroupID, reqs[1].Status, reqs[1].DecidedAt = later.ID, group.RequestApproved, t0
	mustNil(t, s.UpdateJoinRequest(ctx, &reqs[1]))
	got, err := s.JoinRequests(ctx, group.JoinRequestQuery{GroupID: later.ID})
	mustNil(t, err)
	equal(t, idsOf(got, reqID), []uuid.UUID{reqs[1].ID})

	// Invitations of a group.
	i1 := group.Invitation{ID: newID(t), GroupID: f.group.ID, CreatedAt: t0.Add(time.Second)}
	i2 := group.Invitation{ID: newID(t), GroupID: f.group.ID, CreatedAt: t0}
	mustNil(t, s.CreateInvitation(ctx, &i1))
	mustNil(t, s.CreateInvitation(ctx, &i2))
	invs, err := s.InvitationsOfGroup(ctx, f.group.ID)
	mustNil(t, err)
	equal(t, idsOf(invs, func(i group.Invitation) uuid.UUID { return i.ID }), []uuid.UUID{i2.ID, i1.ID})
}

func idsOf[T any](list []T, id func(T) uuid.UUID) []uuid.UUID {
	var out []uuid.UUID
	for _, x := range list {
		out = append(out, id(x))
	}
	return out
}

func TestSearchCompanies(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	mk := func(name, city, neq, bn string, status group.CompanyStatus) group.Company {
		c := group.Company{ID: newID(t), LegalName: name, NEQ: neq, BusinessNumber: bn,
			HeadOffice: group.Address{City: city}, Status: status, CreatedAt: t0}
		mustNil(t, s.CreateCompany(ctx, &c))
		return c
	}
	cote := mk("Boulangerie Côté", "Montréal", "1143567890", "123456782RT0001", group.CompanyActive)
	ecole := mk("École 100% bio", "Québec", "", "987654321", group.CompanyPending)
	zed := mk("Zèbre", "Montréal", "", "", group.CompanyActive)
	upper := mk("Zebra", "Laval", "", "", group.CompanyActive) // "Zebra" < "Zèbre" byte-wise

	name := func(c group.Company) uuid.UUID { return c.ID }
	for _, tc := range []struct {
		q    group.CompanyQuery
		want []uuid.UUID
	}{
		{group.CompanyQuery{}, []uuid.UUID{cote.ID, upper.ID, zed.ID, ecole.ID}},
		{group.CompanyQuery{Keyword: "MONTREAL"}, []uuid.UUID{cote.ID, zed.ID}},
		{group.CompanyQuery{Keyword: "côté  montréal"}, []uuid.UUID{cote.ID}},
		{group.CompanyQuery{Keyword: "cote laval"}, nil},
		{group.CompanyQuery{Keyword: "100%"}, []uuid.UUID{ecole.ID}},
		{group.CompanyQuery{Keyword: "%"}, []uuid.UUID{cote.ID, upper.ID, zed.ID, ecole.ID}},
		{group.CompanyQuery{RegistryNumber: "1143-567 890"}, []uuid.UUID{cote.ID}},
		{group.CompanyQuery{RegistryNumber: "123456782"}, []uuid.UUID{cote.ID}},
		{group.CompanyQuery{RegistryNumber: "123456782RT0001"}, []uuid.UUID{cote.ID}},
		{group.CompanyQuery{RegistryNumber: "12345678"}, nil},
		{group.CompanyQuery{Status: group.CompanyPending}, []uuid.UUID{ecole.ID}},
		{group.CompanyQuery{Keyword: "montreal", Status: group.CompanyActive, Limit: 1}, []uuid.UUID{cote.ID}},
	} {
		got, err := s.SearchCompanies(ctx, tc.q)
		mustNil(t, err)
		if !slices.Equal(idsOf(got, name), tc.want) {
			t.Errorf("SearchCompanies(%+v) = %v, want %v", tc.q, idsOf(got, name), tc.want)
		}
	}

	// Updates keep the search columns in step; Limit 0 is 50.
	zed.LegalName, zed.HeadOffice.City = "Zèbre", "Gatineau"
	mustNil(t, s.UpdateCompany(ctx, &zed))
	got, err := s.SearchCompanies(ctx, group.CompanyQuery{Keyword: "gatineau"})
	mustNil(t, err)
	equal(t, idsOf(got, name), []uuid.UUID{zed.ID})
	for i := range 55 {
		mk(fmt.Sprintf("Entreprise %02d", i), "Lévis", "", "", group.CompanyActive)
	}
	got, err = s.SearchCompanies(ctx, group.CompanyQuery{Keyword: "levis"})
	mustNil(t, err)
	equal(t, len(got), 50)
}

func TestOutbox(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	g, subj := newID(t), newID(t)
	e1 := storage.Event{ID: newID(t), Topic: "a", GroupID: g, Subject: subj, Payload: []byte(`{"b":1, "a":[2]}`), OccurredAt: t0.Add(time.Second)}
	e2 := storage.Event{ID: newID(t), Topic: "b", OccurredAt: t0}
	e3 := storage.Event{ID: newID(t), Topic: "c", OccurredAt: t0}
	mustNil(t, s.AppendEvents(ctx, e1, e2, e3))
	mustIs(t, s.AppendEvents(ctx, storage.Event{ID: newID(t)}, e2), storage.ErrDuplicate)

	// Oldest first, ties in the order appended; payload byte for byte.
	got, err := s.ClaimEvents(ctx, "A", 2, time.Minute, t0)
	mustNil(t, err)
	equal(t, idsOf(got, func(e storage.Event) uuid.UUID { return e.ID }), []uuid.UUID{e2.ID, e3.ID})
	equal(t, got[0].Attempts, 1)
	equal(t, got[0].OccurredAt, us(t0))
	got, err = s.ClaimEvents(ctx, "B", 5, time.Minute, t0.Add(30*time.Second))
	mustNil(t, err)
	want := e1
	want.OccurredAt, want.Attempts = us(e1.OccurredAt), 1
	equal(t, got, []storage.Event{want})

	// Leases: nothing free until A's lease ends, then B takes over and A
	// may no longer acknowledge.
	got, err = s.ClaimEvents(ctx, "B", 5, time.Minute, t0.Add(59*time.Second))
	mustNil(t, err)
	equal(t, len(got), 0)
	got, err = s.ClaimEvents(ctx, "B", 5, time.Minute, t0.Add(time.Minute))
	mustNil(t, err)
	equal(t, idsOf(got, func(e storage.Event) uuid.UUID { return e.ID }), []uuid.UUID{e2.ID, e3.ID})
	equal(t, got[0].Attempts, 2)
	err = s.AckEvents(ctx, "A", e2.ID, e3.ID)
	mustIs(t, err, storage.ErrConflict)
	mustNil(t, s.AckEvents(ctx, "B", e1.ID, e2.ID))
	// A's conflict on e3 does not stop the others; acked events are a no-op.
	err = s.AckEvents(ctx, "A", e1.ID, e3.ID)
	mustIs(t, err, storage.ErrConflict)
	mustNil(t, s.AckEvents(ctx, "B", e1.ID, e2.ID, e3.ID))
	mustNil(t, s.AckEvents(ctx, "A", e3.ID))
	mustIs(t, s.AckEvents(ctx, "A", newID(t)), storage.ErrNotFound)
	got, err = s.ClaimEvents(ctx, "C", 5, time.Minute, t0.Add(time.Hour))
	mustNil(t, err)
	equal(t, len(got), 0)

	// Events appended in a transaction that rolls back never existed.
	e4 := storage.Event{ID: newID(t), Topic: "d", OccurredAt: t0}
	_ = s.Atomic(ctx, func(ctx context.Context) error {
		mustNil(t, s.AppendEvents(ctx, e4))
		return errors.New("rollback")
	})
	got, err = s.ClaimEvents(ctx, "C", 5, time.Minute, t0.Add(time.Hour))
	mustNil(t, err)
	equal(t, len(got), 0)
}

// Concurrent workers never share an event while its lease runs.
func TestOutboxConcurrentWorkers(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	const n = 300
	events := make([]storage.Event, n)
	for i := range events {
		events[i] = storage.Event{ID: newID(t), Topic: "t", OccurredAt: t0.Add(time.Duration(i%17) * time.Second)}
	}
	mustNil(t, s.AppendEvents(ctx, events...))

	var mu sync.Mutex
	seen := make(map[uuid.UUID]string)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 4 {
		worker := fmt.Sprintf("w%d", w)
		wg.Go(func() {
			for {
				got, err := s.ClaimEvents(ctx, worker, 7, time.Hour, t0)
				if err != nil {
					errs <- err
					return
				}
				if len(got) == 0 {
					return
				}
				ids := make([]uuid.UUID, len(got))
				mu.Lock()
				for i, e := range got {
					if prev, ok := seen[e.ID]; ok {
						errs <- fmt.Errorf("event %s claimed by %s and %s", e.ID, prev, worker)
					}
					seen[e.ID] = worker
					ids[i] = e.ID
				}
				mu.Unlock()
				if err := s.AckEvents(ctx, worker, ids...); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	equal(t, len(seen), n)
}
