package offer

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// messages is the catalog of the service's own refusals and checks.
var messages = i18n.MustCatalog(
	i18n.Entry{Code: "offer.not_found", FR: "Cette offre n'existe pas.", EN: "This offer does not exist."},
	i18n.Entry{Code: "offer.moderator", FR: "Seule l'équipe de modération du babillard peut faire cette action.", EN: "Only the board's moderators can do this."},
	i18n.Entry{Code: "note.required", FR: "Indiquez les modifications demandées.", EN: "State the changes requested."},
	i18n.Entry{Code: "too_long", FR: "Ce champ dépasse %d caractères.", EN: "This field is longer than %d characters."},
	i18n.Entry{Code: "too_many", FR: "Indiquez au plus %d éléments.", EN: "Give at most %d items."},
	i18n.Entry{Code: "stats.unavailable", FR: "Aucune donnée de performance pour cette offre : elle est archivée.", EN: "No performance data for this offer: it is archived."},
	i18n.Entry{Code: "metric.unknown", FR: "Mesure inconnue (vue, clic sur Postuler ou partage).", EN: "Unknown metric (view, apply click or share)."},
	i18n.Entry{Code: "date.invalid", FR: "Cette date n'est pas valide.", EN: "This date is not valid."},
	i18n.Entry{Code: "period.unknown", FR: "Période inconnue (jour, semaine, mois ou total).", EN: "Unknown period (day, week, month or total)."},
	i18n.Entry{Code: "deadline.not_later", FR: "La nouvelle date limite doit suivre la date limite actuelle (%s).", EN: "The new deadline must come after the current one (%s)."},
)

const maxNote = 2000

// noteOf trims a moderator's note and checks it.
func noteOf(field, note string, required bool) (string, error) {
	v := messages.Validator()
	note = strings.TrimSpace(note)
	v.Check(required && note == "", field, "note.required")
	v.Check(utf8.RuneCountInString(note) > maxNote, field, "too_long", maxNote)
	return note, v.Err()
}

// Create starts a draft in the actor's group. A draft may be incomplete;
// what it holds must be well formed (CheckDraft). It needs
// group.PublishOffers. The report tells what the description policy removed.
func (s *Service) Create(ctx context.Context, a group.Actor, c Content) (Offer, DescriptionReport, error) {
	c, report, err := CheckDraft(c, s.rules)
	if err != nil {
		return Offer{}, report, err
	}
	start, now := time.Now(), s.clock()
	o := Offer{ID: s.newID(), GroupID: a.GroupID, Status: Draft, Content: c, CreatedBy: a.UserID, CreatedAt: now, UpdatedAt: now}
	err = s.store.Atomic(ctx, func(ctx context.Context) error {
		b, err := s.resolve(ctx, member(a), a.GroupID)
		if err != nil {
			return err
		}
		if !group.CanAny(b.roles, group.PublishOffers) {
			return machineError(ErrForbidden, "action.forbidden", ActionCreate, Draft)
		}
		if err := s.store.CreateOffer(ctx, &o); err != nil {
			return err
		}
		return s.record(ctx, o, ActionCreate, "", b, "", now)
	})
	s.done(ctx, ActionCreate, o.ID, member(a), start, err)
	if err != nil {
		return Offer{}, report, err
	}
	return o, report, nil
}

// Edit replaces the content of a draft (resume editing) or of an offer to
// revise (revise per the board's notes). It needs group.PublishOffers.
func (s *Service) Edit(ctx context.Context, a group.Actor, id uuid.UUID, c Content) (Offer, DescriptionReport, error) {
	c, report, err := CheckDraft(c, s.rules)
	if err != nil {
		return Offer{}, report, err
	}
	o, err := s.actOnStatus(ctx, id, member(a), "", map[Status]Action{Draft: ActionEdit, ToRevise: ActionRevise},
		func(_ context.Context, o *Offer, _ Transition, _ time.Time) error {
			o.Content = c
			return nil
		})
	return o, report, err
}

// actOnStatus runs the action that the offer's current status calls for
// (submit or resubmit, edit or revise).
func (s *Service) actOnStatus(ctx context.Context, id uuid.UUID, b by, note string, actions map[Status]Action, change step) (Offer, error) {
	o, err := s.offer(ctx, b, id)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return Offer{}, err
	}
	// An offer the actor cannot have picks any action: act checks the
	// actor's membership first, then answers not found.
	action, ok := actions[o.Status]
	if !ok {
		for _, a := range actions {
			action = a // any of them: Next refuses it with the right message
			break
		}
	}
	return s.act(ctx, id, action, b, note, change)
}

// Submit sends a draft, or an offer revised per the board's notes, to
// validation. The content must be complete (CheckSubmission) and the group's
// public profile too (logo, name, description, website, address, phone,
// company description: fields "profile.…"), every missing or faulty field
// reported at once in one *i18n.ValidationError; a failure to read the
// profile (the store's error) is returned as it is. The posting credit of the offer's profile is
// reserved, with the featured credit when the featured option is chosen;
// without a credit nothing changes and the credit bank's error
// (billing.ErrNoCredit) is returned. Validation is due 2 business days
// later. It needs group.PublishOffers.
func (s *Service) Submit(ctx context.Context, a group.Actor, id uuid.UUID) (Offer, error) {
	return s.actOnStatus(ctx, id, member(a), "", map[Status]Action{Draft: ActionSubmit, ToRevise: ActionResubmit},
		func(ctx context.Context, o *Offer, _ Transition, now time.Time) error {
			v := messages.Validator()
			c, _, err := CheckSubmission(o.Content, s.rules, now)
			v.Merge("", err)
			// Only the profile's faults join the content's: a store failure
			// (a lost connection, a spent deadline) is returned as it is.
			if err := s.members.CheckReadyToPost(ctx, o.GroupID); err != nil {
				if !errors.As(err, new(*i18n.ValidationError)) {
					return err
				}
				v.Merge("", err)
			}
			if err := v.Err(); err != nil {
				return err
			}
			o.Content = c
			if !o.CreditReserved {
				if err := s.credits.Reserve(ctx, a, *o, CreditPosting, o.ID); err != nil {
					return err
				}
				if c.Featured {
					if err := s.credits.Reserve(ctx, a, *o, CreditFeatured, o.ID); err != nil {
						return err
					}
				}
				o.CreditReserved = true
			}
			o.SubmittedAt = now
			o.ValidationDue = s.rules.Calendar.AddBusinessDaysAt(now, ValidationBusinessDays, s.rules.Location).UTC()
			o.PublishAt = time.Time{}
			if c.DisplayDate.Valid() {
				o.PublishAt = c.DisplayDate.In(s.rules.Location).UTC()
			}
			return nil
		})
}

// Cancel takes an offer in validation (Principal only) or to revise
// (Principal or Posting manager) back to draft. Its credit stays associated
// with the draft ("package associated") for a later submission, or returns
// to the bank with DetachCredit.
func (s *Service) Cancel(ctx context.Context, a group.Actor, id uuid.UUID) (Offer, error) {
	return s.act(ctx, id, ActionCancel, member(a), "", nil)
}

// CancelByBoard is Cancel by a moderator, with an optional note.
func (s *Service) CancelByBoard(ctx context.Context, m group.Moderator, id uuid.UUID, note string) (Offer, error) {
	note, err := noteOf("note", note, false)
	if err != nil {
		return Offer{}, err
	}
	return s.act(ctx, id, ActionCancel, board(m), note, nil)
}

// DetachCredit returns the credit associated with a never-published draft
// to the group's bank. It needs group.PublishOffers.
func (s *Service) DetachCredit(ctx context.Context, a group.Actor, id uuid.UUID) (Offer, error) {
	return s.act(ctx, id, ActionDetachCredit, member(a), "", func(ctx context.Context, o *Offer, _ Transition, _ time.Time) error {
		if err := s.credits.Release(ctx, a, group.Moderator{}, *o, CreditPosting, o.ID); err != nil {
			return err
		}
		if o.Content.Featured {
			if err := s.credits.Release(ctx, a, group.Moderator{}, *o, CreditFeatured, o.ID); err != nil {
				return err
			}
		}
		o.CreditReserved = false
		return nil
	})
}

// Approve validates an offer: its credits are consumed, and it is published
// at once, or scheduled ("bientôt publiée") until its display date.
func (s *Service) Approve(ctx context.Context, m group.Moderator, id uuid.UUID) (Offer, error) {
	return s.act(ctx, id, ActionApprove, board(m), "", func(ctx context.Context, o *Offer, t Transition, now time.Time) error {
		if err := s.credits.Consume(ctx, m, *o, CreditPosting, o.ID); err != nil {
			return err
		}
		if o.Content.Featured {
			if err := s.credits.Consume(ctx, m, *o, CreditFeatured, o.ID); err != nil {
				return err
			}
		}
		o.CreditReserved = false
		o.ApprovedAt = now
		if t.To == Published {
			o.PublishAt = now
			s.publish(o)
		}
		return nil
	})
}

// publish puts an offer online at its PublishAt: 30 calendar days of
// publication (plus extensions already bought) ending at the same
// wall-clock time in the board's zone, featured from then on for 7
// calendar days when chosen.
func (s *Service) publish(o *Offer) {
	loc := s.rules.Location
	o.PublishedAt = o.PublishAt
	o.ExpiresAt = publicationEnd(o.PublishAt, o.Extensions, loc)
	if o.Content.Featured && o.FeaturedFrom.IsZero() {
		o.FeaturedFrom = o.PublishedAt
		o.FeaturedUntil = minTime(featuredEnd(o.PublishedAt, loc), o.ExpiresAt)
	}
}

// Refuse sends an offer in validation back to the employer with the changes
// to make (note, required).
func (s *Service) Refuse(ctx context.Context, m group.Moderator, id uuid.UUID, note string) (Offer, error) {
	note, err := noteOf("note", note, true)
	if err != nil {
		return Offer{}, err
	}
	return s.act(ctx, id, ActionRefuse, board(m), note, nil)
}

// Modify submits a modification of a published offer: the revision, which
// must be complete, waits for validation while the live version stays
// online. It needs group.PublishOffers.
func (s *Service) Modify(ctx context.Context, a group.Actor, id uuid.UUID, c Content) (Offer, DescriptionReport, error) {
	var report DescriptionReport
	if err := checkSizes(c); err != nil {
		return Offer{}, report, err
	}
	o, err := s.act(ctx, id, ActionModify, member(a), "", func(_ context.Context, o *Offer, _ Transition, now time.Time) error {
		c.DisplayDate = canada.Date{} // a published offer is online already
		checked, r, err := CheckSubmission(c, s.rules, now)
		report = r
		if err != nil {
			return err
		}
		checked.Featured = o.Content.Featured
		o.Revision = &checked
		return nil
	})
	return o, report, err
}

// ApproveRevision puts a published offer's pending revision online.
func (s *Service) ApproveRevision(ctx context.Context, m group.Moderator, id uuid.UUID) (Offer, error) {
	return s.act(ctx, id, ActionApproveRevision, board(m), "", func(_ context.Context, o *Offer, _ Transition, _ time.Time) error {
		o.Content, o.Revision = *o.Revision, nil
		return nil
	})
}

// RefuseRevision drops a published offer's pending revision, with the
// reason (required); the live version stays.
func (s *Service) RefuseRevision(ctx context.Context, m group.Moderator, id uuid.UUID, note string) (Offer, error) {
	note, err := noteOf("note", note, true)
	if err != nil {
		return Offer{}, err
	}
	return s.act(ctx, id, ActionRefuseRevision, board(m), note, func(_ context.Context, o *Offer, _ Transition, _ time.Time) error {
		o.Revision = nil
		return nil
	})
}

// Extend adds 7 calendar days to a published offer's publication (it ends
// at the same wall-clock time in the board's zone), using an extension
// credit from the group's bank. A featured period that the publication's
// end cut short (see Feature) is lengthened with it to its full 7 days
// (the 7 days an extension adds always hold them). It needs
// group.PublishOffers.
//
// key makes the call safe to retry: it is the caller's idempotency key for
// this extension (the billing order line, or a UUID the caller makes and
// keeps until it gets an answer), and the credit's reference in the bank.
// Called again with the same key, Extend spends no second credit and
// changes nothing: it returns the offer as it stands, which is the first
// call's result when nothing happened since; concurrent calls with one key
// extend once. A key that served another offer or action is refused (field
// "key", a *i18n.ValidationError), and so is uuid.Nil.
func (s *Service) Extend(ctx context.Context, a group.Actor, id, key uuid.UUID) (Offer, error) {
	o, _, err := s.optimize(ctx, a, id, key, ActionExtend, CreditExtension, func(o *Offer, now time.Time) time.Duration {
		loc := s.rules.Location
		cutAt := o.ExpiresAt
		o.Extensions++
		o.ExpiresAt = publicationEnd(o.PublishedAt, o.Extensions, loc)
		if !o.FeaturedFrom.IsZero() && o.FeaturedUntil.Equal(cutAt) {
			// The publication's end cut the featured period short: it
			// gets the days it lacked, as far as the new end allows.
			if until := minTime(featuredEnd(o.FeaturedFrom, loc), o.ExpiresAt); until.After(o.FeaturedUntil) {
				o.FeaturedUntil, o.FeaturedEndNotified = until, false
			}
		}
		if now.Before(expiryWarning(o.ExpiresAt, loc)) {
			o.WarnedExpiry = false // the warning will come again before the new end
		}
		return 0
	})
	return o, err
}

// Feature features a published offer for 7 calendar days from now (until
// the same wall-clock time in the board's zone), using a featured credit,
// never beyond its expiry. The returned shortfall is how much of the 7 days
// the offer's remaining publication cannot hold: when it is not 0 the UI
// proposes an extension, which lengthens the featured period too. It needs
// group.PublishOffers.
//
// key makes the call safe to retry, as for Extend: called again with the
// same key, Feature spends no second credit and returns the offer as it
// stands with the first call's shortfall (not the "already featured"
// refusal).
func (s *Service) Feature(ctx context.Context, a group.Actor, id, key uuid.UUID) (Offer, time.Duration, error) {
	return s.optimize(ctx, a, id, key, ActionFeature, CreditFeatured, func(o *Offer, now time.Time) time.Duration {
		full := featuredEnd(now, s.rules.Location)
		o.FeaturedFrom, o.FeaturedUntil, o.FeaturedEndNotified = now, minTime(full, o.ExpiresAt), false
		return full.Sub(o.FeaturedUntil)
	})
}

// End ends a published offer's publication now. It needs
// group.EndPublication.
func (s *Service) End(ctx context.Context, a group.Actor, id uuid.UUID) (Offer, error) {
	return s.act(ctx, id, ActionEnd, member(a), "", endNow)
}

// Withdraw takes a non-compliant scheduled or published offer offline, with
// the reason (required); its credit is not refunded.
func (s *Service) Withdraw(ctx context.Context, m group.Moderator, id uuid.UUID, note string) (Offer, error) {
	note, err := noteOf("note", note, true)
	if err != nil {
		return Offer{}, err
	}
	return s.act(ctx, id, ActionWithdraw, board(m), note, endNow)
}

func endNow(_ context.Context, o *Offer, _ Transition, now time.Time) error {
	o.EndedAt = now
	if o.FeaturedUntil.After(now) {
		o.FeaturedUntil = now
	}
	return nil
}

// Archive hides an expired or ended offer: it leaves the default listing
// and its performance data is no longer served. It needs
// group.PublishOffers.
func (s *Service) Archive(ctx context.Context, a group.Actor, id uuid.UUID) (Offer, error) {
	return s.act(ctx, id, ActionArchive, member(a), "", func(_ context.Context, o *Offer, _ Transition, now time.Time) error {
		o.ArchivedAt = now
		return nil
	})
}

// PushDeadline lets a moderator push an offer's application deadline back
// (only the board may). The new date must come after the one in force.
func (s *Service) PushDeadline(ctx context.Context, m group.Moderator, id uuid.UUID, to canada.Date) (Offer, error) {
	return s.act(ctx, id, ActionPushDeadline, board(m), "", func(_ context.Context, o *Offer, _ Transition, _ time.Time) error {
		if !to.Valid() || !o.Deadline().Before(to) {
			v := messages.Validator()
			v.Add("deadline", "deadline.not_later", o.Deadline().String())
			return v.Err()
		}
		o.DeadlinePushedTo = to
		return nil
	})
}

// Selections are the choices of an offer a moderator may correct, capped
// as in Content (MaxDomains, MaxInterests, MaxPlaces).
type Selections struct {
	FunctionType    string          `json:"function_type"`
	EmploymentType  string          `json:"employment_type"`
	PositionStatus  string          `json:"position_status"`
	Domains         []string        `json:"domains"`
	WorkArrangement WorkArrangement `json:"work_arrangement"`
	Workplace       Workplace       `json:"workplace"`
	Interests       []string        `json:"interests"`
}

// Moderate lets a moderator correct an offer's selections (domains, types,
// workplace, interests), with an optional note; the result must still be a
// complete offer.
func (s *Service) Moderate(ctx context.Context, m group.Moderator, id uuid.UUID, sel Selections, note string) (Offer, error) {
	note, err := noteOf("note", note, false)
	if err != nil {
		return Offer{}, err
	}
	if err := checkSizes(Content{Domains: sel.Domains, Interests: sel.Interests, Workplace: sel.Workplace}); err != nil {
		return Offer{}, err
	}
	return s.act(ctx, id, ActionModerate, board(m), note, func(_ context.Context, o *Offer, _ Transition, now time.Time) error {
		c := o.Content
		c.FunctionType, c.EmploymentType, c.PositionStatus = sel.FunctionType, sel.EmploymentType, sel.PositionStatus
		c.Domains, c.WorkArrangement, c.Workplace, c.Interests = sel.Domains, sel.WorkArrangement, sel.Workplace, sel.Interests
		checked, _, err := CheckDraft(c, s.rules)
		if err != nil {
			return err
		}
		o.Content = checked
		return nil
	})
}

// Duplicate copies an offer as a new draft of the same group, to reuse it
// or as a template: content without display date, and no credit, dates or
// history. It needs group.PublishOffers.
func (s *Service) Duplicate(ctx context.Context, a group.Actor, id uuid.UUID) (Offer, error) {
	var copied Offer
	_, err := s.act(ctx, id, ActionDuplicate, member(a), "", func(ctx context.Context, o *Offer, _ Transition, now time.Time) error {
		c := o.Content
		if o.Revision != nil {
			c = *o.Revision
		}
		c.DisplayDate = canada.Date{}
		c.Domains = append([]string(nil), c.Domains...)
		c.Interests = append([]string(nil), c.Interests...)
		c.Workplace.Places = append([]Place(nil), c.Workplace.Places...)
		copied = Offer{ID: s.newID(), GroupID: o.GroupID, Status: Draft, Content: c, DuplicatedFrom: o.ID,
			CreatedBy: a.UserID, CreatedAt: now, UpdatedAt: now}
		if err := s.store.CreateOffer(ctx, &copied); err != nil {
			return err
		}
		return s.record(ctx, copied, ActionCreate, "", member(a), "", now)
	})
	if err != nil {
		return Offer{}, err
	}
	return copied, nil
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
