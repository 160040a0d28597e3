package billing

import (
	"context"
	"time"

	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// Store is the persistence the credit bank needs. storage/memory and
// storage/postgres implement it, on the same value as the other domain
// stores, so that an offer's submission and its reservation share a
// transaction; storage/storagetest proves any implementation.
//
// Conventions, as in group.Store: a missing record is storage.ErrNotFound,
// and so is a missing referenced record (a ledger's, lot's, reservation's
// or entry's group, a reservation's lot); Create* stores version 1 (setting
// the argument's Version) and returns storage.ErrDuplicate for a taken
// identity or unique key; Update* writes only when the argument's Version
// equals the stored one, stores Version+1 and increments the argument's
// Version, and returns storage.ErrConflict otherwise; lists are ordered as
// documented and never nil-versus-empty sensitive. Times are returned in
// UTC, to the microsecond.
//
// A store refuses, with an error unwrapping to ErrInconsistent, to write a
// ledger, lot, reservation or entry whose Check fails, and writes nothing
// then: the last guard of "a balance never goes negative" (PostgreSQL also
// has CHECK constraints). The store does not validate products: the
// service does.
type Store interface {
	storage.Transactor
	storage.Outbox
	ListStore

	// LockCreditLedger returns the ledger of (groupID, product), creating
	// it empty at version 1 if it does not exist (the group must), and,
	// within a transaction, keeps every other transaction from locking it
	// until this one ends. Services lock a ledger before reading the lots
	// they draw from and before writing any of its lots, reservations,
	// entries or counters, so that no credit is taken twice. Due is zero.
	LockCreditLedger(ctx context.Context, groupID uuid.UUID, product Product) (Ledger, error)
	// CreditLedgers returns a group's ledgers ordered by product
	// (byte-wise), each with Due computed at now (see Ledger.Due), read
	// consistently with its counters (one snapshot). An unknown group has
	// none.
	CreditLedgers(ctx context.Context, groupID uuid.UUID, now time.Time) ([]Ledger, error)
	// UpdateCreditLedger writes a ledger's counters (optimistic on
	// Version).
	UpdateCreditLedger(ctx context.Context, l *Ledger) error

	// CreateCreditLot stores a new lot; its group must exist; a non-empty
	// PurchaseRef already used by a lot of the same product is
	// storage.ErrDuplicate.
	CreateCreditLot(ctx context.Context, l *Lot) error
	// CreditLot returns a lot by ID.
	CreditLot(ctx context.Context, id uuid.UUID) (Lot, error)
	// CreditLotByPurchase returns the lot of product granted for a purchase
	// reference; an empty reference finds nothing.
	CreditLotByPurchase(ctx context.Context, purchaseRef string, product Product) (Lot, error)
	// UpdateCreditLot writes a lot's Remaining and Note (optimistic on
	// Version); its other fields are fixed at creation and not written.
	UpdateCreditLot(ctx context.Context, l *Lot) error
	// CreditLots returns the lots matching q in drawing order: expiry first
	// (lots that never expire last), then creation time, then ID.
	CreditLots(ctx context.Context, q LotQuery) ([]Lot, error)

	// CreateCreditReservation stores a new reservation; its group and lot
	// must exist; a taken (Ref, Product) is storage.ErrDuplicate.
	CreateCreditReservation(ctx context.Context, r *Reservation) error
	// CreditReservation returns the reservation of (ref, product).
	CreditReservation(ctx context.Context, ref uuid.UUID, product Product) (Reservation, error)
	// UpdateCreditReservation writes a reservation's Status, LotID,
	// ReservedBy, ReservedAt and Settled* fields (optimistic on Version);
	// its lot must exist. GroupID is fixed at creation and not written.
	UpdateCreditReservation(ctx context.Context, r *Reservation) error
	// CreditReservations returns the reservations matching q ordered by
	// ReservedAt, then Ref, then Product.
	CreditReservations(ctx context.Context, q ReservationQuery) ([]Reservation, error)

	// AppendLedgerEntries records entries, all or none: an ID already
	// recorded (or given twice) is storage.ErrDuplicate, an unknown group
	// storage.ErrNotFound. Entries are never updated nor deleted.
	AppendLedgerEntries(ctx context.Context, entries ...Entry) error
	// LedgerEntries returns the entries matching q ordered by At, then in
	// the order they were appended (the reverse with q.Descending).
	LedgerEntries(ctx context.Context, q EntryQuery) ([]Entry, error)
}

// LotQuery selects lots. Zero fields select everything; set fields combine
// with AND.
type LotQuery struct {
	// GroupID keeps one group's lots (uuid.Nil: every group's).
	GroupID uuid.UUID `json:"group_id"`
	// Product keeps one product's lots.
	Product Product `json:"product"`
	// WithRemaining keeps the lots with credits left (Remaining > 0).
	WithRemaining bool `json:"with_remaining"`
	// UsableAt keeps the lots that have not expired at that time (no
	// expiry, or an expiry after it).
	UsableAt time.Time `json:"usable_at,omitzero"`
	// ExpiredAt keeps the lots that have expired at that time (an expiry at
	// or before it).
	ExpiredAt time.Time `json:"expired_at,omitzero"`
	// Limit caps the result (0: no limit).
	Limit int `json:"limit"`
}

// ReservationQuery selects reservations. Zero fields select everything;
// set fields combine with AND.
type ReservationQuery struct {
	// GroupID keeps one group's reservations (uuid.Nil: every group's).
	GroupID uuid.UUID `json:"group_id"`
	// Ref keeps one reference's reservations (one per product).
	Ref uuid.UUID `json:"ref"`
	// Product keeps one product's reservations.
	Product Product `json:"product"`
	// Status keeps the reservations in one status.
	Status ReservationStatus `json:"status"`
}

// EntryQuery selects ledger entries. Zero fields select everything; set
// fields combine with AND.
type EntryQuery struct {
	// GroupID keeps one group's entries (uuid.Nil: every group's).
	GroupID uuid.UUID `json:"group_id"`
	// Product keeps one product's entries.
	Product Product `json:"product"`
	// Kind keeps the entries of one kind.
	Kind EntryKind `json:"kind"`
	// Ref keeps the entries of one reservation reference or transfer.
	Ref uuid.UUID `json:"ref"`
	// Since keeps the entries with At at or after it.
	Since time.Time `json:"since,omitzero"`
	// Until keeps the entries with At before it.
	Until time.Time `json:"until,omitzero"`
	// Descending lists the newest first.
	Descending bool `json:"descending"`
	// Limit caps the result of Store.LedgerEntries, after ordering (0: no
	// limit). Statement and StatementOf ignore it: their page sets the size.
	Limit int `json:"limit"`
}
