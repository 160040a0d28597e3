package group

import (
	"slices"
	"time"

	"github.com/babillard/babillard/i18n"
	"github.com/google/uuid"
)

// Address is a postal address. Province holds a Canadian province or
// territory code ("QC") for Canadian addresses and a free region otherwise;
// Country is an ISO 3166-1 alpha-2 code ("CA", "FR").
type Address struct {
	Street     string `json:"street"`
	City       string `json:"city"`
	Province   string `json:"province"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
}

// IsZero reports whether every field is empty.
func (a Address) IsZero() bool { return a == Address{} }

// CompanyStatus is where a company stands with the board.
type CompanyStatus string

// Company statuses. Companies created by the board are Active at once; a
// company requested by a user is Pending until a moderator decides.
const (
	CompanyActive  CompanyStatus = "active"
	CompanyPending CompanyStatus = "pending"
	CompanyRefused CompanyStatus = "refused"
)

// Company is an employer. Several companies may share a name or a registry
// number (they were typed in by members): the library allows duplicates.
type Company struct {
	ID        uuid.UUID `json:"id"`
	LegalName string    `json:"legal_name"`
	// NEQ is the Quebec enterprise number, 10 digits, or empty.
	NEQ string `json:"neq,omitempty"`
	// BusinessNumber is the CRA business number, 9 digits with an optional
	// program account ("123456782RT0001"), or empty.
	BusinessNumber string `json:"business_number,omitempty"`
	// SIRET is the French establishment number, 14 digits, or empty.
	SIRET      string        `json:"siret,omitempty"`
	HeadOffice Address       `json:"head_office"`
	Phone      string        `json:"phone"`
	Status     CompanyStatus `json:"status"`
	// RequestedBy is the user who asked for the company's creation (uuid.Nil
	// when the board created it).
	RequestedBy uuid.UUID `json:"requested_by"`
	CreatedAt   time.Time `json:"created_at"`
	// Version counts the company's writes; a write with a stale version fails
	// with storage.ErrConflict.
	Version int64 `json:"version"`
}

// RegistryNumbers returns the company's non-empty registry numbers: NEQ,
// the 9 digits of the business number, the full business number with its
// program account, and SIRET. Stores match registry searches against them.
func (c Company) RegistryNumbers() []string {
	var out []string
	if c.NEQ != "" {
		out = append(out, c.NEQ)
	}
	if c.BusinessNumber != "" {
		if len(c.BusinessNumber) > 9 {
			out = append(out, c.BusinessNumber[:9])
		}
		out = append(out, c.BusinessNumber)
	}
	if c.SIRET != "" {
		out = append(out, c.SIRET)
	}
	return out
}

// SearchText returns the folded text (lower case, no accents, single
// spaces) that keyword searches match: legal name and head-office city.
// Stores index it; see Fold.
func (c Company) SearchText() string {
	return Fold(c.LegalName + " " + c.HeadOffice.City)
}

// DefaultGroupName is the name of a company's first group.
const DefaultGroupName = "Groupe 001"

// Group holds a company's purchases, offers, statistics and billing history.
// A company usually has one group; agencies may have several.
type Group struct {
	ID        uuid.UUID `json:"id"`
	CompanyID uuid.UUID `json:"company_id"`
	Name      string    `json:"name"`
	Profile   Profile   `json:"profile"`
	CreatedAt time.Time `json:"created_at"`
	Version   int64     `json:"version"`
}

// Profile is a group's public information, shown on every offer of the
// group.
type Profile struct {
	// Logo references the logo image in the host's file store (a key or a
	// URL, at most 500 characters); the library does not store images.
	Logo string `json:"logo"`
	// Name is at most 200 characters, each version of Description 5,000,
	// Website 500 (an http or https URL), Address's street 200 and its
	// city 100, Phone 30.
	Name        string    `json:"name"`
	Description i18n.Text `json:"description"`
	Website     string    `json:"website"`
	Address     Address   `json:"address"`
	Phone       string    `json:"phone"`
	// CompanyDescription is the "about the company" text, each version at
	// most 5,000 characters.
	CompanyDescription i18n.Text `json:"company_description"`
}

// Missing lists the profile fields still to complete before the group may
// post its first offer, by field name: logo, name, description, website,
// address, phone, company_description. An empty list means complete.
func (p Profile) Missing() []string {
	var out []string
	add := func(empty bool, field string) {
		if empty {
			out = append(out, field)
		}
	}
	add(blank(p.Logo), "logo")
	add(blank(p.Name), "name")
	add(blank(p.Description.FR), "description")
	add(blank(p.Website), "website")
	add(blank(p.Address.Street) || blank(p.Address.City) || blank(p.Address.Country), "address")
	add(blank(p.Phone), "phone")
	add(blank(p.CompanyDescription.FR), "company_description")
	return out
}

// User is a person with an employer account. The e-mail address is the
// login identity: profile edits never change it; RequestEmailChange starts a
// change and ConfirmEmailChange completes it once the new address is
// verified, the old address staying the login until then.
type User struct {
	ID uuid.UUID `json:"id"`
	// Email is the normalised (lower-case) login address, unique.
	Email     string `json:"email"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Function  string `json:"function"`
	Phone     string `json:"phone"`
	Extension string `json:"extension"`
	// CompanyID is the company the user's e-mail belongs to, set when the
	// user first joins one of its groups (uuid.Nil before).
	CompanyID uuid.UUID `json:"company_id"`
	// PendingEmail is an address waiting for verification (empty when none);
	// PendingEmailHash is the hash of its verification token and
	// PendingEmailExpires its expiry.
	PendingEmail        string    `json:"pending_email,omitempty"`
	PendingEmailHash    []byte    `json:"-"`
	PendingEmailExpires time.Time `json:"pending_email_expires,omitzero"`
	CreatedAt           time.Time `json:"created_at"`
	Version             int64     `json:"version"`
}

// Membership is a user's place in a group: roles, and whether it is active.
// A removed member is deactivated, never deleted, so history keeps who did
// what.
type Membership struct {
	GroupID   uuid.UUID `json:"group_id"`
	UserID    uuid.UUID `json:"user_id"`
	Roles     []Role    `json:"roles"`
	Active    bool      `json:"active"`
	JoinedAt  time.Time `json:"joined_at"`
	RemovedAt time.Time `json:"removed_at,omitzero"`
	RemovedBy uuid.UUID `json:"removed_by"`
	Version   int64     `json:"version"`
}

// Has reports whether the membership is active and holds role r.
func (m Membership) Has(r Role) bool { return m.Active && slices.Contains(m.Roles, r) }

// Can reports whether the membership is active and one of its roles holds p.
func (m Membership) Can(p Permission) bool { return m.Active && CanAny(m.Roles, p) }

// RequestStatus is where a join request stands.
type RequestStatus string

// Join request statuses.
const (
	RequestPending  RequestStatus = "pending"
	RequestApproved RequestStatus = "approved"
	RequestRefused  RequestStatus = "refused"
)

// JoinRequest is a user's request to join an existing group (decided by its
// Principal) or to open a new group (decided by the board; the requester
// becomes the new group's Principal).
type JoinRequest struct {
	ID        uuid.UUID `json:"id"`
	UserID    uuid.UUID `json:"user_id"`
	CompanyID uuid.UUID `json:"company_id"`
	// GroupID is the group to join; uuid.Nil for a new group until the
	// request is approved, when it names the group created.
	GroupID uuid.UUID `json:"group_id"`
	// NewGroup is true for a request to open a new group, named GroupName.
	NewGroup  bool          `json:"new_group"`
	GroupName string        `json:"group_name,omitempty"`
	Status    RequestStatus `json:"status"`
	// DecidedBy is the Principal or moderator who decided, DecidedAt when,
	// Reason why (optional, shown to the requester).
	DecidedBy uuid.UUID `json:"decided_by"`
	DecidedAt time.Time `json:"decided_at,omitzero"`
	Reason    string    `json:"reason,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	Version   int64     `json:"version"`
}

// InvitationStatus is where an invitation stands. An expired invitation
// keeps the Pending status; Expired(now) tells.
type InvitationStatus string

// Invitation statuses.
const (
	InvitationPending  InvitationStatus = "pending"
	InvitationAccepted InvitationStatus = "accepted"
	InvitationRevoked  InvitationStatus = "revoked"
)

// Invitation asks a person, by e-mail, to join a group with given roles.
// Its token is random and only its hash is stored; sending the invitation
// again replaces the token, which voids the old one.
type Invitation struct {
	ID        uuid.UUID        `json:"id"`
	GroupID   uuid.UUID        `json:"group_id"`
	Email     string           `json:"email"`
	Roles     []Role           `json:"roles"`
	InvitedBy uuid.UUID        `json:"invited_by"`
	TokenHash []byte           `json:"-"`
	ExpiresAt time.Time        `json:"expires_at"`
	Status    InvitationStatus `json:"status"`
	SentCount int              `json:"sent_count"`
	// DecidedBy is who accepted (the new member) or revoked it, and
	// DecidedAt when.
	DecidedBy uuid.UUID `json:"decided_by"`
	DecidedAt time.Time `json:"decided_at,omitzero"`
	CreatedAt time.Time `json:"created_at"`
	Version   int64     `json:"version"`
}

// Expired reports whether a pending invitation's token has expired at now.
func (i Invitation) Expired(now time.Time) bool {
	return i.Status == InvitationPending && !now.Before(i.ExpiresAt)
}
