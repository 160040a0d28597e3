package billing

import (
	"fmt"
	"time"

	"github.com/google/uuid"
)

// Balance is what a group holds of one product, at one instant. It always
// balances:
//
//	Granted + TransferredIn = Available + Reserved + Consumed + Expired + TransferredOut
//
// and no field is negative.
type Balance struct {
	// GroupID and Product say whose balance of what.
	GroupID uuid.UUID `json:"group_id"`
	Product Product   `json:"product"`
	// Granted counts the credits granted to the group (purchases and board
	// grants).
	Granted int `json:"granted"`
	// TransferredIn counts the credits the board moved in from other
	// groups.
	TransferredIn int `json:"transferred_in"`
	// Available counts the credits that can be reserved now: in lots that
	// have not expired, neither reserved, consumed nor transferred out.
	Available int `json:"available"`
	// Reserved counts the credits held by reservations (offers submitted and
	// not yet approved, or drafts that kept their package).
	Reserved int `json:"reserved"`
	// Consumed counts the credits used by approved offers.
	Consumed int `json:"consumed"`
	// Expired counts the credits whose lot expired before anyone reserved
	// them, recorded by ExpireDue or not yet.
	Expired int `json:"expired"`
	// TransferredOut counts the credits the board moved to other groups.
	TransferredOut int `json:"transferred_out"`
}

// Balanced reports whether b obeys the identity of the ledger with no
// negative count.
func (b Balance) Balanced() bool {
	return min(b.Granted, b.TransferredIn, b.Available, b.Reserved, b.Consumed, b.Expired, b.TransferredOut) >= 0 &&
		b.Granted+b.TransferredIn == b.Available+b.Reserved+b.Consumed+b.Expired+b.TransferredOut
}

// Ledger holds the counters of one group's credits of one product: one per
// (group, product), created empty on first use and updated in the
// transaction of every movement, under the lock of
// Store.LockCreditLedger. Its counters are the sums of the ledger's entries
// of each kind, and they balance like a Balance's.
type Ledger struct {
	// GroupID and Product identify the ledger.
	GroupID uuid.UUID `json:"group_id"`
	Product Product   `json:"product"`
	// Granted sums the grant entries.
	Granted int `json:"granted"`
	// TransferredIn sums the transfer_in entries.
	TransferredIn int `json:"transferred_in"`
	// Reserved sums the reserve entries minus the release and consume
	// entries.
	Reserved int `json:"reserved"`
	// Consumed sums the consume entries.
	Consumed int `json:"consumed"`
	// TransferredOut sums the transfer_out entries.
	TransferredOut int `json:"transferred_out"`
	// Expired sums the expire entries recorded so far (see Due).
	Expired int `json:"expired"`
	// Available is the sum of the Remaining of the ledger's lots, including
	// the remainder of lots past their expiry that ExpireDue has not yet
	// recorded as expired (see Due).
	Available int `json:"available"`
	// Due is computed, never stored: Store.CreditLedgers sets it to the
	// credits of the ledger's lots whose expiry is at or before the time it
	// is given and that are not yet recorded as expired (the Remaining of
	// those lots), read consistently with the counters. It is zero in the
	// ledger LockCreditLedger returns, and UpdateCreditLedger ignores it.
	Due int `json:"due,omitempty"`
	// Version counts the ledger's writes (optimistic concurrency).
	Version int64 `json:"version"`
}

// Check returns an error unwrapping to ErrInconsistent when a counter is
// negative, the counters do not balance, or Due exceeds Available. Stores
// refuse to write such a ledger.
func (l Ledger) Check() error {
	switch {
	case min(l.Granted, l.TransferredIn, l.Available, l.Reserved, l.Consumed, l.Expired, l.TransferredOut, l.Due) < 0:
		return fmt.Errorf("billing: ledger (%s, %s): negative count: %w", l.GroupID, l.Product, ErrInconsistent)
	case l.Granted+l.TransferredIn != l.Available+l.Reserved+l.Consumed+l.Expired+l.TransferredOut:
		return fmt.Errorf("billing: ledger (%s, %s): granted %d + transferred in %d != available %d + reserved %d + consumed %d + expired %d + transferred out %d: %w",
			l.GroupID, l.Product, l.Granted, l.TransferredIn, l.Available, l.Reserved, l.Consumed, l.Expired, l.TransferredOut, ErrInconsistent)
	case l.Due > l.Available:
		return fmt.Errorf("billing: ledger (%s, %s): %d credits due to expire out of %d available: %w", l.GroupID, l.Product, l.Due, l.Available, ErrInconsistent)
	}
	return nil
}

// Balance returns the ledger as a balance: the credits Due to expire count
// as expired, not available.
func (l Ledger) Balance() Balance {
	return Balance{
		GroupID: l.GroupID, Product: l.Product,
		Granted: l.Granted, TransferredIn: l.TransferredIn,
		Available: l.Available - l.Due, Reserved: l.Reserved, Consumed: l.Consumed,
		Expired: l.Expired + l.Due, TransferredOut: l.TransferredOut,
	}
}

// Source says where a lot's credits come from.
type Source string

// Lot sources.
const (
	// SourcePurchase: bought by a member (GrantPurchase), PurchaseRef set.
	SourcePurchase Source = "purchase"
	// SourceBoard: granted by a board moderator (Grant).
	SourceBoard Source = "board"
	// SourceTransfer: moved in from another group by the board (Transfer),
	// FromGroup set.
	SourceTransfer Source = "transfer"
)

// Valid reports whether s is one of the three sources.
func (s Source) Valid() bool { return s == SourcePurchase || s == SourceBoard || s == SourceTransfer }

// Lot is one grant of credits to a group: a purchase, a board grant or the
// receiving side of a transfer. Reservations and transfers draw from its
// Remaining; a released credit returns to the lot it came from.
type Lot struct {
	// ID identifies the lot.
	ID uuid.UUID `json:"id"`
	// GroupID is the group that holds the credits, Product their kind.
	GroupID uuid.UUID `json:"group_id"`
	Product Product   `json:"product"`
	// Quantity is the number of credits the lot was granted with,
	// 1…MaxQuantity.
	Quantity int `json:"quantity"`
	// Remaining counts the lot's credits not reserved, consumed,
	// transferred out or recorded as expired: 0 ≤ Remaining ≤ Quantity.
	// Past ExpiresAt, the remainder is no longer usable (see Expired).
	Remaining int `json:"remaining"`
	// Source says where the credits come from.
	Source Source `json:"source"`
	// PurchaseRef is the purchase (order) reference the credits were paid
	// by; at most one lot per (PurchaseRef, Product) when it is not empty.
	PurchaseRef string `json:"purchase_ref,omitempty"`
	// FromGroup is the group a transfer came from (uuid.Nil otherwise).
	FromGroup uuid.UUID `json:"from_group,omitempty"`
	// GrantedBy is the buyer's user ID (purchase) or the moderator's ID
	// (board grant, transfer).
	GrantedBy uuid.UUID `json:"granted_by"`
	// Note is the board's free text on a grant or transfer.
	Note string `json:"note,omitempty"`
	// ExpiresAt is when the lot's unreserved credits expire (the zero time:
	// never). A transferred lot keeps the expiry of the lot it came from.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// CreatedAt is when the lot was granted.
	CreatedAt time.Time `json:"created_at"`
	// Version counts the lot's writes (optimistic concurrency).
	Version int64 `json:"version"`
}

// Expired reports whether the lot has expired at now: ExpiresAt is set and
// not after now.
func (l Lot) Expired(now time.Time) bool { return !l.ExpiresAt.IsZero() && !now.Before(l.ExpiresAt) }

// Usable returns how many of the lot's credits can be reserved at now: its
// Remaining, or 0 once it has expired.
func (l Lot) Usable(now time.Time) int {
	if l.Expired(now) {
		return 0
	}
	return l.Remaining
}

// Check returns an error unwrapping to ErrInconsistent when the lot's
// quantities are impossible (Quantity outside 1…MaxQuantity, Remaining
// outside 0…Quantity) or
// its source is unknown. Stores refuse to write such a lot.
func (l Lot) Check() error {
	switch {
	case l.Quantity <= 0 || l.Quantity > MaxQuantity || l.Remaining < 0 || l.Remaining > l.Quantity:
		return fmt.Errorf("billing: lot %s: remaining %d of %d: %w", l.ID, l.Remaining, l.Quantity, ErrInconsistent)
	case !l.Source.Valid():
		return fmt.Errorf("billing: lot %s: unknown source %q: %w", l.ID, l.Source, ErrInconsistent)
	}
	return nil
}

// ReservationStatus is where a reservation stands.
type ReservationStatus string

// Reservation statuses: Reserved → Consumed (approval) or Released
// (cancellation); a Released reservation may be Reserved again.
const (
	Reserved ReservationStatus = "reserved"
	Released ReservationStatus = "released"
	Consumed ReservationStatus = "consumed"
)

// Valid reports whether s is one of the three statuses.
func (s ReservationStatus) Valid() bool { return s == Reserved || s == Released || s == Consumed }

// Reservation is one credit held for a reference (an offer's ID) and a
// product: at most one per (Ref, Product).
type Reservation struct {
	// Ref is the caller's reference, the offer's ID for a posting.
	Ref uuid.UUID `json:"ref"`
	// Product is the kind of credit held.
	Product Product `json:"product"`
	// GroupID is the group whose credit is held.
	GroupID uuid.UUID `json:"group_id"`
	// Status is where the reservation stands.
	Status ReservationStatus `json:"status"`
	// LotID is the lot the credit was drawn from (the last draw, for a
	// reservation reserved again after a release).
	LotID uuid.UUID `json:"lot_id"`
	// ReservedBy is the member who reserved (the last time, for a
	// reservation reserved again).
	ReservedBy uuid.UUID `json:"reserved_by"`
	// ReservedAt is when.
	ReservedAt time.Time `json:"reserved_at"`
	// SettledBy is who released or consumed it (uuid.Nil while Reserved).
	SettledBy uuid.UUID `json:"settled_by,omitzero"`
	// SettledByModerator tells a moderator from a member in SettledBy.
	SettledByModerator bool `json:"settled_by_moderator,omitempty"`
	// SettledAt is when it was released or consumed (zero while Reserved).
	SettledAt time.Time `json:"settled_at,omitzero"`
	// Version counts the reservation's writes (optimistic concurrency).
	Version int64 `json:"version"`
}

// Check returns an error unwrapping to ErrInconsistent when the
// reservation's status is unknown. Stores refuse to write such a
// reservation.
func (r Reservation) Check() error {
	if !r.Status.Valid() {
		return fmt.Errorf("billing: reservation (%s, %s): unknown status %q: %w", r.Ref, r.Product, r.Status, ErrInconsistent)
	}
	return nil
}

// EntryKind is the kind of a movement of credits.
type EntryKind string

// Entry kinds, and how each moves credits between the counters of a
// ledger.
const (
	// KindGrant: granted (a lot created by a purchase or the board) →
	// available.
	KindGrant EntryKind = "grant"
	// KindReserve: available → reserved.
	KindReserve EntryKind = "reserve"
	// KindRelease: reserved → available (or, when its lot has expired, to
	// expired by an expire entry recorded with it).
	KindRelease EntryKind = "release"
	// KindConsume: reserved → consumed.
	KindConsume EntryKind = "consume"
	// KindExpire: available → expired.
	KindExpire EntryKind = "expire"
	// KindTransferOut: available → transferred out to another group.
	KindTransferOut EntryKind = "transfer_out"
	// KindTransferIn: transferred in from another group → available (a lot
	// created in the receiving group).
	KindTransferIn EntryKind = "transfer_in"
)

// EntryKinds returns the seven kinds.
func EntryKinds() []EntryKind {
	return []EntryKind{KindGrant, KindReserve, KindRelease, KindConsume, KindExpire, KindTransferOut, KindTransferIn}
}

// Valid reports whether k is one of EntryKinds.
func (k EntryKind) Valid() bool {
	switch k {
	case KindGrant, KindReserve, KindRelease, KindConsume, KindExpire, KindTransferOut, KindTransferIn:
		return true
	}
	return false
}

// Entry is one movement of the credit ledger, never changed once written.
// A group's statement is the list of its entries.
type Entry struct {
	// ID identifies the entry.
	ID uuid.UUID `json:"id"`
	// GroupID and Product name the ledger the entry belongs to.
	GroupID uuid.UUID `json:"group_id"`
	Product Product   `json:"product"`
	// Kind says how the credits moved.
	Kind EntryKind `json:"kind"`
	// Quantity is the number of credits moved, 1…MaxQuantity.
	Quantity int `json:"quantity"`
	// LotID is the lot the credits moved from or to.
	LotID uuid.UUID `json:"lot_id"`
	// Ref is the reservation's reference (reserve, release, consume, and an
	// expire recorded at a release) or the transfer's ID (transfer_out,
	// transfer_in); uuid.Nil otherwise.
	Ref uuid.UUID `json:"ref,omitzero"`
	// PurchaseRef is the purchase reference of a grant.
	PurchaseRef string `json:"purchase_ref,omitempty"`
	// Counterpart is the other group of a transfer.
	Counterpart uuid.UUID `json:"counterpart,omitzero"`
	// By is the member or moderator who caused the movement; uuid.Nil for
	// expiries.
	By uuid.UUID `json:"by,omitzero"`
	// ByModerator tells a moderator from a member in By.
	ByModerator bool `json:"by_moderator,omitempty"`
	// At is when the movement happened: for an expiry recorded by
	// ExpireDue, the lot's expiry.
	At time.Time `json:"at"`
	// Seq is the entry's place in the store's order of appending, set by
	// the store when it lists entries (0 before): it orders entries of the
	// same time, and pages of a statement resume after it (see EntryKey).
	Seq int64 `json:"seq,omitempty"`
}

// Check returns an error unwrapping to ErrInconsistent when the entry's
// kind is unknown or its quantity outside 1…MaxQuantity (no movement moves
// more than one lot holds). Stores refuse to write
// such an entry.
func (e Entry) Check() error {
	switch {
	case !e.Kind.Valid():
		return fmt.Errorf("billing: entry %s: unknown kind %q: %w", e.ID, e.Kind, ErrInconsistent)
	case e.Quantity <= 0 || e.Quantity > MaxQuantity:
		return fmt.Errorf("billing: entry %s: quantity %d: %w", e.ID, e.Quantity, ErrInconsistent)
	}
	return nil
}

// Transfer is the record of credits the board moved from one group to
// another.
type Transfer struct {
	// ID is the reference of the transfer's entries in both groups.
	ID uuid.UUID `json:"id"`
	// FromGroup gave the credits, ToGroup received them.
	FromGroup uuid.UUID `json:"from_group"`
	ToGroup   uuid.UUID `json:"to_group"`
	// Product and Quantity say what moved.
	Product  Product `json:"product"`
	Quantity int     `json:"quantity"`
	// Lots are the lots created in the receiving group, one per lot drawn
	// from (each keeps its expiry), in drawing order.
	Lots []Lot `json:"lots"`
	// By is the moderator who decided the transfer, At when.
	By uuid.UUID `json:"by"`
	At time.Time `json:"at"`
}
