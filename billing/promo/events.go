package promo

import (
	"github.com/babillard/babillard/billing/price"
	"github.com/babillard/babillard/billing/tax"
	"github.com/babillard/babillard/canada"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// Outbox topics of promo codes. Each event's Payload is the JSON of the
// payload type named beside it; none holds personal data.
const (
	TopicCreated     = "billing.promo.created"     // CreatedPayload
	TopicDeactivated = "billing.promo.deactivated" // CreatedPayload
	TopicRedeemed    = "billing.promo.redeemed"    // RedeemedPayload, GroupID: the buying group
)

// CreatedPayload describes a code created or deactivated.
type CreatedPayload struct {
	CodeID          uuid.UUID       `json:"code_id"`
	Code            string          `json:"code"`
	Kind            Kind            `json:"kind"`
	Percent         decimal.Decimal `json:"percent"`
	Amount          tax.Cents       `json:"amount"`
	From            canada.Date     `json:"from"`
	Until           canada.Date     `json:"until"`
	MaxUses         int             `json:"max_uses"`
	MaxUsesPerGroup int             `json:"max_uses_per_group"`
	SKUs            []price.SKU     `json:"skus"`
	By              uuid.UUID       `json:"by"` // the staff member
}

// RedeemedPayload describes a use counted.
type RedeemedPayload struct {
	CodeID   uuid.UUID `json:"code_id"`
	Code     string    `json:"code"`
	GroupID  uuid.UUID `json:"group_id"`
	OrderKey uuid.UUID `json:"order_key"`
}
