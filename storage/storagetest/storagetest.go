// Package storagetest is the storage conformance suite: Run proves that a
// store implementation keeps every promise of the library's store contracts
// (group.Store, billing.Store and offer.Store with storage.Transactor and
// storage.Outbox today; each domain store joins as it is written), as
// testing/fstest.TestFS proves an fs.FS.
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
//   - Offers are values: the store keeps deep copies, so changing an
//     argument after a write, or a returned offer (its lists, its
//     Revision), changes nothing stored. Content round-trips whole, zero
//     dates (a draft's ApplicationDeadline) included; an empty Revision is
//     not nil.
//   - Offers lists newest first by CreatedAt then ID, both descending, or,
//     with ByValidationDue, by ValidationDue (the zero time first) then
//     ID ascending. A title matches when every word of the folded query
//     (group.Fold: symbols separate words) occurs, as a substring, in the
//     folded French and English titles. UpdateOffer checks the group as
//     CreateOffer does, and CountOffers has no entry for statuses without
//     offers.
//   - DueOffers truncates now to the microsecond; a scheduled offer with a
//     zero PublishAt, or a published one with a zero ExpiresAt, is due (the
//     zero time has come, as for the offer machine's guards); the expiry
//     warning may be due when ExpiresAt - offer.ExpiryWarningWindow has
//     come. A
//     limit of 0 or less returns nothing.
//   - Paged lists (the ListStore methods of group, offer and billing) return
//     the records strictly after the window's page.Key in the list's order
//     (the key functions group.MemberKey, offer.CreatedKey, billing.LotKey…
//     say which), at most its Limit (0: all): walking the pages returns
//     every record once, in order, records inserted between two pages
//     included when they sort after the cursor. History and ledger entries
//     carry the store's append order in Seq.
//   - An erased user (EraseUser) is found by ID only, never by UserByEmail
//     (not even of the empty string, which every erased user has); its
//     former address may be registered again at once. RedactEvents rewrites
//     acknowledged events too.
//   - The staff roster lists by AddedAt, then user ID, removed members
//     included; an unknown board role is refused (any error) and nothing is
//     written. LockStaffRoster serialises the transactions that take it, and
//     does nothing outside a transaction.
//   - History lists by time, then in the order of appending; AppendHistory
//     and AppendHits write all their entries or none (storage.ErrNotFound
//     for an unknown offer). CountHits counts days in the location given,
//     daylight-saving changes included.
//   - AddOptimization records a key once (storage.ErrDuplicate after, also
//     when transactions race), storage.ErrNotFound for an unknown offer,
//     neither aborting the caller's transaction; At is kept to the
//     microsecond, Shortfall to the nanosecond.
//   - Promo codes are found by their exact stored name; a code's Percent
//     keeps its value (its scale may change: 15 may come back as 15.00) and
//     its SKUs their order. RecordPromoUse records an order key once, also
//     when transactions race, and LockPromoCode serialises the transactions
//     that lock one code.
package storagetest

import (
	"testing"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/billing/promo"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/offer"
)

// Store is what the suite tests: every store contract of the library. It
// grows with each domain store (offer, billing…), so that one value
// implements them all and one transaction spans several aggregates.
type Store interface {
	group.Store
	billing.Store
	offer.Store
	billing.PrivacyStore
	offer.PrivacyStore
	promo.Store
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
	t.Run("Staff", su.testStaff)
	t.Run("ErrorsNameNoAddress", su.testErrorsNameNoAddress)
	t.Run("GroupIsolation", su.testGroupIsolation)
	t.Run("GroupLists", su.testGroupLists)
	t.Run("Times", su.testTimes)
	t.Run("Atomic", su.testAtomic)
	t.Run("Concurrency", su.testConcurrency)
	t.Run("Outbox", su.testOutbox)
	t.Run("CreditLedger", su.testCreditLedger)
	t.Run("CreditLot", su.testCreditLot)
	t.Run("CreditReservation", su.testCreditReservation)
	t.Run("LedgerEntries", su.testLedgerEntries)
	t.Run("CreditAtomic", su.testCreditAtomic)
	t.Run("BillingLists", su.testBillingLists)
	t.Run("Offer", su.testOffer)
	t.Run("Offers", su.testOffers)
	t.Run("CountOffers", su.testCountOffers)
	t.Run("DueOffers", su.testDueOffers)
	t.Run("OfferHistory", su.testOfferHistory)
	t.Run("OfferLists", su.testOfferLists)
	t.Run("OfferHits", su.testOfferHits)
	t.Run("OfferAtomic", su.testOfferAtomic)
	t.Run("ReadEvents", su.testReadEvents)
	t.Run("Privacy", su.testPrivacy)
	t.Run("Optimization", su.testOptimization)
	t.Run("Promo", su.testPromo)
}
