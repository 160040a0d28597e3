package postgres

import (
	"context"
	"strconv"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/page"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Paged group lists (group.ListStore): keyset pages over the indexes that
// serve each order, WHERE (sort columns) > (cursor) ORDER BY … LIMIT n.

// MembersOfGroupPage returns a group's memberships, active or not, after
// w.After in join time then user ID order, at most w.Limit (0: all).
func (s *Store) MembersOfGroupPage(ctx context.Context, groupID uuid.UUID, w page.Window) ([]group.Membership, error) {
	var c where
	c.add(`group_id = ?`, groupID)
	c.afterTime(`joined_at`, `user_id`, w.After)
	return list(ctx, s, "members of group", `SELECT `+membershipColumns+` FROM {s}babillard_memberships`, c, `joined_at, user_id`, w.Limit, scanMembership)
}

// ActiveMembershipsOfUser returns a user's active memberships after
// w.After in join time then group ID order, at most w.Limit (0: all).
func (s *Store) ActiveMembershipsOfUser(ctx context.Context, userID uuid.UUID, w page.Window) ([]group.Membership, error) {
	var c where
	c.add(`user_id = ?`, userID)
	c.add(`active = ?`, true)
	c.afterTime(`joined_at`, `group_id`, w.After)
	return list(ctx, s, "memberships of user", `SELECT `+membershipColumns+` FROM {s}babillard_memberships`, c, `joined_at, group_id`, w.Limit, scanMembership)
}

// InvitationsOfGroupPage returns a group's invitations after w.After in
// creation time then ID order, at most w.Limit (0: all).
func (s *Store) InvitationsOfGroupPage(ctx context.Context, groupID uuid.UUID, w page.Window) ([]group.Invitation, error) {
	var c where
	c.add(`group_id = ?`, groupID)
	c.afterTime(`created_at`, `id`, w.After)
	return list(ctx, s, "invitations of group", `SELECT `+invitationColumns+` FROM {s}babillard_invitations`, c, `created_at, id`, w.Limit, scanInvitation)
}

// GroupsOfCompanyPage returns a company's groups after w.After in creation
// time then ID order, at most w.Limit (0: all).
func (s *Store) GroupsOfCompanyPage(ctx context.Context, companyID uuid.UUID, w page.Window) ([]group.Group, error) {
	var c where
	c.add(`company_id = ?`, companyID)
	c.afterTime(`created_at`, `id`, w.After)
	return list(ctx, s, "groups of company", `SELECT `+groupColumns+` FROM {s}babillard_groups`, c, `created_at, id`, w.Limit, scanGroup)
}

// JoinRequestsPage returns the requests matching q after w.After in
// creation time then ID order, at most w.Limit (0: all).
func (s *Store) JoinRequestsPage(ctx context.Context, q group.JoinRequestQuery, w page.Window) ([]group.JoinRequest, error) {
	var c where
	if q.UserID != uuid.Nil {
		c.add(`user_id = ?`, q.UserID)
	}
	if q.GroupID != uuid.Nil {
		c.add(`group_id = ?`, q.GroupID)
	}
	if q.CompanyID != uuid.Nil {
		c.add(`company_id = ?`, q.CompanyID)
	}
	if q.Status != "" {
		c.add(`status = ?`, string(q.Status))
	}
	if q.NewGroup != nil {
		c.add(`new_group = ?`, *q.NewGroup)
	}
	c.afterTime(`created_at`, `id`, w.After)
	return list(ctx, s, "join requests", `SELECT `+joinRequestColumns+` FROM {s}babillard_join_requests`, c, `created_at, id`, w.Limit, scanJoinRequest)
}

// SearchCompaniesPage returns the companies matching q after w.After in
// legal name (byte-wise) then ID order, at most w.Limit (0: all); q.Limit
// is ignored.
func (s *Store) SearchCompaniesPage(ctx context.Context, q group.CompanyQuery, w page.Window) ([]group.Company, error) {
	c := companyWhere(q)
	if !w.After.IsZero() {
		c.args = append(c.args, w.After.Text, w.After.ID)
		n := len(c.args)
		c.conds = append(c.conds, `(legal_name, id) > ($`+strconv.Itoa(n-1)+`::text COLLATE "C", $`+strconv.Itoa(n)+`::uuid)`)
	}
	return list(ctx, s, "search companies", `SELECT `+companyColumns+` FROM {s}babillard_companies`, c, `legal_name, id`, w.Limit, scanCompany)
}

// afterTime adds the keyset condition (timeCol, idCol) > (k.Time, k.ID),
// unless k is zero (the first page).
func (w *where) afterTime(timeCol, idCol string, k page.Key) {
	if k.IsZero() {
		return
	}
	w.args = append(w.args, k.Time, k.ID)
	n := len(w.args)
	w.conds = append(w.conds, `(`+timeCol+`, `+idCol+`) > ($`+strconv.Itoa(n-1)+`::timestamptz, $`+strconv.Itoa(n)+`::uuid)`)
}

// list runs selectFrom with the conditions of c, ordered by orderBy, at most
// limit rows (0: all), and scans each row.
func list[T any](ctx context.Context, s *Store, op, selectFrom string, c where, orderBy string, limit int, scan func(pgx.Row) (T, error)) ([]T, error) {
	query := selectFrom + c.clause() + ` ORDER BY ` + orderBy
	args := c.args
	if limit > 0 {
		args = append(args, limit)
		query += ` LIMIT $` + strconv.Itoa(len(args))
	}
	rows, err := s.db(ctx).Query(ctx, s.sql(query), args...)
	if err != nil {
		return nil, mapErr(op, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (T, error) { return scan(row) })
	if err != nil {
		return nil, mapErr(op, err)
	}
	return out, nil
}
