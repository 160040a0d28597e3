package group

import (
	"time"

	"github.com/google/uuid"
)

// Outbox topics of the package. Each event's Payload is the JSON of the
// payload type named beside it.
const (
	TopicCompanyCreated       = "group.company.created"             // CompanyPayload
	TopicGroupCreated         = "group.group.created"               // GroupPayload
	TopicJoinRequestCreated   = "group.join_request.created"        // RequestPayload
	TopicJoinRequestApproved  = "group.join_request.approved"       // RequestPayload
	TopicJoinRequestRefused   = "group.join_request.refused"        // RequestPayload
	TopicInvitationSent       = "group.invitation.sent"             // InvitationPayload
	TopicInvitationRevoked    = "group.invitation.revoked"          // InvitationPayload
	TopicInvitationAccepted   = "group.invitation.accepted"         // InvitationPayload
	TopicMemberAdded          = "group.member.added"                // MemberPayload
	TopicMemberRolesChanged   = "group.member.roles_changed"        // MemberPayload
	TopicMemberRemoved        = "group.member.removed"              // MemberPayload
	TopicEmailChangeRequested = "group.user.email_change_requested" // EmailChangePayload
	TopicEmailChanged         = "group.user.email_changed"          // EmailChangePayload
)

// CompanyPayload describes a company event.
type CompanyPayload struct {
	CompanyID uuid.UUID `json:"company_id"`
	LegalName string    `json:"legal_name"`
}

// GroupPayload describes a group event.
type GroupPayload struct {
	GroupID   uuid.UUID `json:"group_id"`
	CompanyID uuid.UUID `json:"company_id"`
	Name      string    `json:"name"`
}

// RequestPayload describes a join-request event; the requester is told of
// the decision from it.
type RequestPayload struct {
	RequestID uuid.UUID     `json:"request_id"`
	UserID    uuid.UUID     `json:"user_id"`
	CompanyID uuid.UUID     `json:"company_id"`
	GroupID   uuid.UUID     `json:"group_id"`
	NewGroup  bool          `json:"new_group"`
	GroupName string        `json:"group_name,omitempty"`
	Status    RequestStatus `json:"status"`
	DecidedBy uuid.UUID     `json:"decided_by"`
	Reason    string        `json:"reason,omitempty"`
}

func requestPayload(r JoinRequest) RequestPayload {
	return RequestPayload{RequestID: r.ID, UserID: r.UserID, CompanyID: r.CompanyID, GroupID: r.GroupID,
		NewGroup: r.NewGroup, GroupName: r.GroupName, Status: r.Status, DecidedBy: r.DecidedBy, Reason: r.Reason}
}

// InvitationPayload describes an invitation event. It never carries the
// token: the token goes from Invite's result to the host's e-mail, and only
// its hash is stored.
type InvitationPayload struct {
	InvitationID uuid.UUID `json:"invitation_id"`
	GroupID      uuid.UUID `json:"group_id"`
	Email        string    `json:"email"`
	Roles        []Role    `json:"roles"`
	By           uuid.UUID `json:"by"`
	ExpiresAt    time.Time `json:"expires_at"`
}

func invitationPayload(inv Invitation, by uuid.UUID) InvitationPayload {
	return InvitationPayload{InvitationID: inv.ID, GroupID: inv.GroupID, Email: inv.Email, Roles: inv.Roles, By: by, ExpiresAt: inv.ExpiresAt}
}

// MemberPayload describes a membership event.
type MemberPayload struct {
	GroupID uuid.UUID `json:"group_id"`
	UserID  uuid.UUID `json:"user_id"`
	Roles   []Role    `json:"roles"`
	By      uuid.UUID `json:"by"`
}

// EmailChangePayload describes an e-mail change of a user.
type EmailChangePayload struct {
	UserID   uuid.UUID `json:"user_id"`
	OldEmail string    `json:"old_email"`
	NewEmail string    `json:"new_email"`
}
