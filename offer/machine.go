package offer

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/babillard/babillard/group"
)

// Action is something done to an offer. Each is a row (or several) of the
// transition table.
type Action string

// The actions of an offer's life (docs/RULES.md M-1 to M-11).
const (
	ActionEdit            Action = "edit"             // resume or edit a draft ("reprendre la création")
	ActionSubmit          Action = "submit"           // send a draft to validation, reserving its credit
	ActionDetachCredit    Action = "detach_credit"    // return a never-published draft's credit to the bank
	ActionCancel          Action = "cancel"           // back to draft, credit kept ("forfait associé")
	ActionApprove         Action = "approve"          // the board validates: published now or on its date
	ActionRefuse          Action = "refuse"           // the board asks for changes
	ActionRevise          Action = "revise"           // edit an offer to revise per the board's notes
	ActionResubmit        Action = "resubmit"         // send a revised offer back to validation
	ActionModerate        Action = "moderate"         // a moderator edits the offer's selections
	ActionPushDeadline    Action = "push_deadline"    // a moderator pushes the application deadline back
	ActionPublish         Action = "publish"          // the clock reaches the display date
	ActionModify          Action = "modify"           // revise a published offer; the revision goes to validation
	ActionApproveRevision Action = "approve_revision" // the board accepts the revision: it goes online
	ActionRefuseRevision  Action = "refuse_revision"  // the board refuses the revision: the live version stays
	ActionExtend          Action = "extend"           // add 7 days of publication
	ActionFeature         Action = "feature"          // feature the offer for 7 days
	ActionEnd             Action = "end"              // the employer ends the publication
	ActionWithdraw        Action = "withdraw"         // the board withdraws a non-compliant offer, no refund
	ActionExpire          Action = "expire"           // the clock reaches the end of publication
	ActionArchive         Action = "archive"          // hide an expired or ended offer
	ActionDuplicate       Action = "duplicate"        // copy as a new draft, without credit or history
	ActionView            Action = "view"             // preview the offer
	ActionHistory         Action = "history"          // list the offer's status changes
)

// Who is the kind of actor a transition allows.
type Who string

// The three kinds of actor.
const (
	// Member: a member of the offer's group whose roles hold the row's
	// permission.
	Member Who = "member"
	// Board: a board moderator.
	Board Who = "board"
	// Clock: the board's clock, through Service.Advance.
	Clock Who = "clock"
)

// Guard is a named condition a transition needs besides the actor's right.
type Guard struct {
	// Name describes the condition, for people and for the diagram.
	Name string
	// Holds reports whether the condition holds for o at now.
	Holds func(o Offer, now time.Time) bool
}

// The guards of the table.
var (
	guardDisplayReached = Guard{"display date reached", func(o Offer, now time.Time) bool { return !now.Before(o.PublishAt) }}
	guardDisplayAhead   = Guard{"display date ahead", func(o Offer, now time.Time) bool { return now.Before(o.PublishAt) }}
	guardPublicationEnd = Guard{"publication period over", func(o Offer, now time.Time) bool { return !now.Before(o.ExpiresAt) }}
	guardNoRevision     = Guard{"no revision pending", func(o Offer, _ time.Time) bool { return o.Revision == nil }}
	guardRevision       = Guard{"revision pending", func(o Offer, _ time.Time) bool { return o.Revision != nil }}
	guardNotFeatured    = Guard{"not featured", func(o Offer, now time.Time) bool { return !o.Featured(now) }}
	guardDetachable     = Guard{"credit reserved, never published", func(o Offer, _ time.Time) bool { return o.CreditReserved && !o.EverPublished() }}
)

// Transition is one row of the table: in status From, action Action leads
// to status To when Guard holds, for the actors it names.
type Transition struct {
	From   Status
	Action Action
	To     Status
	// Permission is what a member's roles must hold; empty when members may
	// not take the action.
	Permission group.Permission
	// Board tells whether a moderator may take the action; Clock whether it
	// is the clock's (and only the clock's).
	Board bool
	Clock bool
	// Guard is the row's condition (zero Guard: none).
	Guard Guard
}

// Allows reports whether the actor kind who, with roles for a member, may
// take the row's action (guards aside).
func (t Transition) Allows(who Who, roles []group.Role) bool {
	switch who {
	case Member:
		return t.Permission != "" && group.CanAny(roles, t.Permission)
	case Board:
		return t.Board
	case Clock:
		return t.Clock
	}
	return false
}

// Holds reports whether the row's guard holds for o at now.
func (t Transition) Holds(o Offer, now time.Time) bool {
	return t.Guard.Holds == nil || t.Guard.Holds(o, now)
}

// Transitions returns the offer's transition table, as a fresh copy: the
// single declaration from which the service moves offers, Actions answers a
// UI, and Diagram draws docs/offer-status.md.
func Transitions() []Transition {
	const (
		publish   = group.PublishOffers
		view      = group.ViewDashboard
		end       = group.EndPublication
		cancelVal = group.CancelOfferInValidation
		cancelRev = group.CancelOfferToRevise
	)
	rows := []Transition{
		{From: Draft, Action: ActionEdit, To: Draft, Permission: publish},
		{From: Draft, Action: ActionSubmit, To: InValidation, Permission: publish},
		{From: Draft, Action: ActionDetachCredit, To: Draft, Permission: publish, Guard: guardDetachable},

		{From: InValidation, Action: ActionCancel, To: Draft, Permission: cancelVal, Board: true},
		{From: InValidation, Action: ActionApprove, To: Published, Board: true, Guard: guardDisplayReached},
		{From: InValidation, Action: ActionApprove, To: Scheduled, Board: true, Guard: guardDisplayAhead},
		{From: InValidation, Action: ActionRefuse, To: ToRevise, Board: true},

		{From: ToRevise, Action: ActionRevise, To: ToRevise, Permission: publish},
		{From: ToRevise, Action: ActionResubmit, To: InValidation, Permission: publish},
		{From: ToRevise, Action: ActionCancel, To: Draft, Permission: cancelRev, Board: true},

		{From: Scheduled, Action: ActionPublish, To: Published, Clock: true, Guard: guardDisplayReached},
		{From: Scheduled, Action: ActionWithdraw, To: Expired, Board: true},

		{From: Published, Action: ActionModify, To: Published, Permission: publish, Guard: guardNoRevision},
		{From: Published, Action: ActionApproveRevision, To: Published, Board: true, Guard: guardRevision},
		{From: Published, Action: ActionRefuseRevision, To: Published, Board: true, Guard: guardRevision},
		{From: Published, Action: ActionExtend, To: Published, Permission: publish},
		{From: Published, Action: ActionFeature, To: Published, Permission: publish, Guard: guardNotFeatured},
		{From: Published, Action: ActionEnd, To: Expired, Permission: end},
		{From: Published, Action: ActionWithdraw, To: Expired, Board: true},
		{From: Published, Action: ActionExpire, To: Expired, Clock: true, Guard: guardPublicationEnd},

		{From: Expired, Action: ActionArchive, To: Archived, Permission: publish},
	}
	// The board edits selections and pushes deadlines back while the offer
	// is with it or online.
	for _, s := range []Status{InValidation, ToRevise, Scheduled, Published} {
		rows = append(rows,
			Transition{From: s, Action: ActionModerate, To: s, Board: true},
			Transition{From: s, Action: ActionPushDeadline, To: s, Board: true})
	}
	// Every offer but an archived one can be viewed, duplicated and traced.
	for _, s := range Statuses() {
		if s == Archived {
			continue
		}
		rows = append(rows,
			Transition{From: s, Action: ActionDuplicate, To: s, Permission: publish},
			Transition{From: s, Action: ActionView, To: s, Permission: view, Board: true},
			Transition{From: s, Action: ActionHistory, To: s, Permission: view, Board: true})
	}
	return rows
}

// transitions is the table, built once and never modified.
var transitions = Transitions()

// Next returns the row that action takes for the actor on o at now: the
// first row of o's status and action whose actor and guard fit. It returns
// ErrNotAllowed when the action does not exist in o's status or its guard
// fails, and ErrForbidden when the row exists but not for this actor.
func Next(o Offer, action Action, who Who, roles []group.Role, now time.Time) (Transition, error) {
	var exists, allowed bool
	for _, t := range transitions {
		if t.From != o.Status || t.Action != action {
			continue
		}
		exists = true
		if !t.Allows(who, roles) {
			continue
		}
		allowed = true
		if t.Holds(o, now) {
			return t, nil
		}
	}
	switch {
	case !exists:
		return Transition{}, machineError(ErrNotAllowed, "action.not_in_status", action, o.Status)
	case !allowed:
		return Transition{}, machineError(ErrForbidden, "action.forbidden", action, o.Status)
	}
	return Transition{}, machineError(ErrNotAllowed, "action.guard", action, o.Status)
}

// Actions returns, in table order and without repeats, the actions that the
// actor may take on o at now: what a UI shows as buttons. who is Member
// (with the member's roles in o's group), Board, or Clock (what Advance
// would do).
func Actions(o Offer, who Who, roles []group.Role, now time.Time) []Action {
	var out []Action
	for _, t := range transitions {
		if t.From == o.Status && t.Allows(who, roles) && t.Holds(o, now) && !slices.Contains(out, t.Action) {
			out = append(out, t.Action)
		}
	}
	return out
}

// Diagram renders the transition table as a Mermaid state diagram, one
// arrow per row that changes the status, labelled with the action, its
// guard and who may take it; actions that keep the status are listed in a
// note per status. docs/offer-status.md is generated from it (a test fails
// when the file is stale).
func Diagram() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	fmt.Fprintf(&b, "    [*] --> %s: create\n", Draft)
	stay := map[Status][]string{}
	for _, t := range transitions {
		label := string(t.Action)
		if t.Guard.Name != "" {
			label += " [" + t.Guard.Name + "]"
		}
		label += " (" + whoLabel(t) + ")"
		if t.From == t.To {
			if !slices.Contains(stay[t.From], label) {
				stay[t.From] = append(stay[t.From], label)
			}
			continue
		}
		fmt.Fprintf(&b, "    %s --> %s: %s\n", t.From, t.To, label)
	}
	fmt.Fprintf(&b, "    %s --> [*]\n", Archived)
	for _, s := range Statuses() {
		if len(stay[s]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "    note right of %s\n", s)
		for _, l := range stay[s] {
			fmt.Fprintf(&b, "        %s\n", l)
		}
		b.WriteString("    end note\n")
	}
	return b.String()
}

// whoLabel names who may take a row's action, for the diagram.
func whoLabel(t Transition) string {
	var who []string
	if t.Permission != "" {
		var roles []string
		for _, r := range group.Roles() {
			if group.Can(r, t.Permission) {
				roles = append(roles, string(r))
			}
		}
		who = append(who, strings.Join(roles, ", "))
	}
	if t.Board {
		who = append(who, "board")
	}
	if t.Clock {
		who = append(who, "clock")
	}
	return strings.Join(who, "; ")
}

// Name returns the action as the board's UI shows it, in French and
// English.
func (a Action) Name() (fr, en string) {
	switch a {
	case ActionCreate:
		return "Créer une offre", "Create an offer"
	case ActionEdit:
		return "Reprendre la création", "Resume editing"
	case ActionSubmit:
		return "Soumettre pour validation", "Submit for validation"
	case ActionDetachCredit:
		return "Retourner le forfait à la banque", "Return the package to the bank"
	case ActionCancel:
		return "Annuler", "Cancel"
	case ActionApprove:
		return "Approuver", "Approve"
	case ActionRefuse:
		return "Refuser avec modifications", "Refuse with changes"
	case ActionRevise:
		return "Réviser", "Revise"
	case ActionResubmit:
		return "Soumettre à nouveau", "Resubmit"
	case ActionModerate:
		return "Modifier les sélections", "Edit selections"
	case ActionPushDeadline:
		return "Repousser la date limite", "Push the deadline back"
	case ActionPublish:
		return "Publier", "Publish"
	case ActionModify:
		return "Modifier", "Modify"
	case ActionApproveRevision:
		return "Approuver la modification", "Approve the modification"
	case ActionRefuseRevision:
		return "Refuser la modification", "Refuse the modification"
	case ActionExtend:
		return "Ajouter une extension", "Add an extension"
	case ActionFeature:
		return "Mettre en vedette", "Feature"
	case ActionEnd:
		return "Terminer la publication", "End publication"
	case ActionWithdraw:
		return "Retirer l'offre", "Withdraw the offer"
	case ActionExpire:
		return "Expirer", "Expire"
	case ActionArchive:
		return "Archiver", "Archive"
	case ActionDuplicate:
		return "Dupliquer", "Duplicate"
	case ActionView:
		return "Voir", "View"
	case ActionHistory:
		return "Historique de l'offre", "Offer history"
	}
	return string(a), string(a)
}
