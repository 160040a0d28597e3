package babillard_test

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/babillard/babillard"
	"github.com/babillard/babillard/billing"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/i18n"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// privacyWorld is a world with Luc Gagnon, a Posting manager who joined by
// invitation, changed his e-mail once (and has a second change pending),
// asked the board for a new group, invited a colleague, and created,
// submitted and extended an offer, and wrote a draft taking applications at
// his address. A second group of the company ("Bureau
// de Québec", Marie its only Principal) invited him too.
type privacyWorld struct {
	*world
	luc      group.Actor
	second   group.Group
	offer    offer.Offer
	draft    offer.Offer
	pending  group.Invitation
	request  group.JoinRequest
	sent     group.Invitation
	personal []string // Luc's name, function, phone and every address he had
}

func newPrivacyWorld(t *testing.T, store babillard.Store) *privacyWorld {
	w := &privacyWorld{world: newWorld(t, store)}
	g := w.board.Groups
	_, token, err := g.Invite(w.ctx, w.marie, "luc@acme-genie.ca", group.PostingManager)
	require.NoError(t, err)
	luc, err := g.RegisterUser(w.ctx, "luc@acme-genie.ca", group.UserProfile{FirstName: "Luc", LastName: "Gagnonnière",
		Function: "Chargé de projets", Phone: "514-555-0199", Extension: "777"})
	require.NoError(t, err)
	_, err = g.AcceptInvitation(w.ctx, luc.ID, token)
	require.NoError(t, err)
	w.luc = group.Actor{UserID: luc.ID, GroupID: w.marie.GroupID}
	token, err = g.RequestEmailChange(w.ctx, luc.ID, "luc.gagnonniere@acme-genie.ca")
	require.NoError(t, err)
	_, err = g.ConfirmEmailChange(w.ctx, token)
	require.NoError(t, err)
	_, err = g.RequestEmailChange(w.ctx, luc.ID, "lg@acme-genie.ca")
	require.NoError(t, err)
	w.personal = []string{"Gagnonnière", "Chargé de projets", "514-555-0199", "luc@acme-genie.ca", "luc.gagnonniere@acme-genie.ca", "lg@acme-genie.ca"}

	// A second group with Marie as its only Principal invites Luc.
	req, err := g.RequestGroup(w.ctx, w.marie.UserID, mustCompanyID(t, w), "Bureau de Québec")
	require.NoError(t, err)
	_, w.second, err = g.ApproveGroupRequest(w.ctx, w.moderator, req.ID)
	require.NoError(t, err)
	w.pending, _, err = g.Invite(w.ctx, group.Actor{UserID: w.marie.UserID, GroupID: w.second.ID}, "luc.gagnonniere@acme-genie.ca", group.PostingManager)
	require.NoError(t, err)
	w.request, err = g.RequestGroup(w.ctx, luc.ID, mustCompanyID(t, w), "Bureau de Sherbrooke")
	require.NoError(t, err)
	w.sent, _, err = g.Invite(w.ctx, w.luc, "nadia@acme-genie.ca", group.PostingManager)
	require.NoError(t, err)

	// Luc's offer: created, submitted, approved by the board, extended.
	w.grant(billing.EngineerPosting, 2)
	w.grant(billing.Extension, 1)
	c := jobContent()
	o, _, err := w.board.Offers.Create(w.ctx, w.luc, c)
	require.NoError(t, err)
	_, err = w.board.Offers.Submit(w.ctx, w.luc, o.ID)
	require.NoError(t, err)
	_, err = w.board.Offers.Approve(w.ctx, w.moderator, o.ID)
	require.NoError(t, err)
	w.offer, err = w.board.Offers.Extend(w.ctx, w.luc, o.ID, uuid.New())
	require.NoError(t, err)
	// A draft that takes applications at his address.
	c.Apply = offer.Apply{Email: "luc.gagnonniere@acme-genie.ca"}
	c.Title.FR = "Brouillon de Luc"
	w.draft, _, err = w.board.Offers.Create(w.ctx, w.luc, c)
	require.NoError(t, err)
	return w
}

func mustCompanyID(t *testing.T, w *privacyWorld) uuid.UUID {
	g, err := w.board.Groups.Group(w.ctx, w.marie.GroupID)
	require.NoError(t, err)
	return g.CompanyID
}

func TestExportUser(t *testing.T) { onEveryStore(t, testExportUser) }

func testExportUser(t *testing.T, store babillard.Store) {
	w := newPrivacyWorld(t, store)
	exp, err := w.board.ExportUser(w.ctx, w.luc.UserID)
	require.NoError(t, err)
	byBoard, err := w.board.ExportUserByBoard(w.ctx, w.moderator, w.luc.UserID)
	require.NoError(t, err)
	assert.Equal(t, exp, byBoard, "the user and the board's staff get the same export")

	data, err := json.Marshal(exp)
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	for _, key := range []string{"profile", "memberships", "invitations_received", "invitations_sent", "join_requests", "offers", "credits"} {
		assert.Contains(t, doc, key)
	}
	assert.Len(t, doc, 7, "no other section: %v", keys(doc))
	assert.Contains(t, doc["offers"], "created")
	assert.Contains(t, doc["offers"], "actions")
	assert.Contains(t, doc["credits"], "entries")
	assert.Contains(t, doc["credits"], "reservations")
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	walkKeys(doc, func(k string) { assert.Regexp(t, snake, k, "JSON keys are snake_case") })

	// Round trip.
	var back babillard.UserExport
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, exp, back)

	// What it holds.
	assert.Equal(t, "luc.gagnonniere@acme-genie.ca", exp.Profile.Email)
	assert.Equal(t, "lg@acme-genie.ca", exp.Profile.PendingEmail)
	assert.Equal(t, "Gagnonnière", exp.Profile.LastName)
	require.Len(t, exp.Memberships, 1)
	assert.Equal(t, "Groupe 001", exp.Memberships[0].GroupName)
	assert.Equal(t, "Acme Génie-Conseil inc.", exp.Memberships[0].CompanyName)
	assert.Equal(t, []group.Role{group.PostingManager}, exp.Memberships[0].Roles)
	assert.Equal(t, []string{"luc@acme-genie.ca", "luc.gagnonniere@acme-genie.ca"}, invitationEmails(exp.InvitationsReceived),
		"invitations to his earlier address too")
	assert.Equal(t, []string{"nadia@acme-genie.ca"}, invitationEmails(exp.InvitationsSent))
	require.Len(t, exp.JoinRequests, 1)
	assert.Equal(t, "Bureau de Sherbrooke", exp.JoinRequests[0].GroupName)
	require.Len(t, exp.Offers.Created, 2)
	assert.Equal(t, w.offer.ID, exp.Offers.Created[0].ID)
	assert.Equal(t, jobContent().Title, exp.Offers.Created[0].Title)
	assert.Equal(t, w.draft.ID, exp.Offers.Created[1].ID)
	var actions []offer.Action
	for _, e := range exp.Offers.Actions {
		actions = append(actions, e.Action)
	}
	assert.Equal(t, []offer.Action{offer.ActionCreate, offer.ActionSubmit, offer.ActionExtend, offer.ActionCreate}, actions)
	assert.NotEmpty(t, exp.Credits.Entries)
	for _, e := range exp.Credits.Entries {
		assert.Equal(t, w.luc.UserID, e.By)
	}
	require.Len(t, exp.Credits.Reservations, 2, "the posting credit and the extension")
	assert.NotContains(t, string(data), "token", "no secret in the export")
	assert.Nil(t, exp.Profile.PendingEmailHash, "no secret in the export")
	for _, inv := range append(exp.InvitationsReceived, exp.InvitationsSent...) {
		assert.Nil(t, inv.TokenHash, "no secret in the export")
	}

	// Nobody else: a missing moderator is refused, and so is nobody.
	_, err = w.board.ExportUserByBoard(w.ctx, group.Moderator{}, w.luc.UserID)
	assert.ErrorIs(t, err, group.ErrForbidden)
	_, err = w.board.ExportUser(w.ctx, uuid.Nil)
	assert.ErrorIs(t, err, group.ErrForbidden)
	_, err = w.board.ExportUser(w.ctx, uuid.New())
	assert.ErrorIs(t, err, storage.ErrNotFound)
}

func TestDeleteUser(t *testing.T) { onEveryStore(t, testDeleteUser) }

func testDeleteUser(t *testing.T, store babillard.Store) {
	w := newPrivacyWorld(t, store)
	g := w.board.Groups
	before := w.balance(billing.EngineerPosting)
	statement := w.statement()

	deleted, err := w.board.DeleteUser(w.ctx, w.luc.UserID)
	require.NoError(t, err)
	assert.True(t, deleted.Deleted())
	assert.Equal(t, group.FormerMember, deleted.DisplayName())
	assert.Equal(t, i18n.Text{FR: "ancien membre", EN: "former member"}, deleted.DisplayName())
	assert.Equal(t, w.luc.UserID, deleted.ID, "the ID stays, opaque")

	// The account: nothing personal left, no address finds it.
	u, err := g.User(w.ctx, w.luc.UserID)
	require.NoError(t, err)
	assert.Equal(t, deleted, u)
	assert.Empty(t, u.Email+u.FirstName+u.LastName+u.Function+u.Phone+u.Extension+u.PendingEmail)
	assert.Empty(t, u.PendingEmailHash)
	for _, addr := range w.personal[3:] {
		_, err := g.UserByEmail(w.ctx, addr)
		assert.ErrorIs(t, err, storage.ErrNotFound, addr)
	}

	// Memberships deactivated; invitations scrubbed and the pending one
	// revoked; the pending request withdrawn.
	members, err := g.Members(w.ctx, w.marie, page.Page{Limit: page.MaxLimit})
	require.NoError(t, err)
	for _, m := range members.Items {
		if m.UserID == w.luc.UserID {
			assert.False(t, m.Active)
			assert.Equal(t, w.luc.UserID, m.RemovedBy)
		}
	}
	_, _, err = g.Switch(w.ctx, w.luc.UserID, w.marie.GroupID)
	assert.ErrorIs(t, err, group.ErrForbidden)
	for _, a := range []group.Actor{w.marie, {UserID: w.marie.UserID, GroupID: w.second.ID}} {
		invs, err := g.Invitations(w.ctx, a, page.Page{Limit: page.MaxLimit})
		require.NoError(t, err)
		for _, inv := range invs.Items {
			assert.NotContains(t, w.personal, inv.Email)
			if inv.ID == w.pending.ID {
				assert.Equal(t, group.InvitationRevoked, inv.Status)
				assert.Empty(t, inv.Email)
			}
			if inv.ID == w.sent.ID {
				assert.Equal(t, "nadia@acme-genie.ca", inv.Email, "invitations he sent are the group's")
				assert.Equal(t, group.InvitationPending, inv.Status)
			}
		}
	}
	reqs, err := g.JoinRequestsOfUser(w.ctx, w.luc.UserID, page.Page{})
	require.NoError(t, err)
	require.Len(t, reqs.Items, 1)
	assert.Equal(t, group.RequestWithdrawn, reqs.Items[0].Status)
	pendingForBoard, err := g.PendingGroupRequests(w.ctx, w.moderator, page.Page{})
	require.NoError(t, err)
	assert.Empty(t, pendingForBoard.Items)

	// History still says a former member did it, in both languages.
	hist, err := w.board.Offers.History(w.ctx, w.marie, w.offer.ID, page.Page{Limit: page.MaxLimit})
	require.NoError(t, err)
	var byLuc int
	for _, e := range hist.Items {
		if e.Role != offer.Member {
			continue
		}
		who, err := g.User(w.ctx, e.By)
		require.NoError(t, err)
		assert.Equal(t, "ancien membre", who.DisplayName().In(i18n.French))
		assert.Equal(t, "former member", who.DisplayName().In(i18n.English))
		byLuc++
	}
	assert.Equal(t, 3, byLuc, "create, submit, extend")
	o, err := w.board.Offers.Get(w.ctx, w.marie, w.offer.ID)
	require.NoError(t, err)
	assert.Equal(t, w.luc.UserID, o.CreatedBy)
	assert.Equal(t, "rh@acme-genie.ca", o.Content.Apply.Email, "the group's own address stays")
	draft, err := w.board.Offers.Get(w.ctx, w.marie, w.draft.ID)
	require.NoError(t, err)
	assert.Empty(t, draft.Content.Apply.Email, "his address leaves the draft")
	assert.Equal(t, offer.Draft, draft.Status)
	offers, err := w.board.Offers.List(w.ctx, w.marie, offer.Query{Statuses: offer.Statuses()}, page.Page{})
	require.NoError(t, err)
	require.Len(t, offers.Items, 2)
	data, err := json.Marshal(offers.Items)
	require.NoError(t, err)
	assertNoneOf(t, "offers after deletion", string(data), w.personal)

	// The credits are untouched and still balance.
	assert.Equal(t, before, w.balance(billing.EngineerPosting))
	assert.Equal(t, statement, w.statement())

	// Nothing the library reads returns his name or addresses: the export,
	// every event of the outbox.
	exp, err := w.board.ExportUserByBoard(w.ctx, w.moderator, w.luc.UserID)
	require.NoError(t, err)
	data, err = json.Marshal(exp)
	require.NoError(t, err)
	assertNoneOf(t, "export after deletion", string(data), w.personal)
	assert.Len(t, exp.Offers.Actions, 4)
	events, err := store.ClaimEvents(w.ctx, "privacy-test", 100000, time.Minute, w.clock.Now().Add(24*365*time.Hour))
	require.NoError(t, err)
	var deletedEvents int
	for _, e := range events {
		assertNoneOf(t, "event "+e.Topic, string(e.Payload), w.personal)
		if e.Topic == group.TopicUserDeleted {
			deletedEvents++
			assert.Equal(t, w.luc.UserID, e.Subject)
			var p group.UserDeletedPayload
			require.NoError(t, json.Unmarshal(e.Payload, &p))
			assert.Equal(t, group.UserDeletedPayload{UserID: w.luc.UserID, DeletedAt: w.clock.Now().UTC(), By: w.luc.UserID}, p)
		}
	}
	assert.Equal(t, 1, deletedEvents)

	// Deleting again changes nothing; the account cannot come back.
	again, err := w.board.DeleteUser(w.ctx, w.luc.UserID)
	require.NoError(t, err)
	assert.Equal(t, deleted, again)
	more, err := store.ClaimEvents(w.ctx, "privacy-test-2", 100, time.Minute, w.clock.Now().Add(24*365*time.Hour))
	require.NoError(t, err)
	assert.Empty(t, more, "a second deletion appends nothing")
	_, err = g.AddMember(w.ctx, w.marie, w.luc.UserID, group.PostingManager)
	assert.ErrorIs(t, err, group.ErrNotAllowed)
	_, err = g.UpdateUserProfile(w.ctx, w.luc.UserID, group.UserProfile{FirstName: "Luc", LastName: "G"})
	assert.ErrorIs(t, err, group.ErrNotAllowed)
	_, err = g.RequestEmailChange(w.ctx, w.luc.UserID, "luc2@acme-genie.ca")
	assert.ErrorIs(t, err, group.ErrNotAllowed)
	_, err = g.RequestToJoin(w.ctx, w.luc.UserID, w.second.ID)
	assert.ErrorIs(t, err, group.ErrNotAllowed)

	// An account deleted before it joined any company cannot ask for one.
	zoe, err := g.RegisterUser(w.ctx, "zoe@acme-genie.ca", group.UserProfile{FirstName: "Zoé", LastName: "Roy"})
	require.NoError(t, err)
	_, err = w.board.DeleteUser(w.ctx, zoe.ID)
	require.NoError(t, err)
	_, _, err = g.RequestCompany(w.ctx, zoe.ID, group.CompanyInput{LegalName: "Zoé inc.", Phone: "514-555-0100",
		HeadOffice: group.Address{Street: "1, rue Saint-Paul", City: "Montréal", Province: "QC", PostalCode: "H2Y 1G2"}})
	var e *i18n.Error
	require.True(t, errors.As(err, &e), "%v", err)
	assert.Equal(t, "user.deleted", e.Code)

	// Every address is free for a new registration, a new account.
	for _, addr := range w.personal[3:] {
		n, err := g.RegisterUser(w.ctx, addr, group.UserProfile{FirstName: "Luc", LastName: "Gagnonnière"})
		require.NoError(t, err, addr)
		assert.NotEqual(t, w.luc.UserID, n.ID)
	}
}

func TestDeleteUserSparesAnAddressSomeoneElseUsesNow(t *testing.T) {
	onEveryStore(t, testDeleteUserSparesAnAddressSomeoneElseUsesNow)
}

func testDeleteUserSparesAnAddressSomeoneElseUsesNow(t *testing.T, store babillard.Store) {
	w := newPrivacyWorld(t, store)
	g := w.board.Groups
	// Luc's first address, which he left, belongs to Lucie now; the second
	// group invited her.
	lucie, err := g.RegisterUser(w.ctx, "luc@acme-genie.ca", group.UserProfile{FirstName: "Lucie", LastName: "Côté"})
	require.NoError(t, err)
	inv, _, err := g.Invite(w.ctx, group.Actor{UserID: w.marie.UserID, GroupID: w.second.ID}, "luc@acme-genie.ca", group.FinanceManager)
	require.NoError(t, err)

	exp, err := w.board.ExportUser(w.ctx, w.luc.UserID)
	require.NoError(t, err)
	assert.Equal(t, []string{"luc.gagnonniere@acme-genie.ca"}, invitationEmails(exp.InvitationsReceived),
		"what was sent to luc@ can no longer be told from what is Lucie's")

	_, err = w.board.DeleteUser(w.ctx, w.luc.UserID)
	require.NoError(t, err)
	u, err := g.UserByEmail(w.ctx, "luc@acme-genie.ca")
	require.NoError(t, err)
	assert.Equal(t, lucie, u)
	invs, err := g.Invitations(w.ctx, group.Actor{UserID: w.marie.UserID, GroupID: w.second.ID}, page.Page{Limit: page.MaxLimit})
	require.NoError(t, err)
	for _, i := range invs.Items {
		if i.ID == inv.ID {
			assert.Equal(t, group.InvitationPending, i.Status)
			assert.Equal(t, "luc@acme-genie.ca", i.Email)
		}
	}
	// Luc's own events forget it; the invitation's event to Lucie keeps it.
	own, err := store.EventsOfSubject(w.ctx, w.luc.UserID)
	require.NoError(t, err)
	for _, e := range own {
		assertNoneOf(t, "event "+e.Topic+" about Luc", string(e.Payload), w.personal)
	}
	hers, err := store.EventsOfSubject(w.ctx, inv.ID)
	require.NoError(t, err)
	require.Len(t, hers, 1)
	assert.Contains(t, string(hers[0].Payload), "luc@acme-genie.ca")
}

func TestDeleteUserKeepsAPrincipal(t *testing.T) { onEveryStore(t, testDeleteUserKeepsAPrincipal) }

func testDeleteUserKeepsAPrincipal(t *testing.T, store babillard.Store) {
	w := newPrivacyWorld(t, store)
	g := w.board.Groups
	// Paul is a second Principal of the first group, not of the second:
	// Marie stays the only Principal of "Bureau de Québec".
	paul := w.member("paul@acme-genie.ca", group.Principal)

	_, err := w.board.DeleteUser(w.ctx, w.marie.UserID)
	require.Error(t, err)
	assert.ErrorIs(t, err, group.ErrNotAllowed)
	var e *i18n.Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, "user.last_principal", e.Code)
	assert.Contains(t, e.Message.FR, "« Bureau de Québec »")
	assert.Contains(t, e.Message.EN, "“Bureau de Québec”")
	assert.Contains(t, e.Message.FR, "responsable principal")
	assert.Contains(t, e.Message.EN, "Principal")
	_, err = w.board.DeleteUserByBoard(w.ctx, w.moderator, w.marie.UserID)
	assert.ErrorIs(t, err, group.ErrNotAllowed, "the board is refused too")

	// Nothing written: Marie is still everything she was, in both groups.
	u, err := g.User(w.ctx, w.marie.UserID)
	require.NoError(t, err)
	assert.Equal(t, "Tremblay", u.LastName)
	_, err = g.UserByEmail(w.ctx, u.Email)
	require.NoError(t, err, "her address still finds her")
	for _, gid := range []uuid.UUID{w.marie.GroupID, w.second.ID} {
		_, m, err := g.Switch(w.ctx, w.marie.UserID, gid)
		require.NoError(t, err)
		assert.True(t, m.Has(group.Principal))
	}

	// Once Bureau de Québec has another Principal, the board deletes her.
	_, err = g.AddMember(w.ctx, group.Actor{UserID: w.marie.UserID, GroupID: w.second.ID}, paul.UserID, group.Principal)
	require.NoError(t, err)
	_, err = w.board.DeleteUserByBoard(w.ctx, group.Moderator{}, w.marie.UserID)
	assert.ErrorIs(t, err, group.ErrForbidden, "only the board's staff delete another account")
	deleted, err := w.board.DeleteUserByBoard(w.ctx, w.moderator, w.marie.UserID)
	require.NoError(t, err)
	assert.True(t, deleted.Deleted())
	events, err := store.ClaimEvents(w.ctx, "privacy-test", 100000, time.Minute, w.clock.Now().Add(24*365*time.Hour))
	require.NoError(t, err)
	var payloads []group.UserDeletedPayload
	for _, e := range events {
		if e.Topic == group.TopicUserDeleted {
			var p group.UserDeletedPayload
			require.NoError(t, json.Unmarshal(e.Payload, &p))
			payloads = append(payloads, p)
		}
	}
	assert.Equal(t, []group.UserDeletedPayload{{UserID: w.marie.UserID, DeletedAt: w.clock.Now().UTC(), By: w.moderator.ID, ByBoard: true}}, payloads)
	_, err = w.board.DeleteUserByBoard(w.ctx, w.moderator, uuid.New())
	assert.ErrorIs(t, err, storage.ErrNotFound, "an unknown user")
	members, err := g.Members(w.ctx, paul, page.Page{Limit: page.MaxLimit})
	require.NoError(t, err)
	for _, m := range members.Items {
		if m.UserID == w.marie.UserID {
			assert.False(t, m.Active)
			assert.Equal(t, w.moderator.ID, m.RemovedBy)
		}
	}
}

func TestDeleteUserWhileAnOfferTakesApplicationsAtTheAddress(t *testing.T) {
	onEveryStore(t, testDeleteUserWhileAnOfferTakesApplications)
}

func testDeleteUserWhileAnOfferTakesApplications(t *testing.T, store babillard.Store) {
	w := newPrivacyWorld(t, store)
	c := jobContent()
	c.Title.FR = "Ingénieur de structures"
	c.Apply = offer.Apply{Email: "luc.gagnonniere@acme-genie.ca"}
	w.grant(billing.EngineerPosting, 1)
	o, _, err := w.board.Offers.Create(w.ctx, w.luc, c)
	require.NoError(t, err)
	_, err = w.board.Offers.Submit(w.ctx, w.luc, o.ID)
	require.NoError(t, err)

	for _, step := range []func() error{
		func() error { return nil }, // in validation
		func() error { _, err := w.board.Offers.Approve(w.ctx, w.moderator, o.ID); return err }, // online
	} {
		require.NoError(t, step())
		_, err = w.board.DeleteUser(w.ctx, w.luc.UserID)
		assert.ErrorIs(t, err, offer.ErrNotAllowed)
		var e *i18n.Error
		require.True(t, errors.As(err, &e))
		assert.Equal(t, "offer.apply_email_live", e.Code)
		assert.Contains(t, e.Message.FR, "« Ingénieur de structures »")
		assert.Contains(t, e.Message.EN, "“Ingénieur de structures”")

		// Nothing written: not the group's part either.
		u, err := w.board.Groups.UserByEmail(w.ctx, "luc.gagnonniere@acme-genie.ca")
		require.NoError(t, err)
		assert.Equal(t, w.luc.UserID, u.ID)
		_, _, err = w.board.Groups.Switch(w.ctx, w.luc.UserID, w.marie.GroupID)
		require.NoError(t, err)
		d, err := w.board.Offers.Get(w.ctx, w.marie, w.draft.ID)
		require.NoError(t, err)
		assert.Equal(t, "luc.gagnonniere@acme-genie.ca", d.Content.Apply.Email)
	}

	// Once the offer ended, the deletion goes through and the ended offer
	// forgets his address.
	_, err = w.board.Offers.End(w.ctx, w.marie, o.ID)
	require.NoError(t, err)
	_, err = w.board.DeleteUser(w.ctx, w.luc.UserID)
	require.NoError(t, err)
	ended, err := w.board.Offers.Get(w.ctx, w.marie, o.ID)
	require.NoError(t, err)
	assert.Equal(t, offer.Expired, ended.Status)
	assert.Empty(t, ended.Content.Apply.Email)
}

// statement returns the group's whole credit statement.
func (w *privacyWorld) statement() []billing.Entry {
	w.t.Helper()
	entries, err := w.board.Billing.Statement(w.ctx, w.sophie, billing.EntryQuery{}, page.Page{Limit: page.MaxLimit})
	require.NoError(w.t, err)
	return entries.Items
}

func invitationEmails(invs []group.Invitation) []string {
	var out []string
	for _, inv := range invs {
		out = append(out, inv.Email)
	}
	return out
}

func assertNoneOf(t *testing.T, what, text string, personal []string) {
	t.Helper()
	for _, p := range personal {
		if strings.Contains(text, p) {
			t.Errorf("%s holds %q: %s", what, p, text)
		}
		if b, _ := json.Marshal(p); strings.Contains(text, strings.Trim(string(b), `"`)) {
			t.Errorf("%s holds %q (JSON-escaped): %s", what, p, text)
		}
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// walkKeys calls f with every object key of a decoded JSON document.
func walkKeys(v any, f func(string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			f(k)
			walkKeys(e, f)
		}
	case []any:
		for _, e := range x {
			walkKeys(e, f)
		}
	}
}

func TestTwoPrincipalsDeleteThemselvesAtOnce(t *testing.T) {
	onEveryStore(t, testTwoPrincipalsDeleteThemselvesAtOnce)
}

// Two Principals of a group delete their accounts at the same time: one
// goes, the other is told the group would be left without a Principal.
func testTwoPrincipalsDeleteThemselvesAtOnce(t *testing.T, store babillard.Store) {
	w := newWorld(t, store)
	paul := w.member("paul@acme-genie.ca", group.Principal)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, id := range []uuid.UUID{w.marie.UserID, paul.UserID} {
		wg.Go(func() { _, errs[i] = w.board.DeleteUser(w.ctx, id) })
	}
	wg.Wait()
	var ok, refused int
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, group.ErrNotAllowed):
			refused++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	assert.Equal(t, 1, ok)
	assert.Equal(t, 1, refused)
	members, err := store.MembersOfGroup(w.ctx, w.marie.GroupID)
	require.NoError(t, err)
	var principals int
	for _, m := range members {
		if m.Has(group.Principal) {
			principals++
		}
	}
	assert.Equal(t, 1, principals, "the group keeps one active Principal")
}
