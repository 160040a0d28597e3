package offer

import (
	"time"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/google/uuid"
)

// Durations of an offer's life (docs/RULES.md T-2 to T-7, O-8, O-13).
const (
	// PublicationDays is how long a publication lasts. The days of an
	// offer's life are calendar days in the board's time zone
	// (America/Toronto): a period ends at the wall-clock time it started
	// at, whatever daylight saving time changes in between, so that an
	// offer published at 10:00 ends at 10:00.
	PublicationDays = 30
	// ExtensionDays is what one extension adds.
	ExtensionDays = 7
	// FeaturedDays is how long an offer stays featured.
	FeaturedDays = 7
	// ValidationBusinessDays is the board's validation delay.
	ValidationBusinessDays = 2
	// DisplayDateBusinessDays is the least delay, in business days after
	// submission (Quebec holidays excluded), of a chosen display date.
	DisplayDateBusinessDays = 3
	// ExpiryWarningDays is how long before expiry the employer is warned.
	ExpiryWarningDays = 10
	// MaxSalaryLength is the longest salary precision, in characters.
	MaxSalaryLength = 50
)

// Profile is the profile an offer seeks: only engineers (members of the
// order) and engineering candidates (CPI). Offers for technicians or
// technologists are refused.
type Profile string

// The two profiles an offer may seek.
const (
	Engineer Profile = "engineer"
	CPI      Profile = "cpi"
)

// WorkArrangement is where the work is done.
type WorkArrangement string

// The three work arrangements.
const (
	OnSite WorkArrangement = "on_site"
	Hybrid WorkArrangement = "hybrid"
	Remote WorkArrangement = "remote"
)

// WorkplaceKind tells how an offer names its workplace.
type WorkplaceKind string

// The three ways to name a workplace.
const (
	// AtAddress: an exact address in Quebec.
	AtAddress WorkplaceKind = "address"
	// InPlaces: one or more Quebec cities or administrative regions (jobs
	// with travel name several; more regions make a custom send dearer).
	InPlaces WorkplaceKind = "places"
	// OutsideQuebec: the place is given in the description.
	OutsideQuebec WorkplaceKind = "outside_quebec"
)

// Place is a Quebec city or administrative region (at least the region).
// City is at most MaxCityLength characters.
type Place struct {
	Region canada.Region `json:"region"`
	City   string        `json:"city,omitempty"`
}

// Workplace is where the employees work: Address (street at most
// MaxStreetLength characters, city MaxCityLength) or Places (at most
// MaxPlaces), as Kind says.
type Workplace struct {
	Kind    WorkplaceKind `json:"kind"`
	Address group.Address `json:"address,omitzero"`
	Places  []Place       `json:"places,omitempty"`
}

// Apply is how candidates apply: on the company's site (URL, at most
// MaxURLLength bytes) or by e-mail through the form built into the offer
// (Email). Exactly one is set.
type Apply struct {
	URL   string `json:"url,omitempty"`
	Email string `json:"email,omitempty"`
}

// Content is what the employer writes: everything a revision may change.
// A draft's content may be incomplete; submission requires it whole (see
// CheckSubmission).
type Content struct {
	Profile Profile `json:"profile"`
	// Title and Description: French required, English optional. The
	// description is rich text, sanitised by SanitizeDescription. Each
	// title is at most MaxTitleLength characters; each description at most
	// MaxDescriptionHTMLBytes of input and MaxDescriptionLength characters
	// of text.
	Title       i18n.Text `json:"title"`
	Description i18n.Text `json:"description"`
	// FunctionType, EmploymentType and PositionStatus are codes of the
	// board's vocabularies (see Vocabulary).
	FunctionType   string `json:"function_type"`
	EmploymentType string `json:"employment_type"`
	PositionStatus string `json:"position_status"`
	// Domains are the engineering domains targeted (keys of
	// EngineeringDomains), one or more, at most MaxDomains.
	Domains         []string        `json:"domains"`
	WorkArrangement WorkArrangement `json:"work_arrangement"`
	// ApplicationDeadline is the last day to apply (America/Toronto); after
	// it the Apply button is disabled.
	ApplicationDeadline canada.Date `json:"application_deadline"`
	// Salary is an optional precision, at most 50 characters.
	Salary string `json:"salary,omitempty"`
	// Reference is the employer's own reference number (optional), at
	// most MaxReferenceLength characters.
	Reference string `json:"reference,omitempty"`
	// ExperienceYears is the number of years in the order's roll required
	// (Engineer profile only; 0 means none).
	ExperienceYears int       `json:"experience_years,omitempty"`
	Workplace       Workplace `json:"workplace"`
	// Interests are the fields of interest related to the job: at most
	// MaxInterests, each at most MaxInterestLength characters.
	Interests []string `json:"interests,omitempty"`
	Apply     Apply    `json:"apply"`
	// DisplayDate is the chosen publication date (America/Toronto); zero
	// means "immediately, as soon as the board approves".
	DisplayDate canada.Date `json:"display_date,omitzero"`
	// Featured asks for the featured option from publication on.
	Featured bool `json:"featured,omitempty"`
}

// Offer is a job offer: its content, where it stands, and the dates of its
// life. Times are UTC.
type Offer struct {
	ID      uuid.UUID `json:"id"`
	GroupID uuid.UUID `json:"group_id"`
	Status  Status    `json:"status"`
	Content Content   `json:"content"`
	// Revision is a pending modification of a published offer: it waits for
	// validation while Content stays online (nil when none).
	Revision *Content `json:"revision,omitempty"`
	// CreditReserved tells that a posting credit is reserved for the offer
	// ("package associated"); it is consumed on approval.
	CreditReserved bool `json:"credit_reserved"`
	// SubmittedAt is the last submission; ValidationDue when the board's
	// validation is due (2 business days later).
	SubmittedAt   time.Time `json:"submitted_at,omitzero"`
	ValidationDue time.Time `json:"validation_due,omitzero"`
	// ApprovedAt is the approval; PublishAt when publication starts (the
	// approval, or the display date's start).
	ApprovedAt time.Time `json:"approved_at,omitzero"`
	PublishAt  time.Time `json:"publish_at,omitzero"`
	// PublishedAt is when the offer went online (zero if it never did);
	// ExpiresAt when it goes offline (30 calendar days later at the same
	// wall-clock time in the board's zone, +7 days per extension); EndedAt
	// when it actually did. LastDayOnline gives the last day online.
	PublishedAt time.Time `json:"published_at,omitzero"`
	ExpiresAt   time.Time `json:"expires_at,omitzero"`
	EndedAt     time.Time `json:"ended_at,omitzero"`
	// Extensions counts the 7-day extensions applied.
	Extensions int `json:"extensions,omitempty"`
	// FeaturedFrom and FeaturedUntil bound the featured period (zero when
	// never featured).
	FeaturedFrom  time.Time `json:"featured_from,omitzero"`
	FeaturedUntil time.Time `json:"featured_until,omitzero"`
	// FeaturedEndNotified tells that the end of the current featured period
	// was announced (the "no longer featured" alert).
	FeaturedEndNotified bool `json:"featured_end_notified,omitempty"`
	// DeadlinePushedTo is a deadline set by the board after the employer's
	// (zero when the employer's stands).
	DeadlinePushedTo canada.Date `json:"deadline_pushed_to,omitzero"`
	// WarnedExpiry tells that the expiry warning, due 10 calendar days
	// before ExpiresAt, was sent.
	WarnedExpiry bool      `json:"warned_expiry,omitempty"`
	ArchivedAt   time.Time `json:"archived_at,omitzero"`
	// DuplicatedFrom is the offer this one was copied from (uuid.Nil if
	// none).
	DuplicatedFrom uuid.UUID `json:"duplicated_from"`
	CreatedBy      uuid.UUID `json:"created_by"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	Version        int64     `json:"version"`
}

// EverPublished reports whether the offer was ever online.
func (o Offer) EverPublished() bool { return !o.PublishedAt.IsZero() }

// Deadline returns the application deadline in force: the board's when it
// pushed it back, the employer's otherwise.
func (o Offer) Deadline() canada.Date {
	if o.DeadlinePushedTo.Valid() {
		return o.DeadlinePushedTo
	}
	return o.Content.ApplicationDeadline
}

// Featured reports whether the offer is featured at now.
func (o Offer) Featured(now time.Time) bool {
	return !o.FeaturedFrom.IsZero() && !now.Before(o.FeaturedFrom) && now.Before(o.FeaturedUntil)
}

// HistoryEntry is one step of an offer's life: who did what, when, from
// which status to which, with an optional note (the changes a moderator
// asks for).
type HistoryEntry struct {
	OfferID uuid.UUID `json:"offer_id"`
	At      time.Time `json:"at"`
	Action  Action    `json:"action"`
	From    Status    `json:"from"`
	To      Status    `json:"to"`
	// By is the member or moderator who acted (uuid.Nil for the board's
	// clock: publication, expiry).
	By   uuid.UUID `json:"by"`
	Role Who       `json:"role"`
	Note string    `json:"note,omitempty"`
	// Seq is the entry's place in the store's order of appending, set by
	// the store (0 before): it orders entries of the same time, and pages
	// of a history resume after it (see HistoryKey).
	Seq int64 `json:"seq,omitempty"`
}
