package offer_test

import (
	"fmt"
	"time"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/offer"
)

// What each role may do with an offer in validation, from the one
// transition table.
func ExampleActions() {
	now := time.Date(2026, 6, 1, 14, 0, 0, 0, time.UTC)
	o := offer.Offer{Status: offer.InValidation}
	for _, r := range group.Roles() {
		_, en := r.Name()
		fmt.Printf("%-16s %v\n", en, offer.Actions(o, offer.Member, []group.Role{r}, now))
	}
	fmt.Printf("%-16s %v\n", "Board", offer.Actions(o, offer.Board, nil, now))
	// Output:
	// Principal        [cancel duplicate view history]
	// Posting manager  [duplicate view history]
	// Finance manager  [view history]
	// Board            [cancel approve refuse moderate push_deadline view history]
}

// Approval publishes at once, or schedules the offer until its display
// date.
func ExampleNext() {
	now := time.Date(2026, 6, 1, 14, 0, 0, 0, time.UTC)
	for _, publishAt := range []time.Time{{}, now.Add(72 * time.Hour)} {
		t, err := offer.Next(offer.Offer{Status: offer.InValidation, PublishAt: publishAt}, offer.ActionApprove, offer.Board, nil, now)
		fmt.Println(t.To, err)
	}
	_, err := offer.Next(offer.Offer{Status: offer.InValidation}, offer.ActionCancel, offer.Member, []group.Role{group.PostingManager}, now)
	fmt.Println(err)
	// Output:
	// published <nil>
	// scheduled <nil>
	// You may not take the action "Cancel" on an offer in status "In validation".
}
