package group

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/babillard/babillard/page"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
)

// RequestToJoin asks to join an existing group; the group's Principal
// approves or refuses it. The user must not belong to another company, nor
// be an active member already, nor have a request pending for the group.
func (s *Service) RequestToJoin(ctx context.Context, userID, groupID uuid.UUID) (JoinRequest, error) {
	now := s.now()
	r := JoinRequest{ID: s.opts.NewID(), UserID: userID, GroupID: groupID, Status: RequestPending, CreatedAt: now}
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		g, err := s.store.Group(ctx, groupID)
		if err != nil {
			return found(err, "group.not_found")
		}
		r.CompanyID = g.CompanyID
		if err := s.checkCanRequest(ctx, r); err != nil {
			return err
		}
		if m, err := s.store.Membership(ctx, groupID, userID); err == nil && m.Active {
			return messages.Error(ErrNotAllowed, "member.already")
		} else if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		if err := s.store.CreateJoinRequest(ctx, &r); err != nil {
			return err
		}
		return s.emit(ctx, TopicJoinRequestCreated, groupID, r.ID, now, requestPayload(r))
	})
	if err != nil {
		return JoinRequest{}, err
	}
	return r, nil
}

// RequestGroup asks the board to open a new group named name in an active
// company (agencies keep one group per client, office or region); on
// approval the requester becomes the new group's Principal.
func (s *Service) RequestGroup(ctx context.Context, userID, companyID uuid.UUID, name string) (JoinRequest, error) {
	v := messages.Validator()
	name = text(v, "group_name", name, true, maxName)
	if err := v.Err(); err != nil {
		return JoinRequest{}, err
	}
	now := s.now()
	r := JoinRequest{ID: s.opts.NewID(), UserID: userID, CompanyID: companyID, NewGroup: true, GroupName: name, Status: RequestPending, CreatedAt: now}
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.checkCanRequest(ctx, r); err != nil {
			return err
		}
		if err := s.store.CreateJoinRequest(ctx, &r); err != nil {
			return err
		}
		return s.emit(ctx, TopicJoinRequestCreated, uuid.Nil, r.ID, now, requestPayload(r))
	})
	if err != nil {
		return JoinRequest{}, err
	}
	return r, nil
}

// checkCanRequest checks the requester and the company of a new request,
// and that no identical request is pending.
func (s *Service) checkCanRequest(ctx context.Context, r JoinRequest) error {
	c, err := s.store.Company(ctx, r.CompanyID)
	if err != nil {
		return found(err, "company.not_found")
	}
	if c.Status != CompanyActive {
		return messages.Error(ErrNotAllowed, "company.not_active")
	}
	u, err := s.liveUser(ctx, r.UserID)
	if err != nil {
		return err
	}
	if u.CompanyID != uuid.Nil && u.CompanyID != r.CompanyID {
		return messages.Error(ErrNotAllowed, "member.other_company")
	}
	pending, err := s.store.JoinRequests(ctx, JoinRequestQuery{UserID: r.UserID, CompanyID: r.CompanyID, Status: RequestPending, NewGroup: &r.NewGroup})
	if err != nil {
		return err
	}
	for _, p := range pending {
		if p.GroupID == r.GroupID && Fold(p.GroupName) == Fold(r.GroupName) {
			return messages.Error(ErrNotAllowed, "request.pending_exists")
		}
	}
	return nil
}

// PendingJoinRequests returns a page of the requests waiting for the
// actor's group's Principal, oldest first (creation time, then ID; see
// package page). It needs ReviewJoinRequests.
func (s *Service) PendingJoinRequests(ctx context.Context, a Actor, p page.Page) (page.Result[JoinRequest], error) {
	if _, err := s.authorize(ctx, a, ReviewJoinRequests); err != nil {
		return page.Result[JoinRequest]{}, err
	}
	no := false
	return s.joinRequests(ctx, JoinRequestQuery{GroupID: a.GroupID, Status: RequestPending, NewGroup: &no}, p)
}

// PendingGroupRequests returns a page of the new-group and new-company
// requests waiting for the board, oldest first (creation time, then ID; see
// package page). It needs PowerReviewGroupRequests.
func (s *Service) PendingGroupRequests(ctx context.Context, by Moderator, p page.Page) (page.Result[JoinRequest], error) {
	if err := s.AuthorizeStaff(ctx, by, PowerReviewGroupRequests); err != nil {
		return page.Result[JoinRequest]{}, err
	}
	yes := true
	return s.joinRequests(ctx, JoinRequestQuery{Status: RequestPending, NewGroup: &yes}, p)
}

// JoinRequestsOfUser returns a page of a user's own requests, oldest first
// (creation time, then ID; see package page), so the requester sees where
// each stands.
func (s *Service) JoinRequestsOfUser(ctx context.Context, userID uuid.UUID, p page.Page) (page.Result[JoinRequest], error) {
	return s.joinRequests(ctx, JoinRequestQuery{UserID: userID}, p)
}

func (s *Service) joinRequests(ctx context.Context, q JoinRequestQuery, p page.Page) (page.Result[JoinRequest], error) {
	return page.Fetch(p, func(w page.Window) ([]JoinRequest, error) {
		return s.store.JoinRequestsPage(ctx, q, w)
	}, JoinRequestKey)
}

// ApproveJoinRequest lets the requester into the actor's group with roles
// (PostingManager when none is given). It needs ReviewJoinRequests in the
// request's group. A request the actor may not see (another group's) is not
// found, exactly like an unknown ID (request.not_found, unwrapping to
// storage.ErrNotFound).
func (s *Service) ApproveJoinRequest(ctx context.Context, a Actor, requestID uuid.UUID, roles ...Role) (JoinRequest, error) {
	if len(roles) == 0 {
		roles = []Role{PostingManager}
	}
	roles, err := validRoles("roles", roles)
	if err != nil {
		return JoinRequest{}, err
	}
	return s.decideMember(ctx, a, requestID, true, "", roles)
}

// RefuseJoinRequest refuses a request to join the actor's group, with an
// optional reason shown to the requester. It needs ReviewJoinRequests.
func (s *Service) RefuseJoinRequest(ctx context.Context, a Actor, requestID uuid.UUID, reason string) (JoinRequest, error) {
	v := messages.Validator()
	reason = text(v, "reason", reason, false, maxReference)
	if err := v.Err(); err != nil {
		return JoinRequest{}, err
	}
	return s.decideMember(ctx, a, requestID, false, reason, nil)
}

func (s *Service) decideMember(ctx context.Context, a Actor, requestID uuid.UUID, approve bool, reason string, roles []Role) (JoinRequest, error) {
	now := s.now()
	var out JoinRequest
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if _, err := s.authorize(ctx, a, ReviewJoinRequests); err != nil {
			return err
		}
		r, err := s.store.JoinRequest(ctx, requestID)
		switch {
		case errors.Is(err, storage.ErrNotFound) || err == nil && !r.visibleTo(a):
			return messages.Error(storage.ErrNotFound, "request.not_found")
		case err != nil:
			return err
		case r.NewGroup:
			return messages.Error(ErrNotAllowed, "request.board_decides")
		case r.Status != RequestPending:
			return messages.Error(ErrNotAllowed, "request.decided")
		}
		if approve {
			if _, err := s.store.LockGroup(ctx, r.GroupID); err != nil {
				return err
			}
			if err := s.admit(ctx, r.UserID, r.GroupID, roles, a.UserID, now); err != nil {
				return err
			}
		}
		out, err = s.closeRequest(ctx, r, approve, reason, a.UserID, now)
		return err
	})
	return out, err
}

// visibleTo reports whether a member acting in a group may know of the
// request: a request to join that group, or the member's own request for a
// new group. Any other request answers like an unknown ID.
func (r JoinRequest) visibleTo(a Actor) bool {
	return !r.NewGroup && r.GroupID == a.GroupID || r.NewGroup && r.UserID == a.UserID
}

// ApproveGroupRequest approves a request for a new group (or for a new
// company and its first group): the group is created, the requester becomes
// its Principal, and a pending company becomes active. It needs
// PowerReviewGroupRequests.
func (s *Service) ApproveGroupRequest(ctx context.Context, by Moderator, requestID uuid.UUID) (JoinRequest, Group, error) {
	now := s.now()
	var out JoinRequest
	var g Group
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.AuthorizeStaff(ctx, by, PowerReviewGroupRequests); err != nil {
			return err
		}
		r, err := s.boardRequest(ctx, requestID)
		if err != nil {
			return err
		}
		c, err := s.store.Company(ctx, r.CompanyID)
		if err != nil {
			return err
		}
		if c.Status == CompanyPending {
			c.Status = CompanyActive
			if err := s.store.UpdateCompany(ctx, &c); err != nil {
				return err
			}
			if err := s.emit(ctx, TopicCompanyCreated, uuid.Nil, c.ID, now, CompanyPayload{CompanyID: c.ID, LegalName: c.LegalName}); err != nil {
				return err
			}
		}
		g = Group{ID: s.opts.NewID(), CompanyID: c.ID, Name: r.GroupName, CreatedAt: now}
		if err := s.createGroup(ctx, &g); err != nil {
			return err
		}
		if err := s.admit(ctx, r.UserID, g.ID, []Role{Principal}, by.ID, now); err != nil {
			return err
		}
		r.GroupID = g.ID
		out, err = s.closeRequest(ctx, r, true, "", by.ID, now)
		return err
	})
	if err != nil {
		return JoinRequest{}, Group{}, err
	}
	return out, g, nil
}

// RefuseGroupRequest refuses a request for a new group, with an optional
// reason; a company still pending with it is refused too. It needs
// PowerReviewGroupRequests.
func (s *Service) RefuseGroupRequest(ctx context.Context, by Moderator, requestID uuid.UUID, reason string) (JoinRequest, error) {
	now := s.now()
	var out JoinRequest
	err := s.store.Atomic(ctx, func(ctx context.Context) error {
		if err := s.AuthorizeStaff(ctx, by, PowerReviewGroupRequests); err != nil {
			return err
		}
		v := messages.Validator()
		reason := text(v, "reason", reason, false, maxReference)
		if err := v.Err(); err != nil {
			return err
		}
		r, err := s.boardRequest(ctx, requestID)
		if err != nil {
			return err
		}
		c, err := s.store.Company(ctx, r.CompanyID)
		if err != nil {
			return err
		}
		if c.Status == CompanyPending {
			c.Status = CompanyRefused
			if err := s.store.UpdateCompany(ctx, &c); err != nil {
				return err
			}
		}
		out, err = s.closeRequest(ctx, r, false, reason, by.ID, now)
		return err
	})
	return out, err
}

// boardRequest loads a pending new-group request.
func (s *Service) boardRequest(ctx context.Context, id uuid.UUID) (JoinRequest, error) {
	r, err := s.store.JoinRequest(ctx, id)
	switch {
	case err != nil:
		return r, found(err, "request.not_found")
	case !r.NewGroup:
		return r, messages.Error(ErrNotAllowed, "request.principal_decides")
	case r.Status != RequestPending:
		return r, messages.Error(ErrNotAllowed, "request.decided")
	}
	return r, nil
}

// closeRequest records the decision and tells the requester (outbox).
func (s *Service) closeRequest(ctx context.Context, r JoinRequest, approve bool, reason string, by uuid.UUID, now time.Time) (JoinRequest, error) {
	r.Status, r.DecidedBy, r.DecidedAt, r.Reason = RequestRefused, by, now, reason
	topic := TopicJoinRequestRefused
	if approve {
		r.Status, topic = RequestApproved, TopicJoinRequestApproved
	}
	if err := s.store.UpdateJoinRequest(ctx, &r); err != nil {
		return r, err
	}
	return r, s.emit(ctx, topic, r.GroupID, r.ID, now, requestPayload(r))
}

// admit makes the user an active member of the group with roles: it
// attaches the user to the group's company, refuses a user of another
// company, and reactivates a former membership rather than creating a
// second one. The caller holds the group's lock.
func (s *Service) admit(ctx context.Context, userID, groupID uuid.UUID, roles []Role, by uuid.UUID, now time.Time) error {
	g, err := s.store.Group(ctx, groupID)
	if err != nil {
		return err
	}
	u, err := s.liveUser(ctx, userID)
	if err != nil {
		return err
	}
	switch u.CompanyID {
	case g.CompanyID:
	case uuid.Nil:
		u.CompanyID = g.CompanyID
		if err := s.store.UpdateUser(ctx, &u); err != nil {
			return err
		}
	default:
		return messages.Error(ErrNotAllowed, "member.other_company")
	}
	m, err := s.store.Membership(ctx, groupID, userID)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		m = Membership{GroupID: groupID, UserID: userID, Roles: roles, Active: true, JoinedAt: now}
		err = s.store.CreateMembership(ctx, &m)
	case err != nil:
	case m.Active:
		return messages.Error(ErrNotAllowed, "member.already")
	default:
		m.Roles, m.Active, m.JoinedAt, m.RemovedAt, m.RemovedBy = roles, true, now, time.Time{}, uuid.Nil
		err = s.store.UpdateMembership(ctx, &m)
	}
	if err != nil {
		return err
	}
	return s.emit(ctx, TopicMemberAdded, groupID, userID, now, MemberPayload{GroupID: groupID, UserID: userID, Roles: roles, By: by})
}

// validRoles checks a set of roles and returns it sorted by authority
// without duplicates.
func validRoles(field string, roles []Role) ([]Role, error) {
	v := messages.Validator()
	if tooManyRoles(v, field, roles) {
		return nil, v.Err()
	}
	if len(roles) == 0 {
		v.Add(field, "roles.required")
	}
	for _, r := range roles {
		if !r.Valid() {
			v.Add(field, "role.unknown")
			break
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out []Role
	for _, r := range Roles() {
		if slices.Contains(roles, r) {
			out = append(out, r)
		}
	}
	return out, nil
}
