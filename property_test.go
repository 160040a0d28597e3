package babillard_test

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage/memory"
	"github.com/google/uuid"
	"pgregory.net/rapid"
)

// TestOffersAndCreditsProperty drives a board through random sequences of
// offer actions, grants and clock moves, and checks after every step that
// the credit ledger balances and that no offer was ever published without a
// consumed posting credit of its own.
func TestOffersAndCreditsProperty(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		w := newWorld(t, memory.New())
		offers := w.board.Offers
		var ids []uuid.UUID
		pick := func() (uuid.UUID, bool) {
			if len(ids) == 0 {
				return uuid.Nil, false
			}
			return ids[rapid.IntRange(0, len(ids)-1).Draw(rt, "offer")], true
		}
		actions := map[string]func(){
			"create": func() {
				c := jobContent()
				c.Featured = rapid.Bool().Draw(rt, "featured")
				o, _, err := offers.Create(w.ctx, w.jean, c)
				if err != nil {
					rt.Fatal(err)
				}
				ids = append(ids, o.ID)
			},
			"grant": func() {
				p := rapid.SampledFrom([]billing.Product{billing.EngineerPosting, billing.Featured, billing.Extension}).Draw(rt, "product")
				w.grant(p, rapid.IntRange(1, 3).Draw(rt, "n"))
			},
			"clock": func() {
				w.clock.Advance(time.Duration(rapid.IntRange(1, 24*12).Draw(rt, "hours")) * time.Hour)
				if _, err := offers.Advance(w.ctx, w.clock.Now()); err != nil {
					rt.Fatal(err)
				}
			},
		}
		step := func(name string, f func(id uuid.UUID) error) {
			actions[name] = func() {
				if id, ok := pick(); ok {
					_ = f(id) // refusals are part of the game; the invariants are checked below
				}
			}
		}
		step("submit", func(id uuid.UUID) error { _, err := offers.Submit(w.ctx, w.jean, id); return err })
		step("cancel", func(id uuid.UUID) error { _, err := offers.Cancel(w.ctx, w.marie, id); return err })
		step("detach", func(id uuid.UUID) error { _, err := offers.DetachCredit(w.ctx, w.jean, id); return err })
		step("approve", func(id uuid.UUID) error { _, err := offers.Approve(w.ctx, w.moderator, id); return err })
		step("refuse", func(id uuid.UUID) error { _, err := offers.Refuse(w.ctx, w.moderator, id, "À corriger"); return err })
		step("extend", func(id uuid.UUID) error { _, err := offers.Extend(w.ctx, w.jean, id, uuid.New()); return err })
		step("feature", func(id uuid.UUID) error { _, _, err := offers.Feature(w.ctx, w.jean, id, uuid.New()); return err })
		step("end", func(id uuid.UUID) error { _, err := offers.End(w.ctx, w.jean, id); return err })
		step("withdraw", func(id uuid.UUID) error {
			_, err := offers.Withdraw(w.ctx, w.moderator, id, "Non conforme")
			return err
		})
		step("archive", func(id uuid.UUID) error { _, err := offers.Archive(w.ctx, w.jean, id); return err })

		names := slices.Sorted(maps.Keys(actions)) // a stable order, so failures replay
		for range rapid.IntRange(1, 60).Draw(rt, "steps") {
			actions[rapid.SampledFrom(names).Draw(rt, "action")]()
			checkInvariants(rt, w, ids)
		}
	})
}

func checkInvariants(rt *rapid.T, w *world, ids []uuid.UUID) {
	balances, err := w.board.Billing.BalancesOf(w.ctx, w.moderator, w.marie.GroupID)
	if err != nil {
		rt.Fatal(err)
	}
	for _, b := range balances {
		if !b.Balanced() || b.Available < 0 {
			rt.Fatalf("ledger does not balance: %+v", b)
		}
	}
	for _, id := range ids {
		o, err := w.board.Offers.Get(w.ctx, w.jean, id)
		if err != nil {
			rt.Fatal(err)
		}
		res, err := w.board.Billing.Reservations(w.ctx, w.jean, billing.ReservationQuery{Ref: id, Product: billing.EngineerPosting}, page.Page{})
		if err != nil {
			rt.Fatal(err)
		}
		consumed := len(res.Items) == 1 && res.Items[0].Status == billing.Consumed
		reserved := len(res.Items) == 1 && res.Items[0].Status == billing.Reserved
		if o.EverPublished() || o.Status == offer.Scheduled {
			if !consumed {
				rt.Fatalf("offer %s is %s without a consumed credit: %+v", id, o.Status, res)
			}
		}
		if o.CreditReserved != reserved {
			rt.Fatalf("offer %s says credit reserved=%v, the bank says %+v", id, o.CreditReserved, res)
		}
	}
}
