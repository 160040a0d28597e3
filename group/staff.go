package group

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// StaffRole is a board role of a staff member. A Moderator value names a
// staff member; what they may do comes from their roles on the roster, read
// from the store at every call, never from the caller.
type StaffRole string

// The board roles.
const (
	// StaffModerator moderates offers (validation, refusal, withdrawal,
	// the validation queue), decides new-group requests and creates
	// companies and groups.
	StaffModerator StaffRole = "moderator"
	// StaffFinance grants and transfers credits and reads the balances and
	// statements of any group.
	StaffFinance StaffRole = "finance"
	// StaffAdmin manages the roster and holds every staff power.
	StaffAdmin StaffRole = "admin"
)

// StaffRoles returns the board roles in order of authority.
func StaffRoles() []StaffRole { return []StaffRole{StaffAdmin, StaffModerator, StaffFinance} }

// Valid reports whether r is one of the board roles.
func (r StaffRole) Valid() bool { return r == StaffAdmin || r == StaffModerator || r == StaffFinance }

// Name returns the board role's French and English name.
func (r StaffRole) Name() (fr, en string) {
	switch r {
	case StaffAdmin:
		return "Administration du babillard", "Board administrator"
	case StaffModerator:
		return "Modération", "Moderator"
	case StaffFinance:
		return "Finances du babillard", "Board finance"
	}
	return string(r), string(r)
}

// StaffPower is something a board role may be allowed to do.
type StaffPower string

// The staff powers.
const (
	// PowerModerateOffers: read any offer and its history, the validation
	// queue; approve, refuse, send back, withdraw, cancel and moderate
	// offers, with the credits their decisions settle.
	PowerModerateOffers StaffPower = "moderate_offers"
	// PowerReviewGroupRequests: list, approve and refuse the requests for a
	// new group or company.
	PowerReviewGroupRequests StaffPower = "review_group_requests"
	// PowerCreateCompanies: create companies and extra groups.
	PowerCreateCompanies StaffPower = "create_companies"
	// PowerGrantCredits: grant credits to a group.
	PowerGrantCredits StaffPower = "grant_credits"
	// PowerTransferCredits: move credits between groups.
	PowerTransferCredits StaffPower = "transfer_credits"
	// PowerViewBanks: the balances and statements of any group.
	PowerViewBanks StaffPower = "view_banks"
	// PowerManageStaff: add staff members, change their roles, remove
	// them, read the roster.
	PowerManageStaff StaffPower = "manage_staff"
	// PowerHandlePrivacy: export or delete any user's account on request
	// (Quebec's privacy law; users do it for themselves without staff).
	PowerHandlePrivacy StaffPower = "handle_privacy"
)

// StaffPowerRow is one line of the staff power matrix: the power, its
// French and English description, and the board roles that hold it.
type StaffPowerRow struct {
	Power StaffPower  `json:"power"`
	FR    string      `json:"fr"`
	EN    string      `json:"en"`
	Roles []StaffRole `json:"roles"`
}

// StaffPowerMatrix returns the staff power matrix, one row per power, as a
// fresh copy. It is the only source of truth for StaffCan. StaffAdmin holds
// every power.
func StaffPowerMatrix() []StaffPowerRow {
	a, m, f := StaffAdmin, StaffModerator, StaffFinance
	return []StaffPowerRow{
		{PowerModerateOffers, "Modérer les offres (validation, refus, retrait, file de validation)", "Moderate offers (validation, refusal, withdrawal, validation queue)", []StaffRole{a, m}},
		{PowerReviewGroupRequests, "Traiter les demandes de nouveau groupe ou de nouvelle entreprise", "Decide requests for a new group or company", []StaffRole{a, m}},
		{PowerCreateCompanies, "Créer des entreprises et des groupes", "Create companies and groups", []StaffRole{a, m}},
		{PowerGrantCredits, "Accorder des crédits à un groupe", "Grant credits to a group", []StaffRole{a, f}},
		{PowerTransferCredits, "Transférer des crédits entre groupes", "Transfer credits between groups", []StaffRole{a, f}},
		{PowerViewBanks, "Consulter les soldes et relevés de tout groupe", "Read the balances and statements of any group", []StaffRole{a, f}},
		{PowerManageStaff, "Gérer l'équipe du babillard (ajouts, rôles, retraits)", "Manage the board's staff (additions, roles, removals)", []StaffRole{a}},
		{PowerHandlePrivacy, "Traiter les demandes d'accès et de suppression de comptes d'utilisateurs", "Handle requests to export or delete a user's account", []StaffRole{a}},
	}
}

// staffBits maps each board role to the powers it holds, built once from
// StaffPowerMatrix and never modified.
var staffBits = func() map[StaffRole]map[StaffPower]bool {
	m := map[StaffRole]map[StaffPower]bool{}
	for _, r := range StaffRoles() {
		m[r] = map[StaffPower]bool{}
	}
	for _, row := range StaffPowerMatrix() {
		for _, r := range row.Roles {
			m[r][row.Power] = true
		}
	}
	return m
}()

// StaffCan reports whether board role r holds power p.
func StaffCan(r StaffRole, p StaffPower) bool { return staffBits[r][p] }

// StaffPowers returns every staff power, in the matrix's order.
func StaffPowers() []StaffPower {
	rows := StaffPowerMatrix()
	out := make([]StaffPower, len(rows))
	for i, row := range rows {
		out[i] = row.Power
	}
	return out
}

// Staff is a user's record on the board's staff roster. A removed staff
// member keeps their record, inactive, so that the roster tells who had
// which powers when.
type Staff struct {
	// UserID is the staff member's identifier: the ID the host passes as
	// Moderator.ID once it has authenticated them. It need not be an
	// employer user of this package.
	UserID uuid.UUID `json:"user_id"`
	// Roles are the board roles held, in StaffRoles order.
	Roles []StaffRole `json:"roles"`
	// Active is false once the member is removed: they hold no power.
	Active bool `json:"active"`
	// AddedBy is the admin who added (or re-added) the member; uuid.Nil
	// for the first admin, bootstrapped by the host.
	AddedBy uuid.UUID `json:"added_by"`
	// AddedAt is when the member was added or re-added.
	AddedAt time.Time `json:"added_at"`
	// ChangedBy and ChangedAt tell the last change of roles or the
	// removal; zero until then.
	ChangedBy uuid.UUID `json:"changed_by"`
	ChangedAt time.Time `json:"changed_at,omitzero"`
	// Version is the store's optimistic-locking version.
	Version int64 `json:"version"`
}

// Has reports whether the record is active and holds role r.
func (s Staff) Has(r StaffRole) bool { return s.Active && slices.Contains(s.Roles, r) }

// Can reports whether the record is active and one of its roles holds p.
func (s Staff) Can(p StaffPower) bool {
	return s.Active && slices.ContainsFunc(s.Roles, func(r StaffRole) bool { return StaffCan(r, p) })
}

// Outbox topics of the roster. Each event's Payload is a StaffPayload; its
// GroupID is uuid.Nil and its Subject the staff member's user ID.
const (
	TopicStaffAdded        = "group.staff.added"
	TopicStaffRolesChanged = "group.staff.roles_changed"
	TopicStaffRemoved      = "group.staff.removed"
)

// StaffPayload describes a roster event.
type StaffPayload struct {
	UserID uuid.UUID   `json:"user_id"`
	Roles  []StaffRole `json:"roles"`
	Active bool        `json:"active"`
	// By is the admin who made the change; uuid.Nil for a bootstrap.
	By        uuid.UUID `json:"by"`
	Bootstrap bool      `json:"bootstrap,omitempty"`
}

// staffMessages is the catalog of the roster's codes, apart from the
// package's main catalog.
var staffMessages = i18n.MustCatalog(
	i18n.Entry{Code: "required", FR: "Ce champ est obligatoire.", EN: "This field is required."},
	i18n.Entry{Code: "too_many", FR: "Indiquez au plus %d éléments.", EN: "Give at most %d items."},
	i18n.Entry{Code: "staff_role.unknown", FR: "Rôle du babillard inconnu.", EN: "Unknown board role."},
	i18n.Entry{Code: "staff_roles.required", FR: "Choisissez au moins un rôle du babillard.", EN: "Choose at least one board role."},
	i18n.Entry{Code: "forbidden.moderator", FR: "Seule l'équipe du babillard peut faire cette action.", EN: "Only the board's staff can do this."},
	i18n.Entry{Code: "forbidden.staff_power", FR: "Votre rôle au babillard ne permet pas cette action : %[1]s.", EN: "Your board role does not allow this action: %[2]s."},
	i18n.Entry{Code: "staff.already", FR: "Cette personne fait déjà partie de l'équipe du babillard.", EN: "This person is already on the board's staff."},
	i18n.Entry{Code: "staff.not_staff", FR: "Cette personne ne fait pas partie de l'équipe du babillard.", EN: "This person is not on the board's staff."},
	i18n.Entry{Code: "staff.last_admin", FR: "L'équipe du babillard doit garder au moins un·e administrateur·rice.", EN: "The board's staff must keep at least one administrator."},
	i18n.Entry{Code: "staff.bootstrap_closed", FR: "L'équipe du babillard a déjà un·e administrateur·rice.", EN: "The board's staff already has an administrator."},
)

// notStaff is the refusal for a caller who is not active staff.
func notStaff() error { return staffMessages.Error(ErrForbidden, "forbidden.moderator") }

// staffForbidden returns the refusal for a missing staff power.
func staffForbidden(p StaffPower) error {
	for _, row := range StaffPowerMatrix() {
		if row.Power == p {
			return &i18n.Error{Code: "forbidden.staff." + string(p), Err: ErrForbidden,
				Message: staffMessages.Text("forbidden.staff_power", row.FR, row.EN)}
		}
	}
	return notStaff()
}

// staff loads the caller's roster record and checks that it is active and
// holds p. Within a transaction (ctx), the read is part of it.
func (s *Service) staff(ctx context.Context, m Moderator, p StaffPower) (Staff, error) {
	if m.ID == uuid.Nil {
		return Staff{}, notStaff()
	}
	st, err := s.store.Staff(ctx, m.ID)
	if errors.Is(err, storage.ErrNotFound) || err == nil && !st.Active {
		return Staff{}, notStaff()
	}
	if err != nil {
		return Staff{}, err
	}
	if !st.Can(p) {
		return Staff{}, staffForbidden(p)
	}
	return st, nil
}

// AuthorizeStaff answers "may this staff member use power p?": nil when m
// names an active member of the board's staff roster whose roles hold p; an
// *i18n.Error unwrapping to ErrForbidden otherwise (code
// "forbidden.moderator" for anyone not on the roster or removed,
// "forbidden.staff.<power>" for a role without the power). It reads the
// roster at every call, in the transaction ctx carries: a removed member
// loses every power at once. Other packages (offers, billing) call it
// before every board action.
func (s *Service) AuthorizeStaff(ctx context.Context, m Moderator, p StaffPower) error {
	_, err := s.staff(ctx, m, p)
	return err
}

// validStaffRoles checks and normalises board roles: at least one and at
// most maxRoles (repeats included, counted before any is looked at), each
// known, duplicates dropped, in StaffRoles order.
func validStaffRoles(roles []StaffRole) ([]StaffRole, error) {
	v := staffMessages.Validator()
	if v.Check(len(roles) > maxRoles, "roles", "too_many", maxRoles) {
		return nil, v.Err()
	}
	if len(roles) == 0 {
		v.Add("roles", "staff_roles.required")
	}
	for _, r := range roles {
		if !r.Valid() {
			v.Add("roles", "staff_role.unknown")
			break
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out []StaffRole
	for _, r := range StaffRoles() {
		if slices.Contains(roles, r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// checkStaffUser records a missing user ID.
func checkStaffUser(userID uuid.UUID) error {
	v := staffMessages.Validator()
	v.Check(userID == uuid.Nil, "user_id", "required")
	return v.Err()
}

// BootstrapStaff makes userID the board's first administrator. A host calls
// it once, when it sets up the board: it is allowed only while the roster
// has no active administrator, and refused afterwards (ErrNotAllowed, code
// "staff.bootstrap_closed"), so that it cannot be used to take over a
// running board. Of concurrent bootstraps, one wins. The new admin may then
// add the rest of the staff with AddStaff.
func (s *Service) BootstrapStaff(ctx context.Context, userID uuid.UUID) (Staff, error) {
	if err := checkStaffUser(userID); err != nil {
		return Staff{}, err
	}
	now := s.now()
	var out Staff
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.store.LockStaffRoster(ctx); err != nil {
			return err
		}
		roster, err := s.store.StaffRoster(ctx)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(roster, func(st Staff) bool { return st.Has(StaffAdmin) }) {
			return staffMessages.Error(ErrNotAllowed, "staff.bootstrap_closed")
		}
		i := slices.IndexFunc(roster, func(st Staff) bool { return st.UserID == userID })
		if i < 0 {
			out = Staff{UserID: userID, Roles: []StaffRole{StaffAdmin}, Active: true, AddedAt: now}
			err = s.store.CreateStaff(ctx, &out)
		} else {
			out = roster[i]
			if !out.Active {
				out.Roles = nil
			}
			out.Roles, _ = validStaffRoles(append(out.Roles, StaffAdmin))
			out.Active, out.AddedBy, out.AddedAt, out.ChangedBy, out.ChangedAt = true, uuid.Nil, now, uuid.Nil, time.Time{}
			err = s.store.UpdateStaff(ctx, &out)
		}
		if err != nil {
			return err
		}
		return s.emitStaff(ctx, TopicStaffAdded, out, uuid.Nil, true, now)
	})
	if err != nil {
		return Staff{}, err
	}
	return out, nil
}

// AddStaff puts a user on the board's staff roster with roles, or brings
// back a removed member with new roles. It needs PowerManageStaff (an
// admin); a refusal comes before any look at the input. The roles are at
// least one and at most 10 (repeats included), each a board role
// (*i18n.ValidationError on field "roles" otherwise); repeats are dropped
// and the roles kept in StaffRoles order. A user already active on the roster is refused (ErrNotAllowed,
// "staff.already"): SetStaffRoles changes roles.
func (s *Service) AddStaff(ctx context.Context, by Moderator, userID uuid.UUID, roles ...StaffRole) (Staff, error) {
	now := s.now()
	var out Staff
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.lockedStaffAdmin(ctx, by); err != nil {
			return err
		}
		if err := checkStaffUser(userID); err != nil {
			return err
		}
		roles, err := validStaffRoles(roles)
		if err != nil {
			return err
		}
		cur, err := s.store.Staff(ctx, userID)
		switch {
		case errors.Is(err, storage.ErrNotFound):
			out = Staff{UserID: userID, Roles: roles, Active: true, AddedBy: by.ID, AddedAt: now}
			err = s.store.CreateStaff(ctx, &out)
		case err != nil:
			return err
		case cur.Active:
			return staffMessages.Error(ErrNotAllowed, "staff.already")
		default:
			out = cur
			out.Roles, out.Active, out.AddedBy, out.AddedAt, out.ChangedBy, out.ChangedAt = roles, true, by.ID, now, uuid.Nil, time.Time{}
			err = s.store.UpdateStaff(ctx, &out)
		}
		if err != nil {
			return err
		}
		return s.emitStaff(ctx, TopicStaffAdded, out, by.ID, false, now)
	})
	if err != nil {
		return Staff{}, err
	}
	return out, nil
}

// SetStaffRoles replaces the roles of an active staff member. It needs
// PowerManageStaff (an admin); the roster must keep at least one active
// admin, so taking the role from the last one is refused (ErrNotAllowed,
// "staff.last_admin"). The new roles hold from the next call on.
func (s *Service) SetStaffRoles(ctx context.Context, by Moderator, userID uuid.UUID, roles ...StaffRole) (Staff, error) {
	return s.changeStaff(ctx, by, userID, TopicStaffRolesChanged, func() (err error) {
		roles, err = validStaffRoles(roles)
		return err
	}, func(st *Staff) { st.Roles = roles })
}

// RemoveStaff takes a member off the board's staff: their record stays,
// inactive, and they lose every power at once (the next call that names
// them is refused). It needs PowerManageStaff (an admin); the last active
// admin cannot be removed (ErrNotAllowed, "staff.last_admin"), not even by
// themself.
func (s *Service) RemoveStaff(ctx context.Context, by Moderator, userID uuid.UUID) (Staff, error) {
	return s.changeStaff(ctx, by, userID, TopicStaffRemoved, nil, func(st *Staff) { st.Active = false })
}

// changeStaff changes the record of an active staff member for an admin,
// in one transaction: the admin check, userID's check, then check (the
// input's, may be nil), the record read, change, the last admin kept, the
// write and the event on topic.
func (s *Service) changeStaff(ctx context.Context, by Moderator, userID uuid.UUID, topic string, check func() error, change func(*Staff)) (Staff, error) {
	now := s.now()
	var out Staff
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.lockedStaffAdmin(ctx, by); err != nil {
			return err
		}
		if err := checkStaffUser(userID); err != nil {
			return err
		}
		if check != nil {
			if err := check(); err != nil {
				return err
			}
		}
		st, err := s.activeStaff(ctx, userID)
		if err != nil {
			return err
		}
		change(&st)
		st.ChangedBy, st.ChangedAt = by.ID, now
		if err := s.keepAdmin(ctx, st); err != nil {
			return err
		}
		if err := s.store.UpdateStaff(ctx, &st); err != nil {
			return err
		}
		out = st
		return s.emitStaff(ctx, topic, st, by.ID, false, now)
	})
	if err != nil {
		return Staff{}, err
	}
	return out, nil
}

// Staff returns the roster record of userID, active or not. An admin
// (PowerManageStaff) may read anyone's, and a user never on the roster is
// ErrNotAllowed ("staff.not_staff") to them; any active staff member may
// read their own, to learn what they may do. Anyone else is refused
// (ErrForbidden), a removed member reading their own record too.
func (s *Service) Staff(ctx context.Context, by Moderator, userID uuid.UUID) (Staff, error) {
	var out Staff
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if by.ID != userID || userID == uuid.Nil {
			if _, err := s.staff(ctx, by, PowerManageStaff); err != nil {
				return err
			}
		}
		st, err := s.store.Staff(ctx, userID)
		if by.ID == userID && (errors.Is(err, storage.ErrNotFound) || err == nil && !st.Active) {
			return notStaff()
		}
		if errors.Is(err, storage.ErrNotFound) {
			return staffMessages.Error(ErrNotAllowed, "staff.not_staff")
		}
		out = st
		return err
	})
	if err != nil {
		return Staff{}, err
	}
	return out, nil
}

// StaffRoster returns a page of the roster, removed members included
// (Active false), ordered by the time each member was added, then user ID:
// oldest first (see package page for cursors and sizes; StaffKey is the
// order). Re-adding a removed member moves them to the end. It needs
// PowerManageStaff (an admin); a refusal comes before any fault of p.
func (s *Service) StaffRoster(ctx context.Context, by Moderator, p page.Page) (page.Result[Staff], error) {
	var out page.Result[Staff]
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if _, err := s.staff(ctx, by, PowerManageStaff); err != nil {
			return err
		}
		var err error
		out, err = page.Fetch(p, func(w page.Window) ([]Staff, error) {
			return s.store.StaffRosterPage(ctx, w)
		}, StaffKey)
		return err
	})
	if err != nil {
		return page.Result[Staff]{}, err
	}
	return out, nil
}

// lockedStaffAdmin locks the roster and checks that by may manage it.
func (s *Service) lockedStaffAdmin(ctx context.Context, by Moderator) error {
	if err := s.store.LockStaffRoster(ctx); err != nil {
		return err
	}
	_, err := s.staff(ctx, by, PowerManageStaff)
	return err
}

// activeStaff returns the active roster record of userID, or the refusal
// "staff.not_staff".
func (s *Service) activeStaff(ctx context.Context, userID uuid.UUID) (Staff, error) {
	st, err := s.store.Staff(ctx, userID)
	if errors.Is(err, storage.ErrNotFound) || err == nil && !st.Active {
		return Staff{}, staffMessages.Error(ErrNotAllowed, "staff.not_staff")
	}
	return st, err
}

// keepAdmin refuses a change to st (not yet written) that would leave the
// roster without an active admin. The roster must be locked.
func (s *Service) keepAdmin(ctx context.Context, st Staff) error {
	if st.Has(StaffAdmin) {
		return nil
	}
	roster, err := s.store.StaffRoster(ctx)
	if err != nil {
		return err
	}
	for _, other := range roster {
		if other.UserID != st.UserID && other.Has(StaffAdmin) {
			return nil
		}
	}
	return staffMessages.Error(ErrNotAllowed, "staff.last_admin")
}

// emitStaff appends a roster event.
func (s *Service) emitStaff(ctx context.Context, topic string, st Staff, by uuid.UUID, bootstrap bool, at time.Time) error {
	return s.emit(ctx, topic, uuid.Nil, st.UserID, at, StaffPayload{UserID: st.UserID, Roles: st.Roles, Active: st.Active, By: by, Bootstrap: bootstrap})
}
