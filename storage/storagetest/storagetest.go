// Package storagetest is the storage conformance suite: Run proves that a
// store implementation keeps every promise of the library's store contracts
// (group.Store and billing.Store with storage.Transactor and storage.Outbox
// today; each domain store joins as it is written), as testing/fstest.TestFS
// proves an fs.FS.
//
// storage/memory and storage/postgres run it; so can a host's own store:
//
//	func TestMyStore(t *testing.T) {
//		storagetest.Run(t, func(t *testing.T) storagetest.Store {
//			return mystore.New()
//		})
//	}
//
// Run calls newStore once per subtest and expects an empty store each time
// (for a database: a fresh schema, or truncated tables; register any clean-up
// with t.Cleanup). The subtests run one after the other; their names
// ("Company/UpdateStale", "Outbox/ConcurrentClaims"…) can be selected with
// go test -run. The suite uses only the standard testing package and fixed
// timestamps (2026-03-01T12:00:00Z onwards), never the wall clock, for
// its data.
//
// What the suite requires beyond the interfaces' documentation, so that every
// store behaves like every other:
//
//   - Times are returned in UTC (Location() == time.UTC), truncated to the
//     microsecond; zero times stay zero.
//   - Lists of records never distinguish nil from empty, and neither do
//     byte and role slices inside records; JSON payloads are compared as JSON
//     values (a store may reformat them, as PostgreSQL's jsonb does).
//   - Companies are ordered by legal name byte-wise (PostgreSQL: COLLATE "C")
//     then ID; UUIDs are ordered byte-wise.
//   - Update* checks references as Create* does: a group's company, a join
//     request's user and company, an invitation's group must exist
//     (storage.ErrNotFound).
//   - AppendEvents writes all its events or none; it ignores the Attempts
//     given. ClaimEvents with limit 0 claims nothing. AckEvents of an unknown
//     ID acknowledges the others and returns storage.ErrNotFound; of an
//     event claimed by another worker, or never claimed, storage.ErrConflict;
//     the worker of an event's last claim may acknowledge it after its lease
//     ended, as long as nobody claimed it since.
//   - Lists for an unknown parent (GroupsOfCompany of an unknown company…)
//     are empty, not an error.
//   - Credit ledgers are listed by product byte-wise; lots in drawing order
//     (expiry, lots that never expire last, then creation time, then ID);
//     reservations by reservation time, reference, product; ledger entries
//     by time, then in the order they were appended. Times given in
//     queries (UsableAt, ExpiredAt, Since, Until, now) are truncated to the
//     microsecond like stored ones.
//   - LockCreditLedger creates a missing ledger and serialises the
//     transactions that lock the same ledger: n concurrent
//     lock-read-update transactions all succeed, without ErrConflict.
//   - A billing record whose Check fails is refused with
//     billing.ErrInconsistent, and an error of a billing method inside a
//     transaction leaves the transaction usable.
package storagetest

import (
	"testing"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
)

// Store is what the suite tests: every store contract of the library. It
// grows with each domain store (offer, billing…), so that one value
// implements them all and one transaction spans several aggregates.
type Store interface {
	group.Store
	billing.Store
}

// Option adapts the suite to a store's legitimate differences.
type Option func(*config)

type config struct {
	concurrency int
}

// Concurrency sets how many goroutines the concurrency subtests run at once
// (20 by default; the outbox subtests use at most 4 workers). Lower it for a
// store whose connection pool or server cannot hold that many transactions
// at once; n below 2 keeps the default.
func Concurrency(n int) Option {
	return func(c *config) {
		if n >= 2 {
			c.concurrency = n
		}
	}
}

// suite holds what every subtest needs.
type suite struct {
	newStore func(t *testing.T) Store
	cfg      config
}

// Run runs the whole conformance suite against the stores newStore returns,
// one fresh store per subtest.
func Run(t *testing.T, newStore func(t *testing.T) Store, opts ...Option) {
	t.Helper()
	su := &suite{newStore: newStore, cfg: config{concurrency: 20}}
	for _, o := range opts {
		o(&su.cfg)
	}
	t.Run("Company", su.testCompany)
	t.Run("SearchCompanies", su.testSearchCompanies)
	t.Run("Group", su.testGroup)
	t.Run("User", su.testUser)
	t.Run("Membership", su.testMembership)
	t.Run("JoinRequest", su.testJoinRequest)
	t.Run("Invitation", su.testInvitation)
	t.Run("GroupIsolation", su.testGroupIsolation)
	t.Run("Times", su.testTimes)
	t.Run("Atomic", su.testAtomic)
	t.Run("Concurrency", su.testConcurrency)
	t.Run("Outbox", su.testOutbox)
	t.Run("CreditLedger", su.testCreditLedger)
	t.Run("CreditLot", su.testCreditLot)
	t.Run("CreditReservation", su.testCreditReservation)
	t.Run("LedgerEntries", su.testLedgerEntries)
	t.Run("CreditAtomic", su.testCreditAtomic)
}
