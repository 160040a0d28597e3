package offer

// Outbox topics of the package; each event's payload is an EventPayload.
const (
	TopicSubmitted        = "offer.submitted"          // sent to validation (submit, resubmit)
	TopicCancelled        = "offer.cancelled"          // back to draft from validation or revision
	TopicApproved         = "offer.approved"           // validated (published now or scheduled)
	TopicRefused          = "offer.refused"            // sent back with changes to make (note)
	TopicPublished        = "offer.published"          // online
	TopicRevisionSent     = "offer.revision_submitted" // a published offer's modification awaits validation
	TopicRevisionApproved = "offer.revision_approved"
	TopicRevisionRefused  = "offer.revision_refused"
	TopicExtended         = "offer.extended"
	TopicFeatured         = "offer.featured"
	TopicFeaturedEnded    = "offer.featured_ended" // no longer featured
	TopicExpiring         = "offer.expiring"       // 10 days before expiry
	TopicExpired          = "offer.expired"        // the publication period is over
	TopicEnded            = "offer.ended"          // ended by the employer or withdrawn by the board
	TopicArchived         = "offer.archived"
)

// topicOf returns the topic of a step, or "" for steps without an event
// (edits, views, duplicates).
func topicOf(a Action, from, to Status) string {
	switch a {
	case ActionSubmit, ActionResubmit:
		return TopicSubmitted
	case ActionCancel:
		return TopicCancelled
	case ActionApprove:
		return TopicApproved
	case ActionRefuse:
		return TopicRefused
	case ActionPublish:
		return TopicPublished
	case ActionModify:
		return TopicRevisionSent
	case ActionApproveRevision:
		return TopicRevisionApproved
	case ActionRefuseRevision:
		return TopicRevisionRefused
	case ActionExtend:
		return TopicExtended
	case ActionFeature:
		return TopicFeatured
	case ActionExpire:
		return TopicExpired
	case ActionEnd, ActionWithdraw:
		return TopicEnded
	case ActionArchive:
		return TopicArchived
	}
	return ""
}
