package billing

import (
	"bytes"
	"context"
	"errors"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// GrantInput describes credits to grant.
type GrantInput struct {
	// GroupID is the group credited: required for a board grant; for a
	// purchase, the buyer's group (zero means the buyer's group, another
	// group is refused).
	GroupID uuid.UUID `json:"group_id"`
	// Product is the kind of credits granted.
	Product Product `json:"product"`
	// Quantity is the number of credits, 1…MaxQuantity.
	Quantity int `json:"quantity"`
	// ExpiresAt is when the credits not reserved by then expire; the zero
	// time means never. It must be in the future.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// PurchaseRef is the purchase (order) reference, at most 100
	// characters: required for GrantPurchase, optional for a board grant
	// (an order settled outside the library). A reference credits each
	// product once: granting it again for the same group, product and
	// quantity returns the lot already granted, and anything else is
	// refused.
	PurchaseRef string `json:"purchase_ref,omitempty"`
	// Note is the board's free text (at most 500 characters).
	Note string `json:"note,omitempty"`
}

// validate checks in and returns it trimmed.
func (in GrantInput) validate(now time.Time, purchase bool) (GrantInput, error) {
	v := messages.Validator()
	if !purchase {
		checkID(v, "group_id", in.GroupID)
	}
	checkProduct(v, "product", in.Product)
	checkQuantity(v, "quantity", in.Quantity)
	if !in.ExpiresAt.IsZero() {
		in.ExpiresAt = in.ExpiresAt.UTC().Truncate(time.Microsecond)
		v.Check(!in.ExpiresAt.After(now), "expires_at", "expires_at.past")
	}
	in.PurchaseRef = text(v, "purchase_ref", in.PurchaseRef, purchase, maxPurchaseRef)
	in.Note = text(v, "note", in.Note, false, maxNote)
	return in, v.Err()
}

// Grant credits a group by decision of the board: a lot of in.Quantity
// credits of in.Product, expiring at in.ExpiresAt if set. It appends a
// grant entry and a billing.credit.granted event. It needs
// group.PowerGrantCredits (board finance or admin). An unknown group is
// "group.not_found" (unwrapping to storage.ErrNotFound), and nothing is
// written.
func (s *Service) Grant(ctx context.Context, by group.Moderator, in GrantInput) (Lot, error) {
	now := s.now()
	in, err := in.validate(now, false)
	if err != nil {
		return Lot{}, err
	}
	lot := Lot{ID: s.opts.NewID(), GroupID: in.GroupID, Product: in.Product, Quantity: in.Quantity, Remaining: in.Quantity,
		Source: SourceBoard, PurchaseRef: in.PurchaseRef, GrantedBy: by.ID, Note: in.Note, ExpiresAt: in.ExpiresAt, CreatedAt: now}
	start, asked := time.Now(), lot
	err = s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.groups.AuthorizeStaff(ctx, by, group.PowerGrantCredits); err != nil {
			return err
		}
		var err error
		lot, err = s.grant(ctx, lot, true)
		return err
	})
	s.logGrant(ctx, asked, start, err)
	if err != nil {
		return Lot{}, err
	}
	return lot, nil
}

// GrantPurchase credits the buyer's group with credits it paid for: the
// order and payment code calls it once the payment succeeded, in the same
// transaction (pass its context). It needs group.BuyProducts. A retry with
// the same PurchaseRef, product and quantity returns the lot already
// granted and grants nothing more.
func (s *Service) GrantPurchase(ctx context.Context, buyer group.Actor, in GrantInput) (Lot, error) {
	now := s.now()
	in, err := in.validate(now, true)
	if err != nil {
		return Lot{}, err
	}
	if in.GroupID != uuid.Nil && in.GroupID != buyer.GroupID {
		return Lot{}, otherGroup()
	}
	lot := Lot{ID: s.opts.NewID(), GroupID: buyer.GroupID, Product: in.Product, Quantity: in.Quantity, Remaining: in.Quantity,
		Source: SourcePurchase, PurchaseRef: in.PurchaseRef, GrantedBy: buyer.UserID, Note: in.Note, ExpiresAt: in.ExpiresAt, CreatedAt: now}
	start, asked := time.Now(), lot
	err = s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.groups.Authorize(ctx, buyer, group.BuyProducts); err != nil {
			return err
		}
		var err error
		lot, err = s.grant(ctx, lot, false)
		return err
	})
	s.logGrant(ctx, asked, start, err)
	if err != nil {
		return Lot{}, err
	}
	return lot, nil
}

// grant stores a new lot with its entry and event, or returns the lot a
// purchase reference already granted.
func (s *Service) grant(ctx context.Context, lot Lot, byModerator bool) (Lot, error) {
	led, err := s.lockNamedLedger(ctx, lot.GroupID, lot.Product)
	if err != nil {
		return Lot{}, err
	}
	if lot.PurchaseRef != "" {
		prev, err := s.store.CreditLotByPurchase(ctx, lot.PurchaseRef, lot.Product)
		switch {
		case err == nil:
			if prev.GroupID == lot.GroupID && prev.Quantity == lot.Quantity && prev.Source == lot.Source {
				return prev, nil
			}
			return Lot{}, messages.Error(ErrNotAllowed, "purchase.used")
		case !errors.Is(err, storage.ErrNotFound):
			return Lot{}, err
		}
	}
	if err := s.store.CreateCreditLot(ctx, &lot); err != nil {
		return Lot{}, err
	}
	led.Granted += lot.Quantity
	led.Available += lot.Quantity
	if err := s.store.UpdateCreditLedger(ctx, &led); err != nil {
		return Lot{}, err
	}
	if err := s.store.AppendLedgerEntries(ctx, Entry{ID: s.opts.NewID(), GroupID: lot.GroupID, Product: lot.Product, Kind: KindGrant,
		Quantity: lot.Quantity, LotID: lot.ID, PurchaseRef: lot.PurchaseRef, By: lot.GrantedBy, ByModerator: byModerator, At: lot.CreatedAt}); err != nil {
		return Lot{}, err
	}
	e, err := s.event(TopicCreditGranted, lot.GroupID, lot.ID, lot.CreatedAt, GrantPayload{LotID: lot.ID, GroupID: lot.GroupID,
		Product: lot.Product, Quantity: lot.Quantity, Source: lot.Source, PurchaseRef: lot.PurchaseRef, By: lot.GrantedBy, ExpiresAt: lot.ExpiresAt})
	if err != nil {
		return Lot{}, err
	}
	return lot, s.store.AppendEvents(ctx, e)
}

// lockNamedLedger locks the ledger of a group the caller named (a board
// grant or transfer): an unknown group is "group.not_found", unwrapping to
// storage.ErrNotFound.
func (s *Service) lockNamedLedger(ctx context.Context, groupID uuid.UUID, p Product) (Ledger, error) {
	led, err := s.store.LockCreditLedger(ctx, groupID, p)
	if errors.Is(err, storage.ErrNotFound) {
		return Ledger{}, messages.Error(storage.ErrNotFound, "group.not_found")
	}
	return led, err
}

// Reserve holds one credit of product for ref (the offer's ID) in the
// actor's group: the offer service calls it when an offer is submitted, in
// its own transaction (pass its context). It needs group.PublishOffers.
//
// The credit comes from the group's usable lot that expires first (then
// the oldest). Without one, Reserve returns an error unwrapping to
// ErrNoCredit and writes nothing. Reserve is idempotent per (ref,
// product): while the reservation stands it returns it and takes no second
// credit; a released reservation is reserved again (a new credit is
// drawn); a consumed one is refused (ErrNotAllowed). A reference another
// group holds is refused as taken (ErrNotAllowed, code "reference.taken"),
// in words that name neither the group nor the reservation's state.
func (s *Service) Reserve(ctx context.Context, by group.Actor, ref uuid.UUID, product Product) (Reservation, error) {
	v := messages.Validator()
	checkID(v, "ref", ref)
	checkProduct(v, "product", product)
	if err := v.Err(); err != nil {
		return Reservation{}, err
	}
	now := s.now()
	var out Reservation
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.groups.Authorize(ctx, by, group.PublishOffers); err != nil {
			return err
		}
		led, err := s.store.LockCreditLedger(ctx, by.GroupID, product)
		if err != nil {
			return err
		}
		r, err := s.store.CreditReservation(ctx, ref, product)
		exists := err == nil
		switch {
		case errors.Is(err, storage.ErrNotFound):
		case err != nil:
			return err
		case r.GroupID != by.GroupID:
			return refTaken()
		case r.Status == Reserved:
			out = r
			return nil
		case r.Status == Consumed:
			return messages.Error(ErrNotAllowed, "reservation.consumed")
		}
		lots, err := s.store.CreditLots(ctx, LotQuery{GroupID: by.GroupID, Product: product, WithRemaining: true, UsableAt: now, Limit: 1})
		if err != nil {
			return err
		}
		if len(lots) == 0 {
			return noCredit(product)
		}
		lot := lots[0]
		lot.Remaining--
		if err := s.store.UpdateCreditLot(ctx, &lot); err != nil {
			return err
		}
		led.Available--
		led.Reserved++
		if err := s.store.UpdateCreditLedger(ctx, &led); err != nil {
			return err
		}
		if exists {
			r.Status, r.LotID, r.ReservedBy, r.ReservedAt = Reserved, lot.ID, by.UserID, now
			r.SettledBy, r.SettledByModerator, r.SettledAt = uuid.Nil, false, time.Time{}
			err = s.store.UpdateCreditReservation(ctx, &r)
		} else {
			r = Reservation{Ref: ref, Product: product, GroupID: by.GroupID, Status: Reserved, LotID: lot.ID, ReservedBy: by.UserID, ReservedAt: now}
			err = s.store.CreateCreditReservation(ctx, &r)
		}
		if err != nil {
			return err
		}
		out = r
		return s.store.AppendLedgerEntries(ctx, Entry{ID: s.opts.NewID(), GroupID: by.GroupID, Product: product, Kind: KindReserve,
			Quantity: 1, LotID: lot.ID, Ref: ref, By: by.UserID, At: now})
	})
	if err != nil {
		return Reservation{}, err
	}
	return out, nil
}

// Release returns the credit reserved for (ref, product) to the bank: the
// offer service calls it when a member cancels an offer before its
// approval, or discards a draft that kept its package. It needs
// group.PublishOffers in the reservation's group.
//
// The credit goes back to the lot it came from; if that lot has expired
// meanwhile, the credit expires at once (a release entry and an expire
// entry, and a billing.credit.expired event). Releasing a released
// reservation returns it unchanged; a consumed one is refused
// (ErrNotAllowed); an unknown one is ErrNoReservation ("reservation.none"),
// and so is another group's: the same error, code and text, as for a
// reference nobody holds.
func (s *Service) Release(ctx context.Context, by group.Actor, ref uuid.UUID, product Product) (Reservation, error) {
	if err := checkRefProduct(ref, product); err != nil {
		return Reservation{}, err
	}
	now := s.now()
	var out Reservation
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.groups.Authorize(ctx, by, group.PublishOffers); err != nil {
			return err
		}
		var err error
		out, err = s.settle(ctx, ref, product, by.GroupID, by.UserID, false, Released, now)
		return err
	})
	if err != nil {
		return Reservation{}, err
	}
	return out, nil
}

// Use reserves and consumes at once a credit for (ref, product): an
// optimization (featured, extension) that a member applies to a published
// offer, with a fresh ref for each use. It needs group.PublishOffers;
// without a credit it returns an error unwrapping to ErrNoCredit and writes
// nothing. Using the same (ref, product) again, even from many retries at
// once, returns the consumed reservation and takes no second credit; every
// call, a retry too, checks the actor's active membership and permission
// first. A reference another group holds is refused as taken
// (ErrNotAllowed, "reference.taken"), as by Reserve.
func (s *Service) Use(ctx context.Context, by group.Actor, ref uuid.UUID, product Product) (Reservation, error) {
	if err := checkRefProduct(ref, product); err != nil {
		return Reservation{}, err
	}
	var out Reservation
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.groups.Authorize(ctx, by, group.PublishOffers); err != nil {
			return err
		}
		// Lock the group's ledger before reading the reservation, so that
		// a concurrent retry that consumed it is seen here, not by Reserve.
		if _, err := s.store.LockCreditLedger(ctx, by.GroupID, product); err != nil {
			return err
		}
		r, err := s.store.CreditReservation(ctx, ref, product)
		switch {
		case errors.Is(err, storage.ErrNotFound):
		case err != nil:
			return err
		case r.GroupID != by.GroupID:
			return refTaken()
		case r.Status == Consumed:
			out = r
			return nil
		}
		if _, err := s.Reserve(ctx, by, ref, product); err != nil {
			return err
		}
		out, err = s.settle(ctx, ref, product, by.GroupID, by.UserID, false, Consumed, s.now())
		return err
	})
	if err != nil {
		return Reservation{}, err
	}
	return out, nil
}

// ReleaseByBoard is Release by the board's staff (who cancel an offer of
// any group); it needs group.PowerModerateOffers.
func (s *Service) ReleaseByBoard(ctx context.Context, by group.Moderator, ref uuid.UUID, product Product) (Reservation, error) {
	return s.settleByBoard(ctx, by, ref, product, Released)
}

// Consume uses the credit reserved for (ref, product): the offer service
// calls it when a board moderator approves the offer, in its transaction.
// It works even if the credit's lot expired after the reservation (the
// offer was submitted in time). Consuming a consumed reservation returns
// it unchanged (a retried approval takes no second credit); a released one
// is refused (ErrNotAllowed); an unknown one is ErrNoReservation. It needs
// group.PowerModerateOffers (a moderator's decision settles the credit).
func (s *Service) Consume(ctx context.Context, by group.Moderator, ref uuid.UUID, product Product) (Reservation, error) {
	return s.settleByBoard(ctx, by, ref, product, Consumed)
}

func (s *Service) settleByBoard(ctx context.Context, by group.Moderator, ref uuid.UUID, product Product, to ReservationStatus) (Reservation, error) {
	if err := checkRefProduct(ref, product); err != nil {
		return Reservation{}, err
	}
	now := s.now()
	var out Reservation
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.groups.AuthorizeStaff(ctx, by, group.PowerModerateOffers); err != nil {
			return err
		}
		var err error
		out, err = s.settle(ctx, ref, product, uuid.Nil, by.ID, true, to, now)
		return err
	})
	if err != nil {
		return Reservation{}, err
	}
	return out, nil
}

func checkRefProduct(ref uuid.UUID, product Product) error {
	v := messages.Validator()
	checkID(v, "ref", ref)
	checkProduct(v, "product", product)
	return v.Err()
}

// settle moves a reservation to Released or Consumed, within a
// transaction. scope, when set, is the only group whose reservation may be
// settled.
func (s *Service) settle(ctx context.Context, ref uuid.UUID, product Product, scope, byID uuid.UUID, byModerator bool, to ReservationStatus, now time.Time) (Reservation, error) {
	r, err := s.store.CreditReservation(ctx, ref, product)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return Reservation{}, messages.Error(ErrNoReservation, "reservation.none")
	case err != nil:
		return Reservation{}, err
	case scope != uuid.Nil && r.GroupID != scope:
		// Another group's reservation answers as an unknown one.
		return Reservation{}, messages.Error(ErrNoReservation, "reservation.none")
	}
	led, err := s.store.LockCreditLedger(ctx, r.GroupID, product)
	if err != nil {
		return Reservation{}, err
	}
	// Read again under the lock: a concurrent settle may have won.
	if r, err = s.store.CreditReservation(ctx, ref, product); err != nil {
		return Reservation{}, err
	}
	switch r.Status {
	case to:
		return r, nil
	case Consumed:
		return Reservation{}, messages.Error(ErrNotAllowed, "reservation.consumed")
	case Released:
		return Reservation{}, messages.Error(ErrNotAllowed, "reservation.released")
	}
	r.Status, r.SettledBy, r.SettledByModerator, r.SettledAt = to, byID, byModerator, now
	if err := s.store.UpdateCreditReservation(ctx, &r); err != nil {
		return Reservation{}, err
	}
	kind := KindConsume
	if to == Released {
		kind = KindRelease
	}
	entries := []Entry{{ID: s.opts.NewID(), GroupID: r.GroupID, Product: product, Kind: kind, Quantity: 1, LotID: r.LotID,
		Ref: ref, By: byID, ByModerator: byModerator, At: now}}
	led.Reserved--
	if to == Consumed {
		led.Consumed++
	} else {
		lot, err := s.store.CreditLot(ctx, r.LotID)
		if err != nil {
			return Reservation{}, err
		}
		if lot.Expired(now) {
			led.Expired++
			entries = append(entries, Entry{ID: s.opts.NewID(), GroupID: r.GroupID, Product: product, Kind: KindExpire, Quantity: 1,
				LotID: lot.ID, Ref: ref, At: now})
			e, err := s.event(TopicCreditExpired, r.GroupID, lot.ID, now, ExpiryPayload{LotID: lot.ID, GroupID: r.GroupID,
				Product: product, Quantity: 1, ExpiresAt: lot.ExpiresAt})
			if err != nil {
				return Reservation{}, err
			}
			if err := s.store.AppendEvents(ctx, e); err != nil {
				return Reservation{}, err
			}
		} else {
			lot.Remaining++
			if err := s.store.UpdateCreditLot(ctx, &lot); err != nil {
				return Reservation{}, err
			}
			led.Available++
		}
	}
	if err := s.store.UpdateCreditLedger(ctx, &led); err != nil {
		return Reservation{}, err
	}
	return r, s.store.AppendLedgerEntries(ctx, entries...)
}

// TransferInput describes credits the board moves between two groups.
type TransferInput struct {
	// From is the group giving the credits, To the group receiving them;
	// they must differ.
	From uuid.UUID `json:"from"`
	To   uuid.UUID `json:"to"`
	// Product and Quantity (1…MaxQuantity) say what moves.
	Product  Product `json:"product"`
	Quantity int     `json:"quantity"`
	// Note is the board's free text, copied on the receiving lots.
	Note string `json:"note,omitempty"`
}

// Transfer moves usable credits from one group to another, by decision of
// the board (credits are shared between groups only when the board
// arranges it). Credits are drawn as Reserve draws them, expiring first;
// the receiving group gets one lot per lot drawn from, with the same
// expiry. Without enough usable credits it returns an error unwrapping to
// ErrNoCredit and moves nothing; so does an unknown group, "group.not_found"
// (unwrapping to storage.ErrNotFound). Each group gets its entries and its
// event. It needs group.PowerTransferCredits (board finance or admin).
func (s *Service) Transfer(ctx context.Context, by group.Moderator, in TransferInput) (Transfer, error) {
	v := messages.Validator()
	checkID(v, "from", in.From)
	checkID(v, "to", in.To)
	v.Check(in.From != uuid.Nil && in.From == in.To, "to", "group.same")
	checkProduct(v, "product", in.Product)
	checkQuantity(v, "quantity", in.Quantity)
	in.Note = text(v, "note", in.Note, false, maxNote)
	if err := v.Err(); err != nil {
		return Transfer{}, err
	}
	now := s.now()
	tr := Transfer{ID: s.opts.NewID(), FromGroup: in.From, ToGroup: in.To, Product: in.Product, Quantity: in.Quantity, By: by.ID, At: now}
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.groups.AuthorizeStaff(ctx, by, group.PowerTransferCredits); err != nil {
			return err
		}
		tr.Lots = nil
		// Lock both ledgers in one order, whoever transfers to whom, so that
		// two opposite transfers cannot deadlock.
		first, second := in.From, in.To
		if bytes.Compare(first[:], second[:]) > 0 {
			first, second = second, first
		}
		led1, err := s.lockNamedLedger(ctx, first, in.Product)
		if err != nil {
			return err
		}
		led2, err := s.lockNamedLedger(ctx, second, in.Product)
		if err != nil {
			return err
		}
		from, to := &led1, &led2
		if first != in.From {
			from, to = to, from
		}
		lots, err := s.store.CreditLots(ctx, LotQuery{GroupID: in.From, Product: in.Product, WithRemaining: true, UsableAt: now})
		if err != nil {
			return err
		}
		usable := 0
		for _, l := range lots {
			usable += l.Remaining
		}
		if usable < in.Quantity {
			fr, en := in.Product.Name()
			return messages.Error(ErrNoCredit, "credit.insufficient", usable, fr, en)
		}
		var entries []Entry
		left := in.Quantity
		for _, src := range lots {
			if left == 0 {
				break
			}
			k := min(src.Remaining, left)
			left -= k
			src.Remaining -= k
			if err := s.store.UpdateCreditLot(ctx, &src); err != nil {
				return err
			}
			dst := Lot{ID: s.opts.NewID(), GroupID: in.To, Product: in.Product, Quantity: k, Remaining: k, Source: SourceTransfer,
				FromGroup: in.From, GrantedBy: by.ID, Note: in.Note, ExpiresAt: src.ExpiresAt, CreatedAt: now}
			if err := s.store.CreateCreditLot(ctx, &dst); err != nil {
				return err
			}
			tr.Lots = append(tr.Lots, dst)
			entries = append(entries,
				Entry{ID: s.opts.NewID(), GroupID: in.From, Product: in.Product, Kind: KindTransferOut, Quantity: k, LotID: src.ID,
					Ref: tr.ID, Counterpart: in.To, By: by.ID, ByModerator: true, At: now},
				Entry{ID: s.opts.NewID(), GroupID: in.To, Product: in.Product, Kind: KindTransferIn, Quantity: k, LotID: dst.ID,
					Ref: tr.ID, Counterpart: in.From, By: by.ID, ByModerator: true, At: now})
		}
		from.Available -= in.Quantity
		from.TransferredOut += in.Quantity
		to.Available += in.Quantity
		to.TransferredIn += in.Quantity
		if err := s.store.UpdateCreditLedger(ctx, from); err != nil {
			return err
		}
		if err := s.store.UpdateCreditLedger(ctx, to); err != nil {
			return err
		}
		if err := s.store.AppendLedgerEntries(ctx, entries...); err != nil {
			return err
		}
		payload := TransferPayload{TransferID: tr.ID, FromGroup: in.From, ToGroup: in.To, Product: in.Product, Quantity: in.Quantity, By: by.ID}
		out, err := s.event(TopicCreditTransferredOut, in.From, tr.ID, now, payload)
		if err != nil {
			return err
		}
		inEv, err := s.event(TopicCreditTransferredIn, in.To, tr.ID, now, payload)
		if err != nil {
			return err
		}
		return s.store.AppendEvents(ctx, out, inEv)
	})
	if err != nil {
		return Transfer{}, err
	}
	return tr, nil
}

// ExpireDue records the expiry of every lot whose expiry is at or before
// now and that still has unreserved credits: each lot's remainder becomes
// an expire entry dated at the lot's expiry, with a billing.credit.expired
// event. The host runs it on its own schedule (daily is plenty): balances
// and Reserve already treat expired lots as such before it runs. It is
// idempotent and safe to run from several processes at once (each ledger
// is expired in a transaction of its own, under its lock). It returns the
// number of credits expired.
func (s *Service) ExpireDue(ctx context.Context, now time.Time) (int, error) {
	now = now.UTC().Truncate(time.Microsecond)
	type key struct {
		group   uuid.UUID
		product Product
	}
	total := 0
	for {
		due, err := s.store.CreditLots(ctx, LotQuery{WithRemaining: true, ExpiredAt: now, Limit: expireBatch})
		if err != nil {
			return total, err
		}
		seen := make(map[key]bool)
		for _, l := range due {
			k := key{l.GroupID, l.Product}
			if seen[k] {
				continue
			}
			seen[k] = true
			n, err := s.expireLedger(ctx, l.GroupID, l.Product, now)
			total += n
			if err != nil {
				return total, err
			}
		}
		if len(due) < expireBatch {
			return total, nil
		}
	}
}

// expireLedger expires the due lots of one ledger in one transaction.
func (s *Service) expireLedger(ctx context.Context, groupID uuid.UUID, product Product, now time.Time) (int, error) {
	n := 0
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		n = 0
		led, err := s.store.LockCreditLedger(ctx, groupID, product)
		if err != nil {
			return err
		}
		lots, err := s.store.CreditLots(ctx, LotQuery{GroupID: groupID, Product: product, WithRemaining: true, ExpiredAt: now})
		if err != nil || len(lots) == 0 {
			return err
		}
		var entries []Entry
		var events []storage.Event
		for _, lot := range lots {
			q := lot.Remaining
			lot.Remaining = 0
			if err := s.store.UpdateCreditLot(ctx, &lot); err != nil {
				return err
			}
			n += q
			led.Available -= q
			led.Expired += q
			entries = append(entries, Entry{ID: s.opts.NewID(), GroupID: groupID, Product: product, Kind: KindExpire, Quantity: q,
				LotID: lot.ID, At: lot.ExpiresAt})
			e, err := s.event(TopicCreditExpired, groupID, lot.ID, lot.ExpiresAt, ExpiryPayload{LotID: lot.ID, GroupID: groupID,
				Product: product, Quantity: q, ExpiresAt: lot.ExpiresAt})
			if err != nil {
				return err
			}
			events = append(events, e)
		}
		if err := s.store.UpdateCreditLedger(ctx, &led); err != nil {
			return err
		}
		if err := s.store.AppendLedgerEntries(ctx, entries...); err != nil {
			return err
		}
		return s.store.AppendEvents(ctx, events...)
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// Balances returns the actor's group's balance of every product, in the
// order of Products (zeros for products it never held). Credits past their
// lot's expiry count as expired even before ExpireDue runs. It needs
// group.ViewDashboard.
func (s *Service) Balances(ctx context.Context, by group.Actor) ([]Balance, error) {
	if err := s.groups.Authorize(ctx, by, group.ViewDashboard); err != nil {
		return nil, err
	}
	return s.balances(ctx, by.GroupID)
}

// Balance returns the actor's group's balance of one product (see
// Balances).
func (s *Service) Balance(ctx context.Context, by group.Actor, product Product) (Balance, error) {
	v := messages.Validator()
	checkProduct(v, "product", product)
	if err := v.Err(); err != nil {
		return Balance{}, err
	}
	all, err := s.Balances(ctx, by)
	if err != nil {
		return Balance{}, err
	}
	for _, b := range all {
		if b.Product == product {
			return b, nil
		}
	}
	return Balance{GroupID: by.GroupID, Product: product}, nil
}

// BalancesOf returns any group's balances, for the board (see Balances). It
// needs group.PowerViewBanks (board finance or admin).
func (s *Service) BalancesOf(ctx context.Context, by group.Moderator, groupID uuid.UUID) ([]Balance, error) {
	if err := s.groups.AuthorizeStaff(ctx, by, group.PowerViewBanks); err != nil {
		return nil, err
	}
	return s.balances(ctx, groupID)
}

func (s *Service) balances(ctx context.Context, groupID uuid.UUID) ([]Balance, error) {
	ledgers, err := s.store.CreditLedgers(ctx, groupID, s.now())
	if err != nil {
		return nil, err
	}
	products := Products()
	out := make([]Balance, len(products))
	for i, p := range products {
		out[i] = Balance{GroupID: groupID, Product: p}
		for _, l := range ledgers {
			if l.Product == p {
				out[i] = l.Balance()
			}
		}
	}
	return out, nil
}

// Statement returns a page of the actor's group's ledger entries matching
// q, oldest first (newest first with q.Descending): by time, then order of
// recording (see package page; q.Limit is ignored, p sets the page size).
// q.GroupID may be left zero; any group but the actor's is refused
// (group.ErrForbidden). It needs group.ViewTransactions. Credits past
// their expiry appear as expired in balances at once, and in the statement
// once ExpireDue has recorded them (dated at the expiry).
func (s *Service) Statement(ctx context.Context, by group.Actor, q EntryQuery, p page.Page) (page.Result[Entry], error) {
	if err := checkEntryQuery(q, p, false); err != nil {
		return page.Result[Entry]{}, err
	}
	if err := s.groups.Authorize(ctx, by, group.ViewTransactions); err != nil {
		return page.Result[Entry]{}, err
	}
	if q.GroupID != uuid.Nil && q.GroupID != by.GroupID {
		return page.Result[Entry]{}, otherGroup()
	}
	q.GroupID = by.GroupID
	return s.statement(ctx, q, p)
}

// StatementOf returns a page of a group's statement for the board (see
// Statement); q.GroupID is required. It needs group.PowerViewBanks (board
// finance or admin).
func (s *Service) StatementOf(ctx context.Context, by group.Moderator, q EntryQuery, p page.Page) (page.Result[Entry], error) {
	if err := s.groups.AuthorizeStaff(ctx, by, group.PowerViewBanks); err != nil {
		return page.Result[Entry]{}, err
	}
	if err := checkEntryQuery(q, p, true); err != nil {
		return page.Result[Entry]{}, err
	}
	return s.statement(ctx, q, p)
}

func (s *Service) statement(ctx context.Context, q EntryQuery, p page.Page) (page.Result[Entry], error) {
	q.Limit = 0 // the page sets the size
	return page.Fetch(p, func(w page.Window) ([]Entry, error) {
		return s.store.LedgerEntriesPage(ctx, q, w)
	}, EntryKey)
}

// checkEntryQuery checks a statement's query and page together (q.Limit is
// ignored: p sets the page size); groupRequired makes q.GroupID required.
func checkEntryQuery(q EntryQuery, p page.Page, groupRequired bool) error {
	v := messages.Validator()
	if groupRequired {
		checkID(v, "group_id", q.GroupID)
	}
	v.Check(q.Product != "" && !q.Product.Valid(), "product", "product.unknown")
	v.Check(q.Kind != "" && !q.Kind.Valid(), "kind", "kind.unknown")
	checkPage(v, p)
	return v.Err()
}

// checkPage records the faults of a page (its cursor and size), so that
// they come with the input's others in one *i18n.ValidationError.
func checkPage(v *i18n.Validator, p page.Page) {
	_, err := p.Window()
	v.Merge("", err)
}

// Lots returns a page of the actor's group's lots with usable credits, in
// drawing order (the next credit reserved comes from the first; see
// package page), all products when product is empty: a dashboard shows
// which credits expire when. It needs group.ViewDashboard.
func (s *Service) Lots(ctx context.Context, by group.Actor, product Product, p page.Page) (page.Result[Lot], error) {
	v := messages.Validator()
	v.Check(product != "" && !product.Valid(), "product", "product.unknown")
	checkPage(v, p)
	if err := v.Err(); err != nil {
		return page.Result[Lot]{}, err
	}
	if err := s.groups.Authorize(ctx, by, group.ViewDashboard); err != nil {
		return page.Result[Lot]{}, err
	}
	q := LotQuery{GroupID: by.GroupID, Product: product, WithRemaining: true, UsableAt: s.now()}
	return page.Fetch(p, func(w page.Window) ([]Lot, error) {
		return s.store.CreditLotsPage(ctx, q, w)
	}, LotKey)
}

// Reservations returns a page of the actor's group's reservations matching
// q, ordered by reservation time, then product, then reference (see
// package page): with q.Ref, the packages associated with one offer.
// q.GroupID may be left zero; any group but the actor's is refused
// (group.ErrForbidden, whether the group exists or not). Only the actor's
// group's reservations are listed: a reference another group reserved
// gives an empty page, as a reference nobody holds does. It needs
// group.ViewDashboard.
func (s *Service) Reservations(ctx context.Context, by group.Actor, q ReservationQuery, p page.Page) (page.Result[Reservation], error) {
	v := messages.Validator()
	v.Check(q.Product != "" && !q.Product.Valid(), "product", "product.unknown")
	v.Check(q.Status != "" && !q.Status.Valid(), "status", "status.unknown")
	checkPage(v, p)
	if err := v.Err(); err != nil {
		return page.Result[Reservation]{}, err
	}
	if err := s.groups.Authorize(ctx, by, group.ViewDashboard); err != nil {
		return page.Result[Reservation]{}, err
	}
	if q.GroupID != uuid.Nil && q.GroupID != by.GroupID {
		return page.Result[Reservation]{}, otherGroup()
	}
	q.GroupID = by.GroupID
	return page.Fetch(p, func(w page.Window) ([]Reservation, error) {
		return s.store.CreditReservationsPage(ctx, q, w)
	}, ReservationKey)
}
