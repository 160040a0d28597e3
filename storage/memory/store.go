package memory

import (
	"bytes"
	"cmp"
	"fmt"
	"sync"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// Store is the in-memory store. Create one with New (the zero Store is an
// empty store too); do not copy a Store once used.
type Store struct {
	// mu guards everything below; Atomic holds it exclusively for a whole
	// transaction.
	mu sync.RWMutex

	// group.Store (group.go)
	companies    table[uuid.UUID, companyRow]
	groups       table[uuid.UUID, group.Group]
	users        table[uuid.UUID, group.User]
	userByEmail  table[string, uuid.UUID]
	memberships  table[membershipKey, group.Membership]
	joinRequests table[uuid.UUID, group.JoinRequest]
	invitations  table[uuid.UUID, group.Invitation]
	staff        table[uuid.UUID, group.Staff] // staff.go

	// billing.Store (billing.go)
	creditLedgers      table[ledgerKey, billing.Ledger]
	creditLots         table[uuid.UUID, billing.Lot]
	lotByPurchase      table[purchaseKey, uuid.UUID]
	creditReservations table[reservationKey, billing.Reservation]
	ledgerEntries      table[uuid.UUID, entryRow]
	// entrySeq numbers appended ledger entries, to order those of the same
	// time; a rolled-back append leaves a gap, which is harmless.
	entrySeq uint64

	// offer.Store (offer.go)
	offers       table[uuid.UUID, offerRow]
	offerHistory table[uint64, historyRow]
	// historySeq numbers appended history entries, to order those of the
	// same time.
	historySeq uint64
	// hits is the log of offer.StatsStore; hitSeq numbers it.
	hits   table[uint64, offer.Hit]
	hitSeq uint64
	// optimizations is offer.OptimizationStore's, by key
	// (optimization.go).
	optimizations table[uuid.UUID, offer.Optimization]

	// promo.Store (promo.go)
	promo promoTables

	// storage.Outbox (outbox.go)
	events  table[uuid.UUID, eventRow]
	unacked table[uuid.UUID, struct{}]
	// eventSeq numbers appended events, to order those that occurred at the
	// same time. A rolled-back append leaves a gap, which is harmless.
	eventSeq uint64
}

// Compile-time proof of the contracts Store implements.
var (
	_ storage.Transactor = (*Store)(nil)
	_ storage.Outbox     = (*Store)(nil)
	_ group.Store        = (*Store)(nil)
	_ billing.Store      = (*Store)(nil)
	_ offer.Store        = (*Store)(nil)
)

// New returns an empty store.
func New() *Store { return new(Store) }

// ts returns t as the store keeps it: UTC, truncated to the microsecond, no
// monotonic reading. The zero time stays zero.
func ts(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// compareID orders UUIDs byte-wise, as PostgreSQL orders its uuid type.
func compareID(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }

// compareTimeID orders by time, then ID.
func compareTimeID(at, bt time.Time, aID, bID uuid.UUID) int {
	return cmp.Or(at.Compare(bt), compareID(aID, bID))
}

func errNotFound(what string, id any) error {
	return fmt.Errorf("memory: %s %v: %w", what, id, storage.ErrNotFound)
}

func errDuplicate(what string, id any) error {
	return fmt.Errorf("memory: %s %v: %w", what, id, storage.ErrDuplicate)
}

func errConflict(what string, id any, got, stored int64) error {
	return fmt.Errorf("memory: %s %v: version %d, stored %d: %w", what, id, got, stored, storage.ErrConflict)
}
