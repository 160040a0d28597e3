package postgres_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/babillard/babillard/storage/memory"
	"github.com/babillard/babillard/storage/postgres"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// The credit bank over PostgreSQL: the ledger lock must hold under real
// concurrency, not only in the memory store's serial transactions.

// bankStore is what the bank's tests need of a store.
type bankStore interface {
	group.Store
	billing.Store
}

// bankBoard is a company whose "Groupe 001" has a Principal, a second group
// of the company, a moderator and the credit bank, at a fixed time.
type bankBoard struct {
	bank      *billing.Service
	store     bankStore
	principal group.Actor
	second    uuid.UUID
	moderator group.Moderator
}

var bankNow = time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)

func newBankBoard(t testing.TB, store bankStore) bankBoard {
	t.Helper()
	svc, principal := board(t, store)
	mod := staffAdmin(t, store, svc)
	g, err := svc.Group(context.Background(), principal.GroupID)
	mustNil(t, err)
	second, err := svc.CreateGroup(context.Background(), mod, g.CompanyID, "Groupe 002")
	mustNil(t, err)
	bank := billing.New(store, svc, &billing.Options{Now: func() time.Time { return bankNow }})
	return bankBoard{bank: bank, store: store, principal: principal, second: second.ID, moderator: mod}
}

func (b bankBoard) grant(t testing.TB, groupID uuid.UUID, p billing.Product, n int, expires time.Time) billing.Lot {
	t.Helper()
	lot, err := b.bank.Grant(context.Background(), b.moderator, billing.GrantInput{GroupID: groupID, Product: p, Quantity: n, ExpiresAt: expires})
	mustNil(t, err)
	return lot
}

func (b bankBoard) balance(t testing.TB, groupID uuid.UUID, p billing.Product) billing.Balance {
	t.Helper()
	all, err := b.bank.BalancesOf(context.Background(), b.moderator, groupID)
	mustNil(t, err)
	for _, bal := range all {
		if bal.Product == p {
			if !bal.Balanced() {
				t.Fatalf("balance does not balance: %+v", bal)
			}
			return bal
		}
	}
	t.Fatalf("no balance of %s", p)
	return billing.Balance{}
}

// Fifty submissions at once against ten credits (in two lots): exactly ten
// succeed, forty get billing.ErrNoCredit, nothing goes negative.
func TestBillingConcurrentSubmissions(t *testing.T) {
	b := newBankBoard(t, newStore(t))
	ctx := context.Background()
	g := b.principal.GroupID
	b.grant(t, g, billing.EngineerPosting, 6, bankNow.Add(30*24*time.Hour))
	b.grant(t, g, billing.EngineerPosting, 4, time.Time{})
	const n = 50
	var ok, refused atomic.Int32
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, err := b.bank.Reserve(ctx, b.principal, uuid.New(), billing.EngineerPosting)
			switch {
			case err == nil:
				ok.Add(1)
			case errors.Is(err, billing.ErrNoCredit):
				refused.Add(1)
			default:
				t.Errorf("submission %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if ok.Load() != 10 || refused.Load() != n-10 {
		t.Fatalf("%d submissions succeeded and %d found no credit, want 10 and %d", ok.Load(), refused.Load(), n-10)
	}
	equal(t, b.balance(t, g, billing.EngineerPosting), billing.Balance{GroupID: g, Product: billing.EngineerPosting, Granted: 10, Reserved: 10})
	lots, err := b.store.CreditLots(ctx, billing.LotQuery{GroupID: g, WithRemaining: true})
	mustNil(t, err)
	equal(t, len(lots), 0)
	rs, err := b.store.CreditReservations(ctx, billing.ReservationQuery{GroupID: g})
	mustNil(t, err)
	equal(t, len(rs), 10)
	entries, err := b.store.LedgerEntries(ctx, billing.EntryQuery{GroupID: g, Kind: billing.KindReserve})
	mustNil(t, err)
	equal(t, len(entries), 10)
}

// The same submission retried at once takes one credit; a cancellation
// racing an approval settles each reservation once.
func TestBillingConcurrentSettlements(t *testing.T) {
	b := newBankBoard(t, newStore(t))
	ctx := context.Background()
	g := b.principal.GroupID
	b.grant(t, g, billing.Featured, 12, time.Time{})
	offer := uuid.New()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := b.bank.Reserve(ctx, b.principal, offer, billing.Featured); err != nil {
				t.Errorf("reserve the same reference: %v", err)
			}
		})
	}
	wg.Wait()
	equal(t, b.balance(t, g, billing.Featured), billing.Balance{GroupID: g, Product: billing.Featured, Granted: 12, Available: 11, Reserved: 1})

	refs := []uuid.UUID{offer}
	for range 9 {
		r, err := b.bank.Reserve(ctx, b.principal, uuid.New(), billing.Featured)
		mustNil(t, err)
		refs = append(refs, r.Ref)
	}
	var released, consumed atomic.Int32
	for _, ref := range refs {
		wg.Go(func() {
			_, err := b.bank.Release(ctx, b.principal, ref, billing.Featured)
			if err == nil {
				released.Add(1)
			} else if !errors.Is(err, billing.ErrNotAllowed) {
				t.Errorf("release: %v", err)
			}
		})
		wg.Go(func() {
			_, err := b.bank.Consume(ctx, b.moderator, ref, billing.Featured)
			if err == nil {
				consumed.Add(1)
			} else if !errors.Is(err, billing.ErrNotAllowed) {
				t.Errorf("consume: %v", err)
			}
		})
	}
	wg.Wait()
	r, c := int(released.Load()), int(consumed.Load())
	equal(t, r+c, 10)
	equal(t, b.balance(t, g, billing.Featured), billing.Balance{GroupID: g, Product: billing.Featured, Granted: 12, Available: 2 + r, Consumed: c})
}

// Opposite transfers between two groups, with submissions, run at once:
// the ledgers are locked in one order, so there is no deadlock, and every
// credit is accounted for.
func TestBillingConcurrentTransfers(t *testing.T) {
	b := newBankBoard(t, newStore(t))
	ctx := context.Background()
	a, second := b.principal.GroupID, b.second
	b.grant(t, a, billing.EngineerPosting, 30, time.Time{})
	b.grant(t, second, billing.EngineerPosting, 30, bankNow.Add(time.Hour))
	var wg sync.WaitGroup
	var reserved atomic.Int32
	for i := range 10 {
		wg.Go(func() {
			from, to := a, second
			if i%2 == 1 {
				from, to = second, a
			}
			if _, err := b.bank.Transfer(ctx, b.moderator, billing.TransferInput{From: from, To: to, Product: billing.EngineerPosting, Quantity: 3}); err != nil {
				t.Errorf("transfer %d: %v", i, err)
			}
		})
		wg.Go(func() {
			if _, err := b.bank.Reserve(ctx, b.principal, uuid.New(), billing.EngineerPosting); err == nil {
				reserved.Add(1)
			} else {
				t.Errorf("reserve: %v", err)
			}
		})
	}
	wg.Wait()
	ba, bs := b.balance(t, a, billing.EngineerPosting), b.balance(t, second, billing.EngineerPosting)
	equal(t, []int{ba.TransferredIn, ba.TransferredOut, bs.TransferredIn, bs.TransferredOut}, []int{15, 15, 15, 15})
	equal(t, ba.Reserved, int(reserved.Load()))
	equal(t, ba.Available+ba.Reserved+bs.Available, 60)
}

// A purchase granted twice at once (a retried payment callback) credits
// once; two ExpireDue runs at once expire each credit once.
func TestBillingConcurrentGrantsAndExpiries(t *testing.T) {
	b := newBankBoard(t, newStore(t))
	ctx := context.Background()
	g := b.principal.GroupID
	var wg sync.WaitGroup
	lots := make([]billing.Lot, 6)
	for i := range lots {
		wg.Go(func() {
			lot, err := b.bank.GrantPurchase(ctx, b.principal, billing.GrantInput{Product: billing.CPIPosting, Quantity: 5,
				PurchaseRef: "CMD-2026-0099", ExpiresAt: bankNow.Add(time.Hour)})
			if err != nil {
				t.Errorf("grant purchase %d: %v", i, err)
			}
			lots[i] = lot
		})
	}
	wg.Wait()
	for _, l := range lots {
		equal(t, l.ID, lots[0].ID)
	}
	b.grant(t, b.second, billing.CPIPosting, 3, bankNow.Add(2*time.Hour))
	equal(t, b.balance(t, g, billing.CPIPosting), billing.Balance{GroupID: g, Product: billing.CPIPosting, Granted: 5, Available: 5})

	var expired atomic.Int32
	for range 4 {
		wg.Go(func() {
			n, err := b.bank.ExpireDue(ctx, bankNow.Add(3*time.Hour))
			if err != nil {
				t.Errorf("ExpireDue: %v", err)
			}
			expired.Add(int32(n))
		})
	}
	wg.Wait()
	equal(t, int(expired.Load()), 8)
	entries, err := b.store.LedgerEntries(ctx, billing.EntryQuery{Kind: billing.KindExpire})
	mustNil(t, err)
	equal(t, len(entries), 2)
	equal(t, b.balance(t, g, billing.CPIPosting), billing.Balance{GroupID: g, Product: billing.CPIPosting, Granted: 5, Expired: 5})
}

// The CHECK constraints refuse, as a last guard, what the store's own
// checks already refuse: a negative count, an unbalanced ledger, a lot
// holding more than it was granted.
func TestBillingCheckConstraints(t *testing.T) {
	dsn := requireDB(t)
	schema := newSchema(t, dsn)
	ctx := context.Background()
	s, err := postgres.New(ctx, newPool(t, dsn), &postgres.Options{Schema: schema})
	mustNil(t, err)
	b := newBankBoard(t, s)
	lot := b.grant(t, b.principal.GroupID, billing.EngineerPosting, 2, time.Time{})
	ledgers := pgx.Identifier{schema, "babillard_credit_ledgers"}.Sanitize()
	lots := pgx.Identifier{schema, "babillard_credit_lots"}.Sanitize()
	entries := pgx.Identifier{schema, "babillard_credit_entries"}.Sanitize()
	for _, stmt := range []string{
		`UPDATE ` + ledgers + ` SET available = available - 3, reserved = reserved + 3`,
		`UPDATE ` + ledgers + ` SET available = available + 1`,
		`UPDATE ` + ledgers + ` SET consumed = consumed + 1, reserved = reserved - 1`,
		`UPDATE ` + lots + ` SET remaining = quantity + 1`,
		`UPDATE ` + lots + ` SET remaining = -1`,
		`UPDATE ` + entries + ` SET quantity = 0`,
		`UPDATE ` + entries + ` SET kind = 'refund'`,
	} {
		if _, err := s.Pool().Exec(ctx, stmt); err == nil {
			t.Errorf("%s: no error, want a CHECK violation", stmt)
		}
	}
	equal(t, b.balance(t, b.principal.GroupID, billing.EngineerPosting),
		billing.Balance{GroupID: b.principal.GroupID, Product: billing.EngineerPosting, Granted: 2, Available: 2})
	got, err := s.CreditLot(ctx, lot.ID)
	mustNil(t, err)
	equal(t, got.Remaining, 2)
}

// LockCreditLedger holds its row lock until the transaction ends: a second
// transaction's lock waits for the first to commit.
func TestBillingLedgerLockWaits(t *testing.T) {
	s := newStore(t)
	f := seed(t, s)
	ctx := context.Background()
	locked := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.Atomic(ctx, func(ctx context.Context) error {
			l, err := s.LockCreditLedger(ctx, f.group.ID, billing.Extension)
			if err != nil {
				return err
			}
			close(locked)
			<-release
			l.Granted, l.Available = 1, 1
			return s.UpdateCreditLedger(ctx, &l)
		})
	}()
	<-locked
	second := make(chan billing.Ledger, 1)
	go func() {
		_ = s.Atomic(ctx, func(ctx context.Context) error {
			l, err := s.LockCreditLedger(ctx, f.group.ID, billing.Extension)
			second <- l
			return err
		})
	}()
	select {
	case l := <-second:
		t.Fatalf("the second lock did not wait: %+v", l)
	case <-time.After(200 * time.Millisecond):
	}
	close(release)
	mustNil(t, <-done)
	l := <-second
	equal(t, []int64{int64(l.Granted), l.Version}, []int64{1, 2})
	_, err := s.LockCreditLedger(ctx, uuid.New(), billing.Extension)
	mustIs(t, err, storage.ErrNotFound)
}

// BenchmarkReserveConsume measures submitting an offer and approving it
// (Reserve then Consume: two transactions, each authorising the member or
// moderator, locking the ledger, drawing from or settling against a lot,
// and appending an entry) on the in-memory store, the baseline, and on
// PostgreSQL, in the same run. Each batch of 500 runs on a fresh board
// with 500 credits, so the stores stay small whatever b.N.
func BenchmarkReserveConsume(b *testing.B) {
	stores := []struct {
		name string
		open func(testing.TB) bankStore
	}{
		{"memory", func(testing.TB) bankStore { return memory.New() }},
		{"postgres", func(t testing.TB) bankStore { return newStore(t) }},
	}
	const batch = 500
	for _, st := range stores {
		b.Run(st.name, func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			for done := 0; done < b.N; done += batch {
				b.StopTimer()
				bb := newBankBoard(b, st.open(b))
				n := min(batch, b.N-done)
				bb.grant(b, bb.principal.GroupID, billing.EngineerPosting, n, bankNow.Add(time.Hour))
				refs := make([]uuid.UUID, n)
				for i := range refs {
					refs[i] = uuid.New()
				}
				b.StartTimer()
				for _, ref := range refs {
					if _, err := bb.bank.Reserve(ctx, bb.principal, ref, billing.EngineerPosting); err != nil {
						b.Fatal(err)
					}
					if _, err := bb.bank.Consume(ctx, bb.moderator, ref, billing.EngineerPosting); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
