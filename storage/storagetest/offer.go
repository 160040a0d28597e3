package storagetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// The conformance of offer.Store: offers, their queries, the clock's due
// offers, history and performance hits.

// newContent returns content with every field set, different for each n.
func newContent(n int) offer.Content {
	return offer.Content{
		Profile:             offer.Engineer,
		Title:               i18n.Text{FR: fmt.Sprintf("Ingénieure civile n° %d", n), EN: fmt.Sprintf("Civil engineer no. %d", n)},
		Description:         i18n.Text{FR: "<p>Conception d’ouvrages d’art « durables ».</p>", EN: "<p>Design of \"lasting\" bridges.</p>"},
		FunctionType:        "design",
		EmploymentType:      "permanent",
		PositionStatus:      "full_time",
		Domains:             []string{"civil", "structural"},
		WorkArrangement:     offer.Hybrid,
		ApplicationDeadline: canada.Date{Year: 2026, Month: time.April, Day: 30},
		Salary:              "85 000 $ à 105 000 $ / an",
		Reference:           fmt.Sprintf("RÉF-%04d", n),
		ExperienceYears:     5,
		Workplace: offer.Workplace{
			Kind: offer.InPlaces,
			Address: group.Address{
				Street: "1000, rue De La Gauchetière Ouest", City: "Montréal", Province: "QC",
				PostalCode: "H3B 4W5", Country: "CA",
			},
			Places: []offer.Place{{Region: "06", City: "Montréal"}, {Region: "03"}},
		},
		Interests:   []string{"ponts", "développement durable"},
		Apply:       offer.Apply{URL: fmt.Sprintf("https://example.com/carrieres/%d?src=babillard&x=%%20", n), Email: "rh@example.com"},
		DisplayDate: canada.Date{Year: 2026, Month: time.March, Day: 16},
		Featured:    true,
	}
}

// newOffer returns a published offer with every field set (a revision
// pending, featured, extended…), not stored.
func (f *fixture) newOffer(groupID uuid.UUID, mods ...func(*offer.Offer)) offer.Offer {
	n := f.next()
	rev := newContent(n + 1000)
	rev.Title.FR = fmt.Sprintf("Révision : ingénieure civile n° %d", n)
	rev.Workplace = offer.Workplace{Kind: offer.AtAddress, Address: group.Address{
		Street: "2, rue Notre-Dame Est", City: "Trois-Rivières", Province: "QC", PostalCode: "G9A 5A1", Country: "CA",
	}}
	rev.Apply = offer.Apply{Email: "emplois@example.com"}
	rev.Interests = nil
	rev.DisplayDate = canada.Date{}
	o := offer.Offer{
		ID:                  uuid.New(),
		GroupID:             groupID,
		Status:              offer.Published,
		Content:             newContent(n),
		Revision:            &rev,
		CreditReserved:      true,
		SubmittedAt:         at(n),
		ValidationDue:       at(n + 2*24*60),
		ApprovedAt:          at(n + 24*60),
		PublishAt:           at(n + 15*24*60),
		PublishedAt:         at(n + 15*24*60),
		ExpiresAt:           at(n + 52*24*60),
		EndedAt:             at(n + 60*24*60),
		Extensions:          1,
		FeaturedFrom:        at(n + 15*24*60),
		FeaturedUntil:       at(n + 22*24*60),
		FeaturedEndNotified: true,
		DeadlinePushedTo:    canada.Date{Year: 2026, Month: time.May, Day: 15},
		WarnedExpiry:        true,
		ArchivedAt:          at(n + 90*24*60),
		DuplicatedFrom:      uuid.New(),
		CreatedBy:           uuid.New(),
		CreatedAt:           at(n),
		UpdatedAt:           at(n + 30),
	}
	for _, m := range mods {
		m(&o)
	}
	return o
}

func (f *fixture) offer(groupID uuid.UUID, mods ...func(*offer.Offer)) offer.Offer {
	f.t.Helper()
	o := f.newOffer(groupID, mods...)
	f.must(f.s.CreateOffer(f.ctx, &o), "CreateOffer")
	return o
}

// idle makes an offer that the clock has nothing to do with: a draft,
// never featured.
func idle(o *offer.Offer) {
	o.Status = offer.Draft
	o.FeaturedFrom, o.FeaturedUntil, o.FeaturedEndNotified = time.Time{}, time.Time{}, false
}

func offerID(o offer.Offer) uuid.UUID { return o.ID }

// compareIDs orders UUIDs byte-wise.
func compareIDs(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }

// offerTimes returns pointers to every time of o.
func offerTimes(o *offer.Offer) []*time.Time {
	return []*time.Time{&o.SubmittedAt, &o.ValidationDue, &o.ApprovedAt, &o.PublishAt, &o.PublishedAt, &o.ExpiresAt,
		&o.EndedAt, &o.FeaturedFrom, &o.FeaturedUntil, &o.ArchivedAt, &o.CreatedAt, &o.UpdatedAt}
}

// canonContent returns c as the suite compares it: empty slices as nil.
func canonContent(c offer.Content) offer.Content {
	c.Domains = nilIfEmpty(c.Domains)
	c.Interests = nilIfEmpty(c.Interests)
	c.Workplace.Places = nilIfEmpty(c.Workplace.Places)
	return c
}

// canonOffer returns o as the suite compares it: times in UTC to the
// microsecond, empty slices as nil.
func canonOffer(o offer.Offer) offer.Offer {
	o.Content = canonContent(o.Content)
	if o.Revision != nil {
		r := canonContent(*o.Revision)
		o.Revision = &r
	}
	for _, p := range offerTimes(&o) {
		*p = ct(*p)
	}
	return o
}

// wantOffer reports an error, naming the fields that differ, unless got
// and want are the same offer.
func wantOffer(t *testing.T, what string, got, want offer.Offer) {
	t.Helper()
	g, w := canonOffer(got), canonOffer(want)
	if reflect.DeepEqual(g, w) {
		return
	}
	gv, wv := reflect.ValueOf(g), reflect.ValueOf(w)
	for i := range gv.NumField() {
		gf, wf := gv.Field(i).Interface(), wv.Field(i).Interface()
		if !reflect.DeepEqual(gf, wf) {
			if r, ok := gf.(*offer.Content); ok && r != nil {
				gf = *r
			}
			if r, ok := wf.(*offer.Content); ok && r != nil {
				wf = *r
			}
			t.Errorf("%s: %s:\n got %+v\nwant %+v", what, gv.Type().Field(i).Name, gf, wf)
		}
	}
}

// wantOffers reports an error unless got lists the offers of want, in
// order.
func wantOffers(t *testing.T, what string, got, want []offer.Offer) {
	t.Helper()
	wantIDs(t, what, ids(got, offerID), ids(want, offerID))
	if len(got) == len(want) {
		for i := range got {
			wantOffer(t, fmt.Sprintf("%s: offer %d", what, i), got[i], want[i])
		}
	}
}

func canonEntries(es []offer.HistoryEntry) []offer.HistoryEntry {
	out := make([]offer.HistoryEntry, len(es))
	for i, e := range es {
		e.At = ct(e.At)
		e.Seq = 0 // set by the store; OfferLists checks it
		out[i] = e
	}
	return out
}

// wantHistory reports an error unless got lists the entries of want, in
// order.
func wantHistory(t *testing.T, what string, got, want []offer.HistoryEntry) {
	t.Helper()
	if !reflect.DeepEqual(canonEntries(got), canonEntries(want)) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// entry returns a history entry of offerID at t with note.
func entry(offerID uuid.UUID, t time.Time, note string) offer.HistoryEntry {
	return offer.HistoryEntry{OfferID: offerID, At: t, Action: offer.ActionRefuse, From: offer.InValidation,
		To: offer.ToRevise, By: uuid.New(), Role: offer.Board, Note: note}
}

// nextStatus returns the status after s in offer.Statuses, cyclically.
func nextStatus(s offer.Status) offer.Status {
	all := offer.Statuses()
	return all[(slices.Index(all, s)+1)%len(all)]
}

func (su *suite) testOffer(t *testing.T) {
	runCRUD(t, su, crud[offer.Offer]{
		build: func(f *fixture) offer.Offer {
			_, g := f.companyGroup()
			return f.newOffer(g.ID)
		},
		create:  func(f *fixture, o *offer.Offer) error { return f.s.CreateOffer(f.ctx, o) },
		get:     func(f *fixture, o offer.Offer) (offer.Offer, error) { return f.s.Offer(f.ctx, o.ID) },
		update:  func(f *fixture, o *offer.Offer) error { return f.s.UpdateOffer(f.ctx, o) },
		version: func(o *offer.Offer) *int64 { return &o.Version },
		change: func(o *offer.Offer) {
			o.Status = nextStatus(o.Status)
			o.Content.Title.FR += " bis"
			o.Content.Title.EN = ""
			o.Content.Domains = append(slices.Clone(o.Content.Domains), "mining")
			o.Content.Workplace.Places = append(slices.Clone(o.Content.Workplace.Places), offer.Place{Region: "02", City: "Saguenay"})
			o.Content.ApplicationDeadline = o.Content.ApplicationDeadline.AddDays(7)
			if o.Revision == nil {
				r := o.Content
				r.Title.FR = "Révision"
				o.Revision = &r
			} else {
				o.Revision = nil
			}
			o.CreditReserved = !o.CreditReserved
			for _, p := range offerTimes(o) {
				*p = p.Add(time.Hour)
			}
			o.Extensions++
			o.FeaturedEndNotified = !o.FeaturedEndNotified
			o.WarnedExpiry = !o.WarnedExpiry
			o.DeadlinePushedTo = o.Deadline().AddDays(14)
			o.DuplicatedFrom = uuid.New()
		},
		sameID: func(f *fixture, o offer.Offer) offer.Offer {
			return f.newOffer(o.GroupID, func(d *offer.Offer) { d.ID = o.ID })
		},
		missing: func(f *fixture, o offer.Offer) offer.Offer { o.ID = uuid.New(); return o },
	})
	t.Run("CreateMissingGroup", func(t *testing.T) {
		f := su.fixture(t)
		o := f.newOffer(uuid.New())
		wantErr(t, "CreateOffer in an unknown group", f.s.CreateOffer(f.ctx, &o), storage.ErrNotFound)
		if o.Version != 0 {
			t.Errorf("after a refused create, the argument's Version = %d, want 0", o.Version)
		}
		_, err := f.s.Offer(f.ctx, o.ID)
		wantErr(t, "Offer after a refused create", err, storage.ErrNotFound)
	})
	t.Run("UpdateGroup", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		o := f.offer(g.ID)
		moved := o
		moved.GroupID = uuid.New()
		wantErr(t, "UpdateOffer to an unknown group", f.s.UpdateOffer(f.ctx, &moved), storage.ErrNotFound)
		got, err := f.s.Offer(f.ctx, o.ID)
		f.must(err, "Offer")
		wantOffer(t, "offer after a refused update", got, o)
		moved.GroupID = other.ID
		f.must(f.s.UpdateOffer(f.ctx, &moved), "UpdateOffer to another group")
		got, err = f.s.Offer(f.ctx, o.ID)
		f.must(err, "Offer")
		wantOffer(t, "offer moved to another group", got, moved)
	})
	t.Run("Optional", func(t *testing.T) {
		// A draft just begun: no revision, no dates, no references, content
		// with zero dates and no lists.
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID, func(o *offer.Offer) {
			*o = offer.Offer{ID: o.ID, GroupID: o.GroupID, Status: offer.Draft, CreatedAt: o.CreatedAt,
				Content: offer.Content{Title: i18n.Text{FR: "Brouillon"}}}
		})
		got, err := f.s.Offer(f.ctx, o.ID)
		f.must(err, "Offer")
		wantOffer(t, "offer without optional fields", got, o)
		if got.Revision != nil {
			t.Errorf("Revision of an offer without one = %+v, want nil", *got.Revision)
		}
		// A revision with zero dates, and empty (not nil) lists.
		o.Revision = &offer.Content{Title: i18n.Text{FR: "Révision"}, Domains: []string{}, Interests: []string{},
			Workplace: offer.Workplace{Places: []offer.Place{}}}
		o.Content.Domains = []string{}
		f.must(f.s.UpdateOffer(f.ctx, &o), "UpdateOffer")
		got, err = f.s.Offer(f.ctx, o.ID)
		f.must(err, "Offer")
		wantOffer(t, "offer with an empty revision", got, o)
		if got.Revision == nil {
			t.Errorf("Revision of an offer with an empty revision = nil, want one")
		}
	})
	t.Run("Content", func(t *testing.T) {
		// Every field of the content and revision round-trips, whatever
		// its characters.
		f := su.fixture(t)
		_, g := f.companyGroup()
		odd := `« Guillemets », "quotes", 'apostrophe', \backslash\, 100 % _under_, émoji 🏗️, <b>&amp;</b>, tab	and
newline`
		o := f.offer(g.ID, func(o *offer.Offer) {
			o.Content.Profile = offer.CPI
			o.Content.Title = i18n.Text{FR: "Ingénieur·e junior " + odd, EN: "Junior engineer " + odd}
			o.Content.Description = i18n.Text{FR: odd, EN: odd}
			o.Content.WorkArrangement = offer.Remote
			o.Content.Salary = odd
			o.Content.Reference = odd
			o.Content.ExperienceYears = 0
			o.Content.Workplace = offer.Workplace{Kind: offer.OutsideQuebec}
			o.Content.Apply = offer.Apply{Email: "candidatures+génie@example.com"}
			o.Content.ApplicationDeadline = canada.Date{Year: 2028, Month: time.February, Day: 29}
			o.Content.DisplayDate = canada.Date{Year: 2027, Month: time.December, Day: 31}
			o.Revision.Workplace.Places = []offer.Place{{Region: "17"}, {Region: "06", City: odd}}
			o.Revision.ApplicationDeadline = canada.Date{Year: 2026, Month: time.January, Day: 1}
			o.DeadlinePushedTo = canada.Date{Year: 2029, Month: time.December, Day: 31}
		})
		got, err := f.s.Offer(f.ctx, o.ID)
		f.must(err, "Offer")
		wantOffer(t, "offer with every content field", got, o)
		list, err := f.s.Offers(f.ctx, offer.Query{GroupID: g.ID})
		f.must(err, "Offers")
		wantOffers(t, "Offers of an offer with every content field", list, []offer.Offer{o})
	})
	t.Run("DeepCopy", func(t *testing.T) {
		// Records are values: changing the argument after a write, or a
		// returned offer, changes nothing stored.
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.newOffer(g.ID, func(o *offer.Offer) {
			o.PublishAt, o.Status = at(0), offer.Scheduled
			o.Revision.Workplace.Places = []offer.Place{{Region: "05", City: "Sherbrooke"}}
		})
		want := o
		wantRev := *o.Revision
		want.Revision = &wantRev
		want.Content.Domains = slices.Clone(o.Content.Domains)
		want.Content.Interests = slices.Clone(o.Content.Interests)
		want.Content.Workplace.Places = slices.Clone(o.Content.Workplace.Places)
		wantRev.Domains = slices.Clone(o.Revision.Domains)
		wantRev.Workplace.Places = slices.Clone(o.Revision.Workplace.Places)
		f.must(f.s.CreateOffer(f.ctx, &o), "CreateOffer")
		want.Version = 1
		mutate := func(o *offer.Offer) {
			o.Content.Domains[0] = "changed"
			o.Content.Interests[0] = "changed"
			o.Content.Workplace.Places[0].City = "Changed"
			o.Revision.Title.FR = "Changed"
			o.Revision.Domains[0] = "changed"
			o.Revision.Workplace.Places[0].City = "Changed"
		}
		check := func(what string) {
			t.Helper()
			got, err := f.s.Offer(f.ctx, want.ID)
			f.must(err, "Offer")
			wantOffer(t, what, got, want)
		}
		mutate(&o)
		check("offer after changing the argument of CreateOffer")

		got, err := f.s.Offer(f.ctx, want.ID)
		f.must(err, "Offer")
		mutate(&got)
		check("offer after changing a result of Offer")

		list, err := f.s.Offers(f.ctx, offer.Query{GroupID: g.ID})
		f.must(err, "Offers")
		if len(list) == 1 {
			mutate(&list[0])
		}
		check("offer after changing a result of Offers")

		due, err := f.s.DueOffers(f.ctx, at(1), 10)
		f.must(err, "DueOffers")
		if len(due) == 1 {
			mutate(&due[0])
		}
		check("offer after changing a result of DueOffers")

		upd, err := f.s.Offer(f.ctx, want.ID)
		f.must(err, "Offer")
		upd.Content.Title.FR = "Mise à jour"
		f.must(f.s.UpdateOffer(f.ctx, &upd), "UpdateOffer")
		want.Content.Title.FR, want.Version = "Mise à jour", 2
		mutate(&upd)
		check("offer after changing the argument of UpdateOffer")
	})
	t.Run("Times", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		zone := time.FixedZone("UTC-5", -5*60*60)
		odd := func(min int) time.Time { return time.Date(2026, 3, 1, 7, min, 0, 123456789, zone) }
		o := f.newOffer(g.ID)
		for i, p := range offerTimes(&o) {
			*p = odd(i)
		}
		f.must(f.s.CreateOffer(f.ctx, &o), "CreateOffer")
		check := func(from string, got offer.Offer) {
			t.Helper()
			for i, p := range offerTimes(&got) {
				wantTime(t, fmt.Sprintf("offer time %d from %s", i, from), *p, odd(i))
			}
		}
		got, err := f.s.Offer(f.ctx, o.ID)
		f.must(err, "Offer")
		check("Offer", got)
		list, err := f.s.Offers(f.ctx, offer.Query{GroupID: g.ID})
		f.must(err, "Offers")
		if len(list) == 1 {
			check("Offers", list[0])
		}
		// Cleared times stay zero.
		for _, p := range offerTimes(&o) {
			if p != &o.CreatedAt {
				*p = time.Time{}
			}
		}
		f.must(f.s.UpdateOffer(f.ctx, &o), "UpdateOffer")
		got, err = f.s.Offer(f.ctx, o.ID)
		f.must(err, "Offer")
		for i, p := range offerTimes(&got) {
			if p != &got.CreatedAt {
				wantTime(t, fmt.Sprintf("cleared offer time %d", i), *p, time.Time{})
			}
		}
	})
	t.Run("ConcurrentUpdates", func(t *testing.T) {
		// n updates of the same version at once: exactly one wins.
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID)
		n := su.cfg.concurrency
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				u := o
				u.Content.Title.FR = fmt.Sprintf("Version %d", i)
				errs[i] = f.s.UpdateOffer(f.ctx, &u)
			})
		}
		wg.Wait()
		won := 0
		for i, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, storage.ErrConflict):
				t.Errorf("update %d: error %v, want nil or %v", i, err, storage.ErrConflict)
			}
		}
		got, err := f.s.Offer(f.ctx, o.ID)
		f.must(err, "Offer")
		if won != 1 || got.Version != 2 {
			t.Errorf("%d concurrent updates of version 1: %d succeeded, stored version %d; want 1, 2", n, won, got.Version)
		}
	})
}

func (su *suite) testOffers(t *testing.T) {
	t.Run("Filters", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		tie := sortedIDs(2)
		title := func(fr, en string) func(*offer.Offer) {
			return func(o *offer.Offer) { o.Content.Title = i18n.Text{FR: fr, EN: en} }
		}
		status := func(s offer.Status, created time.Time) func(*offer.Offer) {
			return func(o *offer.Offer) { o.Status, o.CreatedAt = s, created }
		}
		draft := f.offer(g.ID, status(offer.Draft, at(10)), title("Ingénieure ÉLECTRIQUE", "Electrical Engineer"))
		live := f.offer(g.ID, status(offer.Published, at(30)), title("Ingénieur civil — ponts et chaussées", ""))
		archived := f.offer(g.ID, status(offer.Archived, at(40)), title("Ingénieur civil (archivé)", "Civil engineer"))
		// Created at the same time: newest first puts the greater ID first.
		low := f.offer(g.ID, func(o *offer.Offer) { o.ID = tie[0] }, status(offer.InValidation, at(20)),
			title("Chargée de projet", "Project manager, civil works"))
		high := f.offer(g.ID, func(o *offer.Offer) { o.ID = tie[1] }, status(offer.ToRevise, at(20)),
			title("Chargé de projets", ""))
		away := f.offer(other.ID, status(offer.Published, at(50)), title("Ingénieur civil", "Civil engineer"))
		for _, tc := range []struct {
			name string
			q    offer.Query
			want []offer.Offer
		}{
			{"a group's (every status but archived, newest first, ties by descending ID)", offer.Query{GroupID: g.ID},
				[]offer.Offer{live, high, low, draft}},
			{"every group", offer.Query{}, []offer.Offer{away, live, high, low, draft}},
			{"archived", offer.Query{GroupID: g.ID, Statuses: []offer.Status{offer.Archived}}, []offer.Offer{archived}},
			{"published and archived", offer.Query{GroupID: g.ID, Statuses: []offer.Status{offer.Published, offer.Archived}},
				[]offer.Offer{archived, live}},
			{"every status", offer.Query{GroupID: g.ID, Statuses: offer.Statuses()}, []offer.Offer{archived, live, high, low, draft}},
			{"a status without offers", offer.Query{GroupID: g.ID, Statuses: []offer.Status{offer.Expired}}, nil},
			{"title in French or English", offer.Query{GroupID: g.ID, Title: "civil"}, []offer.Offer{live, low}},
			{"title, including archived", offer.Query{GroupID: g.ID, Title: "civil", Statuses: offer.Statuses()},
				[]offer.Offer{archived, live, low}},
			{"title without accents or case", offer.Query{GroupID: g.ID, Title: "ELECTRIQUE"}, []offer.Offer{draft}},
			{"title with other accents", offer.Query{GroupID: g.ID, Title: "électrîque"}, []offer.Offer{draft}},
			{"English title", offer.Query{GroupID: g.ID, Title: "engineer"}, []offer.Offer{draft}},
			{"every word, in any order", offer.Query{GroupID: g.ID, Title: "Chaussées, INGÉNIEUR"}, []offer.Offer{live}},
			{"a word missing", offer.Query{GroupID: g.ID, Title: "ingénieur tunnels"}, nil},
			{"part of a word", offer.Query{GroupID: g.ID, Title: "charg"}, []offer.Offer{high, low}},
			{"words of the French and English titles", offer.Query{GroupID: g.ID, Title: "chargée works"}, []offer.Offer{low}},
			{"punctuation only (no filter)", offer.Query{GroupID: g.ID, Title: " — %_ "}, []offer.Offer{live, high, low, draft}},
			{"symbols separate words", offer.Query{GroupID: g.ID, Title: "ing%civil"}, []offer.Offer{live}},
			{"title in every group", offer.Query{Title: "civil engineer"}, []offer.Offer{away}},
			{"limit", offer.Query{GroupID: g.ID, Limit: 2}, []offer.Offer{live, high}},
			{"unknown group", offer.Query{GroupID: uuid.New()}, nil},
		} {
			got, err := f.s.Offers(f.ctx, tc.q)
			f.must(err, "Offers")
			wantOffers(t, "Offers: "+tc.name, got, tc.want)
		}
	})
	t.Run("TitleFollowsUpdates", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID, func(o *offer.Offer) { o.Content.Title = i18n.Text{FR: "Géotechnicienne", EN: "Geotechnical engineer"} })
		o.Content.Title = i18n.Text{FR: "Hydrologue"}
		f.must(f.s.UpdateOffer(f.ctx, &o), "UpdateOffer")
		for title, want := range map[string][]offer.Offer{"geotechnicienne": nil, "geotechnical": nil, "HYDROLOGUE": {o}} {
			got, err := f.s.Offers(f.ctx, offer.Query{GroupID: g.ID, Title: title})
			f.must(err, "Offers")
			wantOffers(t, fmt.Sprintf("Offers with title %q after the title changed", title), got, want)
		}
	})
	t.Run("ByValidationDue", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		tie := sortedIDs(2)
		due := func(d time.Time) func(*offer.Offer) {
			return func(o *offer.Offer) { o.Status, o.ValidationDue = offer.InValidation, d }
		}
		late := f.offer(g.ID, due(at(500)), func(o *offer.Offer) { o.CreatedAt = at(1) })
		b := f.offer(g.ID, due(at(400)), func(o *offer.Offer) { o.ID = tie[1] })
		a := f.offer(g.ID, due(at(400)), func(o *offer.Offer) { o.ID = tie[0] })
		away := f.offer(other.ID, due(at(450)))
		f.offer(g.ID, func(o *offer.Offer) { o.Status, o.ValidationDue = offer.Published, at(100) })
		q := offer.Query{Statuses: []offer.Status{offer.InValidation}, ByValidationDue: true}
		got, err := f.s.Offers(f.ctx, q)
		f.must(err, "Offers")
		wantOffers(t, "the moderators' queue (by validation due time, then ID)", got, []offer.Offer{a, b, away, late})
		q.Limit = 2
		got, err = f.s.Offers(f.ctx, q)
		f.must(err, "Offers")
		wantOffers(t, "the head of the moderators' queue", got, []offer.Offer{a, b})
		q = offer.Query{GroupID: g.ID, Statuses: []offer.Status{offer.InValidation}, ByValidationDue: true}
		got, err = f.s.Offers(f.ctx, q)
		f.must(err, "Offers")
		wantOffers(t, "a group's queue", got, []offer.Offer{a, b, late})
	})
	t.Run("DefaultLimit", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		var all []offer.Offer
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			for i := range 101 {
				o := f.newOffer(g.ID, func(o *offer.Offer) { o.CreatedAt = at(i) })
				if err := f.s.CreateOffer(ctx, &o); err != nil {
					return err
				}
				all = append(all, o)
			}
			return nil
		})
		f.must(err, "Atomic")
		slices.Reverse(all)
		for _, tc := range []struct {
			limit, want int
		}{{0, 100}, {-1, 100}, {100, 100}, {101, 101}, {500, 101}, {3, 3}} {
			got, err := f.s.Offers(f.ctx, offer.Query{GroupID: g.ID, Limit: tc.limit})
			f.must(err, "Offers")
			wantIDs(t, fmt.Sprintf("Offers with limit %d", tc.limit), ids(got, offerID), ids(all[:tc.want], offerID))
		}
	})
}

func (su *suite) testCountOffers(t *testing.T) {
	f := su.fixture(t)
	_, g := f.companyGroup()
	_, other := f.companyGroup()
	for _, st := range []offer.Status{offer.Draft, offer.InValidation, offer.InValidation, offer.Published, offer.Archived,
		offer.InValidation} {
		f.offer(g.ID, func(o *offer.Offer) { o.Status = st })
	}
	f.offer(other.ID, func(o *offer.Offer) { o.Status = offer.Expired })
	changed := f.offer(g.ID, func(o *offer.Offer) { o.Status = offer.Draft })
	changed.Status = offer.Scheduled
	f.must(f.s.UpdateOffer(f.ctx, &changed), "UpdateOffer")
	for _, tc := range []struct {
		name  string
		group uuid.UUID
		want  map[offer.Status]int
	}{
		{"a group (statuses without offers absent)", g.ID, map[offer.Status]int{
			offer.Draft: 1, offer.InValidation: 3, offer.Scheduled: 1, offer.Published: 1, offer.Archived: 1,
		}},
		{"another group", other.ID, map[offer.Status]int{offer.Expired: 1}},
		{"an unknown group", uuid.New(), map[offer.Status]int{}},
	} {
		got, err := f.s.CountOffers(f.ctx, tc.group)
		f.must(err, "CountOffers")
		if !maps.Equal(got, tc.want) {
			t.Errorf("CountOffers of %s = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func (su *suite) testDueOffers(t *testing.T) {
	now := at(1000)
	day := 24 * time.Hour
	warn := offer.ExpiryWarningWindow
	type tc struct {
		name string
		mod  func(*offer.Offer)
	}
	// Each offer starts idle (see idle), then gets mod.
	due := []tc{
		{"scheduled, publication at now", func(o *offer.Offer) { o.Status, o.PublishAt = offer.Scheduled, now }},
		{"scheduled, publication passed", func(o *offer.Offer) { o.Status, o.PublishAt = offer.Scheduled, now.Add(-time.Hour) }},
		{"scheduled without a publication time (the zero time has come, as for the machine's guard)",
			func(o *offer.Offer) { o.Status, o.PublishAt = offer.Scheduled, time.Time{} }},
		{"published, expiring at now, warned", func(o *offer.Offer) {
			o.Status, o.ExpiresAt, o.WarnedExpiry = offer.Published, now, true
		}},
		{"published, expired a day ago, warned", func(o *offer.Offer) {
			o.Status, o.ExpiresAt, o.WarnedExpiry = offer.Published, now.Add(-day), true
		}},
		{"published, warning due at now", func(o *offer.Offer) {
			o.Status, o.ExpiresAt, o.WarnedExpiry = offer.Published, now.Add(warn), false
		}},
		{"published, warning due since a day", func(o *offer.Offer) {
			o.Status, o.ExpiresAt, o.WarnedExpiry = offer.Published, now.Add(warn-day), false
		}},
		{"featured period ended at now (expired offer)", func(o *offer.Offer) {
			o.Status, o.FeaturedFrom, o.FeaturedUntil = offer.Expired, now.Add(-7*day), now
		}},
		{"featured period ended (archived offer)", func(o *offer.Offer) {
			o.Status, o.FeaturedFrom, o.FeaturedUntil = offer.Archived, now.Add(-8*day), now.Add(-day)
		}},
		{"featured period ended (draft, no start)", func(o *offer.Offer) { o.FeaturedUntil = now.Add(-time.Minute) }},
	}
	notDue := []tc{
		{"idle draft", func(*offer.Offer) {}},
		{"draft with passed times", func(o *offer.Offer) {
			o.PublishAt, o.ExpiresAt, o.WarnedExpiry = now.Add(-day), now.Add(-day), false
		}},
		{"scheduled, publication a microsecond ahead", func(o *offer.Offer) {
			o.Status, o.PublishAt = offer.Scheduled, now.Add(time.Microsecond)
		}},
		{"published, warning a microsecond ahead", func(o *offer.Offer) {
			o.Status, o.PublishAt, o.ExpiresAt, o.WarnedExpiry = offer.Published, now.Add(-20*day), now.Add(warn+time.Microsecond), false
		}},
		{"published, warning already sent", func(o *offer.Offer) {
			o.Status, o.ExpiresAt, o.WarnedExpiry = offer.Published, now.Add(warn-day), true
		}},
		{"expired offer past its expiry", func(o *offer.Offer) {
			o.Status, o.ExpiresAt, o.WarnedExpiry = offer.Expired, now.Add(-day), false
		}},
		{"in validation with a passed publication", func(o *offer.Offer) {
			o.Status, o.PublishAt = offer.InValidation, now.Add(-day)
		}},
		{"featured period ended, end notified", func(o *offer.Offer) {
			o.Status, o.FeaturedFrom, o.FeaturedUntil, o.FeaturedEndNotified = offer.Expired, now.Add(-8*day), now.Add(-day), true
		}},
		{"featured period ending a microsecond ahead", func(o *offer.Offer) {
			o.Status, o.FeaturedFrom, o.FeaturedUntil = offer.Expired, now.Add(-7*day), now.Add(time.Microsecond)
		}},
		{"never featured (zero FeaturedUntil), not notified", func(o *offer.Offer) {
			o.Status, o.FeaturedFrom, o.FeaturedUntil, o.FeaturedEndNotified = offer.Expired, time.Time{}, time.Time{}, false
		}},
	}
	// setup stores every case, the due ones spread over two groups, and
	// returns the due offers ordered by ID.
	setup := func(t *testing.T) (*fixture, []offer.Offer) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		_, other := f.companyGroup()
		var want []offer.Offer
		for i, c := range due {
			gid := g.ID
			if i%2 == 1 {
				gid = other.ID
			}
			want = append(want, f.offer(gid, idle, c.mod, func(o *offer.Offer) { o.Content.Title.FR = c.name }))
		}
		for _, c := range notDue {
			f.offer(g.ID, idle, c.mod, func(o *offer.Offer) { o.Content.Title.FR = c.name })
		}
		slices.SortFunc(want, func(a, b offer.Offer) int { return compareIDs(a.ID, b.ID) })
		return f, want
	}
	names := func(list []offer.Offer) []string {
		out := make([]string, len(list))
		for i, o := range list {
			out[i] = o.Content.Title.FR
		}
		return out
	}
	t.Run("Conditions", func(t *testing.T) {
		f, want := setup(t)
		got, err := f.s.DueOffers(f.ctx, now, 100)
		f.must(err, "DueOffers")
		wantEqual(t, "DueOffers (names of the cases, by ID)", names(got), names(want))
		wantOffers(t, "DueOffers", got, want)
		// Nanoseconds of now are dropped, like those of stored times: the
		// offers due a microsecond later are not due yet.
		got, err = f.s.DueOffers(f.ctx, now.Add(999*time.Nanosecond), 100)
		f.must(err, "DueOffers")
		wantEqual(t, "DueOffers at now + 999ns", names(got), names(want))
		got, err = f.s.DueOffers(f.ctx, now.Add(time.Microsecond), 100)
		f.must(err, "DueOffers")
		if len(got) != len(want)+3 {
			t.Errorf("DueOffers a microsecond later: %q, want the %d due offers and the 3 cases \"a microsecond ahead\"",
				names(got), len(want))
		}
	})
	t.Run("Limit", func(t *testing.T) {
		f, want := setup(t)
		for _, limit := range []int{1, 3, len(want), len(want) + 5} {
			got, err := f.s.DueOffers(f.ctx, now, limit)
			f.must(err, "DueOffers")
			wantIDs(t, fmt.Sprintf("DueOffers with limit %d", limit), ids(got, offerID), ids(want[:min(limit, len(want))], offerID))
		}
		for _, limit := range []int{0, -1} {
			got, err := f.s.DueOffers(f.ctx, now, limit)
			f.must(err, "DueOffers")
			if len(got) != 0 {
				t.Errorf("DueOffers with limit %d returned %d offers, want none", limit, len(got))
			}
		}
	})
	t.Run("Moves", func(t *testing.T) {
		// Once the clock has done its work, the offer is no longer due.
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID, idle, func(o *offer.Offer) { o.Status, o.PublishAt = offer.Scheduled, now.Add(-time.Hour) })
		o.Status, o.PublishedAt, o.ExpiresAt, o.WarnedExpiry = offer.Published, now, now.Add(30*day), false
		o.FeaturedFrom, o.FeaturedUntil = now, now.Add(7*day)
		f.must(f.s.UpdateOffer(f.ctx, &o), "UpdateOffer")
		for _, tc := range []struct {
			at   time.Time
			want int
		}{{now, 0}, {now.Add(7 * day), 1}, {now.Add(20*day - time.Microsecond), 1}, {now.Add(20 * day), 1}} {
			got, err := f.s.DueOffers(f.ctx, tc.at, 10)
			f.must(err, "DueOffers")
			if len(got) != tc.want {
				t.Errorf("DueOffers at %v: %d offers, want %d", tc.at, len(got), tc.want)
			}
		}
		o.FeaturedEndNotified = true
		f.must(f.s.UpdateOffer(f.ctx, &o), "UpdateOffer")
		got, err := f.s.DueOffers(f.ctx, now.Add(30*day-warn-time.Microsecond), 10)
		f.must(err, "DueOffers")
		if len(got) != 0 {
			t.Errorf("DueOffers after the featured end was notified, before the warning: %d offers, want none", len(got))
		}
		o.WarnedExpiry = true
		f.must(f.s.UpdateOffer(f.ctx, &o), "UpdateOffer")
		got, err = f.s.DueOffers(f.ctx, now.Add(30*day-time.Microsecond), 10)
		f.must(err, "DueOffers")
		if len(got) != 0 {
			t.Errorf("DueOffers after the warning, before expiry: %d offers, want none", len(got))
		}
		got, err = f.s.DueOffers(f.ctx, now.Add(30*day), 10)
		f.must(err, "DueOffers")
		if len(got) != 1 {
			t.Errorf("DueOffers at expiry: %d offers, want 1", len(got))
		}
	})
}

func (su *suite) testOfferHistory(t *testing.T) {
	t.Run("AppendAndList", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID)
		other := f.offer(g.ID)
		quiet := f.offer(g.ID)
		e1 := entry(o.ID, at(10), "first")
		e2 := entry(o.ID, at(20), "second, same time as the third")
		e3 := entry(o.ID, at(20), "third")
		e0 := entry(o.ID, at(5), "appended last, earliest")
		e4 := entry(o.ID, at(20), "fourth, same time, appended alone")
		x := entry(other.ID, at(15), "another offer's")
		f.must(f.s.AppendHistory(f.ctx, e1), "AppendHistory")
		f.must(f.s.AppendHistory(f.ctx, e2, x, e3), "AppendHistory")
		f.must(f.s.AppendHistory(f.ctx, e4), "AppendHistory")
		f.must(f.s.AppendHistory(f.ctx, e0), "AppendHistory")
		f.must(f.s.AppendHistory(f.ctx), "AppendHistory of no entry")
		got, err := f.s.History(f.ctx, o.ID)
		f.must(err, "History")
		wantHistory(t, "History (by time, then order of appending)", got, []offer.HistoryEntry{e0, e1, e2, e3, e4})
		got, err = f.s.History(f.ctx, other.ID)
		f.must(err, "History")
		wantHistory(t, "History of another offer", got, []offer.HistoryEntry{x})
		for name, id := range map[string]uuid.UUID{"an offer without history": quiet.ID, "an unknown offer": uuid.New()} {
			got, err = f.s.History(f.ctx, id)
			if err != nil || len(got) != 0 {
				t.Errorf("History of %s = %v, %v; want nothing, nil", name, got, err)
			}
		}
	})
	t.Run("Optional", func(t *testing.T) {
		// The clock's entries have no author; a creation has no "from".
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID)
		created := offer.HistoryEntry{OfferID: o.ID, At: at(1), Action: offer.ActionCreate, To: offer.Draft, By: uuid.New(), Role: offer.Member}
		published := offer.HistoryEntry{OfferID: o.ID, At: at(2), Action: offer.ActionPublish, From: offer.Scheduled, To: offer.Published, Role: offer.Clock}
		f.must(f.s.AppendHistory(f.ctx, created, published), "AppendHistory")
		got, err := f.s.History(f.ctx, o.ID)
		f.must(err, "History")
		wantHistory(t, "entries without optional fields", got, []offer.HistoryEntry{created, published})
	})
	t.Run("MissingOffer", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID)
		kept := entry(o.ID, at(1), "kept")
		f.must(f.s.AppendHistory(f.ctx, kept), "AppendHistory")
		lost := uuid.New()
		wantErr(t, "AppendHistory of an unknown offer", f.s.AppendHistory(f.ctx, entry(lost, at(2), "lost")), storage.ErrNotFound)
		wantErr(t, "AppendHistory of a known and an unknown offer",
			f.s.AppendHistory(f.ctx, entry(o.ID, at(3), "refused with the other"), entry(lost, at(3), "lost")), storage.ErrNotFound)
		got, err := f.s.History(f.ctx, o.ID)
		f.must(err, "History")
		wantHistory(t, "History after refused appends (all or none)", got, []offer.HistoryEntry{kept})
		got, err = f.s.History(f.ctx, lost)
		if err != nil || len(got) != 0 {
			t.Errorf("History of the unknown offer = %v, %v; want nothing, nil", got, err)
		}
	})
	t.Run("Times", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID)
		zone := time.FixedZone("UTC-5", -5*60*60)
		odd := time.Date(2026, 3, 1, 7, 4, 0, 123456100, zone)
		// 400ns later: the same microsecond once stored, so the order of
		// appending decides.
		f.must(f.s.AppendHistory(f.ctx, entry(o.ID, odd.Add(400), "first"), entry(o.ID, odd, "second")), "AppendHistory")
		got, err := f.s.History(f.ctx, o.ID)
		f.must(err, "History")
		if len(got) != 2 {
			t.Fatalf("History returned %d entries, want 2", len(got))
		}
		wantTime(t, "HistoryEntry.At", got[0].At, odd)
		wantTime(t, "HistoryEntry.At", got[1].At, odd)
		if got[0].Note != "first" {
			t.Errorf("entries of the same microsecond: %q first, want %q", got[0].Note, "first")
		}
	})
}

func (su *suite) testOfferHits(t *testing.T) {
	toronto, err := time.LoadLocation("America/Toronto")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	date := func(m time.Month, d int) canada.Date { return canada.Date{Year: 2026, Month: m, Day: d} }
	hit := func(id uuid.UUID, m offer.Metric, t time.Time) offer.Hit {
		return offer.Hit{OfferID: id, Metric: m, At: t}
	}
	t.Run("CountPerDay", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		offerIDs := sortedIDs(3)
		a := f.offer(g.ID, func(o *offer.Offer) { o.ID = offerIDs[1] })
		b := f.offer(g.ID, func(o *offer.Offer) { o.ID = offerIDs[0] })
		quiet := f.offer(g.ID, func(o *offer.Offer) { o.ID = offerIDs[2] })
		f.must(f.s.AppendHits(f.ctx,
			// 2026-03-01 23:59 and 2026-03-02 00:00 in Toronto (UTC-5).
			hit(a.ID, offer.Views, utc(2026, 3, 2, 4, 59)),
			hit(a.ID, offer.Views, utc(2026, 3, 2, 5, 0)),
			hit(a.ID, offer.Views, utc(2026, 3, 2, 5, 1)),
			hit(a.ID, offer.Shares, utc(2026, 3, 2, 12, 0)),
			hit(a.ID, offer.ApplyClicks, utc(2026, 3, 2, 13, 0)),
			// Around the change to daylight time (2026-03-08 02:00 EST):
			// 2026-03-07 23:59 EST, 2026-03-08 00:00 EST, 2026-03-08 23:59
			// EDT, 2026-03-09 00:00 EDT.
			hit(b.ID, offer.Views, utc(2026, 3, 8, 4, 59)),
			hit(b.ID, offer.Views, utc(2026, 3, 8, 5, 0)),
			hit(b.ID, offer.Views, utc(2026, 3, 9, 3, 59)),
			hit(b.ID, offer.Views, utc(2026, 3, 9, 4, 0)),
		), "AppendHits")
		f.must(f.s.AppendHits(f.ctx, hit(a.ID, offer.Views, utc(2026, 3, 2, 5, 0))), "AppendHits")
		f.must(f.s.AppendHits(f.ctx), "AppendHits of no hit")
		all := []uuid.UUID{a.ID, b.ID, quiet.ID}
		dc := func(id uuid.UUID, d canada.Date, m offer.Metric, n int64) offer.DailyCount {
			return offer.DailyCount{OfferID: id, Day: d, Metric: m, Count: n}
		}
		from, to := utc(2026, 3, 1, 0, 0), utc(2026, 4, 1, 0, 0)
		for _, tc := range []struct {
			name     string
			ids      []uuid.UUID
			from, to time.Time
			loc      *time.Location
			want     []offer.DailyCount
		}{
			{"in Toronto (by offer ID, day, metric)", all, from, to, toronto, []offer.DailyCount{
				dc(b.ID, date(3, 7), offer.Views, 1), dc(b.ID, date(3, 8), offer.Views, 2), dc(b.ID, date(3, 9), offer.Views, 1),
				dc(a.ID, date(3, 1), offer.Views, 1),
				dc(a.ID, date(3, 2), offer.ApplyClicks, 1), dc(a.ID, date(3, 2), offer.Shares, 1), dc(a.ID, date(3, 2), offer.Views, 3),
			}},
			{"in UTC", all, from, to, time.UTC, []offer.DailyCount{
				dc(b.ID, date(3, 8), offer.Views, 2), dc(b.ID, date(3, 9), offer.Views, 2),
				dc(a.ID, date(3, 2), offer.ApplyClicks, 1), dc(a.ID, date(3, 2), offer.Shares, 1), dc(a.ID, date(3, 2), offer.Views, 4),
			}},
			{"in a zone 5:45 ahead", []uuid.UUID{b.ID}, from, to, time.FixedZone("UTC+5:45", 5*3600+45*60), []offer.DailyCount{
				dc(b.ID, date(3, 8), offer.Views, 2), dc(b.ID, date(3, 9), offer.Views, 2),
			}},
			{"one offer", []uuid.UUID{a.ID}, from, to, toronto, []offer.DailyCount{
				dc(a.ID, date(3, 1), offer.Views, 1),
				dc(a.ID, date(3, 2), offer.ApplyClicks, 1), dc(a.ID, date(3, 2), offer.Shares, 1), dc(a.ID, date(3, 2), offer.Views, 3),
			}},
			{"from inclusive, to exclusive", []uuid.UUID{a.ID}, utc(2026, 3, 2, 5, 0), utc(2026, 3, 2, 12, 0), toronto, []offer.DailyCount{
				dc(a.ID, date(3, 2), offer.Views, 3),
			}},
			{"one Toronto day", []uuid.UUID{b.ID}, date(3, 8).In(toronto), date(3, 9).In(toronto), toronto, []offer.DailyCount{
				dc(b.ID, date(3, 8), offer.Views, 2),
			}},
			{"an offer without hits", []uuid.UUID{quiet.ID}, from, to, toronto, nil},
			{"an unknown offer", []uuid.UUID{uuid.New()}, from, to, toronto, nil},
			{"no offer", nil, from, to, toronto, nil},
			{"an empty period", all, to, to, toronto, nil},
		} {
			got, err := f.s.CountHits(f.ctx, tc.ids, tc.from, tc.to, tc.loc)
			f.must(err, "CountHits")
			if !reflect.DeepEqual(nilIfEmpty(got), tc.want) {
				t.Errorf("CountHits %s:\n got %v\nwant %v", tc.name, got, tc.want)
			}
		}
	})
	t.Run("MissingOffer", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		o := f.offer(g.ID)
		wantErr(t, "AppendHits of a known and an unknown offer",
			f.s.AppendHits(f.ctx, hit(o.ID, offer.Views, at(1)), hit(uuid.New(), offer.Views, at(1))), storage.ErrNotFound)
		got, err := f.s.CountHits(f.ctx, []uuid.UUID{o.ID}, at(0), at(100), time.UTC)
		f.must(err, "CountHits")
		if len(got) != 0 {
			t.Errorf("hits after a refused append (all or none): %v", got)
		}
	})
}

func (su *suite) testOfferAtomic(t *testing.T) {
	t.Run("Commit", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		var o offer.Offer
		var e offer.HistoryEntry
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			o = f.newOffer(g.ID)
			if err := f.s.CreateOffer(ctx, &o); err != nil {
				return err
			}
			o.Status = offer.Expired
			if err := f.s.UpdateOffer(ctx, &o); err != nil {
				return err
			}
			// The transaction reads its own writes.
			list, err := f.s.Offers(ctx, offer.Query{GroupID: g.ID})
			if err != nil {
				return err
			}
			wantOffers(t, "Offers in the transaction", list, []offer.Offer{o})
			e = entry(o.ID, at(1), "in the transaction")
			return f.s.AppendHistory(ctx, e)
		})
		f.must(err, "Atomic")
		got, err := f.s.Offer(f.ctx, o.ID)
		f.must(err, "Offer after commit")
		wantOffer(t, "offer after commit", got, o)
		h, err := f.s.History(f.ctx, o.ID)
		f.must(err, "History after commit")
		wantHistory(t, "history after commit", h, []offer.HistoryEntry{e})
	})
	t.Run("Rollback", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		prior := f.offer(g.ID, idle)
		priorEntry := entry(prior.ID, at(1), "before")
		f.must(f.s.AppendHistory(f.ctx, priorEntry), "AppendHistory")
		f.must(f.s.AppendHits(f.ctx, offer.Hit{OfferID: prior.ID, Metric: offer.Views, At: at(1)}), "AppendHits")
		var fresh offer.Offer
		boom := errors.New("boom")
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			fresh = f.newOffer(g.ID, func(o *offer.Offer) { o.Status, o.PublishAt = offer.Scheduled, at(0) })
			if err := f.s.CreateOffer(ctx, &fresh); err != nil {
				return err
			}
			upd := prior
			upd.Status, upd.Content.Title.FR = offer.Archived, "Archivée dans la transaction"
			if err := f.s.UpdateOffer(ctx, &upd); err != nil {
				return err
			}
			if err := f.s.AppendHistory(ctx, entry(prior.ID, at(2), "rolled back"), entry(fresh.ID, at(2), "rolled back")); err != nil {
				return err
			}
			if err := f.s.AppendHits(ctx, offer.Hit{OfferID: prior.ID, Metric: offer.Shares, At: at(2)},
				offer.Hit{OfferID: fresh.ID, Metric: offer.Views, At: at(2)}); err != nil {
				return err
			}
			return boom
		})
		wantErr(t, "Atomic", err, boom)
		_, err = f.s.Offer(f.ctx, fresh.ID)
		wantErr(t, "Offer created in a rolled-back transaction", err, storage.ErrNotFound)
		got, err := f.s.Offer(f.ctx, prior.ID)
		f.must(err, "Offer")
		wantOffer(t, "offer updated in a rolled-back transaction", got, prior)
		list, err := f.s.Offers(f.ctx, offer.Query{Statuses: offer.Statuses()})
		f.must(err, "Offers")
		wantOffers(t, "Offers after rollback", list, []offer.Offer{prior})
		counts, err := f.s.CountOffers(f.ctx, g.ID)
		f.must(err, "CountOffers")
		if !maps.Equal(counts, map[offer.Status]int{offer.Draft: 1}) {
			t.Errorf("CountOffers after rollback = %v, want one draft", counts)
		}
		due, err := f.s.DueOffers(f.ctx, at(100), 10)
		f.must(err, "DueOffers")
		wantOffers(t, "DueOffers after rollback", due, nil)
		h, err := f.s.History(f.ctx, prior.ID)
		f.must(err, "History")
		wantHistory(t, "history after rollback", h, []offer.HistoryEntry{priorEntry})
		h, err = f.s.History(f.ctx, fresh.ID)
		if err != nil || len(h) != 0 {
			t.Errorf("History of an offer created in a rolled-back transaction = %v, %v; want nothing, nil", h, err)
		}
		hits, err := f.s.CountHits(f.ctx, []uuid.UUID{prior.ID, fresh.ID}, at(0), at(100), time.UTC)
		f.must(err, "CountHits")
		if want := []offer.DailyCount{{OfferID: prior.ID, Day: canada.DateOf(at(1)), Metric: offer.Views, Count: 1}}; !reflect.DeepEqual(hits, want) {
			t.Errorf("hits after rollback = %v, want %v", hits, want)
		}
		// The identity is free again, and the version is still 1.
		again := fresh
		f.must(f.s.CreateOffer(f.ctx, &again), "CreateOffer with the ID of a rolled-back offer")
		upd := prior
		f.must(f.s.UpdateOffer(f.ctx, &upd), "UpdateOffer at version 1 after a rolled-back update")
	})
	t.Run("ErrorsKeepTransactionUsable", func(t *testing.T) {
		f := su.fixture(t)
		_, g := f.companyGroup()
		prior := f.offer(g.ID)
		var fresh offer.Offer
		err := f.s.Atomic(f.ctx, func(ctx context.Context) error {
			dup := f.newOffer(g.ID, func(o *offer.Offer) { o.ID = prior.ID })
			wantErr(t, "CreateOffer with a taken ID", f.s.CreateOffer(ctx, &dup), storage.ErrDuplicate)
			lost := f.newOffer(uuid.New())
			wantErr(t, "CreateOffer in an unknown group", f.s.CreateOffer(ctx, &lost), storage.ErrNotFound)
			stale := prior
			stale.Version = 7
			wantErr(t, "UpdateOffer with a stale version", f.s.UpdateOffer(ctx, &stale), storage.ErrConflict)
			missing := f.newOffer(g.ID)
			missing.Version = 1
			wantErr(t, "UpdateOffer of a missing offer", f.s.UpdateOffer(ctx, &missing), storage.ErrNotFound)
			moved := prior
			moved.GroupID = uuid.New()
			wantErr(t, "UpdateOffer to an unknown group", f.s.UpdateOffer(ctx, &moved), storage.ErrNotFound)
			wantErr(t, "AppendHistory of an unknown offer", f.s.AppendHistory(ctx, entry(uuid.New(), at(1), "lost")), storage.ErrNotFound)
			wantErr(t, "AppendHits of an unknown offer",
				f.s.AppendHits(ctx, offer.Hit{OfferID: uuid.New(), Metric: offer.Views, At: at(1)}), storage.ErrNotFound)
			_, err := f.s.Offer(ctx, uuid.New())
			wantErr(t, "Offer of an unknown offer", err, storage.ErrNotFound)
			// The transaction goes on.
			fresh = f.newOffer(g.ID)
			if err := f.s.CreateOffer(ctx, &fresh); err != nil {
				return err
			}
			upd := prior
			if err := f.s.UpdateOffer(ctx, &upd); err != nil {
				return err
			}
			return f.s.AppendHistory(ctx, entry(fresh.ID, at(1), "after the errors"))
		})
		f.must(err, "Atomic after recoverable errors")
		_, err = f.s.Offer(f.ctx, fresh.ID)
		f.must(err, "Offer written after the errors")
		h, err := f.s.History(f.ctx, fresh.ID)
		f.must(err, "History")
		if len(h) != 1 {
			t.Errorf("history written after the errors: %d entries, want 1", len(h))
		}
	})
}
