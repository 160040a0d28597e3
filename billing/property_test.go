package billing_test

import (
	"cmp"
	"encoding/binary"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/google/uuid"
	"pgregory.net/rapid"
)

// The model of the credit bank: lots with their remainders, reservations,
// and the counters that only entries move. Its balance at now is computed
// from these, the simplest way: available = the remainders of the lots not
// expired at now; expired = the expiries recorded + the remainders of the
// lots expired at now.

type mLot struct {
	id        uuid.UUID
	group     int
	product   billing.Product
	remaining int
	expires   time.Time
	created   time.Time
}

type mRes struct {
	group   int
	product billing.Product
	lot     *mLot
	status  billing.ReservationStatus
}

type mKey struct {
	group   int
	product billing.Product
}

type mCounts struct{ granted, in, reserved, consumed, expired, out int }

type model struct {
	lots   []*mLot
	res    map[[2]string]*mRes
	counts map[mKey]*mCounts
}

func (m *model) count(g int, p billing.Product) *mCounts {
	k := mKey{g, p}
	if m.counts[k] == nil {
		m.counts[k] = &mCounts{}
	}
	return m.counts[k]
}

func expiredAt(l *mLot, now time.Time) bool { return !l.expires.IsZero() && !now.Before(l.expires) }

// usable returns the lots of (g, p) that can be drawn at now, in drawing
// order: expiry (none last), creation, ID.
func (m *model) usable(g int, p billing.Product, now time.Time) []*mLot {
	var out []*mLot
	for _, l := range m.lots {
		if l.group == g && l.product == p && l.remaining > 0 && !expiredAt(l, now) {
			out = append(out, l)
		}
	}
	slices.SortStableFunc(out, func(a, b *mLot) int {
		switch {
		case a.expires.IsZero() != b.expires.IsZero():
			if a.expires.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Or(a.expires.Compare(b.expires), a.created.Compare(b.created))
	})
	return out
}

func (m *model) balance(groupID uuid.UUID, g int, p billing.Product, now time.Time) billing.Balance {
	c := m.count(g, p)
	b := billing.Balance{GroupID: groupID, Product: p, Granted: c.granted, TransferredIn: c.in, Reserved: c.reserved,
		Consumed: c.consumed, Expired: c.expired, TransferredOut: c.out}
	for _, l := range m.lots {
		if l.group != g || l.product != p {
			continue
		}
		if expiredAt(l, now) {
			b.Expired += l.remaining
		} else {
			b.Available += l.remaining
		}
	}
	return b
}

// seqIDs returns a generator of UUIDs ordered byte-wise in the order they
// are made, so that the model can order lots created at the same time.
func seqIDs() func() uuid.UUID {
	var n uint64
	return func() uuid.UUID {
		n++
		var id uuid.UUID
		binary.BigEndian.PutUint64(id[:8], n)
		return id
	}
}

// TestPropertyLedgerBalances runs random sequences of grants, submissions,
// cancellations, approvals, transfers, clock moves and expiry runs against
// the service on the memory store, and checks after every step that each
// balance equals the model's, balances (granted + transferred in =
// available + reserved + consumed + expired + transferred out), has no
// negative count, and agrees with the ledger's entries and lots.
func TestPropertyLedgerBalances(t *testing.T) {
	products := []billing.Product{billing.EngineerPosting, billing.Featured}
	rapid.Check(t, func(rt *rapid.T) {
		e := newEnv(t)
		e.bank = billing.New(e.store, e.groups, &billing.Options{Now: e.clock.Now, NewID: seqIDs()})
		actors := []group.Actor{e.principal, e.other}
		refs := make([]uuid.UUID, 6)
		for i := range refs {
			refs[i] = uuid.New()
		}
		m := &model{res: map[[2]string]*mRes{}, counts: map[mKey]*mCounts{}}
		resKey := func(ref uuid.UUID, p billing.Product) [2]string { return [2]string{ref.String(), string(p)} }
		want := func(what string, err, target error) {
			if target == nil && err != nil || target != nil && !errors.Is(err, target) {
				rt.Fatalf("%s: error %v, want %v", what, err, target)
			}
		}

		rt.Repeat(map[string]func(*rapid.T){
			"grant": func(rt *rapid.T) {
				g := rapid.IntRange(0, 1).Draw(rt, "group")
				p := rapid.SampledFrom(products).Draw(rt, "product")
				q := rapid.IntRange(1, 5).Draw(rt, "quantity")
				ttl := time.Duration(rapid.IntRange(0, 40*24).Draw(rt, "ttl hours")) * time.Hour
				in := billing.GrantInput{GroupID: actors[g].GroupID, Product: p, Quantity: q}
				if ttl > 0 {
					in.ExpiresAt = e.clock.Now().Add(ttl)
				}
				lot, err := e.bank.Grant(e.ctx, e.moderator, in)
				want("grant", err, nil)
				m.lots = append(m.lots, &mLot{id: lot.ID, group: g, product: p, remaining: q, expires: lot.ExpiresAt, created: lot.CreatedAt})
				m.count(g, p).granted += q
			},
			"reserve": func(rt *rapid.T) {
				g := rapid.IntRange(0, 1).Draw(rt, "group")
				p := rapid.SampledFrom(products).Draw(rt, "product")
				ref := rapid.SampledFrom(refs).Draw(rt, "ref")
				now := e.clock.Now()
				r, err := e.bank.Reserve(e.ctx, actors[g], ref, p)
				cur := m.res[resKey(ref, p)]
				switch {
				case cur != nil && cur.group != g:
					want("reserve another group's reference", err, billing.ErrNotAllowed)
					return
				case cur != nil && cur.status == billing.Reserved:
					want("reserve again", err, nil)
					if r.LotID != cur.lot.id {
						rt.Fatalf("reserve again drew lot %v, want the reservation's %v", r.LotID, cur.lot.id)
					}
					return
				case cur != nil && cur.status == billing.Consumed:
					want("reserve a consumed reference", err, billing.ErrNotAllowed)
					return
				}
				usable := m.usable(g, p, now)
				if len(usable) == 0 {
					want("reserve without credit", err, billing.ErrNoCredit)
					return
				}
				want("reserve", err, nil)
				if r.LotID != usable[0].id {
					rt.Fatalf("reserve drew lot %v, want %v (expiring first)", r.LotID, usable[0].id)
				}
				usable[0].remaining--
				m.res[resKey(ref, p)] = &mRes{group: g, product: p, lot: usable[0], status: billing.Reserved}
				m.count(g, p).reserved++
			},
			"release": func(rt *rapid.T) {
				p := rapid.SampledFrom(products).Draw(rt, "product")
				ref := rapid.SampledFrom(refs).Draw(rt, "ref")
				byBoard := rapid.Bool().Draw(rt, "by board")
				cur := m.res[resKey(ref, p)]
				var err error
				if byBoard || cur == nil {
					_, err = e.bank.ReleaseByBoard(e.ctx, e.moderator, ref, p)
				} else {
					_, err = e.bank.Release(e.ctx, actors[cur.group], ref, p)
				}
				switch {
				case cur == nil:
					want("release an unknown reference", err, billing.ErrNoReservation)
				case cur.status == billing.Consumed:
					want("release a consumed reference", err, billing.ErrNotAllowed)
				case cur.status == billing.Released:
					want("release again", err, nil)
				default:
					want("release", err, nil)
					cur.status = billing.Released
					c := m.count(cur.group, p)
					c.reserved--
					if expiredAt(cur.lot, e.clock.Now()) {
						c.expired++
					} else {
						cur.lot.remaining++
					}
				}
			},
			"consume": func(rt *rapid.T) {
				p := rapid.SampledFrom(products).Draw(rt, "product")
				ref := rapid.SampledFrom(refs).Draw(rt, "ref")
				_, err := e.bank.Consume(e.ctx, e.moderator, ref, p)
				cur := m.res[resKey(ref, p)]
				switch {
				case cur == nil:
					want("consume an unknown reference", err, billing.ErrNoReservation)
				case cur.status == billing.Released:
					want("consume a released reference", err, billing.ErrNotAllowed)
				case cur.status == billing.Consumed:
					want("consume again", err, nil)
				default:
					want("consume", err, nil)
					cur.status = billing.Consumed
					c := m.count(cur.group, p)
					c.reserved--
					c.consumed++
				}
			},
			"transfer": func(rt *rapid.T) {
				from := rapid.IntRange(0, 1).Draw(rt, "from")
				p := rapid.SampledFrom(products).Draw(rt, "product")
				q := rapid.IntRange(1, 6).Draw(rt, "quantity")
				now := e.clock.Now()
				tr, err := e.bank.Transfer(e.ctx, e.moderator, billing.TransferInput{From: actors[from].GroupID, To: actors[1-from].GroupID, Product: p, Quantity: q})
				usable := m.usable(from, p, now)
				total := 0
				for _, l := range usable {
					total += l.Remaining()
				}
				if total < q {
					want("transfer without enough credit", err, billing.ErrNoCredit)
					return
				}
				want("transfer", err, nil)
				left, i := q, 0
				for _, l := range usable {
					if left == 0 {
						break
					}
					k := min(l.remaining, left)
					left -= k
					l.remaining -= k
					if i >= len(tr.Lots) || tr.Lots[i].Quantity != k || !tr.Lots[i].ExpiresAt.Equal(l.expires) {
						rt.Fatalf("transfer lot %d = %+v, want %d credits expiring at %v", i, tr.Lots, k, l.expires)
					}
					m.lots = append(m.lots, &mLot{id: tr.Lots[i].ID, group: 1 - from, product: p, remaining: k, expires: l.expires, created: now})
					i++
				}
				m.count(from, p).out += q
				m.count(1-from, p).in += q
			},
			"advance clock": func(rt *rapid.T) {
				e.clock.Advance(time.Duration(rapid.IntRange(0, 20*24).Draw(rt, "hours")) * time.Hour)
			},
			"expire due": func(rt *rapid.T) {
				now := e.clock.Now()
				n, err := e.bank.ExpireDue(e.ctx, now)
				want("expire due", err, nil)
				expected := 0
				for _, l := range m.lots {
					if expiredAt(l, now) && l.remaining > 0 {
						expected += l.remaining
						m.count(l.group, l.product).expired += l.remaining
						l.remaining = 0
					}
				}
				if n != expected {
					rt.Fatalf("ExpireDue expired %d credits, want %d", n, expected)
				}
			},
			"": func(rt *rapid.T) {
				now := e.clock.Now()
				for g, a := range actors {
					all, err := e.bank.BalancesOf(e.ctx, e.moderator, a.GroupID)
					want("balances", err, nil)
					for _, b := range all {
						if !b.Balanced() {
							rt.Fatalf("balance does not balance or is negative: %+v", b)
						}
						if !slices.Contains(products, b.Product) {
							if b != (billing.Balance{GroupID: a.GroupID, Product: b.Product}) {
								rt.Fatalf("balance of a product never granted: %+v", b)
							}
							continue
						}
						if w := m.balance(a.GroupID, g, b.Product, now); b != w {
							rt.Fatalf("balance of group %d:\n got  %+v\n want %+v", g, b, w)
						}
					}
					checkLedgerAgainstEntries(rt, e, a.GroupID)
				}
			},
		})
	})
}

// Remaining is the model lot's remainder (for symmetry with billing.Lot).
func (l *mLot) Remaining() int { return l.remaining }

// checkLedgerAgainstEntries checks that each ledger's counters are the sums
// of its entries and that its Available is the sum of its lots' remainders.
func checkLedgerAgainstEntries(rt *rapid.T, e *env, groupID uuid.UUID) {
	ledgers, err := e.store.CreditLedgers(e.ctx, groupID, e.clock.Now())
	if err != nil {
		rt.Fatal(err)
	}
	entries, err := e.store.LedgerEntries(e.ctx, billing.EntryQuery{GroupID: groupID})
	if err != nil {
		rt.Fatal(err)
	}
	lots, err := e.store.CreditLots(e.ctx, billing.LotQuery{GroupID: groupID})
	if err != nil {
		rt.Fatal(err)
	}
	for _, l := range ledgers {
		sum := billing.Ledger{GroupID: groupID, Product: l.Product, Version: l.Version, Due: l.Due}
		for _, en := range entries {
			if en.Product != l.Product {
				continue
			}
			switch en.Kind {
			case billing.KindGrant:
				sum.Granted += en.Quantity
			case billing.KindTransferIn:
				sum.TransferredIn += en.Quantity
			case billing.KindTransferOut:
				sum.TransferredOut += en.Quantity
			case billing.KindReserve:
				sum.Reserved += en.Quantity
			case billing.KindRelease:
				sum.Reserved -= en.Quantity
			case billing.KindConsume:
				sum.Reserved -= en.Quantity
				sum.Consumed += en.Quantity
			case billing.KindExpire:
				sum.Expired += en.Quantity
			}
		}
		for _, lot := range lots {
			if lot.Product == l.Product {
				sum.Available += lot.Remaining
			}
		}
		if sum != l {
			rt.Fatalf("ledger and its entries and lots disagree:\n ledger %+v\n sums   %+v", l, sum)
		}
		if err := l.Check(); err != nil {
			rt.Fatal(err)
		}
	}
}
