package billing

import (
	"time"

	"github.com/google/uuid"
)

// Outbox topics of the credit bank. Each event's Payload is the JSON of the
// payload type named beside it. Reservations raise no event of their own:
// they happen in the transaction of the offer change that reports them.
const (
	TopicCreditGranted        = "billing.credit.granted"         // GrantPayload
	TopicCreditExpired        = "billing.credit.expired"         // ExpiryPayload
	TopicCreditTransferredOut = "billing.credit.transferred_out" // TransferPayload, GroupID: the giving group
	TopicCreditTransferredIn  = "billing.credit.transferred_in"  // TransferPayload, GroupID: the receiving group
)

// GrantPayload describes a grant: the lot created.
type GrantPayload struct {
	LotID       uuid.UUID `json:"lot_id"`                 // the lot created
	GroupID     uuid.UUID `json:"group_id"`               // the group credited
	Product     Product   `json:"product"`                // the kind of credits
	Quantity    int       `json:"quantity"`               // how many
	Source      Source    `json:"source"`                 // purchase or board
	PurchaseRef string    `json:"purchase_ref,omitempty"` // the purchase, if any
	By          uuid.UUID `json:"by"`                     // the buyer or the moderator
	ExpiresAt   time.Time `json:"expires_at,omitzero"`    // zero: never
}

// ExpiryPayload describes credits that expired unused.
type ExpiryPayload struct {
	LotID     uuid.UUID `json:"lot_id"`     // the lot whose credits expired
	GroupID   uuid.UUID `json:"group_id"`   // its group
	Product   Product   `json:"product"`    // the kind of credits
	Quantity  int       `json:"quantity"`   // how many expired
	ExpiresAt time.Time `json:"expires_at"` // the lot's expiry
}

// TransferPayload describes a transfer between two groups.
type TransferPayload struct {
	TransferID uuid.UUID `json:"transfer_id"` // the Ref of the transfer's entries
	FromGroup  uuid.UUID `json:"from_group"`  // the giving group
	ToGroup    uuid.UUID `json:"to_group"`    // the receiving group
	Product    Product   `json:"product"`     // the kind of credits
	Quantity   int       `json:"quantity"`    // how many
	By         uuid.UUID `json:"by"`          // the moderator
}
